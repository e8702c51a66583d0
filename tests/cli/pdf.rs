//! `--format pdf` and `build --pdf` without a browser: exit 2 with a
//! message naming the package to install, and nothing written. (The PDFs
//! themselves are made by the browser tests, `tests/browser/pdf.rs`.)

use crate::support::{Fixture, TODAY};
use assert_cmd::Command;

/// Runs carebook on the base agency with a `PATH` that holds no browser.
fn without_browser(fx: &Fixture, args: &[&str]) -> crate::run::Run {
    let empty = tempfile::tempdir().expect("an empty folder");
    let mut cmd = Command::cargo_bin("carebook").expect("binary");
    cmd.current_dir(fx.path())
        .env("NO_COLOR", "1")
        .env("PATH", empty.path())
        .env_remove("CAREBOOK_CHROMIUM")
        .args(args)
        .args(["--today", TODAY, "--out", "out"]);
    crate::run::Run::from(cmd.output().expect("runs"))
}

#[test]
fn report_as_pdf_without_chromium_says_what_to_install() {
    let fx = Fixture::base();
    let run = without_browser(&fx, &["report", "compliance", ".", "--format", "pdf"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("carebook::pdf::no_browser"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("needs Chromium"), "{}", run.stderr);
    assert!(
        run.stderr.contains("apt install chromium"),
        "{}",
        run.stderr
    );
    assert!(!fx.path().join("out").exists(), "nothing is written");
}

#[test]
fn build_pdf_without_chromium_says_what_to_install() {
    let fx = Fixture::base();
    let run = without_browser(&fx, &["build", ".", "--pdf"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("apt install chromium"),
        "{}",
        run.stderr
    );
    assert!(!fx.path().join("out").exists(), "nothing is written");
}

#[test]
fn a_browser_variable_naming_no_program_is_an_error() {
    let fx = Fixture::base();
    let mut cmd = Command::cargo_bin("carebook").expect("binary");
    cmd.current_dir(fx.path())
        .env("NO_COLOR", "1")
        .env("CAREBOOK_CHROMIUM", "/no/such/chromium")
        .args(["report", "training", ".", "--format", "pdf", "--out", "out"]);
    let run = crate::run::Run::from(cmd.output().expect("runs"));
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("/no/such/chromium"), "{}", run.stderr);
}
