//! Reading and writing the files of a records repository safely.
//!
//! Inside a repository every file carebook reads or writes is a regular
//! file reached without a symbolic link: no component of its path below the
//! repository's root may be a link (a committed `out -> /elsewhere` or a
//! template linked to `/proc/self/environ` would otherwise send output or
//! secrets where nobody looked). Files are opened without following a link
//! and without blocking (a FIFO would hang), checked to be regular, and read
//! with a size budget. Writes go to a temporary file in the same folder and
//! are renamed into place, so a reader never sees half a file and a crash
//! never leaves one.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// The most carebook reads of an auxiliary file (a template, a travel
/// matrix, an existing rota's first line): 8 MiB.
pub const MAX_AUX_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file of a repository cannot be read or written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum FsError {
    /// A component of the path is a symbolic link.
    #[error("{}", link_message(path, link))]
    #[diagnostic(
        code(carebook::fs::symlink),
        help(
            "carebook never follows symbolic links inside a records repository: replace the link with the file or folder itself"
        )
    )]
    Link {
        /// The file.
        path: PathBuf,
        /// The link on its way.
        link: PathBuf,
    },
    /// Not a regular file: a folder, pipe, socket or device.
    #[error("{} is not a regular file (a folder, pipe, socket or device)", path.display())]
    #[diagnostic(
        code(carebook::fs::not_regular),
        help("name a regular file; a pipe or device could block or never end")
    )]
    NotRegular {
        /// The path.
        path: PathBuf,
    },
    /// Larger than its budget.
    #[error("{} is over the {} KiB carebook reads of such a file", path.display(), limit / 1024)]
    #[diagnostic(
        code(carebook::fs::too_large),
        help("this file is far larger than it should be; check it is the right file")
    )]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// The budget in bytes.
        limit: u64,
    },
    /// The path leaves the repository (absolute, or with `..`).
    #[error("{} is outside the records repository", path.display())]
    #[diagnostic(
        code(carebook::fs::outside),
        help("name a file by its path inside the repository, without `..`")
    )]
    Outside {
        /// The path, as named.
        path: PathBuf,
    },
    /// An output would replace a record (or a template) of the repository.
    #[error("{} is a record of the repository: carebook does not write over it", path.display())]
    #[diagnostic(
        code(carebook::fs::over_record),
        help("write the output to out/ (the default) or another new file")
    )]
    OverRecord {
        /// The path.
        path: PathBuf,
    },
    /// Reading failed.
    #[error("cannot read {}", path.display())]
    #[diagnostic(
        code(carebook::fs::read),
        help("check that the file exists and that you may read it")
    )]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Writing failed.
    #[error("cannot write {}", path.display())]
    #[diagnostic(
        code(carebook::fs::write),
        help(
            "check that the folder exists or can be made, that it is not a file, and that you may write there"
        )
    )]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// `out is a symbolic link`, or `out/a.html is reached through the
/// symbolic link out`.
fn link_message(path: &Path, link: &Path) -> String {
    if normal(path) == normal(link) {
        format!("{} is a symbolic link", path.display())
    } else {
        format!(
            "{} is reached through the symbolic link {}",
            path.display(),
            link.display()
        )
    }
}

impl FsError {
    /// The reason in one line, for a finding: the message and its cause.
    pub fn reason(&self) -> String {
        match self {
            FsError::Read { source, .. } | FsError::Write { source, .. } => {
                format!("{self}: {source}")
            }
            other => other.to_string(),
        }
    }
}

