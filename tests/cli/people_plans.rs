//! Fixture pairs for the rules about service users and care plans (plans in
//! force, visit rules, funded hours, reviews, consent, medication), the
//! edges the pairs do not show, and a `policy.rules` override.

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const BASE_SU: &str = include_str!("../fixtures/base/service-users/SU-0001.yaml");
const BASE_CP: &str = include_str!("../fixtures/base/care-plans/CP-0001.yaml");
const BASE_VR: &str = include_str!("../fixtures/base/visit-rules/VR-0001.yaml");

const SU: &str = "service-users/SU-0001.yaml";
const CP: &str = "care-plans/CP-0001.yaml";
const VR: &str = "visit-rules/VR-0001.yaml";

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// `base` with each `(old, new)` replaced once.
fn edit(base: &str, edits: &[(&str, &str)]) -> String {
    let mut s = base.to_owned();
    for (old, new) in edits {
        assert!(s.contains(old), "base file has no `{old}`");
        s = s.replacen(old, new, 1);
    }
    s
}

/// The base agency with the care plan edited.
fn with_cp(edits: &[(&str, &str)]) -> Fixture {
    let fixture = Fixture::base();
    fixture.write(CP, edit(BASE_CP, edits));
    fixture
}

/// The base care plan's consent block replaced by `consent` (YAML text).
fn with_consent(consent: &str) -> Fixture {
    let plan = match BASE_CP.find("consent:") {
        Some(i) => format!("{}{consent}", &BASE_CP[..i]),
        None => panic!("base plan has consent"),
    };
    let fixture = Fixture::base();
    fixture.write(CP, plan);
    fixture
}

// ---- the fixture pairs ----

#[test]
fn service_user_no_active_plan() {
    let f = rule_pair(
        "service-user-no-active-plan",
        "service-user/no-active-plan",
        SU,
        2,
    );
    assert!(text(&f, "message").contains("CP-0001 is a draft"), "{f}");
    assert!(text(&f, "help").contains("status: active"), "{f}");
}

#[test]
fn service_user_no_visit_rules() {
    let f = rule_pair(
        "service-user-no-visit-rules",
        "service-user/no-visit-rules",
        SU,
        2,
    );
    assert!(text(&f, "help").contains("service_user: SU-0001"), "{f}");
}

#[test]
fn funding_hours_mismatch() {
    let f = rule_pair("funding-hours-mismatch", "funding/hours-mismatch", SU, 20);
    let message = text(&f, "message");
    assert!(message.contains("7 carer-hours"), "{f}");
    assert!(message.contains("10 h are commissioned"), "{f}");
    assert!(message.contains("VR-0001"), "{f}");
}

#[test]
fn plan_review_overdue() {
    let f = rule_pair("plan-review-overdue", "plan/review-overdue", CP, 8);
    assert!(
        text(&f, "message").contains("2026-04-01, 236 days ago"),
        "{f}"
    );
}

#[test]
fn plan_review_due_soon() {
    let f = rule_pair("plan-review-due-soon", "plan/review-due-soon", CP, 8);
    assert!(
        text(&f, "message").contains("2026-12-10, in 17 days"),
        "{f}"
    );
    assert_eq!(f["severity"], "warning");
}

#[test]
fn plan_review_interval() {
    let f = rule_pair("plan-review-interval", "plan/review-interval", CP, 8);
    assert!(text(&f, "message").contains("2027-12-01"), "{f}");
    assert!(text(&f, "help").contains("2027-09-20"), "{f}");
}

#[test]
fn plan_risk_review_overdue() {
    let f = rule_pair(
        "plan-risk-review-overdue",
        "plan/risk-review-overdue",
        CP,
        18,
    );
    let message = text(&f, "message");
    assert!(message.contains("`falls`"), "{f}");
    assert!(message.contains("2026-05-01"), "{f}");
    assert!(message.contains("2026-11-01, 22 days ago"), "{f}");
}

#[test]
fn consent_missing() {
    let f = rule_pair("consent-missing", "consent/missing", CP, 2);
    assert!(text(&f, "help").contains("consent:"), "{f}");
}

#[test]
fn consent_refused() {
    let f = rule_pair("consent-refused", "consent/refused", CP, 24);
    assert!(
        text(&f, "message").contains("withdrawn on 2026-11-02"),
        "{f}"
    );
}

#[test]
fn consent_capacity() {
    let f = rule_pair("consent-capacity", "consent/capacity", CP, 27);
    assert!(text(&f, "message").contains("2026-09-20"), "{f}");
}

