//! The rota engine: a week of visits as a vehicle-routing problem with time
//! windows, skills and linked tasks, solved by regret insertion and then
//! ruin-and-recreate under simulated annealing, seeded and time-limited.

pub mod agency;
pub mod construct;
pub mod improve;
pub mod index;
pub mod insert;
pub mod mankowska;
pub mod plan;
pub mod problem;
pub mod rng;
pub mod solution;
pub mod write;
