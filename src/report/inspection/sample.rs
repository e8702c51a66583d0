//! The sample of care files (and staff files) the pack looks at closely,
//! picked as an inspector would: by risk first, then at random, seeded.

use crate::model::ServiceUser;
use crate::model::care_plan::{ConsentStatus, MedicationSupport, RiskLevel};
use crate::model::service_user::ServiceUserStatus;
use crate::report::Session;
use crate::rota::engine::rng::Rng;

/// Picks `n` care files as an inspector would: first someone who lacks
/// capacity, someone whose medicines are administered, someone at high
/// risk and someone with a DNACPR decision (where there are such people),
/// then at random; seeded, so the same seed picks the same files.
pub fn sample<'a>(
    people: &[&'a ServiceUser],
    s: &Session,
    n: usize,
    seed: u64,
) -> Vec<(&'a ServiceUser, String)> {
    let r = &s.records;
    let mut pool: Vec<&ServiceUser> = people
        .iter()
        .filter(|u| u.status == ServiceUserStatus::Active)
        .copied()
        .collect();
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut pool);
    type Test<'t> = Box<dyn Fn(&ServiceUser) -> bool + 't>;
    let plan = |u: &ServiceUser| r.plan_of(u.id.as_str());
    let criteria: Vec<(&str, Test)> = vec![
        (
            "lacks capacity: care in their best interests",
            Box::new(move |u: &ServiceUser| {
                plan(u).and_then(|p| p.consent.as_ref()).is_some_and(|c| {
                    c.status == ConsentStatus::BestInterests
                        || c.capacity.as_ref().is_some_and(|k| !k.has_capacity)
                })
            }),
        ),
        (
            "carers administer medicines",
            Box::new(move |u: &ServiceUser| {
                plan(u)
                    .and_then(|p| p.medication.as_ref())
                    .is_some_and(|m| m.support == MedicationSupport::Administer)
            }),
        ),
        (
            "a high risk in the care plan",
            Box::new(move |u: &ServiceUser| {
                plan(u).is_some_and(|p| p.risks.iter().any(|k| k.level == RiskLevel::High))
            }),
        ),
        (
            "a DNACPR decision in place",
            Box::new(|u: &ServiceUser| u.dnacpr.as_ref().is_some_and(|d| d.in_place)),
        ),
    ];
    let mut picked: Vec<(&ServiceUser, String)> = Vec::new();
    for (why, test) in &criteria {
        if picked.len() >= n {
            break;
        }
        if let Some(u) = pool
            .iter()
            .find(|u| test(u) && !picked.iter().any(|(p, _)| p.id == u.id))
        {
            picked.push((u, (*why).to_owned()));
        }
    }
    for u in &pool {
        if picked.len() >= n {
            break;
        }
        if !picked.iter().any(|(p, _)| p.id == u.id) {
            picked.push((u, "picked at random".to_owned()));
        }
    }
    picked
}
