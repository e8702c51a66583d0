//! `carebook export hours`: the week's planned hours, for payroll (per
//! carer per day) and for invoices (per service user, by funder).
//!
//! A carer's working time is care plus travel between consecutive visits
//! of a day, as the rota engine and `carebook check` count it; travel from
//! home to the first visit and back from the last is commuting, not
//! working time. Travel between visits counts towards the National Minimum
//! Wage, so it has a column of its own, and so do the gaps: time between
//! visits that is neither care nor travel, which an agency may or may not
//! pay, but should see.

use super::week::{PlannedVisit, WeekRota};
use crate::model::Carer;
use crate::model::service_user::{FundingSource, ServiceUserStatus};
use crate::travel::{Place, TravelTimes};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One carer's planned day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarerDay {
    /// The day.
    pub date: NaiveDate,
    /// The carer's id.
    pub carer_id: String,
    /// The carer's name.
    pub carer_name: String,
    /// Visits that day.
    pub visits: usize,
    /// Start of the first visit, minutes since midnight.
    pub first_start: u32,
    /// End of the last visit, minutes since midnight (past 1440 after midnight).
    pub last_end: u32,
    /// Minutes of care.
    pub care: u32,
    /// Minutes of travel between visits.
    pub travel: u32,
    /// Minutes between visits that are neither care nor travel.
    pub gap: u32,
}

impl CarerDay {
    /// Working minutes: care plus travel between visits.
    pub fn working(&self) -> u32 {
        self.care.saturating_add(self.travel)
    }
}

/// Each carer's days, by carer id and date.
pub fn by_carer(week: &WeekRota, times: &TravelTimes) -> Vec<CarerDay> {
    let by_carer = week.by_carer();
    let mut days = Vec::new();
    for (carer, mut visits) in by_carer.into_values() {
        visits.sort_by_key(|v| (v.visit.date, v.start, v.end));
        for one_day in visits.chunk_by(|a, b| a.visit.date == b.visit.date) {
            days.push(carer_day(carer, one_day, times));
        }
    }
    days
}

fn carer_day(carer: &Carer, visits: &[&PlannedVisit], times: &TravelTimes) -> CarerDay {
    let mut day = CarerDay {
        date: visits.first().map_or(NaiveDate::MIN, |v| v.visit.date.0),
        carer_id: carer.id.to_string(),
        carer_name: carer.name.clone(),
        visits: visits.len(),
        first_start: visits.first().map_or(0, |v| v.start),
        last_end: visits.iter().map(|v| v.end).max().unwrap_or(0),
        care: 0,
        travel: 0,
        gap: 0,
    };
    let mut busy_until: Option<u32> = None;
    let mut previous: Option<&PlannedVisit> = None;
    for v in visits {
        day.care = day.care.saturating_add(v.minutes());
        if let (Some(prev), Some(until)) = (previous, busy_until) {
            let minutes = times.minutes(place(prev), place(v), carer.travel);
            day.travel = day.travel.saturating_add(minutes);
            let free = v.start.saturating_sub(until);
            day.gap = day.gap.saturating_add(free.saturating_sub(minutes));
        }
        busy_until = Some(busy_until.map_or(v.end, |u| u.max(v.end)));
        previous = Some(v);
    }
    day
}

fn place<'a>(v: &'a PlannedVisit) -> Place<'a> {
    Place {
        key: v.person.id.as_str(),
        location: &v.person.location,
    }
}

/// One service user's planned week against what is commissioned.
#[derive(Debug, Clone, PartialEq)]
pub struct FunderRow {
    /// Who pays, as records write it (`local-authority`), or `none`.
    pub source: String,
    /// The funder's reference for the package.
    pub reference: Option<String>,
    /// The service user's id.
    pub service_user: String,
    /// The service user's name.
    pub name: String,
    /// Visits planned.
    pub visits: usize,
    /// Planned carer-minutes: each visit's length times its carers.
    pub carer_minutes: u64,
    /// Commissioned carer-hours a week.
    pub commissioned_hours: Option<f64>,
    /// Visits of the week the rota left unassigned.
    pub unassigned: usize,
}

/// The funding source as records write it.
pub fn source_name(source: FundingSource) -> &'static str {
    match source {
        FundingSource::LocalAuthority => "local-authority",
        FundingSource::NhsChc => "nhs-chc",
        FundingSource::SelfFunded => "self-funded",
        FundingSource::DirectPayment => "direct-payment",
    }
}

/// Every service user with a visit in the rota (planned or unassigned), and
/// every active one with funding recorded (so that a package with nothing
/// planned shows), grouped by funding source and reference.
pub fn by_funder(week: &WeekRota) -> Vec<FunderRow> {
    let mut planned: HashMap<&str, (usize, u64)> = HashMap::new();
    for v in &week.visits {
        let e = planned.entry(v.person.id.as_str()).or_default();
        e.0 += 1;
        e.1 += u64::from(v.minutes()) * v.carers.len() as u64;
    }
    let mut unassigned: HashMap<&str, usize> = HashMap::new();
    for u in &week.rota.unassigned {
        *unassigned.entry(u.service_user.as_str()).or_default() += 1;
    }
    let mut rows: Vec<FunderRow> = week
        .people
        .values()
        .filter(|p| {
            let id = p.id.as_str();
            planned.contains_key(id)
                || unassigned.contains_key(id)
                || (p.status == ServiceUserStatus::Active && p.funding.is_some())
        })
        .map(|p| {
            let id = p.id.as_str();
            let (visits, carer_minutes) = planned.get(id).copied().unwrap_or_default();
            FunderRow {
                source: p
                    .funding
                    .as_ref()
                    .map_or("none", |f| source_name(f.source))
                    .to_owned(),
                reference: p.funding.as_ref().and_then(|f| f.reference.clone()),
                service_user: id.to_owned(),
                name: p.name.clone(),
                visits,
                carer_minutes,
                commissioned_hours: p
                    .funding
                    .as_ref()
                    .and_then(|f| f.commissioned_hours_per_week),
                unassigned: unassigned.get(id).copied().unwrap_or_default(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.source == "none", &a.source, &a.reference, &a.service_user).cmp(&(
            b.source == "none",
            &b.source,
            &b.reference,
            &b.service_user,
        ))
    });
    rows
}

impl FunderRow {
    /// Planned carer-hours.
    pub fn planned_hours(&self) -> f64 {
        self.carer_minutes as f64 / 60.0
    }

    /// Planned minus commissioned hours, when hours are commissioned.
    pub fn difference(&self) -> Option<f64> {
        self.commissioned_hours.map(|c| self.planned_hours() - c)
    }
}
