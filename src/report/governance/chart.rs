//! The incidents-by-month chart: a stacked bar per month, one colour per
//! incident type, as numbers the template draws into inline SVG (no
//! script, nothing fetched). The markdown report shows the same counts as
//! a table.

use crate::model::governance::Incident;
use crate::model::governance::incident::IncidentType;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Months shown, ending with the month of today.
pub const MONTHS: usize = 12;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 220;
const LEFT: u32 = 34;
const BOTTOM: u32 = 28;
const TOP: u32 = 10;

/// Colours by type, in [`IncidentType::ALL`] order: distinct in print and
/// for common colour blindness (Okabe–Ito, then greys).
const COLOURS: [&str; 10] = [
    "#0072b2", "#d55e00", "#e69f00", "#cc79a7", "#009e73", "#56b4e9", "#9b1c1c", "#000000",
    "#555555", "#999999",
];

/// A bar segment: one type in one month.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// Top edge.
    pub y: u32,
    /// Height.
    pub height: u32,
    /// Fill colour.
    pub colour: &'static str,
    /// `3 falls in Oct 2026`, for the tooltip and screen readers.
    pub title: String,
}

/// One month's bar.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// `Oct`, or `Jan 2027` at a new year.
    pub label: String,
    /// Left edge of the bar.
    pub x: u32,
    /// Centre, for the label.
    pub centre: u32,
    /// Incidents that month.
    pub total: usize,
    /// Segments, bottom first.
    pub segments: Vec<Segment>,
}

/// A type in the legend.
#[derive(Debug, Clone, Serialize)]
pub struct Legend {
    /// `Medication error`.
    pub label: String,
    /// Fill colour.
    pub colour: &'static str,
}

/// A gridline of the y axis.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Its height on the chart.
    pub y: u32,
    /// The count.
    pub value: usize,
}

/// The chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// SVG width.
    pub width: u32,
    /// SVG height.
    pub height: u32,
    /// Left edge of the plot.
    pub left: u32,
    /// Baseline of the bars.
    pub baseline: u32,
    /// Bar width.
    pub bar_width: u32,
    /// The bars, oldest month first.
    pub bars: Vec<Bar>,
    /// Gridlines.
    pub ticks: Vec<Tick>,
    /// The types present, with their colours.
    pub legend: Vec<Legend>,
    /// Rows of the table: one per month, counts in `legend` order.
    pub rows: Vec<Row>,
    /// Incidents in the months shown.
    pub total: usize,
    /// `Dec 2025 – Nov 2026`.
    pub span: String,
}

/// A month of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `Nov 2026`.
    pub month: String,
    /// Counts by type, in legend order.
    pub counts: Vec<usize>,
    /// All incidents that month.
    pub total: usize,
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: NaiveDate, back: usize) -> Option<NaiveDate> {
    let index = today.year() * 12 + today.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

/// The chart of `incidents` over the [`MONTHS`] months up to `today`.
pub fn chart(incidents: &[&Incident], today: NaiveDate) -> Chart {
    let months: Vec<NaiveDate> = (0..MONTHS)
        .rev()
        .filter_map(|back| month_start(today, back))
        .collect();
    let same_month = |d: NaiveDate, m: NaiveDate| d.year() == m.year() && d.month() == m.month();
    let count = |m: NaiveDate, t: IncidentType| {
        incidents
            .iter()
            .filter(|i| i.kind == t && same_month(i.occurred.0, m))
            .count()
    };
    let types: Vec<(usize, IncidentType)> = IncidentType::ALL
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, t)| months.iter().any(|m| count(*m, *t) > 0))
        .collect();
    let rows: Vec<Row> = months
        .iter()
        .map(|m| {
            let counts: Vec<usize> = types.iter().map(|(_, t)| count(*m, *t)).collect();
            Row {
                month: m.format("%b %Y").to_string(),
                total: counts.iter().sum(),
                counts,
            }
        })
        .collect();
    let max = rows.iter().map(|r| r.total).max().unwrap_or(0).max(1);
    // Whole-number gridlines: at most 5.
    let step = max.div_ceil(5).max(1);
    let top = step * max.div_ceil(step);
    let plot = HEIGHT - TOP - BOTTOM;
    let baseline = HEIGHT - BOTTOM;
    let scale = |n: usize| (n as u32 * plot) / top as u32;
    let slot = (WIDTH - LEFT) / MONTHS as u32;
    let bar_width = slot * 2 / 3;
    let bars = months
        .iter()
        .zip(&rows)
        .enumerate()
        .map(|(k, (m, row))| {
            let x = LEFT + k as u32 * slot + (slot - bar_width) / 2;
            // Heights from running totals, so rounding never loses a pixel.
            let mut below = 0;
            let mut segments = Vec::new();
            for ((index, t), n) in types.iter().zip(&row.counts) {
                if *n == 0 {
                    continue;
                }
                let bottom = scale(below);
                below += n;
                segments.push(Segment {
                    y: baseline - scale(below),
                    height: scale(below) - bottom,
                    colour: COLOURS[*index],
                    title: format!("{n} × {} in {}", type_label(*t), row.month),
                });
            }
            let label = if k == 0 || m.month() == 1 {
                m.format("%b %Y").to_string()
            } else {
                m.format("%b").to_string()
            };
            Bar {
                label,
                x,
                centre: x + bar_width / 2,
                total: row.total,
                segments,
            }
        })
        .collect();
    let ticks = (0..=top / step)
        .map(|k| Tick {
            y: baseline - scale(k * step),
            value: k * step,
        })
        .collect();
    let span = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) => format!("{} – {}", a.month, b.month),
        _ => String::new(),
    };
    Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        baseline,
        bar_width,
        bars,
        ticks,
        legend: types
            .iter()
            .map(|(index, t)| Legend {
                label: type_label(*t),
                colour: COLOURS[*index],
            })
            .collect(),
        total: rows.iter().map(|r| r.total).sum(),
        rows,
        span,
    }
}

/// An incident type as a phrase: `Medication error`.
pub fn type_label(t: IncidentType) -> String {
    crate::report::text::phrase(t.word())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_wrap_the_year_and_bars_stack_to_their_counts() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(month_start(d("2026-02-14"), 2), Some(d("2025-12-01")));
        let yaml = |date: &str, t: &str| -> Incident {
            serde_json::from_value(serde_json::json!({
                "id": "INC-1", "type": t, "occurred": date, "summary": "s", "harm": "low"
            }))
            .expect("an incident")
        };
        let a = yaml("2026-10-08", "fall");
        let b = yaml("2026-10-20", "fall");
        let c = yaml("2026-10-21", "medication-error");
        let old = yaml("2025-01-01", "fall");
        let chart = chart(&[&a, &b, &c, &old], d("2026-11-23"));
        assert_eq!(chart.total, 3, "a fall outside the 12 months is not shown");
        assert_eq!(chart.legend.len(), 2);
        let october = &chart.bars[10];
        assert_eq!((october.label.as_str(), october.total), ("Oct", 3));
        let heights: u32 = october.segments.iter().map(|s| s.height).sum();
        assert_eq!(
            heights,
            chart.baseline - TOP,
            "the tallest bar fills the plot"
        );
        assert_eq!(chart.bars[0].label, "Dec 2025");
        assert!(chart.bars[11].segments.is_empty());
    }
}
