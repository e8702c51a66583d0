//! Evidence about how care is delivered and recorded: visits planned,
//! the rota and continuity of carers, the records' quality, the audit
//! trail.

use super::{Scope, Shown, Sufficiency, absent, info, share_of_all};
use crate::model::values::Day;
use crate::model::values::Week;
use crate::report::compliance::area_of;
use crate::report::records::RotaFile;
use crate::report::{Session, text};

/// The keys of this family.
pub(super) const KEYS: &[&str] = &[
    "visit-coverage",
    "rota-coverage",
    "continuity",
    "records-quality",
    "audit-trail",
];

/// The rota of this week, else the next; else why not.
fn rota<'a>(s: &Session<'a>) -> Result<RotaFile<'a>, String> {
    let this = Week::of(s.options.today);
    s.records
        .rota(this)
        .or_else(|| s.records.rota(this.next()))
        .ok_or_else(|| format!("No rota for {this} or the week after"))
}

/// The evidence of `key`, when it is about delivery and records.
pub(super) fn compute(s: &Session, scope: &Scope, key: &str) -> Option<Shown> {
    let r = &s.records;
    let shown = match key {
        "visit-coverage" => {
            let week = Week::of(s.options.today);
            let mut visits = 0;
            for u in &scope.active {
                for d in 0..7 {
                    let date = week.day(d);
                    let day = Day::of(date);
                    for v in r.index.rules_in_force(u.id.as_str(), date) {
                        visits += v
                            .record
                            .visits
                            .iter()
                            .filter(|x| x.days.includes(day))
                            .count();
                    }
                }
            }
            let n = scope.active.len();
            let planned = scope
                .active
                .iter()
                .filter(|u| !r.rules_of(u.id.as_str()).is_empty())
                .count();
            let value =
                format!("{planned} of {n} people have visit rules: {visits} visits this week");
            share_of_all(planned, n, "Visits planned", value)
        }
        "rota-coverage" => match rota(s) {
            Ok(rf) => {
                let planned = rf.rota.visits.len();
                let open = rf.rota.unassigned.len();
                let value = format!(
                    "{}: {planned} visits have carers, {open} unassigned",
                    rf.rota.week
                );
                share_of_all(planned, planned + open, "Rota", value)
            }
            Err(why) => absent("Rota", why),
        },
        "continuity" => match rota(s) {
            Ok(rf) => {
                let (avg, most) = crate::rota::compare::carers_per_person(rf.rota);
                let value = format!(
                    "{}: {} different carers per person on average, {most} at most",
                    rf.rota.week,
                    text::hours(avg)
                );
                info("Continuity of carers", value)
            }
            Err(why) => absent("Continuity of carers", why),
        },
        "records-quality" => {
            let sum = &r.check.summary;
            let broken = r
                .check
                .findings
                .iter()
                .filter(|f| area_of(f.code) == "records")
                .count();
            let value = format!(
                "{} files, {} records; {broken} format or reference problems",
                sum.files, sum.records
            );
            let sufficiency = match (sum.files, broken) {
                (0, _) => Sufficiency::Absent,
                (_, 0) => Sufficiency::Sufficient,
                _ => Sufficiency::Partial,
            };
            Shown {
                label: "Records".to_owned(),
                value,
                sufficiency,
            }
        }
        "audit-trail" => {
            let outcome = s.audit();
            match &outcome.audit {
                Some(a) => {
                    let last = a.commits.last().map_or_else(
                        || "never".to_owned(),
                        |c| text::date(c.commit.time.date_naive()),
                    );
                    let value = format!(
                        "{} commits changed the records, the last on {last}; {} errors and {} \
                         warnings in the history",
                        a.commits.len(),
                        a.summary.errors,
                        a.summary.warnings
                    );
                    let clean = usize::from(a.summary.errors == 0);
                    share_of_all(
                        clean,
                        usize::from(!a.commits.is_empty()),
                        "Audit trail",
                        value,
                    )
                }
                None => absent("Audit trail", outcome.note.clone()),
            }
        }
        _ => return None,
    };
    Some(shown)
}
