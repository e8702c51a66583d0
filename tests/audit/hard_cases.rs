//! The hard cases, each on a repository built in the test: merges,
//! unreadable versions, deleted and re-created records, an empty
//! repository, a detached HEAD, records in a subfolder, non-ASCII authors,
//! thousands of commits, and this repository's own history.

use super::support::{
    Script, agency, audit_at, carer, changes, consent, lines, plan, visit_rules, with_code,
};
use std::path::Path;

fn base() -> Script {
    let mut s = Script::new();
    s.put("agency.yaml", &agency(""))
        .put(
            "care-plans/CP-0001.yaml",
            &plan("CP-0001", "active", &consent("given", "2026-09-25")),
        )
        .put(
            "visit-rules/VR-0001.yaml",
            &visit_rules("VR-0001", "CP-0001", "30m"),
        );
    s.commit("Helen Okafor", "2026-09-26", "Import the records");
    s
}

#[test]
fn a_merge_attributes_changes_to_the_branch_commits_once() {
    let mut s = base();
    let fork = s.tip();
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-09-20"));
    let on_main = s.commit("Helen Okafor", "2026-09-28", "New carer");
    s.branch("longer-mornings", fork);
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    let on_branch = s.commit("Aisha Khan", "2026-09-27", "Longer mornings");
    s.branch("main", on_main);
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    let merge = s.merge(
        on_branch,
        "Helen Okafor",
        "2026-09-29",
        "Merge longer-mornings",
    );
    s.checkout();
    let (_, doc) = s.json(&[]);
    let all = changes(&doc);
    let durations: Vec<&(String, serde_json::Value)> = all
        .iter()
        .filter(|(_, c)| c["field"] == "visits[morning].duration")
        .collect();
    assert_eq!(durations.len(), 1, "{doc:#}");
    assert_eq!(durations[0].0, on_branch.to_string());
    assert!(
        all.iter().all(|(id, _)| *id != merge.to_string()),
        "{doc:#}"
    );
    let carers = all.iter().filter(|(_, c)| c["record"] == "C-0001").count();
    assert_eq!(carers, 1);
}

#[test]
fn a_merge_that_resolves_a_conflict_shows_its_own_change() {
    let mut s = base();
    let fork = s.tip();
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "40m"),
    );
    let ours = s.commit("Helen Okafor", "2026-09-28", "40 minutes");
    s.branch("other", fork);
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "50m"),
    );
    let theirs = s.commit("Aisha Khan", "2026-09-27", "50 minutes");
    s.branch("main", ours);
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    let merge = s.merge(theirs, "Helen Okafor", "2026-09-29", "Agree on 45 minutes");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let by_merge: Vec<String> = changes(&doc)
        .into_iter()
        .filter(|(id, _)| *id == merge.to_string())
        .map(|(_, c)| format!("{} → {}", c["before"], c["after"]))
        .collect();
    assert_eq!(by_merge, ["\"40m\" → \"45m\""], "{doc:#}");
}

#[test]
fn an_unreadable_version_is_reported_and_the_walk_goes_on() {
    let mut s = base();
    s.put(
        "care-plans/CP-0001.yaml",
        "kind: care-plan\nid: CP-0001\nneeds: [\n",
    );
    let broken = s.commit("Aisha Khan", "2026-09-27", "Oops");
    s.put(
        "care-plans/CP-0001.yaml",
        &plan("CP-0001", "active", &consent("withdrawn", "2026-09-28")),
    );
    s.commit("Aisha Khan", "2026-09-28", "Fixed, and consent withdrawn");
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    s.commit("Aisha Khan", "2026-09-29", "Longer mornings");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let all = changes(&doc);
    let unreadable: Vec<&(String, serde_json::Value)> = all
        .iter()
        .filter(|(_, c)| c["change"] == "unreadable")
        .collect();
    assert_eq!(unreadable.len(), 1, "{doc:#}");
    assert_eq!(unreadable[0].0, broken.to_string());
    assert_eq!(unreadable[0].1["record"], "CP-0001");
    assert!(
        unreadable[0].1["error"]
            .as_str()
            .unwrap_or("")
            .starts_with("yaml/syntax"),
        "{doc:#}"
    );
    // The repaired version is compared with the last readable one.
    let l = lines(&doc);
    assert!(
        l.contains(&"CP-0001 consent.status: given → withdrawn".to_owned()),
        "{l:#?}"
    );
    assert!(
        l.contains(&"VR-0001 visits[morning].duration: 30m → 45m".to_owned()),
        "{l:#?}"
    );
}

