//! The first rota: regret insertion. At each step the task whose best
//! place is most better than its second-best (the one that would suffer
//! most from waiting) is inserted at its best place. Best costs per
//! (task, vehicle) are cached and refreshed only for the vehicle that
//! changed. It stops at a deadline, leaving the tasks not yet inserted
//! unassigned: on a large week it is the slowest part of planning.

use super::deadline::Deadline;
use super::insert::{cheapest_on, insert_best};
use super::problem::{TaskId, VehicleId};
use super::rng::Rng;
use super::solution::State;

/// How many costs are worked out between two looks at the clock.
const CLOCK_EVERY: usize = 64;

/// Best cost of inserting `t` anywhere on `v`, or infinity.
fn best_on(state: &mut State, t: TaskId, v: VehicleId) -> f64 {
    cheapest_on(state, t, v).map_or(f64::INFINITY, |p| p.0)
}

/// The cheapest and the second-cheapest of `costs`.
fn two_cheapest(costs: &[f64]) -> (f64, f64) {
    let (mut b1, mut b2) = (f64::INFINITY, f64::INFINITY);
    for &c in costs {
        if c < b1 {
            b2 = b1;
            b1 = c;
        } else if c < b2 {
            b2 = c;
        }
    }
    (b1, b2)
}

/// Inserts every unassigned task it can, most regretted first, until
/// `deadline`. Returns the tasks it had no time to try (none when it
/// finished), still unassigned.
pub fn regret_insertion(state: &mut State, rng: &mut Rng, deadline: Deadline) -> Vec<TaskId> {
    let p = state.problem;
    let n = p.tasks.len();
    let mut pending: Vec<TaskId> = (0..n)
        .filter(|&t| state.sol.vehicle_of[t].is_none())
        .collect();
    // The vehicles `t` may go on, in order.
    let vehicles_of = |t: TaskId| -> &[VehicleId] {
        match &p.tasks[t].locked {
            Some(v) => std::slice::from_ref(v),
            None => &p.tasks[t].eligible,
        }
    };
    // cache[t][k] is the best cost of t on its k-th vehicle; best[t] the
    // two cheapest of those.
    let mut cache: Vec<Vec<f64>> = vec![Vec::new(); n];
    let mut best: Vec<(f64, f64)> = vec![(f64::INFINITY, f64::INFINITY); n];
    // For each vehicle, the pending tasks that may go on it, and where it
    // is in their list: after an insertion only those are costed again.
    let mut waiting = vec![false; n];
    let mut tasks_on: Vec<Vec<(TaskId, usize)>> = vec![Vec::new(); p.vehicles.len()];
    for &t in &pending {
        waiting[t] = true;
        for (k, &v) in vehicles_of(t).iter().enumerate() {
            if let Some(list) = tasks_on.get_mut(v) {
                list.push((t, k));
            }
        }
    }
    for (i, &t) in pending.iter().enumerate() {
        if i % CLOCK_EVERY == 0 && deadline.passed() {
            return pending;
        }
        cache[t] = vehicles_of(t)
            .iter()
            .map(|&v| best_on(state, t, v))
            .collect();
        best[t] = two_cheapest(&cache[t]);
    }
    while !pending.is_empty() {
        if deadline.passed() {
            return pending;
        }
        let mut pick = None;
        let mut pick_key = (f64::NEG_INFINITY, f64::INFINITY);
        for (i, &t) in pending.iter().enumerate() {
            let (b1, b2) = best[t];
            let regret = if b1.is_infinite() {
                f64::NEG_INFINITY
            } else if b2.is_infinite() {
                f64::MAX
            } else {
                b2 - b1
            };
            if regret > pick_key.0 || (regret == pick_key.0 && b1 < pick_key.1) {
                pick_key = (regret, b1);
                pick = Some(i);
            }
        }
        let Some(i) = pick else { break };
        let t = pending.swap_remove(i);
        waiting[t] = false;
        if pick_key.0 == f64::NEG_INFINITY || !insert_best(state, t, rng, 0.0) {
            continue;
        }
        let mut changed: Vec<VehicleId> = [Some(t), state.index.together[t]]
            .into_iter()
            .flatten()
            .filter_map(|u| state.sol.vehicle_of[u])
            .collect();
        changed.dedup();
        pending.retain(|&u| {
            waiting[u] &= state.sol.vehicle_of[u].is_none();
            waiting[u]
        });
        let mut costed = 0;
        'refresh: for &v in &changed {
            for &(u, k) in &tasks_on[v] {
                if !waiting[u] {
                    continue;
                }
                if costed % CLOCK_EVERY == 0 && deadline.passed() {
                    // The next step stops before reading the stale costs.
                    break 'refresh;
                }
                costed += 1;
                cache[u][k] = best_on(state, u, v);
                best[u] = two_cheapest(&cache[u]);
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::regret_insertion;
    use crate::rota::engine::deadline::Deadline;
    use crate::rota::engine::fixture::{
        assert_double_ups_whole, assert_links_respected, line, problem, task,
    };
    use crate::rota::engine::index::Index;
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::State;

    #[test]
    fn every_task_that_fits_is_assigned_and_links_hold() {
        for seed in 1..=10 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut state = State::new(&problem, &index);
            regret_insertion(&mut state, &mut Rng::new(seed), Deadline::never());
            assert_links_respected(&problem, &state.sol);
            assert_double_ups_whole(&problem, &state.sol);
            // Nothing left out could go anywhere.
            for t in 0..problem.tasks.len() {
                if state.sol.vehicle_of[t].is_none() && index.together[t].is_none() {
                    for &v in &problem.tasks[t].eligible {
                        for pos in 0..=state.sol.routes[v].len() {
                            assert_eq!(
                                state.insert(t, v, pos, false),
                                None,
                                "seed {seed} task {t}"
                            );
                        }
                    }
                }
            }
            // The incremental times are the times from scratch.
            let cost = state.cost();
            assert!(state.retime_all());
            assert!((cost.total - state.cost().total).abs() < 1e-6);
        }
    }

    #[test]
    fn the_task_with_fewest_options_goes_first() {
        // Both want vehicle 0 at 10:00 and only one fits there; task 1 can
        // also go on vehicle 1 (farther), task 0 cannot.
        let mut p = line(
            2,
            vec![
                task(1, 600.0, 600.0, 60.0, &[0]),
                task(1, 600.0, 600.0, 60.0, &[0, 1]),
            ],
            vec![],
        );
        p.tasks.iter_mut().for_each(|t| t.max_late = 0.0);
        p.vehicles[1].start_location = 5;
        p.vehicles[1].end_location = 5;
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        regret_insertion(&mut state, &mut Rng::new(1), Deadline::never());
        assert_eq!(state.sol.vehicle_of, vec![Some(0), Some(1)]);
    }

    #[test]
    fn a_task_no_vehicle_may_do_is_left_unassigned() {
        let p = line(
            1,
            vec![
                task(1, 0.0, 100.0, 15.0, &[]),
                task(2, 0.0, 100.0, 15.0, &[0]),
            ],
            vec![],
        );
        let index = Index::new(&p);
        let mut state = State::new(&p, &index);
        regret_insertion(&mut state, &mut Rng::new(1), Deadline::never());
        assert_eq!(state.sol.vehicle_of, vec![None, Some(0)]);
    }

    #[test]
    fn a_passed_deadline_stops_construction_before_any_insertion() {
        let problem = problem(1);
        let index = Index::new(&problem);
        let mut state = State::new(&problem, &index);
        let untried = regret_insertion(&mut state, &mut Rng::new(1), Deadline::after(0.0));
        assert_eq!(untried, (0..problem.tasks.len()).collect::<Vec<_>>());
        assert!(state.sol.vehicle_of.iter().all(Option::is_none));
    }

    #[test]
    fn a_deadline_not_reached_changes_nothing() {
        for seed in 1..=5 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut free = State::new(&problem, &index);
            let mut bound = State::new(&problem, &index);
            assert!(regret_insertion(&mut free, &mut Rng::new(seed), Deadline::never()).is_empty());
            let untried =
                regret_insertion(&mut bound, &mut Rng::new(seed), Deadline::after(3600.0));
            assert!(untried.is_empty());
            assert_eq!(free.sol, bound.sol, "seed {seed}");
        }
    }
}
