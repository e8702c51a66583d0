//! The audit report (the change and consent log of `carebook audit`,
//! readable), and the audit as the other reports use it: a person's
//! "what changed since", and the inspection pack's gaps.
//!
//! The history is read once per session through `crate::audit::run`; a
//! records folder outside git gives a report that says so, not an error.

use super::context::{Counts, FindingView, Mark, place, severity_mark};
use super::{Rendered, ReportError, Session, text};
use crate::audit::{self, Audit, AuditFinding, Change, ChangeKind, CommitLog};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

/// The audit, or why there is none.
pub struct Outcome {
    /// The audit of the whole history, with consent timelines.
    pub audit: Option<Audit>,
    /// Why it could not be read, when it could not.
    pub note: String,
}

impl Outcome {
    /// Reads the history of the records at `root`.
    pub fn read(root: &Path) -> Outcome {
        let options = audit::Options {
            consent: true,
            ..audit::Options::default()
        };
        match audit::run(root, &options) {
            Ok(a) => Outcome {
                audit: Some(a),
                note: String::new(),
            },
            // Paths stay out of the report: they may name people's folders.
            Err(audit::AuditError::NotGit(_)) => Outcome {
                audit: None,
                note: "The change log is not available: the records are not in a git \
                       repository, so there is no history to read."
                    .to_owned(),
            },
            Err(e) => Outcome {
                audit: None,
                note: format!("The change log is not available: {e}."),
            },
        }
    }

    /// Everyone who made a commit (for redaction).
    pub fn authors(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .audit
            .iter()
            .flat_map(|a| a.commits.iter().map(|c| c.commit.author.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Changes to the records with these ids on or after `since`, newest first.
    pub fn changes_about(&self, s: &Session, ids: &[&str], since: NaiveDate) -> Vec<ChangeLine> {
        let Some(a) = &self.audit else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for log in a.commits.iter().rev() {
            if log.commit.time.date_naive() < since {
                continue;
            }
            for c in log
                .changes
                .iter()
                .filter(|c| ids.contains(&c.record.as_str()))
            {
                out.push(change_line(s, log, c));
            }
        }
        out
    }

    /// The audit's findings as templates show them (redacted, without
    /// the values of fields).
    pub fn findings(&self, s: &Session) -> Vec<FindingView> {
        let redact = s.privacy().redact;
        self.audit
            .iter()
            .flat_map(|a| a.findings.iter().map(|f| finding_view(f, redact)))
            .collect()
    }
}

/// One change to one record, as a line of the log.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeLine {
    /// The commit's date, `1 Nov 2026`.
    pub date: String,
    /// Who made the commit.
    pub author: String,
    /// The commit's short id.
    pub commit: String,
    /// The record's id.
    pub record: String,
    /// `added`, `removed`, `modified`, `moved` or `unreadable`.
    pub change: &'static str,
    /// The field, `consent.status`, or empty.
    pub field: String,
    /// The value before, or empty.
    pub before: String,
    /// The value after, or empty.
    pub after: String,
    /// The change in one phrase.
    pub summary: String,
}

/// Fields whose values are personal: dropped from the log when redacting.
const PERSONAL: &[&str] = &[
    "name",
    "preferred_name",
    "date_of_birth",
    "nhs_number",
    "address",
    "location",
    "access_notes",
    "hospital_stays",
    "gp",
    "contacts",
    "home",
    "checks.dbs.certificate",
    "funding.reference",
];

fn personal(field: &str) -> bool {
    PERSONAL.iter().any(|p| {
        field == *p || field.starts_with(&format!("{p}.")) || field.starts_with(&format!("{p}["))
    })
}

/// Whether a value reads as data rather than words: a date, a time, a
/// number, a yes or no, an id (`SU-0001`) or a lower-case code
/// (`best-interests`). Redacted, the change log shows only such values:
/// free text (notes, wishes, what happened) may name or describe a person.
fn structured(value: &str) -> bool {
    let code = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    let id = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && w.chars().any(|c| c.is_ascii_digit())
    };
    let number = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | '.' | '+'))
    };
    match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(list) => list
            .split(", ")
            .all(|w| w.is_empty() || code(w) || id(w) || number(w)),
        None => code(value) || id(value) || number(value),
    }
}

fn change_line(s: &Session, log: &CommitLog, c: &Change) -> ChangeLine {
    let p = s.privacy();
    let field = c.field.clone().unwrap_or_default();
    let hide_all = p.redact && personal(&field);
    let value = |v: &Option<String>| match v {
        Some(_) if hide_all => "[removed]".to_owned(),
        Some(v) if p.redact && !structured(v) => "[removed]".to_owned(),
        Some(v) => v.clone(),
        None => String::new(),
    };
    let (before, after) = (value(&c.before), value(&c.after));
    let summary = match c.change {
        ChangeKind::Added => format!("added ({})", c.file),
        ChangeKind::Removed => format!("removed ({})", c.file),
        ChangeKind::Moved => format!("moved from {before} to {after}"),
        ChangeKind::Unreadable => {
            format!("could not be read: {}", c.error.clone().unwrap_or_default())
        }
        ChangeKind::Modified if field.is_empty() => "comments or layout changed".to_owned(),
        ChangeKind::Modified => {
            let show = |v: &str| {
                if v.is_empty() {
                    "(none)".to_owned()
                } else {
                    v.to_owned()
                }
            };
            format!("{field}: {} → {}", show(&before), show(&after))
        }
    };
    ChangeLine {
        date: text::date(log.commit.time.date_naive()),
        author: p.name(&log.commit.author),
        commit: log.commit.short().to_owned(),
        record: c.record.clone(),
        change: c.change.as_str(),
        field,
        before,
        after,
        summary,
    }
}

