//! Reading the benchmark instances of Mankowska, Meisel & Bierwirth (2014)
//! into the engine's problem, and writing solutions in the format of the
//! published reference solutions (see `data/mankowska/README.md`).

use carebook::rota::engine::problem::{
    Interval, Link, Matrix, Problem, Task, Vehicle, Weights, Worker,
};
use carebook::rota::engine::solution::Solution;
use std::collections::HashMap;
use std::fmt::Write;

/// An instance read into a problem, with what is needed to write a solution.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The engine's problem.
    pub problem: Problem,
    /// For each task, its (node, service).
    pub task_service: Vec<(usize, usize)>,
}

/// Why an instance file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("not a Mankowska instance: {0}")]
pub struct ParseError(String);

fn sections(text: &str) -> HashMap<String, Vec<Vec<f64>>> {
    let mut out: HashMap<String, Vec<Vec<f64>>> = HashMap::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            current = line.to_owned();
            out.entry(current.clone()).or_default();
            continue;
        }
        let row: Vec<f64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        out.entry(current.clone()).or_default().push(row);
    }
    out
}

/// Reads an instance file's text.
pub fn parse(text: &str) -> Result<Instance, ParseError> {
    let s = sections(text);
    let scalar = |k: &str| -> Result<usize, ParseError> {
        s.get(k)
            .and_then(|rows| rows.first())
            .and_then(|r| r.first())
            .map(|&x| x as usize)
            .ok_or_else(|| ParseError(format!("no `{k}`")))
    };
    let rows = |k: &str| s.get(k).ok_or_else(|| ParseError(format!("no `{k}`")));
    let line = |k: &str| -> Result<Vec<f64>, ParseError> {
        Ok(rows(k)?.iter().flatten().copied().collect())
    };
    let nodes = scalar("nbNodes")?;
    let vehicles = scalar("nbVehi")?;
    let services = scalar("nbServi")?;
    let r = rows("r")?;
    let a = rows("a")?;
    let d: Vec<f64> = line("d")?;
    let p = rows("p")?;
    let (mind, maxd, e, l) = (line("mind")?, line("maxd")?, line("e")?, line("l")?);
    if d.len() != nodes * nodes
        || r.len() < nodes
        || a.len() < vehicles
        || e.len() < nodes
        || l.len() < nodes
    {
        return Err(ParseError(
            "section sizes do not match nbNodes and nbVehi".into(),
        ));
    }
    let qualified = |v: usize, sv: usize| a[v].get(sv).is_some_and(|&x| x > 0.5);
    let mut tasks = Vec::new();
    let mut task_service = Vec::new();
    let mut links = Vec::new();
    for i in 1..nodes - 1 {
        let mut mine = Vec::new();
        for sv in 0..services {
            if r[i].get(sv).is_none_or(|&x| x < 0.5) {
                continue;
            }
            let duration = p
                .get(i * vehicles)
                .and_then(|row| row.get(sv))
                .copied()
                .unwrap_or(0.0);
            mine.push(tasks.len());
            task_service.push((i, sv));
            tasks.push(Task {
                client: i,
                location: i,
                duration,
                window: Interval {
                    start: e[i],
                    end: l[i],
                },
                max_late: f64::INFINITY,
                eligible: (0..vehicles).filter(|&v| qualified(v, sv)).collect(),
                preferred: Vec::new(),
                locked: None,
                previous: None,
            });
        }
        if let [t1, t2] = mine[..] {
            links.push(Link::DifferentWorkers(t1, t2));
            links.push(Link::Together(t1, t2));
            if mind[i] == 0.0 && maxd[i] == 0.0 {
                links.push(Link::SameStart(t1, t2));
            } else {
                links.push(Link::Gap {
                    first: t1,
                    second: t2,
                    min: mind[i],
                    max: maxd[i],
                });
            }
        }
    }
    let problem = Problem {
        tasks,
        vehicles: (0..vehicles)
            .map(|v| Vehicle {
                worker: v,
                day: 0,
                start_location: 0,
                end_location: 0,
                matrix: 0,
                availability: vec![Interval {
                    start: 0.0,
                    end: f64::INFINITY,
                }],
                departure: Some(0.0),
            })
            .collect(),
        workers: (0..vehicles).map(|_| Worker::unbounded()).collect(),
        links,
        matrices: vec![Matrix {
            size: nodes,
            minutes: d,
        }],
        weights: Weights::mankowska(),
        clients: nodes,
    };
    Ok(Instance {
        problem,
        task_service,
    })
}

/// The objective parts of a solution: distance, total and largest tardiness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Objective {
    /// (D + T + Tmax) / 3.
    pub cost: f64,
    /// Total travel distance.
    pub distance: f64,
    /// Total tardiness.
    pub tardiness: f64,
    /// Largest tardiness.
    pub tmax: f64,
}

/// Writes a solution in the reference solution format.
pub fn write_solution(instance: &Instance, sol: &Solution, name: &str, obj: &Objective) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Solution for {name}");
    let _ = writeln!(
        out,
        "# Cost = {:.3} Dist = {:.3} Tard = {:.3} TMax = {:.3}",
        obj.cost, obj.distance, obj.tardiness, obj.tmax
    );
    let _ = writeln!(out, "# <vehicle> <route length>");
    let _ = writeln!(out, "# <origin node> <dest node> <vehicle> <service type>");
    for (v, route) in sol.routes.iter().enumerate() {
        if route.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{v} {}", route.len() + 1);
        let mut from = 0;
        for &t in route {
            let (node, service) = instance.task_service[t];
            let _ = writeln!(out, "{from} {node} {v} {service}");
            from = node;
        }
        let _ = writeln!(out, "{from} 0 {v} 0");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse;
    use carebook::rota::engine::problem::Link;

    /// A1 of the bundled set (10 patients, 3 caregivers; patients 8, 9 and
    /// 10 need two services).
    const A1: &str = include_str!("../data/mankowska/instances/InstanzCPLEX_HCSRP_10_1.txt");

    #[test]
    fn an_instance_becomes_one_task_per_service_with_links_for_doubles() {
        let instance = parse(A1).expect("A1 parses");
        let p = &instance.problem;
        assert_eq!(p.tasks.len(), 7 + 3 * 2);
        assert_eq!(p.vehicles.len(), 3);
        assert_eq!(instance.task_service.len(), p.tasks.len());
        assert!(p.tasks.iter().all(|t| !t.eligible.is_empty()));
        let doubles: Vec<usize> = (0..p.tasks.len())
            .filter(|&t| {
                p.links
                    .iter()
                    .any(|l| matches!(*l, Link::Together(a, _) if a == t))
            })
            .map(|t| instance.task_service[t].0)
            .collect();
        assert_eq!(doubles, vec![8, 9, 10]);
        // Each double: different workers, together, and same start or a gap.
        assert_eq!(p.links.len(), 3 * 3);
    }

    #[test]
    fn text_that_is_not_an_instance_is_an_error() {
        assert!(parse("").is_err());
        assert!(parse("nbNodes\n3\nnbVehi\n1\n").is_err());
    }
}
