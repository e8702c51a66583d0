//! The person-side rules of issue 13 (points 1 and 7 of "Rules that are
//! wrong today"): consent by a deputy and the evidence behind an
//! attorney's or deputy's authority; capacity judged per decision,
//! restrictive practices and deprivation of liberty; reviews and the
//! person's part in them; coordinator, demographics, end-of-life wishes and
//! retention. Each rule has its fixture pair; the edges follow.

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const SU: &str = "service-users/SU-0001.yaml";
const CP: &str = "care-plans/CP-0001.yaml";

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// The fixture `rule/case` with each `(file, old, new)` replaced once.
fn edited(rule: &str, case: &str, edits: &[(&str, &str, &str)]) -> Fixture {
    let fx = Fixture::rule(rule, case);
    for (file, old, new) in edits {
        let path = fx.path().join(file);
        let body = std::fs::read_to_string(&path).expect("fixture file");
        assert!(body.contains(old), "{file} has no `{old}`");
        fx.write(file, body.replacen(old, new, 1));
    }
    fx
}

// ---- consent: deputies and the evidence of authority ----

#[test]
fn consent_deputy_not_on_file() {
    let f = rule_pair(
        "consent-deputy-not-on-file",
        "consent/deputy-not-on-file",
        CP,
        27,
    );
    assert!(
        text(&f, "message").contains("Tom Ellis holds no personal-welfare deputyship"),
        "{f}"
    );
    assert_eq!(f["severity"], "error");
    // A property-and-affairs deputy cannot consent to care either.
    let run = edited(
        "consent-deputy-not-on-file",
        "pass",
        &[(SU, "scope: personal-welfare", "scope: property-and-affairs")],
    )
    .check(&[]);
    run.expect("consent/deputy-not-on-file", CP, 27);
}

#[test]
fn an_authority_cannot_consent_before_it_is_in_force() {
    // The deputy's order was made after the consent they gave.
    let run = edited(
        "consent-deputy-not-on-file",
        "pass",
        &[(SU, "order_date: 2025-02-01", "order_date: 2026-10-01")],
    )
    .check(&[]);
    let f = run.expect("consent/deputy-not-on-file", CP, 25);
    assert!(text(&f, "message").contains("only on 2026-10-01"), "{f}");
    // An LPA registered after the attorney's consent.
    let run = edited(
        "consent-deputy-not-on-file",
        "pass",
        &[
            (
                CP,
                "given_by: deputy\n  attorney: Tom Ellis",
                "given_by: lpa\n  attorney: Susan Ellis",
            ),
            (
                SU,
                "lpa_registered_on: 2024-05-10",
                "lpa_registered_on: 2026-10-10",
            ),
        ],
    )
    .check(&[]);
    let f = run.expect("consent/lpa-not-on-file", CP, 25);
    assert!(
        text(&f, "message").contains("Office of the Public Guardian"),
        "{f}"
    );
}

#[test]
fn a_deputy_consenting_for_a_person_with_capacity_is_consent_capacity() {
    let run = edited(
        "consent-deputy-not-on-file",
        "pass",
        &[(CP, "has_capacity: false", "has_capacity: true")],
    )
    .check(&[]);
    run.expect("consent/capacity", CP, 28);
    run.expect_none("consent/deputy-not-on-file");
}

#[test]
fn consent_authority_unverified() {
    let f = rule_pair(
        "consent-authority-unverified",
        "consent/authority-unverified",
        SU,
        16,
    );
    assert!(text(&f, "message").contains("`lpa_copy_seen_on`"), "{f}");
    assert!(
        text(&f, "help").contains("Office of the Public Guardian"),
        "{f}"
    );
    assert_eq!(f["severity"], "warning");
    // A deputyship order never seen is the same finding, at the deputy.
    let run = edited(
        "consent-deputy-not-on-file",
        "pass",
        &[(SU, ", copy_seen_on: 2025-02-20", "")],
    )
    .check(&[]);
    let f = run.expect("consent/authority-unverified", SU, 22);
    assert!(text(&f, "message").contains("order of 2025-02-01"), "{f}");
}

// ---- capacity per decision, restrictions, deprivation of liberty ----

#[test]
fn mca_decision_missing() {
    let f = rule_pair("mca-decision-missing", "mca/decision-missing", CP, 33);
    assert!(text(&f, "message").contains("restrictions decision"), "{f}");
    assert!(text(&f, "help").contains("decision: restrictions"), "{f}");
}

