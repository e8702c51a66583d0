//! Inserting a task: the timing-free part of the cost change (a lower
//! bound), then the exact change after timing. Inserting only ever delays
//! other tasks, so an insertion is evaluated incrementally from the
//! current times and undone unless kept.

use super::rollback::Undo;
use super::{EPS, State, Stop};
use crate::rota::engine::problem::{Link, TaskId, VehicleId};

/// Either side of a place in a route: the tasks before and after (home
/// when none), and the travel from the one to the task and on to the other.
struct Around {
    prev: Option<TaskId>,
    next: Option<TaskId>,
    prev_loc: usize,
    next_loc: usize,
    travel_in: f64,
    travel_out: f64,
    /// When the task before ends (the shift's departure, if any, when none).
    ready: f64,
    /// The next task's start, window end and latest start (see `slack`).
    next_start: f64,
    next_window_end: f64,
    next_latest: f64,
}

/// The timing-free part of an insertion's cost change.
struct StaticDelta {
    /// Its cost.
    cost: f64,
    /// The worker's working minutes after it.
    work_after: f64,
}

impl State<'_> {
    /// What lies either side of position `pos` of route `v` for `t`.
    fn around(&self, t: TaskId, v: VehicleId, pos: usize) -> Around {
        let p = self.problem;
        let veh = &p.vehicles[v];
        let home = |location| Stop {
            task: usize::MAX,
            location,
            start: f64::INFINITY,
            end: veh.departure.unwrap_or(f64::NEG_INFINITY),
            latest: f64::INFINITY,
            window_end: f64::INFINITY,
        };
        let stop_at = |i: usize| match self.stops(v) {
            Some(stops) => stops.get(i).copied(),
            None => self.sol.routes[v].get(i).map(|&u| self.stop_of(u)),
        };
        let prev = pos.checked_sub(1).and_then(stop_at);
        let next = stop_at(pos);
        let (before, after) = (
            prev.unwrap_or_else(|| home(veh.start_location)),
            next.unwrap_or_else(|| home(veh.end_location)),
        );
        let location = p.tasks[t].location;
        Around {
            prev: prev.map(|s| s.task),
            next: next.map(|s| s.task),
            prev_loc: before.location,
            next_loc: after.location,
            travel_in: self.travel(v, before.location, location),
            travel_out: self.travel(v, location, after.location),
            ready: before.end,
            next_start: after.start,
            next_window_end: after.window_end,
            next_latest: after.latest,
        }
    }

    /// Whether `t` may go on vehicle `v` at all, given its links to tasks
    /// already assigned (different workers).
    pub fn allowed(&self, t: TaskId, v: VehicleId) -> bool {
        let worker = self.problem.vehicles[v].worker;
        self.index.links_of[t].iter().all(|link| match *link {
            Link::DifferentWorkers(a, b) => {
                let other = if a == t { b } else { a };
                self.sol.vehicle_of[other]
                    .is_none_or(|ov| self.problem.vehicles[ov].worker != worker)
            }
            _ => true,
        })
    }

    /// The part of the objective change of inserting `t` into route `v` at
    /// `pos` that does not depend on timing (travel, continuity,
    /// preferences, repair changes, contracted hours), or `None` when it
    /// would break the worker's maximum working time. Timing only adds
    /// lateness, so this is a lower bound of what [`State::insert`] returns.
    pub fn insert_bound(&self, t: TaskId, v: VehicleId, pos: usize) -> Option<f64> {
        self.static_delta(t, v, &self.around(t, v, pos))
            .map(|d| d.cost)
    }

    /// [`State::insert_bound`] plus [`State::late_bound`], with what lies
    /// either side of the place worked out once: the insertion search's
    /// ranking of a place. `None` when either says it cannot be.
    pub fn place_bound(&self, t: TaskId, v: VehicleId, pos: usize) -> Option<f64> {
        let around = self.around(t, v, pos);
        // Lateness first: it also finds most places that cannot be.
        let late = self.late_delta(t, v, &around)?;
        Some(self.static_delta(t, v, &around)?.cost + late)
    }

    /// A lower bound of the lateness part of inserting `t` into route `v`
    /// at `pos`: `t` late by as much as it would be if it started as soon
    /// as it could arrive (and fit the worker's availability), and the
    /// next task pushed by that much. Inserting only ever delays tasks, so
    /// the exact change is never less. `None` when even those earliest
    /// starts break a hard limit (too late, or no availability window
    /// fits): the insertion is infeasible. The insertion search adds it to
    /// [`State::insert_bound`] to skip timing places that cannot be good,
    /// or cannot be at all.
    pub fn late_bound(&self, t: TaskId, v: VehicleId, pos: usize) -> Option<f64> {
        self.late_delta(t, v, &self.around(t, v, pos))
    }

    /// [`State::late_bound`] of the place `around` describes.
    fn late_delta(&self, t: TaskId, v: VehicleId, around: &Around) -> Option<f64> {
        let w8 = &self.problem.weights;
        let task = &self.problem.tasks[t];
        let arrival = (around.ready + around.travel_in).max(task.window.start);
        let start = self.fitted_start(v, t, arrival)?;
        let own = (start - task.window.end).max(0.0);
        let mut worst = own;
        let mut pushed = 0.0;
        if around.next.is_some() {
            let (now, window_end) = (around.next_start, around.next_window_end);
            let then = (start + task.duration + around.travel_out).max(now);
            if then > around.next_latest + EPS {
                return None;
            }
            pushed = (then - window_end).max(0.0) - (now - window_end).max(0.0);
            worst = worst.max(then - window_end);
        }
        Some(
            w8.late_minute * (own + pushed) + w8.max_late_minute * (worst - self.max_late).max(0.0),
        )
    }

    fn static_delta(&self, t: TaskId, v: VehicleId, around: &Around) -> Option<StaticDelta> {
        let p = self.problem;
        let w8 = &p.weights;
        let task = &p.tasks[t];
        let worker = p.vehicles[v].worker;
        let travel_delta =
            around.travel_in + around.travel_out - self.travel(v, around.prev_loc, around.next_loc);
        let between_delta = match (around.prev, around.next) {
            (Some(_), Some(_)) => travel_delta,
            (Some(_), None) => around.travel_in,
            (None, Some(_)) => around.travel_out,
            (None, None) => 0.0,
        };
        let work_after = self.work[worker] + task.duration + between_delta;
        let limits = &p.workers[worker];
        if work_after > limits.max_work + EPS {
            return None;
        }
        let cost = -w8.unassigned
            + w8.travel_minute * travel_delta
            + self.worker_terms(t, worker)
            + self.contract_delta(worker, work_after);
        Some(StaticDelta { cost, work_after })
    }

    /// The part of an insertion's cost change that depends on the worker
    /// alone: another carer for the client, a preference not met, a visit
    /// moved in a repair.
    fn worker_terms(&self, t: TaskId, worker: usize) -> f64 {
        let w8 = &self.problem.weights;
        let task = &self.problem.tasks[t];
        let mut cost = 0.0;
        if w8.extra_worker > 0.0 {
            cost += w8.extra_worker * self.extra_worker_delta(t, worker);
        }
        if !task.preferred.is_empty() && !task.preferred.contains(&worker) {
            cost += w8.preference_breach;
        }
        if task.previous.is_some_and(|w| w != worker) {
            cost += w8.changed_task;
        }
        cost
    }

    /// The change of the contracted-hours term when `worker`'s working
    /// minutes go to `work_after`.
    fn contract_delta(&self, worker: usize, work_after: f64) -> f64 {
        let w8 = &self.problem.weights;
        if w8.contract_hour_gap <= 0.0 {
            return 0.0;
        }
        let c = self.problem.workers[worker].contracted;
        w8.contract_hour_gap * ((work_after - c).abs() - (self.work[worker] - c).abs()) / 60.0
    }

    /// A lower bound of [`State::place_bound`] at every place on vehicle
    /// `v`, from the worker alone: its terms, the contracted hours and the
    /// least travel a place can add (the matrix's detour floor). `None`
    /// when the worker's maximum working time leaves no room for `t` on
    /// any place. The insertion search looks at a vehicle's route only
    /// when this bound could still beat the places found.
    pub fn vehicle_bound(&self, t: TaskId, v: VehicleId) -> Option<f64> {
        let p = self.problem;
        let w8 = &p.weights;
        let worker = p.vehicles[v].worker;
        // The timing terms are never negative with weights that are not.
        if w8.late_minute < 0.0 || w8.max_late_minute < 0.0 || w8.rest_minute < 0.0 {
            return Some(f64::NEG_INFINITY);
        }
        let floor = self.index.detour_floor[p.vehicles[v].matrix];
        let least_work = self.work[worker] + p.tasks[t].duration + floor;
        let limits = &p.workers[worker];
        if least_work > limits.max_work + EPS {
            return None;
        }
        let travel = if w8.travel_minute == 0.0 {
            0.0
        } else if w8.travel_minute > 0.0 {
            w8.travel_minute * floor
        } else {
            f64::NEG_INFINITY
        };
        // The contracted-hours term is least where the work is nearest the
        // contract, at least `least_work`.
        let contract = self.contract_delta(worker, least_work.max(limits.contracted));
        Some(-w8.unassigned + travel + self.worker_terms(t, worker) + contract)
    }

    /// Inserts `t` into route `v` at `pos` and returns the change of the
    /// objective, or `None` when infeasible. Unless `keep`, the solution is
    /// left as it was.
    pub fn insert(&mut self, t: TaskId, v: VehicleId, pos: usize, keep: bool) -> Option<f64> {
        let p = self.problem;
        let w8 = &p.weights;
        let worker = p.vehicles[v].worker;
        let StaticDelta { cost, work_after } = self.static_delta(t, v, &self.around(t, v, pos))?;
        let rest_before = if w8.rest_minute > 0.0 {
            self.rest_short_around(v)
        } else {
            0.0
        };
        let max_late_before = self.max_late;
        self.log.clear();
        self.sol.routes[v].insert(pos, t);
        self.sol.vehicle_of[t] = Some(v);
        self.sol.start[t] = f64::NEG_INFINITY;
        let ok = self.propagate(&[v], pos);
        let mut delta = None;
        if ok {
            let mut late_delta = 0.0;
            let mut max_late = max_late_before;
            for &(u, old) in &self.log {
                let new = self.lateness(u);
                let before = if u == t || !old.is_finite() {
                    0.0
                } else {
                    (old - p.tasks[u].window.end).max(0.0)
                };
                late_delta += new - before;
                max_late = max_late.max(new);
            }
            let mut d = cost
                + w8.late_minute * late_delta
                + w8.max_late_minute * (max_late - max_late_before);
            if w8.rest_minute > 0.0 {
                // The worker's own days only: a shift can only grow, so
                // this never lowers the cost, and the full cost counts all.
                d += w8.rest_minute * (self.rest_short_around(v) - rest_before);
            }
            delta = Some(d);
        }
        if ok && keep {
            let work_before = self.work[worker];
            self.work[worker] = work_after;
            self.count_client_worker(t, worker, 1);
            let max_late_before = self.max_late;
            self.max_late = self
                .log
                .iter()
                .fold(self.max_late, |m, &(u, _)| m.max(self.lateness(u)));
            self.mark_logged(v);
            self.undo.push(Undo {
                task: t,
                vehicle: v,
                pos,
                log: std::mem::take(&mut self.log),
                work_before,
                max_late_before,
            });
        } else {
            self.undo_insert(t, v, pos);
        }
        self.log.clear();
        delta
    }
}