#[test]
fn a_record_deleted_and_re_created_and_one_moved() {
    let mut s = base();
    s.rm("visit-rules/VR-0001.yaml");
    s.commit("Aisha Khan", "2026-09-27", "Remove the visits");
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    s.commit("Aisha Khan", "2026-09-28", "Visits again");
    let text = s.get("care-plans/CP-0001.yaml");
    s.rm("care-plans/CP-0001.yaml");
    s.put(
        "plans/margaret.yaml",
        &text.replace("level: medium", "level: high"),
    );
    s.commit("Aisha Khan", "2026-09-29", "Move the plan");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let l = lines(&doc);
    let tail: Vec<&str> = l.iter().skip(3).map(String::as_str).collect();
    assert_eq!(
        tail,
        [
            "VR-0001 removed",
            "VR-0001 added",
            "CP-0001 moved",
            "CP-0001 risks[falls].level: medium → high",
        ],
        "{doc:#}"
    );
    let moved = changes(&doc)
        .into_iter()
        .find(|(_, c)| c["change"] == "moved")
        .expect("a move");
    assert_eq!(moved.1["before"], "care-plans/CP-0001.yaml");
    assert_eq!(moved.1["after"], "plans/margaret.yaml");
    assert_eq!(moved.1["file"], "plans/margaret.yaml");
    let (_, one) = s.json(&["--record", "CP-0001"]);
    assert_eq!(one["commits"].as_array().map(Vec::len), Some(2), "{one:#}");
}

