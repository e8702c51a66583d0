//! `carebook export ical`: one iCalendar file per carer from a week's rota,
//! for the calendar on a carer's phone.
//!
//! Each visit is an event in Europe/London time with the service user's
//! preferred name, the address, the tasks and, on a double-up, the
//! co-worker. An event's UID is derived from the agency, the week, the
//! service user, the visit's label, its date and the carer, so exporting
//! the same week again (after a re-plan, say) gives the same UIDs and a
//! calendar that re-imports the file updates its events instead of adding
//! copies. DTSTAMP is when the rota was generated, so the same rota always
//! gives the same bytes.

use super::ics::{TZID, VTIMEZONE_LONDON, Writer};
use super::week::{PlannedVisit, WeekRota};
use crate::model::Carer;
use crate::model::service_user::ServiceUser;
use crate::model::values::Week;
use chrono::NaiveDate;

/// One carer's calendar for the week.
#[derive(Debug, Clone, PartialEq)]
pub struct CarerCalendar {
    /// The carer's id (the file is `<id>.ics`).
    pub carer_id: String,
    /// The carer's name.
    pub carer_name: String,
    /// How many visits it holds.
    pub events: usize,
    /// The iCalendar text.
    pub text: String,
}

/// The calendars of every carer with a visit in the rota, by carer id.
pub fn calendars(week: &WeekRota, agency: &str) -> Vec<CarerCalendar> {
    let by_carer = week.by_carer();
    let stamp = dtstamp(week);
    by_carer
        .into_values()
        .map(|(carer, mut visits)| {
            visits.sort_by(|a, b| {
                (a.visit.date, a.start, a.person.id.as_str(), &a.visit.label).cmp(&(
                    b.visit.date,
                    b.start,
                    b.person.id.as_str(),
                    &b.visit.label,
                ))
            });
            let mut w = Writer::new();
            w.raw("BEGIN", "VCALENDAR")
                .raw("VERSION", "2.0")
                .raw(
                    "PRODID",
                    &format!("-//carebook//carebook {}//EN", env!("CARGO_PKG_VERSION")),
                )
                .raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH")
                .text("X-WR-CALNAME", &format!("{agency}: {}", carer.name))
                .raw("X-WR-TIMEZONE", TZID)
                .lines(VTIMEZONE_LONDON);
            for v in &visits {
                event(&mut w, week.week, v, carer, &stamp, agency);
            }
            w.raw("END", "VCALENDAR");
            CarerCalendar {
                carer_id: carer.id.to_string(),
                carer_name: carer.name.clone(),
                events: visits.len(),
                text: w.finish(),
            }
        })
        .collect()
}

fn event(w: &mut Writer, week: Week, v: &PlannedVisit, carer: &Carer, stamp: &str, agency: &str) {
    let date = v.visit.date.0;
    let name = preferred_name(v.person);
    let others: Vec<&str> = v
        .carers
        .iter()
        .filter(|c| c.id != carer.id)
        .map(|c| c.name.as_str())
        .collect();
    let mut summary = format!("{name}: {}", v.visit.label);
    if !others.is_empty() {
        summary.push_str(&format!(" (with {})", others.join(" and ")));
    }
    let mut description = Vec::new();
    description.push(if v.tasks.is_empty() {
        "Tasks: see the care plan".to_owned()
    } else {
        format!("Tasks: {}", v.tasks.join(", "))
    });
    if !others.is_empty() {
        description.push(format!(
            "Double-up with {}: start together",
            others.join(" and ")
        ));
    }
    description.push(format!(
        "Visit: {} for {name} ({})",
        v.visit.label, v.person.id
    ));
    let uid = uid(
        agency,
        week,
        v.person.id.as_str(),
        &v.visit.label,
        date,
        carer.id.as_str(),
    );
    w.raw("BEGIN", "VEVENT")
        .text("UID", &uid)
        .raw("DTSTAMP", stamp)
        .raw(&format!("DTSTART;TZID={TZID}"), &local(date, v.start))
        .raw(&format!("DTEND;TZID={TZID}"), &local(date, v.end))
        .text("SUMMARY", &summary)
        .text("LOCATION", &address(v.person))
        .raw(
            "GEO",
            &format!("{:.6};{:.6}", v.person.location.lat, v.person.location.lon),
        )
        .text("DESCRIPTION", &description.join("\n"))
        .raw("CLASS", "PRIVATE")
        .raw("STATUS", "CONFIRMED")
        .raw("TRANSP", "OPAQUE")
        .raw("END", "VEVENT");
}

