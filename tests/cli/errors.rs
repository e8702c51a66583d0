//! The one error path: a run that cannot do its job exits with status 2
//! and prints one miette diagnostic on stderr, saying what went wrong and
//! how to put it right. Usage errors are clap's, also status 2.

use super::support::Fixture;

/// stderr as one line of words (miette wraps and decorates).
fn flat(text: &str) -> String {
    text.replace(['│', '\n'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_repository_is_a_diagnostic_with_status_2() {
    let fx = Fixture::empty();
    let run = fx.run(&["check"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let err = flat(&run.stderr);
    assert!(err.contains("carebook::no_repository"), "{err}");
    assert!(
        err.contains("× no records repository at") && err.contains("(looked for agency.yaml)"),
        "{err}"
    );
    assert!(
        err.contains("help: run carebook inside a records repository"),
        "{err}"
    );
    assert!(!err.contains("error:"), "no hand-written error line: {err}");
}

#[test]
fn rota_repair_with_no_rota_is_a_diagnostic_with_status_2() {
    let fx = Fixture::base();
    let run = fx.run(&["rota", ".", "--week", "2026-W49", "--repair"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let err = flat(&run.stderr);
    assert!(err.contains("carebook::no_rota"), "{err}");
    assert!(
        err.contains("× there is no rota for 2026-W49 to repair at ./rotas/2026-W49.yaml"),
        "{err}"
    );
    assert!(
        err.contains("help: plan it first with `carebook rota --week 2026-W49`"),
        "{err}"
    );
    assert!(!fx.path().join("rotas/2026-W49.yaml").exists());
    // The whole diagnostic, as people see it (no colour: NO_COLOR is set).
    insta::assert_snapshot!("rota_repair_with_no_rota", run.stderr);
}

#[test]
fn an_unwritable_output_path_is_a_diagnostic_with_status_2() {
    let fx = Fixture::base();
    // A file where a folder should be.
    let run = fx.run(&["schema", "--out", "agency.yaml/schemas"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let err = flat(&run.stderr);
    assert!(err.contains("carebook::fs::write"), "{err}");
    assert!(err.contains("× cannot write agency.yaml/schemas"), "{err}");
    // The system's reason is kept as the cause, under the message.
    assert!(err.contains("╰─▶"), "{err}");
    assert!(
        err.contains("help: check that the folder exists or can be made"),
        "{err}"
    );

    let run = fx.run(&[
        "report",
        "compliance",
        ".",
        "--today",
        "2026-11-23",
        "--out",
        "agency.yaml/out",
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let err = flat(&run.stderr);
    assert!(
        err.contains("× cannot write") && err.contains("agency.yaml/out"),
        "{err}"
    );
    assert!(err.contains("help: check that the folder exists"), "{err}");
}

#[test]
fn today_on_a_command_that_judges_no_date_is_a_usage_error() {
    let fx = Fixture::base();
    for args in [
        &["completions", "bash", "--today", "2026-11-23"][..],
        &["schema", "--today", "2026-11-23"],
        &["--today", "2026-11-23", "check", "."],
    ] {
        let run = fx.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("unexpected argument '--today'"),
            "{args:?}: {}",
            run.stderr
        );
    }
    for args in [
        &["check", ".", "--today", "2026-11-23"][..],
        &["report", "training", ".", "--today", "2026-11-23"],
        &["init", "new", "--no-git", "--today", "2026-11-23"],
    ] {
        let run = fx.run(args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_week_that_is_not_an_iso_week_is_a_usage_error() {
    let fx = Fixture::base();
    let run = fx.run(&["rota", ".", "--week", "2026-49"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("invalid value '2026-49' for '--week <WEEK>'"),
        "{}",
        run.stderr
    );
}

#[test]
fn consnt_family_in_a_custom_inspection_map_is_an_error_not_a_silent_drop() {
    let fx = Fixture::base();
    let default = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates/inspection-map.yaml"
    ))
    .expect("the default inspection map");
    let custom = default.replace("findings: [consent/*,", "findings: [consnt/*,");
    assert_ne!(custom, default, "the default map no longer has consent/*");
    fx.write("templates/inspection-map.yaml", custom);
    let run = fx.run(&["report", "inspection", ".", "--today", "2026-11-23"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let err = flat(&run.stderr);
    assert!(err.contains("carebook::inspection_map"), "{err}");
    assert!(
        err.contains("`consnt/*` is not a family of codes; did you mean `consent/*`?"),
        "{err}"
    );
    assert!(!fx.path().join("out/inspection.html").exists());
}
