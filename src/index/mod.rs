//! One typed index of a loaded repository, built once per run and read by
//! every consumer: `check`, `rota`, `report` and `export`.
//!
//! It sits above [`load`](crate::load) and [`model`](crate::model) and
//! below the modules that read records (`check`, `rota`, `audit`,
//! `export`, `report`), none of which it imports. It holds each typed
//! record with its [`Entry`] (as an [`At`], for positions), in path order
//! and by id ([`Table`]); every entry by id (so duplicates show); the
//! records that could not be read ([`Index::has_broken`],
//! [`Index::is_unparsed_id`]); everything about each service user
//! ([`Person`]); the visit rules in force on a date
//! ([`Index::rules_in_force`], [`Index::visit_in_force`]); and the rotas by
//! week ([`RotaFile`]). Every lookup by id is a hash lookup, and the records
//! and entries it hands out live as long as the repository, not the index.
//!
//! # Adding a kind of record
//!
//! A new kind is a model type and a schema (with its `Kind` and `Record`
//! variants), and its place here:
//! 1. one field, `pub incidents: Table<'a, Incident>`, on [`Index`];
//! 2. one match arm in [`Index::new`]:
//!    `Some(Record::Incident(r)) => ix.incidents.push(r.id.as_str(), At { entry, record: r })`.
//!
//! A kind that belongs to a service user also gets a list in
//! `person::Lists`, filled in `Index::gather` like care plans are, and a
//! field of [`Person`].

mod at;
mod broken;
mod hours;
mod medicines;
mod person;
mod rules;
mod table;
mod visit_log;
mod week;

pub use at::At;
pub use hours::{History, Worked};
pub use person::{Person, RotaVisitAt};
pub use rules::RuleVisit;
pub use table::Table;
pub use visit_log::LogFile;
pub use week::RotaFile;

use crate::load::{Entry, Repo};
use crate::model::values::Week;
use crate::model::{
    Action, CarePlan, Carer, Complaint, Incident, InspectionJudgement, Kind, Mar, Policy,
    QualityAudit, Record, Rota, ServiceUser, VisitLog, VisitRules,
};
use broken::Broken;
use person::Lists;
use std::collections::{BTreeMap, HashMap};

/// The typed records of a loaded repository, indexed once.
#[derive(Debug, Clone)]
pub struct Index<'a> {
    /// The repository.
    pub repo: &'a Repo,
    /// The agency's policy.
    pub policy: &'a Policy,
    /// Service users.
    pub service_users: Table<'a, ServiceUser>,
    /// Care plans.
    pub care_plans: Table<'a, CarePlan>,
    /// Carers.
    pub carers: Table<'a, Carer>,
    /// Visit rules.
    pub visit_rules: Table<'a, VisitRules>,
    /// Rotas.
    pub rotas: Table<'a, Rota>,
    /// Visit logs (care delivered), in path order.
    pub visit_logs: Table<'a, VisitLog>,
    /// Consultants' judgements of the quality statements.
    pub inspection_judgements: Table<'a, InspectionJudgement>,
    /// Medication administration records.
    pub mars: Table<'a, Mar>,
    /// Incidents.
    pub incidents: Table<'a, Incident>,
    /// Complaints, concerns and compliments.
    pub complaints: Table<'a, Complaint>,
    /// Quality audits.
    pub quality_audits: Table<'a, QualityAudit>,
    /// Actions.
    pub actions: Table<'a, Action>,
    /// Every entry with an id, typed or not, by id (several when the id is
    /// duplicated), in path order.
    pub by_id: HashMap<&'a str, Vec<&'a Entry>>,
    /// The entry of each file, by file index.
    by_file: HashMap<usize, &'a Entry>,
    /// File indexes by path.
    files: HashMap<&'a str, usize>,
    /// The records of each service user.
    people: HashMap<&'a str, Lists<'a>>,
    /// The visits of all visit rules, by service user and label.
    visits_by_label: HashMap<(&'a str, &'a str), Vec<RuleVisit<'a>>>,
    /// Rotas by week, in path order.
    rotas_by_week: HashMap<Week, Vec<RotaFile<'a>>>,
    /// Visit logs by service user and week, in path order.
    logs_by_week: HashMap<&'a str, BTreeMap<Week, Vec<LogFile<'a>>>>,
    /// Records that failed their schema or did not parse.
    broken: Broken<'a>,
}

