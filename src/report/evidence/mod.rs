//! The evidence the records hold, for the inspection pack: each item a
//! key the mapping names (`consent`, `dbs`, `course:safeguarding-adults`),
//! a sentence with counts, and how far it goes: [`Sufficiency`]. Never a
//! rating: a count of zero is absent evidence, not good news.
//!
//! One file per family, each with its `KEYS` and a `compute` that answers
//! for them (a match arm a key). A new family is a new file and one row in
//! `FAMILIES`; its keys can then be named in `templates/inspection-map.yaml`.

mod calls;
mod care;
mod delivery;
mod governance;
mod medicines;
mod people;
mod staff;

use super::Session;
use super::context::Mark;
use crate::model::carer::CarerStatus;
use crate::model::service_user::ServiceUserStatus;
use crate::model::{CarePlan, Carer, ServiceUser};
use serde::Serialize;

pub use medicines::{Tally as MarTally, tally_of as mar_tally};
pub use people::capacity_in_doubt;

/// A family of evidence: its keys, and the function that computes them
/// (`None` for a key not its own).
struct Family {
    keys: &'static [&'static str],
    compute: fn(&Session, &Scope, &str) -> Option<Shown>,
}

/// Every family. Add a row for a new file.
const FAMILIES: &[Family] = &[
    Family {
        keys: care::KEYS,
        compute: care::compute,
    },
    Family {
        keys: people::KEYS,
        compute: people::compute,
    },
    Family {
        keys: staff::KEYS,
        compute: staff::compute,
    },
    Family {
        keys: delivery::KEYS,
        compute: delivery::compute,
    },
    Family {
        keys: governance::KEYS,
        compute: governance::compute,
    },
    Family {
        keys: medicines::KEYS,
        compute: medicines::compute,
    },
    Family {
        keys: calls::KEYS,
        compute: calls::compute,
    },
];

/// Every evidence key carebook computes (besides `course:<name>`).
pub fn keys() -> impl Iterator<Item = &'static str> {
    FAMILIES.iter().flat_map(|f| f.keys.iter().copied())
}

/// Whether carebook knows the evidence key.
pub fn is_evidence_key(key: &str) -> bool {
    keys().any(|k| k == key) || key.strip_prefix("course:").is_some_and(|c| !c.is_empty())
}

/// How far the records go towards showing something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sufficiency {
    /// The records show it for everyone it applies to.
    Sufficient,
    /// For some, or with gaps.
    Partial,
    /// The records hold nothing to show it.
    Absent,
    /// A fact that is not judged (it applies to no one, or has no standard).
    NotJudged,
}

impl Sufficiency {
    /// As a mark: words first, never a rating.
    pub fn mark(self) -> Mark {
        match self {
            Sufficiency::Sufficient => Mark::ok("Evidence sufficient"),
            Sufficiency::Partial => Mark::warn("Evidence partial"),
            Sufficiency::Absent => Mark::bad("Evidence absent"),
            Sufficiency::NotJudged => Mark::none("Not judged"),
        }
    }
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
    /// How far it goes.
    pub sufficiency: Sufficiency,
    /// The same as a mark.
    pub mark: Mark,
}

/// What a piece of evidence says.
pub(crate) struct Shown {
    label: String,
    value: String,
    sufficiency: Sufficiency,
}

/// `done` of `of`: sufficient when all, partial when some, absent when
/// none; not judged when there is no one it applies to.
fn share(done: usize, of: usize, label: &str, value: String) -> Shown {
    let sufficiency = if of == 0 {
        Sufficiency::NotJudged
    } else if done >= of {
        Sufficiency::Sufficient
    } else if done == 0 {
        Sufficiency::Absent
    } else {
        Sufficiency::Partial
    };
    Shown {
        label: label.to_owned(),
        value,
        sufficiency,
    }
}

/// `done` of `of`, where no one to count means the records hold nothing
/// (no carers, no plans): absent, not "not judged".
fn share_of_all(done: usize, of: usize, label: &str, value: String) -> Shown {
    let mut shown = share(done, of, label, value);
    if of == 0 {
        shown.sufficiency = Sufficiency::Absent;
    }
    shown
}

/// A fact with no standard to meet.
fn info(label: &str, value: String) -> Shown {
    Shown {
        label: label.to_owned(),
        value,
        sufficiency: Sufficiency::NotJudged,
    }
}

/// Nothing in the records shows it.
fn absent(label: &str, value: String) -> Shown {
    Shown {
        label: label.to_owned(),
        value,
        sufficiency: Sufficiency::Absent,
    }
}

/// Who the evidence is about: people receiving care, their plans in
/// force, and the staff still employed.
pub(crate) struct Scope<'a> {
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
    let shown = FAMILIES
        .iter()
        .find_map(|f| (f.compute)(s, &scope, key))
        .unwrap_or_else(|| info(key, "not computed".into()));
    EvidenceView {
        key: key.to_owned(),
        label: shown.label,
        value: shown.value,
        sufficiency: shown.sufficiency,
        mark: shown.sufficiency.mark(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_never_sufficient_when_nothing_is_shown() {
        assert_eq!(
            share(0, 5, "x", String::new()).sufficiency,
            Sufficiency::Absent
        );
        assert_eq!(
            share(3, 5, "x", String::new()).sufficiency,
            Sufficiency::Partial
        );
        assert_eq!(
            share(5, 5, "x", String::new()).sufficiency,
            Sufficiency::Sufficient
        );
        assert_eq!(
            share(0, 0, "x", String::new()).sufficiency,
            Sufficiency::NotJudged
        );
        assert_eq!(
            share_of_all(0, 0, "x", String::new()).sufficiency,
            Sufficiency::Absent
        );
    }

    #[test]
    fn every_family_answers_for_its_own_keys_only() {
        let mut seen = std::collections::HashSet::new();
        for k in keys() {
            assert!(seen.insert(k), "{k} is in two families");
        }
        assert!(is_evidence_key("course:fire-safety"));
        assert!(!is_evidence_key("course:"));
        assert!(!is_evidence_key("fit-and-proper"));
    }
}

#[cfg(test)]
mod every_key {
    use super::*;
    use crate::report::{Format, Options};

    #[test]
    fn every_key_of_every_family_is_computed_on_the_example() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let repo = crate::load::Repo::open(&root, false).expect("the example agency");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let index = crate::index::Index::new(&repo);
        let checked = crate::check::run_on(&index, today);
        let options = Options::new(Format::Md, today);
        let s = Session::with_index(&index, &checked, &options).expect("a session");
        let mut n = 0;
        for key in keys().chain(["course:fire-safety"]) {
            let e = evidence(&s, key);
            assert_ne!(
                e.value, "not computed",
                "{key} is in KEYS but no match arm computes it"
            );
            assert!(!e.label.is_empty(), "{key}");
            n += 1;
        }
        assert!(n > 20, "{n} keys");
    }
}
