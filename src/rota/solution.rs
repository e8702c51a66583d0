//! A solution (routes and start times) and its timing: each route is
//! timed forward (arrive, wait for the window, fit an availability
//! window), and links between tasks on different routes are met by
//! delaying tasks until nothing changes. Inserting a task only ever delays
//! others, so an insertion is evaluated incrementally from the current
//! times and undone unless kept.

use super::index::Index;
use super::problem::{Link, Problem, TaskId, VehicleId};

const EPS: f64 = 1e-6;
/// Route re-timings one evaluation may take, per route re-timed, before it
/// is called infeasible: linked tasks in crossing order push each other
/// later for ever, and a feasible propagation settles in a few passes.
const PASSES_PER_ROUTE: usize = 3;

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
}

/// The timing-free part of an insertion's cost change.
struct StaticDelta {
    /// Its cost.
    cost: f64,
    /// The worker's working minutes after it.
    work_after: f64,
}

/// What it takes to roll back one kept insertion.
#[derive(Debug, Clone)]
struct Undo {
    task: TaskId,
    vehicle: VehicleId,
    pos: usize,
    log: Vec<(TaskId, f64)>,
    work_before: f64,
    max_late_before: f64,
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

    fn travel(&self, v: VehicleId, a: usize, b: usize) -> f64 {
        self.problem.matrices[self.problem.vehicles[v].matrix].get(a, b)
    }

    /// The earliest start `t` may take given its linked tasks' starts.
    fn link_bound(&self, t: TaskId) -> f64 {
        let mut lb = f64::NEG_INFINITY;
        for link in &self.index.links_of[t] {
            match *link {
                Link::SameStart(a, b) => {
                    let other = if a == t { b } else { a };
                    if self.sol.vehicle_of[other].is_some() {
                        lb = lb.max(self.sol.start[other]);
                    }
                }
                Link::Gap {
                    first,
                    second,
                    min,
                    max,
                } => {
                    if t == second && self.sol.vehicle_of[first].is_some() {
                        lb = lb.max(self.sol.start[first] + min);
                    }
                    if t == first && max.is_finite() && self.sol.vehicle_of[second].is_some() {
                        lb = lb.max(self.sol.start[second] - max);
                    }
                }
                Link::DifferentWorkers(..) | Link::Together(..) => {}
            }
        }
        lb
    }

    /// Times route `v` forward from position `from` (the tasks before it
    /// keep their starts). Past position `reach`, the first start that does
    /// not change ends it: the rest of the route stays as it was. Returns
    /// false when a task cannot fit its availability or is later than
    /// allowed. Tasks whose start changed are pushed onto `changed`.
    fn time_route(
        &mut self,
        v: VehicleId,
        from: usize,
        reach: usize,
        changed: &mut Vec<TaskId>,
    ) -> bool {
        let veh = &self.problem.vehicles[v];
        let mut prev_end = f64::NEG_INFINITY;
        let mut loc = veh.start_location;
        let mut first = true;
        if from > 0
            && let Some(&p) = self.sol.routes[v].get(from - 1)
        {
            prev_end = self.sol.start[p] + self.problem.tasks[p].duration;
            loc = self.problem.tasks[p].location;
            first = false;
        }
        for i in from..self.sol.routes[v].len() {
            let t = self.sol.routes[v][i];
            let task = &self.problem.tasks[t];
            let arrival = if first {
                veh.departure.map_or(f64::NEG_INFINITY, |d| {
                    d + self.travel(v, loc, task.location)
                })
            } else {
                prev_end + self.travel(v, loc, task.location)
            };
            first = false;
            let mut s = arrival.max(task.window.start).max(self.link_bound(t));
            let mut fitted = false;
            for w in &veh.availability {
                if w.end + EPS >= s.max(w.start) + task.duration {
                    s = s.max(w.start);
                    fitted = true;
                    break;
                }
            }
            if !fitted || s > task.window.end + task.max_late + EPS {
                return false;
            }
            let old = self.sol.start[t];
            if (old - s).abs() > EPS || !old.is_finite() {
                self.log.push((t, old));
                self.sol.start[t] = s;
                changed.push(t);
            } else if i > reach {
                // Past what changed, an unchanged start leaves the rest as it was.
                return true;
            }
            prev_end = s + task.duration;
            loc = task.location;
        }
        true
    }

