//! `carebook export hours --actual`: pay and invoice from what happened.
//! The week's visit logs give each carer's logged care (arrival to
//! departure) beside what the rota planned, and each person's delivered
//! carer-hours beside the planned and the commissioned hours.
//!
//! A completed visit with no times logged counts at its planned length
//! (the rota's, else its rules' duration) and is counted as `untimed`, so
//! payroll can see what was not measured. Cancelled and missed visits are
//! counted, never paid or invoiced as care.

use super::hours::source_name;
use super::table::{Col, TextTable, csv_text, h_mm, hours, spreadsheet_safe};
use crate::index::Index;
use crate::model::values::Week;
use crate::model::visit_log::{LoggedVisit, Outcome};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One carer's day: planned and logged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarerActual {
    /// The day.
    pub date: NaiveDate,
    /// The carer's id.
    pub carer: String,
    /// The carer's name (empty when no record has the id).
    pub name: String,
    /// Visits the rota planned for them.
    pub planned_visits: usize,
    /// Minutes of care the rota planned.
    pub planned_minutes: u32,
    /// Visits logged as done with them.
    pub visits: usize,
    /// Minutes of care logged (arrival to departure).
    pub minutes: u32,
    /// Of those visits, how many had no times (counted at planned length).
    pub untimed: usize,
}

/// One person's week: planned, delivered, commissioned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonActual {
    /// Who pays, as records write it, or `none`.
    pub source: String,
    /// The funder's reference.
    pub reference: String,
    /// The service user's id.
    pub service_user: String,
    /// Their name.
    pub name: String,
    /// Visits planned in the rota.
    pub planned_visits: usize,
    /// Carer-minutes planned (length times carers).
    pub planned_minutes: u64,
    /// Visits delivered.
    pub delivered_visits: usize,
    /// Carer-minutes delivered (stay times the carers who came).
    pub delivered_minutes: u64,
    /// Cancelled by the person.
    pub cancelled_by_person: usize,
    /// Cancelled by the agency.
    pub cancelled_by_agency: usize,
    /// Missed.
    pub missed: usize,
    /// Commissioned carer-hours a week.
    pub commissioned_hours: Option<f64>,
}

/// Planned minutes of a visit of the rota from `start` to `end`.
fn span(start: u32, end: u32) -> u32 {
    if end >= start {
        end - start
    } else {
        end + 1440 - start
    }
}

/// The minutes a logged visit counts for, and whether it was timed.
fn logged_minutes(ix: &Index, person: &str, v: &LoggedVisit, planned: Option<u32>) -> (u32, bool) {
    match v.stay_minutes() {
        Some(m) => (m, true),
        None => {
            let rules = ix
                .visit_in_force(person, &v.label, v.date.0)
                .map(|r| r.visit.duration.minutes());
            (planned.or(rules).unwrap_or(0), false)
        }
    }
}

/// Planned visits of the week's rota, by (person, date, label): minutes and carers.
fn planned(ix: &Index, week: Week) -> BTreeMap<(String, NaiveDate, String), (u32, Vec<String>)> {
    let mut out = BTreeMap::new();
    if let Some(rota) = ix.rota_of_week(week) {
        for v in &rota.rota.visits {
            out.insert(
                (v.service_user.to_string(), v.date.0, v.label.clone()),
                (
                    span(v.start.minutes(), v.end.minutes()),
                    v.carers.iter().map(ToString::to_string).collect(),
                ),
            );
        }
    }
    out
}

