//! The evidence the records hold, for the inspection pack: each item a
//! key the mapping names (`consent`, `dbs`, `course:safeguarding-adults`)
//! and a sentence with counts, marked green when complete, amber when
//! nearly (90% or more), red otherwise. One module per family: the care
//! people receive, the staff, and how it is delivered and recorded.

mod care;
mod delivery;
mod staff;

use super::Session;
use super::context::Mark;
use crate::model::carer::CarerStatus;
use crate::model::service_user::ServiceUserStatus;
use crate::model::{CarePlan, Carer, ServiceUser};
use serde::Serialize;

/// The evidence keys carebook computes (besides `course:<name>`).
pub const KEYS: &[&str] = &[
    "care-plans",
    "plan-reviews",
    "needs-and-outcomes",
    "risk-assessments",
    "medication-support",
    "consent",
    "capacity",
    "lpa",
    "preferences",
    "continuity",
    "visit-coverage",
    "rota-coverage",
    "funded-hours",
    "dbs",
    "right-to-work",
    "references",
    "training",
    "supervision",
    "staffing",
    "records-quality",
    "audit-trail",
];

/// Whether carebook knows the evidence key.
pub fn is_evidence_key(key: &str) -> bool {
    KEYS.contains(&key) || key.strip_prefix("course:").is_some_and(|c| !c.is_empty())
}

/// One piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// The key, `consent`.
    pub key: String,
    /// What it is, `Consent to care`.
    pub label: String,
    /// What the records show, in a sentence.
    pub value: String,
    /// Complete (green), nearly (amber), short (red), or information.
    pub mark: Mark,
}

/// What a piece of evidence says: its label, sentence and mark.
type Shown = (String, String, Mark);

/// `done` of `of`: green when all, amber from 90%, red below.
fn share(done: usize, of: usize, label: &str, value: String) -> Shown {
    let mark = if of == 0 {
        Mark::none("Nothing to show")
    } else if done == of {
        Mark::ok("Complete")
    } else if done * 10 >= of * 9 {
        Mark::warn(format!("{}%", done * 100 / of))
    } else {
        Mark::bad(format!("{}%", done * 100 / of))
    };
    (label.to_owned(), value, mark)
}

/// A fact with no standard to meet.
fn info(label: &str, value: String) -> Shown {
    (label.to_owned(), value, Mark::none("For information"))
}

/// Who the evidence is about: people receiving care, their plans in
/// force, and the staff still employed.
struct Scope<'a> {
    active: Vec<&'a ServiceUser>,
    plans: Vec<&'a CarePlan>,
    staff: Vec<&'a Carer>,
}

impl<'a> Scope<'a> {
    fn of(s: &Session<'a>) -> Scope<'a> {
        let r = &s.records;
        let active: Vec<&ServiceUser> = r
            .service_users
            .iter()
            .filter(|u| u.status == ServiceUserStatus::Active)
            .copied()
            .collect();
        let plans = active
            .iter()
            .filter_map(|u| r.plan_of(u.id.as_str()))
            .filter(|p| p.in_force())
            .collect();
        let staff = r
            .carers
            .iter()
            .filter(|c| c.status != CarerStatus::Leaver)
            .copied()
            .collect();
        Scope {
            active,
            plans,
            staff,
        }
    }
}

/// Computes the evidence of `key`.
pub fn evidence(s: &Session, key: &str) -> EvidenceView {
    let scope = Scope::of(s);
    let (label, value, mark) = care::compute(s, &scope, key)
        .or_else(|| staff::compute(s, &scope, key))
        .or_else(|| delivery::compute(s, &scope, key))
        .unwrap_or_else(|| info(key, "not computed".into()));
    EvidenceView {
        key: key.to_owned(),
        label,
        value,
        mark,
    }
}
