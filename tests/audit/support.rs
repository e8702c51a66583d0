//! Test support: git repositories with scripted histories, written with
//! git2 (each commit's author, committer and dates set explicitly, so
//! commit ids are the same on every run), the real `carebook` binary run
//! on them, and small record templates.

#![allow(dead_code)]

use assert_cmd::Command;
use git2::{Oid, Repository, RepositoryInitOptions, Signature, Time};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A git repository in a temporary folder, built commit by commit.
pub struct Script {
    dir: tempfile::TempDir,
    pub repo: Repository,
    /// The tree of the next commit: path → content.
    files: BTreeMap<String, String>,
    /// Blob ids of contents already written.
    blobs: BTreeMap<String, Oid>,
    branch: String,
    tip: Option<Oid>,
    /// Where the records folder is, relative to the repository.
    records: String,
}

/// Seconds since the epoch of `2026-10-01T09:00:00Z` (or a bare date, at 09:00).
pub fn secs(when: &str) -> i64 {
    let full = if when.len() == 10 {
        format!("{when}T09:00:00Z")
    } else {
        when.to_owned()
    };
    chrono::DateTime::parse_from_rfc3339(&full)
        .expect("a date in the script")
        .timestamp()
}

fn sig(name: &str, when: &str) -> Signature<'static> {
    let email = format!(
        "{}@example.org",
        name.split_whitespace()
            .next()
            .unwrap_or("someone")
            .to_lowercase()
    );
    Signature::new(name, &email, &Time::new(secs(when), 0)).expect("a signature")
}

impl Script {
    /// An empty repository (HEAD on an unborn `main`), records at its top.
    pub fn new() -> Script {
        Script::in_folder("")
    }

    /// An empty repository whose records live in `folder` (e.g. `records`).
    pub fn in_folder(folder: &str) -> Script {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut opts = RepositoryInitOptions::new();
        opts.initial_head("main");
        let repo = Repository::init_opts(dir.path(), &opts).expect("git init");
        Script {
            dir,
            repo,
            files: BTreeMap::new(),
            blobs: BTreeMap::new(),
            branch: "main".into(),
            tip: None,
            records: folder.to_owned(),
        }
    }

    /// The repository's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The records folder.
    pub fn records(&self) -> PathBuf {
        self.dir.path().join(&self.records)
    }

    fn full(&self, rel: &str) -> String {
        if self.records.is_empty() {
            rel.to_owned()
        } else {
            format!("{}/{rel}", self.records)
        }
    }

    /// Sets a record file (relative to the records folder) for the next commit.
    pub fn put(&mut self, rel: &str, content: &str) -> &mut Self {
        let full = self.full(rel);
        self.files.insert(full, content.to_owned());
        self
    }

    /// Sets a file relative to the repository's top (outside the records).
    pub fn put_top(&mut self, path: &str, content: &str) -> &mut Self {
        self.files.insert(path.to_owned(), content.to_owned());
        self
    }

    /// Removes a record file from the next commit.
    pub fn rm(&mut self, rel: &str) -> &mut Self {
        let full = self.full(rel);
        assert!(self.files.remove(&full).is_some(), "{full} not in the tree");
        self
    }

    /// Moves the records folder to `to` (relative to the repository) for
    /// the next commit, as `git mv records care-records` would.
    pub fn move_records(&mut self, to: &str) -> &mut Self {
        let from = format!("{}/", self.records);
        let old: Vec<String> = self
            .files
            .keys()
            .filter(|k| k.starts_with(&from))
            .cloned()
            .collect();
        for path in old {
            if let Some(content) = self.files.remove(&path) {
                let rest = &path[from.len()..];
                self.files.insert(format!("{to}/{rest}"), content);
            }
        }
        self.records = to.to_owned();
        self
    }

    /// The current content of a record file.
    pub fn get(&self, rel: &str) -> String {
        self.files.get(&self.full(rel)).cloned().expect("a file")
    }

    fn tree(&mut self) -> Oid {
        let files: Vec<(String, String)> = self
            .files
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let entries: Vec<(&str, &str)> = files
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.build(&entries)
    }

