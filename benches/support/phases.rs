//! Where the time of a check goes: the loader's steps re-done one at a
//! time over the whole repository (each in parallel, as the loader does
//! them per file), so each can be timed on its own, then the rules, the
//! JSON output, dropping the repository, and a process's fixed cost.

use carebook::check;
use carebook::load::{Repo, parse, walk};
use carebook::model::{Agency, CarePlan, Carer, Kind, Rota, ServiceUser, VisitRules};
use carebook::schema;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const STEPS: [&str; 11] = [
    "walk the folder",
    "read + UTF-8 decode",
    "parse YAML to positioned trees",
    "read kind, tree to JSON",
    "schema validation",
    "typed records (serde_json::from_value)",
    "Repo::open as a whole",
    "check::run (index + rules + sort)",
    "output::json::render",
    "drop Repo + Report",
    "process fixed cost (agency.yaml only)",
];

fn typed(kind: Kind, json: Value) -> bool {
    match kind {
        Kind::Agency => serde_json::from_value::<Agency>(json).is_ok(),
        Kind::ServiceUser => serde_json::from_value::<ServiceUser>(json).is_ok(),
        Kind::CarePlan => serde_json::from_value::<CarePlan>(json).is_ok(),
        Kind::Carer => serde_json::from_value::<Carer>(json).is_ok(),
        Kind::VisitRules => serde_json::from_value::<VisitRules>(json).is_ok(),
        Kind::Rota => serde_json::from_value::<Rota>(json).is_ok(),
        Kind::Incident => serde_json::from_value::<carebook::model::Incident>(json).is_ok(),
        Kind::Complaint => serde_json::from_value::<carebook::model::Complaint>(json).is_ok(),
        Kind::QualityAudit => serde_json::from_value::<carebook::model::QualityAudit>(json).is_ok(),
        Kind::Action => serde_json::from_value::<carebook::model::Action>(json).is_ok(),
        Kind::VisitLog => serde_json::from_value::<carebook::model::VisitLog>(json).is_ok(),
        Kind::InspectionJudgement => {
            serde_json::from_value::<carebook::model::InspectionJudgement>(json).is_ok()
        }
        Kind::Mar => serde_json::from_value::<carebook::model::Mar>(json).is_ok(),
    }
}

fn timed<T>(d: &mut Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    *d = t.elapsed();
    out
}

/// One pass over every step; the time of each.
fn pass(root: &Path, today: NaiveDate, tiny: &Path) -> [Duration; 11] {
    let mut t = [Duration::ZERO; 11];
    let files: Vec<PathBuf> = timed(&mut t[0], || {
        let (exclude, _) = walk::exclude_set(&["drafts/**".to_owned()]);
        walk::walk(root, &exclude).files
    });
    let texts: Vec<String> = timed(&mut t[1], || {
        files
            .par_iter()
            .filter_map(|rel| parse::decode(parse::read_file(&root.join(rel)).ok()?).ok())
            .collect()
    });
    let trees: Vec<_> = timed(&mut t[2], || {
        texts
            .par_iter()
            .filter_map(|s| parse::parse(s).ok())
            .collect()
    });
    let jsons: Vec<(Kind, Value)> = timed(&mut t[3], || {
        trees
            .par_iter()
            .filter_map(|tree| {
                let kind = Kind::from_name(&tree.value.get("kind")?.value.as_key()?)?;
                Some((kind, tree.value.to_json()))
            })
            .collect()
    });
    let errors: usize = timed(&mut t[4], || {
        jsons
            .par_iter()
            .map(|(k, j)| schema::validate(*k, j).len())
            .sum()
    });
    let jsons: Vec<(Kind, Value)> = jsons
        .into_iter()
        .map(|(k, mut j)| {
            if let Some(o) = j.as_object_mut() {
                o.remove("kind");
            }
            (k, j)
        })
        .collect();
    let ok = timed(&mut t[5], || {
        jsons
            .into_par_iter()
            .map(|(k, j)| typed(k, j))
            .filter(|ok| *ok)
            .count()
    });
    assert!(
        ok + errors >= trees.len().saturating_sub(1),
        "records deserialise"
    );
    drop((texts, trees));
    let repo = timed(&mut t[6], || {
        Repo::open(root, false).expect("the agency loads")
    });
    let report = timed(&mut t[7], || check::run(&repo, today));
    let text = timed(&mut t[8], || check::output::json::render(&report));
    assert!(!text.is_empty());
    timed(&mut t[9], || drop((repo, report)));
    timed(&mut t[10], || {
        std::process::Command::new(env!("CARGO_BIN_EXE_carebook"))
            .arg("check")
            .arg(tiny)
            .args(["--today", "2026-11-23", "--format", "json"])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("carebook runs")
    });
    t
}

/// Times every step `runs` times and prints the medians, as shares of `total_ms` (the median of (b)).
pub fn report(root: &Path, today: NaiveDate, runs: usize, total_ms: f64) {
    let tiny = tempfile::tempdir().expect("a temporary folder");
    let agency = std::fs::read(root.join("agency.yaml")).expect("agency.yaml");
    std::fs::write(tiny.path().join("agency.yaml"), agency).expect("a tiny agency");
    let passes: Vec<[Duration; 11]> = (0..runs).map(|_| pass(root, today, tiny.path())).collect();
    println!();
    println!(
        "where the time goes (medians of {runs} passes; steps 1-6 re-done one at a time, all files each):"
    );
    for (i, step) in STEPS.iter().enumerate() {
        let mut times: Vec<Duration> = passes.iter().map(|p| p[i]).collect();
        times.sort_unstable();
        let m = times[times.len() / 2].as_secs_f64() * 1000.0;
        let share = if i < 8 {
            format!("{:>5.0}% of (b)", 100.0 * m / total_ms.max(0.001))
        } else {
            String::new()
        };
        println!("  {:>2}. {:<40} {:>7.1} ms  {share}", i + 1, step, m);
    }
}
