//! The service-user report: a person's file (or everyone's, a page each),
//! with this week's visits (from the week's rota when there is one, else
//! as the visit rules plan them), the findings about their records, and
//! what changed since a date, from the audit log.

use super::audit::ChangeLine;
use super::context::{Counts, FindingView, Mark};
use super::person::{Profile, profile};
use super::plan::{PlanView, plan};
use super::{Rendered, ReportError, Session, text};
use crate::model::ServiceUser;
use crate::model::service_user::ServiceUserStatus;
use crate::model::values::Day;
use crate::model::values::Week;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

/// A person's file.
#[derive(Debug, Clone, Serialize)]
pub struct PersonFile {
    /// Who they are.
    pub profile: Profile,
    /// The plan in force (else the latest), when there is one.
    pub plan: Option<PlanView>,
    /// Other plans, `CP-0009 (draft)`.
    pub other_plans: Vec<String>,
    /// Carers the person prefers, and any gender preference, in words.
    pub preferences: String,
    /// This week's visits.
    pub visits: WeekVisits,
    /// Findings about the person's records, errors first.
    pub findings: Vec<FindingView>,
    /// The findings by severity.
    pub counts: Counts,
    /// Red, amber or green for the file.
    pub status: Mark,
    /// What changed since a date.
    pub changes: Changes,
    /// The last four weeks of visits as delivered (call monitoring).
    pub delivered: Vec<super::person_calls::DeliveredWeek>,
}

/// The visits of one week.
#[derive(Debug, Clone, Serialize)]
pub struct WeekVisits {
    /// The ISO week, `2026-W48`.
    pub week: String,
    /// `23 – 29 Nov 2026`.
    pub span: String,
    /// `rota` (planned carers and times), `rules` (the pattern) or `none`.
    pub source: &'static str,
    /// Where the visits come from, in words.
    pub note: String,
    /// Days with visits, Monday first.
    pub days: Vec<DayVisits>,
    /// From the visit rules, the same visits by day of the week (`Every
    /// day`, `Mon–Fri`); empty for a rota.
    pub pattern: Vec<PatternLine>,
    /// How many visits.
    pub count: usize,
}

/// A visit the rules plan, and the days it runs that week.
#[derive(Debug, Clone, Serialize)]
pub struct PatternLine {
    /// `Every day`, `Mon–Fri`, `Mon, Wed, Fri`.
    pub days: String,
    /// The visit.
    #[serde(flatten)]
    pub visit: VisitLine,
}

/// The visits of one day.
#[derive(Debug, Clone, Serialize)]
pub struct DayVisits {
    /// `Mon 23 Nov`.
    pub day: String,
    /// Visits by start.
    pub visits: Vec<VisitLine>,
}

/// One visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitLine {
    /// `07:30–08:15`: planned (rota), or the window to start in (rules).
    pub time: String,
    /// The visit's label, `morning`.
    pub label: String,
    /// `45 min`.
    pub duration: String,
    /// Carers' names (rota), or how many carers (rules).
    pub carers: String,
    /// What is done.
    pub tasks: String,
}

/// What changed since a date.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The first day, `26 Oct 2026`.
    pub since: String,
    /// Whether the audit log could be read.
    pub available: bool,
    /// Why not, when it could not.
    pub note: String,
    /// Changes, newest first.
    pub items: Vec<ChangeLine>,
}

