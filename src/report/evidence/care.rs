//! Evidence about the care people receive: plans, reviews, needs and
//! outcomes, risks, medication support, nutrition.

use super::{Scope, Shown, info, share, share_of_all};
use crate::check::context::add_months;
use crate::model::care_plan::{Domain, MedicationSupport, RiskLevel};
use crate::report::Session;

/// The keys of this family.
pub(super) const KEYS: &[&str] = &[
    "care-plans",
    "plan-reviews",
    "needs-and-outcomes",
    "risk-assessments",
    "medication-support",
    "nutrition",
];

/// The evidence of `key`, when it is about care.
pub(super) fn compute(s: &Session, scope: &Scope, key: &str) -> Option<Shown> {
    let today = s.options.today;
    let (active, plans) = (&scope.active, &scope.plans);
    let shown = match key {
        "care-plans" => share_of_all(
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
            share_of_all(
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
            let ok = plans
                .iter()
                .filter(|p| {
                    !p.needs.is_empty()
                        && p.needs
                            .iter()
                            .all(|n| !n.outcome.trim().is_empty() && !n.support.trim().is_empty())
                })
                .count();
            let needs: usize = plans.iter().map(|p| p.needs.len()).sum();
            share_of_all(
                ok,
                plans.len(),
                "Needs and outcomes",
                format!(
                    "{ok} of {} plans give each assessed need the outcome the person wants and \
                     how carers support it ({needs} needs in all)",
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
            share_of_all(
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
            let helped: Vec<_> = plans
                .iter()
                .filter_map(|p| p.medication.as_ref())
                .filter(|m| {
                    matches!(
                        m.support,
                        MedicationSupport::Assist | MedicationSupport::Administer
                    )
                })
                .collect();
            let ok = helped
                .iter()
                .filter(|m| !m.items.is_empty() && m.items.iter().all(|i| i.is_described()))
                .count();
            share(
                ok,
                helped.len(),
                "Medication support",
                format!(
                    "{ok} of {} people whose medicines carers administer or assist with have \
                     each medicine listed with its dose and times",
                    helped.len()
                ),
            )
        }
        "nutrition" => {
            let n = plans
                .iter()
                .filter(|p| p.needs.iter().any(|n| n.domain == Domain::Nutrition))
                .count();
            info(
                "Eating and drinking",
                format!(
                    "{n} of {} plans assess a need with eating and drinking; the records hold \
                     no food and fluid charts or weights",
                    plans.len()
                ),
            )
        }
        _ => return None,
    };
    Some(shown)
}
