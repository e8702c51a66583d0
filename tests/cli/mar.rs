//! Medicines (issue 11, MAR; issue 13 point 6): doses in the plan against
//! the visits, and medication administration records against the plan.
//! Each rule has a fail/pass fixture pair asserting code, file and line.

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const MAR: &str = "mar/SU-0001/2026-W47.yaml";
const CP: &str = "care-plans/CP-0001.yaml";
const VR: &str = "visit-rules/VR-0001.yaml";

fn text<'a>(f: &'a Value, field: &str) -> &'a str {
    f[field].as_str().unwrap_or_default()
}

#[test]
fn a_complete_week_of_mar_is_clean() {
    Fixture::rule("mar-gap", "pass").check(&[]).expect_clean();
}

#[test]
fn medication_dose_not_covered() {
    let f = rule_pair(
        "medication-dose-not-covered",
        "medication/dose-not-covered",
        CP,
        22,
    );
    assert!(text(&f, "message").contains("13:00"), "{f}");
    assert!(text(&f, "help").contains("given_by: family"), "{f}");
}

#[test]
fn medication_window_too_wide() {
    let f = rule_pair(
        "medication-window-too-wide",
        "medication/window-too-wide",
        VR,
        10,
    );
    // 08:00-09:00 plus 30 minutes' lateness against 08:00 ± 30 minutes.
    assert!(text(&f, "message").contains("from 08:00 to 09:30"), "{f}");
    assert!(text(&f, "help").contains("`07:30-08:00`"), "{f}");
}

#[test]
fn mar_gap() {
    let f = rule_pair("mar-gap", "mar/gap", MAR, 4);
    assert!(
        text(&f, "message").contains("1 dose of Paracetamol 500mg in 2026-W47"),
        "{f}"
    );
}

#[test]
fn mar_gap_without_a_file_for_the_week_points_at_the_plan() {
    let fx = Fixture::rule("mar-gap", "pass");
    let week = std::fs::read_to_string(fx.path().join(MAR)).expect("fixture");
    let earlier = week
        .replace("2026-W47", "2026-W46")
        .replace("2026-11-1", "2026-11-0")
        .replace("2026-11-2", "2026-11-1");
    fx.write("mar/SU-0001/2026-W46.yaml", earlier);
    std::fs::remove_file(fx.path().join(MAR)).expect("remove");
    let run = fx.check(&[]);
    let f = run.expect("mar/gap", CP, 22);
    assert!(
        text(&f, "message").contains("no MAR for SU-0001 in 2026-W47"),
        "{f}"
    );
    assert!(
        text(&f, "help").contains("mar/SU-0001/2026-W47.yaml"),
        "{f}"
    );
}

#[test]
fn mar_time_critical_late() {
    let f = rule_pair("mar-time-critical-late", "mar/time-critical-late", MAR, 9);
    assert!(text(&f, "message").contains("45 minutes late"), "{f}");
}

#[test]
fn mar_repeated_refusal() {
    let f = rule_pair("mar-repeated-refusal", "mar/repeated-refusal", MAR, 8);
    assert!(text(&f, "message").contains("2 times within 7 days"), "{f}");
}

#[test]
fn mar_prn_no_protocol() {
    rule_pair("mar-prn-no-protocol", "mar/prn-no-protocol", MAR, 21);
}

#[test]
fn mar_prn_over_max() {
    let f = rule_pair("mar-prn-over-max", "mar/prn-over-max", MAR, 23);
    assert!(text(&f, "message").contains("3 doses"), "{f}");
}

#[test]
fn mar_prn_sooner_than_the_minimum_gap() {
    let fx = Fixture::rule("mar-prn-over-max", "pass");
    let text_of = std::fs::read_to_string(fx.path().join(MAR)).expect("fixture");
    fx.write(MAR, text_of.replace("13:00", "10:00"));
    let f = fx.check(&[]).expect("mar/prn-over-max", MAR, 22);
    assert!(text(&f, "message").contains("120 minutes after"), "{f}");
}

#[test]
fn mar_carer_no_skill() {
    rule_pair("mar-carer-no-skill", "mar/carer-no-skill", MAR, 12);
}

