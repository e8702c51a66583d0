//! Lookups derived once from a [`Problem`]: the links of each task, each
//! worker's shift on each day.

use super::problem::{Link, Problem, TaskId, VehicleId};
use std::collections::HashMap;

/// Derived lookups of a problem.
#[derive(Debug, Clone)]
pub struct Index {
    /// For each task, the links it takes part in.
    pub links_of: Vec<Vec<Link>>,
    /// For each task, the task it must be assigned together with.
    pub together: Vec<Option<TaskId>>,
    /// (worker, day) → vehicle.
    pub shift: HashMap<(usize, usize), VehicleId>,
}

impl Index {
    /// Builds the lookups.
    pub fn new(problem: &Problem) -> Index {
        let n = problem.tasks.len();
        let mut links_of = vec![Vec::new(); n];
        let mut together = vec![None; n];
        for link in &problem.links {
            let (a, b) = match *link {
                Link::SameStart(a, b) | Link::DifferentWorkers(a, b) | Link::Together(a, b) => {
                    (a, b)
                }
                Link::Gap { first, second, .. } => (first, second),
            };
            if a >= n || b >= n {
                continue;
            }
            if let Link::Together(..) = link {
                together[a] = Some(b);
                together[b] = Some(a);
            }
            links_of[a].push(*link);
            links_of[b].push(*link);
        }
        let shift = problem
            .vehicles
            .iter()
            .enumerate()
            .map(|(v, veh)| ((veh.worker, veh.day), v))
            .collect();
        Index {
            links_of,
            together,
            shift,
        }
    }
}
