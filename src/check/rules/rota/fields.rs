//! What a hand edit of a rota file can break on one line: a visit dated
//! outside the rota's week, an end before its start, a length other than
//! the visit rules' duration; and visits the rota lists as unassigned.

use super::{Planned, clock, day, span};
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::Rota;

/// Adds the findings about each visit's own fields in `rota`.
pub(super) fn check(cx: &Context, rota: At<Rota>, planned: &[Planned], out: &mut Vec<Finding>) {
    let week = rota.record.week;
    let (monday, sunday) = (week.monday(), week.sunday());
    for p in planned {
        let date = p.visit.date.0;
        if date < monday || date > sunday {
            out.push(
                cx.finding(
                    Code::RotaOutsideWeek,
                    rota.entry,
                    &format!("/visits/{}/date", p.i),
                    format!(
                        "{} is dated outside the rota's week {week} ({} to {})",
                        p.describe(),
                        day(monday),
                        day(sunday)
                    ),
                )
                .help(format!(
                    "correct the date, or move the visit to the rota of its own week; \
                     dates in {week} run from {monday} to {sunday}"
                )),
            );
        }
        length(cx, rota, p, out);
    }
    for (k, u) in rota.record.unassigned.iter().enumerate() {
        out.push(
            cx.finding(
                Code::RotaUnassigned,
                rota.entry,
                &format!("/unassigned/{k}"),
                format!(
                    "the `{}` visit of {} on {} has no carer",
                    u.label,
                    u.service_user,
                    day(u.date.0)
                ),
            )
            .help(format!(
                "the rota says: {}; assign a carer (and move the visit to `visits`), \
                 or re-plan the week with `carebook rota`",
                u.reason.trim()
            )),
        );
    }
}

/// An end before the start that the rules do not explain as a visit past
/// midnight, and a length other than the rules' duration.
fn length(cx: &Context, rota: At<Rota>, p: &Planned, out: &mut Vec<Finding>) {
    let (start, end) = (p.visit.start.minutes(), p.visit.end.minutes());
    let pointer = format!("/visits/{}/end", p.i);
    let duration = p.rule.map(|r| r.visit.duration.minutes());
    let overnight = p.rule.is_some_and(|r| r.runs_past_midnight(start));
    if end < start && !overnight {
        out.push(
            cx.finding(
                Code::RotaEndBeforeStart,
                rota.entry,
                &pointer,
                format!(
                    "{} ends at {} before it starts at {}",
                    p.describe(),
                    clock(end),
                    clock(start)
                ),
            )
            .help(match duration {
                Some(d) => format!(
                    "its visit rules say it lasts {}: end it at {}",
                    span(i64::from(d)),
                    clock(start + d)
                ),
                None => "correct the start or the end".to_owned(),
            }),
        );
        return;
    }
    let (Some(rule), Some(d)) = (p.rule, duration) else {
        return;
    };
    let planned = p.end - p.start;
    if planned == d {
        return;
    }
    out.push(
        cx.finding(
            Code::RotaDuration,
            rota.entry,
            &pointer,
            format!(
                "{} lasts {} ({}), but its visit rules say {}",
                p.describe(),
                span(i64::from(planned)),
                p.times(),
                span(i64::from(d))
            ),
        )
        .help(format!(
            "end it at {} as the rules say, or change the duration in the visit rules \
             if the care needed has changed",
            clock(start + d)
        ))
        .related(
            cx.site(
                rule.rules.entry,
                &format!("/visits/{}/duration", rule.index),
            ),
            "the visit's duration",
        ),
    );
}
