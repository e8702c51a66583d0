//! Carers' training records: every mandatory course of the default policy,
//! in date, and a course for each skill that has one; with a deliberate
//! fault, one course the carer's role needs missing, expired or expiring.

use super::rng::{Date, Rng};
use super::yaml::Yaml;
// The mandatory courses and their refresh interval in months (0: once),
// as in agency.yaml, and the roles that need only some of them.
pub(crate) use carebook::model::agency::DEFAULT_MANDATORY_TRAINING as MANDATORY;
use carebook::model::agency::DEFAULT_TRAINING_BY_ROLE;
use carebook::model::carer::Role;

/// Extra (not mandatory) courses that go with a skill.
const SKILL_COURSES: &[(&str, &str)] = &[
    ("dementia", "dementia-awareness"),
    ("catheter-care", "catheter-care"),
    ("peg-feeding", "peg-feeding"),
    ("end-of-life", "end-of-life-care"),
    ("epilepsy", "epilepsy-and-buccal-midazolam"),
    ("diabetes", "diabetes-awareness"),
];

/// Whether the default policy asks `role` for `course` (office
/// coordinators and volunteers need only some).
pub(crate) fn required(role: &str, course: &str) -> bool {
    let role = match role {
        "coordinator" => Role::Coordinator,
        "volunteer" => Role::Volunteer,
        _ => return true,
    };
    DEFAULT_TRAINING_BY_ROLE
        .iter()
        .find(|(r, _)| *r == role)
        .is_none_or(|(_, list)| list.contains(&course))
}

/// Writes `training:` for a carer in `role` who started on `start`,
/// judged on `today`.
pub fn write(
    r: &mut Rng,
    y: &mut Yaml,
    role: &str,
    (start, today): (Date, Date),
    skills: &[&str],
    fault: Option<&str>,
) {
    // Training: every mandatory course, in date; extra courses for skills.
    // A fault only in a course the role must hold (one draw, as before).
    let course = |r: &mut Rng, last: usize| {
        let held: Vec<usize> = (1..=last)
            .filter(|&i| required(role, MANDATORY[i].0))
            .collect();
        held.get(r.below(held.len())).copied().unwrap_or(usize::MAX)
    };
    let missing = if fault == Some("training/missing") {
        course(r, 8)
    } else {
        usize::MAX
    };
    let stale = if matches!(fault, Some("training/expired" | "training/expiring")) {
        course(r, 6)
    } else {
        usize::MAX
    };
    y.line("training:");
    for (i, &(course, months)) in MANDATORY.iter().enumerate() {
        let months = &i64::from(months);
        if i == missing {
            continue;
        }
        let completed = if i == stale && fault == Some("training/expired") {
            today.months(-months).days(-r.range(5, 120))
        } else if i == stale {
            today.months(-months).days(r.range(3, 25))
        } else if *months == 0 {
            start.days(r.range(20, 84))
        } else {
            let earliest = today.months(-months).days(45).max(start.days(14));
            Date::between(r, earliest, today.days(-3))
        };
        y.line(&format!("  - {{course: {course}, completed: {completed}}}"));
    }
    for (skill, course) in SKILL_COURSES {
        if skills.contains(skill) {
            let completed = Date::between(r, start.days(30), today.days(-3));
            y.line(&format!("  - {{course: {course}, completed: {completed}}}"));
        }
    }
}
