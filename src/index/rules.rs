//! Which visit rules are in force on a date, and which of their visits a
//! rota visit delivers. Every consumer (check, rota planning, reports,
//! exports) asks here, so they agree on it.
//!
//! Rules are in force on a date when it lies between their `valid_from`
//! and `valid_to`, both included and both optional
//! ([`VisitRules::valid_on`]); rules still to be judged on a date are
//! those not ended before it ([`VisitRules::ended_before`]). When several rules of a person in force on
//! the same date have a visit with the same label, the first in path
//! order wins (and `check` reports the overlap).

use super::Index;
use super::at::At;
use crate::model::VisitRules;
use crate::model::visit_rules::Visit;
use chrono::NaiveDate;

/// One visit of some visit rules.
#[derive(Debug, Clone, Copy)]
pub struct RuleVisit<'a> {
    /// The visit rules it belongs to.
    pub rules: At<'a, VisitRules>,
    /// The visit.
    pub visit: &'a Visit,
    /// Its index in the rules' `visits`.
    pub index: usize,
}

impl RuleVisit<'_> {
    /// The end, in minutes since midnight of its day, of the visit as the
    /// rules plan it when it starts at `start` (past 1440 after midnight).
    pub fn planned_end(&self, start: u32) -> u32 {
        start + self.visit.duration.minutes()
    }

    /// Whether the rules run the visit past midnight when it starts at
    /// `start`: only then may a rota's visit end before it starts.
    pub fn runs_past_midnight(&self, start: u32) -> bool {
        self.planned_end(start) > 1440
    }
}

impl<'a> Index<'a> {
    /// The visit rules of `service_user` in force on `date`, in path order.
    pub fn rules_in_force(
        &self,
        service_user: &str,
        date: NaiveDate,
    ) -> impl Iterator<Item = At<'a, VisitRules>> + '_ {
        self.rules_of(service_user)
            .iter()
            .copied()
            .filter(move |r| r.record.valid_on(date))
    }

    /// The visit rules of `service_user` in force on `date` or yet to
    /// start (not ended before `date`), in path order.
    pub fn rules_from(
        &self,
        service_user: &str,
        date: NaiveDate,
    ) -> impl Iterator<Item = At<'a, VisitRules>> + '_ {
        self.rules_of(service_user)
            .iter()
            .copied()
            .filter(move |r| !r.record.ended_before(date))
    }

    /// The visit labelled `label` of `service_user`'s visit rules in force
    /// on `date`: what a rota visit of that person, label and date delivers.
    pub fn visit_in_force(
        &self,
        service_user: &str,
        label: &str,
        date: NaiveDate,
    ) -> Option<RuleVisit<'a>> {
        self.visits_by_label
            .get(&(service_user, label))?
            .iter()
            .find(|v| v.rules.record.valid_on(date))
            .copied()
    }
}
