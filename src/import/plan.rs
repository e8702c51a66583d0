//! The files an import writes: every one read back as a record before any
//! is written, then each written atomically.

use super::ImportError;
use crate::fsutil;
use std::path::PathBuf;

/// One file to create or change.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    /// Path from the repository root, with `/`.
    pub path: String,
    /// Its whole new text.
    pub text: String,
    /// Whether it is new (else it exists and gains records).
    pub created: bool,
}

/// The files an import writes into the repository at `root`.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The repository root.
    pub root: PathBuf,
    /// The files, in path order.
    pub files: Vec<PlannedFile>,
}

impl Plan {
    /// Checks that every file reads back as a record (so an import never
    /// writes a file `check` would refuse), then writes each atomically
    /// (a temporary file in its folder, then a rename), never through a
    /// link. Nothing is written when any file fails the check.
    pub fn apply(&self) -> Result<(), ImportError> {
        for f in &self.files {
            if let Err(findings) = crate::load::read_text(&f.path, &f.text) {
                let message = findings
                    .first()
                    .map_or_else(String::new, |x| format!("{} ({})", x.message, x.code));
                return Err(ImportError::Target {
                    path: f.path.clone(),
                    message: format!("the file written would not read back: {message}"),
                    help: Some(
                        "this is a bug in carebook's import: please report it with the CSV row"
                            .into(),
                    ),
                });
            }
        }
        for f in &self.files {
            fsutil::write_atomic_in(&self.root, &self.root.join(&f.path), f.text.as_bytes())?;
        }
        Ok(())
    }
}
