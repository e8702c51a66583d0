//! Command-line arguments (clap derive) and dispatch to one file per
//! subcommand. Only the binary knows about clap.

/// `print!` that never panics: a closed or broken standard output
/// (`carebook … | head -c1`) drops the text, and the command goes on.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `println!` that never panics (see `out!`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod audit;
mod build;
mod check;
mod completions;
mod error;
mod export;
mod import;
mod init;
mod man;
mod report;
mod rota;
mod rota_summary;
mod schema;
mod serve;

pub use error::{CliError, CliWarning};

use carebook::model::values::Week;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status: the run itself failed (usage, no repository).
pub const EXIT_FAILED: u8 = 2;

/// Care records as YAML in git: check them, plan rotas, report.
#[derive(Debug, Parser)]
#[command(name = "carebook", version, about, max_term_width = 100)]
pub struct Cli {
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
    /// Add records from another system's CSV export (call monitoring
    /// visits) through a column mapping file; writes nothing if a row is
    /// refused.
    Import(import::Args),
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

/// `--today`, for the commands that judge dates (check, report, build,
/// init): flattened into their arguments, not global, so a command that
/// judges no date rejects it.
#[derive(Debug, clap::Args)]
pub struct Today {
    /// Judge dates against this day instead of today (YYYY-MM-DD), so
    /// results can be reproduced.
    #[arg(long = "today", value_name = "DATE", value_parser = parse_date)]
    day: Option<chrono::NaiveDate>,
}

impl Today {
    /// The day given, or the local date.
    pub fn get(&self) -> chrono::NaiveDate {
        self.day
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| expanded_date(s))
        .ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2026-11-23"))
}

/// An ISO 8601 date with a signed (expanded) year, `+262143-12-31`: how
/// the first and last days chrono knows are written.
fn expanded_date(s: &str) -> Option<chrono::NaiveDate> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let mut parts = rest.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(sign * year, month, day)
}

/// The week after the one holding `today`: the week a coordinator plans,
/// and the default of `rota` and `export`.
pub fn next_week(today: chrono::NaiveDate) -> Week {
    Week::of(today).next()
}

/// An ISO week such as `2026-W49`, parsed once, by clap.
fn parse_week(s: &str) -> Result<Week, String> {
    s.parse()
}

/// Parses the arguments, runs the subcommand, and prints its error, if
/// any, as a miette report: the one place a run fails (status 2).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Audit(args) => audit::run(args),
        Command::Check(args) => check::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Rota(args) => rota::run(args),
        Command::Init(args) => init::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Report(args) => report::run(args),
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
    };
    result.unwrap_or_else(|error| {
        print(error);
        ExitCode::from(EXIT_FAILED)
    })
}

/// Opens the repository named on the command line, or the one found
/// upward from the current folder; also returns the current folder.
pub fn open_repo(
    dir: Option<&std::path::Path>,
) -> Result<(carebook::load::Repo, std::path::PathBuf), CliError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    let repo = match dir {
        Some(dir) => carebook::load::Repo::open(dir, false)?,
        None => carebook::load::Repo::open(&cwd, true)?,
    };
    Ok((repo, cwd))
}

/// Prints a warning on stderr, through the same printer as errors.
pub fn warn(warning: CliWarning) {
    print(warning);
}

/// The one printer of the binary's diagnostics: a miette report on stderr.
fn print(diagnostic: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(diagnostic));
}

/// Writes `text` to standard output; a closed pipe (`carebook … | head`)
/// is not a failure of the command.
pub fn print_stdout(text: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text);
    let _ = stdout.flush();
}
