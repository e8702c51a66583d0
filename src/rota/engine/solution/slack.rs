//! Slack: how much later each task of a route could start at most before
//! it, or a task after it on the route, passes its hard lateness limit.
//! Inserting only ever delays tasks, so a place that pushes the next task
//! past its latest start cannot be: the insertion search rules it out
//! without timing it. Links and availability windows are left out, so the
//! latest start is an upper bound (they can only make a push larger).
//!
//! Each route keeps its stops side by side with what the insertion search
//! reads of them (task, place, start, end, latest start), so that ranking
//! the places of a route reads one short array, not the tasks and starts
//! of the whole week.

use super::State;
use crate::rota::engine::problem::{TaskId, VehicleId};

/// One task of a route, as the insertion search reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stop {
    /// The task.
    pub task: TaskId,
    /// Its location.
    pub location: usize,
    /// When it starts.
    pub start: f64,
    /// When it ends.
    pub end: f64,
    /// The latest it may start before it, or a task after it on the
    /// route, passes its hard lateness limit. It never falls along a
    /// route: a task's room is at most the next one's plus the wait
    /// between them.
    pub latest: f64,
    /// The end of its start window (lateness counts from here).
    pub window_end: f64,
}

impl State<'_> {
    /// Works out route `v`'s [`Stop`]s unless they are up to date: the
    /// insertion search calls it before ranking the places on `v`.
    pub fn ensure_stops(&mut self, v: VehicleId) {
        if self.stops_fresh[v] {
            debug_assert_eq!(self.stops[v], self.stops_of(v), "route {v}");
            return;
        }
        let stops = self.stops_of(v);
        self.stops[v] = stops;
        self.stops_fresh[v] = true;
    }

    /// Assigned task `t` as a stop, with its own limit alone as its latest
    /// start (the stops after it are not looked at).
    pub(super) fn stop_of(&self, t: TaskId) -> Stop {
        let task = &self.problem.tasks[t];
        let start = self.sol.start[t];
        Stop {
            task: t,
            location: task.location,
            start,
            end: start + task.duration,
            latest: task.window.end + task.max_late,
            window_end: task.window.end,
        }
    }

    /// Route `v`'s stops, worked out from its tasks and their starts.
    fn stops_of(&self, v: VehicleId) -> Vec<Stop> {
        let mut stops: Vec<Stop> = self.sol.routes[v]
            .iter()
            .map(|&t| self.stop_of(t))
            .collect();
        for i in (0..stops.len().saturating_sub(1)).rev() {
            let (here, next) = (stops[i], stops[i + 1]);
            // The next task waits this long before it starts: a push
            // smaller than that does not reach it.
            let arrival = here.end + self.travel(v, here.location, next.location);
            let wait = (next.start - arrival).max(0.0);
            let room = (next.latest - next.start + wait).max(0.0);
            stops[i].latest = here.latest.min(here.start + room);
        }
        stops
    }

    /// Route `v`'s stops when they are up to date (see
    /// [`State::ensure_stops`]).
    pub fn stops(&self, v: VehicleId) -> Option<&[Stop]> {
        self.stops_fresh[v].then(|| self.stops[v].as_slice())
    }
}

#[cfg(test)]
mod tests {
    use crate::rota::engine::fixture::problem;
    use crate::rota::engine::index::Index;
    use crate::rota::engine::insert::insert_best;
    use crate::rota::engine::problem::{Interval, Problem};
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::State;

    /// `problem(seed)` with hard lateness limits and a break in every
    /// worker's day, so that pushes and availability both matter.
    fn tight(seed: u64) -> Problem {
        let mut p = problem(seed);
        for (i, task) in p.tasks.iter_mut().enumerate() {
            task.max_late = (i % 4) as f64 * 10.0;
        }
        for v in &mut p.vehicles {
            let day = v.day as f64 * 1440.0;
            v.availability = vec![
                Interval {
                    start: day,
                    end: day + 200.0,
                },
                Interval {
                    start: day + 230.0,
                    end: day + 1000.0,
                },
            ];
        }
        p
    }

    #[test]
    fn a_place_the_latest_starts_rule_out_cannot_be_timed() {
        let (mut ruled_out, mut checked) = (0, 0);
        for seed in 1..=30 {
            let p = tight(seed);
            let index = Index::new(&p);
            let mut state = State::new(&p, &index);
            let mut rng = Rng::new(seed);
            for t in 0..p.tasks.len() {
                // Every place of `t` on the routes as they are now.
                for &v in &p.tasks[t].eligible {
                    if state.sol.vehicle_of[t].is_some() || !state.allowed(t, v) {
                        continue;
                    }
                    state.ensure_stops(v);
                    for pos in 0..=state.sol.routes[v].len() {
                        checked += 1;
                        if state.late_bound(t, v, pos).is_none() {
                            ruled_out += 1;
                            assert_eq!(
                                state.insert(t, v, pos, false),
                                None,
                                "seed {seed} task {t} vehicle {v} position {pos}"
                            );
                        }
                    }
                }
                insert_best(&mut state, t, &mut rng, 0.0);
            }
        }
        assert!(ruled_out > 50, "{ruled_out} of {checked} places ruled out");
    }

    #[test]
    fn the_latest_start_is_the_least_room_before_a_limit_down_the_route() {
        use crate::rota::engine::fixture::{line, task};
        // On a line, 10 minutes a step: 0 at location 1 starts at 10 and
        // ends at 20; 1 at location 2 arrives at 30 but waits for 60.
        // 1's latest is its own limit, 70 + 5. 0's own limit is 40 + 0;
        // pushed by more than 30 wait + 15 room, it would push 1 past 75,
        // so 10 + 45 = 55 is the most it could be, and 40 is less.
        let mut p = line(
            1,
            vec![
                task(1, 0.0, 40.0, 10.0, &[0]),
                task(2, 60.0, 70.0, 10.0, &[0]),
            ],
            vec![],
        );
        p.tasks[0].max_late = 0.0;
        p.tasks[1].max_late = 5.0;
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(1, 0, 1, true);
        state.ensure_stops(0);
        let latest = |state: &State| state.stops(0).map(|s| [s[0].latest, s[1].latest]);
        assert_eq!(latest(&state), Some([40.0, 75.0]));
        // With room of its own, 0 is held by 1: 10 + 30 wait + 15.
        p.tasks[0].max_late = 100.0;
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(1, 0, 1, true);
        state.ensure_stops(0);
        assert_eq!(latest(&state), Some([55.0, 75.0]));
    }
}