    fn build(&mut self, entries: &[(&str, &str)]) -> Oid {
        let mut dirs: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        let mut blobs = Vec::new();
        for (path, content) in entries {
            match path.split_once('/') {
                Some((dir, rest)) => dirs.entry(dir).or_default().push((rest, content)),
                None => {
                    let oid = match self.blobs.get(*content) {
                        Some(oid) => *oid,
                        None => {
                            let oid = self.repo.blob(content.as_bytes()).expect("blob");
                            self.blobs.insert((*content).to_owned(), oid);
                            oid
                        }
                    };
                    blobs.push((path.to_string(), oid));
                }
            }
        }
        let subtrees: Vec<(String, Oid)> = dirs
            .into_iter()
            .map(|(d, sub)| (d.to_owned(), self.build(&sub)))
            .collect();
        let mut tb = self.repo.treebuilder(None).expect("treebuilder");
        for (name, oid) in blobs {
            tb.insert(&name, oid, 0o100644).expect("insert blob");
        }
        for (name, oid) in subtrees {
            tb.insert(&name, oid, 0o040000).expect("insert tree");
        }
        tb.write().expect("write tree")
    }

    /// Commits the files as they stand, authored and committed by `who` at `when`.
    pub fn commit(&mut self, who: &str, when: &str, message: &str) -> Oid {
        self.commit_as(who, when, when, message)
    }

    /// Commits with an author date apart from the committer date.
    pub fn commit_as(&mut self, who: &str, authored: &str, committed: &str, message: &str) -> Oid {
        let parents: Vec<Oid> = self.tip.into_iter().collect();
        self.commit_with(&parents, who, authored, committed, message)
    }

    fn commit_with(
        &mut self,
        parents: &[Oid],
        who: &str,
        authored: &str,
        committed: &str,
        message: &str,
    ) -> Oid {
        let tree_id = self.tree();
        let tree = self.repo.find_tree(tree_id).expect("tree");
        let parents: Vec<git2::Commit> = parents
            .iter()
            .map(|p| self.repo.find_commit(*p).expect("parent"))
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let oid = self
            .repo
            .commit(
                None,
                &sig(who, authored),
                &sig(who, committed),
                message,
                &tree,
                &refs,
            )
            .expect("commit");
        self.repo
            .reference(&format!("refs/heads/{}", self.branch), oid, true, "script")
            .expect("update branch");
        self.tip = Some(oid);
        oid
    }

    /// Goes on from `from` on branch `name` (its tree becomes the files).
    pub fn branch(&mut self, name: &str, from: Oid) {
        self.branch = name.to_owned();
        self.tip = Some(from);
        let tree = self
            .repo
            .find_commit(from)
            .expect("commit")
            .tree()
            .expect("tree");
        let mut files = BTreeMap::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |root, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob) {
                let blob = self.repo.find_blob(entry.id()).expect("blob");
                let name = entry.name().expect("utf-8 name");
                files.insert(
                    format!("{root}{name}"),
                    String::from_utf8_lossy(blob.content()).into_owned(),
                );
            }
            git2::TreeWalkResult::Ok
        })
        .expect("walk");
        self.files = files;
    }

    /// The current tip.
    pub fn tip(&self) -> Oid {
        self.tip.expect("a commit")
    }

    /// Commits a merge of `other` into the current branch, with the files
    /// as they stand as its tree.
    pub fn merge(&mut self, other: Oid, who: &str, when: &str, message: &str) -> Oid {
        let parents = [self.tip(), other];
        self.commit_with(&parents, who, when, when, message)
    }

    /// Puts HEAD on `main` and the working tree and index in line with it.
    pub fn checkout(&self) -> &Self {
        self.repo.set_head("refs/heads/main").expect("HEAD");
        if self.repo.head().is_ok() {
            let mut opts = git2::build::CheckoutBuilder::new();
            opts.force().remove_untracked(true);
            self.repo.checkout_head(Some(&mut opts)).expect("checkout");
        }
        self
    }

    /// Writes a file in the working tree only (not committed).
    pub fn write_work(&self, rel: &str, content: &str) {
        let path = self.records().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }

    /// Runs `carebook audit <records folder>` with `args`.
    pub fn audit(&self, args: &[&str]) -> Run {
        let ceiling = self.path().parent().unwrap_or(self.path());
        audit_below(&self.records(), ceiling, args)
    }

    /// Runs `carebook audit --format json` and returns the document.
    pub fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let run = self.audit(&all);
        (run.status, run.json())
    }
}