/// The file of one service user.
pub fn person_file(s: &Session, u: &ServiceUser) -> PersonFile {
    let r = &s.records;
    let id = u.id.as_str();
    let current = r.plan_of(id);
    let plans = r.plans_of(id);
    let rules = r.rules_of(id);
    let mut ids: Vec<&str> = vec![id];
    ids.extend(plans.iter().map(|p| p.id.as_str()));
    ids.extend(rules.iter().map(|v| v.id.as_str()));
    let mut findings: Vec<FindingView> = r
        .findings_about(&ids)
        .into_iter()
        .map(FindingView::of)
        .collect();
    findings.sort_by_key(|f| f.mark.rank());
    let counts = Counts::of(&findings);
    let p = s.privacy();
    let mut preferences = Vec::new();
    for v in rules {
        let names: Vec<String> = v
            .preferred_carers
            .iter()
            .map(|c| p.name(&r.carer_name(c.as_str())))
            .collect();
        if !names.is_empty() {
            preferences.push(format!("prefers {}", names.join(", ")));
        }
        if let Some(g) = v.carer_gender {
            preferences.push(format!("{} carers only", text::serde_word(&g)));
        }
    }
    let outcome = s.audit();
    let since = s.options.since();
    PersonFile {
        profile: profile(s, u),
        plan: current.map(|c| plan(s, c)),
        other_plans: plans
            .iter()
            .filter(|o| current.is_none_or(|c| c.id != o.id))
            .map(|o| format!("{} ({})", o.id, text::serde_word(&o.status)))
            .collect(),
        preferences: preferences.join("; "),
        visits: visits(s, u),
        delivered: super::person_calls::last_weeks(s, id),
        status: counts.rag(),
        counts,
        findings,
        changes: Changes {
            since: text::date(since),
            available: outcome.audit.is_some(),
            note: outcome.note.clone(),
            items: outcome.changes_about(s, &ids, since),
        },
    }
}

fn visits(s: &Session, u: &ServiceUser) -> WeekVisits {
    let r = &s.records;
    let week = s.options.week.unwrap_or_else(|| Week::of(s.options.today));
    let dates: Vec<_> = (0..7).map(|d| week.day(d)).collect();
    let mut days: Vec<DayVisits> = dates
        .iter()
        .map(|d| DayVisits {
            day: text::day_short(*d),
            visits: Vec::new(),
        })
        .collect();
    let tasks_of = |label: &str, date: NaiveDate| {
        r.index
            .visit_in_force(u.id.as_str(), label, date)
            .map(|v| v.visit.tasks.join(", "))
            .unwrap_or_default()
    };
    let p = s.privacy();
    let (source, note) = if let Some(rf) = r.rota(week) {
        let mut mine: Vec<_> = r
            .index
            .visits_of(u.id.as_str())
            .iter()
            .filter(|v| std::ptr::eq(v.rota.entry, rf.entry))
            .map(|v| v.visit)
            .collect();
        mine.sort_by_key(|v| (v.date, v.start));
        for v in mine {
            let i = (v.date.0 - week.monday()).num_days();
            if let Some(day) = usize::try_from(i).ok().and_then(|i| days.get_mut(i)) {
                let carers: Vec<String> = v
                    .carers
                    .iter()
                    .map(|c| p.name(&r.carer_name(c.as_str())))
                    .collect();
                day.visits.push(VisitLine {
                    time: format!("{}–{}", v.start, v.end),
                    label: v.label.clone(),
                    duration: text::minutes(v.end.minutes().saturating_sub(v.start.minutes())),
                    carers: carers.join(", "),
                    tasks: tasks_of(&v.label, v.date.0),
                });
            }
        }
        ("rota", format!("From the rota ({})", rf.file))
    } else if u.status != ServiceUserStatus::Active {
        (
            "none",
            format!(
                "No visits while the person's status is {}",
                text::serde_word(&u.status)
            ),
        )
    } else {
        for (i, date) in dates.iter().enumerate() {
            let mut lines: Vec<(u16, VisitLine)> = Vec::new();
            for v in r.index.rules_in_force(u.id.as_str(), *date) {
                for visit in v.visits.iter().filter(|x| x.days.includes(Day::of(*date))) {
                    lines.push((
                        visit.window.start.0,
                        VisitLine {
                            time: format!("{}–{}", visit.window.start, visit.window.end),
                            label: visit.label.clone(),
                            duration: text::minutes(visit.duration.minutes()),
                            carers: text::count(usize::from(visit.carers), "carer", "carers"),
                            tasks: visit.tasks.join(", "),
                        },
                    ));
                }
            }
            lines.sort_by_key(|(start, _)| *start);
            if let Some(day) = days.get_mut(i) {
                day.visits = lines.into_iter().map(|(_, l)| l).collect();
            }
        }
        (
            "rules",
            format!("No rota for {week} yet: the visits as the visit rules plan them"),
        )
    };
    let pattern = if source == "rules" {
        pattern_of(&dates, &days)
    } else {
        Vec::new()
    };
    days.retain(|d| !d.visits.is_empty());
    WeekVisits {
        week: week.to_string(),
        span: text::span(week.monday(), week.sunday()),
        source,
        note,
        count: days.iter().map(|d| d.visits.len()).sum(),
        days,
        pattern,
    }
}

