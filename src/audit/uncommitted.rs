//! What the history cannot show yet, or any more: record files that differ
//! from HEAD (`audit/uncommitted`), and a shallow clone whose early
//! history is missing (`audit/shallow-history`).

use super::AuditError;
use super::diff::diff;
use super::finding::AuditFinding;
use super::history::{BlobContent, CommitMeta, Filter, History, WorkStatus};
use super::version::Version;
use crate::diag::Code;
use crate::load::parse::{self, MAX_FILE_BYTES};
use std::path::Path;

const COMMIT_HELP: &str = "commit it (`git add` then `git commit`), so that the change enters the audit trail with its author and date";

fn working(root: &Path, path: &str) -> Option<Version> {
    parse::read_file(&root.join(path))
        .ok()
        .map(Version::from_bytes)
}

fn at_head(history: &History, path: &str) -> Option<Version> {
    match history
        .blob(history.head_blob(path)?, MAX_FILE_BYTES)
        .ok()?
    {
        BlobContent::Bytes(bytes) => Some(Version::from_bytes(bytes)),
        BlobContent::TooLarge(size) => Some(Version::too_large(size)),
    }
}

/// One finding per record file that differs from HEAD.
pub fn findings(
    history: &History,
    root: &Path,
    is_record: &Filter<'_>,
) -> Result<Vec<AuditFinding>, AuditError> {
    let mut out = Vec::new();
    for (path, status) in history.uncommitted(is_record)? {
        let now = working(root, &path);
        let head = at_head(history, &path);
        let name = now
            .as_ref()
            .or(head.as_ref())
            .map_or_else(|| path.clone(), |v| v.name(&path));
        let found = match status {
            WorkStatus::New => Changed::plain("a new record file, not yet committed"),
            WorkStatus::Deleted => Changed::plain("deleted, but the deletion is not committed"),
            WorkStatus::Changed => changed(head.as_ref(), now.as_ref()),
        };
        let mut finding = AuditFinding::new(Code::AuditUncommitted, found.message)
            .record(&name)
            .at(&path, found.line)
            .help(COMMIT_HELP);
        if let Some(fields_only) = found.fields_only {
            finding = finding.redacted(fields_only);
        }
        out.push(finding);
    }
    Ok(out)
}

/// What changed in a record file since HEAD.
struct Changed {
    /// In a few words, with the values before and after.
    message: String,
    /// The same naming only the fields, when the message shows values.
    fields_only: Option<String>,
    /// The line of the first change.
    line: Option<u32>,
}

impl Changed {
    fn plain(message: &str) -> Changed {
        Changed {
            message: message.to_owned(),
            fields_only: None,
            line: None,
        }
    }
}

/// What changed since HEAD, in a few words, and the line of the first change.
fn changed(head: Option<&Version>, now: Option<&Version>) -> Changed {
    let (Some(before), Some(after)) = (head.and_then(Version::tree), now.and_then(Version::tree))
    else {
        return Changed::plain("changed since the last commit");
    };
    let fields = diff(before, after);
    let Some(first) = fields.first() else {
        return Changed::plain("changed since the last commit (comments or layout only)");
    };
    let shown: Vec<String> = fields
        .iter()
        .take(3)
        .map(|f| {
            format!(
                "{}: {} → {}",
                f.field(),
                f.before.as_deref().unwrap_or("(none)"),
                f.after.as_deref().unwrap_or("(none)")
            )
        })
        .collect();
    let more = match fields.len() {
        n if n > 3 => format!(", and {} more", n - 3),
        _ => String::new(),
    };
    let names: Vec<String> = fields.iter().take(3).map(|f| f.field()).collect();
    Changed {
        message: format!("changed since the last commit: {}{more}", shown.join("; ")),
        fields_only: Some(format!(
            "changed since the last commit: {}{more}",
            names.join(", ")
        )),
        line: first.line,
    }
}

/// The finding for a shallow clone, naming its oldest commit.
pub fn shallow(oldest: Option<&CommitMeta>) -> AuditFinding {
    let since = oldest
        .map(|c| {
            format!(
                ": it starts at commit {} of {}",
                c.short(),
                c.time.format("%Y-%m-%d")
            )
        })
        .unwrap_or_default();
    let f = AuditFinding::new(
        Code::AuditShallowHistory,
        format!("the repository is a shallow clone, so the history is incomplete{since}"),
    )
    .help("fetch the full history with `git fetch --unshallow` (in GitHub Actions, `actions/checkout` with `fetch-depth: 0`), then audit again");
    match oldest {
        Some(c) => f.commit(c),
        None => f,
    }
}
