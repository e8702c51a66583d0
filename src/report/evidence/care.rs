//! Evidence about the care people receive: plans, reviews, needs, risks,
//! medication, consent and capacity, attorneys, preferences, funded hours.

use super::{Scope, Shown, info, share};
use crate::check::context::add_months;
use crate::model::care_plan::{MedicationSupport, RiskLevel};
use crate::report::Session;
use std::collections::HashSet;

/// The evidence of `key`, when it is about care.
pub(super) fn compute(s: &Session, scope: &Scope, key: &str) -> Option<Shown> {
    let today = s.options.today;
    let (active, plans) = (&scope.active, &scope.plans);
    let shown = match key {
        "care-plans" => share(
            plans.len(),
            active.len(),
            "Care plans",
            format!(
                "{} of {} people receiving care have a care plan in force",
                plans.len(),
                active.len()
            ),
        ),
        "plan-reviews" => {
            let ok = plans.iter().filter(|p| p.review_due.0 >= today).count();
            share(
                ok,
                plans.len(),
                "Plan reviews",
                format!(
                    "{ok} of {} plans in force are within their review date",
                    plans.len()
                ),
            )
        }
        "needs-and-outcomes" => {
            let needs: usize = plans.iter().map(|p| p.needs.len()).sum();
            info(
                "Needs and outcomes",
                format!(
                    "{needs} assessed needs across {} plans, each with the outcome the person \
                     wants and how carers support it",
                    plans.len()
                ),
            )
        }
        "risk-assessments" => {
            let months = s.records.policy.risk_review_months;
            let risks: Vec<_> = plans.iter().flat_map(|p| p.risks.iter()).collect();
            let ok = risks
                .iter()
                .filter(|k| months == 0 || add_months(k.reviewed_on.0, months) >= today)
                .count();
            let high = risks.iter().filter(|k| k.level == RiskLevel::High).count();
            share(
                ok,
                risks.len(),
                "Risk assessments",
                format!(
                    "{ok} of {} risks reviewed within {months} months ({high} high)",
                    risks.len()
                ),
            )
        }
        "medication-support" => {
            let helped = plans
                .iter()
                .filter_map(|p| p.medication.as_ref())
                .filter(|m| {
                    matches!(
                        m.support,
                        MedicationSupport::Assist | MedicationSupport::Administer
                    )
                })
                .count();
            let items: usize = plans
                .iter()
                .filter_map(|p| p.medication.as_ref())
                .map(|m| m.items.len())
                .sum();
            info(
                "Medication support",
                format!(
                    "{helped} people have medicines administered or assisted; {items} medicines \
                     listed with dose and times"
                ),
            )
        }
        "consent" => {
            let ok = plans
                .iter()
                .filter_map(|p| p.consent.as_ref())
                .filter(|c| c.status.allows_care())
                .count();
            share(
                ok,
                plans.len(),
                "Consent to care",
                format!(
                    "{ok} of {} plans in force have consent given or a best-interests decision",
                    plans.len()
                ),
            )
        }
        "capacity" => {
            let consents: Vec<_> = plans.iter().filter_map(|p| p.consent.as_ref()).collect();
            let assessed = consents.iter().filter(|c| c.capacity.is_some()).count();
            let decided = consents
                .iter()
                .filter(|c| c.best_interests.is_some())
                .count();
            info(
                "Mental capacity",
                format!(
                    "{assessed} plans record a capacity assessment; {decided} a best-interests \
                     decision"
                ),
            )
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
            share(
                told,
                active.len(),
                "Preferences",
                format!(
                    "{told} of {} people have their communication needs recorded; {named} a \
                     preferred name",
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
