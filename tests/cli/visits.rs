//! Fixture pairs for the visit rules: short calls, visits no carer could
//! take, carers both preferred and excluded; and the edges the pairs do not
//! show (why no carer is eligible, double-ups, people not receiving care,
//! rules that have ended or end soon).

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// The overlay `rules/<rule>/<case>` with `file` edited: each `(old, new)`
/// replaced once.
fn edited(rule: &str, case: &str, file: &str, edits: &[(&str, &str)]) -> Fixture {
    let fixture = match rule {
        "" => Fixture::base(),
        _ => Fixture::rule(rule, case),
    };
    let path = fixture.path().join(file);
    let mut content = std::fs::read_to_string(&path).expect("fixture file");
    for (old, new) in edits {
        assert!(content.contains(old), "{file} has no `{old}`");
        content = content.replacen(old, new, 1);
    }
    fixture.write(file, content);
    fixture
}

const VR: &str = "visit-rules/VR-0001.yaml";
const C1: &str = "carers/C-0001.yaml";
const C2: &str = "carers/C-0002.yaml";

#[test]
fn short_call() {
    let f = rule_pair(
        "visit-short-call",
        "visit/short-call",
        "visit-rules/VR-0001.yaml",
        16,
    );
    assert!(text(&f, "message").contains("`bed` visit lasts 20m"), "{f}");
    assert!(text(&f, "help").contains("30m"), "{f}");
    assert_eq!(f["severity"], "warning");
}

#[test]
fn short_call_reads_personal_care_however_written() {
    let run = edited(
        "visit-short-call",
        "fail",
        VR,
        &[("[Personal care, medication, bed]", "[personal-care, bed]")],
    )
    .check(&[]);
    run.expect("visit/short-call", VR, 16);
    let run = edited(
        "visit-short-call",
        "fail",
        VR,
        &[("[Personal care, medication, bed]", "[medication, bed]")],
    )
    .check(&[]);
    run.expect_none("visit/short-call");
}

/// Regression (issue 13, NG21): a 20-minute `continence care` visit passed
/// because only the words "personal care" counted.
#[test]
fn short_call_judges_personal_care_by_the_tasks_not_the_words() {
    for task in [
        "continence care",
        "Strip wash",
        "help to dress",
        "catheter bag change",
    ] {
        let run = edited(
            "visit-short-call",
            "fail",
            VR,
            &[(
                "[Personal care, medication, bed]",
                &format!("[{task}, bed]"),
            )],
        )
        .check(&[]);
        let f = run.expect("visit/short-call", VR, 16);
        assert!(text(&f, "message").contains(task), "{f}");
    }
    for task in [
        "medication",
        "drinks",
        "check the address",
        "wheelchair to the door",
    ] {
        let run = edited(
            "visit-short-call",
            "fail",
            VR,
            &[(
                "[Personal care, medication, bed]",
                &format!("[{task}, bed]"),
            )],
        )
        .check(&[]);
        run.expect_none("visit/short-call");
    }
}

#[test]
fn short_call_honours_an_agreed_exception_for_its_task() {
    let agreed = "[continence care, bed]\n    short_visit_agreed:\n      - {task: Continence care, \
                  agreed_by: the person and her social worker, agreed_on: 2026-09-25, reason: a \
                  pad check only}";
    let run = edited(
        "visit-short-call",
        "fail",
        VR,
        &[("[Personal care, medication, bed]", agreed)],
    )
    .check(&[]);
    run.expect_none("visit/short-call");
    // The agreement covers only its task: personal care in the same visit
    // is still too short.
    let also = agreed.replacen("[continence care, bed]", "[continence care, wash, bed]", 1);
    let run = edited(
        "visit-short-call",
        "fail",
        VR,
        &[("[Personal care, medication, bed]", &also)],
    )
    .check(&[]);
    let f = run.expect("visit/short-call", VR, 16);
    assert!(text(&f, "message").contains("`wash`"), "{f}");
    assert!(!text(&f, "message").contains("continence"), "{f}");
    assert!(text(&f, "help").contains("short_visit_agreed"), "{f}");
}

#[test]
fn rules_that_have_ended_are_history() {
    let run = edited(
        "visit-short-call",
        "fail",
        VR,
        &[(
            "valid_from: 2026-10-01",
            "valid_from: 2026-10-01\nvalid_to: 2026-11-22",
        )],
    )
    .check(&[]);
    run.expect_none("visit/short-call");
    let run = edited(
        "visit-preferred-and-excluded",
        "fail",
        VR,
        &[(
            "valid_from: 2026-10-01",
            "valid_from: 2026-10-01\nvalid_to: 2026-11-01",
        )],
    )
    .check(&[]);
    run.expect_none("visit/preferred-and-excluded");
    let run = edited(
        "visit-short-call",
        "fail",
        "service-users/SU-0001.yaml",
        &[("status: active", "status: ended")],
    )
    .check(&[]);
    run.expect_none("visit/short-call");
}

#[test]
fn no_eligible_carer() {
    let f = rule_pair(
        "visit-no-eligible-carer",
        "visit/no-eligible-carer",
        "visit-rules/VR-0001.yaml",
        13,
    );
    let message = text(&f, "message");
    assert!(
        message.contains("no active carer with skill peg-feeding is available on Sat, Sun"),
        "{f}"
    );
    assert!(message.contains("between 12:00 and 13:00"), "{f}");
    assert!(text(&f, "help").contains("between 12:00 and 13:15"), "{f}");
}

