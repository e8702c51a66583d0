//! `carebook init`: a new records repository, ready for an agency's first
//! commit. It writes `agency.yaml` with every policy default written out,
//! one commented example of each record kind in the suggested folders, the
//! JSON Schemas and the editor settings that use them, a `.gitignore`, a
//! pre-commit hook, GitHub and GitLab CI jobs, and makes the first commit.
//!
//! It never deletes or overwrites a file. Into a folder that holds anything
//! (other than an empty clone's `.git`) it writes only with `force`, and
//! then only the files that are missing; a folder that already has
//! `agency.yaml` gets no example records, whose ids could clash with real
//! ones.

pub mod git;
pub mod templates;

pub use git::GitOutcome;
pub use templates::{Role, Template};

use crate::load::walk::AGENCY_FILE;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The first commit's message.
pub const COMMIT_MESSAGE: &str = "Start the care records (carebook init)";

/// How to initialise.
#[derive(Debug, Clone)]
pub struct Options {
    /// The agency's name for `agency.yaml`.
    pub name: String,
    /// The day the example records' dates count from.
    pub today: NaiveDate,
    /// Write into a folder that is not empty (only missing files).
    pub force: bool,
    /// Run `git init` and make the first commit.
    pub git: bool,
}

/// What `init` did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The files written, in order.
    pub written: Vec<Template>,
    /// Files left alone because they exist.
    pub skipped: Vec<String>,
    /// Example records not added to an existing records repository.
    pub no_examples: Vec<String>,
    /// The git side; `None` when nothing was written or git was not asked for.
    pub git: Option<GitOutcome>,
}

/// Why `init` wrote nothing (exit status 2), or stopped part way.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum InitError {
    /// The folder is already a records repository.
    #[error("{0} is already a records repository: it has agency.yaml")]
    #[diagnostic(
        code(carebook::init_existing),
        help(
            "nothing was written. To add only what is missing (schemas, editor, hook and CI \
             files), run `carebook init --force`; it never overwrites or deletes a file"
        )
    )]
    Existing(PathBuf),
    /// The folder holds files.
    #[error("{0} is not empty")]
    #[diagnostic(
        code(carebook::init_not_empty),
        help(
            "nothing was written. Name a new or empty folder (`carebook init my-agency`), or \
             add --force to write only the files that are missing; it never overwrites or \
             deletes a file"
        )
    )]
    NotEmpty(PathBuf),
    /// The folder to create the repository in is a file.
    #[error("cannot use {0}: it is a file, not a folder")]
    #[diagnostic(
        code(carebook::init_not_a_folder),
        help("name a new or empty folder, e.g. `carebook init my-agency`")
    )]
    NotAFolder(PathBuf),
    /// The path cannot be read or written.
    #[error("cannot use {path}")]
    #[diagnostic(code(carebook::init_io))]
    Io {
        /// The path.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written safely (a link on the way, say).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Fs(Box<crate::fsutil::FsError>),
}

impl From<crate::fsutil::FsError> for InitError {
    fn from(e: crate::fsutil::FsError) -> InitError {
        InitError::Fs(Box::new(e))
    }
}

fn io(path: &Path, source: std::io::Error) -> InitError {
    InitError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `dir` holds anything but a `.git` (an empty clone counts as empty).
fn is_empty(dir: &Path) -> Result<bool, InitError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io(dir, e))?;
        if entry.file_name() != ".git" {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Creates a records repository in `dir` (made if missing).
pub fn init(dir: &Path, options: &Options) -> Result<Outcome, InitError> {
    if dir.exists() && !dir.is_dir() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    let existing = dir.join(AGENCY_FILE).exists();
    if dir.exists() && !is_empty(dir)? && !options.force {
        return Err(if existing {
            InitError::Existing(dir.to_path_buf())
        } else {
            InitError::NotEmpty(dir.to_path_buf())
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut outcome = Outcome {
        written: Vec::new(),
        skipped: Vec::new(),
        no_examples: Vec::new(),
        git: None,
    };
    for file in templates::all(&options.name, options.today) {
        let path = dir.join(&file.path);
        if existing && file.role == Role::Record {
            if !path.exists() {
                outcome.no_examples.push(file.path);
            }
            continue;
        }
        // symlink_metadata: a dangling link is a file that exists, too.
        if std::fs::symlink_metadata(&path).is_ok() {
            outcome.skipped.push(file.path);
            continue;
        }
        crate::fsutil::write_atomic_in(dir, &path, file.text.as_bytes())?;
        set_permissions(&path, file.executable).map_err(|e| io(&path, e))?;
        outcome.written.push(file);
    }
    if options.git && !outcome.written.is_empty() {
        let paths: Vec<String> = outcome.written.iter().map(|f| f.path.clone()).collect();
        outcome.git = Some(git::init_and_commit(dir, &paths, COMMIT_MESSAGE));
    }
    Ok(outcome)
}

/// Gives the git hook its execute bit. (Other files keep the owner-only
/// mode of [`crate::fsutil::write_atomic`]: they hold care records.)
#[cfg(unix)]
fn set_permissions(path: &Path, executable: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if !executable {
        return Ok(());
    }
    let mode = std::fs::metadata(path)?.permissions().mode();
    // Execute wherever there is read.
    let mode = mode | ((mode & 0o444) >> 2);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions(_path: &Path, _executable: bool) -> std::io::Result<()> {
    Ok(())
}

/// The agency name to use when none is given: the folder's own name.
pub fn default_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .next_back()
        .unwrap_or_else(|| "Home Care Agency".to_owned())
}
