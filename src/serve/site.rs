//! The site being served: built from the records into a fresh temporary
//! folder (never inside the repository), swapped in whole when the build
//! succeeds, with a banner on the index telling what the last change
//! brought: the findings about the files that changed first.

use crate::diag::Finding;
use crate::report::build::build;
use crate::report::{Format, Options, Session};
use crate::wording::plural;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The start of the build folders' names in the temporary folder, before
/// the server's process id.
const PREFIX: &str = "carebook-serve-";

/// Removes the build folders that servers no longer running left behind
/// (a server stopped with Ctrl-C cannot remove its own): they hold care
/// records. Returns how many were removed. Linux only (it asks `/proc`
/// whether a process runs); elsewhere it removes nothing.
pub fn remove_stale(temp: &Path) -> usize {
    if !Path::new("/proc/self").exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let gone = pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if gone && is_dir && std::fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// What a build needs besides the repository.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The records repository.
    pub root: PathBuf,
    /// The day dates are judged on.
    pub today: chrono::NaiveDate,
    /// The rota week, when not the week of `today`.
    pub week: Option<crate::model::values::Week>,
    /// Whether names are redacted.
    pub redact: bool,
}

/// The folder of the current build, shared with the HTTP threads.
#[derive(Clone, Default)]
pub struct Current {
    dir: Arc<RwLock<Option<Arc<tempfile::TempDir>>>>,
}

impl Current {
    /// The folder to serve from (kept alive while a request reads it).
    pub fn get(&self) -> Option<Arc<tempfile::TempDir>> {
        self.dir.read().map(|d| d.clone()).unwrap_or(None)
    }

    fn set(&self, dir: tempfile::TempDir) {
        if let Ok(mut d) = self.dir.write() {
            *d = Some(Arc::new(dir));
        }
    }
}

/// What one rebuild did, for the banner and the terminal.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Errors of `check`.
    pub errors: usize,
    /// Warnings of `check`.
    pub warnings: usize,
    /// Findings about the changed files, as `file:line: code: message`.
    pub about_changes: Vec<String>,
    /// When the build failed: why (the last good site stays).
    pub failed: Option<String>,
}

/// Builds the site into a new folder and, when that works, makes it the
/// current one. `changed` are the files (relative to the repository) whose
/// change caused the build, empty for the first.
pub fn rebuild(settings: &Settings, current: &Current, changed: &[String]) -> Outcome {
    match try_build(settings, changed) {
        Ok((dir, outcome)) => {
            current.set(dir);
            outcome
        }
        Err(why) => {
            if let Some(dir) = current.get() {
                let _ = add_banner(dir.path(), &failure_banner(&why, changed));
            }
            Outcome {
                errors: 0,
                warnings: 0,
                about_changes: Vec::new(),
                failed: Some(why),
            }
        }
    }
}

fn try_build(
    settings: &Settings,
    changed: &[String],
) -> Result<(tempfile::TempDir, Outcome), String> {
    let repo = crate::load::Repo::open(&settings.root, false).map_err(|e| e.to_string())?;
    let mut options = Options::new(Format::Html, settings.today);
    options.week = settings.week;
    options.redact = settings.redact;
    let checked = crate::check::run(&repo, settings.today);
    let mut session = Session::new(&repo, &checked, &options).map_err(|e| e.to_string())?;
    let dir = tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| e.to_string())?;
    let built = build(&mut session, dir.path()).map_err(|e| e.to_string())?;
    let about_changes: Vec<String> = checked
        .findings
        .iter()
        .filter(|f| changed.contains(&f.site.file))
        .map(line)
        .collect();
    let outcome = Outcome {
        errors: built.errors,
        warnings: built.warnings,
        about_changes,
        failed: None,
    };
    if !changed.is_empty() {
        add_banner(dir.path(), &change_banner(&outcome, changed)).map_err(|e| e.to_string())?;
    }
    Ok((dir, outcome))
}