#[test]
fn consent_lpa_not_on_file() {
    // At the attorney named (line 27), who is the one without the LPA.
    let f = rule_pair("consent-lpa-not-on-file", "consent/lpa-not-on-file", CP, 27);
    assert!(text(&f, "message").contains("Susan Ellis"), "{f}");
    assert!(text(&f, "help").contains("health-and-welfare"), "{f}");
}

#[test]
fn consent_after_start() {
    let f = rule_pair("consent-after-start", "consent/after-start", CP, 25);
    let message = text(&f, "message");
    assert!(message.contains("2026-10-05, 4 days after"), "{f}");
    assert!(message.contains("2026-10-01"), "{f}");
}

#[test]
fn medication_no_skill() {
    let f = rule_pair("medication-no-skill", "medication/no-skill", CP, 20);
    assert!(text(&f, "message").contains("VR-0001"), "{f}");
    assert!(text(&f, "help").contains("08:00"), "{f}");
}

// ---- edges ----

#[test]
fn a_plan_under_review_stays_in_force() {
    let run = with_cp(&[("status: active", "status: review")]).check(&[]);
    run.expect_none("service-user/no-active-plan");
    run.expect_clean();
}

#[test]
fn only_active_service_users_need_plans_visits_and_hours() {
    let fixture = Fixture::base();
    fixture.write(SU, edit(BASE_SU, &[("status: active", "status: hospital")]));
    fixture.write(CP, edit(BASE_CP, &[("status: active", "status: ended")]));
    fixture.write(VR, edit(BASE_VR, &[("duration: 1h", "duration: 2h")]));
    let run = fixture.check(&[]);
    for code in [
        "service-user/no-active-plan",
        "service-user/no-visit-rules",
        "funding/hours-mismatch",
    ] {
        run.expect_none(code);
    }
}

#[test]
fn a_plan_that_fails_its_schema_is_not_called_missing() {
    let run = with_cp(&[("status: active", "status: activ")]).check(&[]);
    run.expect("schema/enum", CP, 4);
    run.expect_none("service-user/no-active-plan");
}

#[test]
fn visit_rules_that_fail_their_schema_are_not_called_missing() {
    let fixture = Fixture::base();
    fixture.write(VR, edit(BASE_VR, &[("duration: 1h", "duration: an hour")]));
    let run = fixture.check(&[]);
    run.expect("schema/format", VR, 11);
    run.expect_none("service-user/no-visit-rules");
    run.expect_none("funding/hours-mismatch");
}

#[test]
fn visit_rules_that_have_ended_leave_no_visits() {
    let fixture = Fixture::base();
    fixture.write(
        VR,
        edit(
            BASE_VR,
            &[(
                "valid_from: 2026-10-01",
                "valid_from: 2026-10-01\nvalid_to: 2026-10-31",
            )],
        ),
    );
    let f = fixture
        .check(&[])
        .expect("service-user/no-visit-rules", SU, 2);
    assert!(
        text(&f, "message").contains("VR-0001 ended on 2026-10-31"),
        "{f}"
    );
}

#[test]
fn double_ups_count_carer_hours() {
    let fixture = Fixture::base();
    fixture.write(
        VR,
        edit(BASE_VR, &[("duration: 1h", "duration: 1h\n    carers: 2")]),
    );
    let f = fixture.check(&[]).expect("funding/hours-mismatch", SU, 22);
    assert!(text(&f, "message").contains("14 carer-hours"), "{f}");
    fixture.write(
        SU,
        edit(BASE_SU, &[("hours_per_week: 7", "hours_per_week: 14")]),
    );
    fixture.check(&[]).expect_none("funding/hours-mismatch");
}

#[test]
fn hours_exactly_ten_percent_apart_are_accepted() {
    // 66 minutes daily is 7.7 h: 0.7 h over 7 h, exactly 10%.
    let fixture = Fixture::base();
    fixture.write(VR, edit(BASE_VR, &[("duration: 1h", "duration: 1h6m")]));
    fixture.check(&[]).expect_none("funding/hours-mismatch");
    fixture.write(VR, edit(BASE_VR, &[("duration: 1h", "duration: 1h7m")]));
    fixture.check(&[]).expect("funding/hours-mismatch", SU, 22);
}

#[test]
fn visits_without_commissioned_hours() {
    let fixture = Fixture::base();
    fixture.write(
        SU,
        edit(BASE_SU, &[("hours_per_week: 7", "hours_per_week: 0")]),
    );
    let f = fixture.check(&[]).expect("funding/hours-mismatch", SU, 22);
    assert!(text(&f, "message").contains("0 h are commissioned"), "{f}");
}

