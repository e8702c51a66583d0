//! Tests of `carebook report` and `carebook build` on the example agency
//! (with a fixed rota for 2026-W49): every kind in both formats, the
//! linked site, markdown snapshots, template overrides and errors,
//! escaping and redaction.

mod governance;
mod inspection;
mod kinds;
mod leaks;
mod markdown;
mod privacy;
mod rules_in_force;
mod sample;
mod templates;

use crate::support::{Fixture, Run, TODAY};
use std::path::{Path, PathBuf};

/// Every report kind.
pub const KINDS: [&str; 9] = [
    "rota",
    "service-user",
    "compliance",
    "training",
    "inspection",
    "audit",
    "delivery",
    "mar",
    "governance",
];

/// The example agency in a temporary folder, with the fixed rota.
pub fn example() -> Fixture {
    let fx = Fixture::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy(&root.join("examples"), fx.path());
    copy(&root.join("tests/fixtures/report"), fx.path());
    fx
}

pub fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable");
        let rel = entry.path().strip_prefix(from).expect("below");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs `carebook report KIND . --format FORMAT --out out --today TODAY`
/// plus `args` (and `--week 2026-W49` for the rota); returns the run and
/// the path of the file written.
pub fn report(fx: &Fixture, kind: &str, format: &str, args: &[&str]) -> (Run, PathBuf) {
    let mut all = vec![
        "report", kind, ".", "--format", format, "--out", "out", "--today", TODAY,
    ];
    if kind == "rota" && !args.contains(&"--week") {
        all.extend(["--week", "2026-W49"]);
    }
    all.extend(args);
    let run = fx.run(&all);
    let written = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("wrote "))
        .map(PathBuf::from)
        .unwrap_or_default();
    (run, written)
}

/// The text of a file written by a run, relative to the fixture or absolute.
pub fn read(fx: &Fixture, path: &Path) -> String {
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        fx.path().join(path)
    };
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Asserts a run succeeded.
pub fn ok(run: &Run) {
    assert_eq!(
        run.status, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
}

/// Whether `word` occurs in `text` as a whole word (not inside another).
pub fn has_word(text: &str, word: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word).any(|(i, _)| {
        boundary(text[..i].chars().next_back()) && boundary(text[i + word.len()..].chars().next())
    })
}

/// Filters for what varies between runs: the version, temporary paths,
/// generation times and commit ids.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(r"carebook \d+\.\d+\.\d+", "carebook [version]");
    s.add_filter(r"/[^\s)]*?/\.tmp[A-Za-z0-9]+", "[tmp]");
    s.add_filter(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", "[time]");
    s.add_filter(r"\b[0-9a-f]{7}\b", "[commit]");
    s
}
