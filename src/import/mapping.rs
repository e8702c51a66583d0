//! The mapping file: which of the system's columns holds each of
//! carebook's fields, how it writes dates and times, and how its values
//! translate.
//!
//! ```yaml
//! columns:
//!   service_user: Client Ref
//!   date: Visit Date
//!   carers: Carer Id
//! date_format: "%d/%m/%Y"
//! values:
//!   outcome: {Completed: completed, "No Show": missed}
//! ```

use super::ImportError;
use crate::diag::nearest;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Largest mapping file read.
const MAX_MAPPING_BYTES: u64 = 1024 * 1024;

/// One field an importer reads from a row.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The field's name in the mapping, e.g. `service_user`.
    pub name: &'static str,
    /// Whether the mapping must name a column for it.
    pub required: bool,
    /// What it holds, for help texts.
    pub about: &'static str,
}

/// A mapping file, read and checked against an importer's fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// carebook field → the system's column header.
    pub columns: BTreeMap<String, String>,
    /// How dates are written (chrono's `strftime` codes); ISO 8601 by default.
    #[serde(default = "iso_date")]
    pub date_format: String,
    /// How times are written: a time (`%H:%M`) or a date and time
    /// (`%d/%m/%Y %H:%M`), of which the time is kept.
    #[serde(default = "hours_minutes")]
    pub time_format: String,
    /// What separates several values in one cell (several carers).
    #[serde(default = "semicolon")]
    pub list_separator: String,
    /// carebook field → the system's value → carebook's value.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

fn iso_date() -> String {
    "%Y-%m-%d".into()
}

fn hours_minutes() -> String {
    "%H:%M".into()
}

fn semicolon() -> String {
    ";".into()
}

impl Mapping {
    /// Reads the mapping file at `path` and checks it names a column for
    /// every required field and only fields of `fields`.
    pub fn read(path: &Path, fields: &[Field]) -> Result<Mapping, ImportError> {
        let fail = |message: String, help: Option<String>| ImportError::Mapping {
            path: path.to_path_buf(),
            message,
            help,
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let text = crate::fsutil::read_text_bounded(dir, path, MAX_MAPPING_BYTES)
            .map_err(|e| fail(format!("cannot read it: {}", e.reason()), None))?;
        let mapping: Mapping = serde_saphyr::from_str(&text).map_err(|e| {
            fail(
                e.to_string(),
                Some("a mapping has `columns:` (field: column header), and optional `date_format`, `time_format`, `list_separator` and `values`".into()),
            )
        })?;
        mapping.check(fields).map_err(|(m, h)| fail(m, Some(h)))?;
        Ok(mapping)
    }

    fn check(&self, fields: &[Field]) -> Result<(), (String, String)> {
        let names = || fields.iter().map(|f| f.name);
        let all = names().collect::<Vec<_>>().join(", ");
        for key in self.columns.keys().chain(self.values.keys()) {
            if !fields.iter().any(|f| f.name == key) {
                let help = match nearest(key, names()) {
                    Some(n) => format!("did you mean `{n}`? The fields are: {all}"),
                    None => format!("the fields are: {all}"),
                };
                return Err((format!("`{key}` is not a field of this import"), help));
            }
        }
        for f in fields.iter().filter(|f| f.required) {
            if !self.columns.contains_key(f.name) {
                return Err((
                    format!("`columns` names no column for `{}`", f.name),
                    format!(
                        "add `{}: <the column's header>` under `columns:` ({})",
                        f.name, f.about
                    ),
                ));
            }
        }
        if self.list_separator.is_empty() {
            return Err((
                "`list_separator` is empty".into(),
                "write the character between several values in one cell, e.g. \";\"".into(),
            ));
        }
        Ok(())
    }

    /// `value` of `field` translated through `values:`, or as written.
    pub fn translate<'v>(&'v self, field: &str, value: &'v str) -> &'v str {
        self.values
            .get(field)
            .and_then(|m| m.get(value))
            .map_or(value, String::as_str)
    }
}
