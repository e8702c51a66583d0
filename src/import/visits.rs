//! `carebook import visits`: a call monitoring system's CSV of visits
//! into visit logs, `logs/<service-user>/<week>.yaml`.
//!
//! Each row is one visit, or one carer's part of a visit: rows of the same
//! person, day and visit with different carers are one double-up visit
//! (the earliest arrival, the latest departure). A row is refused when it
//! names an unknown person or carer, a visit the person's rules do not
//! have (or, by planned start, one the week's rota does not), a date or
//! time that is not one, a departure before the arrival (unless the visit
//! runs past midnight), a day after today, or when it repeats another row.
//! A visit already in a log is left as it is.

mod render;

use super::plan::{self, WeekFiles};
use super::{Field, ImportError, Mapping, Plan, PlannedFile, Row, RowError, Summary, Table};
use crate::diag::nearest;
use crate::index::Index;
use crate::model::Kind;
use crate::model::values::{Date, Id, Time, Week};
use crate::model::visit_log::{LoggedVisit, Outcome, TaskNotDone, log_path};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// The fields a visits mapping may name.
pub const FIELDS: &[Field] = &[
    Field {
        name: "service_user",
        required: true,
        about: "the person's carebook id, e.g. SU-0001, or translated under `values:`",
    },
    Field {
        name: "date",
        required: true,
        about: "the day of the visit",
    },
    Field {
        name: "label",
        required: false,
        about: "the visit's label in the visit rules, e.g. morning",
    },
    Field {
        name: "planned_start",
        required: false,
        about: "the start the rota planned; finds the visit when there is no label",
    },
    Field {
        name: "carers",
        required: false,
        about: "the carer's id (several separated by `list_separator`)",
    },
    Field {
        name: "arrived",
        required: false,
        about: "check-in time",
    },
    Field {
        name: "departed",
        required: false,
        about: "check-out time",
    },
    Field {
        name: "outcome",
        required: false,
        about: "completed, missed, cancelled-by-person or cancelled-by-agency (translate the system's words under `values: outcome:`); without it, a visit with an arrival is completed",
    },
    Field {
        name: "reason",
        required: false,
        about: "why a visit was missed or cancelled",
    },
    Field {
        name: "tasks_done",
        required: false,
        about: "tasks done, separated by `list_separator`",
    },
    Field {
        name: "tasks_not_done",
        required: false,
        about: "tasks not done, each `task: why`, separated by `list_separator`",
    },
    Field {
        name: "notes",
        required: false,
        about: "the carers' notes",
    },
];

/// One visit read from one or more rows.
#[derive(Debug, Clone)]
struct Incoming {
    rows: Vec<usize>,
    service_user: String,
    visit: LoggedVisit,
}

impl plan::Incoming for Incoming {
    type Order = (Date, Option<Time>, String);

    fn service_user(&self) -> &str {
        &self.service_user
    }

    fn date(&self) -> Date {
        self.visit.date
    }

    fn row(&self) -> usize {
        self.rows[0]
    }

    fn order(&self) -> Self::Order {
        let v = &self.visit;
        (v.date, v.planned_start.or(v.arrived), v.label.clone())
    }
}

