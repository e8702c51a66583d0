//! Rules no rota can keep, and policy numbers out of range (issue 10,
//! "Wrong answers" 13): `check` says so at their line, instead of `rota`
//! blaming busy carers or payroll losing travel.

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const VR: &str = "visit-rules/VR-0001.yaml";
const PASS_VR: &str =
    include_str!("../fixtures/rules/visit-after-impossible/pass/visit-rules/VR-0001.yaml");

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// The base agency with the pass fixture's visit rules edited.
fn with_rules(old: &str, new: &str) -> Fixture {
    assert!(PASS_VR.contains(old), "no `{old}` in the visit rules");
    let fx = Fixture::base();
    fx.write(VR, PASS_VR.replacen(old, new, 1));
    fx
}

#[test]
fn circular_after_rules_pass_check() {
    let f = rule_pair("visit-after-impossible", "visit/after-impossible", VR, 13);
    assert!(
        text(&f, "message")
            .contains("`after` goes round in a circle: morning after lunch after morning"),
        "{f}"
    );
    let run = Fixture::rule("visit-after-impossible", "fail").check(&[]);
    run.expect("visit/after-impossible", VR, 19);
    assert_ne!(run.status, 0);
}

#[test]
fn a_visit_after_itself_passes_check() {
    let run = with_rules(
        "{visit: morning, min_gap: 4h}",
        "{visit: lunch, min_gap: 4h}",
    )
    .check(&[]);
    let f = run.expect("visit/after-impossible", VR, 18);
    assert!(
        text(&f, "message").contains("`lunch` visit is set to come after itself"),
        "{f}"
    );
}

#[test]
fn max_gap_below_min_gap_passes_check() {
    let run = with_rules("min_gap: 4h}", "min_gap: 4h, max_gap: 3h}").check(&[]);
    let f = run.expect("visit/after-impossible", VR, 18);
    assert!(
        text(&f, "message").contains("at least 4h and at most 3h"),
        "{f}"
    );
}

#[test]
fn a_gap_the_windows_cannot_give_passes_check() {
    // Morning starts 08:00 at the earliest: lunch 6 h later is 14:00, but
    // lunch may start at most 30 min after its 12:00-13:00 window.
    let run = with_rules("min_gap: 4h}", "min_gap: 6h}").check(&[]);
    let f = run.expect("visit/after-impossible", VR, 18);
    assert!(text(&f, "message").contains("so not before 14:00"), "{f}");
    assert!(
        text(&f, "message").contains("at the latest at 13:30"),
        "{f}"
    );
    // And a max_gap that ends before the window opens.
    let run = with_rules("min_gap: 4h}", "min_gap: 1h, max_gap: 2h}").check(&[]);
    let f = run.expect("visit/after-impossible", VR, 18);
    assert!(
        text(&f, "message").contains("by 11:30 at the latest"),
        "{f}"
    );
}

#[test]
fn out_of_range_policy_numbers_pass_and_zero_out_travel() {
    let fx = Fixture::base();
    let agency = std::fs::read_to_string(fx.path().join("agency.yaml")).expect("agency");
    fx.write(
        "agency.yaml",
        format!(
            "{agency}\npolicy:\n  travel:\n    road_factor: -1.3\n    speed_kmh: {{walk: 0, car: -30}}\n  working_time: {{max_weekly_hours: 0}}\n"
        ),
    );
    let run = fx.check(&[]);
    let found: Vec<String> = run
        .with_code("schema/format")
        .iter()
        .filter(|f| f["file"] == "agency.yaml")
        .map(|f| text(f, "message"))
        .collect();
    for want in [
        "`road_factor` is -1.3, below the least allowed, 1",
        "`walk` is 0; it must be more than 0",
        "`car` is -30; it must be more than 0",
        "`max_weekly_hours` is 0; it must be more than 0",
    ] {
        assert!(
            found.iter().any(|m| m.contains(want)),
            "no `{want}` in {found:?}"
        );
    }
}

#[test]
fn a_gap_between_visits_that_never_share_a_day_is_not_judged() {
    let fx = with_rules("min_gap: 4h}", "min_gap: 6h}");
    let rules = std::fs::read_to_string(fx.path().join(VR)).expect("rules");
    assert!(rules.contains("days: daily"), "{rules}");
    fx.write(VR, rules.replacen("days: daily", "days: [tue]", 1));
    fx.check(&[]).expect_none("visit/after-impossible");
}
