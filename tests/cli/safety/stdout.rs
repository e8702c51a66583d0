//! Every command with its standard output closed, or a pipe whose reader
//! has gone (`carebook … | head -c1`): no panic, exit status 0, 1 or 2, and
//! every file it writes is whole.
#![cfg(unix)]

use crate::report::example;
use crate::support::{Fixture, Run, TODAY};
use std::process::{Command, Stdio};

/// Every command, with arguments that make it print to standard output.
fn commands() -> Vec<Vec<&'static str>> {
    let mut all: Vec<Vec<&str>> = vec![
        vec!["check", "."],
        vec!["check", ".", "--format", "json"],
        vec!["check", ".", "--format", "junit"],
        vec!["check", ".", "--format", "github"],
        vec!["audit", "."],
        vec![
            "rota",
            ".",
            "--week",
            "2026-W50",
            "--iterations",
            "30",
            "--time-limit",
            "5s",
        ],
        vec!["schema"],
        vec!["schema", "--out", "schemas"],
        vec!["init", "fresh"],
        vec!["export", "ical", ".", "--week", "2026-W49"],
        vec!["export", "hours", ".", "--week", "2026-W49"],
        vec![
            "export", "hours", ".", "--week", "2026-W49", "--format", "table",
        ],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["build", "."],
        vec!["--help"],
        vec!["--version"],
    ];
    for kind in crate::report::KINDS {
        all.push(vec!["report", kind, ".", "--week", "2026-W49"]);
    }
    all
}

fn carebook() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("carebook")
}

/// `--today` for the commands that judge dates (the others refuse it).
fn today_for(args: &[&str]) -> &'static [&'static str] {
    match args.first() {
        Some(&("check" | "report" | "build" | "init" | "audit" | "rota" | "export")) => {
            &["--today", TODAY]
        }
        _ => &[],
    }
}

fn with_stdout_closed(fx: &Fixture, args: &[&str]) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" >&-")
        .arg(carebook())
        .args(args)
        .args(today_for(args))
        .current_dir(fx.path())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    Run::from(out)
}

fn with_reader_gone(fx: &Fixture, args: &[&str]) -> Run {
    let mut child = Command::new(carebook())
        .args(args)
        .args(today_for(args))
        .current_dir(fx.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    Run::from(child.wait_with_output().expect("waits"))
}

fn assert_no_panic(how: &str, args: &[&str], run: &Run) {
    assert!(
        matches!(run.status, 0..=2)
            && !run.stderr.contains("panicked")
            && !run.stderr.contains("Usage:"),
        "carebook {} with {how}: status {}\n{}",
        args.join(" "),
        run.status,
        run.stderr
    );
}

/// No file below the fixture is a temporary left by an interrupted write.
fn assert_no_temporaries(fx: &Fixture) {
    for e in walkdir::WalkDir::new(fx.path())
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let name = e.file_name().to_string_lossy();
        assert!(
            !name.starts_with(".tmp"),
            "left behind: {}",
            e.path().display()
        );
    }
}

#[test]
fn every_command_with_stdout_closed_runs_without_a_panic() {
    for args in commands() {
        let fx = example();
        let run = with_stdout_closed(&fx, &args);
        assert_no_panic("stdout closed", &args, &run);
        assert_no_temporaries(&fx);
    }
}

#[test]
fn every_command_into_a_pipe_whose_reader_is_gone_panics() {
    for args in commands() {
        let fx = example();
        let run = with_reader_gone(&fx, &args);
        assert_no_panic("a broken pipe", &args, &run);
        assert_no_temporaries(&fx);
    }
}

#[test]
fn schema_out_with_stdout_closed_writes_every_schema_whole() {
    let fx = example();
    let run = with_stdout_closed(&fx, &["schema", "--out", "schemas"]);
    assert_no_panic("stdout closed", &["schema"], &run);
    let written: Vec<_> = std::fs::read_dir(fx.path().join("schemas"))
        .expect("schemas")
        .flatten()
        .collect();
    assert_eq!(written.len(), carebook::model::Kind::ALL.len());
    for file in written {
        let text = std::fs::read_to_string(file.path()).expect("schema");
        // Nothing meant for standard output landed in a schema file.
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{} is not JSON:\n{text}",
            file.path().display()
        );
    }
}
