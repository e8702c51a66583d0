//! Fixture pairs for the staff rules: pre-employment checks, mandatory
//! training, supervision and appraisal; and the edges the pairs do not show
//! (leavers, new starters, boundary dates, the agency's own course list).

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const BASE_C2: &str = include_str!("../fixtures/base/carers/C-0002.yaml");

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// The base agency with C-0002 edited: each `(old, new)` replaced once.
fn with_c2(edits: &[(&str, &str)]) -> Fixture {
    let mut c2 = BASE_C2.to_owned();
    for (old, new) in edits {
        assert!(c2.contains(old), "base C-0002 has no `{old}`");
        c2 = c2.replacen(old, new, 1);
    }
    let fixture = Fixture::base();
    fixture.write("carers/C-0002.yaml", c2);
    fixture
}

const STAFF_CODES: &[&str] = &[
    "dbs/missing",
    "dbs/renewal-due",
    "right-to-work/missing",
    "right-to-work/expired",
    "references/insufficient",
    "driving/insurance-expired",
    "training/missing",
    "training/expired",
    "training/expiring",
    "supervision/overdue",
    "appraisal/overdue",
];

#[test]
fn dbs_missing() {
    let f = rule_pair("dbs-missing", "dbs/missing", "carers/C-0002.yaml", 21);
    assert!(text(&f, "help").contains("dbs:"), "{f}");
}

#[test]
fn dbs_renewal_due() {
    let f = rule_pair(
        "dbs-renewal-due",
        "dbs/renewal-due",
        "carers/C-0002.yaml",
        21,
    );
    // No statutory renewal: the agency's policy, so a warning (issue 13).
    assert_eq!(f["severity"], "warning", "{f}");
    let message = text(&f, "message");
    assert!(message.contains("issued 2022-01-10 is 4 years old"), "{f}");
    assert!(message.contains("2025-01-10"), "{f}");
    assert!(text(&f, "help").contains("update_service: true"), "{f}");
}

#[test]
fn dbs_renewal_due_on_the_day_is_not_yet_due() {
    let run = with_c2(&[(
        "issued: 2024-02-01, update_service: true",
        "issued: 2023-11-23, update_service: false",
    )])
    .check(&[]);
    run.expect_none("dbs/renewal-due");
}

#[test]
fn right_to_work_missing() {
    let f = rule_pair(
        "right-to-work-missing",
        "right-to-work/missing",
        "carers/C-0002.yaml",
        21,
    );
    assert!(text(&f, "help").contains("right_to_work:"), "{f}");
}

#[test]
fn right_to_work_expired() {
    let f = rule_pair(
        "right-to-work-expired",
        "right-to-work/expired",
        "carers/C-0002.yaml",
        22,
    );
    assert!(
        text(&f, "message").contains("2026-10-31, 23 days ago"),
        "{f}"
    );
}

#[test]
fn right_to_work_expiring() {
    // Warned before it lapses, not only once it has (issue 13, point 2).
    let f = rule_pair(
        "right-to-work-expiring",
        "right-to-work/expiring",
        "carers/C-0002.yaml",
        22,
    );
    assert_eq!(f["severity"], "warning", "{f}");
    assert!(
        text(&f, "message").contains("ends on 2026-12-10, in 17 days"),
        "{f}"
    );
}

#[test]
fn references_insufficient() {
    let f = rule_pair(
        "references-insufficient",
        "references/insufficient",
        "carers/C-0002.yaml",
        23,
    );
    // Missing references are at least as serious as an old DBS (issue 13).
    assert_eq!(f["severity"], "error", "{f}");
    assert!(text(&f, "message").contains("1 reference"), "{f}");
}

#[test]
fn driving_insurance_expired() {
    let f = rule_pair(
        "driving-insurance-expired",
        "driving/insurance-expired",
        "carers/C-0001.yaml",
        24,
    );
    assert!(text(&f, "message").contains("2026-11-01"), "{f}");
}

#[test]
fn driving_insurance_missing_for_a_driver_only() {
    // C-0002 walks and has no driving checks: nothing to report. Put them in
    // a car and the missing insurance is reported at the `checks` mapping.
    Fixture::base()
        .check(&[])
        .expect_none("driving/insurance-expired");
    let run = with_c2(&[("travel: walk", "travel: car")]).check(&[]);
    let f = run.expect("driving/insurance-expired", "carers/C-0002.yaml", 21);
    assert!(text(&f, "message").contains("travels by car"), "{f}");
}

