//! `carebook import mar`: an eMAR CSV into MAR files, idempotent, adding
//! to existing weeks, all or nothing.

use crate::support::{Fixture, TODAY};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/mar")
        .join(name);
    assert!(p.is_file(), "missing test data {}", p.display());
    p
}

/// The base agency with the MAR fixtures' care plan (a time-critical and
/// an as-needed medicine) and no MAR yet.
fn agency() -> Fixture {
    let f = Fixture::rule("mar-gap", "pass");
    std::fs::remove_dir_all(f.path().join("mar")).expect("no MAR to start with");
    f
}

fn import(f: &Fixture, csv: &str) -> crate::support::Run {
    let csv = data(csv);
    let map = data("emar.yaml");
    f.run(&[
        "import",
        "mar",
        csv.to_str().expect("utf-8 path"),
        "--map",
        map.to_str().expect("utf-8 path"),
        "--today",
        TODAY,
    ])
}

const MAR: &str = "mar/SU-0001/2026-W47.yaml";

fn mar_text(f: &Fixture) -> String {
    std::fs::read_to_string(f.path().join(MAR)).expect("the MAR was written")
}

#[test]
fn import_writes_doses_and_prn_that_check_without_bad_input() {
    let f = agency();
    let run = import(&f, "week47.csv");
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("added 4 doses"), "{}", run.stdout);
    let text = mar_text(&f);
    assert!(
        text.contains("kind: mar\nid: mar-SU-0001-2026-W47\n"),
        "{text}"
    );
    assert!(
        text.contains("outcome: refused, given_at: \"08:12\", carer: C-0002, note: \"Said she felt sick.\", escalation: {to: \"Office\", date: 2026-11-17}"),
        "{text}"
    );
    assert!(
        text.contains("prn:\n  - {date: 2026-11-17, given_at: \"14:00\""),
        "{text}"
    );
    // The week is not complete, so gaps are expected; no other finding
    // about what was imported (the fixture's plans may have their own).
    let check = f.check(&[]);
    let other: Vec<_> = check
        .findings()
        .into_iter()
        .filter(|x| x["code"] != "mar/gap")
        .filter(|x| {
            let code = x["code"].as_str().unwrap_or("");
            ["mar/", "ref/", "schema/", "yaml/", "date/"]
                .iter()
                .any(|family| code.starts_with(family))
        })
        .collect();
    assert!(other.is_empty(), "{other:?}");
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let f = agency();
    assert_eq!(import(&f, "week47.csv").status, 0);
    let first = mar_text(&f);
    let again = import(&f, "week47.csv");
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("added 0 doses, 4 already recorded"),
        "{}",
        again.stdout
    );
    assert_eq!(mar_text(&f), first);
}

#[test]
fn a_later_import_adds_doses_before_the_prn_list_keeping_every_byte() {
    let f = agency();
    assert_eq!(import(&f, "week47.csv").status, 0);
    let first = mar_text(&f);
    let run = import(&f, "week47-more.csv");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = mar_text(&f);
    let (doses, prn) = text.split_once("prn:\n").expect("the prn list stays");
    assert!(doses.contains("2026-11-18, time: \"08:30\", medicine: \"Co-careldopa 25/100\", outcome: not-given, reason: hospital"), "{text}");
    assert!(prn.starts_with("  - {date: 2026-11-17"), "{text}");
    for line in first.lines() {
        assert!(text.contains(line), "lost `{line}`:\n{text}");
    }
    let check = f.check(&[]);
    assert!(
        check.with_code("schema/type").is_empty() && check.with_code("mar/duplicate").is_empty()
    );
}

#[test]
fn bad_rows_are_refused_by_number_and_nothing_is_written() {
    let f = agency();
    let run = import(&f, "bad.csv");
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    let err = run
        .stderr
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "row 2: no service user `SU-0009`",
        "did you mean `Paracetamol 500mg`?",
        "row 4: 09:00 is not a dose time of Paracetamol 500mg",
        "row 5: no carer `MT-999`",
        "row 6: a dose not given needs its reason code",
        "row 8: repeats row 7",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in {err}");
    }
    assert!(!f.path().join("mar").exists(), "nothing written");
}
