//! What both the MAR rules and the MAR chart ask of the records: the care
//! plan in force for a person on a day, and the first day MAR is judged.

use super::Index;
use super::at::At;
use crate::model::CarePlan;
use chrono::NaiveDate;

impl<'a> Index<'a> {
    /// The care plan of `service_user` in force on `date`: in force now
    /// and effective by then (the first in path order).
    pub fn plan_on(&self, service_user: &str, date: NaiveDate) -> Option<At<'a, CarePlan>> {
        self.plans_of(service_user)
            .iter()
            .find(|p| p.record.in_force() && p.record.effective_from.0 <= date)
            .copied()
    }

    /// The first day MAR gaps are judged: `policy.medication.mar_from`,
    /// else the Monday of the earliest MAR week (none without MAR).
    pub fn mar_from(&self) -> Option<NaiveDate> {
        self.policy
            .medication
            .mar_from
            .map(|d| d.0)
            .or_else(|| self.mars.iter().map(|m| m.record.week.monday()).min())
    }
}
