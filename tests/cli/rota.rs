//! Fixture pairs for the rota rules, one per code, on a week (2026-W49)
//! that has not ended by the fixtures' today; and the edges the pairs do not
//! show: other reasons for the same code, the travel matrix, labels that
//! match no rule, and rotas of weeks that have ended.

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const ROTA: &str = "rotas/2026-W49.yaml";
/// A correct rota of the base agency's week: seven morning visits by C-0001.
const WEEK: &str = include_str!("../fixtures/rules/rota-double-up/pass/rotas/2026-W49.yaml");

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// `text` with each `(old, new)` replaced once.
fn replaced(text: &str, edits: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (old, new) in edits {
        assert!(out.contains(old), "no `{old}` in\n{out}");
        out = out.replacen(old, new, 1);
    }
    out
}

/// Applies edits to a file of a fixture.
fn edit(fx: &Fixture, file: &str, edits: &[(&str, &str)]) {
    let path = fx.path().join(file);
    let content = std::fs::read_to_string(&path).expect("fixture file");
    fx.write(file, replaced(&content, edits));
}

/// The base agency with the week's rota edited.
fn base_with_rota(edits: &[(&str, &str)]) -> Fixture {
    let fx = Fixture::base();
    fx.write(ROTA, replaced(WEEK, edits));
    fx
}

/// The rota line of the visit on `date`.
const MON: &str = "date: 2026-11-30, start: \"08:00\", end: \"09:00\", carers: [C-0001]";
const THU: &str = "date: 2026-12-03, start: \"08:00\", end: \"09:00\", carers: [C-0001]";

#[test]
fn the_full_week_is_clean() {
    let run = base_with_rota(&[]).check(&[]);
    run.expect_clean();
    assert!(run.findings().is_empty(), "{}", run.stdout);
}

#[test]
fn skill() {
    let f = rule_pair("rota-skill", "rota/skill", ROTA, 7);
    assert!(
        text(&f, "message").contains("Tom Baker (C-0002) lacks skill hoist"),
        "{f}"
    );
    assert!(text(&f, "message").contains("2026-12-01"), "{f}");
}

#[test]
fn unavailable() {
    let f = rule_pair("rota-unavailable", "rota/unavailable", ROTA, 8);
    assert!(
        text(&f, "message").contains("unavailable (dentist, 2026-12-02 to 2026-12-02)"),
        "{f}"
    );
}

#[test]
fn unavailable_outside_availability_on_a_day_off_or_after_leaving() {
    let fx = base_with_rota(&[]);
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[("  thu: [\"07:00-22:00\"]\n", "  thu: [\"08:30-22:00\"]\n")],
    );
    let f = fx.check(&[]).expect("rota/unavailable", ROTA, 9);
    assert!(
        text(&f, "message").contains(
            "(08:00-09:00) is outside Aisha Khan (C-0001)'s availability on thu (08:30-22:00)"
        ),
        "{f}"
    );
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[("  thu: [\"08:30-22:00\"]\n", "")],
    );
    let f = fx.check(&[]).expect("rota/unavailable", ROTA, 9);
    assert!(text(&f, "message").contains("does not work on Thus"), "{f}");
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[("status: active", "status: leaver")],
    );
    let run = fx.check(&[]);
    let f = run.expect("rota/unavailable", ROTA, 6);
    assert!(text(&f, "message").contains("has left"), "{f}");
    assert_eq!(run.with_code("rota/unavailable").len(), 7);
}

#[test]
fn overlap() {
    let f = rule_pair("rota-overlap", "rota/overlap", ROTA, 7);
    let message = text(&f, "message");
    assert!(message.contains("has 5 min between"), "{f}");
    assert!(
        message.contains("needs 11 min to travel there by car"),
        "{f}"
    );
    assert_eq!(f["related"][0]["line"], 6, "{f}");
}

#[test]
fn overlap_of_visits_at_the_same_time() {
    let fx = Fixture::rule("rota-overlap", "pass");
    edit(
        &fx,
        ROTA,
        &[(
            "start: \"09:15\", end: \"09:45\"",
            "start: \"08:30\", end: \"09:00\"",
        )],
    );
    let f = fx.check(&[]).expect("rota/overlap", ROTA, 7);
    assert!(text(&f, "message").contains("visits overlap"), "{f}");
}

#[test]
fn overlap_uses_the_travel_matrix() {
    let fx = Fixture::rule("rota-overlap", "pass");
    fx.check(&[]).expect_none("rota/overlap");
    edit(
        &fx,
        "agency.yaml",
        &[(
            "office:",
            "policy:\n  travel: {matrix: travel-times.csv}\noffice:",
        )],
    );
    fx.write(
        "travel-times.csv",
        "from,to,minutes,mode\nSU-0002,SU-0001,20\nSU-0001,SU-0002,10,walk\n",
    );
    let f = fx.check(&[]).expect("rota/overlap", ROTA, 7);
    assert!(text(&f, "message").contains("needs 20 min"), "{f}");
}

