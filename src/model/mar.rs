//! `kind: mar`: the medication administration record of one person in one
//! ISO week: for each scheduled dose of each medicine in their care plan,
//! what happened (given, refused, not given and why, given by family,
//! self-administered), when and by whom; and the as-needed (PRN) doses
//! given, with reason and effect.
//!
//! One file per person per week (`mar/<service-user>/<week>.yaml`), like
//! visit logs: a 200-person agency's year is about 10,000 short files, and
//! a correction is a one-line diff.

use super::values::{Date, Id, Time, Week};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One person's MAR for one ISO week.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mar {
    /// Record id, e.g. mar-SU-0006-2026-W47.
    pub id: Id,
    /// The service user.
    pub service_user: Id,
    /// The ISO week.
    pub week: Week,
    /// Scheduled doses, one entry per dose time of each medicine per day.
    #[serde(default)]
    pub doses: Vec<MarDose>,
    /// As-needed (PRN) doses given.
    #[serde(default)]
    pub prn: Vec<PrnDose>,
}

/// What happened to one scheduled dose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarDose {
    /// Day of the dose.
    pub date: Date,
    /// The dose time in the care plan.
    pub time: Time,
    /// The medicine, named as in the care plan.
    pub medicine: String,
    /// What happened.
    pub outcome: MarOutcome,
    /// When it was given (or offered and refused).
    #[serde(default)]
    pub given_at: Option<Time>,
    /// The carer who gave it, offered it or recorded it.
    #[serde(default)]
    pub carer: Option<Id>,
    /// Why a dose was not given (`outcome: not-given`).
    #[serde(default)]
    pub reason: Option<NotGivenReason>,
    /// Notes, e.g. what the person said.
    #[serde(default)]
    pub note: Option<String>,
    /// Who was told of a refusal or omission, and when.
    #[serde(default)]
    pub escalation: Option<Escalation>,
}

/// The outcome of a scheduled dose, with its MAR chart code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MarOutcome {
    /// Given (or prompted and taken) by the carer.
    Given,
    /// Offered and refused by the person.
    Refused,
    /// Not given; `reason` says why.
    NotGiven,
    /// Given by a family member, as the plan records.
    GivenByFamily,
    /// Taken by the person themselves.
    SelfAdministered,
}

impl MarOutcome {
    /// The word written in a record.
    pub fn name(self) -> &'static str {
        match self {
            MarOutcome::Given => "given",
            MarOutcome::Refused => "refused",
            MarOutcome::NotGiven => "not-given",
            MarOutcome::GivenByFamily => "given-by-family",
            MarOutcome::SelfAdministered => "self-administered",
        }
    }
}

/// Why a dose was not given, each with its MAR chart code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NotGivenReason {
    /// In hospital (H).
    Hospital,
    /// Away from home (A).
    Away,
    /// Asleep, and the plan says not to wake them (Z).
    Asleep,
    /// Nausea or vomiting (N).
    NauseaVomiting,
    /// Withheld on a clinician's advice (W).
    Withheld,
    /// Not available: out of stock or not delivered (U).
    Unavailable,
    /// Another reason, in `note` (O).
    Other,
}

/// The chart code of a dose: ✓ given, R refused, F family, S self, or
/// the reason's letter for a dose not given (O without a reason).
pub fn chart_code(outcome: MarOutcome, reason: Option<NotGivenReason>) -> &'static str {
    match outcome {
        MarOutcome::Given => "✓",
        MarOutcome::Refused => "R",
        MarOutcome::GivenByFamily => "F",
        MarOutcome::SelfAdministered => "S",
        MarOutcome::NotGiven => match reason {
            Some(NotGivenReason::Hospital) => "H",
            Some(NotGivenReason::Away) => "A",
            Some(NotGivenReason::Asleep) => "Z",
            Some(NotGivenReason::NauseaVomiting) => "N",
            Some(NotGivenReason::Withheld) => "W",
            Some(NotGivenReason::Unavailable) => "U",
            Some(NotGivenReason::Other) | None => "O",
        },
    }
}

/// The chart codes and what each means, in the order a key lists them.
pub const CHART_KEY: &[(&str, &str)] = &[
    ("✓", "given"),
    ("R", "refused"),
    ("F", "given by family"),
    ("S", "self-administered"),
    ("H", "not given: in hospital"),
    ("A", "not given: away from home"),
    ("Z", "not given: asleep"),
    ("N", "not given: nausea or vomiting"),
    ("W", "not given: withheld on clinical advice"),
    ("U", "not given: not available"),
    ("O", "not given: other reason (see notes)"),
];

/// Who was told of a refused or omitted dose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Who was told: office, GP, pharmacist, NHS 111, family.
    pub to: String,
    /// When.
    pub date: Date,
    /// What was advised or done.
    #[serde(default)]
    pub note: Option<String>,
}

/// An as-needed (PRN) dose given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrnDose {
    /// Day given.
    pub date: Date,
    /// Time given.
    pub given_at: Time,
    /// The medicine, named as in the care plan.
    pub medicine: String,
    /// Dose given, e.g. "2 tablets".
    #[serde(default)]
    pub dose: Option<String>,
    /// Why it was given.
    pub reason: String,
    /// Its effect, recorded later.
    #[serde(default)]
    pub effect: Option<String>,
    /// The carer who gave it.
    pub carer: Id,
}

/// The id of the MAR of `service_user` in `week`, e.g. `mar-SU-0006-2026-W47`.
pub fn mar_id(service_user: &str, week: Week) -> String {
    format!("mar-{service_user}-{week}")
}

/// The path, from the repository root, of the MAR of `service_user` in
/// `week`: `mar/SU-0006/2026-W47.yaml`.
pub fn mar_path(service_user: &str, week: Week) -> String {
    format!("mar/{service_user}/{week}.yaml")
}
