//! `carebook report KIND`: load, check, render one report into `--out`
//! (atomically), print the file written; exit 0, or 2 when the report
//! could not be made (a template error, an unknown id, no rota).

use carebook::model::values::Week;
use carebook::report::{Format as ReportFormat, Options, ReportKind, Session};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// The kinds of report, as typed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// A week's rota by day, and a run sheet per carer (--week).
    Rota,
    /// A person's file (--id), or everyone's.
    ServiceUser,
    /// Every finding of check, by area, red, amber or green.
    Compliance,
    /// Carers by mandatory course, with DBS, right to work, supervision.
    Training,
    /// A mock-inspection pack by the five key questions (--sample, --seed).
    Inspection,
    /// The change and consent log from git (--since).
    Audit,
    /// Care delivered (call monitoring) by week, carer and person: on
    /// time, late, short, missed (--since; default the last 12 weeks).
    Delivery,
    /// MAR charts: 4 weeks of doses by day, a person to a page (--id, --week: the last week).
    Mar,
    /// Incidents, safeguarding, notifications, complaints, audits and actions.
    Governance,
}

impl From<Kind> for ReportKind {
    fn from(k: Kind) -> ReportKind {
        match k {
            Kind::Rota => ReportKind::Rota,
            Kind::ServiceUser => ReportKind::ServiceUser,
            Kind::Compliance => ReportKind::Compliance,
            Kind::Training => ReportKind::Training,
            Kind::Inspection => ReportKind::Inspection,
            Kind::Audit => ReportKind::Audit,
            Kind::Delivery => ReportKind::Delivery,
            Kind::Mar => ReportKind::Mar,
            Kind::Governance => ReportKind::Governance,
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One self-contained HTML file: inline CSS, no scripts, prints on A4.
    Html,
    /// Markdown.
    Md,
    /// PDF on A4, printed from the HTML by headless Chromium (which must
    /// be installed: `apt install chromium`, or set CAREBOOK_CHROMIUM).
    Pdf,
}

impl From<Format> for ReportFormat {
    fn from(f: Format) -> ReportFormat {
        match f {
            Format::Html => ReportFormat::Html,
            Format::Md => ReportFormat::Md,
            Format::Pdf => ReportFormat::Html,
        }
    }
}

/// What `report` and `build` share.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// The records repository (default: found upward from the current folder).
    pub repo: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// The folder to write into (default: out/ in the records repository).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The ISO week of the rota, e.g. 2026-W49 (default: the week of today).
    #[arg(long, value_parser = super::parse_week)]
    pub week: Option<Week>,
    /// Changes since this day (default: 28 days before today); for the
    /// delivery report, the first day of its weeks (default: 12 weeks back).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// How many care files the inspection pack samples (default:
    /// policy.inspection.sample, 5).
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// How many staff files the inspection pack samples, a Schedule 3
    /// checklist each (default: policy.inspection.staff_sample, 5).
    #[arg(long, value_name = "N")]
    pub staff_sample: Option<usize>,
    /// Seed of the inspection sample: the same seed picks the same files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The inspection pack's framework: `cqc-saf` (CQC's quality
    /// statements, built in) or a mapping file of the same format
    /// (default: the repository's templates/inspection-map.yaml, else
    /// cqc-saf).
    #[arg(long, value_name = "ID|FILE")]
    pub framework: Option<String>,
    /// For packs that leave the agency: names to initials, NHS numbers
    /// masked but the last 3 digits, no addresses or phones, ages not
    /// dates of birth.
    #[arg(long)]
    pub redact: bool,
    #[command(flatten)]
    pub today: super::Today,
}

/// Arguments of `carebook report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which report.
    #[arg(value_enum)]
    kind: Kind,
    #[command(flatten)]
    common: Common,
    /// One service user's file (default: everyone's).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Render your own template with the report's context (see the README).
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
}

/// The options of a run.
pub fn options(c: &Common, today: chrono::NaiveDate) -> Options {
    let mut o = Options::new(c.format.into(), today);
    o.week = c.week;
    o.since = c.since;
    o.sample = c.sample;
    o.seed = c.seed;
    o.staff_sample = c.staff_sample;
    o.framework = c.framework.clone();
    o.redact = c.redact;
    o
}

/// Renders one report.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let today = args.common.today.get();
    let (repo, _) = super::open_repo(args.common.repo.as_deref())?;
    // Before any work: without a browser there is no PDF to make.
    let browser = match args.common.format {
        Format::Pdf => Some(carebook::report::pdf::find_browser()?),
        _ => None,
    };
    let mut opts = options(&args.common, today);
    opts.id = args.id.clone();
    opts.template = args.template.clone();
    let index = carebook::index::Index::new(&repo);
    let checked = carebook::check::run_on(&index, today);
    let session = Session::with_index(&index, &checked, &opts)?;
    let (rendered, files) = session.report_files(args.kind.into())?;
    let out = args
        .common
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("out"));
    let path = out.join(&rendered.file);
    if let Some(browser) = browser {
        let pdf = path.with_extension("pdf");
        carebook::report::pdf::print_html(&browser, &rendered.text, &pdf)?;
        outln!("wrote {}", pdf.display());
    } else {
        let path =
            carebook::report::build::write_page(&session, &out, &rendered.file, &rendered.text)?;
        outln!("wrote {}", path.display());
    }
    // The files that go with it (the pack's action plan as CSV).
    for extra in files {
        let path = carebook::report::build::write_page(&session, &out, &extra.file, &extra.text)?;
        outln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
