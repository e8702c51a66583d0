//! `carebook init`: create a records repository and say what to do next.

use carebook::init::{self, GitOutcome, Options};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `carebook init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create the repository in (default: the current folder).
    dir: Option<PathBuf>,
    /// Write into a folder that is not empty, adding only the files that are
    /// missing: nothing is overwritten or deleted.
    #[arg(long)]
    force: bool,
    /// The agency's name, for agency.yaml (default: the folder's name).
    #[arg(long)]
    name: Option<String>,
    /// Write the files only: no `git init`, no first commit.
    #[arg(long)]
    no_git: bool,
    #[command(flatten)]
    today: super::Today,
}

/// Creates the repository.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let options = Options {
        name: args
            .name
            .clone()
            .unwrap_or_else(|| init::default_name(&dir)),
        today: args.today.get(),
        force: args.force,
        git: !args.no_git,
    };
    let outcome = init::init(&dir, &options)?;
    let shown = dir.display();
    if outcome.written.is_empty() {
        outln!("{shown} already has every file carebook init writes; nothing was written");
    } else {
        outln!("records repository for {} in {shown}:", options.name);
    }
    let width = outcome
        .written
        .iter()
        .map(|f| f.path.len())
        .max()
        .unwrap_or(0);
    for f in &outcome.written {
        outln!("  wrote   {:<width$}  {}", f.path, f.about);
    }
    for path in &outcome.skipped {
        outln!("  skipped {path} (it exists; left as it is)");
    }
    if outcome.skipped.iter().any(|p| p.starts_with("schema/")) {
        outln!("  to bring the schemas up to date: carebook schema --out schema");
    }
    if outcome.skipped.iter().any(|p| p == ".gitignore") && !ignores_out(&dir) {
        outln!("  add the line `out/` to .gitignore: exports hold personal data");
    }
    if !outcome.no_examples.is_empty() {
        outln!(
            "  no example records added: this repository already has agency.yaml and records of its own"
        );
    }
    match &outcome.git {
        Some(GitOutcome::Committed {
            commit,
            initialised,
        }) => outln!(
            "git: {}first commit {commit}: \"{}\"",
            if *initialised { "new repository, " } else { "" },
            init::COMMIT_MESSAGE
        ),
        Some(GitOutcome::NotCommitted { reason }) => outln!("git: not committed: {reason}"),
        None => {}
    }
    if !outcome.written.is_empty() {
        outln!("\nnext:");
        if args.dir.is_some() {
            outln!("  cd {shown}");
        }
        outln!("  carebook check                  # no problems found: the examples pass");
        outln!("  code .                          # or any editor with the YAML language server");
        outln!("  pre-commit install              # or: git config core.hooksPath .githooks");
        outln!("  see \"Using carebook in your agency\" in carebook's README");
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether the folder's `.gitignore` has a line for `out/`.
fn ignores_out(dir: &std::path::Path) -> bool {
    std::fs::read_to_string(dir.join(".gitignore")).is_ok_and(|text| {
        text.lines()
            .map(str::trim)
            .any(|l| matches!(l, "out" | "out/" | "/out" | "/out/"))
    })
}
