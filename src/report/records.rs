//! The records as reports read them: the repository's [`Index`] (built
//! once, or shared with `check`), plus what only reports need: people and
//! carers sorted by id, the plan that speaks for a person, and the
//! findings by record. A build renders every report from one of these.

use crate::check;
use crate::index::{At, Index};
use crate::load::Repo;
use crate::model::values::Week;
use crate::model::{CarePlan, Carer, Policy, ServiceUser, VisitRules};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;

pub use crate::index::RotaFile;

/// Every typed record of a repository, with the indexes reports need.
pub struct Records<'a> {
    /// The typed index of the repository (owned, or shared with `check`).
    pub index: Cow<'a, Index<'a>>,
    /// The repository.
    pub repo: &'a Repo,
    /// The date statuses are judged on.
    pub today: NaiveDate,
    /// The agency's policy.
    pub policy: &'a Policy,
    /// The findings of `check`.
    pub check: &'a check::Report,
    /// Service users, by id.
    pub service_users: Vec<&'a ServiceUser>,
    /// Carers, by id.
    pub carers: Vec<&'a Carer>,
    findings_by_record: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Records<'a> {
    /// Indexes `repo`, whose findings on `today` are `check`.
    pub fn new(repo: &'a Repo, check: &'a check::Report, today: NaiveDate) -> Records<'a> {
        Records::of(Cow::Owned(Index::new(repo)), check, today)
    }

    /// The records of an index already built (by the caller of `check`),
    /// whose findings on `today` are `check`.
    pub fn with_index(
        index: &'a Index<'a>,
        check: &'a check::Report,
        today: NaiveDate,
    ) -> Records<'a> {
        Records::of(Cow::Borrowed(index), check, today)
    }

    fn of(index: Cow<'a, Index<'a>>, check: &'a check::Report, today: NaiveDate) -> Records<'a> {
        let repo = index.repo;
        let mut service_users: Vec<&'a ServiceUser> =
            index.service_users.iter().map(|s| s.record).collect();
        service_users.sort_by(|a, b| a.id.cmp(&b.id));
        let mut carers: Vec<&'a Carer> = index.carers.iter().map(|c| c.record).collect();
        carers.sort_by(|a, b| a.id.cmp(&b.id));
        let mut findings_by_record: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, f) in check.findings.iter().enumerate() {
            if let Some(id) = &f.record {
                findings_by_record.entry(id.as_str()).or_default().push(i);
            }
        }
        Records {
            index,
            repo,
            today,
            policy: &repo.agency.policy,
            check,
            service_users,
            carers,
            findings_by_record,
        }
    }

    /// The carer with `id`.
    pub fn carer(&self, id: &str) -> Option<&'a Carer> {
        self.index.carers.get(id).map(|c| c.record)
    }

    /// The service user with `id`.
    pub fn service_user(&self, id: &str) -> Option<&'a ServiceUser> {
        self.index.service_users.get(id).map(|s| s.record)
    }

    /// A carer's name, or the id itself when there is no such carer.
    pub fn carer_name(&self, id: &str) -> String {
        self.carer(id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    /// Every care plan of a service user.
    pub fn plans_of(&self, service_user: &str) -> &[At<'a, CarePlan>] {
        self.index.plans_of(service_user)
    }

    /// The plan that speaks for a person now: the one in force (latest
    /// effective), else the latest draft or ended plan.
    pub fn plan_of(&self, service_user: &str) -> Option<&'a CarePlan> {
        let plans = self.plans_of(service_user);
        let latest = |in_force: bool| {
            plans
                .iter()
                .filter(|p| p.record.in_force() == in_force)
                .max_by_key(|p| p.record.effective_from)
                .map(|p| p.record)
        };
        latest(true).or_else(|| latest(false))
    }

    /// The visit rules of a service user.
    pub fn rules_of(&self, service_user: &str) -> &[At<'a, VisitRules>] {
        self.index.rules_of(service_user)
    }

    /// The rota of `week` (the first by file, when there are several).
    pub fn rota(&self, week: Week) -> Option<RotaFile<'a>> {
        self.index.rota_of_week(week)
    }

    /// The findings about the records with these ids.
    pub fn findings_about(&self, ids: &[&str]) -> Vec<&'a crate::diag::Finding> {
        let mut indexes: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.findings_by_record.get(id))
            .flatten()
            .copied()
            .collect();
        indexes.sort_unstable();
        indexes.dedup();
        indexes
            .into_iter()
            .filter_map(|i| self.check.findings.get(i))
            .collect()
    }
}
