//! Slack: how much later each task of a route could start at most before
//! it, or a task after it on the route, passes its hard lateness limit.
//! Inserting only ever delays tasks, so a place that pushes the next task
//! by more than its slack cannot be: the insertion search rules it out
//! without timing it. Links and availability windows are left out, so the
//! slack is an upper bound (they can only make a push larger).

use super::{EPS, State};
use crate::rota::engine::problem::{TaskId, VehicleId};

impl State<'_> {
    /// Works out the slack of route `v`'s tasks unless it is up to date:
    /// the insertion search calls it before ranking the places on `v`.
    pub fn ensure_slack(&mut self, v: VehicleId) {
        if self.slack_fresh[v] {
            return;
        }
        let p = self.problem;
        let mut after = f64::INFINITY;
        let mut next: Option<TaskId> = None;
        for i in (0..self.sol.routes[v].len()).rev() {
            let t = self.sol.routes[v][i];
            let task = &p.tasks[t];
            let start = self.sol.start[t];
            let mut slack = task.window.end + task.max_late - start;
            if let Some(n) = next {
                // The next task waits this long before it starts: a push
                // smaller than that does not reach it.
                let arrival =
                    start + task.duration + self.travel(v, task.location, p.tasks[n].location);
                let wait = (self.sol.start[n] - arrival).max(0.0);
                slack = slack.min(wait + after);
            }
            self.slack[t] = slack.max(0.0);
            after = self.slack[t];
            next = Some(t);
        }
        self.slack_fresh[v] = true;
    }

    /// Whether starting `t` (on route `v`) `push` minutes later than now
    /// passes a hard limit on its route for sure. Uses the slack when it
    /// is up to date, else `t`'s own limit alone.
    pub fn push_breaks_limit(&self, v: VehicleId, t: TaskId, push: f64) -> bool {
        let limit = if self.slack_fresh[v] {
            self.slack[t]
        } else {
            let task = &self.problem.tasks[t];
            task.window.end + task.max_late - self.sol.start[t]
        };
        push > limit + EPS
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
    fn a_place_the_slack_rules_out_cannot_be_timed() {
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
                    state.ensure_slack(v);
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
    fn the_slack_is_the_least_room_before_a_limit_down_the_route() {
        use crate::rota::engine::fixture::{line, task};
        // On a line, 10 minutes a step: 0 at location 1 starts at 10 and
        // ends at 20; 1 at location 2 arrives at 30 but waits for 60.
        // Its limit is 70 + 5: room 15. 0's own room is 40 + 0 - 10 = 30,
        // but a push of more than 30 wait + 15 reaches 1: room 30.
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
        state.ensure_slack(0);
        assert_eq!(state.slack[1], 15.0);
        assert_eq!(state.slack[0], 30.0);
        // Tighter down the route: now 0's room is 30 wait + 15.
        p.tasks[0].max_late = 100.0;
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(1, 0, 1, true);
        state.ensure_slack(0);
        assert_eq!(state.slack[0], 45.0);
    }
}
