//! The rota report: the week by day, and a run sheet per carer (the
//! visits in order, with address, window, tasks, and the travel time from
//! the last visit by the carer's own mode). Unassigned visits come first.

use super::context::{Counts, FindingView, Mark};
use super::records::RotaFile;
use super::{Rendered, ReportError, Session, text};
use crate::model::Carer;
use crate::model::rota::RotaVisit;
use crate::model::values::{Date, Week};
use crate::model::visit_rules::Visit;
use crate::travel::{Place, TravelTimes};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A visit that has no carer.
#[derive(Debug, Clone, Serialize)]
pub struct UnassignedLine {
    /// `Wed 2 Dec`.
    pub day: String,
    /// The person's name.
    pub person: String,
    /// The person's id.
    pub person_id: String,
    /// The visit's label.
    pub label: String,
    /// The visit's window, when the rules name it.
    pub window: String,
    /// Why no carer could take it.
    pub reason: String,
}

/// A planned visit on the week's day-by-day view.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedVisit {
    /// `07:30`.
    pub start: String,
    /// `08:15`.
    pub end: String,
    /// The person's name.
    pub person: String,
    /// The person's id.
    pub person_id: String,
    /// The visit's label.
    pub label: String,
    /// Carers' names.
    pub carers: String,
    /// Whether two carers go.
    pub double_up: bool,
    /// Whether a person fixed it (`locked: true`).
    pub locked: bool,
}

/// One day of the week.
#[derive(Debug, Clone, Serialize)]
pub struct DayPlan {
    /// `Monday 30 November 2026`.
    pub day: String,
    /// Its visits by start.
    pub visits: Vec<PlannedVisit>,
    /// How many visits that day have no carer.
    pub unassigned: usize,
}

/// A stop on a run sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Stop {
    /// The stop's number in the day, from 1.
    pub n: usize,
    /// `07:30`.
    pub start: String,
    /// `08:15`.
    pub end: String,
    /// The person's name.
    pub person: String,
    /// First line and postcode (dropped when redacted).
    pub address: Option<String>,
    /// The visit's window, `07:30-08:30`.
    pub window: String,
    /// What is done, and with whom for a double-up.
    pub tasks: String,
    /// Travel minutes from the last visit (or from home for the first).
    pub travel_minutes: u32,
    /// `12 min from home`, `4 min`.
    pub travel: String,
}

/// One day of a run sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetDay {
    /// `Mon 30 Nov`.
    pub day: String,
    /// The visits in order.
    pub stops: Vec<Stop>,
    /// Time with people, `3 h 15 min`.
    pub care: String,
    /// Travel between visits and from home, `48 min`.
    pub travel: String,
}

/// A carer's week.
#[derive(Debug, Clone, Serialize)]
pub struct RunSheet {
    /// The carer's id.
    pub id: String,
    /// The carer's name.
    pub name: String,
    /// How they travel, `Car`.
    pub mode: String,
    /// Days with visits.
    pub days: Vec<SheetDay>,
    /// Visits in the week.
    pub visits: usize,
    /// Time with people in the week.
    pub care: String,
    /// Travel in the week.
    pub travel: String,
}

/// The rota report's view.
#[derive(Debug, Clone, Serialize)]
pub struct RotaView {
    /// `2026-W49`.
    pub week: String,
    /// `30 Nov – 6 Dec 2026`.
    pub span: String,
    /// The rota's file.
    pub file: String,
    /// How it was generated, in words, or empty.
    pub generated: String,
    /// Visits planned.
    pub visits: usize,
    /// Carers with visits.
    pub carers: usize,
    /// Visits without a carer.
    pub unassigned: Vec<UnassignedLine>,
    /// Red when visits are unassigned, green when none are.
    pub unassigned_mark: Mark,
    /// Monday to Sunday.
    pub days: Vec<DayPlan>,
    /// A run sheet per carer, by id.
    pub run_sheets: Vec<RunSheet>,
    /// Findings of `check` about this rota.
    pub findings: Vec<FindingView>,
    /// The findings by severity.
    pub counts: Counts,
}

