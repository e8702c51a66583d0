//! The value forms of the records format: dates, times, windows, durations,
//! days, weeks, NHS numbers, postcodes, locations and ids.
//!
//! Each type parses from its text form and describes itself to schemars, so
//! the committed JSON Schemas and the run-time validation say the same thing.
//! Schemas carry a `pattern` (which editors check as the user types) and a
//! `format` of our own (which `check` verifies fully, e.g. that 2026-02-30
//! is no date).

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// Declares a string-backed value type: parsing, display, serde and schema.
macro_rules! text_value {
    ($ty:ident, $name:literal, $format:literal, $pattern:expr, $desc:literal) => {
        impl JsonSchema for $ty {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "format": $format,
                    "pattern": $pattern,
                    "description": $desc,
                })
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(de::Error::custom)
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}

/// A calendar date, `2026-11-30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a calendar date (YYYY-MM-DD)");
        if s.len() != 10 {
            return Err(bad());
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| bad())
    }
}
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}
text_value!(
    Date,
    "Date",
    "date",
    r"^\d{4}-\d{2}-\d{2}$",
    "An ISO 8601 calendar date, e.g. 2026-11-30."
);

/// A time of day in whole minutes since midnight, written `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub u16);

impl Time {
    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }
}

impl FromStr for Time {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a time of day (HH:MM, 24-hour)");
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(Time(h * 60 + m))
    }
}
impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}
text_value!(
    Time,
    "Time",
    "carebook-time",
    r"^([01]\d|2[0-3]):[0-5]\d$",
    "A time of day, HH:MM on the 24-hour clock, e.g. 07:30."
);

/// A window within one day, `07:30-08:30`; the start is before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// Start of the window.
    pub start: Time,
    /// End of the window.
    pub end: Time,
}

impl Window {
    /// Whether `[from, to]` (minutes since midnight) lies wholly inside.
    pub fn contains(&self, from: u32, to: u32) -> bool {
        self.start.minutes() <= from && to <= self.end.minutes()
    }
}

impl FromStr for Window {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("`{s}` is not a window (HH:MM-HH:MM)"))?;
        if s.contains(char::is_whitespace) {
            return Err(format!(
                "`{s}` has spaces: a window is written without them, `{}-{}`",
                a.trim(),
                b.trim()
            ));
        }
        let start: Time = a.parse()?;
        let end: Time = b.parse()?;
        if start >= end {
            return Err(format!(
                "the window `{s}` ends before it starts; a window lies within one day"
            ));
        }
        Ok(Window { start, end })
    }
}
impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}
text_value!(
    Window,
    "Window",
    "carebook-window",
    r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$",
    "A window within one day, HH:MM-HH:MM, the start before the end, e.g. 07:30-08:30."
);

/// A length of time in whole minutes, written `45m`, `1h` or `1h30m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(pub u32);

impl Duration {
    /// Whole minutes.
    pub fn minutes(self) -> u32 {
        self.0
    }
}

impl FromStr for Duration {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!("`{s}` is not a duration: write minutes with m, hours with h (45m, 1h, 1h30m)")
        };
        let (hours, rest) = match s.split_once('h') {
            Some((h, rest)) => (h.parse::<u32>().map_err(|_| bad())?, rest),
            None => (0, s),
        };
        let minutes = match rest.strip_suffix('m') {
            Some(m) => m.parse::<u32>().map_err(|_| bad())?,
            None if rest.is_empty() && s.contains('h') => 0,
            None => return Err(bad()),
        };
        let total = hours
            .checked_mul(60)
            .and_then(|h| h.checked_add(minutes))
            .ok_or_else(bad)?;
        if total == 0 || hours > 24 * 7 {
            return Err(bad());
        }
        Ok(Duration(total))
    }
}
impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match (self.0 / 60, self.0 % 60) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m}m"),
        }
    }
}
text_value!(
    Duration,
    "Duration",
    "carebook-duration",
    r"^(\d+h)?(\d+m)?$",
    "A duration: minutes with m, hours with h, or both, e.g. 45m, 1h, 1h30m."
);

/// An ISO 8601 week, `2026-W49`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    /// ISO year.
    pub year: i32,
    /// ISO week number, 1 to 53.
    pub week: u32,
}

