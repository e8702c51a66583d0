//! Benchmarks of carebook's rota engine: adapters that read the
//! literature's instances into the engine's [`Problem`] and write solutions
//! in their published formats ([`mankowska`]), and the week benchmark that
//! runs `carebook rota` beside its peers on generated agencies ([`week`],
//! with the [`greedy`] reference). Only the `rota-bench` binary and the
//! benchmark tests use it; it is not part of the shipped `carebook`.
//!
//! [`Problem`]: carebook::rota::engine::problem::Problem

pub mod greedy;
pub mod mankowska;
pub mod week;
