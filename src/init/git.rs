//! `git init` and the first commit of a new records repository, by running
//! the `git` command.
//!
//! Not git2: the design keeps git2 to one module (history reading for
//! `audit`), and the `git` command makes the first commit exactly as the
//! agency's own later commits will be made, with their identity, default
//! branch name, signing and hooks. An agency that keeps records in git has
//! git installed; when it has not, the files are still written and the
//! outcome says what to run.

use std::path::Path;
use std::process::{Command, Output};

/// What happened on the git side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitOutcome {
    /// A new repository with one commit holding the files.
    Committed {
        /// The commit's short id.
        commit: String,
        /// Whether `git init` was run (false: an empty clone was used).
        initialised: bool,
    },
    /// The files were left for a person to commit.
    NotCommitted {
        /// Why, and what to run.
        reason: String,
    },
}

fn git(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new("git").arg("-C").arg(dir).args(args).output()
}

fn ok(dir: &Path, args: &[&str]) -> bool {
    git(dir, args).is_ok_and(|o| o.status.success())
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn first_error_line(o: &Output) -> String {
    let text = String::from_utf8_lossy(&o.stderr);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("git failed")
        .to_owned()
}

/// Makes `dir` a git repository (unless it is one) and commits `files`
/// (paths below `dir`) with `message`; commits only into a repository
/// with no commits and nothing staged, so no one's work is swept in.
pub fn init_and_commit(dir: &Path, files: &[String], message: &str) -> GitOutcome {
    let by_hand = format!("git add -A && git commit -m \"{message}\"");
    if Command::new("git").arg("--version").output().is_err() {
        return GitOutcome::NotCommitted {
            reason: format!("git was not found; install it, then run: git init && {by_hand}"),
        };
    }
    let initialised = !dir.join(".git").exists();
    if initialised {
        if let Ok(o) = git(dir, &["rev-parse", "--show-toplevel"])
            && o.status.success()
        {
            return GitOutcome::NotCommitted {
                reason: format!(
                    "this folder is inside the git repository at {}; no new repository was made: \
                     review the files and commit them there",
                    stdout(&o)
                ),
            };
        }
        match git(dir, &["init", "--quiet"]) {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                return GitOutcome::NotCommitted {
                    reason: format!("git init failed: {}", first_error_line(&o)),
                };
            }
            Err(e) => {
                return GitOutcome::NotCommitted {
                    reason: format!("git init failed: {e}"),
                };
            }
        }
    } else {
        let has_commits = ok(dir, &["rev-parse", "--verify", "--quiet", "HEAD"]);
        let tracked = git(dir, &["ls-files"]).is_ok_and(|o| !o.stdout.is_empty());
        if has_commits || tracked {
            return GitOutcome::NotCommitted {
                reason: "the git repository already has history: review the new files, then \
                         `git add` and `git commit` them"
                    .to_owned(),
            };
        }
    }
    let mut add = vec!["add", "--"];
    add.extend(files.iter().map(String::as_str));
    match git(dir, &add) {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            return GitOutcome::NotCommitted {
                reason: format!(
                    "git add failed: {}; then run: {by_hand}",
                    first_error_line(&o)
                ),
            };
        }
        Err(e) => {
            return GitOutcome::NotCommitted {
                reason: format!("git add failed: {e}"),
            };
        }
    }
    match git(dir, &["commit", "--quiet", "-m", message]) {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            return GitOutcome::NotCommitted {
                reason: format!(
                    "the files are staged but git commit failed: {}; set your name and email \
                     (git config --global user.name \"...\" and user.email \"...\"), then run: \
                     git commit -m \"{message}\"",
                    first_error_line(&o)
                ),
            };
        }
        Err(e) => {
            return GitOutcome::NotCommitted {
                reason: format!("git commit failed: {e}"),
            };
        }
    }
    let commit = git(dir, &["rev-parse", "--short", "HEAD"])
        .map(|o| stdout(&o))
        .unwrap_or_default();
    GitOutcome::Committed {
        commit,
        initialised,
    }
}
