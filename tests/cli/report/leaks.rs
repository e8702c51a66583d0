//! Regression tests for `--redact` leaks (issue 10): personal values
//! written in another form than the records' own, echoed in findings, or
//! held only by the git history. Each writes the forms into the example
//! agency, checks a plain build shows them (so the test can see a leak),
//! then that a redacted build shows none.

use super::privacy::{assert_no_leak, commit_all, personal_values, texts};
use super::{example, ok, read};
use crate::support::{Fixture, TODAY};
use std::path::Path;

/// Builds the site as `out`, redacted or not; returns every file's text.
fn build(fx: &Fixture, out: &str, redact: bool) -> Vec<(String, String)> {
    let mut args = vec![
        "build", ".", "--format", "md", "--out", out, "--today", TODAY,
    ];
    if redact {
        args.push("--redact");
    }
    ok(&fx.run(&args));
    texts(fx, out)
}

/// Asserts each of `forms` shows in a plain build and in no file of a
/// redacted one (nor does any value of the records).
fn assert_redacted(fx: &Fixture, forms: &[&str]) {
    let plain = build(fx, "plain", false);
    for form in forms {
        assert!(
            plain.iter().any(|(_, t)| t.contains(form)),
            "a plain build shows `{form}`, so the test can see it leak"
        );
    }
    let mut values = personal_values(fx.path());
    values.extend(forms.iter().map(|f| ("form", (*f).to_owned(), false)));
    assert_no_leak(&build(fx, "site", true), &values);
}

/// The example with SU-0001's communication note holding `note`.
fn with_note(note: &str) -> Fixture {
    let fx = example();
    let path = "service-users/SU-0001.yaml";
    let su = read(&fx, Path::new(path)).replace(
        "communication: Hard of hearing",
        &format!("communication: \"{note} Hard of hearing"),
    );
    let su = su.replace("give her time.", "give her time.\"");
    fx.write(path, su);
    fx
}

#[test]
fn redact_leaked_nhs_numbers_with_dashes_or_spaces() {
    let fx = with_note("NHS no. 999-156-1587, also 999 156 1587 and 999\u{a0}156\u{a0}1587.");
    assert_redacted(
        &fx,
        &["999-156-1587", "999 156 1587", "999\u{a0}156\u{a0}1587"],
    );
}

#[test]
fn redact_leaked_phones_with_dashes_brackets_or_en_dashes() {
    let fx = with_note("Ring (0117) 496-0000, or 0117 – 496 0000, or 0117-496-0101.");
    assert_redacted(
        &fx,
        &["(0117) 496-0000", "0117 – 496 0000", "0117-496-0101"],
    );
}

#[test]
fn redact_leaked_postcodes_in_lower_case_or_without_the_space() {
    let fx = with_note("Post to bs3 1qr, or BS31QR, or Bs3  1Qr.");
    assert_redacted(&fx, &["bs3 1qr", "BS31QR", "Bs3  1Qr"]);
}

#[test]
fn redact_leaked_dates_of_birth_in_other_forms() {
    let forms = [
        "12/04/1936",
        "12 April 1936",
        "12th April, 1936",
        "April 12, 1936",
        "12-Apr-1936",
        "12.04.36",
        "1936/04/12",
    ];
    let fx = with_note(&format!("Born {}.", forms.join("; ")));
    assert_redacted(&fx, &forms);
}

#[test]
fn redact_leaked_raw_values_echoed_in_findings() {
    let fx = example();
    let path = "service-users/SU-0002.yaml";
    let su = read(&fx, Path::new(path));
    let nhs = su
        .lines()
        .find(|l| l.starts_with("nhs_number:"))
        .expect("SU-0002 has an NHS number")
        .to_owned();
    let su = su
        .replace(&nhs, "nhs_number: \"999-156-1587\"")
        .replace("date_of_birth: 1941-11-03", "date_of_birth: 3/11/1941")
        .replace("postcode: BS3 1BN", "postcode: bs3 1bn");
    fx.write(path, su);
    assert_redacted(&fx, &["999-156-1587", "3/11/1941", "bs3 1bn"]);
}

#[test]
fn redact_leaked_funding_reference_in_help_text() {
    let fx = example();
    let path = "service-users/SU-0001.yaml";
    let su = read(&fx, Path::new(path)).replace(
        "commissioned_hours_per_week: 24.5",
        "commissioned_hours_per_week: 40",
    );
    fx.write(path, su);
    assert_redacted(&fx, &["BCC-ASC-44120"]);
}

#[test]
fn redact_leaked_people_deleted_from_the_records_in_the_audit_log() {
    let fx = example();
    let repo = git2::Repository::init(fx.path()).expect("git init");
    let su = read(&fx, Path::new("service-users/SU-0001.yaml"))
        .replace("SU-0001", "SU-0099")
        .replace("Margaret Ellis", "Winifred Abernethy")
        .replace("Susan Ellis", "Rosalind Abernethy")
        .replace("07700 900123", "07700 900777")
        .replace("Peggy", "Winnie");
    fx.write("service-users/winifred-abernethy.yaml", su);
    commit_all(
        &repo,
        "Helen Okafor",
        "2026-10-01T09:00:00Z",
        "Import the records",
    );
    std::fs::remove_file(fx.path().join("service-users/winifred-abernethy.yaml")).expect("rm");
    commit_all(
        &repo,
        "Helen Okafor",
        "2026-11-02T09:00:00Z",
        "Winifred Abernethy moved to a care home (Rosalind: 07700-900-777)",
    );
    assert_redacted(
        &fx,
        &[
            "Winifred",
            "Abernethy",
            "Rosalind",
            "07700-900-777",
            "winifred-abernethy",
        ],
    );
}
