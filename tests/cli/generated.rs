//! The synthetic agency of `carebook-gen`, checked by the real binary:
//! clean with no deliberate faults, and with faults, each found under the
//! code it was made for and nothing else.

use crate::support::{Fixture, TODAY};
use serde_json::Value;
use std::collections::BTreeMap;

/// A small agency (60 people, 25 carers: about the smallest whose visits
/// all find carers) with `weeks` of visit logs and MAR, faults at
/// `percent`.
fn generate(seed: u64, percent: f64, weeks: u32) -> (Fixture, carebook_gen::Stats) {
    let fx = Fixture::empty();
    let config = carebook_gen::Config {
        service_users: 60,
        carers: 25,
        seed,
        fault_percent: percent,
        log_weeks: weeks,
        mar_weeks: weeks as usize,
        ..carebook_gen::Config::default()
    };
    assert_eq!(config.today.to_string(), TODAY);
    let stats = carebook_gen::generate(fx.path(), &config).expect("the generator writes");
    assert!(stats.mar_doses > 0 && stats.logged_visits > 0, "{stats:?}");
    (fx, stats)
}

/// Findings counted by code.
fn by_code(findings: &[Value]) -> BTreeMap<String, usize> {
    let mut codes = BTreeMap::new();
    for f in findings {
        *codes
            .entry(f["code"].as_str().unwrap_or("?").to_owned())
            .or_default() += 1;
    }
    codes
}

#[test]
fn a_generated_agency_with_no_faults_checks_clean() {
    // Seven weeks reach past carers' latest competency assessments (40
    // days ago), so that visits and doses are judged against the history.
    let (fx, stats) = generate(1, 0.0, 7);
    assert!(stats.faults.is_empty(), "{:?}", stats.faults);
    let run = fx.check(&[]);
    let findings = run.findings();
    assert!(
        findings.is_empty(),
        "findings by code {:?}; the first: {}",
        by_code(&findings),
        serde_json::to_string_pretty(&findings[..findings.len().min(3)]).unwrap_or_default()
    );
    assert_eq!(run.status, 0);
    assert!(run.json()["summary"]["files"].as_u64().unwrap_or(0) > 200);
}

#[test]
fn each_deliberate_fault_is_found_under_its_code() {
    let (fx, stats) = generate(4, 25.0, 2);
    let made: BTreeMap<String, usize> = stats
        .faults
        .iter()
        .map(|(code, n)| ((*code).to_owned(), *n))
        .collect();
    assert!(made.len() >= 5, "{made:?}");
    let found = by_code(&fx.check(&[]).findings());
    assert_eq!(found, made, "findings by code (left), faults made (right)");
}
