//! Each carer's week in a rota: visits that overlap or leave too little
//! time to travel between them, working time over the weekly limit, and
//! too little rest between one day's last visit and the next day's first.
//!
//! Working time is visits plus travel between consecutive visits of a day
//! (not to and from home), as the rota engine counts it. Travel is between
//! the service users' homes, by the carer's own travel mode.

use super::{Planned, Shared, carer_name, clock, day, span};
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::index::Worked;
use crate::model::{Carer, Rota};
use crate::travel::Place;
use chrono::NaiveDate;
use std::collections::HashMap;

/// One carer's part in one visit.
#[derive(Clone, Copy)]
struct Slot<'p, 'a> {
    date: NaiveDate,
    /// Index in the carer list of the visit.
    j: usize,
    planned: &'p Planned<'a>,
}

impl Slot<'_, '_> {
    fn pointer(&self) -> String {
        format!("/visits/{}/carers/{}", self.planned.i, self.j)
    }
}

/// Adds the findings about each carer's week in `rota`.
pub(super) fn check(
    cx: &Context,
    ix: &Shared,
    rota: At<Rota>,
    planned: &[Planned],
    out: &mut Vec<Finding>,
) {
    let mut by_carer: HashMap<&str, Vec<Slot>> = HashMap::new();
    for p in planned {
        for (j, id) in p.visit.carers.iter().enumerate() {
            if p.visit.carers[..j].contains(id) {
                continue; // rota/double-up says so
            }
            by_carer.entry(id.as_str()).or_default().push(Slot {
                date: p.visit.date.0,
                j,
                planned: p,
            });
        }
    }
    let mut carers: Vec<(&str, Vec<Slot>)> = by_carer.into_iter().collect();
    carers.sort_by_key(|(id, _)| *id);
    let worked = cx.worked(rota.record, &ix.travel);
    let history = cx.worked_before(
        rota.record.week,
        cx.policy.working_time.reference_weeks.saturating_sub(1),
        &ix.travel,
    );
    for (id, mut slots) in carers {
        let Some(carer) = cx.carers.get(id) else {
            continue; // ref/unknown says so
        };
        slots.sort_by_key(|s| (s.date, s.planned.start, s.planned.end, s.planned.i));
        let days: Vec<&[Slot]> = slots.chunk_by(|a, b| a.date == b.date).collect();
        for one_day in &days {
            overlaps(cx, ix, rota, carer.record, one_day, out);
        }
        let week = worked.get(id).copied().unwrap_or_default();
        let before = Before {
            weeks: history.weeks(),
            minutes: history.minutes.get(id).copied().unwrap_or(0),
            leave_days: history.leave_days(carer.record),
            average_weeks: history.average_weeks(carer.record),
        };
        hours(cx, rota, carer.record, &slots, week, before, out);
        rest(cx, rota, carer.record, &days, out);
    }
}

/// Whole minutes from one visit's home to the next one's, by the carer's
/// mode; 0 when either person is unknown.
fn travel(ix: &Shared, carer: &Carer, from: &Planned, to: &Planned) -> u32 {
    let (Some(a), Some(b)) = (from.person, to.person) else {
        return 0;
    };
    ix.travel.minutes(
        Place {
            key: a.id.as_str(),
            location: &a.location,
        },
        Place {
            key: b.id.as_str(),
            location: &b.location,
        },
        carer.travel,
    )
}

fn overlaps(
    cx: &Context,
    ix: &Shared,
    rota: At<Rota>,
    carer: &Carer,
    slots: &[Slot],
    out: &mut Vec<Finding>,
) {
    let Some((first, rest)) = slots.split_first() else {
        return;
    };
    // The visit that ends last so far: a long visit clashes with every
    // visit inside it, not only the next one.
    let mut prev = *first;
    for next in rest {
        let (a, b) = (prev.planned, next.planned);
        let minutes = travel(ix, carer, a, b);
        let free = u64::from(b.start);
        let need = u64::from(a.end) + u64::from(minutes);
        if free < need {
            let message = if b.start < a.end {
                format!(
                    "{}'s visits overlap: {} ({}) starts before {} ({}) ends",
                    carer_name(carer),
                    b.describe(),
                    b.times(),
                    a.describe(),
                    a.times()
                )
            } else {
                format!(
                    "{} has {} between {} (ends {}) and {} (starts {}), \
                     but needs {} to travel there by {}",
                    carer_name(carer),
                    span(i64::from(b.start - a.end)),
                    a.describe(),
                    clock(a.end),
                    b.describe(),
                    clock(b.start),
                    span(i64::from(minutes)),
                    mode_name(carer)
                )
            };
            out.push(
                cx.finding(Code::RotaOverlap, rota.entry, &next.pointer(), message)
                    .help(format!(
                        "start the later visit at {} or after, or give it to another carer",
                        clock(u32::try_from(need).unwrap_or(u32::MAX))
                    ))
                    .related(cx.site(rota.entry, &prev.pointer()), "the earlier visit"),
            );
        }
        if next.planned.end >= prev.planned.end {
            prev = *next;
        }
    }
}

