//! Steps that touch a few routes, not the week's: every route a step
//! changes is marked; the marked routes are re-timed alone, restored alone
//! from a saved copy when the step is not kept, and copied alone into it
//! when it is. The objective is kept per route, so that after a step only
//! the changed routes are costed again.

use super::{Solution, State};
use crate::rota::engine::problem::VehicleId;

/// A set of routes: a list for walking it, a flag per route for testing.
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    list: Vec<VehicleId>,
    flag: Vec<bool>,
}

impl Marks {
    /// No route marked, of `n`.
    pub(super) fn new(n: usize) -> Marks {
        Marks {
            list: Vec::new(),
            flag: vec![false; n],
        }
    }

    fn mark(&mut self, v: VehicleId) {
        if let Some(f) = self.flag.get_mut(v)
            && !*f
        {
            *f = true;
            self.list.push(v);
        }
    }

    fn take(&mut self) -> Vec<VehicleId> {
        for &v in &self.list {
            self.flag[v] = false;
        }
        std::mem::take(&mut self.list)
    }
}

impl State<'_> {
    /// Notes that route `v` changed (its tasks or their starts).
    pub(super) fn mark_changed(&mut self, v: VehicleId) {
        self.touched.mark(v);
        self.stale.mark(v);
        self.stops_fresh[v] = false;
    }

    /// Notes that every route changed.
    pub(super) fn mark_all_changed(&mut self) {
        for v in 0..self.sol.routes.len() {
            self.mark_changed(v);
        }
    }

    /// The routes changed since the last [`State::save_into`] or
    /// [`State::restore_from`].
    pub fn touched(&self) -> &[VehicleId] {
        &self.touched.list
    }

    /// Re-times the routes changed since the last save or restore (after
    /// removals, which make earlier starts possible), and whatever their
    /// links reach. False when infeasible; then restore.
    pub fn retime_touched(&mut self) -> bool {
        self.undo.clear();
        let routes: Vec<VehicleId> = self.touched.list.iter().rev().copied().collect();
        for &v in &routes {
            for i in 0..self.sol.routes[v].len() {
                let t = self.sol.routes[v][i];
                self.sol.start[t] = f64::NEG_INFINITY;
            }
        }
        self.log.clear();
        let ok = self.propagate(&routes, 0);
        if let Some(&v) = routes.first() {
            self.mark_logged(v);
        }
        self.log.clear();
        self.refresh();
        ok
    }

    /// Costs the changed routes again and brings the working time of
    /// their workers and the largest lateness up to date.
    pub(super) fn refresh(&mut self) {
        let stale = self.stale.take();
        if stale.is_empty() {
            return;
        }
        for &v in &stale {
            self.route_costs[v] = self.route_cost(v);
        }
        for &v in &stale {
            let w = self.problem.vehicles[v].worker;
            self.work[w] = self.index.shifts_of[w]
                .iter()
                .map(|&s| self.route_costs[s].work)
                .sum();
        }
        self.max_late = self
            .route_costs
            .iter()
            .map(|r| r.max_late)
            .fold(0.0, f64::max);
    }

    /// The objective's total, costing only the routes changed since it was
    /// last asked for.
    pub fn objective(&mut self) -> f64 {
        self.refresh();
        self.cost_of(self.route_costs.iter().copied()).total
    }

    /// Copies the changed routes into `saved` (which held the solution as
    /// it was before them); they are then no longer changed.
    pub fn save_into(&mut self, saved: &mut Solution) {
        let touched = self.touched.take();
        for &v in &touched {
            for &t in &saved.routes[v] {
                saved.vehicle_of[t] = None;
                saved.start[t] = f64::NEG_INFINITY;
            }
        }
        for &v in &touched {
            saved.routes[v].clone_from(&self.sol.routes[v]);
            for &t in &saved.routes[v] {
                saved.vehicle_of[t] = Some(v);
                saved.start[t] = self.sol.start[t];
            }
        }
    }

    /// Puts the changed routes back as `saved` holds them (the solution as
    /// it was before they changed), with their costs and aggregates.
    pub fn restore_from(&mut self, saved: &Solution) {
        self.undo.clear();
        let touched = self.touched.take();
        for &v in &touched {
            let worker = self.problem.vehicles[v].worker;
            for i in 0..self.sol.routes[v].len() {
                let t = self.sol.routes[v][i];
                self.count_client_worker(t, worker, -1);
                self.sol.vehicle_of[t] = None;
                self.sol.start[t] = f64::NEG_INFINITY;
            }
        }
        for &v in &touched {
            let worker = self.problem.vehicles[v].worker;
            self.sol.routes[v].clone_from(&saved.routes[v]);
            for i in 0..self.sol.routes[v].len() {
                let t = self.sol.routes[v][i];
                self.sol.vehicle_of[t] = Some(v);
                self.sol.start[t] = saved.start[t];
                self.count_client_worker(t, worker, 1);
            }
            self.stale.mark(v);
            self.stops_fresh[v] = false;
        }
        self.refresh();
    }
}

#[cfg(test)]
mod tests {
    use crate::rota::engine::construct::regret_insertion;
    use crate::rota::engine::deadline::Deadline;
    use crate::rota::engine::fixture::problem;
    use crate::rota::engine::index::Index;
    use crate::rota::engine::insert::insert_best;
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::State;

    #[test]
    fn local_steps_cost_and_restore_what_the_whole_solution_says() {
        for seed in 1..=10 {
            let p = problem(seed);
            let index = Index::new(&p);
            let mut state = State::new(&p, &index);
            let mut rng = Rng::new(seed);
            regret_insertion(&mut state, &mut rng, Deadline::never());
            let mut saved = state.sol.clone();
            state.save_into(&mut saved);
            for step in 0..40 {
                let before = state.sol.clone();
                let assigned: Vec<usize> = (0..p.tasks.len())
                    .filter(|&t| state.sol.vehicle_of[t].is_some() && p.tasks[t].locked.is_none())
                    .collect();
                let mut removed = Vec::new();
                for _ in 0..3.min(assigned.len()) {
                    let t = assigned[rng.below(assigned.len())];
                    for u in [Some(t), index.together[t]].into_iter().flatten() {
                        if !removed.contains(&u) {
                            state.remove(u);
                            removed.push(u);
                        }
                    }
                }
                assert!(state.retime_touched(), "seed {seed} step {step}");
                for t in removed {
                    insert_best(&mut state, t, &mut rng, 0.0);
                }
                let objective = state.objective();
                let scratch = state.cost().total;
                assert!(
                    (objective - scratch).abs() < 1e-6,
                    "seed {seed} step {step}: {objective} != {scratch}"
                );
                if step % 2 == 0 {
                    state.save_into(&mut saved);
                    assert_eq!(state.sol, saved, "seed {seed} step {step}");
                } else {
                    state.restore_from(&saved);
                    assert_eq!(state.sol, before, "seed {seed} step {step}");
                    assert!((state.objective() - state.cost().total).abs() < 1e-6);
                }
                assert!(state.touched().is_empty());
            }
            // Whatever the local steps did, timing from scratch agrees
            // that the solution holds (it may start some tasks earlier).
            let kept = state.sol.clone();
            assert!(
                State::with_solution(&p, &index, kept).is_some(),
                "seed {seed}"
            );
        }
    }
}
