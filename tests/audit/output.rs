//! The three output formats on one small scripted history, as snapshots:
//! the commit ids are the same on every run, since every author, date and
//! tree is set by the script.

use super::support::{Script, agency, carer, consent, plan, visit_rules};

fn history() -> Script {
    let mut s = Script::new();
    s.put("agency.yaml", &agency(""))
        .put(
            "care-plans/CP-0001.yaml",
            &plan("CP-0001", "draft", &consent("given", "2026-09-25")),
        )
        .put(
            "visit-rules/VR-0001.yaml",
            &visit_rules("VR-0001", "CP-0001", "30m"),
        )
        .put("carers/C-0001.yaml", &carer("C-0001", "2026-01-10"));
    s.commit("Helen Okafor", "2026-09-26", "Import the records");
    s.put(
        "care-plans/CP-0001.yaml",
        &plan("CP-0001", "active", &consent("given", "2026-09-25")),
    );
    s.commit("Helen Okafor", "2026-10-01", "Activate Margaret's plan");
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-10-01"));
    s.commit_as(
        "Zoë Ó Briain",
        "2026-10-20",
        "2026-11-02",
        "Longer mornings\n\nAgreed with Margaret's daughter on the phone.",
    );
    s.put(
        "care-plans/CP-0001.yaml",
        &plan("CP-0001", "active", &consent("withdrawn", "2026-11-05")),
    );
    s.commit(
        "Aisha Khan",
        "2026-11-05T16:30:00Z",
        "Consent withdrawn | visits stop",
    );
    s.checkout();
    s
}

#[test]
fn human() {
    let run = history().audit(&["--consent"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!("audit_human", run.stdout);
}

#[test]
fn json() {
    let (status, doc) = history().json(&["--consent"]);
    assert_eq!(status, 1);
    insta::assert_json_snapshot!("audit_json", doc);
}

#[test]
fn markdown() {
    let run = history().audit(&["--format", "md", "--consent", "--today", "2026-11-23"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!("audit_md", run.stdout);
}
