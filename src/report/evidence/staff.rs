//! Evidence about the staff: DBS, right to work, references, training
//! (all courses, or one), supervision and appraisal, staffing.

use super::{Scope, Shown, info, share_of_all};
use crate::check::context::add_months;
use crate::model::Carer;
use crate::model::carer::CarerStatus;
use crate::report::{Session, text};
use chrono::NaiveDate;

/// The keys of this family (and `course:<name>`).
pub(super) const KEYS: &[&str] = &[
    "dbs",
    "right-to-work",
    "references",
    "training",
    "supervision",
    "staffing",
];

/// The day the DBS Update Service began: no certificate issued before it
/// can be on it.
fn update_service_began() -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 6, 17).unwrap_or(NaiveDate::MIN)
}

/// Whether `c` has `course` in date on `today`.
fn in_date(c: &Carer, course: &str, months: u32, today: NaiveDate) -> bool {
    c.training
        .iter()
        .filter(|t| t.course == course)
        .map(|t| t.completed.0)
        .max()
        .is_some_and(|d| months == 0 || add_months(d, months) >= today)
}

/// The evidence of `key`, when it is about staff.
pub(super) fn compute(s: &Session, scope: &Scope, key: &str) -> Option<Shown> {
    let today = s.options.today;
    let policy = s.records.policy;
    let staff = &scope.staff;
    let n = staff.len();
    if let Some(course) = key.strip_prefix("course:") {
        let months = policy.mandatory_training.get(course).copied().unwrap_or(0);
        let ok = staff
            .iter()
            .filter(|c| in_date(c, course, months, today))
            .count();
        let label = text::course(course);
        let value = format!("{ok} of {n} carers have {label} training in date");
        return Some(share_of_all(ok, n, &label, value));
    }
    let shown = match key {
        "dbs" => {
            let years = policy.dbs_renewal_years.saturating_mul(12);
            let ok = staff
                .iter()
                .filter_map(|c| c.checks.dbs.as_ref())
                .filter(|d| {
                    (d.update_service && d.issued.0 >= update_service_began())
                        || add_months(d.issued.0, years) >= today
                })
                .count();
            share_of_all(
                ok,
                n,
                "DBS checks",
                format!(
                    "{ok} of {n} carers have a DBS certificate within the agency's {} years, or \
                     on the Update Service",
                    policy.dbs_renewal_years
                ),
            )
        }
        "right-to-work" => {
            let ok = staff
                .iter()
                .filter_map(|c| c.checks.right_to_work.as_ref())
                .filter(|w| w.expires.is_none_or(|e| e.0 >= today))
                .count();
            let value = format!("{ok} of {n} carers have a current right-to-work check");
            share_of_all(ok, n, "Right to work", value)
        }
        "references" => {
            let ok = staff
                .iter()
                .filter(|c| {
                    c.checks
                        .references
                        .as_ref()
                        .is_some_and(|r| r.received() >= 2)
                })
                .count();
            share_of_all(
                ok,
                n,
                "References",
                format!("{ok} of {n} carers have two references on file"),
            )
        }
        "training" => {
            // Each carer's courses are those of their role.
            let total = staff
                .iter()
                .map(|c| policy.courses_for(c.role).count())
                .sum();
            let done = staff
                .iter()
                .map(|c| {
                    policy
                        .courses_for(c.role)
                        .filter(|(course, months)| in_date(c, course, *months, today))
                        .count()
                })
                .sum();
            let value = format!("{done} of {total} mandatory courses in date across {n} carers");
            share_of_all(done, total, "Mandatory training", value)
        }
        "supervision" => {
            let on_time = |last: Option<NaiveDate>, start: NaiveDate, months: u32| {
                months == 0 || add_months(last.unwrap_or(start), months) >= today
            };
            let sup = staff
                .iter()
                .filter(|c| {
                    let last = c.supervisions.iter().map(|d| d.0).max();
                    on_time(last, c.start_date.0, policy.supervision_interval_months)
                })
                .count();
            let app = staff
                .iter()
                .filter(|c| {
                    let last = c.appraisal.map(|d| d.0);
                    on_time(last, c.start_date.0, policy.appraisal_interval_months)
                })
                .count();
            let value = format!("{sup} of {n} carers supervised on time; {app} appraised on time");
            share_of_all(sup.min(app), n, "Supervision and appraisal", value)
        }
        "staffing" => {
            let contracted: f64 = staff.iter().filter_map(|c| c.contracted_hours).sum();
            let working = staff
                .iter()
                .filter(|c| c.status == CarerStatus::Active)
                .count();
            info(
                "Staffing",
                format!(
                    "{n} carers employed ({working} active), {} contracted hours a week",
                    text::hours(contracted)
                ),
            )
        }
        _ => return None,
    };
    Some(shown)
}