/// Reads `csv` through the mapping at `mapping` and plans the visit logs
/// to write into the indexed repository: every visit not yet logged is
/// added to its person's week. Refused rows make the whole import fail
/// with nothing planned. `today` bounds the dates a visit may have.
pub fn plan(
    index: &Index,
    csv: &Path,
    mapping: &Path,
    today: NaiveDate,
) -> Result<(Plan, Summary), ImportError> {
    let mapping = Mapping::read(mapping, FIELDS)?;
    if !mapping.columns.contains_key("label") && !mapping.columns.contains_key("planned_start") {
        return Err(ImportError::Mapping {
            path: csv.to_path_buf(),
            message: "`columns` names neither `label` nor `planned_start`".into(),
            help: Some("map the visit's label, or its planned start (the visit is then found in the week's rota)".into()),
        });
    }
    let table = Table::read(csv, mapping)?;
    let mut errors = Vec::new();
    let mut incoming: Vec<Incoming> = Vec::new();
    for row in table.rows() {
        match read_row(index, &row, today) {
            Ok(v) => incoming.push(v),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let merged = merge(incoming, &mut errors);
    let mut summary = Summary {
        rows: table.len(),
        ..Summary::default()
    };
    let mut by_file = WeekFiles::default();
    for v in merged {
        if index
            .logged_visit(&v.service_user, &v.visit.label, v.visit.date)
            .is_some()
        {
            // Recorded already (by an earlier import or by hand): kept as it is.
            summary.unchanged += 1;
            continue;
        }
        by_file.push(v);
    }
    by_file.plan(index, csv, errors, summary, planned_file)
}

/// The file of `person`'s `week` with `visits` added: the log already
/// there (wherever it lies) with the visits appended, or a new file.
fn planned_file(
    index: &Index,
    person: &str,
    week: Week,
    visits: &[Incoming],
) -> Result<PlannedFile, String> {
    let items: String = visits.iter().map(|v| render::item(&v.visit)).collect();
    let existing = index.logs_of_week(person, week).first().copied();
    let path = existing.map_or_else(|| log_path(person, week), |l| l.file.to_owned());
    if let Some(file) = plan::existing_file(index, &path, Kind::VisitLog, "a visit log")? {
        let text = &index.repo.files[file].text;
        // The loader keeps no tree below a visit log's `visits`: read it again.
        let tree = crate::load::parse::parse(text).map_err(|f| format!("{path}: {}", f.message))?;
        let Some(text) = super::yaml::append_to_list(text, &tree, "visits", &items) else {
            return Err(format!(
                "{path} cannot take more visits: its `visits:` must be the last field, a block list (`- date: …` items)"
            ));
        };
        return Ok(PlannedFile {
            path,
            text,
            created: false,
        });
    }
    let has_schema = super::plan::new_file_has_schema(index, &path, Kind::VisitLog)?;
    Ok(PlannedFile {
        text: render::file(person, week, has_schema, &items),
        path,
        created: true,
    })
}

/// Rows of one visit (person, day, label) with different carers are one
/// visit of them all; a row that repeats a carer of another is refused.
fn merge(incoming: Vec<Incoming>, errors: &mut Vec<RowError>) -> Vec<Incoming> {
    let mut out: Vec<Incoming> = Vec::new();
    let mut at: BTreeMap<(String, Date, String), usize> = BTreeMap::new();
    for v in incoming {
        let key = (v.service_user.clone(), v.visit.date, v.visit.label.clone());
        let Some(&i) = at.get(&key) else {
            at.insert(key, out.len());
            out.push(v);
            continue;
        };
        let first = &mut out[i];
        let row = v.rows[0];
        if let Some(c) = v
            .visit
            .carers
            .iter()
            .find(|c| first.visit.carers.contains(c))
        {
            errors.push(RowError::new(
                row,
                format!(
                    "repeats row {}: {} {} on {} with carer {c} is in the file twice",
                    first.rows[0], v.service_user, v.visit.label, v.visit.date
                ),
            ));
            continue;
        }
        if v.visit.carers.is_empty() || first.visit.carers.is_empty() {
            errors.push(RowError::new(
                row,
                format!(
                    "repeats row {}: {} {} on {} is in the file twice",
                    first.rows[0], v.service_user, v.visit.label, v.visit.date
                ),
            ));
            continue;
        }
        if v.visit.outcome != first.visit.outcome {
            errors.push(RowError::new(
                row,
                format!(
                    "row {} says the same visit was {}, this row {}",
                    first.rows[0],
                    first.visit.outcome.name(),
                    v.visit.outcome.name()
                ),
            ));
            continue;
        }
        let f = &mut first.visit;
        first.rows.push(row);
        f.carers.extend(v.visit.carers);
        f.arrived = earliest(f.arrived, v.visit.arrived);
        f.departed = latest(f.departed, v.visit.departed);
        f.planned_start = f.planned_start.or(v.visit.planned_start);
        f.reason = f.reason.take().or(v.visit.reason);
        for t in v.visit.tasks_done {
            if !f.tasks_done.contains(&t) {
                f.tasks_done.push(t);
            }
        }
        for t in v.visit.tasks_not_done {
            if !f.tasks_not_done.contains(&t) {
                f.tasks_not_done.push(t);
            }
        }
        f.notes = match (f.notes.take(), v.visit.notes) {
            (Some(a), Some(b)) if a != b => Some(format!("{a}\n{b}")),
            (a, b) => a.or(b),
        };
    }
    out
}

fn earliest(a: Option<Time>, b: Option<Time>) -> Option<Time> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<Time>, b: Option<Time>) -> Option<Time> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// One row as a visit, or every reason it is refused.
fn read_row(index: &Index, row: &Row, today: NaiveDate) -> Result<Incoming, Vec<RowError>> {
    let n = row.number;
    let mut errors = Vec::new();
    let mut fail = |m: String| errors.push(RowError::new(n, m));

    let person = row.text("service_user");
    match person {
        None => fail(format!("{} is empty", row.column("service_user"))),
        Some(p) if index.service_users.get(p).is_none() => {
            let hint = nearest(p, index.service_users.iter().map(|s| s.record.id.as_str()))
                .map_or_else(String::new, |s| format!(" (did you mean {s}?)"));
            fail(format!("no service user `{p}` in the records{hint}"));
        }
        Some(_) => {}
    }
    let date = match row.date("date") {
        Ok(Some(d)) if d > today => {
            fail(format!(
                "{d} is after today ({today}): a visit not yet made"
            ));
            None
        }
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            fail(format!("{} is empty", row.column("date")));
            None
        }
        Err(e) => {
            fail(e);
            None
        }
    };
    let mut times = [None, None, None];
    for (slot, field) in times
        .iter_mut()
        .zip(["planned_start", "arrived", "departed"])
    {
        match row.time(field) {
            Ok(t) => *slot = t,
            Err(e) => fail(e),
        }
    }
    let [planned_start, arrived, departed] = times;
    let mut carers = Vec::new();
    for c in row.list("carers") {
        if index.carers.get(c).is_none() {
            let hint = nearest(c, index.carers.iter().map(|s| s.record.id.as_str()))
                .map_or_else(String::new, |s| format!(" (did you mean {s}?)"));
            fail(format!(
                "no carer `{c}` in the records{hint}; translate the system's staff ids under `values: carers:`"
            ));
        } else if !carers.iter().any(|x: &Id| x.as_str() == c) {
            carers.push(Id(c.to_owned()));
        }
    }
    let outcome = match row.text("outcome") {
        Some(word) => Outcome::from_name(word).or_else(|| {
            let words: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
            fail(format!(
                "`{word}` in {} is not an outcome ({}); translate the system's words under `values: outcome:`",
                row.column("outcome"),
                words.join(", ")
            ));
            None
        }),
        None if arrived.is_some() => Some(Outcome::Completed),
        None => {
            fail("no outcome and no arrival time: was the visit made?".into());
            None
        }
    };
    if outcome == Some(Outcome::Completed) && carers.is_empty() && row.list("carers").is_empty() {
        fail(format!(
            "a completed visit names no carer ({} is empty or not mapped)",
            row.column("carers")
        ));
    }
    let mut tasks_not_done = Vec::new();
    for t in row.list("tasks_not_done") {
        match t.split_once(':') {
            Some((task, why)) if !task.trim().is_empty() && !why.trim().is_empty() => {
                tasks_not_done.push(TaskNotDone {
                    task: task.trim().to_owned(),
                    reason: why.trim().to_owned(),
                })
            }
            _ => fail(format!(
                "`{t}` in {}: write each task not done as `task: why`",
                row.column("tasks_not_done")
            )),
        }
    }
    let (Some(person), Some(date), Some(outcome)) = (person, date, outcome) else {
        return Err(errors);
    };
    if index.service_users.get(person).is_none() {
        return Err(errors);
    }
    let date = Date(date);
    let label = find_label(index, row, person, date, planned_start).map_err(&mut fail);
    let planned_start = planned_start.or_else(|| {
        let label = label.as_ref().ok()?;
        planned_in_rota(index, person, date, label)
    });
    if let (Some(a), Some(d), Ok(label)) = (arrived, departed, &label)
        && d < a
    {
        let overnight = index
            .visit_in_force(person, label, date.0)
            .is_some_and(|r| r.runs_past_midnight(planned_start.unwrap_or(a).minutes()));
        if !overnight {
            fail(format!(
                "departed {d} before arriving at {a}, and {label} does not run past midnight"
            ));
        }
    }
    let (Ok(label), true) = (label, errors.is_empty()) else {
        return Err(errors);
    };
    Ok(Incoming {
        rows: vec![n],
        service_user: person.to_owned(),
        visit: LoggedVisit {
            date,
            label,
            planned_start,
            outcome,
            carers,
            arrived,
            departed,
            reason: row.text("reason").map(str::to_owned),
            tasks_done: row
                .list("tasks_done")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            tasks_not_done,
            notes: row.text("notes").map(str::to_owned),
        },
    })
}

