//! Running the week benchmark: generate each size's and seed's agency with
//! `carebook-gen`, run every planner on it in turn (round after round, so
//! that the machine's load falls on all alike), check every rota with the
//! independent verifier and collect the rows of the table.

use super::figures::{
    Figures, parse_peer_wall, parse_search_seconds, parse_steps, parse_time, parse_verifier,
};
use super::size::Size;
use super::table::{GREEDY, Measured, ORTOOLS, Row};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A planner run as a program: `PROGRAM rota RECORDS --week W --today D
/// --out FILE ARGS...` for a carebook binary.
#[derive(Debug, Clone, PartialEq)]
pub struct Planner {
    /// Its label in the table.
    pub label: String,
    /// The `carebook` binary.
    pub program: PathBuf,
    /// Extra arguments after the usual ones.
    pub args: Vec<String>,
}

impl Planner {
    /// Reads `LABEL=PATH [ARG...]` (arguments split at white space).
    pub fn parse(spec: &str) -> Result<Planner, String> {
        let (label, rest) = spec
            .split_once('=')
            .ok_or_else(|| format!("`{spec}` is not LABEL=PATH [ARGS]"))?;
        let mut words = rest.split_whitespace();
        let program = words
            .next()
            .ok_or_else(|| format!("`{spec}` names no program"))?;
        if label.is_empty() || label == ORTOOLS || label == GREEDY {
            return Err(format!(
                "`{label}` cannot label a carebook binary (empty, or a peer's label)"
            ));
        }
        Ok(Planner {
            label: label.to_owned(),
            program: PathBuf::from(program),
            args: words.map(str::to_owned).collect(),
        })
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The sizes of the generated agencies, one agency each per seed.
    pub sizes: Vec<Size>,
    /// Generator seeds, one agency each per size.
    pub seeds: Vec<u64>,
    /// Runs of each planner on each agency.
    pub rounds: usize,
    /// The carebook binaries.
    pub planners: Vec<Planner>,
    /// The greedy reference (`rota-bench greedy`), if run: this program.
    pub greedy: Option<PathBuf>,
    /// Seconds for the OR-Tools peer; `None` to leave it out.
    pub ortools_seconds: Option<f64>,
    /// The folder of `verify_rota.py` and `ortools_week.py`.
    pub peers: PathBuf,
    /// Where agencies and rotas are written.
    pub work: PathBuf,
    /// The week planned, e.g. 2026-W49.
    pub week: String,
    /// The generator's and the planners' today, e.g. 2026-11-23.
    pub today: String,
}

/// Output, wall seconds and peak RSS of one process.
struct Ran {
    ok: bool,
    stdout: String,
    stderr: String,
    wall_s: f64,
    rss_mb: Option<f64>,
}

/// Runs `cmd`, under `/usr/bin/time` when there is one (for peak RSS).
fn timed(program: &Path, args: &[String], time_file: &Path) -> Result<Ran, String> {
    let use_time = Path::new("/usr/bin/time").is_file();
    let mut cmd = if use_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%e %M")
            .arg("-o")
            .arg(time_file)
            .arg(program);
        c
    } else {
        Command::new(program)
    };
    cmd.args(args);
    let clock = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let wall = clock.elapsed().as_secs_f64();
    let measured = if use_time {
        std::fs::read_to_string(time_file)
            .ok()
            .and_then(|t| parse_time(&t))
    } else {
        None
    };
    Ok(Ran {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        wall_s: measured.map_or(wall, |m| m.0),
        rss_mb: measured.map(|m| m.1 as f64 / 1024.0),
    })
}

