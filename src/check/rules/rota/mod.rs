//! Rules about rotas: each planned visit against its visit rules and its
//! carers' records, each carer's week (overlaps and travel, working hours,
//! rest), and the week's cover (missing visits, gaps between visits).
//!
//! They apply only to rotas of weeks that have not ended before today: a
//! carer who has since left does not break last year's rota.
//!
//! A rota visit is matched to its rule by service user and label among the
//! visit rules in force on its date. The rule's duration is what is
//! planned; the rota's own start and end are what the carer's day is
//! checked with (overlaps, travel, hours and rest), except an end before
//! the start that the rules do not run past midnight: that is reported
//! (`rota/end-before-start`) and the day is checked with the rules'
//! duration, not with a visit of nearly a day.

mod assign;
mod coverage;
mod fields;
mod time;

use crate::check::code::Code;
use crate::check::context::{At, Context};
use crate::check::finding::Finding;
use crate::model::rota::RotaVisit;
use crate::model::visit_rules::Visit;
use crate::model::{Carer, Kind, Rota, ServiceUser, VisitRules};
use crate::travel::{MatrixError, TravelTimes};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let (travel, matrix_error) = TravelTimes::for_repo(&cx.policy.travel, &cx.repo.root);
    if let Some(e) = matrix_error {
        report_matrix(cx, &e, out);
    }
    let current: Vec<At<Rota>> = cx
        .rotas
        .iter()
        .copied()
        .filter(|r| r.record.week.sunday() >= cx.today)
        .collect();
    if current.is_empty() {
        return;
    }
    let ix = Index::new(cx, travel);
    for rota in current {
        let planned = ix.resolve(rota.record);
        fields::check(cx, rota, &planned, out);
        assign::check(cx, &ix, rota, &planned, out);
        time::check(cx, &ix, rota, &planned, out);
        coverage::check(cx, &ix, rota, &planned, out);
    }
}

fn report_matrix(cx: &Context, e: &MatrixError, out: &mut Vec<Finding>) {
    let Some(agency) = cx.repo.entries.iter().find(|e| e.kind == Kind::Agency) else {
        return;
    };
    let code = match e {
        MatrixError::Unreadable { .. } => Code::IoUnreadable,
        MatrixError::Malformed { .. } => Code::SchemaFormat,
    };
    out.push(
        cx.finding(code, agency, "/policy/travel/matrix", e.to_string())
            .help(
                "the matrix is a CSV file below the records folder with lines \
                 `from,to,minutes[,mode]`; until it reads, travel times are estimated",
            ),
    );
}

/// Lookups by id, built once for all rotas.
pub(super) struct Index<'a> {
    /// Carers by id (the first, if an id is duplicated).
    pub carers: HashMap<&'a str, At<'a, Carer>>,
    /// Service users by id.
    pub people: HashMap<&'a str, At<'a, ServiceUser>>,
    /// Visits of the visit rules, by service user and label.
    pub rules: HashMap<(&'a str, &'a str), Vec<Rule<'a>>>,
    /// Travel times.
    pub travel: TravelTimes<'a>,
}

/// A visit of some visit rules.
#[derive(Clone, Copy)]
pub(super) struct Rule<'a> {
    /// The visit rules.
    pub rules: At<'a, VisitRules>,
    /// The visit.
    pub visit: &'a Visit,
    /// Its index in the rules' `visits`.
    pub index: usize,
}

/// One rota visit, resolved against the records.
pub(super) struct Planned<'a> {
    /// Index in the rota's `visits`.
    pub i: usize,
    /// The visit as planned.
    pub visit: &'a RotaVisit,
    /// Start, minutes since midnight.
    pub start: u32,
    /// End, minutes since midnight (past 24:00 when it ends after midnight).
    pub end: u32,
    /// The service user, if known.
    pub person: Option<&'a ServiceUser>,
    /// The rule it delivers, if one is in force.
    pub rule: Option<Rule<'a>>,
}

impl<'a> Index<'a> {
    fn new(cx: &Context<'a>, travel: TravelTimes<'a>) -> Self {
        let mut ix = Index {
            carers: HashMap::new(),
            people: HashMap::new(),
            rules: HashMap::new(),
            travel,
        };
        for c in &cx.carers {
            ix.carers.entry(c.record.id.as_str()).or_insert(*c);
        }
        for s in &cx.service_users {
            ix.people.entry(s.record.id.as_str()).or_insert(*s);
        }
        for vr in &cx.visit_rules {
            for (index, visit) in vr.record.visits.iter().enumerate() {
                ix.rules
                    .entry((vr.record.service_user.as_str(), visit.label.as_str()))
                    .or_default()
                    .push(Rule {
                        rules: *vr,
                        visit,
                        index,
                    });
            }
        }
        ix
    }

    /// The visit labelled `label` of `person`'s rules in force on `date`.
    pub fn rule(&self, person: &str, label: &str, date: NaiveDate) -> Option<Rule<'a>> {
        self.rules
            .get(&(person, label))?
            .iter()
            .find(|r| r.rules.record.valid_on(date))
            .copied()
    }

    fn resolve(&self, rota: &'a Rota) -> Vec<Planned<'a>> {
        rota.visits
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let start = v.start.minutes();
                let end = v.end.minutes();
                let rule = self.rule(v.service_user.as_str(), &v.label, v.date.0);
                let end = match rule.map(|r| start + r.visit.duration.minutes()) {
                    // An end before the start that the rules do not run past
                    // midnight is a typo (rota/end-before-start): the day is
                    // judged with the visit as the rules plan it.
                    Some(planned) if end < start && planned <= 1440 => planned,
                    _ if end < start => end + 1440,
                    _ => end,
                };
                Planned {
                    i,
                    visit: v,
                    start,
                    end,
                    person: self.people.get(v.service_user.as_str()).map(|p| p.record),
                    rule,
                }
            })
            .collect()
    }
}

/// `Mon 2026-11-30`.
pub(super) fn day(date: NaiveDate) -> String {
    format!(
        "{} {}",
        crate::model::values::Day::of(date).title(),
        date.format("%Y-%m-%d")
    )
}

/// `HH:MM` of minutes since midnight (past midnight, the next day's clock).
pub(super) fn clock(minutes: u32) -> String {
    let m = minutes % 1440;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `45 min`, `4 h`, `3 h 15 min`.
pub(super) fn span(minutes: i64) -> String {
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    let sign = if minutes < 0 { "-" } else { "" };
    match (h, m) {
        (0, m) => format!("{sign}{m} min"),
        (h, 0) => format!("{sign}{h} h"),
        (h, m) => format!("{sign}{h} h {m} min"),
    }
}

/// `Aisha Khan (C-0001)`.
pub(super) fn carer_name(c: &Carer) -> String {
    format!("{} ({})", c.name, c.id)
}

impl Planned<'_> {
    /// `Margaret Ellis's `morning` visit on Mon 2026-11-30`.
    pub fn describe(&self) -> String {
        format!(
            "{}'s `{}` visit on {}",
            self.person_name(),
            self.visit.label,
            day(self.visit.date.0)
        )
    }

    /// `the `morning` visit on Mon 2026-11-30`.
    pub fn short(&self) -> String {
        format!(
            "the `{}` visit on {}",
            self.visit.label,
            day(self.visit.date.0)
        )
    }

    /// The person's name, or the id when the record is missing.
    pub fn person_name(&self) -> &str {
        self.person
            .map_or(self.visit.service_user.as_str(), |p| p.name.as_str())
    }

    /// `07:45-08:30`.
    pub fn times(&self) -> String {
        format!("{}-{}", clock(self.start), clock(self.end))
    }
}
