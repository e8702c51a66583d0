//! Consent by an attorney under the Mental Capacity Act (issue 13, "Rules
//! that are wrong today", 1): a health-and-welfare attorney or a deputy
//! decides only when the person lacks capacity, and only the attorney who
//! holds the LPA may consent.

use crate::support::Fixture;

const CP: &str = "care-plans/CP-0001.yaml";
const SU: &str = "service-users/SU-0001.yaml";

/// The passing LPA fixture (Susan Ellis consents and holds an LPA for
/// both), with each `(old, new)` replaced once in `file`.
fn lpa_case(edits: &[(&str, &str, &str)]) -> Fixture {
    let fx = Fixture::rule("consent-lpa-not-on-file", "pass");
    for (file, old, new) in edits {
        let path = fx.path().join(file);
        let text = std::fs::read_to_string(&path).expect("fixture file");
        assert!(text.contains(old), "{file} has no `{old}`");
        fx.write(file, text.replacen(old, new, 1));
    }
    fx
}

#[test]
fn attorney_consent_passes_when_the_person_has_capacity() {
    let fx = lpa_case(&[(CP, "has_capacity: false", "has_capacity: true")]);
    let f = fx.check(&[]).expect("consent/capacity", CP, 28);
    let message = f["message"].as_str().unwrap_or_default();
    assert!(message.contains("given by an attorney"), "{f}");
    assert!(message.contains("has capacity"), "{f}");
    // A deputy likewise.
    let fx = lpa_case(&[
        (CP, "has_capacity: false", "has_capacity: true"),
        (CP, "given_by: lpa", "given_by: deputy"),
    ]);
    let f = fx.check(&[]).expect("consent/capacity", CP, 28);
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("a deputy"),
        "{f}"
    );
}

#[test]
fn naming_an_attorney_who_holds_no_lpa_passes_if_another_contact_holds_one() {
    // Tom holds no LPA; Susan (another contact) holds one for both.
    let fx = lpa_case(&[
        (
            SU,
            "contacts:\n",
            "contacts:\n  - name: Tom Ellis\n    relationship: son\n",
        ),
        (CP, "attorney: Susan Ellis", "attorney: Tom Ellis"),
    ]);
    let f = fx.check(&[]).expect("consent/lpa-not-on-file", CP, 27);
    let message = f["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Tom Ellis holds no health-and-welfare LPA"),
        "{f}"
    );
    // An attorney who is no contact at all.
    let fx = lpa_case(&[(CP, "attorney: Susan Ellis", "attorney: Jo Bloggs")]);
    let f = fx.check(&[]).expect("consent/lpa-not-on-file", CP, 27);
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not among"),
        "{f}"
    );
    // The attorney who holds it passes, written in another case.
    let fx = lpa_case(&[(CP, "attorney: Susan Ellis", "attorney: susan ellis")]);
    fx.check(&[]).expect_none("consent/lpa-not-on-file");
}
