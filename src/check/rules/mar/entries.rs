//! Each MAR entry on its own: the person and carer exist, the date lies in
//! the file's week and not after today, the medicine and dose time are in
//! the person's plan, the entry says what it must for its outcome, the
//! carer who gave it has the skill, a time-critical dose was on time, and
//! no dose is recorded twice.

use super::{carer_skilled, medicine, plan_on};
use crate::check::context::{At, Context};
use crate::check::rules::records::reference;
use crate::diag::{Code, Finding, nearest};
use crate::model::competence::Standing;
use crate::model::mar::{MarDose, MarOutcome};
use crate::model::values::{Date, Id, Time};
use crate::model::{Kind, Mar};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A dose: person, day, medicine and time.
type DoseKey<'a> = (&'a str, NaiveDate, &'a str, Time);

/// Adds the findings of every MAR's entries to `out`.
pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut seen: HashMap<DoseKey, (&At<Mar>, usize)> = HashMap::new();
    for mar in &cx.mars {
        let (e, r) = (mar.entry, mar.record);
        reference(
            cx,
            e,
            "/service_user",
            &r.service_user,
            Kind::ServiceUser,
            out,
        );
        for (i, d) in r.doses.iter().enumerate() {
            let p = |field: &str| format!("/doses/{i}/{field}");
            if let Some(c) = &d.carer {
                reference(cx, e, &p("carer"), c, Kind::Carer, out);
            }
            if !dated_well(cx, mar, &p("date"), d.date.0, out) {
                continue;
            }
            let key = (
                r.service_user.as_str(),
                d.date.0,
                d.medicine.as_str(),
                d.time,
            );
            if let Some((first, j)) = seen.get(&key) {
                out.push(
                    cx.finding(
                        Code::MarDuplicate,
                        e,
                        &format!("/doses/{i}"),
                        format!(
                            "the {} dose of {} on {} is recorded twice",
                            d.time, d.medicine, d.date
                        ),
                    )
                    .help("keep one entry per dose; correct the first if it was wrong")
                    .related(
                        cx.site(first.entry, &format!("/doses/{j}")),
                        "first recorded here",
                    ),
                );
                continue;
            }
            seen.insert(key, (mar, i));
            complete(cx, mar, i, d, out);
            if d.outcome == MarOutcome::Given
                && let Some(c) = &d.carer
            {
                skilled(cx, e, &p("carer"), c, d.date, out);
            }
            scheduled(cx, mar, i, d, out);
        }
        for (i, d) in r.prn.iter().enumerate() {
            let p = |field: &str| format!("/prn/{i}/{field}");
            reference(cx, e, &p("carer"), &d.carer, Kind::Carer, out);
            dated_well(cx, mar, &p("date"), d.date.0, out);
            skilled(cx, e, &p("carer"), &d.carer, d.date, out);
        }
    }
}

/// A finding when `date` lies outside the file's week or after today;
/// whether it is well dated.
fn dated_well(
    cx: &Context,
    mar: &At<Mar>,
    pointer: &str,
    date: NaiveDate,
    out: &mut Vec<Finding>,
) -> bool {
    let week = mar.record.week;
    let (message, help) = if date < week.monday() || date > week.sunday() {
        (
            format!("{date} is not in the week {week} of this MAR"),
            format!(
                "move the entry to the MAR of its week, or correct the date (this file holds {} to {})",
                week.monday(),
                week.sunday()
            ),
        )
    } else if date > cx.today {
        (
            format!(
                "{date} is after today ({}): a dose cannot be recorded before it is due",
                cx.today
            ),
            "correct the date; record a dose when it is given".to_owned(),
        )
    } else {
        return true;
    };
    out.push(
        cx.finding(Code::MarOutsideWeek, mar.entry, pointer, message)
            .help(help),
    );
    false
}