#[test]
fn consent_is_judged_per_decision() {
    // The restrictions decision says the person has capacity, but
    // consent was given for them by best interests: consent/capacity at
    // that decision, not at the plan.
    let run = edited(
        "mca-decision-missing",
        "pass",
        &[(
            CP,
            "has_capacity: false, assessed_by",
            "has_capacity: true, assessed_by",
        )],
    )
    .check(&[]);
    let f = run.expect("consent/capacity", CP, 40);
    assert!(text(&f, "message").contains("capacity to decide"), "{f}");
    // ... and, with capacity for it, a best-interests decision behind the
    // door alarm is wrong too: the person decides.
    run.expect("mca/restriction-no-best-interests", CP, 35);
}

#[test]
fn mca_restriction_no_best_interests() {
    let f = rule_pair(
        "mca-restriction-no-best-interests",
        "mca/restriction-no-best-interests",
        CP,
        34,
    );
    assert!(text(&f, "message").contains("`bed rails at night`"), "{f}");
    assert_eq!(f["severity"], "error");
    // A person assessed as lacking capacity cannot agree to it.
    let run = edited(
        "mca-restriction-no-best-interests",
        "pass",
        &[(CP, "has_capacity: true", "has_capacity: false")],
    )
    .check(&[]);
    let f = run.expect("mca/restriction-no-best-interests", CP, 36);
    assert!(text(&f, "message").contains("lacking capacity"), "{f}");
}

#[test]
fn mca_dol_no_authorisation() {
    let f = rule_pair(
        "mca-dol-no-authorisation",
        "mca/dol-no-authorisation",
        CP,
        35,
    );
    assert!(text(&f, "message").contains("Court of Protection"), "{f}");
    // An authorisation that has expired needs a new one.
    let run = edited(
        "mca-dol-no-authorisation",
        "pass",
        &[(CP, "expires_on: 2027-11-01", "expires_on: 2026-11-01")],
    )
    .check(&[]);
    run.expect("mca/dol-no-authorisation", CP, 36);
    // Free to leave: no deprivation, nothing to authorise.
    let run = edited(
        "mca-dol-no-authorisation",
        "fail",
        &[(CP, "free_to_leave: false", "free_to_leave: true")],
    )
    .check(&[]);
    run.expect_none("mca/dol-no-authorisation");
    // Capacity is presumed: a person assessed as having it is not deprived.
    let run = edited(
        "mca-dol-no-authorisation",
        "fail",
        &[(CP, "has_capacity: false", "has_capacity: true")],
    )
    .check(&[]);
    run.expect_none("mca/dol-no-authorisation");
}

#[test]
fn mca_dol_awaiting_court() {
    let f = rule_pair("mca-dol-awaiting-court", "mca/dol-awaiting-court", CP, 36);
    assert!(text(&f, "message").contains("2026-09-25"), "{f}");
    assert_eq!(f["severity"], "warning");
}

#[test]
fn mca_dol_not_notified() {
    let f = rule_pair("mca-dol-not-notified", "mca/dol-not-notified", CP, 36);
    assert!(text(&f, "help").contains("cqc_notified_on"), "{f}");
}

#[test]
fn mca_restriction_review_overdue() {
    let f = rule_pair(
        "mca-restriction-review-overdue",
        "mca/restriction-review-overdue",
        CP,
        37,
    );
    assert!(
        text(&f, "message").contains("due for review on 2026-11-01, 22 days ago"),
        "{f}"
    );
    assert!(text(&f, "help").contains("least restrictive"), "{f}");
}

// ---- reviews and the person's involvement ----

#[test]
fn review_first_overdue() {
    let f = rule_pair("review-first-overdue", "review/first-overdue", CP, 2);
    assert!(text(&f, "message").contains("due by 2025-04-12"), "{f}");
    // Care that started under 6 weeks ago is not yet due a review.
    let run = edited(
        "review-first-overdue",
        "fail",
        &[(SU, "start_date: 2025-03-01", "start_date: 2026-10-20")],
    )
    .check(&[]);
    run.expect_none("review/first-overdue");
}

#[test]
fn review_overdue() {
    let f = rule_pair("review-overdue", "review/overdue", CP, 31);
    assert!(text(&f, "message").contains("2025-04-05"), "{f}");
    assert!(text(&f, "help").contains("care_plan_review_months"), "{f}");
}

