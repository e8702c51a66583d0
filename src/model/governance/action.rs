//! `kind: action`: something the agency will do, with an owner and a due
//! date, raised by an incident, complaint, audit or review.

use crate::model::values::{Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An action on the agency's action plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Record id, e.g. ACT-0001.
    pub id: Id,
    /// What is to be done.
    pub what: String,
    /// What raised it.
    pub source: Source,
    /// The incident, complaint or quality audit that raised it.
    #[serde(default)]
    pub raised_by: Option<Id>,
    /// The day it was raised.
    pub raised: Date,
    /// The carer (usually a manager) responsible for it.
    #[serde(default)]
    pub owner: Option<Id>,
    /// When it is due.
    pub due: Date,
    /// The day it was done.
    #[serde(default)]
    pub done: Option<Date>,
    /// How it was done, or why it changed.
    #[serde(default)]
    pub notes: Option<String>,
}

/// What raised an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Source {
    Incident,
    Complaint,
    Audit,
    Review,
    Other,
}

impl Source {
    /// The word written in a record.
    pub fn word(self) -> &'static str {
        match self {
            Source::Incident => "incident",
            Source::Complaint => "complaint",
            Source::Audit => "audit",
            Source::Review => "review",
            Source::Other => "other",
        }
    }
}