/// Regression: the rule read the carer's plain `skills`, so a medication
/// competency assessed after the dose counted; it is judged on the day of
/// the dose, as the rota engine gates it (`Carer::skill_on`).
#[test]
fn mar_carer_no_skill_gained_after_the_dose_date_does_not_count() {
    let fx = Fixture::rule("mar-carer-no-skill", "pass");
    fx.replace(
        "carers/C-0001.yaml",
        "{skill: medication, assessed: 2026-10-01,",
        "{skill: medication, assessed: 2026-11-18,",
    );
    let run = fx.check(&[]);
    let f = run.expect("mar/carer-no-skill", MAR, 6);
    assert!(
        text(&f, "message").contains(
            "C-0001 gave a dose on 2026-11-16 but does not have the skill `medication` on that \
             day (not recorded)"
        ),
        "{f}"
    );
    // From the day of the assessment, the doses count.
    let lines: Vec<u64> = run
        .with_code("mar/carer-no-skill")
        .iter()
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(lines, vec![6, 7, 8, 9], "the doses of 16 and 17 November");
}

#[test]
fn mar_unknown_medicine() {
    let f = rule_pair("mar-unknown-medicine", "mar/unknown-medicine", MAR, 14);
    assert!(text(&f, "help").contains("`Paracetamol 500mg`"), "{f}");
}

#[test]
fn mar_not_scheduled() {
    rule_pair("mar-not-scheduled", "mar/not-scheduled", MAR, 20);
}

#[test]
fn mar_duplicate() {
    rule_pair("mar-duplicate", "mar/duplicate", MAR, 20);
}

#[test]
fn mar_outside_week() {
    rule_pair("mar-outside-week", "mar/outside-week", MAR, 20);
}

#[test]
fn mar_incomplete() {
    let f = rule_pair("mar-incomplete", "mar/incomplete", MAR, 18);
    assert!(text(&f, "message").contains("`given_at`"), "{f}");
}

#[test]
fn mar_unknown_carer_is_ref_unknown() {
    let fx = Fixture::rule("mar-gap", "pass");
    let week = std::fs::read_to_string(fx.path().join(MAR)).expect("fixture");
    fx.write(MAR, week.replacen("C-0001", "C-0099", 1));
    fx.check(&[]).expect("ref/unknown", MAR, 6);
}

#[test]
fn a_time_that_is_not_a_time_is_a_schema_finding_at_its_line() {
    let fx = Fixture::rule("mar-gap", "pass");
    let week = std::fs::read_to_string(fx.path().join(MAR)).expect("fixture");
    fx.write(MAR, week.replacen("\"08:10\"", "\"8.10am\"", 1));
    fx.check(&[]).expect("schema/format", MAR, 6);
}

#[test]
fn a_misspelt_field_of_a_dose_time_is_named_with_a_suggestion() {
    let fx = Fixture::base();
    let plan = std::fs::read_to_string(fx.path().join(CP)).expect("fixture");
    fx.write(
        CP,
        plan.replace(
            r#"times: ["08:00"]"#,
            r#"times: ["08:00", {time: "12:00", givenby: family}]"#,
        ),
    );
    let f = fx.check(&[]).expect("schema/unknown-field", CP, 22);
    assert!(text(&f, "help").contains("`given_by`"), "{f}");
}

#[test]
fn the_mar_chart_marks_a_gap_and_counts_it() {
    let fx = Fixture::rule("mar-gap", "fail");
    let run = fx.run(&[
        "report",
        "mar",
        ".",
        "--id",
        "SU-0001",
        "--format",
        "md",
        "--out",
        "out",
        "--today",
        crate::support::TODAY,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let chart = std::fs::read_to_string(fx.path().join("out/mar-SU-0001.md")).expect("chart");
    assert!(
        chart.contains("13 of 14 doses carers give are recorded"),
        "{chart}"
    );
    assert!(chart.contains("**1 with no record**"), "{chart}");
    assert!(chart.contains("| **–** |"), "{chart}");
    // Co-careldopa is time-critical: each cell shows the time given.
    assert!(chart.contains("08:35"), "{chart}");
}

#[test]
fn the_pack_shows_mar_completeness_and_time_critical_doses_under_safe() {
    let fx = Fixture::rule("mar-time-critical-late", "fail");
    let run = fx.run(&[
        "report",
        "inspection",
        ".",
        "--format",
        "md",
        "--out",
        "out",
        "--today",
        crate::support::TODAY,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let pack = std::fs::read_to_string(fx.path().join("out/inspection.md")).expect("pack");
    assert!(
        pack.contains("| Medication administration records | 14 of 14 doses carers give"),
        "{pack}"
    );
    assert!(
        pack.contains("| Time-critical doses on time | 6 of 7 time-critical doses"),
        "{pack}"
    );
    assert!(pack.contains("▲ Evidence partial"), "{pack}");
}
