//! `carebook import`: records from another system's CSV export, through a
//! column mapping file.

use carebook::import::{self, Summary};
use carebook::index::Index;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `carebook import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// Visits from a call monitoring system's CSV into visit logs
    /// (logs/<service-user>/<week>.yaml): rows of unknown people, carers
    /// or visits, bad times and duplicates are refused with their row
    /// numbers, and then nothing is written; visits already logged are
    /// left as they are, so importing a file twice changes nothing.
    Visits(FileArgs),
}

#[derive(Debug, clap::Args)]
struct FileArgs {
    /// The CSV export.
    file: PathBuf,
    /// The mapping file: `columns:` naming the CSV's column for each field,
    /// and optional `date_format`, `time_format`, `list_separator`, `values`.
    #[arg(long = "map", value_name = "MAPPING.yaml")]
    map: PathBuf,
    /// The records repository (default: found upward from the current folder).
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,
    #[command(flatten)]
    today: super::Today,
    /// Check the file and say what would be written, writing nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Runs the import.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    match args.what {
        What::Visits(a) => {
            let (repo, _) = super::open_repo(a.repo.as_deref())?;
            let index = Index::new(&repo);
            let (plan, summary) = import::visits::plan(&index, &a.file, &a.map, a.today.get())?;
            if !a.dry_run {
                plan.apply()?;
            }
            print(&summary, "visit", a.dry_run);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print(s: &Summary, what: &str, dry_run: bool) {
    use carebook::wording::plural;
    let verb = if dry_run { "would add" } else { "added" };
    outln!(
        "{} read: {verb} {}, {} already recorded (left as they are)",
        plural(s.rows, "row"),
        plural(s.added, what),
        s.unchanged
    );
    let (created, changed) = if dry_run {
        ("would create", "would add to")
    } else {
        ("created", "added to")
    };
    for f in &s.created {
        outln!("  {created} {f}");
    }
    for f in &s.changed {
        outln!("  {changed} {f}");
    }
}
