//! `carebook export hours`: per carer per day for payroll (care, travel
//! between visits, gaps), and per service user by funder for invoices; the
//! CSV opens with the right columns, and names with commas and quotes
//! survive it.

use super::{WEEK, agency, edit, ok};
use carebook::model::agency::Travel;
use carebook::model::carer::TravelMode;
use carebook::model::values::Location;

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[test]
fn hours_per_carer_per_day_show_care_travel_and_gaps() {
    let fx = agency();
    let run = ok(fx.run(&["export", "hours", ".", "--week", WEEK, "--format", "csv"]));
    let (headers, rows) = csv_rows(&run.stdout);
    assert_eq!(
        headers,
        [
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
            "working_hours"
        ]
    );
    assert_eq!(rows.len(), 7 + 1, "C-0001 every day, C-0002 on Tuesday");
    // Monday: SU-0001 08:00-09:00, then SU-0002 09:15-09:45, by car.
    let travel = carebook::travel::estimate(
        &Travel::default(),
        &Location {
            lat: 51.4412,
            lon: -2.6051,
        },
        &Location {
            lat: 51.4650,
            lon: -2.5600,
        },
        TravelMode::Car,
    );
    assert!(travel > 0 && travel < 15, "{travel}");
    let monday = &rows[0];
    assert_eq!(
        monday[..8],
        [
            "2026-W49",
            "2026-11-30",
            "mon",
            "C-0001",
            "Aisha Khan",
            "2",
            "08:00",
            "09:45"
        ]
    );
    assert_eq!(monday[8], "90");
    assert_eq!(monday[9], travel.to_string());
    assert_eq!(monday[10], (15 - travel).to_string());
    assert_eq!(monday[11], (90 + travel).to_string());
    assert_eq!(monday[12], format!("{:.2}", f64::from(90 + travel) / 60.0));
    // A name with a comma and quotes survives CSV; a leading @ cannot run
    // as a spreadsheet formula.
    let tom = rows.iter().find(|r| r[3] == "C-0002").expect("C-0002");
    assert_eq!(tom[4], "'@Baker, Tom \"TB\"");
    assert!(
        run.stdout.contains("\"'@Baker, Tom \"\"TB\"\"\""),
        "{}",
        run.stdout
    );
}

#[test]
fn hours_by_funder_against_commissioned_hours() {
    let fx = agency();
    edit(
        &fx,
        "service-users/SU-0002.yaml",
        "reference: BCC-ASC-44120",
        "reference: \"BCC, \\\"B\\\"\"",
    );
    let run = ok(fx.run(&["export", "hours", ".", "--week", WEEK, "--by", "funder"]));
    let (headers, rows) = csv_rows(&run.stdout);
    assert_eq!(
        headers,
        [
            "week",
            "funding_source",
            "funding_reference",
            "service_user",
            "service_user_name",
            "visits",
            "planned_carer_hours",
            "commissioned_hours",
            "difference_hours",
            "unassigned_visits"
        ]
    );
    // Seven one-hour visits, one of them a double-up: 8 carer-hours.
    assert_eq!(
        rows[0],
        [
            "2026-W49",
            "local-authority",
            "BCC, \"B\"",
            "SU-0002",
            "Hale, Arthur \"Art\"",
            "1",
            "0.50",
            "0.50",
            "0.00",
            "0"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "2026-W49",
            "local-authority",
            "BCC-ASC-44120",
            "SU-0001",
            "Margaret Ellis",
            "7",
            "8.00",
            "7.00",
            "1.00",
            "0"
        ]
    );
    let table = ok(fx.run(&[
        "export", "hours", "--week", WEEK, "--by", "funder", "--format", "table",
    ]));
    assert!(table.stdout.contains("local-authority"), "{}", table.stdout);
    assert!(table.stdout.contains("+1.00"), "{}", table.stdout);
}

#[test]
fn hours_to_a_file_and_as_a_table() {
    let fx = agency();
    ok(fx.run(&[
        "export",
        "hours",
        ".",
        "--week",
        WEEK,
        "--out",
        "out/hours.csv",
    ]));
    let text = std::fs::read_to_string(fx.path().join("out/hours.csv")).expect("written");
    assert!(text.starts_with("week,date,day,carer,"));
    let table = ok(fx.run(&["export", "hours", ".", "--week", WEEK, "--format", "table"]));
    assert!(
        table.stdout.contains("Aisha Khan (C-0001)"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("week"), "{}", table.stdout);
}
