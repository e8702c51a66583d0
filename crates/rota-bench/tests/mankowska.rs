//! The Mankowska et al. (2014) benchmark, checked from outside the engine.
//!
//! `mankowska/eval.rs` is an evaluator written only from the benchmark's
//! README (its own parsers, its own timing rule; nothing from carebook).
//! These tests check the evaluator against the published reference solutions
//! of the bundled sets A–E and a hand-computed instance, then check the
//! solution files that `rota-bench` writes: feasible, and costed as the
//! binary says. Their data are in `data/mankowska/` of this crate; a missing
//! file fails the test.
//!
//! Two ignored tests serve `scripts/bench-mankowska.sh`: `check_runs` and
//! `report_runs` read a manifest of runs (`MANKOWSKA_RUNS`) and check them or
//! print the markdown table of results.

#[path = "mankowska/eval.rs"]
mod eval;
#[path = "mankowska/report.rs"]
mod report;

use eval::{Instance, Route, SolutionFile, evaluate, evaluate_files};
use std::path::{Path, PathBuf};

/// The sets whose instances and reference solutions are bundled.
const BUNDLED_SETS: [&str; 5] = ["A", "B", "C", "D", "E"];

/// The bundled benchmark folder; panics if it is missing.
fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/mankowska");
    assert!(
        dir.join("bks.csv").is_file(),
        "{} is missing: the benchmark data belong in the repository",
        dir.display()
    );
    dir
}

fn instance_path(dir: &Path, id: &str) -> PathBuf {
    let rows = report::read_bks(&dir.join("bks.csv")).expect("bks.csv");
    let row = rows
        .iter()
        .find(|r| r.instance == id)
        .expect("instance in bks.csv");
    dir.join(&row.file)
}

