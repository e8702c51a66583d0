//! Checking a loaded repository: every rule of the format page's findings
//! table, each family in its own module under `rules/`. Findings are data;
//! `output` renders them.

pub mod code;
pub mod context;
pub mod finding;
pub mod output;
pub mod rules;
pub mod unchecked;

pub use code::Code;
pub use finding::{Finding, Related, Severity, Site, Summary};

use crate::load::Repo;
use crate::model::agency::RuleLevel;
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
    let mut findings = repo.findings.clone();
    let cx = context::Context::new(repo, today);
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

fn apply_policy(
    findings: &mut Vec<Finding>,
    rules: &std::collections::BTreeMap<String, RuleLevel>,
) {
    findings.retain_mut(|f| match rules.get(f.code.as_str()) {
        Some(RuleLevel::Off) => false,
        Some(RuleLevel::Error) => {
            f.severity = Severity::Error;
            true
        }
        Some(RuleLevel::Warning) => {
            f.severity = Severity::Warning;
            true
        }
        None => true,
    });
}
