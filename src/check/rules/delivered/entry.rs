//! One logged visit of a past day against the visit it delivers: the
//! visit rules in force that day (window, duration, carers, skills,
//! exclusions) and the start the rota planned.

use crate::check::context::{At, Context};
use crate::diag::{Code, Finding};
use crate::index::RuleVisit;
use crate::model::competence::Standing;
use crate::model::visit_log::{LoggedVisit, Outcome};
use crate::model::{Kind, VisitLog};

/// Adds the findings about entry `i`, `v`, of `log`.
pub(super) fn check(
    cx: &Context,
    log: At<VisitLog>,
    i: usize,
    v: &LoggedVisit,
    out: &mut Vec<Finding>,
) {
    let person = log.record.service_user.as_str();
    let Some(rule) = cx.visit_in_force(person, &v.label, v.date.0) else {
        if !cx.has_broken(Kind::VisitRules, person) {
            unknown_visit(cx, log, i, v, out);
        }
        return;
    };
    if v.outcome != Outcome::Completed {
        return;
    }
    let planned_start = v
        .planned_start
        .or_else(|| planned_in_rota(cx, person, v))
        .map(|t| t.minutes());
    times(cx, log, i, v, rule, planned_start, out);
    carers(cx, log, i, v, rule, out);
}

fn unknown_visit(
    cx: &Context,
    log: At<VisitLog>,
    i: usize,
    v: &LoggedVisit,
    out: &mut Vec<Finding>,
) {
    let person = log.record.service_user.as_str();
    let labels: Vec<&str> = cx
        .rules_in_force(person, v.date.0)
        .flat_map(|r| r.record.visits.iter().map(|x| x.label.as_str()))
        .collect();
    let help = match crate::diag::nearest(&v.label, labels.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None if labels.is_empty() => format!(
            "no visit rules of {person} are in force on {}: check the rules' `valid_from` and `valid_to`",
            v.date
        ),
        None => format!("the visits that day are: {}", labels.join(", ")),
    };
    out.push(
        cx.finding(
            Code::VisitUnknownVisit,
            log.entry,
            &format!("/visits/{i}/label"),
            format!(
                "{person} has no visit `{}` on {} in the visit rules in force",
                v.label, v.date
            ),
        )
        .help(help),
    );
}

/// The start the week's rota planned for the visit.
fn planned_in_rota(
    cx: &Context,
    person: &str,
    v: &LoggedVisit,
) -> Option<crate::model::values::Time> {
    let rota = cx.rota_of_week(log_week(v))?;
    rota.rota
        .visits
        .iter()
        .find(|p| p.service_user.as_str() == person && p.date == v.date && p.label == v.label)
        .map(|p| p.start)
}

fn log_week(v: &LoggedVisit) -> crate::model::values::Week {
    crate::model::values::Week::of(v.date.0)
}

