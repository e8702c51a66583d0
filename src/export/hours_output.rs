//! The hours of `carebook export hours` as CSV (for payroll and invoicing
//! software, and spreadsheets) or as a table (for a person), through
//! [`super::table`].

use super::hours::{CarerDay, FunderRow};
use super::table::{Col, TextTable, csv_text, h_mm, hours, spreadsheet_safe};
use crate::model::values::{Day, Week};

/// The columns of the per-carer CSV.
pub const CARER_COLUMNS: [&str; 13] = [
    "week",
    "date",
    "day",
    "carer",
    "carer_name",
    "visits",
    "first_start",
    "last_end",
    "care_minutes",
    "travel_minutes",
    "gap_minutes",
    "working_minutes",
    "working_hours",
];

/// The columns of the per-funder CSV.
pub const FUNDER_COLUMNS: [&str; 10] = [
    "week",
    "funding_source",
    "funding_reference",
    "service_user",
    "service_user_name",
    "visits",
    "planned_carer_hours",
    "commissioned_hours",
    "difference_hours",
    "unassigned_visits",
];

/// `HH:MM` of minutes since midnight (past midnight, the next day's clock).
fn clock(minutes: u32) -> String {
    let m = minutes % 1440;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Hours per carer per day as CSV.
pub fn carers_csv(week: Week, days: &[CarerDay]) -> Result<String, csv::Error> {
    let rows = days
        .iter()
        .map(|d| {
            vec![
                week.to_string(),
                d.date.to_string(),
                Day::of(d.date).name().to_owned(),
                d.carer_id.clone(),
                spreadsheet_safe(&d.carer_name),
                d.visits.to_string(),
                clock(d.first_start),
                clock(d.last_end),
                d.care.to_string(),
                d.travel.to_string(),
                d.gap.to_string(),
                d.working().to_string(),
                hours(u64::from(d.working())),
            ]
        })
        .collect();
    csv_text(rows, &CARER_COLUMNS)
}

/// Planned hours per service user, by funder, as CSV.
pub fn funders_csv(week: Week, rows: &[FunderRow]) -> Result<String, csv::Error> {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                week.to_string(),
                r.source.clone(),
                spreadsheet_safe(r.reference.as_deref().unwrap_or("")),
                r.service_user.clone(),
                spreadsheet_safe(&r.name),
                r.visits.to_string(),
                format!("{:.2}", r.planned_hours()),
                r.commissioned_hours
                    .map(|h| format!("{h:.2}"))
                    .unwrap_or_default(),
                r.difference()
                    .map(|d| format!("{d:.2}"))
                    .unwrap_or_default(),
                r.unassigned.to_string(),
            ]
        })
        .collect();
    csv_text(rows, &FUNDER_COLUMNS)
}

/// Hours per carer per day as a table, with each carer's week total.
pub fn carers_table(week: Week, days: &[CarerDay]) -> String {
    let mut t = TextTable::new(
        &format!("Planned hours, {week} (working = care + travel between visits)"),
        &[
            ("carer", Col::Left(28)),
            ("day", Col::Left(10)),
            ("visits", Col::Right(6)),
            ("first", Col::Right(5)),
            ("last", Col::Right(5)),
            ("care", Col::Right(7)),
            ("travel", Col::Right(7)),
            ("gaps", Col::Right(7)),
            ("working", Col::Right(8)),
        ],
    );
    for one in days.chunk_by(|a, b| a.carer_id == b.carer_id) {
        let who = one
            .first()
            .map(|d| format!("{} ({})", d.carer_name, d.carer_id))
            .unwrap_or_default();
        let who: String = who.chars().take(28).collect();
        for (i, d) in one.iter().enumerate() {
            t.row(&[
                if i == 0 { who.clone() } else { String::new() },
                format!("{} {}", Day::of(d.date).title(), d.date.format("%-d %b")),
                d.visits.to_string(),
                clock(d.first_start),
                clock(d.last_end),
                h_mm(u64::from(d.care)),
                h_mm(u64::from(d.travel)),
                h_mm(u64::from(d.gap)),
                h_mm(u64::from(d.working())),
            ]);
        }
        let sum = |f: fn(&CarerDay) -> u32| one.iter().map(|d| u64::from(f(d))).sum::<u64>();
        t.row(&[
            String::new(),
            "week".to_owned(),
            one.iter().map(|d| d.visits).sum::<usize>().to_string(),
            String::new(),
            String::new(),
            h_mm(sum(|d| d.care)),
            h_mm(sum(|d| d.travel)),
            h_mm(sum(|d| d.gap)),
            h_mm(sum(CarerDay::working)),
        ]);
    }
    t.finish()
}

/// Planned against commissioned hours, by funder, as a table.
pub fn funders_table(week: Week, rows: &[FunderRow]) -> String {
    let mut t = TextTable::new(
        &format!("Planned carer-hours against commissioned hours, {week}"),
        &[
            ("reference", Col::Left(20)),
            ("service user", Col::Left(32)),
            ("visits", Col::Right(6)),
            ("planned", Col::Right(8)),
            ("commissioned", Col::Right(12)),
            ("diff", Col::Right(8)),
            ("unassigned", Col::Right(10)),
        ],
    );
    for group in rows.chunk_by(|a, b| a.source == b.source) {
        let source = group.first().map_or("", |r| r.source.as_str());
        t.push_str(&format!("\n{source}\n"));
        for r in group {
            let who: String = format!("{} ({})", r.name, r.service_user)
                .chars()
                .take(32)
                .collect();
            let reference: String = r
                .reference
                .as_deref()
                .unwrap_or("-")
                .chars()
                .take(20)
                .collect();
            t.row(&[
                reference,
                who,
                r.visits.to_string(),
                format!("{:.2}", r.planned_hours()),
                r.commissioned_hours
                    .map_or("-".to_owned(), |h| format!("{h:.2}")),
                r.difference()
                    .map_or("-".to_owned(), |d| format!("{d:+.2}")),
                r.unassigned.to_string(),
            ]);
        }
        let planned: f64 = group.iter().map(FunderRow::planned_hours).sum();
        let commissioned: f64 = group.iter().filter_map(|r| r.commissioned_hours).sum();
        t.row(&[
            String::new(),
            "total".to_owned(),
            group.iter().map(|r| r.visits).sum::<usize>().to_string(),
            format!("{planned:.2}"),
            format!("{commissioned:.2}"),
        ]);
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_past_midnight_are_the_next_day_s() {
        assert_eq!(clock(1440 + 30), "00:30");
    }
}