impl Week {
    /// The Monday that starts the week.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }
    /// The Sunday that ends the week.
    pub fn sunday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Sun).unwrap_or(NaiveDate::MIN)
    }

    /// The day `offset` days after the Monday (0 is Monday, 6 Sunday),
    /// saturating at the last day chrono knows.
    pub fn day(self, offset: u64) -> NaiveDate {
        self.monday()
            .checked_add_days(chrono::Days::new(offset))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The week that holds `date`.
    pub fn of(date: NaiveDate) -> Week {
        use chrono::Datelike;
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// The week after this one (this one, for the last week chrono knows).
    pub fn next(self) -> Week {
        Week::of(self.day(7))
    }

    /// The week before this one (this one, for the first week chrono knows).
    pub fn previous(self) -> Week {
        self.monday()
            .checked_sub_days(chrono::Days::new(7))
            .map_or(self, Week::of)
    }
}

impl FromStr for Week {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not an ISO week (YYYY-Www, e.g. 2026-W49)");
        // `2026-w49` is the same week; a sign (`2026-W+9`) is not a week.
        let (y, w) = s
            .split_once("-W")
            .or_else(|| s.split_once("-w"))
            .ok_or_else(bad)?;
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || w.len() != 2 || !digits(y) || !digits(w) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let week: u32 = w.parse().map_err(|_| bad())?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(Week { year, week })
    }
}
impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}
text_value!(
    Week,
    "Week",
    "carebook-week",
    r"^\d{4}-W\d{2}$",
    "An ISO 8601 week, e.g. 2026-W49."
);

/// An NHS number: ten digits, written with or without spaces as 3-3-4.
///
/// The form is checked here; the check digit is its own rule
/// (`nhs-number/check-digit`), so a typo is named as such.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NhsNumber(pub String);

impl NhsNumber {
    /// The ten digits without spaces.
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }

    /// Whether the tenth digit is the modulus-11 check digit of the first nine.
    pub fn check_digit_ok(&self) -> bool {
        let d: Vec<u32> = self
            .digits()
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        if d.len() != 10 {
            return false;
        }
        let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        match 11 - sum % 11 {
            11 => d[9] == 0,
            10 => false,
            check => d[9] == check,
        }
    }
}

impl FromStr for NhsNumber {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let plain = s.len() == 10 && s.chars().all(|c| c.is_ascii_digit());
        let spaced = s.len() == 12
            && s.char_indices().all(|(i, c)| match i {
                3 | 7 => c == ' ',
                _ => c.is_ascii_digit(),
            });
        if plain || spaced {
            Ok(NhsNumber(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not an NHS number: ten digits, optionally spaced 3-3-4 (\"943 476 5919\")"
            ))
        }
    }
}
impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}
text_value!(
    NhsNumber,
    "NhsNumber",
    "carebook-nhs-number",
    r"^(\d{10}|\d{3} \d{3} \d{4})$",
    "An NHS number: ten digits, optionally spaced 3-3-4, quoted, e.g. \"943 476 5919\"."
);

/// A UK postcode with one space before the inward code, `BS3 4AB`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Postcode(pub String);

/// The postcode pattern (outward code, one space, inward code).
const POSTCODE_PATTERN: &str = r"^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$";

impl FromStr for Postcode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if is_postcode(s) {
            Ok(Postcode(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a UK postcode: capitals, one space before the inward code (BS3 4AB)"
            ))
        }
    }
}

fn is_postcode(s: &str) -> bool {
    if s == "GIR 0AA" {
        return true;
    }
    let Some((out, inward)) = s.split_once(' ') else {
        return false;
    };
    let inward_ok = inward.len() == 3 && {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
    };
    let o = out.as_bytes();
    let letters = o.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let rest = &o[letters..];
    let outward_ok = (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest.len() <= 2
        && rest[0].is_ascii_digit()
        && rest[1..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    inward_ok && outward_ok
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}
text_value!(
    Postcode,
    "Postcode",
    "carebook-postcode",
    POSTCODE_PATTERN,
    "A UK postcode with one space before the inward code, e.g. BS3 4AB."
);

/// A record id: a letter or digit, then up to 63 letters, digits, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(pub String);

impl Id {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Id {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.starts_with(|c: char| c.is_ascii_alphanumeric())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if ok {
            Ok(Id(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not an id: a letter or digit, then up to 63 letters, digits, `_` or `-`"
            ))
        }
    }
}
impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}
text_value!(
    Id,
    "Id",
    "carebook-id",
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$",
    "A record id, unique across the repository, e.g. SU-0001."
);

/// A point in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Latitude in decimal degrees.
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: f64,
    /// Longitude in decimal degrees.
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: f64,
}

/// A day of the week, as records write it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    /// All seven days, Monday first.
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// The day of a date.
    pub fn of(date: NaiveDate) -> Day {
        Day::ALL[date.weekday().num_days_from_monday() as usize]
    }

    /// The short name, `mon`.
    pub fn name(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self as usize]
    }

    /// The name for messages, `Mon`.
    pub fn title(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self as usize]
    }
}

/// The days a visit runs: `daily`, `weekdays`, `weekends`, one day, or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Days(pub Vec<Day>);

