//! Runs of `rota-bench` on the Mankowska benchmark, checked with the
//! independent evaluator and summarised as markdown against `bks.csv`.
//!
//! A manifest (written by `scripts/bench-mankowska.sh`) has one run per line,
//! tab-separated: instance id (e.g. `C3`), seed, time budget in seconds,
//! instance file, solution file, and the JSON line the binary printed.

use super::eval::{Evaluation, evaluate_files};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// One row of `bks.csv` (the columns used here).
#[derive(Debug, Clone)]
pub struct BksRow {
    /// Instance id, e.g. `A1`.
    pub instance: String,
    /// Set letter.
    pub set: String,
    /// Instance file, relative to the benchmark folder.
    pub file: String,
    /// Best-known value (rounded to 0.1 as published).
    pub bks: f64,
    /// Whether the BKS is a proven optimum.
    pub optimal: bool,
    /// LB+ of the literature.
    pub lower_bound: f64,
    /// Reference solution file, relative to the benchmark folder.
    pub ref_solution: String,
    /// The reference solution's recomputed objective.
    pub ref_solution_objective: f64,
}

/// Reads `bks.csv` (plain comma-separated, no quoting).
pub fn read_bks(path: &Path) -> Result<Vec<BksRow>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty bks.csv")?.split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or(format!("bks.csv: no column `{name}`"))
    };
    let (ci, cs, cf, cb, co, cl, cr, cv) = (
        col("instance")?,
        col("set")?,
        col("file")?,
        col("bks")?,
        col("optimal")?,
        col("lower_bound")?,
        col("ref_solution")?,
        col("ref_solution_objective")?,
    );
    let mut rows = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != header.len() {
            return Err(format!(
                "bks.csv: `{line}` has {} fields, not {}",
                f.len(),
                header.len()
            ));
        }
        let num = |c: usize| {
            f[c].parse::<f64>()
                .map_err(|_| format!("bks.csv: `{}` is not a number", f[c]))
        };
        rows.push(BksRow {
            instance: f[ci].to_owned(),
            set: f[cs].to_owned(),
            file: f[cf].to_owned(),
            bks: num(cb)?,
            optimal: f[co] == "yes",
            lower_bound: num(cl)?,
            ref_solution: f[cr].to_owned(),
            ref_solution_objective: num(cv)?,
        });
    }
    Ok(rows)
}

/// One run of the binary, as the manifest records it.
#[derive(Debug, Clone)]
pub struct Run {
    /// Instance id, e.g. `C3`.
    pub id: String,
    /// Seed.
    pub seed: u64,
    /// Time budget in seconds.
    pub budget: f64,
    /// Instance file.
    pub instance: PathBuf,
    /// Solution file the binary wrote.
    pub solution: PathBuf,
    /// The binary's JSON line.
    pub json: serde_json::Value,
}

/// Reads a manifest of runs.
pub fn read_runs(path: &Path) -> Result<Vec<Run>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut runs = Vec::new();
    for (no, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |what: &str| format!("{}:{}: {what}", path.display(), no + 1);
        let f: Vec<&str> = line.splitn(6, '\t').collect();
        let [id, seed, budget, instance, solution, json] = f[..] else {
            return Err(bad("expected 6 tab-separated fields"));
        };
        runs.push(Run {
            id: id.to_owned(),
            seed: seed.parse().map_err(|_| bad("bad seed"))?,
            budget: budget.parse().map_err(|_| bad("bad budget"))?,
            instance: instance.into(),
            solution: solution.into(),
            json: serde_json::from_str(json).map_err(|e| bad(&format!("bad JSON line: {e}")))?,
        });
    }
    Ok(runs)
}

/// A run with the evaluator's verdict.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The run.
    pub run: Run,
    /// The evaluator's result, or why the files could not be read.
    pub eval: Result<Evaluation, String>,
    /// The binary's `objective` (NaN if missing).
    pub objective: f64,
    /// The binary's `seconds` (NaN if missing).
    pub seconds: f64,
}

/// Largest accepted difference between the evaluator and the binary.
pub const TOLERANCE: f64 = 0.01;

impl Checked {
    /// Feasible, nothing unassigned, and the evaluator agrees with the binary.
    pub fn ok(&self) -> bool {
        self.problem().is_none()
    }

