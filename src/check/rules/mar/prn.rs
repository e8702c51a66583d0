//! As-needed (PRN) doses against their protocol in the care plan: the
//! medicine has one (`prn:`), no more than `max_doses_24h` fall in any 24
//! hours, and none comes sooner than `min_gap` after the one before.

use super::{medicine, plan_on, stamp};
use crate::check::context::{At, Context};
use crate::diag::{Code, Finding};
use crate::model::Mar;
use crate::model::mar::PrnDose;
use std::collections::BTreeMap;

/// One as-needed dose and where it is recorded.
struct Given<'a> {
    mar: At<'a, Mar>,
    index: usize,
    dose: &'a PrnDose,
    at: i64,
}

/// Adds the findings about as-needed doses to `out`.
pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut by_medicine: BTreeMap<(&str, &str), Vec<Given>> = BTreeMap::new();
    for mar in &cx.mars {
        let su = mar.record.service_user.as_str();
        for (index, dose) in mar.record.prn.iter().enumerate() {
            let pointer = format!("/prn/{index}/medicine");
            let Some(plan) = plan_on(cx, su, dose.date.0) else {
                continue;
            };
            let item = medicine(&plan, &dose.medicine);
            if item.is_some_and(|i| i.prn.is_some()) {
                by_medicine
                    .entry((su, dose.medicine.as_str()))
                    .or_default()
                    .push(Given {
                        mar: *mar,
                        index,
                        dose,
                        at: stamp(dose.date.0, dose.given_at.minutes()),
                    });
                continue;
            }
            let (code, message) = match item {
                None => (
                    Code::MarUnknownMedicine,
                    format!(
                        "{} is not a medicine in the care plan {}",
                        dose.medicine, plan.record.id
                    ),
                ),
                Some(_) => (
                    Code::MarPrnNoProtocol,
                    format!(
                        "{} was given as needed, but the care plan {} has no PRN protocol for it",
                        dose.medicine, plan.record.id
                    ),
                ),
            };
            out.push(
                cx.finding(code, mar.entry, &pointer, message)
                    .help(
                        "as-needed medicines are given only under a protocol: add `prn: {reason, \
                         dose, max_doses_24h, min_gap}` to the medicine in the care plan, agreed \
                         with the prescriber",
                    )
                    .related(
                        cx.site(plan.entry, "/medication/items"),
                        "the plan's medicines",
                    ),
            );
        }
    }
    for ((su, name), mut list) in by_medicine {
        list.sort_by_key(|g| g.at);
        let Some(plan) = plan_on(cx, su, list[0].dose.date.0) else {
            continue;
        };
        let Some(prn) = medicine(&plan, name).and_then(|i| i.prn.as_ref()) else {
            continue;
        };
        let max = prn.max_doses_24h.max(1) as usize;
        let mut from = 0;
        let mut over_before = false;
        for k in 0..list.len() {
            while list[k].at - list[from].at >= 1440 {
                from += 1;
            }
            let g = &list[k];
            let here = format!("/prn/{}/given_at", g.index);
            let count = k + 1 - from;
            let over = count > max;
            let report = over && !over_before;
            over_before = over;
            if report {
                out.push(
                    cx.finding(
                        Code::MarPrnOverMax,
                        g.mar.entry,
                        &here,
                        format!(
                            "{count} doses of {name} in 24 hours up to {} {}; the protocol allows \
                             {max}",
                            g.dose.date, g.dose.given_at
                        ),
                    )
                    .help("report it as a medication error to the office and seek advice (GP, pharmacist or NHS 111)")
                    .related(cx.site(list[from].mar.entry, &format!("/prn/{}", list[from].index)), "the first of them"),
                );
                continue;
            }
            if let (Some(gap), Some(prev)) = (prn.min_gap, k.checked_sub(1).map(|p| &list[p]))
                && g.at - prev.at < i64::from(gap.minutes())
            {
                out.push(
                    cx.finding(
                        Code::MarPrnOverMax,
                        g.mar.entry,
                        &here,
                        format!(
                            "{name} was given at {} {}, {} minutes after the dose before; the \
                             protocol asks for at least {gap} between doses",
                            g.dose.date,
                            g.dose.given_at,
                            g.at - prev.at
                        ),
                    )
                    .help("report it as a medication error to the office and seek advice (GP, pharmacist or NHS 111)")
                    .related(cx.site(prev.mar.entry, &format!("/prn/{}", prev.index)), "the dose before"),
                );
            }
        }
    }
}
