//! Diagnostics as data, shared by every command: severities, places in a
//! file, rule codes of every family, findings and the `policy.rules`
//! resolver. This is the bottom layer: it depends on no other module of
//! carebook, so loading, checking, auditing and reporting can all speak
//! the same words.

pub mod code;
pub mod finding;
pub mod nearest;
pub mod policy;
pub mod pos;
pub mod severity;

pub use code::{Code, Source};
pub use finding::{Finding, Summary};
pub use nearest::nearest;
pub use policy::{Rules, resolve, unknown_rule_help, unknown_rules};
pub use pos::{Pos, Related, Site};
pub use severity::{RuleLevel, Severity};
