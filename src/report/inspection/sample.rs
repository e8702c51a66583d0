//! The samples the pack looks at closely, picked as an inspector would:
//! one for each risk the records show (where someone has it), then at
//! random; seeded, so the same seed picks the same files.
//!
//! A new risk is one row in `person_risks` or `carer_risks`: a test that
//! gives the reason shown for someone who has the risk.

use crate::model::care_plan::{MedicationSupport, RiskLevel};
use crate::model::carer::CarerStatus;
use crate::model::service_user::ServiceUserStatus;
use crate::model::{Carer, Incident, ServiceUser};
use crate::report::evidence::capacity_in_doubt;
use crate::report::{Session, text};
use crate::rota::engine::rng::Rng;
use chrono::{Days, Months, NaiveDate};
use std::collections::HashMap;

/// A risk: the reason shown for someone who has it, `None` for anyone else.
type Risk<'t, T> = Box<dyn Fn(&T) -> Option<String> + 't>;

/// A risk whose reason is the same words for everyone who has it.
fn flag<'t, T>(why: &'static str, test: impl Fn(&T) -> bool + 't) -> Risk<'t, T> {
    Box::new(move |u| test(u).then(|| why.to_owned()))
}

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
    for risk in risks {
        if picked.len() >= n {
            break;
        }
        if let Some((u, why)) = pool
            .iter()
            .filter(|u| !picked.iter().any(|(p, _)| same(p, u)))
            .find_map(|u| risk(u).map(|why| (*u, why)))
        {
            picked.push((u, why));
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

/// The latest discharge from hospital of `u` from `since` to `today`.
fn discharged_since(u: &ServiceUser, since: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    u.hospital_stays
        .iter()
        .filter_map(|h| h.discharged.map(|d| d.0))
        .filter(|d| (since..=today).contains(d))
        .max()
}

/// Each person's latest incident from `since` to `today` that is an
/// allegation or suspicion of abuse or was referred to safeguarding.
fn safeguarding_concerns<'a>(
    s: &'a Session,
    since: NaiveDate,
    today: NaiveDate,
) -> HashMap<&'a str, &'a Incident> {
    let mut latest: HashMap<&str, &Incident> = HashMap::new();
    let concerns = s
        .records
        .index
        .incidents
        .iter()
        .map(|i| i.record)
        .filter(|i| {
            (since..=today).contains(&i.occurred.0)
                && (i.abuse_suspected()
                    || i.safeguarding
                        .as_ref()
                        .is_some_and(|g| g.referred.is_some()))
        });
    for i in concerns {
        for u in &i.service_users {
            let at = latest.entry(u.as_str()).or_insert(i);
            if (i.occurred, i.id.as_str()) > (at.occurred, at.id.as_str()) {
                *at = i;
            }
        }
    }
    latest
}

/// The risks people are sampled by, in order.
fn person_risks<'t>(s: &'t Session) -> Vec<Risk<'t, ServiceUser>> {
    let r = &s.records;
    let plan = move |u: &ServiceUser| r.plan_of(u.id.as_str());
    let today = s.options.today;
    let policy = r.policy.inspection;
    let days = policy.recent_discharge_days;
    let months = policy.safeguarding_months;
    let discharge_since = today
        .checked_sub_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MIN);
    let concern_since = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    let concerns = safeguarding_concerns(s, concern_since, today);
    vec![
        Box::new(move |u: &ServiceUser| {
            discharged_since(u, discharge_since, today).map(|d| {
                format!(
                    "a recent hospital discharge: home on {} (in the last {days} days)",
                    text::date(d)
                )
            })
        }),
        Box::new(move |u: &ServiceUser| {
            concerns.get(u.id.as_str()).map(|i| {
                format!(
                    "a safeguarding concern: {} of {} (in the last {months} months)",
                    i.id,
                    text::date(i.occurred.0)
                )
            })
        }),
        flag("time-critical medicines (NICE NG67)", move |u| {
            plan(u)
                .and_then(|p| p.medication.as_ref())
                .is_some_and(|m| m.items.iter().any(|i| i.time_critical))
        }),
        flag(
            "capacity in doubt: someone else consents, or care is in their best interests",
            move |u| {
                plan(u)
                    .and_then(|p| p.consent.as_ref())
                    .is_some_and(capacity_in_doubt)
            },
        ),
        flag("carers administer medicines", move |u| {
            plan(u)
                .and_then(|p| p.medication.as_ref())
                .is_some_and(|m| m.support == MedicationSupport::Administer)
        }),
        flag("a high risk in the care plan", move |u| {
            plan(u).is_some_and(|p| p.risks.iter().any(|k| k.level == RiskLevel::High))
        }),
        flag("a DNACPR decision in place", |u: &ServiceUser| {
            u.dnacpr.as_ref().is_some_and(|d| d.in_place)
        }),
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
        flag(
            "the newest starter: recruitment checks are the freshest",
            move |c: &Carer| Some(c.id.as_str()) == newest,
        ),
        flag(
            "a recruitment finding (DBS, right to work or references)",
            move |c: &Carer| {
                r.findings_about(&[c.id.as_str()])
                    .iter()
                    .any(|f| recruitment_code(f.code.as_str()))
            },
        ),
        flag("a time-limited right to work", |c: &Carer| {
            c.checks
                .right_to_work
                .as_ref()
                .is_some_and(|w| w.expires.is_some())
        }),
        flag("gives medicines", |c: &Carer| {
            c.skills.iter().any(|k| k == "medication")
        }),
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
