//! Why no carer can take a visit, in words a coordinator can act on: the
//! first requirement (skills held that day, checks and courses in date,
//! gender, exclusions, leave, availability) that leaves too few carers.

use crate::model::values::Day;
use crate::model::{Carer, Policy, VisitRules};
use chrono::NaiveDate;

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Why no carer can take a visit, when fewer carers than it needs pass
/// its requirements: the first requirement that rules them out, in words a
/// coordinator can act on.
pub(super) fn explain(
    active: &[&Carer],
    policy: &Policy,
    visit: &crate::model::visit_rules::Visit,
    vr: &VisitRules,
    date: NaiveDate,
    needed: usize,
    eligible: usize,
) -> Option<String> {
    if eligible >= needed {
        return None;
    }
    let day = format!("{} {}", Day::of(date).title(), date.format("%-d %b"));
    let when = format!(
        "between {} and {} on {day}",
        hhmm(visit.window.start.minutes()),
        hhmm(visit.window.end.minutes()),
    );
    let with_skills = if visit.skills.is_empty() {
        "carer".to_owned()
    } else {
        format!("carer with skill {}", visit.skills.join(" and "))
    };
    let count = |pred: &dyn Fn(&Carer) -> bool| active.iter().filter(|c| pred(c)).count();
    let has_skills = |c: &Carer| c.has_skills(&visit.skills);
    let skilled = |c: &Carer| c.bars_on(date, &visit.skills, policy).is_empty();
    let gendered = |c: &Carer| skilled(c) && vr.carer_gender.is_none_or(|g| c.gender == Some(g));
    let allowed = |c: &Carer| gendered(c) && !vr.excluded_carers.contains(&c.id);
    let present = |c: &Carer| allowed(c) && !c.on_leave(date);
    let two = if needed == 2 {
        " (a double-up needs two)"
    } else {
        ""
    };
    Some(if count(&has_skills) < needed {
        format!("no active {with_skills}, or too few{two}")
    } else if count(&skilled) < needed {
        let why: Vec<String> = active
            .iter()
            .filter(|c| has_skills(c))
            .filter_map(|c| {
                let bars = c.bars_on(date, &visit.skills, policy);
                let first = bars.first()?;
                Some(format!("{}: {}", c.id, first.describe()))
            })
            .collect();
        format!(
            "every {with_skills} is barred on {day}{two} ({})",
            why.join("; ")
        )
    } else if count(&gendered) < needed {
        let g = match vr.carer_gender {
            Some(crate::model::carer::Gender::Male) => "male",
            _ => "female",
        };
        format!(
            "too few {g} carers with the skills ({with_skills}){two}: the person asks for a {g} carer"
        )
    } else if count(&allowed) < needed {
        format!("the {with_skills} who could go are excluded for this person{two}")
    } else if count(&present) < needed {
        format!("every {with_skills} who could go is on leave on {day}{two}")
    } else {
        format!("no {with_skills} is available {when}{two}")
    })
}
