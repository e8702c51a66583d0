//! The walk: commit by commit, oldest first (the versions of each changed
//! file read ahead by the [`pipeline`]), records followed by id across
//! moves, and each record's change turned into field changes and handed
//! to the judges.

use super::AuditError;
use super::consent::{Seen, Timeline, Tracker};
use super::dated::{self, Judged};
use super::diff::diff_except;
use super::finding::AuditFinding;
use super::history::{CommitMeta, Filter, History};
use super::personal::Personal;
use super::pipeline::{self, Ready};
use super::version::Version;
use super::{Change, ChangeKind, CommitLog};
use crate::model::{Kind, Policy};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the walk found.
pub struct Walked {
    /// Commits with reported changes.
    pub logs: Vec<CommitLog>,
    /// Findings, each with the walk index of its commit.
    pub findings: Vec<(usize, AuditFinding)>,
    /// Every care plan's consent timeline.
    pub timelines: Vec<Timeline>,
    /// The committer date of each commit walked, by walk index.
    pub times: Vec<DateTime<Utc>>,
    /// The oldest commit walked.
    pub oldest: Option<CommitMeta>,
    /// The personal values of every version read (for redaction).
    pub personal: Personal,
}

/// One file's side of a record change: its path and version.
type Side = (String, Arc<Version>);

/// The judge of the walk: follows records and consent through the
/// commits, on the calling thread, while [`pipeline`] reads ahead.
pub struct Walker {
    /// The last readable version of each record, by name.
    last: HashMap<String, Arc<Version>>,
    tracker: Tracker,
    findings: Vec<(usize, AuditFinding)>,
    logs: Vec<CommitLog>,
    times: Vec<DateTime<Utc>>,
    oldest: Option<CommitMeta>,
    personal: Personal,
    late_entry_days: u32,
    audit_from: Option<NaiveDate>,
    /// The dated events already found late or backdated, so that a merge
    /// that brings a branch's version in (with changes of its own to the
    /// same record) does not report them again.
    dated_reported: HashSet<String>,
}

impl Walker {
    /// A walk under the agency's `policy`.
    pub fn new(policy: &Policy) -> Walker {
        Walker {
            last: HashMap::new(),
            tracker: Tracker::default(),
            findings: Vec::new(),
            logs: Vec::new(),
            times: Vec::new(),
            oldest: None,
            personal: Personal::default(),
            late_entry_days: policy.late_entry_days,
            audit_from: policy.audit_from.map(|d| d.0),
            dated_reported: HashSet::new(),
        }
    }

    /// Walks the whole history of `history`, oldest first.
    pub fn run(mut self, history: &History, is_record: &Filter<'_>) -> Result<Walked, AuditError> {
        pipeline::run(history, is_record, &mut |ready| {
            let index = self.times.len();
            self.times.push(ready.step.commit.time);
            if self.oldest.is_none() {
                self.oldest = Some(ready.step.commit.clone());
            }
            self.step(index, ready);
        })?;
        let (mut consent, timelines) = self.tracker.finish();
        self.findings.append(&mut consent);
        Ok(Walked {
            logs: self.logs,
            findings: self.findings,
            timelines,
            times: self.times,
            oldest: self.oldest,
            personal: self.personal,
        })
    }

    fn step(&mut self, index: usize, ready: Ready) {
        let Ready { step, versions } = ready;
        let commit = &step.commit;
        let mut removed: Vec<Side> = Vec::new();
        let mut added: Vec<Side> = Vec::new();
        let mut pairs: Vec<(Option<Side>, Option<Side>)> = Vec::new();
        for (f, (old, new)) in step.files.iter().zip(versions) {
            for v in old.iter().chain(new.iter()) {
                if let (Some(kind), Some(tree)) = (v.kind, v.tree()) {
                    self.personal.add(kind, &tree.value);
                }
            }
            let old = old.map(|v| (f.path.clone(), v));
            let new = new.map(|v| (f.path.clone(), v));
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
        let after = new.as_ref().map(|(_, v)| v.as_ref());
        if after.is_some_and(|v| v.tree().is_none()) {
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
                before: before.as_deref(),
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
        let before = base.as_deref().filter(|b| b.tree().is_some());
        let mut fields = match before {
            Some(b) => b.tree().map_or_else(Vec::new, |tree| {
                diff_except(tree, after, &|key| b.same_block(new_version, key))
            }),
            None => Vec::new(),
        };
        for f in &mut fields {
            f.line = f.line.map(|l| new_version.line(f.top(), l));
        }
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
            after: Some(new_version),
            fields: &fields,
            silent: false,
        };
        self.judge_dates(&seen);
        self.tracker.observe(&seen);
        self.last.insert(name, Arc::clone(new_version));
    }

    /// Late entries (unless the commit is the import baseline) and
    /// backdated edits among a record's dated events (care plans, carers,
    /// incidents, complaints, quality audits, actions).
    fn judge_dates(&mut self, seen: &Seen) {
        let (kind, Some(after)) = (seen.kind, seen.after) else {
            return;
        };
        if !kind.is_some_and(dated::judges) {
            return;
        }
        let before = seen
            .before
            .map(|b| dated::events(kind, b))
            .unwrap_or_default();
        let after_events = dated::events(kind, after);
        let not_before = (kind == Some(Kind::Carer))
            .then(|| after.field("start_date"))
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
        let mut found = Vec::new();
        if !baseline {
            found.extend(dated::late_entries(&judged, self.late_entry_days));
        }
        found.extend(dated::backdated_edits(&judged));
        for f in found {
            if self.dated_reported.insert(dated_key(&f)) {
                self.findings.push((seen.index, f));
            }
        }
    }
}

/// What makes a late-entry or backdated-edit finding the same event again:
/// its code, record and the event (its message without the commit's date).
fn dated_key(f: &AuditFinding) -> String {
    let event = f
        .message
        .split(" was committed on ")
        .next()
        .unwrap_or_default();
    format!(
        "{}|{}|{event}",
        f.code.as_str(),
        f.record.as_deref().unwrap_or_default()
    )
}
