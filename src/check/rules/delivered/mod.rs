//! Rules about care delivered: each visit log entry against the rota and
//! the visit rules (call monitoring), and each planned visit of a past day
//! against the logs.
//!
//! Entries are judged only for days before today: today's visits are
//! still being made. An entry dated after today is `date/in-future`.
//! Missed visits are judged from `policy.calls.from`, or else from the
//! first week that has any visit log, so an agency's rotas from before
//! call monitoring are not all "missed".

mod entry;
mod missed;

use super::records::reference;
use crate::check::context::{At, Context};
use crate::diag::{Code, Finding};
use crate::model::visit_log::{LoggedVisit, Outcome};
use crate::model::{Kind, VisitLog};
use std::collections::HashMap;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for log in &cx.visit_logs {
        check_log(cx, *log, out);
    }
    missed::check(cx, out);
}

/// One visit log: its references, its entries' dates and duplicates, and
/// each entry of a past day against its visit.
fn check_log(cx: &Context, log: At<VisitLog>, out: &mut Vec<Finding>) {
    let (e, r) = (log.entry, log.record);
    reference(
        cx,
        e,
        "/service_user",
        &r.service_user,
        Kind::ServiceUser,
        out,
    );
    let person_known = cx.service_users.get(r.service_user.as_str()).is_some();
    let mut seen: HashMap<(&str, chrono::NaiveDate), usize> =
        HashMap::with_capacity(r.visits.len());
    for (i, v) in r.visits.iter().enumerate() {
        let at = |field: &str| format!("/visits/{i}/{field}");
        for (j, c) in v.carers.iter().enumerate() {
            reference(cx, e, &at(&format!("carers/{j}")), c, Kind::Carer, out);
        }
        if let Some(&first) = seen.get(&(v.label.as_str(), v.date.0)) {
            out.push(
                cx.finding(
                    Code::VisitDuplicateEntry,
                    e,
                    &format!("/visits/{i}"),
                    format!("the {} visit of {} is logged twice", v.label, v.date),
                )
                .help("log each visit once: merge the two entries (a double-up is one entry with both carers)")
                .related(cx.site(e, &format!("/visits/{first}")), "first logged here"),
            );
            continue;
        }
        seen.insert((v.label.as_str(), v.date.0), i);
        if v.date.0 < r.week.monday() || v.date.0 > r.week.sunday() {
            out.push(
                cx.finding(
                    Code::VisitOutsideWeek,
                    e,
                    &at("date"),
                    format!("{} is not in {}, the week of this log", v.date, r.week),
                )
                .help(format!(
                    "move the entry to the log of {}'s week, or correct the date",
                    v.date
                )),
            );
            continue;
        }
        if v.date.0 > cx.today {
            out.push(
                cx.finding(
                    Code::DateInFuture,
                    e,
                    &at("date"),
                    format!("a visit logged on {}, after today ({})", v.date, cx.today),
                )
                .help("log a visit once it has been made; correct the date if it is a typo"),
            );
            continue;
        }
        reasons(cx, log, i, v, out);
        if v.date.0 < cx.today && person_known {
            entry::check(cx, log, i, v, out);
        }
    }
}

/// A missed or cancelled visit, and a task not done, say why.
fn reasons(cx: &Context, log: At<VisitLog>, i: usize, v: &LoggedVisit, out: &mut Vec<Finding>) {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if v.outcome != Outcome::Completed && blank(&v.reason) {
        out.push(
            cx.finding(
                Code::VisitNoReason,
                log.entry,
                &format!("/visits/{i}/outcome"),
                format!(
                    "the {} visit of {} is {} with no reason",
                    v.label,
                    v.date,
                    v.outcome.name()
                ),
            )
            .help("add `reason:` (who cancelled and why, or why no one came and what was done about it)"),
        );
    }
    for (j, t) in v.tasks_not_done.iter().enumerate() {
        if t.reason.trim().is_empty() {
            out.push(
                cx.finding(
                    Code::VisitNoReason,
                    log.entry,
                    &format!("/visits/{i}/tasks_not_done/{j}/reason"),
                    format!("`{}` was not done on {} and no reason is given", t.task, v.date),
                )
                .help("say why the task was not done (declined, not needed, no time) and what follows"),
            );
        }
    }
}
