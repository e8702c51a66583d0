//! Integration tests of `carebook audit`: the real binary on git
//! repositories whose histories are scripted in the test with git2.

#[path = "common/run.rs"]
mod run;
#[path = "audit/support.rs"]
mod support;

#[path = "audit/codes.rs"]
mod codes;
#[path = "audit/findings.rs"]
mod findings;
#[path = "audit/hard_cases.rs"]
mod hard_cases;
#[path = "audit/output.rs"]
mod output;
