//! Renderers of an audit: for people (`human`) and for CI and reports
//! (`json`, the shape of the issue). Each returns text; the binary prints
//! it. The markdown report is the `report` module's audit report, from
//! the same template as `carebook report audit --format md`.

pub mod human;
pub mod json;

use super::{Change, ChangeKind};
use chrono::{DateTime, Utc};

/// A date and time as people read it: `2026-11-01 09:12 UTC`.
pub fn when(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// One change in one line, without the record: `consent.status: given →
/// withdrawn`, `added (care-plans/CP-0001.yaml)`. `width` shortens long
/// values (0: never).
pub fn describe(c: &Change, width: usize) -> String {
    let short = |v: Option<&str>| shorten(v.unwrap_or("(none)"), width);
    match c.change {
        ChangeKind::Added => format!("added ({})", c.file),
        ChangeKind::Removed => format!("removed ({})", c.file),
        ChangeKind::Moved => format!(
            "moved: {} → {}",
            c.before.as_deref().unwrap_or(""),
            c.after.as_deref().unwrap_or("")
        ),
        ChangeKind::Unreadable => format!(
            "unreadable ({}): {}",
            c.file,
            c.error.as_deref().unwrap_or("")
        ),
        ChangeKind::Modified => match &c.field {
            None => format!("reformatted, no value changed ({})", c.file),
            Some(field) => format!(
                "{field}: {} → {}",
                short(c.before.as_deref()),
                short(c.after.as_deref())
            ),
        },
    }
}

/// `text` cut to `width` characters with an ellipsis (0: whole).
pub fn shorten(text: &str, width: usize) -> String {
    if width == 0 || text.chars().count() <= width {
        return text.to_owned();
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

pub use crate::wording::plural;
