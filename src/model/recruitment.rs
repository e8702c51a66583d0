//! The Schedule 3 parts of a carer's file (Health and Social Care Act 2008
//! (Regulated Activities) Regulations 2014): proof of identity, DBS level
//! and barred list, references with their referees' details, employment
//! history and the health declaration; and the carer's written opt-out of
//! the 48-hour week.

use super::values::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The day the DBS Update Service began: no certificate issued before it
/// can be on the service.
pub const UPDATE_SERVICE_BEGAN: (i32, u32, u32) = (2013, 6, 17);

/// Proof of identity, including a recent photograph.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// The date the original document was seen.
    pub checked_on: Date,
    /// What was seen.
    pub document: IdDocument,
    /// Whether a recent photograph is held on file.
    #[serde(default)]
    pub photo: bool,
}

/// A document that proves identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum IdDocument {
    Passport,
    DrivingLicence,
    BiometricResidencePermit,
    NationalIdentityCard,
    Other,
}

/// The level of a DBS certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum DbsLevel {
    Basic,
    Standard,
    Enhanced,
}

/// References: the number received (the older form) or each referee.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum References {
    /// How many references were received, without the referees' details.
    Count(u32),
    /// Each referee and when their reference came.
    Referees(Vec<Referee>),
}

impl References {
    /// How many references were received.
    pub fn received(&self) -> u32 {
        match self {
            References::Count(n) => *n,
            References::Referees(list) => {
                u32::try_from(list.iter().filter(|r| r.received.is_some()).count())
                    .unwrap_or(u32::MAX)
            }
        }
    }
}

/// A referee and their reference.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referee {
    /// The referee's name.
    pub name: String,
    /// Where the referee works, e.g. the carer's last employer.
    #[serde(default)]
    pub organisation: Option<String>,
    /// How the referee knows the carer, e.g. `last employer in care`.
    pub relationship: String,
    /// The date the reference was received (`null`: asked for, not back).
    #[serde(default)]
    pub received: Option<Date>,
}

/// A stretch of the carer's past: a job, or a gap and why.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day (`null`: until the carer started here).
    #[serde(default)]
    pub to: Option<Date>,
    /// The employer, for a job.
    #[serde(default)]
    pub employer: Option<String>,
    /// The job held.
    #[serde(default)]
    pub role: Option<String>,
    /// For a gap: what the carer did (study, caring for family, travel…).
    #[serde(default)]
    pub explanation: Option<String>,
}

/// A written agreement to work more than 48 hours a week on average
/// (Working Time Regulations 1998, regulation 5).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptOut {
    /// The date the carer signed it.
    pub signed: Date,
    /// The date it ended, when the carer withdrew it.
    #[serde(default)]
    pub withdrawn: Option<Date>,
}

impl OptOut {
    /// Whether the opt-out is in force on `date`.
    pub fn in_force(&self, date: chrono::NaiveDate) -> bool {
        self.signed.0 <= date && self.withdrawn.is_none_or(|w| date < w.0)
    }
}