    /// What is wrong with the run, if anything.
    pub fn problem(&self) -> Option<String> {
        let ev = match &self.eval {
            Err(e) => return Some(format!("unreadable: {e}")),
            Ok(ev) => ev,
        };
        if !ev.feasible() {
            return Some(format!("INFEASIBLE: {}", ev.violations.join("; ")));
        }
        if self.run.json["unassigned"].as_u64() != Some(0) {
            return Some(format!(
                "binary reports unassigned = {}",
                self.run.json["unassigned"]
            ));
        }
        let diff = (ev.cost - self.objective).abs();
        if diff.is_nan() || diff > TOLERANCE {
            return Some(format!(
                "COST MISMATCH: evaluator {:.4} (D {:.3}, T {:.3}, Tmax {:.3}) vs binary {:.3} (D {}, T {}, Tmax {})",
                ev.cost,
                ev.distance,
                ev.tardiness,
                ev.tmax,
                self.objective,
                self.run.json["distance"],
                self.run.json["tardiness"],
                self.run.json["tmax"]
            ));
        }
        None
    }

    /// One line for logs.
    pub fn line(&self) -> String {
        let cost = self.eval.as_ref().map_or(f64::NAN, |e| e.cost);
        format!(
            "{} seed {} ({} s): evaluator {:.3}, binary {:.3}: {}",
            self.run.id,
            self.run.seed,
            self.run.budget,
            cost,
            self.objective,
            self.problem().unwrap_or_else(|| "ok".into())
        )
    }
}

/// Evaluates one run's solution file.
pub fn check(run: &Run) -> Checked {
    Checked {
        eval: evaluate_files(&run.instance, &run.solution),
        objective: run.json["objective"].as_f64().unwrap_or(f64::NAN),
        seconds: run.json["seconds"].as_f64().unwrap_or(f64::NAN),
        run: run.clone(),
    }
}

/// Gap in percent of `ours` (rounded to 0.1 like the published values)
/// against `bks`; negative = better than the best known.
fn gap(ours: f64, bks: f64) -> f64 {
    ((ours * 10.0).round() / 10.0 - bks) / bks * 100.0
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn min_max(xs: &[f64]) -> (f64, f64) {
    xs.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        })
}

