//! Visit logs as YAML text: one block per visit, fields in a fixed order,
//! so a week imported again or corrected by hand is a short diff.

use crate::import::yaml::{quote, quoted_list};
use crate::model::values::Week;
use crate::model::visit_log::{LoggedVisit, log_id};
use std::fmt::Write;

/// A new visit log file of `person`'s `week` holding `items` (from
/// [`item`]), with a modeline for editors when the repository has its
/// schemas in `schema/`.
pub fn file(person: &str, week: Week, modeline: bool, items: &str) -> String {
    let mut out = String::new();
    if modeline {
        out.push_str("# yaml-language-server: $schema=../../schema/visit-log.schema.json\n");
    }
    out.push_str(
        "# Written by carebook import visits from call monitoring. Later imports add\n\
         # visits at the end and never change one; correct a visit by hand, then commit.\n",
    );
    let _ = writeln!(out, "kind: visit-log");
    let _ = writeln!(out, "id: {}", log_id(person, week));
    let _ = writeln!(out, "service_user: {person}");
    let _ = writeln!(out, "week: {week}");
    out.push_str("visits:\n");
    out.push_str(items);
    out
}

/// One visit as a block list item at an indent of two spaces.
pub fn item(v: &LoggedVisit) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  - date: {}", v.date);
    let _ = writeln!(out, "    label: {}", quote(&v.label));
    if let Some(t) = v.planned_start {
        let _ = writeln!(out, "    planned_start: \"{t}\"");
    }
    let _ = writeln!(out, "    outcome: {}", v.outcome.name());
    if !v.carers.is_empty() {
        let ids: Vec<&str> = v.carers.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(out, "    carers: [{}]", ids.join(", "));
    }
    if let Some(t) = v.arrived {
        let _ = writeln!(out, "    arrived: \"{t}\"");
    }
    if let Some(t) = v.departed {
        let _ = writeln!(out, "    departed: \"{t}\"");
    }
    if let Some(r) = &v.reason {
        let _ = writeln!(out, "    reason: {}", quote(r));
    }
    if !v.tasks_done.is_empty() {
        let _ = writeln!(out, "    tasks_done: {}", quoted_list(&v.tasks_done));
    }
    if !v.tasks_not_done.is_empty() {
        out.push_str("    tasks_not_done:\n");
        for t in &v.tasks_not_done {
            let _ = writeln!(
                out,
                "      - {{task: {}, reason: {}}}",
                quote(&t.task),
                quote(&t.reason)
            );
        }
    }
    if let Some(n) = &v.notes {
        let _ = writeln!(out, "    notes: {}", quote(n));
    }
    out
}
