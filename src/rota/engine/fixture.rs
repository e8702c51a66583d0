//! Test fixtures shared by the engine's unit tests: a small random problem
//! with every feature the engine has (double-ups, gaps, continuity,
//! contracted hours, rest between days), so each part is exercised.

use super::problem::{Interval, Link, Matrix, Problem, Task, Vehicle, Weights, Worker};
use super::rng::Rng;

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
