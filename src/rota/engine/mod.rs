//! The domain-free routing engine: tasks, vehicles (a worker's shift),
//! workers, links between tasks and a weighted objective, solved by regret
//! insertion ([`construct`]) and ruin and recreate ([`improve`]), with moves
//! of a person's recurring visits to one worker for continuity
//! ([`continuity`]). It knows
//! nothing of care records: [`crate::rota::agency`] builds its problem from
//! an agency's week, and benchmark adapters build it from the literature's
//! instances.

pub mod construct;
pub mod continuity;
pub mod deadline;
pub mod improve;
pub mod index;
pub mod insert;
pub mod problem;
pub mod rng;
pub mod solution;

#[cfg(test)]
mod fixture;
