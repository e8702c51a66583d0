//! Rules about care plans: review dates, risk reviews, consent and mental
//! capacity, and whether medication support reaches the visits.
//!
//! A plan is judged while it is in force (`active`, or `review`, which
//! stays in force). The review interval is also checked on drafts, since a
//! draft becomes active with the dates it has; ended plans are history.

use crate::check::context::{At, Context, add_days, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::care_plan::{ConsentStatus, GivenBy, MedicationSupport, PlanStatus};
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
        consent(cx, *plan, out);
        medication(cx, *plan, out);
    }
}

/// How far `date` is from today: `today`, `in 12 days`, `236 days ago`.
fn from_today(cx: &Context, date: NaiveDate) -> String {
    match (date - cx.today).num_days() {
        0 => "today".to_owned(),
        n if n > 0 => format!("in {}", days(n)),
        n => format!("{} ago", days(-n)),
    }
}

/// `Margaret Ellis (SU-0001)`, or the bare id when the person is unknown.
fn person(cx: &Context, plan: &CarePlan) -> String {
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

fn consent(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let (e, r) = (p.entry, p.record);
    let mut emit = |code: Code, pointer: &str, message: String, help: &str| {
        out.push(cx.finding(code, e, pointer, message).help(help));
    };
    let Some(c) = &r.consent else {
        let state = match r.status {
            PlanStatus::Review => "under review",
            _ => "active",
        };
        emit(
            Code::ConsentMissing,
            "/id",
            format!(
                "the care plan of {} is {state} but records no consent",
                person(cx, r)
            ),
            "add `consent:` with `status: given`, `date`, `given_by` and `capacity`, or, when \
             the person lacks capacity, `status: best-interests` with `capacity` and \
             `best_interests`",
        );
        return;
    };
    let decided_on = match c.status {
        ConsentStatus::Refused | ConsentStatus::Withdrawn => {
            let word = match c.status {
                ConsentStatus::Refused => "refused",
                _ => "withdrawn",
            };
            let when = c.date.map(|d| format!(" on {d}")).unwrap_or_default();
            emit(
                Code::ConsentRefused,
                "/consent/status",
                format!(
                    "consent to the care plan of {} was {word}{when}, but the plan is in force",
                    person(cx, r)
                ),
                "do not deliver care under this plan: talk with the person (and their family \
                 or attorney), then record new consent, or set the plan's `status: ended`",
            );
            return;
        }
        ConsentStatus::Given => {
            let lacking: Vec<&str> = [
                (c.date.is_none(), "`date`"),
                (c.given_by.is_none(), "`given_by`"),
            ]
            .into_iter()
            .filter_map(|(absent, field)| absent.then_some(field))
            .collect();
            if !lacking.is_empty() {
                emit(
                    Code::ConsentMissing,
                    "/consent",
                    format!(
                        "consent is marked given but has no {}, so it cannot be shown who \
                         consented and when",
                        lacking.join(" or ")
                    ),
                    &format!(
                        "add {} under `consent:` (given_by: self, lpa or deputy)",
                        lacking.join(" and ")
                    ),
                );
            }
            if let (Some(GivenBy::Self_), Some(cap)) = (c.given_by, &c.capacity)
                && !cap.has_capacity
            {
                emit(
                    Code::ConsentCapacity,
                    "/consent/capacity/has_capacity",
                    format!(
                        "consent is recorded as given by the person themselves, but the \
                         capacity assessment on {} found they lack capacity",
                        cap.assessed_on
                    ),
                    "record consent from a health-and-welfare attorney (`given_by: lpa`) or a \
                     deputy, or a best-interests decision (`status: best-interests`); if \
                     capacity was reassessed, record the new assessment",
                );
            }
            if let (Some(by @ (GivenBy::Lpa | GivenBy::Deputy)), Some(cap)) =
                (c.given_by, &c.capacity)
                && cap.has_capacity
            {
                let who = match by {
                    GivenBy::Lpa => "an attorney",
                    _ => "a deputy",
                };
                emit(
                    Code::ConsentCapacity,
                    "/consent/capacity/has_capacity",
                    format!(
                        "consent is recorded as given by {who}, but the capacity assessment on \
                         {} found the person has capacity for this decision: an attorney or \
                         deputy decides only when the person lacks it",
                        cap.assessed_on
                    ),
                    "record the person's own consent (`given_by: self`); if capacity was \
                     reassessed and is now lacking, record the new assessment",
                );
            }
            c.date
        }
        ConsentStatus::BestInterests => {
            if c.best_interests.is_none() {
                emit(
                    Code::ConsentMissing,
                    "/consent",
                    "consent is marked best-interests, but no best-interests decision is \
                     recorded"
                        .to_owned(),
                    "add `best_interests: {date: YYYY-MM-DD, decision_maker: <carer id>, \
                     consulted: [...]}` under `consent:`",
                );
            }
            match &c.capacity {
                None => emit(
                    Code::ConsentCapacity,
                    "/consent",
                    "a best-interests decision is recorded without a mental capacity assessment"
                        .to_owned(),
                    "assess capacity for this decision and add `capacity: {assessed_on: \
                     YYYY-MM-DD, has_capacity: false, decision: ...}` under `consent:`",
                ),
                Some(cap) if cap.has_capacity => emit(
                    Code::ConsentCapacity,
                    "/consent/capacity/has_capacity",
                    format!(
                        "a best-interests decision is recorded, but the capacity assessment on \
                         {} found the person has capacity to decide for themselves",
                        cap.assessed_on
                    ),
                    "a person with capacity gives or refuses consent themselves: record \
                     `status: given` and `given_by: self`, or correct the assessment",
                ),
                Some(_) => {}
            }
            c.best_interests.as_ref().map(|b| b.date).or(c.date)
        }
    };
    if let Some(date) = decided_on
        && date > r.effective_from
    {
        let pointer = match (&c.status, &c.best_interests) {
            (ConsentStatus::BestInterests, Some(_)) => "/consent/best_interests/date",
            _ => "/consent/date",
        };
        let late = (date.0 - r.effective_from.0).num_days();
        emit(
            Code::ConsentAfterStart,
            pointer,
            format!(
                "consent is dated {date}, {} after the plan took effect on {}",
                days(late),
                r.effective_from
            ),
            "care must not start before consent: check the dates; if care started early, \
             record why, or move `effective_from` to the day consent was given",
        );
    }
    if c.given_by == Some(GivenBy::Lpa) {
        lpa_on_file(cx, p, c.attorney.as_deref(), out);
    }
}

fn lpa_on_file(cx: &Context, p: At<CarePlan>, attorney: Option<&str>, out: &mut Vec<Finding>) {
    let Some(su) = cx.service_user(p.record.service_user.as_str()) else {
        return;
    };
    // The attorney named must hold the LPA: another contact's does not let
    // them decide.
    if let Some(name) = attorney {
        let holder = su
            .record
            .contacts
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(name.trim()));
        if holder.is_some_and(|c| c.lpa.covers_welfare()) {
            return;
        }
        let message = match holder {
            Some(_) => format!(
                "consent was given by {name} as attorney, but {name} holds no \
                 health-and-welfare LPA for {}",
                su.record.name
            ),
            None => format!(
                "consent was given by {name} as attorney, but {name} is not among {}'s \
                 contacts",
                su.record.name
            ),
        };
        out.push(
            cx.finding(
                Code::ConsentLpaNotOnFile,
                p.entry,
                "/consent/attorney",
                message,
            )
            .help(format!(
                "see {name}'s registered LPA, then record `lpa: health-and-welfare` (or \
                     `both`) on their contact in {}; if another attorney consented, name them \
                     under `attorney:`",
                su.record.id
            ))
            .related(cx.site(su.entry, "/contacts"), "the person's contacts"),
        );
        return;
    }
    if su.record.contacts.iter().any(|c| c.lpa.covers_welfare()) {
        return;
    }
    let named = attorney.map(|a| format!(" ({a})")).unwrap_or_default();
    out.push(
        cx.finding(
            Code::ConsentLpaNotOnFile,
            p.entry,
            "/consent/given_by",
            format!(
                "consent was given by an attorney{named}, but none of {}'s contacts holds a \
                 health-and-welfare LPA",
                su.record.name
            ),
        )
        .help(format!(
            "see the registered LPA, then set `lpa: health-and-welfare` (or `both`) on the \
             attorney's contact in {}; a property-and-financial LPA cannot consent to care",
            su.record.id
        ))
        .related(cx.site(su.entry, "/contacts"), "the person's contacts"),
    );
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