/// Each carer's days of `week`, planned and logged, by carer and date.
pub fn by_carer(ix: &Index, week: Week) -> Vec<CarerActual> {
    let plan = planned(ix, week);
    let mut days: BTreeMap<(String, NaiveDate), CarerActual> = BTreeMap::new();
    for ((_, date, _), (minutes, carers)) in &plan {
        for c in carers {
            let d = day(&mut days, ix, c, *date);
            d.planned_visits += 1;
            d.planned_minutes += minutes;
        }
    }
    for su in ix.service_users.iter() {
        let person = su.record.id.as_str();
        for log in ix.logs_of_week(person, week) {
            for v in &log.log.record.visits {
                if v.outcome != Outcome::Completed || Week::of(v.date.0) != week {
                    continue;
                }
                let key = (person.to_owned(), v.date.0, v.label.clone());
                let (minutes, timed) = logged_minutes(ix, person, v, plan.get(&key).map(|p| p.0));
                for c in &v.carers {
                    let d = day(&mut days, ix, c.as_str(), v.date.0);
                    d.visits += 1;
                    d.minutes += minutes;
                    d.untimed += usize::from(!timed);
                }
            }
        }
    }
    days.into_values().collect()
}

/// The row of `carer` on `date`, made when new.
fn day<'d>(
    days: &'d mut BTreeMap<(String, NaiveDate), CarerActual>,
    ix: &Index,
    carer: &str,
    date: NaiveDate,
) -> &'d mut CarerActual {
    days.entry((carer.to_owned(), date))
        .or_insert_with(|| CarerActual {
            date,
            carer: carer.to_owned(),
            name: ix
                .carers
                .get(carer)
                .map(|c| c.record.name.clone())
                .unwrap_or_default(),
            ..CarerActual::default()
        })
}

