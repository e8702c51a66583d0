//! Each planned visit on its own: that it delivers a visit of the rules,
//! is planned once, has the carers it needs (skilled, allowed, available)
//! and starts inside its window.

use super::{Planned, carer_name, clock, span};
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::diag::nearest;
use crate::model::carer::{CarerStatus, Gender};
use crate::model::values::Day;
use crate::model::{Carer, Kind, Rota};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Adds the findings about each visit of `rota` on its own.
pub(super) fn check(cx: &Context, rota: At<Rota>, planned: &[Planned], out: &mut Vec<Finding>) {
    let mut first: HashMap<(&str, &str, NaiveDate), usize> = HashMap::new();
    let mut broken: HashMap<&str, bool> = HashMap::new();
    for p in planned {
        let v = p.visit;
        let key = (v.service_user.as_str(), v.label.as_str(), v.date.0);
        if let Some(&earlier) = first.get(&key) {
            out.push(
                cx.finding(
                    Code::RotaDoubleUp,
                    rota.entry,
                    &format!("/visits/{}", p.i),
                    format!("{} is planned twice", p.describe()),
                )
                .help("plan each visit once; a double-up is one visit with two carers")
                .related(
                    cx.site(rota.entry, &format!("/visits/{earlier}")),
                    "the visit is also planned here",
                ),
            );
        } else {
            first.insert(key, p.i);
        }
        if p.rule.is_none() && p.person.is_some() {
            let su = v.service_user.as_str();
            let is_broken = *broken
                .entry(su)
                .or_insert_with(|| cx.has_broken(Kind::VisitRules, su));
            if !is_broken {
                unknown_label(cx, rota, p, out);
            }
        }
        carers(cx, rota, p, out);
        window(cx, rota, p, out);
    }
}

fn unknown_label(cx: &Context, rota: At<Rota>, p: &Planned, out: &mut Vec<Finding>) {
    let v = p.visit;
    let su = v.service_user.as_str();
    let labels = cx
        .rules_of(su)
        .iter()
        .flat_map(|r| r.record.visits.iter().map(|x| x.label.as_str()));
    let help = match nearest(&v.label, labels) {
        Some(n) if n != v.label => format!("did you mean `{n}`?"),
        Some(_) => format!(
            "the visit rules with `{}` are not in force on {}; check their valid_from and valid_to",
            v.label, v.date
        ),
        None => format!("correct the label, or add the visit to {su}'s visit rules"),
    };
    out.push(
        cx.finding(
            Code::RefUnknown,
            rota.entry,
            &format!("/visits/{}/label", p.i),
            format!(
                "no visit labelled `{}` in the visit rules of {su} in force on {}",
                v.label, v.date
            ),
        )
        .help(help),
    );
}

fn carers(cx: &Context, rota: At<Rota>, p: &Planned, out: &mut Vec<Finding>) {
    let v = p.visit;
    for (j, id) in v.carers.iter().enumerate() {
        if v.carers[..j].contains(id) {
            out.push(
                cx.finding(
                    Code::RotaDoubleUp,
                    rota.entry,
                    &format!("/visits/{}/carers/{j}", p.i),
                    format!("`{id}` is assigned twice to {}", p.describe()),
                )
                .help("a double-up needs two different carers"),
            );
            continue;
        }
        let Some(carer) = cx.carers.get(id.as_str()) else {
            continue; // ref/unknown says so
        };
        let pointer = format!("/visits/{}/carers/{j}", p.i);
        unavailable(cx, rota, p, carer.record, &pointer, out);
        if let Some(rule) = p.rule {
            super::cleared::skills(cx, rota, p, rule, carer.record, &pointer, out);
            super::cleared::cleared(cx, rota, p, rule, carer.record, &pointer, out);
            excluded(cx, rota, p, carer, &pointer, out);
        }
    }
    let Some(rule) = p.rule else { return };
    let need = usize::from(rule.visit.carers.clamp(1, 2));
    if v.carers.len() != need {
        let has = match v.carers.len() {
            0 => "none is".to_owned(),
            1 => "1 is".to_owned(),
            n => format!("{n} are"),
        };
        out.push(
            cx.finding(
                Code::RotaDoubleUp,
                rota.entry,
                &format!("/visits/{}/carers", p.i),
                format!(
                    "{} needs {need} {}, but {has} assigned",
                    p.describe(),
                    if need == 1 { "carer" } else { "carers" },
                ),
            )
            .help(if need == 2 {
                "a double-up needs two different carers starting together"
            } else {
                "assign exactly one carer"
            })
            .related(
                cx.site(rule.rules.entry, &format!("/visits/{}", rule.index)),
                "the visit in the visit rules",
            ),
        );
    }
}

