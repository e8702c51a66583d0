//! Reading the records' history out of git. This module (with its `trees`
//! part) is the only one that imports git2: everything it hands on is
//! plain data (commit metadata, the record files each commit changed, blob
//! bytes), so the rest of the audit knows nothing of git's types.
//!
//! The records folder may be a subfolder of a larger repository: the walk
//! compares only the subtree at that folder, and paths come out relative
//! to it.

use super::AuditError;
use super::commit_id::CommitId;
use crate::load::walk::{AGENCY_FILE, display_path};
use chrono::{DateTime, Utc};
use git2::{
    Commit, ErrorCode, ObjectType, Oid, Repository, RepositoryOpenFlags, Sort, Status,
    StatusOptions,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use trees::Trees;

mod trees;

/// The id of a blob (a version of a file), as git names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobId([u8; 20]);

impl BlobId {
    fn of(oid: Oid) -> BlobId {
        let mut bytes = [0; 20];
        let raw = oid.as_bytes();
        let n = raw.len().min(20);
        bytes[..n].copy_from_slice(&raw[..n]);
        BlobId(bytes)
    }

    /// An id made up for a test.
    #[cfg(test)]
    pub fn for_test(n: u8) -> BlobId {
        BlobId([n; 20])
    }

    fn oid(self) -> Option<Oid> {
        Oid::from_bytes(&self.0).ok()
    }
}

/// Who made a commit, when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitMeta {
    /// The full commit id (hex).
    pub id: CommitId,
    /// The author's name.
    pub author: String,
    /// The author's email.
    pub email: String,
    /// When the author says the change was made (easily set).
    pub author_time: DateTime<Utc>,
    /// When the commit was made (the committer date): the time the change
    /// entered the history.
    pub time: DateTime<Utc>,
    /// The commit message, without trailing blank lines.
    pub message: String,
    /// No parent holds the records folder (a root commit, the commit that
    /// added the folder, or the boundary of a shallow clone): the records
    /// as first imported.
    pub first_import: bool,
}

impl CommitMeta {
    /// The short form of the id.
    pub fn short(&self) -> &str {
        self.id.short()
    }
}

/// One record file a commit changed: its path (relative to the records
/// root) and its blob before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path relative to the records root, with `/` separators.
    pub path: String,
    /// The blob in the (first) parent; `None` when the file was added.
    pub old: Option<BlobId>,
    /// The blob in this commit; `None` when the file was deleted.
    pub new: Option<BlobId>,
    /// A merge brought this version in from a branch whose own commits
    /// already showed the change: follow it, but do not report it again.
    pub silent: bool,
}

/// One commit of the walk and the record files it changed.
#[derive(Debug, Clone)]
pub struct Step {
    /// The commit.
    pub commit: CommitMeta,
    /// Record files changed, in path order.
    pub files: Vec<FileChange>,
}

/// The bytes of a blob, unless it is too large to be a record.
#[derive(Debug)]
pub enum BlobContent {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// Larger than a record may be (bytes): not read.
    TooLarge(usize),
}

/// How a record file in the working tree differs from HEAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkStatus {
    /// Not in HEAD.
    New,
    /// In HEAD with other content.
    Changed,
    /// In HEAD, gone from the working tree (or the index).
    Deleted,
}

/// A git repository and the records folder inside it.
pub struct History {
    repo: Repository,
    /// The records root relative to the work tree, `/`-separated; empty at the top.
    prefix: String,
}

/// Why git could not read the history: libgit2's own error, kept whole,
/// or an object that is not what the history says it is.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// libgit2 failed.
    #[error(transparent)]
    Library(#[from] git2::Error),
    /// The history is not as it should be.
    #[error("{0}")]
    Broken(String),
}

fn git(e: git2::Error) -> AuditError {
    AuditError::Git(GitError::Library(e))
}