#[cfg(test)]
mod tests {
    use crate::rota::engine::fixture::{assert_links_respected, line, problem, task};
    use crate::rota::engine::index::Index;
    use crate::rota::engine::problem::{Link, Problem};
    use crate::rota::engine::solution::State;

    /// Inserts every task of `problem` in turn, checking each position of
    /// its first vehicle against the objective recomputed from scratch with
    /// `check(delta, recomputed)`. Returns how many were checked.
    fn check_insertions(problem: &Problem, check: impl Fn(f64, f64) -> bool) -> usize {
        let index = Index::new(problem);
        let mut state = State::new(problem, &index);
        let mut checked = 0;
        for t in 0..problem.tasks.len() {
            let v = problem.tasks[t].eligible.first().copied();
            let Some(v) = v.filter(|&v| state.allowed(t, v)) else {
                continue;
            };
            for pos in 0..=state.sol.routes[v].len() {
                let before = state.cost().total;
                let late = state.late_bound(t, v, pos);
                let bound = state.insert_bound(t, v, pos).zip(late).map(|(b, l)| b + l);
                assert_eq!(state.place_bound(t, v, pos), bound, "task {t}");
                // The vehicle's bound holds for each of its places.
                if let Some(b) = bound {
                    let vehicle = state.vehicle_bound(t, v);
                    assert!(vehicle.is_some_and(|vb| vb <= b + 1e-9), "task {t}");
                }
                let Some(delta) = state.insert(t, v, pos, true) else {
                    continue;
                };
                assert!(
                    late.is_some(),
                    "task {t}: fits though its late bound says not"
                );
                let recomputed = state.cost().total - before;
                assert!(
                    check(delta, recomputed),
                    "task {t}: {delta} vs {recomputed}"
                );
                if problem.weights.rest_minute == 0.0 {
                    // With rest, a link may move the worker's own next day
                    // later and lengthen its rest: the bound does not hold.
                    assert!(bound.is_some_and(|b| b <= delta + 1e-9), "task {t}");
                }
                assert_links_respected(problem, &state.sol);
                checked += 1;
                state.rollback();
            }
            // Keep the cheapest, so the next tasks meet fuller routes.
            crate::rota::engine::insert::insert_on(&mut state, t, v);
            state.commit();
        }
        checked
    }