/// The name a service user goes by.
pub fn preferred_name(person: &ServiceUser) -> &str {
    person
        .preferred_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&person.name)
}

/// The address on one line.
pub fn address(person: &ServiceUser) -> String {
    let a = &person.address;
    let mut parts = vec![a.line1.as_str()];
    parts.extend(a.line2.as_deref());
    parts.push(&a.town);
    let postcode = a.postcode.to_string();
    let mut line = parts.join(", ");
    line.push_str(", ");
    line.push_str(&postcode);
    line
}

/// A local date-time, `20261130T074500`, of minutes after midnight of
/// `date` (past 1440: the next day).
fn local(date: NaiveDate, minutes: u32) -> String {
    let day = date
        .checked_add_days(chrono::Days::new(u64::from(minutes / 1440)))
        .unwrap_or(date);
    let m = minutes % 1440;
    format!("{}T{:02}{:02}00", day.format("%Y%m%d"), m / 60, m % 60)
}

/// When the rota was generated, in UTC; without a readable time, midnight
/// UTC of the week's Monday (stable either way).
fn dtstamp(week: &WeekRota) -> String {
    let generated = week
        .rota
        .generated
        .as_ref()
        .and_then(|g| chrono::DateTime::parse_from_rfc3339(&g.at).ok())
        .map(|t| t.with_timezone(&chrono::Utc).naive_utc());
    let at = generated.unwrap_or_else(|| week.week.monday().and_time(chrono::NaiveTime::MIN));
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The event's UID: readable parts, and a hash of the exact values so
/// that labels that read alike never share one. The agency is in the hash
/// so that a carer who works for two agencies keeps both agencies' visits.
pub fn uid(
    agency: &str,
    week: Week,
    service_user: &str,
    label: &str,
    date: NaiveDate,
    carer: &str,
) -> String {
    let key = [
        agency,
        &week.to_string(),
        service_user,
        label,
        &date.to_string(),
        carer,
    ]
    .join("\u{1f}");
    format!(
        "{}-{service_user}-{}-{carer}-{:016x}@carebook",
        date.format("%Y%m%d"),
        slug(label),
        fnv1a(key.as_bytes())
    )
}

/// Lower-case ASCII letters and digits, anything else a single `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(32).collect();
    if out.is_empty() {
        "visit".to_owned()
    } else {
        out
    }
}

/// 64-bit FNV-1a: small, stable across versions and platforms (unlike
/// the standard library's hasher, whose output may change).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_stable_and_distinct() {
        let week: Week = "2026-W49".parse().expect("week");
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        let a = uid("Agency", week, "SU-0001", "morning", date, "C-0001");
        assert_eq!(a, uid("Agency", week, "SU-0001", "morning", date, "C-0001"));
        assert!(a.starts_with("20261130-SU-0001-morning-C-0001-"), "{a}");
        assert!(a.ends_with("@carebook"));
        // Labels that slug alike, another carer, another agency: other UIDs.
        assert_ne!(
            a,
            uid("Agency", week, "SU-0001", "Morning!", date, "C-0001")
        );
        assert_ne!(a, uid("Agency", week, "SU-0001", "morning", date, "C-0002"));
        assert_ne!(a, uid("Other", week, "SU-0001", "morning", date, "C-0001"));
        assert_eq!(slug("  Tea; & drinks, "), "tea-drinks");
        assert_eq!(slug(";;"), "visit");
        // The FNV-1a test vector.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn local_times_roll_past_midnight() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        assert_eq!(local(date, 7 * 60 + 45), "20261231T074500");
        assert_eq!(local(date, 1440 + 30), "20270101T003000");
    }
}
