//! `carebook import`: records written from another system's CSV export,
//! such as an electronic call monitoring system's visits or an eMAR's
//! doses.
//!
//! The framework every import shares:
//! - [`Mapping`]: the small YAML file that names the system's own columns
//!   for carebook's fields, with date and time formats and translations
//!   of its values (its staff numbers to carer ids, its status words to
//!   outcomes);
//! - [`Table`]: the CSV read once, every row with its spreadsheet row
//!   number (the header is row 1), and typed getters that say what is
//!   wrong with a cell;
//! - [`RowError`]: a refused row and why; an import that refuses any row
//!   writes nothing;
//! - [`Plan`]: the files to create or change, checked as records before
//!   any is written, then each written atomically (temporary file and
//!   rename), never through a link.
//!
//! An import adds records and never changes or removes one: a row that is
//! already recorded the same way is skipped (so importing a file twice
//! changes nothing), and a row recorded differently is refused.
//!
//! An importer (visits here; `mar` beside it) declares its [`Field`]s,
//! turns each row into its record type, groups them into files and
//! renders each file's text for the [`Plan`].

mod mapping;
mod plan;
mod table;
pub mod visits;
pub mod yaml;

pub use mapping::{Field, Mapping};
pub use plan::{Plan, PlannedFile};
pub use table::{Row, Table};

use std::path::PathBuf;

/// Largest CSV an import reads: a year of a large agency's calls is far
/// smaller.
pub const MAX_CSV_BYTES: u64 = 512 * 1024 * 1024;

/// One row refused, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowError {
    /// Its row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// What is wrong, naming the column.
    pub message: String,
}

impl RowError {
    /// A refusal of row `row`.
    pub fn new(row: usize, message: impl Into<String>) -> RowError {
        RowError {
            row,
            message: message.into(),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Data rows read.
    pub rows: usize,
    /// Records (visits, doses) added.
    pub added: usize,
    /// Records already recorded the same way, left as they were.
    pub unchanged: usize,
    /// Files created.
    pub created: Vec<String>,
    /// Files that gained records.
    pub changed: Vec<String>,
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ImportError {
    /// The mapping file cannot be read or is wrong.
    #[error("mapping {}: {message}", path.display())]
    #[diagnostic(code(carebook::import::mapping))]
    Mapping {
        /// The mapping file.
        path: PathBuf,
        /// What is wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
    /// The CSV cannot be read, or lacks a mapped column.
    #[error("{}: {message}", path.display())]
    #[diagnostic(code(carebook::import::csv))]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// What is wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
    /// Rows were refused: nothing was written.
    #[error("{}: {} refused, nothing written:\n{}", path.display(), rows_word(errors.len()), list(errors))]
    #[diagnostic(
        code(carebook::import::rows),
        help(
            "correct these rows in the export (or the mapping file, or the records they name) and import the whole file again; rows already recorded are skipped"
        )
    )]
    Rows {
        /// The CSV file.
        path: PathBuf,
        /// Each refused row, in row order.
        errors: Vec<RowError>,
    },
    /// A file the import would write already exists and cannot take more
    /// records, or one it wrote would not read back as a record.
    #[error("{path}: {message}")]
    #[diagnostic(code(carebook::import::target))]
    Target {
        /// The record file, from the repository root.
        path: String,
        /// What is wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
    /// Writing failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Write(#[from] crate::fsutil::FsError),
}

fn rows_word(n: usize) -> String {
    crate::wording::plural(n, "row")
}

/// The refused rows, one a line; the first 50, then how many more.
fn list(errors: &[RowError]) -> String {
    const SHOWN: usize = 50;
    let mut lines: Vec<String> = errors
        .iter()
        .take(SHOWN)
        .map(|e| format!("  row {}: {}", e.row, e.message))
        .collect();
    if errors.len() > SHOWN {
        lines.push(format!("  … and {} more", errors.len() - SHOWN));
    }
    lines.join("\n")
}
