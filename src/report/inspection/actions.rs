//! The action plan at the end of the pack: what to do, under which
//! regulation, who owns it and by when, from the gaps (findings grouped by
//! code and regulation), the statements whose evidence falls short, and
//! the sampled files' checklists. Also written as CSV.

use super::checklist::{Item, Status};
use super::statement::StatementView;
use super::{Sampled, StaffSampled};
use crate::check::context::add_days;
use crate::report::context::FindingView;
use crate::report::evidence::Sufficiency;
use crate::report::map::{InspectionMap, regulation_name};
use crate::report::{ReportError, Session, text};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

/// One action.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// `A01`.
    pub id: String,
    /// `Serious`, `Error`, `Warning`, `Evidence` or `Sample`.
    pub priority: String,
    /// What to do.
    pub what: String,
    /// `Regulation 19: Fit and proper persons employed`.
    pub regulation: String,
    /// The quality statements it is under.
    pub statement: String,
    /// The anchor of the first of them.
    pub statement_key: String,
    /// Who owns it.
    pub owner: String,
    /// Due by, `30 Nov 2026`.
    pub due: String,
    /// The same, `2026-11-30`.
    pub due_iso: String,
    /// The records concerned, by id.
    pub records: String,
    #[serde(skip)]
    rank: u8,
    #[serde(skip)]
    due_date: NaiveDate,
}

/// An action before it is numbered.
struct Draft<'r> {
    rank: u8,
    priority: &'static str,
    what: String,
    regulation: &'r str,
    statement: String,
    key: String,
    owner: String,
    records: String,
    due: NaiveDate,
}

/// Findings of one code under one regulation, and the statements (key,
/// title, owner) that hold them.
struct Group<'v> {
    code: String,
    regulation: String,
    findings: Vec<&'v FindingView>,
    statements: Vec<(&'v str, &'v str, String)>,
}

/// What the plan is built from.
pub struct Sources<'v> {
    /// Every finding of check and the audit.
    pub findings: &'v [FindingView],
    /// The statements' views, in map order.
    pub statements: Vec<&'v StatementView>,
    /// The sampled staff files.
    pub staff: &'v [StaffSampled],
    /// The sampled care files.
    pub people: &'v [Sampled],
}

fn regulation_line(map: &InspectionMap, id: &str) -> String {
    let title = map.regulation(id).map(|r| r.title.as_str()).unwrap_or("");
    format!("{}: {title}", regulation_name(id))
}

/// The owner of the first statement that rests on regulation `id`.
fn owner_of(map: &InspectionMap, id: &str) -> String {
    map.statements()
        .find(|(_, st)| st.regulations.iter().any(|r| r == id))
        .and_then(|(_, st)| st.owner.clone())
        .unwrap_or_else(|| "Registered manager".to_owned())
}

