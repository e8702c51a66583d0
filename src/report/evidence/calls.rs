//! Evidence from call monitoring (visit logs): the last four weeks of
//! planned visits against what was logged, and double-up visits attended
//! by two. Safe (regulations 12 and 17): care delivered as planned, and a
//! contemporaneous record of it.

use super::{Scope, Shown, absent, share};
use crate::model::values::Week;
use crate::report::Session;
use crate::report::calls::{self, Status, Tally};

/// The keys of this family.
pub(super) const KEYS: &[&str] = &["call-monitoring", "double-up-attendance"];

/// Weeks looked at: the four before today's, and today's up to yesterday.
const WEEKS: u64 = 4;

/// The evidence of `key`, when it is about call monitoring.
pub(super) fn compute(s: &Session, _scope: &Scope, key: &str) -> Option<Shown> {
    if !KEYS.contains(&key) {
        return None;
    }
    let ix: &crate::index::Index = &s.records.index;
    let today = s.options.today;
    let label = match key {
        "call-monitoring" => "Call monitoring",
        _ => "Double-up visits attended by two",
    };
    if calls::judged_from(ix).is_none() {
        return Some(absent(
            label,
            "No visit logs: nothing shows which planned visits happened, or when".into(),
        ));
    }
    let first = today
        .checked_sub_days(chrono::Days::new(7 * WEEKS))
        .unwrap_or(today);
    let mut all = Vec::new();
    let mut week = Week::of(first);
    while week <= Week::of(today) {
        all.extend(calls::of_week(ix, week, today, None));
        if week == Week::of(today) {
            break;
        }
        week = week.next();
    }
    let all: Vec<_> = all.into_iter().filter(|c| c.date.0 >= first).collect();
    Some(match key {
        "call-monitoring" => {
            let t = Tally::of(&all);
            let logged = all.iter().filter(|c| c.logged.is_some()).count();
            let value = format!(
                "Last {WEEKS} weeks: {} visits planned, {logged} logged; {} delivered, {} on time, {} late or early, {} short stays, {} missed, {} cancelled",
                t.planned,
                t.delivered,
                t.percent(t.on_time),
                t.late + t.early,
                t.short,
                t.missed,
                t.cancelled
            );
            share(logged, t.planned, label, value)
        }
        _ => {
            let doubles: Vec<_> = all
                .iter()
                .filter(|c| {
                    !matches!(c.status, Status::Missed | Status::Cancelled)
                        && ix
                            .visit_in_force(c.person, c.label, c.date.0)
                            .is_some_and(|r| r.visit.carers > 1)
                })
                .collect();
            let two = doubles.iter().filter(|c| c.carers.len() >= 2).count();
            let value = format!(
                "Last {WEEKS} weeks: {two} of {} double-up visits delivered were logged with two carers",
                doubles.len()
            );
            share(two, doubles.len(), label, value)
        }
    })
}