/// `path` made absolute (against the current folder) with `.` and `..`
/// folded away, without touching the file system.
pub fn normal(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `root` when it lies below it (both made [`normal`]).
pub fn below(root: &Path, path: &Path) -> Option<PathBuf> {
    normal(path)
        .strip_prefix(normal(root))
        .ok()
        .map(Path::to_path_buf)
}

/// The first symbolic link among the components of `path` below `root`
/// (the root itself is not judged); paths outside `root` have none.
pub fn first_link(root: &Path, path: &Path) -> Option<PathBuf> {
    let root = normal(root);
    let rel = below(&root, path)?;
    let mut at = root;
    for c in rel.components() {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Fails when a component of `path` below `root` is a symbolic link.
pub fn check_no_links(root: &Path, path: &Path) -> Result<(), FsError> {
    match first_link(root, path) {
        Some(link) => Err(FsError::Link {
            path: path.to_path_buf(),
            link,
        }),
        None => Ok(()),
    }
}

/// Opens `path` for reading when it is a regular file, without following a
/// link in its last component and without blocking on a FIFO.
pub fn open_regular_nofollow(path: &Path) -> io::Result<File> {
    let file = open_nofollow(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_nofollow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nofollow(path: &Path) -> io::Result<File> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    File::open(path)
}

/// Reads at most `limit` bytes of the regular file `path`, reached from
/// `root` without a link; a larger file is [`FsError::TooLarge`].
pub fn read_bounded(root: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, FsError> {
    check_no_links(root, path)?;
    let err = |source: io::Error| classify(path, source);
    let file = open_regular_nofollow(path).map_err(err)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(err)?;
    if bytes.len() as u64 > limit {
        return Err(FsError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

/// [`read_bounded`] as UTF-8 text.
pub fn read_text_bounded(root: &Path, path: &Path, limit: u64) -> Result<String, FsError> {
    let bytes = read_bounded(root, path, limit)?;
    String::from_utf8(bytes).map_err(|e| FsError::Read {
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidData, e),
    })
}

/// Turns an open error into the error a person can act on.
fn classify(path: &Path, source: io::Error) -> FsError {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        return FsError::Link {
            path: path.to_path_buf(),
            link: path.to_path_buf(),
        };
    }
    if source.kind() == io::ErrorKind::InvalidInput {
        return FsError::NotRegular {
            path: path.to_path_buf(),
        };
    }
    FsError::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates the folder `dir` and its parents below `root`, refusing a link
/// or a file on the way.
pub fn create_dir_in(root: &Path, dir: &Path) -> Result<(), FsError> {
    let write = |source: io::Error| FsError::Write {
        path: dir.to_path_buf(),
        source,
    };
    let Some(rel) = below(root, dir) else {
        return std::fs::create_dir_all(dir).map_err(write);
    };
    let mut at = normal(root);
    std::fs::create_dir_all(&at).map_err(write)?;
    for c in rel.components() {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(FsError::Link {
                    path: dir.to_path_buf(),
                    link: at,
                });
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(write(io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("{} is a file, not a folder", at.display()),
                )));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => match std::fs::create_dir(&at) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    check_no_links(root, &at)?;
                }
                Err(e) => return Err(write(e)),
            },
            Err(e) => return Err(write(e)),
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically (a temporary file in the same
/// folder, then a rename). Below `root` no component of the path may be a
/// link, and folders are made as needed; anywhere, an existing `path` must
/// be a regular file, not a link.
pub fn write_atomic_in(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let write = |source: io::Error| FsError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_dir_in(root, dir)?;
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(FsError::Link {
                path: path.to_path_buf(),
                link: path.to_path_buf(),
            });
        }
        Ok(m) if !m.is_file() => {
            return Err(FsError::NotRegular {
                path: path.to_path_buf(),
            });
        }
        _ => {}
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write)?;
    tmp.write_all(bytes).map_err(write)?;
    tmp.as_file().sync_all().map_err(write)?;
    tmp.persist(path).map_err(|e| write(e.error))?;
    Ok(())
}

/// [`write_atomic_in`] for an output of carebook (a calendar, a CSV): it
/// never replaces one of `sources` (the repository's record files).
pub fn write_output(
    root: &Path,
    sources: &[PathBuf],
    path: &Path,
    bytes: &[u8],
) -> Result<(), FsError> {
    let target = normal(path);
    if sources.iter().any(|s| normal(s) == target) {
        return Err(FsError::OverRecord {
            path: path.to_path_buf(),
        });
    }
    write_atomic_in(root, path, bytes)
}

/// Writes `bytes` to `path` atomically, making its folder; the folder and
/// the file itself must not be links. For files inside a repository use
/// [`write_atomic_in`] with its root.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    write_atomic_in(&dir, path, bytes).map_err(|e| match e {
        FsError::Read { source, .. } | FsError::Write { source, .. } => source,
        other => io::Error::other(other.to_string()),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_on_the_way_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("real")).unwrap();
        std::fs::write(root.join("real/a.txt"), "x").unwrap();
        symlink(root.join("real"), root.join("link")).unwrap();
        assert_eq!(first_link(root, &root.join("real/a.txt")), None);
        assert_eq!(
            first_link(root, &root.join("link/a.txt")),
            Some(root.join("link"))
        );
        assert!(matches!(
            read_bounded(root, &root.join("link/a.txt"), 10),
            Err(FsError::Link { .. })
        ));
        assert_eq!(
            read_bounded(root, &root.join("real/a.txt"), 10).unwrap(),
            b"x"
        );
    }

    #[test]
    fn a_file_over_its_budget_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, [b'a'; 11]).unwrap();
        assert!(matches!(
            read_bounded(dir.path(), &path, 10),
            Err(FsError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_fifo_is_not_opened_for_long() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        assert!(matches!(
            read_bounded(dir.path(), &path, 10),
            Err(FsError::NotRegular { .. })
        ));
    }

    #[test]
    fn writing_through_a_linked_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        symlink(elsewhere.path(), dir.path().join("out")).unwrap();
        let target = dir.path().join("out/index.html");
        assert!(matches!(
            write_atomic_in(dir.path(), &target, b"x"),
            Err(FsError::Link { .. })
        ));
        assert!(
            std::fs::read_dir(elsewhere.path())
                .unwrap()
                .next()
                .is_none()
        );
        write_atomic_in(dir.path(), &dir.path().join("site/a/b.html"), b"y").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("site/a/b.html")).unwrap(),
            b"y"
        );
    }
}