    /// Re-times the routes in `start` from position `from` and every route
    /// their changes reach through links, from the first linked task that
    /// moved, until nothing moves. False when infeasible.
    fn propagate(&mut self, start: &[VehicleId], from: usize) -> bool {
        self.generation = self.generation.wrapping_add(1);
        let generation = self.generation;
        let mut queue = std::mem::take(&mut self.queue);
        let mut changed = std::mem::take(&mut self.changed);
        queue.clear();
        let mut seen = 0;
        // One route: an insertion at `from`. Several: every route from scratch.
        let reach = if start.len() == 1 { from } else { usize::MAX };
        let from = if start.len() == 1 { from } else { 0 };
        for &v in start {
            queue.push(v);
            self.dirty[v] = Some((from, reach));
            self.seen[v] = generation;
            seen += 1;
        }
        let mut passes = 0;
        let mut ok = true;
        while let Some(v) = queue.pop() {
            passes += 1;
            let (from, reach) = self.dirty[v].take().unwrap_or((0, usize::MAX));
            if passes > PASSES_PER_ROUTE * seen + 8 {
                ok = false;
                break;
            }
            changed.clear();
            if !self.time_route(v, from, reach, &mut changed) {
                ok = false;
                break;
            }
            for &t in &changed {
                for link in &self.index.links_of[t] {
                    let (a, b) = match *link {
                        Link::SameStart(a, b) => (a, b),
                        Link::Gap { first, second, .. } => (first, second),
                        _ => continue,
                    };
                    let other = if a == t { b } else { a };
                    let Some(ov) = self.sol.vehicle_of[other] else {
                        continue;
                    };
                    if !self.violates(link) {
                        continue;
                    }
                    let at = self.sol.routes[ov]
                        .iter()
                        .position(|&u| u == other)
                        .unwrap_or(0);
                    match &mut self.dirty[ov] {
                        Some((from, reach)) => {
                            *from = (*from).min(at);
                            *reach = (*reach).max(at);
                        }
                        None => {
                            self.dirty[ov] = Some((at, at));
                            queue.push(ov);
                        }
                    }
                    if self.seen[ov] != generation {
                        self.seen[ov] = generation;
                        seen += 1;
                    }
                }
            }
        }
        for v in queue.drain(..) {
            self.dirty[v] = None;
        }
        self.queue = queue;
        self.changed = changed;
        ok
    }

    /// Whether a link between two assigned tasks is broken by their starts.
    fn violates(&self, link: &Link) -> bool {
        let s = &self.sol.start;
        match *link {
            Link::SameStart(a, b) => (s[a] - s[b]).abs() > EPS,
            Link::Gap {
                first,
                second,
                min,
                max,
            } => s[second] - s[first] < min - EPS || s[second] - s[first] > max + EPS,
            _ => false,
        }
    }

    /// Times every route from scratch. False when infeasible.
    pub fn retime_all(&mut self) -> bool {
        self.undo.clear();
        for (t, v) in self.sol.vehicle_of.iter().enumerate() {
            if v.is_some() {
                self.sol.start[t] = f64::NEG_INFINITY;
            }
        }
        self.log.clear();
        let queue: Vec<VehicleId> = (0..self.sol.routes.len())
            .filter(|&v| !self.sol.routes[v].is_empty())
            .rev()
            .collect();
        let ok = self.propagate(&queue, 0);
        self.log.clear();
        self.recompute_aggregates();
        ok
    }

    /// Rebuilds working time, largest lateness and client-worker counts.
    fn recompute_aggregates(&mut self) {
        self.work.iter_mut().for_each(|w| *w = 0.0);
        self.client_workers.iter_mut().for_each(Vec::clear);
        self.max_late = 0.0;
        for v in 0..self.sol.routes.len() {
            let w = self.problem.vehicles[v].worker;
            let minutes = self.route_work(v);
            self.work[w] += minutes;
            for i in 0..self.sol.routes[v].len() {
                let t = self.sol.routes[v][i];
                self.max_late = self.max_late.max(self.lateness(t));
                self.count_client_worker(t, w, 1);
            }
        }
    }

