//! The calendar against gov.uk's published bank holidays.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

fn list(region: Region, year: i32) -> Vec<String> {
    bank_holidays(region, year)
        .into_iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn england_and_wales_2026_with_boxing_day_substitute() {
    assert_eq!(
        list(Region::EnglandAndWales, 2026),
        [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-04",
            "2026-05-25",
            "2026-08-31",
            "2026-12-25",
            "2026-12-28"
        ]
    );
}

#[test]
fn scotland_2026_has_2_january_august_and_st_andrew_but_no_easter_monday() {
    assert_eq!(
        list(Region::Scotland, 2026),
        [
            "2026-01-01",
            "2026-01-02",
            "2026-04-03",
            "2026-05-04",
            "2026-05-25",
            "2026-08-03",
            "2026-11-30",
            "2026-12-25",
            "2026-12-28"
        ]
    );
}

#[test]
fn northern_ireland_2026_moves_the_boyne_off_a_sunday() {
    assert_eq!(
        list(Region::NorthernIreland, 2026),
        [
            "2026-01-01",
            "2026-03-17",
            "2026-04-03",
            "2026-04-06",
            "2026-05-04",
            "2026-05-25",
            "2026-07-13",
            "2026-08-31",
            "2026-12-25",
            "2026-12-28"
        ]
    );
}

#[test]
fn one_off_holidays_of_2020_2022_and_2023() {
    assert_eq!(
        list(Region::EnglandAndWales, 2022),
        [
            "2022-01-03",
            "2022-04-15",
            "2022-04-18",
            "2022-05-02",
            "2022-06-02",
            "2022-06-03",
            "2022-08-29",
            "2022-09-19",
            "2022-12-26",
            "2022-12-27"
        ]
    );
    let y2020 = bank_holidays(Region::Scotland, 2020);
    assert!(y2020.contains(&d("2020-05-08")) && !y2020.contains(&d("2020-05-04")));
    assert!(bank_holidays(Region::NorthernIreland, 2023).contains(&d("2023-05-08")));
}

#[test]
fn substitutes_when_christmas_and_new_year_fall_at_weekends() {
    let y2027 = list(Region::EnglandAndWales, 2027);
    assert!(y2027.ends_with(&["2027-12-27".to_owned(), "2027-12-28".to_owned()]));
    let scot2021 = list(Region::Scotland, 2021);
    assert!(scot2021.starts_with(&["2021-01-01".to_owned(), "2021-01-04".to_owned()]));
    // St Andrew's Day on a Sunday moves to Monday.
    assert!(bank_holidays(Region::Scotland, 2025).contains(&d("2025-12-01")));
}

#[test]
fn working_days_skip_weekends_holidays_and_extra_days() {
    let cal = Calendar::new(Region::EnglandAndWales, []);
    // Thursday 24 Dec 2026: Fri 25 and Mon 28 are holidays.
    assert_eq!(cal.add_working_days(d("2026-12-24"), 1), d("2026-12-29"));
    assert_eq!(cal.add_working_days(d("2026-11-20"), 3), d("2026-11-25"));
    assert_eq!(cal.add_working_days(d("2026-11-20"), 0), d("2026-11-20"));
    assert_eq!(
        cal.working_days_between(d("2026-12-24"), d("2026-12-29")),
        1
    );
    assert_eq!(
        cal.working_days_between(d("2026-12-29"), d("2026-12-24")),
        0
    );
    let closed = Calendar::new(Region::EnglandAndWales, [d("2026-12-29")]);
    assert_eq!(closed.add_working_days(d("2026-12-24"), 1), d("2026-12-30"));
    let scot = Calendar::new(Region::Scotland, []);
    assert!(scot.is_working_day(d("2026-04-06")));
    assert!(!cal.is_working_day(d("2026-04-06")));
}

#[test]
fn no_panic_at_the_ends_of_the_calendar() {
    let cal = Calendar::new(Region::NorthernIreland, []);
    assert_eq!(cal.add_working_days(NaiveDate::MAX, 3), NaiveDate::MAX);
    let _ = bank_holidays(Region::Scotland, NaiveDate::MAX.year());
    let _ = bank_holidays(Region::Scotland, NaiveDate::MIN.year());
}
