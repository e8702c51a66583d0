//! Each carer's working time in a rota, as `check` and the rota engine
//! both count it: visits plus travel between consecutive visits of a day
//! (not to and from home); and the working time of the weeks before (from
//! their rotas and visit logs), for the Working Time Regulations' average
//! over a reference period.

use super::Index;
use crate::model::values::Week;
use crate::model::{Carer, Rota};
use crate::travel::{Place, TravelTimes};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Minutes a carer works in a week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Worked {
    /// Minutes of visits.
    pub visits: u64,
    /// Minutes of travel between consecutive visits of a day.
    pub travel: u64,
}

impl Worked {
    /// Visits plus travel.
    pub fn total(self) -> u64 {
        self.visits + self.travel
    }
}

/// The weeks before a week with a rota, and each carer's minutes in them.
#[derive(Debug, Clone, Default)]
pub struct History<'a> {
    /// Minutes worked in those weeks, by carer id.
    pub minutes: HashMap<&'a str, u64>,
    /// The Monday of each of the weeks looked at that have a rota or logs.
    pub mondays: Vec<NaiveDate>,
}

impl History<'_> {
    /// How many of the weeks looked at have a rota or logs.
    pub fn weeks(&self) -> u32 {
        u32::try_from(self.mondays.len()).unwrap_or(u32::MAX)
    }

    /// Days of the weeks looked at on which `carer` was away (any
    /// `unavailable:` entry: annual, sick or family leave).
    pub fn leave_days(&self, carer: &Carer) -> u32 {
        let days = self.mondays.iter().flat_map(|m| m.iter_days().take(7));
        let away = days.filter(|d| carer.on_leave(*d)).count();
        u32::try_from(away).unwrap_or(u32::MAX)
    }

    /// The weeks `carer`'s working time is averaged over: this week and
    /// the weeks looked at, less the days of leave in them (the Working
    /// Time Regulations, reg. 4, leave them out), and at least this week.
    pub fn average_weeks(&self, carer: &Carer) -> f64 {
        let weeks = f64::from(self.weeks()) + 1.0;
        (weeks - f64::from(self.leave_days(carer)) / 7.0).max(1.0)
    }
}

impl<'a> Index<'a> {
    /// Each carer's working time in `rota`, by carer id. A visit whose end
    /// is before its start ends as its visit rules plan it, or past
    /// midnight when no rules are in force for it.
    pub fn worked(&self, rota: &'a Rota, travel: &TravelTimes) -> HashMap<&'a str, Worked> {
        let mut slots: HashMap<&str, Vec<(NaiveDate, u32, u32, &str)>> = HashMap::new();
        for v in &rota.visits {
            let start = v.start.minutes();
            let end = v.end.minutes();
            let end = match self.visit_in_force(v.service_user.as_str(), &v.label, v.date.0) {
                Some(r) if end < start && !r.runs_past_midnight(start) => r.planned_end(start),
                _ if end < start => end + 1440,
                _ => end,
            };
            for (j, id) in v.carers.iter().enumerate() {
                if v.carers[..j].contains(id) {
                    continue;
                }
                slots.entry(id.as_str()).or_default().push((
                    v.date.0,
                    start,
                    end,
                    v.service_user.as_str(),
                ));
            }
        }
        let mut out = HashMap::new();
        for (id, mut list) in slots {
            list.sort();
            let mode = self.carers.get(id).map(|c| c.record.travel);
            let mut worked = Worked::default();
            for (k, &(date, start, end, person)) in list.iter().enumerate() {
                worked.visits += u64::from(end.saturating_sub(start));
                let Some(&(next_date, _, _, next)) = list.get(k + 1) else {
                    continue;
                };
                let (Some(mode), true) = (mode, next_date == date) else {
                    continue;
                };
                let (Some(a), Some(b)) =
                    (self.service_users.get(person), self.service_users.get(next))
                else {
                    continue;
                };
                worked.travel += u64::from(travel.minutes(
                    Place {
                        key: a.record.id.as_str(),
                        location: &a.record.location,
                    },
                    Place {
                        key: b.record.id.as_str(),
                        location: &b.record.location,
                    },
                    mode,
                ));
            }
            out.insert(id, worked);
        }
        out
    }

    /// Each carer's minutes on visits the visit logs of `week` record
    /// (arrival to departure; travel is not logged), by carer id.
    pub fn logged(&self, week: Week) -> HashMap<&'a str, u64> {
        let mut out: HashMap<&str, u64> = HashMap::new();
        for log in self.visit_logs.iter().filter(|l| l.record.week == week) {
            for v in &log.record.visits {
                let Some(stay) = v.stay_minutes() else {
                    continue;
                };
                for (j, id) in v.carers.iter().enumerate() {
                    if !v.carers[..j].contains(id) {
                        *out.entry(id.as_str()).or_default() += u64::from(stay);
                    }
                }
            }
        }
        out
    }

    /// The `count` weeks before `week`: how many have a rota or visit
    /// logs, and each carer's minutes in them: the rota's working time or
    /// the logged time, whichever is more (a rota is the plan, a log what
    /// happened; neither may hide the other's hours). A week with neither
    /// is not counted.
    pub fn worked_before(&self, week: Week, count: u32, travel: &TravelTimes) -> History<'a> {
        let mut history = History::default();
        let mut monday = week.monday();
        for _ in 0..count {
            let Some(earlier) = monday.checked_sub_days(chrono::Days::new(7)) else {
                break;
            };
            monday = earlier;
            let this = Week::of(monday);
            let planned: HashMap<&str, u64> = self
                .rota_of_week(this)
                .map(|file| {
                    self.worked(file.rota, travel)
                        .into_iter()
                        .map(|(id, w)| (id, w.total()))
                        .collect()
                })
                .unwrap_or_default();
            let logged = self.logged(this);
            let has_rota = self.rota_of_week(this).is_some();
            if !has_rota && !self.visit_logs.iter().any(|l| l.record.week == this) {
                continue;
            }
            history.mondays.push(monday);
            let mut most = planned;
            for (id, minutes) in logged {
                let m = most.entry(id).or_default();
                *m = (*m).max(minutes);
            }
            for (id, minutes) in most {
                *history.minutes.entry(id).or_default() += minutes;
            }
        }
        history
    }
}
