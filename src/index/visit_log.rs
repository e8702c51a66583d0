//! Visit logs (care delivered) by service user and ISO week, and the
//! logged visit that answers a planned one.

use super::Index;
use super::at::At;
use crate::model::VisitLog;
use crate::model::values::{Date, Week};
use crate::model::visit_log::LoggedVisit;

/// A visit log and the file it was read from.
#[derive(Debug, Clone, Copy)]
pub struct LogFile<'a> {
    /// The log (and its entry, for positions).
    pub log: At<'a, VisitLog>,
    /// Its file, relative to the repository root.
    pub file: &'a str,
}

impl<'a> Index<'a> {
    /// The visit logs of `service_user` for `week`, in path order (one,
    /// unless someone wrote a second file for the same week).
    pub fn logs_of_week(&self, service_user: &str, week: Week) -> &[LogFile<'a>] {
        self.logs_by_week
            .get(service_user)
            .and_then(|weeks| weeks.get(&week))
            .map_or(&[], Vec::as_slice)
    }

    /// The logged visit of `service_user` labelled `label` on `date`, with
    /// the log it stands in and its index there: the first in path order.
    pub fn logged_visit(
        &self,
        service_user: &str,
        label: &str,
        date: Date,
    ) -> Option<(LogFile<'a>, usize, &'a LoggedVisit)> {
        self.logs_of_week(service_user, Week::of(date.0))
            .iter()
            .find_map(|l| {
                l.log
                    .record
                    .visits
                    .iter()
                    .enumerate()
                    .find(|(_, v)| v.date == date && v.label == label)
                    .map(|(i, v)| (*l, i, v))
            })
    }

    /// The earliest week of any visit log: call monitoring is judged from
    /// then on, unless the policy names a date.
    pub fn first_logged_week(&self) -> Option<Week> {
        self.logs_by_week
            .values()
            .filter_map(|weeks| weeks.keys().next())
            .min()
            .copied()
    }

    /// Every visit log of `service_user`, week by week, oldest first.
    pub fn logs_of(&self, service_user: &str) -> impl Iterator<Item = &LogFile<'a>> + '_ {
        self.logs_by_week
            .get(service_user)
            .into_iter()
            .flat_map(|weeks| weeks.values().flatten())
    }
}