#[test]
fn review_due_today_is_due_soon_not_overdue() {
    let run = with_cp(&[("review_due: 2027-04-01", "review_due: 2026-11-23")]).check(&[]);
    run.expect_none("plan/review-overdue");
    let f = run.expect("plan/review-due-soon", CP, 8);
    assert!(text(&f, "message").contains("today"), "{f}");
    let run = with_cp(&[("review_due: 2027-04-01", "review_due: 2026-12-23")]).check(&[]);
    run.expect("plan/review-due-soon", CP, 8);
}

#[test]
fn drafts_are_not_held_to_consent_but_are_to_the_review_interval() {
    let fixture = Fixture::base();
    // A second, draft plan with no consent and a review too far away.
    let draft = edit(
        BASE_CP,
        &[
            ("id: CP-0001", "id: CP-0002"),
            ("status: active", "status: draft"),
            ("review_due: 2027-04-01", "review_due: 2028-01-01"),
        ],
    );
    let draft = match draft.find("consent:") {
        Some(i) => draft[..i].to_owned(),
        None => draft,
    };
    fixture.write("care-plans/CP-0002.yaml", draft);
    let run = fixture.check(&[]);
    run.expect_none("consent/missing");
    run.expect("plan/review-interval", "care-plans/CP-0002.yaml", 8);
}

#[test]
fn consent_given_without_a_date_is_missing() {
    let f = with_cp(&[("  date: 2026-09-25\n", "")])
        .check(&[])
        .expect("consent/missing", CP, 24);
    assert!(text(&f, "help").contains("`date`"), "{f}");
}

#[test]
fn consent_refused_is_reported_once() {
    let run = with_cp(&[("status: given", "status: refused")]).check(&[]);
    let f = run.expect("consent/refused", CP, 24);
    assert!(text(&f, "message").contains("refused on 2026-09-25"), "{f}");
    run.expect_none("consent/missing");
}

#[test]
fn best_interests_needs_an_assessment_that_found_no_capacity() {
    let without = with_consent(
        "consent:\n  status: best-interests\n  best_interests: {date: 2026-09-22, decision_maker: C-0002}\n",
    )
    .check(&[]);
    let f = without.expect("consent/capacity", CP, 24);
    assert!(text(&f, "help").contains("capacity:"), "{f}");

    let with_capacity = with_consent(
        "consent:\n  status: best-interests\n  capacity: {assessed_on: 2026-09-20, has_capacity: true}\n  best_interests: {date: 2026-09-22, decision_maker: C-0002}\n",
    )
    .check(&[]);
    with_capacity.expect("consent/capacity", CP, 25);
}

#[test]
fn best_interests_without_a_decision_is_missing() {
    let run = with_consent(
        "consent:\n  status: best-interests\n  capacity: {assessed_on: 2026-09-20, has_capacity: false}\n",
    )
    .check(&[]);
    let f = run.expect("consent/missing", CP, 24);
    assert!(text(&f, "help").contains("best_interests"), "{f}");
}

#[test]
fn a_best_interests_decision_after_the_start_is_late() {
    let run = with_consent(
        "consent:\n  status: best-interests\n  capacity: {assessed_on: 2026-09-20, has_capacity: false}\n  best_interests: {date: 2026-10-03, decision_maker: C-0002}\n",
    )
    .check(&[]);
    run.expect("consent/after-start", CP, 26);
}

#[test]
fn prompting_needs_no_medication_skill() {
    // The base plan prompts, and its visits require no skill.
    Fixture::base()
        .check(&[])
        .expect_none("medication/no-skill");
    let fixture = Fixture::base();
    fixture.write(CP, edit(BASE_CP, &[("support: prompt", "support: assist")]));
    fixture.check(&[]).expect("medication/no-skill", CP, 20);
}

// ---- policy.rules ----

#[test]
fn policy_rules_change_severity_or_turn_a_rule_off() {
    let raised = Fixture::rule("policy-rules-override", "error").check(&[]);
    let f = raised.expect("plan/review-due-soon", CP, 8);
    assert_eq!(f["severity"], "error", "{f}");
    assert_eq!(raised.status, 1);

    let off = Fixture::rule("policy-rules-override", "off").check(&[]);
    off.expect_none("plan/review-due-soon");
    off.expect_clean();
}

#[test]
fn a_misspelt_audit_code_under_policy_rules_gets_a_suggestion() {
    let fail = Fixture::rule("policy-rules-unknown-code", "fail").check(&[]);
    let f = fail.expect("schema/enum", "agency.yaml", 6);
    assert_eq!(f["message"], "`audit/late-entri` is not a rule code", "{f}");
    assert_eq!(f["help"], "did you mean `audit/late-entry`?", "{f}");
    assert_eq!(fail.status, 1);

    let pass = Fixture::rule("policy-rules-unknown-code", "pass").check(&[]);
    pass.expect_none("schema/enum");
    pass.expect_clean();
}
