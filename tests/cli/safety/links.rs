//! Symbolic links, pipes and devices inside a records repository: never
//! followed on output or for auxiliary files, and a symlinked record is a
//! finding.
#![cfg(unix)]

use super::{read, refused};
use crate::support::{Fixture, Run, TODAY};
use assert_cmd::Command;
use std::os::unix::fs::symlink;
use std::time::Duration;

const SECRET: &str = "CAREBOOK_TEST_SECRET";
const SECRET_VALUE: &str = "s3cret-value-from-the-environment";

/// Runs carebook in the fixture with a secret in its environment and a
/// time limit (a FIFO must not hang it).
fn run(fx: &Fixture, args: &[&str]) -> Run {
    let mut cmd = Command::cargo_bin("carebook").expect("binary");
    cmd.current_dir(fx.path())
        .env("NO_COLOR", "1")
        .env(SECRET, SECRET_VALUE)
        .timeout(Duration::from_secs(60))
        .args(args);
    Run::from(cmd.output().expect("runs"))
}

fn out_files(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect()
}

#[test]
fn template_linked_to_proc_environ_puts_the_environment_into_a_report() {
    let fx = Fixture::base();
    symlink("/proc/self/environ", fx.path().join("mine.html.tera")).expect("link");
    let r = run(
        &fx,
        &[
            "report",
            "compliance",
            ".",
            "--template",
            "mine.html.tera",
            "--out",
            "out",
            "--today",
            TODAY,
        ],
    );
    refused(&r);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    for text in out_files(&fx.path().join("out")) {
        assert!(!text.contains(SECRET_VALUE));
    }
}

#[test]
fn template_override_linked_to_proc_environ_is_read() {
    let fx = Fixture::base();
    std::fs::create_dir_all(fx.path().join("templates")).expect("mkdir");
    symlink(
        "/proc/self/environ",
        fx.path().join("templates/compliance.html.tera"),
    )
    .expect("link");
    let r = run(
        &fx,
        &[
            "report",
            "compliance",
            ".",
            "--out",
            "out",
            "--today",
            TODAY,
        ],
    );
    refused(&r);
    assert!(r.stderr.contains("compliance.html.tera"), "{}", r.stderr);
    for text in out_files(&fx.path().join("out")) {
        assert!(!text.contains(SECRET_VALUE));
    }
}

#[test]
fn build_writes_through_a_committed_out_link() {
    let fx = Fixture::base();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    symlink(elsewhere.path(), fx.path().join("out")).expect("link");
    let r = run(&fx, &["build", ".", "--today", TODAY]);
    refused(&r);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    let written: Vec<_> = std::fs::read_dir(elsewhere.path()).expect("dir").collect();
    assert!(written.is_empty(), "wrote through the link: {written:?}");
}

#[test]
fn rota_writes_through_a_linked_rotas_folder() {
    let fx = Fixture::base();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    symlink(elsewhere.path(), fx.path().join("rotas")).expect("link");
    let r = run(
        &fx,
        &["rota", ".", "--week", "2026-W49", "--iterations", "50"],
    );
    refused(&r);
    let written: Vec<_> = std::fs::read_dir(elsewhere.path()).expect("dir").collect();
    assert!(written.is_empty(), "wrote through the link: {written:?}");
}

/// The rota-overlap fixture with `policy.travel.matrix: NAME`.
fn with_matrix(name: &str) -> Fixture {
    let fx = Fixture::rule("rota-overlap", "fail");
    let agency = read(&fx, "agency.yaml").replacen(
        "office:",
        &format!("policy:\n  travel: {{matrix: \"{name}\"}}\noffice:"),
        1,
    );
    fx.write("agency.yaml", agency);
    fx
}

fn matrix_unreadable(fx: &Fixture) -> String {
    let r = run(fx, &["check", ".", "--format", "json", "--today", TODAY]);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r.expect("io/unreadable", "agency.yaml", 4)["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn travel_matrix_naming_a_fifo_hangs() {
    let fx = with_matrix("times.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(fx.path().join("times.csv"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let message = matrix_unreadable(&fx);
    assert!(message.contains("regular file"), "{message}");
}

#[test]
fn travel_matrix_naming_dev_zero_eats_memory() {
    let fx = with_matrix("/dev/zero");
    let message = matrix_unreadable(&fx);
    assert!(
        message.contains("outside the records repository"),
        "{message}"
    );
    let fx = with_matrix("zero.csv");
    symlink("/dev/zero", fx.path().join("zero.csv")).expect("link");
    let message = matrix_unreadable(&fx);
    assert!(message.contains("symbolic link"), "{message}");
}

#[test]
fn travel_matrix_outside_the_repository_is_read() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("t.csv"), "SU-0001,SU-0002,12\n").expect("write");
    let fx = with_matrix(&format!(
        "../{}/t.csv",
        outside.path().file_name().unwrap().to_string_lossy()
    ));
    let message = matrix_unreadable(&fx);
    assert!(message.contains("outside"), "{message}");
}

#[test]
fn symlinked_record_is_skipped_without_a_finding() {
    let fx = Fixture::base();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let carer = read(&fx, "carers/C-0002.yaml");
    std::fs::write(elsewhere.path().join("C-0002.yaml"), carer).expect("write");
    std::fs::remove_file(fx.path().join("carers/C-0002.yaml")).expect("rm");
    symlink(
        elsewhere.path().join("C-0002.yaml"),
        fx.path().join("carers/C-0002.yaml"),
    )
    .expect("link");
    let r = fx.check(&[]);
    let f = r.expect("io/unreadable", "carers/C-0002.yaml", 1);
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("symbolic link"),
        "{f}"
    );
    // A linked folder of records is a finding too, not a silent gap.
    symlink(elsewhere.path(), fx.path().join("more-carers")).expect("link");
    fx.check(&[]).expect("io/unreadable", "more-carers", 1);
}