    fn count_client_worker(&mut self, t: TaskId, worker: usize, add: i32) {
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

    /// How many distinct workers beyond the first a client gains if `t`
    /// goes to `worker`: 1 or 0.
    fn extra_worker_delta(&self, t: TaskId, worker: usize) -> f64 {
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

    /// Restores the solution after an insertion that is not kept.
    fn undo_insert(&mut self, t: TaskId, v: VehicleId, pos: usize) {
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

    /// The objective of the current solution, computed from scratch.
    pub fn cost(&self) -> Cost {
        let p = self.problem;
        let w8 = &p.weights;
        let mut c = Cost::default();
        for (v, route) in self.sol.routes.iter().enumerate() {
            let veh = &p.vehicles[v];
            let mut loc = veh.start_location;
            for (i, &t) in route.iter().enumerate() {
                let leg = self.travel(v, loc, p.tasks[t].location);
                c.travel += leg;
                if i > 0 {
                    c.travel_between += leg;
                }
                let late = self.lateness(t);
                c.late += late;
                c.max_late = c.max_late.max(late);
                let worker = veh.worker;
                if !p.tasks[t].preferred.is_empty() && !p.tasks[t].preferred.contains(&worker) {
                    c.breaches += 1;
                }
                if p.tasks[t].previous.is_some_and(|w| w != worker) {
                    c.changed += 1;
                }
                loc = p.tasks[t].location;
            }
            if !route.is_empty() {
                c.travel += self.travel(v, loc, veh.end_location);
            }
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
        let veh = &self.problem.vehicles[v];
        self.index.shift.get(&(veh.worker, veh.day + 1)).copied()
    }

    /// The same worker's shift on the day before.
    fn previous_shift(&self, v: VehicleId) -> Option<VehicleId> {
        let veh = &self.problem.vehicles[v];
        let day = veh.day.checked_sub(1)?;
        self.index.shift.get(&(veh.worker, day)).copied()
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
    fn rest_short_around(&self, v: VehicleId) -> f64 {
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

    /// Working minutes of a route: tasks plus travel between them.
    fn route_work(&self, v: VehicleId) -> f64 {
        let route = &self.sol.routes[v];
        let tasks: f64 = route.iter().map(|&t| self.problem.tasks[t].duration).sum();
        let between: f64 = route
            .windows(2)
            .map(|p| {
                self.travel(
                    v,
                    self.problem.tasks[p[0]].location,
                    self.problem.tasks[p[1]].location,
                )
            })
            .sum();
        tasks + between
    }

    /// Location before position `pos` of route `v` (home at 0), and after.
    fn neighbours(&self, v: VehicleId, pos: usize) -> (usize, Option<usize>, usize, Option<usize>) {
        let veh = &self.problem.vehicles[v];
        let route = &self.sol.routes[v];
        let prev = pos.checked_sub(1).map(|i| route[i]);
        let next = route.get(pos).copied();
        let prev_loc = prev.map_or(veh.start_location, |t| self.problem.tasks[t].location);
        let next_loc = next.map_or(veh.end_location, |t| self.problem.tasks[t].location);
        (prev_loc, prev, next_loc, next)
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
        self.static_delta(t, v, pos).map(|d| d.cost)
    }

    fn static_delta(&self, t: TaskId, v: VehicleId, pos: usize) -> Option<StaticDelta> {
        let p = self.problem;
        let w8 = &p.weights;
        let task = &p.tasks[t];
        let worker = p.vehicles[v].worker;
        let (prev_loc, prev, next_loc, next) = self.neighbours(v, pos);
        let travel_delta = self.travel(v, prev_loc, task.location)
            + self.travel(v, task.location, next_loc)
            - self.travel(v, prev_loc, next_loc);
        let between_delta = match (prev, next) {
            (Some(_), Some(_)) => travel_delta,
            (Some(_), None) => self.travel(v, prev_loc, task.location),
            (None, Some(_)) => self.travel(v, task.location, next_loc),
            (None, None) => 0.0,
        };
        let work_after = self.work[worker] + task.duration + between_delta;
        let limits = &p.workers[worker];
        if work_after > limits.max_work + EPS {
            return None;
        }
        let mut cost = -w8.unassigned + w8.travel_minute * travel_delta;
        if w8.extra_worker > 0.0 {
            cost += w8.extra_worker * self.extra_worker_delta(t, worker);
        }
        if !task.preferred.is_empty() && !task.preferred.contains(&worker) {
            cost += w8.preference_breach;
        }
        if task.previous.is_some_and(|w| w != worker) {
            cost += w8.changed_task;
        }
        if w8.contract_hour_gap > 0.0 {
            let c = limits.contracted;
            cost += w8.contract_hour_gap * ((work_after - c).abs() - (self.work[worker] - c).abs())
                / 60.0;
        }
        Some(StaticDelta { cost, work_after })
    }

    /// Inserts `t` into route `v` at `pos` and returns the change of the
    /// objective, or `None` when infeasible. Unless `keep`, the solution is
    /// left as it was.
    pub fn insert(&mut self, t: TaskId, v: VehicleId, pos: usize, keep: bool) -> Option<f64> {
        let p = self.problem;
        let w8 = &p.weights;
        let worker = p.vehicles[v].worker;
        let StaticDelta { cost, work_after } = self.static_delta(t, v, pos)?;
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
