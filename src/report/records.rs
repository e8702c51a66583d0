//! The typed records of a loaded repository, indexed once for all the
//! reports of a run: by id, care plans and visit rules by service user,
//! rotas by week, findings by record. A build renders every report from
//! one of these, so a large agency is indexed once.

use crate::check;
use crate::load::Repo;
use crate::model::values::Week;
use crate::model::{CarePlan, Carer, Policy, Record, Rota, ServiceUser, VisitRules};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A rota and the file it was read from.
#[derive(Debug, Clone, Copy)]
pub struct RotaFile<'a> {
    /// The rota.
    pub rota: &'a Rota,
    /// Its file, relative to the repository root.
    pub file: &'a str,
}

/// Every typed record of a repository, with the indexes reports need.
pub struct Records<'a> {
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
    /// Rotas, by week and then file.
    pub rotas: Vec<RotaFile<'a>>,
    plans: HashMap<&'a str, Vec<&'a CarePlan>>,
    rules: HashMap<&'a str, Vec<&'a VisitRules>>,
    carer_by_id: HashMap<&'a str, &'a Carer>,
    user_by_id: HashMap<&'a str, &'a ServiceUser>,
    findings_by_record: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Records<'a> {
    /// Indexes `repo`, whose findings on `today` are `check`.
    pub fn new(repo: &'a Repo, check: &'a check::Report, today: NaiveDate) -> Records<'a> {
        let mut r = Records {
            repo,
            today,
            policy: &repo.agency.policy,
            check,
            service_users: Vec::new(),
            carers: Vec::new(),
            rotas: Vec::new(),
            plans: HashMap::new(),
            rules: HashMap::new(),
            carer_by_id: HashMap::new(),
            user_by_id: HashMap::new(),
            findings_by_record: HashMap::new(),
        };
        for entry in &repo.entries {
            match &entry.record {
                Some(Record::ServiceUser(s)) => r.service_users.push(s),
                Some(Record::Carer(c)) => r.carers.push(c),
                Some(Record::CarePlan(p)) => {
                    r.plans.entry(p.service_user.as_str()).or_default().push(p)
                }
                Some(Record::VisitRules(v)) => {
                    r.rules.entry(v.service_user.as_str()).or_default().push(v)
                }
                Some(Record::Rota(rota)) => r.rotas.push(RotaFile {
                    rota,
                    file: &repo.files[entry.file].path,
                }),
                Some(Record::Agency(_)) | None => {}
            }
        }
        r.service_users.sort_by(|a, b| a.id.cmp(&b.id));
        r.carers.sort_by(|a, b| a.id.cmp(&b.id));
        r.rotas
            .sort_by(|a, b| (a.rota.week, a.file).cmp(&(b.rota.week, b.file)));
        // The first record of a duplicated id wins, as it does in `check`.
        for c in &r.carers {
            r.carer_by_id.entry(c.id.as_str()).or_insert(c);
        }
        for s in &r.service_users {
            r.user_by_id.entry(s.id.as_str()).or_insert(s);
        }
        for (i, f) in check.findings.iter().enumerate() {
            if let Some(id) = &f.record {
                r.findings_by_record.entry(id.as_str()).or_default().push(i);
            }
        }
        r
    }

    /// The carer with `id`.
    pub fn carer(&self, id: &str) -> Option<&'a Carer> {
        self.carer_by_id.get(id).copied()
    }

    /// The service user with `id`.
    pub fn service_user(&self, id: &str) -> Option<&'a ServiceUser> {
        self.user_by_id.get(id).copied()
    }

    /// A carer's name, or the id itself when there is no such carer.
    pub fn carer_name(&self, id: &str) -> String {
        self.carer(id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    /// Every care plan of a service user.
    pub fn plans_of(&self, service_user: &str) -> &[&'a CarePlan] {
        self.plans.get(service_user).map_or(&[], Vec::as_slice)
    }

    /// The plan that speaks for a person now: the one in force (latest
    /// effective), else the latest draft or ended plan.
    pub fn plan_of(&self, service_user: &str) -> Option<&'a CarePlan> {
        let plans = self.plans_of(service_user);
        let latest = |in_force: bool| {
            plans
                .iter()
                .filter(|p| p.in_force() == in_force)
                .max_by_key(|p| p.effective_from)
                .copied()
        };
        latest(true).or_else(|| latest(false))
    }

    /// The visit rules of a service user.
    pub fn rules_of(&self, service_user: &str) -> &[&'a VisitRules] {
        self.rules.get(service_user).map_or(&[], Vec::as_slice)
    }

    /// The first rota of `week`.
    pub fn rota(&self, week: Week) -> Option<RotaFile<'a>> {
        self.rotas.iter().find(|r| r.rota.week == week).copied()
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

/// The ISO week of a date.
pub fn week_of(date: NaiveDate) -> Week {
    use chrono::Datelike;
    let iso = date.iso_week();
    Week {
        year: iso.year(),
        week: iso.week(),
    }
}

/// The week after `week`.
pub fn next_week(week: Week) -> Week {
    week_of(week.monday() + chrono::Days::new(7))
}
