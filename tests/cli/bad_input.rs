//! The bad-input table of the check issue: each input gets a clear
//! finding, the run goes on to the other files, nothing panics, nothing
//! on disk changes.

use crate::support::{Fixture, Run};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.path().display().to_string(), bytes)
        })
        .collect()
}

fn no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.status == 0 || run.status == 1,
        "status {}: {}",
        run.status,
        run.stderr
    );
}

#[test]
fn file_over_8_mib_is_too_large_without_being_read() {
    let fx = Fixture::base();
    let big = std::fs::File::create(fx.path().join("carers/huge.yaml")).expect("create");
    // Sparse: 2 GiB on paper, no disk used, and reading it whole would be slow.
    big.set_len(2 * 1024 * 1024 * 1024).expect("set_len");
    let start = Instant::now();
    let run = fx.check(&[]);
    assert!(start.elapsed() < Duration::from_secs(20));
    no_panic(&run);
    let f = run.expect("yaml/too-large", "carers/huge.yaml", 1);
    assert!(
        f["message"].as_str().unwrap_or("").contains("2048 MiB"),
        "{f}"
    );
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let fx = Fixture::rule("yaml-too-large", "fail");
    let start = Instant::now();
    let run = fx.check(&[]);
    // Debug build on a loaded CI machine; the release figure is in the bench.
    assert!(start.elapsed() < Duration::from_secs(10));
    no_panic(&run);
    assert_eq!(run.with_code("yaml/too-large").len(), 1);
}

#[test]
fn pipe_named_like_a_record_is_unreadable_not_a_hang() {
    let fx = Fixture::base();
    let fifo = fx.path().join("carers/pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) makes the pipe"
    );
    let run = fx.check(&[]);
    no_panic(&run);
    run.expect("io/unreadable", "carers/pipe.yaml", 1);
}

#[test]
fn file_without_read_permission_is_unreadable() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::base();
    let path = fx.path().join("carers/C-0002.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let run = if std::fs::read(&path).is_ok() {
        // Root reads any file: check as `nobody` instead (setpriv, from
        // util-linux), with the rest of the fixture readable to all.
        as_nobody(&fx, &path)
    } else {
        fx.check(&[])
    };
    no_panic(&run);
    run.expect("io/unreadable", "carers/C-0002.yaml", 1);
}

/// `carebook check` of `fx` run as the user `nobody`, every file but
/// `unreadable` opened up to all (a temporary folder is root's alone).
fn as_nobody(fx: &Fixture, unreadable: &Path) -> Run {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
    };
    for e in walkdir::WalkDir::new(fx.path()).into_iter().flatten() {
        match (e.file_type().is_dir(), e.path() == unreadable) {
            (true, _) => mode(e.path(), 0o755),
            (false, false) => mode(e.path(), 0o644),
            (false, true) => {}
        }
    }
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_carebook"))
        .arg("check")
        .arg(fx.path())
        .args(["--today", crate::support::TODAY, "--format", "json"])
        .output()
        .expect("setpriv (util-linux) runs carebook as nobody");
    Run::from(out)
}

#[test]
fn symlink_loops_are_not_followed() {
    let fx = Fixture::base();
    let p = fx.path();
    std::os::unix::fs::symlink(p, p.join("carers/loop")).expect("dir loop");
    std::os::unix::fs::symlink(p.join("a.yaml"), p.join("b.yaml")).expect("link");
    std::os::unix::fs::symlink(p.join("b.yaml"), p.join("a.yaml")).expect("link");
    let start = Instant::now();
    let run = fx.check(&[]);
    assert!(start.elapsed() < Duration::from_secs(20));
    no_panic(&run);
    // Never followed, and never skipped quietly: each link is a finding.
    for link in ["a.yaml", "b.yaml", "carers/loop"] {
        run.expect("io/unreadable", link, 1);
    }
    assert_eq!(run.findings().len(), 3, "{}", run.stdout);
    assert_eq!(run.json()["summary"]["files"], 6);
}

#[test]
fn empty_scalar_and_list_files_are_not_records() {
    let fx = Fixture::base();
    fx.write("empty.yaml", "")
        .write("comment-only.yaml", "# nothing yet\n")
        .write("scalar.yaml", "just some text\n")
        .write("list.yaml", "- kind: carer\n- kind: carer\n");
    let run = fx.check(&[]);
    no_panic(&run);
    for file in [
        "empty.yaml",
        "comment-only.yaml",
        "scalar.yaml",
        "list.yaml",
    ] {
        let f = run.expect("schema/type", file, 1);
        assert!(f["help"].as_str().unwrap_or("").contains("kind:"), "{f}");
    }
}

#[test]
fn every_wrong_field_of_a_carer_is_reported() {
    let fx = Fixture::base();
    fx.write(
        "carers/C-0003.yaml",
        "kind: carer\nid: [C-0003]\nname: {first: Ann}\nrole: 7\nstatus: [active]\nstart_date: true\n\
         contracted_hours: lots\nhome: BS3 1AB\ntravel: {mode: car}\nskills: hoist\navailability: [mon]\n\
         unavailable: {from: 2026-01-01}\nchecks: [dbs]\ntraining: 3\nsupervisions: monthly\nappraisal: [2026-01-01]\n",
    );
    let run = fx.check(&[]);
    no_panic(&run);
    let lines: Vec<u64> = run
        .findings()
        .iter()
        .filter(|f| f["file"] == "carers/C-0003.yaml")
        .filter_map(|f| f["line"].as_u64())
        .collect();
    for line in 2..=16 {
        assert!(
            lines.contains(&line),
            "no finding on line {line}: {lines:?}"
        );
    }
}

