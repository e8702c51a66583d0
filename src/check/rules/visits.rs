//! Rules about visit rules themselves, before any rota: calls too short for
//! personal care, visits no carer on the books could take, and carers both
//! preferred and excluded.
//!
//! They look at visit rules still in force or yet to start (`valid_to` not
//! before today) of people whose care has not ended; other rules are
//! history. Whether visits can be staffed is asked only for people
//! receiving care (status `active`), and only for the weekdays the rules
//! still run on (all seven, unless they end within the week).
//!
//! A carer could take a visit when some availability window of the day lets
//! it start inside its window and end inside the availability (starting
//! late does not count: lateness is the rota's cost, not a plan). Leave is
//! dated, so it is the rota's concern (`rota/unavailable`).

use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::diag::nearest;
use crate::model::carer::{Carer, CarerStatus, Gender};
use crate::model::service_user::ServiceUserStatus;
use crate::model::values::{Day, Window};
use crate::model::visit_rules::Visit;
use crate::model::{ServiceUser, VisitRules};
use std::collections::HashMap;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let people: HashMap<&str, &ServiceUser> = cx
        .service_users
        .iter()
        .map(|s| (s.record.id.as_str(), s.record))
        .collect();
    let active: Vec<&Carer> = cx
        .carers
        .iter()
        .map(|c| c.record)
        .filter(|c| c.status == CarerStatus::Active)
        .collect();
    for vr in cx
        .visit_rules
        .iter()
        .filter(|vr| !vr.record.ended_before(cx.today))
    {
        let person = people.get(vr.record.service_user.as_str()).copied();
        if person.is_some_and(|p| p.status == ServiceUserStatus::Ended) {
            continue; // care has ended: the rules are history
        }
        let name = person.map_or(vr.record.service_user.as_str(), |p| p.name.as_str());
        preferred_and_excluded(cx, *vr, name, out);
        for (i, visit) in vr.record.visits.iter().enumerate() {
            super::short_call::check(cx, *vr, i, visit, name, out);
        }
        if person.is_some_and(|p| p.status == ServiceUserStatus::Active) {
            let days = running_days(cx, vr.record);
            for (i, visit) in vr.record.visits.iter().enumerate() {
                no_eligible_carer(cx, *vr, i, visit, name, &days, &active, out);
            }
        }
    }
}

fn preferred_and_excluded(cx: &Context, vr: At<VisitRules>, name: &str, out: &mut Vec<Finding>) {
    let r = vr.record;
    for (j, excluded) in r.excluded_carers.iter().enumerate() {
        let Some(i) = r.preferred_carers.iter().position(|p| p == excluded) else {
            continue;
        };
        out.push(
            cx.finding(
                Code::VisitPreferredAndExcluded,
                vr.entry,
                &format!("/excluded_carers/{j}"),
                format!("`{excluded}` is both preferred and excluded for {name}"),
            )
            .help(format!(
                "remove `{excluded}` from preferred_carers or from excluded_carers"
            ))
            .related(
                cx.site(vr.entry, &format!("/preferred_carers/{i}")),
                format!("`{excluded}` is preferred here"),
            ),
        );
    }
}

/// The weekdays on which the rules will still produce visits: every day,
/// unless what remains of their validity is shorter than a week.
fn running_days(cx: &Context, r: &VisitRules) -> Vec<Day> {
    let from = r.valid_from.map_or(cx.today, |f| f.0.max(cx.today));
    match r.valid_to {
        Some(to) if (to.0 - from).num_days() < 6 => from
            .iter_days()
            .take_while(|d| *d <= to.0)
            .map(Day::of)
            .collect(),
        _ => Day::ALL.to_vec(),
    }
}

/// Whether some availability window lets the visit start inside its window
/// and finish inside the availability.
fn fits(carer: &Carer, day: Day, window: Window, minutes: u32) -> bool {
    carer.availability.get(&day).is_some_and(|slots| {
        slots.iter().any(|a| {
            a.start <= window.end
                && a.start.max(window.start).minutes() + minutes <= a.end.minutes()
        })
    })
}

