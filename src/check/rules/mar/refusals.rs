//! A medicine refused again and again with no one told: after
//! `policy.medication.refusals_to_escalate` refusals of one medicine within
//! 7 days, one of them must record an `escalation` (to the office, the GP
//! or the pharmacist), as NICE SC1 expects of a refused medicine.

use super::stamp;
use crate::check::context::{At, Context};
use crate::diag::{Code, Finding};
use crate::model::Mar;
use crate::model::mar::{MarDose, MarOutcome};
use std::collections::BTreeMap;

/// One refusal and where it is recorded.
struct Refusal<'a> {
    mar: At<'a, Mar>,
    index: usize,
    dose: &'a MarDose,
    at: i64,
}

/// Adds the repeated refusals with no escalation to `out`.
pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let need = cx.policy.medication.refusals_to_escalate.max(1) as usize;
    let mut by_medicine: BTreeMap<(&str, &str), Vec<Refusal>> = BTreeMap::new();
    for mar in &cx.mars {
        for (index, dose) in mar.record.doses.iter().enumerate() {
            if dose.outcome == MarOutcome::Refused {
                by_medicine
                    .entry((mar.record.service_user.as_str(), dose.medicine.as_str()))
                    .or_default()
                    .push(Refusal {
                        mar: *mar,
                        index,
                        dose,
                        at: stamp(dose.date.0, dose.time.minutes()),
                    });
            }
        }
    }
    for ((su, medicine), mut list) in by_medicine {
        list.sort_by_key(|r| r.at);
        let mut from = 0;
        let mut k = 0;
        while k < list.len() {
            while list[k].at - list[from].at >= 7 * 1440 {
                from += 1;
            }
            let run = &list[from..=k];
            if list[k].dose.escalation.is_some() {
                // Escalated: this refusal and those before it are dealt with.
                from = k + 1;
            } else if run.len() >= need && run.iter().all(|r| r.dose.escalation.is_none()) {
                let last = &list[k];
                let dates: Vec<String> = run
                    .iter()
                    .map(|r| format!("{} {}", r.dose.date, r.dose.time))
                    .collect();
                let mut f = cx
                    .finding(
                        Code::MarRepeatedRefusal,
                        last.mar.entry,
                        &format!("/doses/{}/outcome", last.index),
                        format!(
                            "{su} refused {medicine} {} times within 7 days ({}) and no one was told",
                            run.len(),
                            dates.join(", ")
                        ),
                    )
                    .help(
                        "tell the office and the GP or pharmacist, then record it on the refusal: \
                         `escalation: {to: GP, date: YYYY-MM-DD, note: what was advised}`",
                    );
                for r in &run[..run.len() - 1] {
                    f = f.related(
                        cx.site(r.mar.entry, &format!("/doses/{}", r.index)),
                        "refused here",
                    );
                }
                out.push(f);
                from = k + 1;
            }
            k += 1;
        }
    }
}
