//! `carebook import mar`: an eMAR system's CSV of doses into medication
//! administration records, `mar/<service-user>/<week>.yaml`.
//!
//! Each row is one dose. A row with a scheduled `time` is a dose of the
//! person's plan (its outcome, when given, by whom); a row without one is
//! an as-needed (PRN) dose (when given, the reason, the effect). A row is
//! refused when it names an unknown person, carer or medicine (not in the
//! plan in force that day), a time that is not one of the medicine's dose
//! times, a date or time that is not one, a day after today, an outcome
//! without what it needs (a carer and time for `given`, a reason code for
//! `not-given`), or when it repeats another row. A dose already recorded
//! the same way is left as it is; one recorded differently is refused.

mod render;
mod row;

use super::plan::{self, WeekFiles};
use super::{Field, ImportError, Mapping, Plan, PlannedFile, RowError, Summary, Table};
use crate::index::Index;
use crate::model::Kind;
use crate::model::mar::{MarDose, PrnDose, mar_path};
use crate::model::values::{Date, Time, Week};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// The fields a MAR mapping may name.
pub const FIELDS: &[Field] = &[
    Field {
        name: "service_user",
        required: true,
        about: "the person's carebook id, e.g. SU-0001, or translated under `values:`",
    },
    Field {
        name: "date",
        required: true,
        about: "the day of the dose",
    },
    Field {
        name: "medicine",
        required: true,
        about: "the medicine, named as in the care plan (translate the system's names under `values: medicine:`)",
    },
    Field {
        name: "time",
        required: false,
        about: "the scheduled dose time; empty for an as-needed (PRN) dose",
    },
    Field {
        name: "outcome",
        required: false,
        about: "given, refused, not-given, given-by-family or self-administered (translate the system's codes under `values: outcome:`)",
    },
    Field {
        name: "given_at",
        required: false,
        about: "when the dose was given or offered",
    },
    Field {
        name: "carer",
        required: false,
        about: "the carer's id",
    },
    Field {
        name: "reason",
        required: false,
        about: "for a dose not given, its reason code (hospital, away, asleep, nausea-vomiting, withheld, unavailable, other); for an as-needed dose, why it was given",
    },
    Field {
        name: "dose",
        required: false,
        about: "the dose of an as-needed medicine, e.g. 2 tablets",
    },
    Field {
        name: "effect",
        required: false,
        about: "the effect of an as-needed dose",
    },
    Field {
        name: "note",
        required: false,
        about: "the carer's note",
    },
    Field {
        name: "escalated_to",
        required: false,
        about: "who was told of a refused or omitted dose (office, GP, pharmacist)",
    },
    Field {
        name: "escalation_note",
        required: false,
        about: "what they advised",
    },
];

/// One dose read from one row.
#[derive(Debug, Clone)]
enum Dose {
    Scheduled(MarDose),
    AsNeeded(PrnDose),
}

impl Dose {
    fn date(&self) -> Date {
        match self {
            Dose::Scheduled(d) => d.date,
            Dose::AsNeeded(d) => d.date,
        }
    }

    /// What makes the dose itself: day, medicine and (scheduled or given) time.
    fn key(&self) -> (Date, String, Time, bool) {
        match self {
            Dose::Scheduled(d) => (d.date, d.medicine.clone(), d.time, false),
            Dose::AsNeeded(d) => (d.date, d.medicine.clone(), d.given_at, true),
        }
    }
}

#[derive(Debug, Clone)]
struct Incoming {
    row: usize,
    service_user: String,
    dose: Dose,
}

impl plan::Incoming for Incoming {
    type Order = (Date, Time, String, bool);

    fn service_user(&self) -> &str {
        &self.service_user
    }

    fn date(&self) -> Date {
        self.dose.date()
    }

    fn row(&self) -> usize {
        self.row
    }

    fn order(&self) -> Self::Order {
        let (date, medicine, time, prn) = self.dose.key();
        (date, time, medicine, prn)
    }
}

