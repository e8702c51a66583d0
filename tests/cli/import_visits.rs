//! `carebook import visits`: a call monitoring CSV into visit logs,
//! idempotent, merging into existing weeks, all or nothing.

use crate::support::{Fixture, TODAY};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/visits")
        .join(name);
    assert!(p.is_file(), "missing test data {}", p.display());
    p
}

fn import(f: &Fixture, csv: &str) -> crate::support::Run {
    let csv = data(csv);
    let map = data("calltrack.yaml");
    f.run(&[
        "import",
        "visits",
        csv.to_str().expect("utf-8 path"),
        "--map",
        map.to_str().expect("utf-8 path"),
        "--today",
        TODAY,
    ])
}

/// Standard error without miette's line wrapping and margins.
fn flat(s: &str) -> String {
    s.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const LOG: &str = "logs/SU-0001/2026-W47.yaml";

fn log_text(f: &Fixture) -> String {
    std::fs::read_to_string(f.path().join(LOG)).expect("the log was written")
}

#[test]
fn import_writes_a_week_that_checks_clean() {
    let f = Fixture::base();
    let run = import(&f, "week47.csv");
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("added 3 visits"), "{}", run.stdout);
    let text = log_text(&f);
    assert!(
        text.contains("kind: visit-log\nid: log-SU-0001-2026-W47\n"),
        "{text}"
    );
    assert!(
        text.contains("outcome: cancelled-by-person\n    reason: \"Hospital appointment\""),
        "{text}"
    );
    assert!(
        text.contains("{task: \"breakfast\", reason: \"had eaten already\"}"),
        "{text}"
    );
    f.check(&[]).expect_clean();
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let f = Fixture::base();
    assert_eq!(import(&f, "week47.csv").status, 0);
    let first = log_text(&f);
    let again = import(&f, "week47.csv");
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("added 0 visits, 3 already recorded"),
        "{}",
        again.stdout
    );
    assert_eq!(log_text(&f), first);
}

#[test]
fn a_later_export_is_added_to_the_week_keeping_every_byte_already_there() {
    let f = Fixture::base();
    assert_eq!(import(&f, "week47.csv").status, 0);
    // A person's correction and comment in the log must survive.
    let edited = log_text(&f).replace(
        "notes: \"Peggy in good spirits, ate porridge\"",
        "notes: \"Peggy in good spirits, ate porridge\" # checked by the office",
    );
    f.write(LOG, &edited);
    let run = import(&f, "week47-later.csv");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("added 2 visits, 1 already recorded"),
        "{}",
        run.stdout
    );
    let text = log_text(&f);
    assert!(text.starts_with(&edited), "{text}");
    assert!(
        text.contains("date: 2026-11-19") && text.contains("date: 2026-11-20"),
        "{text}"
    );
    f.check(&[]).expect_clean();
}

#[test]
fn refused_rows_are_listed_by_number_and_nothing_is_written() {
    let f = Fixture::base();
    let run = import(&f, "refused.csv");
    assert_eq!(run.status, 2, "{}", run.stdout);
    let stderr = flat(&run.stderr);
    for expected in [
        "row 3: no service user `SU-0099`",
        "row 4: no carer `C-0077`",
        "row 5: `8.05am` in column `Check In` is not a time",
        "row 6: departed 08:02 before arriving at 09:05",
        "row 7: repeats row 2",
        "row 8: SU-0001 has no visit `brunch`",
    ] {
        assert!(stderr.contains(expected), "{expected}:\n{stderr}");
    }
    assert!(
        stderr.contains("6 rows refused, nothing written"),
        "{stderr}"
    );
    assert!(
        !f.path().join("logs").exists(),
        "a refused file wrote something"
    );
}

#[test]
fn a_mapping_naming_a_column_the_csv_lacks_is_refused_with_a_suggestion() {
    let f = Fixture::base();
    let map = std::fs::read_to_string(data("calltrack.yaml"))
        .expect("mapping")
        .replace("arrived: Check In", "arrived: Arrival Time");
    f.write("bad-map.yaml", map);
    let csv = data("week47.csv");
    let run = f.run(&[
        "import",
        "visits",
        csv.to_str().expect("utf-8"),
        "--map",
        "bad-map.yaml",
        "--today",
        TODAY,
    ]);
    assert_eq!(run.status, 2);
    let stderr = flat(&run.stderr);
    assert!(stderr.contains("no column `Arrival Time`"), "{stderr}");
    assert!(stderr.contains("its columns are: Client Ref"), "{stderr}");
    assert!(!f.path().join("logs").exists());
}
