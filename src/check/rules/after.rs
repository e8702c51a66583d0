//! `after` rules that no rota can keep: a visit after itself, visits each
//! after the other (a circle), `max_gap` shorter than `min_gap`, and gaps
//! the two visits' windows cannot give. Left unreported, the rota engine
//! leaves the visits unassigned and blames busy carers.
//!
//! A visit may start up to `max_late_minutes` after its window, as the rota
//! rules allow, so a gap is impossible only when even that cannot keep it.

use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::VisitRules;
use crate::model::values::Day;
use crate::model::visit_rules::{After, Visit};

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for vr in &cx.visit_rules {
        let visits = &vr.record.visits;
        for (i, visit) in visits.iter().enumerate() {
            let Some(after) = &visit.after else { continue };
            let Some(e) = visits.iter().position(|o| o.label == after.visit) else {
                continue; // ref/unknown says so
            };
            if e == i {
                push(
                    cx,
                    *vr,
                    &format!("/visits/{i}/after/visit"),
                    format!("the `{}` visit is set to come after itself", visit.label),
                    "name the visit it follows, or remove `after`".to_owned(),
                    out,
                );
                continue;
            }
            if let Some(circle) = circle(visits, i) {
                push(
                    cx,
                    *vr,
                    &format!("/visits/{i}/after/visit"),
                    format!(
                        "`after` goes round in a circle: {}; no visit of it can come first",
                        circle.join(" after ")
                    ),
                    "remove `after` from the visit that comes first in the day".to_owned(),
                    out,
                );
                continue;
            }
            gaps(cx, *vr, i, visit, &visits[e], after, out);
        }
    }
}

/// The labels from visit `i` round back to it, if following `after` comes
/// back to `i`.
fn circle(visits: &[Visit], i: usize) -> Option<Vec<&str>> {
    let mut labels = vec![visits[i].label.as_str()];
    let mut at = i;
    for _ in 0..visits.len() {
        let next = visits[at].after.as_ref()?;
        at = visits.iter().position(|o| o.label == next.visit)?;
        labels.push(visits[at].label.as_str());
        if at == i {
            return Some(labels);
        }
    }
    None
}

fn gaps(
    cx: &Context,
    vr: At<VisitRules>,
    i: usize,
    visit: &Visit,
    earlier: &Visit,
    after: &After,
    out: &mut Vec<Finding>,
) {
    let late = cx.policy.rota.max_late_minutes;
    let (min, max) = (after.min_gap, after.max_gap);
    if let Some(max) = max.filter(|m| *m < min) {
        push(
            cx,
            vr,
            &format!("/visits/{i}/after/max_gap"),
            format!(
                "the `{}` visit's `after` asks for a gap of at least {min} and at most {max}",
                visit.label
            ),
            format!("make max_gap {min} or more, or min_gap {max} or less"),
            out,
        );
        return;
    }
    let same_day = Day::ALL
        .iter()
        .any(|d| visit.days.includes(*d) && earlier.days.includes(*d));
    if !same_day {
        return; // never on the same day: there is no gap to keep
    }
    let (l, e) = (visit.window, earlier.window);
    let soonest = e.start.minutes() + min.minutes();
    let latest = l.end.minutes() + late;
    if soonest > latest {
        push(
            cx,
            vr,
            &format!("/visits/{i}/after/min_gap"),
            format!(
                "the `{}` visit ({l}) must start at least {min} after `{}` ({e}), \
                 so not before {}; but it may start at the latest at {} \
                 ({late} min after its window)",
                visit.label,
                earlier.label,
                clock(soonest),
                clock(latest)
            ),
            "shorten min_gap, or move one of the two windows".to_owned(),
            out,
        );
        return;
    }
    let Some(max) = max else { return };
    let last = e.end.minutes() + late + max.minutes();
    if last < l.start.minutes() {
        push(
            cx,
            vr,
            &format!("/visits/{i}/after/max_gap"),
            format!(
                "the `{}` visit ({l}) must start at most {max} after `{}` ({e}), \
                 so by {} at the latest; but its window opens at {}",
                visit.label,
                earlier.label,
                clock(last),
                l.start
            ),
            "lengthen max_gap, or move one of the two windows".to_owned(),
            out,
        );
    }
}

/// `HH:MM`, or `HH:MM the next day`.
fn clock(minutes: u32) -> String {
    let m = minutes % 1440;
    let next = if minutes >= 1440 { " the next day" } else { "" };
    format!("{:02}:{:02}{next}", m / 60, m % 60)
}

fn push(
    cx: &Context,
    vr: At<VisitRules>,
    pointer: &str,
    message: String,
    help: String,
    out: &mut Vec<Finding>,
) {
    out.push(
        cx.finding(Code::VisitAfterImpossible, vr.entry, pointer, message)
            .help(help),
    );
}
