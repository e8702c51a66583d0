//! `--format json`: exactly the shape of the records format page.

use super::line_col;
use crate::check::Report;
use crate::diag::{Finding, Site};
use serde_json::{Map, Value, json};

fn place(site: &Site) -> Map<String, Value> {
    let (line, column) = line_col(site.pos);
    let mut m = Map::new();
    m.insert("file".into(), json!(site.file));
    m.insert("line".into(), json!(line));
    m.insert("column".into(), json!(column));
    m
}

fn finding(f: &Finding) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(f.code.as_str()));
    m.insert("severity".into(), json!(f.severity.as_str()));
    m.insert("message".into(), json!(f.message));
    m.extend(place(&f.site));
    m.insert("record".into(), json!(f.record));
    if let Some(help) = &f.help {
        m.insert("help".into(), json!(help));
    }
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .map(|r| {
                let mut p = place(&r.site);
                p.insert("message".into(), json!(r.message));
                Value::Object(p)
            })
            .collect();
        m.insert("related".into(), Value::Array(related));
    }
    Value::Object(m)
}

/// The report as one JSON document and a newline.
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let doc = json!({
        "findings": report.findings.iter().map(finding).collect::<Vec<_>>(),
        "summary": {"files": s.files, "records": s.records, "errors": s.errors, "warnings": s.warnings},
        "not_checked": report.not_checked.iter().map(|n| json!({"file": n.file, "why": n.why})).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
