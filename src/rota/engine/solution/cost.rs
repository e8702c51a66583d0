//! The objective: computed from scratch by [`State::cost`], and the running
//! aggregates (working time, largest lateness, workers per client) that
//! insertions update incrementally.

use super::State;
use crate::rota::engine::problem::{TaskId, VehicleId};

/// One route's part of the objective (and its working minutes).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct RouteCost {
    /// Travel minutes, all legs.
    pub(super) travel: f64,
    /// Travel minutes between tasks.
    pub(super) travel_between: f64,
    /// Minutes late, summed.
    pub(super) late: f64,
    /// The largest lateness.
    pub(super) max_late: f64,
    /// Tasks done by a non-preferred worker.
    pub(super) breaches: usize,
    /// Tasks given to another worker than before.
    pub(super) changed: usize,
    /// Working minutes: tasks plus travel between them.
    pub(super) work: f64,
}

/// The parts of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cost {
    /// Tasks unassigned.
    pub unassigned: usize,
    /// Travel minutes, all legs.
    pub travel: f64,
    /// Travel minutes between tasks (not from or to home).
    pub travel_between: f64,
    /// Minutes late, summed.
    pub late: f64,
    /// The largest lateness.
    pub max_late: f64,
    /// Distinct workers beyond the first, summed over clients.
    pub extra_workers: usize,
    /// Tasks done by a non-preferred worker.
    pub breaches: usize,
    /// Hours between working and contracted time, summed over workers.
    pub contract_gap_hours: f64,
    /// Minutes of rest short between days, summed.
    pub rest_short: f64,
    /// Tasks given to another worker than before (repair).
    pub changed: usize,
    /// The weighted sum.
    pub total: f64,
}

