//! `carebook export`: a week's rota as calendars for carers (`ical`) and
//! as hours for payroll and invoices (`hours`).

use carebook::export::{self, hours, hours_output, ical};
use carebook::model::carer::CarerStatus;
use carebook::model::values::Week;
use carebook::travel::TravelTimes;
use clap::{Subcommand, ValueEnum};
use std::io::Write;
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
    /// The ISO week, e.g. 2026-W49 (its rota is rotas/<week>.yaml).
    #[arg(long, value_parser = parse_week)]
    week: Week,
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
    /// The ISO week, e.g. 2026-W49 (its rota is rotas/<week>.yaml).
    #[arg(long, value_parser = parse_week)]
    week: Week,
    /// Count by carer (payroll) or by funder (invoices).
    #[arg(long, value_enum, default_value_t = By::Carer)]
    by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

fn parse_week(s: &str) -> Result<Week, String> {
    s.parse()
}

/// Runs the export.
pub fn run(args: Args) -> ExitCode {
    match args.what {
        What::Ical(a) => run_ical(a),
        What::Hours(a) => run_hours(a),
    }
}

fn run_ical(args: IcalArgs) -> ExitCode {
    let (repo, _) = match super::open_repo(args.repo.as_deref()) {
        Ok(opened) => opened,
        Err(e) => return super::fail(e),
    };
    let week = match export::week_rota(&repo, args.week) {
        Ok(w) => w,
        Err(e) => return super::fail(e),
    };
    warn_leavers(&week);
    let dir = args.out.unwrap_or_else(|| {
        repo.root
            .join("out")
            .join("ical")
            .join(args.week.to_string())
    });
    let calendars = ical::calendars(&week, &repo.agency.name);
    if calendars.is_empty() {
        println!(
            "the rota for {} has no assigned visits: no calendars written",
            args.week
        );
    }
    for cal in &calendars {
        let path = dir.join(format!("{}.ics", cal.carer_id));
        if let Err(e) = carebook::fsutil::write_atomic(&path, cal.text.as_bytes()) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(super::EXIT_FAILED);
        }
        let visits = if cal.events == 1 { "visit" } else { "visits" };
        println!(
            "wrote {}  {}, {} {visits}",
            path.display(),
            cal.carer_name,
            cal.events
        );
    }
    ExitCode::SUCCESS
}

fn run_hours(args: HoursArgs) -> ExitCode {
    let (repo, _) = match super::open_repo(args.repo.as_deref()) {
        Ok(opened) => opened,
        Err(e) => return super::fail(e),
    };
    let week = match export::week_rota(&repo, args.week) {
        Ok(w) => w,
        Err(e) => return super::fail(e),
    };
    warn_leavers(&week);
    let text = match args.by {
        By::Carer => {
            let (times, matrix_error) =
                TravelTimes::for_repo(&repo.agency.policy.travel, &repo.root);
            if let Some(e) = matrix_error {
                eprintln!("warning: {e}; travel times are estimated instead");
            }
            let days = hours::by_carer(&week, &times);
            match args.format {
                Format::Csv => hours_output::carers_csv(args.week, &days),
                Format::Table => Ok(hours_output::carers_table(args.week, &days)),
            }
        }
        By::Funder => {
            let rows = hours::by_funder(&week);
            match args.format {
                Format::Csv => hours_output::funders_csv(args.week, &rows),
                Format::Table => Ok(hours_output::funders_table(args.week, &rows)),
            }
        }
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot write the CSV: {e}");
            return ExitCode::from(super::EXIT_FAILED);
        }
    };
    match args.out {
        Some(path) => {
            if let Err(e) = carebook::fsutil::write_atomic(&path, text.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(super::EXIT_FAILED);
            }
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`... | head`) is not a failure of the export.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
        }
    }
    ExitCode::SUCCESS
}

/// Carers who have left but still have visits: exported as planned, with
/// a warning (`carebook check` says more).
fn warn_leavers(week: &export::WeekRota) {
    let mut seen = std::collections::BTreeSet::new();
    for v in &week.visits {
        for c in &v.carers {
            if c.status == CarerStatus::Leaver && seen.insert(c.id.as_str()) {
                eprintln!(
                    "warning: {} ({}) has left (status: leaver) but has visits in {}; \
                     re-plan with `carebook rota --week {} --repair`",
                    carebook::terminal::escape(&c.name),
                    c.id,
                    week.file,
                    week.week
                );
            }
        }
    }
}
