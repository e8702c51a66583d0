//! Consent and mental capacity, for the plan as a whole (`consent:`) and
//! for each decision assessed on its own (`decisions:`): consent given by
//! whom, with which capacity assessment, and the attorney or deputy who
//! gave it holding a health-and-welfare LPA or a personal-welfare
//! deputyship.

use super::plans::person;
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::CarePlan;
use crate::model::care_plan::{Consent, ConsentStatus, GivenBy, PlanStatus};
use crate::model::service_user::Contact;
use crate::model::values::Date;
use crate::wording::days;

/// One consent judged: where it sits and what it is consent to.
struct Subject<'a> {
    /// JSON pointer of the consent, e.g. `/consent`, `/decisions/0/consent`.
    base: &'a str,
    /// What is consented to, for messages: `the care plan of Margaret Ellis
    /// (SU-0001)`, `the medication decision for ...`.
    what: String,
    consent: Option<&'a Consent>,
}

/// Adds the findings on consent to plan `p` and to each of its decisions.
pub(super) fn check_plan(cx: &Context, p: At<CarePlan>, out: &mut Vec<Finding>) {
    let who = person(cx, p.record);
    let plan = Subject {
        base: "/consent",
        what: format!("the care plan of {who}"),
        consent: p.record.consent.as_ref(),
    };
    consent(cx, p, &plan, out);
    for (i, d) in p.record.decisions.iter().enumerate() {
        let base = format!("/decisions/{i}/consent");
        let decision = Subject {
            base: &base,
            what: match &d.about {
                Some(about) => format!("`{about}` for {who}"),
                None => format!("the {} decision for {who}", d.decision.word()),
            },
            consent: Some(&d.consent),
        };
        consent(cx, p, &decision, out);
    }
}

fn consent(cx: &Context, p: At<CarePlan>, at: &Subject, out: &mut Vec<Finding>) {
    let (e, r) = (p.entry, p.record);
    let base = at.base;
    let mut emit = |code: Code, pointer: &str, message: String, help: &str| {
        let pointer = pointer.replacen("/consent", base, 1);
        out.push(cx.finding(code, e, &pointer, message).help(help));
    };
    let Some(c) = at.consent else {
        let state = match r.status {
            PlanStatus::Review => "under review",
            _ => "active",
        };
        emit(
            Code::ConsentMissing,
            "/id",
            format!("{} is {state} but records no consent", at.what),
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
                    "consent to {} was {word}{when}, but the plan is in force",
                    at.what
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
    if let Some(by @ (GivenBy::Lpa | GivenBy::Deputy)) = c.given_by {
        authority_on_file(cx, p, base, by, c, out);
    }
}

/// What an attorney or a deputy must hold to consent to care.
struct Authority {
    /// `attorney` or `deputy`.
    role: &'static str,
    /// The instrument, in a sentence.
    what: &'static str,
    code: Code,
    /// How to record it on the contact.
    record: &'static str,
    holds: fn(&Contact) -> bool,
    /// The day it could first be used: registration with the Office of
    /// the Public Guardian, or the court's order.
    from: fn(&Contact) -> Option<Date>,
    /// That day's name.
    from_what: &'static str,
}

const LPA: Authority = Authority {
    role: "attorney",
    what: "health-and-welfare LPA",
    code: Code::ConsentLpaNotOnFile,
    record: "`lpa: health-and-welfare` (or `both`); a property-and-financial LPA cannot \
             consent to care",
    holds: |c| c.lpa.covers_welfare(),
    from: |c| c.lpa_registered_on,
    from_what: "registered with the Office of the Public Guardian",
};

const DEPUTY: Authority = Authority {
    role: "deputy",
    what: "personal-welfare deputyship",
    code: Code::ConsentDeputyNotOnFile,
    record: "`deputy: {scope: personal-welfare, order_date: YYYY-MM-DD}`; a property-and-affairs \
             deputy cannot consent to care",
    holds: |c| c.welfare_deputy(),
    from: |c| c.deputy.as_ref().map(|d| d.order_date),
    from_what: "made by the Court of Protection",
};

/// The attorney or deputy named must hold the authority themselves:
/// another contact's does not let them decide.
fn authority_on_file(
    cx: &Context,
    p: At<CarePlan>,
    base: &str,
    by: GivenBy,
    consent: &Consent,
    out: &mut Vec<Finding>,
) {
    let named = consent.attorney.as_deref();
    let Some(su) = cx.service_user(p.record.service_user.as_str()) else {
        return;
    };
    let a = if by == GivenBy::Deputy { &DEPUTY } else { &LPA };
    let (role, what) = (a.role, a.what);
    if let Some(name) = named {
        let holder = su
            .record
            .contacts
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(name.trim()));
        if let Some(holder) = holder.filter(|h| (a.holds)(h)) {
            in_force_when_given(cx, p, base, a, holder, consent, out);
            return;
        }
        let message = match holder {
            Some(_) => format!(
                "consent was given by {name} as {role}, but {name} holds no {what} for {}",
                su.record.name
            ),
            None => format!(
                "consent was given by {name} as {role}, but {name} is not among {}'s \
                 contacts",
                su.record.name
            ),
        };
        out.push(
            cx.finding(a.code, p.entry, &format!("{base}/attorney"), message)
                .help(format!(
                    "see {name}'s {what}, then record it on their contact in {}: {}; if \
                     another {role} consented, name them under `attorney:`",
                    su.record.id, a.record
                ))
                .related(cx.site(su.entry, "/contacts"), "the person's contacts"),
        );
        return;
    }
    if su.record.contacts.iter().any(a.holds) {
        return;
    }
    out.push(
        cx.finding(
            a.code,
            p.entry,
            &format!("{base}/given_by"),
            format!(
                "consent was given by {} {role}, but none of {}'s contacts holds a {what}",
                if role == "attorney" { "an" } else { "a" },
                su.record.name
            ),
        )
        .help(format!(
            "see the {what}, then record it on the {role}'s contact in {}: {}",
            su.record.id, a.record
        ))
        .related(cx.site(su.entry, "/contacts"), "the person's contacts"),
    );
}

/// An LPA cannot be used before it is registered, nor a deputyship before
/// the court's order: consent dated earlier was not theirs to give.
fn in_force_when_given(
    cx: &Context,
    p: At<CarePlan>,
    base: &str,
    a: &Authority,
    holder: &Contact,
    consent: &Consent,
    out: &mut Vec<Finding>,
) {
    let (Some(given), Some(from)) = (consent.date, (a.from)(holder)) else {
        return;
    };
    if given >= from {
        return;
    }
    let (name, role, what) = (&holder.name, a.role, a.what);
    out.push(
        cx.finding(
            a.code,
            p.entry,
            &format!("{base}/date"),
            format!(
                "consent was given by {name} as {role} on {given}, but their {what} was {} \
                 only on {from}: it could not be used before",
                a.from_what
            ),
        )
        .help(
            "check the dates; if consent was given before the authority was in force, \
             record consent again now (or a best-interests decision for the time before)",
        ),
    );
}