/// Whether `python3` can import `module`.
pub fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The verifier's figures for `rota` on `records`.
fn verify(cfg: &Config, records: &Path, rota: &Path) -> Result<Figures, String> {
    let out = Command::new("python3")
        .arg(cfg.peers.join("verify_rota.py"))
        .arg(records)
        .arg(rota)
        .output()
        .map_err(|e| format!("cannot run the verifier: {e}"))?;
    parse_verifier(&String::from_utf8_lossy(&out.stdout)).map_err(|e| {
        format!(
            "{e}\n{}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(20)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// Generates the agency of `size` and `seed` into `dir` unless it is
/// already there.
fn generate(cfg: &Config, size: Size, seed: u64, dir: &Path) -> Result<(), String> {
    if dir.join("agency.yaml").is_file() {
        return Ok(());
    }
    let today = carebook_gen::rng::Date::parse(&cfg.today)
        .ok_or_else(|| format!("`{}` is not a date", cfg.today))?;
    let gen_cfg = carebook_gen::Config {
        service_users: size.service_users,
        carers: size.carers,
        seed,
        fault_percent: 0.0,
        today,
        ..carebook_gen::Config::default()
    };
    carebook_gen::generate(dir, &gen_cfg)
        .map(|_| ())
        .map_err(|e| format!("cannot generate into {}: {e}", dir.display()))
}

/// One run of a planner on `records`, writing `out`, verified.
fn run_one(
    cfg: &Config,
    label: &str,
    records: &Path,
    out: &Path,
    planner: Option<&Planner>,
) -> Result<Measured, String> {
    let _ = std::fs::remove_file(out);
    let time_file = out.with_extension("time");
    let path = |p: &Path| p.to_string_lossy().into_owned();
    let (program, args): (PathBuf, Vec<String>) = match (label, planner) {
        (_, Some(p)) => {
            let mut args = vec![
                "rota".to_owned(),
                path(records),
                "--week".into(),
                cfg.week.clone(),
                "--today".into(),
                cfg.today.clone(),
                "--out".into(),
                path(out),
            ];
            args.extend(p.args.iter().cloned());
            (p.program.clone(), args)
        }
        (GREEDY, None) => {
            let program = cfg.greedy.clone().ok_or("no greedy program")?;
            let args = vec![
                "greedy".to_owned(),
                path(records),
                cfg.week.clone(),
                path(out),
                "--today".into(),
                cfg.today.clone(),
            ];
            (program, args)
        }
        _ => {
            let seconds = cfg.ortools_seconds.unwrap_or(60.0);
            let args = vec![
                path(&cfg.peers.join("ortools_week.py")),
                path(records),
                cfg.week.clone(),
                path(out),
                "--seconds".into(),
                seconds.to_string(),
            ];
            (PathBuf::from("python3"), args)
        }
    };
    let ran = timed(&program, &args, &time_file)?;
    if !out.is_file() {
        let tail: Vec<&str> = ran.stderr.lines().rev().take(10).collect();
        return Err(format!(
            "{label} wrote no rota (ok: {}): {}",
            ran.ok,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    let figures = verify(cfg, records, out)?;
    // The peer verifies its own rota inside its run: take its own wall.
    let wall_s = parse_peer_wall(&ran.stdout)
        .filter(|_| label == ORTOOLS)
        .unwrap_or(ran.wall_s);
    Ok(Measured {
        figures,
        wall_s,
        rss_mb: ran.rss_mb,
        steps: planner.and(parse_steps(&ran.stdout)),
        search_s: planner.and(parse_search_seconds(&ran.stdout)),
    })
}

/// Runs the benchmark; `log` hears about each run as it ends.
pub fn run(cfg: &Config, log: &mut dyn FnMut(&str)) -> Result<Vec<Row>, String> {
    if !python_has("yaml") {
        return Err(
            "the verifier needs python3 with PyYAML (`pip install pyyaml`); nothing was run".into(),
        );
    }
    if !cfg.peers.join("verify_rota.py").is_file() {
        return Err(format!(
            "no verify_rota.py in {} (pass --peers DIR)",
            cfg.peers.display()
        ));
    }
    let ortools_note = match cfg.ortools_seconds {
        None => Some("left out (--ortools-seconds 0)".to_owned()),
        Some(_) if !python_has("ortools") => {
            Some("skipped: OR-Tools is not installed (`pip install ortools`)".to_owned())
        }
        Some(_) => None,
    };
    let mut labels: Vec<(String, Option<&Planner>)> = Vec::new();
    if cfg.greedy.is_some() {
        labels.push((GREEDY.to_owned(), None));
    }
    labels.push((ORTOOLS.to_owned(), None));
    labels.extend(cfg.planners.iter().map(|p| (p.label.clone(), Some(p))));
    let mut rows = Vec::new();
    let agencies = cfg
        .sizes
        .iter()
        .flat_map(|&size| cfg.seeds.iter().map(move |&seed| (size, seed)));
    for (size, seed) in agencies {
        // The size in the folder's name: an agency generated before at
        // another size is never taken for this one.
        let dir = cfg
            .work
            .join(format!("{}x{}-seed{seed}", size.service_users, size.carers));
        let records = dir.join("records");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        generate(cfg, size, seed, &records)?;
        let first = rows.len();
        for (label, _) in &labels {
            rows.push(Row {
                size,
                seed,
                planner: label.clone(),
                runs: Vec::new(),
                note: (label == ORTOOLS).then(|| ortools_note.clone()).flatten(),
            });
        }
        for round in 0..cfg.rounds {
            for (i, (label, planner)) in labels.iter().enumerate() {
                let row = &mut rows[first + i];
                if row.note.is_some() || (label == GREEDY && round > 0) {
                    continue;
                }
                let out = dir.join(format!("{label}-{round}.yaml"));
                match run_one(cfg, label, &records, &out, *planner) {
                    Ok(m) => {
                        log(&format!(
                            "{size} seed {seed} round {round} {label}: unassigned {}, late {}, travel/visit {:.2}, carers/person {:.2}, wall {:.1} s, broken rules {}",
                            m.figures.unassigned,
                            m.figures.late_min,
                            m.figures.travel_per_visit(),
                            m.figures.distinct_carers_per_user,
                            m.wall_s,
                            m.figures.violations
                        ));
                        row.runs.push(m);
                    }
                    Err(e) => {
                        log(&format!(
                            "{size} seed {seed} round {round} {label}: failed: {e}"
                        ));
                        row.note = Some(format!("failed: {}", e.lines().next().unwrap_or("")));
                    }
                }
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::Planner;
    use std::path::PathBuf;

    #[test]
    fn a_planner_is_a_label_a_program_and_its_arguments() {
        let p = Planner::parse("before=/tmp/carebook-old --time-limit 30s").expect("parses");
        assert_eq!(p.label, "before");
        assert_eq!(p.program, PathBuf::from("/tmp/carebook-old"));
        assert_eq!(p.args, vec!["--time-limit", "30s"]);
        assert!(Planner::parse("no-equals").is_err());
        assert!(Planner::parse("x=").is_err());
        // The peers' labels are taken.
        assert!(Planner::parse("ortools=/bin/true").is_err());
        assert!(Planner::parse("greedy=/bin/true").is_err());
    }
}
