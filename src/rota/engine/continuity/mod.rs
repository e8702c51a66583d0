//! Continuity of carers as a move of its own: a person's visits taken out
//! as a whole, one recurring slot (the same visit on each day of the week)
//! or the whole week, and put back on one worker where they fit. When that
//! worker is busy at those times, the visits in the way are taken out too
//! and put back wherever is best, often in the time the first worker had
//! (a swap of slots between two workers). A run, a stretch of one
//! worker's day, is copied to another day the same way ([`ruin_run`]).
//!
//! The task-at-a-time search cannot find these: taking one visit from a
//! worker lowers the count of distinct workers only when it is that
//! worker's last visit to the person, so every single step on the way
//! costs more.

mod construct;
mod moves;
mod runs;
mod slots;

pub use construct::construct;
pub use moves::{place, ruin};
pub use runs::{Run, place_run, ruin_run};
pub use slots::Slots;

use crate::rota::engine::problem::TaskId;
use crate::rota::engine::solution::State;

/// The tasks of `tasks` that are not assigned.
fn unassigned(state: &State, tasks: &[TaskId]) -> Vec<TaskId> {
    tasks
        .iter()
        .copied()
        .filter(|&t| state.sol.vehicle_of[t].is_none())
        .collect()
}

/// A check shared by the continuity moves' tests: on ten random problems
/// first planned by regret insertion, `step` thirty times over, then what
/// it left out put back at its best; after each, every rule holds, double
/// ups are whole, the kept cost is the cost of the solution, and nothing
/// is lost wholesale.
#[cfg(test)]
fn assert_steps_keep_every_rule(
    step: &mut dyn FnMut(&mut State, &Slots, &mut crate::rota::engine::rng::Rng) -> Vec<TaskId>,
) {
    use crate::rota::engine::construct::regret_insertion;
    use crate::rota::engine::deadline::Deadline;
    use crate::rota::engine::fixture::{assert_double_ups_whole, assert_links_respected, problem};
    use crate::rota::engine::index::Index;
    use crate::rota::engine::insert::insert_best;
    use crate::rota::engine::rng::Rng;
    for seed in 1..=10 {
        let p = problem(seed);
        let index = Index::new(&p);
        let slots = Slots::new(&p, &index.together);
        let mut state = State::new(&p, &index);
        let mut rng = Rng::new(seed);
        regret_insertion(&mut state, &mut rng, Deadline::never());
        let unassigned_before = state.cost().unassigned;
        for _ in 0..30 {
            for t in step(&mut state, &slots, &mut rng) {
                insert_best(&mut state, t, &mut rng, 0.0);
            }
            let cost = state.cost();
            assert!(state.retime_all(), "seed {seed}");
            assert!(
                (cost.total - state.cost().total).abs() < 1e-6,
                "seed {seed}"
            );
            assert_links_respected(&p, &state.sol);
            assert_double_ups_whole(&p, &state.sol);
        }
        // Not a test of quality, but nothing is lost wholesale.
        assert!(state.cost().unassigned <= unassigned_before + p.tasks.len() / 3);
    }
}
