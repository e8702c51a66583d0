//! The delivery report (call monitoring): by week, the visits planned,
//! delivered, on time, late, short and missed, with a small bar chart
//! (inline SVG, no script); the same by carer and by person over the
//! period. Visits are judged as `check` judges them (see [`calls`]).
//!
//! The period is the twelve weeks before today's week and today's week up
//! to yesterday, or from `--since`.

use super::calls::{self, Call, Status, Tally};
use super::{Rendered, ReportError, Session, text};
use crate::model::values::Week;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Weeks shown without `--since`.
const DEFAULT_WEEKS: u64 = 12;

/// One row of counts with its percentages.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// What the row counts: a week, a carer or a person.
    pub name: String,
    /// A second line: dates, or an id.
    pub detail: String,
    /// The counts.
    pub tally: Tally,
    /// On time, as a share of the visits due (planned less cancelled).
    pub on_time_percent: String,
    /// Missed, as a share of the visits due.
    pub missed_percent: String,
    /// Hours on visits (by carer), or empty.
    pub hours: String,
}

fn row(name: String, detail: String, tally: Tally, hours: String) -> Row {
    Row {
        on_time_percent: tally.percent(tally.on_time),
        missed_percent: tally.percent(tally.missed),
        name,
        detail,
        tally,
        hours,
    }
}

/// One bar of the chart: a week's visits stacked on time, late or early,
/// missed; heights in the SVG's units.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Left edge.
    pub x: u32,
    /// The week, `W47`.
    pub label: String,
    /// Segments from the bottom: `{y, height, level, count, what}`.
    pub segments: Vec<Segment>,
}

/// One part of a bar.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// Top edge.
    pub y: u32,
    /// Height.
    pub height: u32,
    /// `ok`, `warn`, `bad` or `none`: the colour.
    pub level: &'static str,
    /// How many visits.
    pub count: usize,
    /// What they are, `on time`.
    pub what: &'static str,
}

/// The chart's geometry.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Width and height of the SVG.
    pub width: u32,
    /// Height of the SVG.
    pub height: u32,
    /// The baseline's y.
    pub base: u32,
    /// The largest week's visits, the scale's top.
    pub max: usize,
    /// Width of a bar.
    pub bar_width: u32,
    /// One bar per week.
    pub bars: Vec<Bar>,
}

/// The delivery report's view.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    /// The period, `17 Aug – 22 Nov 2026`.
    pub period: String,
    /// Whether call monitoring has begun (any visit log, or `calls.from`).
    pub monitored: bool,
    /// The first day judged, as text.
    pub from: String,
    /// Totals over the period.
    pub total: Row,
    /// Week by week, oldest first.
    pub weeks: Vec<Row>,
    /// The chart of the weeks.
    pub chart: Chart,
    /// By carer, by id.
    pub carers: Vec<Row>,
    /// By person, by id.
    pub people: Vec<Row>,
    /// Missed visits, one line each.
    pub missed: Vec<String>,
    /// The policy's tolerances, as a sentence.
    pub policy: String,
}

/// The weeks of the period ending yesterday: from the week of `since`, or
/// the twelve weeks before today's.
pub fn weeks(today: NaiveDate, since: Option<NaiveDate>) -> Vec<Week> {
    let yesterday = today.pred_opt().unwrap_or(today);
    let first = since.unwrap_or_else(|| {
        today
            .checked_sub_days(chrono::Days::new(7 * DEFAULT_WEEKS))
            .unwrap_or(NaiveDate::MIN)
    });
    let (mut w, last) = (Week::of(first), Week::of(yesterday));
    let mut out = Vec::new();
    while w <= last && out.len() < 1000 {
        out.push(w);
        if w == last {
            break;
        }
        w = w.next();
    }
    out
}