/// Each person with a planned or logged visit in `week`, or active with
/// funding, grouped by funding source and reference.
pub fn by_funder(ix: &Index, week: Week) -> Vec<PersonActual> {
    let plan = planned(ix, week);
    let mut rows = Vec::new();
    for su in ix.service_users.iter() {
        let p = su.record;
        let id = p.id.as_str();
        let mut row = PersonActual {
            source: p
                .funding
                .as_ref()
                .map_or("none", |f| source_name(f.source))
                .to_owned(),
            reference: p
                .funding
                .as_ref()
                .and_then(|f| f.reference.clone())
                .unwrap_or_default(),
            service_user: id.to_owned(),
            name: p.name.clone(),
            commissioned_hours: p
                .funding
                .as_ref()
                .and_then(|f| f.commissioned_hours_per_week),
            ..PersonActual::default()
        };
        for ((who, _, _), (minutes, carers)) in &plan {
            if who == id {
                row.planned_visits += 1;
                row.planned_minutes += u64::from(*minutes) * carers.len() as u64;
            }
        }
        for log in ix.logs_of_week(id, week) {
            for v in &log.log.record.visits {
                if Week::of(v.date.0) != week {
                    continue;
                }
                match v.outcome {
                    Outcome::Completed => {
                        let key = (id.to_owned(), v.date.0, v.label.clone());
                        let (m, _) = logged_minutes(ix, id, v, plan.get(&key).map(|p| p.0));
                        row.delivered_visits += 1;
                        row.delivered_minutes += u64::from(m) * v.carers.len().max(1) as u64;
                    }
                    Outcome::CancelledByPerson => row.cancelled_by_person += 1,
                    Outcome::CancelledByAgency => row.cancelled_by_agency += 1,
                    Outcome::Missed => row.missed += 1,
                }
            }
        }
        let active = p.status == crate::model::service_user::ServiceUserStatus::Active;
        if row.planned_visits > 0 || row.delivered_visits > 0 || (active && p.funding.is_some()) {
            rows.push(row);
        }
    }
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

/// The columns of the per-carer CSV.
pub const CARER_COLUMNS: [&str; 11] = [
    "week",
    "date",
    "carer",
    "carer_name",
    "planned_visits",
    "planned_care_minutes",
    "visits",
    "care_minutes",
    "untimed_visits",
    "difference_minutes",
    "care_hours",
];

/// The columns of the per-funder CSV.
pub const FUNDER_COLUMNS: [&str; 14] = [
    "week",
    "funding_source",
    "funding_reference",
    "service_user",
    "service_user_name",
    "planned_visits",
    "planned_carer_hours",
    "delivered_visits",
    "delivered_carer_hours",
    "cancelled_by_person",
    "cancelled_by_agency",
    "missed",
    "commissioned_hours",
    "delivered_minus_commissioned_hours",
];

/// Logged hours per carer per day beside the planned, as CSV.
pub fn carers_csv(week: Week, days: &[CarerActual]) -> Result<String, csv::Error> {
    let rows = days
        .iter()
        .map(|d| {
            vec![
                week.to_string(),
                d.date.to_string(),
                d.carer.clone(),
                spreadsheet_safe(&d.name),
                d.planned_visits.to_string(),
                d.planned_minutes.to_string(),
                d.visits.to_string(),
                d.minutes.to_string(),
                d.untimed.to_string(),
                (i64::from(d.minutes) - i64::from(d.planned_minutes)).to_string(),
                hours(u64::from(d.minutes)),
            ]
        })
        .collect();
    csv_text(rows, &CARER_COLUMNS)
}

/// Delivered hours per person by funder beside planned and commissioned, as CSV.
pub fn funders_csv(week: Week, rows: &[PersonActual]) -> Result<String, csv::Error> {
    let rows = rows
        .iter()
        .map(|r| {
            let delivered = r.delivered_minutes as f64 / 60.0;
            vec![
                week.to_string(),
                r.source.clone(),
                spreadsheet_safe(&r.reference),
                r.service_user.clone(),
                spreadsheet_safe(&r.name),
                r.planned_visits.to_string(),
                hours(r.planned_minutes),
                r.delivered_visits.to_string(),
                hours(r.delivered_minutes),
                r.cancelled_by_person.to_string(),
                r.cancelled_by_agency.to_string(),
                r.missed.to_string(),
                r.commissioned_hours
                    .map(|h| format!("{h:.2}"))
                    .unwrap_or_default(),
                r.commissioned_hours
                    .map(|h| format!("{:.2}", delivered - h))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    csv_text(rows, &FUNDER_COLUMNS)
}

/// Logged hours per carer per day as a table, for a person.
pub fn carers_table(week: Week, days: &[CarerActual]) -> String {
    let mut t = TextTable::new(
        &format!("Logged hours beside planned, {week} (care = arrival to departure)"),
        &[
            ("carer", Col::Left(28)),
            ("date", Col::Left(10)),
            ("planned", Col::Right(8)),
            ("visits", Col::Right(8)),
            ("care", Col::Right(7)),
            ("untimed", Col::Right(7)),
            ("diff", Col::Right(8)),
        ],
    );
    for d in days {
        let name = crate::terminal::escape(&d.name);
        let who: String = format!("{} {}", d.carer, name).chars().take(28).collect();
        t.row(&[
            who,
            d.date.to_string(),
            h_mm(u64::from(d.planned_minutes)),
            d.visits.to_string(),
            h_mm(u64::from(d.minutes)),
            d.untimed.to_string(),
            format!("{:+}", i64::from(d.minutes) - i64::from(d.planned_minutes)),
        ]);
    }
    t.finish()
}

/// Delivered hours per person as a table, for a person.
pub fn funders_table(week: Week, rows: &[PersonActual]) -> String {
    let mut t = TextTable::new(
        &format!("Delivered carer-hours beside planned and commissioned, {week}"),
        &[
            ("service user", Col::Left(30)),
            ("funder", Col::Left(16)),
            ("planned", Col::Right(8)),
            ("delivered", Col::Right(9)),
            ("commissioned", Col::Right(12)),
            ("cancelled", Col::Right(9)),
            ("missed", Col::Right(6)),
        ],
    );
    for r in rows {
        let name = crate::terminal::escape(&r.name);
        let who: String = format!("{} {}", r.service_user, name)
            .chars()
            .take(30)
            .collect();
        t.row(&[
            who,
            r.source.clone(),
            h_mm(r.planned_minutes),
            h_mm(r.delivered_minutes),
            r.commissioned_hours
                .map(|h| format!("{h:.2}"))
                .unwrap_or_default(),
            (r.cancelled_by_person + r.cancelled_by_agency).to_string(),
            r.missed.to_string(),
        ]);
    }
    t.finish()
}
