//! The MAR chart: for each person whose plan lists medicines, a grid of
//! dose times (rows: each medicine at each of its times) by days (columns),
//! each cell the usual MAR code: the initials of the carer who gave it, R
//! refused, F family, S self-administered, a letter for a dose not given
//! and why, and a marked gap where a dose a carer gives has no record.
//! Below it, as-needed doses with reason and effect, and the notes and
//! escalations of refused and omitted doses. It covers the 4 ISO weeks
//! ending with the last week before today's (or `--week`), from the day
//! MAR began; it prints on A4 landscape, a person to a page.

use super::redact::initials;
use super::{Rendered, ReportError, Session, text};
use crate::model::care_plan::{Giver, Medication};
use crate::model::mar::{CHART_KEY, MarDose, MarOutcome, chart_code};
use crate::model::values::{Time, Week};
use crate::model::{Mar, ServiceUser};
use chrono::NaiveDate;
use std::collections::HashMap;

mod view;

pub use view::{Cell, Chart, Charts, DayHead, KeyRow, NoteRow, PrnRow, Row, Summary};

/// How many weeks a chart covers.
const WEEKS: u64 = 4;

/// The days a chart covers: the `WEEKS` weeks ending with `last`.
fn days(last: Week) -> Vec<NaiveDate> {
    let first = last
        .monday()
        .checked_sub_days(chrono::Days::new(7 * (WEEKS - 1)))
        .unwrap_or(last.monday());
    first
        .iter_days()
        .take_while(|d| *d <= last.sunday())
        .collect()
}

/// The last week charted: `--week`, else the week before today's.
pub fn last_week(s: &Session) -> Week {
    s.options.week.unwrap_or_else(|| {
        Week::of(
            s.options
                .today
                .checked_sub_days(chrono::Days::new(7))
                .unwrap_or(s.options.today),
        )
    })
}

/// Renders the MAR charts (one person with `--id`).
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let r = &s.records;
    let chosen: Vec<&ServiceUser> = match &s.options.id {
        Some(id) => vec![
            r.service_user(id)
                .ok_or_else(|| ReportError::UnknownId(id.clone()))?,
        ],
        None => r.service_users.clone(),
    };
    let last = last_week(s);
    let all_days = days(last);
    let people: Vec<Chart> = chosen
        .iter()
        .filter_map(|u| chart(s, u, &all_days))
        .collect();
    // The period shown starts with the first week any chart shows.
    let first = people
        .iter()
        .filter_map(|c| c.days.first())
        .filter_map(|d| d.date.parse::<NaiveDate>().ok())
        .min();
    let view = Charts {
        period: match (first.or(all_days.first().copied()), all_days.last()) {
            (Some(a), Some(b)) => text::span(a, *b),
            _ => String::new(),
        },
        key: CHART_KEY
            .iter()
            .map(|(c, m)| KeyRow {
                code: (*c).to_owned(),
                meaning: (*m).to_owned(),
            })
            .chain([
                KeyRow {
                    code: "AB".into(),
                    meaning: "given by the carer with these initials".into(),
                },
                KeyRow {
                    code: "–".into(),
                    meaning: "no record: a gap".into(),
                },
            ])
            .collect(),
        people,
    };
    let (title, stem) = match (&s.options.id, view.people.first()) {
        (Some(id), Some(p)) => (format!("MAR chart: {}", p.name), format!("mar-{id}")),
        _ => ("MAR charts".to_owned(), "mar".to_owned()),
    };
    let mut page = s.page("mar", title);
    page.doc_title = "MAR chart".to_owned();
    page.subtitle = format!(
        "Medication administration records, {}; each person on a new page",
        view.period
    );
    let text = s.render("mar", &page, "mar", &view)?;
    Ok(Rendered {
        file: s.file_name(&stem),
        text,
    })
}

