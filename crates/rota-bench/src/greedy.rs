//! A spreadsheet-style greedy rota, the reference for continuity in the
//! week benchmark: every visit in order of its window's start goes to the
//! eligible carer who is free then (the visit fits at the end of their day
//! and starts within its window: the greedy is never late) and whose last
//! place is nearest; a double-up to the two nearest. No
//! search, no look-ahead, no thought for who the person saw before: what a
//! coordinator filling a spreadsheet row by row would do.
//!
//! It runs on carebook's own problem (the same eligibility, availability,
//! travel and working-time rules as the engine), so its rota passes the
//! same verifier; the ordering and choice are the only greedy parts.

use carebook::rota::agency::AgencyProblem;
use carebook::rota::engine::index::Index;
use carebook::rota::engine::problem::TaskId;
use carebook::rota::engine::solution::{Solution, State};

/// Where `t` would go at the end of a route: the nearest eligible vehicle
/// on which it fits, and the travel to it.
fn nearest_free(state: &mut State, t: TaskId) -> Option<usize> {
    let p = state.problem;
    let task = &p.tasks[t];
    let mut best: Option<(f64, usize)> = None;
    for &v in &task.eligible {
        if !state.allowed(t, v) {
            continue;
        }
        let veh = &p.vehicles[v];
        let from = state.sol.routes[v]
            .last()
            .map_or(veh.start_location, |&u| p.tasks[u].location);
        let travel = p.matrices[veh.matrix].get(from, task.location);
        if best.is_some_and(|(d, _)| d <= travel) {
            continue;
        }
        let end = state.sol.routes[v].len();
        if state.insert(t, v, end, true).is_some() {
            if on_time(state, t) {
                best = Some((travel, v));
            }
            state.rollback();
        }
    }
    best.map(|(_, v)| v)
}

/// Whether assigned `t` starts within its window.
fn on_time(state: &State, t: TaskId) -> bool {
    state.sol.start[t] <= state.problem.tasks[t].window.end + 1e-6
}

/// The greedy solution of an agency's week.
pub fn solve(ap: &AgencyProblem) -> Solution {
    let problem = &ap.problem;
    let index = Index::new(problem);
    let mut state = State::new(problem, &index);
    let mut order: Vec<TaskId> = (0..problem.tasks.len()).collect();
    order.sort_by(|&a, &b| {
        problem.tasks[a]
            .window
            .start
            .total_cmp(&problem.tasks[b].window.start)
            .then(a.cmp(&b))
    });
    for t in order {
        if state.sol.vehicle_of[t].is_some() {
            continue;
        }
        let Some(v) = nearest_free(&mut state, t) else {
            continue;
        };
        let end = state.sol.routes[v].len();
        if state.insert(t, v, end, true).is_none() {
            continue;
        }
        if let Some(partner) = index.together[t] {
            let placed = nearest_free(&mut state, partner).is_some_and(|w| {
                let end = state.sol.routes[w].len();
                let kept = state.insert(partner, w, end, true).is_some();
                if kept && !(on_time(&state, t) && on_time(&state, partner)) {
                    state.rollback();
                    return false;
                }
                kept
            });
            if !placed {
                state.rollback();
            }
        }
        state.commit();
    }
    state.sol
}

#[cfg(test)]
mod tests {
    use super::solve;
    use carebook::load::Repo;
    use carebook::model::values::Week;
    use carebook::rota::agency;
    use std::path::Path;

    #[test]
    fn the_greedy_rota_of_the_example_agency_keeps_double_ups_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let repo = Repo::open(&root, false).expect("the example agency loads");
        let week: Week = "2026-W49".parse().expect("a week");
        let ap = agency::build(&repo, week, None, false);
        let sol = solve(&ap);
        let assigned = sol.vehicle_of.iter().filter(|v| v.is_some()).count();
        assert!(assigned > ap.problem.tasks.len() / 2, "{assigned} assigned");
        for t in (0..ap.tasks.len()).filter(|&t| ap.tasks[t].half == 1) {
            let first = ap
                .tasks
                .iter()
                .position(|i| {
                    i.half == 0
                        && i.service_user == ap.tasks[t].service_user
                        && i.label == ap.tasks[t].label
                        && i.date == ap.tasks[t].date
                })
                .expect("the first half");
            assert_eq!(
                sol.vehicle_of[t].is_some(),
                sol.vehicle_of[first].is_some(),
                "task {t}: half a double-up"
            );
            if let (Some(a), Some(b)) = (sol.vehicle_of[t], sol.vehicle_of[first]) {
                assert_ne!(ap.problem.vehicles[a].worker, ap.problem.vehicles[b].worker);
                assert_eq!(sol.start[t], sol.start[first]);
            }
        }
    }
}
