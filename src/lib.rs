//! carebook: care records as YAML in git.
//!
//! The pipeline: [`load`] walks a records repository and reads every file
//! into a positioned YAML tree and typed [`model`] records; [`schema`]
//! validates each tree against the kind's JSON Schema; [`check`] runs the
//! rules and returns findings as data. The binary prints them.

#![warn(missing_docs)]

pub mod audit;
pub mod check;
pub mod export;
pub mod fsutil;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod report;
pub mod rota;
pub mod schema;
pub mod terminal;
pub mod travel;
pub mod wording;
