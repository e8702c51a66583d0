//! The pack's sample of care files, chosen by risk as an inspector would
//! (issue 13): a recent hospital discharge first, then a safeguarding
//! concern, then time-critical medicines and the rest, each with the
//! reason shown; the windows come from `policy.inspection`.

use super::{example, ok, read, report};
use crate::support::Fixture;

/// The pack in markdown, with `args`.
fn pack(fx: &Fixture, args: &[&str]) -> String {
    let (run, path) = report(fx, "inspection", "md", args);
    ok(&run);
    read(fx, &path)
}

/// The rows of the table of sampled care files.
fn rows(text: &str) -> Vec<String> {
    let table = text.split("## Sample of care files").nth(1).unwrap_or("");
    table
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| ") && l.contains("(SU-"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_recent_discharge_then_a_safeguarding_concern_are_sampled_first_with_the_reason() {
    let fx = example();
    let text = pack(&fx, &["--sample", "3"]);
    let rows = rows(&text);
    assert_eq!(rows.len(), 3, "{rows:?}");
    // SU-0002 came home from hospital on 5 October (the example's record).
    assert!(rows[0].contains("(SU-0002)"), "{rows:?}");
    assert!(
        rows[0].contains("a recent hospital discharge: home on 5 Oct 2026 (in the last 90 days)"),
        "{rows:?}"
    );
    // SU-0009 is named in INC-2026-003, an allegation of financial abuse.
    assert!(rows[1].contains("(SU-0009)"), "{rows:?}");
    assert!(
        rows[1].contains("a safeguarding concern: INC-2026-003 of 2 Nov 2026"),
        "{rows:?}"
    );
    assert!(rows[2].contains("time-critical medicines"), "{rows:?}");
    assert!(rows[2].contains("(SU-0006)"), "{rows:?}");
    assert!(
        text.contains(
            "someone discharged from hospital in the last 90 days, someone named in a \
             safeguarding concern or referral in the last 12 months, someone with \
             time-critical medicines"
        ),
        "how samples were chosen is said"
    );
    assert!(
        !text.contains("as the records do not hold it"),
        "no risk is named as missing from the records"
    );
}

#[test]
fn the_windows_come_from_the_policy() {
    let fx = example();
    fx.replace("agency.yaml",
        "inspection: {sample: 5, staff_sample: 5}",
        "inspection: {sample: 5, staff_sample: 5, recent_discharge_days: 30, safeguarding_months: 0}",
    );
    let text = pack(&fx, &["--sample", "1"]);
    let rows = rows(&text);
    // The discharge was 49 days ago and the concern 21: neither is recent.
    assert!(rows[0].contains("time-critical medicines"), "{rows:?}");
    assert!(text.contains("discharged from hospital in the last 30 days"));
    assert!(text.contains("safeguarding concern or referral in the last 0 months"));
}

#[test]
fn a_safeguarding_referral_counts_and_an_old_concern_does_not() {
    let fx = example();
    // The example's concern moves back beyond 12 months.
    fx.replace(
        "governance/incidents/INC-2026-003.yaml",
        "occurred: 2026-11-02",
        "occurred: 2025-10-30",
    );
    // A fall referred to safeguarding (no abuse alleged) names SU-0004.
    fx.write(
        "governance/incidents/INC-2026-010.yaml",
        "kind: incident\nid: INC-2026-010\ntype: fall\noccurred: 2026-11-10\n\
         service_users: [SU-0004]\nsummary: Found on the floor; bruises not explained.\n\
         harm: low\nsafeguarding: {concern: false, referred: 2026-11-11}\n",
    );
    let rows = rows(&pack(&fx, &["--sample", "2"]));
    assert!(rows[1].contains("(SU-0004)"), "{rows:?}");
    assert!(
        rows[1].contains("a safeguarding concern: INC-2026-010 of 10 Nov 2026"),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains("(SU-0009)")), "{rows:?}");
}

#[test]
fn a_discharge_sampled_first_is_the_latest_within_the_window() {
    let fx = example();
    // SU-0002's stay moves back beyond 90 days; SU-0007 comes home 3 days ago.
    fx.replace(
        "service-users/SU-0002.yaml",
        "admitted: 2026-09-28\n    discharged: 2026-10-05",
        "admitted: 2026-07-28\n    discharged: 2026-08-05",
    );
    fx.replace(
        "service-users/SU-0007.yaml",
        "\ndemographics:",
        "\nhospital_stays:\n  - {admitted: 2026-03-02, discharged: 2026-03-09}\n  \
         - {admitted: 2026-11-12, discharged: 2026-11-20, hospital: Southmead}\ndemographics:",
    );
    let rows = rows(&pack(&fx, &["--sample", "1"]));
    assert!(rows[0].contains("(SU-0007)"), "{rows:?}");
    assert!(rows[0].contains("home on 20 Nov 2026"), "{rows:?}");
}

#[test]
fn the_redacted_pack_hides_the_hospital_and_the_reason() {
    let fx = example();
    let plain = pack(&fx, &["--sample", "1"]);
    assert!(
        plain.contains(
            "28 Sep 2026 to 5 Oct 2026, Bristol Royal Infirmary, respiratory ward: Chest \
             infection; COPD worse, oxygen increased."
        ),
        "the stay is in the sampled care file"
    );
    let redacted = pack(&fx, &["--sample", "1", "--redact"]);
    assert!(
        redacted.contains("**In hospital:** 28 Sep 2026 to 5 Oct 2026\n"),
        "the dates stay"
    );
    for free_text in [
        "Royal Infirmary",
        "respiratory ward",
        "Chest infection",
        "COPD worse",
    ] {
        assert!(!redacted.contains(free_text), "{free_text} is shown");
    }
}
