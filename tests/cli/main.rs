//! Integration tests: the real `carebook` binary on fixture repositories.

#[path = "../common/run.rs"]
mod run;
mod support;

mod attorneys;
mod bad_input;
mod base;
mod dates;
mod errors;
mod export;
mod generated;
mod governance;
mod hints;
mod hours_actual;
mod import_mar;
mod import_visits;
mod impossible_rules;
mod init;
mod man;
mod mar;
mod messages;
mod not_checked;
mod output;
mod pdf;
mod people_plans;
mod person_rules;
mod provider;
mod records;
mod report;
mod rota;
mod rota_edits;
mod rota_plan;
mod rota_summary;
mod safety;
mod serve;
mod staff;
mod trust;
mod visit_logs;
mod visits;
mod weeks;