#[test]
fn reference_solutions_reproduce_bks_csv() {
    let dir = bench_dir();
    let rows = report::read_bks(&dir.join("bks.csv")).expect("bks.csv");
    assert_eq!(rows.len(), 49);
    let bundled: Vec<_> = rows
        .iter()
        .filter(|r| BUNDLED_SETS.contains(&r.set.as_str()))
        .collect();
    assert_eq!(bundled.len(), 35);
    let mut failures = Vec::new();
    let mut worst: f64 = 0.0;
    for row in bundled {
        let ev = evaluate_files(&dir.join(&row.file), &dir.join(&row.ref_solution))
            .expect("readable files");
        worst = worst.max((ev.cost - row.ref_solution_objective).abs());
        if !ev.feasible() {
            failures.push(format!("{}: infeasible: {:?}", row.instance, ev.violations));
        }
        if (ev.cost - row.ref_solution_objective).abs() > 0.005 {
            failures.push(format!(
                "{}: evaluator {:.4}, bks.csv {:.3}",
                row.instance, ev.cost, row.ref_solution_objective
            ));
        }
        if let Some(stated) =
            SolutionFile::parse(&std::fs::read_to_string(dir.join(&row.ref_solution)).unwrap())
                .unwrap()
                .stated_cost
            && (stated - ev.cost).abs() > 0.005
        {
            failures.push(format!(
                "{}: evaluator {:.4}, file header {stated}",
                row.instance, ev.cost
            ));
        }
        // Sanity of the table itself: no feasible solution beats a bound.
        if ev.cost < row.lower_bound - 0.05 {
            failures.push(format!(
                "{}: {:.3} below the lower bound {}",
                row.instance, ev.cost, row.lower_bound
            ));
        }
    }
    eprintln!("35 reference solutions: largest |evaluator - bks.csv| = {worst:.5}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A tiny instance with hand-computed times: a precedence whose first
/// service must be delayed (pushing the rest of that route) and a
/// simultaneous pair where one caregiver waits for the other.
///
/// Nodes on a line at x = 0 (depot), 10, 20, 30, 5, 0 (depot copy);
/// service duration 15 everywhere. Caregiver 0 does {0,1,2}, 1 and 2 do
/// {3,4,5}. Patient 1: services 0 then 3, 10 ≤ gap ≤ 20. Patient 4:
/// services 4 and 5 together.
const TINY: &str = "\
nbNodes
6
nbVehi
3
nbServi
6
r
1 1 1 1 1 1
1 0 0 1 0 0
0 0 0 1 0 0
1 0 0 0 0 0
0 0 0 0 1 1
1 1 1 1 1 1
DS
2 5
a
1 1 1 0 0 0
0 0 0 1 1 1
0 0 0 1 1 1
x
0 10 20 30 5 0
y
0 0 0 0 0 0
d
0 10 20 30 5 0
10 0 10 20 5 10
20 10 0 10 15 20
30 20 10 0 25 30
5 5 15 25 0 5
0 10 20 30 5 0
p
0 0 0 0 0 0
0 0 0 0 0 0
0 0 0 0 0 0
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
15 15 15 15 15 15
0 0 0 0 0 0
0 0 0 0 0 0
0 0 0 0 0 0
mind
0 10 0 0 0 0
maxd
0 20 0 0 0 0
e
0 0 50 0 0 0
l
600 60 60 50 100 1000
";

/// A solution with the given routes: (caregiver, [(node, service)]).
fn solution(routes: &[(usize, &[(usize, usize)])]) -> SolutionFile {
    let routes = routes
        .iter()
        .map(|&(v, visits)| {
            let mut arcs = Vec::new();
            let mut at = 0;
            for &(node, s) in visits {
                arcs.push((at, node, s));
                at = node;
            }
            arcs.push((at, 0, 0));
            Route { vehicle: v, arcs }
        })
        .collect();
    SolutionFile {
        routes,
        stated_cost: None,
    }
}

#[test]
fn timing_rule_by_hand() {
    let inst = Instance::parse(TINY).expect("tiny instance");
    let sol = solution(&[
        (0, &[(1, 0), (3, 0)]),
        (1, &[(2, 3), (1, 3), (4, 5)]),
        (2, &[(4, 4)]),
    ]);
    let ev = evaluate(&inst, &sol);
    assert!(ev.feasible(), "{:?}", ev.violations);
    let starts: Vec<(usize, usize, f64)> = ev
        .visits
        .iter()
        .map(|x| (x.node, x.service, x.start))
        .collect();
    // Caregiver 1 waits at patient 2 until 50, reaches patient 1 at 75 and
    // patient 4 at 95. Service 0 at patient 1 (ready at 10) is delayed to
    // 75 − 20 = 55, so caregiver 0 reaches patient 3 at 55 + 15 + 20 = 90.
    // Caregiver 2 (ready at 5) waits for caregiver 1 at patient 4.
    let want = [
        (1, 0, 55.0),
        (3, 0, 90.0),
        (2, 3, 50.0),
        (1, 3, 75.0),
        (4, 5, 95.0),
        (4, 4, 95.0),
    ];
    assert_eq!(starts.len(), want.len());
    for (got, want) in starts.iter().zip(want) {
        assert_eq!((got.0, got.1), (want.0, want.1));
        assert!((got.2 - want.2).abs() < 1e-9, "{got:?} vs {want:?}");
    }
    // D = 60 + 40 + 10; tardiness 15 (patient 1, service 3) + 40 (patient 3).
    assert!((ev.distance - 110.0).abs() < 1e-9);
    assert!((ev.tardiness - 55.0).abs() < 1e-9);
    assert!((ev.tmax - 40.0).abs() < 1e-9);
    assert!((ev.cost - 205.0 / 3.0).abs() < 1e-9);
}

#[test]
fn broken_solutions_are_rejected() {
    let inst = Instance::parse(TINY).expect("tiny instance");
    let good: [(usize, &[(usize, usize)]); 3] = [
        (0, &[(1, 0), (3, 0)]),
        (1, &[(2, 3), (1, 3), (4, 5)]),
        (2, &[(4, 4)]),
    ];
    let violations =
        |routes: &[(usize, &[(usize, usize)])]| evaluate(&inst, &solution(routes)).violations;
    let has = |v: Vec<String>, what: &str| {
        assert!(
            v.iter().any(|m| m.contains(what)),
            "expected `{what}` in {v:?}"
        );
    };
    assert!(violations(&good).is_empty());
    // A service left out.
    has(
        violations(&[good[0], good[1], (2, &[])]),
        "patient 4, service 4: not performed",
    );
    // A service done twice.
    has(
        violations(&[good[0], good[1], (2, &[(4, 4), (2, 3)])]),
        "performed 2 times",
    );
    // Not qualified: caregiver 0 cannot do service 3.
    has(
        violations(&[
            (0, &[(1, 0), (3, 0), (2, 3)]),
            (1, &[(1, 3), (4, 5)]),
            good[2],
        ]),
        "not qualified",
    );
    // Both services of a double by one caregiver.
    has(
        violations(&[good[0], (1, &[(2, 3), (1, 3), (4, 5), (4, 4)]), (2, &[])]),
        "both services",
    );
    // A service the patient does not require.
    has(
        violations(&[good[0], good[1], (2, &[(4, 4), (3, 3)])]),
        "does not require",
    );
    // Two routes for one caregiver.
    has(
        violations(&[good[0], good[1], good[2], (2, &[])]),
        "two routes",
    );
    // Route shape: not back at the depot, or not leaving from it.
    let mut sol = solution(&good);
    sol.routes[2].arcs.pop();
    has(evaluate(&inst, &sol).violations, "not the depot");
    let mut sol = solution(&good);
    sol.routes[2].arcs[0].0 = 3;
    has(
        evaluate(&inst, &sol).violations,
        "does not start at the depot",
    );
}

#[test]
fn deadlock_in_a_reference_solution_is_found() {
    let dir = bench_dir();
    let inst =
        Instance::parse(&std::fs::read_to_string(instance_path(&dir, "A1")).unwrap()).unwrap();
    // A1's reference routes, with caregiver 2 visiting patient 9 before
    // patient 10 while caregiver 0 does 10 before 9: each precedence then
    // waits for the other.
    let sol = solution(&[
        (0, &[(10, 2), (3, 1), (5, 2), (9, 0), (7, 2)]),
        (1, &[(8, 4), (2, 4)]),
        (2, &[(8, 5), (9, 3), (10, 5), (6, 4), (1, 3), (4, 3)]),
    ]);
    let ev = evaluate(&inst, &sol);
    assert!(
        ev.violations.iter().any(|m| m.contains("not settle")),
        "{:?}",
        ev.violations
    );
}

/// Runs the debug `rota-bench` on an instance and evaluates its solution.
fn bench_run(id: &str, seconds: f64) -> (serde_json::Value, eval::Evaluation) {
    let dir = bench_dir();
    let instance = instance_path(&dir, id);
    let out_dir = tempfile::tempdir().expect("temp dir");
    let file = out_dir.path().join(format!("{id}.txt"));
    let output = assert_cmd::Command::cargo_bin("rota-bench")
        .expect("rota-bench binary")
        .args(["mankowska".as_ref(), instance.as_os_str()])
        .args([
            "--seconds",
            &seconds.to_string(),
            "--seed",
            "1",
            "--solution",
        ])
        .arg(&file)
        .output()
        .expect("rota-bench runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON line");
    let ev = evaluate_files(&instance, &file).expect("readable solution");
    (line, ev)
}

fn assert_bench_solution_checks_out(id: &str) {
    let (line, ev) = bench_run(id, 0.5);
    assert!(ev.feasible(), "{id}: infeasible: {:?}", ev.violations);
    assert_eq!(line["unassigned"], 0, "{id}: {line}");
    let objective = line["objective"].as_f64().expect("objective");
    assert!(
        (ev.cost - objective).abs() <= 0.01,
        "{id}: evaluator {:.4} (D {:.3}, T {:.3}, Tmax {:.3}), binary {line}",
        ev.cost,
        ev.distance,
        ev.tardiness,
        ev.tmax
    );
}

#[test]
fn bench_solution_a1() {
    assert_bench_solution_checks_out("A1");
}

#[test]
fn bench_solution_a4() {
    assert_bench_solution_checks_out("A4");
}

#[test]
fn bench_solution_b1() {
    assert_bench_solution_checks_out("B1");
}

/// Every A instance (10 patients, all proven optimal) reaches its optimum in
/// a 1-second run. Even a debug build needs only about 0.1 s here, so the
/// seven runs go side by side to keep the test at about a second.
#[test]
fn a_instances_reach_the_optimum_in_one_second() {
    let dir = bench_dir();
    let rows = report::read_bks(&dir.join("bks.csv")).expect("bks.csv");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let runs: Vec<_> = rows
        .iter()
        .filter(|r| r.set == "A")
        .map(|row| {
            let file = out_dir.path().join(format!("{}.txt", row.instance));
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_rota-bench"))
                .args(["mankowska".as_ref(), dir.join(&row.file).as_os_str()])
                .args(["--seconds", "1", "--seed", "1", "--solution"])
                .arg(&file)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("rota-bench starts");
            (row, file, child)
        })
        .collect();
    assert_eq!(runs.len(), 7);
    let mut failures = Vec::new();
    for (row, file, child) in runs {
        let output = child.wait_with_output().expect("rota-bench runs");
        assert!(
            output.status.success(),
            "{}: rota-bench failed",
            row.instance
        );
        let line: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("one JSON line");
        let ev = evaluate_files(&dir.join(&row.file), &file).expect("readable solution");
        let objective = line["objective"].as_f64().expect("objective");
        if !ev.feasible() || (ev.cost - objective).abs() > 0.01 {
            failures.push(format!(
                "{}: evaluator {:.3} {:?}, binary {line}",
                row.instance, ev.cost, ev.violations
            ));
        } else if (ev.cost - row.bks).abs() > 0.1 {
            failures.push(format!(
                "{}: {:.3}, optimum {}",
                row.instance, ev.cost, row.bks
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// For `scripts/bench-mankowska.sh`: checks every run of the manifest
/// `MANKOWSKA_RUNS` (feasible, evaluator = binary within 0.01).
#[test]
#[ignore = "run by scripts/bench-mankowska.sh"]
fn check_runs() {
    let manifest = std::env::var_os("MANKOWSKA_RUNS")
        .expect("MANKOWSKA_RUNS names a manifest of runs (see scripts/bench-mankowska.sh)");
    let runs = report::read_runs(Path::new(&manifest)).expect("manifest");
    let mut bad = Vec::new();
    for run in &runs {
        let checked = report::check(run);
        println!("check: {}", checked.line());
        if !checked.ok() {
            bad.push(checked.line());
        }
    }
    assert!(
        bad.is_empty(),
        "runs that do not check out:\n{}",
        bad.join("\n")
    );
}

/// For `scripts/bench-mankowska.sh`: the markdown table of the manifest
/// `MANKOWSKA_RUNS` against `bks.csv`, written to `MANKOWSKA_REPORT`.
#[test]
#[ignore = "run by scripts/bench-mankowska.sh"]
fn report_runs() {
    let manifest = std::env::var_os("MANKOWSKA_RUNS")
        .expect("MANKOWSKA_RUNS names a manifest of runs (see scripts/bench-mankowska.sh)");
    let out = std::env::var_os("MANKOWSKA_REPORT").expect("MANKOWSKA_REPORT names the report");
    // The full set when the script runs sets F and G from outside.
    let dir = std::env::var_os("MANKOWSKA_DIR").map_or_else(bench_dir, PathBuf::from);
    let bks = report::read_bks(&dir.join("bks.csv")).expect("bks.csv");
    let runs = report::read_runs(Path::new(&manifest)).expect("manifest");
    let checked: Vec<_> = runs.iter().map(report::check).collect();
    std::fs::write(&out, report::markdown(&bks, &checked)).expect("report written");
    let bad: Vec<String> = checked
        .iter()
        .filter(|c| !c.ok())
        .map(report::Checked::line)
        .collect();
    assert!(
        bad.is_empty(),
        "runs that do not check out:\n{}",
        bad.join("\n")
    );
}
