//! `kind: agency`: the agency itself and its policy, whose every key has a
//! default.

use super::carer::Role;
use super::competence::{DEFAULT_ASSESSED_SKILLS, DEFAULT_SKILL_TRAINING, SkillRule};
use super::medication::MedicinesPolicy;
use super::values::{Date, Location};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file `agency.yaml` at the root of a records repository.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// The agency's name.
    pub name: String,
    /// The agency's CQC registration.
    #[serde(default)]
    pub cqc: Option<Cqc>,
    /// The office, where carers without a home location start.
    #[serde(default)]
    pub office: Option<Location>,
    /// Globs of paths (from the repository root) that hold no records.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The agency's policy; every key is optional.
    #[serde(default)]
    pub policy: Policy,
}

/// CQC registration numbers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cqc {
    /// Provider id, e.g. 1-101234567.
    pub provider_id: String,
    /// Location id, e.g. 1-1098765432.
    #[serde(default)]
    pub location_id: Option<String>,
}

/// The agency's policy: review intervals, training, travel, working time,
/// rota weights and rule severities.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Months between care plan reviews.
    pub care_plan_review_months: u32,
    /// Months between risk reviews.
    pub risk_review_months: u32,
    /// Months between supervisions.
    pub supervision_interval_months: u32,
    /// Months between appraisals.
    pub appraisal_interval_months: u32,
    /// Years before a DBS check is renewed (not applied on the update service).
    pub dbs_renewal_years: u32,
    /// How many days ahead "due soon" and "expiring" look.
    pub expiring_soon_days: u32,
    /// Months between DBS update-service status checks.
    pub dbs_status_check_months: u32,
    /// A gap in employment history longer than this many months needs an
    /// explanation.
    pub employment_gap_months: u32,
    /// Mandatory courses and their refresh interval in months (0 = once).
    pub mandatory_training: BTreeMap<String, u32>,
    /// The courses of `mandatory_training` each role needs; a role not
    /// listed needs every one.
    pub training_by_role: BTreeMap<Role, Vec<String>>,
    /// Weeks from the start date by which `care-certificate` is completed.
    pub care_certificate_weeks: u32,
    /// Skills that count only with a dated assessment, and how often it is
    /// repeated.
    pub assessed_skills: BTreeMap<String, SkillRule>,
    /// The courses a carer needs in date for a visit that needs a skill.
    pub skill_training: BTreeMap<String, Vec<String>>,
    /// How travel time is estimated.
    pub travel: Travel,
    /// Working time limits.
    pub working_time: WorkingTime,
    /// Rota engine settings.
    pub rota: RotaPolicy,
    /// Governance: deadlines of incidents, complaints and actions, and
    /// the working-day calendar.
    pub governance: super::governance::Governance,
    /// Call monitoring: how visit logs are judged against the plan.
    pub calls: Calls,
    /// Medicines: time-critical doses, MAR gaps and refusals.
    pub medication: MedicinesPolicy,
    /// Audit: a dated event committed later than this many days after its date.
    pub late_entry_days: u32,
    /// Audit: commits before this date are an import baseline.
    pub audit_from: Option<Date>,
    /// The mock-inspection pack's samples.
    pub inspection: InspectionPolicy,
    /// Rule code → `error`, `warning` or `off`.
    pub rules: BTreeMap<String, RuleLevel>,
}

/// The mandatory courses of the default policy and their refresh interval
/// in months (0: once), as the format page lists them.
pub const DEFAULT_MANDATORY_TRAINING: &[(&str, u32)] = &[
    ("care-certificate", 0),
    ("moving-and-handling", 12),
    ("safeguarding-adults", 12),
    ("infection-control", 12),
    ("basic-life-support", 12),
    ("fire-safety", 12),
    ("medication", 12),
    ("mental-capacity-act", 36),
    ("food-hygiene", 36),
    ("oliver-mcgowan", 36),
    ("health-and-safety", 12),
    ("safeguarding-children", 12),
];

