//! Integration tests: the real `carebook` binary on fixture repositories.

#[path = "../common/run.rs"]
mod run;
mod support;

mod bad_input;
mod base;
mod export;
mod init;
mod man;
mod output;
mod pdf;
mod people_plans;
mod provider;
mod records;
mod report;
mod rota;
mod rota_plan;
mod serve;
mod staff;
mod visits;
