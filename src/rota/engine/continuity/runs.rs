//! A worker's run copied to another day: the people of a stretch of one
//! day's route, visited by the same worker at the same times on another
//! day. Coordinators build rotas from such runs: each person sees the same
//! carer, and the run's travel was short on the day it came from. Moving
//! one person at a time cannot find this: the worker's other visits that
//! day are in the way of each.

use super::Slots;
use super::moves::{eject_for, place_all};
use crate::rota::engine::problem::TaskId;
use crate::rota::engine::rng::Rng;
use crate::rota::engine::solution::State;

/// The longest stretch of a route copied at once.
const MOST_COPIED: usize = 6;

/// A run taken out by [`ruin_run`], to be put back by [`place_run`].
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The worker whose run it is.
    pub worker: usize,
    /// The people's visits on the other day, earliest first.
    pub copies: Vec<TaskId>,
    /// Everything taken out: the copies, their double-up partners and the
    /// worker's visits in their way.
    pub removed: Vec<TaskId>,
}

/// The day (0 = the first of the week) a task's window opens on.
fn day_of(state: &State, t: TaskId) -> i64 {
    (state.problem.tasks[t].window.start / 1440.0).floor() as i64
}

/// Takes out, for a stretch of a random route, the same people's visits
/// in the same slots on another day, and the visits in the way of the
/// stretch's worker then. `None` (nothing changed) when the stretch's
/// people have no such visits.
pub fn ruin_run(state: &mut State, slots: &Slots, rng: &mut Rng) -> Option<Run> {
    let seed = state.random_movable(rng)?;
    let v = state.sol.vehicle_of[seed]?;
    let worker = state.problem.vehicles[v].worker;
    let route = &state.sol.routes[v];
    let at = route.iter().position(|&u| u == seed)?;
    let len = 1 + rng.below(route.len().min(MOST_COPIED));
    let first = at
        .saturating_sub(rng.below(len))
        .min(route.len().saturating_sub(len));
    let stretch: Vec<TaskId> = route[first..(first + len).min(route.len())].to_vec();
    // The other day: one on which the seed's slot recurs.
    let days: Vec<i64> = slots.tasks[slots.of_task[seed]]
        .iter()
        .map(|&t| day_of(state, t))
        .filter(|&d| d != day_of(state, seed))
        .collect();
    let day = *days.get(rng.below(days.len().max(1)))?;
    let mut copies: Vec<TaskId> = stretch
        .iter()
        .filter_map(|&u| {
            slots.tasks[slots.of_task[u]]
                .iter()
                .copied()
                .find(|&c| day_of(state, c) == day)
        })
        .filter(|&c| state.problem.tasks[c].locked.is_none())
        .collect();
    let p = state.problem;
    copies.sort_by(|&a, &b| p.tasks[a].window.start.total_cmp(&p.tasks[b].window.start));
    if copies.is_empty() {
        return None;
    }
    let mut removed: Vec<TaskId> = Vec::new();
    for &c in &copies {
        for u in [Some(c), state.index.together[c]].into_iter().flatten() {
            if state.sol.vehicle_of[u].is_some() && !removed.contains(&u) {
                state.remove(u);
                removed.push(u);
            }
        }
    }
    for &c in &copies {
        for u in eject_for(state, c, worker, &removed) {
            if !removed.contains(&u) {
                removed.push(u);
            }
        }
    }
    Some(Run {
        worker,
        copies,
        removed,
    })
}

/// Puts a run's copies on its worker, where they fit; returns the tasks
/// left for the usual recreate.
pub fn place_run(state: &mut State, run: Run, rng: &mut Rng) -> Vec<TaskId> {
    place_all(state, &run.copies, run.worker, rng);
    state.commit();
    run.removed
        .into_iter()
        .filter(|&t| state.sol.vehicle_of[t].is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{place_run, ruin_run};
    use crate::rota::engine::continuity::{Slots, assert_steps_keep_every_rule};
    use crate::rota::engine::fixture::{task, two_days};
    use crate::rota::engine::index::Index;
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::State;

    #[test]
    fn a_copied_run_keeps_every_rule_and_the_cost_in_step() {
        assert_steps_keep_every_rule(&mut |state, slots, rng| {
            let Some(run) = ruin_run(state, slots, rng) else {
                return Vec::new();
            };
            assert!(state.retime_all());
            place_run(state, run, rng)
        });
    }

    #[test]
    fn a_run_of_two_people_goes_to_its_worker_on_the_other_day() {
        // Clients 1 and 2 each have a visit on two "days" (1,440 minutes
        // apart). Worker 0 does both on the first day; worker 1 does them
        // on the second. Copying either worker's run to the other day gives
        // that worker both days, so each person sees one carer all week.
        let p = two_days(vec![
            task(1, 100.0, 130.0, 30.0, &[0, 1]),
            task(2, 200.0, 230.0, 30.0, &[0, 1]),
            task(1, 1540.0, 1570.0, 30.0, &[0, 1]),
            task(2, 1640.0, 1670.0, 30.0, &[0, 1]),
        ]);
        let index = Index::new(&p);
        let slots = Slots::new(&p, &index.together);
        let mut state = State::new(&p, &index);
        for (t, v) in [(0, 0), (1, 0), (2, 1), (3, 1)] {
            let pos = state.sol.routes[v].len();
            state.insert(t, v, pos, true);
        }
        state.commit();
        assert_eq!(state.cost().extra_workers, 2);
        // Some draw takes a stretch of both of one worker's visits.
        let placed = (1..200).any(|seed| {
            let mut trial = State::with_solution(&p, &index, state.sol.clone()).expect("feasible");
            let mut rng = Rng::new(seed);
            let Some(run) = ruin_run(&mut trial, &slots, &mut rng) else {
                return false;
            };
            let ok = run.copies.len() == 2;
            assert!(trial.retime_all());
            let left = place_run(&mut trial, run, &mut rng);
            ok && left.is_empty() && trial.cost().extra_workers == 0
        });
        assert!(placed, "no draw copied a whole run to the other day");
    }
}
