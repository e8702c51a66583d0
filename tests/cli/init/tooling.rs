//! The tooling `carebook init` sets up, and the commands an editor or a
//! shell needs: valid CI files that use the annotations, the git hook and
//! the pre-commit framework's hook run for real, `carebook schema`, shell
//! completions and the man page.

use super::{carebook, git, hermetic, new_repo, ok, read, yaml};
use crate::support::Run;
use carebook::load::parse::parse;
use carebook::model::Kind;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn ci_and_editor_files_are_valid_and_use_the_annotations() {
    let (_tmp, dir) = new_repo(&["--no-git"]);

    let gh = yaml(&dir, ".github/workflows/carebook.yml");
    let triggers = gh["on"].as_array().expect("on: a list");
    assert!(triggers.contains(&Value::from("pull_request")));
    assert!(triggers.contains(&Value::from("push")));
    let steps = gh["jobs"]["check"]["steps"].as_array().expect("steps");
    let checkout = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .expect("a checkout step");
    assert_eq!(checkout["with"]["fetch-depth"], 0, "full history for audit");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(&"carebook check --format github"), "{runs:?}");
    assert!(
        runs.iter().any(|r| r.contains("cargo install --locked")),
        "{runs:?}"
    );
    assert_eq!(gh["permissions"]["contents"], "read");

    let gl = yaml(&dir, ".gitlab-ci.yml");
    let job = &gl["carebook-check"];
    assert_eq!(job["variables"]["GIT_DEPTH"], "0");
    let script: Vec<&str> = job["script"]
        .as_array()
        .expect("script")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        script.contains(&".cargo-install/bin/carebook check"),
        "{script:?}"
    );
    assert_eq!(job["artifacts"]["reports"]["junit"], "carebook-junit.xml");

    // The local hook is carebook's published hook, field for field.
    let published = parse(include_str!("../../../.pre-commit-hooks.yaml"))
        .expect("the hook manifest is YAML")
        .value
        .to_json();
    let config = yaml(&dir, ".pre-commit-config.yaml");
    let local = &config["repos"][0]["hooks"][0];
    for field in ["id", "name", "entry", "language", "pass_filenames", "files"] {
        assert_eq!(local[field], published[0][field], "{field}");
    }
    assert_eq!(published[0]["id"], "carebook-check");
    assert_eq!(published[0]["entry"], "carebook check");
    assert_eq!(published[0]["pass_filenames"], false);
    assert_eq!(published[0]["files"], r"\.ya?ml$", "YAML files only");

    let vscode: Value = serde_json::from_str(&read(&dir, ".vscode/settings.json")).expect("JSON");
    let schemas = vscode["yaml.schemas"].as_object().expect("yaml.schemas");
    assert_eq!(schemas.len(), Kind::ALL.len());
    for (schema, globs) in schemas {
        assert!(
            dir.join(schema).is_file(),
            "{schema} is not in the repository"
        );
        assert!(globs.as_array().is_some_and(|g| !g.is_empty()));
    }
    // Each record also names its schema, for editors without the settings.
    assert!(
        read(&dir, "carers/C-0001.yaml")
            .starts_with("# yaml-language-server: $schema=../schema/carer.schema.json\n")
    );
}

#[test]
fn the_git_hook_stops_a_commit_with_errors() {
    // The hook checks against the real today, so the examples are dated from it.
    let tmp = tempfile::tempdir().expect("tempdir");
    ok(carebook(tmp.path(), &["init", "records"]));
    let dir = tmp.path().join("records");
    ok(git(&dir, &["config", "core.hooksPath", ".githooks"]));

    // A broken record, staged: refused, with the finding.
    std::fs::write(dir.join("carers/C-0002.yaml"), "kind: carer\nid: C-0002\n").expect("write");
    ok(git(&dir, &["add", "carers/C-0002.yaml"]));
    let refused = git(&dir, &["commit", "-m", "add a carer"]);
    assert_ne!(refused.status, 0, "{}", refused.stdout);
    // git passes a hook's output on to standard error.
    assert!(
        refused.stderr.contains("schema/missing-field"),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("found errors in the staged records"),
        "{}",
        refused.stderr
    );

    // What is checked is what is staged: unstaged, the same file is ignored.
    ok(git(&dir, &["reset", "--quiet", "carers/C-0002.yaml"]));
    std::fs::write(dir.join("notes.txt"), "not a record\n").expect("write");
    ok(git(&dir, &["add", "notes.txt"]));
    ok(git(&dir, &["commit", "--quiet", "-m", "notes"]));
    let fine = ok(git(
        &dir,
        &["commit", "--quiet", "--allow-empty", "-m", "empty"],
    ));
    assert_eq!(fine.stderr, "");
}

