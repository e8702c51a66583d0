//! A finding: one problem, with its rule code, severity, place and hint.
//! Findings are data; printers turn them into text, JSON, JUnit or GitHub
//! annotations.

use super::code::Code;
use super::pos::{Related, Site};
use super::severity::Severity;

/// One problem found in the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule code.
    pub code: Code,
    /// Error or warning, after `policy.rules`.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where.
    pub site: Site,
    /// The id of the record it is about, when known.
    pub record: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places involved.
    pub related: Vec<Related>,
}

impl Finding {
    /// A finding of `code` at `site`, with the code's default severity.
    pub fn new(code: Code, site: Site, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            site,
            record: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Names the record the finding is about.
    pub fn record(mut self, id: impl Into<String>) -> Self {
        self.record = Some(id.into());
        self
    }

    /// Names the record, if known.
    pub fn maybe_record(mut self, id: Option<&str>) -> Self {
        self.record = id.map(str::to_owned);
        self
    }

    /// Adds a hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place involved.
    pub fn related(mut self, site: Site, message: impl Into<String>) -> Self {
        self.related.push(Related {
            site,
            message: message.into(),
        });
        self
    }
}

/// Counts of a run, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Files read (or tried).
    pub files: usize,
    /// Records that parsed and had a kind.
    pub records: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}
