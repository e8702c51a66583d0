//! Dates in the future that claim something has happened, and negative
//! hours (issue 10, "Wrong answers" 12): findings, not green statuses.

use crate::support::{Fixture, TODAY, rule_pair};
use serde_json::Value;

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// The base agency with `file` edited: each `(old, new)` replaced once.
fn base_with(file: &str, edits: &[(&str, &str)]) -> Fixture {
    let fx = Fixture::base();
    let mut content = std::fs::read_to_string(fx.path().join(file)).expect("base file");
    for (old, new) in edits {
        assert!(content.contains(old), "{file} has no `{old}`");
        content = content.replacen(old, new, 1);
    }
    fx.write(file, content);
    fx
}

#[test]
fn training_completed_in_2062_and_a_dbs_issued_in_2032_are_not_done() {
    let f = rule_pair("date-in-future", "date/in-future", "carers/C-0001.yaml", 29);
    assert_eq!(f["severity"], "error", "{f}");
    assert!(
        text(&f, "message")
            .contains("the completion of `moving-and-handling` is dated 2062-06-15, after today"),
        "{f}"
    );
    assert!(
        text(&f, "help").contains("write the date it happened"),
        "{f}"
    );
    let run = Fixture::rule("date-in-future", "fail").check(&[]);
    let dbs = run.expect("date/in-future", "carers/C-0001.yaml", 21);
    assert!(text(&dbs, "message").contains("DBS certificate"), "{dbs}");
    assert_ne!(run.status, 0);
}

#[test]
fn consent_dated_decades_ahead_is_an_error_not_only_a_warning() {
    let fx = base_with(
        "care-plans/CP-0001.yaml",
        &[("date: 2026-09-25", "date: 2056-09-25")],
    );
    let f = fx
        .check(&[])
        .expect("date/in-future", "care-plans/CP-0001.yaml", 25);
    assert_eq!(f["severity"], "error", "{f}");
    assert!(text(&f, "message").contains("the consent decision"), "{f}");
}

#[test]
fn a_date_of_birth_after_today_is_a_finding() {
    let fx = base_with(
        "service-users/SU-0001.yaml",
        &[("date_of_birth: 1936-04-12", "date_of_birth: 2036-04-12")],
    );
    let f = fx
        .check(&[])
        .expect("date/in-future", "service-users/SU-0001.yaml", 5);
    assert!(
        text(&f, "message").contains("the date of birth is dated 2036-04-12"),
        "{f}"
    );
}

#[test]
fn service_user_discharge_before_admission() {
    let f = rule_pair(
        "service-user-discharge-before-admission",
        "service-user/discharge-before-admission",
        "service-users/SU-0001.yaml",
        28,
    );
    assert_eq!(f["severity"], "error", "{f}");
    assert!(
        text(&f, "message").contains(
            "the discharge from hospital is dated 2026-10-02, before the admission (2026-10-12)"
        ),
        "{f}"
    );
    assert!(
        text(&f, "help").contains("correct one of the two dates"),
        "{f}"
    );
}

#[test]
fn a_hospital_admission_after_today_is_a_finding_and_a_stay_may_be_open() {
    let fx = Fixture::rule("service-user-discharge-before-admission", "pass");
    let file = "service-users/SU-0001.yaml";
    // Still in hospital: no discharge date, and nothing to say about it.
    fx.replace(file, "    discharged: 2026-10-20\n", "");
    let run = fx.check(&[]);
    run.expect_none("date/in-future");
    run.expect_none("service-user/discharge-before-admission");
    fx.replace(file, "admitted: 2026-10-12", "admitted: 2062-10-12");
    let f = fx.check(&[]).expect("date/in-future", file, 27);
    assert!(
        text(&f, "message").contains("the admission to hospital is dated 2062-10-12"),
        "{f}"
    );
}

#[test]
fn a_date_of_today_has_happened() {
    let fx = base_with(
        "carers/C-0001.yaml",
        &[("appraisal: 2026-02-10", &format!("appraisal: {TODAY}"))],
    );
    fx.check(&[]).expect_none("date/in-future");
}

#[test]
fn negative_hours_are_schema_errors() {
    let fx = base_with(
        "carers/C-0001.yaml",
        &[("contracted_hours: 20", "contracted_hours: -20")],
    );
    let f = fx
        .check(&[])
        .expect("schema/format", "carers/C-0001.yaml", 8);
    assert!(
        text(&f, "message").contains("`contracted_hours` is -20, below the least allowed, 0"),
        "{f}"
    );
    let fx = base_with(
        "service-users/SU-0001.yaml",
        &[(
            "commissioned_hours_per_week: 7",
            "commissioned_hours_per_week: -7",
        )],
    );
    fx.check(&[])
        .expect("schema/format", "service-users/SU-0001.yaml", 22);
}

/// Renders one report of `fx` as markdown and returns its text.
fn report_md(fx: &Fixture, kind: &str) -> String {
    let out = fx.path().join("out-md");
    let run = fx.run(&[
        "report",
        kind,
        ".",
        "--today",
        TODAY,
        "--format",
        "md",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let file = std::fs::read_dir(&out)
        .expect("the report folder")
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("a markdown report");
    std::fs::read_to_string(file.path()).expect("the report")
}

#[test]
fn a_date_of_birth_after_today_gives_age_0_in_the_report() {
    let fx = base_with(
        "service-users/SU-0001.yaml",
        &[("date_of_birth: 1936-04-12", "date_of_birth: 2036-04-12")],
    );
    let text = report_md(&fx, "service-user");
    assert!(!text.contains("**Age:** 0"), "{text}");
    assert!(
        text.contains("not known: the date of birth is after today"),
        "{text}"
    );
}

#[test]
fn training_completed_in_2062_shows_in_date_in_the_training_matrix() {
    let fx = Fixture::rule("date-in-future", "fail");
    let text = report_md(&fx, "training");
    assert!(text.contains("Future date"), "{text}");
}

#[test]
fn schedule_3_dates_ahead_of_today_are_not_done() {
    // Issue 13's new dates: status checks, identity, health declaration,
    // references and competency assessments are judged like the others.
    let fx = base_with(
        "carers/C-0002.yaml",
        &[
            ("status_checks: [2026-10-01]", "status_checks: [2036-10-01]"),
            (
                "identity: {checked_on: 2023-05-20",
                "identity: {checked_on: 2033-05-20",
            ),
            (
                "health_declaration: 2023-05-20",
                "health_declaration: 2033-05-20",
            ),
            ("received: 2023-05-22}", "received: 2033-05-22}"),
            ("assessed: 2026-10-01", "assessed: 2036-10-01"),
        ],
    );
    let run = fx.check(&[]);
    let lines: Vec<u64> = run
        .with_code("date/in-future")
        .iter()
        .map(|f| f["line"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(lines, vec![21, 23, 24, 25, 42], "{}", run.stdout);
}

#[test]
fn the_training_matrix_marks_courses_a_role_does_not_need() {
    let fx = base_with(
        "carers/C-0002.yaml",
        &[
            ("role: senior-care-worker", "role: coordinator"),
            (
                "  - {course: moving-and-handling, completed: 2026-06-15}\n",
                "",
            ),
        ],
    );
    let text = report_md(&fx, "training");
    let row = text
        .lines()
        .find(|l| l.contains("(C-0002)"))
        .unwrap_or_default()
        .to_owned();
    assert!(row.contains("Not needed"), "{text}");
    assert!(!row.contains("Missing"), "{row}");
}
