//! Rendering with tera: the default templates embedded in the binary, a
//! records repository's own `templates/` folder overriding any of them by
//! name, and `--template FILE` for a user's own.
//!
//! Every value is escaped in both formats: HTML-escaped in HTML, and in
//! markdown escaped so that it stays text (no tags, no table breaks, no
//! emphasis). A template error becomes a diagnostic naming the template's
//! file and line.

use super::Format;
use super::error::{ReportError, TemplateError};
use super::escape;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, ErrorKind, Tera};

/// The default templates, by name.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "base.html.tera",
        include_str!("../../templates/base.html.tera"),
    ),
    (
        "_style.html.tera",
        include_str!("../../templates/_style.html.tera"),
    ),
    (
        "_components.html.tera",
        include_str!("../../templates/_components.html.tera"),
    ),
    (
        "_findings.html.tera",
        include_str!("../../templates/_findings.html.tera"),
    ),
    (
        "_checklist.html.tera",
        include_str!("../../templates/_checklist.html.tera"),
    ),
    (
        "_person.html.tera",
        include_str!("../../templates/_person.html.tera"),
    ),
    (
        "index.html.tera",
        include_str!("../../templates/index.html.tera"),
    ),
    (
        "provider.html.tera",
        include_str!("../../templates/provider.html.tera"),
    ),
    (
        "rota.html.tera",
        include_str!("../../templates/rota.html.tera"),
    ),
    (
        "service-user.html.tera",
        include_str!("../../templates/service-user.html.tera"),
    ),
    (
        "compliance.html.tera",
        include_str!("../../templates/compliance.html.tera"),
    ),
    (
        "training.html.tera",
        include_str!("../../templates/training.html.tera"),
    ),
    (
        "inspection.html.tera",
        include_str!("../../templates/inspection.html.tera"),
    ),
    (
        "audit.html.tera",
        include_str!("../../templates/audit.html.tera"),
    ),
    (
        "mar.html.tera",
        include_str!("../../templates/mar.html.tera"),
    ),
    (
        "governance.html.tera",
        include_str!("../../templates/governance.html.tera"),
    ),
    (
        "_header.md.tera",
        include_str!("../../templates/_header.md.tera"),
    ),
    (
        "_components.md.tera",
        include_str!("../../templates/_components.md.tera"),
    ),
    (
        "_findings.md.tera",
        include_str!("../../templates/_findings.md.tera"),
    ),
    (
        "_checklist.md.tera",
        include_str!("../../templates/_checklist.md.tera"),
    ),
    (
        "_person.md.tera",
        include_str!("../../templates/_person.md.tera"),
    ),
    (
        "index.md.tera",
        include_str!("../../templates/index.md.tera"),
    ),
    ("rota.md.tera", include_str!("../../templates/rota.md.tera")),
    (
        "service-user.md.tera",
        include_str!("../../templates/service-user.md.tera"),
    ),
    (
        "compliance.md.tera",
        include_str!("../../templates/compliance.md.tera"),
    ),
    (
        "training.md.tera",
        include_str!("../../templates/training.md.tera"),
    ),
    (
        "inspection.md.tera",
        include_str!("../../templates/inspection.md.tera"),
    ),
    (
        "audit.md.tera",
        include_str!("../../templates/audit.md.tera"),
    ),
    ("mar.md.tera", include_str!("../../templates/mar.md.tera")),
    (
        "governance.md.tera",
        include_str!("../../templates/governance.md.tera"),
    ),
];

/// Where a template came from, for diagnostics.
#[derive(Debug, Clone)]
struct Origin {
    /// The file it was read from (none for a built-in template).
    path: Option<PathBuf>,
    /// The file as the user would find it, or `built-in NAME`.
    shown: String,
    /// Its text.
    source: String,
}

/// The templates of one format, ready to render.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, Origin>,
    /// The name of the `--template` file, when one was given.
    user: Option<String>,
}

