//! Hints that must be true (issue 10, "Wrong answers" 16): a near skill or
//! course name is pointed at as a typo rather than "recruit a carer", and
//! hours are judged only for care in force.

use crate::support::Fixture;
use serde_json::Value;

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// Applies `(old, new)` once to `file` of `fx`.
fn edit(fx: &Fixture, file: &str, old: &str, new: &str) {
    let content = std::fs::read_to_string(fx.path().join(file)).expect("fixture file");
    assert!(content.contains(old), "{file} has no `{old}`");
    fx.write(file, content.replacen(old, new, 1));
}

#[test]
fn a_skill_differing_only_in_case_leads_to_recruit_a_carer() {
    let fx = Fixture::base();
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        "    tasks: [personal care, breakfast]",
        "    tasks: [personal care, breakfast]\n    skills: [Hoist]",
    );
    let f = fx
        .check(&[])
        .expect("visit/no-eligible-carer", "visit-rules/VR-0001.yaml", 8);
    let help = text(&f, "help");
    assert!(help.contains("did you mean `hoist`?"), "{f}");
    assert!(!help.contains("recruit"), "{f}");
}

#[test]
fn a_course_name_near_a_mandatory_one_leads_to_book_it() {
    let fx = Fixture::base();
    edit(
        &fx,
        "carers/C-0001.yaml",
        "{course: safeguarding-adults, completed: 2026-06-15}",
        "{course: safeguarding, completed: 2026-06-15}",
    );
    // The finding points at the misspelt course (line 28), not the list.
    let f = fx
        .check(&[])
        .expect("training/missing", "carers/C-0001.yaml", 30);
    let help = text(&f, "help");
    assert!(help.contains("the training lists `safeguarding`"), "{f}");
    assert!(help.contains("write `safeguarding-adults`"), "{f}");
    assert!(!help.contains("book"), "{f}");
}

#[test]
fn care_that_starts_next_week_gets_an_hours_warning() {
    let fx = Fixture::rule("funding-hours-mismatch", "fail");
    edit(
        &fx,
        "service-users/SU-0001.yaml",
        "start_date: 2025-03-01",
        "start_date: 2026-11-30",
    );
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        "valid_from: 2026-10-01",
        "valid_from: 2026-11-30",
    );
    fx.check(&[]).expect_none("funding/hours-mismatch");
    // Rules that start later, while care has begun, are not judged yet either.
    let fx = Fixture::rule("funding-hours-mismatch", "fail");
    edit(
        &fx,
        "visit-rules/VR-0001.yaml",
        "valid_from: 2026-10-01",
        "valid_from: 2026-11-30",
    );
    fx.check(&[]).expect_none("funding/hours-mismatch");
}

#[test]
fn a_carers_skill_differing_only_in_case_is_a_missing_skill_without_a_hint() {
    let fx = Fixture::rule("rota-skill", "fail");
    edit(
        &fx,
        "carers/C-0002.yaml",
        "skills: [medication]",
        "skills: [medication, Hoist]",
    );
    let f = fx.check(&[]).expect("rota/skill", "rotas/2026-W49.yaml", 7);
    assert!(
        text(&f, "help").contains("the visit needs `hoist` and Tom Baker lists `Hoist`"),
        "{f}"
    );
}