/// `HH:MM`, at most 23:59.
fn hhmm(minutes: u32) -> String {
    let m = minutes.min(23 * 60 + 59);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// "carer with skill x" / "carers with skills x and y".
fn describe(skills: &[String], gender: Option<Gender>, plural: bool) -> String {
    let g = match gender {
        Some(Gender::Female) => "female ",
        Some(Gender::Male) => "male ",
        None => "",
    };
    let noun = if plural { "carers" } else { "carer" };
    match skills {
        [] => format!("{g}{noun}"),
        [one] => format!("{g}{noun} with skill {one}"),
        [init @ .., last] => format!("{g}{noun} with skills {} and {last}", init.join(", ")),
    }
}

/// A hint when a skill no carer lists is near one some carer does list
/// (`Hoist` for `hoist`): a typo, not a reason to recruit.
fn near_skill(cx: &Context, skills: &[String]) -> Option<String> {
    let known: Vec<&str> = cx
        .carers
        .iter()
        .flat_map(|c| c.record.skills.iter().map(String::as_str))
        .collect();
    skills
        .iter()
        .filter(|s| !known.contains(&s.as_str()))
        .find_map(|s| {
            let near = nearest(s, known.iter().copied())?;
            Some(format!(
                "no carer lists skill `{s}`, but carers list `{near}`: did you mean `{near}`? \
                 (skills must match exactly, case included)"
            ))
        })
}

#[allow(clippy::too_many_arguments)]
fn no_eligible_carer(
    cx: &Context,
    vr: At<VisitRules>,
    i: usize,
    visit: &Visit,
    name: &str,
    days: &[Day],
    active: &[&Carer],
    out: &mut Vec<Finding>,
) {
    let r = vr.record;
    let days: Vec<Day> = days
        .iter()
        .copied()
        .filter(|d| visit.days.includes(*d))
        .collect();
    if days.is_empty() {
        return;
    }
    let need = usize::from(visit.carers.clamp(1, 2));
    let skilled: Vec<&Carer> = active
        .iter()
        .copied()
        .filter(|c| c.has_skills(&visit.skills))
        .collect();
    let gendered: Vec<&Carer> = skilled
        .iter()
        .copied()
        .filter(|c| r.carer_gender.is_none_or(|g| c.gender == Some(g)))
        .collect();
    let allowed: Vec<&Carer> = gendered
        .iter()
        .copied()
        .filter(|c| !r.excluded_carers.contains(&c.id))
        .collect();
    let failing: Vec<Day> = days
        .iter()
        .copied()
        .filter(|&d| {
            allowed
                .iter()
                .filter(|c| fits(c, d, visit.window, visit.duration.minutes()))
                .take(need)
                .count()
                < need
        })
        .collect();
    if failing.is_empty() {
        return;
    }
    let what = if need == 2 { "double-up" } else { "visit" };
    let only = |n: usize| if n == 0 { "no" } else { "only one" };
    let needs = |gender: Option<Gender>| {
        if need == 2 {
            format!("two {}", describe(&visit.skills, gender, true))
        } else {
            format!("a {}", describe(&visit.skills, gender, false))
        }
    };
    let label = &visit.label;
    let (message, help) = if skilled.len() < need {
        (
            format!(
                "{name}'s `{label}` {what} needs {}; there is {} active {}",
                needs(None),
                only(skilled.len()),
                describe(&visit.skills, None, false)
            ),
            near_skill(cx, &visit.skills).unwrap_or_else(|| {
                format!(
                    "train or recruit a {}, or correct the visit's skills",
                    describe(&visit.skills, None, false)
                )
            }),
        )
    } else if gendered.len() < need {
        let who = describe(&visit.skills, r.carer_gender, false);
        (
            format!(
                "{name}'s `{label}` {what} needs {}; there is {} active {who}",
                needs(r.carer_gender),
                only(gendered.len()),
            ),
            format!("train or recruit a {who}, or review carer_gender with {name}"),
        )
    } else if allowed.len() < need {
        let ids: Vec<&str> = gendered
            .iter()
            .filter(|c| r.excluded_carers.contains(&c.id))
            .map(|c| c.id.as_str())
            .collect();
        (
            format!(
                "{name}'s `{label}` {what} needs {}, but {} excluded ({})",
                needs(r.carer_gender),
                if allowed.is_empty() {
                    "every active one is"
                } else {
                    "all active ones but one are"
                },
                ids.join(", ")
            ),
            "give another carer the skills, or review excluded_carers".to_owned(),
        )
    } else {
        let on = if failing.len() == Day::ALL.len() {
            "any day".to_owned()
        } else {
            let names: Vec<&str> = failing.iter().map(|d| d.title()).collect();
            names.join(", ")
        };
        let who = if need == 2 {
            format!(
                "fewer than two active {} are",
                describe(&visit.skills, r.carer_gender, true)
            )
        } else {
            format!(
                "no active {} is",
                describe(&visit.skills, r.carer_gender, false)
            )
        };
        let latest_end = visit.window.end.minutes() + visit.duration.minutes();
        (
            format!(
                "{who} available on {on} for {name}'s `{label}` {what} ({} starting between {} and {})",
                visit.duration, visit.window.start, visit.window.end
            ),
            format!(
                "give a carer who can go availability on {on} covering {} between {} and {}, \
                 or change the visit's window or days",
                visit.duration,
                visit.window.start,
                hhmm(latest_end)
            ),
        )
    };
    out.push(
        cx.finding(
            Code::VisitNoEligibleCarer,
            vr.entry,
            &format!("/visits/{i}"),
            message,
        )
        .help(help),
    );
}
