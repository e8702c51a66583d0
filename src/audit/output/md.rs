//! `--format md`: the audit log as a markdown report, a section per
//! commit with a table of its changes, then findings and timelines.

use super::{plural, when};
use crate::audit::{Audit, ChangeKind};
use std::fmt::Write;

/// Text safe anywhere in markdown, a table cell included.
fn cell(text: &str) -> String {
    crate::markdown::escaped(text)
}

/// The audit as markdown.
pub fn render(audit: &Audit) -> String {
    let mut out = String::from("# Audit log\n\n");
    for log in &audit.commits {
        let c = &log.commit;
        let _ = writeln!(
            out,
            "## {} · `{}` · {}\n",
            when(c.time),
            c.short(),
            cell(&c.author)
        );
        for line in c.message.lines() {
            let _ = writeln!(out, "{}", format!("> {}", cell(line)).trim_end());
        }
        out.push_str(
            "\n| record | change | field | before | after |\n| --- | --- | --- | --- | --- |\n",
        );
        for ch in &log.changes {
            let (before, after) = match ch.change {
                ChangeKind::Unreadable => (String::new(), ch.error.clone().unwrap_or_default()),
                ChangeKind::Added | ChangeKind::Removed => (String::new(), ch.file.clone()),
                _ => (
                    ch.before.clone().unwrap_or_default(),
                    ch.after.clone().unwrap_or_default(),
                ),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&ch.record),
                ch.change.as_str(),
                cell(ch.field.as_deref().unwrap_or("")),
                cell(&before),
                cell(&after)
            );
        }
        out.push('\n');
    }
    out.push_str("## Findings\n\n");
    if audit.findings.is_empty() {
        out.push_str("No problems found.\n\n");
    } else {
        out.push_str("| severity | code | record | commit | where | message |\n| --- | --- | --- | --- | --- | --- |\n");
        for f in &audit.findings {
            let place = match (&f.file, f.line) {
                (Some(file), Some(line)) => format!("{file}:{line}"),
                (Some(file), None) => file.clone(),
                _ => String::new(),
            };
            let commit = f.commit.as_deref().map(|c| c.get(..7).unwrap_or(c));
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} | {} |",
                f.severity.as_str(),
                f.code,
                cell(f.record.as_deref().unwrap_or("")),
                commit.map(|c| format!("`{c}`")).unwrap_or_default(),
                cell(&place),
                cell(&f.message)
            );
        }
        out.push('\n');
    }
    if let Some(timelines) = &audit.consent {
        out.push_str("## Consent timelines\n\n");
        for t in timelines.iter().filter(|t| !t.events.is_empty()) {
            let su = t
                .service_user
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let _ = writeln!(out, "### {}{su}\n", cell(&t.plan));
            out.push_str("| date | commit | event | detail |\n| --- | --- | --- | --- |\n");
            for e in &t.events {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} |",
                    e.date.format("%Y-%m-%d"),
                    e.commit.get(..7).unwrap_or(&e.commit),
                    e.event,
                    cell(&e.detail)
                );
            }
            out.push('\n');
        }
    }
    let s = &audit.summary;
    let _ = writeln!(
        out,
        "{}, {}; {}, {}.",
        plural(s.commits, "commit"),
        plural(s.changes, "change"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    );
    out
}
