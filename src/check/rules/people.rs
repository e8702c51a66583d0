//! Rules about the people who receive care: an active service user needs a
//! care plan in force and visit rules, and the visits planned for them should
//! match the carer-hours the funder commissioned.
//!
//! Only service users whose status is `active` are judged: a person in
//! hospital, paused or ended gets no visits, so missing plans or hours are
//! expected. When a care plan or visit rules of the person failed their
//! schema, "none found" is not said: the schema finding already points at
//! the real problem.

use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::care_plan::PlanStatus;
use crate::model::service_user::ServiceUserStatus;
use crate::model::values::Day;
use crate::model::{Kind, ServiceUser, VisitRules};

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for su in cx
        .service_users
        .iter()
        .filter(|s| s.record.status == ServiceUserStatus::Active)
    {
        no_active_plan(cx, *su, out);
        let current = current_rules(cx, su.record);
        no_visit_rules(cx, *su, &current, out);
        if !current.is_empty() {
            hours_mismatch(cx, *su, out);
        }
    }
}

/// The visit rules of `su` that apply today or later (not ended before
/// today).
fn current_rules<'a>(cx: &Context<'a>, su: &ServiceUser) -> Vec<At<'a, VisitRules>> {
    cx.rules_from(su.id.as_str(), cx.today).collect()
}

fn no_active_plan(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    let (e, r) = (su.entry, su.record);
    let plans: Vec<_> = cx.plans_of(r.id.as_str()).iter().collect();
    if plans.iter().any(|p| p.record.in_force()) || cx.has_broken(Kind::CarePlan, r.id.as_str()) {
        return;
    }
    let message = if plans.is_empty() {
        format!("{} ({}) is active but has no care plan", r.name, r.id)
    } else {
        let listed: Vec<String> = plans
            .iter()
            .map(|p| format!("{} is {}", p.record.id, status_word(p.record.status)))
            .collect();
        format!(
            "{} ({}) is active but has no care plan in force ({})",
            r.name,
            r.id,
            listed.join(", ")
        )
    };
    let mut f = cx
        .finding(Code::ServiceUserNoActivePlan, e, "/id", message)
        .help(
            "agree a care plan and set its `status: active` (a plan under review keeps \
             `status: review`); if care has stopped, change this person's `status` \
             to hospital, paused or ended",
        );
    for p in plans {
        f = f.related(
            cx.site(p.entry, "/status"),
            format!("{} is {}", p.record.id, status_word(p.record.status)),
        );
    }
    out.push(f);
}

/// How a plan's status reads in a sentence: `CP-0001 is a draft`.
fn status_word(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Draft => "a draft",
        PlanStatus::Active => "active",
        PlanStatus::Review => "under review",
        PlanStatus::Ended => "ended",
    }
}

fn no_visit_rules(
    cx: &Context,
    su: At<ServiceUser>,
    current: &[At<VisitRules>],
    out: &mut Vec<Finding>,
) {
    let (e, r) = (su.entry, su.record);
    if !current.is_empty() || cx.has_broken(Kind::VisitRules, r.id.as_str()) {
        return;
    }
    let ended: Vec<_> = cx.rules_of(r.id.as_str()).iter().collect();
    let message = if ended.is_empty() {
        format!(
            "{} ({}) is active but has no visit rules, so no visits will be planned",
            r.name, r.id
        )
    } else {
        let listed: Vec<String> = ended
            .iter()
            .map(|v| {
                let to = v.record.valid_to.map(|t| t.to_string()).unwrap_or_default();
                format!("{} ended on {to}", v.record.id)
            })
            .collect();
        format!(
            "{} ({}) is active but all their visit rules have ended ({}), so no visits will be planned",
            r.name,
            r.id,
            listed.join(", ")
        )
    };
    let mut f = cx
        .finding(Code::ServiceUserNoVisitRules, e, "/id", message)
        .help(format!(
            "add a visit-rules record with `service_user: {}` and the visits the care plan \
             needs (or extend `valid_to`); if care has stopped, change this person's `status`",
            r.id
        ));
    for v in ended {
        f = f.related(
            cx.site(v.entry, "/valid_to"),
            format!("{} ends here", v.record.id),
        );
    }
    out.push(f);
}

/// Carer-minutes a week of `rules`: each visit's duration, times its carers,
/// times the days of the week it runs.
fn weekly_minutes(rules: &VisitRules) -> u64 {
    rules
        .visits
        .iter()
        .map(|v| {
            let days = Day::ALL.iter().filter(|d| v.days.includes(**d)).count() as u64;
            u64::from(v.duration.minutes()) * u64::from(v.carers) * days
        })
        .sum()
}

/// Hours for a message: `7`, `7.5`, `8.75`, `7.33`.
fn hours(h: f64) -> String {
    let s = format!("{h:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

fn hours_mismatch(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    let (e, r) = (su.entry, su.record);
    let Some(commissioned) = r
        .funding
        .as_ref()
        .and_then(|f| f.commissioned_hours_per_week)
    else {
        return;
    };
    if !commissioned.is_finite()
        || commissioned < 0.0
        || cx.has_broken(Kind::VisitRules, r.id.as_str())
    {
        return;
    }
    let in_force: Vec<_> = cx.rules_in_force(r.id.as_str(), cx.today).collect();
    // Only care in force is judged: hours of care that starts later (the
    // person's start_date, or rules from a later valid_from) cannot be put
    // right yet.
    if in_force.is_empty() || r.start_date.is_some_and(|d| d.0 > cx.today) {
        return;
    }
    let planned_minutes: u64 = in_force.iter().map(|v| weekly_minutes(v.record)).sum();
    // Compare in minutes: whole hours and quarter hours stay exact there.
    let planned = planned_minutes as f64;
    let wanted = commissioned * 60.0;
    let diff = (planned - wanted).abs();
    let over_tolerance = if wanted == 0.0 {
        planned > 0.0
    } else {
        diff > wanted * 0.1 + 1e-9
    };
    if !over_tolerance {
        return;
    }
    let planned_h = planned / 60.0;
    let how = if wanted == 0.0 {
        String::new()
    } else {
        let pct = (diff / wanted * 100.0).round();
        let word = if planned > wanted { "more" } else { "fewer" };
        format!(" ({pct}% {word})")
    };
    let ids: Vec<&str> = in_force.iter().map(|v| v.record.id.as_str()).collect();
    let message = format!(
        "visit rules {} plan {} carer-hours a week for {}, but {} h are commissioned{how}",
        ids.join(", "),
        hours(planned_h),
        r.name,
        hours(commissioned)
    );
    let reference = r
        .funding
        .as_ref()
        .and_then(|f| f.reference.as_deref())
        .map(|x| format!(" (reference {x})"))
        .unwrap_or_default();
    let mut f = cx
        .finding(
            Code::FundingHoursMismatch,
            e,
            "/funding/commissioned_hours_per_week",
            message,
        )
        .help(format!(
            "change the visits to match the package, or ask the funder{reference} to change \
             the commissioned hours and update `commissioned_hours_per_week`; hours are \
             carer-hours, so a 45-minute double-up counts 1.5 h; a difference up to 10% is \
             accepted"
        ));
    for v in in_force {
        f = f.related(
            cx.site(v.entry, "/visits"),
            format!(
                "{} plans {} carer-hours a week",
                v.record.id,
                hours(weekly_minutes(v.record) as f64 / 60.0)
            ),
        );
    }
    out.push(f);
}
