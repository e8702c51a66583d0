//! `carebook audit`: the records' git history as the change and consent
//! audit log an inspector reads.
//!
//! The pipeline: [`history`] walks the commits reachable from HEAD, oldest
//! first, and lists the record files each one changed (the only module
//! that speaks git); the [`pipeline`] reads each changed blob once into a
//! [`version`] (in parallel, cached by blob id in [`store`]) while
//! [`walker`] follows each record by its id and turns each commit into
//! semantic [`diff`]s, field by field (list items matched by their natural
//! [`keys`]); [`dated`] and [`consent`] judge
//! what changed; [`uncommitted`] compares the working tree with HEAD.
//! [`output`] renders the result as text, JSON or markdown. The library
//! never prints.

pub mod commit_id;
pub mod consent;
pub mod dated;
pub mod diff;
pub mod finding;
pub mod history;
pub mod keys;
pub mod output;
pub mod personal;
pub mod pipeline;
pub mod store;
pub mod uncommitted;
pub mod version;
pub mod walker;

pub use commit_id::CommitId;
pub use consent::{Timeline, TimelineEvent};
pub use finding::AuditFinding;
pub use history::CommitMeta;

use crate::diag::{self, Severity};
use crate::load::walk::{AGENCY_FILE, exclude_set};
use crate::model::{Agency, Kind, Policy};
use chrono::{DateTime, NaiveDate, Utc};
use globset::GlobSet;
use std::path::{Path, PathBuf};

/// Why the audit could not run at all (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum AuditError {
    /// The records folder is not inside a git repository.
    #[error("{0} is not in a git repository, so it has no history to audit")]
    #[diagnostic(
        code(carebook::not_git),
        help(
            "carebook audit reads the history git keeps: run `git init`, then `git add -A` and `git commit`, in the records folder (or a folder above it)"
        )
    )]
    NotGit(PathBuf),
    /// A bare repository has no working tree to hold the records folder.
    #[error("{0} is in a bare git repository, which has no working tree")]
    #[diagnostic(
        code(carebook::bare_repository),
        help("run carebook audit in a clone with a working tree")
    )]
    Bare(PathBuf),
    /// The records folder is not inside the repository's working tree.
    #[error("{0} is not inside the working tree of its git repository ({1})")]
    #[diagnostic(code(carebook::outside_work_tree))]
    OutsideWorkTree(PathBuf, PathBuf),
    /// git could not read its own history.
    #[error("cannot read the git history")]
    #[diagnostic(
        code(carebook::git),
        help(
            "check the repository with `git fsck`; a clone of it may read where this copy does not"
        )
    )]
    Git(#[from] history::GitError),
    /// `--record` names a record the history never held.
    #[error("no record with id {id} in the history")]
    #[diagnostic(code(carebook::audit::unknown_record), help("{help}"))]
    UnknownRecord {
        /// The id asked for.
        id: String,
        /// A near id, or how to list them.
        help: String,
    },
}

/// What to audit.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// List commits made on or after this day (UTC, by the committer date).
    pub since: Option<NaiveDate>,
    /// List commits made on or before this day.
    pub until: Option<NaiveDate>,
    /// Only this record's changes and findings (for a care plan's
    /// timeline, its service user's id also matches).
    pub record: Option<String>,
    /// Add each care plan's consent timeline.
    pub consent: bool,
}

impl Options {
    fn in_range(&self, time: DateTime<Utc>) -> bool {
        let day = time.date_naive();
        self.since.is_none_or(|s| day >= s) && self.until.is_none_or(|u| day <= u)
    }

    fn about(&self, record: Option<&str>) -> bool {
        self.record
            .as_deref()
            .is_none_or(|wanted| record == Some(wanted))
    }
}

/// What happened to a record in a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new record (or one re-created after it was removed).
    Added,
    /// The record's file was deleted.
    Removed,
    /// A field changed (or, with no field, only comments or layout).
    Modified,
    /// The record's file moved: `before` and `after` are the paths.
    Moved,
    /// This version of the file could not be read: `error` says why.
    Unreadable,
}

impl ChangeKind {
    /// The word used in JSON: `added`, `removed`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
            ChangeKind::Moved => "moved",
            ChangeKind::Unreadable => "unreadable",
        }
    }
}

/// One change to one record in one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The record's id (`agency` for agency.yaml; the path when it has none).
    pub record: String,
    /// Its kind, when known.
    pub kind: Option<Kind>,
    /// The file at this commit, relative to the records root.
    pub file: String,
    /// What happened.
    pub change: ChangeKind,
    /// The field, for a field's change: `visits[morning].duration`.
    pub field: Option<String>,
    /// The value (or path, for a move) before.
    pub before: Option<String>,
    /// The value (or path) after.
    pub after: Option<String>,
    /// Why the file could not be read.
    pub error: Option<String>,
}

/// A commit that changed records, and its changes.
#[derive(Debug, Clone)]
pub struct CommitLog {
    /// Who, when and why.
    pub commit: CommitMeta,
    /// What changed, record by record in path order.
    pub changes: Vec<Change>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Commits listed.
    pub commits: usize,
    /// Changes listed.
    pub changes: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

/// The audit of a records repository.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Commits that changed records, oldest first.
    pub commits: Vec<CommitLog>,
    /// Findings: the history's completeness first, then in commit order,
    /// then the working tree's.
    pub findings: Vec<AuditFinding>,
    /// Each care plan's consent timeline, when asked for.
    pub consent: Option<Vec<Timeline>>,
    /// Counts.
    pub summary: Summary,
    /// The personal values of every version of every record read, for
    /// redaction: names of people deleted from the records included.
    pub personal: personal::Personal,
}

