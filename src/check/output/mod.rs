//! Printers: a report rendered as people read it (miette's graphical
//! report), as JSON (the format page's shape), as JUnit XML or as GitHub
//! Actions workflow commands. Each returns text; the binary prints it.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod snippet;

use crate::diag::Pos;

/// Line and column for output: both start at 1, even for a finding about a
/// whole file.
pub fn line_col(pos: Pos) -> (u32, u32) {
    (pos.line.max(1), pos.column.max(1))
}
