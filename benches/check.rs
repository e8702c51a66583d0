//! Scale benchmark of `carebook check`: a synthetic agency of 2,000 service
//! users and 750 carers (about 6,750 files) is generated into a temporary
//! folder, then each of these is timed several times and the medians shown:
//!
//! - (a) the floor: walk, read and parse every file into YAML trees, in
//!   parallel as the loader does, and nothing else;
//! - (b) the library: `Repo::open` then `check::run`;
//! - (c) the release binary `carebook check DIR --format json` as a
//!   process, and its peak RSS (from `/usr/bin/time -f %M`, or else the
//!   VmHWM of `/proc/<pid>/status` polled while it runs);
//! - (p) the baseline: `benches/pyyaml_parse.py`, PyYAML's C loader
//!   (`yaml.CSafeLoader`) parsing the same files in one Python process,
//!   interleaved with (c) in the same round-robin; the ratio (c)/(p) has a
//!   target of 0.25 (skipped with a note without python3, PyYAML or libyaml).
//!
//! Then the load is split into phases (walk, read, parse, tree to JSON,
//! schema validation, typed records, rules) to show where the time goes,
//! and the parse alone is timed several ways (carebook's options, without
//! comment events, without spans) to show what the YAML layer costs.
//! Targets: check within 1 s wall, within 2x parse-only, within 300 MB.
//!
//! `cargo bench --bench check` runs it in full; `CAREBOOK_BENCH_RUNS=N`
//! changes the number of runs. Run as a test (`cargo test --benches`) it
//! does one quick pass over a small agency.

#[path = "support/phases.rs"]
mod phases;
#[path = "support/process.rs"]
mod process;
mod pyyaml;
#[path = "support/timing.rs"]
mod timing;
#[path = "support/variants.rs"]
mod variants;

use carebook::check;
use carebook::load::{Repo, parse, walk};
use carebook_gen as generate;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use timing::{measure, medians, ms};

const TODAY: &str = "2026-11-23";
const BIN: &str = env!("CARGO_BIN_EXE_carebook");

