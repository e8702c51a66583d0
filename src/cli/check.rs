//! `carebook check`: load, run every rule, print, and exit 0, 1 or 2.

use carebook::check::{self, output};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How findings are printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Source snippets and hints, for people.
    Human,
    /// The JSON shape of the records format page.
    Json,
    /// JUnit XML, one test case per record file.
    Junit,
    /// GitHub Actions annotations.
    Github,
}

/// Arguments of `carebook check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The records repository (default: found upward from the current folder).
    repo: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Warnings also make the exit status 1.
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    today: super::Today,
}

/// Runs the check.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let (repo, cwd) = super::open_repo(args.repo.as_deref())?;
    let report = check::run(&repo, args.today.get());
    let text = match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            output::human::render(&report, &repo.files, color)
        }
        Format::Json => output::json::render(&report),
        Format::Junit => {
            let files: Vec<String> = repo.files.iter().map(|f| f.path.clone()).collect();
            output::junit::render(&report, &files, args.deny_warnings)
        }
        Format::Github => output::github::render(&report, &prefix(&repo.root, &cwd)),
    };
    super::print_stdout(text.as_bytes());
    // The process ends here: freeing thousands of trees one by one would
    // only add to the wall time.
    std::mem::forget(repo);
    Ok(if report.fails(args.deny_warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The records root as a path from the current folder, for annotations.
fn prefix(root: &Path, cwd: &Path) -> String {
    let root_abs = if root.is_absolute() {
        root.to_path_buf()
    } else {
        cwd.join(root)
    };
    if let Ok(rest) = root_abs.strip_prefix(cwd) {
        return carebook::load::walk::display_path(rest);
    }
    if let Ok(up) = cwd.strip_prefix(&root_abs) {
        return vec![".."; up.components().count()].join("/");
    }
    carebook::load::walk::display_path(root)
}
