//! The view structs every report shares: the page header (agency, date,
//! redaction), status marks (a level for colour, a symbol and a word, so
//! colour is never the only signal) and findings as templates show them.
//!
//! Each report kind adds its own view next to its builder; templates see
//! the serialised structs, and the README lists their fields.

use super::text;
use crate::diag::{Finding, Severity};
use crate::load::Repo;
use chrono::NaiveDate;
use serde::Serialize;

/// How a status reads: the CSS level, a symbol and words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    /// `ok`, `warn`, `bad` or `none`: the colour (a CSS class).
    pub level: &'static str,
    /// `✓`, `▲`, `✗` or `–`: the same for a reader without colour.
    pub symbol: &'static str,
    /// The status in words, e.g. `In date`, `Red`.
    pub text: String,
}

impl Mark {
    /// A good status.
    pub fn ok(text: impl Into<String>) -> Mark {
        Mark {
            level: "ok",
            symbol: "✓",
            text: text.into(),
        }
    }
    /// Needs attention soon.
    pub fn warn(text: impl Into<String>) -> Mark {
        Mark {
            level: "warn",
            symbol: "▲",
            text: text.into(),
        }
    }
    /// Needs action now.
    pub fn bad(text: impl Into<String>) -> Mark {
        Mark {
            level: "bad",
            symbol: "✗",
            text: text.into(),
        }
    }
    /// Not applicable, or nothing known.
    pub fn none(text: impl Into<String>) -> Mark {
        Mark {
            level: "none",
            symbol: "–",
            text: text.into(),
        }
    }

    /// Red, amber or green from counts of errors and warnings.
    pub fn rag(errors: usize, warnings: usize) -> Mark {
        if errors > 0 {
            Mark::bad("Red")
        } else if warnings > 0 {
            Mark::warn("Amber")
        } else {
            Mark::ok("Green")
        }
    }

    /// How serious, for sorting: bad first.
    pub fn rank(&self) -> u8 {
        match self.level {
            "bad" => 0,
            "warn" => 1,
            "ok" => 3,
            _ => 2,
        }
    }
}

/// The header every page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The report kind: `rota`, `service-user`, `compliance`, ...
    pub kind: &'static str,
    /// The report's title.
    pub title: String,
    /// The document's title (a browser tab, a bookmark, a printed PDF's
    /// metadata): the report's kind, never a person's name.
    pub doc_title: String,
    /// A line under the title (the week, the person), possibly empty.
    pub subtitle: String,
    /// The agency's name.
    pub agency: String,
    /// CQC provider id, when recorded.
    pub provider_id: Option<String>,
    /// CQC location id, when recorded.
    pub location_id: Option<String>,
    /// The date statuses are judged on, `2026-11-23`.
    pub today: String,
    /// The same, `Monday 23 November 2026`.
    pub today_text: String,
    /// `carebook 0.1.0`.
    pub generator: String,
    /// Whether names, NHS numbers, addresses and dates of birth are redacted.
    pub redacted: bool,
    /// `html` or `md`.
    pub format: &'static str,
    /// The link back to the site's index, when built by `carebook build`.
    pub index: Option<String>,
}

impl Page {
    /// A page header for `repo` on `today`.
    pub fn new(
        repo: &Repo,
        kind: &'static str,
        title: impl Into<String>,
        today: NaiveDate,
    ) -> Page {
        let cqc = repo.agency.cqc.as_ref();
        let title = title.into();
        Page {
            kind,
            doc_title: title.clone(),
            title,
            subtitle: String::new(),
            agency: repo.agency.name.clone(),
            provider_id: cqc.map(|c| c.provider_id.clone()),
            location_id: cqc.and_then(|c| c.location_id.clone()),
            today: today.to_string(),
            today_text: text::date_long(today),
            generator: format!("carebook {}", env!("CARGO_PKG_VERSION")),
            redacted: false,
            format: "html",
            index: None,
        }
    }
}

/// A finding as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// The rule code, `plan/review-overdue`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// Error (red) or warning (amber), with symbol and word.
    pub mark: Mark,
    /// What is wrong.
    pub message: String,
    /// How to put it right, when known.
    pub help: Option<String>,
    /// The record's file, relative to the repository root.
    pub file: String,
    /// The line in that file (0 when not known).
    pub line: u32,
    /// `file:line`, or the file alone.
    pub place: String,
    /// The record's id, when known.
    pub record: Option<String>,
}

impl FindingView {
    /// The view of a `check` finding.
    pub fn of(f: &Finding) -> FindingView {
        let line = f.site.pos.line;
        FindingView {
            code: f.code.as_str().to_owned(),
            severity: f.severity.as_str(),
            mark: severity_mark(f.severity),
            message: f.message.clone(),
            help: f.help.clone(),
            file: f.site.file.clone(),
            line,
            place: place(&f.site.file, line),
            record: f.record.clone(),
        }
    }
}

/// `file:line`, or the file alone when the line is not known.
pub fn place(file: &str, line: u32) -> String {
    if line > 0 {
        format!("{file}:{line}")
    } else {
        file.to_owned()
    }
}

/// Error (red) or warning (amber).
pub fn severity_mark(s: Severity) -> Mark {
    match s {
        Severity::Error => Mark::bad("Error"),
        Severity::Warning => Mark::warn("Warning"),
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

impl Counts {
    /// Counts the severities of `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a FindingView>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            if f.severity == "error" {
                c.errors += 1;
            } else {
                c.warnings += 1;
            }
        }
        c
    }

    /// Red, amber or green.
    pub fn rag(self) -> Mark {
        Mark::rag(self.errors, self.warnings)
    }
}