#[test]
fn an_empty_repository() {
    let s = Script::new();
    s.write_work("agency.yaml", &agency(""));
    let (status, doc) = s.json(&[]);
    assert_eq!(status, 0);
    assert_eq!(doc["commits"], serde_json::json!([]));
    assert_eq!(with_code(&doc, "audit/uncommitted").len(), 1, "{doc:#}");
    // More records written, none committed yet.
    s.write_work("care-plans/CP-0001.yaml", &plan("CP-0001", "draft", ""));
    let human = s.audit(&[]);
    assert_eq!(human.status, 0);
    assert!(
        human
            .stdout
            .ends_with("audited 0 commits (0 changes): 0 errors, 2 warnings\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_detached_head_audits_what_is_checked_out() {
    let mut s = base();
    let first = s.tip();
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    s.commit("Aisha Khan", "2026-09-27", "Longer mornings");
    s.checkout();
    s.repo.set_head_detached(first).expect("detach");
    let mut opts = git2::build::CheckoutBuilder::new();
    opts.force();
    s.repo.checkout_head(Some(&mut opts)).expect("checkout");
    let (status, doc) = s.json(&[]);
    assert_eq!(status, 0);
    let ids: Vec<&str> = doc["commits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, [first.to_string()]);
    assert!(with_code(&doc, "audit/uncommitted").is_empty(), "{doc:#}");
}

#[test]
fn records_in_a_subfolder_of_a_larger_repository() {
    let mut s = Script::in_folder("agency/records");
    s.put_top("README.md", "# Our agency\n")
        .put_top("tools/config.yaml", "not: a record\n")
        .put("agency.yaml", &agency(""))
        .put("care-plans/CP-0001.yaml", &plan("CP-0001", "draft", ""));
    s.commit("Helen Okafor", "2026-09-26", "Import");
    s.put_top("README.md", "# Our agency\n\nMore words.\n")
        .put_top("tools/config.yaml", "not: a record, still\n");
    s.commit("Helen Okafor", "2026-09-27", "Docs only");
    s.put(
        "care-plans/CP-0001.yaml",
        &plan("CP-0001", "active", &consent("given", "2026-09-27")),
    );
    let activated = s.commit("Helen Okafor", "2026-09-28", "Activate");
    s.checkout();
    s.write_work("../../README.md", "# changed, but not a record\n");
    let (status, doc) = s.json(&[]);
    assert_eq!(status, 0, "{doc:#}");
    let commits = doc["commits"].as_array().expect("commits");
    assert_eq!(
        commits.len(),
        2,
        "the docs-only commit is left out: {doc:#}"
    );
    assert_eq!(commits[1]["id"], activated.to_string());
    let files: Vec<String> = changes(&doc)
        .into_iter()
        .filter_map(|(_, c)| c["file"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        files,
        [
            "agency.yaml",
            "care-plans/CP-0001.yaml",
            "care-plans/CP-0001.yaml",
            "care-plans/CP-0001.yaml"
        ]
    );
    assert!(with_code(&doc, "audit/uncommitted").is_empty());
}

#[test]
fn non_ascii_authors_and_messages() {
    let mut s = base();
    for (who, when) in [
        ("Łukasz Żółć", "2026-09-27"),
        ("Ayşe Yılmaz", "2026-09-28"),
        ("井上 花子", "2026-09-29"),
    ] {
        let d = format!("{}m", 30 + when[8..].parse::<u32>().unwrap_or(0));
        s.put(
            "visit-rules/VR-0001.yaml",
            &visit_rules("VR-0001", "CP-0001", &d),
        );
        s.commit(who, when, &format!("Visite modifiée par {who} ✓"));
    }
    s.checkout();
    let (_, doc) = s.json(&[]);
    let authors: Vec<&str> = doc["commits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["author"].as_str())
        .collect();
    assert_eq!(
        authors,
        ["Helen Okafor", "Łukasz Żółć", "Ayşe Yılmaz", "井上 花子"]
    );
    assert_eq!(
        doc["commits"][3]["message"],
        "Visite modifiée par 井上 花子 ✓"
    );
    let human = s.audit(&[]).stdout;
    assert!(human.contains("井上 花子 <井上@example.org>"), "{human}");
}

#[test]
fn thousands_of_commits() {
    let mut s = Script::new();
    s.put("agency.yaml", &agency(""));
    for i in 0..20 {
        s.put(
            &format!("visit-rules/VR-{i:04}.yaml"),
            &visit_rules(&format!("VR-{i:04}"), "CP-0001", "30m"),
        );
    }
    s.commit("Helen Okafor", "2026-01-01", "Import");
    let start = super::support::secs("2026-01-02");
    for n in 1..2000 {
        let i = n % 20;
        let when = chrono::DateTime::from_timestamp(start + n * 3600, 0)
            .expect("time")
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        s.put(
            &format!("visit-rules/VR-{i:04}.yaml"),
            &visit_rules(&format!("VR-{i:04}"), "CP-0001", &format!("{}m", 30 + n)),
        );
        s.commit("Aisha Khan", &when, &format!("Change {n}"));
    }
    s.checkout();
    let started = std::time::Instant::now();
    let (status, doc) = s.json(&[]);
    let took = started.elapsed();
    assert_eq!(status, 0);
    assert_eq!(doc["commits"].as_array().map(Vec::len), Some(2000));
    assert_eq!(doc["summary"]["changes"], 21 + 1999);
    let last = &doc["commits"][1999]["changes"][0];
    assert_eq!(last["before"], format!("{}m", 30 + 1979));
    assert_eq!(last["after"], format!("{}m", 30 + 1999));
    assert!(took.as_secs() < 30, "audit took {took:?}");
}

#[test]
fn since_until_and_record_filters() {
    let mut s = base();
    for (day, d) in [
        ("2026-10-01", "35m"),
        ("2026-10-15", "40m"),
        ("2026-11-01", "45m"),
    ] {
        s.put(
            "visit-rules/VR-0001.yaml",
            &visit_rules("VR-0001", "CP-0001", d),
        );
        s.commit("Aisha Khan", day, "Visits");
    }
    s.checkout();
    let (_, doc) = s.json(&["--since", "2026-10-01", "--until", "2026-10-15"]);
    assert_eq!(
        lines(&doc),
        [
            "VR-0001 visits[morning].duration: 30m → 35m",
            "VR-0001 visits[morning].duration: 35m → 40m",
        ]
    );
    let (_, doc) = s.json(&["--record", "CP-0001"]);
    assert_eq!(lines(&doc), ["CP-0001 added"]);
    let (_, doc) = s.json(&["--record", "CP-0001", "--consent"]);
    let events: Vec<&str> = doc["consent"][0]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["event"].as_str())
        .collect();
    assert_eq!(
        events,
        [
            "created",
            "consent-recorded",
            "visit-rules-changed",
            "visit-rules-changed",
            "visit-rules-changed"
        ]
    );
}

#[test]
fn not_a_git_repository_fails_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("agency.yaml"), agency("")).expect("write");
    let run = audit_at(dir.path(), &[]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("git init"), "{}", run.stderr);
    let run = audit_at(&dir.path().join("nowhere"), &[]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("has no agency.yaml"), "{}", run.stderr);
}

#[test]
fn this_repositorys_own_history_with_examples_as_the_records() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        git2::Repository::discover(root).is_ok(),
        "this test audits the repository's own history: run it in a git clone"
    );
    let mut cmd = assert_cmd::Command::cargo_bin("carebook").expect("binary");
    let out = cmd
        .args(["audit", "examples", "--format", "json", "--consent"])
        .current_dir(root)
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let all = changes(&doc);
    assert!(
        all.iter().any(|(_, c)| c["record"] == "CP-0001"),
        "examples/ appears in the history: {doc:#}"
    );
    assert!(all.iter().all(|(_, c)| {
        let file = c["file"].as_str().unwrap_or("");
        !file.starts_with("examples/") && (file.ends_with(".yaml") || file.ends_with(".yml"))
    }));
    assert!(doc["consent"].as_array().is_some_and(|t| t.len() >= 13));
    assert!(
        with_code(&doc, "audit/active-without-consent").is_empty(),
        "{doc:#}"
    );
    assert!(out.status.code().is_some_and(|c| c == 0 || c == 1));
}

