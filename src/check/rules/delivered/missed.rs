//! Missed visits: a visit of a week's rota, on a day before today, that no
//! visit log answers (neither done nor cancelled), or that a log records
//! as missed.

use crate::check::context::Context;
use crate::diag::{Code, Finding};
use crate::model::Kind;
use crate::model::values::Week;
use crate::model::visit_log::Outcome;
use chrono::NaiveDate;

/// Adds the missed-visit findings to `out`.
pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(from) = judged_from(cx) else {
        return;
    };
    for log in &cx.visit_logs {
        for (i, v) in log.record.visits.iter().enumerate() {
            if v.outcome == Outcome::Missed && v.date.0 < cx.today {
                out.push(
                    cx.finding(
                        Code::VisitMissed,
                        log.entry,
                        &format!("/visits/{i}/outcome"),
                        format!("the {} visit of {} was missed", v.label, v.date),
                    )
                    .help(missed_help()),
                );
            }
        }
    }
    for r in &cx.rotas {
        let week = r.record.week;
        // A week with several rota files is judged on the one that sorts first.
        let Some(rota) = cx
            .rota_of_week(week)
            .filter(|f| std::ptr::eq(f.rota, r.record))
        else {
            continue;
        };
        if week.sunday() < from || week.monday() >= cx.today {
            continue;
        }
        for (i, p) in rota.rota.visits.iter().enumerate() {
            let person = p.service_user.as_str();
            if p.date.0 < from
                || p.date.0 >= cx.today
                || cx.service_users.get(person).is_none()
                || cx.logged_visit(person, &p.label, p.date).is_some()
                || cx.has_broken(Kind::VisitLog, person)
            {
                continue;
            }
            out.push(
                cx.finding(
                    Code::VisitMissed,
                    rota.entry,
                    &format!("/visits/{i}"),
                    format!(
                        "no visit log records the {} visit of {person} on {} (planned {}): missed, or not logged",
                        p.label, p.date, p.start
                    ),
                )
                .help(format!(
                    "log it in logs/{person}/{week}.yaml (`carebook import visits` from call monitoring): the times, or `outcome: cancelled-by-person` / `cancelled-by-agency` with a reason; {}",
                    missed_help()
                )),
            );
        }
    }
}

fn missed_help() -> &'static str {
    "a missed call is a safeguarding concern: check on the person, record what was done, and report it as an incident"
}

/// The first day missed visits are judged on: `policy.calls.from`, or the
/// Monday of the first week with a visit log; none when neither.
fn judged_from(cx: &Context) -> Option<NaiveDate> {
    cx.policy
        .calls
        .from
        .map(|d| d.0)
        .or_else(|| cx.first_logged_week().map(Week::monday))
}