#[test]
fn review_person_not_involved() {
    let f = rule_pair(
        "review-person-not-involved",
        "review/person-not-involved",
        CP,
        29,
    );
    assert!(text(&f, "message").contains("not why"), "{f}");
    // The latest review held without the person, with no reason recorded.
    let fx = Fixture::base();
    let path = fx.path().join(CP);
    let body = std::fs::read_to_string(&path).expect("base plan");
    let body = body.replacen(
        "Susan Ellis], person_involved: true",
        "Susan Ellis], person_involved: false",
        1,
    );
    fx.write(CP, body);
    fx.check(&[]).expect("review/person-not-involved", CP, 32);
}

// ---- the person's record ----

#[test]
fn service_user_no_coordinator() {
    let f = rule_pair(
        "service-user-no-coordinator",
        "service-user/no-coordinator",
        SU,
        2,
    );
    assert!(text(&f, "help").contains("coordinator: <carer id>"), "{f}");
    // A coordinator id that is no carer is ref/unknown.
    let run = edited(
        "service-user-no-coordinator",
        "pass",
        &[(SU, "coordinator: C-0002", "coordinator: C-0099")],
    )
    .check(&[]);
    run.expect("ref/unknown", SU, 24);
}

#[test]
fn service_user_demographics_missing() {
    let f = rule_pair(
        "service-user-demographics-missing",
        "service-user/demographics-missing",
        SU,
        25,
    );
    assert!(text(&f, "message").contains("no religion recorded"), "{f}");
    assert!(text(&f, "help").contains("prefers not to say"), "{f}");
}

#[test]
fn end_of_life_wishes_missing() {
    let f = rule_pair(
        "end-of-life-wishes-missing",
        "end-of-life/wishes-missing",
        SU,
        20,
    );
    assert!(text(&f, "message").contains("DNACPR"), "{f}");
    // A person who would rather not talk about it: recorded, not pressed.
    let run = edited(
        "end-of-life-wishes-missing",
        "pass",
        &[(
            SU,
            "wishes: To stay at home with her daughter near., preferred_place: home",
            "declined_to_discuss: true",
        )],
    )
    .check(&[]);
    run.expect_none("end-of-life/wishes-missing");
}

#[test]
fn retention_review_due() {
    let f = rule_pair("retention-review-due", "retention/review-due", SU, 26);
    assert!(text(&f, "message").contains("2018-06-30"), "{f}");
    assert!(text(&f, "message").contains("2026-06-30"), "{f}");
}

#[test]
fn new_dates_of_what_has_happened_cannot_lie_ahead() {
    // A review, and an LPA registration, dated after today.
    let fx = Fixture::base();
    for (file, old, new) in [
        (CP, "{date: 2026-09-20, led_by", "{date: 2027-09-20, led_by"),
        (
            SU,
            "lpa_registered_on: 2024-05-10",
            "lpa_registered_on: 2027-05-10",
        ),
    ] {
        let body = std::fs::read_to_string(fx.path().join(file)).expect("base file");
        assert!(body.contains(old), "{file} has no `{old}`");
        fx.write(file, body.replacen(old, new, 1));
    }
    let run = fx.check(&[]);
    run.expect("date/in-future", CP, 32);
    run.expect("date/in-future", SU, 17);
}

/// The person file shows the new fields, and `--redact` drops the
/// special-category ones (ethnicity, religion) and end-of-life wishes.
#[test]
fn person_file_shows_the_new_fields_and_redaction_drops_the_sensitive_ones() {
    let fx = Fixture::rule("end-of-life-wishes-missing", "pass");
    let report = |redact: bool| {
        let mut args = vec![
            "report",
            "service-user",
            ".",
            "--id",
            "SU-0001",
            "--today",
            crate::support::TODAY,
            "--format",
            "md",
            "--out",
            "out",
        ];
        if redact {
            args.push("--redact");
        }
        let run = fx.run(&args);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let name = if redact {
            "out/service-user-SU-0001.redacted.md"
        } else {
            "out/service-user-SU-0001.md"
        };
        std::fs::read_to_string(fx.path().join(name)).expect("report written")
    };
    let plain = report(false);
    for shown in [
        "**Coordinator:** Tom Baker",
        "ethnicity: White British",
        "wishes discussed 3 Feb 2026: To stay at home",
        "LPA registered 10 May 2024; copy seen 1 Mar 2025",
        "Review 20 Sep 2026",
    ] {
        assert!(plain.contains(shown), "no `{shown}` in:\n{plain}");
    }
    let redacted = report(true);
    for gone in ["White British", "To stay at home", "Tom Baker"] {
        assert!(!redacted.contains(gone), "`{gone}` in:\n{redacted}");
    }
    assert!(
        redacted.contains("wishes discussed 3 Feb 2026"),
        "{redacted}"
    );
}
