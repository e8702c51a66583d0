//! Undoing: an insertion not kept is undone at once; kept insertions can be
//! rolled back, newest first, until committed. Removals are final.

use super::State;
use crate::rota::engine::problem::{TaskId, VehicleId};

/// What it takes to roll back one kept insertion.
#[derive(Debug, Clone)]
pub(super) struct Undo {
    /// The task inserted.
    pub(super) task: TaskId,
    /// Where: its vehicle and position.
    pub(super) vehicle: VehicleId,
    pub(super) pos: usize,
    /// The starts it changed, with their old values.
    pub(super) log: Vec<(TaskId, f64)>,
    /// The worker's working minutes before it.
    pub(super) work_before: f64,
    /// The largest lateness before it.
    pub(super) max_late_before: f64,
}

impl State<'_> {
    /// Restores the solution after an insertion that is not kept.
    pub(super) fn undo_insert(&mut self, t: TaskId, v: VehicleId, pos: usize) {
        for &(u, old) in self.log.iter().rev() {
            self.sol.start[u] = old;
        }
        self.sol.routes[v].remove(pos);
        self.sol.vehicle_of[t] = None;
        self.sol.start[t] = f64::NEG_INFINITY;
    }

    /// Takes tasks out of their routes. Call [`State::retime_all`] after
    /// the last one: removals make earlier starts possible.
    pub fn remove(&mut self, t: TaskId) {
        if let Some(v) = self.sol.vehicle_of[t].take() {
            if let Some(i) = self.sol.routes[v].iter().position(|&u| u == t) {
                self.sol.routes[v].remove(i);
            }
            self.count_client_worker(t, self.problem.vehicles[v].worker, -1);
            self.mark_changed(v);
        }
        self.sol.start[t] = f64::NEG_INFINITY;
    }

    /// Marks route `v` and the routes of every task in the log changed.
    pub(super) fn mark_logged(&mut self, v: VehicleId) {
        self.mark_changed(v);
        for i in 0..self.log.len() {
            if let Some(uv) = self.sol.vehicle_of[self.log[i].0] {
                self.mark_changed(uv);
            }
        }
    }

    /// Rolls back the newest kept insertion that has not been committed.
    pub fn rollback(&mut self) {
        if let Some(u) = self.undo.pop() {
            let worker = self.problem.vehicles[u.vehicle].worker;
            self.log = u.log;
            self.undo_insert(u.task, u.vehicle, u.pos);
            self.mark_logged(u.vehicle);
            self.log.clear();
            self.work[worker] = u.work_before;
            self.max_late = u.max_late_before;
            self.count_client_worker(u.task, worker, -1);
        }
    }

    /// Makes the kept insertions final (they can no longer be rolled back).
    pub fn commit(&mut self) {
        self.undo.clear();
    }
}

#[cfg(test)]
mod tests {
    use crate::rota::engine::fixture::problem;
    use crate::rota::engine::index::Index;
    use crate::rota::engine::problem::Problem;
    use crate::rota::engine::solution::State;

    /// A state with about half the tasks of `problem(seed)` inserted.
    fn half_full<'p>(problem: &'p Problem, index: &'p Index) -> State<'p> {
        let mut state = State::new(problem, index);
        for t in (0..problem.tasks.len()).step_by(2) {
            if let Some(&v) = problem.tasks[t].eligible.first() {
                crate::rota::engine::insert::insert_on(&mut state, t, v);
                state.commit();
            }
        }
        state
    }

    #[test]
    fn rolling_back_kept_insertions_restores_the_state() {
        for seed in 1..=10 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut state = half_full(&problem, &index);
            let (sol, cost) = (state.sol.clone(), state.cost());
            let mut kept = 0;
            for t in (1..problem.tasks.len()).step_by(2) {
                for &v in &problem.tasks[t].eligible {
                    if state.sol.vehicle_of[t].is_none()
                        && state.allowed(t, v)
                        && state.insert(t, v, 0, true).is_some()
                    {
                        kept += 1;
                    }
                }
            }
            assert!(kept > 0, "seed {seed}");
            for _ in 0..kept {
                state.rollback();
            }
            assert_eq!(state.sol, sol, "seed {seed}");
            assert_eq!(state.cost(), cost, "seed {seed}");
            // The running aggregates too: the next insertion costs the same
            // as in a fresh state holding the same solution.
            let fresh_index = Index::new(&problem);
            let mut fresh = State::with_solution(&problem, &fresh_index, sol.clone()).unwrap();
            for t in (1..problem.tasks.len()).step_by(2) {
                for &v in &problem.tasks[t].eligible {
                    let (a, b) = (state.insert(t, v, 0, false), fresh.insert(t, v, 0, false));
                    assert_eq!(a.is_some(), b.is_some(), "seed {seed} task {t}");
                    assert!((a.unwrap_or(0.0) - b.unwrap_or(0.0)).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn committed_insertions_cannot_be_rolled_back() {
        let problem = problem(4);
        let index = Index::new(&problem);
        let mut state = half_full(&problem, &index);
        let sol = state.sol.clone();
        state.rollback();
        assert_eq!(state.sol, sol);
    }

    #[test]
    fn removing_a_task_then_retiming_matches_a_fresh_state() {
        let problem = problem(5);
        let index = Index::new(&problem);
        let mut state = half_full(&problem, &index);
        let assigned: Vec<usize> = (0..problem.tasks.len())
            .filter(|&t| state.sol.vehicle_of[t].is_some() && index.together[t].is_none())
            .collect();
        for &t in assigned.iter().take(3) {
            state.remove(t);
            assert_eq!(state.sol.vehicle_of[t], None);
        }
        assert!(state.retime_all());
        let fresh = State::with_solution(&problem, &index, state.sol.clone()).unwrap();
        assert_eq!(state.sol, fresh.sol);
        assert_eq!(state.cost(), fresh.cost());
    }
}
