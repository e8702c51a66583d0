//! The Mental Capacity Act beyond consent: capacity assessed for each
//! decision that needs it, restrictive practices each backed by a
//! best-interests decision (or the person's own agreement), and a
//! deprivation of liberty at home authorised by the Court of Protection.
//!
//! Capacity is presumed (MCA s.1(2)): a person "lacks capacity" here only
//! when an assessment says so. For a decision, its own assessment counts;
//! without one, the assessment for the plan as a whole stands in.

use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::CarePlan;
use crate::model::care_plan::MedicationSupport;
use crate::model::mca::DecisionArea;

/// Adds this family's findings for plan `p` (in force) to `out`.
pub(super) fn check_plan(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    decision_missing(cx, p, out);
    restrictions(cx, p, out);
    deprivation(cx, p, out);
}

/// Whether the plan's own assessment found the person lacks capacity to
/// consent to the plan.
fn lacks_for_plan(plan: &CarePlan) -> bool {
    plan.consent
        .as_ref()
        .and_then(|c| c.capacity.as_ref())
        .is_some_and(|cap| !cap.has_capacity)
}

/// The latest assessment of `area` (true: has capacity), if any.
fn assessed(plan: &CarePlan, area: DecisionArea) -> Option<bool> {
    plan.decisions
        .iter()
        .filter(|d| d.decision == area)
        .filter_map(|d| d.consent.capacity.as_ref())
        .max_by_key(|cap| cap.assessed_on)
        .map(|cap| cap.has_capacity)
}

/// Whether the person lacks capacity for `area`: its own assessment, or
/// else the plan's.
fn lacks(plan: &CarePlan, area: DecisionArea) -> bool {
    assessed(plan, area).map_or_else(|| lacks_for_plan(plan), |has| !has)
}

fn decision_missing(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    if !lacks_for_plan(r) {
        return;
    }
    let has = |area| r.decisions.iter().any(|d| d.decision == area);
    let medicines = r.medication.as_ref().is_some_and(|m| {
        matches!(
            m.support,
            MedicationSupport::Assist | MedicationSupport::Administer
        )
    });
    let mut missing = Vec::new();
    if medicines && !has(DecisionArea::Medication) {
        missing.push((
            DecisionArea::Medication,
            "/medication/support",
            "carers give medicines",
        ));
    }
    if !r.restrictive_practices.is_empty() && !has(DecisionArea::Restrictions) {
        missing.push((
            DecisionArea::Restrictions,
            "/restrictive_practices",
            "the plan restricts the person",
        ));
    }
    for (area, pointer, why) in missing {
        out.push(
            cx.finding(
                Code::McaDecisionMissing,
                p.entry,
                pointer,
                format!(
                    "{why}, and the person was assessed as lacking capacity for the plan, but no \
                     capacity assessment for the {} decision is recorded: capacity is \
                     decision-specific",
                    area.word()
                ),
            )
            .help(format!(
                "assess capacity for this decision and add it under `decisions:` as \
                 `- decision: {}` with `consent:` (status, date, given_by or best_interests) \
                 and `capacity: {{assessed_on, assessed_by, has_capacity}}`",
                area.word()
            )),
        );
    }
}

fn restrictions(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    let lacking = lacks(r, DecisionArea::Restrictions);
    let assessed_capable = assessed(r, DecisionArea::Restrictions) == Some(true)
        || (assessed(r, DecisionArea::Restrictions).is_none()
            && r.consent
                .as_ref()
                .and_then(|c| c.capacity.as_ref())
                .is_some_and(|cap| cap.has_capacity));
    for (i, rp) in r.restrictive_practices.iter().enumerate() {
        let at = format!("/restrictive_practices/{i}");
        let what = &rp.practice;
        let (pointer, message, help) = match (&rp.best_interests, rp.agreed_by_person_on) {
            (None, None) => (
                format!("{at}/practice"),
                format!(
                    "the restrictive practice `{what}` records neither a best-interests decision \
                     nor the person's agreement"
                ),
                "if the person lacks capacity for it, record `best_interests: {date, \
                 decision_maker, consulted}` (the least restrictive option, with family and \
                 professionals consulted); if they have capacity, record \
                 `agreed_by_person_on`; otherwise stop the practice",
            ),
            (None, Some(_)) if lacking => (
                format!("{at}/agreed_by_person_on"),
                format!(
                    "the restrictive practice `{what}` is recorded as agreed by the person, but \
                     they were assessed as lacking capacity for it"
                ),
                "a person who lacks capacity cannot agree: record a best-interests decision \
                 (`best_interests:`), or a new assessment finding they have capacity",
            ),
            (Some(_), None) if assessed_capable => (
                format!("{at}/best_interests"),
                format!(
                    "the restrictive practice `{what}` rests on a best-interests decision, but \
                     the person was assessed as having capacity to decide"
                ),
                "a person with capacity decides for themselves: record their agreement \
                 (`agreed_by_person_on`) or stop the practice",
            ),
            _ => {
                review_overdue(cx, p, i, out);
                continue;
            }
        };
        out.push(
            cx.finding(
                Code::McaRestrictionNoBestInterests,
                p.entry,
                &pointer,
                message,
            )
            .help(help),
        );
    }
}