/// Needs pre-commit 4.4 or newer, so it is ignored by plain `cargo test`;
/// `.ci/run` runs it (`--ignored`) where pre-commit is installed.
#[test]
#[ignore = "needs pre-commit 4.4+ (run with --ignored)"]
fn pre_commit_runs_the_hook() {
    // `pre-commit 4.7.0`; the hook's `language: unsupported` needs 4.4.
    let version = Command::new("pre-commit")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let number: Vec<u32> = version
        .as_deref()
        .and_then(|v| v.split_whitespace().nth(1))
        .map(|n| n.split('.').filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_default();
    assert!(
        number.len() >= 2 && (number[0], number[1]) >= (4, 4),
        "pre-commit 4.4 or newer is not installed ({}), so this test cannot run the hook \
         through it; `pip install pre-commit` and run it again",
        version.as_deref().unwrap_or("not found")
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let home = tmp.path().join("pre-commit-home");
    let pre_commit = |dir: &Path, args: &[&str]| {
        let mut cmd = hermetic("pre-commit", dir);
        cmd.env("PRE_COMMIT_HOME", &home).args(args);
        Run::from(cmd.output().expect("runs"))
    };
    ok(carebook(tmp.path(), &["init", "records"]));
    let dir = tmp.path().join("records");

    // The repository's own configuration (a local copy of the hook).
    let passed = pre_commit(&dir, &["run", "--all-files"]);
    assert_eq!(passed.status, 0, "{}\n{}", passed.stdout, passed.stderr);
    assert!(
        passed.stdout.contains("carebook check"),
        "{}",
        passed.stdout
    );
    assert!(passed.stdout.contains("Passed"), "{}", passed.stdout);
    std::fs::write(dir.join("carers/C-0002.yaml"), "kind: carer\nid: C-0002\n").expect("write");
    ok(git(&dir, &["add", "carers/C-0002.yaml"]));
    let failed = pre_commit(&dir, &["run", "--all-files"]);
    assert_eq!(failed.status, 1, "{}\n{}", failed.stdout, failed.stderr);
    assert!(
        failed.stdout.contains("schema/missing-field"),
        "{}",
        failed.stdout
    );
    ok(git(
        &dir,
        &["rm", "--quiet", "--cached", "carers/C-0002.yaml"],
    ));
    std::fs::remove_file(dir.join("carers/C-0002.yaml")).expect("remove");

    // carebook's published .pre-commit-hooks.yaml, used as a remote
    // repository (a local clone of the file, so nothing is fetched).
    let hooks = tmp.path().join("carebook-hooks");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    std::fs::write(
        hooks.join(".pre-commit-hooks.yaml"),
        include_str!("../../../.pre-commit-hooks.yaml"),
    )
    .expect("write");
    ok(git(&hooks, &["init", "--quiet"]));
    ok(git(&hooks, &["add", "."]));
    ok(git(&hooks, &["commit", "--quiet", "-m", "hooks"]));
    let rev = ok(git(&hooks, &["rev-parse", "HEAD"]))
        .stdout
        .trim()
        .to_owned();
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: carebook-check\n",
            hooks.display()
        ),
    )
    .expect("write");
    ok(git(&dir, &["add", ".pre-commit-config.yaml"]));
    let remote = pre_commit(&dir, &["run", "--all-files"]);
    assert_eq!(remote.status, 0, "{}\n{}", remote.stdout, remote.stderr);
    assert!(
        remote.stdout.contains("carebook check"),
        "{}",
        remote.stdout
    );
    assert!(remote.stdout.contains("Passed"), "{}", remote.stdout);
}

#[test]
fn schema_writes_the_schemas_for_editors_and_tools() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let run = ok(carebook(tmp.path(), &["schema", "--out", "schemas"]));
    for kind in Kind::ALL {
        let file = carebook::schema::file_name(kind);
        assert!(run.stdout.contains(&file), "{}", run.stdout);
        let text = read(&tmp.path().join("schemas"), &file);
        assert_eq!(text, carebook::schema::schema_text(kind));
    }
    let all = ok(carebook(tmp.path(), &["schema"]));
    let json: Value = serde_json::from_str(&all.stdout).expect("JSON");
    assert_eq!(json["carer"]["properties"]["kind"]["const"], "carer");
    assert_eq!(json.as_object().map(|o| o.len()), Some(Kind::ALL.len()));

    std::fs::write(tmp.path().join("taken"), "a file").expect("write");
    let bad = carebook(tmp.path(), &["schema", "--out", "taken"]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("cannot write"), "{}", bad.stderr);
}

#[test]
fn completions_and_the_man_page() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (shell, marker) in [
        ("bash", "_carebook()"),
        ("zsh", "#compdef carebook"),
        ("fish", "complete -c carebook"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[carebook]"),
    ] {
        let run = ok(carebook(tmp.path(), &["completions", shell]));
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(
            run.stdout.contains("export"),
            "{shell} completes subcommands"
        );
    }
    let bad = carebook(tmp.path(), &["completions", "cmd.exe"]);
    assert_eq!(bad.status, 2);

    let man = ok(carebook(tmp.path(), &["man"]));
    assert!(
        man.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &man.stdout[..80.min(man.stdout.len())]
    );
    assert!(man.stdout.contains(".TH carebook 1"), "{}", man.stdout);
    for sub in ["check", "rota", "init", "export", "completions"] {
        assert!(man.stdout.contains(sub), "the man page lists {sub}");
    }
}
