//! What happened to each planned visit of a past day (call monitoring),
//! judged as `check`'s `visit/*` rules judge it, for the delivery report,
//! the care files and the inspection pack.
//!
//! A week's calls are the visits of its rota and the entries of its visit
//! logs (one per planned visit), matched by person, day and label. Days
//! from today on are not judged, nor days before call monitoring began
//! (`policy.calls.from`, else the first week with a visit log).

use crate::index::Index;
use crate::model::Kind;
use crate::model::values::{Date, Id, Time, Week};
use crate::model::visit_log::{LoggedVisit, Outcome};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How a planned visit went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Arrived within the window (and the tolerances).
    OnTime,
    /// Arrived after the window (or planned start) plus `late_minutes`.
    Late,
    /// Arrived before the window less `early_minutes`.
    Early,
    /// Done, but its timing cannot be judged (no times, or no rules).
    Done,
    /// No one came, or no log says anyone did.
    Missed,
    /// Cancelled by the person or the agency.
    Cancelled,
}

/// One planned visit of a past day and what happened.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    /// The person visited.
    pub person: &'a str,
    /// The day.
    pub date: Date,
    /// The visit's label.
    pub label: &'a str,
    /// The planned start (rota, or the log's `planned_start`).
    pub planned_start: Option<Time>,
    /// The log entry, if there is one.
    pub logged: Option<&'a LoggedVisit>,
    /// How it went.
    pub status: Status,
    /// A stay under `short_stay_percent` of the planned duration.
    pub short: bool,
    /// Carers who came (empty when none did).
    pub carers: &'a [Id],
    /// Minutes stayed, when both times are logged.
    pub stay: Option<u32>,
}

/// The first day calls are judged on, if call monitoring has begun.
pub fn judged_from(ix: &Index) -> Option<NaiveDate> {
    ix.policy
        .calls
        .from
        .map(|d| d.0)
        .or_else(|| ix.first_logged_week().map(Week::monday))
}

/// The calls of `week` up to the day before `today`, in day, time and
/// person order; people are all service users, or only `person`.
pub fn of_week<'a>(
    ix: &Index<'a>,
    week: Week,
    today: NaiveDate,
    person: Option<&str>,
) -> Vec<Call<'a>> {
    let Some(from) = judged_from(ix) else {
        return Vec::new();
    };
    let judged = |d: NaiveDate| d >= from && d < today;
    let wanted = |p: &str| person.is_none_or(|x| x == p);
    let mut calls: BTreeMap<(Date, &'a str, &'a str), Call<'a>> = BTreeMap::new();
    if let Some(rota) = ix.rota_of_week(week) {
        for v in &rota.rota.visits {
            let p = v.service_user.as_str();
            if !judged(v.date.0) || !wanted(p) || ix.service_users.get(p).is_none() {
                continue;
            }
            calls.insert(
                (v.date, p, v.label.as_str()),
                Call {
                    person: p,
                    date: v.date,
                    label: &v.label,
                    planned_start: Some(v.start),
                    logged: None,
                    status: Status::Missed,
                    short: false,
                    carers: &[],
                    stay: None,
                },
            );
        }
    }
    for su in ix.service_users.iter() {
        let p = su.record.id.as_str();
        if !wanted(p) {
            continue;
        }
        if ix.has_broken(Kind::VisitLog, p) {
            // A broken log may hold the visits: none is called missed.
            calls.retain(|(_, q, _), _| *q != p);
        }
        for log in ix.logs_of_week(p, week) {
            for v in &log.log.record.visits {
                if !judged(v.date.0) || Week::of(v.date.0) != week {
                    continue;
                }
                let key = (v.date, p, v.label.as_str());
                let planned = calls.get(&key).and_then(|c| c.planned_start);
                if calls.get(&key).is_some_and(|c| c.logged.is_some()) {
                    continue; // a duplicate entry: the first counts
                }
                calls.insert(key, judge(ix, p, v, v.planned_start.or(planned)));
            }
        }
    }
    let mut out: Vec<Call<'a>> = calls.into_values().collect();
    out.sort_by_key(|c| (c.date, c.planned_start, c.person, c.label));
    out
}

/// A logged visit judged against its rules.
fn judge<'a>(
    ix: &Index<'a>,
    person: &'a str,
    v: &'a LoggedVisit,
    planned: Option<Time>,
) -> Call<'a> {
    let mut call = Call {
        person,
        date: v.date,
        label: &v.label,
        planned_start: planned,
        logged: Some(v),
        status: Status::Done,
        short: false,
        carers: &v.carers,
        stay: v.stay_minutes(),
    };
    match v.outcome {
        Outcome::Missed => {
            call.status = Status::Missed;
            return call;
        }
        Outcome::CancelledByPerson | Outcome::CancelledByAgency => {
            call.status = Status::Cancelled;
            return call;
        }
        Outcome::Completed => {}
    }
    let (Some(rule), Some(arrived)) = (ix.visit_in_force(person, &v.label, v.date.0), v.arrived)
    else {
        return call;
    };
    let policy = &ix.policy.calls;
    let a = arrived.minutes();
    let w = rule.visit.window;
    let due_by = w.end.minutes().max(planned.map_or(0, Time::minutes));
    call.status = if a > due_by + policy.late_minutes {
        Status::Late
    } else if a + policy.early_minutes < w.start.minutes() {
        Status::Early
    } else {
        Status::OnTime
    };
    let duration = rule.visit.duration.minutes();
    call.short = call
        .stay
        .is_some_and(|s| s * 100 < duration * policy.short_stay_percent);
    call
}

/// Counts of calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Planned visits judged.
    pub planned: usize,
    /// Done (completed).
    pub delivered: usize,
    /// Done on time.
    pub on_time: usize,
    /// Arrived late.
    pub late: usize,
    /// Arrived early.
    pub early: usize,
    /// Stayed short.
    pub short: usize,
    /// Missed.
    pub missed: usize,
    /// Cancelled by the person or the agency.
    pub cancelled: usize,
}

impl Tally {
    /// Adds one call.
    pub fn add(&mut self, c: &Call) {
        self.planned += 1;
        match c.status {
            Status::OnTime => self.on_time += 1,
            Status::Late => self.late += 1,
            Status::Early => self.early += 1,
            Status::Missed => self.missed += 1,
            Status::Cancelled => self.cancelled += 1,
            Status::Done => {}
        }
        if !matches!(c.status, Status::Missed | Status::Cancelled) {
            self.delivered += 1;
        }
        if c.short {
            self.short += 1;
        }
    }

    /// The tally of `calls`.
    pub fn of<'c, 'a: 'c>(calls: impl IntoIterator<Item = &'c Call<'a>>) -> Tally {
        let mut t = Tally::default();
        for c in calls {
            t.add(c);
        }
        t
    }

    /// `part` as a whole percentage of the visits due (planned less
    /// cancelled), or `–` when none were due.
    pub fn percent(&self, part: usize) -> String {
        let due = self.planned - self.cancelled;
        (part * 100 + due / 2)
            .checked_div(due)
            .map_or_else(|| "–".into(), |p| format!("{p}%"))
    }
}
