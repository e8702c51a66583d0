//! Integration tests: the real `carebook` binary on fixture repositories.

mod support;

mod base;
mod people_plans;
mod rota;
mod staff;
mod visits;