#[test]
fn a_bad_travel_matrix_is_reported_and_estimates_serve() {
    let fx = Fixture::rule("rota-overlap", "fail");
    edit(
        &fx,
        "agency.yaml",
        &[(
            "office:",
            "policy:\n  travel: {matrix: travel-times.csv}\noffice:",
        )],
    );
    let run = fx.check(&[]);
    let f = run.expect("io/unreadable", "agency.yaml", 4);
    assert!(text(&f, "message").contains("travel-times.csv"), "{f}");
    run.expect("rota/overlap", ROTA, 7);
    fx.write(
        "travel-times.csv",
        "SU-0001,SU-0002,12\nSU-0002,SU-0001,about ten\n",
    );
    let f = fx.check(&[]).expect("schema/format", "agency.yaml", 4);
    assert!(text(&f, "message").contains("line 2"), "{f}");
}

#[test]
fn double_up() {
    let f = rule_pair("rota-double-up", "rota/double-up", ROTA, 9);
    assert!(
        text(&f, "message").contains("needs 1 carer, but 2 are assigned"),
        "{f}"
    );
}

#[test]
fn double_up_short_of_a_carer_the_same_carer_twice_or_planned_twice() {
    let fx = base_with_rota(&[(
        "date: 2026-11-30, start: \"08:00\", end: \"09:00\", carers: [C-0001]",
        "date: 2026-11-30, start: \"08:00\", end: \"09:00\", carers: [C-0001, C-0001]",
    )]);
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        &[("    duration: 1h\n", "    duration: 1h\n    carers: 2\n")],
    );
    let run = fx.check(&[]);
    let f = run.expect("rota/double-up", ROTA, 6);
    assert!(
        text(&f, "message").contains("`C-0001` is assigned twice"),
        "{f}"
    );
    let f = run.expect("rota/double-up", ROTA, 7);
    assert!(
        text(&f, "message").contains("needs 2 carers, but 1 is assigned"),
        "{f}"
    );
    let fx = base_with_rota(&[(
        THU,
        &format!("{THU}}}\n  - {{service_user: SU-0001, label: morning, {THU}"),
    )]);
    let f = fx.check(&[]).expect("rota/double-up", ROTA, 10);
    assert!(text(&f, "message").contains("planned twice"), "{f}");
}

#[test]
fn excluded_carer() {
    let f = rule_pair("rota-excluded-carer", "rota/excluded-carer", ROTA, 10);
    assert!(
        text(&f, "message").contains("Tom Baker (C-0002) is excluded"),
        "{f}"
    );
}

#[test]
fn excluded_carer_of_the_wrong_gender() {
    let fx = base_with_rota(&[]);
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        &[("preferred_carers: [C-0001]", "carer_gender: male")],
    );
    let run = fx.check(&[]);
    let f = run.expect("rota/excluded-carer", ROTA, 6);
    assert!(
        text(&f, "message").contains("asks for a male carer, but Aisha Khan (C-0001) (female)"),
        "{f}"
    );
    assert_eq!(run.with_code("rota/excluded-carer").len(), 7);
}

#[test]
fn late() {
    let f = rule_pair("rota-late", "rota/late", ROTA, 11);
    assert!(
        text(&f, "message").contains("starts at 09:15, 15 min after its window 08:00-09:00"),
        "{f}"
    );
    assert_eq!(f["severity"], "warning");
}

#[test]
fn outside_window() {
    let f = rule_pair("rota-outside-window", "rota/outside-window", ROTA, 12);
    assert!(
        text(&f, "message").contains("starts at 07:30, 30 min before its window"),
        "{f}"
    );
}

#[test]
fn outside_window_when_later_than_max_late_minutes() {
    let fx = base_with_rota(&[(
        MON,
        "date: 2026-11-30, start: \"09:31\", end: \"10:31\", carers: [C-0001]",
    )]);
    let run = fx.check(&[]);
    let f = run.expect("rota/outside-window", ROTA, 6);
    assert!(
        text(&f, "message")
            .contains("31 min after its window 08:00-09:00; the most allowed is 30 min"),
        "{f}"
    );
    run.expect_none("rota/late");
    let fx = base_with_rota(&[(
        MON,
        "date: 2026-11-30, start: \"09:30\", end: \"10:30\", carers: [C-0001]",
    )]);
    let run = fx.check(&[]);
    run.expect("rota/late", ROTA, 6);
    run.expect_none("rota/outside-window");
}

