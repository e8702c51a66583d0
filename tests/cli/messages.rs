//! Messages for common mistakes (issue 10, "Wrong answers" 18): each names
//! what is wrong in the user's own terms and how to write it.

use crate::support::{Fixture, TODAY};
use serde_json::Value;

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

/// The base agency with `file` edited: `old` replaced once by `new`.
fn base_with(file: &str, old: &str, new: &str) -> Fixture {
    let fx = Fixture::base();
    let content = std::fs::read_to_string(fx.path().join(file)).expect("base file");
    assert!(content.contains(old), "{file} has no `{old}`");
    fx.write(file, content.replacen(old, new, 1));
    fx
}

const VR: &str = "visit-rules/VR-0001.yaml";

#[test]
fn days_in_capitals_do_not_name_the_allowed_values() {
    let fx = base_with(VR, "days: daily", "days: [Mon, Tue]");
    let f = fx.check(&[]).expect("schema/enum", VR, 9);
    assert_eq!(
        text(&f, "message"),
        "`Mon`, `Tue` in `days` are not allowed; the items allowed are: mon, tue, wed, thu, fri, sat, sun"
    );
    assert_eq!(text(&f, "help"), "write `[mon, tue]`");
}

#[test]
fn everyday_does_not_name_the_allowed_values() {
    let fx = base_with(VR, "days: daily", "days: everyday");
    let f = fx.check(&[]).expect("schema/enum", VR, 9);
    assert_eq!(text(&f, "message"), "`everyday` is not allowed for `days`");
    let help = text(&f, "help");
    assert!(help.starts_with("did you mean `daily`?"), "{f}");
    assert!(help.contains("daily, weekdays, weekends, mon"), "{f}");
}

#[test]
fn a_window_with_spaces_is_not_in_the_expected_form_for_0() {
    let fx = base_with(
        "carers/C-0001.yaml",
        "mon: [\"07:00-22:00\"]",
        "mon: [\"07:30 - 14:00\"]",
    );
    let f = fx
        .check(&[])
        .expect("schema/format", "carers/C-0001.yaml", 13);
    assert_eq!(
        text(&f, "message"),
        "`07:30 - 14:00` has spaces: a window is written without them, `07:30-14:00`"
    );
    assert!(text(&f, "help").contains("\"07:30-08:30\""), "{f}");
}

#[test]
fn lpa_written_in_words_does_not_name_the_allowed_values() {
    let fx = base_with(
        "service-users/SU-0001.yaml",
        "lpa: health-and-welfare",
        "lpa: health and welfare",
    );
    let f = fx
        .check(&[])
        .expect("schema/enum", "service-users/SU-0001.yaml", 16);
    assert_eq!(
        text(&f, "message"),
        "`health and welfare` is not allowed for `lpa`"
    );
    assert_eq!(
        text(&f, "help"),
        "did you mean `health-and-welfare`? the values allowed are: none, health-and-welfare, property-and-financial, both"
    );
}

#[test]
fn an_unquoted_nhs_number_is_not_in_the_expected_form() {
    let fx = base_with(
        "service-users/SU-0001.yaml",
        "nhs_number: \"943 476 5919\"",
        "nhs_number: 9434765919",
    );
    let f = fx
        .check(&[])
        .expect("schema/format", "service-users/SU-0001.yaml", 7);
    assert_eq!(
        text(&f, "message"),
        "the NHS number `9434765919` was read as a whole number: write it in quotes, so it stays text"
    );
    assert_eq!(text(&f, "help"), "for example: \"943 476 5919\"");
}

#[test]
fn a_time_written_7_30_is_read_as_a_number() {
    let fx = base_with(
        "care-plans/CP-0001.yaml",
        "times: [\"08:00\"]",
        "times: [7.30]",
    );
    let f = fx
        .check(&[])
        .expect("schema/format", "care-plans/CP-0001.yaml", 22);
    assert!(
        text(&f, "message").starts_with("`7.3` was read as a number, not a time"),
        "{f}"
    );
    assert!(
        text(&f, "message").contains("YAML reads 7.30 as the number 7.3"),
        "{f}"
    );
    assert_eq!(text(&f, "help"), "for example: \"07:30\"");
}

#[test]
fn a_tab_at_the_start_of_a_line_gives_a_parser_message() {
    let fx = base_with("carers/C-0001.yaml", "travel: car", "\ttravel: car");
    let f = fx
        .check(&[])
        .expect("yaml/syntax", "carers/C-0001.yaml", 10);
    assert_eq!(
        text(&f, "message"),
        "line 10 is indented with a tab; YAML indents with spaces only"
    );
    assert!(
        text(&f, "help").contains("replace the tab with spaces"),
        "{f}"
    );
}

#[test]
fn a_9_mb_file_is_said_to_be_8_mib() {
    let fx = Fixture::base();
    let big = std::fs::File::create(fx.path().join("carers/big.yaml")).expect("create");
    big.set_len(9_000_000).expect("sparse file");
    let f = fx.check(&[]).expect("yaml/too-large", "carers/big.yaml", 1);
    assert_eq!(
        text(&f, "message"),
        "the file is 8.6 MiB (9.0 MB), over the 8 MiB a record may be"
    );
}

#[test]
fn an_agency_yaml_that_is_a_folder_says_there_is_no_agency_yaml() {
    let fx = Fixture::empty();
    std::fs::create_dir_all(fx.path().join("agency.yaml")).expect("mkdir");
    let run = fx.run(&["check", ".", "--today", TODAY]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("agency.yaml is a folder, not a file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("carebook init"), "{}", run.stderr);
}

#[test]
fn yaml_files_with_a_capital_extension_are_ignored_silently() {
    let fx = Fixture::base();
    let carer = std::fs::read_to_string(fx.path().join("carers/C-0002.yaml")).expect("carer");
    std::fs::remove_file(fx.path().join("carers/C-0002.yaml")).expect("rm");
    fx.write("carers/C-0002.YAML", carer.replace("skills:", "skils:"));
    fx.check(&[])
        .expect("schema/unknown-field", "carers/C-0002.YAML", 11);
}