/// The chart of `u`, when their plan lists medicines.
fn chart(s: &Session, u: &ServiceUser, all: &[NaiveDate]) -> Option<Chart> {
    let ix = &s.records.index;
    let su = u.id.as_str();
    let last = *all.last()?;
    let plan = ix.plan_on(su, last)?;
    let m = plan.record.medication.as_ref()?;
    if m.items.is_empty() {
        return None;
    }
    let p = s.privacy();
    let mars: &[crate::index::At<Mar>] = ix.person(su).mars;
    let mut entries: HashMap<(NaiveDate, &str, Time), &MarDose> = HashMap::new();
    for mar in mars {
        for d in &mar.record.doses {
            entries.entry((d.date.0, &d.medicine, d.time)).or_insert(d);
        }
    }
    let from = ix
        .mar_from()
        .unwrap_or(s.options.today)
        .max(plan.record.effective_from.0);
    // Weeks wholly before MAR began are left off.
    let days: Vec<NaiveDate> = all
        .iter()
        .copied()
        .filter(|d| Week::of(*d).sunday() >= from)
        .collect();
    let mut summary = Summary::default();
    let mut rows = Vec::new();
    for item in &m.items {
        for dose in &item.times {
            let giver = m.giver(item, dose);
            let tol = item.tolerance(&s.records.policy.medication);
            let cells = days
                .iter()
                .map(|day| {
                    let judged = *day >= from && *day < s.options.today;
                    let entry = entries.get(&(*day, item.name.as_str(), dose.time()));
                    let c = cell(
                        s,
                        entry.copied(),
                        giver,
                        judged,
                        item.time_critical.then_some(tol),
                    );
                    tally(&mut summary, &c, entry.copied(), giver, judged);
                    c
                })
                .collect();
            rows.push(Row {
                medicine: item.name.clone(),
                dose: item.dose.clone().unwrap_or_default(),
                time: dose.to_string(),
                critical: if item.time_critical {
                    format!("time-critical, ±{tol} min")
                } else {
                    String::new()
                },
                giver: giver.name().to_owned(),
                cells,
            });
        }
    }
    let in_period = |d: NaiveDate| days.first().is_some_and(|f| *f <= d) && d <= last;
    let mut prn: Vec<PrnRow> = Vec::new();
    let mut notes: Vec<NoteRow> = Vec::new();
    for mar in mars {
        for d in mar.record.prn.iter().filter(|d| in_period(d.date.0)) {
            prn.push(PrnRow {
                when: format!("{} {}", text::day_short(d.date.0), d.given_at),
                medicine: d.medicine.clone(),
                dose: d.dose.clone().unwrap_or_default(),
                reason: d.reason.clone(),
                effect: d.effect.clone().unwrap_or_default(),
                carer: p.name(&s.records.carer_name(d.carer.as_str())),
            });
        }
        for d in mar.record.doses.iter().filter(|d| in_period(d.date.0)) {
            let noted = d.note.is_some() || d.escalation.is_some();
            if !noted && d.outcome != MarOutcome::Refused {
                continue;
            }
            notes.push(NoteRow {
                when: format!("{} {}", text::day_short(d.date.0), d.time),
                medicine: d.medicine.clone(),
                outcome: outcome_words(d),
                note: d.note.clone().unwrap_or_default(),
                escalation: match &d.escalation {
                    Some(e) => format!(
                        "{} on {}{}",
                        e.to,
                        text::date(e.date.0),
                        e.note
                            .as_ref()
                            .map(|n| format!(": {n}"))
                            .unwrap_or_default()
                    ),
                    None if d.outcome == MarOutcome::Refused => "none recorded".to_owned(),
                    None => String::new(),
                },
            });
        }
    }
    prn.sort_by(|a, b| a.when.cmp(&b.when));
    Some(Chart {
        id: su.to_owned(),
        name: p.name(&u.name),
        plan: format!("{} · {}", plan.record.id, support_word(m)),
        days: days
            .iter()
            .map(|d| DayHead {
                date: d.to_string(),
                weekday: d.format("%a").to_string(),
                day: d.format("%-d").to_string(),
                monday: *d == Week::of(*d).monday(),
            })
            .collect(),
        rows,
        prn,
        notes,
        summary,
    })
}

