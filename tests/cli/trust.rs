//! Regression tests for issue 10's terminal, XML, crash and scale bugs:
//! record values, file names and commit messages reach the terminal
//! escaped; the JUnit output always parses; a finding past column 65,535
//! shows like any other; duplicate ids and human output scale linearly.
//! Big inputs are generated here, never kept as fixtures.

use crate::support::{Fixture, Run, TODAY};
use std::time::{Duration, Instant};

/// Characters that must never reach a terminal as they are.
const RAW: [char; 6] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2066}',
];

fn assert_no_raw(what: &str, run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "{what}: {text}");
        if let Some(c) = text.chars().find(|c| RAW.contains(c)) {
            panic!("{what} prints U+{:04X} raw:\n{text}", u32::from(c));
        }
    }
}

/// The base agency with SU-0001's postcode holding terminal escapes.
fn hostile_postcode() -> Fixture {
    let fx = Fixture::base();
    let path = fx.path().join("service-users/SU-0001.yaml");
    let su = std::fs::read_to_string(&path).expect("SU-0001");
    let su = su.replace(
        "postcode: BS3 1QR",
        r#"postcode: "BS3 1QR\e[2J\e]0;pwned\a\x9b\u202egnp.exe\u2066\x7f""#,
    );
    fx.write("service-users/SU-0001.yaml", su);
    fx
}

#[test]
fn check_human_output_printed_control_characters_raw() {
    let fx = hostile_postcode();
    // A file name holding an escape sequence, with a finding of its own.
    fx.write(
        "carers/C-\u{1b}[31mred\u{202e}.yaml",
        "kind: carer\nid: [\n",
    );
    let run = fx.run(&["check", ".", "--today", TODAY]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_no_raw("check", &run);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("\\u{1b}[2J"),
        "the escape shows as text:\n{all}"
    );
    assert!(all.contains("C-\\u{1b}[31mred\\u{202e}.yaml"), "{all}");
}