#[test]
fn audit_record_with_an_unknown_id_says_no_problems_found() {
    let s = base();
    s.checkout();
    let run = s.audit(&["--record", "CP-9999"]);
    assert_eq!(run.status, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("CP-9999"), "{}", run.stderr);
    assert!(!run.stdout.contains("no problems found"), "{}", run.stdout);
    let run = s.audit(&["--record", "CP-0010"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `CP-0001`"),
        "{}",
        run.stderr
    );
    let (status, doc) = s.json(&["--record", "CP-0001"]);
    assert!(matches!(status, 0 | 1), "{doc:#}");
}

#[test]
fn a_merge_repeats_its_branch_late_entry_and_backdated_edit() {
    let mut s = Script::new();
    s.put("agency.yaml", &agency(""))
        .put("carers/C-0001.yaml", &carer("C-0001", "2024-01-10"))
        .put(
            "care-plans/CP-0001.yaml",
            &plan("CP-0001", "active", &consent("given", "2026-09-25")),
        );
    s.commit("Helen Okafor", "2026-09-26", "Import");
    let fork = s.tip();
    // On main: the same carer's supervision is recorded.
    let supervised = s.get("carers/C-0001.yaml").replace(
        "supervisions: [2026-09-02]",
        "supervisions: [2026-09-02, 2026-11-02]",
    );
    s.put("carers/C-0001.yaml", &supervised);
    let riskier = s
        .get("care-plans/CP-0001.yaml")
        .replace("level: medium", "level: high");
    s.put("care-plans/CP-0001.yaml", &riskier);
    let on_main = s.commit("Helen Okafor", "2026-11-03", "Supervision, falls risk");
    // On a branch: training entered 40 days late, and the plan's
    // assessment date moved back.
    s.branch("late", fork);
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-10-11"));
    let backdated = s
        .get("care-plans/CP-0001.yaml")
        .replace("assessed_on: 2026-09-20", "assessed_on: 2026-09-10");
    s.put("care-plans/CP-0001.yaml", &backdated);
    let on_branch = s.commit("Aisha Khan", "2026-11-20", "Training, assessment date");
    s.branch("main", on_main);
    // The merge has both sides' changes to the carer.
    let both = carer("C-0001", "2026-10-11").replace(
        "supervisions: [2026-09-02]",
        "supervisions: [2026-09-02, 2026-11-02]",
    );
    s.put("carers/C-0001.yaml", &both);
    s.put(
        "care-plans/CP-0001.yaml",
        &backdated.replace("level: medium", "level: high"),
    );
    s.merge(on_branch, "Helen Okafor", "2026-11-21", "Merge late");
    s.checkout();
    let (_, doc) = s.json(&[]);
    // The branch's training and assessment were late, and the assessment
    // moved back: each found once, on the branch's commit.
    for (code, count) in [("audit/late-entry", 2), ("audit/backdated-edit", 1)] {
        let found = with_code(&doc, code);
        assert_eq!(found.len(), count, "{code}: {doc:#}");
        for f in &found {
            assert_eq!(f["commit"], on_branch.to_string(), "{code}: {f:#}");
        }
    }
}

#[test]
fn renaming_the_records_folder_shows_every_record_as_added() {
    let mut s = Script::in_folder("records");
    s.put("agency.yaml", &agency(""))
        .put(
            "care-plans/CP-0001.yaml",
            &plan("CP-0001", "active", &consent("given", "2026-09-25")),
        )
        .put(
            "visit-rules/VR-0001.yaml",
            &visit_rules("VR-0001", "CP-0001", "30m"),
        );
    s.commit("Helen Okafor", "2026-09-26", "Import the records");
    let riskier = s
        .get("care-plans/CP-0001.yaml")
        .replace("level: medium", "level: high");
    s.put("care-plans/CP-0001.yaml", &riskier);
    let before = s.commit("Aisha Khan", "2026-10-01", "Falls risk up");
    s.move_records("care-records");
    let moved = s.commit("Helen Okafor", "2026-10-05", "Rename the records folder");
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    s.commit("Aisha Khan", "2026-10-06", "Longer mornings");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let all = changes(&doc);
    assert!(
        all.iter().all(|(id, _)| *id != moved.to_string()),
        "the rename is no change to any record: {doc:#}"
    );
    assert!(
        all.iter()
            .any(|(id, c)| *id == before.to_string() && c["record"] == "CP-0001"),
        "the history before the rename is kept: {doc:#}"
    );
    let (_, one) = s.json(&["--record", "CP-0001"]);
    assert_eq!(one["commits"].as_array().map(Vec::len), Some(2), "{one:#}");
}
