//! A person's medication administration records: one file per ISO week
//! (`mar/<SU>/<YYYY-Www>.yaml`) for the weeks before "today", each dose of
//! each medicine in their plan given by a carer with the medication skill
//! a few minutes after its time; now and then one refused, with an
//! escalation, so the charts are not uniform. With faults on, a share of
//! weeks loses one dose (`mar/gap`).

use super::Faults;
use super::rng::{Date, Rng};
use super::yaml::clock;

/// The ISO week of `d`, `2026-W47`, and its Monday.
fn iso_week(d: Date) -> (String, Date) {
    let monday = d.days(-d.weekday());
    let thursday = monday.days(3);
    let year = thursday.parts().0;
    let week = (thursday.0 - Date::ymd(year, 1, 1).0) / 7 + 1;
    (format!("{year:04}-W{week:02}"), monday)
}

/// One person's MAR.
pub struct Person<'a> {
    pub seed: u64,
    pub index: u64,
    pub id: &'a str,
    /// Each medicine and its dose times (minutes since midnight).
    pub medicines: &'a [(&'static str, Vec<u32>)],
    /// The first day of care, from which doses are recorded.
    pub from: Date,
    /// The day the plan took effect: `check` judges gaps from then on, so
    /// a deliberate gap (`mar/gap`) falls on or after it.
    pub plan_from: Date,
    /// Carers who may give the doses (with the medication skill).
    pub carers: &'a [String],
    /// Why doses of the last two weeks were not given (`hospital`,
    /// `away`), for a person in hospital or whose care is paused.
    pub away: Option<&'static str>,
}

/// The files of `p`'s MAR for the `weeks` weeks before `today`'s week and
/// the days of this week before `today`; and how many doses they hold.
pub fn files(
    p: &Person,
    weeks: usize,
    today: Date,
    faults: &mut Faults,
) -> (Vec<(String, String)>, u64) {
    let mut out = Vec::new();
    let mut doses = 0;
    if p.medicines.is_empty() || p.carers.is_empty() || weeks == 0 {
        return (out, doses);
    }
    let mut r = Rng::stream(p.seed, 7, p.index);
    let (_, this_monday) = iso_week(today);
    let mut monday = this_monday.days(-7 * weeks as i64);
    while monday < today {
        let (week, _) = iso_week(monday);
        let mut lines: Vec<String> = Vec::new();
        // The first line on a day under the plan.
        let mut judged: Option<usize> = None;
        for d in 0..7 {
            let day = monday.days(d);
            if day < p.from || day >= today {
                continue;
            }
            if day >= p.plan_from && judged.is_none() {
                judged = Some(lines.len());
            }
            for (name, times) in p.medicines {
                for &t in times.iter() {
                    let carer = &p.carers[(day.0 as usize + t as usize / 60) % p.carers.len()];
                    let given = (t + r.below(20) as u32).min(23 * 60 + 59);
                    if let Some(reason) = p.away.filter(|_| day.0 >= today.0 - 14) {
                        lines.push(format!(
                            "  - {{date: {day}, time: \"{}\", medicine: {name}, outcome: not-given, reason: {reason}}}",
                            clock(t)
                        ));
                    } else if r.chance(0.002) {
                        lines.push(format!(
                            "  - {{date: {day}, time: \"{}\", medicine: {name}, outcome: refused, given_at: \"{}\", carer: {carer}, note: Said no today., escalation: {{to: office, date: {day}}}}}",
                            clock(t),
                            clock(given)
                        ));
                    } else {
                        lines.push(format!(
                            "  - {{date: {day}, time: \"{}\", medicine: {name}, outcome: given, given_at: \"{}\", carer: {carer}}}",
                            clock(t),
                            clock(given)
                        ));
                    }
                }
            }
        }
        if let Some(k) = judged.filter(|k| *k < lines.len())
            && faults.pick(&mut r, &["mar/gap"]).is_some()
        {
            lines.remove(k + r.below(lines.len() - k));
        }
        if !lines.is_empty() {
            doses += lines.len() as u64;
            let text = format!(
                "# Synthetic MAR written by carebook-gen (seed {}).\nkind: mar\nid: mar-{}-{week}\nservice_user: {}\nweek: {week}\ndoses:\n{}\n",
                p.seed,
                p.id,
                p.id,
                lines.join("\n")
            );
            out.push((format!("mar/{}/{week}.yaml", p.id), text));
        }
        monday = monday.days(7);
    }
    (out, doses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_match_the_calendar() {
        assert_eq!(iso_week(Date::ymd(2026, 11, 23)).0, "2026-W48");
        assert_eq!(iso_week(Date::ymd(2026, 11, 22)).0, "2026-W47");
        assert_eq!(iso_week(Date::ymd(2021, 1, 3)).0, "2020-W53");
        assert_eq!(iso_week(Date::ymd(2024, 12, 30)).0, "2025-W01");
    }
}