    #[test]
    fn an_insertion_costs_what_the_objective_recomputed_says() {
        let mut checked = 0;
        for seed in 1..=10 {
            let mut problem = problem(seed);
            problem.weights.rest_minute = 0.0;
            checked += check_insertions(&problem, |delta, recomputed| {
                (delta - recomputed).abs() < 1e-6
            });
        }
        assert!(checked > 100, "only {checked} insertions checked");
    }

    /// Rest between days counts only the inserted worker's own days: a link
    /// may also move another worker's first task of a day later, which can
    /// only lengthen that worker's rest. So the change is never understated.
    #[test]
    fn with_rest_between_days_an_insertion_never_costs_less_than_it_says() {
        for seed in 1..=10 {
            check_insertions(&problem(seed), |delta, recomputed| {
                recomputed <= delta + 1e-6
            });
        }
    }

    #[test]
    fn an_insertion_not_kept_leaves_the_state_as_it_was() {
        let problem = problem(3);
        let index = Index::new(&problem);
        let mut state = State::new(&problem, &index);
        for t in 0..15 {
            if let Some(&v) = problem.tasks[t].eligible.first() {
                crate::rota::engine::insert::insert_on(&mut state, t, v);
                state.commit();
            }
        }
        let sol = state.sol.clone();
        let cost = state.cost();
        for t in 15..problem.tasks.len() {
            for &v in &problem.tasks[t].eligible {
                for pos in 0..=state.sol.routes[v].len() {
                    state.insert(t, v, pos, false);
                    assert_eq!(state.sol, sol, "task {t} vehicle {v} position {pos}");
                }
            }
        }
        assert_eq!(state.cost(), cost);
    }

