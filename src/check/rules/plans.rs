//! Rules about care plans: review dates, risk reviews, and whether
//! medication support reaches the visits (consent: `consent.rs`).
//!
//! A plan is judged while it is in force (`active`, or `review`, which
//! stays in force). The review interval is also checked on drafts, since a
//! draft becomes active with the dates it has; ended plans are history.

use crate::check::context::{At, Context, add_days, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::care_plan::{MedicationSupport, PlanStatus};
use crate::model::{CarePlan, Kind};
use crate::wording::days;
use chrono::NaiveDate;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for plan in cx
        .care_plans
        .iter()
        .filter(|p| p.record.status != PlanStatus::Ended)
    {
        review_interval(cx, *plan, out);
        if !plan.record.in_force() {
            continue;
        }
        review_due(cx, *plan, out);
        risks(cx, *plan, out);
        super::consent::check_plan(cx, *plan, out);
        super::mca::check_plan(cx, *plan, out);
        medication(cx, *plan, out);
    }
}

/// How far `date` is from today: `today`, `in 12 days`, `236 days ago`.
pub(super) fn from_today(cx: &Context, date: NaiveDate) -> String {
    match (date - cx.today).num_days() {
        0 => "today".to_owned(),
        n if n > 0 => format!("in {}", days(n)),
        n => format!("{} ago", days(-n)),
    }
}

/// `Margaret Ellis (SU-0001)`, or the bare id when the person is unknown.
pub(super) fn person(cx: &Context, plan: &CarePlan) -> String {
    match cx.service_user(plan.service_user.as_str()) {
        Some(su) => format!("{} ({})", su.record.name, plan.service_user),
        None => plan.service_user.to_string(),
    }
}

fn review_interval(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    let months = cx.policy.care_plan_review_months;
    if months == 0 {
        return;
    }
    let latest = add_months(r.assessed_on.0, months);
    if r.review_due.0 > latest {
        out.push(
            cx.finding(
                Code::PlanReviewInterval,
                p.entry,
                "/review_due",
                format!(
                    "review is due on {}, more than {months} months after the assessment on {} \
                     (the latest allowed is {latest})",
                    r.review_due, r.assessed_on
                ),
            )
            .help(format!(
                "set `review_due` to {latest} or earlier; the policy reviews care plans at least \
                 every {months} months (`care_plan_review_months`)"
            )),
        );
    }
}

fn review_due(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    let due = r.review_due.0;
    let soon = cx.policy.expiring_soon_days;
    if due < cx.today {
        out.push(
            cx.finding(
                Code::PlanReviewOverdue,
                p.entry,
                "/review_due",
                format!(
                    "the care plan of {} was due for review on {due}, {}",
                    person(cx, r),
                    from_today(cx, due)
                ),
            )
            .help(
                "review the plan with the person, update needs, risks and consent, then set \
                 `assessed_on` and the next `review_due`",
            ),
        );
    } else if due <= add_days(cx.today, soon) {
        out.push(
            cx.finding(
                Code::PlanReviewDueSoon,
                p.entry,
                "/review_due",
                format!(
                    "the care plan of {} is due for review on {due}, {}",
                    person(cx, r),
                    from_today(cx, due)
                ),
            )
            .help(format!(
                "book the review visit; this warning starts {soon} days ahead \
                 (`expiring_soon_days`)"
            )),
        );
    }
}

fn risks(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let months = cx.policy.risk_review_months;
    if months == 0 {
        return;
    }
    for (i, risk) in p.record.risks.iter().enumerate() {
        let due = add_months(risk.reviewed_on.0, months);
        if due < cx.today {
            out.push(
                cx.finding(
                    Code::PlanRiskReviewOverdue,
                    p.entry,
                    &format!("/risks/{i}/reviewed_on"),
                    format!(
                        "the `{}` risk was last reviewed on {}; its review was due on {due}, {}",
                        risk.risk,
                        risk.reviewed_on,
                        from_today(cx, due)
                    ),
                )
                .help(format!(
                    "review the risk and its mitigation, then set `reviewed_on`; the policy \
                     reviews risks every {months} months (`risk_review_months`)"
                )),
            );
        }
    }
}

/// The support level as written in the record.
fn word_of(s: MedicationSupport) -> &'static str {
    match s {
        MedicationSupport::None => "none",
        MedicationSupport::Prompt => "prompt",
        MedicationSupport::Assist => "assist",
        MedicationSupport::Administer => "administer",
    }
}

fn medication(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    let Some(m) = &r.medication else {
        return;
    };
    let word = match m.support {
        MedicationSupport::Assist => "assist people with their medicines",
        MedicationSupport::Administer => "administer medicines",
        MedicationSupport::None | MedicationSupport::Prompt => return,
    };
    if cx.has_broken(Kind::VisitRules, r.service_user.as_str()) {
        return;
    }
    let rules: Vec<_> = cx.rules_from(r.service_user.as_str(), cx.today).collect();
    // With no visit rules at all, `service-user/no-visit-rules` says so.
    if rules.is_empty() {
        return;
    }
    let skilled = rules.iter().any(|v| {
        v.record
            .visits
            .iter()
            .any(|visit| visit.skills.iter().any(|s| s.trim() == "medication"))
    });
    if skilled {
        return;
    }
    let ids: Vec<&str> = rules.iter().map(|v| v.record.id.as_str()).collect();
    let mut times: Vec<String> = m
        .items
        .iter()
        .flat_map(|i| i.times.iter().map(|t| t.to_string()))
        .collect();
    times.sort();
    times.dedup();
    let at = if times.is_empty() {
        String::new()
    } else {
        format!(" (medicines are due at {})", times.join(", "))
    };
    let mut f = cx
        .finding(
            Code::MedicationNoSkill,
            p.entry,
            "/medication/support",
            format!(
                "the plan has carers {word} (`support: {}`), but no visit in {} requires the skill \
                 `medication`, so a carer not trained to give medicines may be sent",
                word_of(m.support),
                ids.join(", ")
            ),
        )
        .help(format!(
            "add `medication` to `skills:` of the visits at which medicines are given{at}"
        ));
    for v in rules {
        f = f.related(
            cx.site(v.entry, "/visits"),
            format!("the visits of {}", v.record.id),
        );
    }
    out.push(f);
}
