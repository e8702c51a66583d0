//! The training matrix: carers by mandatory course, each cell the latest
//! completion date marked in date, expiring or expired (by the same dates
//! as `check`), with DBS, right to work, supervision and appraisal.
//! Leavers are left out, as `check` leaves them out.

use super::context::Mark;
use super::{Rendered, ReportError, Session, text};
use crate::check::context::{add_days, add_months};
use crate::model::Carer;
use crate::model::carer::CarerStatus;
use chrono::NaiveDate;
use serde::Serialize;

/// A mandatory course, a column of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// The course's name, as in the policy (`moving-and-handling`).
    pub name: String,
    /// The same as a phrase, `Moving and handling`.
    pub title: String,
    /// `every 12 months`, or `once`.
    pub refresh: String,
}

/// One cell: a date (or none) and its status.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The date shown (completion, issue or check), or empty.
    pub date: String,
    /// In date, expiring, expired or missing, with symbol and words.
    pub mark: Mark,
    /// More detail, e.g. `expires 11 Feb 2027`.
    pub note: String,
}

/// One carer, a row of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The carer's id.
    pub id: String,
    /// The carer's name.
    pub name: String,
    /// Their role, `Senior care worker`.
    pub role: String,
    /// `Active` or `Leave`.
    pub status: String,
    /// One cell per course, in the order of `courses`.
    pub courses: Vec<Cell>,
    /// The DBS check.
    pub dbs: Cell,
    /// The right-to-work check.
    pub right_to_work: Cell,
    /// The last supervision.
    pub supervision: Cell,
    /// The last appraisal.
    pub appraisal: Cell,
    /// The worst status of the row.
    pub status_mark: Mark,
}

/// How many cells of each status.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    /// In date (or once-only and done).
    pub in_date: usize,
    /// Expiring within `expiring_soon_days`.
    pub expiring: usize,
    /// Expired.
    pub expired: usize,
    /// Never completed.
    pub missing: usize,
}

/// The training report's view.
#[derive(Debug, Clone, Serialize)]
pub struct Training {
    /// The mandatory courses.
    pub courses: Vec<Course>,
    /// Carers still employed, by id.
    pub carers: Vec<Row>,
    /// Course cells by status.
    pub tally: Tally,
    /// Days ahead that count as expiring.
    pub expiring_soon_days: u32,
}

/// The status of something done on `done` and due again `months` later.
fn dated(done: NaiveDate, months: u32, today: NaiveDate, soon_days: u32) -> Cell {
    let date = text::date(done);
    if done > today {
        return not_yet(date);
    }
    if months == 0 {
        return Cell {
            date,
            mark: Mark::ok("In date"),
            note: "done once, no refresh".into(),
        };
    }
    let due = add_months(done, months);
    let note = format!("due {}", text::date(due));
    let mark = if due < today {
        Mark::bad("Expired")
    } else if due <= add_days(today, soon_days) {
        Mark::warn("Expiring")
    } else {
        Mark::ok("In date")
    };
    Cell { date, mark, note }
}

/// A date that claims something was done but lies after today: not done.
fn not_yet(date: String) -> Cell {
    Cell {
        date,
        mark: Mark::bad("Future date"),
        note: "dated after today: not done yet".into(),
    }
}

fn missing(text: &str) -> Cell {
    Cell {
        date: String::new(),
        mark: Mark::bad("Missing"),
        note: text.into(),
    }
}

