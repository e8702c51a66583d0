//! Files the rules could not look into: a file whose YAML, kind or schema
//! is broken has no typed record, so the care-quality rules (consent,
//! training, reviews, rotas) do not run on it. The report names each such
//! file and why, so that a clean-looking run is not mistaken for a full
//! one: fixing the format errors may bring new findings.

use crate::diag::{Finding, Severity};
use crate::load::Repo;
use std::collections::BTreeSet;

/// A file not checked beyond its format, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotChecked {
    /// Path relative to the repository root.
    pub file: String,
    /// Why, e.g. `2 errors (schema/format, schema/type)`.
    pub why: String,
}

/// The files of `repo` with loading errors and no typed record, in path
/// order. `findings` are the run's findings (after `policy.rules`).
pub fn collect(repo: &Repo, findings: &[Finding]) -> Vec<NotChecked> {
    let typed: BTreeSet<usize> = repo
        .entries
        .iter()
        .filter(|e| e.record.is_some())
        .map(|e| e.file)
        .collect();
    let loading: BTreeSet<_> = repo.findings.iter().map(|f| f.code).collect();
    repo.files
        .iter()
        .enumerate()
        .filter(|(i, _)| !typed.contains(i))
        .filter_map(|(_, file)| {
            let errors: Vec<&Finding> = findings
                .iter()
                .filter(|f| {
                    f.site.file == file.path
                        && f.severity == Severity::Error
                        && loading.contains(&f.code)
                })
                .collect();
            if errors.is_empty() {
                return None;
            }
            let codes: BTreeSet<&str> = errors.iter().map(|f| f.code.as_str()).collect();
            let codes: Vec<&str> = codes.into_iter().collect();
            let defaults = if file.path == crate::load::walk::AGENCY_FILE {
                "; the default policy applies until it is fixed"
            } else {
                ""
            };
            Some(NotChecked {
                file: file.path.clone(),
                why: format!(
                    "{} ({}){defaults}",
                    crate::wording::plural(errors.len(), "error"),
                    codes.join(", ")
                ),
            })
        })
        .collect()
}

/// The lines the human report adds after its summary, or nothing.
pub fn lines(not_checked: &[NotChecked]) -> String {
    if not_checked.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "not checked further ({}): the care-quality rules did not run on them; \
         fixing their errors may bring new findings\n",
        crate::wording::plural(not_checked.len(), "file")
    );
    for n in not_checked {
        out.push_str(&format!(
            "  {}: {}\n",
            crate::terminal::escape(&n.file),
            crate::terminal::escape(&n.why)
        ));
    }
    out
}