impl Templates {
    /// Loads the templates of `format`: the defaults, then the files of
    /// `overrides` (a repository's `templates/` folder) with the same
    /// suffix, then `user` (the `--template` file).
    pub fn load(
        format: Format,
        overrides: Option<&Path>,
        user: Option<&Path>,
    ) -> Result<Templates, ReportError> {
        let suffix = format!(".{}.tera", format.ext());
        let mut origins: HashMap<String, Origin> = BUILT_IN
            .iter()
            .filter(|(name, _)| name.ends_with(&suffix))
            .map(|(name, text)| {
                let origin = Origin {
                    path: None,
                    shown: format!("built-in template {name}"),
                    source: (*text).to_owned(),
                };
                ((*name).to_owned(), origin)
            })
            .collect();
        // Files are read from below the repository (the folder that holds
        // `templates/`) without following a link.
        let root = overrides.and_then(Path::parent);
        if let Some(dir) = overrides.filter(|d| std::fs::symlink_metadata(d).is_ok()) {
            let root = root.unwrap_or(dir);
            crate::fsutil::check_no_links(root, dir)?;
            if dir.is_dir() {
                for (name, path) in template_files(dir, &suffix)? {
                    origins.insert(name, read_origin(root, &path)?);
                }
            }
        }
        let user_name = match user {
            Some(path) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "template".to_owned());
                let base = root.or_else(|| path.parent()).unwrap_or(Path::new("."));
                origins.insert(name.clone(), read_origin(base, path)?);
                Some(name)
            }
            None => None,
        };
        let mut tera = Tera::default();
        // Escape every template's values, whatever its file is called.
        tera.autoescape_on(vec![""]);
        tera.set_escape_fn(match format {
            Format::Html => tera::escape_html,
            Format::Md => escape::escape_markdown,
        });
        match format {
            Format::Html => tera.register_filter("code_spans", escape::code_spans_html),
            Format::Md => tera.register_filter("code_spans", escape::code_spans_md),
        }
        let mut sorted: Vec<(&String, &Origin)> = origins.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        tera.add_raw_templates(sorted.iter().map(|(n, o)| (n.as_str(), o.source.as_str())))
            .map_err(|e| template_error(&e, &origins, user_name.as_deref()))?;
        Ok(Templates {
            tera,
            origins,
            user: user_name,
        })
    }

    /// The template a report of `stem` (`rota`, `index`) renders with:
    /// the `--template` file when given, else `stem.<ext>.tera`.
    pub fn entry(&self, stem: &str, format: Format) -> String {
        self.user
            .clone()
            .unwrap_or_else(|| format!("{stem}.{}.tera", format.ext()))
    }

    /// The files of the templates in use (the repository's overrides and
    /// the `--template` file), which a report must never be written over.
    pub fn files(&self) -> Vec<&Path> {
        self.origins
            .values()
            .filter_map(|o| o.path.as_deref())
            .collect()
    }

    /// Renders the template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, ReportError> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, &self.origins, Some(name)))
    }
}

/// The template files of a folder with the suffix, by name.
fn template_files(dir: &Path, suffix: &str) -> Result<Vec<(String, PathBuf)>, ReportError> {
    let read = std::fs::read_dir(dir).map_err(|e| ReportError::io(dir, e))?;
    let mut out = Vec::new();
    for entry in read.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(suffix) && !name.starts_with('.') {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

fn read_origin(root: &Path, path: &Path) -> Result<Origin, ReportError> {
    let source = crate::fsutil::read_text_bounded(root, path, crate::fsutil::MAX_AUX_BYTES)?;
    Ok(Origin {
        path: Some(path.to_path_buf()),
        shown: path.display().to_string(),
        source,
    })
}

/// Turns a tera error into a diagnostic that names the template's file
/// and line.
fn template_error(
    e: &tera::Error,
    origins: &HashMap<String, Origin>,
    entry: Option<&str>,
) -> ReportError {
    let (name, line, column, message) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
            r.filename().to_owned(),
            r.span().start_line,
            r.span().start_col + 1,
            r.message().to_owned(),
        ),
        ErrorKind::Msg(text) => parse_report(text)
            .unwrap_or_else(|| (entry.unwrap_or_default().to_owned(), 0, 0, text.clone())),
        other => (
            entry.unwrap_or_default().to_owned(),
            0,
            0,
            other.to_string(),
        ),
    };
    let origin = origins.get(&name);
    let shown = origin.map_or_else(|| name.clone(), |o| o.shown.clone());
    let source = origin.map(|o| o.source.clone()).unwrap_or_default();
    ReportError::Template(Box::new(TemplateError::new(
        shown, source, line, column, message,
    )))
}

/// Reads `error: MESSAGE` and `--> NAME:LINE:COL` out of tera's text
/// report (validation errors come as text).
fn parse_report(text: &str) -> Option<(String, usize, usize, String)> {
    let message = text
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or(text)
        .to_owned();
    let locus = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = locus.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.to_owned();
    Some((name, line, column, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `templates/` is embedded (under its own name, with its
    /// own text), and every embedded name is a file there.
    #[test]
    fn built_in_templates_are_the_templates_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("templates/ is in the repository")
            .map(|e| {
                let path = e.expect("readable entry").path();
                let name = path
                    .file_name()
                    .expect("a file name")
                    .to_string_lossy()
                    .into_owned();
                let text = std::fs::read_to_string(&path).expect("a text file");
                (name, text)
            })
            .collect();
        files.sort();
        assert!(files.len() > 10, "templates/ is nearly empty: {files:?}");
        let mut embedded: Vec<(String, String)> = BUILT_IN
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
        embedded.push((
            crate::report::map::FILE.to_owned(),
            crate::report::map::DEFAULT.to_owned(),
        ));
        embedded.sort();
        let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&embedded), names(&files), "embedded vs templates/");
        for ((name, embedded), (_, file)) in embedded.iter().zip(&files) {
            assert!(
                embedded == file,
                "{name} is embedded with another file's text"
            );
        }
    }

    #[test]
    fn every_default_template_loads() {
        for format in [Format::Html, Format::Md] {
            assert!(Templates::load(format, None, None).is_ok(), "{format:?}");
        }
    }

    #[test]
    fn error_report_is_read() {
        let text = "error: Unknown filter `upcase`\n --> rota.html.tera:12:9\n  |";
        let parsed = parse_report(text).unwrap();
        assert_eq!(
            parsed,
            (
                "rota.html.tera".into(),
                12,
                9,
                "Unknown filter `upcase`".into()
            )
        );
    }
}