impl Audit {
    /// Whether the run should fail (exit status 1): errors found.
    pub fn fails(&self) -> bool {
        self.summary.errors > 0
    }
}

/// The agency's policy and `exclude:` globs, from the working tree's
/// agency.yaml (the defaults when it cannot be read: `check` says why).
fn agency(root: &Path) -> (Policy, Vec<String>) {
    let read = || -> Option<Agency> {
        let path = root.join(AGENCY_FILE);
        let limit = crate::load::parse::MAX_FILE_BYTES;
        let text = crate::fsutil::read_text_bounded(root, &path, limit).ok()?;
        let tree = crate::load::parse::parse(&text).ok()?;
        let mut json = tree.value.to_json();
        json.as_object_mut()?.remove("kind");
        serde_json::from_value(json).ok()
    };
    match read() {
        Some(a) => (a.policy, a.exclude),
        None => (Policy::default(), Vec::new()),
    }
}

/// Whether a path (relative to the records root) is a record file, by the
/// same rules as the loader's walk: `*.yaml` or `*.yml`, not hidden, not
/// under the top-level `out/` or `templates/`, not excluded.
pub fn is_record_path(path: &str, exclude: &GlobSet) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
    let hidden = parts.iter().any(|p| p.starts_with('.'));
    let skipped = parts.len() > 1 && matches!(parts[0], "out" | "templates");
    let excluded = (1..=parts.len()).any(|n| exclude.is_match(parts[..n].join("/")));
    yaml && !hidden && !skipped && !excluded
}

/// Audits the records repository at `root`: its history, its findings and
/// (with `options.consent`) each care plan's consent timeline.
pub fn run(root: &Path, options: &Options) -> Result<Audit, AuditError> {
    let (policy, exclude) = agency(root);
    let (exclude, _) = exclude_set(&exclude);
    let is_record = |p: &str| is_record_path(p, &exclude);
    let history = history::History::open(root)?;
    let mut walked = walker::Walker::new(&policy).run(&history, &is_record)?;

    let mut findings = Vec::new();
    if history.is_shallow() {
        findings.push(uncommitted::shallow(walked.oldest.as_ref()));
    }
    walked.findings.sort_by_key(|(index, _)| *index);
    for (index, finding) in walked.findings {
        let time = walked.times.get(index).copied().unwrap_or_default();
        if options.in_range(time) && options.about(finding.record.as_deref()) {
            findings.push(finding);
        }
    }
    for finding in uncommitted::findings(&history, root, &is_record)? {
        if options.about(finding.record.as_deref()) {
            findings.push(finding);
        }
    }
    findings.retain_mut(|f| match diag::resolve(f.code, &policy.rules) {
        Some(severity) => {
            f.severity = severity;
            true
        }
        None => false,
    });

    if let Some(id) = options.record.as_deref() {
        known_record(id, &walked.logs, &walked.timelines, &findings)?;
    }
    let commits: Vec<CommitLog> = walked
        .logs
        .into_iter()
        .filter(|log| options.in_range(log.commit.time))
        .filter_map(|mut log| {
            log.changes.retain(|c| options.about(Some(&c.record)));
            (!log.changes.is_empty()).then_some(log)
        })
        .collect();
    let consent = options.consent.then(|| {
        walked
            .timelines
            .into_iter()
            .filter(|t| options.about(Some(&t.plan)) || options.about(t.service_user.as_deref()))
            .map(|mut t| {
                t.events.retain(|e| options.in_range(e.date));
                t
            })
            .collect()
    });
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let summary = Summary {
        commits: commits.len(),
        changes: commits.iter().map(|c| c.changes.len()).sum(),
        errors,
        warnings: findings.len() - errors,
    };
    Ok(Audit {
        commits,
        findings,
        consent,
        summary,
        personal: walked.personal,
    })
}

/// Fails when `id` (from `--record`) is no record of the history: not
/// changed in any commit, no consent timeline's plan or person, and in no
/// finding. "No problems found" would read as a clean record.
fn known_record(
    id: &str,
    logs: &[CommitLog],
    timelines: &[Timeline],
    findings: &[AuditFinding],
) -> Result<(), AuditError> {
    let mut ids: Vec<&str> = logs
        .iter()
        .flat_map(|log| log.changes.iter().map(|c| c.record.as_str()))
        .chain(
            timelines
                .iter()
                .flat_map(|t| std::iter::once(t.plan.as_str()).chain(t.service_user.as_deref())),
        )
        .chain(findings.iter().filter_map(|f| f.record.as_deref()))
        .collect();
    if ids.contains(&id) {
        return Ok(());
    }
    ids.sort_unstable();
    ids.dedup();
    let help = match crate::diag::nearest(id, ids.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? Record ids are case-sensitive"),
        None => "give the `id:` of a record in the repository, e.g. --record SU-0001; leave --record out for every record".to_owned(),
    };
    Err(AuditError::UnknownRecord {
        id: id.to_owned(),
        help,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_paths_follow_the_loader() {
        let (exclude, _) = exclude_set(&["drafts/**".to_owned(), "old".to_owned()]);
        let yes = [
            "agency.yaml",
            "carers/C-1.yaml",
            "a/b/c.yml",
            "outside/x.yaml",
        ];
        let no = [
            "README.md",
            ".github/ci.yml",
            "carers/.hidden.yaml",
            "out/x.yaml",
            "templates/t.yaml",
            "drafts/CP-9.yaml",
            "old/CP-1.yaml",
        ];
        for p in yes {
            assert!(is_record_path(p, &exclude), "{p}");
        }
        for p in no {
            assert!(!is_record_path(p, &exclude), "{p}");
        }
    }
}
