//! The base fixture and the example agency pass.

use crate::support::{Fixture, TODAY};
use assert_cmd::Command;

#[test]
fn base_fixture_passes_every_rule() {
    let run = Fixture::base().check(&["--deny-warnings"]);
    assert_eq!(run.findings(), Vec::<serde_json::Value>::new());
    assert_eq!(run.status, 0);
}

#[test]
fn example_agency_passes() {
    let out = Command::cargo_bin("carebook")
        .expect("binary")
        .args([
            "check",
            "examples",
            "--today",
            TODAY,
            "--format",
            "json",
            "--deny-warnings",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["summary"]["errors"], 0);
    assert!(json["summary"]["records"].as_u64().unwrap_or(0) >= 12 + 12 + 12 + 8);
}
