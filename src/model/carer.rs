//! `kind: carer`: a member of staff, with availability, checks and training.

use super::competence::Competency;
use super::recruitment::{DbsLevel, Identity, OptOut, Period, References};
use super::values::{Date, Day, Id, Location, Postcode, Window};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A member of staff.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Carer {
    /// Record id, e.g. C-0001.
    pub id: Id,
    /// Full name.
    pub name: String,
    /// Job role.
    pub role: Role,
    /// Gender, for visits with a gender preference.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Employment status.
    pub status: CarerStatus,
    /// First day of employment.
    pub start_date: Date,
    /// Contracted hours a week.
    #[serde(default)]
    #[schemars(range(min = 0, max = 168))]
    pub contracted_hours: Option<f64>,
    /// Where the carer starts and ends the day.
    pub home: Home,
    /// How the carer travels between visits.
    pub travel: TravelMode,
    /// Skills, e.g. hoist, dementia. A skill the policy has assessed
    /// (`assessed_skills`: medication, PEG feeding…) counts only with a
    /// dated assessment in `competencies`.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Skills assessed as competent, with the date (and a clinician's
    /// sign-off for clinical tasks).
    #[serde(default)]
    pub competencies: Vec<Competency>,
    /// Windows the carer can work, per day; a day not listed is a day off.
    #[serde(default)]
    pub availability: BTreeMap<Day, Vec<Window>>,
    /// Leave and other absences.
    #[serde(default)]
    pub unavailable: Vec<Absence>,
    /// Pre-employment checks.
    #[serde(default)]
    pub checks: Checks,
    /// Courses completed.
    #[serde(default)]
    pub training: Vec<Training>,
    /// Dates of supervisions.
    #[serde(default)]
    pub supervisions: Vec<Date>,
    /// Date of the last appraisal.
    #[serde(default)]
    pub appraisal: Option<Date>,
    /// Jobs held before, and gaps with their explanation (Schedule 3).
    #[serde(default)]
    pub employment_history: Vec<Period>,
    /// A signed opt-out of the 48-hour average week.
    #[serde(default)]
    pub working_time_opt_out: Option<OptOut>,
}

impl Dbs {
    /// The first date the agency held a DBS check for the carer: the
    /// earliest of this certificate, earlier ones and an Adult First check.
    pub fn first_checked(&self) -> NaiveDate {
        self.previous_issued
            .iter()
            .chain(&self.adult_first)
            .map(|d| d.0)
            .fold(self.issued.0, NaiveDate::min)
    }
}

impl Carer {
    /// Whether the carer is away on `date`.
    pub fn on_leave(&self, date: chrono::NaiveDate) -> bool {
        self.unavailable
            .iter()
            .any(|a| a.from.0 <= date && date <= a.to.0)
    }

    /// Whether the carer lists or has been assessed in every skill of
    /// `skills`, on any date (see [`Carer::skill_on`] for one day).
    pub fn has_skills(&self, skills: &[String]) -> bool {
        skills
            .iter()
            .all(|s| self.skills.contains(s) || self.competencies.iter().any(|c| &c.skill == s))
    }
}

/// Job role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Role {
    CareWorker,
    SeniorCareWorker,
    Nurse,
    Coordinator,
    Volunteer,
}

/// Gender, as used for carer-gender preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Gender {
    Female,
    Male,
}

/// Employment status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum CarerStatus {
    Active,
    Leave,
    Leaver,
}

/// Where a carer starts and ends the day.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Home {
    /// Postcode.
    #[serde(default)]
    pub postcode: Option<Postcode>,
    /// Location, for travel times.
    pub location: Location,
}

/// How a carer travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum TravelMode {
    Walk,
    Bicycle,
    PublicTransport,
    Car,
}

/// A period of absence, inclusive.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// First day away.
    pub from: Date,
    /// Last day away.
    pub to: Date,
    /// Why, e.g. annual-leave.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Pre-employment checks.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    /// DBS certificate.
    #[serde(default)]
    pub dbs: Option<Dbs>,
    /// Right-to-work check.
    #[serde(default)]
    pub right_to_work: Option<RightToWork>,
    /// References: each referee (name, relationship, date received), or
    /// the number received.
    #[serde(default)]
    pub references: Option<References>,
    /// Proof of identity, with a photograph.
    #[serde(default)]
    pub identity: Option<Identity>,
    /// The date the carer's health declaration was received.
    #[serde(default)]
    pub health_declaration: Option<Date>,
    /// Driving checks, for carers who travel by car.
    #[serde(default)]
    pub driving: Option<Driving>,
}

/// A DBS certificate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dbs {
    /// Certificate number, quoted.
    pub certificate: String,
    /// Date issued.
    pub issued: Date,
    /// Whether the carer is on the DBS update service.
    #[serde(default)]
    pub update_service: bool,
    /// The certificate's level: `enhanced` for care work.
    #[serde(default)]
    pub level: Option<DbsLevel>,
    /// Whether the adults' barred list was checked.
    #[serde(default)]
    pub barred_list: bool,
    /// Dates of online status checks on the update service.
    #[serde(default)]
    pub status_checks: Vec<Date>,
    /// Issue dates of the carer's earlier certificates with the agency,
    /// when this one is a renewal: the first was the pre-employment check.
    #[serde(default)]
    pub previous_issued: Vec<Date>,
    /// Date of a DBS Adult First check (the barred list alone), which lets
    /// a carer start, supervised, before the certificate is back.
    #[serde(default)]
    pub adult_first: Option<Date>,
}

/// A right-to-work check.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightToWork {
    /// Date checked.
    pub checked_on: Date,
    /// When the right expires (`null`: it does not).
    #[serde(default)]
    pub expires: Option<Date>,
}

/// Driving checks.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Driving {
    /// Date the licence was checked.
    #[serde(default)]
    pub licence_checked_on: Option<Date>,
    /// When business insurance expires.
    #[serde(default)]
    pub business_insurance_expires: Option<Date>,
}

/// A completed course.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Course name, as in `policy.mandatory_training`.
    pub course: String,
    /// Date completed.
    pub completed: Date,
}
