//! Evidence about the people themselves: consent and capacity,
//! attorneys, preferences and communication, the GP and contacts, end of
//! life, commissioned hours.

use super::{Scope, Shown, info, share, share_of_all};
use crate::model::care_plan::{Consent, ConsentStatus, GivenBy};
use crate::report::Session;
use std::collections::HashSet;

/// The keys of this family.
pub(super) const KEYS: &[&str] = &[
    "consent",
    "capacity",
    "lpa",
    "preferences",
    "gp-details",
    "contacts",
    "end-of-life",
    "funded-hours",
];

/// Whether a consent record puts the person's capacity in doubt: someone
/// else decides (an attorney, a deputy, a best-interests decision), or an
/// assessment found they lack it. Capacity is otherwise presumed (Mental
/// Capacity Act 2005, section 1(2)), and an assessment of someone who has
/// it is no evidence of anything.
pub fn capacity_in_doubt(c: &Consent) -> bool {
    c.status == ConsentStatus::BestInterests
        || matches!(c.given_by, Some(GivenBy::Lpa | GivenBy::Deputy))
        || c.capacity.as_ref().is_some_and(|k| !k.has_capacity)
}

/// The evidence of `key`, when it is about the people.
pub(super) fn compute(s: &Session, scope: &Scope, key: &str) -> Option<Shown> {
    let (active, plans) = (&scope.active, &scope.plans);
    let shown = match key {
        "consent" => {
            let ok = plans
                .iter()
                .filter_map(|p| p.consent.as_ref())
                .filter(|c| c.status.allows_care() && c.date.is_some())
                .count();
            share_of_all(
                ok,
                plans.len(),
                "Consent to care",
                format!(
                    "{ok} of {} plans in force record dated consent or a best-interests decision",
                    plans.len()
                ),
            )
        }
        "capacity" => {
            let doubt: Vec<&Consent> = plans
                .iter()
                .filter_map(|p| p.consent.as_ref())
                .filter(|c| capacity_in_doubt(c))
                .collect();
            let ok = doubt
                .iter()
                .filter(|c| {
                    c.capacity.is_some()
                        && (c.status != ConsentStatus::BestInterests || c.best_interests.is_some())
                })
                .count();
            let value = if doubt.is_empty() {
                "Capacity is presumed: no plan in force records a doubt about anyone's \
                 capacity, so there is nothing here to count (an assessment of someone who has \
                 capacity is not evidence)"
                    .to_owned()
            } else {
                format!(
                    "{ok} of {} people whose capacity is in doubt (someone else consents, or \
                     they were assessed as lacking it) have the assessment and, where needed, \
                     the best-interests decision recorded; capacity is presumed for everyone \
                     else",
                    doubt.len()
                )
            };
            share(ok, doubt.len(), "Mental capacity", value)
        }
        "lpa" => {
            let n = active
                .iter()
                .filter(|u| u.contacts.iter().any(|c| c.lpa.covers_welfare()))
                .count();
            info(
                "Attorneys",
                format!(
                    "{n} people have a health-and-welfare attorney recorded among their contacts"
                ),
            )
        }
        "preferences" => {
            let told = active.iter().filter(|u| u.communication.is_some()).count();
            let named = active.iter().filter(|u| u.preferred_name.is_some()).count();
            share_of_all(
                told,
                active.len(),
                "Preferences and communication",
                format!(
                    "{told} of {} people have their communication needs recorded; {named} a \
                     preferred name",
                    active.len()
                ),
            )
        }
        "gp-details" => {
            let ok = active.iter().filter(|u| u.gp.is_some()).count();
            share_of_all(
                ok,
                active.len(),
                "GP",
                format!("{ok} of {} people have their GP recorded", active.len()),
            )
        }
        "contacts" => {
            let ok = active.iter().filter(|u| !u.contacts.is_empty()).count();
            let informed = active
                .iter()
                .filter(|u| u.contacts.iter().any(|c| c.keep_informed))
                .count();
            share_of_all(
                ok,
                active.len(),
                "Family and contacts",
                format!(
                    "{ok} of {} people have a contact recorded; {informed} someone to keep \
                     informed",
                    active.len()
                ),
            )
        }
        "end-of-life" => {
            let dnacpr: Vec<_> = active
                .iter()
                .filter_map(|u| u.dnacpr.as_ref())
                .filter(|d| d.in_place)
                .collect();
            let ok = dnacpr
                .iter()
                .filter(|d| d.date.is_some() && d.form_location.is_some())
                .count();
            share(
                ok,
                dnacpr.len(),
                "End of life",
                format!(
                    "{ok} of {} DNACPR decisions record their date and where the form is kept; \
                     the records hold no advance care plans or end-of-life wishes",
                    dnacpr.len()
                ),
            )
        }
        "funded-hours" => {
            let flagged: HashSet<&str> = s
                .records
                .check
                .findings
                .iter()
                .filter(|f| f.code.as_str() == "funding/hours-mismatch")
                .filter_map(|f| f.record.as_deref())
                .collect();
            let funded: Vec<_> = active
                .iter()
                .filter(|u| {
                    u.funding
                        .as_ref()
                        .is_some_and(|f| f.commissioned_hours_per_week.is_some())
                })
                .collect();
            let ok = funded
                .iter()
                .filter(|u| !flagged.contains(u.id.as_str()))
                .count();
            share(
                ok,
                funded.len(),
                "Commissioned hours",
                format!(
                    "{ok} of {} people with commissioned hours have visits within 10% of them",
                    funded.len()
                ),
            )
        }
        _ => return None,
    };
    Some(shown)
}
