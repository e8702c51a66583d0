//! `--format json`: the shape of the issue, for CI and the reports.
//! Dates are UTC, `2026-11-01T09:12:00Z`; `date` is the committer date
//! (when the change entered the history), `author_date` the author's.

use crate::audit::{Audit, AuditFinding, Change, CommitLog, Timeline};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

fn stamp(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn change(c: &Change) -> Value {
    let mut m = Map::new();
    m.insert("record".into(), json!(c.record));
    m.insert("kind".into(), json!(c.kind.map(|k| k.name())));
    m.insert("file".into(), json!(c.file));
    m.insert("change".into(), json!(c.change.as_str()));
    m.insert("field".into(), json!(c.field));
    m.insert("before".into(), json!(c.before));
    m.insert("after".into(), json!(c.after));
    if let Some(error) = &c.error {
        m.insert("error".into(), json!(error));
    }
    Value::Object(m)
}

fn commit(log: &CommitLog) -> Value {
    let c = &log.commit;
    json!({
        "id": c.id,
        "author": c.author,
        "email": c.email,
        "date": stamp(c.time),
        "author_date": stamp(c.author_time),
        "message": c.message,
        "changes": log.changes.iter().map(change).collect::<Vec<_>>(),
    })
}

fn finding(f: &AuditFinding) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(f.code.as_str()));
    m.insert("severity".into(), json!(f.severity.as_str()));
    m.insert("record".into(), json!(f.record));
    m.insert("commit".into(), json!(f.commit));
    m.insert("message".into(), json!(f.message));
    m.insert("file".into(), json!(f.file));
    if let Some(line) = f.line {
        m.insert("line".into(), json!(line));
    }
    if let Some(help) = &f.help {
        m.insert("help".into(), json!(help));
    }
    Value::Object(m)
}

fn timeline(t: &Timeline) -> Value {
    let events: Vec<Value> = t
        .events
        .iter()
        .map(|e| {
            json!({"commit": e.commit, "date": stamp(e.date), "author": e.author,
                   "event": e.event, "detail": e.detail})
        })
        .collect();
    json!({"plan": t.plan, "service_user": t.service_user, "events": events})
}

/// The audit as one JSON document and a newline.
pub fn render(audit: &Audit) -> String {
    let s = &audit.summary;
    let mut doc = Map::new();
    doc.insert(
        "commits".into(),
        audit.commits.iter().map(commit).collect::<Vec<_>>().into(),
    );
    doc.insert(
        "findings".into(),
        audit
            .findings
            .iter()
            .map(finding)
            .collect::<Vec<_>>()
            .into(),
    );
    if let Some(consent) = &audit.consent {
        doc.insert(
            "consent".into(),
            consent.iter().map(timeline).collect::<Vec<_>>().into(),
        );
    }
    doc.insert(
        "summary".into(),
        json!({"commits": s.commits, "changes": s.changes, "errors": s.errors, "warnings": s.warnings}),
    );
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}
