//! The files an import writes: every one read back as a record before any
//! is written, then each written atomically.

use super::ImportError;
use crate::fsutil;
use crate::index::Index;
use crate::model::Kind;
use std::path::PathBuf;

/// Before an import creates the week file `path` of `kind`: refuses a path
/// that exists but was not read as a record (excluded, or not a file), and
/// says whether the repository keeps the kind's schema, for the new file's
/// modeline.
pub fn new_file_has_schema(index: &Index, path: &str, kind: Kind) -> Result<bool, String> {
    if index.repo.root.join(path).exists() {
        return Err(format!(
            "{path} exists but was not read as a record (excluded, or not a file); move it away or import into it by hand"
        ));
    }
    let schema = index
        .repo
        .root
        .join("schema")
        .join(crate::schema::file_name(kind));
    Ok(schema.is_file())
}

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