/// The action plan, most urgent first.
pub fn plan(s: &Session, map: &InspectionMap, src: &Sources) -> Vec<Action> {
    let today = s.options.today;
    let days = map.due_days;
    let due = |d: u32| add_days(today, d);
    let mut out: Vec<Action> = Vec::new();
    let mut action = |d: Draft| {
        out.push(Action {
            id: String::new(),
            priority: d.priority.to_owned(),
            what: d.what,
            regulation: regulation_line(map, d.regulation),
            statement: d.statement,
            statement_key: d.key,
            owner: d.owner,
            due: text::date(d.due),
            due_iso: d.due.to_string(),
            records: d.records,
            rank: d.rank,
            due_date: d.due,
        });
    };
    // Findings, one action per code and regulation, under the statements
    // that hold them.
    let mut groups: Vec<Group> = Vec::new();
    // Each finding is one action's work, under the first statement and
    // regulation the map puts it under.
    let mut placed = vec![false; src.findings.len()];
    for (_, st) in map.statements() {
        let owner = st
            .owner
            .clone()
            .unwrap_or_else(|| "Registered manager".to_owned());
        for g in &st.gaps {
            for (n, f) in src.findings.iter().enumerate() {
                if placed[n] || !g.findings.iter().any(|m| m.matches(&f.code, &f.message)) {
                    continue;
                }
                placed[n] = true;
                let at = groups
                    .iter()
                    .position(|x| x.code == f.code && x.regulation == g.regulation);
                let i = at.unwrap_or_else(|| {
                    groups.push(Group {
                        code: f.code.clone(),
                        regulation: g.regulation.clone(),
                        findings: Vec::new(),
                        statements: Vec::new(),
                    });
                    groups.len() - 1
                });
                let group = &mut groups[i];
                group.findings.push(f);
                if !group.statements.iter().any(|(k, _, _)| *k == st.key) {
                    group.statements.push((&st.key, &st.title, owner.clone()));
                }
            }
        }
    }
    for Group {
        code,
        regulation: reg,
        findings: list,
        statements: sts,
    } in &groups
    {
        let Some(first) = list.first() else { continue };
        let errors = list.iter().any(|f| f.severity == "error");
        let (rank, priority, on) = if errors && map.is_serious(code) {
            (0, "Serious", due(days.serious))
        } else if errors {
            (1, "Error", due(days.error))
        } else {
            (3, "Warning", due(days.warning))
        };
        let more = match list.len() {
            1 => String::new(),
            n => format!(" ({} more like it)", n - 1),
        };
        let help = first
            .help
            .as_deref()
            .map(|h| format!(" {}", sentence(h)))
            .unwrap_or_default();
        let what = format!("`{code}`: {}{more}.{help}", first.message);
        let mut records: Vec<&str> = list.iter().filter_map(|f| f.record.as_deref()).collect();
        records.dedup();
        let titles: Vec<&str> = sts.iter().map(|(_, t, _)| *t).collect();
        let (key, owner) = sts
            .first()
            .map(|(k, _, o)| (*k, o.clone()))
            .unwrap_or(("", "Registered manager".to_owned()));
        action(Draft {
            rank,
            priority,
            what,
            regulation: reg,
            statement: titles.join("; "),
            key: key.to_owned(),
            owner,
            records: records.join(", "),
            due: on,
        });
    }
    // Statements whose evidence falls short.
    for st in &src.statements {
        if st.sufficiency == Sufficiency::Sufficient {
            continue;
        }
        let short: Vec<&str> = st
            .evidence
            .iter()
            .filter(|e| matches!(e.sufficiency, Sufficiency::Partial | Sufficiency::Absent))
            .map(|e| e.label.as_str())
            .collect();
        let what = if short.is_empty() && st.sufficiency == Sufficiency::Partial {
            // Partial through its findings alone: their actions say what to do.
            continue;
        } else if short.is_empty() {
            format!(
                "Gather evidence for “{}”: the records hold none. Prepare answers to what the \
                 inspector will ask.",
                st.title
            )
        } else if st.sufficiency == Sufficiency::Absent {
            format!(
                "Gather the evidence for “{}” (the records hold none): {}.",
                st.title,
                short.join("; ")
            )
        } else {
            format!(
                "Make the evidence for “{}” complete, or have it ready from other files: {}.",
                st.title,
                short.join("; ")
            )
        };
        let reg = st
            .regulations
            .first()
            .map(|r| r.id.as_str())
            .unwrap_or("17");
        action(Draft {
            rank: 2,
            priority: "Evidence",
            what,
            regulation: reg,
            statement: st.title.clone(),
            key: st.key.clone(),
            owner: st.owner.clone(),
            records: String::new(),
            due: due(days.absent),
        });
    }
    // The sampled files' checklists, one action per item.
    let staff: Vec<(&str, &Item)> = src
        .staff
        .iter()
        .flat_map(|c| c.schedule3.iter().map(move |i| (c.id.as_str(), i)))
        .collect();
    let people: Vec<(&str, &Item)> = src
        .people
        .iter()
        .flat_map(|p| p.audit.iter().map(move |i| (p.file.profile.id.as_str(), i)))
        .collect();
    for (kind, rows) in [("staff file", staff), ("care file", people)] {
        let mut items: Vec<&str> = rows.iter().map(|(_, i)| i.item.as_str()).collect();
        items.dedup();
        let mut seen: Vec<&str> = Vec::new();
        for name in items {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let failing: Vec<&(&str, &Item)> = rows
                .iter()
                .filter(|(_, i)| i.item == name && i.status.needs_action())
                .collect();
            let Some((_, first)) = failing.first() else {
                continue;
            };
            let unrecorded = failing.iter().all(|(_, i)| i.status == Status::NotRecorded);
            let ids: Vec<&str> = failing.iter().map(|(id, _)| *id).collect();
            let files = text::count(
                failing.len(),
                &format!("sampled {kind}"),
                &format!("sampled {kind}s"),
            );
            let what = if unrecorded {
                format!(
                    "{name}: not in the records for {files}; check each file has it, and keep a \
                     record carebook can read"
                )
            } else {
                format!(
                    "{name}: not met in {files} ({}); put it right",
                    first.detail
                )
            };
            let reg = first.regulation_id;
            action(Draft {
                rank: 2,
                priority: "Sample",
                what,
                regulation: reg,
                statement: String::new(),
                key: String::new(),
                owner: owner_of(map, reg),
                records: ids.join(", "),
                due: due(days.absent),
            });
        }
    }
    out.sort_by_key(|a| (a.due_date, a.rank));
    for (i, a) in out.iter_mut().enumerate() {
        a.id = format!("A{:02}", i + 1);
    }
    out
}

/// `text` with a capital first letter.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The CSV's file name (`.redacted` before `.csv` when redacted).
pub const FILE: &str = "inspection-actions.csv";

/// The CSV columns, in order.
const COLUMNS: [&str; 8] = [
    "id",
    "priority",
    "what",
    "regulation",
    "statement",
    "owner",
    "due",
    "records",
];

/// The action plan as CSV (redacted when the session redacts: the same
/// scrubbing as the pages). A cell that a spreadsheet would read as a
/// formula starts with an apostrophe.
pub fn csv(s: &Session, actions: &[Action]) -> Result<String, ReportError> {
    let mut rows = serde_json::to_value(actions).map_err(ReportError::Context)?;
    s.scrub(&mut rows);
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| ReportError::write(Path::new(FILE), std::io::Error::other(e));
    w.write_record(COLUMNS).map_err(io)?;
    for row in rows.as_array().map(Vec::as_slice).unwrap_or_default() {
        let cells = COLUMNS.iter().map(|c| {
            let key = if *c == "due" { "due_iso" } else { c };
            safe_cell(row.get(key).and_then(|v| v.as_str()).unwrap_or(""))
        });
        w.write_record(cells).map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ReportError::write(Path::new(FILE), std::io::Error::other(e.to_string())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A cell a spreadsheet will not run: `=`, `+`, `-`, `@` and control
/// characters at the start are quoted with an apostrophe.
fn safe_cell(v: &str) -> String {
    match v.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{v}"),
        _ => v.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_cell;

    #[test]
    fn formulas_are_quoted() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("Record the DBS"), "Record the DBS");
    }
}