#[test]
fn out_of_form_dates_windows_and_durations() {
    let fx = Fixture::base();
    let vr = std::fs::read_to_string(fx.path().join("visit-rules/VR-0001.yaml")).expect("read");
    fx.write(
        "visit-rules/VR-0001.yaml",
        vr.replace("valid_from: 2026-10-01", "valid_from: 2026-02-30")
            .replace("\"08:00-09:00\"", "\"09:00-08:00\"")
            .replace("duration: 1h", "duration: 45"),
    );
    let run = fx.check(&[]);
    no_panic(&run);
    run.expect("schema/format", "visit-rules/VR-0001.yaml", 5);
    run.expect("schema/format", "visit-rules/VR-0001.yaml", 10);
    let f = run.expect("schema/format", "visit-rules/VR-0001.yaml", 11);
    assert!(
        f["message"]
            .as_str()
            .unwrap_or("")
            .contains("minutes with m"),
        "{f}"
    );
}

#[test]
fn unquoted_times_are_times_and_yes_no_on_are_text() {
    let fx = Fixture::base();
    let cp = std::fs::read_to_string(fx.path().join("care-plans/CP-0001.yaml")).expect("read");
    fx.write(
        "care-plans/CP-0001.yaml",
        cp.replace("times: [\"08:00\"]", "times: [08:00, 07:30]"),
    );
    let vr = std::fs::read_to_string(fx.path().join("visit-rules/VR-0001.yaml")).expect("read");
    fx.write(
        "visit-rules/VR-0001.yaml",
        vr.replace("\"08:00-09:00\"", "08:00-09:00"),
    );
    let su = std::fs::read_to_string(fx.path().join("service-users/SU-0001.yaml")).expect("read");
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace("preferred_name: Peggy", "preferred_name: no")
            .replace("relationship: daughter", "relationship: yes")
            .replace("reference: BCC-ASC-44120", "reference: on"),
    );
    let run = fx.check(&["--deny-warnings"]);
    assert_eq!(run.findings(), Vec::<serde_json::Value>::new());
}

#[test]
fn yes_is_not_a_boolean() {
    let fx = Fixture::base();
    let su = std::fs::read_to_string(fx.path().join("service-users/SU-0001.yaml")).expect("read");
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace("keep_informed: true", "keep_informed: yes"),
    );
    let run = fx.check(&[]);
    let f = run.expect("schema/type", "service-users/SU-0001.yaml", 19);
    assert!(
        f["help"]
            .as_str()
            .unwrap_or("")
            .contains("`true` or `false`"),
        "{f}"
    );
}

#[test]
fn all_bad_inputs_at_once_leave_the_other_files_checked_and_nothing_changed() {
    let fx = Fixture::rule("yaml-too-large", "fail");
    fx.write("a.yaml", "kind: carer\nid: [\n")
        .write("b.yaml", "a: 1\na: 2\n")
        .write("c.yaml", b"kind: carer\nname: Jos\xe9\n".as_slice())
        .write("d.yaml", "")
        .write("e.yaml", "kind: carer\n---\nkind: carer\n");
    let su = std::fs::read_to_string(fx.path().join("service-users/SU-0001.yaml")).expect("read");
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace("943 476 5919", "943 476 5918"),
    );
    let before = snapshot(fx.path());
    let run = fx.check(&[]);
    no_panic(&run);
    assert_eq!(run.status, 1);
    run.expect("nhs-number/check-digit", "service-users/SU-0001.yaml", 7);
    for (code, file) in [
        ("yaml/syntax", "a.yaml"),
        ("yaml/duplicate-key", "b.yaml"),
        ("yaml/encoding", "c.yaml"),
        ("schema/type", "d.yaml"),
        ("yaml/multiple-documents", "e.yaml"),
        ("yaml/too-large", "carers/bomb.yaml"),
    ] {
        assert!(
            run.findings()
                .iter()
                .any(|f| f["code"] == code && f["file"] == file),
            "{code} in {file}"
        );
    }
    // Every output format copes with the same input.
    for format in ["human", "junit", "github"] {
        let r = fx.run(&[
            "check",
            ".",
            "--today",
            crate::support::TODAY,
            "--format",
            format,
        ]);
        no_panic(&r);
        assert_eq!(r.status, 1);
    }
    assert!(before == snapshot(fx.path()), "a file changed on disk");
}

#[test]
fn each_missing_field_is_reported_at_the_kind_line() {
    let fx = Fixture::base();
    fx.write(
        "carers/C-0009.yaml",
        "# new starter\nid: C-0009\nkind: carer\nname: Sam Lee\n",
    );
    let run = fx.check(&[]);
    let missing = run.with_code("schema/missing-field");
    let fields: Vec<&str> = missing.iter().filter_map(|f| f["help"].as_str()).collect();
    assert_eq!(missing.len(), 5, "{fields:?}");
    for field in ["role", "status", "start_date", "home", "travel"] {
        assert!(
            fields.iter().any(|h| h.contains(&format!("`{field}:`"))),
            "{field}: {fields:?}"
        );
    }
    assert!(missing.iter().all(|f| f["line"] == 3 && f["column"] == 1));
}