/// The visit of `person`'s rules in force on `date` labelled `label`.
fn rule_visit<'a>(s: &Session<'a>, person: &str, label: &str, date: Date) -> Option<&'a Visit> {
    s.records
        .index
        .visit_in_force(person, label, date.0)
        .map(|v| v.visit)
}

/// The window of that visit, or empty when no rules in force have it.
fn window_of(s: &Session, person: &str, label: &str, date: Date) -> String {
    rule_visit(s, person, label, date)
        .map(|v| v.window.to_string())
        .unwrap_or_default()
}

fn person_name(s: &Session, id: &str) -> String {
    let name = s
        .records
        .service_user(id)
        .map_or_else(|| id.to_owned(), |u| u.name.clone());
    s.privacy().name(&name)
}

/// The run sheet of one carer.
fn run_sheet(
    s: &Session,
    mine: &[&RotaVisit],
    carer: &Carer,
    times: &TravelTimes,
    week: Week,
) -> RunSheet {
    let r = &s.records;
    let p = s.privacy();
    let home_key = format!("home:{}", carer.id);
    let mut by_day: BTreeMap<_, Vec<&RotaVisit>> = BTreeMap::new();
    for v in mine {
        by_day.entry(v.date).or_default().push(v);
    }
    let (mut total_care, mut total_travel, mut count) = (0, 0, 0);
    let days: Vec<SheetDay> = by_day
        .into_iter()
        .filter(|(d, _)| d.0 >= week.monday() && d.0 <= week.sunday())
        .map(|(date, mut visits)| {
            visits.sort_by_key(|v| v.start);
            let mut at = Place {
                key: &home_key,
                location: &carer.home.location,
            };
            let (mut care, mut travel) = (0, 0);
            let stops: Vec<Stop> = visits
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let user = r.service_user(v.service_user.as_str());
                    let minutes = user.map_or(0, |u| {
                        let here = Place {
                            key: u.id.as_str(),
                            location: &u.location,
                        };
                        let m = times.minutes(at, here, carer.travel);
                        at = here;
                        m
                    });
                    let minutes = if minutes == u32::MAX { 0 } else { minutes };
                    travel += minutes;
                    care += v.end.minutes().saturating_sub(v.start.minutes());
                    let mut tasks = rule_visit(s, v.service_user.as_str(), &v.label, v.date)
                        .map(|x| x.tasks.join(", "))
                        .unwrap_or_default();
                    let others: Vec<String> = v
                        .carers
                        .iter()
                        .filter(|c| **c != carer.id)
                        .map(|c| p.name(&r.carer_name(c.as_str())))
                        .collect();
                    if !others.is_empty() {
                        tasks = format!("{tasks} (with {})", others.join(", "));
                    }
                    let from = if i == 0 { " from home" } else { "" };
                    Stop {
                        n: i + 1,
                        start: v.start.to_string(),
                        end: v.end.to_string(),
                        person: person_name(s, v.service_user.as_str()),
                        address: user.and_then(|u| {
                            p.keep(Some(&format!(
                                "{}, {}",
                                u.address.line1, u.address.postcode
                            )))
                        }),
                        window: window_of(s, v.service_user.as_str(), &v.label, v.date),
                        tasks,
                        travel_minutes: minutes,
                        travel: format!("{}{from}", text::minutes(minutes)),
                    }
                })
                .collect();
            total_care += care;
            total_travel += travel;
            count += stops.len();
            SheetDay {
                day: text::day_short(date.0),
                stops,
                care: text::minutes(care),
                travel: text::minutes(travel),
            }
        })
        .collect();
    RunSheet {
        id: carer.id.to_string(),
        name: p.name(&carer.name),
        mode: text::word(&carer.travel),
        days,
        visits: count,
        care: text::minutes(total_care),
        travel: text::minutes(total_travel),
    }
}

