//! `kind: incident`: an accident, fall, medication error, allegation of
//! abuse or other event, with what was done about it: safeguarding
//! referral, CQC notification, duty of candour and investigation.

use crate::model::values::{Date, Id, Time};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An incident and its follow-up.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// Record id, e.g. INC-2026-001.
    pub id: Id,
    /// What sort of incident.
    #[serde(rename = "type")]
    pub kind: IncidentType,
    /// The day it happened.
    pub occurred: Date,
    /// The time it happened, if known.
    #[serde(default)]
    pub time: Option<Time>,
    /// The day the agency learnt of it, when later than `occurred`;
    /// deadlines run from here.
    #[serde(default)]
    pub reported: Option<Date>,
    /// The carer who reported it.
    #[serde(default)]
    pub reported_by: Option<Id>,
    /// Service users involved.
    #[serde(default)]
    pub service_users: Vec<Id>,
    /// Carers involved.
    #[serde(default)]
    pub carers: Vec<Id>,
    /// What happened, in plain words.
    pub summary: String,
    /// The harm done, on the NHS scale.
    pub harm: Harm,
    /// What was done at once to make the person safe.
    #[serde(default)]
    pub immediate_action: Option<String>,
    /// Whether the police were involved (makes the incident notifiable).
    #[serde(default)]
    pub police_involved: bool,
    /// The safeguarding concern and referral, if any.
    #[serde(default)]
    pub safeguarding: Option<Safeguarding>,
    /// The CQC notification.
    #[serde(default)]
    pub notification: Option<Notification>,
    /// Duty of candour (regulation 20) for a notifiable safety incident.
    #[serde(default)]
    pub candour: Option<Candour>,
    /// The investigation.
    #[serde(default)]
    pub investigation: Option<Investigation>,
    /// Actions raised (ids of `action` records).
    #[serde(default)]
    pub actions: Vec<Id>,
    /// Open until the investigation and actions are done.
    #[serde(default)]
    pub status: IncidentStatus,
}

impl Incident {
    /// The day deadlines run from: when the agency learnt of it.
    pub fn known_on(&self) -> Date {
        self.reported.unwrap_or(self.occurred).max(self.occurred)
    }

    /// Whether the incident must be notified to CQC: a death, serious
    /// injury (severe harm), abuse or an allegation of it, or police
    /// involvement (2009 Regulations 16 and 18).
    pub fn notifiable(&self) -> bool {
        matches!(
            self.kind,
            IncidentType::Death | IncidentType::AbuseAllegation | IncidentType::PoliceInvolvement
        ) || matches!(self.harm, Harm::Severe | Harm::Death)
            || self.police_involved
            || self.abuse_suspected()
    }

    /// Whether the incident is an allegation or suspicion of abuse.
    pub fn abuse_suspected(&self) -> bool {
        self.kind == IncidentType::AbuseAllegation
            || self.safeguarding.as_ref().is_some_and(|s| s.concern)
    }

    /// Whether the harm makes it a notifiable safety incident under the
    /// duty of candour: moderate harm or worse.
    pub fn candour_applies(&self) -> bool {
        self.harm >= Harm::Moderate
    }
}

/// What sort of incident.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum IncidentType {
    Accident,
    Fall,
    MedicationError,
    PressureDamage,
    MissedVisit,
    Injury,
    AbuseAllegation,
    Death,
    PoliceInvolvement,
    Other,
}

impl IncidentType {
    /// Every type, in the order reports list them.
    pub const ALL: [IncidentType; 10] = [
        IncidentType::Fall,
        IncidentType::MedicationError,
        IncidentType::MissedVisit,
        IncidentType::PressureDamage,
        IncidentType::Accident,
        IncidentType::Injury,
        IncidentType::AbuseAllegation,
        IncidentType::PoliceInvolvement,
        IncidentType::Death,
        IncidentType::Other,
    ];

    /// The word written in a record, e.g. `medication-error`.
    pub fn word(self) -> &'static str {
        match self {
            IncidentType::Accident => "accident",
            IncidentType::Fall => "fall",
            IncidentType::MedicationError => "medication-error",
            IncidentType::PressureDamage => "pressure-damage",
            IncidentType::MissedVisit => "missed-visit",
            IncidentType::Injury => "injury",
            IncidentType::AbuseAllegation => "abuse-allegation",
            IncidentType::Death => "death",
            IncidentType::PoliceInvolvement => "police-involvement",
            IncidentType::Other => "other",
        }
    }
}

/// The harm done, least first (the NHS scale).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Harm {
    None,
    Low,
    Moderate,
    Severe,
    Death,
}

impl Harm {
    /// The word written in a record.
    pub fn word(self) -> &'static str {
        match self {
            Harm::None => "none",
            Harm::Low => "low",
            Harm::Moderate => "moderate",
            Harm::Severe => "severe",
            Harm::Death => "death",
        }
    }
}

/// Whether an incident is still being dealt with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum IncidentStatus {
    #[default]
    Open,
    Closed,
}

/// A safeguarding concern and its referral to the local authority.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Safeguarding {
    /// Whether there is an allegation or suspicion of abuse or neglect.
    pub concern: bool,
    /// The day the referral was made to the local authority.
    #[serde(default)]
    pub referred: Option<Date>,
    /// The local authority's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// What the local authority decided, once known.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// The CQC notification of an incident.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// The day it was sent.
    #[serde(default)]
    pub sent: Option<Date>,
    /// CQC's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// Why none is needed, for an incident whose type or harm would
    /// otherwise require one (e.g. an expected death not linked to care).
    #[serde(default)]
    pub not_required: Option<String>,
}

/// The steps of the duty of candour (regulation 20).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candour {
    /// The day the person (or their representative) was told in person,
    /// with an apology.
    #[serde(default)]
    pub told: Option<Date>,
    /// Who told them.
    #[serde(default)]
    pub told_by: Option<Id>,
    /// The day the written notice and apology were sent.
    #[serde(default)]
    pub written: Option<Date>,
    /// Why the steps could not be taken (the person declined, or could
    /// not be contacted), as regulation 20 asks to record.
    #[serde(default)]
    pub not_possible: Option<String>,
}

/// The investigation of an incident.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Investigation {
    /// The carer (usually a manager) who leads it.
    #[serde(default)]
    pub owner: Option<Id>,
    /// When it is due.
    pub due: Date,
    /// The day it was completed.
    #[serde(default)]
    pub completed: Option<Date>,
    /// What it found.
    #[serde(default)]
    pub outcome: Option<String>,
    /// What the agency learnt.
    #[serde(default)]
    pub lessons: Option<String>,
}
