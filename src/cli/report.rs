//! `carebook report KIND`: load, check, render one report into `--out`
//! (atomically), print the file written; exit 0, or 2 when the report
//! could not be made (a template error, an unknown id, no rota).

use carebook::model::values::Week;
use carebook::report::{self, Format as ReportFormat, Options, ReportKind, Session};
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
    #[arg(long, value_parser = parse_week)]
    pub week: Option<Week>,
    /// Changes since this day (default: 28 days before today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// How many care files the inspection pack samples.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub sample: usize,
    /// Seed of the inspection sample: the same seed picks the same files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// For packs that leave the agency: names to initials, NHS numbers
    /// masked but the last 3 digits, no addresses or phones, ages not
    /// dates of birth.
    #[arg(long)]
    pub redact: bool,
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

fn parse_week(s: &str) -> Result<Week, String> {
    s.parse()
}

/// The options of a run.
pub fn options(c: &Common, today: chrono::NaiveDate) -> Options {
    let mut o = Options::new(c.format.into(), today);
    o.week = c.week;
    o.since = c.since;
    o.sample = c.sample;
    o.seed = c.seed;
    o.redact = c.redact;
    o
}

/// Renders one report.
pub fn run(args: Args, today: chrono::NaiveDate) -> ExitCode {
    let (repo, _) = match super::open_repo(args.common.repo.as_deref()) {
        Ok(opened) => opened,
        Err(e) => return super::fail(e),
    };
    // Before any work: without a browser there is no PDF to make.
    let browser = match args.common.format {
        Format::Pdf => match carebook::report::pdf::find_browser() {
            Ok(b) => Some(b),
            Err(e) => return super::fail(e),
        },
        _ => None,
    };
    let mut opts = options(&args.common, today);
    opts.id = args.id.clone();
    opts.template = args.template.clone();
    let checked = carebook::check::run(&repo, today);
    let session = match Session::new(&repo, &checked, &opts) {
        Ok(s) => s,
        Err(e) => return super::fail(e),
    };
    let rendered = match session.report(args.kind.into()) {
        Ok(r) => r,
        Err(e) => return super::fail(e),
    };
    let out = args
        .common
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("out"));
    let path = out.join(&rendered.file);
    if let Some(browser) = browser {
        let pdf = path.with_extension("pdf");
        if let Err(e) = carebook::report::pdf::print_html(&browser, &rendered.text, &pdf) {
            return super::fail(e);
        }
        println!("wrote {}", pdf.display());
        return ExitCode::SUCCESS;
    }
    if let Err(e) = carebook::fsutil::write_atomic(&path, rendered.text.as_bytes()) {
        return super::fail(report::ReportError::write(&path, &e));
    }
    println!("wrote {}", path.display());
    ExitCode::SUCCESS
}
