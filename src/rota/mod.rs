//! The rota: a week of visits as a vehicle-routing problem with time
//! windows, skills and linked tasks ([`agency`]), solved by the
//! domain-free [`engine`] (regret insertion, then ruin-and-recreate under
//! simulated annealing, seeded and time-limited) and written back as a
//! rota record ([`plan`], [`mod@write`]), whose figures [`compare`] sets
//! beside the week before's.

pub mod agency;
pub mod compare;
pub mod engine;
mod explain;
pub mod plan;
pub mod write;
