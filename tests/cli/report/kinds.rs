//! Every report kind renders in both formats; `build` makes the linked
//! site; snapshots of the markdown of each report on the example agency.

use super::{KINDS, example, ok, read, report};
use crate::support::TODAY;

#[test]
fn every_kind_renders_in_both_formats() {
    let fx = example();
    for kind in KINDS {
        for format in ["html", "md"] {
            let (run, path) = report(&fx, kind, format, &[]);
            ok(&run);
            let text = read(&fx, &path);
            assert!(
                path.to_string_lossy().ends_with(format),
                "{kind} {format}: wrote {}",
                path.display()
            );
            // The audit of a folder outside git is a short page saying so.
            let least = if kind == "audit" { 100 } else { 2000 };
            assert!(text.len() > least, "{kind} {format} is too short:\n{text}");
            assert!(text.contains("Harbourside Home Care"), "{kind} {format}");
            for leftover in ["{{", "{%", "}}", "%}"] {
                assert!(!text.contains(leftover), "{kind} {format} has {leftover}");
            }
            if format == "html" {
                assert!(text.starts_with("<!DOCTYPE html>"), "{kind}");
                assert!(text.contains("@media print"), "{kind}: no print stylesheet");
                for remote in ["http://", "https://", "<script", "<link", "@import", "url("] {
                    assert!(!text.contains(remote), "{kind} loads or runs {remote}");
                }
            }
        }
    }
}

#[test]
fn build_makes_the_linked_site() {
    let fx = example();
    let run = fx.run(&["build", ".", "--out", "site", "--today", TODAY]);
    ok(&run);
    assert!(run.stdout.contains("compliance: "), "{}", run.stdout);
    let index = read(&fx, std::path::Path::new("site/index.html"));
    assert!(index.contains("Compliance status"), "{index}");
    let status_at = index.find("Compliance status").unwrap_or(usize::MAX);
    let first_link = index.find("href=\"compliance.html\"").unwrap_or(0);
    assert!(status_at < first_link, "the status comes before the links");
    for file in [
        "compliance.html",
        "inspection.html",
        "service-users.html",
        "training.html",
        "audit.html",
        "mar.html",
        "governance.html",
        "rota-2026-W49.html",
    ] {
        assert!(
            index.contains(&format!("href=\"{file}\"")),
            "index links {file}"
        );
        let page = read(&fx, &std::path::Path::new("site").join(file));
        assert!(page.contains("href=\"index.html\""), "{file} links back");
    }
    // The week of today (2026-W48) has no rota: it is named, not linked.
    assert!(index.contains("No rota yet for 2026-W48"), "{index}");
}

#[test]
fn build_in_markdown_too() {
    let fx = example();
    ok(&fx.run(&[
        "build", ".", "--out", "site", "--format", "md", "--today", TODAY,
    ]));
    let index = read(&fx, std::path::Path::new("site/index.md"));
    assert!(index.contains("(compliance.md)"), "{index}");
}

#[test]
fn one_person_by_id() {
    let fx = example();
    let (run, path) = report(&fx, "service-user", "md", &["--id", "SU-0003"]);
    ok(&run);
    assert!(
        path.ends_with("service-user-SU-0003.md"),
        "{}",
        path.display()
    );
    let text = read(&fx, &path);
    assert!(text.contains("Arthur Pennington") && !text.contains("Margaret Ellis"));
    let (run, _) = report(&fx, "service-user", "md", &["--id", "SU-9999"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("no service user with id SU-9999"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_week_without_a_rota_is_a_diagnostic() {
    let fx = example();
    let (run, _) = report(&fx, "rota", "html", &["--week", "2026-W40"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("no rota for 2026-W40"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("carebook rota --week 2026-W40"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_sample_follows_size_and_seed() {
    let fx = example();
    let picks = |seed: &str, n: &str| {
        let (run, path) = report(&fx, "inspection", "md", &["--sample", n, "--seed", seed]);
        ok(&run);
        let text = read(&fx, &path);
        let table = text
            .split("## Sample of care files")
            .nth(1)
            .unwrap_or("")
            .to_owned();
        table
            .lines()
            .filter(|l| l.starts_with("| ") && l.contains("(SU-"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let a = picks("7", "3");
    assert_eq!(a.len(), 3, "{a:?}");
    assert_eq!(a, picks("7", "3"), "the same seed picks the same files");
    assert_eq!(
        picks("1", "20").len(),
        12,
        "at most everyone receiving care"
    );
}

#[test]
fn markdown_snapshots() {
    let fx = example();
    for kind in KINDS {
        let (run, path) = report(&fx, kind, "md", &[]);
        ok(&run);
        let text = read(&fx, &path);
        super::snapshot_settings()
            .bind(|| insta::assert_snapshot!(format!("report_{kind}_md"), text));
    }
    ok(&fx.run(&[
        "build", ".", "--out", "site", "--format", "md", "--today", TODAY,
    ]));
    let index = read(&fx, std::path::Path::new("site/index.md"));
    super::snapshot_settings().bind(|| insta::assert_snapshot!("report_index_md", index));
}