/// Builds the view.
pub fn view(s: &Session) -> Delivery {
    let r = &s.records;
    let ix: &crate::index::Index = &r.index;
    let today = s.options.today;
    let from = calls::judged_from(ix);
    // Weeks before call monitoring began have nothing to show.
    let weeks: Vec<Week> = weeks(today, s.options.since)
        .into_iter()
        .filter(|w| from.is_some_and(|f| w.sunday() >= f))
        .collect();
    let mut total = Tally::default();
    let mut by_carer: BTreeMap<&str, (Tally, u32)> = BTreeMap::new();
    let mut by_person: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut week_rows = Vec::new();
    let mut missed = Vec::new();
    for &w in &weeks {
        let calls = calls::of_week(ix, w, today, None);
        let t = Tally::of(&calls);
        for c in &calls {
            total.add(c);
            by_person.entry(c.person).or_default().add(c);
            for id in c.carers {
                let e = by_carer.entry(id.as_str()).or_default();
                e.0.add(c);
                e.1 += c.stay.unwrap_or(0);
            }
            if c.status == Status::Missed {
                missed.push(describe_missed(s, c));
            }
        }
        week_rows.push(row(
            w.to_string(),
            text::span(w.monday(), w.sunday()),
            t,
            String::new(),
        ));
    }
    let carers = by_carer
        .into_iter()
        .map(|(id, (t, minutes))| {
            let name = r
                .carer(id)
                .map_or_else(|| id.to_owned(), |c| c.name.clone());
            row(
                name,
                id.to_owned(),
                t,
                text::hours(f64::from(minutes) / 60.0),
            )
        })
        .collect();
    let people = by_person
        .into_iter()
        .map(|(id, t)| {
            let name = ix
                .service_users
                .get(id)
                .map_or_else(|| id.to_owned(), |p| p.record.name.clone());
            row(name, id.to_owned(), t, String::new())
        })
        .collect();
    let p = &r.policy.calls;
    Delivery {
        period: match (weeks.first(), weeks.last()) {
            (Some(a), Some(b)) => text::span(
                a.monday(),
                b.sunday().min(today.pred_opt().unwrap_or(today)),
            ),
            _ => String::new(),
        },
        monitored: from.is_some(),
        from: from.map(text::date).unwrap_or_default(),
        chart: chart(&week_rows),
        total: row("All weeks".into(), String::new(), total, String::new()),
        weeks: week_rows,
        carers,
        people,
        missed,
        policy: format!(
            "late: arriving more than {} after the window (or the planned start, when later); early: more than {} before it; short: staying under {}% of the planned duration",
            text::minutes(p.late_minutes),
            text::minutes(p.early_minutes),
            p.short_stay_percent
        ),
    }
}

fn describe_missed(s: &Session, c: &Call) -> String {
    let name = s
        .records
        .index
        .service_users
        .get(c.person)
        .map_or_else(|| c.person.to_owned(), |p| p.record.name.clone());
    let planned = c
        .planned_start
        .map(|t| format!(" planned {t}"))
        .unwrap_or_default();
    let how = if c.logged.is_some() {
        "logged as missed"
    } else {
        "no log entry"
    };
    format!(
        "{} {}: {name} ({}), {}{planned}: {how}",
        text::day_short(c.date.0),
        text::date(c.date.0),
        c.person,
        c.label
    )
}

/// Bars 28 wide in steps of 36, 120 high.
fn chart(weeks: &[Row]) -> Chart {
    const STEP: u32 = 36;
    const BAR: u32 = 28;
    const HIGH: u32 = 120;
    const TOP: u32 = 8;
    let max = weeks
        .iter()
        .map(|w| w.tally.planned)
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = |n: usize| u32::try_from(n * HIGH as usize / max).unwrap_or(HIGH);
    let base = TOP + HIGH;
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let t = w.tally;
            let parts = [
                (
                    t.on_time + (t.delivered - t.on_time - t.late - t.early),
                    "ok",
                    "on time",
                ),
                (t.late + t.early, "warn", "late or early"),
                (t.missed, "bad", "missed"),
                (t.cancelled, "none", "cancelled"),
            ];
            let mut y = base;
            let segments = parts
                .into_iter()
                .filter(|(n, _, _)| *n > 0)
                .map(|(count, level, what)| {
                    let height = scale(count).max(1);
                    y = y.saturating_sub(height);
                    Segment {
                        y,
                        height,
                        level,
                        count,
                        what,
                    }
                })
                .collect();
            Bar {
                x: 4 + u32::try_from(i).unwrap_or(0) * STEP + (STEP - BAR) / 2,
                label: w.name.rsplit('-').next().unwrap_or_default().to_owned(),
                segments,
            }
        })
        .collect::<Vec<_>>();
    Chart {
        width: 8 + u32::try_from(bars.len()).unwrap_or(0) * STEP,
        height: base + 18,
        base,
        max,
        bar_width: BAR,
        bars,
    }
}

/// Renders the report.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let view = view(s);
    let page = s.page("delivery", "Care delivered (call monitoring)");
    let text = s.render("delivery", &page, "delivery", &view)?;
    Ok(Rendered {
        file: s.file_name("delivery"),
        text,
    })
}
