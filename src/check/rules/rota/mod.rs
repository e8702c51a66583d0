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
mod cleared;
mod coverage;
mod fields;
mod time;

use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::index::RuleVisit;
use crate::model::rota::RotaVisit;
use crate::model::{Carer, Kind, Rota, ServiceUser};
use crate::travel::{MatrixError, TravelTimes};
use chrono::NaiveDate;

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
    let ix = Shared { travel };
    for rota in current {
        let planned = resolve(cx, rota.record);
        fields::check(cx, rota, &planned, out);
        assign::check(cx, rota, &planned, out);
        time::check(cx, &ix, rota, &planned, out);
        coverage::check(cx, rota, &planned, out);
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

/// What every rota's rules share: travel times, read once.
pub(super) struct Shared<'a> {
    /// Travel times.
    pub travel: TravelTimes<'a>,
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
    /// The visit of the rules in force it delivers, if there is one.
    pub rule: Option<RuleVisit<'a>>,
}

/// Each visit of `rota`, resolved against the index.
fn resolve<'a>(cx: &Context<'a>, rota: &'a Rota) -> Vec<Planned<'a>> {
    rota.visits
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let start = v.start.minutes();
            let end = v.end.minutes();
            let rule = cx.visit_in_force(v.service_user.as_str(), &v.label, v.date.0);
            let end = match rule {
                // An end before the start that the rules do not run past
                // midnight is a typo (rota/end-before-start): the day is
                // judged with the visit as the rules plan it.
                Some(r) if end < start && !r.runs_past_midnight(start) => r.planned_end(start),
                _ if end < start => end + 1440,
                _ => end,
            };
            Planned {
                i,
                visit: v,
                start,
                end,
                person: cx
                    .service_users
                    .get(v.service_user.as_str())
                    .map(|p| p.record),
                rule,
            }
        })
        .collect()
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
