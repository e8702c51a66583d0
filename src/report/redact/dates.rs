//! Dates of birth as people write them: three words (`12/04/1936`,
//! `12 April 1936`, `April 12th, 1936`, `1936-04-12`) read as every date
//! they can mean, so the scrubber can compare them with the records'.

use chrono::NaiveDate;

/// Whether the text between two words of a date can separate them.
pub(super) fn date_separator(gap: &str) -> bool {
    (1..=3).contains(&gap.chars().count())
        && gap
            .chars()
            .all(|c| matches!(c, ' ' | ',' | '/' | '-' | '.' | '\u{a0}'))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A month's number from its name (`April`, `apr`, `Sept`).
fn month(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let at = full
        .iter()
        .position(|m| *m == lower)
        .or_else(|| MONTHS.iter().position(|m| *m == lower))
        .or_else(|| (lower == "sept").then_some(8))?;
    u32::try_from(at + 1).ok()
}

/// A day of the month (`12`, `12th`).
fn day(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.to_lowercase().strip_suffix(s).map(str::to_owned))
        .unwrap_or_else(|| word.to_owned());
    (digits.len() <= 2).then(|| digits.parse().ok()).flatten()
}

/// The years a written year can mean: `1936`, or `36` as 1936 or 2036.
fn years(word: &str) -> Vec<i32> {
    match (word.len(), word.parse::<i32>()) {
        (4, Ok(y)) => vec![y],
        (2, Ok(y)) => vec![1900 + y, 2000 + y],
        _ => Vec::new(),
    }
}

/// Every date three words can mean: year first (`1936-04-12`), day first
/// or month first (`12/04/1936`, `04/12/1936`), with the month named
/// (`12 April 1936`, `April 12th, 1936`).
pub(super) fn dates_written(w: &[&str]) -> Vec<NaiveDate> {
    let number = |s: &str| (s.len() <= 2).then(|| s.parse::<u32>().ok()).flatten();
    let mut out = Vec::new();
    let mut add = |y: i32, m: Option<u32>, d: Option<u32>| {
        if let (Some(m), Some(d)) = (m, d) {
            out.extend(NaiveDate::from_ymd_opt(y, m, d));
        }
    };
    if w[0].len() == 4
        && let Ok(y) = w[0].parse()
    {
        add(y, number(w[1]), number(w[2]));
    }
    for y in years(w[2]) {
        add(y, number(w[1]), day(w[0]));
        add(y, number(w[0]), day(w[1]));
        add(y, month(w[1]), day(w[0]));
        add(y, month(w[0]), day(w[1]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_read() {
        let d = NaiveDate::from_ymd_opt(1936, 4, 12).expect("date");
        for w in [
            ["12", "04", "1936"],
            ["1936", "04", "12"],
            ["12th", "April", "1936"],
            ["Apr", "12", "36"],
            ["4", "12", "1936"],
        ] {
            assert!(dates_written(&w).contains(&d), "{w:?}");
        }
        assert!(dates_written(&["12", "13", "hours"]).is_empty());
    }
}
