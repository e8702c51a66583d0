//! `carebook init`: a new records repository that passes `carebook check`
//! and has its first commit, the refusals (a folder that is not empty, an
//! existing repository), and `--force`, which adds only what is missing.
//! The tooling it sets up is tested in `init/tooling.rs`.

mod tooling;

use crate::support::{Run, TODAY};
use carebook::load::parse::parse;
use carebook::model::{Agency, Kind, Policy};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The carebook binary under test.
const CAREBOOK: &str = env!("CARGO_BIN_EXE_carebook");

/// A command with a fixed git identity and no user or system git config,
/// so commits work (and behave alike) on any machine.
fn hermetic(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    let bin = Path::new(CAREBOOK).parent().expect("bin folder");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    cmd.current_dir(dir)
        .env("PATH", std::env::join_paths(paths).expect("PATH"))
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test Coordinator")
        .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
        .env("GIT_COMMITTER_NAME", "Test Coordinator")
        .env("GIT_COMMITTER_EMAIL", "coordinator@example.org");
    cmd
}

fn run(program: &str, dir: &Path, args: &[&str]) -> Run {
    Run::from(hermetic(program, dir).args(args).output().expect("runs"))
}

fn carebook(dir: &Path, args: &[&str]) -> Run {
    run(CAREBOOK, dir, args)
}

fn git(dir: &Path, args: &[&str]) -> Run {
    run("git", dir, args)
}