#[test]
fn missing_visit() {
    let f = rule_pair("rota-missing-visit", "rota/missing-visit", ROTA, 5);
    let message = text(&f, "message");
    assert!(
        message.contains("Margaret Ellis's `morning` visit on Sun 2026-12-06"),
        "{f}"
    );
    assert_eq!(f["severity"], "warning");
}

#[test]
fn missing_visit_only_for_people_receiving_care_and_rules_in_force() {
    let fx = Fixture::rule("rota-missing-visit", "fail");
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        &[(
            "valid_from: 2026-10-01",
            "valid_from: 2026-10-01\nvalid_to: 2026-12-05",
        )],
    );
    fx.check(&[]).expect_none("rota/missing-visit");
    let fx = Fixture::rule("rota-missing-visit", "fail");
    edit(
        &fx,
        "service-users/SU-0001.yaml",
        &[("status: active", "status: hospital")],
    );
    fx.check(&[]).expect_none("rota/missing-visit");
}

#[test]
fn hours() {
    let f = rule_pair("rota-hours", "rota/hours", ROTA, 6);
    assert!(
        text(&f, "message").contains("Aisha Khan (C-0001) works 7 h in week 2026-W49"),
        "{f}"
    );
    assert!(text(&f, "message").contains("the most is 6 h"), "{f}");
}

#[test]
fn hours_count_travel_between_visits() {
    let fx = Fixture::rule("rota-overlap", "pass");
    edit(
        &fx,
        "agency.yaml",
        &[(
            "office:",
            "policy:\n  working_time: {max_weekly_hours: 7.6}\noffice:",
        )],
    );
    let f = fx.check(&[]).expect("rota/hours", ROTA, 6);
    assert!(
        text(&f, "message").contains(
            "works 7 h 41 min in week 2026-W49 (7 h 30 min of visits and 11 min of travel"
        ),
        "{f}"
    );
}

#[test]
fn rest() {
    let f = rule_pair("rota-rest", "rota/rest", ROTA, 8);
    assert!(
        text(&f, "message").contains("10 h 45 min of rest between 21:15 on Mon 2026-11-30"),
        "{f}"
    );
    assert_eq!(f["related"][0]["line"], 7, "{f}");
}

#[test]
fn gap() {
    let f = rule_pair("rota-gap", "rota/gap", ROTA, 7);
    assert!(
        text(&f, "message").contains("3 h 15 min after the `morning` visit (08:45)"),
        "{f}"
    );
    assert!(text(&f, "message").contains("at least 4h"), "{f}");
}

#[test]
fn gap_longer_than_max_gap() {
    let fx = Fixture::rule("rota-gap", "pass");
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        &[("min_gap: 4h}", "min_gap: 3h, max_gap: 3h30m}")],
    );
    let f = fx.check(&[]).expect("rota/gap", ROTA, 7);
    assert!(text(&f, "message").contains("at most 3 h 30 min"), "{f}");
}

#[test]
fn a_label_no_rule_has_is_an_unknown_reference() {
    let fx = base_with_rota(&[(
        "label: morning, date: 2026-12-01",
        "label: mornin, date: 2026-12-01",
    )]);
    let run = fx.check(&[]);
    let f = run.expect("ref/unknown", ROTA, 7);
    assert!(
        text(&f, "message").contains("no visit labelled `mornin` in the visit rules of SU-0001"),
        "{f}"
    );
    assert!(text(&f, "help").contains("did you mean `morning`?"), "{f}");
    // The visit is then missing, not planned.
    run.expect("rota/missing-visit", ROTA, 5);
}

#[test]
fn a_rota_of_a_week_that_has_ended_is_not_checked() {
    // 2026-W47 ended on Sunday 22 November, the day before the fixtures' today.
    let broken = replaced(
        &WEEK
            .replace("2026-W49", "2026-W47")
            .replace("2026-11-30", "2026-11-16"),
        &[
            ("carers: [C-0001]", "carers: [C-0001, C-0001]"),
            ("start: \"08:00\"", "start: \"06:00\""),
        ],
    );
    let fx = Fixture::base();
    fx.write("rotas/2026-W47.yaml", &broken);
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[("status: active", "status: leaver")],
    );
    let run = fx.check(&[]);
    let rota: Vec<Value> = run
        .findings()
        .into_iter()
        .filter(|f| text(f, "code").starts_with("rota/"))
        .collect();
    assert!(rota.is_empty(), "{rota:?}");
    // The week that holds today is checked.
    fx.write(
        "rotas/2026-W47.yaml",
        broken.replace("2026-W47", "2026-W48"),
    );
    assert!(!fx.check(&[]).with_code("rota/double-up").is_empty());
}

// Issue 13: working time averaged over the reference period, a written
// opt-out honoured, a per-week ceiling; no visit for a carer not cleared.

