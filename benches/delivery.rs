//! Scale benchmark of the care delivered (issue 11): a 200-person agency
//! with a year of visit logs and MAR charts, checked and built by the
//! release binary as a user runs it.
//!
//! Two agencies are generated from the same seed: the **plan** alone (the
//! people, plans, visit rules and carers) and the **year** (the same, with
//! 52 weeks of visit logs and MAR). Each of these runs several times,
//! round-robin so a burst of load elsewhere falls on all alike:
//!
//! - `carebook check DIR --format json` on the plan (the baseline) and on
//!   the year;
//! - `carebook build DIR --out OUT` on the plan and on the year.
//!
//! It prints the medians of wall and CPU time, the peak RSS, and the ratio
//! of the year to the plan measured in the same run. Targets (the issue's):
//! the year's check within 3 s and 500 MB, its build within 5 s.
//!
//! `cargo bench --bench delivery` runs it in full (5 runs;
//! `CAREBOOK_BENCH_RUNS=N` for more). Run as a test (`cargo test --benches`)
//! it does one quick pass over a small agency with four weeks of records.

#[path = "support/process.rs"]
mod process;
#[path = "support/timing.rs"]
#[allow(
    dead_code,
    reason = "shared with the check bench, which times in-process work too"
)]
mod timing;

use carebook_gen as generate;
use std::ffi::OsStr;
use std::path::Path;
use std::time::{Duration, Instant};
use timing::{medians, ms};

const TODAY: &str = "2026-11-23";
const BIN: &str = env!("CARGO_BIN_EXE_carebook");
const CHECK_WALL_TARGET: Duration = Duration::from_secs(3);
const CHECK_RSS_TARGET_MB: f64 = 500.0;
const BUILD_WALL_TARGET: Duration = Duration::from_secs(5);

fn main() {
    let full = timing::full();
    let runs = timing::runs(5);
    let mut year_cfg = generate::Config {
        service_users: 200,
        carers: 90,
        fault_percent: 0.0,
        log_weeks: 52,
        mar_weeks: 52,
        ..generate::Config::default()
    };
    if !full {
        year_cfg.service_users = 20;
        year_cfg.carers = 10;
        year_cfg.log_weeks = 4;
        year_cfg.mar_weeks = 4;
    }
    let plan_cfg = generate::Config {
        log_weeks: 0,
        mar_weeks: 0,
        ..year_cfg.clone()
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (plan, year) = (dir.path().join("plan"), dir.path().join("year"));
    let started = Instant::now();
    generate::generate(&plan, &plan_cfg).expect("the plan is written");
    let stats = generate::generate(&year, &year_cfg).expect("the year is written");
    println!(
        "synthetic agency: {} service users, {} carers, seed {}, {} weeks of logs and MAR, in {:.1} s",
        year_cfg.service_users,
        year_cfg.carers,
        year_cfg.seed,
        year_cfg.log_weeks,
        started.elapsed().as_secs_f64()
    );
    print!("{}", stats.summary());

    let time_rss = process::can_time();
    let jobs = [
        Job::check("check, plan only (baseline)", &plan),
        Job::check("check, plan + logs and MAR", &year),
        Job::build(
            "build, plan only (baseline)",
            &plan,
            &dir.path().join("out-plan"),
        ),
        Job::build(
            "build, plan + logs and MAR",
            &year,
            &dir.path().join("out-year"),
        ),
    ];
    // Once each untimed: the page cache and the output folders.
    for job in &jobs {
        job.run(false);
    }
    let mut results: Vec<Vec<process::Run>> = jobs.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        for (job, out) in jobs.iter().zip(&mut results) {
            out.push(job.run(time_rss));
        }
    }

    println!();
    println!(
        "{runs} runs each (round-robin), medians; load average {}",
        process::load_average()
    );
    println!(
        "{:<40} {:>10} {:>10} {:>10} {:>8}",
        "", "wall", "cpu", "peak RSS", "× base"
    );
    let summary: Vec<Summary> = results.iter().map(|r| Summary::of(r)).collect();
    for (i, (job, s)) in jobs.iter().zip(&summary).enumerate() {
        let ratio = if i % 2 == 1 {
            format!("{:.2}", ratio(s.wall, summary[i - 1].wall))
        } else {
            String::new()
        };
        println!(
            "{:<40} {:>7.0} ms {:>7.0} ms {:>7.0} MB {:>8}",
            job.label,
            ms(s.wall),
            ms(s.cpu),
            s.rss_mb,
            ratio
        );
    }
    if full {
        let (check, build) = (&summary[1], &summary[3]);
        println!();
        println!(
            "target: the year's check within {} s: {:.2} s, {}",
            CHECK_WALL_TARGET.as_secs(),
            check.wall.as_secs_f64(),
            verdict(check.wall <= CHECK_WALL_TARGET)
        );
        if time_rss {
            println!(
                "target: the year's check within {CHECK_RSS_TARGET_MB:.0} MB: {:.0} MB, {}",
                check.rss_mb,
                verdict(check.rss_mb <= CHECK_RSS_TARGET_MB)
            );
        }
        println!(
            "target: the year's build within {} s: {:.2} s, {}",
            BUILD_WALL_TARGET.as_secs(),
            build.wall.as_secs_f64(),
            verdict(build.wall <= BUILD_WALL_TARGET)
        );
    }
}

/// One command of the benchmark.
struct Job {
    label: &'static str,
    args: Vec<std::ffi::OsString>,
}

impl Job {
    fn check(label: &'static str, root: &Path) -> Job {
        let mut args = vec!["check".into(), root.as_os_str().to_owned()];
        args.extend(["--today", TODAY, "--format", "json"].map(Into::into));
        Job { label, args }
    }

    fn build(label: &'static str, root: &Path, out: &Path) -> Job {
        let mut args = vec!["build".into(), root.as_os_str().to_owned()];
        args.extend(["--today", TODAY, "--out"].map(Into::into));
        args.push(out.as_os_str().to_owned());
        Job { label, args }
    }

    fn run(&self, under_time: bool) -> process::Run {
        let args: Vec<&OsStr> = self.args.iter().map(|a| a.as_os_str()).collect();
        process::run(BIN, &args, under_time)
    }
}

/// Medians of one command's runs, and its largest peak RSS.
struct Summary {
    wall: Duration,
    cpu: Duration,
    rss_mb: f64,
}

impl Summary {
    fn of(runs: &[process::Run]) -> Summary {
        let pairs: Vec<(Duration, Duration)> = runs
            .iter()
            .map(|r| (r.wall, r.cpu.unwrap_or_default()))
            .collect();
        let (wall, cpu) = medians(&pairs);
        let rss_kb = runs.iter().filter_map(|r| r.rss_kb).max().unwrap_or(0);
        Summary {
            wall,
            cpu,
            rss_mb: rss_kb as f64 / 1024.0,
        }
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}
