//! Every audit code, each with a scripted history that makes it and one
//! that does not.

use super::support::{Script, agency, audit_at, carer, consent, plan, visit_rules, with_code};

/// A repository whose root commit imports an agency and an active plan
/// with consent given on 2026-09-25.
fn imported() -> Script {
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
fn active_without_consent_names_the_commit_and_the_span() {
    let mut s = imported();
    s.put(
        "care-plans/CP-0001.yaml",
        &plan("CP-0001", "active", &consent("withdrawn", "2026-10-05")),
    );
    let start = s.commit("Aisha Khan", "2026-10-05T10:00:00Z", "Consent withdrawn");
    s.put(
        "care-plans/CP-0001.yaml",
        &plan("CP-0001", "ended", &consent("withdrawn", "2026-10-05")),
    );
    let end = s.commit("Aisha Khan", "2026-10-09T10:00:00Z", "End the plan");
    s.checkout();
    let (status, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/active-without-consent");
    assert_eq!(found.len(), 1, "{doc:#}");
    let f = &found[0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["record"], "CP-0001");
    assert_eq!(f["commit"], start.to_string());
    assert_eq!(f["file"], "care-plans/CP-0001.yaml");
    assert_eq!(f["line"], 20, "the consent.status line");
    let message = f["message"].as_str().unwrap_or("");
    assert!(message.contains("consent withdrawn"), "{message}");
    assert!(
        message.contains(&format!(
            "from 2026-10-05 (commit {:.7})",
            start.to_string()
        )) && message.contains(&format!("until 2026-10-09 (commit {:.7})", end.to_string())),
        "{message}"
    );
    assert_eq!(status, 1);
}

#[test]
fn active_without_consent_still_at_head_and_a_plan_with_none() {
    let mut s = imported();
    s.put("care-plans/CP-0002.yaml", &plan("CP-0002", "active", ""));
    s.commit("Aisha Khan", "2026-10-05", "A plan with no consent");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/active-without-consent");
    assert_eq!(found.len(), 1, "{doc:#}");
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(message.contains("no consent recorded"), "{message}");
    assert!(message.ends_with("and still is"), "{message}");
    assert_eq!(
        found[0]["line"], 4,
        "the status line, as there is no consent"
    );
}

#[test]
fn changed_after_consent_unless_consent_is_re_dated() {
    let mut s = imported();
    s.put(
        "care-plans/CP-0002.yaml",
        &plan("CP-0002", "active", &consent("given", "2026-09-25")),
    );
    s.commit("Helen Okafor", "2026-09-27", "Second plan");
    let more = |p: &str| {
        p.replace(
            "One carer, morning and evening.",
            "Two carers, with the hoist.",
        )
    };
    s.put(
        "care-plans/CP-0001.yaml",
        &more(&s.get("care-plans/CP-0001.yaml")),
    );
    s.put(
        "care-plans/CP-0002.yaml",
        &more(&s.get("care-plans/CP-0002.yaml")),
    );
    let changed = s.commit("Aisha Khan", "2026-10-03", "More support for both");
    // CP-0002's consent is taken again afterwards; CP-0001's never is.
    let redated = s
        .get("care-plans/CP-0002.yaml")
        .replace("date: 2026-09-25", "date: 2026-10-04");
    s.put("care-plans/CP-0002.yaml", &redated);
    s.commit("Helen Okafor", "2026-10-04", "Consent to the new support");
    s.checkout();
    let (status, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/changed-after-consent");
    assert_eq!(found.len(), 1, "{doc:#}");
    let f = &found[0];
    assert_eq!(f["record"], "CP-0001");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["commit"], changed.to_string());
    assert_eq!(f["line"], 13, "the support line");
    let message = f["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with("needs[personal-care].support changed on 2026-10-03")
            && message.contains("consent dated 2026-09-25"),
        "{message}"
    );
    assert_eq!(status, 0, "warnings only");
}

#[test]
fn changed_after_consent_through_the_visit_rules() {
    let mut s = imported();
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    let changed = s.commit("Aisha Khan", "2026-10-03", "Longer mornings");
    // A risk review alone is not a change of care.
    let reviewed = s
        .get("care-plans/CP-0001.yaml")
        .replace("reviewed_on: 2026-09-20", "reviewed_on: 2026-10-04");
    s.put("care-plans/CP-0001.yaml", &reviewed);
    s.commit("Aisha Khan", "2026-10-04", "Falls risk reviewed");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/changed-after-consent");
    assert_eq!(found.len(), 1, "{doc:#}");
    assert_eq!(found[0]["record"], "CP-0001");
    assert_eq!(found[0]["commit"], changed.to_string());
    assert_eq!(found[0]["file"], "visit-rules/VR-0001.yaml");
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("visit rules VR-0001: visits[morning].duration"),
        "{message}"
    );
}

#[test]
fn late_entry_by_the_committer_date_and_not_for_the_import() {
    let mut s = Script::new();
    // Imported records from long ago are the baseline.
    s.put("agency.yaml", &agency(""))
        .put("carers/C-0001.yaml", &carer("C-0001", "2024-01-10"));
    s.commit("Zoë Ó Briain", "2026-09-01", "Import");
    // Entered 40 days after the training, though the author date says otherwise.
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-10-11"));
    let late = s.commit_as("Zoë Ó Briain", "2026-10-12", "2026-11-20", "Training done");
    // Entered on time.
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-11-18"));
    s.commit("Zoë Ó Briain", "2026-11-21", "Training refreshed");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/late-entry");
    assert_eq!(found.len(), 1, "{doc:#}");
    let f = &found[0];
    assert_eq!(f["commit"], late.to_string());
    assert_eq!(f["record"], "C-0001");
    assert_eq!(f["line"], 8);
    let message = f["message"].as_str().unwrap_or("");
    assert!(
        message.contains("training[moving-and-handling].completed")
            && message.contains("dated 2026-10-11 was committed on 2026-11-20, 40 days later"),
        "{message}"
    );
}

#[test]
fn late_entry_respects_audit_from_and_late_entry_days() {
    for (policy, expected) in [
        ("", 1),
        ("  audit_from: 2026-12-01\n", 0),
        ("  rules: {}\n", 1),
    ] {
        let mut s = Script::new();
        s.put("agency.yaml", &agency(policy))
            .put("carers/C-0001.yaml", &carer("C-0001", "2024-01-10"));
        s.commit("A", "2026-09-01", "Import");
        s.put("carers/C-0001.yaml", &carer("C-0001", "2026-10-11"));
        s.commit("A", "2026-11-20", "Training");
        s.checkout();
        let (_, doc) = s.json(&[]);
        assert_eq!(
            with_code(&doc, "audit/late-entry").len(),
            expected,
            "{policy}"
        );
    }
    let mut s = Script::new();
    let generous = agency("").replace("late_entry_days: 14", "late_entry_days: 60");
    s.put("agency.yaml", &generous)
        .put("carers/C-0001.yaml", &carer("C-0001", "2024-01-10"));
    s.commit("A", "2026-09-01", "Import");
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-10-11"));
    s.commit("A", "2026-11-20", "Training");
    s.checkout();
    assert!(with_code(&s.json(&[]).1, "audit/late-entry").is_empty());
}

#[test]
fn backdated_edit_of_a_consent_date() {
    let mut s = imported();
    let moved = s
        .get("care-plans/CP-0001.yaml")
        .replace("date: 2026-09-25", "date: 2026-09-01");
    s.put("care-plans/CP-0001.yaml", &moved);
    let back = s.commit("Aisha Khan", "2026-10-02", "Fix the date");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/backdated-edit");
    assert_eq!(found.len(), 1, "{doc:#}");
    assert_eq!(found[0]["commit"], back.to_string());
    assert_eq!(found[0]["line"], 21);
    assert_eq!(
        found[0]["message"],
        "consent (consent.date) moved back from 2026-09-25 to 2026-09-01"
    );
    // Moving a review date forward or back is planning, not backdating.
    let mut s = imported();
    let sooner = s
        .get("care-plans/CP-0001.yaml")
        .replace("review_due: 2027-04-01", "review_due: 2027-01-01");
    s.put("care-plans/CP-0001.yaml", &sooner);
    s.commit("Aisha Khan", "2026-10-02", "Review sooner");
    s.checkout();
    assert!(with_code(&s.json(&[]).1, "audit/backdated-edit").is_empty());
}

#[test]
fn uncommitted_new_changed_and_deleted_records() {
    let mut s = imported();
    s.put("carers/C-0001.yaml", &carer("C-0001", "2026-01-10"));
    s.commit("Helen Okafor", "2026-09-27", "Carer");
    s.checkout();
    let (status, doc) = s.json(&[]);
    assert!(with_code(&doc, "audit/uncommitted").is_empty(), "{doc:#}");
    assert_eq!(status, 0);

    let withdrawn = s
        .get("care-plans/CP-0001.yaml")
        .replace("status: given", "status: withdrawn");
    s.write_work("care-plans/CP-0001.yaml", &withdrawn);
    s.write_work("care-plans/CP-0009.yaml", &plan("CP-0009", "draft", ""));
    s.write_work("notes.txt", "not a record");
    std::fs::remove_file(s.records().join("carers/C-0001.yaml")).expect("rm");
    let (status, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/uncommitted");
    let summary: Vec<String> = found
        .iter()
        .map(|f| format!("{} {} {}", f["record"], f["file"], f["message"]))
        .collect();
    assert_eq!(
        summary,
        [
            "\"CP-0001\" \"care-plans/CP-0001.yaml\" \"changed since the last commit: consent.status: given → withdrawn\"",
            "\"CP-0009\" \"care-plans/CP-0009.yaml\" \"a new record file, not yet committed\"",
            "\"C-0001\" \"carers/C-0001.yaml\" \"deleted, but the deletion is not committed\"",
        ]
    );
    assert_eq!(found[0]["line"], 20);
    assert!(
        found
            .iter()
            .all(|f| f["severity"] == "warning" && f["commit"].is_null())
    );
    assert_eq!(status, 0);
}

#[test]
fn shallow_history_in_a_shallow_clone() {
    let mut s = imported();
    s.put(
        "visit-rules/VR-0001.yaml",
        &visit_rules("VR-0001", "CP-0001", "45m"),
    );
    s.commit("Aisha Khan", "2026-10-03", "Longer mornings");
    s.checkout();
    let clone = tempfile::tempdir().expect("tempdir");
    let target = clone.path().join("clone");
    let ok = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", s.path().display()))
        .arg(&target)
        .status()
        .expect("git runs");
    assert!(ok.success());
    let run = audit_at(&target, &["--format", "json"]);
    let doc = run.json();
    let found = with_code(&doc, "audit/shallow-history");
    assert_eq!(found.len(), 1, "{doc:#}");
    assert_eq!(found[0]["severity"], "error");
    assert!(
        found[0]["help"]
            .as_str()
            .unwrap_or("")
            .contains("git fetch --unshallow")
    );
    // The boundary commit is a baseline: its records count as imported.
    assert!(with_code(&doc, "audit/late-entry").is_empty());
    assert_eq!(run.status, 1);
    let full = s.json(&[]).1;
    assert!(with_code(&full, "audit/shallow-history").is_empty());
}

#[test]
fn moving_the_consent_date_earlier_after_a_change_counts_as_re_consent() {
    let mut s = imported();
    let more = s.get("care-plans/CP-0001.yaml").replace(
        "One carer, morning and evening.",
        "Two carers, with the hoist.",
    );
    s.put("care-plans/CP-0001.yaml", &more);
    let changed = s.commit("Aisha Khan", "2026-10-03", "More support");
    // The consent date is corrected to an earlier day: nobody consented
    // to the change, so the change stays a finding.
    let earlier = s
        .get("care-plans/CP-0001.yaml")
        .replace("date: 2026-09-25", "date: 2026-09-20");
    s.put("care-plans/CP-0001.yaml", &earlier);
    s.commit("Helen Okafor", "2026-10-04", "Consent date corrected");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/changed-after-consent");
    assert_eq!(found.len(), 1, "{doc:#}");
    assert_eq!(found[0]["record"], "CP-0001");
    assert_eq!(found[0]["commit"], changed.to_string());
}

/// An incident of the governance records (issue 12).
fn incident(occurred: &str, extra: &str) -> String {
    format!(
        "kind: incident\nid: INC-0001\ntype: police-involvement\noccurred: {occurred}\n\
         summary: Police called to a dispute at the door.\nharm: none\n{extra}"
    )
}

#[test]
fn governance_records_show_field_changes_and_late_entries() {
    let mut s = Script::new();
    s.put("agency.yaml", &agency(""))
        .put("carers/C-0001.yaml", &carer("C-0001", "2024-01-10"));
    s.commit("A", "2026-09-01", "Import");
    // Written up 30 days after it happened.
    s.put(
        "governance/incidents/INC-0001.yaml",
        &incident("2026-10-01", ""),
    );
    let late = s.commit("A", "2026-10-31", "Incident written up");
    // The notification recorded the day it was sent.
    s.put(
        "governance/incidents/INC-0001.yaml",
        &incident("2026-10-01", "notification: {sent: 2026-11-01}\n"),
    );
    let sent = s.commit("A", "2026-11-01", "Notified CQC");
    // An action written up on time, done, then its date moved earlier.
    let action = |done: &str| {
        format!(
            "kind: action\nid: ACT-0001\nwhat: Fit a door chain.\nsource: incident\n\
             raised: 2026-11-02\nowner: C-0001\ndue: 2026-11-30\ndone: {done}\n"
        )
    };
    s.put("governance/actions/ACT-0001.yaml", &action("2026-11-10"));
    s.commit("A", "2026-11-10", "Action done");
    s.put("governance/actions/ACT-0001.yaml", &action("2026-11-03"));
    let moved = s.commit("A", "2026-11-12", "Action date");
    s.checkout();
    let (_, doc) = s.json(&[]);
    let found = with_code(&doc, "audit/late-entry");
    assert_eq!(found.len(), 1, "{doc:#}");
    assert_eq!(found[0]["commit"], late.to_string());
    assert_eq!(found[0]["record"], "INC-0001");
    assert_eq!(found[0]["line"], 4);
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("occurred") && message.contains("30 days later"),
        "{message}"
    );
    let backdated = with_code(&doc, "audit/backdated-edit");
    assert_eq!(backdated.len(), 1, "{doc:#}");
    assert_eq!(backdated[0]["commit"], moved.to_string());
    // Field by field, like any record.
    let commits = doc["commits"].as_array().cloned().unwrap_or_default();
    let notified = commits
        .iter()
        .find(|c| c["id"] == sent.to_string())
        .expect("the commit is logged");
    let change = &notified["changes"][0];
    assert_eq!(change["record"], "INC-0001", "{notified:#}");
    assert_eq!(change["kind"], "incident");
    assert_eq!(change["field"], "notification", "{notified:#}");
    assert_eq!(change["change"], "modified", "{notified:#}");
    assert_eq!(change["before"], serde_json::Value::Null);
    assert_eq!(change["after"], "{ sent: 2026-11-01 }");
}
