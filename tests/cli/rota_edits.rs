//! Hand edits of a rota file that the other rota rules cannot see: a visit
//! cropped or ending before it starts, a visit dated outside the week, and
//! visits left unassigned (issue 10, "Wrong answers" 11 and 15).

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const ROTA: &str = "rotas/2026-W49.yaml";

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_visit_cropped_to_one_minute_is_not_what_the_rules_require() {
    let f = rule_pair("rota-duration", "rota/duration", ROTA, 7);
    assert!(
        text(&f, "message").contains("lasts 1 min (08:00-08:01), but its visit rules say 1 h"),
        "{f}"
    );
    assert!(text(&f, "help").contains("end it at 09:00"), "{f}");
    assert_eq!(f["related"][0]["file"], "visit-rules/VR-0001.yaml", "{f}");
    assert_eq!(f["related"][0]["line"], 11, "{f}");
}

#[test]
fn an_end_before_its_start_is_not_read_as_past_midnight() {
    let f = rule_pair("rota-end-before-start", "rota/end-before-start", ROTA, 7);
    assert!(
        text(&f, "message").contains("ends at 07:45 before it starts at 08:00"),
        "{f}"
    );
    assert!(text(&f, "help").contains("end it at 09:00"), "{f}");
    // One finding for the one mistake: not also a wrong duration, nor a
    // carer's day judged with a visit of nearly 24 hours.
    let run = Fixture::rule("rota-end-before-start", "fail").check(&[]);
    for code in [
        "rota/duration",
        "rota/unavailable",
        "rota/rest",
        "rota/hours",
    ] {
        run.expect_none(code);
    }
}

#[test]
fn a_visit_whose_rules_run_past_midnight_may_end_before_it_starts() {
    let fx = Fixture::rule("rota-end-before-start", "pass");
    let rules = std::fs::read_to_string(fx.path().join("visit-rules/VR-0001.yaml")).expect("rules");
    fx.write(
        "visit-rules/VR-0001.yaml",
        rules.replace("duration: 1h", "duration: 23h45m"),
    );
    let rota = std::fs::read_to_string(fx.path().join(ROTA)).expect("rota");
    fx.write(ROTA, rota.replace("end: \"09:00\"", "end: \"07:45\""));
    let run = fx.check(&[]);
    run.expect_none("rota/end-before-start");
    run.expect_none("rota/duration");
}

#[test]
fn a_visit_dated_outside_the_rotas_week_is_a_finding() {
    let f = rule_pair("rota-outside-week", "rota/outside-week", ROTA, 7);
    assert!(
        text(&f, "message").contains("Tue 2026-12-08 is dated outside the rota's week 2026-W49"),
        "{f}"
    );
    assert!(text(&f, "help").contains("2026-11-30 to 2026-12-06"), "{f}");
}

#[test]
fn unassigned_visits_in_a_written_rota_fail_the_check() {
    let f = rule_pair("rota-unassigned", "rota/unassigned", ROTA, 13);
    assert_eq!(f["severity"], "error", "{f}");
    assert!(
        text(&f, "message")
            .contains("the `morning` visit of SU-0001 on Tue 2026-12-01 has no carer"),
        "{f}"
    );
    assert!(
        text(&f, "help").contains("no carer with skills and availability"),
        "{f}"
    );
    let run = Fixture::rule("rota-unassigned", "fail").check(&[]);
    assert_ne!(run.status, 0, "{}", run.stdout);
}

/// `export hours` of the fixture `rule`/fail, week 2026-W49.
fn export_hours(rule: &str) -> crate::support::Run {
    Fixture::rule(rule, "fail").run(&["export", "hours", ".", "--week", "2026-W49"])
}

#[test]
fn an_end_before_its_start_is_exported_as_nearly_a_day_of_care() {
    let run = export_hours("rota-end-before-start");
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("before it starts"), "{}", run.stderr);
    assert!(run.stderr.contains("rotas/2026-W49.yaml"), "{}", run.stderr);
}

#[test]
fn a_visit_dated_outside_the_rotas_week_is_exported_to_payroll() {
    let run = export_hours("rota-outside-week");
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("outside 2026-W49"), "{}", run.stderr);
}