fn row(s: &Session, c: &Carer, courses: &[(String, u32)], tally: &mut Tally) -> Row {
    let policy = s.records.policy;
    let (today, soon) = (s.options.today, policy.expiring_soon_days);
    let cells: Vec<Cell> = courses
        .iter()
        .map(|(course, months)| {
            let needed = policy.courses_for(c.role).any(|(k, _)| k == course);
            if !needed && !c.training.iter().any(|t| &t.course == course) {
                return Cell {
                    date: String::new(),
                    mark: Mark::none("Not needed"),
                    note: "not a course of this role".into(),
                };
            }
            let latest = c
                .training
                .iter()
                .filter(|t| &t.course == course)
                .map(|t| t.completed.0)
                .max();
            let cell = match latest {
                Some(done) => dated(done, *months, today, soon),
                None => missing("never completed"),
            };
            match (cell.mark.level, cell.date.is_empty()) {
                ("none", _) => {}
                ("ok", _) => tally.in_date += 1,
                ("warn", _) => tally.expiring += 1,
                (_, true) => tally.missing += 1,
                _ => tally.expired += 1,
            }
            cell
        })
        .collect();
    let dbs = match &c.checks.dbs {
        None => missing("no DBS check"),
        Some(d) if d.issued.0 > today => not_yet(text::date(d.issued.0)),
        Some(d) if d.update_service => Cell {
            date: text::date(d.issued.0),
            mark: Mark::ok("In date"),
            note: "on the update service".into(),
        },
        Some(d) => dated(
            d.issued.0,
            policy.dbs_renewal_years.saturating_mul(12),
            today,
            soon,
        ),
    };
    let right_to_work = match &c.checks.right_to_work {
        None => missing("no check"),
        Some(r) => match r.expires {
            None => Cell {
                date: text::date(r.checked_on.0),
                mark: Mark::ok("In date"),
                note: "no expiry".into(),
            },
            Some(e) if e.0 < today => Cell {
                date: text::date(r.checked_on.0),
                mark: Mark::bad("Expired"),
                note: format!("expired {}", text::date(e.0)),
            },
            Some(e) => Cell {
                date: text::date(r.checked_on.0),
                mark: if e.0 <= add_days(today, soon) {
                    Mark::warn("Expiring")
                } else {
                    Mark::ok("In date")
                },
                note: format!("expires {}", text::date(e.0)),
            },
        },
    };
    let meeting = |last: Option<NaiveDate>, months: u32, what: &str| {
        let from = last.unwrap_or(c.start_date.0);
        let due = add_months(from, months);
        let mark = if months > 0 && due < today {
            Mark::warn("Overdue")
        } else {
            Mark::ok("In date")
        };
        Cell {
            date: last.map(text::date).unwrap_or_default(),
            mark,
            note: match last {
                Some(_) => format!("next due {}", text::date(due)),
                None => format!("no {what} yet; first due {}", text::date(due)),
            },
        }
    };
    let supervision = meeting(
        c.supervisions.iter().map(|d| d.0).max(),
        policy.supervision_interval_months,
        "supervision",
    );
    let appraisal = meeting(
        c.appraisal.map(|d| d.0),
        policy.appraisal_interval_months,
        "appraisal",
    );
    let worst = cells
        .iter()
        .chain([&dbs, &right_to_work, &supervision, &appraisal])
        .map(|cell| &cell.mark)
        .min_by_key(|m| m.rank())
        .cloned()
        .unwrap_or_else(|| Mark::ok("In date"));
    let p = s.privacy();
    Row {
        id: c.id.to_string(),
        name: p.name(&c.name),
        role: text::word(&c.role),
        status: text::word(&c.status),
        courses: cells,
        dbs,
        right_to_work,
        supervision,
        appraisal,
        status_mark: worst,
    }
}

/// The training matrix of a session.
pub fn view(s: &Session) -> Training {
    let policy = s.records.policy;
    let courses: Vec<(String, u32)> = policy
        .mandatory_training
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    let mut tally = Tally::default();
    let carers = s
        .records
        .carers
        .iter()
        .filter(|c| c.status != CarerStatus::Leaver)
        .map(|c| row(s, c, &courses, &mut tally))
        .collect();
    Training {
        courses: courses
            .iter()
            .map(|(name, months)| Course {
                name: name.clone(),
                title: text::course(name),
                refresh: match months {
                    0 => "once".into(),
                    1 => "every month".into(),
                    m => format!("every {m} months"),
                },
            })
            .collect(),
        carers,
        tally,
        expiring_soon_days: policy.expiring_soon_days,
    }
}

/// Renders the training report.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let view = view(s);
    let mut page = s.page("training", "Training and staff checks");
    page.subtitle = format!(
        "{} by mandatory course, on {}",
        text::count(view.carers.len(), "carer", "carers"),
        text::date(s.options.today)
    );
    let text = s.render("training", &page, "training", &view)?;
    Ok(Rendered {
        file: s.file_name("training"),
        text,
    })
}
