//! Test support: fixture repositories in a temporary folder, the real
//! `carebook` binary run on them, and assertions on its JSON findings.
//!
//! A rule fixture is an overlay on `tests/fixtures/base` (a small agency
//! that passes every rule): `tests/fixtures/rules/<rule>/fail/` holds the
//! files that break the rule, `.../pass/` the same files put right. A file
//! named `REMOVE` in an overlay lists base files to delete, one per line.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The date every fixture is judged on.
pub const TODAY: &str = "2026-11-23";

/// A records repository in a temporary folder.
pub struct Fixture {
    dir: tempfile::TempDir,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let rel = entry.path().strip_prefix(from).expect("below fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_name() == "REMOVE" {
            let list = std::fs::read_to_string(entry.path()).expect("REMOVE readable");
            for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
                std::fs::remove_file(to.join(line)).expect("REMOVE names a base file");
            }
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

impl Fixture {
    /// The base agency, which passes every rule.
    pub fn base() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_tree(&fixtures().join("base"), dir.path());
        Fixture { dir }
    }

    /// The base agency with the overlay `rules/<rule>/<case>` applied.
    pub fn rule(rule: &str, case: &str) -> Fixture {
        let fixture = Fixture::base();
        let overlay = fixtures().join("rules").join(rule).join(case);
        assert!(overlay.is_dir(), "missing fixture {}", overlay.display());
        copy_tree(&overlay, fixture.path());
        fixture
    }

    /// An empty folder, to build a repository from scratch.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file, creating folders.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
        self
    }

    /// Replaces `old` by `new` once in the fixture's `file`, which must
    /// hold it.
    pub fn replace(&self, file: &str, old: &str, new: &str) -> &Self {
        let body = std::fs::read_to_string(self.path().join(file)).expect("fixture file");
        assert!(body.contains(old), "{file} has no `{old}`");
        self.write(file, body.replacen(old, new, 1))
    }

    /// Runs `carebook check <repo> --today TODAY --format json` plus `args`.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("carebook").expect("binary");
        cmd.arg("check")
            .arg(self.path())
            .args(["--today", TODAY, "--format", "json"])
            .args(args);
        Run::from(cmd.output().expect("runs"))
    }

    /// Runs `carebook` with any arguments, in the fixture folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("carebook").expect("binary");
        cmd.current_dir(self.path()).env("NO_COLOR", "1").args(args);
        Run::from(cmd.output().expect("runs"))
    }
}

pub use crate::run::Run;

impl Run {
    /// Every finding.
    pub fn findings(&self) -> Vec<Value> {
        self.json()["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The findings of one code.
    pub fn with_code(&self, code: &str) -> Vec<Value> {
        self.findings()
            .into_iter()
            .filter(|f| f["code"] == code)
            .collect()
    }

    /// Asserts a finding of `code` in `file` at `line`, and returns it.
    pub fn expect(&self, code: &str, file: &str, line: u64) -> Value {
        let all = self.findings();
        all.iter()
            .find(|f| f["code"] == code && f["file"] == file && f["line"] == line)
            .cloned()
            .unwrap_or_else(|| {
                panic!(
                    "expected {code} at {file}:{line}; findings were:\n{}",
                    serde_json::to_string_pretty(&all).unwrap_or_default()
                )
            })
    }

    /// Asserts there is no finding of `code`.
    pub fn expect_none(&self, code: &str) {
        let found = self.with_code(code);
        assert!(
            found.is_empty(),
            "expected no {code}; found:\n{}",
            serde_json::to_string_pretty(&found).unwrap_or_default()
        );
    }

    /// Asserts the run found no errors at all (exit status 0).
    pub fn expect_clean(&self) {
        let errors: Vec<Value> = self
            .findings()
            .into_iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert!(
            errors.is_empty() && self.status == 0,
            "expected no errors (status {}):\n{}",
            self.status,
            serde_json::to_string_pretty(&errors).unwrap_or_default()
        );
    }
}

/// Runs a rule's fixture pair: `fail` must report `code` at `file:line`
/// (and return that finding); `pass` must not report `code` at all.
pub fn rule_pair(rule: &str, code: &str, file: &str, line: u64) -> Value {
    let pass = Fixture::rule(rule, "pass").check(&[]);
    pass.expect_none(code);
    let fail = Fixture::rule(rule, "fail").check(&[]);
    fail.expect(code, file, line)
}
