//! `kind: carer`: a member of staff, with availability, checks and training.

use super::values::{Date, Day, Id, Location, Postcode, Window};
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
    /// Skills, e.g. hoist, medication.
    #[serde(default)]
    pub skills: Vec<String>,
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
}

impl Carer {
    /// Whether the carer is away on `date`.
    pub fn on_leave(&self, date: chrono::NaiveDate) -> bool {
        self.unavailable
            .iter()
            .any(|a| a.from.0 <= date && date <= a.to.0)
    }

    /// Whether the carer has every skill in `skills`.
    pub fn has_skills(&self, skills: &[String]) -> bool {
        skills.iter().all(|s| self.skills.contains(s))
    }
}

/// Job role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    /// Number of references received.
    #[serde(default)]
    pub references: Option<u32>,
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
