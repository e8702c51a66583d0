//! What every rule sees: the loaded repository, today's date, the policy,
//! and indexes of the typed records by id and by service user.

use crate::diag::Code;
use crate::diag::{Finding, Site};
use crate::load::{Entry, Repo};
use crate::model::{CarePlan, Carer, Kind, Policy, Record, Rota, ServiceUser, VisitRules};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// A typed record together with its entry (for positions).
#[derive(Debug)]
pub struct At<'a, T> {
    /// The entry: file and tree.
    pub entry: &'a Entry,
    /// The typed record.
    pub record: &'a T,
}

impl<T> Clone for At<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for At<'_, T> {}

/// The inputs of every rule.
pub struct Context<'a> {
    /// The repository.
    pub repo: &'a Repo,
    /// The date rules judge against.
    pub today: NaiveDate,
    /// The agency's policy.
    pub policy: &'a Policy,
    /// Service users, in path order.
    pub service_users: Vec<At<'a, ServiceUser>>,
    /// Care plans, in path order.
    pub care_plans: Vec<At<'a, CarePlan>>,
    /// Carers, in path order.
    pub carers: Vec<At<'a, Carer>>,
    /// Visit rules, in path order.
    pub visit_rules: Vec<At<'a, VisitRules>>,
    /// Rotas, in path order.
    pub rotas: Vec<At<'a, Rota>>,
    /// Every entry with an id, by id (several when the id is duplicated).
    pub by_id: HashMap<&'a str, Vec<&'a Entry>>,
    /// Care plans by service user id.
    plans_by_person: HashMap<&'a str, Vec<At<'a, CarePlan>>>,
    /// Visit rules by service user id.
    rules_by_person: HashMap<&'a str, Vec<At<'a, VisitRules>>>,
    /// (kind, service user) of records that failed their schema or did not parse.
    broken: std::collections::HashSet<(Kind, String)>,
}

impl<'a> Context<'a> {
    /// Indexes a loaded repository.
    pub fn new(repo: &'a Repo, today: NaiveDate) -> Self {
        let mut cx = Context {
            repo,
            today,
            policy: &repo.agency.policy,
            service_users: Vec::new(),
            care_plans: Vec::new(),
            carers: Vec::new(),
            visit_rules: Vec::new(),
            rotas: Vec::new(),
            by_id: HashMap::new(),
            plans_by_person: HashMap::new(),
            rules_by_person: HashMap::new(),
            broken: std::collections::HashSet::new(),
        };
        for entry in &repo.entries {
            if let Some(id) = &entry.id {
                cx.by_id.entry(id.as_str()).or_default().push(entry);
            }
            match &entry.record {
                Some(Record::ServiceUser(r)) => cx.service_users.push(At { entry, record: r }),
                Some(Record::CarePlan(r)) => cx.care_plans.push(At { entry, record: r }),
                Some(Record::Carer(r)) => cx.carers.push(At { entry, record: r }),
                Some(Record::VisitRules(r)) => cx.visit_rules.push(At { entry, record: r }),
                Some(Record::Rota(r)) => cx.rotas.push(At { entry, record: r }),
                Some(Record::Agency(_)) => {}
                None => {
                    if let Some(su) = entry.raw_str("service_user") {
                        cx.broken.insert((entry.kind, su.to_owned()));
                    }
                }
            }
        }
        for (_, fields) in &repo.salvaged {
            let kind = Repo::salvaged_value(fields, "kind").and_then(Kind::from_name);
            if let (Some(kind), Some(su)) = (kind, Repo::salvaged_value(fields, "service_user")) {
                cx.broken.insert((kind, su.to_owned()));
            }
        }
        for p in &cx.care_plans {
            cx.plans_by_person
                .entry(p.record.service_user.as_str())
                .or_default()
                .push(*p);
        }
        for v in &cx.visit_rules {
            cx.rules_by_person
                .entry(v.record.service_user.as_str())
                .or_default()
                .push(*v);
        }
        cx
    }

    /// The care plans of a service user.
    pub fn plans_of(&self, service_user: &str) -> &[At<'a, CarePlan>] {
        self.plans_by_person
            .get(service_user)
            .map_or(&[], Vec::as_slice)
    }

    /// The visit rules of a service user.
    pub fn rules_of(&self, service_user: &str) -> &[At<'a, VisitRules>] {
        self.rules_by_person
            .get(service_user)
            .map_or(&[], Vec::as_slice)
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

    /// The kind of the record with `id`, if exactly one exists.
    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.by_id.get(id).and_then(|v| v.first()).map(|e| e.kind)
    }

    /// Whether some record of `kind` that failed its schema names
    /// `service_user`: rules then hold back conclusions such as "no care
    /// plan", which would only repeat the schema error.
    pub fn has_broken(&self, kind: Kind, service_user: &str) -> bool {
        self.broken.contains(&(kind, service_user.to_owned()))
    }

    /// Whether `id` is the id of a file that did not parse: references to
    /// it are not reported, since the file's own finding says what to fix.
    pub fn is_unparsed_id(&self, id: &str) -> bool {
        self.repo
            .salvaged
            .iter()
            .any(|(_, fields)| Repo::salvaged_value(fields, "id") == Some(id))
    }

    /// The carer with `id`.
    pub fn carer(&self, id: &str) -> Option<At<'a, Carer>> {
        self.carers
            .iter()
            .copied()
            .find(|c| c.record.id.as_str() == id)
    }

    /// The service user with `id`.
    pub fn service_user(&self, id: &str) -> Option<At<'a, ServiceUser>> {
        self.service_users
            .iter()
            .copied()
            .find(|c| c.record.id.as_str() == id)
    }

    /// The care plan with `id`.
    pub fn care_plan(&self, id: &str) -> Option<At<'a, CarePlan>> {
        self.care_plans
            .iter()
            .copied()
            .find(|c| c.record.id.as_str() == id)
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