impl State<'_> {
    /// Recounts which workers do how many tasks of each client (working
    /// time and the largest lateness follow from the routes' costs, see
    /// `refresh`).
    pub(super) fn recount_client_workers(&mut self) {
        self.client_workers.iter_mut().for_each(Vec::clear);
        for v in 0..self.sol.routes.len() {
            let w = self.problem.vehicles[v].worker;
            for i in 0..self.sol.routes[v].len() {
                let t = self.sol.routes[v][i];
                self.count_client_worker(t, w, 1);
            }
        }
    }

    pub(super) fn count_client_worker(&mut self, t: TaskId, worker: usize, add: i32) {
        let client = self.problem.tasks[t].client;
        let Some(list) = self.client_workers.get_mut(client) else {
            return;
        };
        match list.iter().position(|(w, _)| *w == worker) {
            Some(i) => {
                let n = i64::from(list[i].1) + i64::from(add);
                if n <= 0 {
                    list.swap_remove(i);
                } else {
                    list[i].1 = u32::try_from(n).unwrap_or(u32::MAX);
                }
            }
            None if add > 0 => list.push((worker, add.unsigned_abs())),
            None => {}
        }
    }

    /// The workers of `client` and how many of its tasks each does.
    pub fn client_workers(&self, client: usize) -> &[(usize, u32)] {
        self.client_workers.get(client).map_or(&[], Vec::as_slice)
    }

    /// How many distinct workers beyond the first a client gains if `t`
    /// goes to `worker`: 1 or 0.
    pub(super) fn extra_worker_delta(&self, t: TaskId, worker: usize) -> f64 {
        let list = self
            .client_workers
            .get(self.problem.tasks[t].client)
            .map_or(&[][..], Vec::as_slice);
        if list.is_empty() || list.iter().any(|(w, _)| *w == worker) {
            0.0
        } else {
            1.0
        }
    }

    /// Minutes late of an assigned task.
    pub fn lateness(&self, t: TaskId) -> f64 {
        if self.sol.vehicle_of[t].is_none() {
            return 0.0;
        }
        (self.sol.start[t] - self.problem.tasks[t].window.end).max(0.0)
    }

    /// One route's part of the objective, from its current times.
    pub(super) fn route_cost(&self, v: VehicleId) -> RouteCost {
        let p = self.problem;
        let veh = &p.vehicles[v];
        let route = &self.sol.routes[v];
        let mut c = RouteCost::default();
        let mut loc = veh.start_location;
        for (i, &t) in route.iter().enumerate() {
            let task = &p.tasks[t];
            let leg = self.travel(v, loc, task.location);
            c.travel += leg;
            if i > 0 {
                c.travel_between += leg;
            }
            let late = self.lateness(t);
            c.late += late;
            c.max_late = c.max_late.max(late);
            if !task.preferred.is_empty() && !task.preferred.contains(&veh.worker) {
                c.breaches += 1;
            }
            if task.previous.is_some_and(|w| w != veh.worker) {
                c.changed += 1;
            }
            c.work += task.duration;
            loc = task.location;
        }
        if !route.is_empty() {
            c.travel += self.travel(v, loc, veh.end_location);
        }
        c.work += c.travel_between;
        c
    }

    /// The objective of the current solution, computed from scratch.
    pub fn cost(&self) -> Cost {
        self.cost_of((0..self.sol.routes.len()).map(|v| self.route_cost(v)))
    }

    /// The objective from the routes' parts, with the parts that are not
    /// any one route's (unassigned tasks, continuity, hours, rest).
    pub(super) fn cost_of(&self, routes: impl Iterator<Item = RouteCost>) -> Cost {
        let p = self.problem;
        let w8 = &p.weights;
        let mut c = Cost::default();
        for r in routes {
            c.travel += r.travel;
            c.travel_between += r.travel_between;
            c.late += r.late;
            c.max_late = c.max_late.max(r.max_late);
            c.breaches += r.breaches;
            c.changed += r.changed;
        }
        c.unassigned = self.sol.vehicle_of.iter().filter(|v| v.is_none()).count();
        c.extra_workers = self
            .client_workers
            .iter()
            .map(|l| l.len().saturating_sub(1))
            .sum();
        c.contract_gap_hours = p
            .workers
            .iter()
            .zip(&self.work)
            .filter(|(w, _)| w.contracted > 0.0)
            .map(|(w, work)| (work - w.contracted).abs() / 60.0)
            .sum();
        c.rest_short = self.rest_short();
        c.total = w8.unassigned * c.unassigned as f64
            + w8.travel_minute * c.travel
            + w8.late_minute * c.late
            + w8.max_late_minute * c.max_late
            + w8.extra_worker * c.extra_workers as f64
            + w8.preference_breach * c.breaches as f64
            + w8.contract_hour_gap * c.contract_gap_hours
            + w8.rest_minute * c.rest_short
            + w8.changed_task * c.changed as f64;
        c
    }

    /// Minutes of rest short of each worker's minimum between consecutive days.
    fn rest_short(&self) -> f64 {
        (0..self.sol.routes.len())
            .filter_map(|v| Some((v, self.next_shift(v)?)))
            .map(|(v, next)| self.rest_short_between(v, next))
            .sum()
    }

    /// The same worker's shift on the next day.
    fn next_shift(&self, v: VehicleId) -> Option<VehicleId> {
        self.index.next_shift[v]
    }

    /// The same worker's shift on the day before.
    fn previous_shift(&self, v: VehicleId) -> Option<VehicleId> {
        self.index.previous_shift[v]
    }

    /// Minutes of rest short between the end of shift `a` and the start of
    /// shift `b` (the worker's next day).
    fn rest_short_between(&self, a: VehicleId, b: VehicleId) -> f64 {
        let p = self.problem;
        let min_rest = p.workers[p.vehicles[a].worker].min_rest;
        if min_rest <= 0.0 {
            return 0.0;
        }
        let (Some(&last), Some(&first)) = (self.sol.routes[a].last(), self.sol.routes[b].first())
        else {
            return 0.0;
        };
        let end = self.sol.start[last] + p.tasks[last].duration;
        (min_rest - (self.sol.start[first] - end)).max(0.0)
    }

    /// Minutes of rest short before and after shift `v`.
    pub(super) fn rest_short_around(&self, v: VehicleId) -> f64 {
        self.previous_shift(v)
            .map_or(0.0, |before| self.rest_short_between(before, v))
            + self
                .next_shift(v)
                .map_or(0.0, |after| self.rest_short_between(v, after))
    }

    /// Working minutes of a worker.
    pub fn work_of(&self, worker: usize) -> f64 {
        self.work.get(worker).copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use crate::rota::engine::fixture::{line, task};
    use crate::rota::engine::index::Index;
    use crate::rota::engine::solution::{Solution, State};

    #[test]
    fn the_cost_adds_travel_lateness_and_unassigned_tasks_by_hand() {
        // Out 10, across 20, back 30; the second task starts at 65, 15 late.
        let p = line(
            1,
            vec![
                task(1, 30.0, 60.0, 15.0, &[0]),
                task(3, 0.0, 50.0, 10.0, &[0]),
                task(2, 0.0, 50.0, 10.0, &[0]),
            ],
            vec![],
        );
        let index = Index::new(&p);
        let mut sol = Solution::empty(&p);
        sol.routes[0] = vec![0, 1];
        sol.vehicle_of[0] = Some(0);
        sol.vehicle_of[1] = Some(0);
        let state = State::with_solution(&p, &index, sol).expect("feasible");
        let c = state.cost();
        assert_eq!(c.travel, 60.0);
        assert_eq!(c.travel_between, 20.0);
        assert_eq!(c.late, 15.0);
        assert_eq!(c.max_late, 15.0);
        assert_eq!(c.unassigned, 1);
        assert_eq!(c.total, 1e6 + 60.0 + 15.0 + 15.0);
        // Tasks plus travel between them, not from or to home.
        assert_eq!(state.work_of(0), 15.0 + 20.0 + 10.0);
    }

    #[test]
    fn continuity_preferences_and_contracted_hours_are_counted() {
        let mut p = line(
            2,
            vec![
                task(1, 0.0, 100.0, 30.0, &[0, 1]),
                task(1, 200.0, 300.0, 30.0, &[0, 1]),
            ],
            vec![],
        );
        p.tasks[0].preferred = vec![0];
        p.tasks[1].preferred = vec![0];
        p.workers[0].contracted = 90.0;
        p.weights.extra_worker = 7.0;
        p.weights.preference_breach = 3.0;
        p.weights.contract_hour_gap = 2.0;
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(1, 1, 0, true);
        let c = state.cost();
        // One client, two workers; worker 1 is not preferred; worker 0
        // works 30 of 90 contracted minutes (one hour short).
        assert_eq!(c.extra_workers, 1);
        assert_eq!(c.breaches, 1);
        assert_eq!(c.contract_gap_hours, 1.0);
        assert_eq!(c.total, 40.0 + 7.0 + 3.0 + 2.0);
    }

    #[test]
    fn rest_short_between_days_is_counted() {
        let mut p = line(1, vec![], vec![]);
        p.vehicles.push(crate::rota::engine::problem::Vehicle {
            day: 1,
            ..p.vehicles[0].clone()
        });
        p.vehicles[1].availability[0].start = 1440.0;
        p.vehicles[1].availability[0].end = 2880.0;
        p.tasks = vec![
            task(1, 1300.0, 1300.0, 60.0, &[0]),
            task(1, 1500.0, 1500.0, 30.0, &[1]),
        ];
        p.workers[0].min_rest = 600.0;
        p.weights.rest_minute = 1.0;
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(1, 1, 0, true);
        // Day 0 ends at 1360, day 1 starts at 1500: 140 minutes of rest.
        assert_eq!(state.cost().rest_short, 600.0 - 140.0);
    }
}
