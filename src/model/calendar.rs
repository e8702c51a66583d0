//! Working days: weekdays that are not UK bank holidays, for England and
//! Wales, Scotland or Northern Ireland, plus any days the agency adds.
//!
//! Bank holidays follow their fixed rules (Easter, the Mondays of May and
//! August, the saints' days, and substitute days when a holiday falls on
//! a weekend), and an embedded table holds the one-off changes gov.uk
//! announced for 2020 to 2030 (VE Day 2020, the Platinum Jubilee and the
//! state funeral in 2022, the Coronation in 2023). A one-off holiday
//! announced later is added by the agency under
//! `policy.governance.extra_holidays`.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Whose bank holidays apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Region {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// A day of the year: (year, month, day).
type Ymd = (i32, u32, u32);

impl Region {
    /// The region's name: `England and Wales`.
    pub fn label(self) -> &'static str {
        match self {
            Region::EnglandAndWales => "England and Wales",
            Region::Scotland => "Scotland",
            Region::NorthernIreland => "Northern Ireland",
        }
    }
}

/// One-off changes for every region: a holiday, and the (month, day) of
/// the usual holiday it replaced (`None`: an extra day).
const ONE_OFF: &[(Ymd, Option<(u32, u32)>)] = &[
    // VE Day: the early May bank holiday moved from Monday 4 May.
    ((2020, 5, 8), Some((5, 4))),
    // Platinum Jubilee: the spring bank holiday moved from Monday 30 May,
    // and a day added.
    ((2022, 6, 2), Some((5, 30))),
    ((2022, 6, 3), None),
    // The state funeral of Queen Elizabeth II.
    ((2022, 9, 19), None),
    // The Coronation of King Charles III.
    ((2023, 5, 8), None),
];

/// A calendar of working days.
#[derive(Debug, Clone)]
pub struct Calendar {
    region: Region,
    extra: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// The working days of `region`, with `extra` days off.
    pub fn new(region: Region, extra: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            region,
            extra: extra.into_iter().collect(),
        }
    }

    /// Whether `date` is a working day: a weekday, not a bank holiday, not
    /// an extra day off.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.extra.contains(&date)
            && !bank_holidays(self.region, date.year()).contains(&date)
    }

    /// The day `n` working days after `date` (`date` itself not counted),
    /// saturating at the end of the calendar.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.succ_opt() else {
                return NaiveDate::MAX;
            };
            day = next;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to`
    /// is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .fold(0, |n, _| n.saturating_add(1))
    }
}

/// The bank holidays of `region` in `year`, as observed (substitute days
/// included).
pub fn bank_holidays(region: Region, year: i32) -> BTreeSet<NaiveDate> {
    let mut out = BTreeSet::new();
    let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return out;
    };
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(jan1);
    if region == Region::Scotland {
        pair(&mut out, date(1, 1));
    } else {
        single(&mut out, date(1, 1));
    }
    if let Some(easter) = easter_sunday(year) {
        out.extend(easter.checked_sub_days(Days::new(2)));
        if region != Region::Scotland {
            out.extend(easter.succ_opt());
        }
    }
    if region == Region::NorthernIreland {
        single(&mut out, date(3, 17));
        single(&mut out, date(7, 12));
    }
    out.insert(nth_monday(year, 5, 1));
    out.insert(last_monday(year, 5));
    if region == Region::Scotland {
        out.insert(nth_monday(year, 8, 1));
        single(&mut out, date(11, 30));
    } else {
        out.insert(last_monday(year, 8));
    }
    pair(&mut out, date(12, 25));
    for ((y, m, d), moved_from) in ONE_OFF {
        if *y != year {
            continue;
        }
        if let Some((fm, fd)) = moved_from {
            out.remove(&date(*fm, *fd));
        }
        out.insert(date(*m, *d));
    }
    out
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A holiday that moves to the next Monday when it falls on a weekend.
fn single(out: &mut BTreeSet<NaiveDate>, day: NaiveDate) {
    let mut d = day;
    while is_weekend(d) {
        let Some(next) = d.succ_opt() else { return };
        d = next;
    }
    out.insert(d);
}

/// Two holidays on consecutive days (Christmas and Boxing Day; 1 and 2
/// January in Scotland): each on a weekend moves to the next weekday not
/// already a holiday.
fn pair(out: &mut BTreeSet<NaiveDate>, first: NaiveDate) {
    let mut taken: Vec<NaiveDate> = Vec::new();
    for day in [Some(first), first.succ_opt()].into_iter().flatten() {
        let mut d = day;
        while is_weekend(d) || taken.contains(&d) {
            let Some(next) = d.succ_opt() else { break };
            d = next;
        }
        taken.push(d);
    }
    out.extend(taken);
}

/// The `n`th Monday (from 1) of `month`.
fn nth_monday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n).unwrap_or(NaiveDate::MIN)
}

/// The last Monday of `month`.
fn last_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .unwrap_or_else(|| nth_monday(year, month, 4))
}

/// Easter Sunday of `year` (the anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests;
