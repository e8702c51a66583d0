//! Small formatting helpers shared by the report kinds: dates as people
//! read them, durations, and enum values as words. Templates get text that
//! is ready to print, since tera 2 has no date filter.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// `30 Nov 2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// `Monday 30 November 2026`.
pub fn date_long(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// `Mon 30 Nov`.
pub fn day_short(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// `30 Nov – 6 Dec 2026`, `23–29 Nov 2026`: each part once when shared.
pub fn span(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() && from.month() == to.month() {
        format!("{}–{}", from.format("%-d"), date(to))
    } else if from.year() == to.year() {
        format!("{} – {}", from.format("%-d %b"), date(to))
    } else {
        format!("{} – {}", date(from), date(to))
    }
}

/// Whole minutes as `45 min`, `1 h`, `1 h 30 min`.
pub fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Hours with one decimal, without a trailing `.0`: `12`, `24.5`.
pub fn hours(h: f64) -> String {
    let rounded = (h * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A course's title: the usual name of a course the format page lists
/// (`oliver-mcgowan` → `Oliver McGowan`, `mental-capacity-act` → `Mental
/// Capacity Act`), else the course's id as a [`phrase`].
pub fn course(id: &str) -> String {
    let known = match id {
        "care-certificate" => "Care Certificate",
        "mental-capacity-act" => "Mental Capacity Act",
        "oliver-mcgowan" => "Oliver McGowan",
        "dols" => "Deprivation of Liberty Safeguards",
        "coshh" => "COSHH",
        "peg-feeding" => "PEG feeding",
        "first-aid" => "First aid",
        _ => return phrase(id),
    };
    known.to_owned()
}

/// A kebab-case word as a phrase with a capital: `personal-care` →
/// `Personal care`.
pub fn phrase(word: &str) -> String {
    let spaced = word.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The serde name of an enum value (`personal-care`), or empty.
pub fn serde_word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// An enum value as a phrase: `Domain::PersonalCare` → `Personal care`.
pub fn word<T: Serialize>(value: &T) -> String {
    phrase(&serde_word(value))
}

pub use crate::wording::count;

/// Whole years between `born` and `on`; none when `born` is after `on`
/// (a date of birth in the future is a mistake, not an age of 0).
pub fn age(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(born)
}

#[cfg(test)]
mod tests {
    #[test]
    fn course_titles_keep_proper_names_capitalised_oliver_mcgowan_was_oliver_mcgowan_lower() {
        assert_eq!(super::course("oliver-mcgowan"), "Oliver McGowan");
        assert_eq!(super::course("mental-capacity-act"), "Mental Capacity Act");
        assert_eq!(super::course("care-certificate"), "Care Certificate");
        assert_eq!(super::course("moving-and-handling"), "Moving and handling");
        assert_eq!(super::course("our-own-course"), "Our own course");
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(date(d("2026-11-03")), "3 Nov 2026");
        assert_eq!(
            span(d("2026-11-30"), d("2026-12-06")),
            "30 Nov – 6 Dec 2026"
        );
        assert_eq!(minutes(90), "1 h 30 min");
        assert_eq!(hours(24.5), "24.5");
        assert_eq!(hours(12.0), "12");
        assert_eq!(phrase("personal-care"), "Personal care");
        assert_eq!(age(d("1936-04-12"), d("2026-11-23")), Some(90));
        assert_eq!(age(d("1936-12-12"), d("2026-11-23")), Some(89));
        assert_eq!(age(d("2036-04-12"), d("2026-11-23")), None);
    }
}
