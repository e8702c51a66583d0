//! `kind: rota`: a week's planned visits, written by `carebook rota` and
//! reviewed by people.

use super::values::{Date, Id, Time, Week};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A week's rota.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rota {
    /// Record id, e.g. rota-2026-W49.
    pub id: Id,
    /// The ISO week.
    pub week: Week,
    /// How and when it was generated.
    #[serde(default)]
    pub generated: Option<Generated>,
    /// Planned visits.
    pub visits: Vec<RotaVisit>,
    /// Visits that could not be assigned, each with the reason.
    #[serde(default)]
    pub unassigned: Vec<Unassigned>,
}

/// How a rota was generated.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generated {
    /// When (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub at: String,
    /// By which program.
    pub by: String,
    /// The search seed.
    #[serde(default)]
    pub seed: Option<u64>,
}

/// One planned visit.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RotaVisit {
    /// Service user visited.
    pub service_user: Id,
    /// The visit's label in the visit rules.
    pub label: String,
    /// Day of the visit.
    pub date: Date,
    /// Planned start.
    pub start: Time,
    /// Planned end.
    pub end: Time,
    /// Carers assigned.
    pub carers: Vec<Id>,
    /// Fixed by a person: re-planning keeps it.
    #[serde(default)]
    pub locked: bool,
}

/// A visit left unassigned.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unassigned {
    /// Service user.
    pub service_user: Id,
    /// The visit's label.
    pub label: String,
    /// Day.
    pub date: Date,
    /// Why no carer could take it.
    pub reason: String,
}
