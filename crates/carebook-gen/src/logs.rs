//! Visit logs (care delivered) for benchmarks: one file per person per ISO
//! week, `logs/<SU>/<week>.yaml`, as `carebook import visits` writes them,
//! for every visit of the person's rules on the days logged. Arrivals
//! fall inside the window, a few a few minutes after it (inside the
//! default 15-minute tolerance); stays are at least 85% of the duration;
//! about one visit in a hundred is cancelled by the person, with a reason.
//! The logs are clean on the agency's "today".

use super::rng::{Date, Rng};
use super::visits::Visit;
use super::yaml::{clock, quote};
use std::fmt::Write as _;

const NOTES: &[&str] = &[
    "In good spirits; ate well.",
    "Tired today; encouraged fluids.",
    "Skin intact, cream applied.",
    "Family visiting when we arrived.",
    "Asked about next week's visits; rota read through with them.",
];

const CANCELLED: &[&str] = &[
    "Out with family for the day; phoned the office the day before.",
    "At a hospital appointment.",
    "Day centre trip ran late; the person asked us not to come.",
];

/// The ISO week of `d`, `2026-W47`.
pub fn iso_week(d: Date) -> String {
    let thursday = d.days(3 - d.weekday());
    let (year, _, _) = thursday.parts();
    let week = (thursday.0 - Date::ymd(year, 1, 1).0) / 7 + 1;
    format!("{year:04}-W{week:02}")
}

/// Whether a visit whose `days` are as written runs on weekday `wd`
/// (Monday 0).
fn runs_on(days: &str, wd: i64) -> bool {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    match days {
        "daily" => true,
        "weekdays" => wd < 5,
        "weekends" => wd >= 5,
        list => NAMES
            .get(usize::try_from(wd).unwrap_or(0))
            .is_some_and(|n| list.contains(n)),
    }
}

/// Visit log files of `su` for the days `from..today` (today excluded),
/// with carers from `team` (each fit for every visit): `(path, text)`.
/// Empty when the team is too small for a double-up.
pub fn person(
    r: &mut Rng,
    su: &str,
    visits: &[Visit],
    team: &[&str],
    from: Date,
    today: Date,
) -> Vec<(String, String)> {
    let needed = visits.iter().map(|v| v.carers as usize).max().unwrap_or(1);
    if team.len() < needed || from >= today {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut day = from;
    let mut week = iso_week(day);
    let mut text = header(su, &week);
    while day < today {
        let w = iso_week(day);
        if w != week {
            files.push((format!("logs/{su}/{week}.yaml"), std::mem::take(&mut text)));
            week = w;
            text = header(su, &week);
        }
        for v in visits.iter().filter(|v| runs_on(&v.days, day.weekday())) {
            entry(r, &mut text, day, v, team);
        }
        day = day.days(1);
    }
    files.push((format!("logs/{su}/{week}.yaml"), text));
    // A week with no visit at all (a visit on one weekday only, cut by the
    // start) has no `- ` item: drop it.
    files.retain(|(_, t)| t.contains("  - date:"));
    files
}

fn header(su: &str, week: &str) -> String {
    format!(
        "# Synthetic visit log written by carebook-gen.\nkind: visit-log\nid: log-{su}-{week}\nservice_user: {su}\nweek: {week}\nvisits:\n"
    )
}

fn entry(r: &mut Rng, out: &mut String, day: Date, v: &Visit, team: &[&str]) {
    let _ = writeln!(out, "  - date: {day}\n    label: {}", v.label);
    if r.chance(0.01) {
        let _ = writeln!(
            out,
            "    outcome: cancelled-by-person\n    reason: {}",
            quote(r.pick::<&str>(CANCELLED))
        );
        return;
    }
    let first = r.below(team.len());
    let carers: Vec<&str> = (0..v.carers as usize)
        .map(|k| team[(first + k) % team.len()])
        .collect();
    let width = v.end.saturating_sub(v.start);
    let arrived = if r.chance(0.03) {
        // A few minutes after the window: inside the default tolerance.
        v.end + u32::try_from(r.range(1, 12)).unwrap_or(1)
    } else {
        v.start + u32::try_from(r.range(0, i64::from(width))).unwrap_or(0)
    };
    let stay =
        v.minutes * 85 / 100 + u32::try_from(r.range(0, i64::from(v.minutes / 5))).unwrap_or(0);
    let mut stay = stay.max(1);
    if arrived + v.minutes < 1440 && arrived + stay >= 1440 {
        stay = 1439 - arrived;
    }
    let departed = (arrived + stay) % 1440;
    let _ = writeln!(
        out,
        "    outcome: completed\n    carers: [{}]\n    arrived: \"{}\"\n    departed: \"{}\"",
        carers.join(", "),
        clock(arrived % 1440),
        clock(departed)
    );
    if !v.tasks.is_empty() {
        let tasks: Vec<String> = v.tasks.iter().map(|t| quote(t)).collect();
        let _ = writeln!(out, "    tasks_done: [{}]", tasks.join(", "));
    }
    if r.chance(0.3) {
        let _ = writeln!(out, "    notes: {}", quote(r.pick::<&str>(NOTES)));
    }
}
