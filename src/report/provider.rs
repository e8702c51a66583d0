//! A provider with several branches, each a records repository of its
//! own: `provider.yaml` names them (local paths only), each branch is
//! checked and built in parallel into a folder of its own, and a roll-up
//! page links them with their status.

use super::build::build;
use super::context::{Mark, Page};
use super::render::Templates;
use super::{Format, Options, ReportError, Session};
use crate::fsutil::write_atomic;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `provider.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderFile {
    /// The provider's name.
    pub name: String,
    /// Its branches.
    pub branches: Vec<BranchEntry>,
}

/// A branch in `provider.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchEntry {
    /// The branch's name, shown on the roll-up.
    pub name: String,
    /// Its records repository: a local folder, relative to `provider.yaml`.
    pub path: PathBuf,
}

/// A branch on the roll-up page.
#[derive(Debug, Clone, Serialize)]
pub struct Branch {
    /// Its name.
    pub name: String,
    /// Red, amber or green; grey when it could not be built.
    pub status: Mark,
    /// Errors of `check`.
    pub errors: usize,
    /// Warnings of `check`.
    pub warnings: usize,
    /// The most frequent error codes (warning codes when there is no
    /// error), most frequent first: `training/expired ×4`.
    pub worst: Vec<String>,
    /// Active carers, and those with every mandatory course in date (no
    /// `training/*` error).
    pub training: Figures,
    /// The week's rota: visits planned, and visits left without a carer.
    pub delivery: Figures,
    /// The link to its index, when built.
    pub href: Option<String>,
    /// Why it could not be built.
    pub problem: Option<String>,
}

/// Two counts shown as `part of whole`.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Figures {
    /// The part (carers in date, visits unassigned).
    pub part: usize,
    /// The whole (active carers, visits planned).
    pub whole: usize,
}

/// The roll-up page's view.
#[derive(Debug, Clone, Serialize)]
pub struct Provider {
    /// The worst status of the branches.
    pub status: Mark,
    /// Errors in all.
    pub errors: usize,
    /// Warnings in all.
    pub warnings: usize,
    /// The branches, in the file's order.
    pub branches: Vec<Branch>,
}

/// Why a provider could not be built at all.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ProviderError {
    /// `provider.yaml` could not be read or parsed.
    #[error("cannot read {}: {reason}", .file.display())]
    #[diagnostic(
        code(carebook::provider),
        help(
            "provider.yaml holds `name:` and `branches:`, a list of `{{name, path}}` with local paths"
        )
    )]
    File {
        /// The file.
        file: PathBuf,
        /// Why.
        reason: String,
    },
    /// A branch's path is not a local folder.
    #[error("branch `{name}`: `{path}` is not a local folder")]
    #[diagnostic(
        code(carebook::provider),
        help(
            "give each branch's path as a folder on this computer (clone remote repositories first)"
        )
    )]
    NotLocal {
        /// The branch.
        name: String,
        /// Its path as written.
        path: String,
    },
    /// The roll-up could not be rendered or written.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Report(#[from] ReportError),
}

/// Reads `provider.yaml` in `dir`, refusing anything but local folders.
pub fn read(dir: &Path) -> Result<ProviderFile, ProviderError> {
    let file = dir.join("provider.yaml");
    let fail = |reason: String| ProviderError::File {
        file: file.clone(),
        reason,
    };
    let text = std::fs::read_to_string(&file).map_err(|e| fail(e.to_string()))?;
    let parsed: ProviderFile = serde_saphyr::from_str(&text).map_err(|e| fail(e.to_string()))?;
    for b in &parsed.branches {
        let shown = b.path.to_string_lossy();
        if shown.contains("://") || shown.contains('@') || !dir.join(&b.path).is_dir() {
            return Err(ProviderError::NotLocal {
                name: b.name.clone(),
                path: shown.into_owned(),
            });
        }
    }
    Ok(parsed)
}

/// A folder name for a branch: lower-case letters, digits and dashes.
pub fn slug(name: &str, n: usize) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_owned();
    format!("{:02}-{}", n + 1, if s.is_empty() { "branch" } else { &s })
}