/// The week's visits grouped: each distinct visit once, with its days.
fn pattern_of(dates: &[chrono::NaiveDate], days: &[DayVisits]) -> Vec<PatternLine> {
    let mut lines: Vec<(VisitLine, Vec<Day>)> = Vec::new();
    for (date, day) in dates.iter().zip(days) {
        for v in &day.visits {
            match lines.iter_mut().find(|(seen, _)| seen == v) {
                Some((_, on)) => on.push(Day::of(*date)),
                None => lines.push((v.clone(), vec![Day::of(*date)])),
            }
        }
    }
    lines.sort_by(|a, b| a.0.time.cmp(&b.0.time));
    lines
        .into_iter()
        .map(|(visit, on)| PatternLine {
            days: days_text(&on),
            visit,
        })
        .collect()
}

/// `Every day`, `Mon–Fri`, `Sat, Sun`, `Mon, Wed, Fri`.
fn days_text(on: &[Day]) -> String {
    if on == Day::ALL {
        "Every day".to_owned()
    } else if on == &Day::ALL[..5] {
        "Mon–Fri".to_owned()
    } else {
        on.iter().map(|d| d.title()).collect::<Vec<_>>().join(", ")
    }
}

/// The view of the service-user report: the people and the period.
#[derive(Debug, Clone, Serialize)]
pub struct People {
    /// The files, by id.
    pub people: Vec<PersonFile>,
    /// The first day of "what changed", `26 Oct 2026`.
    pub since: String,
    /// The week whose visits are shown, `2026-W48`.
    pub week: String,
}

/// Renders one person's file (`--id`) or everyone's.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let r = &s.records;
    let chosen: Vec<&ServiceUser> = match &s.options.id {
        Some(id) => vec![
            r.service_user(id)
                .ok_or_else(|| ReportError::UnknownId(id.clone()))?,
        ],
        None => r.service_users.clone(),
    };
    s.prepare();
    let people: Vec<PersonFile> = chosen.par_iter().map(|u| person_file(s, u)).collect();
    let (title, stem) = match (&s.options.id, people.first()) {
        (Some(id), Some(p)) => (
            format!("Care file: {}", p.profile.name),
            format!("service-user-{id}"),
        ),
        _ => ("Care files".to_owned(), "service-users".to_owned()),
    };
    let view = People {
        since: text::date(s.options.since()),
        week: s
            .options
            .week
            .unwrap_or_else(|| Week::of(s.options.today))
            .to_string(),
        people,
    };
    let mut page = s.page("service-user", title);
    // The name stays out of the document's title, and so out of a PDF's
    // metadata, where a shared file would carry it unseen.
    page.doc_title = "Care file".to_owned();
    if s.options.id.is_none() {
        page.doc_title = page.title.clone();
    }
    page.subtitle = match &s.options.id {
        Some(_) => "Profile, care plan, this week's visits and recent changes".to_owned(),
        None => format!(
            "{}, each starting on a new page",
            text::count(view.people.len(), "person", "people")
        ),
    };
    let text = s.render("service-user", &page, "people", &view)?;
    Ok(Rendered {
        file: s.file_name(&stem),
        text,
    })
}
