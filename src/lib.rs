//! carebook: care records as YAML in git.
//!
//! The pipeline: [`load`] walks a records repository and reads every file
//! into a positioned YAML tree and typed [`model`] records; [`schema`]
//! validates each tree against the kind's JSON Schema; [`index`] indexes
//! the typed records once (by kind, id and service user); [`check`] runs
//! the rules on that index and returns findings as data ([`diag`] holds the
//! codes, findings and severities every command shares), and [`rota`],
//! [`report`] and [`export`] read the same index. The binary prints them.

#![warn(missing_docs)]

pub mod audit;
pub mod check;
pub mod diag;
pub mod export;
pub mod fsutil;
pub mod import;
pub mod index;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod report;
pub mod rota;
pub mod schema;
pub mod serve;
pub mod terminal;
pub mod travel;
pub mod wording;
