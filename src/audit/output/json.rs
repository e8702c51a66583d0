//! `--format json`: the shape of the issue, for CI and the reports.
//! Dates are UTC, `2026-11-01T09:12:00Z`; `date` is the committer date
//! (when the change entered the history), `author_date` the author's.
//! Written straight from borrowed views, as a history may hold tens of
//! thousands of changes.

use crate::audit::{Audit, AuditFinding, Change, CommitLog, Timeline, TimelineEvent};
use chrono::{DateTime, Utc};
use serde::Serialize;

fn stamp(time: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

#[derive(Serialize)]
struct ChangeView<'a> {
    record: &'a str,
    kind: Option<&'static str>,
    file: &'a str,
    change: &'static str,
    field: Option<&'a str>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl<'a> ChangeView<'a> {
    fn of(c: &'a Change) -> Self {
        ChangeView {
            record: &c.record,
            kind: c.kind.map(|k| k.name()),
            file: &c.file,
            change: c.change.as_str(),
            field: c.field.as_deref(),
            before: c.before.as_deref(),
            after: c.after.as_deref(),
            error: c.error.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct CommitView<'a> {
    id: &'a str,
    author: &'a str,
    email: &'a str,
    date: String,
    author_date: String,
    message: &'a str,
    changes: Vec<ChangeView<'a>>,
}

impl<'a> CommitView<'a> {
    fn of(log: &'a CommitLog) -> Self {
        let c = &log.commit;
        CommitView {
            id: &c.id,
            author: &c.author,
            email: &c.email,
            date: stamp(c.time),
            author_date: stamp(c.author_time),
            message: &c.message,
            changes: log.changes.iter().map(ChangeView::of).collect(),
        }
    }
}

#[derive(Serialize)]
struct FindingView<'a> {
    code: &'static str,
    severity: &'static str,
    record: Option<&'a str>,
    commit: Option<&'a str>,
    message: &'a str,
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

impl<'a> FindingView<'a> {
    fn of(f: &'a AuditFinding) -> Self {
        FindingView {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            record: f.record.as_deref(),
            commit: f.commit.as_deref(),
            message: &f.message,
            file: f.file.as_deref(),
            line: f.line,
            help: f.help.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct EventView<'a> {
    commit: &'a str,
    date: String,
    author: &'a str,
    event: &'static str,
    detail: &'a str,
}

#[derive(Serialize)]
struct TimelineView<'a> {
    plan: &'a str,
    service_user: Option<&'a str>,
    events: Vec<EventView<'a>>,
}

impl<'a> TimelineView<'a> {
    fn of(t: &'a Timeline) -> Self {
        let event = |e: &'a TimelineEvent| EventView {
            commit: &e.commit,
            date: stamp(e.date),
            author: &e.author,
            event: e.event,
            detail: &e.detail,
        };
        TimelineView {
            plan: &t.plan,
            service_user: t.service_user.as_deref(),
            events: t.events.iter().map(event).collect(),
        }
    }
}

#[derive(Serialize)]
struct SummaryView {
    commits: usize,
    changes: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Document<'a> {
    commits: Vec<CommitView<'a>>,
    findings: Vec<FindingView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consent: Option<Vec<TimelineView<'a>>>,
    summary: SummaryView,
}

/// The audit as one JSON document and a newline.
pub fn render(audit: &Audit) -> String {
    let s = &audit.summary;
    let doc = Document {
        commits: audit.commits.iter().map(CommitView::of).collect(),
        findings: audit.findings.iter().map(FindingView::of).collect(),
        consent: audit
            .consent
            .as_ref()
            .map(|c| c.iter().map(TimelineView::of).collect()),
        summary: SummaryView {
            commits: s.commits,
            changes: s.changes,
            errors: s.errors,
            warnings: s.warnings,
        },
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
