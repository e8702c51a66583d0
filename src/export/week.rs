//! The week's rota resolved against the records, which every export reads:
//! each planned visit with its service user, its carers and its tasks
//! (from the visit rules in force on its date), every id resolved through
//! the repository's [`Index`].
//!
//! An export cannot leave out a carer or an address, so a rota that names a
//! record the repository no longer holds is an error that points at the
//! line of the rota where the id stands, not a finding to skip past.

use crate::index::Index;
use crate::load::node::{locate, pos_of};
use crate::load::{Entry, Repo};
use crate::model::rota::RotaVisit;
use crate::model::values::Week;
use crate::model::{Carer, Kind, Record, Rota, ServiceUser};
use miette::{NamedSource, SourceSpan};
use std::collections::{BTreeMap, HashMap};

/// Why a week cannot be exported (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ExportError {
    /// No rota of that week in the repository.
    #[error("there is no rota for {week}: {path} does not exist")]
    #[diagnostic(code(carebook::no_rota))]
    NoRota {
        /// The week asked for.
        week: Week,
        /// Where the rota was looked for.
        path: String,
        /// How to make one.
        #[help]
        help: String,
    },
    /// The rota file does not read as a rota.
    #[error("{file} is not a readable rota of {week}")]
    #[diagnostic(code(carebook::broken_rota))]
    BrokenRota {
        /// The week asked for.
        week: Week,
        /// The rota file.
        file: String,
        /// How to find out why.
        #[help]
        help: String,
    },
    /// Several rota records are for the same week.
    #[error("{week} has more than one rota: {}", files.join(", "))]
    #[diagnostic(
        code(carebook::several_rotas),
        help("keep one rota per week, at rotas/<week>.yaml; move or delete the others")
    )]
    SeveralRotas {
        /// The week asked for.
        week: Week,
        /// The files that hold a rota of the week.
        files: Vec<String>,
    },
    /// The rota names a carer or service user with no usable record.
    #[error(transparent)]
    #[diagnostic(transparent)]
    UnknownRecord(Box<Pointed>),
    /// A visit that would send wrong hours or dates on: it ends before it
    /// starts (and its rules do not run it past midnight), or it is dated
    /// outside the rota's week.
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadVisit(Box<Pointed>),
}

/// A problem pointed at in the rota file: an id with no usable record
/// behind it, or a visit that cannot be exported as written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
#[diagnostic(code(carebook::export::rota))]
pub struct Pointed {
    /// The rota file.
    pub file: String,
    /// Line of the id, from 1.
    pub line: u32,
    /// Column of the id, from 1.
    pub column: u32,
    /// What is wrong, naming the id.
    pub message: String,
    /// The rota's text, for the snippet.
    #[source_code]
    pub src: NamedSource<String>,
    /// The id in the rota.
    #[label("named here")]
    pub span: SourceSpan,
    /// How to put it right.
    #[help]
    pub help: String,
}

/// One planned visit, resolved.
#[derive(Debug, Clone)]
pub struct PlannedVisit<'a> {
    /// The visit as the rota writes it.
    pub visit: &'a RotaVisit,
    /// The service user visited.
    pub person: &'a ServiceUser,
    /// The carers, in the rota's order, each once.
    pub carers: Vec<&'a Carer>,
    /// The tasks of the visit rule it delivers (empty when no rule in
    /// force has its label).
    pub tasks: &'a [String],
    /// Start, minutes since midnight of the visit's date.
    pub start: u32,
    /// End, minutes since midnight (past 1440 when it ends after midnight).
    pub end: u32,
}

impl PlannedVisit<'_> {
    /// Minutes from start to end.
    pub fn minutes(&self) -> u32 {
        self.end - self.start
    }
}

/// A week's rota, every id in it resolved.
#[derive(Debug, Clone)]
pub struct WeekRota<'a> {
    /// The week.
    pub week: Week,
    /// The rota record.
    pub rota: &'a Rota,
    /// Its file, relative to the repository root.
    pub file: String,
    /// The planned visits, in the rota's order.
    pub visits: Vec<PlannedVisit<'a>>,
    /// Every service user of the repository, by id.
    pub people: HashMap<&'a str, &'a ServiceUser>,
}