impl<'a> Index<'a> {
    /// Indexes a loaded repository.
    pub fn new(repo: &'a Repo) -> Index<'a> {
        let mut ix = Index {
            repo,
            policy: &repo.agency.policy,
            service_users: Table::default(),
            care_plans: Table::default(),
            carers: Table::default(),
            visit_rules: Table::default(),
            rotas: Table::default(),
            visit_logs: Table::default(),
            inspection_judgements: Table::default(),
            mars: Table::default(),
            incidents: Table::default(),
            complaints: Table::default(),
            quality_audits: Table::default(),
            actions: Table::default(),
            by_id: HashMap::new(),
            by_file: HashMap::new(),
            files: HashMap::new(),
            people: HashMap::new(),
            visits_by_label: HashMap::new(),
            rotas_by_week: HashMap::new(),
            logs_by_week: HashMap::new(),
            broken: Broken::default(),
        };
        for (i, f) in repo.files.iter().enumerate() {
            ix.files.entry(f.path.as_str()).or_insert(i);
        }
        for entry in &repo.entries {
            if let Some(id) = &entry.id {
                ix.by_id.entry(id.as_str()).or_default().push(entry);
            }
            ix.by_file.insert(entry.file, entry);
            match &entry.record {
                Some(Record::ServiceUser(r)) => ix
                    .service_users
                    .push(r.id.as_str(), At { entry, record: r }),
                Some(Record::CarePlan(r)) => {
                    ix.care_plans.push(r.id.as_str(), At { entry, record: r })
                }
                Some(Record::Carer(r)) => ix.carers.push(r.id.as_str(), At { entry, record: r }),
                Some(Record::VisitRules(r)) => {
                    ix.visit_rules.push(r.id.as_str(), At { entry, record: r })
                }
                Some(Record::Rota(r)) => ix.rotas.push(r.id.as_str(), At { entry, record: r }),
                Some(Record::VisitLog(r)) => {
                    ix.visit_logs.push(r.id.as_str(), At { entry, record: r })
                }
                Some(Record::InspectionJudgement(r)) => ix
                    .inspection_judgements
                    .push(r.id.as_str(), At { entry, record: r }),
                Some(Record::Mar(r)) => ix.mars.push(r.id.as_str(), At { entry, record: r }),
                Some(Record::Incident(r)) => {
                    ix.incidents.push(r.id.as_str(), At { entry, record: r })
                }
                Some(Record::Complaint(r)) => {
                    ix.complaints.push(r.id.as_str(), At { entry, record: r })
                }
                Some(Record::QualityAudit(r)) => ix
                    .quality_audits
                    .push(r.id.as_str(), At { entry, record: r }),
                Some(Record::Action(r)) => ix.actions.push(r.id.as_str(), At { entry, record: r }),
                Some(Record::Agency(_)) => {}
                None => ix.broken.add_entry(entry),
            }
        }
        ix.broken.add_salvaged(repo);
        ix.gather();
        ix.gather_logs();
        ix
    }

    /// Builds the indexes that join records: by service user, visits by
    /// label, rotas by week.
    fn gather(&mut self) {
        for p in &self.care_plans {
            let lists = self
                .people
                .entry(p.record.service_user.as_str())
                .or_default();
            lists.plans.push(*p);
        }
        for v in &self.visit_rules {
            let person = v.record.service_user.as_str();
            self.people.entry(person).or_default().rules.push(*v);
            for (index, visit) in v.record.visits.iter().enumerate() {
                self.visits_by_label
                    .entry((person, visit.label.as_str()))
                    .or_default()
                    .push(RuleVisit {
                        rules: *v,
                        visit,
                        index,
                    });
            }
        }
        for m in &self.mars {
            let lists = self
                .people
                .entry(m.record.service_user.as_str())
                .or_default();
            lists.mars.push(*m);
        }
        for r in &self.rotas {
            let file = self.repo.files[r.entry.file].path.as_str();
            self.rotas_by_week
                .entry(r.record.week)
                .or_default()
                .push(RotaFile {
                    rota: r.record,
                    file,
                    entry: r.entry,
                });
            for (index, visit) in r.record.visits.iter().enumerate() {
                let lists = self.people.entry(visit.service_user.as_str()).or_default();
                lists.visits.push(RotaVisitAt {
                    rota: *r,
                    index,
                    visit,
                });
            }
        }
    }

    /// Gathers the visit logs by service user and week.
    fn gather_logs(&mut self) {
        for l in &self.visit_logs {
            let file = self.repo.files[l.entry.file].path.as_str();
            self.logs_by_week
                .entry(l.record.service_user.as_str())
                .or_default()
                .entry(l.record.week)
                .or_default()
                .push(LogFile { log: *l, file });
        }
    }

    /// The kind of the first entry with `id`, typed or not.
    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.by_id.get(id).and_then(|v| v.first()).map(|e| e.kind)
    }

    /// The first entry of `kind` with `id`, typed or not (its `record` is
    /// `None` when it failed its schema).
    pub fn entry_of(&self, kind: Kind, id: &str) -> Option<&'a Entry> {
        self.by_id.get(id)?.iter().find(|e| e.kind == kind).copied()
    }

    /// Every id in use, with the entries that use it, when more than one does.
    pub fn duplicates(&self) -> impl Iterator<Item = (&'a str, &[&'a Entry])> + '_ {
        self.by_id
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(id, v)| (*id, v.as_slice()))
    }

    /// The index in [`Repo::files`] of the file at `path` (relative to
    /// the root, with `/`), whether or not it holds a record.
    pub fn file(&self, path: &str) -> Option<usize> {
        self.files.get(path).copied()
    }

    /// The entry read from the file with index `file`, if it had a known kind.
    pub fn entry_in(&self, file: usize) -> Option<&'a Entry> {
        self.by_file.get(&file).copied()
    }

    /// Whether some record of `kind` that failed its schema (or did not
    /// parse) names `service_user`: rules then hold back conclusions such
    /// as "no care plan", which would only repeat the schema error.
    pub fn has_broken(&self, kind: Kind, service_user: &str) -> bool {
        self.broken.has(kind, service_user)
    }

    /// Whether `id` is the id of a file that did not parse: references to
    /// it are not reported, since the file's own finding says what to fix.
    pub fn is_unparsed_id(&self, id: &str) -> bool {
        self.broken.is_unparsed_id(id)
    }
}

#[cfg(test)]
pub(crate) mod tests;
