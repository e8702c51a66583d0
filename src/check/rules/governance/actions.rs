//! Actions: done by their due date, and owned by someone.

use crate::check::context::Context;
use crate::check::rules::staff::ago;
use crate::diag::{Code, Finding};

/// Adds the action findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for a in &cx.actions {
        let (e, r) = (a.entry, a.record);
        if r.done.is_none() && r.due.0 < cx.today {
            out.push(
                cx.finding(
                    Code::ActionOverdue,
                    e,
                    "/due",
                    format!(
                        "action {} was due on {}, {}, and is not done",
                        r.id,
                        r.due,
                        ago(cx, r.due.0)
                    ),
                )
                .help(
                    "do it and record `done:` with the date; if the plan changed, agree a new \
                     `due` date and say why under `notes`",
                ),
            );
        }
        if r.owner.is_none() {
            out.push(
                cx.finding(
                    Code::ActionNoOwner,
                    e,
                    "/id",
                    format!("action {} has no owner", r.id),
                )
                .help("name the carer (usually a manager) responsible as `owner: C-...`"),
            );
        }
    }
}
