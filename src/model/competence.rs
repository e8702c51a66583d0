//! Skills a carer is assessed as competent in, with a date, and what a
//! carer needs on the day of a visit: a DBS check back (or an Adult First
//! check), a right to work in force, the courses the visit's skills need
//! in date, and each skill held. The rules (`check`) and the rota engine
//! (`rota`) both ask here, so they cannot disagree.

use super::agency::Policy;
use super::carer::Carer;
use super::values::Date;
use chrono::{Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A skill assessed as competent, e.g. medication, PEG feeding.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// The skill, as visits name it in `skills`.
    pub skill: String,
    /// The date of the assessment.
    pub assessed: Date,
    /// Who assessed it, e.g. `Tom Baker (senior care worker)`.
    #[serde(default)]
    pub assessor: Option<String>,
    /// The clinician who signed it off, for clinical tasks (PEG feeding,
    /// catheter care), e.g. `Jo Patel RN, district nurse`.
    #[serde(default)]
    pub signed_off_by: Option<String>,
    /// When the sign-off lapses, when it says (else the policy's interval).
    #[serde(default)]
    pub expires: Option<Date>,
}

/// How the policy has a skill assessed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRule {
    /// Months an assessment lasts (0: until its own `expires`, if any).
    pub every_months: u32,
    /// Whether a clinician must sign it off.
    #[serde(default)]
    pub clinical: bool,
}

/// The skills the default policy has assessed, as the format page lists
/// them: (skill, months, clinical sign-off).
pub const DEFAULT_ASSESSED_SKILLS: &[(&str, u32, bool)] = &[
    ("medication", 12, false),
    ("peg-feeding", 12, true),
    ("catheter-care", 12, true),
];

/// The courses the default policy asks of a carer for a visit's skill.
pub const DEFAULT_SKILL_TRAINING: &[(&str, &[&str])] = &[
    ("hoist", &["moving-and-handling"]),
    ("medication", &["medication"]),
];

/// Where a carer stands with a skill, a course or a check on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Held and in date.
    Held,
    /// Never recorded (or only after the date).
    Missing,
    /// Recorded, but it lapsed on this date.
    Lapsed(NaiveDate),
    /// A clinical skill assessed without a clinician's sign-off.
    NotSignedOff,
}

/// Why a carer may not be sent to a visit on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bar {
    /// No DBS certificate back by then and no Adult First check.
    Dbs,
    /// No right-to-work check by then, or it had lapsed.
    RightToWork(Standing),
    /// A course the visit's skills need, missing or lapsed.
    Course(String, Standing),
    /// A skill the visit needs, not held on the day.
    Skill(String, Standing),
}

impl Standing {
    /// In words, e.g. `lapsed on 2026-06-15`.
    pub fn describe(&self) -> String {
        match self {
            Standing::Held => "held".to_owned(),
            Standing::Missing => "not recorded".to_owned(),
            Standing::Lapsed(d) => format!("lapsed on {d}"),
            Standing::NotSignedOff => "not signed off by a clinician".to_owned(),
        }
    }
}

impl Bar {
    /// In words, e.g. `training `medication` lapsed on 2026-06-15`.
    pub fn describe(&self) -> String {
        let state = Standing::describe;
        match self {
            Bar::Dbs => "no DBS certificate (or Adult First check) by then".to_owned(),
            Bar::RightToWork(s) => format!("right to work {}", state(s)),
            Bar::Course(c, s) => format!("training `{c}` {}", state(s)),
            Bar::Skill(k, s) => format!("skill `{k}` {}", state(s)),
        }
    }
}

/// `date` plus `months`, saturating.
fn plus_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

impl Carer {
    /// Where the carer stands with `skill` on `date`. A skill the policy
    /// has assessed (`policy.assessed_skills`) counts only with an
    /// assessment on or before `date` still in force (and signed off by a
    /// clinician, where the policy asks); any other skill counts when it
    /// is listed in `skills` or assessed.
    pub fn skill_on(&self, skill: &str, date: NaiveDate, policy: &Policy) -> Standing {
        let latest = self
            .competencies
            .iter()
            .filter(|c| c.skill == skill && c.assessed.0 <= date)
            .max_by_key(|c| c.assessed);
        let Some(rule) = policy.assessed_skills.get(skill) else {
            let listed = self.skills.iter().any(|s| s == skill);
            return if listed || latest.is_some() {
                Standing::Held
            } else {
                Standing::Missing
            };
        };
        let Some(c) = latest else {
            return Standing::Missing;
        };
        if rule.clinical
            && c.signed_off_by
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
        {
            return Standing::NotSignedOff;
        }
        match competency_lapses(c, rule) {
            Some(end) if end < date => Standing::Lapsed(end),
            _ => Standing::Held,
        }
    }

    /// Whether the carer holds every skill of `skills` on `date`.
    pub fn has_skills_on(&self, skills: &[String], date: NaiveDate, policy: &Policy) -> bool {
        skills
            .iter()
            .all(|s| self.skill_on(s, date, policy) == Standing::Held)
    }

    /// Where the carer stands with `course` on `date`: its latest
    /// completion on or before `date`, within the refresh interval of
    /// `policy.mandatory_training` (a course it does not list is once).
    pub fn course_on(&self, course: &str, date: NaiveDate, policy: &Policy) -> Standing {
        let Some(done) = self
            .training
            .iter()
            .filter(|t| t.course == course && t.completed.0 <= date)
            .map(|t| t.completed.0)
            .max()
        else {
            return Standing::Missing;
        };
        match policy.mandatory_training.get(course) {
            Some(&months) if months > 0 && plus_months(done, months) < date => {
                Standing::Lapsed(plus_months(done, months))
            }
            _ => Standing::Held,
        }
    }

    /// Why the carer may not do a visit needing `skills` on `date`; empty
    /// when nothing bars them. Leave and availability are not judged here.
    pub fn bars_on(&self, date: NaiveDate, skills: &[String], policy: &Policy) -> Vec<Bar> {
        let mut bars = Vec::new();
        let dbs_ok = self
            .checks
            .dbs
            .as_ref()
            .is_some_and(|d| d.first_checked() <= date);
        if !dbs_ok {
            bars.push(Bar::Dbs);
        }
        let rtw = match &self.checks.right_to_work {
            Some(r) if r.checked_on.0 <= date => match r.expires {
                Some(e) if e.0 < date => Standing::Lapsed(e.0),
                _ => Standing::Held,
            },
            _ => Standing::Missing,
        };
        if rtw != Standing::Held {
            bars.push(Bar::RightToWork(rtw));
        }
        for skill in skills {
            for course in policy.skill_training.get(skill).into_iter().flatten() {
                let s = self.course_on(course, date, policy);
                if s != Standing::Held
                    && !bars
                        .iter()
                        .any(|b| matches!(b, Bar::Course(c, _) if c == course))
                {
                    bars.push(Bar::Course(course.clone(), s));
                }
            }
            let s = self.skill_on(skill, date, policy);
            if s != Standing::Held {
                bars.push(Bar::Skill(skill.clone(), s));
            }
        }
        bars
    }
}

/// The last day an assessment is in force: its own `expires`, or the
/// policy's interval after it, whichever is sooner; `None`: no end.
pub fn competency_lapses(c: &Competency, rule: &SkillRule) -> Option<NaiveDate> {
    let by_policy = (rule.every_months > 0).then(|| plus_months(c.assessed.0, rule.every_months));
    match (c.expires.map(|e| e.0), by_policy) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
