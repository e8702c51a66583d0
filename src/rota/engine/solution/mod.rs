//! A solution (routes and start times) and the engine's working state
//! around it. The state's work is split by idea: `timing` times routes
//! and meets links, `cost` holds the objective, `insertion` evaluates and
//! makes insertions, `rollback` undoes them, `local` keeps a step's work
//! to the routes it changed, and `slack` says how far each task may be
//! pushed.

mod cost;
mod insertion;
mod local;
mod rollback;
mod slack;
mod timing;

pub use cost::Cost;
pub use slack::Stop;

use super::index::Index;
use super::problem::{Problem, TaskId, VehicleId};
use super::rng::Rng;
use cost::RouteCost;
use local::Marks;
use rollback::Undo;

/// Tolerance when comparing times, minutes.
const EPS: f64 = 1e-6;

/// Routes and start times.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// For each vehicle, its tasks in order.
    pub routes: Vec<Vec<TaskId>>,
    /// For each task, its vehicle (None: unassigned).
    pub vehicle_of: Vec<Option<VehicleId>>,
    /// For each task, its start (meaningless when unassigned).
    pub start: Vec<f64>,
}

impl Solution {
    /// Every task unassigned.
    pub fn empty(problem: &Problem) -> Solution {
        Solution {
            routes: vec![Vec::new(); problem.vehicles.len()],
            vehicle_of: vec![None; problem.tasks.len()],
            start: vec![f64::NEG_INFINITY; problem.tasks.len()],
        }
    }
}

/// The engine's working state: the problem, its lookups and a solution.
#[derive(Debug, Clone)]
pub struct State<'p> {
    /// The problem.
    pub problem: &'p Problem,
    /// Its lookups.
    pub index: &'p Index,
    /// The current solution.
    pub sol: Solution,
    log: Vec<(TaskId, f64)>,
    /// Working minutes per worker.
    work: Vec<f64>,
    /// The largest lateness of any assigned task.
    max_late: f64,
    /// For each client, its workers and how many tasks each does.
    client_workers: Vec<Vec<(usize, u32)>>,
    /// Kept insertions that may still be rolled back, newest last.
    undo: Vec<Undo>,
    /// Buffers of `propagate`, kept to avoid allocating on every evaluation.
    queue: Vec<VehicleId>,
    changed: Vec<TaskId>,
    seen: Vec<u32>,
    generation: u32,
    /// For each queued route, the positions to re-time from and to reach
    /// at least (past it, an unchanged start ends the re-timing).
    dirty: Vec<Option<(usize, usize)>>,
    /// Routes changed since the solution was last saved or restored.
    touched: Marks,
    /// Routes changed since they were last costed.
    stale: Marks,
    /// Each route's part of the objective, as last costed.
    route_costs: Vec<RouteCost>,
    /// For each route, its stops as the insertion search reads them (see
    /// `slack`), valid where `stops_fresh` is set.
    stops: Vec<Vec<Stop>>,
    /// For each route, whether its stops are up to date.
    stops_fresh: Vec<bool>,
}

impl<'p> State<'p> {
    /// A state with every task unassigned.
    pub fn new(problem: &'p Problem, index: &'p Index) -> State<'p> {
        State {
            problem,
            index,
            sol: Solution::empty(problem),
            log: Vec::new(),
            work: vec![0.0; problem.workers.len()],
            max_late: 0.0,
            client_workers: vec![Vec::new(); problem.clients],
            undo: Vec::new(),
            queue: Vec::new(),
            changed: Vec::new(),
            seen: vec![0; problem.vehicles.len()],
            generation: 0,
            dirty: vec![None; problem.vehicles.len()],
            touched: Marks::new(problem.vehicles.len()),
            stale: Marks::new(problem.vehicles.len()),
            route_costs: vec![RouteCost::default(); problem.vehicles.len()],
            stops: vec![Vec::new(); problem.vehicles.len()],
            stops_fresh: vec![false; problem.vehicles.len()],
        }
    }

    /// A state holding `sol`, re-timed; `None` if it is infeasible.
    pub fn with_solution(
        problem: &'p Problem,
        index: &'p Index,
        sol: Solution,
    ) -> Option<State<'p>> {
        let mut state = State::new(problem, index);
        state.sol = sol;
        state.retime_all().then_some(state)
    }

    /// Whether the search may move `t`: assigned and not locked.
    pub fn movable(&self, t: TaskId) -> bool {
        self.sol.vehicle_of[t].is_some() && self.problem.tasks[t].locked.is_none()
    }

    /// A task the search may move, chosen at random, if any.
    pub fn random_movable(&self, rng: &mut Rng) -> Option<TaskId> {
        let n = self.sol.vehicle_of.len();
        // Most tasks are: a few draws find one without listing them all.
        for _ in 0..64.min(n) {
            let t = rng.below(n);
            if self.movable(t) {
                return Some(t);
            }
        }
        let all: Vec<TaskId> = (0..n).filter(|&t| self.movable(t)).collect();
        (!all.is_empty()).then(|| all[rng.below(all.len())])
    }

    fn travel(&self, v: VehicleId, a: usize, b: usize) -> f64 {
        self.problem.matrices[self.problem.vehicles[v].matrix].get(a, b)
    }
}
