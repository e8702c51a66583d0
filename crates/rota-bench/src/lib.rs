//! Benchmarks of carebook's rota engine on instances of the literature:
//! adapters that read them into the engine's [`Problem`] and write
//! solutions in their published formats. Only the `rota-bench` binary and
//! the benchmark tests use it; it is not part of the shipped `carebook`.
//!
//! [`Problem`]: carebook::rota::engine::problem::Problem

pub mod mankowska;
