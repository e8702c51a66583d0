//! The Mental Capacity Act in a care plan: decision-specific capacity and
//! consent, restrictive practices and deprivation of liberty.

use super::care_plan::{BestInterests, Consent};
use super::values::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Capacity and consent for one decision other than the plan as a whole.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The decision.
    pub decision: DecisionArea,
    /// The decision in plain words, when `other` or to be precise.
    #[serde(default)]
    pub about: Option<String>,
    /// Consent to it, with its capacity assessment.
    pub consent: Consent,
}

/// The decisions capacity is assessed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionArea {
    /// Personal care and its intimate tasks.
    PersonalCare,
    /// Taking medicines, and who manages them.
    Medication,
    /// Restrictive practices (door alarms, locked boxes, bed rails…).
    Restrictions,
    /// Money and property.
    Finances,
    /// Where to live.
    Accommodation,
    /// Another decision, named in `about`.
    Other,
}

impl DecisionArea {
    /// The decision as written in a record.
    pub fn word(self) -> &'static str {
        match self {
            DecisionArea::PersonalCare => "personal-care",
            DecisionArea::Medication => "medication",
            DecisionArea::Restrictions => "restrictions",
            DecisionArea::Finances => "finances",
            DecisionArea::Accommodation => "accommodation",
            DecisionArea::Other => "other",
        }
    }
}

/// A restrictive practice: something that limits the person's freedom.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RestrictivePractice {
    /// What it is, e.g. `door alarm after 21:00`, `locked medicine box`.
    pub practice: String,
    /// Why it is needed: the harm it prevents.
    pub reason: String,
    /// Since when.
    #[serde(default)]
    pub since: Option<Date>,
    /// The best-interests decision behind it, when the person lacks capacity.
    #[serde(default)]
    pub best_interests: Option<BestInterests>,
    /// Date the person, having capacity for this, agreed to it.
    #[serde(default)]
    pub agreed_by_person_on: Option<Date>,
    /// When it is next reviewed (least restrictive option).
    #[serde(default)]
    pub review_due: Option<Date>,
}

/// Whether care at home deprives the person of their liberty (the acid
/// test: under continuous supervision and control, and not free to leave).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeprivationOfLiberty {
    /// Date the arrangements were considered.
    pub considered_on: Date,
    /// Under continuous supervision and control.
    pub continuous_supervision: bool,
    /// Free to leave (to live elsewhere, or go out when they wish).
    pub free_to_leave: bool,
    /// The application to the Court of Protection, once made.
    #[serde(default)]
    pub court_of_protection: Option<CourtApplication>,
}

impl DeprivationOfLiberty {
    /// Whether the acid test is met.
    pub fn acid_test_met(&self) -> bool {
        self.continuous_supervision && !self.free_to_leave
    }
}

/// An application to the Court of Protection to authorise a deprivation
/// of liberty in the community.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourtApplication {
    /// Date the application was made (usually by the commissioner).
    pub applied_on: Date,
    /// Date the court authorised the deprivation.
    #[serde(default)]
    pub authorised_on: Option<Date>,
    /// Date the authorisation ends.
    #[serde(default)]
    pub expires_on: Option<Date>,
    /// Date CQC was notified of the outcome (2009 Regulations, reg 18).
    #[serde(default)]
    pub cqc_notified_on: Option<Date>,
}
