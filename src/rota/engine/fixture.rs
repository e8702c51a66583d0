//! Test fixtures shared by the engine's unit tests: a small random problem
//! with every feature the engine has (double-ups, gaps, continuity,
//! contracted hours, rest between days), so each part is exercised.

use super::problem::{Interval, Link, Matrix, Problem, Task, TaskId, Vehicle, Weights, Worker};
use super::rng::Rng;
use super::solution::Solution;

/// A small random problem with double-ups, gaps, continuity and
/// contracted hours, so that every part of the bound is exercised.
pub fn problem(seed: u64) -> Problem {
    let mut rng = Rng::new(seed);
    let places = 20;
    let xy: Vec<(f64, f64)> = (0..places)
        .map(|_| (rng.unit() * 30.0, rng.unit() * 30.0))
        .collect();
    let minutes = xy
        .iter()
        .flat_map(|a| xy.iter().map(move |b| (a.0 - b.0).hypot(a.1 - b.1)))
        .collect();
    // Two days of four workers: vehicles 0–3 on day 0, 4–7 on day 1.
    let mut tasks: Vec<Task> = (0..30)
        .map(|i| {
            let day = i % 2;
            let start = day as f64 * 1440.0 + rng.unit() * 400.0;
            Task {
                client: i % 12,
                location: 1 + rng.below(places - 1),
                duration: 15.0 + rng.unit() * 30.0,
                window: Interval {
                    start,
                    end: start + 30.0 + rng.unit() * 60.0,
                },
                max_late: f64::INFINITY,
                eligible: (0..4)
                    .filter(|_| rng.unit() < 0.8)
                    .map(|w| w + 4 * day)
                    .collect(),
                preferred: Vec::new(),
                locked: None,
                previous: None,
            }
        })
        .collect();
    // A double-up on day 0 (tasks 0 and 2), a gap on day 1 (1 and 3).
    tasks[0].eligible = (0..4).collect();
    tasks[2].eligible = (0..4).collect();
    tasks[2].window = tasks[0].window;
    let links = vec![
        Link::SameStart(0, 2),
        Link::DifferentWorkers(0, 2),
        Link::Together(0, 2),
        Link::Gap {
            first: 1,
            second: 3,
            min: 20.0,
            max: 90.0,
        },
        Link::DifferentWorkers(1, 3),
    ];
    let weights = Weights {
        extra_worker: 5.0,
        contract_hour_gap: 2.0,
        rest_minute: 1.0,
        ..Weights::mankowska()
    };
    Problem {
        tasks,
        vehicles: (0..8)
            .map(|v| Vehicle {
                worker: v % 4,
                day: v / 4,
                start_location: 0,
                end_location: 0,
                matrix: 0,
                availability: vec![Interval {
                    start: (v / 4) as f64 * 1440.0,
                    end: (v / 4) as f64 * 1440.0 + 1000.0,
                }],
                departure: Some((v / 4) as f64 * 1440.0),
            })
            .collect(),
        workers: (0..4)
            .map(|_| Worker {
                contracted: 300.0,
                max_work: 1000.0,
                // Longer than the night, so that rest falls short.
                min_rest: 1200.0,
            })
            .collect(),
        links,
        matrices: vec![Matrix {
            size: places,
            minutes,
        }],
        weights,
        clients: 12,
    }
}

/// A task at `location` with start window `[start, end]`, lasting
/// `duration`, that the vehicles `eligible` may do.
pub fn task(location: usize, start: f64, end: f64, duration: f64, eligible: &[usize]) -> Task {
    Task {
        client: location,
        location,
        duration,
        window: Interval { start, end },
        max_late: f64::INFINITY,
        eligible: eligible.to_vec(),
        preferred: Vec::new(),
        locked: None,
        previous: None,
    }
}

/// Two workers on a [`line`], each free for 3,000 minutes (two "days"
/// of 1,440), with each worker a client sees beyond the first priced at
/// 100: the continuity moves' small cases.
pub fn two_days(tasks: Vec<Task>) -> Problem {
    let mut p = line(2, tasks, vec![]);
    p.weights.extra_worker = 100.0;
    p.vehicles
        .iter_mut()
        .for_each(|v| v.availability[0].end = 3000.0);
    p
}

/// A one-day problem on a line: location `i` lies `10 * i` minutes from
/// location 0, where every worker starts at time 0 and ends. One vehicle
/// per worker, available all day; Mankowska weights.
pub fn line(workers: usize, tasks: Vec<Task>, links: Vec<Link>) -> Problem {
    let places = 8;
    let minutes = (0..places)
        .flat_map(|a: usize| (0..places).map(move |b: usize| 10.0 * a.abs_diff(b) as f64))
        .collect();
    let clients = places;
    Problem {
        tasks,
        vehicles: (0..workers)
            .map(|w| Vehicle {
                worker: w,
                day: 0,
                start_location: 0,
                end_location: 0,
                matrix: 0,
                availability: vec![Interval {
                    start: 0.0,
                    end: 1440.0,
                }],
                departure: Some(0.0),
            })
            .collect(),
        workers: (0..workers).map(|_| Worker::unbounded()).collect(),
        links,
        matrices: vec![Matrix {
            size: places,
            minutes,
        }],
        weights: Weights::mankowska(),
        clients,
    }
}

/// Panics unless every link between assigned tasks holds in `sol` (but
/// [`Link::Together`]: see [`assert_double_ups_whole`]).
pub fn assert_links_respected(problem: &Problem, sol: &Solution) {
    let worker = |t: TaskId| sol.vehicle_of[t].map(|v| problem.vehicles[v].worker);
    for link in &problem.links {
        match *link {
            Link::SameStart(a, b) => {
                if worker(a).is_some() && worker(b).is_some() {
                    assert!((sol.start[a] - sol.start[b]).abs() < 1e-6, "{link:?}");
                }
            }
            Link::Gap {
                first,
                second,
                min,
                max,
            } => {
                if worker(first).is_some() && worker(second).is_some() {
                    let gap = sol.start[second] - sol.start[first];
                    assert!(gap >= min - 1e-6 && gap <= max + 1e-6, "{link:?}: {gap}");
                }
            }
            Link::DifferentWorkers(a, b) => {
                if worker(a).is_some() {
                    assert_ne!(worker(a), worker(b), "{link:?}");
                }
            }
            Link::Together(..) => {}
        }
    }
}

/// Panics unless both tasks of every [`Link::Together`] are assigned, or
/// neither (it only holds between insertions of a pair).
pub fn assert_double_ups_whole(problem: &Problem, sol: &Solution) {
    for link in &problem.links {
        if let Link::Together(a, b) = *link {
            let (a, b) = (sol.vehicle_of[a], sol.vehicle_of[b]);
            assert_eq!(a.is_some(), b.is_some(), "{link:?}");
        }
    }
}
