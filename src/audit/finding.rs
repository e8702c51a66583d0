//! An audit finding: like `check`'s findings, data with a code, a severity
//! and a place, plus the commit it is about. The place is the file as it
//! was at that commit.

use super::commit_id::CommitId;
use super::history::CommitMeta;
use crate::diag::Code;
use crate::diag::Severity;

/// One problem found in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFinding {
    /// The code.
    pub code: Code,
    /// Error or warning, after `policy.rules`.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The record it is about, when there is one.
    pub record: Option<String>,
    /// The full id of the commit it is about, when there is one.
    pub commit: Option<CommitId>,
    /// The file (relative to the records root) at that commit.
    pub file: Option<String>,
    /// The line of the value it is about, in the file at that commit.
    pub line: Option<u32>,
    /// How to put it right.
    pub help: Option<String>,
    /// The message without the values of any field, for a report that
    /// leaves the agency (`--redact`); `None` when the message holds none.
    pub redacted: Option<String>,
}

impl AuditFinding {
    /// A finding of `code` with the code's default severity.
    pub fn new(code: Code, message: impl Into<String>) -> AuditFinding {
        AuditFinding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            record: None,
            commit: None,
            file: None,
            line: None,
            help: None,
            redacted: None,
        }
    }

    /// Gives the message without values, for redacted reports.
    pub fn redacted(mut self, message: impl Into<String>) -> Self {
        self.redacted = Some(message.into());
        self
    }

    /// Names the record.
    pub fn record(mut self, record: &str) -> Self {
        self.record = Some(record.to_owned());
        self
    }

    /// Names the commit.
    pub fn commit(mut self, commit: &CommitMeta) -> Self {
        self.commit = Some(commit.id.clone());
        self
    }

    /// Names the file and, when known, the line.
    pub fn at(mut self, file: &str, line: Option<u32>) -> Self {
        self.file = Some(file.to_owned());
        self.line = line;
        self
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