#[test]
fn github_output_printed_control_characters_raw() {
    let fx = hostile_postcode();
    let run = fx.run(&["check", ".", "--today", TODAY, "--format", "github"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_no_raw("check --format github", &run);
    assert!(run.stdout.contains("\\u{1b}[2J"), "{}", run.stdout);
}

#[test]
fn audit_human_output_printed_control_characters_raw() {
    let fx = Fixture::base();
    let repo = git2::Repository::init(fx.path()).expect("git init");
    let commit = |message: &str| {
        let sig = git2::Signature::now("Eve\u{1b}[8m", "eve@example.org").expect("sig");
        let mut index = repo.index().expect("index");
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .expect("add");
        index.write().expect("write");
        let tree = repo
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .expect("commit");
    };
    commit("Import\u{1b}]0;pwned\u{7}");
    let path = fx.path().join("service-users/SU-0001.yaml");
    let su = std::fs::read_to_string(&path).expect("SU-0001");
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace(
            "name: Margaret Ellis",
            r#"name: "Margaret\e[2J \u202eEllis\x9b""#,
        ),
    );
    commit("Rename \u{202e}\u{2066}\u{9b}\u{7f}\r\n\nbody \u{1b}[1A");
    let run = fx.run(&["audit", "."]);
    assert!(run.status <= 1, "{}", run.stderr);
    assert_no_raw("audit", &run);
    assert!(run.stdout.contains("Margaret\\u{1b}[2J"), "{}", run.stdout);
}

#[test]
fn junit_output_invalid_xml_with_noncharacters() {
    let fx = Fixture::base();
    let path = fx.path().join("service-users/SU-0001.yaml");
    let su = std::fs::read_to_string(&path).expect("SU-0001");
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace(
            "postcode: BS3 1QR",
            r#"postcode: "BS3 \uFFFE\uFFFF\x0b\x0c\x1f\x01\x08 1QR""#,
        ),
    );
    let run = fx.run(&["check", ".", "--today", TODAY, "--format", "junit"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout)
        .unwrap_or_else(|e| panic!("the JUnit output is not XML: {e}\n{}", run.stdout));
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failing test case");
    assert!(
        failure
            .text()
            .unwrap_or("")
            .contains("is not a UK postcode"),
        "{:?}",
        failure.text()
    );
}

#[test]
fn human_output_panicked_past_column_65535() {
    let fx = Fixture::base();
    let path = fx.path().join("service-users/SU-0001.yaml");
    let su = std::fs::read_to_string(&path).expect("SU-0001");
    let long = "a".repeat(70_000);
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace("line1: 14 Raleigh Road", &format!("line1: \"{long}\""))
            .replace("postcode: BS3 1QR", "postcode: bs3 1qr"),
    );
    let json = fx.check(&[]);
    let column = json.expect("schema/format", "service-users/SU-0001.yaml", 10)["column"]
        .as_u64()
        .expect("a column");
    assert!(
        column > 65_535,
        "the finding is past column 65,535: {column}"
    );
    let run = fx.run(&["check", ".", "--today", TODAY]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stdout
            .contains(&format!("service-users/SU-0001.yaml:10:{column}]")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("is not a UK postcode"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.len() < 10_000, "the snippet is clipped");
}

/// The base agency plus `copies` copies of carer C-0001, same id.
fn duplicated(copies: usize) -> Fixture {
    let fx = Fixture::base();
    let carer = std::fs::read_to_string(fx.path().join("carers/C-0001.yaml")).expect("C-0001");
    for i in 0..copies {
        fx.write(&format!("carers/copies/C-0001-{i:04}.yaml"), &carer);
    }
    fx
}

/// The `record/duplicate-id` findings of a run and their related places.
fn duplicates(run: &Run) -> (usize, usize) {
    let found = run.with_code("record/duplicate-id");
    let related = found
        .iter()
        .map(|f| f["related"].as_array().map_or(0, Vec::len))
        .sum();
    (found.len(), related)
}

#[test]
fn duplicate_ids_quadratic() {
    let (findings, related) = duplicates(&duplicated(199).check(&[]));
    assert_eq!(findings, 200, "one finding per copy");
    assert_eq!(
        related, 200,
        "each copy points at one other, not at every other"
    );

    let fx = duplicated(1_999);
    let started = Instant::now();
    let run = fx.check(&[]);
    let took = started.elapsed();
    assert_eq!(duplicates(&run), (2_000, 2_000));
    assert!(
        took < Duration::from_secs(120),
        "2,000 copies took {took:?}"
    );
}

/// Runs `check` in `format`; returns the run and how long it took.
fn timed(fx: &Fixture, format: &str) -> (Run, Duration) {
    let started = Instant::now();
    let run = fx.run(&["check", ".", "--today", TODAY, "--format", format]);
    (run, started.elapsed())
}

#[test]
fn human_output_quadratic_in_findings() {
    let fx = Fixture::base();
    let path = fx.path().join("service-users/SU-0001.yaml");
    // 2 MB of comment above the record, then 3,000 unknown fields: each
    // finding's snippet must not cost the whole file.
    let mut su = format!("# {}\n", "x".repeat(98)).repeat(20_000);
    su.push_str(&std::fs::read_to_string(&path).expect("SU-0001"));
    for i in 0..3_000 {
        su.push_str(&format!("unknown_{i:05}: 1\n"));
    }
    fx.write("service-users/SU-0001.yaml", su);
    let (json, json_took) = timed(&fx, "json");
    assert_eq!(
        json.json()["findings"].as_array().map(Vec::len),
        Some(3_000)
    );
    let (human, human_took) = timed(&fx, "human");
    assert_eq!(human.status, 1, "{}", human.stderr);
    assert!(
        human.stdout.contains("3000 errors"),
        "{}",
        &human.stdout[human.stdout.len().saturating_sub(300)..]
    );
    // Linear: the human output costs a few times the JSON, not thousands.
    assert!(
        human_took < json_took * 8 + Duration::from_secs(10),
        "human output took {human_took:?}, JSON {json_took:?}"
    );
}
