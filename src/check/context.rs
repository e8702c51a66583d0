//! What every rule sees: the repository's typed index (records by id and
//! by service user, the policy) and today's date.

use crate::diag::{Code, Finding, Site};
use crate::index::Index;
use crate::load::Entry;
use chrono::{Months, NaiveDate};
use std::ops::Deref;

pub use crate::index::At;

/// The inputs of every rule: the repository's [`Index`] (which it derefs
/// to, so rules read `cx.carers`, `cx.plans_of(..)`) and today's date.
pub struct Context<'a> {
    /// The typed records, indexed once.
    pub index: &'a Index<'a>,
    /// The date rules judge against.
    pub today: NaiveDate,
}

impl<'a> Deref for Context<'a> {
    type Target = Index<'a>;

    fn deref(&self) -> &Index<'a> {
        self.index
    }
}

impl<'a> Context<'a> {
    /// The inputs of the rules on `today`.
    pub fn new(index: &'a Index<'a>, today: NaiveDate) -> Self {
        Context { index, today }
    }

    /// The site of the value at `pointer` in `entry`.
    pub fn site(&self, entry: &Entry, pointer: &str) -> Site {
        self.repo.site(entry, pointer)
    }

    /// A finding about the value at `pointer` of `entry`, naming its record.
    pub fn finding(
        &self,
        code: Code,
        entry: &Entry,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(code, self.site(entry, pointer), message).maybe_record(entry.id.as_deref())
    }

    /// The carer with `id`.
    pub fn carer(&self, id: &str) -> Option<At<'a, crate::model::Carer>> {
        self.carers.get(id)
    }

    /// The service user with `id`.
    pub fn service_user(&self, id: &str) -> Option<At<'a, crate::model::ServiceUser>> {
        self.service_users.get(id)
    }

    /// The care plan with `id`.
    pub fn care_plan(&self, id: &str) -> Option<At<'a, crate::model::CarePlan>> {
        self.care_plans.get(id)
    }
}

/// `date` plus `months` calendar months (clamped to the month's end).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` plus `days` days.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}