#[test]
fn training_missing() {
    let f = rule_pair(
        "training-missing",
        "training/missing",
        "carers/C-0002.yaml",
        27,
    );
    assert!(text(&f, "message").contains("`safeguarding-adults`"), "{f}");
    assert!(text(&f, "help").contains("safeguarding-adults"), "{f}");
}

#[test]
fn training_missing_without_a_training_list_points_at_the_id() {
    let training: String = BASE_C2
        .lines()
        .filter(|l| l.starts_with("training:") || l.starts_with("  - {course"))
        .map(|l| format!("{l}\n"))
        .collect();
    let run = with_c2(&[(&training, "")]).check(&[]);
    let missing = run.with_code("training/missing");
    // One per mandatory course but the Care Certificate, which is late instead.
    assert_eq!(missing.len(), 11, "one per mandatory course: {missing:?}");
    assert!(missing.iter().all(|f| f["line"] == 2), "{missing:?}");
}

#[test]
fn training_expired() {
    // The pass case keeps the old completion and adds a newer one: the
    // latest completion of a course counts.
    let f = rule_pair(
        "training-expired",
        "training/expired",
        "carers/C-0002.yaml",
        28,
    );
    let message = text(&f, "message");
    assert!(message.contains("`moving-and-handling`"), "{f}");
    assert!(message.contains("expired on 2026-06-15"), "{f}");
}

#[test]
fn training_expiring() {
    let f = rule_pair(
        "training-expiring",
        "training/expiring",
        "carers/C-0002.yaml",
        28,
    );
    assert!(
        text(&f, "message").contains("expires on 2026-12-10, in 17 days"),
        "{f}"
    );
}

#[test]
fn training_expiring_today_is_not_yet_expired() {
    let run = with_c2(&[(
        "{course: moving-and-handling, completed: 2026-06-15}",
        "{course: moving-and-handling, completed: 2025-11-23}",
    )])
    .check(&[]);
    run.expect_none("training/expired");
    let f = run.expect("training/expiring", "carers/C-0002.yaml", 28);
    assert!(text(&f, "message").contains("today"), "{f}");
}

#[test]
fn training_follows_the_agency_course_list() {
    // An agency's own list replaces the default one; a course taken once
    // (interval 0) never expires.
    let fixture = with_c2(&[(
        "{course: care-certificate, completed: 2023-08-30}",
        "{course: oral-care, completed: 2010-01-01}",
    )]);
    fixture.write(
        "agency.yaml",
        "kind: agency\nname: Fixture Home Care\noffice: {lat: 51.4545, lon: -2.5879}\n\
         policy:\n  mandatory_training: {oral-care: 0, stoma-care: 24}\n",
    );
    let run = fixture.check(&[]);
    run.expect_none("training/expired");
    let missing: Vec<String> = run
        .with_code("training/missing")
        .iter()
        .filter(|f| f["record"] == "C-0002")
        .map(|f| text(f, "message"))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("`stoma-care`"), "{missing:?}");
}

#[test]
fn supervision_overdue() {
    let f = rule_pair(
        "supervision-overdue",
        "supervision/overdue",
        "carers/C-0002.yaml",
        39,
    );
    // The latest date is the second in the list.
    assert_eq!(f["column"], 28, "{f}");
    let message = text(&f, "message");
    assert!(message.contains("2026-06-01"), "{f}");
    assert!(message.contains("2026-09-01, 83 days ago"), "{f}");
}

#[test]
fn appraisal_overdue() {
    let f = rule_pair(
        "appraisal-overdue",
        "appraisal/overdue",
        "carers/C-0002.yaml",
        40,
    );
    assert!(
        text(&f, "message").contains("2026-10-01, 53 days ago"),
        "{f}"
    );
}

#[test]
fn new_starters_have_one_interval_of_grace() {
    let none_yet = [
        ("supervisions: [2026-10-02, 2026-07-01]\n", ""),
        ("appraisal: 2026-02-10\n", ""),
    ];
    let recent = with_c2(&[
        none_yet[0],
        none_yet[1],
        ("start_date: 2023-06-12", "start_date: 2026-10-01"),
    ]);
    let run = recent.check(&[]);
    run.expect_none("supervision/overdue");
    run.expect_none("appraisal/overdue");

    let earlier = with_c2(&[
        none_yet[0],
        none_yet[1],
        ("start_date: 2023-06-12", "start_date: 2025-09-01"),
    ]);
    let run = earlier.check(&[]);
    let f = run.expect("supervision/overdue", "carers/C-0002.yaml", 2);
    assert!(text(&f, "message").contains("2025-12-01"), "{f}");
    let f = run.expect("appraisal/overdue", "carers/C-0002.yaml", 2);
    assert!(text(&f, "message").contains("2026-09-01"), "{f}");
}

