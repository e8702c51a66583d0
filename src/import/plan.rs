//! The files an import writes: every one read back as a record before any
//! is written, then each written atomically.

use super::{ImportError, RowError, Summary};
use crate::fsutil;
use crate::index::Index;
use crate::model::Kind;
use crate::model::values::{Date, Week};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A record read from the CSV (a visit, a dose), bound for its person's
/// week file.
pub trait Incoming {
    /// What orders the records within a file.
    type Order: Ord;
    /// The person whose file it goes to.
    fn service_user(&self) -> &str;
    /// Its day, which picks the week.
    fn date(&self) -> Date;
    /// The row it was read from (the first, when rows were merged).
    fn row(&self) -> usize;
    /// Its place in the file.
    fn order(&self) -> Self::Order;
}

/// Records grouped by person and week: one file each.
pub struct WeekFiles<T>(BTreeMap<(String, Week), Vec<T>>);

impl<T: Incoming> Default for WeekFiles<T> {
    fn default() -> Self {
        WeekFiles(BTreeMap::new())
    }
}

impl<T: Incoming> WeekFiles<T> {
    /// Adds `item` to its person's week.
    pub fn push(&mut self, item: T) {
        let key = (item.service_user().to_owned(), Week::of(item.date().0));
        self.0.entry(key).or_default().push(item);
    }

    /// Plans each week's file with `file` (given the records in order)
    /// and counts it in `summary`; a file that cannot take its records
    /// refuses each of their rows. Any refused row, these or `errors`,
    /// fails the import of `csv` with nothing planned.
    pub fn plan(
        self,
        index: &Index,
        csv: &Path,
        mut errors: Vec<RowError>,
        mut summary: Summary,
        file: impl Fn(&Index, &str, Week, &[T]) -> Result<PlannedFile, String>,
    ) -> Result<(Plan, Summary), ImportError> {
        let mut files = Vec::new();
        for ((person, week), mut items) in self.0 {
            items.sort_by_key(Incoming::order);
            match file(index, &person, week, &items) {
                Ok(f) => {
                    summary.added += items.len();
                    if f.created {
                        summary.created.push(f.path.clone());
                    } else {
                        summary.changed.push(f.path.clone());
                    }
                    files.push(f);
                }
                Err(message) => {
                    for i in &items {
                        errors.push(RowError::new(i.row(), message.clone()));
                    }
                }
            }
        }
        if !errors.is_empty() {
            errors.sort();
            errors.dedup();
            return Err(ImportError::Rows {
                path: csv.to_path_buf(),
                errors,
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let plan = Plan {
            root: index.repo.root.clone(),
            files,
        };
        Ok((plan, summary))
    }
}

/// The week file `path` an import adds to, when it is there: the file's
/// index, refused unless it reads as a record of `kind` (`what` names the
/// kind in the message, "a MAR").
pub fn existing_file(
    index: &Index,
    path: &str,
    kind: Kind,
    what: &str,
) -> Result<Option<usize>, String> {
    let Some(file) = index.file(path) else {
        return Ok(None);
    };
    let reads = index
        .entry_in(file)
        .is_some_and(|e| e.kind == kind && e.record.is_some());
    if !reads {
        return Err(format!(
            "{path} is there but does not read as {what}; correct it (`carebook check` says how) and import again"
        ));
    }
    Ok(Some(file))
}

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