    #[test]
    fn different_workers_cannot_share_a_linked_pair() {
        let p = line(
            2,
            vec![
                task(1, 0.0, 100.0, 15.0, &[0, 1]),
                task(1, 0.0, 100.0, 15.0, &[0, 1]),
            ],
            vec![Link::DifferentWorkers(0, 1)],
        );
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        assert!(state.allowed(1, 0));
        state.insert(0, 0, 0, true);
        assert!(!state.allowed(1, 0));
        assert!(state.allowed(1, 1));
    }

    #[test]
    fn the_late_bound_counts_the_inserted_task_and_the_push_on_the_next() {
        // Route 0 then 2: 0 starts at 30 and ends at 45, 2 starts at 55.
        // Put 1 between them: it arrives at 65, 45 minutes past its window;
        // it ends at 75, so 2 starts at 85, 25 minutes late. Mankowska
        // weights: both lateness minutes plus the largest, 45.
        let p = line(
            1,
            vec![
                task(1, 30.0, 60.0, 15.0, &[0]),
                task(3, 0.0, 20.0, 10.0, &[0]),
                task(2, 50.0, 60.0, 10.0, &[0]),
            ],
            vec![],
        );
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(2, 0, 1, true);
        assert_eq!(state.late_bound(1, 0, 1), Some(45.0 + 25.0 + 45.0));
        let bound = state.insert_bound(1, 0, 1).expect("fits");
        assert_eq!(state.insert(1, 0, 1, false), Some(bound + 115.0));
        // At the end of the route it only counts itself: it arrives at 65
        // after 2 (ends 65, 10 minutes away): starts 75, 55 late.
        assert_eq!(state.late_bound(1, 0, 2), Some(55.0 + 55.0));
    }

    #[test]
    fn maximum_working_time_is_a_hard_limit() {
        let mut p = line(
            1,
            vec![
                task(1, 0.0, 100.0, 30.0, &[0]),
                task(2, 0.0, 100.0, 30.0, &[0]),
            ],
            vec![],
        );
        // 30 + 10 travel between + 30 = 70 minutes for both.
        p.workers[0].max_work = 69.0;
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        assert!(state.insert(0, 0, 0, true).is_some());
        assert_eq!(state.insert_bound(1, 0, 1), None);
        assert_eq!(state.insert(1, 0, 1, true), None);
        assert_eq!(state.sol.routes[0], vec![0]);
    }
}
