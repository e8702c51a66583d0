//! `rota-bench`: runs the rota engine on a benchmark instance of the
//! literature, or `carebook rota` beside its peers on generated weeks.
//!
//! ```text
//! rota-bench mankowska INSTANCE --seconds S --seed N [--solution FILE]
//! rota-bench week [--sizes 50,200,500] [--seeds 1,2] [--rounds 1]
//!                 [--carebook LABEL=PATH [ARGS]]... [--ortools-seconds 60]
//!                 [--no-greedy] [--peers DIR] [--work DIR]
//! rota-bench greedy RECORDS WEEK OUT [--today DATE]
//! ```

use carebook::rota::engine::construct::regret_insertion;
use carebook::rota::engine::deadline::Deadline;
use carebook::rota::engine::improve::{Annealing, Budget, improve};
use carebook::rota::engine::index::Index;
use carebook::rota::engine::rng::Rng;
use carebook::rota::engine::solution::State;
use rota_bench::mankowska;
use std::process::ExitCode;
use std::time::Instant;

/// The usage of every subcommand.
fn usage() -> String {
    format!(
        "usage:
  rota-bench mankowska INSTANCE [--seconds S] [--seed N] [--solution FILE]
{}
  rota-bench greedy RECORDS WEEK OUT [--today DATE]",
        rota_bench::week::args::USAGE
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("mankowska") if args.len() >= 2 => mankowska_main(&args),
        Some("week") => week_main(&args[1..]),
        Some("greedy") => greedy_main(&args[1..]),
        _ => {
            eprintln!("{}", usage());
            ExitCode::from(2)
        }
    }
}

/// `rota-bench week`: the side-by-side table.
fn week_main(args: &[String]) -> ExitCode {
    let exe = std::env::current_exe().ok();
    let cfg = match rota_bench::week::args::parse(args, exe.as_deref()) {
        Ok(cfg) => cfg,
        Err(e) => {
            eprintln!("{e}\n{}", usage());
            return ExitCode::from(2);
        }
    };
    let sizes: Vec<String> = cfg.sizes.iter().map(ToString::to_string).collect();
    eprintln!(
        "week {}: agencies of {} (service users/carers), seeds {:?}, {} round(s); agencies and rotas in {}",
        cfg.week,
        sizes.join(", "),
        cfg.seeds,
        cfg.rounds,
        cfg.work.display()
    );
    match rota_bench::week::run::run(&cfg, &mut |line| eprintln!("{line}")) {
        Ok(rows) => {
            print!("{}", rota_bench::week::table::render(&rows));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rota-bench week: {e}");
            ExitCode::from(2)
        }
    }
}

/// `rota-bench greedy RECORDS WEEK OUT`: the greedy reference rota.
fn greedy_main(args: &[String]) -> ExitCode {
    let [records, week, out, rest @ ..] = args else {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    };
    let _ = rest; // --today: the greedy judges nothing by date beyond the week.
    let Ok(week) = week.parse::<carebook::model::values::Week>() else {
        eprintln!("`{week}` is not a week like 2026-W49");
        return ExitCode::from(2);
    };
    let repo = match carebook::load::Repo::open(std::path::Path::new(records), false) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot open {records}: {e}");
            return ExitCode::from(2);
        }
    };
    let ap = carebook::rota::agency::build(&repo, week, None, false);
    let sol = rota_bench::greedy::solve(&ap);
    let untried = vec![false; ap.problem.tasks.len()];
    let rota = carebook::rota::plan::to_rota(&ap, &sol, &untried, 0);
    if let Err(e) = std::fs::write(out, carebook::rota::write::to_yaml(&rota, None)) {
        eprintln!("cannot write {out}: {e}");
        return ExitCode::from(2);
    }
    println!(
        "greedy: {} visits assigned, {} unassigned",
        rota.visits.len(),
        rota.unassigned.len()
    );
    ExitCode::SUCCESS
}

/// `rota-bench mankowska`: one instance, one JSON line.
fn mankowska_main(args: &[String]) -> ExitCode {
    let usage = usage();
    let path = &args[1];
    let mut seconds = 10.0;
    let mut seed = 1;
    let mut solution_file = None;
    let mut i = 2;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--seconds" => seconds = value.parse().unwrap_or(seconds),
            "--seed" => seed = value.parse().unwrap_or(seed),
            "--solution" => solution_file = Some(value),
            other => {
                eprintln!("unknown option {other}\n{usage}");
                return ExitCode::from(2);
            }
        }
        i += 2;
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let instance = match mankowska::parse(&text) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let clock = Instant::now();
    let problem = &instance.problem;
    let index = Index::new(problem);
    let mut state = State::new(problem, &index);
    let mut rng = Rng::new(seed);
    let deadline = Deadline::after(seconds - clock.elapsed().as_secs_f64());
    regret_insertion(&mut state, &mut rng, deadline);
    let budget = Budget {
        iterations: u64::MAX,
        seconds: deadline.remaining_seconds(),
        patience: 0,
    };
    let env = |k: &str, d: f64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    // In objective units (three times the benchmark's cost). 40 since the
    // insertion search got faster (docs/benchmarks.md, 2026-11-29): with
    // three times the steps, a start at 5 settled too early on F and G.
    let anneal = Annealing {
        start: env("ROTA_T0", 40.0),
        end: env("ROTA_TF", 0.05),
    };
    let (best, stats) = improve(&mut state, budget, anneal, &mut rng, &mut |_, _| {});
    let Some(state) = State::with_solution(problem, &index, best) else {
        eprintln!("internal error: the best solution does not re-time");
        return ExitCode::from(1);
    };
    let c = state.cost();
    let objective = mankowska::Objective {
        cost: (c.travel + c.late + c.max_late) / 3.0,
        distance: c.travel,
        tardiness: c.late,
        tmax: c.max_late,
    };
    let name = std::path::Path::new(path)
        .file_name()
        .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
    if let Some(file) = solution_file
        && let Err(e) = std::fs::write(
            &file,
            mankowska::write_solution(&instance, &state.sol, path, &objective),
        )
    {
        eprintln!("cannot write {file}: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{{\"instance\": \"{name}\", \"objective\": {:.3}, \"distance\": {:.3}, \"tardiness\": {:.3}, \"tmax\": {:.3}, \"unassigned\": {}, \"iterations\": {}, \"accepted\": {}, \"improved\": {}, \"seconds\": {:.2}}}",
        objective.cost,
        objective.distance,
        objective.tardiness,
        objective.tmax,
        c.unassigned,
        stats.iterations,
        stats.accepted,
        stats.improved,
        clock.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