/// Runs `carebook audit <dir> args`, with git's upward search stopped
/// two folders up (above a temporary folder holding the repository).
pub fn audit_at(dir: &Path, args: &[&str]) -> Run {
    let ceiling = dir.parent().and_then(Path::parent).unwrap_or(dir);
    audit_below(dir, ceiling, args)
}

/// Runs `carebook audit <dir> args`; git's upward search does not look
/// in `ceiling` or above it.
pub fn audit_below(dir: &Path, ceiling: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::cargo_bin("carebook").expect("binary");
    cmd.arg("audit")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("GIT_CEILING_DIRECTORIES", ceiling);
    Run::from(cmd.output().expect("runs"))
}

pub use crate::run::Run;

/// The findings of one code.
pub fn with_code(doc: &Value, code: &str) -> Vec<Value> {
    doc["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"] == code).cloned().collect())
        .unwrap_or_default()
}

/// Every change, flattened, each with its commit's id.
pub fn changes(doc: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for c in doc["commits"].as_array().into_iter().flatten() {
        for ch in c["changes"].as_array().into_iter().flatten() {
            out.push((c["id"].as_str().unwrap_or("").to_owned(), ch.clone()));
        }
    }
    out
}

/// Changes written as `record field: before → after` (or `record change`).
pub fn lines(doc: &Value) -> Vec<String> {
    changes(doc)
        .into_iter()
        .map(|(_, c)| match c["field"].as_str() {
            Some(field) => format!(
                "{} {field}: {} → {}",
                c["record"].as_str().unwrap_or(""),
                c["before"].as_str().unwrap_or("(none)"),
                c["after"].as_str().unwrap_or("(none)")
            ),
            None => format!(
                "{} {}",
                c["record"].as_str().unwrap_or(""),
                c["change"].as_str().unwrap_or("")
            ),
        })
        .collect()
}

/// A minimal agency; `policy` is YAML indented by four spaces, or empty.
pub fn agency(policy: &str) -> String {
    format!("kind: agency\nname: Test Agency\npolicy:\n  late_entry_days: 14\n{policy}")
}

/// A care plan.
pub fn plan(id: &str, status: &str, consent: &str) -> String {
    format!(
        "kind: care-plan
id: {id}
service_user: SU-0001
status: {status}
assessed_on: 2026-09-20
assessed_by: C-0001
effective_from: 2026-10-01
review_due: 2027-04-01
needs:
  - domain: personal-care
    need: Needs help to wash and dress.
    outcome: Feels clean and comfortable.
    support: One carer, morning and evening.
risks:
  - risk: falls
    level: medium
    mitigation: Frame at all times.
    reviewed_on: 2026-09-20
{consent}"
    )
}

/// A consent block given on `date`.
pub fn consent(status: &str, date: &str) -> String {
    format!("consent:\n  status: {status}\n  date: {date}\n  given_by: self\n")
}

/// Visit rules for SU-0001 under `plan`, with the morning visit's duration.
pub fn visit_rules(id: &str, plan: &str, duration: &str) -> String {
    format!(
        "kind: visit-rules
id: {id}
service_user: SU-0001
care_plan: {plan}
visits:
  - label: morning
    days: daily
    window: \"07:30-08:30\"
    duration: {duration}
  - label: evening
    days: daily
    window: \"19:00-20:00\"
    duration: 30m
"
    )
}

/// A carer with one course completed on `completed`.
pub fn carer(id: &str, completed: &str) -> String {
    format!(
        "kind: carer
id: {id}
name: Aisha Khan
role: care-worker
status: active
start_date: 2023-06-12
training:
  - {{course: moving-and-handling, completed: {completed}}}
supervisions: [2026-09-02]
"
    )
}
