//! Files with format errors are not checked further; the report says which
//! and why (issue 10, "Wrong answers" 17), instead of a summary that reads
//! as if every rule had run on them.

use crate::support::Fixture;

/// The base agency with a carer whose start date is out of form.
fn broken_carer() -> Fixture {
    let fx = Fixture::base();
    let carer = std::fs::read_to_string(fx.path().join("carers/C-0002.yaml")).expect("carer");
    assert!(carer.contains("start_date: "), "no start_date in {carer}");
    let broken: String = carer
        .lines()
        .map(|l| {
            if l.starts_with("start_date: ") {
                "start_date: 2024-02-30".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fx.write("carers/C-0002.yaml", broken + "\n");
    fx
}

#[test]
fn files_with_format_errors_skip_the_care_quality_rules_silently() {
    let fx = broken_carer();
    let run = fx.check(&[]);
    let json = run.json();
    let listed = json["not_checked"].as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), 1, "{json}");
    assert_eq!(listed[0]["file"], "carers/C-0002.yaml", "{json}");
    assert_eq!(listed[0]["why"], "1 error (schema/format)", "{json}");

    let human = fx.run(&["check", "--today", crate::support::TODAY]);
    assert!(
        human.stdout.contains("not checked further (1 file)"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("  carers/C-0002.yaml: 1 error (schema/format)\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_clean_run_lists_no_file_as_not_checked() {
    let run = Fixture::base().check(&[]);
    assert_eq!(run.json()["not_checked"], serde_json::json!([]));
    let human = Fixture::base().run(&["check", "--today", crate::support::TODAY]);
    assert!(!human.stdout.contains("not checked"), "{}", human.stdout);
}
