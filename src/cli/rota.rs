//! `carebook rota`: plan a week, write `rotas/<week>.yaml` atomically and
//! print the summary a coordinator reads before signing it off.

use carebook::model::Rota;
use carebook::model::values::Week;
use carebook::rota::{plan, write};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Arguments of `carebook rota`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The records repository (default: found upward from the current folder).
    repo: Option<PathBuf>,
    /// The ISO week to plan, e.g. 2026-W49 (default: next week).
    #[arg(long, value_parser = super::parse_week)]
    week: Option<Week>,
    /// Where to write the rota (default: rotas/<week>.yaml in the repository).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Most time to search, e.g. 60s, 2m.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    time_limit: Duration,
    /// Most improvement steps; with the same seed and inputs, the same rota
    /// (as long as the time limit is not reached first). Default: 140 per
    /// visit of the week, at least 200,000 and at most 520,000.
    #[arg(long)]
    iterations: Option<u64>,
    /// Stop once this many steps in a row, in the cooler half of the
    /// search, found no better rota (0: search until the time limit or the
    /// steps run out; default: five per visit of the week, at least 3,000).
    #[arg(long)]
    patience: Option<u64>,
    /// Seed of the search.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Re-plan an existing rota with the fewest changes: keep every
    /// assignment that still holds, move only what must.
    #[arg(long)]
    repair: bool,
    /// Replace the week's rota file even when it cannot be read (YAML or
    /// schema errors); what it holds is lost.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    today: super::Today,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("`{s}` is not a time limit: write seconds or minutes, e.g. 60s or 2m");
    let (num, unit) = s.split_at(
        s.find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(s.len()),
    );
    let n: f64 = num.parse().map_err(|_| bad())?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60.0,
        _ => return Err(bad()),
    };
    Duration::try_from_secs_f64(secs).map_err(|_| bad())
}

/// Plans the week and writes the rota.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let today = args.today.get();
    let week = args.week.unwrap_or_else(|| super::next_week(today));
    if week.sunday() < today {
        super::warn(super::CliWarning::PastWeek { week, today });
    }
    let (repo, _) = super::open_repo(args.repo.as_deref())?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("rotas").join(format!("{}.yaml", week)));
    let previous: Option<Rota> = write::existing(&repo, &out, week, args.force)?;
    if args.repair && previous.is_none() {
        return Err(super::CliError::NoRotaToRepair { week, path: out });
    }
    let options = plan::Options {
        seed: args.seed,
        seconds: args.time_limit.as_secs_f64(),
        iterations: args.iterations,
        patience: args.patience,
        repair: args.repair,
    };
    let started = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let on_terminal = std::io::stderr().is_terminal();
    let mut progress = |done: f64| {
        if !on_terminal || started.elapsed() < Duration::from_secs(1) {
            return;
        }
        let b = bar.get_or_insert_with(|| {
            let b = indicatif::ProgressBar::new(1000);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "planning {wide_bar} {percent:>3}% {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        b.set_position((done * 1000.0) as u64);
    };
    let outcome = plan::plan(&repo, week, previous.as_ref(), options, &mut progress);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let modeline = write::modeline(&repo.root, &out);
    let text = write::to_yaml(&outcome.rota, modeline.as_deref());
    write::save(&repo, &out, &text)?;
    let compared = carebook::rota::compare::with_week_before(&repo, &outcome.rota);
    out!(
        "{}",
        super::rota_summary::render(&outcome, &compared, &out, started.elapsed())
    );
    if let Some(e) = &outcome.summary.matrix_error {
        super::warn(super::CliWarning::TravelMatrix(e.clone()));
    }
    Ok(ExitCode::SUCCESS)
}
