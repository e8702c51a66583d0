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
