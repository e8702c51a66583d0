//! Why a report could not be made: a template error (with the template's
//! file and line, and the line itself), an unknown id or week, a broken
//! inspection mapping, or a file that could not be read or written.

use miette::{NamedSource, SourceSpan};
use std::path::{Path, PathBuf};

/// An error in a template, pointing at its file and line.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}\n  in {file}{}", at(*line, *column))]
#[diagnostic(
    code(carebook::template),
    help("fix the template (the context each report gets is listed in the README, under Reports)")
)]
pub struct TemplateError {
    /// The template file, or `built-in NAME`.
    pub file: String,
    /// The line, from 1 (0 when not known).
    pub line: usize,
    /// The column, from 1 (0 when not known).
    pub column: usize,
    /// What tera said.
    pub message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("here")]
    span: Option<SourceSpan>,
}

fn at(line: usize, column: usize) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (l, 0) => format!(", line {l}"),
        (l, c) => format!(", line {l}, column {c}"),
    }
}

impl TemplateError {
    /// An error in `file` (whose text is `source`) at `line`, `column`.
    pub fn new(file: String, source: String, line: usize, column: usize, message: String) -> Self {
        let span = offset(&source, line, column).map(|o| SourceSpan::from((o, 1)));
        TemplateError {
            src: NamedSource::new(file.clone(), source),
            file,
            line,
            column,
            message,
            span,
        }
    }
}

/// The byte offset of a line and column (both from 1) in `text`.
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text.get(start..)?.lines().next().unwrap_or("");
    let col = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    (start + col <= text.len()).then_some(start + col)
}

/// Why a report could not be made (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReportError {
    /// A template failed to load or render.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Template(Box<TemplateError>),
    /// A file could not be read.
    #[error("cannot read {}", path.display())]
    #[diagnostic(code(carebook::read))]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}", path.display())]
    #[diagnostic(
        code(carebook::write),
        help(
            "check that the folder exists or can be made, that it is not a file, and that you may write there"
        )
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A report's context could not be turned into the templates' data.
    #[error("cannot serialise the report's context")]
    #[diagnostic(code(carebook::context))]
    Context(#[source] serde_json::Error),
    /// `--id` names no service user.
    #[error("there is no service user with id {0}")]
    #[diagnostic(
        code(carebook::unknown_id),
        help(
            "give the id of a `kind: service-user` record, e.g. --id SU-0001, or leave --id out for everyone"
        )
    )]
    UnknownId(String),
    /// No rota for the week asked for.
    #[error("there is no rota for {0}")]
    #[diagnostic(
        code(carebook::no_rota),
        help("plan it first with `carebook rota --week {0}`, or name another week with --week")
    )]
    NoRota(String),
    /// The inspection mapping is broken.
    #[error("the inspection mapping {file} is not valid: {message}")]
    #[diagnostic(
        code(carebook::inspection_map),
        help(
            "compare it with the built-in mapping, templates/inspection-map.yaml in carebook's source"
        )
    )]
    Map {
        /// The mapping file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A file of the repository (a template, the output folder) is
    /// reached through a link, is not a regular file, or is too large.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Fs(#[from] crate::fsutil::FsError),
    /// The report would replace a record or a template in use.
    #[error("{0} is a {1} of the repository: carebook does not write a report over it")]
    #[diagnostic(
        code(carebook::report::over_record),
        help("write reports to out/ (the default) or another folder: --out DIR")
    )]
    OverSource(String, &'static str),
}

impl ReportError {
    /// A file that could not be read.
    pub fn io(path: &Path, source: std::io::Error) -> ReportError {
        ReportError::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A file that could not be written.
    pub fn write(path: &Path, source: std::io::Error) -> ReportError {
        ReportError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(offset("ab\ncd\n", 2, 2), Some(4));
        assert_eq!(offset("ab\ncd\n", 1, 1), Some(0));
        assert_eq!(offset("ab", 0, 1), None);
    }
}