impl<'a> WeekRota<'a> {
    /// Each carer with their visits (in the rota's order), by carer id.
    pub fn by_carer(&self) -> BTreeMap<&'a str, (&'a Carer, Vec<&PlannedVisit<'a>>)> {
        let mut by_carer: BTreeMap<&'a str, (&'a Carer, Vec<&PlannedVisit<'a>>)> = BTreeMap::new();
        for v in &self.visits {
            for c in &v.carers {
                by_carer
                    .entry(c.id.as_str())
                    .or_insert_with(|| (*c, Vec::new()))
                    .1
                    .push(v);
            }
        }
        by_carer
    }
}

/// Where `carebook rota` writes a week's rota, relative to the root.
pub fn rota_path(week: Week) -> String {
    format!("rotas/{week}.yaml")
}

/// Finds the week's rota and resolves it against the records.
pub fn week_rota(repo: &Repo, week: Week) -> Result<WeekRota<'_>, ExportError> {
    week_rota_in(&Index::new(repo), week)
}

/// Finds the week's rota and resolves it against an index of the records.
pub fn week_rota_in<'a>(index: &Index<'a>, week: Week) -> Result<WeekRota<'a>, ExportError> {
    let repo = index.repo;
    let (entry, rota) = find_rota(index, week)?;
    let file = repo.files[entry.file].path.clone();
    // Every service user whose id resolves (the first record of the id,
    // as the checker takes them, has passed its schema).
    let mut people = HashMap::new();
    for s in &index.service_users {
        let id = s.record.id.as_str();
        if let Ok(Record::ServiceUser(s)) = resolve(index, Kind::ServiceUser, id) {
            people.insert(id, s);
        }
    }

    let mut visits = Vec::with_capacity(rota.visits.len());
    for (i, v) in rota.visits.iter().enumerate() {
        let pointer = format!("/visits/{i}/service_user");
        let person = match resolve(index, Kind::ServiceUser, v.service_user.as_str()) {
            Ok(Record::ServiceUser(s)) => s,
            other => {
                return Err(unknown(
                    repo,
                    entry,
                    &pointer,
                    "service user",
                    v.service_user.as_str(),
                    other.err(),
                    week,
                ));
            }
        };
        let mut resolved: Vec<&Carer> = Vec::with_capacity(v.carers.len());
        for (j, id) in v.carers.iter().enumerate() {
            let carer = match resolve(index, Kind::Carer, id.as_str()) {
                Ok(Record::Carer(c)) => c,
                other => {
                    let pointer = format!("/visits/{i}/carers/{j}");
                    let why = other.err();
                    return Err(unknown(
                        repo,
                        entry,
                        &pointer,
                        "carer",
                        id.as_str(),
                        why,
                        week,
                    ));
                }
            };
            if !resolved.iter().any(|c| c.id == carer.id) {
                resolved.push(carer);
            }
        }
        let start = v.start.minutes();
        let end = v.end.minutes();
        if v.date.0 < week.monday() || v.date.0 > week.sunday() {
            return Err(bad_visit(
                repo,
                entry,
                i,
                "date",
                format!("the visit is dated {}, outside {week}", v.date.0),
            ));
        }
        let rule = index.visit_in_force(v.service_user.as_str(), &v.label, v.date.0);
        // Past midnight only when its rules run it there; otherwise an end
        // before the start is a typo that would pay nearly a day.
        let overnight = rule.is_some_and(|r| r.runs_past_midnight(start));
        if end < start && !overnight {
            return Err(bad_visit(
                repo,
                entry,
                i,
                "end",
                format!(
                    "the visit ends at {} before it starts at {}",
                    v.end, v.start
                ),
            ));
        }
        let tasks = rule.map_or(&[][..], |rule| rule.visit.tasks.as_slice());
        visits.push(PlannedVisit {
            visit: v,
            person,
            carers: resolved,
            tasks,
            start,
            end: if end < start { end + 1440 } else { end },
        });
    }
    for (i, u) in rota.unassigned.iter().enumerate() {
        if let Err(why) = resolve(index, Kind::ServiceUser, u.service_user.as_str()) {
            let pointer = format!("/unassigned/{i}/service_user");
            let id = u.service_user.as_str();
            return Err(unknown(
                repo,
                entry,
                &pointer,
                "service user",
                id,
                Some(why),
                week,
            ));
        }
    }
    Ok(WeekRota {
        week,
        rota,
        file,
        visits,
        people,
    })
}

