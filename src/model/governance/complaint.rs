//! `kind: complaint`: a complaint, concern or compliment, and how the
//! agency answered it (regulation 16).

use crate::model::values::{Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A complaint, concern or compliment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complaint {
    /// Record id, e.g. COMP-2026-003.
    pub id: Id,
    /// Complaint, concern or compliment.
    #[serde(rename = "type", default)]
    pub kind: ComplaintType,
    /// The day it was received.
    pub received: Date,
    /// Who made it.
    pub from: Complainant,
    /// How it came in.
    #[serde(default)]
    pub via: Option<Channel>,
    /// The service user it concerns.
    #[serde(default)]
    pub service_user: Option<Id>,
    /// Carers it names.
    #[serde(default)]
    pub carers: Vec<Id>,
    /// What it is about.
    pub about: String,
    /// The day it was acknowledged.
    #[serde(default)]
    pub acknowledged: Option<Date>,
    /// When the full response is due, if agreed with the complainant
    /// (otherwise the policy's working days after `received`).
    #[serde(default)]
    pub response_due: Option<Date>,
    /// The day the full response was sent.
    #[serde(default)]
    pub responded: Option<Date>,
    /// Open until answered and closed.
    #[serde(default)]
    pub status: ComplaintStatus,
    /// The finding: upheld, partly upheld, not upheld or withdrawn.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Referral to the Local Government and Social Care Ombudsman.
    #[serde(default)]
    pub escalation: Option<Escalation>,
    /// What the agency learnt.
    #[serde(default)]
    pub lessons: Option<String>,
    /// Actions raised (ids of `action` records).
    #[serde(default)]
    pub actions: Vec<Id>,
}

impl Complaint {
    /// Whether the deadlines of a complaint apply (not to a compliment).
    pub fn is_complaint(&self) -> bool {
        self.kind != ComplaintType::Compliment
    }
}

/// Complaint, concern or compliment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ComplaintType {
    #[default]
    Complaint,
    Concern,
    Compliment,
}

/// Who made a complaint.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complainant {
    /// Their name.
    pub name: String,
    /// Who they are to the service user, e.g. daughter, self, social worker.
    #[serde(default)]
    pub relationship: Option<String>,
}

/// How a complaint came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Channel {
    Phone,
    Email,
    Letter,
    InPerson,
    Survey,
    Other,
}

/// Whether a complaint is still being dealt with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ComplaintStatus {
    #[default]
    Open,
    Closed,
}

/// The finding of a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Outcome {
    Upheld,
    PartlyUpheld,
    NotUpheld,
    Withdrawn,
}

impl Outcome {
    /// The outcome in words.
    pub fn words(self) -> &'static str {
        match self {
            Outcome::Upheld => "upheld",
            Outcome::PartlyUpheld => "partly upheld",
            Outcome::NotUpheld => "not upheld",
            Outcome::Withdrawn => "withdrawn",
        }
    }
}

/// A complaint taken to the Local Government and Social Care Ombudsman.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// The day the complainant went to the ombudsman.
    pub referred: Date,
    /// The ombudsman's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// What the ombudsman decided.
    #[serde(default)]
    pub outcome: Option<String>,
}
