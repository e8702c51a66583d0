//! `--format human`: miette's graphical report for each finding, with the
//! source snippet, the span underlined and the hint, then a summary line.
//! Record values, file names and snippets go through [`terminal::escape`].

use super::snippet::{Lines, Snippet};
use crate::check::Report;
use crate::diag::{Finding, Severity, Site};
use crate::load::SourceFile;
use crate::terminal;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use std::collections::HashMap;
use std::fmt;

/// One finding (or a related place) as a miette diagnostic.
struct Shown {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Snippet>,
    label: Option<LabeledSpan>,
    related: Vec<Shown>,
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Shown {}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// Each file's text, found by path and indexed by line once.
struct Files<'a> {
    by_path: HashMap<&'a str, &'a SourceFile>,
    lines: HashMap<&'a str, Lines<'a>>,
}

impl<'a> Files<'a> {
    fn new(files: &'a [SourceFile]) -> Files<'a> {
        Files {
            by_path: files.iter().map(|f| (f.path.as_str(), f)).collect(),
            lines: HashMap::new(),
        }
    }

    /// The snippet around `site` and its label, when the file is known
    /// and the site has a line in it.
    fn shown(&mut self, site: &'a Site, message: &str) -> (Option<Snippet>, Option<LabeledSpan>) {
        let Some(file) = self.by_path.get(site.file.as_str()).copied() else {
            return (None, None);
        };
        if site.pos.line == 0 || file.text.is_empty() {
            return (None, None);
        }
        let lines = self
            .lines
            .entry(file.path.as_str())
            .or_insert_with(|| Lines::new(&file.text));
        let pos = site.pos;
        match Snippet::new(&file.path, lines, pos.line, pos.column, pos.len) {
            Some((snippet, span)) => (
                Some(snippet),
                Some(LabeledSpan::new_with_span(
                    Some(terminal::escape(message).into_owned()),
                    span,
                )),
            ),
            None => (None, None),
        }
    }
}

fn to_shown<'a>(f: &'a Finding, files: &mut Files<'a>) -> Shown {
    let (source, label) = files.shown(&f.site, "here");
    let place = if source.is_none() {
        format!(" ({})", f.site.file)
    } else {
        String::new()
    };
    Shown {
        message: terminal::escape(&format!("{}{place}", f.message)).into_owned(),
        code: Some(f.code.as_str().to_owned()),
        severity: match f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: f.help.as_deref().map(|h| terminal::escape(h).into_owned()),
        source,
        label,
        related: f
            .related
            .iter()
            .map(|r| {
                let (source, label) = files.shown(&r.site, &r.message);
                Shown {
                    message: terminal::escape(&r.message).into_owned(),
                    code: None,
                    severity: miette::Severity::Advice,
                    help: None,
                    source,
                    label,
                    related: Vec::new(),
                }
            })
            .collect(),
    }
}

/// The report for people: every finding with its snippet, then a summary.
/// `color` picks the coloured Unicode theme; otherwise plain text.
pub fn render(report: &Report, files: &[SourceFile], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut files = Files::new(files);
    let mut out = String::new();
    for f in &report.findings {
        let diagnostic = to_shown(f, &mut files);
        if handler.render_report(&mut out, &diagnostic).is_err() {
            let line = format!("{}: {} ({})", f.code, f.message, f.site.file);
            out.push_str(&terminal::escape(&line));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push_str(&crate::check::unchecked::lines(&report.not_checked));
    out
}

/// `checked 53 files (53 records): 1 error, 2 warnings`.
pub fn summary_line(report: &Report) -> String {
    use crate::wording::{plural, verdict};
    let s = &report.summary;
    let verdict = verdict(s.errors, s.warnings);
    format!(
        "checked {} ({}): {verdict}\n",
        plural(s.files, "file"),
        plural(s.records, "record"),
    )
}