fn deprivation(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    let Some(dol) = &r.deprivation_of_liberty else {
        return;
    };
    if !dol.acid_test_met() || !lacks(r, DecisionArea::Restrictions) {
        return;
    }
    let base = "/deprivation_of_liberty";
    let needed = "under continuous supervision and control and not free to leave, and lacks \
                  capacity to consent to these arrangements: a deprivation of liberty at home";
    let (code, pointer, message, help) = match &dol.court_of_protection {
        None => (
            Code::McaDolNoAuthorisation,
            format!("{base}/free_to_leave"),
            format!(
                "the person is {needed}, which only the Court of Protection can authorise, and \
                 no application is recorded"
            ),
            "ask the commissioner (local authority or ICB) to apply to the Court of Protection \
             and record `court_of_protection: {applied_on}`; meanwhile review whether a less \
             restrictive option would do"
                .to_owned(),
        ),
        Some(court) => match (court.authorised_on, court.expires_on) {
            (None, _) => (
                Code::McaDolAwaitingCourt,
                format!("{base}/court_of_protection/applied_on"),
                format!(
                    "the person is {needed}; the application to the Court of Protection made on \
                     {} is not yet authorised",
                    court.applied_on
                ),
                "chase the commissioner; record `authorised_on` when the order is made and \
                 notify CQC of the outcome (`cqc_notified_on`)"
                    .to_owned(),
            ),
            (Some(_), Some(end)) if end.0 < cx.today => (
                Code::McaDolNoAuthorisation,
                format!("{base}/court_of_protection/expires_on"),
                format!(
                    "the person is {needed}, and the Court of Protection's authorisation expired \
                     on {end}"
                ),
                format!(
                    "ask the commissioner to apply for a review of the order and record the new \
                     `authorised_on` and `expires_on` (the order expired {})",
                    super::plans::from_today(cx, end.0)
                ),
            ),
            (Some(_), _) if court.cqc_notified_on.is_none() => (
                Code::McaDolNotNotified,
                format!("{base}/court_of_protection/authorised_on"),
                "the Court of Protection authorised the deprivation of liberty, but no \
                 notification to CQC is recorded"
                    .to_owned(),
                "notify CQC of the outcome without delay (Care Quality Commission \
                 (Registration) Regulations 2009, regulation 18) and record `cqc_notified_on`"
                    .to_owned(),
            ),
            _ => return,
        },
    };
    out.push(cx.finding(code, p.entry, &pointer, message).help(help));
}

/// A restriction must stay the least restrictive option: reviewed by the
/// date set.
fn review_overdue(cx: &Context, p: At<CarePlan>, i: usize, out: &mut Vec<Finding>) {
    let Some(rp) = p.record.restrictive_practices.get(i) else {
        return;
    };
    let Some(due) = rp.review_due.filter(|d| d.0 < cx.today) else {
        return;
    };
    out.push(
        cx.finding(
            Code::McaRestrictionReviewOverdue,
            p.entry,
            &format!("/restrictive_practices/{i}/review_due"),
            format!(
                "the restrictive practice `{}` was due for review on {due}, {}",
                rp.practice,
                super::plans::from_today(cx, due.0)
            ),
        )
        .help(
            "review whether it is still needed and still the least restrictive option, with \
             those consulted before; record the decision and the next `review_due`",
        ),
    );
}