/// Checks and builds every branch of the provider in `dir` into `out`
/// (one folder each), then writes the roll-up `out/index.html`. Returns
/// the roll-up's path and view.
pub fn build_provider(
    dir: &Path,
    out: &Path,
    options: &Options,
) -> Result<(PathBuf, Provider), ProviderError> {
    let file = read(dir)?;
    let branches: Vec<Branch> = file
        .branches
        .par_iter()
        .enumerate()
        .map(|(n, b)| build_branch(&dir.join(&b.path), &b.name, &slug(&b.name, n), out, options))
        .collect();
    let errors = branches.iter().map(|b| b.errors).sum();
    let warnings = branches.iter().map(|b| b.warnings).sum();
    let failed = branches.iter().any(|b| b.problem.is_some());
    let status = if failed {
        Mark::bad("A branch could not be built")
    } else {
        Mark::rag(errors, warnings)
    };
    let view = Provider {
        status,
        errors,
        warnings,
        branches,
    };
    let page = Page {
        kind: "provider",
        title: format!("{}: all branches", file.name),
        doc_title: "All branches".to_owned(),
        subtitle: "Each branch's records check, with a link to its reports".to_owned(),
        agency: file.name.clone(),
        provider_id: None,
        location_id: None,
        today: options.today.to_string(),
        today_text: super::text::date_long(options.today),
        generator: format!("carebook {}", env!("CARGO_PKG_VERSION")),
        redacted: options.redact,
        format: "html",
        index: None,
    };
    let templates = Templates::load(Format::Html, Some(&dir.join("templates")), None)?;
    let mut context = tera::Context::new();
    context.insert("page", &page);
    context.insert("provider", &view);
    let html = templates.render("provider.html.tera", &context)?;
    let index = out.join("index.html");
    write_atomic(&index, html.as_bytes()).map_err(|e| ReportError::write(&index, e))?;
    Ok((index, view))
}

fn build_branch(repo: &Path, name: &str, slug: &str, out: &Path, options: &Options) -> Branch {
    let failed = |problem: String| Branch {
        name: name.to_owned(),
        status: Mark::none("Not built"),
        errors: 0,
        warnings: 0,
        worst: Vec::new(),
        training: Figures::default(),
        delivery: Figures::default(),
        href: None,
        problem: Some(problem),
    };
    let repo = match crate::load::Repo::open(repo, false) {
        Ok(r) => r,
        Err(e) => return failed(e.to_string()),
    };
    let index = crate::index::Index::new(&repo);
    let checked = crate::check::run_on(&index, options.today);
    let week = options
        .week
        .unwrap_or_else(|| crate::model::values::Week::of(options.today));
    let (worst, training, delivery) = (
        worst(&checked),
        training(&index, &checked),
        delivery(&index, week),
    );
    let built = Session::with_index(&index, &checked, options)
        .and_then(|mut s| build(&mut s, &out.join(slug)));
    match built {
        Ok(b) => Branch {
            name: name.to_owned(),
            status: b.status,
            errors: b.errors,
            warnings: b.warnings,
            worst,
            training,
            delivery,
            href: Some(format!("{slug}/index.{}", options.format.ext())),
            problem: None,
        },
        Err(e) => failed(e.to_string()),
    }
}

/// The three most frequent error codes (or warning codes, when there is no
/// error), each with its count.
fn worst(checked: &crate::check::Report) -> Vec<String> {
    use crate::diag::Severity;
    let severity = if checked.summary.errors > 0 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in checked.findings.iter().filter(|f| f.severity == severity) {
        *counts.entry(f.code.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .into_iter()
        .take(3)
        .map(|(code, n)| format!("{code} ×{n}"))
        .collect()
}

/// Carers on the books (not leavers), and those with no `training/*` error.
fn training(index: &crate::index::Index, checked: &crate::check::Report) -> Figures {
    use crate::model::carer::CarerStatus;
    let lapsed: std::collections::HashSet<&str> = checked
        .findings
        .iter()
        .filter(|f| {
            f.severity == crate::diag::Severity::Error && f.code.as_str().starts_with("training/")
        })
        .filter_map(|f| f.record.as_deref())
        .collect();
    let active: Vec<&str> = index
        .carers
        .iter()
        .filter(|c| c.record.status != CarerStatus::Leaver)
        .map(|c| c.record.id.as_str())
        .collect();
    Figures {
        part: active.iter().filter(|id| !lapsed.contains(*id)).count(),
        whole: active.len(),
    }
}

/// The week's rota: visits unassigned of all the visits it lists.
fn delivery(index: &crate::index::Index, week: crate::model::values::Week) -> Figures {
    index
        .rota_of_week(week)
        .map_or_else(Figures::default, |r| Figures {
            part: r.rota.unassigned.len(),
            whole: r.rota.visits.len() + r.rota.unassigned.len(),
        })
}