#[test]
fn leavers_are_not_checked_but_carers_on_leave_are() {
    let lapsed = [
        (
            "  dbs: {certificate: \"001234567890\", issued: 2024-02-01, update_service: true, \
             level: enhanced, barred_list: true, status_checks: [2026-10-01], \
             previous_issued: [2023-05-30]}\n",
            "",
        ),
        (
            "  references: [{name: Jo Reed, organisation: Brightwell Care, relationship: last \
             employer in care, received: 2023-05-20}, {name: Sam Lee, relationship: college \
             tutor, received: 2023-05-22}]\n",
            "",
        ),
        ("appraisal: 2026-02-10", "appraisal: 2024-02-10"),
    ];
    let leaver = with_c2(&[
        lapsed[0],
        lapsed[1],
        lapsed[2],
        ("status: active", "status: leaver"),
    ]);
    let run = leaver.check(&[]);
    for code in STAFF_CODES {
        run.expect_none(code);
    }
    let on_leave = with_c2(&[
        lapsed[0],
        lapsed[1],
        lapsed[2],
        ("status: active", "status: leave"),
    ]);
    let run = on_leave.check(&[]);
    run.expect("dbs/missing", "carers/C-0002.yaml", 21);
    run.expect("references/insufficient", "carers/C-0002.yaml", 21);
    run.expect("appraisal/overdue", "carers/C-0002.yaml", 38);
}

// Issue 13: the rest of Schedule 3, the Care Certificate at induction,
// assessed competencies.

#[test]
fn dbs_update_service_invalid() {
    // The Update Service began on 17 June 2013: a 2012 certificate cannot be on it.
    let f = rule_pair(
        "dbs-update-service-invalid",
        "dbs/update-service-invalid",
        "carers/C-0002.yaml",
        21,
    );
    assert!(text(&f, "message").contains("2013-06-17"), "{f}");
}

#[test]
fn dbs_status_check_overdue() {
    let f = rule_pair(
        "dbs-status-check-overdue",
        "dbs/status-check-overdue",
        "carers/C-0002.yaml",
        21,
    );
    assert_eq!(f["severity"], "warning", "{f}");
    assert!(text(&f, "message").contains("2026-09-01"), "{f}");
    assert!(text(&f, "help").contains("agency's policy"), "{f}");
}

#[test]
fn dbs_after_start() {
    // The pass case bridges the late certificate with an Adult First check.
    let f = rule_pair(
        "dbs-after-start",
        "dbs/after-start",
        "carers/C-0002.yaml",
        21,
    );
    assert!(
        text(&f, "message").contains("after starting work on 2023-06-12"),
        "{f}"
    );
}

#[test]
fn dbs_level() {
    let f = rule_pair("dbs-level", "dbs/level", "carers/C-0002.yaml", 21);
    assert!(text(&f, "message").contains("standard"), "{f}");
}

#[test]
fn dbs_barred_list() {
    let f = rule_pair(
        "dbs-barred-list",
        "dbs/barred-list",
        "carers/C-0002.yaml",
        21,
    );
    assert!(text(&f, "message").contains("barred list"), "{f}");
}

#[test]
fn right_to_work_after_start() {
    let f = rule_pair(
        "right-to-work-after-start",
        "right-to-work/after-start",
        "carers/C-0002.yaml",
        22,
    );
    assert!(text(&f, "message").contains("2023-06-20"), "{f}");
}

#[test]
fn references_no_details() {
    let f = rule_pair(
        "references-no-details",
        "references/no-details",
        "carers/C-0002.yaml",
        23,
    );
    assert_eq!(f["severity"], "warning", "{f}");
}

#[test]
fn recruitment_identity() {
    let f = rule_pair(
        "recruitment-identity",
        "recruitment/identity",
        "carers/C-0002.yaml",
        24,
    );
    assert!(text(&f, "message").contains("photograph"), "{f}");
}

