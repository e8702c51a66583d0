//! `--format human`: miette's graphical report for each finding, with the
//! source snippet, the span underlined and the hint, then a summary line.

use crate::check::Report;
use crate::diag::{Finding, Severity, Site};
use crate::load::SourceFile;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan,
};
use std::fmt;

/// One finding (or a related place) as a miette diagnostic.
struct Shown {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<String>>,
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

/// The byte span of a site in its file's text: from the position's line and
/// column, as long as the node (or one character when unknown).
fn span_of(site: &Site, text: &str) -> Option<SourceSpan> {
    if site.pos.line == 0 || text.is_empty() {
        return None;
    }
    let line_start = if site.pos.line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(site.pos.line as usize - 2)
            .map(|(i, _)| i + 1)?
    };
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let col = line_text
        .char_indices()
        .nth(site.pos.column.saturating_sub(1) as usize)
        .map_or(line_text.len(), |(i, _)| i);
    let start = line_start + col;
    let rest = &text[start..];
    let len =
        if site.pos.len > 0 && site.pos.len <= rest.len() && rest.is_char_boundary(site.pos.len) {
            // A multi-line node (a block mapping) is underlined on its first line only.
            rest[..site.pos.len]
                .split('\n')
                .next()
                .map_or(1, str::len)
                .max(1)
        } else {
            rest.chars().next().map_or(0, char::len_utf8)
        };
    Some(SourceSpan::new(start.into(), len))
}

fn shown(
    site: &Site,
    message: &str,
    files: &[SourceFile],
) -> (Option<NamedSource<String>>, Option<LabeledSpan>) {
    let file = files.iter().find(|f| f.path == site.file);
    match file.and_then(|f| span_of(site, &f.text).map(|s| (f, s))) {
        Some((f, span)) => (
            Some(NamedSource::new(&f.path, f.text.clone()).with_language("yaml")),
            Some(LabeledSpan::new_with_span(Some(message.to_owned()), span)),
        ),
        None => (None, None),
    }
}

fn to_shown(f: &Finding, files: &[SourceFile]) -> Shown {
    let (source, label) = shown(&f.site, "here", files);
    let place = if source.is_none() {
        format!(" ({})", f.site.file)
    } else {
        String::new()
    };
    Shown {
        message: format!("{}{place}", f.message),
        code: Some(f.code.as_str().to_owned()),
        severity: match f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: f.help.clone(),
        source,
        label,
        related: f
            .related
            .iter()
            .map(|r| {
                let (source, label) = shown(&r.site, &r.message, files);
                Shown {
                    message: r.message.clone(),
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
    let mut out = String::new();
    for f in &report.findings {
        let diagnostic = to_shown(f, files);
        if handler.render_report(&mut out, &diagnostic).is_err() {
            out.push_str(&format!("{}: {} ({})\n", f.code, f.message, f.site.file));
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
