//! The hours of `carebook export hours` as CSV (for payroll and invoicing
//! software, and spreadsheets) or as a table (for a person).
//!
//! CSV quoting is the `csv` crate's (a comma or a quote in a name is
//! quoted). A text field that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-` or `@`) gets a leading apostrophe, as OWASP
//! advises against CSV injection: names come from records anyone with
//! commit access can write.

use super::hours::{CarerDay, FunderRow};
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

/// A text field a spreadsheet will not run as a formula.
pub fn spreadsheet_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// `HH:MM` of minutes since midnight (past midnight, the next day's clock).
fn clock(minutes: u32) -> String {
    let m = minutes % 1440;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `3:05` of a number of minutes.
fn h_mm(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn hours(minutes: u64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

fn csv_text(rows: Vec<Vec<String>>, header: &[&str]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
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
    let mut out = format!(
        "Planned hours, {week} (working = care + travel between visits)\n\n{:<28} {:<10} {:>6} {:>5} {:>5} {:>7} {:>7} {:>7} {:>8}\n",
        "carer", "day", "visits", "first", "last", "care", "travel", "gaps", "working"
    );
    for one in days.chunk_by(|a, b| a.carer_id == b.carer_id) {
        let who = one
            .first()
            .map(|d| format!("{} ({})", d.carer_name, d.carer_id))
            .unwrap_or_default();
        let who: String = who.chars().take(28).collect();
        for (i, d) in one.iter().enumerate() {
            out.push_str(&format!(
                "{:<28} {:<10} {:>6} {:>5} {:>5} {:>7} {:>7} {:>7} {:>8}\n",
                if i == 0 { who.as_str() } else { "" },
                format!("{} {}", Day::of(d.date).title(), d.date.format("%-d %b")),
                d.visits,
                clock(d.first_start),
                clock(d.last_end),
                h_mm(u64::from(d.care)),
                h_mm(u64::from(d.travel)),
                h_mm(u64::from(d.gap)),
                h_mm(u64::from(d.working())),
            ));
        }
        let sum = |f: fn(&CarerDay) -> u32| one.iter().map(|d| u64::from(f(d))).sum::<u64>();
        out.push_str(&format!(
            "{:<28} {:<10} {:>6} {:>5} {:>5} {:>7} {:>7} {:>7} {:>8}\n",
            "",
            "week",
            one.iter().map(|d| d.visits).sum::<usize>(),
            "",
            "",
            h_mm(sum(|d| d.care)),
            h_mm(sum(|d| d.travel)),
            h_mm(sum(|d| d.gap)),
            h_mm(sum(CarerDay::working)),
        ));
    }
    out
}

/// Planned against commissioned hours, by funder, as a table.
pub fn funders_table(week: Week, rows: &[FunderRow]) -> String {
    let mut out = format!(
        "Planned carer-hours against commissioned hours, {week}\n\n{:<20} {:<32} {:>6} {:>8} {:>12} {:>8} {:>10}\n",
        "reference", "service user", "visits", "planned", "commissioned", "diff", "unassigned"
    );
    for group in rows.chunk_by(|a, b| a.source == b.source) {
        let source = group.first().map_or("", |r| r.source.as_str());
        out.push_str(&format!("\n{source}\n"));
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
            out.push_str(&format!(
                "{:<20} {:<32} {:>6} {:>8.2} {:>12} {:>8} {:>10}\n",
                reference,
                who,
                r.visits,
                r.planned_hours(),
                r.commissioned_hours
                    .map_or("-".to_owned(), |h| format!("{h:.2}")),
                r.difference()
                    .map_or("-".to_owned(), |d| format!("{d:+.2}")),
                r.unassigned,
            ));
        }
        let planned: f64 = group.iter().map(FunderRow::planned_hours).sum();
        let commissioned: f64 = group.iter().filter_map(|r| r.commissioned_hours).sum();
        out.push_str(&format!(
            "{:<20} {:<32} {:>6} {:>8.2} {:>12.2}\n",
            "",
            "total",
            group.iter().map(|r| r.visits).sum::<usize>(),
            planned,
            commissioned
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quoting_is_csv() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("Ellis, \"Peggy\""), "Ellis, \"Peggy\"");
        let text = csv_text(
            vec![vec!["Ellis, \"Peggy\"".to_owned(), "1".to_owned()]],
            &["name", "n"],
        )
        .expect("csv");
        assert_eq!(text, "name,n\n\"Ellis, \"\"Peggy\"\"\",1\n");
        assert_eq!(clock(1440 + 30), "00:30");
        assert_eq!(h_mm(185), "3:05");
    }
}