fn support_word(m: &Medication) -> String {
    format!(
        "medicines support: {}",
        text::word(&m.support).to_lowercase()
    )
}

fn outcome_words(d: &MarDose) -> String {
    match (d.outcome, d.reason) {
        (MarOutcome::NotGiven, Some(r)) => format!("not given: {}", text::phrase(&text::word(&r))),
        (o, _) => text::phrase(o.name()),
    }
}

/// One cell: the recorded dose, or what is missing.
fn cell(
    s: &Session,
    entry: Option<&MarDose>,
    giver: Giver,
    judged: bool,
    tolerance: Option<u32>,
) -> Cell {
    let plain = |code: &str, class: &str, title: &str| Cell {
        code: code.to_owned(),
        class: class.to_owned(),
        time: String::new(),
        title: title.to_owned(),
    };
    let Some(d) = entry else {
        return match (judged, giver) {
            (false, _) => plain("", "none", ""),
            (true, Giver::Carer) => plain("–", "gap", "no record"),
            (true, Giver::Family) => plain("(F)", "expected", "family gives this dose"),
            (true, Giver::Person) => plain("(S)", "expected", "the person takes this dose"),
        };
    };
    let p = s.privacy();
    let who = d
        .carer
        .as_ref()
        .map(|c| p.name(&s.records.carer_name(c.as_str())))
        .unwrap_or_default();
    let at = d.given_at.map(|t| t.to_string()).unwrap_or_default();
    let title = format!(
        "{}{}{}",
        outcome_words(d),
        if at.is_empty() {
            String::new()
        } else {
            format!(" at {at}")
        },
        if who.is_empty() {
            String::new()
        } else {
            format!(" by {who}")
        }
    );
    let (code, class) = match d.outcome {
        MarOutcome::Given => {
            let code = d
                .carer
                .as_ref()
                .map(|c| initials(&s.records.carer_name(c.as_str())).replace(['.', ' '], ""))
                .filter(|i| !i.is_empty())
                .unwrap_or_else(|| "✓".to_owned());
            let late = match (tolerance, d.given_at) {
                (Some(tol), Some(t)) => {
                    let diff = t.minutes().abs_diff(d.time.minutes());
                    diff.min(1440 - diff) > tol
                }
                _ => false,
            };
            (code, if late { "late" } else { "given" })
        }
        MarOutcome::Refused => ("R".to_owned(), "refused"),
        MarOutcome::NotGiven => (chart_code(d.outcome, d.reason).to_owned(), "not-given"),
        MarOutcome::GivenByFamily => ("F".to_owned(), "family"),
        MarOutcome::SelfAdministered => ("S".to_owned(), "self"),
    };
    Cell {
        code,
        class: class.to_owned(),
        time: if tolerance.is_some() && d.outcome == MarOutcome::Given {
            at
        } else {
            String::new()
        },
        title,
    }
}

fn tally(sum: &mut Summary, c: &Cell, entry: Option<&MarDose>, giver: Giver, judged: bool) {
    if !judged {
        return;
    }
    if giver == Giver::Carer {
        sum.due += 1;
        if entry.is_some() {
            sum.recorded += 1;
        } else {
            sum.gaps += 1;
        }
    }
    match entry.map(|d| d.outcome) {
        Some(MarOutcome::Given) => sum.given += 1,
        Some(MarOutcome::Refused) => sum.refused += 1,
        Some(MarOutcome::NotGiven) => sum.not_given += 1,
        _ => {}
    }
    if !c.time.is_empty() {
        sum.critical += 1;
        if c.class == "given" {
            sum.critical_on_time += 1;
        }
    }
}