/// What each outcome must record.
fn complete(cx: &Context, mar: &At<Mar>, i: usize, d: &MarDose, out: &mut Vec<Finding>) {
    let lacking: Vec<&str> = match d.outcome {
        MarOutcome::Given => [
            (d.given_at.is_none(), "`given_at`"),
            (d.carer.is_none(), "`carer`"),
        ]
        .into_iter()
        .filter_map(|(absent, f)| absent.then_some(f))
        .collect(),
        MarOutcome::Refused => match d.carer {
            None => vec!["`carer`"],
            Some(_) => vec![],
        },
        MarOutcome::NotGiven => match d.reason {
            None => vec!["`reason`"],
            Some(_) => vec![],
        },
        MarOutcome::GivenByFamily | MarOutcome::SelfAdministered => vec![],
    };
    if lacking.is_empty() {
        return;
    }
    out.push(
        cx.finding(
            Code::MarIncomplete,
            mar.entry,
            &format!("/doses/{i}/outcome"),
            format!(
                "the {} dose of {} on {} is `{}` but has no {}",
                d.time,
                d.medicine,
                d.date,
                d.outcome.name(),
                lacking.join(" or ")
            ),
        )
        .help(match d.outcome {
            MarOutcome::NotGiven => "add `reason:` (hospital, away, asleep, nausea-vomiting, withheld, unavailable or other, with a `note`)".to_owned(),
            _ => format!("add {} to the entry: who gave or offered the dose, and when", lacking.join(" and ")),
        }),
    );
}

fn skilled(
    cx: &Context,
    e: &crate::load::Entry,
    pointer: &str,
    carer: &Id,
    date: Date,
    out: &mut Vec<Finding>,
) {
    let standing = match carer_skilled(cx, carer.as_str(), date.0) {
        None | Some(Standing::Held) => return,
        Some(s) => s,
    };
    out.push(
        cx.finding(
            Code::MarCarerNoSkill,
            e,
            pointer,
            format!(
                "{carer} gave a dose on {date} but does not have the skill `medication` on that \
                 day ({})",
                standing.describe()
            ),
        )
        .help(format!(
            "only carers assessed as competent give medicines: assess {carer}'s competency and \
             add `medication` to their `skills`, or record who gave the dose"
        )),
    );
}

/// The medicine and time are in the plan; a time-critical dose was on time.
fn scheduled(cx: &Context, mar: &At<Mar>, i: usize, d: &MarDose, out: &mut Vec<Finding>) {
    let e = mar.entry;
    let Some(plan) = plan_on(cx, mar.record.service_user.as_str(), d.date.0) else {
        return;
    };
    let Some(item) = medicine(&plan, &d.medicine) else {
        let names = plan
            .record
            .medication
            .iter()
            .flat_map(|m| m.items.iter().map(|i| i.name.as_str()));
        let help = match nearest(&d.medicine, names) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!(
                "name the medicine exactly as the care plan {} does, or add it to the plan",
                plan.record.id
            ),
        };
        out.push(
            cx.finding(
                Code::MarUnknownMedicine,
                e,
                &format!("/doses/{i}/medicine"),
                format!(
                    "{} is not a medicine in the care plan {}",
                    d.medicine, plan.record.id
                ),
            )
            .help(help)
            .related(
                cx.site(plan.entry, "/medication/items"),
                "the plan's medicines",
            ),
        );
        return;
    };
    if !item.times.iter().any(|t| t.time() == d.time) {
        let times: Vec<String> = item.times.iter().map(ToString::to_string).collect();
        let help = if times.is_empty() {
            "the plan gives this medicine as needed: record it under `prn:`".to_owned()
        } else {
            format!(
                "its dose times are {}: record the dose against one of them",
                times.join(", ")
            )
        };
        out.push(
            cx.finding(
                Code::MarNotScheduled,
                e,
                &format!("/doses/{i}/time"),
                format!(
                    "{} is not a dose time of {} in the care plan {}",
                    d.time, d.medicine, plan.record.id
                ),
            )
            .help(help),
        );
        return;
    }
    let (true, MarOutcome::Given, Some(at)) = (item.time_critical, d.outcome, d.given_at) else {
        return;
    };
    let diff = at.minutes().abs_diff(d.time.minutes());
    let diff = diff.min(1440 - diff);
    let allowed = item.tolerance(&cx.policy.medication);
    if diff > allowed {
        let side = if at > d.time { "late" } else { "early" };
        out.push(
            cx.finding(
                Code::MarTimeCriticalLate,
                e,
                &format!("/doses/{i}/given_at"),
                format!(
                    "the time-critical {} dose of {} on {} was given at {at}, {diff} minutes {side}; \
                     it allows {allowed}",
                    d.time, d.medicine, d.date
                ),
            )
            .help(
                "tell the office and seek advice (GP, pharmacist or NHS 111) and record it under \
                 `escalation:`; then fix the visit time in the rota so the dose is on time",
            ),
        );
    }
}