/// Reads `csv` through the mapping at `mapping` and plans the MAR files
/// to write: every dose not yet recorded is added to its person's week.
/// Refused rows make the whole import fail with nothing planned.
pub fn plan(
    index: &Index,
    csv: &Path,
    mapping: &Path,
    today: NaiveDate,
) -> Result<(Plan, Summary), ImportError> {
    let mapping = Mapping::read(mapping, FIELDS)?;
    let table = Table::read(csv, mapping)?;
    let mut errors = Vec::new();
    let mut seen: BTreeMap<(String, Date, String, Time, bool), usize> = BTreeMap::new();
    let mut summary = Summary {
        rows: table.len(),
        ..Summary::default()
    };
    let mut by_file = WeekFiles::default();
    for r in table.rows() {
        let v = match row::read(index, &r, today) {
            Ok(v) => v,
            Err(mut e) => {
                errors.append(&mut e);
                continue;
            }
        };
        let (date, medicine, time, prn) = v.dose.key();
        let key = (v.service_user.clone(), date, medicine, time, prn);
        if let Some(first) = seen.get(&key) {
            errors.push(RowError::new(
                v.row,
                format!("repeats row {first}: the same dose is in the file twice"),
            ));
            continue;
        }
        seen.insert(key, v.row);
        match recorded(index, &v) {
            Recorded::No => {}
            Recorded::Same => {
                summary.unchanged += 1;
                continue;
            }
            Recorded::Differently(file) => {
                errors.push(RowError::new(
                    v.row,
                    format!(
                        "{file} records this dose differently; correct the record or the export, then import again"
                    ),
                ));
                continue;
            }
        }
        by_file.push(v);
    }
    by_file.plan(index, csv, errors, summary, planned_file)
}

enum Recorded {
    No,
    Same,
    Differently(String),
}

/// Whether the dose is in the person's MAR already, and the same.
fn recorded(index: &Index, v: &Incoming) -> Recorded {
    for m in index.person(&v.service_user).mars {
        let file = &index.repo.files[m.entry.file].path;
        let found = match &v.dose {
            Dose::Scheduled(d) => m
                .record
                .doses
                .iter()
                .find(|x| x.date == d.date && x.medicine == d.medicine && x.time == d.time)
                .map(|x| x == d),
            Dose::AsNeeded(d) => m
                .record
                .prn
                .iter()
                .find(|x| x.date == d.date && x.medicine == d.medicine && x.given_at == d.given_at)
                .map(|x| x == d),
        };
        match found {
            Some(true) => return Recorded::Same,
            Some(false) => return Recorded::Differently(file.clone()),
            None => {}
        }
    }
    Recorded::No
}

/// The file of `person`'s `week` with `doses` added: the MAR already
/// there with the doses added to its lists, or a new file.
fn planned_file(
    index: &Index,
    person: &str,
    week: Week,
    doses: &[Incoming],
) -> Result<PlannedFile, String> {
    let scheduled: String = doses
        .iter()
        .filter_map(|d| match &d.dose {
            Dose::Scheduled(x) => Some(render::dose(x)),
            Dose::AsNeeded(_) => None,
        })
        .collect();
    let prn: String = doses
        .iter()
        .filter_map(|d| match &d.dose {
            Dose::AsNeeded(x) => Some(render::prn(x)),
            Dose::Scheduled(_) => None,
        })
        .collect();
    let existing = index
        .person(person)
        .mars
        .iter()
        .find(|m| m.record.week == week);
    let path = existing.map_or_else(
        || mar_path(person, week),
        |m| index.repo.files[m.entry.file].path.clone(),
    );
    if let Some(file) = plan::existing_file(index, &path, Kind::Mar, "a MAR")? {
        let mut text = index.repo.files[file].text.clone();
        for (key, items) in [("doses", &scheduled), ("prn", &prn)] {
            if items.is_empty() {
                continue;
            }
            let tree = crate::load::parse::parse(&text)
                .map_err(|_| format!("{path} does not read back after adding doses"))?;
            text = render::add_items(&text, &tree, key, items).ok_or_else(|| {
                format!("{path} cannot take more doses: its `{key}:` must be a block list (`- {{date: …}}` items)")
            })?;
        }
        return Ok(PlannedFile {
            path,
            text,
            created: false,
        });
    }
    let has_schema = super::plan::new_file_has_schema(index, &path, Kind::Mar)?;
    Ok(PlannedFile {
        text: render::file(person, week, has_schema, &scheduled, &prn),
        path,
        created: true,
    })
}
