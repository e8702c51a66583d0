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
    "demographics",
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
            let welfare: Vec<_> = active
                .iter()
                .flat_map(|u| u.contacts.iter())
                .filter(|c| c.lpa.covers_welfare() || c.welfare_deputy())
                .collect();
            let seen = welfare
                .iter()
                .filter(|c| match &c.deputy {
                    Some(d) if !c.lpa.covers_welfare() => d.copy_seen_on.is_some(),
                    _ => c.lpa_registered_on.is_some() && c.lpa_copy_seen_on.is_some(),
                })
                .count();
            info(
                "Attorneys and deputies",
                format!(
                    "{} health-and-welfare attorneys or personal-welfare deputies are recorded \
                     among people's contacts; {seen} with the registration and a copy seen",
                    welfare.len()
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
            let decided: Vec<_> = active
                .iter()
                .filter(|u| u.dnacpr.as_ref().is_some_and(|d| d.in_place) || u.respect.is_some())
                .collect();
            let ok = decided
                .iter()
                .filter(|u| {
                    let form = u
                        .dnacpr
                        .as_ref()
                        .filter(|d| d.in_place)
                        .is_none_or(|d| d.date.is_some() && d.form_location.is_some());
                    let wishes = u.end_of_life.as_ref().is_some_and(|e| {
                        e.declined_to_discuss
                            || e.wishes.as_deref().is_some_and(|w| !w.trim().is_empty())
                    });
                    form && wishes
                })
                .count();
            share(
                ok,
                decided.len(),
                "End of life",
                format!(
                    "{ok} of {} people with a DNACPR decision or ReSPECT form have its date and \
                     place and their end-of-life wishes recorded",
                    decided.len()
                ),
            )
        }
        "demographics" => {
            let ok = active
                .iter()
                .filter(|u| {
                    u.demographics
                        .as_ref()
                        .is_some_and(|d| d.missing().is_empty())
                })
                .count();
            share_of_all(
                ok,
                active.len(),
                "Ethnicity, religion and language",
                format!(
                    "{ok} of {} people have ethnicity, religion and preferred language recorded \
                     (\"prefers not to say\" is an answer)",
                    active.len()
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
