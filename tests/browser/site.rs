//! The sites under test, built once per run by the real `carebook`
//! binary: the example agency as is, redacted, and a probe whose records
//! hold markup where a name and a note belong.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The day the example agency is judged on.
pub const TODAY: &str = "2026-11-23";

/// The built sites; their folder lives as long as the test run.
pub struct Sites {
    _dir: tempfile::TempDir,
    /// `carebook build examples`.
    pub plain: PathBuf,
    /// The same with `--redact`.
    pub redacted: PathBuf,
    /// The probe: markup in names and a note.
    pub probe: PathBuf,
}

impl Sites {
    /// Every site with its name, for checks that run on all of them.
    pub fn all(&self) -> [(&'static str, &Path); 3] {
        [
            ("site", &self.plain),
            ("site-redacted", &self.redacted),
            ("site-probe", &self.probe),
        ]
    }
}

/// The sites, built on first use.
pub fn sites() -> &'static Sites {
    static SITES: OnceLock<Sites> = OnceLock::new();
    SITES.get_or_init(build_all)
}

/// The folder screenshots and PDFs are kept in.
pub fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("browser-artefacts");
    std::fs::create_dir_all(&dir).expect("create target/browser-artefacts");
    dir
}

/// The example agency in the repository.
pub fn examples() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    assert!(
        dir.join("agency.yaml").is_file(),
        "the example agency is missing"
    );
    dir
}

fn build_all() -> Sites {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plain = dir.path().join("site");
    let redacted = dir.path().join("site-redacted");
    let probe = dir.path().join("site-probe");
    build(&examples(), &plain, &[]);
    build(&examples(), &redacted, &["--redact"]);
    let records = dir.path().join("probe-records");
    copy_dir(&examples(), &records);
    replace_line(
        &records.join("service-users/SU-0001.yaml"),
        "name: Margaret Ellis",
        "name: \"<script>alert(1)</script>\"",
    );
    replace_line(
        &records.join("carers/C-0004.yaml"),
        "name: Tomasz Nowak",
        "name: \"<img src=x onerror=alert(2)>\"",
    );
    replace_line(
        &records.join("service-users/SU-0002.yaml"),
        "communication: ",
        "communication: \"</td></tr></table><b id=injected>bold</b>\"",
    );
    build(&records, &probe, &[]);
    Sites {
        _dir: dir,
        plain,
        redacted,
        probe,
    }
}

fn build(records: &Path, out: &Path, extra: &[&str]) {
    let run = assert_cmd::Command::cargo_bin("carebook")
        .expect("the carebook binary")
        .arg("build")
        .arg(records)
        .args(["--today", TODAY, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run carebook build");
    assert!(
        run.status.success(),
        "carebook build failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Copies a folder of records, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the example agency");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a record");
        }
    }
}

/// Replaces the line starting with `start`; fails when there is none, so
/// the probe cannot quietly test nothing.
fn replace_line(file: &Path, start: &str, with: &str) {
    let text = std::fs::read_to_string(file).expect("read a probe record");
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with(start) {
                found = true;
                with.to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    assert!(found, "{} has no line `{start}`", file.display());
    std::fs::write(file, lines.join("\n") + "\n").expect("write a probe record");
}

/// The HTML pages of a site, sorted.
pub fn pages(site: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(site)
        .expect("read the site")
        .map(|e| e.expect("a site entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 7, "the site has too few pages: {pages:?}");
    pages
}

/// The `file://` URL of a page.
pub fn url(page: &Path) -> String {
    format!("file://{}", page.display())
}

/// The full names of the example agency's people and carers, read from
/// their records' `name:` lines.
pub fn names() -> Vec<String> {
    let mut names = Vec::new();
    for folder in ["service-users", "carers"] {
        for entry in std::fs::read_dir(examples().join(folder)).expect("read the records") {
            let text =
                std::fs::read_to_string(entry.expect("a record").path()).expect("read a record");
            for line in text.lines() {
                if let Some(name) = line.strip_prefix("name: ") {
                    names.push(name.trim_matches('"').to_owned());
                }
            }
        }
    }
    names
}
