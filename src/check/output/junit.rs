//! `--format junit`: a JUnit XML report, one test case per record file, so
//! CI systems list which files fail and why.

use super::line_col;
use crate::check::Report;
use crate::diag::{Finding, Severity};
use std::collections::BTreeMap;

/// Escapes text for XML content and attributes.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters and the noncharacters U+FFFE and U+FFFF
            // are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn line(f: &Finding) -> String {
    let (l, c) = line_col(f.site.pos);
    let mut s = format!(
        "{}:{l}:{c}: {} [{}] {}",
        f.site.file,
        f.severity.as_str(),
        f.code,
        f.message
    );
    if let Some(help) = &f.help {
        s.push_str(&format!("\n  help: {help}"));
    }
    s
}

/// The report as JUnit XML. `files` lists every file checked, so passing
/// files appear as passing test cases; warnings fail a case only under
/// `deny_warnings`.
pub fn render(report: &Report, files: &[String], deny_warnings: bool) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> =
        files.iter().map(|f| (f.as_str(), Vec::new())).collect();
    for f in &report.findings {
        by_file.entry(f.site.file.as_str()).or_default().push(f);
    }
    let fails = |f: &&Finding| f.severity == Severity::Error || deny_warnings;
    let failures = by_file.values().filter(|v| v.iter().any(fails)).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"carebook check\" tests=\"{0}\" failures=\"{failures}\">\n  <testsuite name=\"carebook check\" tests=\"{0}\" failures=\"{failures}\" errors=\"0\">\n",
        by_file.len()
    ));
    for (file, findings) in &by_file {
        out.push_str(&format!(
            "    <testcase classname=\"records\" name=\"{}\" file=\"{}\"",
            xml(file),
            xml(file)
        ));
        if findings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let (failing, other): (Vec<&Finding>, Vec<&Finding>) =
            findings.iter().copied().partition(|f| fails(f));
        if let Some(first) = failing.first() {
            let text: Vec<String> = failing.iter().map(|f| line(f)).collect();
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                xml(first.code.as_str()),
                xml(&format!(
                    "{} problem(s); first: {}",
                    failing.len(),
                    first.message
                )),
                xml(&text.join("\n"))
            ));
        }
        if !other.is_empty() {
            let text: Vec<String> = other.iter().map(|f| line(f)).collect();
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml(&text.join("\n"))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
