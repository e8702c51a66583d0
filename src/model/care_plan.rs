//! `kind: care-plan`: assessed needs, risks, medication support and consent.

use super::mca::{Decision, DeprivationOfLiberty, RestrictivePractice};
pub use super::medication::{
    DoseTime, Giver, Medication, MedicationItem, MedicationSupport, Prn, ScheduledDose,
};
use super::values::{Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A person's care plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarePlan {
    /// Record id, e.g. CP-0001.
    pub id: Id,
    /// The service user this plan is for.
    pub service_user: Id,
    /// Where the plan stands; `review` stays in force.
    pub status: PlanStatus,
    /// Date of the assessment.
    pub assessed_on: Date,
    /// The carer (coordinator or senior) who assessed.
    pub assessed_by: Id,
    /// First day the plan applies.
    pub effective_from: Date,
    /// Date of the next review.
    pub review_due: Date,
    /// Needs, each with its outcome and support.
    pub needs: Vec<Need>,
    /// Risks and how they are reduced.
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Medication support.
    #[serde(default)]
    pub medication: Option<Medication>,
    /// Consent to this plan.
    #[serde(default)]
    pub consent: Option<Consent>,
    /// Capacity and consent for other decisions (medication, restrictions…).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Restrictive practices, each with the decision behind it.
    #[serde(default)]
    pub restrictive_practices: Vec<RestrictivePractice>,
    /// Whether the arrangements deprive the person of their liberty.
    #[serde(default)]
    pub deprivation_of_liberty: Option<DeprivationOfLiberty>,
    /// How the person took part in writing the plan.
    #[serde(default)]
    pub involvement: Option<Involvement>,
    /// Reviews held, oldest first.
    #[serde(default)]
    pub reviews: Vec<Review>,
}

/// How the person took part in their plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Involvement {
    /// Whether the person took part.
    pub person_involved: bool,
    /// How they took part, or who spoke for them.
    #[serde(default)]
    pub how: Option<String>,
    /// Why they did not, when they did not.
    #[serde(default)]
    pub why_not: Option<String>,
}

/// A review of the care plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Date of the review.
    pub date: Date,
    /// The carer who led it.
    #[serde(default)]
    pub led_by: Option<Id>,
    /// Who took part, e.g. `the person`, `Susan Ellis (daughter)`.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Whether the person took part.
    pub person_involved: bool,
    /// What changed, in brief.
    #[serde(default)]
    pub outcome: Option<String>,
}

impl CarePlan {
    /// Whether the plan is in force (`active` or `review`).
    pub fn in_force(&self) -> bool {
        self.status.in_force()
    }
}

/// The value of a kebab-case word as one of the model's enums, as serde
/// reads it from a record: `None` for a word outside the set.
fn from_word<T: serde::de::DeserializeOwned>(word: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(word.to_owned())).ok()
}

impl PlanStatus {
    /// The status written as `word` in a record (`active`, `review`, ...).
    pub fn from_word(word: &str) -> Option<PlanStatus> {
        from_word(word)
    }

    /// Whether a plan of this status is in force: `active`, or in
    /// `review` (care goes on while a plan is reviewed).
    pub fn in_force(self) -> bool {
        matches!(self, PlanStatus::Active | PlanStatus::Review)
    }
}

/// Where a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum PlanStatus {
    Draft,
    Active,
    Review,
    Ended,
}

/// One assessed need.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// The area of need.
    pub domain: Domain,
    /// The need, in plain words.
    pub need: String,
    /// The outcome the person wants.
    pub outcome: String,
    /// How carers support it.
    pub support: String,
}

/// Areas of need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Domain {
    PersonalCare,
    Nutrition,
    Mobility,
    Medication,
    Continence,
    SkinIntegrity,
    Communication,
    MentalHealth,
    Social,
    Domestic,
}

/// A risk and its mitigation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// What the risk is, e.g. falls.
    pub risk: String,
    /// How serious.
    pub level: RiskLevel,
    /// How it is reduced.
    pub mitigation: String,
    /// When it was last reviewed.
    pub reviewed_on: Date,
}

/// Risk level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// Consent to the plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The consent's status.
    pub status: ConsentStatus,
    /// Date consent was given (or refused, withdrawn).
    #[serde(default)]
    pub date: Option<Date>,
    /// Who gave it.
    #[serde(default)]
    pub given_by: Option<GivenBy>,
    /// The attorney or deputy, by name, when given by one.
    #[serde(default)]
    pub attorney: Option<String>,
    /// The mental capacity assessment.
    #[serde(default)]
    pub capacity: Option<Capacity>,
    /// The best-interests decision, when the person lacks capacity.
    #[serde(default)]
    pub best_interests: Option<BestInterests>,
    /// The carer who recorded it.
    #[serde(default)]
    pub recorded_by: Option<Id>,
}

/// Consent status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ConsentStatus {
    Given,
    Refused,
    Withdrawn,
    BestInterests,
}

impl ConsentStatus {
    /// The status written as `word` in a record (`given`, ...).
    pub fn from_word(word: &str) -> Option<ConsentStatus> {
        from_word(word)
    }

    /// Whether care may go on: consent given, or a best-interests
    /// decision under the Mental Capacity Act.
    pub fn allows_care(self) -> bool {
        matches!(self, ConsentStatus::Given | ConsentStatus::BestInterests)
    }
}

/// Who gave consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum GivenBy {
    #[serde(rename = "self")]
    Self_,
    Lpa,
    Deputy,
}

/// A mental capacity assessment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Date of the assessment.
    pub assessed_on: Date,
    /// Whether the person has capacity for this decision.
    pub has_capacity: bool,
    /// The decision assessed.
    #[serde(default)]
    pub decision: Option<String>,
    /// Who assessed: a carer id, or a named professional.
    #[serde(default)]
    pub assessed_by: Option<String>,
}

/// A best-interests decision.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BestInterests {
    /// Date of the decision.
    pub date: Date,
    /// The carer who made it.
    pub decision_maker: Id,
    /// People consulted.
    #[serde(default)]
    pub consulted: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_from_their_words() {
        assert_eq!(PlanStatus::from_word("review"), Some(PlanStatus::Review));
        assert_eq!(PlanStatus::from_word("Review"), None);
        assert!(PlanStatus::Review.in_force() && !PlanStatus::Draft.in_force());
        assert_eq!(
            ConsentStatus::from_word("best-interests"),
            Some(ConsentStatus::BestInterests)
        );
        assert!(ConsentStatus::BestInterests.allows_care());
        assert!(!ConsentStatus::Withdrawn.allows_care());
    }
}