/// The courses of the default policy for roles that do not need every
/// mandatory course: office coordinators and volunteers give no personal
/// care, medicines or moving and handling.
pub const DEFAULT_TRAINING_BY_ROLE: &[(Role, &[&str])] = &[
    (
        Role::Coordinator,
        &[
            "safeguarding-adults",
            "safeguarding-children",
            "oliver-mcgowan",
            "health-and-safety",
            "fire-safety",
            "basic-life-support",
            "infection-control",
            "mental-capacity-act",
        ],
    ),
    (
        Role::Volunteer,
        &[
            "safeguarding-adults",
            "safeguarding-children",
            "oliver-mcgowan",
            "health-and-safety",
            "fire-safety",
            "infection-control",
        ],
    ),
];

impl Policy {
    /// The mandatory courses for `role` with their intervals, in name order.
    pub fn courses_for(&self, role: Role) -> impl Iterator<Item = (&str, u32)> {
        let only = self.training_by_role.get(&role);
        self.mandatory_training
            .iter()
            .filter(move |(c, _)| only.is_none_or(|list| list.contains(*c)))
            .map(|(c, m)| (c.as_str(), *m))
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            care_plan_review_months: 12,
            risk_review_months: 6,
            supervision_interval_months: 3,
            appraisal_interval_months: 12,
            dbs_renewal_years: 3,
            expiring_soon_days: 30,
            dbs_status_check_months: 12,
            employment_gap_months: 1,
            mandatory_training: DEFAULT_MANDATORY_TRAINING
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
            training_by_role: DEFAULT_TRAINING_BY_ROLE
                .iter()
                .map(|(r, list)| (*r, list.iter().map(|c| (*c).to_owned()).collect()))
                .collect(),
            care_certificate_weeks: 12,
            assessed_skills: DEFAULT_ASSESSED_SKILLS
                .iter()
                .map(|(s, every_months, clinical)| {
                    let rule = SkillRule {
                        every_months: *every_months,
                        clinical: *clinical,
                    };
                    ((*s).to_owned(), rule)
                })
                .collect(),
            skill_training: DEFAULT_SKILL_TRAINING
                .iter()
                .map(|(s, list)| {
                    (
                        (*s).to_owned(),
                        list.iter().map(|c| (*c).to_owned()).collect(),
                    )
                })
                .collect(),
            travel: Travel::default(),
            working_time: WorkingTime::default(),
            rota: RotaPolicy::default(),
            governance: super::governance::Governance::default(),
            calls: Calls::default(),
            medication: MedicinesPolicy::default(),
            late_entry_days: 14,
            audit_from: None,
            inspection: InspectionPolicy::default(),
            rules: BTreeMap::new(),
        }
    }
}

pub use crate::diag::RuleLevel;

/// How many files the mock-inspection pack samples (`--sample` and
/// `--staff-sample` override them for one run), and how recent a risk
/// must be to put a care file first.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct InspectionPolicy {
    /// Care files, each with a care-file audit.
    #[schemars(range(max = 1000))]
    pub sample: u32,
    /// Staff files, each with a Schedule 3 checklist.
    #[schemars(range(max = 1000))]
    pub staff_sample: u32,
    /// A discharge from hospital within this many days before the pack's
    /// date is a reason to sample the person first.
    #[schemars(range(max = 3660))]
    pub recent_discharge_days: u32,
    /// A safeguarding concern or referral naming the person within this
    /// many months before the pack's date is a reason to sample them.
    #[schemars(range(max = 120))]
    pub safeguarding_months: u32,
}

impl Default for InspectionPolicy {
    fn default() -> Self {
        InspectionPolicy {
            sample: 5,
            staff_sample: 5,
            recent_discharge_days: 90,
            safeguarding_months: 12,
        }
    }
}

/// How travel time between two places is estimated.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Travel {
    /// Straight line to road distance (at least 1: a road is never shorter).
    #[schemars(range(min = 1))]
    pub road_factor: f64,
    /// Speed per travel mode, km/h.
    pub speed_kmh: Speeds,
    /// Optional CSV of `from,to,minutes[,mode]` by record id or `home:<carer-id>`.
    pub matrix: Option<String>,
}

impl Default for Travel {
    fn default() -> Self {
        Travel {
            road_factor: 1.3,
            speed_kmh: Speeds::default(),
            matrix: None,
        }
    }
}

