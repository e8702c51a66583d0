//! `carebook audit`: the records' git history as an audit log, with the
//! consent findings; prints it and exits 0, 1 (errors found) or 2 (the run
//! failed, e.g. not a git repository).

use carebook::audit::{self, output};
use carebook::load::LoadError;
use carebook::load::walk::{AGENCY_FILE, find_root};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// How the audit is printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// The log as people read it.
    Human,
    /// The JSON shape, for CI and reports.
    Json,
    /// A markdown report.
    Md,
}

/// Arguments of `carebook audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The records repository (default: found upward from the current folder).
    repo: Option<PathBuf>,
    /// Only commits made on or after this day (YYYY-MM-DD, committer date, UTC).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    since: Option<chrono::NaiveDate>,
    /// Only commits made on or before this day.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    until: Option<chrono::NaiveDate>,
    /// One record's whole life: only its changes and findings.
    #[arg(long, value_name = "ID")]
    record: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Add each care plan's consent timeline.
    #[arg(long)]
    consent: bool,
}

/// Runs the audit.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let root = match &args.repo {
        Some(dir) if dir.join(AGENCY_FILE).is_file() => dir.clone(),
        Some(dir) => return Err(LoadError::NoAgency(dir.clone()).into()),
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            find_root(&cwd).ok_or(LoadError::NoRepository(cwd))?
        }
    };
    let options = audit::Options {
        since: args.since,
        until: args.until,
        record: args.record,
        consent: args.consent,
    };
    let result = audit::run(&root, &options)?;
    let text = match args.format {
        Format::Human => output::human::render(&result),
        Format::Json => output::json::render(&result),
        Format::Md => output::md::render(&result),
    };
    super::print_stdout(text.as_bytes());
    Ok(if result.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
