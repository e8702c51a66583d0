//! `kind: visit-log`: the care delivered to one person in one ISO week, as
//! call monitoring recorded it: who came, when they arrived and left, what
//! was done and not done, and the outcome of each planned visit.
//!
//! One file per person per week (`logs/<service-user>/<week>.yaml`): a
//! 200-person agency's year is about 10,000 small files, each a short
//! diff when a week is imported or corrected, and one person's week reads
//! in one place.

use super::values::{Date, Id, Time, Week};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One person's delivered visits in one ISO week.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitLog {
    /// Record id, e.g. log-SU-0001-2026-W47.
    pub id: Id,
    /// The service user visited.
    pub service_user: Id,
    /// The ISO week.
    pub week: Week,
    /// The visits of the week, one entry per planned visit (or extra call).
    pub visits: Vec<LoggedVisit>,
}

/// One visit as delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoggedVisit {
    /// Day of the visit.
    pub date: Date,
    /// The visit's label in the visit rules (and the week's rota).
    pub label: String,
    /// The start the rota planned, as the call monitoring system had it.
    #[serde(default)]
    pub planned_start: Option<Time>,
    /// What happened.
    pub outcome: Outcome,
    /// Carers who came (checked in).
    #[serde(default)]
    pub carers: Vec<Id>,
    /// Arrival (check-in) time.
    #[serde(default)]
    pub arrived: Option<Time>,
    /// Departure (check-out) time; before `arrived` only past midnight.
    #[serde(default)]
    pub departed: Option<Time>,
    /// Why the visit was missed or cancelled.
    #[serde(default)]
    pub reason: Option<String>,
    /// Tasks done.
    #[serde(default)]
    pub tasks_done: Vec<String>,
    /// Tasks not done, each with why.
    #[serde(default)]
    pub tasks_not_done: Vec<TaskNotDone>,
    /// The carers' notes of the visit.
    #[serde(default)]
    pub notes: Option<String>,
}

impl LoggedVisit {
    /// Minutes from arrival to departure, past midnight when the departure
    /// is earlier than the arrival (`None` without both times).
    pub fn stay_minutes(&self) -> Option<u32> {
        let (a, d) = (self.arrived?.minutes(), self.departed?.minutes());
        Some(if d >= a { d - a } else { d + 1440 - a })
    }
}

/// A task of the visit not done, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskNotDone {
    /// The task, as the visit rules name it.
    pub task: String,
    /// Why it was not done.
    pub reason: String,
}

/// What happened to a planned visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The visit took place.
    Completed,
    /// No one came (a missed call).
    Missed,
    /// The person cancelled (in hospital, out with family).
    CancelledByPerson,
    /// The agency cancelled, with the person's agreement.
    CancelledByAgency,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 4] = [
        Outcome::Completed,
        Outcome::Missed,
        Outcome::CancelledByPerson,
        Outcome::CancelledByAgency,
    ];

    /// The word written in a record, e.g. `cancelled-by-person`.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::Missed => "missed",
            Outcome::CancelledByPerson => "cancelled-by-person",
            Outcome::CancelledByAgency => "cancelled-by-agency",
        }
    }

    /// The outcome written as `word`.
    pub fn from_name(word: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == word)
    }

    /// Whether the visit was cancelled (by the person or the agency).
    pub fn is_cancelled(self) -> bool {
        matches!(
            self,
            Outcome::CancelledByPerson | Outcome::CancelledByAgency
        )
    }
}

/// The id a visit log of `service_user` in `week` is given, e.g.
/// `log-SU-0001-2026-W47`.
pub fn log_id(service_user: &str, week: Week) -> String {
    format!("log-{service_user}-{week}")
}

/// The path, from the repository root, of the visit log of `service_user`
/// in `week`: `logs/SU-0001/2026-W47.yaml`.
pub fn log_path(service_user: &str, week: Week) -> String {
    format!("logs/{service_user}/{week}.yaml")
}