/// Arrival and departure: both recorded, in order, on time, and a stay
/// long enough.
fn times(
    cx: &Context,
    log: At<VisitLog>,
    i: usize,
    v: &LoggedVisit,
    rule: RuleVisit,
    planned_start: Option<u32>,
    out: &mut Vec<Finding>,
) {
    let e = log.entry;
    let policy = &cx.policy.calls;
    let (Some(arrived), Some(departed)) = (v.arrived, v.departed) else {
        let missing = if v.arrived.is_none() {
            "arrival"
        } else {
            "departure"
        };
        out.push(
            cx.finding(
                Code::VisitNoTimes,
                e,
                &format!("/visits/{i}"),
                format!(
                    "the {} visit of {} is completed with no {missing} time",
                    v.label, v.date
                ),
            )
            .help("record `arrived:` and `departed:` (HH:MM) from call monitoring or the carer's timesheet"),
        );
        return;
    };
    let (a, d) = (arrived.minutes(), departed.minutes());
    if d < a && !rule.runs_past_midnight(planned_start.unwrap_or(a)) {
        out.push(
            cx.finding(
                Code::VisitDepartureBeforeArrival,
                e,
                &format!("/visits/{i}/departed"),
                format!("departed at {departed}, before arriving at {arrived}"),
            )
            .help("correct the times: the visit does not run past midnight")
            .related(cx.site(e, &format!("/visits/{i}/arrived")), "the arrival"),
        );
        return;
    }
    let window = rule.visit.window;
    let (w_start, w_end) = (window.start.minutes(), window.end.minutes());
    let due_by = w_end.max(planned_start.unwrap_or(0));
    if a > due_by + policy.late_minutes {
        out.push(
            cx.finding(
                Code::VisitLate,
                e,
                &format!("/visits/{i}/arrived"),
                format!(
                    "arrived at {arrived} on {}, {} after the {} visit was due (window {window}{})",
                    v.date,
                    minutes(a - due_by),
                    v.label,
                    if due_by > w_end { ", planned later" } else { "" }
                ),
            )
            .help(format!(
                "late by more than the policy's {} (`policy.calls.late_minutes`): record why, and whether the person was told and came to harm",
                minutes(policy.late_minutes)
            )),
        );
    } else if a + policy.early_minutes < w_start {
        out.push(
            cx.finding(
                Code::VisitEarly,
                e,
                &format!("/visits/{i}/arrived"),
                format!(
                    "arrived at {arrived} on {}, {} before the {} window {window} opens",
                    v.date,
                    minutes(w_start - a),
                    v.label
                ),
            )
            .help(format!(
                "early by more than the policy's {} (`policy.calls.early_minutes`): too early for medicines or meals; agree times with the person",
                minutes(policy.early_minutes)
            )),
        );
    }
    let planned = rule.visit.duration.minutes();
    if let Some(stay) = v.stay_minutes()
        && stay * 100 < planned * policy.short_stay_percent
    {
        out.push(
            cx.finding(
                Code::VisitShortStay,
                e,
                &format!("/visits/{i}/departed"),
                format!(
                    "stayed {} of the {} planned for the {} visit of {} ({}%)",
                    minutes(stay),
                    minutes(planned),
                    v.label,
                    v.date,
                    stay * 100 / planned.max(1)
                ),
            )
            .help(format!(
                "under the policy's {}% (`policy.calls.short_stay_percent`): record why (the person asked the carer to leave?), and check travel time is planned",
                policy.short_stay_percent
            )),
        );
    }
}

/// The carers who came: enough of them, skilled and not excluded.
fn carers(
    cx: &Context,
    log: At<VisitLog>,
    i: usize,
    v: &LoggedVisit,
    rule: RuleVisit,
    out: &mut Vec<Finding>,
) {
    let e = log.entry;
    let needed = usize::from(rule.visit.carers);
    if v.carers.len() < needed {
        out.push(
            cx.finding(
                Code::VisitSingleHanded,
                e,
                &format!("/visits/{i}/carers"),
                format!(
                    "the {} visit of {} needs {needed} carers, and {} came",
                    v.label,
                    v.date,
                    v.carers.len()
                ),
            )
            .help("a double-up (hoist, two to move) done alone puts the person and the carer at risk: record why, report it as an incident and review the rota"),
        );
    }
    let rules = rule.rules.record;
    for (j, id) in v.carers.iter().enumerate() {
        let Some(carer) = cx.carers.get(id.as_str()) else {
            continue;
        };
        let pointer = format!("/visits/{i}/carers/{j}");
        // Held on the day of the visit, as the rota engine gates it: an
        // assessed skill needs an assessment in force by then.
        let missing: Vec<String> = rule
            .visit
            .skills
            .iter()
            .filter_map(|s| match carer.record.skill_on(s, v.date.0, cx.policy) {
                Standing::Held => None,
                other => Some(format!("{s} ({})", other.describe())),
            })
            .collect();
        if !missing.is_empty() {
            out.push(
                cx.finding(
                    Code::VisitCarerSkill,
                    e,
                    &pointer,
                    format!(
                        "{id} did the {} visit of {} without the skill {} on that day",
                        v.label,
                        v.date,
                        missing.join(", ")
                    ),
                )
                .help("assign visits only to carers trained and signed off for their skills; record the competency if they have it"),
            );
        }
        let wrong_gender = rules
            .carer_gender
            .is_some_and(|g| carer.record.gender.is_some_and(|c| c != g));
        if rules.excluded_carers.contains(id) || wrong_gender {
            let why = if wrong_gender {
                "a carer of the gender they asked not to have"
            } else {
                "a carer they have excluded"
            };
            out.push(
                cx.finding(
                    Code::VisitExcludedCarer,
                    e,
                    &pointer,
                    format!("{id} did the {} visit of {}: {why}", v.label, v.date),
                )
                .help("respect the person's choice of carer (Regulation 10, dignity): record why, apologise, and fix the rota")
                .related(cx.site(rule.rules.entry, "/visits"), "the person's visit rules"),
            );
        }
    }
}

/// `n minutes`, or `1 minute`.
fn minutes(n: u32) -> String {
    crate::wording::plural(n as usize, "minute")
}
