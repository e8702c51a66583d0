//! Visits the agency's own carers can take: the generator's side of
//! `check`'s `visit/no-eligible-carer`. In a small agency a double-up with
//! several skills on a Sunday may find no two carers who work then; the
//! person's asks are relaxed, in the order a coordinator would, until every
//! visit can be staffed (or nothing is left to relax).

use super::staff::CarerInfo;
use super::visits::Visit;

/// Clinical skills and the task each goes with, which a district nurse
/// can do instead.
const NURSE_TASKS: [(&str, &str); 3] = [
    ("catheter-care", "catheter care"),
    ("stoma-care", "stoma care"),
    ("peg-feeding", "peg feed"),
];

/// Whether enough active carers with the visit's skills, of the gender
/// asked for and not excluded, can take it on each day it runs.
fn staffed(v: &Visit, carers: &[CarerInfo], gender: Option<&str>, excluded: &[String]) -> bool {
    let need = v.carers as usize;
    let fit: Vec<&CarerInfo> = carers
        .iter()
        .filter(|c| {
            c.active
                && v.skills.iter().all(|s| c.skills.contains(s))
                && gender.is_none_or(|g| (g == "female") == c.female)
                && !excluded.contains(&c.id)
        })
        .collect();
    (0..7).filter(|&d| v.runs_on(d)).all(|d| {
        fit.iter()
            .filter(|c| c.can_take(d, v.start, v.end, v.minutes))
            .take(need)
            .count()
            == need
    })
}

/// Relaxes what `visits` ask until each can be staffed: first the carer
/// gender preference, then the dementia skill (a preference: any carer
/// has the training), then the skills of tasks one of two carers can do
/// (on a double-up) or a nurse or hospice team can (end-of-life care; the
/// clinical tasks, dropped from a visit of one): all but hoist and
/// medication.
/// Returns whether every visit can now be staffed.
pub fn relax(
    visits: &mut [Visit],
    carers: &[CarerInfo],
    gender: &mut Option<&str>,
    excluded: &[String],
) -> bool {
    let all = |visits: &[Visit], gender: Option<&str>| {
        visits.iter().all(|v| staffed(v, carers, gender, excluded))
    };
    if all(visits, *gender) {
        return true;
    }
    if gender.is_some() {
        *gender = None;
        if all(visits, None) {
            return true;
        }
    }
    for v in visits.iter_mut() {
        if staffed(v, carers, None, excluded) {
            continue;
        }
        v.skills.retain(|s| *s != "dementia");
        if staffed(v, carers, None, excluded) {
            continue;
        }
        if v.carers == 1 {
            // No carer with the clinical skill works then: the district
            // nurse does that task on this visit.
            for (skill, task) in NURSE_TASKS {
                if v.skills.contains(&skill) {
                    v.tasks.retain(|t| *t != task);
                }
            }
        }
        v.skills.retain(|s| matches!(*s, "hoist" | "medication"));
    }
    all(visits, None)
}
