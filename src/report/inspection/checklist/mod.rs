//! The checklists of the sampled files: Schedule 3 (information required
//! of each person employed, the 2014 Regulations) for each sampled carer,
//! and a care-file audit for each sampled person. Each row says what was
//! looked for, under which regulation, and whether the records show it;
//! an item carebook holds no field for is "not recorded", never "met".

mod care;
mod staff;

pub use care::care_file;
pub use staff::schedule3;

use crate::report::context::Mark;
use serde::Serialize;

/// Whether an item is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The records show it.
    Met,
    /// In part, or late.
    Partly,
    /// The records show it is missing or out of date.
    NotMet,
    /// carebook holds no field for it: look in the paper or HR file.
    NotRecorded,
    /// Does not apply to this file.
    NotApplicable,
}

impl Status {
    fn mark(self) -> Mark {
        match self {
            Status::Met => Mark::ok("Met"),
            Status::Partly => Mark::warn("Partly"),
            Status::NotMet => Mark::bad("Not met"),
            Status::NotRecorded => Mark::warn("Not recorded"),
            Status::NotApplicable => Mark::none("Not applicable"),
        }
    }

    /// Whether the item needs an action.
    pub fn needs_action(self) -> bool {
        matches!(self, Status::Partly | Status::NotMet | Status::NotRecorded)
    }
}

/// One row of a checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// What was looked for.
    pub item: String,
    /// The regulation (and paragraph) it is under, `19 (Sch 3, para 1)`.
    pub regulation: String,
    /// The regulation's id in the map, for the action plan.
    #[serde(skip)]
    pub regulation_id: &'static str,
    /// Whether it is met.
    pub status: Status,
    /// The same, as a mark.
    pub mark: Mark,
    /// What the records show.
    pub detail: String,
}

pub(super) fn item(
    what: &str,
    regulation: &str,
    regulation_id: &'static str,
    status: Status,
    detail: impl Into<String>,
) -> Item {
    Item {
        item: what.to_owned(),
        regulation: regulation.to_owned(),
        regulation_id,
        status,
        mark: status.mark(),
        detail: detail.into(),
    }
}

/// Not recorded: carebook holds no field for it.
pub(super) fn unrecorded(what: &str, regulation: &str, regulation_id: &'static str) -> Item {
    item(
        what,
        regulation,
        regulation_id,
        Status::NotRecorded,
        "carebook holds no field for this: check the staff file",
    )
}