fn main() {
    let full = timing::full();
    let runs = timing::runs(7);
    let mut cfg = generate::Config::default();
    if !full {
        cfg.service_users = 50;
        cfg.carers = 25;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().to_path_buf();
    let started = Instant::now();
    let stats = generate::generate(&root, &cfg).expect("the synthetic agency is written");
    println!(
        "synthetic agency: {} service users, {} carers, seed {}, in {:.2} s",
        cfg.service_users,
        cfg.carers,
        cfg.seed,
        started.elapsed().as_secs_f64()
    );
    print!("{}", stats.summary());
    let today: NaiveDate = TODAY.parse().expect("a date");

    // Warm the page cache and the compiled schemas once, untimed.
    let cold = Instant::now();
    let repo = Repo::open(&root, false).expect("the agency loads");
    let report = check::run(&repo, today);
    let cold = cold.elapsed();
    drop(repo);
    let texts: Vec<String> = parse_only(&root)
        .into_iter()
        .map(|(text, _)| text)
        .collect();

    // Round-robin, so that a burst of load elsewhere on the machine falls
    // on all three alike; wall and CPU time of each.
    let time_rss = process::can_time();
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    let py = pyyaml::PyYaml::find();
    let mut p = Vec::new();
    let mut rss: Option<u64> = None;
    for _ in 0..runs {
        a.push(measure(|| {
            let kept = parse_only(&root);
            assert_eq!(kept.len(), stats.files, "every file parses");
            kept
        }));
        b.push(measure(|| {
            let repo = Repo::open(&root, false).expect("the agency loads");
            let report = check::run(&repo, today);
            (repo, report)
        }));
        let run = run_binary(&root, time_rss);
        rss = rss.max(run.rss_kb);
        c.push((run.wall, run.cpu.unwrap_or_default()));
        if let Ok(py) = &py {
            p.push(py.run(&root));
        }
    }
    let c_walls: Vec<Duration> = c.iter().map(|r| r.0).collect();
    let (rss, how) = if time_rss {
        (rss, "max over the runs, /usr/bin/time -f %M")
    } else {
        (
            peak_rss_polled(&root),
            "VmHWM polled from /proc every 2 ms (may miss the last moments)",
        )
    };
    let (a, a_cpu) = medians(&a);
    let (b, b_cpu) = medians(&b);
    let (c, c_cpu) = medians(&c);

    println!();
    println!(
        "{} runs each (round-robin), medians; {} rayon threads; load average {}; first in-process run {:.0} ms",
        runs,
        rayon::current_num_threads(),
        process::load_average(),
        ms(cold)
    );
    println!("{:<44} {:>10} {:>10}   target", "", "wall", "cpu");
    println!(
        "{:<44} {:>7.0} ms {:>7.0} ms",
        "(a) walk + read + parse to YAML trees",
        ms(a),
        ms(a_cpu)
    );
    println!(
        "{:<44} {:>7.0} ms {:>7.0} ms",
        "(b) Repo::open + check::run",
        ms(b),
        ms(b_cpu)
    );
    let ratio = ms(b) / ms(a).max(0.001);
    let cpu = if time_rss {
        format!("{:>7.0} ms", ms(c_cpu))
    } else {
        format!("{:>10}", "?")
    };
    println!(
        "{:<44} {:>7.0} ms {cpu}   <= 1000 ms wall  {}",
        "(c) carebook check --format json (process)",
        ms(c),
        verdict(ms(c) <= 1000.0)
    );
    println!(
        "{:<44} {:>8.2}x {:>9.2}x   <= 2.0x          {}",
        "(b) / (a)",
        ratio,
        ms(b_cpu) / ms(a_cpu).max(0.001),
        verdict(ratio <= 2.0)
    );
    match rss.map(|kb| kb as f64 / 1024.0) {
        Some(mb) => println!(
            "{:<44} {:>7.0} MB              <= 300 MB         {}  ({how})",
            "peak RSS of (c)",
            mb,
            verdict(mb <= 300.0)
        ),
        None => println!("{:<44} {:>10}   ({how})", "peak RSS of (c)", "unknown"),
    }
    println!(
        "findings: {} errors, {} warnings on {} files (deliberate faults: {})",
        report.summary.errors,
        report.summary.warnings,
        report.summary.files,
        stats.faults.values().sum::<usize>()
    );
    let mut by_code: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in &report.findings {
        *by_code.entry(f.code.as_str()).or_default() += 1;
    }
    let list: Vec<String> = by_code.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!("  by code: {}", list.join(", "));

    pyyaml::report(&py, &p, &c_walls, rss.map(|kb| kb as f64 / 1024.0));
    phases::report(&root, today, runs, ms(b));
    variants::report(&texts, runs);
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

/// (a): the loader's walk, read and parse, and nothing more. The texts and
/// trees are returned so that freeing them is not timed (nor is it in (b)).
fn parse_only(root: &Path) -> Vec<(String, serde_saphyr::Spanned<carebook::load::node::Node>)> {
    let (exclude, _) = walk::exclude_set(&["drafts/**".to_owned()]);
    let walked = walk::walk(root, &exclude);
    walked
        .files
        .par_iter()
        .filter_map(|rel| {
            let bytes = parse::read_file(&root.join(rel)).ok()?;
            let text = parse::decode(bytes).ok()?;
            let tree = parse::parse(&text).ok()?;
            Some((text, tree))
        })
        .collect()
}

/// (c): the release binary as a process, under `/usr/bin/time` when asked.
fn run_binary(root: &Path, under_time: bool) -> process::Run {
    let args = ["check".as_ref(), root.as_os_str()];
    let rest = ["--today", TODAY, "--format", "json"].map(OsStr::new);
    process::run(BIN, &[&args[..], &rest[..]].concat(), under_time)
}

/// Peak RSS of (c) in KiB without `/usr/bin/time`: VmHWM of the running process.
fn peak_rss_polled(root: &Path) -> Option<u64> {
    let mut child = Command::new(BIN)
        .arg("check")
        .arg(root)
        .args(["--today", TODAY, "--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("carebook runs");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = None;
    while child.try_wait().ok().flatten().is_none() {
        let hwm = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
        peak = peak.max(hwm);
        std::thread::sleep(Duration::from_millis(2));
    }
    peak
}
