//! `carebook audit`: the records' git history as an audit log, with the
//! consent findings; prints it and exits 0, 1 (errors found) or 2 (the run
//! failed, e.g. not a git repository).

use carebook::audit::{self, output};
use carebook::load::LoadError;
use carebook::load::walk::{AGENCY_FILE, find_root};
use carebook::report;
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
    /// The date the markdown report is "as of".
    #[command(flatten)]
    today: super::Today,
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
    let fails = result.fails();
    let text = match args.format {
        Format::Human => output::human::render(&result),
        Format::Json => output::json::render(&result),
        Format::Md => markdown(&root, result, args.since, args.today.get())?,
    };
    super::print_stdout(text.as_bytes());
    Ok(if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The audit as the markdown audit report: the records loaded for the
/// page header, the report rendered through the same template as
/// `carebook report audit --format md`.
fn markdown(
    root: &std::path::Path,
    result: audit::Audit,
    since: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> Result<String, super::CliError> {
    let (repo, _) = super::open_repo(Some(root))?;
    let checked = carebook::check::run(&repo, today);
    let mut opts = report::Options::new(report::Format::Md, today);
    opts.since = since;
    let session = report::Session::new(&repo, &checked, &opts)?.with_audit(result);
    Ok(session.report(report::ReportKind::Audit)?.text)
}
