//! The standing guard: `carebook check` on mutated copies of the example
//! agency (random bytes, YAML structure mutations, and file-system shapes:
//! empty files, folders named `*.yaml`, symbolic links, pipes, deep
//! nesting). Every run must end within a time limit, within a memory limit,
//! without a panic, and with exit status 0, 1 or 2.
//!
//! The case count and the random seed are fixed, so CI runs the same cases
//! in a few seconds; `CAREBOOK_GUARD_CASES=500` runs more locally.
#![cfg(unix)]

#[path = "common/run.rs"]
mod run;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use run::Run;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Each run's limits: wall time, and address space (KiB, for `ulimit -v`).
const TIME_LIMIT: Duration = Duration::from_secs(20);
const MEMORY_KIB: u64 = 4 * 1024 * 1024;

/// One change to a copy of the example agency.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace a file's bytes with random ones.
    Random { file: usize, bytes: Vec<u8> },
    /// Cut a file at a fraction of its length.
    Truncate { file: usize, at: f64 },
    /// Overwrite bytes at fractions of a file's length.
    Flip { file: usize, at: Vec<(f64, u8)> },
    /// Insert a YAML fragment at the start of a line.
    Insert {
        file: usize,
        line: usize,
        text: &'static str,
    },
    /// Delete or repeat a line.
    Line {
        file: usize,
        line: usize,
        repeat: bool,
    },
    /// An odd thing where a record could be.
    Shape { file: usize, shape: Shape },
}

/// File-system shapes.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Empty,
    FolderNamedYaml,
    LinkToDevZero,
    LinkLoop,
    LinkToOutside,
    Fifo,
    Deep,
}

/// YAML that parsers and loaders find hard.
const FRAGMENTS: &[&str] = &[
    "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n",
    "<<: *nowhere\n",
    "---\nkind: carer\n",
    "\t- tab\n",
    "kind: kind\n",
    "id: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
    "date_of_birth: 9999-99-99\n",
    "start: 25:61\n",
    "? [complex, key]\n: value\n",
    "x: !!binary aGVsbG8=\n",
    "id: \"\\uD800\"\n",
    "  - {service_user: SU-0001, label: morning, date: +262142-12-31, start: \"23:59\", end: \"00:00\", carers: []}\n",
    "status: ~\n",
    "'\n",
];

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The example agency's files, relative, sorted.
fn files() -> Vec<PathBuf> {
    let root = example();
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).expect("below").to_path_buf())
        .collect();
    out.sort();
    assert!(out.len() > 40, "the example agency is missing: {out:?}");
    out
}

fn mutation(n: usize) -> impl Strategy<Value = Mutation> {
    let fraction = 0.0..1.0f64;
    prop_oneof![
        (0..n, proptest::collection::vec(any::<u8>(), 0..400))
            .prop_map(|(file, bytes)| Mutation::Random { file, bytes }),
        (0..n, fraction.clone()).prop_map(|(file, at)| Mutation::Truncate { file, at }),
        (
            0..n,
            proptest::collection::vec((fraction, any::<u8>()), 1..8)
        )
            .prop_map(|(file, at)| Mutation::Flip { file, at }),
        (0..n, 0..60usize, proptest::sample::select(FRAGMENTS))
            .prop_map(|(file, line, text)| Mutation::Insert { file, line, text }),
        (0..n, 0..60usize, any::<bool>()).prop_map(|(file, line, repeat)| Mutation::Line {
            file,
            line,
            repeat
        }),
        (
            0..n,
            proptest::sample::select(vec![
                Shape::Empty,
                Shape::FolderNamedYaml,
                Shape::LinkToDevZero,
                Shape::LinkLoop,
                Shape::LinkToOutside,
                Shape::Fifo,
                Shape::Deep,
            ])
        )
            .prop_map(|(file, shape)| Mutation::Shape { file, shape }),
    ]
}

fn at(len: usize, fraction: f64) -> usize {
    ((len as f64 * fraction) as usize).min(len)
}