#[test]
fn week_hours() {
    let f = rule_pair("rota-week-hours", "rota/week-hours", ROTA, 6);
    assert_eq!(f["severity"], "warning", "{f}");
    assert!(
        text(&f, "message").contains("most in one week is 6 h"),
        "{f}"
    );
    // The same week is within the 48-hour average.
    Fixture::rule("rota-week-hours", "fail")
        .check(&[])
        .expect_none("rota/hours");
}

#[test]
fn hours_honour_a_written_opt_out() {
    let fx = Fixture::rule("rota-hours", "fail");
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[(
            "appraisal:",
            "working_time_opt_out: {signed: 2026-01-05}\nappraisal:",
        )],
    );
    fx.check(&[]).expect_none("rota/hours");
    // Withdrawn before the week: the limit applies again.
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[(
            "{signed: 2026-01-05}",
            "{signed: 2026-01-05, withdrawn: 2026-11-01}",
        )],
    );
    fx.check(&[]).expect("rota/hours", ROTA, 6);
}

/// A rota for week 47 with one hour for C-0001, on Monday 16 November.
fn one_hour_in_week_47(fx: &Fixture) {
    fx.write(
        "rotas/2026-W47.yaml",
        "kind: rota\nid: rota-2026-W47\nweek: 2026-W47\n\
         generated: {at: \"2026-11-09T10:00:00Z\", by: carebook 0.1.0, seed: 1}\nvisits:\n  \
         - {service_user: SU-0001, label: morning, date: 2026-11-16, start: \"08:00\", end: \"09:00\", carers: [C-0001]}\n\
         unassigned: []\n",
    );
}

#[test]
fn hours_average_over_earlier_rotas() {
    // 7 h this week and 1 h in week 47: 4 h on average, within 6.
    let fx = Fixture::rule("rota-hours", "fail");
    one_hour_in_week_47(&fx);
    fx.check(&[]).expect_none("rota/hours");
}

#[test]
fn hours_average_leaves_out_days_of_leave_which_counted_as_weeks_worked_before() {
    // 7 h this week and 1 h in week 47 is 4 h on average; but C-0001 was
    // on leave for six days of week 47, so it counts as a seventh of a
    // week: 8 h over 1.14 weeks, 7 h on average, over the 6 h.
    let fx = Fixture::rule("rota-hours", "fail");
    one_hour_in_week_47(&fx);
    fx.check(&[]).expect_none("rota/hours");
    edit(
        &fx,
        "carers/C-0001.yaml",
        &[(
            "appraisal:",
            "unavailable:\n  - {from: 2026-11-17, to: 2026-11-22, reason: annual-leave}\nappraisal:",
        )],
    );
    let f = fx.check(&[]).expect("rota/hours", ROTA, 6);
    assert!(
        text(&f, "message").contains("leaving out 6 days of leave"),
        "{f}"
    );
}

#[test]
fn not_cleared() {
    // C-0002's right to work ends the day before their visit.
    let f = rule_pair("rota-not-cleared", "rota/not-cleared", ROTA, 7);
    assert!(
        text(&f, "message").contains("right to work lapsed on 2026-11-30"),
        "{f}"
    );
}

#[test]
fn a_lapsed_competency_is_no_skill_on_the_day() {
    let fx = Fixture::rule("rota-not-cleared", "pass");
    edit(
        &fx,
        "carers/C-0002.yaml",
        &[("assessed: 2026-10-01", "assessed: 2025-11-15")],
    );
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        &[("skills: [hoist]", "skills: [hoist, medication]")],
    );
    let f = fx.check(&[]).expect("rota/skill", ROTA, 7);
    assert!(
        text(&f, "message").contains("assessment lapsed 2026-11-15"),
        "{f}"
    );
}

#[test]
fn hours_average_counts_visit_logs_of_earlier_weeks() {
    // No rota for week 47, but its visit log: 1 h there keeps the average
    // at 4 h; a logged 10-hour stay (a long day) takes it to 8 h 30 min.
    let log = |departed: &str| {
        format!(
            "kind: visit-log\nid: log-SU-0001-2026-W47\nservice_user: SU-0001\nweek: 2026-W47\n\
             visits:\n  - date: 2026-11-16\n    label: morning\n    outcome: completed\n    \
             carers: [C-0001]\n    arrived: \"08:00\"\n    departed: \"{departed}\"\n"
        )
    };
    let fx = Fixture::rule("rota-hours", "fail");
    fx.write("logs/SU-0001/2026-W47.yaml", log("09:00"));
    fx.check(&[]).expect_none("rota/hours");
    fx.write("logs/SU-0001/2026-W47.yaml", log("18:00"));
    let f = fx.check(&[]).expect("rota/hours", ROTA, 6);
    assert!(
        text(&f, "message").contains("an average of 8 h 30 min over the 2 weeks"),
        "{f}"
    );
}