fn list<T: std::fmt::Display>(xs: impl IntoIterator<Item = T>) -> String {
    xs.into_iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The markdown report: one table per set, then a summary per set.
pub fn markdown(bks: &[BksRow], runs: &[Checked]) -> String {
    let mut out = String::new();
    let bad: Vec<&Checked> = runs.iter().filter(|c| !c.ok()).collect();
    if !bad.is_empty() {
        let _ = writeln!(out, "**{} run(s) do not check out:**\n", bad.len());
        for c in &bad {
            let _ = writeln!(out, "* {}", c.line());
        }
        let _ = writeln!(out);
    }
    // Costs by set, then instance (in bks.csv order), then seed.
    let good: Vec<&Checked> = runs.iter().filter(|c| c.ok()).collect();
    let cost = |c: &Checked| c.eval.as_ref().map_or(f64::NAN, |e| e.cost);
    let mut summary = Vec::new();
    let sets: Vec<&str> = {
        let mut s: Vec<&str> = bks.iter().map(|r| r.set.as_str()).collect();
        s.dedup();
        s
    };
    for set in sets {
        let rows: Vec<&BksRow> = bks.iter().filter(|r| r.set == set).collect();
        let mine: Vec<&&Checked> = good
            .iter()
            .filter(|c| rows.iter().any(|r| r.instance == c.run.id))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let seeds: Vec<u64> = {
            let mut s: Vec<u64> = mine.iter().map(|c| c.run.seed).collect();
            s.sort_unstable();
            s.dedup();
            s
        };
        let budgets: Vec<f64> = {
            let mut b: Vec<f64> = mine.iter().map(|c| c.run.budget).collect();
            b.sort_by(f64::total_cmp);
            b.dedup();
            b
        };
        let multi = seeds.len() > 1;
        let _ = writeln!(
            out,
            "### Set {set}: {} s per run, seed{} {}\n",
            list(&budgets),
            if multi { "s" } else { "" },
            list(&seeds)
        );
        if multi {
            let _ = writeln!(
                out,
                "| instance | BKS | opt. | ours best | ours mean | ours worst | gap best % | gap mean % | gap worst % | s | iterations | note |"
            );
            let _ = writeln!(
                out,
                "|---|---:|:-:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
            );
        } else {
            let _ = writeln!(
                out,
                "| instance | BKS | opt. | ours | gap % | D | T | Tmax | s | iterations | note |"
            );
            let _ = writeln!(out, "|---|---:|:-:|---:|---:|---:|---:|---:|---:|---:|---|");
        }
        let (mut best_gaps, mut mean_gaps) = (Vec::new(), Vec::new());
        let mut per_seed: BTreeMap<u64, Vec<f64>> = BTreeMap::new();
        let mut below = Vec::new();
        let mut impossible = Vec::new();
        for row in &rows {
            let these: Vec<&&&Checked> = mine.iter().filter(|c| c.run.id == row.instance).collect();
            if these.is_empty() {
                continue;
            }
            let costs: Vec<f64> = these.iter().map(|c| cost(c)).collect();
            for c in &these {
                per_seed
                    .entry(c.run.seed)
                    .or_default()
                    .push(gap(cost(c), row.bks));
            }
            let (lo, hi) = min_max(&costs);
            let secs = mean(&these.iter().map(|c| c.seconds).collect::<Vec<_>>());
            let iterations = mean(
                &these
                    .iter()
                    .map(|c| c.run.json["iterations"].as_f64().unwrap_or(f64::NAN))
                    .collect::<Vec<_>>(),
            );
            let mut note = Vec::new();
            if lo < row.lower_bound - 0.05 {
                note.push(format!("below LB {}!", row.lower_bound));
                impossible.push(row.instance.clone());
            } else if gap(lo, row.bks) < 0.0 {
                note.push(if row.optimal {
                    "below proven optimum!".to_owned()
                } else {
                    "below BKS".to_owned()
                });
                below.push(row.instance.clone());
            }
            if these.len() != seeds.len() {
                note.push(format!("{} of {} seeds", these.len(), seeds.len()));
            }
            best_gaps.push(gap(lo, row.bks));
            mean_gaps.push(mean(
                &costs.iter().map(|&c| gap(c, row.bks)).collect::<Vec<_>>(),
            ));
            let opt = if row.optimal { "yes" } else { "" };
            if multi {
                let _ = writeln!(
                    out,
                    "| {} | {:.1} | {opt} | {lo:.1} | {:.1} | {hi:.1} | {:+.2} | {:+.2} | {:+.2} | {secs:.1} | {iterations:.0} | {} |",
                    row.instance,
                    row.bks,
                    mean(&costs),
                    gap(lo, row.bks),
                    mean_gaps.last().unwrap(),
                    gap(hi, row.bks),
                    note.join("; ")
                );
            } else {
                let ev = these[0].eval.as_ref().expect("checked runs evaluate");
                let _ = writeln!(
                    out,
                    "| {} | {:.1} | {opt} | {lo:.1} | {:+.2} | {:.1} | {:.1} | {:.1} | {secs:.1} | {iterations:.0} | {} |",
                    row.instance,
                    row.bks,
                    gap(lo, row.bks),
                    ev.distance,
                    ev.tardiness,
                    ev.tmax,
                    note.join("; ")
                );
            }
        }
        let seed_means: Vec<f64> = per_seed.values().map(|g| mean(g)).collect();
        let (slo, shi) = min_max(&seed_means);
        if multi {
            let _ = writeln!(
                out,
                "\nMean gap of set {set}: {:+.2} % (best of seeds), {:+.2} % (mean over seeds); \
                 set mean per seed min / mean / max: {slo:+.2} / {:+.2} / {shi:+.2} %.\n",
                mean(&best_gaps),
                mean(&mean_gaps),
                mean(&seed_means)
            );
        } else {
            let _ = writeln!(
                out,
                "\nMean gap of set {set}: {:+.2} %.\n",
                mean(&best_gaps)
            );
        }
        summary.push((
            set.to_owned(),
            mine.len(),
            list(&budgets),
            list(&seeds),
            best_gaps,
            mean_gaps,
            seed_means,
            below,
            impossible,
        ));
    }
    if !summary.is_empty() {
        let _ = writeln!(out, "### Summary\n");
        let _ = writeln!(
            out,
            "| set | runs | s/run | seeds | mean gap best % | mean gap mean % | per-seed set mean min / max % | below BKS | below LB |"
        );
        let _ = writeln!(out, "|---|---:|---:|---|---:|---:|---|---|---|");
        for (set, n, budgets, seeds, best, means, seed_means, below, impossible) in summary {
            let (lo, hi) = min_max(&seed_means);
            let _ = writeln!(
                out,
                "| {set} | {n} | {budgets} | {seeds} | {:+.2} | {:+.2} | {lo:+.2} / {hi:+.2} | {} | {} |",
                mean(&best),
                mean(&means),
                if below.is_empty() {
                    "–".into()
                } else {
                    below.join(" ")
                },
                if impossible.is_empty() {
                    "–".into()
                } else {
                    impossible.join(" ")
                },
            );
        }
    }
    out
}