#[test]
fn recruitment_employment_history() {
    rule_pair(
        "recruitment-employment-history",
        "recruitment/employment-history",
        "carers/C-0002.yaml",
        2,
    );
}

#[test]
fn recruitment_employment_gap() {
    // The pass case explains the gap with a period of its own.
    let f = rule_pair(
        "recruitment-employment-gap",
        "recruitment/employment-gap",
        "carers/C-0002.yaml",
        45,
    );
    assert!(
        text(&f, "message").contains("from 2020-01-01 to 2020-05-31"),
        "{f}"
    );
}

#[test]
fn recruitment_health_declaration() {
    rule_pair(
        "recruitment-health-declaration",
        "recruitment/health-declaration",
        "carers/C-0002.yaml",
        21,
    );
}

#[test]
fn training_care_certificate_late() {
    // The pass case is a new starter still within the 12 weeks.
    let f = rule_pair(
        "training-care-certificate-late",
        "training/care-certificate-late",
        "carers/C-0002.yaml",
        27,
    );
    assert!(text(&f, "message").contains("by 2026-08-24"), "{f}");
    Fixture::rule("training-care-certificate-late", "pass")
        .check(&[])
        .expect_none("training/missing");
}

#[test]
fn competency_missing() {
    // Skill `medication` listed, never assessed: points at the skill.
    let f = rule_pair(
        "competency-missing",
        "competency/missing",
        "carers/C-0002.yaml",
        11,
    );
    assert!(text(&f, "message").contains("`medication`"), "{f}");
}

#[test]
fn competency_expired() {
    let f = rule_pair(
        "competency-expired",
        "competency/expired",
        "carers/C-0002.yaml",
        42,
    );
    assert!(text(&f, "message").contains("lapsed on 2026-10-01"), "{f}");
}

#[test]
fn clinical_skill_needs_a_clinicians_sign_off() {
    let run = with_c2(&[
        (
            "skills: [medication, hoist]",
            "skills: [medication, hoist, peg-feeding]",
        ),
        (
            "assessor: Registered manager}\n",
            "assessor: Registered manager}\n  - {skill: peg-feeding, assessed: 2026-10-01}\n",
        ),
    ])
    .check(&[]);
    let f = run.expect("competency/missing", "carers/C-0002.yaml", 43);
    assert!(text(&f, "message").contains("sign-off"), "{f}");
}

#[test]
fn coordinators_need_only_their_roles_courses() {
    // A coordinator gives no care: no moving and handling or medication course.
    let dropped = [
        (
            "  - {course: moving-and-handling, completed: 2026-06-15}\n",
            "",
        ),
        ("  - {course: medication, completed: 2026-06-15}\n", ""),
    ];
    let run = with_c2(&[
        ("role: senior-care-worker", "role: coordinator"),
        dropped[0],
        dropped[1],
    ])
    .check(&[]);
    run.expect_none("training/missing");
    let run = with_c2(&dropped).check(&[]);
    assert_eq!(run.with_code("training/missing").len(), 2);
}

#[test]
fn oliver_mcgowan_training_is_mandatory() {
    let run = with_c2(&[("  - {course: oliver-mcgowan, completed: 2026-06-15}\n", "")]).check(&[]);
    let f = run.expect("training/missing", "carers/C-0002.yaml", 27);
    assert!(text(&f, "message").contains("`oliver-mcgowan`"), "{f}");
}

#[test]
fn an_employment_gap_of_exactly_the_policy_months_needs_no_explanation() {
    let history = "employment_history:\n  - {from: 2015-09-01, to: null, employer: Brightwell Care, role: care worker}\n";
    let gap = |next: &str| {
        format!(
            "employment_history:\n  - {{from: 2015-09-01, to: 2019-12-31, employer: A, role: carer}}\n  \
             - {{from: {next}, to: null, employer: B, role: carer}}\n"
        )
    };
    // January 2020 uncovered: one month, the default policy.
    with_c2(&[(history, &gap("2020-02-01"))])
        .check(&[])
        .expect_none("recruitment/employment-gap");
    // One day more is over it.
    let run = with_c2(&[(history, &gap("2020-02-02"))]).check(&[]);
    let f = run.expect("recruitment/employment-gap", "carers/C-0002.yaml", 45);
    assert!(
        text(&f, "message").contains("from 2020-01-01 to 2020-02-01"),
        "{f}"
    );
}