/// Applies one mutation to the copy at `root`.
fn apply(root: &Path, files: &[PathBuf], m: &Mutation) {
    let file = match m {
        Mutation::Random { file, .. }
        | Mutation::Truncate { file, .. }
        | Mutation::Flip { file, .. }
        | Mutation::Insert { file, .. }
        | Mutation::Line { file, .. }
        | Mutation::Shape { file, .. } => root.join(&files[*file]),
    };
    // An earlier mutation may have made it a folder, link or pipe.
    let regular = std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file());
    let bytes = if regular {
        std::fs::read(&file).expect("read")
    } else {
        Vec::new()
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let new: Option<Vec<u8>> = match m {
        Mutation::Random { bytes, .. } => Some(bytes.clone()),
        Mutation::Truncate { at: f, .. } => Some(bytes[..at(bytes.len(), *f)].to_vec()),
        Mutation::Flip { at: flips, .. } => {
            let mut b = bytes.clone();
            for (f, byte) in flips {
                let i = at(b.len(), *f);
                if i < b.len() {
                    b[i] = *byte;
                }
            }
            Some(b)
        }
        Mutation::Insert { line, text: t, .. } => {
            let i = (*line).min(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, t);
            Some(out.concat().into_bytes())
        }
        Mutation::Line { line, repeat, .. } => {
            let mut out: Vec<&str> = lines.clone();
            if *line < out.len() {
                if *repeat {
                    out.insert(*line, lines[*line]);
                } else {
                    out.remove(*line);
                }
            }
            Some(out.concat().into_bytes())
        }
        Mutation::Shape { shape, .. } => {
            shape_at(root, &file, *shape);
            None
        }
    };
    if let Some(new) = new
        && regular
    {
        std::fs::write(&file, new).expect("write");
    }
}

fn shape_at(root: &Path, file: &Path, shape: Shape) {
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_dir_all(file);
    let link = |to: &Path| std::os::unix::fs::symlink(to, file).expect("link");
    match shape {
        Shape::Empty => std::fs::write(file, "").expect("write"),
        Shape::FolderNamedYaml => std::fs::create_dir_all(file.join("inner.yaml")).expect("mkdir"),
        Shape::LinkToDevZero => link(Path::new("/dev/zero")),
        Shape::LinkLoop => link(file),
        Shape::LinkToOutside => link(Path::new("/etc/hostname")),
        Shape::Fifo => {
            let made = Command::new("mkfifo").arg(file).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        }
        Shape::Deep => {
            let mut dir = root.join("deep");
            for _ in 0..64 {
                dir.push("d");
            }
            std::fs::create_dir_all(&dir).expect("mkdir deep");
            std::fs::write(dir.join("x.yaml"), "kind: carer\nid: DEEP\n").expect("write");
            std::fs::write(file, "").expect("write");
        }
    }
}

/// Runs `carebook check` on `root` within the time and memory limits.
fn check(root: &Path) -> (Run, Duration) {
    let bin = assert_cmd::cargo::cargo_bin("carebook");
    let started = Instant::now();
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_KIB}; exec \"$0\" check \"$1\" --format json --today 2026-11-23"
        ))
        .arg(bin)
        .arg(root)
        .env("NO_COLOR", "1")
        .timeout(TIME_LIMIT);
    let out = cmd.output().expect("runs");
    (Run::from(out), started.elapsed())
}

#[test]
fn check_survives_mutated_records_and_repositories() {
    let files = files();
    let cases = std::env::var("CAREBOOK_GUARD_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 16,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = proptest::collection::vec(mutation(files.len()), 1..6);
    let result = runner.run(&strategy, |mutations| {
        let dir = tempfile::tempdir().expect("tempdir");
        copy(&example(), dir.path());
        for m in &mutations {
            apply(dir.path(), &files, m);
        }
        let (run, took) = check(dir.path());
        prop_assert!(
            matches!(run.status, 0..=2),
            "status {} after {took:?} (a timeout or the memory limit is -1 or 101)\n{}",
            run.status,
            run.stderr
        );
        prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        if run.status != 2 {
            // A finished check prints its findings as JSON.
            prop_assert!(run.json()["findings"].is_array(), "{}", run.stdout);
        }
        prop_assert!(took < TIME_LIMIT, "took {took:?}");
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable");
        let target = to.join(entry.path().strip_prefix(from).expect("below"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