/// Speeds per travel mode, km/h.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Speeds {
    /// On foot.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub walk: f64,
    /// By bicycle.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub bicycle: f64,
    /// By bus or train.
    #[serde(rename = "public-transport")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub public_transport: f64,
    /// By car.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub car: f64,
}

impl Default for Speeds {
    fn default() -> Self {
        Speeds {
            walk: 4.5,
            bicycle: 14.0,
            public_transport: 15.0,
            car: 30.0,
        }
    }
}

/// Working time limits.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct WorkingTime {
    /// Most hours of visits plus travel between them in a week.
    #[schemars(range(max = 168), extend("exclusiveMinimum" = 0))]
    pub max_weekly_hours: f64,
    /// Fewest hours between a carer's last visit of a day and first of the next.
    #[schemars(range(min = 0, max = 24))]
    pub min_rest_hours: f64,
    /// Weeks over which `max_weekly_hours` is averaged (the Working Time
    /// Regulations' reference period: 17).
    #[schemars(range(min = 1, max = 52))]
    pub reference_weeks: u32,
    /// Most hours in any one week, opted out or not (the agency's policy).
    #[schemars(range(max = 168), extend("exclusiveMinimum" = 0))]
    pub max_hours_in_one_week: f64,
}

impl Default for WorkingTime {
    fn default() -> Self {
        WorkingTime {
            max_weekly_hours: 48.0,
            min_rest_hours: 11.0,
            reference_weeks: 17,
            max_hours_in_one_week: 60.0,
        }
    }
}

/// Rota engine settings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RotaPolicy {
    /// A visit may start this many minutes after its window, at a cost.
    pub max_late_minutes: u32,
    /// Weights of the rota objective.
    pub weights: Weights,
}

impl Default for RotaPolicy {
    fn default() -> Self {
        RotaPolicy {
            max_late_minutes: 30,
            weights: Weights::default(),
        }
    }
}

/// Call monitoring: how visit logs (care delivered) are judged against
/// the rota and the visit rules, for days before today.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Calls {
    /// Judge missed visits from this day on (default: the first week that
    /// has a visit log, so records from before call monitoring are not
    /// all missed).
    pub from: Option<Date>,
    /// Arriving more than this many minutes after the window (or after
    /// the rota's planned start, when later) is late.
    pub late_minutes: u32,
    /// Arriving more than this many minutes before the window is early.
    pub early_minutes: u32,
    /// A stay shorter than this share (percent) of the planned duration
    /// is short ("call cramming").
    #[schemars(range(min = 1, max = 100))]
    pub short_stay_percent: u32,
}

impl Default for Calls {
    fn default() -> Self {
        Calls {
            from: None,
            late_minutes: 15,
            early_minutes: 15,
            short_stay_percent: 75,
        }
    }
}

/// Weights of the rota objective, a weighted sum. The defaults put a
/// person first, then the carers' travel: a visit is left unassigned only
/// when placing it would cost more than 50 minutes late in all (or 250
/// minutes of travel), a minute late within `max_late_minutes` costs as
/// much as five minutes of travel (someone waits for their breakfast or
/// their medicines), and each carer a person sees beyond the first 700,
/// as much as seven minutes late (continuity, NICE NG21), or 35 minutes
/// of travel.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// Per visit left unassigned.
    #[schemars(range(min = 0))]
    pub unassigned_visit: f64,
    /// Per minute late.
    #[schemars(range(min = 0))]
    pub late_minute: f64,
    /// Per minute of travel.
    #[schemars(range(min = 0))]
    pub travel_minute: f64,
    /// Per distinct carer beyond the first, per service user per week.
    #[schemars(range(min = 0))]
    pub extra_carer_per_person: f64,
    /// Per non-preferred carer where a preferred one was free.
    #[schemars(range(min = 0))]
    pub preference_breach: f64,
    /// Per hour above or below contracted hours.
    #[schemars(range(min = 0))]
    pub contract_hour_gap: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            unassigned_visit: 5000.0,
            late_minute: 100.0,
            travel_minute: 20.0,
            extra_carer_per_person: 700.0,
            preference_breach: 40.0,
            contract_hour_gap: 2.0,
        }
    }
}
