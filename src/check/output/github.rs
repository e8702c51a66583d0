//! `--format github`: GitHub Actions workflow commands, which the Actions
//! runner shows as annotations on the pull request's files. Paths are
//! relative to the current folder (where the workflow runs), not to the
//! records root.

use super::line_col;
use crate::check::Report;
use crate::diag::Severity;
use crate::terminal;

/// Escapes a command's message (`%`, CR, LF), per the workflow-commands docs.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The report as workflow commands; `prefix` is the records root as seen
/// from the current folder (empty when they are the same).
pub fn render(report: &Report, prefix: &str) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (line, col) = line_col(f.site.pos);
        let file = if prefix.is_empty() {
            f.site.file.clone()
        } else {
            format!("{}/{}", prefix.trim_end_matches('/'), f.site.file)
        };
        // Record values reach the log: no escape sequence, no bidi override.
        let mut message = terminal::escape(&f.message).into_owned();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(&terminal::escape(help));
        }
        out.push_str(&format!(
            "::{level} file={},line={line},col={col},title={}::{}\n",
            escape_property(&terminal::escape(&file)),
            escape_property(f.code.as_str()),
            escape_data(&message)
        ));
    }
    let s = &report.summary;
    out.push_str(&format!(
        "carebook check: {} files, {} errors, {} warnings\n",
        s.files, s.errors, s.warnings
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