fn finding_view(f: &AuditFinding, redact: bool) -> FindingView {
    let file = f.file.clone().unwrap_or_default();
    let line = f.line.unwrap_or(0);
    let mut message = match (&f.redacted, redact) {
        (Some(fields_only), true) => fields_only.clone(),
        _ => f.message.clone(),
    };
    if let Some(commit) = &f.commit {
        message.push_str(&format!(" (commit {})", commit.short()));
    }
    FindingView {
        code: f.code.as_str().to_owned(),
        severity: f.severity.as_str(),
        mark: severity_mark(f.severity),
        message,
        help: f.help.clone(),
        place: place(&file, line),
        file,
        line,
        record: f.record.clone(),
    }
}

/// A commit of the log.
#[derive(Debug, Clone, Serialize)]
pub struct CommitView {
    /// Short id.
    pub id: String,
    /// Author (initials when redacted).
    pub author: String,
    /// Committer date and time, `1 Nov 2026 09:12 UTC`.
    pub date: String,
    /// The message's first line.
    pub message: String,
    /// Its changes.
    pub changes: Vec<ChangeLine>,
}

/// A care plan's consent timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    /// The plan's id.
    pub plan: String,
    /// Its service user's id.
    pub service_user: String,
    /// What happened, oldest first.
    pub events: Vec<EventView>,
}

/// One moment of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Date, `1 Nov 2026`.
    pub date: String,
    /// What happened, `Consent given`.
    pub event: String,
    /// The values before and after.
    pub detail: String,
    /// Who committed it.
    pub author: String,
    /// The commit's short id.
    pub commit: String,
}

/// The audit report's view.
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    /// Whether the history could be read.
    pub available: bool,
    /// Why not, when it could not.
    pub note: String,
    /// The first day listed, or empty for the whole history.
    pub since: String,
    /// Findings by severity.
    pub counts: Counts,
    /// Red, amber or green.
    pub status: Mark,
    /// Commits that changed records, newest first.
    pub commits: Vec<CommitView>,
    /// Changes listed.
    pub changes: usize,
    /// The audit's findings.
    pub findings: Vec<FindingView>,
    /// Each care plan's consent timeline.
    pub timelines: Vec<TimelineView>,
}

/// The audit view of a session, from `since` (or the whole history).
pub fn view(s: &Session) -> AuditView {
    let outcome = s.audit();
    let since = s.options.since;
    let p = s.privacy();
    let in_range = |d: NaiveDate| since.is_none_or(|from| d >= from);
    let mut commits = Vec::new();
    let mut timelines = Vec::new();
    if let Some(a) = &outcome.audit {
        for log in a.commits.iter().rev() {
            if !in_range(log.commit.time.date_naive()) {
                continue;
            }
            commits.push(CommitView {
                id: log.commit.short().to_owned(),
                author: p.name(&log.commit.author),
                date: log.commit.time.format("%-d %b %Y %H:%M UTC").to_string(),
                message: log.commit.message.lines().next().unwrap_or("").to_owned(),
                changes: log.changes.iter().map(|c| change_line(s, log, c)).collect(),
            });
        }
        for t in a.consent.iter().flatten() {
            let events: Vec<EventView> = t
                .events
                .iter()
                .filter(|e| in_range(e.date.date_naive()))
                .map(|e| EventView {
                    date: text::date(e.date.date_naive()),
                    event: text::phrase(e.event),
                    detail: e.detail.clone(),
                    author: p.name(&e.author),
                    commit: e.commit.short().to_owned(),
                })
                .collect();
            if !events.is_empty() {
                timelines.push(TimelineView {
                    plan: t.plan.clone(),
                    service_user: t.service_user.clone().unwrap_or_default(),
                    events,
                });
            }
        }
    }
    let findings = outcome.findings(s);
    let counts = Counts::of(&findings);
    AuditView {
        available: outcome.audit.is_some(),
        note: outcome.note.clone(),
        since: since.map(text::date).unwrap_or_default(),
        counts,
        status: if outcome.audit.is_some() {
            counts.rag()
        } else {
            Mark::none("Not available")
        },
        changes: commits.iter().map(|c| c.changes.len()).sum(),
        commits,
        findings,
        timelines,
    }
}

/// Renders the audit report.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let view = view(s);
    let mut page = s.page("audit", "Change and consent log");
    page.subtitle = if view.since.is_empty() {
        "Every change to the records in git, field by field".to_owned()
    } else {
        format!("Changes to the records since {}", view.since)
    };
    let text = s.render("audit", &page, "audit", &view)?;
    Ok(Rendered {
        file: s.file_name("audit"),
        text,
    })
}
