//! `--format human`: the log as `git log` lays it out, one line per
//! change (`CP-0001 consent.status: given → withdrawn`), then the
//! findings, the consent timelines when asked for, and a summary line.
//! Every value from the records or git goes through [`crate::terminal::escape`].

use super::{describe, plural, when};
use crate::audit::CommitId;
use crate::audit::{Audit, AuditFinding};
use crate::terminal::escape as t;
use std::fmt::Write;

/// Values longer than this are cut in the human log (JSON keeps them whole).
const WIDTH: usize = 72;

fn finding(out: &mut String, f: &AuditFinding) {
    let record = f
        .record
        .as_deref()
        .map(|r| format!(" {}:", t(r)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}[{}]{record} {}",
        f.severity.as_str(),
        f.code,
        t(&f.message)
    );
    let place = match (&f.file, f.line) {
        (Some(file), Some(line)) => Some(format!("{}:{line}", t(file))),
        (Some(file), None) => Some(t(file).into_owned()),
        _ => None,
    };
    let commit = f.commit.as_ref().map(CommitId::short);
    match (place, commit) {
        (Some(p), Some(c)) => {
            let _ = writeln!(out, "  --> {p} at commit {c}");
        }
        (Some(p), None) => {
            let _ = writeln!(out, "  --> {p} (working tree)");
        }
        (None, Some(c)) => {
            let _ = writeln!(out, "  --> commit {c}");
        }
        (None, None) => {}
    }
    if let Some(help) = &f.help {
        let _ = writeln!(out, "  help: {}", t(help));
    }
}

/// The audit for people: plain text, no colour.
pub fn render(audit: &Audit) -> String {
    let mut out = String::new();
    for log in &audit.commits {
        let c = &log.commit;
        let _ = writeln!(
            out,
            "commit {}  {}  {} <{}>",
            c.short(),
            when(c.time),
            t(&c.author),
            t(&c.email)
        );
        for line in c.message.lines() {
            let _ = writeln!(out, "{}", format!("    {}", t(line)).trim_end());
        }
        out.push('\n');
        for change in &log.changes {
            let _ = writeln!(
                out,
                "  {} {}",
                t(&change.record),
                t(&describe(change, WIDTH))
            );
        }
        out.push('\n');
    }
    for f in &audit.findings {
        finding(&mut out, f);
        out.push('\n');
    }
    if let Some(timelines) = &audit.consent {
        out.push_str("consent timelines\n");
        for tl in timelines.iter().filter(|tl| !tl.events.is_empty()) {
            let su = tl
                .service_user
                .as_deref()
                .map(|s| format!(" ({})", t(s)))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}{su}", t(&tl.plan));
            for e in &tl.events {
                let detail = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(": {}", t(&e.detail))
                };
                let _ = writeln!(
                    out,
                    "    {}  {}  {}{detail}",
                    e.date.format("%Y-%m-%d"),
                    e.commit.short(),
                    e.event
                );
            }
        }
        out.push('\n');
    }
    out.push_str(&summary_line(audit));
    out
}

/// `audited 12 commits (31 changes): 1 error, 2 warnings`.
pub fn summary_line(audit: &Audit) -> String {
    let s = &audit.summary;
    let verdict = crate::wording::verdict(s.errors, s.warnings);
    format!(
        "audited {} ({}): {verdict}\n",
        plural(s.commits, "commit"),
        plural(s.changes, "change")
    )
}
