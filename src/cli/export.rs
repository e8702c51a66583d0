//! `carebook export`: a week's rota as calendars for carers (`ical`) and
//! as hours for payroll and invoices (`hours`).

use carebook::export::{self, hours, hours_output, ical};
use carebook::fsutil::write_output;
use carebook::model::carer::CarerStatus;
use carebook::model::values::Week;
use carebook::travel::TravelTimes;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `carebook export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// One iCalendar (.ics) file per carer from the week's rota, for their
    /// phone's calendar; re-importing an updated week updates its events.
    Ical(IcalArgs),
    /// Planned hours from the week's rota: per carer per day (care, travel
    /// between visits, gaps) for payroll, or per service user by funder.
    Hours(HoursArgs),
}

#[derive(Debug, clap::Args)]
struct IcalArgs {
    /// The records repository (default: found upward from the current folder).
    repo: Option<PathBuf>,
    /// The ISO week, e.g. 2026-W49 (its rota is rotas/<week>.yaml;
    /// default: next week).
    #[arg(long, value_parser = super::parse_week)]
    week: Option<Week>,
    #[command(flatten)]
    today: super::Today,
    /// Folder to write <carer-id>.ics files into (default: out/ical/<week>
    /// in the repository).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// What the hours are counted by.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum By {
    /// Each carer's day: care, travel between visits, gaps (for payroll).
    Carer,
    /// Each service user, grouped by funding source and reference, against
    /// commissioned hours (for invoices).
    Funder,
}

/// How the hours are printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Comma-separated values with a header line.
    Csv,
    /// An aligned table with totals, for people.
    Table,
}

#[derive(Debug, clap::Args)]
struct HoursArgs {
    /// The records repository (default: found upward from the current folder).
    repo: Option<PathBuf>,
    /// The ISO week, e.g. 2026-W49 (its rota is rotas/<week>.yaml;
    /// default: next week).
    #[arg(long, value_parser = super::parse_week)]
    week: Option<Week>,
    #[command(flatten)]
    today: super::Today,
    /// Count by carer (payroll) or by funder (invoices).
    #[arg(long, value_enum, default_value_t = By::Carer)]
    by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Hours from the week's visit logs (care delivered: arrival to
    /// departure) beside the planned ones, for paying and invoicing what
    /// happened (default week: last week).
    #[arg(long)]
    actual: bool,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Runs the export.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    match args.what {
        What::Ical(a) => run_ical(a),
        What::Hours(a) => run_hours(a),
    }
}

fn run_ical(args: IcalArgs) -> Result<ExitCode, super::CliError> {
    let chosen = args
        .week
        .unwrap_or_else(|| super::next_week(args.today.get()));
    let (repo, _) = super::open_repo(args.repo.as_deref())?;
    let week = export::week_rota(&repo, chosen)?;
    warn_leavers(&week);
    let dir = args
        .out
        .unwrap_or_else(|| repo.root.join("out").join("ical").join(chosen.to_string()));
    let calendars = ical::calendars(&week, &repo.agency.name);
    if calendars.is_empty() {
        outln!(
            "the rota for {} has no assigned visits: no calendars written",
            chosen
        );
    }
    for cal in &calendars {
        let path = dir.join(format!("{}.ics", cal.carer_id));
        let records = repo.record_paths();
        write_output(&repo.root, &records, &path, cal.text.as_bytes())?;
        let visits = if cal.events == 1 { "visit" } else { "visits" };
        outln!(
            "wrote {}  {}, {} {visits}",
            path.display(),
            cal.carer_name,
            cal.events
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_hours(args: HoursArgs) -> Result<ExitCode, super::CliError> {
    if args.actual {
        return run_actual(args);
    }
    let chosen = args
        .week
        .unwrap_or_else(|| super::next_week(args.today.get()));
    let (repo, _) = super::open_repo(args.repo.as_deref())?;
    let week = export::week_rota(&repo, chosen)?;
    warn_leavers(&week);
    let text = match args.by {
        By::Carer => {
            let (times, matrix_error) =
                TravelTimes::for_repo(&repo.agency.policy.travel, &repo.root);
            if let Some(e) = matrix_error {
                super::warn(super::CliWarning::TravelMatrix(e.to_string()));
            }
            let days = hours::by_carer(&week, &times);
            shaped(
                args.format,
                chosen,
                &days,
                hours_output::carers_csv,
                hours_output::carers_table,
            )
        }
        By::Funder => {
            let rows = hours::by_funder(&week);
            shaped(
                args.format,
                chosen,
                &rows,
                hours_output::funders_csv,
                hours_output::funders_table,
            )
        }
    };
    emit(&repo, args.out, text)
}

/// `export hours --actual`: logged hours beside planned, for last week
/// unless `--week` says otherwise.
fn run_actual(args: HoursArgs) -> Result<ExitCode, super::CliError> {
    use carebook::export::actual;
    let today = args.today.get();
    let chosen = args.week.unwrap_or_else(|| {
        Week::of(
            today
                .checked_sub_days(chrono::Days::new(7))
                .unwrap_or(today),
        )
    });
    let (repo, _) = super::open_repo(args.repo.as_deref())?;
    let index = carebook::index::Index::new(&repo);
    let text = match args.by {
        By::Carer => {
            let days = actual::by_carer(&index, chosen);
            shaped(
                args.format,
                chosen,
                &days,
                actual::carers_csv,
                actual::carers_table,
            )
        }
        By::Funder => {
            let rows = actual::by_funder(&index, chosen);
            shaped(
                args.format,
                chosen,
                &rows,
                actual::funders_csv,
                actual::funders_table,
            )
        }
    };
    emit(&repo, args.out, text)
}

/// `rows` of `week` as `format` asks: by `csv`, or by `table`.
fn shaped<T>(
    format: Format,
    week: Week,
    rows: &[T],
    csv: fn(Week, &[T]) -> Result<String, csv::Error>,
    table: fn(Week, &[T]) -> String,
) -> Result<String, super::CliError> {
    match format {
        Format::Csv => csv(week, rows).map_err(super::CliError::Csv),
        Format::Table => Ok(table(week, rows)),
    }
}

/// Writes `text` to `out` (atomically, never over a record), or to
/// standard output.
fn emit(
    repo: &carebook::load::Repo,
    out: Option<PathBuf>,
    text: Result<String, super::CliError>,
) -> Result<ExitCode, super::CliError> {
    let text = text?;
    match out {
        Some(path) => {
            let records = repo.record_paths();
            write_output(&repo.root, &records, &path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => super::print_stdout(text.as_bytes()),
    }
    Ok(ExitCode::SUCCESS)
}

/// Carers who have left but still have visits: exported as planned, with
/// a warning (`carebook check` says more).
fn warn_leavers(week: &export::WeekRota) {
    let mut seen = std::collections::BTreeSet::new();
    for v in &week.visits {
        for c in &v.carers {
            if c.status == CarerStatus::Leaver && seen.insert(c.id.as_str()) {
                super::warn(super::CliWarning::Leaver {
                    name: carebook::terminal::escape(&c.name).into_owned(),
                    id: c.id.to_string(),
                    file: week.file.clone(),
                    week: week.week,
                });
            }
        }
    }
}