/// Why an id did not resolve: no record, or a record with errors (its file).
enum Missing {
    None,
    Broken(usize),
}

/// The record of the first entry of `kind` with `id` (as the checker
/// takes them), or why there is none.
fn resolve<'a>(index: &Index<'a>, kind: Kind, id: &str) -> Result<&'a Record, Missing> {
    match index.entry_of(kind, id) {
        None => Err(Missing::None),
        Some(e) => e.record.as_ref().ok_or(Missing::Broken(e.file)),
    }
}

fn unknown(
    repo: &Repo,
    entry: &Entry,
    pointer: &str,
    what: &str,
    id: &str,
    why: Option<Missing>,
    week: Week,
) -> ExportError {
    let (message, help) = match why {
        Some(Missing::Broken(file)) => (
            format!(
                "the rota names {what} `{id}`, whose record {} has errors",
                repo.files[file].path
            ),
            "run `carebook check` to see them, fix the record, then export again".to_owned(),
        ),
        _ => (
            format!("the rota names {what} `{id}`, who has no record in this repository"),
            format!(
                "the record was removed or its id changed: restore it, or re-plan the week \
                 without them with `carebook rota --week {week} --repair`"
            ),
        ),
    };
    ExportError::UnknownRecord(Box::new(pointed(
        repo,
        entry,
        pointer,
        id.len(),
        message,
        help,
    )))
}

/// The problem `message` pointed at the value at `pointer` of the rota.
fn pointed(
    repo: &Repo,
    entry: &Entry,
    pointer: &str,
    min_len: usize,
    message: String,
    help: String,
) -> Pointed {
    let source = &repo.files[entry.file];
    let pos = pos_of(locate(&entry.tree, pointer, false));
    let len = pos
        .len
        .max(min_len)
        .min(source.text.len().saturating_sub(pos.offset));
    Pointed {
        file: source.path.clone(),
        line: pos.line,
        column: pos.column,
        message,
        src: NamedSource::new(&source.path, source.text.clone()).with_language("yaml"),
        span: SourceSpan::new(pos.offset.into(), len),
        help,
    }
}

/// A visit that cannot be exported as written, pointed at its `field`.
fn bad_visit(repo: &Repo, entry: &Entry, i: usize, field: &str, message: String) -> ExportError {
    let pointer = format!("/visits/{i}/{field}");
    let help =
        "correct the visit in the rota (`carebook check` names it), then export again".into();
    ExportError::BadVisit(Box::new(pointed(repo, entry, &pointer, 1, message, help)))
}

/// The week's rota: the file `carebook rota` writes, or else the one rota
/// record of that week anywhere in the repository.
fn find_rota<'a>(index: &Index<'a>, week: Week) -> Result<(&'a Entry, &'a Rota), ExportError> {
    let path = rota_path(week);
    let broken = |file: &str| ExportError::BrokenRota {
        week,
        file: file.to_owned(),
        help: format!(
            "run `carebook check` to see what is wrong with it, or plan the week again \
             with `carebook rota --week {week}`"
        ),
    };
    if let Some(file) = index.file(&path) {
        return match index.entry_in(file).map(|e| (e, &e.record)) {
            Some((e, Some(Record::Rota(r)))) if r.week == week => Ok((e, r)),
            _ => Err(broken(&path)),
        };
    }
    match index.rotas_of_week(week) {
        [] => Err(ExportError::NoRota {
            week,
            path,
            help: format!(
                "plan the week first with `carebook rota --week {week}`, review and commit \
                 the rota it writes, then export again"
            ),
        }),
        [one] => Ok((one.entry, one.rota)),
        several => Err(ExportError::SeveralRotas {
            week,
            files: several.iter().map(|r| r.file.to_owned()).collect(),
        }),
    }
}
