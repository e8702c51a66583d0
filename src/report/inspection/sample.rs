//! The samples the pack looks at closely, picked as an inspector would:
//! one for each risk the records can show (where someone has it), then at
//! random; seeded, so the same seed picks the same files.
//!
//! A new risk is one row in `person_risks` or `carer_risks`; a risk the
//! records cannot show yet is named in [`PERSON_RISKS_NOT_IN_RECORDS`], so
//! the pack says what it could not sample by.

use crate::model::care_plan::{MedicationSupport, RiskLevel};
use crate::model::carer::CarerStatus;
use crate::model::service_user::ServiceUserStatus;
use crate::model::{Carer, ServiceUser};
use crate::report::Session;
use crate::report::evidence::capacity_in_doubt;
use crate::rota::engine::rng::Rng;

/// Risks an inspector samples people by that the records do not hold yet.
pub const PERSON_RISKS_NOT_IN_RECORDS: &[&str] = &[
    "a recent hospital discharge (no discharge dates are recorded)",
    "a safeguarding concern (no safeguarding records)",
];

/// A reason to pick, and who has it.
type Risk<'t, T> = (&'static str, Box<dyn Fn(&T) -> bool + 't>);

/// Picks `n` of `pool`: the first (after a seeded shuffle) with each risk
/// in turn, then the rest at random.
fn pick<'a, T>(
    mut pool: Vec<&'a T>,
    risks: &[Risk<'_, T>],
    n: usize,
    seed: u64,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<(&'a T, String)> {
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut pool);
    let mut picked: Vec<(&T, String)> = Vec::new();
    for (why, test) in risks {
        if picked.len() >= n {
            break;
        }
        if let Some(u) = pool
            .iter()
            .find(|u| test(u) && !picked.iter().any(|(p, _)| same(p, u)))
        {
            picked.push((u, (*why).to_owned()));
        }
    }
    for u in &pool {
        if picked.len() >= n {
            break;
        }
        if !picked.iter().any(|(p, _)| same(p, u)) {
            picked.push((u, "picked at random".to_owned()));
        }
    }
    picked
}

/// The risks people are sampled by, in order.
fn person_risks<'t>(s: &'t Session) -> Vec<Risk<'t, ServiceUser>> {
    let r = &s.records;
    let plan = move |u: &ServiceUser| r.plan_of(u.id.as_str());
    vec![
        (
            "time-critical medicines (NICE NG67)",
            Box::new(move |u: &ServiceUser| {
                plan(u)
                    .and_then(|p| p.medication.as_ref())
                    .is_some_and(|m| m.items.iter().any(|i| i.time_critical))
            }),
        ),
        (
            "capacity in doubt: someone else consents, or care is in their best interests",
            Box::new(move |u: &ServiceUser| {
                plan(u)
                    .and_then(|p| p.consent.as_ref())
                    .is_some_and(capacity_in_doubt)
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
    ]
}

/// Picks `n` care files of people receiving care.
pub fn sample<'a>(
    people: &[&'a ServiceUser],
    s: &Session,
    n: usize,
    seed: u64,
) -> Vec<(&'a ServiceUser, String)> {
    let pool: Vec<&ServiceUser> = people
        .iter()
        .filter(|u| u.status == ServiceUserStatus::Active)
        .copied()
        .collect();
    pick(pool, &person_risks(s), n, seed, |a, b| a.id == b.id)
}

/// Whether a finding about a carer is about recruitment.
fn recruitment_code(code: &str) -> bool {
    ["dbs/", "right-to-work/", "references/"]
        .iter()
        .any(|p| code.starts_with(p))
}

/// The risks staff files are sampled by, in order; `newest` is the id of
/// the newest starter.
fn carer_risks<'t>(s: &'t Session, newest: Option<&'t str>) -> Vec<Risk<'t, Carer>> {
    let r = &s.records;
    vec![
        (
            "the newest starter: recruitment checks are the freshest",
            Box::new(move |c: &Carer| Some(c.id.as_str()) == newest),
        ),
        (
            "a recruitment finding (DBS, right to work or references)",
            Box::new(move |c: &Carer| {
                r.findings_about(&[c.id.as_str()])
                    .iter()
                    .any(|f| recruitment_code(f.code.as_str()))
            }),
        ),
        (
            "a time-limited right to work",
            Box::new(|c: &Carer| {
                c.checks
                    .right_to_work
                    .as_ref()
                    .is_some_and(|w| w.expires.is_some())
            }),
        ),
        (
            "gives medicines",
            Box::new(|c: &Carer| c.skills.iter().any(|k| k == "medication")),
        ),
    ]
}

/// Picks `n` staff files of carers still employed.
pub fn staff_sample<'a>(
    carers: &[&'a Carer],
    s: &Session,
    n: usize,
    seed: u64,
) -> Vec<(&'a Carer, String)> {
    let pool: Vec<&Carer> = carers
        .iter()
        .filter(|c| c.status != CarerStatus::Leaver)
        .copied()
        .collect();
    let newest = pool
        .iter()
        .max_by_key(|c| (c.start_date.0, std::cmp::Reverse(c.id.as_str())))
        .map(|c| c.id.as_str());
    pick(pool.clone(), &carer_risks(s, newest), n, seed, |a, b| {
        a.id == b.id
    })
}
