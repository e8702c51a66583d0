//! Lookups derived once from a [`Problem`]: the links of each task, each
//! worker's shift on each day, the shifts on either side of each, and how
//! much a detour can save on each travel matrix.

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
    /// For each vehicle, the same worker's shift the day before.
    pub previous_shift: Vec<Option<VehicleId>>,
    /// For each vehicle, the same worker's shift the day after.
    pub next_shift: Vec<Option<VehicleId>>,
    /// For each worker, its vehicles (shifts).
    pub shifts_of: Vec<Vec<VehicleId>>,
    /// For each travel matrix, its
    /// [`detour_floor`](super::problem::Matrix::detour_floor) (0 for those
    /// no vehicle travels by).
    pub detour_floor: Vec<f64>,
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
        let shift: HashMap<(usize, usize), VehicleId> = problem
            .vehicles
            .iter()
            .enumerate()
            .map(|(v, veh)| ((veh.worker, veh.day), v))
            .collect();
        let day_of = |v: &super::problem::Vehicle, day: Option<usize>| {
            day.and_then(|d| shift.get(&(v.worker, d)).copied())
        };
        let previous_shift = (problem.vehicles.iter())
            .map(|veh| day_of(veh, veh.day.checked_sub(1)))
            .collect();
        let next_shift = (problem.vehicles.iter())
            .map(|veh| day_of(veh, veh.day.checked_add(1)))
            .collect();
        let mut shifts_of = vec![Vec::new(); problem.workers.len()];
        for (v, veh) in problem.vehicles.iter().enumerate() {
            if let Some(list) = shifts_of.get_mut(veh.worker) {
                list.push(v);
            }
        }
        Index {
            links_of,
            together,
            shift,
            previous_shift,
            next_shift,
            shifts_of,
            detour_floor: (problem.matrices.iter().enumerate())
                .map(|(i, m)| {
                    // Only for the matrices some vehicle travels by: it is
                    // cubic in the number of places.
                    if problem.vehicles.iter().any(|v| v.matrix == i) {
                        m.detour_floor()
                    } else {
                        0.0
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Index;
    use crate::rota::engine::fixture::{line, task};
    use crate::rota::engine::problem::Link;

    #[test]
    fn each_task_knows_its_links_and_its_partner() {
        let tasks = (0..4).map(|i| task(i, 0.0, 100.0, 15.0, &[0, 1])).collect();
        let gap = Link::Gap {
            first: 2,
            second: 3,
            min: 10.0,
            max: 20.0,
        };
        let links = vec![
            Link::SameStart(0, 1),
            Link::Together(0, 1),
            gap,
            // Out of range: ignored rather than a panic.
            Link::SameStart(2, 9),
        ];
        let index = Index::new(&line(2, tasks, links));
        assert_eq!(
            index.links_of[0],
            vec![Link::SameStart(0, 1), Link::Together(0, 1)]
        );
        assert_eq!(index.links_of[1], index.links_of[0]);
        assert_eq!(index.links_of[2], vec![gap]);
        assert_eq!(index.links_of[3], vec![gap]);
        assert_eq!(index.together, vec![Some(1), Some(0), None, None]);
    }

    #[test]
    fn each_worker_day_maps_to_its_shift() {
        let mut p = line(2, vec![], vec![]);
        p.vehicles.push(crate::rota::engine::problem::Vehicle {
            day: 1,
            ..p.vehicles[1].clone()
        });
        let index = Index::new(&p);
        assert_eq!(index.shift.get(&(0, 0)), Some(&0));
        assert_eq!(index.shift.get(&(1, 0)), Some(&1));
        assert_eq!(index.shift.get(&(1, 1)), Some(&2));
        assert_eq!(index.shift.get(&(0, 1)), None);
        assert_eq!(index.next_shift, vec![None, Some(2), None]);
        assert_eq!(index.previous_shift, vec![None, None, Some(1)]);
        assert_eq!(index.shifts_of, vec![vec![0], vec![1, 2]]);
    }
}
