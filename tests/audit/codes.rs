//! The audit codes: documented in the README with their default severity,
//! accepted under `policy.rules` by `check`, and overridable there.

use super::support::{Script, agency, consent, plan, with_code};
use carebook::diag::{Code, Severity, Source};

#[test]
fn every_audit_code_is_in_the_readme_with_its_default() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let audit = readme
        .split("## Audit")
        .nth(1)
        .expect("an ## Audit section in the README");
    for code in Code::of(Source::Audit) {
        let default = match code.default_severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let row = format!("| `{}` | {default} |", code.as_str());
        assert!(audit.contains(&row), "README's Audit table lacks {row}");
    }
}

#[test]
fn check_accepts_audit_codes_under_policy_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = agency(
        "  rules:\n    audit/late-entry: error\n    audit/uncommitted: off\n    audit/no-such-thing: off\n",
    );
    std::fs::write(dir.path().join("agency.yaml"), text).expect("write");
    let out = assert_cmd::Command::cargo_bin("carebook")
        .expect("binary")
        .args(["check", "--today", "2026-11-23", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let unknown: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "schema/enum")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(unknown, ["`audit/no-such-thing` is not a rule code"]);
}

#[test]
fn policy_rules_raise_and_silence_audit_codes() {
    let mut s = Script::new();
    let rules = "  rules:\n    audit/late-entry: error\n    audit/uncommitted: off\n";
    s.put("agency.yaml", &agency(rules))
        .put("care-plans/CP-0001.yaml", &plan("CP-0001", "draft", ""));
    s.commit("Ana Pérez", "2026-09-01", "Import records");
    let late = plan("CP-0001", "draft", "").replace(
        "    reviewed_on: 2026-09-20",
        "    reviewed_on: 2026-09-20\n  - {risk: fire, level: low, mitigation: Alarm tested, reviewed_on: 2026-10-01}",
    );
    s.put("care-plans/CP-0001.yaml", &late);
    s.commit("Ana Pérez", "2026-11-20", "Add the fire risk");
    s.checkout();
    s.write_work(
        "care-plans/CP-0002.yaml",
        &plan("CP-0002", "draft", &consent("given", "2026-11-01")),
    );
    let (status, doc) = s.json(&[]);
    let late = with_code(&doc, "audit/late-entry");
    assert_eq!(late.len(), 1, "{doc:#}");
    assert_eq!(late[0]["severity"], "error");
    assert!(with_code(&doc, "audit/uncommitted").is_empty());
    assert_eq!(status, 1);
}
