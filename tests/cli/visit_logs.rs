//! Rules about care delivered (visit logs, call monitoring): a fail/pass
//! fixture pair each, asserting code, file and line.

use crate::support::{Fixture, rule_pair};

const LOG: &str = "logs/SU-0001/2026-W47.yaml";

fn text(f: &serde_json::Value) -> String {
    f["message"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn visit_missed() {
    let f = rule_pair("visit-missed", "visit/missed", "rotas/2026-W47.yaml", 6);
    assert_eq!(f["severity"], "error", "{f}");
    assert!(
        text(&f).contains("morning visit of SU-0001 on 2026-11-17"),
        "{f}"
    );
}

#[test]
fn visit_logged_as_missed_is_missed_at_its_outcome() {
    let fx = Fixture::rule("visit-no-reason", "pass");
    let log = std::fs::read_to_string(fx.path().join(LOG)).expect("log");
    fx.write(LOG, log.replace("cancelled-by-person", "missed"));
    fx.check(&[]).expect("visit/missed", LOG, 8);
}

#[test]
fn missed_visits_are_not_judged_before_call_monitoring_began() {
    // The fail fixture's log starts in 2026-W47; from W48 on, W47's rota
    // is from before call monitoring.
    let fx = Fixture::rule("visit-missed", "fail");
    fx.write(
        "agency.yaml",
        "kind: agency\nname: Fixture Home Care\noffice: {lat: 51.4545, lon: -2.5879}\npolicy:\n  calls: {from: 2026-11-18}\n",
    );
    fx.check(&[]).expect_none("visit/missed");
}

#[test]
fn visit_late() {
    let f = rule_pair("visit-late", "visit/late", LOG, 10);
    assert_eq!(f["severity"], "warning", "{f}");
    assert!(
        text(&f).contains("20 minutes after the morning visit was due"),
        "{f}"
    );
}

#[test]
fn visit_early() {
    let f = rule_pair("visit-early", "visit/early", LOG, 10);
    assert!(
        text(&f).contains("20 minutes before the morning window"),
        "{f}"
    );
}

#[test]
fn visit_short_stay() {
    let f = rule_pair("visit-short-stay", "visit/short-stay", LOG, 11);
    assert!(
        text(&f).contains("stayed 35 minutes of the 60 minutes"),
        "{f}"
    );
}

#[test]
fn visit_single_handed() {
    rule_pair("visit-single-handed", "visit/single-handed", LOG, 9);
}

#[test]
fn visit_carer_skill() {
    let f = rule_pair("visit-carer-skill", "visit/carer-skill", LOG, 9);
    assert!(text(&f).contains("without the skill peg-feeding"), "{f}");
}

/// Regression: the rule read the carer's plain `skills`, so a skill whose
/// assessment came after the visit counted; it is judged on the visit's
/// day, as the rota engine gates it (`Carer::skill_on`).
#[test]
fn visit_carer_skill_gained_after_the_visit_date_does_not_count() {
    let fx = Fixture::rule("visit-carer-skill", "pass");
    fx.replace(
        "carers/C-0001.yaml",
        "{skill: peg-feeding, assessed: 2026-09-01,",
        "{skill: peg-feeding, assessed: 2026-11-20,",
    );
    let f = fx.check(&[]).expect("visit/carer-skill", LOG, 9);
    assert!(
        text(&f).contains("without the skill peg-feeding (not recorded) on that day"),
        "{f}"
    );
}

#[test]
fn visit_excluded_carer() {
    rule_pair("visit-excluded-carer", "visit/excluded-carer", LOG, 9);
}

#[test]
fn visit_unknown_visit() {
    rule_pair("visit-unknown-visit", "visit/unknown-visit", LOG, 7);
}

#[test]
fn visit_departure_before_arrival() {
    rule_pair(
        "visit-departure-before-arrival",
        "visit/departure-before-arrival",
        LOG,
        11,
    );
}

#[test]
fn visit_duplicate_entry() {
    rule_pair("visit-duplicate-entry", "visit/duplicate-entry", LOG, 12);
}

#[test]
fn visit_outside_week() {
    rule_pair("visit-outside-week", "visit/outside-week", LOG, 6);
}

#[test]
fn visit_no_times() {
    rule_pair("visit-no-times", "visit/no-times", LOG, 6);
}

#[test]
fn visit_no_reason() {
    rule_pair("visit-no-reason", "visit/no-reason", LOG, 8);
}

#[test]
fn a_log_naming_an_unknown_carer_is_ref_unknown_at_its_line() {
    rule_pair("visit-log-unknown-carer", "ref/unknown", LOG, 9);
}

#[test]
fn a_time_that_is_not_a_time_is_a_format_error_at_its_line() {
    let fx = Fixture::rule("visit-late", "pass");
    let log = std::fs::read_to_string(fx.path().join(LOG)).expect("log");
    fx.write(LOG, log.replace("\"09:10\"", "\"9.10am\""));
    fx.check(&[]).expect("schema/format", LOG, 10);
}

#[test]
fn todays_visits_are_not_judged_yet() {
    // A late arrival today: the day is not over, so nothing is judged.
    let fx = Fixture::rule("visit-late", "fail");
    let log = std::fs::read_to_string(fx.path().join(LOG)).expect("log");
    fx.write(
        "logs/SU-0001/2026-W48.yaml",
        log.replace("2026-W47", "2026-W48")
            .replace("2026-11-16", "2026-11-23"),
    );
    std::fs::remove_file(fx.path().join(LOG)).expect("rm");
    fx.check(&[]).expect_none("visit/late");
}