#[test]
fn no_eligible_carer_names_a_skill_nobody_has() {
    let run = edited(
        "visit-no-eligible-carer",
        "pass",
        VR,
        &[(
            "skills: [peg-feeding]",
            "skills: [peg-feeding, catheter-care]",
        )],
    )
    .check(&[]);
    let f = run.expect("visit/no-eligible-carer", VR, 13);
    assert!(
        text(&f, "message")
            .contains("there is no active carer with skills peg-feeding and catheter-care"),
        "{f}"
    );
}

#[test]
fn no_eligible_carer_counts_two_for_a_double_up() {
    let fx = edited(
        "",
        "",
        VR,
        &[("    duration: 1h\n", "    duration: 1h\n    carers: 2\n")],
    );
    fx.check(&[]).expect_none("visit/no-eligible-carer");
    let c2 = std::fs::read_to_string(fx.path().join(C2)).expect("C-0002");
    fx.write(C2, c2.replace("status: active", "status: leaver"));
    let f = fx.check(&[]).expect("visit/no-eligible-carer", VR, 8);
    assert!(
        text(&f, "message").contains("needs two carers; there is only one active carer"),
        "{f}"
    );
}

#[test]
fn no_eligible_carer_on_some_days_for_a_double_up() {
    let fx = edited(
        "",
        "",
        VR,
        &[("    duration: 1h\n", "    duration: 1h\n    carers: 2\n")],
    );
    let c2 = std::fs::read_to_string(fx.path().join(C2)).expect("C-0002");
    fx.write(
        C2,
        c2.replace("  sun: [\"07:00-22:00\"]\n", "  sun: [\"09:30-22:00\"]\n"),
    );
    let f = fx.check(&[]).expect("visit/no-eligible-carer", VR, 8);
    assert!(
        text(&f, "message").contains("fewer than two active carers are available on Sun"),
        "{f}"
    );
}

#[test]
fn no_eligible_carer_names_the_gender_or_the_exclusions() {
    let fx = edited(
        "",
        "",
        VR,
        &[("preferred_carers: [C-0001]", "carer_gender: male")],
    );
    fx.check(&[]).expect_none("visit/no-eligible-carer");
    let vr = std::fs::read_to_string(fx.path().join(VR)).expect("VR");
    fx.write(
        VR,
        vr.replace(
            "carer_gender: male",
            "carer_gender: male\nexcluded_carers: [C-0002]",
        ),
    );
    let f = fx.check(&[]).expect("visit/no-eligible-carer", VR, 9);
    assert!(
        text(&f, "message").contains("every active one is excluded (C-0002)"),
        "{f}"
    );
    let c2 = std::fs::read_to_string(fx.path().join(C2)).expect("C-0002");
    fx.write(VR, vr);
    fx.write(C2, c2.replace("gender: male", "gender: female"));
    let f = fx.check(&[]).expect("visit/no-eligible-carer", VR, 8);
    assert!(
        text(&f, "message").contains("there is no active male carer"),
        "{f}"
    );
    assert!(text(&f, "help").contains("carer_gender"), "{f}");
}

#[test]
fn a_visit_may_start_anywhere_in_its_window() {
    // Available from 08:30: the 1h visit can start at 08:30 and end 09:30.
    let fx = edited("", "", C1, &[("status: active", "status: leaver")]);
    let c2 = std::fs::read_to_string(fx.path().join(C2)).expect("C-0002");
    fx.write(
        C2,
        c2.replace("  mon: [\"07:00-22:00\"]\n", "  mon: [\"08:30-09:30\"]\n"),
    );
    fx.check(&[]).expect_none("visit/no-eligible-carer");
    fx.write(
        C2,
        c2.replace("  mon: [\"07:00-22:00\"]\n", "  mon: [\"08:30-09:29\"]\n"),
    );
    let f = fx.check(&[]).expect("visit/no-eligible-carer", VR, 8);
    assert!(text(&f, "message").contains("available on Mon for"), "{f}");
}

#[test]
fn no_eligible_carer_skips_people_not_receiving_care_and_days_past_the_rules() {
    let fx = Fixture::rule("visit-no-eligible-carer", "fail");
    let su = "service-users/SU-0001.yaml";
    let text = std::fs::read_to_string(fx.path().join(su)).expect("SU");
    fx.write(su, text.replace("status: active", "status: hospital"));
    fx.check(&[]).expect_none("visit/no-eligible-carer");
    // Rules that end on Wednesday 25 November never reach a weekend.
    let run = edited(
        "visit-no-eligible-carer",
        "fail",
        VR,
        &[(
            "valid_from: 2026-10-01",
            "valid_from: 2026-10-01\nvalid_to: 2026-11-25",
        )],
    )
    .check(&[]);
    run.expect_none("visit/no-eligible-carer");
}

#[test]
fn preferred_and_excluded() {
    let f = rule_pair(
        "visit-preferred-and-excluded",
        "visit/preferred-and-excluded",
        "visit-rules/VR-0001.yaml",
        7,
    );
    assert_eq!(f["column"], 19, "{f}");
    assert!(text(&f, "message").contains("`C-0001`"), "{f}");
    assert_eq!(f["related"][0]["line"], 6, "{f}");
}
