//! MAR files as YAML text: one line per dose, fields in a fixed order, so
//! a week imported again or corrected by hand is a one-line diff.

use crate::import::yaml::{append_to_list, quote};
use crate::load::node::{Node, pos_of};
use crate::model::mar::{MarDose, PrnDose, mar_id};
use crate::model::values::Week;
use serde_saphyr::Spanned;
use std::fmt::Write;

/// A new MAR file of `person`'s `week`.
pub fn file(person: &str, week: Week, modeline: bool, doses: &str, prn: &str) -> String {
    let mut out = String::new();
    if modeline {
        out.push_str("# yaml-language-server: $schema=../../schema/mar.schema.json\n");
    }
    out.push_str(
        "# Written by carebook import mar from the eMAR. Later imports add doses\n\
         # and never change one; correct a dose by hand, then commit.\n",
    );
    let _ = writeln!(out, "kind: mar");
    let _ = writeln!(out, "id: {}", mar_id(person, week));
    let _ = writeln!(out, "service_user: {person}");
    let _ = writeln!(out, "week: {week}");
    if !doses.is_empty() {
        out.push_str("doses:\n");
        out.push_str(doses);
    }
    if !prn.is_empty() {
        out.push_str("prn:\n");
        out.push_str(prn);
    }
    out
}

/// One scheduled dose as a list item, on one line.
pub fn dose(d: &MarDose) -> String {
    let mut f = vec![
        format!("date: {}", d.date),
        format!("time: \"{}\"", d.time),
        format!("medicine: {}", quote(&d.medicine)),
        format!("outcome: {}", d.outcome.name()),
    ];
    if let Some(t) = d.given_at {
        f.push(format!("given_at: \"{t}\""));
    }
    if let Some(c) = &d.carer {
        f.push(format!("carer: {c}"));
    }
    if let Some(r) = d.reason {
        let word = serde_json::to_value(r).unwrap_or_default();
        f.push(format!("reason: {}", word.as_str().unwrap_or("other")));
    }
    if let Some(n) = &d.note {
        f.push(format!("note: {}", quote(n)));
    }
    if let Some(e) = &d.escalation {
        let note = e
            .note
            .as_ref()
            .map(|n| format!(", note: {}", quote(n)))
            .unwrap_or_default();
        f.push(format!(
            "escalation: {{to: {}, date: {}{note}}}",
            quote(&e.to),
            e.date
        ));
    }
    format!("  - {{{}}}\n", f.join(", "))
}

/// One as-needed dose as a list item, on one line.
pub fn prn(d: &PrnDose) -> String {
    let mut f = vec![
        format!("date: {}", d.date),
        format!("given_at: \"{}\"", d.given_at),
        format!("medicine: {}", quote(&d.medicine)),
    ];
    if let Some(x) = &d.dose {
        f.push(format!("dose: {}", quote(x)));
    }
    f.push(format!("reason: {}", quote(&d.reason)));
    if let Some(x) = &d.effect {
        f.push(format!("effect: {}", quote(x)));
    }
    f.push(format!("carer: {}", d.carer));
    format!("  - {{{}}}\n", f.join(", "))
}

/// `text` with `items` added to its top-level list `key`, keeping every
/// byte already there: at the end when the list is the last field,
/// before the next top-level field otherwise, or as a new `key:` at the
/// end when the file has none. `None` when `key` is not a block list.
pub fn add_items(text: &str, tree: &Spanned<Node>, key: &str, items: &str) -> Option<String> {
    let Node::Map(entries) = &tree.value else {
        return None;
    };
    let at = entries
        .iter()
        .position(|(k, _)| matches!(&k.value, Node::Str(s) if s == key));
    let Some(at) = at else {
        let mut out = text.trim_end_matches(['\n', '\r', ' ', '\t']).to_owned();
        out.push('\n');
        let _ = writeln!(out, "{key}:");
        out.push_str(items);
        return Some(out);
    };
    if at + 1 == entries.len() {
        return append_to_list(text, tree, key, items);
    }
    let Node::Seq(list) = &entries[at].1.value else {
        return None;
    };
    let first = list.first()?;
    let first_line = usize::try_from(pos_of(first).line).ok()?.checked_sub(1)?;
    let line = text.lines().nth(first_line)?;
    let dash = line.find("- ")?;
    if !line[..dash].chars().all(|c| c == ' ') {
        return None;
    }
    // Insert before the line of the next top-level key.
    let next = usize::try_from(pos_of(&entries[at + 1].0).line)
        .ok()?
        .checked_sub(1)?;
    let indent = " ".repeat(dash);
    let mut out = String::new();
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i == next {
            for item in items.lines() {
                out.push_str(&indent);
                out.push_str(item.strip_prefix("  ").unwrap_or(item));
                out.push('\n');
            }
        }
        out.push_str(l);
    }
    Some(out)
}
