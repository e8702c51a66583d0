//! Finding a records repository and the record files in it.
//!
//! The root is the folder holding `agency.yaml`, found upward from where the
//! command runs, the way git finds `.git`. Below it every `*.yaml`/`*.yml`
//! file is a record, except hidden files and folders, `out/`, `templates/`
//! and the agency's `exclude:` globs. Symbolic links are never followed, so
//! a link loop cannot hang the walk; a link named like a record, or one to
//! a folder, is listed as unreadable (a finding), never skipped quietly.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// The agency file at the root of every records repository.
pub const AGENCY_FILE: &str = "agency.yaml";

/// Searches `start` and its parents for a folder with an `agency.yaml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(AGENCY_FILE).is_file())
        .map(Path::to_path_buf)
}

/// What the walk found: record files, and folders or entries it could not read.
#[derive(Debug, Default)]
pub struct Walk {
    /// Record files, relative to the root, sorted.
    pub files: Vec<PathBuf>,
    /// Paths (relative) that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Builds the matcher of `exclude:` globs; a bad glob is returned as text.
pub fn exclude_set(globs: &[String]) -> (GlobSet, Vec<(String, String)>) {
    let mut builder = GlobSetBuilder::new();
    let mut bad = Vec::new();
    for g in globs {
        match Glob::new(g) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => bad.push((g.clone(), e.kind().to_string())),
        }
    }
    (builder.build().unwrap_or_else(|_| GlobSet::empty()), bad)
}

/// Lists the record files below `root`.
pub fn walk(root: &Path, exclude: &GlobSet) -> Walk {
    let mut out = Walk::default();
    let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let iter = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            let rel = relative(e.path());
            let top_level_skip =
                e.depth() == 1 && e.file_type().is_dir() && (name == "out" || name == "templates");
            !name.starts_with('.') && !top_level_skip && !exclude.is_match(&rel)
        });
    for entry in iter {
        match entry {
            Ok(e) => {
                let is_yaml = e.path().extension().is_some_and(|x| {
                    x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml")
                });
                let kind = e.file_type();
                if kind.is_symlink() {
                    // Stat the target only to say what it is; never read it.
                    let to_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
                    let top_output =
                        e.depth() == 1 && (e.file_name() == "out" || e.file_name() == "templates");
                    if is_yaml || (to_dir && !top_output) {
                        let what = if to_dir { "folder" } else { "file" };
                        out.unreadable.push((
                            relative(e.path()),
                            format!(
                                "a symbolic link to a {what}: carebook does not follow links in a records repository"
                            ),
                        ));
                    }
                } else if is_yaml && kind.is_file() {
                    out.files.push(relative(e.path()));
                } else if is_yaml && !kind.is_dir() {
                    // A pipe, socket or device: opening it could block forever.
                    out.unreadable.push((
                        relative(e.path()),
                        "not a regular file (a pipe, socket or device)".into(),
                    ));
                }
            }
            Err(err) => {
                let path = err.path().map(relative).unwrap_or_default();
                let reason = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                out.unreadable.push((path, reason));
            }
        }
    }
    out
}

/// A path as shown in findings: relative, with `/` separators.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
