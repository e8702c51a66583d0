//! The medicines of a care plan: each medicine's dose times, who gives
//! each dose, whether it is time-critical (NICE NG67) and, for a medicine
//! taken as needed, its PRN protocol; and the agency's medicines policy.
//!
//! A dose time is written `"08:00"` (given by the medicine's `given_by`)
//! or `{time: "12:00", given_by: family, note: ...}` when someone else
//! gives that one dose, so plans written before these fields keep working.

use super::values::{Date, Duration, Time};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Medication support.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Medication {
    /// The level of support.
    pub support: MedicationSupport,
    /// The medicines.
    #[serde(default)]
    pub items: Vec<MedicationItem>,
}

impl Medication {
    /// The medicine named `name` (names are matched exactly, as written).
    pub fn item(&self, name: &str) -> Option<&MedicationItem> {
        self.items.iter().find(|i| i.name == name)
    }

    /// Who gives a dose when neither the dose nor its medicine says: a
    /// carer when carers prompt, assist or administer, else the person.
    pub fn default_giver(&self) -> Giver {
        match self.support {
            MedicationSupport::None => Giver::Person,
            _ => Giver::Carer,
        }
    }

    /// Who gives `item`'s dose at `dose`.
    pub fn giver(&self, item: &MedicationItem, dose: &DoseTime) -> Giver {
        dose.given_by()
            .or(item.given_by)
            .unwrap_or_else(|| self.default_giver())
    }
}

/// Level of medication support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum MedicationSupport {
    None,
    Prompt,
    Assist,
    Administer,
}

/// One medicine.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MedicationItem {
    /// Name and strength, as on the pharmacy label; the MAR names it so.
    pub name: String,
    /// Dose.
    #[serde(default)]
    pub dose: Option<String>,
    /// Scheduled dose times, each `"HH:MM"` or `{time, given_by, note}`;
    /// every day.
    #[serde(default)]
    pub times: Vec<DoseTime>,
    /// Who gives the doses (unless a dose time says otherwise): `carer`
    /// (the default when carers prompt, assist or administer), `family`
    /// or `person`.
    #[serde(default)]
    pub given_by: Option<Giver>,
    /// A time-critical medicine (NICE NG67: Parkinson's medicines,
    /// insulin, some antiepileptics): each dose within `allowed_minutes`
    /// of its time.
    #[serde(default)]
    pub time_critical: bool,
    /// Minutes either side of the time a time-critical dose may be given;
    /// `policy.medication.time_critical_minutes` when absent.
    #[serde(default)]
    #[schemars(range(min = 0, max = 240))]
    pub allowed_minutes: Option<u32>,
    /// The protocol for a medicine taken as needed (PRN).
    #[serde(default)]
    pub prn: Option<Prn>,
}

impl MedicationItem {
    /// Whether the plan says enough to give it: a dose, and its times or,
    /// for a medicine taken as needed, its PRN protocol.
    pub fn is_described(&self) -> bool {
        match &self.prn {
            Some(prn) => self.dose.is_some() || prn.dose.is_some(),
            None => self.dose.is_some() && !self.times.is_empty(),
        }
    }

    /// The minutes either side of its time a dose of this medicine may be
    /// given, under `policy`.
    pub fn tolerance(&self, policy: &MedicinesPolicy) -> u32 {
        if self.time_critical {
            self.allowed_minutes.unwrap_or(policy.time_critical_minutes)
        } else {
            policy.dose_window_minutes
        }
    }
}

/// A scheduled dose time: `"08:00"`, or a mapping when the dose needs more.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum DoseTime {
    /// Just the time.
    At(Time),
    /// The time with who gives the dose.
    Detailed(ScheduledDose),
}

impl DoseTime {
    /// The time of day of the dose.
    pub fn time(&self) -> Time {
        match self {
            DoseTime::At(t) => *t,
            DoseTime::Detailed(d) => d.time,
        }
    }

    /// Who gives this dose, when the dose says.
    pub fn given_by(&self) -> Option<Giver> {
        match self {
            DoseTime::At(_) => None,
            DoseTime::Detailed(d) => d.given_by,
        }
    }
}

impl std::fmt::Display for DoseTime {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.time().fmt(f)
    }
}

/// A dose time written as a mapping.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduledDose {
    /// Time of day.
    pub time: Time,
    /// Who gives this dose.
    #[serde(default)]
    pub given_by: Option<Giver>,
    /// Who, by name, and how it is arranged, e.g. "Joan (wife) gives it with lunch".
    #[serde(default)]
    pub note: Option<String>,
}

/// Who gives a dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Giver {
    /// A carer of the agency, at a visit.
    Carer,
    /// A family member or friend.
    Family,
    /// The person themselves.
    Person,
}

impl Giver {
    /// The word written in a record.
    pub fn name(self) -> &'static str {
        match self {
            Giver::Carer => "carer",
            Giver::Family => "family",
            Giver::Person => "person",
        }
    }
}

/// The protocol for a medicine taken as needed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prn {
    /// When it may be given, e.g. "pain in the knees".
    pub reason: String,
    /// Dose each time, e.g. "1-2 tablets".
    #[serde(default)]
    pub dose: Option<String>,
    /// Most doses in any 24 hours.
    #[schemars(range(min = 1))]
    pub max_doses_24h: u32,
    /// Least time between two doses.
    #[serde(default)]
    pub min_gap: Option<Duration>,
}

/// The agency's medicines policy.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct MedicinesPolicy {
    /// Minutes either side of its time a time-critical dose may be given,
    /// unless the medicine sets `allowed_minutes` (NICE NG67; 30 is the
    /// usual Parkinson's standard).
    pub time_critical_minutes: u32,
    /// Minutes either side of its time any other dose may be given.
    pub dose_window_minutes: u32,
    /// Refusals of one medicine within 7 days that need an escalation.
    #[schemars(range(min = 1))]
    pub refusals_to_escalate: u32,
    /// First day MAR gaps are judged (default: the Monday of the earliest
    /// MAR week in the repository).
    pub mar_from: Option<Date>,
}

impl Default for MedicinesPolicy {
    fn default() -> Self {
        MedicinesPolicy {
            time_critical_minutes: 30,
            dose_window_minutes: 60,
            refusals_to_escalate: 2,
            mar_from: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MedicationItem;

    fn item(json: &str) -> MedicationItem {
        serde_json::from_str(json).expect("a medication item")
    }

    #[test]
    fn prn_medicine_with_its_dose_in_the_protocol_counts_as_described() {
        let prn = item(
            r#"{"name": "Paracetamol", "prn": {"reason": "pain", "dose": "2 tablets", "max_doses_24h": 4}}"#,
        );
        assert!(prn.is_described());
        assert!(
            !item(r#"{"name": "Paracetamol", "prn": {"reason": "pain", "max_doses_24h": 4}}"#)
                .is_described()
        );
        assert!(!item(r#"{"name": "Sertraline", "dose": "50mg"}"#).is_described());
        assert!(
            item(r#"{"name": "Sertraline", "dose": "50mg", "times": ["08:00"]}"#).is_described()
        );
    }
}