/// The view of the rota of `week`.
pub fn view(s: &Session, rf: RotaFile, week: Week) -> RotaView {
    let r = &s.records;
    let p = s.privacy();
    let (times, _) = TravelTimes::for_repo(&r.policy.travel, &r.repo.root);
    let rota = rf.rota;
    let mut open: Vec<_> = rota.unassigned.iter().collect();
    open.sort_by_key(|u| {
        (
            u.date,
            window_of(s, u.service_user.as_str(), &u.label, u.date),
        )
    });
    let unassigned: Vec<UnassignedLine> = open
        .into_iter()
        .map(|u| UnassignedLine {
            day: text::day_short(u.date.0),
            person: person_name(s, u.service_user.as_str()),
            person_id: u.service_user.to_string(),
            label: u.label.clone(),
            window: window_of(s, u.service_user.as_str(), &u.label, u.date),
            reason: u.reason.clone(),
        })
        .collect();
    let days: Vec<DayPlan> = (0..7)
        .map(|d| {
            let date = week.day(d);
            let mut visits: Vec<&RotaVisit> =
                rota.visits.iter().filter(|v| v.date.0 == date).collect();
            visits.sort_by(|a, b| (a.start, &a.service_user).cmp(&(b.start, &b.service_user)));
            DayPlan {
                day: text::date_long(date),
                visits: visits
                    .iter()
                    .map(|v| PlannedVisit {
                        start: v.start.to_string(),
                        end: v.end.to_string(),
                        person: person_name(s, v.service_user.as_str()),
                        person_id: v.service_user.to_string(),
                        label: v.label.clone(),
                        carers: v
                            .carers
                            .iter()
                            .map(|c| p.name(&r.carer_name(c.as_str())))
                            .collect::<Vec<_>>()
                            .join(", "),
                        double_up: v.carers.len() > 1,
                        locked: v.locked,
                    })
                    .collect(),
                unassigned: rota.unassigned.iter().filter(|u| u.date.0 == date).count(),
            }
        })
        .collect();
    let mut by_carer: HashMap<&str, Vec<&RotaVisit>> = HashMap::new();
    for v in &rota.visits {
        for c in &v.carers {
            by_carer.entry(c.as_str()).or_default().push(v);
        }
    }
    let run_sheets: Vec<RunSheet> = r
        .carers
        .iter()
        .filter_map(|c| {
            let mine = by_carer.get(c.id.as_str())?;
            Some(run_sheet(s, mine, c, &times, week))
        })
        .collect();
    let mut findings: Vec<FindingView> = r
        .check
        .findings
        .iter()
        .filter(|f| f.site.file == rf.file)
        .map(FindingView::of)
        .collect();
    findings.sort_by_key(|f| f.mark.rank());
    let generated = rota.generated.as_ref().map_or_else(String::new, |g| {
        let seed = g.seed.map(|s| format!(", seed {s}")).unwrap_or_default();
        format!("generated by {} at {}{seed}", g.by, g.at)
    });
    RotaView {
        week: week.to_string(),
        span: text::span(week.monday(), week.sunday()),
        file: rf.file.to_owned(),
        generated,
        visits: rota.visits.len(),
        carers: run_sheets.len(),
        unassigned_mark: if unassigned.is_empty() {
            Mark::ok("Every visit has a carer")
        } else {
            Mark::bad(format!(
                "{} without a carer",
                text::count(unassigned.len(), "visit", "visits")
            ))
        },
        unassigned,
        days,
        run_sheets,
        counts: Counts::of(&findings),
        findings,
    }
}

/// Renders the rota of `week` (default: the week of today).
pub fn render(s: &Session, week: Option<Week>) -> Result<Rendered, ReportError> {
    let week = week.unwrap_or_else(|| Week::of(s.options.today));
    let rf = s
        .records
        .rota(week)
        .ok_or_else(|| ReportError::NoRota(week.to_string()))?;
    let view = view(s, rf, week);
    let mut page = s.page("rota", format!("Rota {week}"));
    page.subtitle = format!("{}: the week by day, and a run sheet per carer", view.span);
    let text = s.render("rota", &page, "rota", &view)?;
    Ok(Rendered {
        file: s.file_name(&format!("rota-{week}")),
        text,
    })
}