/// A history that is not as it should be.
pub(crate) fn broken(what: impl Into<String>) -> AuditError {
    AuditError::Git(GitError::Broken(what.into()))
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn utc(t: git2::Time) -> DateTime<Utc> {
    DateTime::from_timestamp(t.seconds(), 0).unwrap_or_default()
}

impl History {
    /// Finds the git repository holding `root`, searching upward as git
    /// does (stopping at `GIT_CEILING_DIRECTORIES`).
    pub fn open(root: &Path) -> Result<History, AuditError> {
        // Objects are not re-hashed on every read; the design note measured
        // this at about 40% of the walk.
        git2::opts::strict_hash_verification(false);
        let ceilings: Vec<PathBuf> = std::env::var_os("GIT_CEILING_DIRECTORIES")
            .map(|v| std::env::split_paths(&v).collect())
            .unwrap_or_default();
        let repo = Repository::open_ext(root, RepositoryOpenFlags::empty(), &ceilings).map_err(
            |e| match e.code() {
                ErrorCode::NotFound => AuditError::NotGit(root.to_path_buf()),
                _ => git(e),
            },
        )?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| AuditError::Bare(root.to_path_buf()))?;
        let outside = || AuditError::OutsideWorkTree(root.to_path_buf(), workdir.to_path_buf());
        let root_abs = root.canonicalize().map_err(|_| outside())?;
        let work_abs = workdir.canonicalize().map_err(|_| outside())?;
        let rel = root_abs.strip_prefix(&work_abs).map_err(|_| outside())?;
        let prefix = display_path(rel);
        Ok(History { repo, prefix })
    }

    /// The records root relative to the git work tree (empty at the top).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// A second handle on the same repository, for another thread.
    pub fn reopen(&self) -> Result<History, AuditError> {
        Ok(History {
            repo: Repository::open(self.repo.path()).map_err(git)?,
            prefix: self.prefix.clone(),
        })
    }

    /// Every commit reachable from HEAD, oldest first (parents before
    /// children, then by time), handed to `each` with the record files it
    /// changed; commits that changed no record are skipped. `is_record`
    /// says which paths (relative to the records root) are records. An
    /// unborn HEAD (an empty repository) gives no commits.
    pub fn walk(
        &self,
        is_record: &Filter<'_>,
        each: &mut dyn FnMut(Step),
    ) -> Result<(), AuditError> {
        let head = match self.repo.head() {
            Ok(head) => head.peel_to_commit().map_err(git)?.id(),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(());
            }
            Err(e) => return Err(git(e)),
        };
        let mut walk = self.repo.revwalk().map_err(git)?;
        walk.push(head).map_err(git)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)
            .map_err(git)?;
        let odb = self.repo.odb().map_err(git)?;
        let mut trees = Trees::new(&odb);
        let mut subtrees: HashMap<Oid, Option<Oid>> = HashMap::new();
        let agency = self
            .head_blob(AGENCY_FILE)
            .and_then(|id| self.agency_name(id.oid()?));
        let agency = agency.as_deref();
        for oid in walk {
            let commit = self.repo.find_commit(oid.map_err(git)?).map_err(git)?;
            let here = self.records_tree(&mut trees, commit.tree_id(), agency)?;
            subtrees.insert(commit.id(), here);
            let mut parents = Vec::new();
            for parent in commit.parents() {
                let sub = match subtrees.get(&parent.id()) {
                    Some(sub) => *sub,
                    None => self.records_tree(&mut trees, parent.tree_id(), agency)?,
                };
                parents.push(sub);
            }
            let files = changes(&mut trees, &parents, here, is_record)?;
            let first_import = here.is_some() && parents.iter().all(Option::is_none);
            if !files.is_empty() || first_import {
                each(Step {
                    commit: meta(&commit, first_import),
                    files,
                });
            }
        }
        Ok(())
    }

    /// The records folder's tree within a commit's tree: the folder at
    /// the records' path today; or, when there is none (the folder was
    /// renamed since), the folder a few levels deep whose `agency.yaml`
    /// names the same agency (`name:`) as today's. A renamed folder is then
    /// no change at all, and the history before the rename is kept.
    fn records_tree(
        &self,
        trees: &mut Trees,
        root: Oid,
        agency: Option<&str>,
    ) -> Result<Option<Oid>, AuditError> {
        const DEPTH: usize = 3;
        const FOLDERS: usize = 500;
        let here = self.subtree(trees, root)?;
        let Some(agency) = agency.filter(|_| here.is_none()) else {
            return Ok(here);
        };
        let mut level = vec![root];
        let mut visited = 0;
        for _ in 0..=DEPTH {
            let mut next = Vec::new();
            for tree in level {
                if let Some(blob) = trees.file(tree, AGENCY_FILE)?
                    && self.agency_name(blob).as_deref() == Some(agency)
                {
                    return Ok(Some(tree));
                }
                visited += 1;
                if visited > FOLDERS {
                    return Ok(None);
                }
                next.extend(trees.folders(tree)?);
            }
            level = next;
        }
        Ok(None)
    }

    /// The `name:` line of an agency file's blob (small files only).
    fn agency_name(&self, blob: Oid) -> Option<String> {
        let text = match self.blob(BlobId::of(blob), 64 * 1024).ok()? {
            BlobContent::Bytes(bytes) => lossy(&bytes),
            BlobContent::TooLarge(_) => return None,
        };
        text.lines()
            .find_map(|l| l.strip_prefix("name:"))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
    }

    /// The folder at the records' path today within a commit's tree.
    fn subtree(&self, trees: &mut Trees, root: Oid) -> Result<Option<Oid>, AuditError> {
        let mut id = root;
        for part in self.prefix.split('/').filter(|p| !p.is_empty()) {
            match trees.folder(id, part)? {
                Some(sub) => id = sub,
                None => return Ok(None),
            }
        }
        Ok(Some(id))
    }

    /// A blob's bytes, refusing one larger than `limit` without reading it.
    pub fn blob(&self, id: BlobId, limit: u64) -> Result<BlobContent, AuditError> {
        let oid = id.oid().ok_or_else(|| broken("a malformed object id"))?;
        let odb = self.repo.odb().map_err(git)?;
        let (size, _) = odb.read_header(oid).map_err(git)?;
        if size as u64 > limit {
            return Ok(BlobContent::TooLarge(size));
        }
        let object = odb.read(oid).map_err(git)?;
        Ok(BlobContent::Bytes(object.data().to_vec()))
    }

    /// The blob of a record file (relative to the records root) at HEAD.
    pub fn head_blob(&self, path: &str) -> Option<BlobId> {
        let head = self.repo.head().ok()?.peel_to_commit().ok()?;
        let full = if self.prefix.is_empty() {
            path.to_owned()
        } else {
            format!("{}/{path}", self.prefix)
        };
        let entry = head.tree().ok()?.get_path(Path::new(&full)).ok()?;
        (entry.kind() == Some(ObjectType::Blob)).then(|| BlobId::of(entry.id()))
    }

    /// Record files of the working tree (or the index) that differ from
    /// HEAD, in path order. Files git ignores are left out.
    pub fn uncommitted(
        &self,
        is_record: &Filter<'_>,
    ) -> Result<Vec<(String, WorkStatus)>, AuditError> {
        let mut opts = StatusOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        if !self.prefix.is_empty() {
            opts.pathspec(&self.prefix);
        }
        let statuses = self.repo.statuses(Some(&mut opts)).map_err(git)?;
        let mut out = Vec::new();
        for entry in statuses.iter() {
            let path = lossy(entry.path_bytes());
            let rel = if self.prefix.is_empty() {
                Some(path.as_str())
            } else {
                path.strip_prefix(&self.prefix)
                    .and_then(|r| r.strip_prefix('/'))
            };
            let Some(rel) = rel.filter(|r| is_record(r)) else {
                continue;
            };
            let s = entry.status();
            let status = if s.intersects(Status::INDEX_NEW | Status::WT_NEW)
                && !s.intersects(Status::INDEX_DELETED)
            {
                WorkStatus::New
            } else if s.intersects(Status::INDEX_DELETED | Status::WT_DELETED) {
                WorkStatus::Deleted
            } else if s.intersects(
                Status::INDEX_MODIFIED
                    | Status::WT_MODIFIED
                    | Status::INDEX_TYPECHANGE
                    | Status::WT_TYPECHANGE
                    | Status::INDEX_RENAMED
                    | Status::WT_RENAMED,
            ) {
                WorkStatus::Changed
            } else {
                continue;
            };
            out.push((rel.to_owned(), status));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }
}