impl Days {
    /// Whether the visit runs on `day`.
    pub fn includes(&self, day: Day) -> bool {
        self.0.contains(&day)
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Word(String),
            List(Vec<Day>),
        }
        match Raw::deserialize(d)? {
            Raw::List(days) => Ok(Days(days)),
            Raw::Word(w) => match w.as_str() {
                "daily" => Ok(Days(Day::ALL.to_vec())),
                "weekdays" => Ok(Days(Day::ALL[..5].to_vec())),
                "weekends" => Ok(Days(Day::ALL[5..].to_vec())),
                other => serde_json::from_value::<Day>(serde_json::Value::String(other.to_owned()))
                    .map(|d| Days(vec![d]))
                    .map_err(|_| de::Error::custom(format!("`{other}` is not a day"))),
            },
        }
    }
}

impl Serialize for Days {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 == Day::ALL {
            s.serialize_str("daily")
        } else if self.0 == Day::ALL[..5] {
            s.serialize_str("weekdays")
        } else if self.0 == Day::ALL[5..] {
            s.serialize_str("weekends")
        } else {
            self.0.serialize(s)
        }
    }
}

impl JsonSchema for Days {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Days".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The days a visit runs: daily, weekdays, weekends, one day, or a list of days (mon tue wed thu fri sat sun).",
            "anyOf": [
                {"type": "string", "enum": ["daily", "weekdays", "weekends", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
                {"type": "array", "minItems": 1, "uniqueItems": true,
                 "items": {"type": "string", "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}}
            ]
        })
    }
}

/// Checks a string against one of our own schema formats, for the run-time
/// validator. Unknown formats pass.
pub fn check_format(format: &str, s: &str) -> bool {
    match format {
        "date" => s.parse::<Date>().is_ok(),
        "carebook-time" => s.parse::<Time>().is_ok(),
        "carebook-window" => s.parse::<Window>().is_ok(),
        "carebook-duration" => s.parse::<Duration>().is_ok(),
        "carebook-week" => s.parse::<Week>().is_ok(),
        "carebook-nhs-number" => s.parse::<NhsNumber>().is_ok(),
        "carebook-postcode" => s.parse::<Postcode>().is_ok(),
        "carebook-id" => s.parse::<Id>().is_ok(),
        _ => true,
    }
}

/// Explains why a string fails one of our formats, for the finding message.
pub fn explain_format(format: &str, s: &str) -> Option<String> {
    fn why<T: FromStr<Err = String>>(s: &str) -> Option<String> {
        s.parse::<T>().err()
    }
    match format {
        "date" => why::<Date>(s),
        "carebook-time" => why::<Time>(s),
        "carebook-window" => why::<Window>(s),
        "carebook-duration" => why::<Duration>(s),
        "carebook-week" => why::<Week>(s),
        "carebook-nhs-number" => why::<NhsNumber>(s),
        "carebook-postcode" => why::<Postcode>(s),
        "carebook-id" => why::<Id>(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!("45m".parse::<Duration>().unwrap().0, 45);
        assert_eq!("1h".parse::<Duration>().unwrap().0, 60);
        assert_eq!("1h30m".parse::<Duration>().unwrap().0, 90);
        assert!("45".parse::<Duration>().is_err());
        assert!("h".parse::<Duration>().is_err());
        assert!("0m".parse::<Duration>().is_err());
        assert!("m".parse::<Duration>().is_err());
    }

    #[test]
    fn windows_and_times() {
        assert!("07:30-08:30".parse::<Window>().is_ok());
        assert!("09:00-08:00".parse::<Window>().is_err());
        assert!("24:00".parse::<Time>().is_err());
        assert!("7:30".parse::<Time>().is_err());
    }

    #[test]
    fn dates_and_weeks() {
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("2026-02-28".parse::<Date>().is_ok());
        let w: Week = "2026-W49".parse().unwrap();
        assert_eq!(w.monday().to_string(), "2026-11-30");
        assert!("2026-W54".parse::<Week>().is_err());
    }

    #[test]
    fn nhs_check_digit() {
        assert!(NhsNumber("943 476 5919".into()).check_digit_ok());
        assert!(!NhsNumber("943 476 5918".into()).check_digit_ok());
        assert!("9434765919".parse::<NhsNumber>().is_ok());
        assert!("943-476-5919".parse::<NhsNumber>().is_err());
    }

    #[test]
    fn postcodes() {
        for ok in ["BS3 4AB", "BS16 1QY", "W1A 0AX", "EC1A 1BB", "M1 1AE"] {
            assert!(is_postcode(ok), "{ok}");
        }
        for bad in ["bs3 4ab", "BS34AB", "BS3  4AB", "3BS 4AB"] {
            assert!(!is_postcode(bad), "{bad}");
        }
    }
}
