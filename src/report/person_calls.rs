//! A person's last four weeks of care delivered, for their care file:
//! each week's tally and each visit with its times, carers, outcome and
//! notes, judged as `check` judges it (see [`calls`]).

use super::calls::{self, Status, Tally};
use super::{Session, text};
use crate::model::values::Week;
use crate::model::visit_log::Outcome;
use serde::Serialize;

/// Weeks of visits a care file shows.
const WEEKS: usize = 4;

/// One visit as delivered.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveredLine {
    /// `Mon 16 Nov`.
    pub day: String,
    /// The visit's label.
    pub label: String,
    /// The planned start, or empty.
    pub planned: String,
    /// `07:34–08:21`, or empty.
    pub times: String,
    /// Carers who came.
    pub carers: String,
    /// `On time`, `Late`, `Missed`, `Cancelled by the person`…, with a
    /// level for colour.
    pub status: String,
    /// `ok`, `warn`, `bad` or `none`.
    pub level: &'static str,
    /// Reason, tasks not done and notes.
    pub notes: String,
}

/// One week of a person's visits.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveredWeek {
    /// `2026-W47`.
    pub week: String,
    /// `16–22 Nov 2026`.
    pub span: String,
    /// The counts.
    pub tally: Tally,
    /// On time, as a share of the visits due.
    pub on_time_percent: String,
    /// The visits.
    pub visits: Vec<DeliveredLine>,
}

/// The last four weeks of a person's visits, newest week first; empty
/// when call monitoring has not begun.
pub fn last_weeks(s: &Session, person: &str) -> Vec<DeliveredWeek> {
    let ix: &crate::index::Index = &s.records.index;
    let today = s.options.today;
    let Some(from) = calls::judged_from(ix) else {
        return Vec::new();
    };
    let yesterday = today.pred_opt().unwrap_or(today);
    let mut week = Week::of(yesterday);
    let p = s.privacy();
    let mut out = Vec::new();
    // The last WEEKS calendar weeks, not the last WEEKS weeks with visits:
    // walking back until enough were found never ended for a far `--today`.
    for _ in 0..WEEKS {
        if week.sunday() < from {
            break;
        }
        let calls = calls::of_week(ix, week, today, Some(person));
        let tally = Tally::of(&calls);
        let visits = calls
            .iter()
            .map(|c| {
                let (status, level) = status(c);
                let mut notes = Vec::new();
                if let Some(v) = c.logged {
                    if let Some(r) = &v.reason {
                        notes.push(r.clone());
                    }
                    for t in &v.tasks_not_done {
                        notes.push(format!("{} not done: {}", t.task, t.reason));
                    }
                    if let Some(n) = &v.notes {
                        notes.push(n.clone());
                    }
                }
                DeliveredLine {
                    day: text::day_short(c.date.0),
                    label: c.label.to_owned(),
                    planned: c.planned_start.map(|t| t.to_string()).unwrap_or_default(),
                    times: c
                        .logged
                        .and_then(|v| Some(format!("{}–{}", v.arrived?, v.departed?)))
                        .unwrap_or_default(),
                    carers: c
                        .carers
                        .iter()
                        .map(|id| p.name(&s.records.carer_name(id.as_str())))
                        .collect::<Vec<_>>()
                        .join(", "),
                    status,
                    level,
                    notes: notes.join(" · "),
                }
            })
            .collect();
        if !calls.is_empty() {
            out.push(DeliveredWeek {
                week: week.to_string(),
                span: text::span(week.monday(), week.sunday()),
                on_time_percent: tally.percent(tally.on_time),
                tally,
                visits,
            });
        }
        let Some(earlier) = week.monday().checked_sub_days(chrono::Days::new(7)) else {
            break;
        };
        week = Week::of(earlier);
    }
    out
}

fn status(c: &calls::Call) -> (String, &'static str) {
    let (word, level) = match c.status {
        Status::OnTime => ("On time", "ok"),
        Status::Late => ("Late", "warn"),
        Status::Early => ("Early", "warn"),
        Status::Done => ("Done", "ok"),
        Status::Missed => ("Missed", "bad"),
        Status::Cancelled => match c.logged.map(|v| v.outcome) {
            Some(Outcome::CancelledByAgency) => ("Cancelled by the agency", "none"),
            _ => ("Cancelled by the person", "none"),
        },
    };
    if c.short {
        (format!("{word}, short stay"), "warn")
    } else {
        (word.to_owned(), level)
    }
}
