//! The walk: commit by commit, oldest first, each changed record file's
//! versions read (once per blob, in parallel batches), records followed by
//! id across moves, and each record's change turned into field changes and
//! handed to the judges.

use super::consent::{Seen, Timeline, Tracker};
use super::dated::{self, Judged};
use super::diff::diff;
use super::finding::AuditFinding;
use super::history::{BlobContent, BlobId, CommitMeta, History, Step};
use super::store::Store;
use super::version::Version;
use super::{Change, ChangeKind, CommitLog, text_at};
use crate::load::parse::MAX_FILE_BYTES;
use crate::model::{Kind, Policy};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Commits whose new blobs are read and parsed together.
const BATCH: usize = 256;

/// What the walk found.
pub struct Walked {
    /// Commits with reported changes.
    pub logs: Vec<CommitLog>,
    /// Findings, each with the walk index of its commit.
    pub findings: Vec<(usize, AuditFinding)>,
    /// Every care plan's consent timeline.
    pub timelines: Vec<Timeline>,
}

/// One file's side of a record change: its path and version.
type Side = (String, Arc<Version>);

/// The state of the walk.
pub struct Walker<'h> {
    history: &'h History,
    store: Store,
    /// The last readable version of each record, by name.
    last: HashMap<String, Arc<Version>>,
    tracker: Tracker,
    findings: Vec<(usize, AuditFinding)>,
    logs: Vec<CommitLog>,
    late_entry_days: u32,
    audit_from: Option<NaiveDate>,
    read_time: std::time::Duration,
}

fn to_version(content: Result<BlobContent, super::AuditError>) -> Version {
    match content {
        Ok(BlobContent::Bytes(bytes)) => Version::from_bytes(bytes),
        Ok(BlobContent::TooLarge(size)) => Version::too_large(size),
        Err(e) => Version::missing(&e.to_string()),
    }
}

