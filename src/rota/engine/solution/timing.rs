//! Timing: each route is timed forward (arrive, wait for the window, fit
//! an availability window), and links between tasks on different routes
//! are met by delaying tasks until nothing changes.

use super::{EPS, State};
use crate::rota::engine::problem::{Link, TaskId, VehicleId};

/// Route re-timings one evaluation may take, per route re-timed, before it
/// is called infeasible: linked tasks in crossing order push each other
/// later for ever, and a feasible propagation settles in a few passes.
const PASSES_PER_ROUTE: usize = 3;

impl State<'_> {
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

    /// When `t`, ready to start at `ready` on vehicle `v`, can start: in
    /// the first availability window it fits, no sooner than `ready`.
    /// `None` when no window fits or the start is later than `t` allows.
    pub(super) fn fitted_start(&self, v: VehicleId, t: TaskId, ready: f64) -> Option<f64> {
        let task = &self.problem.tasks[t];
        let start = self.problem.vehicles[v]
            .availability
            .iter()
            .find(|w| w.end + EPS >= ready.max(w.start) + task.duration)
            .map(|w| ready.max(w.start))?;
        (start <= task.window.end + task.max_late + EPS).then_some(start)
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
            let ready = arrival.max(task.window.start).max(self.link_bound(t));
            let Some(s) = self.fitted_start(v, t, ready) else {
                return false;
            };
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
    pub(super) fn propagate(&mut self, start: &[VehicleId], from: usize) -> bool {
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
        self.recount_client_workers();
        self.mark_all_changed();
        self.refresh();
        ok
    }
}

#[cfg(test)]
mod tests {
    use crate::rota::engine::fixture::{line, task};
    use crate::rota::engine::index::Index;
    use crate::rota::engine::problem::{Interval, Link};
    use crate::rota::engine::solution::{Solution, State};

    /// `routes` on the problem's vehicles, timed from scratch.
    fn timed(
        problem: &crate::rota::engine::problem::Problem,
        routes: &[&[usize]],
    ) -> Option<Vec<f64>> {
        let index = Index::new(problem);
        let mut sol = Solution::empty(problem);
        for (v, route) in routes.iter().enumerate() {
            sol.routes[v] = route.to_vec();
            for &t in *route {
                sol.vehicle_of[t] = Some(v);
            }
        }
        State::with_solution(problem, &index, sol).map(|s| s.sol.start)
    }

    #[test]
    fn a_route_travels_and_waits_for_each_window() {
        // Location 1 is 10 minutes from home: arrive at 10, wait until 30,
        // leave at 45, 20 minutes to location 3.
        let p = line(
            1,
            vec![
                task(1, 30.0, 60.0, 15.0, &[0]),
                task(3, 0.0, 100.0, 10.0, &[0]),
            ],
            vec![],
        );
        assert_eq!(timed(&p, &[&[0, 1]]), Some(vec![30.0, 65.0]));
        // The other way round: 30 minutes out, then 20 back to location 1.
        assert_eq!(timed(&p, &[&[1, 0]]), Some(vec![60.0, 30.0]));
    }

    #[test]
    fn a_same_start_link_makes_the_earlier_carer_wait() {
        let p = line(
            2,
            vec![
                task(1, 0.0, 100.0, 15.0, &[0, 1]),
                task(4, 0.0, 100.0, 15.0, &[0, 1]),
            ],
            vec![Link::SameStart(0, 1)],
        );
        assert_eq!(timed(&p, &[&[0], &[1]]), Some(vec![40.0, 40.0]));
    }

    #[test]
    fn a_gap_delays_the_second_task_and_then_the_rest_of_its_route() {
        let p = line(
            2,
            vec![
                task(1, 0.0, 100.0, 15.0, &[0]),
                task(1, 0.0, 100.0, 15.0, &[1]),
                task(2, 0.0, 100.0, 15.0, &[1]),
            ],
            vec![Link::Gap {
                first: 0,
                second: 1,
                min: 30.0,
                max: 60.0,
            }],
        );
        assert_eq!(timed(&p, &[&[0], &[1, 2]]), Some(vec![10.0, 40.0, 65.0]));
    }

    #[test]
    fn a_maximum_gap_delays_the_first_task() {
        // The second task cannot start before 200, so the first is pushed
        // to 200 - 60 = 140.
        let p = line(
            2,
            vec![
                task(1, 0.0, 300.0, 15.0, &[0]),
                task(2, 200.0, 300.0, 15.0, &[1]),
            ],
            vec![Link::Gap {
                first: 0,
                second: 1,
                min: 0.0,
                max: 60.0,
            }],
        );
        assert_eq!(timed(&p, &[&[0], &[1]]), Some(vec![140.0, 200.0]));
    }

    #[test]
    fn a_task_that_fits_no_availability_window_is_infeasible() {
        let mut p = line(1, vec![task(1, 40.0, 60.0, 15.0, &[0])], vec![]);
        p.vehicles[0].availability = vec![Interval {
            start: 0.0,
            end: 50.0,
        }];
        assert_eq!(timed(&p, &[&[0]]), None);
        p.vehicles[0].availability[0].end = 55.0;
        assert_eq!(timed(&p, &[&[0]]), Some(vec![40.0]));
    }

    #[test]
    fn lateness_past_the_hard_limit_is_infeasible() {
        let mut p = line(1, vec![task(5, 0.0, 20.0, 15.0, &[0])], vec![]);
        p.tasks[0].max_late = 29.0;
        assert_eq!(timed(&p, &[&[0]]), None);
        p.tasks[0].max_late = 30.0;
        assert_eq!(timed(&p, &[&[0]]), Some(vec![50.0]));
    }

    #[test]
    fn crossing_gaps_never_settle_and_are_infeasible() {
        // Vehicle 0 does 0 then 1, vehicle 1 does 2 then 3; 2 must follow 1
        // and 0 must follow 3, so each route waits for the other for ever.
        let p = line(
            2,
            vec![
                task(1, 0.0, 1000.0, 15.0, &[0]),
                task(2, 0.0, 1000.0, 15.0, &[0]),
                task(2, 0.0, 1000.0, 15.0, &[1]),
                task(1, 0.0, 1000.0, 15.0, &[1]),
            ],
            vec![
                Link::Gap {
                    first: 1,
                    second: 2,
                    min: 30.0,
                    max: f64::INFINITY,
                },
                Link::Gap {
                    first: 3,
                    second: 0,
                    min: 30.0,
                    max: f64::INFINITY,
                },
            ],
        );
        assert_eq!(timed(&p, &[&[0, 1], &[2, 3]]), None);
    }
}
