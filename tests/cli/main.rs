//! Integration tests: the real `carebook` binary on fixture repositories.

#[path = "../common/run.rs"]
mod run;
mod support;

mod bad_input;
mod base;
mod export;
mod init;
mod output;
mod people_plans;
mod records;
mod report;
mod rota;
mod rota_plan;
mod staff;
mod trust;
mod visits;