impl<'h> Walker<'h> {
    /// A walk over `history` under the agency's `policy`.
    pub fn new(history: &'h History, policy: &Policy) -> Walker<'h> {
        Walker {
            history,
            store: Store::default(),
            last: HashMap::new(),
            tracker: Tracker::default(),
            findings: Vec::new(),
            logs: Vec::new(),
            late_entry_days: policy.late_entry_days,
            audit_from: policy.audit_from.map(|d| d.0),
            read_time: Default::default(),
        }
    }

    /// Walks every step, oldest first.
    pub fn run(mut self, steps: &[Step]) -> Walked {
        let (mut tp, mut ts) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
        for (n, batch) in steps.chunks(BATCH).enumerate() {
            let t = std::time::Instant::now();
            self.preload(batch);
            tp += t.elapsed();
            let t = std::time::Instant::now();
            for (i, step) in batch.iter().enumerate() {
                self.step(n * BATCH + i, step);
            }
            self.store.sweep();
            ts += t.elapsed();
        }
        eprintln!("preload {tp:?} steps {ts:?} read {:?}", self.read_time);
        let (mut consent, timelines) = self.tracker.finish();
        self.findings.append(&mut consent);
        Walked {
            logs: self.logs,
            findings: self.findings,
            timelines,
        }
    }

    /// Reads the batch's new blobs (git is read on this thread) and parses
    /// them in parallel.
    fn preload(&mut self, batch: &[Step]) {
        let mut wanted: Vec<BlobId> = batch
            .iter()
            .flat_map(|s| s.files.iter().filter_map(|f| f.new))
            .filter(|id| !self.store.contains(*id))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let t = std::time::Instant::now();
        let read: Vec<_> = wanted
            .into_iter()
            .map(|id| (id, self.history.blob(id, MAX_FILE_BYTES)))
            .collect();
        self.read_time += t.elapsed();
        let parsed: Vec<(BlobId, Version)> = read
            .into_par_iter()
            .map(|(id, content)| (id, to_version(content)))
            .collect();
        for (id, version) in parsed {
            self.store.insert(id, version);
        }
    }

    fn version(&mut self, id: BlobId) -> Arc<Version> {
        match self.store.get(id) {
            Some(v) => v,
            None => {
                let v = to_version(self.history.blob(id, MAX_FILE_BYTES));
                self.store.insert(id, v)
            }
        }
    }

    fn step(&mut self, index: usize, step: &Step) {
        let commit = &step.commit;
        let mut removed: Vec<Side> = Vec::new();
        let mut added: Vec<Side> = Vec::new();
        let mut pairs: Vec<(Option<Side>, Option<Side>)> = Vec::new();
        for f in &step.files {
            let old = f.old.map(|id| (f.path.clone(), self.version(id)));
            let new = f.new.map(|id| (f.path.clone(), self.version(id)));
            self.store.set_path(&f.path, f.new);
            if f.silent {
                self.follow(index, commit, old, new);
                continue;
            }
            match (old, new) {
                (Some(o), Some(n)) => pairs.push((Some(o), Some(n))),
                (Some(o), None) => removed.push(o),
                (None, Some(n)) => added.push(n),
                (None, None) => {}
            }
        }
        // A record is followed by its id: a file deleted here and another
        // added with the same id is one record moved.
        for (path, old) in removed {
            let name = old.name(&path);
            match added.iter().position(|(p, v)| v.name(p) == name) {
                Some(i) => pairs.push((Some((path, old)), Some(added.remove(i)))),
                None => pairs.push((Some((path, old)), None)),
            }
        }
        pairs.extend(added.into_iter().map(|n| (None, Some(n))));
        let file =
            |p: &(Option<Side>, Option<Side>)| p.1.as_ref().or(p.0.as_ref()).map(|s| s.0.clone());
        pairs.sort_by_key(file);
        let mut changes = Vec::new();
        for (old, new) in pairs {
            self.record(index, commit, old, new, &mut changes);
        }
        self.tracker.end_commit();
        if !changes.is_empty() {
            self.logs.push(CommitLog {
                commit: commit.clone(),
                changes,
            });
        }
    }

    /// A merge brought in a branch's version, already reported on the
    /// branch: bring the record's state in line, silently.
    fn follow(&mut self, index: usize, commit: &CommitMeta, old: Option<Side>, new: Option<Side>) {
        let Some((path, version)) = new.as_ref().or(old.as_ref()) else {
            return;
        };
        let name = version.name(path);
        let after = new.as_ref().and_then(|(_, v)| v.tree());
        if new.is_some() && after.is_none() {
            return;
        }
        self.tracker.observe(&Seen {
            index,
            commit,
            record: &name,
            kind: version.kind,
            file: path,
            before: None,
            after,
            fields: &[],
            silent: true,
        });
        match &new {
            Some((_, v)) => self.last.insert(name, Arc::clone(v)),
            None => self.last.remove(&name),
        };
    }

    fn record(
        &mut self,
        index: usize,
        commit: &CommitMeta,
        old: Option<Side>,
        new: Option<Side>,
        out: &mut Vec<Change>,
    ) {
        let Some((path, version)) = new.as_ref().or(old.as_ref()) else {
            return;
        };
        let name = version.name(path);
        let kind = version.kind.or(old.as_ref().and_then(|o| o.1.kind));
        let change = |change, field: Option<String>, before, after| Change {
            record: name.clone(),
            kind,
            file: path.clone(),
            change,
            field,
            before,
            after,
            error: None,
        };
        if let (Some((from, _)), Some((to, _))) = (&old, &new)
            && from != to
        {
            out.push(change(
                ChangeKind::Moved,
                None,
                Some(from.clone()),
                Some(to.clone()),
            ));
        }
        let Some((_, new_version)) = &new else {
            out.push(change(ChangeKind::Removed, None, None, None));
            let before = self.last.remove(&name);
            self.tracker.observe(&Seen {
                index,
                commit,
                record: &name,
                kind,
                file: path,
                before: before.as_ref().and_then(|v| v.tree()),
                after: None,
                fields: &[],
                silent: false,
            });
            return;
        };
        let after = match &new_version.body {
            Ok(tree) => tree,
            Err(why) => {
                let at = why
                    .line
                    .map(|l| format!(" at line {l}"))
                    .unwrap_or_default();
                let mut c = change(ChangeKind::Unreadable, None, None, None);
                c.error = Some(format!("{}{at}: {}", why.code, why.message));
                out.push(c);
                return;
            }
        };
        // After an unreadable version, compare with the last readable one.
        let base = match &old {
            Some((_, v)) if v.tree().is_some() => Some(Arc::clone(v)),
            Some(_) => self.last.get(&name).cloned(),
            None => None,
        };
        let before = base.as_ref().and_then(|b| b.tree());
        let fields = before.map(|b| diff(b, after)).unwrap_or_default();
        match before {
            None => out.push(change(ChangeKind::Added, None, None, None)),
            Some(_) if fields.is_empty() && old.as_ref().is_some_and(|o| &o.0 == path) => {
                out.push(change(ChangeKind::Modified, None, None, None));
            }
            Some(_) => {}
        }
        for f in &fields {
            out.push(change(
                ChangeKind::Modified,
                Some(f.field()),
                f.before.clone(),
                f.after.clone(),
            ));
        }
        let seen = Seen {
            index,
            commit,
            record: &name,
            kind,
            file: path,
            before,
            after: Some(after),
            fields: &fields,
            silent: false,
        };
        self.judge_dates(&seen);
        self.tracker.observe(&seen);
        self.last.insert(name, Arc::clone(new_version));
    }

    /// Late entries (unless the commit is the import baseline) and
    /// backdated edits among a care plan's or carer's dated events.
    fn judge_dates(&mut self, seen: &Seen) {
        let (kind, Some(after)) = (seen.kind, seen.after) else {
            return;
        };
        if !matches!(kind, Some(Kind::CarePlan | Kind::Carer)) {
            return;
        }
        let before = seen
            .before
            .map(|b| dated::events(kind, b))
            .unwrap_or_default();
        let after_events = dated::events(kind, after);
        let not_before = (kind == Some(Kind::Carer))
            .then(|| text_at(after, &["start_date"]))
            .flatten()
            .and_then(|d| d.parse().ok());
        let commit = seen.commit;
        let judged = Judged {
            commit,
            record: seen.record,
            file: seen.file,
            before: &before,
            after: &after_events,
            not_before,
        };
        let baseline = commit.first_import
            || self
                .audit_from
                .is_some_and(|from| commit.time.date_naive() < from);
        if !baseline {
            let late = dated::late_entries(&judged, self.late_entry_days);
            self.findings
                .extend(late.into_iter().map(|f| (seen.index, f)));
        }
        let back = dated::backdated_edits(&judged);
        self.findings
            .extend(back.into_iter().map(|f| (seen.index, f)));
    }
}
