//! Output formats and exit statuses of `carebook check`.

use crate::support::{Fixture, TODAY};

/// A fixture with an error, a warning and a duplicate id (related places).
fn with_problems() -> Fixture {
    let fx = Fixture::rule("record-duplicate-id", "fail");
    let c2 = std::fs::read_to_string(fx.path().join("carers/C-0002.yaml")).expect("read");
    fx.write(
        "carers/C-0002.yaml",
        c2.replace("travel: walk", "travel: walking")
            .replace("skills:", "skils:"),
    );
    fx
}

#[test]
fn json_has_the_shape_of_the_format_page() {
    let run = with_problems().check(&[]);
    assert_eq!(run.status, 1);
    let json = run.json();
    let keys: Vec<&String> = json["findings"][0]
        .as_object()
        .expect("object")
        .keys()
        .collect();
    assert_eq!(
        &keys[..7],
        [
            "code", "severity", "message", "file", "line", "column", "record"
        ]
    );
    insta::assert_json_snapshot!("check_json", json);
}

#[test]
fn human_output_is_plain_without_a_terminal() {
    let fx = with_problems();
    let run = fx.run(&["check", "--today", TODAY]);
    assert_eq!(run.status, 1);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "colour codes without a terminal"
    );
    assert!(run.stdout.contains("did you mean `skills`?"));
    insta::assert_snapshot!("check_human", run.stdout);
}

#[test]
fn junit_has_one_case_per_file() {
    let run = with_problems().run(&["check", ".", "--today", TODAY, "--format", "junit"]);
    assert_eq!(run.status, 1);
    let xml = &run.stdout;
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<testcase ").count(), 7, "{xml}");
    assert!(xml.contains("tests=\"7\" failures=\"3\""), "{xml}");
    assert!(xml.contains("name=\"carers/C-0002.yaml\""));
    insta::assert_snapshot!("check_junit", xml);
}

#[test]
fn github_paths_are_relative_to_the_current_folder() {
    let fx = with_problems();
    let outer = Fixture::empty();
    let repo = outer.path().join("records");
    std::fs::rename(fx.path(), &repo).expect("move");
    std::fs::create_dir_all(fx.path()).expect("recreate for cleanup");
    let run = outer.run(&["check", "records", "--today", TODAY, "--format", "github"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.contains("::error file=records/carers/C-0002.yaml,line=11,col=1,title=schema/unknown-field::unknown field `skils`%0Ahelp: did you mean `skills`?"),
        "{}",
        run.stdout
    );
    // From a subfolder, the repository is found upward and paths lead back up.
    let sub = repo.join("carers");
    let mut cmd = assert_cmd::Command::cargo_bin("carebook").expect("binary");
    let out = cmd
        .current_dir(&sub)
        .args(["check", "--today", TODAY, "--format", "github"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("file=../carers/C-0002.yaml"), "{text}");
    std::fs::remove_dir_all(&repo).ok();
}

#[test]
fn warnings_fail_only_when_denied() {
    let fx = Fixture::base();
    let agency = "kind: agency\nname: Fixture Home Care\npolicy: {rules: {nhs-number/check-digit: warning}}\n";
    fx.write("agency.yaml", agency);
    let su = std::fs::read_to_string(fx.path().join("service-users/SU-0001.yaml")).expect("read");
    fx.write(
        "service-users/SU-0001.yaml",
        su.replace("943 476 5919", "943 476 5918"),
    );
    let run = fx.check(&[]);
    assert_eq!(run.status, 0);
    assert_eq!(
        run.with_code("nhs-number/check-digit")[0]["severity"],
        "warning"
    );
    assert_eq!(fx.check(&["--deny-warnings"]).status, 1);
}

#[test]
fn unknown_rule_code_in_policy_is_reported_with_a_suggestion() {
    let fx = Fixture::base();
    fx.write(
        "agency.yaml",
        "kind: agency\nname: Fixture Home Care\npolicy:\n  rules:\n    nhs-number/checkdigit: off\n",
    );
    let run = fx.check(&[]);
    let f = run.expect("schema/enum", "agency.yaml", 5);
    assert_eq!(f["help"], "did you mean `nhs-number/check-digit`?");
}

#[test]
fn no_repository_is_exit_status_2() {
    let fx = Fixture::empty();
    let run = fx.run(&["check"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("agency.yaml"), "{}", run.stderr);
    let run = fx.run(&["check", "does-not-exist"]);
    assert_eq!(run.status, 2);
    let run = fx.run(&["check", "--format", "yaml"]);
    assert_eq!(run.status, 2, "usage errors are status 2");
}
