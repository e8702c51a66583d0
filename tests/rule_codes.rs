//! Every rule code of the format page's findings table exists in the tool,
//! with the same default severity, and is documented in the README.

use carebook::check::{Code, Severity};
use std::collections::BTreeMap;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `code → default severity` from the findings table of the format page.
fn table(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.trim_matches('`');
            let severity = *cells.get(2)?;
            let is_code = code.contains('/')
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/');
            (is_code && matches!(severity, "error" | "warning"))
                .then(|| (code.to_owned(), severity.to_owned()))
        })
        .collect()
}

#[test]
fn every_code_of_the_format_page_exists_with_its_severity() {
    let page = std::fs::read_to_string(root().join("docs/records-format.md")).expect("format page");
    let expected = table(&page);
    assert!(expected.len() >= 50, "table not found: {expected:?}");
    let ours: BTreeMap<String, String> = Code::ALL
        .iter()
        .map(|c| {
            let s = match c.default_severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            (c.as_str().to_owned(), s.to_owned())
        })
        .collect();
    assert_eq!(ours, expected);
}

#[test]
fn codes_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for c in Code::ALL {
        assert!(seen.insert(c.as_str()), "{} twice", c.as_str());
    }
}

#[test]
fn every_code_is_in_the_readme_table() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let documented = table(&readme);
    for c in Code::ALL {
        assert!(
            documented.contains_key(c.as_str()),
            "{} is not in the README's rule table",
            c.as_str()
        );
    }
}