fn line(f: &Finding) -> String {
    format!(
        "{}:{}: {} {}: {}",
        f.site.file,
        f.site.pos.line,
        f.severity.as_str(),
        f.code.as_str(),
        f.message
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn change_banner(outcome: &Outcome, changed: &[String]) -> String {
    let mut html = format!(
        "<section class=\"banner\" id=\"last-change\" role=\"status\"><p><strong>Rebuilt after a change to {}.</strong> ",
        escape(&changed.join(", "))
    );
    if outcome.about_changes.is_empty() {
        html.push_str("No finding about the changed files.");
    } else {
        html.push_str("Findings about the changed files:</p><ul>");
        for l in &outcome.about_changes {
            html.push_str(&format!("<li><code>{}</code></li>", escape(l)));
        }
        html.push_str("</ul><p>");
    }
    html.push_str(&format!(
        " The records have {} and {} in all.</p></section>",
        plural(outcome.errors, "error"),
        plural(outcome.warnings, "warning")
    ));
    html
}

fn failure_banner(why: &str, changed: &[String]) -> String {
    format!(
        "<section class=\"banner\" id=\"last-change\" role=\"alert\"><p><strong>The change to {} could not be built</strong>; this is the last good site.</p><pre>{}</pre></section>",
        escape(&changed.join(", ")),
        escape(why)
    )
}

/// Puts `banner` at the top of the index's main part (or of its body,
/// when a custom layout has no `<main id="main">`).
fn add_banner(dir: &Path, banner: &str) -> std::io::Result<()> {
    let index = dir.join("index.html");
    let mut html = std::fs::read_to_string(&index)?;
    // A failed rebuild replaces the banner of the change before it.
    if let (Some(start), Some(end)) = (
        html.find("<section class=\"banner\" id=\"last-change\""),
        html.find("</section><!--last-change-->"),
    ) {
        html.replace_range(start..end + "</section><!--last-change-->".len(), "");
    }
    let banner = format!("{}<!--last-change-->", banner);
    let at = html
        .find("<main id=\"main\">")
        .map(|i| i + "<main id=\"main\">".len())
        .or_else(|| {
            html.find("<body")
                .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
        })
        .unwrap_or(0);
    html.insert_str(at, &banner);
    crate::fsutil::write_atomic(&index, html.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_build_folders_of_stopped_servers_are_removed() {
        let temp = tempfile::tempdir().unwrap();
        // No process has pid 4294967295; this process is running.
        let stale = temp.path().join(format!("{PREFIX}4294967295-abc"));
        let ours = temp
            .path()
            .join(format!("{PREFIX}{}-abc", std::process::id()));
        let other = temp.path().join("carebook-serve-notes");
        for d in [&stale, &ours, &other] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("index.html"), "x").unwrap();
        }
        if Path::new("/proc/self").exists() {
            assert_eq!(remove_stale(temp.path()), 1);
            assert!(!stale.exists());
        }
        assert!(ours.exists() && other.exists());
    }

    #[test]
    fn the_banner_escapes_what_it_shows() {
        let outcome = Outcome {
            errors: 1,
            warnings: 0,
            about_changes: vec!["a.yaml:1: error x: <b>".into()],
            failed: None,
        };
        let html = change_banner(&outcome, &["<i>.yaml".into()]);
        assert!(html.contains("&lt;i&gt;.yaml"));
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn the_banner_goes_first_in_main_and_replaces_the_last() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<body><main id=\"main\"><h2>x</h2></main></body>",
        )
        .unwrap();
        add_banner(
            dir.path(),
            "<section class=\"banner\" id=\"last-change\">one</section>",
        )
        .unwrap();
        add_banner(
            dir.path(),
            "<section class=\"banner\" id=\"last-change\">two</section>",
        )
        .unwrap();
        let html = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
        assert!(
            html.contains("<main id=\"main\"><section class=\"banner\" id=\"last-change\">two")
        );
        assert!(!html.contains("one"), "{html}");
    }
}
