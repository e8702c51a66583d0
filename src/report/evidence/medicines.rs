//! Evidence about medicines given (regulation 12, NICE NG67), from the
//! MAR: how complete it is over the last four weeks before today, and
//! whether time-critical doses were given on time.
//!
//! Both judge the doses carers give, on days before today from the day
//! MAR began, for people receiving care; with no MAR kept, the evidence
//! is absent, never good.

use super::{Scope, Shown, absent, share};
use crate::model::care_plan::Giver;
use crate::model::mar::MarOutcome;
use crate::model::values::Time;
use crate::report::{Session, text};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The keys of this family.
pub(super) const KEYS: &[&str] = &["mar-completeness", "time-critical-on-time"];

/// Days judged: the 28 before today.
const DAYS: u64 = 28;

/// What the MAR shows over the days judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    /// Doses carers give, due on the days judged.
    pub due: usize,
    /// Of those, with an outcome recorded.
    pub recorded: usize,
    /// Time-critical doses given.
    pub critical: usize,
    /// Of those, within their allowed minutes.
    pub critical_on_time: usize,
    /// People with doses carers give.
    pub people: usize,
}

/// The MAR of the people `ids` over the 28 days before today (from the
/// day MAR began), and the first day judged; `None` when no MAR is kept.
pub fn tally_of<'a>(
    s: &Session,
    ids: impl IntoIterator<Item = &'a str>,
) -> Option<(Tally, NaiveDate)> {
    let ix = &s.records.index;
    let today = s.options.today;
    let from = ix
        .mar_from()?
        .max(today.checked_sub_days(chrono::Days::new(DAYS))?);
    let mut t = Tally::default();
    for su in ids {
        let mut entries: HashMap<(NaiveDate, &str, Time), (MarOutcome, Option<Time>)> =
            HashMap::new();
        for m in ix.person(su).mars {
            for d in &m.record.doses {
                entries.insert((d.date.0, &d.medicine, d.time), (d.outcome, d.given_at));
            }
        }
        let mut counted = false;
        for day in from.iter_days().take_while(|d| *d < today) {
            let Some(plan) = ix.plan_on(su, day) else {
                continue;
            };
            let Some(m) = &plan.record.medication else {
                continue;
            };
            for item in &m.items {
                let tol = item.tolerance(&s.records.policy.medication);
                for dose in &item.times {
                    if m.giver(item, dose) != Giver::Carer {
                        continue;
                    }
                    counted = true;
                    t.due += 1;
                    let Some((outcome, at)) = entries.get(&(day, item.name.as_str(), dose.time()))
                    else {
                        continue;
                    };
                    t.recorded += 1;
                    if let (true, MarOutcome::Given, Some(at)) = (item.time_critical, outcome, at) {
                        t.critical += 1;
                        let diff = at.minutes().abs_diff(dose.time().minutes());
                        if diff.min(1440 - diff) <= tol {
                            t.critical_on_time += 1;
                        }
                    }
                }
            }
        }
        t.people += usize::from(counted);
    }
    Some((t, from))
}

/// The evidence of `key`, when it is about medicines given.
pub(super) fn compute(s: &Session, scope: &Scope, key: &str) -> Option<Shown> {
    if !KEYS.contains(&key) {
        return None;
    }
    let Some((t, from)) = tally_of(s, scope.active.iter().map(|u| u.id.as_str())) else {
        let label = match key {
            "mar-completeness" => "Medication administration records",
            _ => "Time-critical doses on time",
        };
        return Some(absent(label, "No MAR is kept in the records".into()));
    };
    let since = text::date(from);
    Some(match key {
        "mar-completeness" => share(
            t.recorded,
            t.due,
            "Medication administration records",
            format!(
                "{} of {} doses carers give since {since} have an outcome recorded ({} {}); {} without one",
                t.recorded,
                t.due,
                t.people,
                if t.people == 1 { "person" } else { "people" },
                t.due - t.recorded
            ),
        ),
        _ => share(
            t.critical_on_time,
            t.critical,
            "Time-critical doses on time",
            format!(
                "{} of {} time-critical doses given since {since} were within their allowed minutes (NICE NG67)",
                t.critical_on_time, t.critical
            ),
        ),
    })
}