fn meta(commit: &Commit, first_import: bool) -> CommitMeta {
    let author = commit.author();
    let committer = commit.committer();
    CommitMeta {
        id: CommitId::new(commit.id().to_string()),
        author: lossy(author.name_bytes()),
        email: lossy(author.email_bytes()),
        author_time: utc(author.when()),
        time: utc(committer.when()),
        message: lossy(commit.message_bytes()).trim_end().to_owned(),
        first_import,
    }
}

/// Which paths (relative to the records root) are record files.
pub type Filter<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// The record files changed from the parents' records trees to `here`.
/// For a merge, a file counts as the merge's own change only when it
/// differs from every parent; otherwise a branch made the change, and it
/// is followed silently.
fn changes(
    trees: &mut Trees,
    parents: &[Option<Oid>],
    here: Option<Oid>,
    is_record: &Filter<'_>,
) -> Result<Vec<FileChange>, AuditError> {
    let Some((first, others)) = parents.split_first() else {
        return trees::diff(trees, None, here, is_record);
    };
    let mut own = trees::diff(trees, *first, here, is_record)?;
    if others.is_empty() {
        return Ok(own);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut silent: Vec<FileChange> = Vec::new();
    for other in others {
        for change in trees::diff(trees, *other, here, is_record)? {
            *seen.entry(change.path.clone()).or_default() += 1;
            silent.push(change);
        }
    }
    let everywhere = |path: &str| seen.get(path).copied().unwrap_or(0) == others.len();
    for change in &mut own {
        change.silent = !everywhere(&change.path);
    }
    // Files the first parent already had as the merge has them, but
    // another branch changed: the walk may have seen the branch's version
    // last, so bring it back in line.
    silent.retain(|c| !own.iter().any(|o| o.path == c.path));
    silent.sort_by(|a, b| a.path.cmp(&b.path));
    silent.dedup_by(|a, b| a.path == b.path);
    for mut change in silent {
        change.silent = true;
        own.push(change);
    }
    own.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(own)
}