fn unavailable(
    cx: &Context,
    rota: At<Rota>,
    p: &Planned,
    carer: &Carer,
    pointer: &str,
    out: &mut Vec<Finding>,
) {
    let date = p.visit.date.0;
    let who = carer_name(carer);
    let weekday = Day::of(date);
    let message = if carer.status != CarerStatus::Active {
        let status = match carer.status {
            CarerStatus::Leaver => "has left (status leaver)",
            _ => "is on leave (status leave)",
        };
        format!("{who} {status}, but is assigned to {}", p.describe())
    } else if let Some(a) = carer
        .unavailable
        .iter()
        .find(|a| a.from.0 <= date && date <= a.to.0)
    {
        let reason = a.reason.as_deref().unwrap_or("away");
        format!(
            "{who} is unavailable ({reason}, {} to {}), but is assigned to {}",
            a.from,
            a.to,
            p.describe()
        )
    } else {
        let slots = carer
            .availability
            .get(&weekday)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if slots.iter().any(|w| w.contains(p.start, p.end)) {
            return;
        }
        if slots.is_empty() {
            format!(
                "{who} does not work on {}s (no `{}` availability), but is assigned to {}",
                weekday.title(),
                weekday.name(),
                p.describe()
            )
        } else {
            let windows: Vec<String> = slots.iter().map(ToString::to_string).collect();
            format!(
                "{} ({}) is outside {who}'s availability on {} ({})",
                p.describe(),
                p.times(),
                weekday.name(),
                windows.join(", ")
            )
        }
    };
    out.push(
        cx.finding(Code::RotaUnavailable, rota.entry, pointer, message)
            .help("assign a carer who is available for the whole visit, or move the visit"),
    );
}

fn excluded(
    cx: &Context,
    rota: At<Rota>,
    p: &Planned,
    carer: At<Carer>,
    pointer: &str,
    out: &mut Vec<Finding>,
) {
    let Some(rule) = p.rule else { return };
    let vr = rule.rules;
    let c = carer.record;
    if let Some(k) = vr.record.excluded_carers.iter().position(|x| *x == c.id) {
        out.push(
            cx.finding(
                Code::RotaExcludedCarer,
                rota.entry,
                pointer,
                format!(
                    "{} is excluded for {}, but is assigned to {}",
                    carer_name(c),
                    p.person_name(),
                    p.short()
                ),
            )
            .help("assign another carer")
            .related(
                cx.site(vr.entry, &format!("/excluded_carers/{k}")),
                "the exclusion",
            ),
        );
    } else if let Some(want) = vr.record.carer_gender
        && c.gender != Some(want)
    {
        let name = |g: Gender| match g {
            Gender::Female => "female",
            Gender::Male => "male",
        };
        let is = c.gender.map_or("of unrecorded gender", name);
        out.push(
            cx.finding(
                Code::RotaExcludedCarer,
                rota.entry,
                pointer,
                format!(
                    "{} asks for a {} carer, but {} ({is}) is assigned to {}",
                    p.person_name(),
                    name(want),
                    carer_name(c),
                    p.short()
                ),
            )
            .help(format!("assign a {} carer", name(want)))
            .related(cx.site(vr.entry, "/carer_gender"), "the preference"),
        );
    }
}

fn window(cx: &Context, rota: At<Rota>, p: &Planned, out: &mut Vec<Finding>) {
    let Some(rule) = p.rule else { return };
    let w = rule.visit.window;
    let max_late = cx.policy.rota.max_late_minutes;
    let (start, from, to) = (p.start, w.start.minutes(), w.end.minutes());
    let pointer = format!("/visits/{}/start", p.i);
    let related = cx.site(rule.rules.entry, &format!("/visits/{}/window", rule.index));
    let finding = if start < from {
        cx.finding(
            Code::RotaOutsideWindow,
            rota.entry,
            &pointer,
            format!(
                "{} starts at {}, {} before its window {w} opens",
                p.describe(),
                clock(start),
                span(i64::from(from - start))
            ),
        )
        .help(format!(
            "a visit may start late, never early: start it at {} or later",
            w.start
        ))
    } else if start > to + max_late {
        cx.finding(
            Code::RotaOutsideWindow,
            rota.entry,
            &pointer,
            format!(
                "{} starts at {}, {} after its window {w}; the most allowed is {max_late} min",
                p.describe(),
                clock(start),
                span(i64::from(start - to))
            ),
        )
        .help(format!(
            "start it by {} (policy.rota.max_late_minutes)",
            clock(to + max_late)
        ))
    } else if start > to {
        cx.finding(
            Code::RotaLate,
            rota.entry,
            &pointer,
            format!(
                "{} starts at {}, {} after its window {w}",
                p.describe(),
                clock(start),
                span(i64::from(start - to))
            ),
        )
        .help(format!("start it by {} if a carer can be there", w.end))
    } else {
        return;
    };
    out.push(finding.related(related, "the visit's window"));
}
