//! Reviews of care and the person's part in them (NICE QS123 statement 5):
//! a first review within 6 weeks of care starting, then at least every
//! `care_plan_review_months` (12 by default: the agency's policy), each
//! recorded; and the plan saying how the person took part.
//!
//! Reviews are read from every plan of the person, ended ones included,
//! since a review often ends one plan and starts the next. Only people
//! receiving care (status `active`) with a plan in force are judged.

use crate::check::context::{At, Context, add_days, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::service_user::ServiceUserStatus;
use crate::model::{CarePlan, ServiceUser};

/// NICE QS123: the first review within 6 weeks of care starting.
const FIRST_REVIEW_DAYS: u32 = 42;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for su in cx
        .service_users
        .iter()
        .filter(|s| s.record.status == ServiceUserStatus::Active)
    {
        let plans = cx.plans_of(su.record.id.as_str());
        let Some(current) = plans.iter().find(|p| p.record.in_force()) else {
            continue; // service-user/no-active-plan says so
        };
        reviews_due(cx, *su, plans, *current, out);
        involvement(cx, *current, out);
    }
}

fn reviews_due(
    cx: &Context,
    su: At<ServiceUser>,
    plans: &[At<CarePlan>],
    current: At<CarePlan>,
    out: &mut Vec<Finding>,
) {
    let latest = plans
        .iter()
        .flat_map(|p| {
            p.record
                .reviews
                .iter()
                .enumerate()
                .map(move |(j, r)| (*p, j, r.date.0))
        })
        .max_by_key(|(_, _, date)| *date);
    let Some((plan, j, last)) = latest else {
        let started = su
            .record
            .start_date
            .map(|d| d.0)
            .or_else(|| plans.iter().map(|p| p.record.effective_from.0).min());
        let Some(started) = started else { return };
        let due = add_days(started, FIRST_REVIEW_DAYS);
        if due >= cx.today {
            return;
        }
        let weeks = (cx.today - started).num_weeks();
        out.push(
            cx.finding(
                Code::ReviewFirstOverdue,
                current.entry,
                "/id",
                format!(
                    "care for {} started on {started}, {weeks} weeks ago, and no review is \
                     recorded; the first review was due by {due} (within 6 weeks, NICE QS123)",
                    su.record.name
                ),
            )
            .help(
                "hold a review with the person and record it under `reviews:` as `- {date: \
                 YYYY-MM-DD, led_by: <carer id>, participants: [...], person_involved: true}`",
            ),
        );
        return;
    };
    let months = cx.policy.care_plan_review_months;
    if months == 0 {
        return;
    }
    let due = add_months(last, months);
    if due >= cx.today {
        return;
    }
    out.push(
        cx.finding(
            Code::ReviewOverdue,
            plan.entry,
            &format!("/reviews/{j}/date"),
            format!(
                "the latest review of {}'s care was on {last}; the next was due by {due}, {}",
                su.record.name,
                super::plans::from_today(cx, due)
            ),
        )
        .help(format!(
            "hold a review and add it under `reviews:`; the policy reviews care at least every \
             {months} months (`care_plan_review_months`)"
        )),
    );
}

fn involvement(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let r = p.record;
    let why_not = r
        .involvement
        .as_ref()
        .and_then(|i| i.why_not.as_deref())
        .is_some_and(|w| !w.trim().is_empty());
    let (pointer, message, help) = match &r.involvement {
        None => (
            "/id".to_owned(),
            format!(
                "the care plan {} does not record how the person took part in it",
                r.id
            ),
            "add `involvement: {person_involved: true, how: ...}`; when the person could not \
             take part, `person_involved: false` with `why_not` (and who spoke for them in \
             `how`)",
        ),
        Some(i) if !i.person_involved && !why_not => (
            "/involvement/person_involved".to_owned(),
            format!(
                "the care plan {} records that the person did not take part, and not why",
                r.id
            ),
            "record `why_not` (e.g. lacks capacity and an advocate spoke for them), or involve \
             the person and set `person_involved: true`",
        ),
        _ => {
            let last = r.reviews.iter().enumerate().max_by_key(|(_, v)| v.date);
            match last {
                Some((j, v)) if !v.person_involved && !why_not => (
                    format!("/reviews/{j}/person_involved"),
                    format!(
                        "the review on {} was held without the person, and the plan records \
                         no reason",
                        v.date
                    ),
                    "involve the person in reviews of their care; when they cannot take part, \
                     say why under `involvement: {why_not: ...}`",
                ),
                _ => return,
            }
        }
    };
    out.push(
        cx.finding(Code::ReviewPersonNotInvolved, p.entry, &pointer, message)
            .help(help),
    );
}
