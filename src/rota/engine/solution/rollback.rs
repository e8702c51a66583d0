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
        if let Some(v) = self.sol.vehicle_of[t].take()
            && let Some(i) = self.sol.routes[v].iter().position(|&u| u == t)
        {
            self.sol.routes[v].remove(i);
        }
        self.sol.start[t] = f64::NEG_INFINITY;
    }

    /// Rolls back the newest kept insertion that has not been committed.
    pub fn rollback(&mut self) {
        if let Some(u) = self.undo.pop() {
            let worker = self.problem.vehicles[u.vehicle].worker;
            self.log = u.log;
            self.undo_insert(u.task, u.vehicle, u.pos);
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
