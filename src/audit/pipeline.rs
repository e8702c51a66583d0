//! The readers of the walk, each on a thread of its own so that the judge
//! (on the calling thread) never waits for git or the YAML parser:
//!
//! 1. git: walks the commits and their trees, and reads the bytes of each
//!    batch's new blobs;
//! 2. parse: reads those blobs into versions, in parallel, each against
//!    the version it replaces (so only changed blocks are parsed again),
//!    cached by blob id in the [`Store`];
//! 3. the caller gets each commit with its files' versions, oldest first.

use super::AuditError;
use super::history::{BlobContent, BlobId, Filter, History, Step};
use super::store::Store;
use super::version::Version;
use crate::load::parse::MAX_FILE_BYTES;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SyncSender};

/// Commits read and parsed together.
const BATCH: usize = 128;

/// Steps of the walk and the bytes of the blobs they bring in.
struct Batch {
    steps: Vec<Step>,
    blobs: Vec<(BlobId, Result<BlobContent, AuditError>)>,
}

/// A file's version before and after a commit.
pub type Versions = (Option<Arc<Version>>, Option<Arc<Version>>);

/// A commit with the versions of the files it changed, in the order of
/// `step.files`.
pub struct Ready {
    /// The commit and its changed files.
    pub step: Step,
    /// Each file's version before and after.
    pub versions: Vec<Versions>,
}

fn to_version(content: Result<BlobContent, AuditError>, base: Option<&Version>) -> Version {
    match content {
        Ok(BlobContent::Bytes(bytes)) => Version::read(bytes, base),
        Ok(BlobContent::TooLarge(size)) => Version::too_large(size),
        Err(e) => Version::missing(&e.to_string()),
    }
}

/// Stage 1: walks the history and reads each batch's new blobs.
fn read_git(
    history: History,
    is_record: &Filter<'_>,
    tx: SyncSender<Batch>,
) -> Result<(), AuditError> {
    let send = |steps: Vec<Step>| {
        let mut ids: Vec<BlobId> = steps
            .iter()
            .flat_map(|s| s.files.iter().filter_map(|f| f.new))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let blobs = ids
            .into_iter()
            .map(|id| (id, history.blob(id, MAX_FILE_BYTES)))
            .collect();
        // The receiver only goes away when the walk is over.
        let _ = tx.send(Batch { steps, blobs });
    };
    let mut steps = Vec::with_capacity(BATCH);
    history.walk(is_record, &mut |step| {
        steps.push(step);
        if steps.len() == BATCH {
            send(std::mem::replace(&mut steps, Vec::with_capacity(BATCH)));
        }
    })?;
    if !steps.is_empty() {
        send(steps);
    }
    Ok(())
}

/// Stage 2: parses each batch and pairs every changed file with its
/// versions. `history` reads the few old versions not in the cache (after
/// a merge, say).
fn parse(history: History, rx: Receiver<Batch>, tx: SyncSender<Vec<Ready>>) {
    let mut store = Store::default();
    for batch in rx {
        // A new blob is read against the version it replaces, when that
        // one is at hand.
        let bases: HashMap<BlobId, Arc<Version>> = batch
            .steps
            .iter()
            .flat_map(|s| &s.files)
            .filter_map(|f| Some((f.new?, store.get(f.old?)?)))
            .collect();
        let todo: Vec<_> = batch
            .blobs
            .into_iter()
            .filter(|(id, _)| !store.contains(*id))
            .map(|(id, content)| (id, content, bases.get(&id)))
            .collect();
        let parsed: Vec<(BlobId, Version)> = todo
            .into_par_iter()
            .map(|(id, content, base)| (id, to_version(content, base.map(Arc::as_ref))))
            .collect();
        for (id, version) in parsed {
            store.insert(id, version);
        }
        let mut version = |id: BlobId| match store.get(id) {
            Some(v) => v,
            None => store.insert(id, to_version(history.blob(id, MAX_FILE_BYTES), None)),
        };
        let mut ready = Vec::with_capacity(batch.steps.len());
        for step in batch.steps {
            let versions: Vec<Versions> = step
                .files
                .iter()
                .map(|f| (f.old.map(&mut version), f.new.map(&mut version)))
                .collect();
            ready.push(Ready { step, versions });
        }
        for r in &ready {
            for f in &r.step.files {
                store.set_path(&f.path, f.new);
            }
        }
        store.sweep();
        if tx.send(ready).is_err() {
            return;
        }
    }
}

/// Walks the history reachable from HEAD, oldest first, and hands `each`
/// every commit that changed records, with the versions of its files.
pub fn run(
    history: &History,
    is_record: &Filter<'_>,
    each: &mut dyn FnMut(Ready),
) -> Result<(), AuditError> {
    let (git_handle, parse_handle) = (history.reopen()?, history.reopen()?);
    let stopped = || super::history::broken("a reader of the history stopped");
    std::thread::scope(|scope| {
        let (batches, batches_rx) = mpsc::sync_channel(2);
        let (ready, ready_rx) = mpsc::sync_channel(2);
        let git = std::thread::Builder::new()
            .name("carebook-git".into())
            // Folders are walked by recursion: room for deep ones.
            .stack_size(16 << 20)
            .spawn_scoped(scope, move || read_git(git_handle, is_record, batches))
            .map_err(|_| stopped())?;
        std::thread::Builder::new()
            .name("carebook-parse".into())
            .spawn_scoped(scope, move || parse(parse_handle, batches_rx, ready))
            .map_err(|_| stopped())?;
        for batch in ready_rx {
            batch.into_iter().for_each(&mut *each);
        }
        git.join().unwrap_or_else(|_| Err(stopped()))
    })
}
