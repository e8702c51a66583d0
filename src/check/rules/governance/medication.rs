//! Medication errors against the MAR, once MAR is kept
//! (`policy.medication.mar_from`, else the first MAR week): a
//! medication-error incident should match a MAR that shows the day, and a
//! dose the MAR records as not given for want of stock or for no stated
//! reason is a medication error that should be an incident.
//!
//! Omissions with a reason that is not an error (in hospital, away,
//! asleep as the plan allows, nausea, withheld on clinical advice) and
//! refusals (the `mar/repeated-refusal` rule's business) are not judged.

use crate::check::context::Context;
use crate::diag::{Code, Finding};
use crate::model::governance::incident::IncidentType;
use crate::model::mar::{MarOutcome, NotGivenReason};
use crate::model::values::Week;
use chrono::NaiveDate;

/// Days either side of a MAR omission an incident may be dated (the day
/// it was found, say).
const NEAR_DAYS: i64 = 1;

/// Adds the MAR cross-check findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(from) = cx.mar_from() else {
        return;
    };
    no_mar_entry(cx, from, out);
    unreported(cx, from, out);
}

/// Whether `person` has a medication-error incident within
/// [`NEAR_DAYS`] of `date`.
fn has_incident(cx: &Context, person: &str, date: NaiveDate) -> bool {
    cx.incidents.iter().any(|i| {
        i.record.kind == IncidentType::MedicationError
            && i.record.service_users.iter().any(|s| s.as_str() == person)
            && (i.record.occurred.0 - date).num_days().abs() <= NEAR_DAYS
    })
}

fn no_mar_entry(cx: &Context, from: NaiveDate, out: &mut Vec<Finding>) {
    for i in &cx.incidents {
        let r = i.record;
        let day = r.occurred.0;
        if r.kind != IncidentType::MedicationError || day < from || day >= cx.today {
            continue;
        }
        for person in &r.service_users {
            let week = Week::of(day);
            let recorded = cx.mars.iter().any(|m| {
                m.record.service_user == *person
                    && m.record.week == week
                    && (m.record.doses.iter().any(|d| d.date.0 == day)
                        || m.record.prn.iter().any(|d| d.date.0 == day))
            });
            if recorded {
                continue;
            }
            out.push(
                cx.finding(
                    Code::IncidentNoMarEntry,
                    i.entry,
                    "/occurred",
                    format!(
                        "{} is a medication error for {person} on {}, but {person}'s MAR holds \
                         no entry for that day",
                        r.id, r.occurred
                    ),
                )
                .help(format!(
                    "record what happened to each dose that day in the MAR (`mar/{person}/{week}.\
                     yaml`: the late or missed dose with its reason), or correct the incident's \
                     date or person"
                )),
            );
        }
    }
}

fn unreported(cx: &Context, from: NaiveDate, out: &mut Vec<Finding>) {
    for m in &cx.mars {
        let person = m.record.service_user.as_str();
        for (k, d) in m.record.doses.iter().enumerate() {
            let error = d.outcome == MarOutcome::NotGiven
                && matches!(
                    d.reason,
                    None | Some(NotGivenReason::Unavailable | NotGivenReason::Other)
                );
            if !error || d.date.0 < from || has_incident(cx, person, d.date.0) {
                continue;
            }
            let why = match d.reason {
                Some(NotGivenReason::Unavailable) => "not available",
                Some(_) => "another reason",
                None => "no reason given",
            };
            out.push(
                cx.finding(
                    Code::IncidentUnreportedMarError,
                    m.entry,
                    &format!("/doses/{k}/outcome"),
                    format!(
                        "the MAR records {}'s {} dose of {} on {} as not given ({why}), and no \
                         medication-error incident is recorded for {person}",
                        person, d.time, d.medicine, d.date
                    ),
                )
                .help(
                    "a missed dose for want of stock, or for no clinical reason, is a \
                     medication error: record it as an incident (`type: medication-error`) with \
                     the harm and what was done, or give the MAR entry its real reason",
                ),
            );
        }
    }
}
