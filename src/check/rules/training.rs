//! Mandatory training: each course of `policy.mandatory_training` the
//! carer's role needs (`policy.training_by_role`) completed and within its
//! refresh interval; the Care Certificate within `care_certificate_weeks`
//! of starting. A course name the policy does not know that is near a
//! mandatory one is pointed at as a likely typo.

use super::staff::{ago, ahead, interval_words, within};
use crate::check::context::{At, Context, add_days, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::diag::nearest;
use crate::model::carer::Carer;

/// Adds the training findings of carer `c`.
pub(super) fn check(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    for (course, months) in cx.policy.courses_for(r.role) {
        let latest = r
            .training
            .iter()
            .enumerate()
            .filter(|(_, t)| t.course == course)
            .max_by_key(|(_, t)| t.completed);
        let Some((i, done)) = latest else {
            if course == CARE_CERTIFICATE {
                care_certificate(cx, c, out);
            } else {
                out.push(missing_course(cx, c, course));
            }
            continue;
        };
        if months == 0 {
            continue;
        }
        let expires = add_months(done.completed.0, months);
        let pointer = format!("/training/{i}/completed");
        let every = interval_words(months);
        if expires < cx.today {
            out.push(
                cx.finding(
                    Code::TrainingExpired,
                    e,
                    &pointer,
                    format!(
                        "{}'s `{course}` training, completed {}, expired on {expires}, {}",
                        r.name,
                        done.completed,
                        ago(cx, expires)
                    ),
                )
                .help(format!(
                    "book a `{course}` refresher (due {every}) and record the new completion date"
                )),
            );
        } else if expires <= add_days(cx.today, cx.policy.expiring_soon_days) {
            out.push(
                cx.finding(
                    Code::TrainingExpiring,
                    e,
                    &pointer,
                    format!(
                        "{}'s `{course}` training, completed {}, expires on {expires}, {}",
                        r.name,
                        done.completed,
                        ahead(cx, expires)
                    ),
                )
                .help(format!(
                    "book a `{course}` refresher (due {every}) before {expires}"
                )),
            );
        }
    }
}

/// The course of the induction standards (the Care Certificate).
pub const CARE_CERTIFICATE: &str = "care-certificate";

/// A carer without the Care Certificate: due within the policy's weeks of
/// starting, so a new starter is still in time.
fn care_certificate(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let weeks = cx.policy.care_certificate_weeks;
    let due = add_days(r.start_date.0, weeks.saturating_mul(7));
    if due >= cx.today {
        return;
    }
    out.push(
        cx.finding(
            Code::TrainingCareCertificateLate,
            e,
            &within(e, "training"),
            format!(
                "{} started on {} and has not completed the Care Certificate, due within {weeks} \
                 weeks, by {due} ({})",
                r.name,
                r.start_date,
                ago(cx, due)
            ),
        )
        .help(format!(
            "complete the Care Certificate's standards with the carer (observed in practice) \
             and add `- {{course: {CARE_CERTIFICATE}, completed: YYYY-MM-DD}}` under \
             `training:`; the agency's policy allows {weeks} weeks (`care_certificate_weeks`)"
        )),
    );
}

/// `training/missing` for `course`; when the carer's training lists a
/// course the policy does not know whose name is near (`safeguarding` for
/// `safeguarding-adults`), the finding points at it as a likely typo.
fn missing_course(cx: &Context, c: At<Carer>, course: &str) -> Finding {
    let (e, r) = (c.entry, c.record);
    let message = format!(
        "{} has no record of the mandatory course `{course}`",
        r.name
    );
    let unknown = r
        .training
        .iter()
        .map(|t| t.course.as_str())
        .filter(|t| !cx.policy.mandatory_training.contains_key(*t));
    if let Some(near) = nearest(course, unknown)
        && let Some(k) = r.training.iter().position(|t| t.course == near)
    {
        return cx
            .finding(
                Code::TrainingMissing,
                e,
                &format!("/training/{k}/course"),
                message,
            )
            .help(format!(
                "the training lists `{near}`, which is not a course of the policy: if it is \
                 `{course}`, write `{course}` (course names must match \
                 policy.mandatory_training exactly)"
            ));
    }
    cx.finding(Code::TrainingMissing, e, &within(e, "training"), message)
        .help(format!(
            "book `{course}` and, once done, add `- {{course: {course}, completed: YYYY-MM-DD}}` \
             under `training:`"
        ))
}