/// The visit's label: as written (and known to the person's rules in
/// force that day), or that of the rota visit planned at `planned_start`.
fn find_label(
    index: &Index,
    row: &Row,
    person: &str,
    date: Date,
    planned_start: Option<Time>,
) -> Result<String, String> {
    if let Some(label) = row.text("label") {
        if index.visit_in_force(person, label, date.0).is_some() {
            return Ok(label.to_owned());
        }
        let labels: Vec<&str> = index
            .rules_in_force(person, date.0)
            .flat_map(|r| r.record.visits.iter().map(|v| v.label.as_str()))
            .collect();
        let hint = match nearest(label, labels.iter().copied()) {
            Some(l) => format!(" (did you mean `{l}`?)"),
            None if labels.is_empty() => String::from(" (no visit rules are in force that day)"),
            None => format!(" (its visits: {})", labels.join(", ")),
        };
        return Err(format!(
            "{person} has no visit `{label}` on {date} in their visit rules{hint}"
        ));
    }
    let Some(start) = planned_start else {
        return Err(format!(
            "neither {} nor {} is filled in: which visit was this?",
            row.column("label"),
            row.column("planned_start")
        ));
    };
    let week = Week::of(date.0);
    let Some(rota) = index.rota_of_week(week) else {
        return Err(format!(
            "no rota of {week} to find the visit planned at {start}: map the visit's label instead"
        ));
    };
    rota.rota
        .visits
        .iter()
        .find(|v| v.service_user.as_str() == person && v.date == date && v.start == start)
        .map(|v| v.label.clone())
        .ok_or_else(|| {
            format!(
                "{} has no visit planned at {start} on {date} in {}",
                person, rota.file
            )
        })
}

/// The start the week's rota planned for the visit, if it has one.
fn planned_in_rota(index: &Index, person: &str, date: Date, label: &str) -> Option<Time> {
    let rota = index.rota_of_week(Week::of(date.0))?;
    rota.rota
        .visits
        .iter()
        .find(|v| v.service_user.as_str() == person && v.date == date && v.label == label)
        .map(|v| v.start)
}
