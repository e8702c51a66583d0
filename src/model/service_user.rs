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
    /// Last day of care, once care has ended (starts the retention period).
    #[serde(default)]
    pub end_date: Option<Date>,
    /// The named care coordinator: a carer id.
    #[serde(default)]
    pub coordinator: Option<Id>,
    /// Equality fields of the adult social care data standard.
    #[serde(default)]
    pub demographics: Option<Box<Demographics>>,
    /// A ReSPECT form (recommended summary plan for emergency care and treatment).
    #[serde(default)]
    pub respect: Option<Respect>,
    /// Wishes for the end of life.
    #[serde(default)]
    pub end_of_life: Option<Box<EndOfLife>>,
    /// Stays in hospital, each with its admission and discharge.
    #[serde(default)]
    pub hospital_stays: Vec<HospitalStay>,
}

/// A stay in hospital.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HospitalStay {
    /// The day the person was admitted.
    pub admitted: Date,
    /// The day they came home; absent while they are still in hospital.
    #[serde(default)]
    pub discharged: Option<Date>,
    /// The hospital, and ward if known.
    #[serde(default)]
    pub hospital: Option<String>,
    /// Why they were admitted, in plain words.
    #[serde(default)]
    pub reason: Option<String>,
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
    /// Date the LPA was registered with the Office of the Public Guardian.
    #[serde(default)]
    pub lpa_registered_on: Option<Date>,
    /// Date the agency saw the original LPA or a certified copy.
    #[serde(default)]
    pub lpa_copy_seen_on: Option<Date>,
    /// A deputyship order of the Court of Protection held.
    #[serde(default)]
    pub deputy: Option<Deputy>,
}

impl Contact {
    /// Whether this contact may decide about care for a person who lacks
    /// capacity: a deputy for personal welfare.
    pub fn welfare_deputy(&self) -> bool {
        self.deputy
            .as_ref()
            .is_some_and(|d| d.scope.covers_welfare())
    }
}

/// A deputyship order of the Court of Protection.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deputy {
    /// What the order covers.
    pub scope: DeputyScope,
    /// Date of the court's order.
    pub order_date: Date,
    /// Date the agency saw the sealed order or a certified copy.
    #[serde(default)]
    pub copy_seen_on: Option<Date>,
}

/// What a deputyship covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeputyScope {
    /// Personal welfare: may decide about care.
    PersonalWelfare,
    /// Property and financial affairs only.
    PropertyAndAffairs,
    /// Both.
    Both,
}

impl DeputyScope {
    /// Whether the order covers decisions about care.
    pub fn covers_welfare(self) -> bool {
        matches!(self, DeputyScope::PersonalWelfare | DeputyScope::Both)
    }
}

/// Equality fields of the adult social care data standard, each in the
/// person's own words or `prefers not to say`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Demographics {
    /// Ethnic group.
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Religion or belief.
    #[serde(default)]
    pub religion: Option<String>,
    /// Preferred language.
    #[serde(default)]
    pub preferred_language: Option<String>,
    /// Sexual orientation (optional).
    #[serde(default)]
    pub sexual_orientation: Option<String>,
    /// Gender identity (optional).
    #[serde(default)]
    pub gender_identity: Option<String>,
}

impl Demographics {
    /// The expected fields not recorded (absent or blank), by name.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("ethnicity", &self.ethnicity),
            ("religion", &self.religion),
            ("preferred_language", &self.preferred_language),
        ]
        .into_iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(name, _)| name)
        .collect()
    }
}

/// A ReSPECT form.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Respect {
    /// Date the form was completed or last reviewed.
    pub date: Date,
    /// Where the form is kept.
    #[serde(default)]
    pub form_location: Option<String>,
}

/// Wishes for the end of life.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndOfLife {
    /// Date the wishes were discussed.
    pub discussed_on: Date,
    /// The person's wishes, in their words.
    #[serde(default)]
    pub wishes: Option<String>,
    /// Where they would prefer to be cared for at the end of life.
    #[serde(default)]
    pub preferred_place: Option<String>,
    /// The person chose not to discuss it (recorded, not pressed).
    #[serde(default)]
    pub declined_to_discuss: bool,
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
