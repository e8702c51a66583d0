//! Checking a loaded repository: every rule of the format page's findings
//! table, each family in its own module under `rules/`. Findings are data;
//! `output` renders them.

pub mod context;
pub mod output;
pub mod rules;
pub mod unchecked;

use crate::diag::{self, Finding, Severity, Summary};
use crate::index::Index;
use crate::load::Repo;
use chrono::NaiveDate;

/// The result of checking a repository.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every finding, sorted by file, line, column and code.
    pub findings: Vec<Finding>,
    /// Counts for the summary line.
    pub summary: Summary,
    /// Files with format errors that the other rules could not look into.
    pub not_checked: Vec<unchecked::NotChecked>,
}

impl Report {
    /// Whether the run should fail: errors, or warnings under `deny_warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.summary.errors > 0 || (deny_warnings && self.summary.warnings > 0)
    }
}

/// Runs every rule on `repo`, judging dates against `today`.
pub fn run(repo: &Repo, today: NaiveDate) -> Report {
    run_on(&Index::new(repo), today)
}

/// Runs every rule on an indexed repository, judging dates against
/// `today` (for a caller that reads the same index afterwards).
pub fn run_on(index: &Index, today: NaiveDate) -> Report {
    let repo = index.repo;
    let mut findings = repo.findings.clone();
    let cx = context::Context::new(index, today);
    rules::run_all(&cx, &mut findings);
    apply_policy(&mut findings, &repo.agency.policy.rules);
    findings.sort_by(|a, b| {
        (
            &a.site.file,
            a.site.pos.line,
            a.site.pos.column,
            a.code,
            &a.message,
        )
            .cmp(&(
                &b.site.file,
                b.site.pos.line,
                b.site.pos.column,
                b.code,
                &b.message,
            ))
    });
    findings.dedup();
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let summary = Summary {
        files: repo.files.len(),
        records: repo.entries.len(),
        errors,
        warnings: findings.len() - errors,
    };
    let not_checked = unchecked::collect(repo, &findings);
    Report {
        findings,
        summary,
        not_checked,
    }
}

/// Sets each finding's severity from `policy.rules`, dropping those
/// turned off.
fn apply_policy(findings: &mut Vec<Finding>, rules: &diag::Rules) {
    findings.retain_mut(|f| match diag::resolve(f.code, rules) {
        Some(severity) => {
            f.severity = severity;
            true
        }
        None => false,
    });
}
