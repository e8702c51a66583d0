//! Command-line arguments (clap derive) and dispatch to one file per
//! subcommand. Only the binary knows about clap.

mod audit;
mod build;
mod check;
mod completions;
mod export;
mod init;
mod man;
mod report;
mod rota;
mod rota_summary;
mod schema;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status: the run itself failed (usage, no repository).
pub const EXIT_FAILED: u8 = 2;

/// Care records as YAML in git: check them, plan rotas, report.
#[derive(Debug, Parser)]
#[command(name = "carebook", version, about, max_term_width = 100)]
pub struct Cli {
    /// Judge dates against this day instead of today (YYYY-MM-DD), so
    /// results can be reproduced.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    today: Option<chrono::NaiveDate>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The records' git history as a change and consent audit log.
    Audit(audit::Args),
    /// Validate the records: every finding with its file, line and column.
    Check(check::Args),
    /// Plan a week's rota and write rotas/<week>.yaml.
    Rota(rota::Args),
    /// Write the JSON Schemas of the record kinds (for editors).
    Schema(schema::Args),
    /// Create a records repository: agency.yaml, example records, schemas,
    /// editor, pre-commit and CI set-up, and a first git commit.
    Init(init::Args),
    /// Export a week's rota: calendars for carers, hours for payroll and
    /// invoices.
    Export(export::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print a man page (roff): carebook's, or a subcommand's; or write
    /// them all into a folder with --out.
    Man(man::Args),
    /// Render a report (rota, service-user, compliance, training,
    /// inspection, audit) as HTML or markdown.
    Report(report::Args),
    /// Check the records and render every report into a linked static
    /// site with an index: the command to run first.
    Build(build::Args),
    /// Serve the built site on this computer (127.0.0.1), rebuilt when a
    /// record or template changes; writes nothing into the records.
    Serve(serve::Args),
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2026-11-23"))
}

/// Parses the arguments and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match cli.command {
        Command::Audit(args) => audit::run(args),
        Command::Check(args) => check::run(args, today),
        Command::Schema(args) => schema::run(args),
        Command::Rota(args) => rota::run(args),
        Command::Init(args) => init::run(args, today),
        Command::Export(args) => export::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Report(args) => report::run(args, today),
        Command::Build(args) => build::run(args, today),
        Command::Serve(args) => serve::run(args, today),
    }
}

/// Opens the repository named on the command line, or the one found
/// upward from the current folder; also returns the current folder.
pub fn open_repo(
    dir: Option<&std::path::Path>,
) -> Result<(carebook::load::Repo, std::path::PathBuf), carebook::load::LoadError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    let repo = match dir {
        Some(dir) => carebook::load::Repo::open(dir, false)?,
        None => carebook::load::Repo::open(&cwd, true)?,
    };
    Ok((repo, cwd))
}

/// Prints a run failure as a miette report on stderr and returns status 2.
pub fn fail(error: impl miette::Diagnostic + Send + Sync + 'static) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(error));
    ExitCode::from(EXIT_FAILED)
}
