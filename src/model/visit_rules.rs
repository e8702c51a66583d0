//! `kind: visit-rules`: the visits a person's care plan needs each week.

use super::values::{Date, Days, Duration, Id, Window};
use crate::model::carer::Gender;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The visits a service user needs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitRules {
    /// Record id, e.g. VR-0001.
    pub id: Id,
    /// The service user visited.
    pub service_user: Id,
    /// The care plan these visits deliver.
    pub care_plan: Id,
    /// First day these rules apply.
    #[serde(default)]
    pub valid_from: Option<Date>,
    /// Last day these rules apply.
    #[serde(default)]
    pub valid_to: Option<Date>,
    /// Only carers of this gender.
    #[serde(default)]
    pub carer_gender: Option<Gender>,
    /// Carers the person prefers.
    #[serde(default)]
    pub preferred_carers: Vec<Id>,
    /// Carers who must not visit.
    #[serde(default)]
    pub excluded_carers: Vec<Id>,
    /// The visits.
    pub visits: Vec<Visit>,
}

impl VisitRules {
    /// Whether the rules apply on `date`.
    pub fn valid_on(&self, date: chrono::NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f.0 <= date) && self.valid_to.is_none_or(|t| date <= t.0)
    }

    /// Whether the rules ended before `date` (their `valid_to` is earlier):
    /// rules that have not are in force on `date` or yet to start.
    pub fn ended_before(&self, date: chrono::NaiveDate) -> bool {
        self.valid_to.is_some_and(|t| t.0 < date)
    }
}

/// One recurring visit.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Name of the visit, unique within the rules, e.g. morning.
    pub label: String,
    /// Days it runs.
    pub days: Days,
    /// Window for the planned start.
    pub window: Window,
    /// How long it lasts.
    pub duration: Duration,
    /// Carers needed, 1 or 2 (two start together).
    #[serde(default = "one")]
    #[schemars(range(min = 1, max = 2))]
    pub carers: u8,
    /// Skills every carer on the visit needs.
    #[serde(default)]
    pub skills: Vec<String>,
    /// What is done.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// A gap after another visit the same day.
    #[serde(default)]
    pub after: Option<After>,
    /// Agreed exceptions to the 30-minute minimum (NICE NG21), one per task.
    #[serde(default)]
    pub short_visit_agreed: Vec<ShortVisitAgreement>,
}

/// An agreement that one task may be done in a visit under 30 minutes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortVisitAgreement {
    /// The task, as written in `tasks`.
    pub task: String,
    /// Who agreed: the person, their representative, the commissioner.
    pub agreed_by: String,
    /// When.
    pub agreed_on: Date,
    /// Why a shorter visit suits the person for this task.
    pub reason: String,
}

fn one() -> u8 {
    1
}

/// A minimum (and optional maximum) gap after another visit's start.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct After {
    /// Label of the earlier visit.
    pub visit: String,
    /// Least time between the two starts.
    pub min_gap: Duration,
    /// Most time between the two starts.
    #[serde(default)]
    pub max_gap: Option<Duration>,
}