fn ok(run: Run) -> Run {
    assert_eq!(
        run.status, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run
}

/// Standard error on one line (miette wraps and draws a gutter).
fn flat(text: &str) -> String {
    text.replace(['│', '\n'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `carebook init records --today TODAY` in a new temporary folder.
fn new_repo(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut args = vec![
        "init",
        "records",
        "--today",
        TODAY,
        "--name",
        "Riverside, \"Home\" Care",
    ];
    args.extend_from_slice(extra);
    ok(carebook(tmp.path(), &args));
    let dir = tmp.path().join("records");
    (tmp, dir)
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// A YAML file as JSON, read with carebook's own parser.
fn yaml(dir: &Path, file: &str) -> Value {
    parse(&read(dir, file))
        .unwrap_or_else(|e| panic!("{file} is not valid YAML: {}", e.message))
        .value
        .to_json()
}

#[test]
fn init_makes_a_repository_that_passes_check_and_commits_it() {
    let (_tmp, dir) = new_repo(&[]);
    for file in [
        "agency.yaml",
        "service-users/SU-0001.yaml",
        "care-plans/CP-0001.yaml",
        "carers/C-0001.yaml",
        "visit-rules/VR-0001.yaml",
        "rotas/2026-W48.yaml",
        ".gitignore",
        ".vscode/settings.json",
        ".pre-commit-config.yaml",
        ".githooks/pre-commit",
        ".github/workflows/carebook.yml",
        ".gitlab-ci.yml",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    for kind in Kind::ALL {
        let file = format!("schema/{}", carebook::schema::file_name(kind));
        assert_eq!(read(&dir, &file), carebook::schema::schema_text(kind));
    }
    assert!(read(&dir, ".gitignore").lines().any(|l| l == "out/"));

    // Not one finding, warnings included, on the day and a month later.
    for today in [TODAY, "2026-12-23"] {
        let check = carebook(&dir, &["check", "--today", today, "--format", "json"]);
        assert_eq!(check.status, 0, "{}", check.stdout);
        let json: Value = serde_json::from_str(&check.stdout).expect("json");
        assert_eq!(json["findings"], Value::Array(vec![]), "{}", check.stdout);
        assert_eq!(json["summary"]["records"], 6);
    }

    let log = ok(git(&dir, &["log", "--format=%s"]));
    assert_eq!(log.stdout.trim(), "Start the care records (carebook init)");
    let status = ok(git(
        &dir,
        &["status", "--porcelain", "--untracked-files=all"],
    ));
    assert_eq!(status.stdout, "", "every file is committed");
    let modes = ok(git(&dir, &["ls-files", "--stage", ".githooks/pre-commit"]));
    assert!(modes.stdout.starts_with("100755"), "{}", modes.stdout);
}

#[test]
fn the_example_rota_exports() {
    let (_tmp, dir) = new_repo(&["--no-git"]);
    assert!(!dir.join(".git").exists());
    let run = ok(carebook(&dir, &["export", "ical", "--week", "2026-W48"]));
    assert!(
        run.stdout.contains("C-0001.ics  Alex Example, 7 visits"),
        "{}",
        run.stdout
    );
    let ics = read(&dir, "out/ical/2026-W48/C-0001.ics");
    assert!(ics.contains("SUMMARY:Dot: morning\r\n"), "{ics}");
    assert!(ics.contains("X-WR-CALNAME:Riverside\\, \"Home\" Care: Alex Example\r\n"));
}

#[test]
fn the_agency_file_writes_out_every_policy_default() {
    let (_tmp, dir) = new_repo(&["--no-git"]);
    let mut json = yaml(&dir, "agency.yaml");
    let written = json["policy"].clone();
    if let Some(o) = json.as_object_mut() {
        o.remove("kind");
    }
    let agency: Agency = serde_json::from_value(json).expect("an agency");
    assert_eq!(agency.name, "Riverside, \"Home\" Care");
    let default = serde_json::to_value(Policy::default()).expect("json");
    assert_eq!(
        serde_json::to_value(&agency.policy).expect("json"),
        default,
        "agency.yaml's policy differs from Policy::default()"
    );
    // Every key is written out, not left to its default (but the optional
    // travel matrix, which has none).
    fn keys(written: &Value, default: &Value, at: &str) {
        let Some(map) = default.as_object() else {
            return;
        };
        for (k, v) in map {
            let path = format!("{at}/{k}");
            if path == "/travel/matrix" {
                continue;
            }
            let w = written
                .get(k)
                .unwrap_or_else(|| panic!("agency.yaml lacks policy{path}"));
            if k != "mandatory_training" && k != "rules" {
                keys(w, v, &path);
            }
        }
    }
    keys(&written, &default, "");
    assert_eq!(
        written["mandatory_training"].as_object().map(|m| m.len()),
        default["mandatory_training"].as_object().map(|m| m.len())
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let run = carebook(tmp.path(), &["init"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    let err = flat(&run.stderr);
    assert!(err.contains(". is not empty"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("--force"), "{err}");
    let names: Vec<_> = std::fs::read_dir(tmp.path()).expect("dir").collect();
    assert_eq!(names.len(), 1, "nothing was written");

    std::fs::write(tmp.path().join("file"), "x").expect("write");
    let run = carebook(tmp.path(), &["init", "file"]);
    assert_eq!(run.status, 2);
    assert!(
        flat(&run.stderr).contains("it is a file, not a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_refuses_an_existing_repository() {
    let (tmp, dir) = new_repo(&[]);
    let before = read(&dir, "agency.yaml");
    let run = carebook(tmp.path(), &["init", "records"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    let err = flat(&run.stderr);
    assert!(
        err.contains("records is already a records repository: it has agency.yaml"),
        "{err}"
    );
    assert!(err.contains("carebook init --force"), "{err}");
    assert_eq!(read(&dir, "agency.yaml"), before);
}

#[test]
fn force_adds_only_what_is_missing_and_never_overwrites_or_deletes() {
    let (tmp, dir) = new_repo(&[]);
    std::fs::remove_file(dir.join(".gitlab-ci.yml")).expect("remove");
    std::fs::remove_file(dir.join("carers/C-0001.yaml")).expect("remove");
    std::fs::write(dir.join(".gitignore"), "# ours\n").expect("write");
    std::fs::write(dir.join("agency.yaml"), "kind: agency\nname: Ours\n").expect("write");
    std::fs::write(dir.join("notes.md"), "ours").expect("write");

    let run = ok(carebook(
        tmp.path(),
        &["init", "records", "--force", "--today", TODAY],
    ));
    assert!(
        run.stdout.contains("wrote   .gitlab-ci.yml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped .gitignore (it exists; left as it is)")
    );
    assert!(
        run.stdout.contains("add the line `out/` to .gitignore"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("no example records added"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("git: not committed: the git repository already has history")
    );
    assert!(dir.join(".gitlab-ci.yml").is_file());
    assert!(
        !dir.join("carers/C-0001.yaml").exists(),
        "no example into a real repository"
    );
    assert_eq!(read(&dir, ".gitignore"), "# ours\n");
    assert_eq!(read(&dir, "agency.yaml"), "kind: agency\nname: Ours\n");
    assert_eq!(read(&dir, "notes.md"), "ours");
    let log = ok(git(&dir, &["rev-list", "--count", "HEAD"]));
    assert_eq!(log.stdout.trim(), "1", "no commit over someone's work");

    // Nothing missing: nothing written.
    let again = ok(carebook(tmp.path(), &["init", "records", "--force"]));
    assert!(
        again.stdout.contains("nothing was written"),
        "{}",
        again.stdout
    );

    // A folder with files but no agency.yaml gets the examples too.
    let other = tempfile::tempdir().expect("tempdir");
    std::fs::write(other.path().join("README.md"), "ours").expect("write");
    ok(carebook(
        other.path(),
        &["init", "--force", "--no-git", "--today", TODAY],
    ));
    assert!(other.path().join("carers/C-0001.yaml").is_file());
    assert_eq!(read(other.path(), "README.md"), "ours");
}

#[test]
fn an_empty_clone_gets_the_first_commit() {
    let tmp = tempfile::tempdir().expect("tempdir");
    ok(git(tmp.path(), &["init", "--quiet", "clone"]));
    let dir = tmp.path().join("clone");
    let run = ok(carebook(tmp.path(), &["init", "clone", "--today", TODAY]));
    assert!(run.stdout.contains("git: first commit"), "{}", run.stdout);
    let count = ok(git(&dir, &["rev-list", "--count", "HEAD"]));
    assert_eq!(count.stdout.trim(), "1");
}
