//! `kind: service-user`: a person who receives care.

use super::values::{Date, Id, Location, NhsNumber, Postcode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A person who receives care.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceUser {
    /// Record id, e.g. SU-0001.
    pub id: Id,
    /// Full name.
    pub name: String,
    /// The name they like to be called.
    #[serde(default)]
    pub preferred_name: Option<String>,
    /// Date of birth.
    pub date_of_birth: Date,
    /// Gender, in the person's own words.
    #[serde(default)]
    pub gender: Option<String>,
    /// NHS number, quoted.
    pub nhs_number: NhsNumber,
    /// Whether care is being delivered.
    pub status: ServiceUserStatus,
    /// First day of care.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Home address.
    pub address: Address,
    /// Where the home is, for travel times.
    pub location: Location,
    /// How to get in.
    #[serde(default)]
    pub access_notes: Option<String>,
    /// The person's GP.
    #[serde(default)]
    pub gp: Option<Gp>,
    /// Family, friends and attorneys.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// How the person communicates.
    #[serde(default)]
    pub communication: Option<String>,
    /// Known allergies.
    #[serde(default)]
    pub allergies: Vec<String>,
    /// Do-not-attempt-CPR decision.
    #[serde(default)]
    pub dnacpr: Option<Dnacpr>,
    /// Who pays, and for how many hours.
    #[serde(default)]
    pub funding: Option<Funding>,
}

/// Whether care is being delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceUserStatus {
    /// Receiving care.
    Active,
    /// In hospital: no visits.
    Hospital,
    /// Care paused: no visits.
    Paused,
    /// Care ended.
    Ended,
}

/// A postal address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// First line.
    pub line1: String,
    /// Second line.
    #[serde(default)]
    pub line2: Option<String>,
    /// Town or city.
    pub town: String,
    /// UK postcode.
    pub postcode: Postcode,
}

/// A GP.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gp {
    /// The GP's name.
    pub name: String,
    /// The practice.
    #[serde(default)]
    pub practice: Option<String>,
    /// Phone number, quoted.
    #[serde(default)]
    pub phone: Option<String>,
}

/// A family member, friend or attorney.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Relationship to the person.
    #[serde(default)]
    pub relationship: Option<String>,
    /// Phone number, quoted.
    #[serde(default)]
    pub phone: Option<String>,
    /// Lasting power of attorney held.
    #[serde(default)]
    pub lpa: Lpa,
    /// Whether to keep them informed.
    #[serde(default)]
    pub keep_informed: bool,
}

/// Lasting power of attorney held by a contact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Lpa {
    /// No LPA.
    #[default]
    None,
    /// Health and welfare LPA.
    HealthAndWelfare,
    /// Property and financial affairs LPA.
    PropertyAndFinancial,
    /// Both kinds.
    Both,
}

impl Lpa {
    /// Whether this LPA covers decisions about care.
    pub fn covers_welfare(self) -> bool {
        matches!(self, Lpa::HealthAndWelfare | Lpa::Both)
    }
}

/// Do-not-attempt-CPR decision.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dnacpr {
    /// Whether a DNACPR decision is in place.
    pub in_place: bool,
    /// Date of the decision.
    #[serde(default)]
    pub date: Option<Date>,
    /// Where the form is kept.
    #[serde(default)]
    pub form_location: Option<String>,
}

/// Who pays for care.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Funding source.
    pub source: FundingSource,
    /// Carer-hours a week commissioned (a 45-minute double-up counts 1.5 h).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub commissioned_hours_per_week: Option<f64>,
    /// The funder's reference.
    #[serde(default)]
    pub reference: Option<String>,
}

/// Funding source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum FundingSource {
    LocalAuthority,
    NhsChc,
    SelfFunded,
    DirectPayment,
}