fn mode_name(carer: &Carer) -> &'static str {
    use crate::model::carer::TravelMode::*;
    match carer.travel {
        Walk => "walking",
        Bicycle => "bicycle",
        PublicTransport => "public transport",
        Car => "car",
    }
}

/// A carer's working time in the weeks before a rota's week.
struct Before {
    /// Weeks of the reference period before this one that have a rota or
    /// visit logs.
    weeks: u32,
    /// The carer's minutes in them.
    minutes: u64,
    /// The carer's days of leave (any recorded absence) in them.
    leave_days: u32,
    /// The weeks the average is taken over, leave left out.
    average_weeks: f64,
}

/// `rota/week-hours` when the week is over the policy's ceiling for any
/// one week; `rota/hours` when the average over the reference period
/// (this week and the weeks before it that have a rota, `before`) is over
/// `max_weekly_hours` and no opt-out is in force at the week's start.
/// Days of leave are left out of the average, as the Working Time
/// Regulations (reg. 4) leave out annual, sick and family leave: they
/// neither count as weeks nor add hours.
fn hours(
    cx: &Context,
    rota: At<Rota>,
    carer: &Carer,
    slots: &[Slot],
    week: Worked,
    before: Before,
    out: &mut Vec<Finding>,
) {
    let Some(first) = slots.iter().min_by_key(|s| (s.planned.i, s.j)) else {
        return;
    };
    let wt = &cx.policy.working_time;
    let total = week.total();
    let as_i64 = |m: u64| i64::try_from(m).unwrap_or(i64::MAX);
    let worked = format!(
        "{} works {} in week {} ({} of visits and {} of travel between them)",
        carer_name(carer),
        span(as_i64(total)),
        rota.record.week,
        span(as_i64(week.visits)),
        span(as_i64(week.travel))
    );
    let ceiling = wt.max_hours_in_one_week;
    if (total as f64) > ceiling * 60.0 + 1e-9 {
        out.push(
            cx.finding(
                Code::RotaWeekHours,
                rota.entry,
                &first.pointer(),
                format!(
                    "{worked}; the agency's most in one week is {} h",
                    trim(ceiling)
                ),
            )
            .help(
                "give some of these visits to another carer \
                 (policy.working_time.max_hours_in_one_week)",
            ),
        );
    }
    let opted_out = carer
        .working_time_opt_out
        .as_ref()
        .is_some_and(|o| o.in_force(rota.record.week.monday()));
    let weeks = before.weeks + 1;
    let average = (total + before.minutes) as f64 / before.average_weeks;
    if opted_out || average <= wt.max_weekly_hours * 60.0 + 1e-9 {
        return;
    }
    let leave = match before.leave_days {
        0 => String::new(),
        1 => " (leaving out 1 day of leave)".to_owned(),
        n => format!(" (leaving out {n} days of leave)"),
    };
    let message = if weeks == 1 {
        format!(
            "{worked}; the most is {} h a week on average, and there are no earlier rotas to \
             average over",
            trim(wt.max_weekly_hours)
        )
    } else {
        format!(
            "{worked}, an average of {} over the {weeks} weeks with rotas in the {}-week \
             reference period{leave}; the most is {} h",
            span(average.round() as i64),
            wt.reference_weeks,
            trim(wt.max_weekly_hours)
        )
    };
    out.push(
        cx.finding(Code::RotaHours, rota.entry, &first.pointer(), message)
            .help(
                "give some of these visits to another carer, or, if the carer has agreed in \
                 writing to work more, record `working_time_opt_out: {signed: YYYY-MM-DD}` on \
                 the carer (policy.working_time.max_weekly_hours)",
            ),
    );
}

/// `48`, `37.5`.
fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn rest(cx: &Context, rota: At<Rota>, carer: &Carer, days: &[&[Slot]], out: &mut Vec<Finding>) {
    let min_rest = cx.policy.working_time.min_rest_hours * 60.0;
    for pair in days.windows(2) {
        let [today, tomorrow] = pair else { continue };
        let (Some(last), Some(first)) =
            (today.iter().max_by_key(|s| s.planned.end), tomorrow.first())
        else {
            continue;
        };
        if first.date.pred_opt() != Some(last.date) {
            continue;
        }
        let rest = i64::from(first.planned.start) + 1440 - i64::from(last.planned.end);
        if (rest as f64) + 1e-9 >= min_rest {
            continue;
        }
        out.push(
            cx.finding(
                Code::RotaRest,
                rota.entry,
                &first.pointer(),
                format!(
                    "{} has {} of rest between {} on {} and {} on {}; the policy asks for {} h",
                    carer_name(carer),
                    span(rest.max(0)),
                    clock(last.planned.end),
                    day(last.date),
                    clock(first.planned.start),
                    day(first.date),
                    trim(cx.policy.working_time.min_rest_hours)
                ),
            )
            .help("give the late or the early visit to another carer (policy.working_time.min_rest_hours)")
            .related(cx.site(rota.entry, &last.pointer()), "the day's last visit"),
        );
    }
}
