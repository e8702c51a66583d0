//! Medicines in the plan against the visits that deliver them (NICE NG67),
//! before any MAR exists: a dose a carer gives needs a visit at its time
//! (`medication/dose-not-covered`), and a time-critical dose needs a visit
//! whose window, plus the lateness the rota allows, stays within the
//! minutes the dose allows (`medication/window-too-wide`).
//!
//! A visit covers a dose on a day it runs when it may be in the house
//! within the dose's tolerance: from the window's start to its end plus the
//! visit's length, against the dose time plus or minus
//! `allowed_minutes` (time-critical) or `dose_window_minutes` (any other).

use crate::check::context::{At, Context};
use crate::diag::{Code, Finding};
use crate::index::RuleVisit;
use crate::model::care_plan::{DoseTime, Giver, MedicationItem};
use crate::model::values::Day;
use crate::model::{CarePlan, Kind, VisitRules};

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for plan in cx.care_plans.iter().filter(|p| p.record.in_force()) {
        let Some(m) = &plan.record.medication else {
            continue;
        };
        let su = plan.record.service_user.as_str();
        if cx.has_broken(Kind::VisitRules, su) {
            continue;
        }
        let rules: Vec<At<VisitRules>> = cx.rules_from(su, cx.today).collect();
        // With no visit rules at all, `service-user/no-visit-rules` says so.
        if rules.is_empty() {
            continue;
        }
        let visits: Vec<RuleVisit> = rules
            .iter()
            .flat_map(|r| {
                r.record
                    .visits
                    .iter()
                    .enumerate()
                    .map(|(index, visit)| RuleVisit {
                        rules: *r,
                        visit,
                        index,
                    })
            })
            .collect();
        for (i, item) in m.items.iter().enumerate() {
            for (j, dose) in item.times.iter().enumerate() {
                if m.giver(item, dose) != Giver::Carer {
                    continue;
                }
                let at = Dose {
                    plan: *plan,
                    item,
                    i,
                    j,
                    dose,
                };
                dose_covered(cx, &at, &visits, out);
            }
        }
    }
}

/// One scheduled dose of a plan, with its place in the record.
struct Dose<'a> {
    plan: At<'a, CarePlan>,
    item: &'a MedicationItem,
    i: usize,
    j: usize,
    dose: &'a DoseTime,
}

impl Dose<'_> {
    fn pointer(&self) -> String {
        format!("/medication/items/{}/times/{}", self.i, self.j)
    }
}

/// Whether `v` may be in the house within `tol` minutes of `t`.
fn covers(v: &RuleVisit, t: u32, tol: u32) -> bool {
    let w = v.visit.window;
    let from = w.start.minutes();
    let to = w.end.minutes() + v.visit.duration.minutes();
    from <= t + tol && t.saturating_sub(tol) <= to
}

fn dose_covered(cx: &Context, d: &Dose, visits: &[RuleVisit], out: &mut Vec<Finding>) {
    let t = d.dose.time().minutes();
    let tol = d.item.tolerance(&cx.policy.medication);
    let uncovered: Vec<Day> = Day::ALL
        .into_iter()
        .filter(|day| {
            !visits
                .iter()
                .any(|v| v.visit.days.includes(*day) && covers(v, t, tol))
        })
        .collect();
    let critical = if d.item.time_critical {
        "time-critical "
    } else {
        ""
    };
    if !uncovered.is_empty() {
        let when = if uncovered.len() == 7 {
            "on any day".to_owned()
        } else {
            let names: Vec<&str> = uncovered.iter().map(|d| d.title()).collect();
            format!("on {}", names.join(", "))
        };
        let ids: Vec<&str> = {
            let mut v: Vec<&str> = visits.iter().map(|v| v.rules.record.id.as_str()).collect();
            v.dedup();
            v
        };
        let mut f = cx
            .finding(
                Code::MedicationDoseNotCovered,
                d.plan.entry,
                &d.pointer(),
                format!(
                    "the {critical}dose of {} at {} is given by a carer, but no visit in {} is \
                     there within {tol} minutes of it {when}",
                    d.item.name,
                    d.dose,
                    ids.join(", ")
                ),
            )
            .help(format!(
                "add a visit whose window covers {} to the visit rules, or, when someone else \
                 gives this dose, record who: `{{time: \"{}\", given_by: family, note: ...}}` \
                 (or `person`)",
                d.dose, d.dose
            ));
        if let Some(v) = visits.first() {
            f = f.related(
                cx.site(v.rules.entry, "/visits"),
                format!("the visits of {}", v.rules.record.id),
            );
        }
        out.push(f);
        return;
    }
    if !d.item.time_critical {
        return;
    }
    window_too_wide(cx, d, visits, t, tol, out);
}

/// A time-critical dose is judged against each visit that covers it: the
/// visit may start anywhere from its window's start to its end plus the
/// rota's `max_late_minutes`, and the dose is given as it starts.
fn window_too_wide(
    cx: &Context,
    d: &Dose,
    visits: &[RuleVisit],
    t: u32,
    tol: u32,
    out: &mut Vec<Finding>,
) {
    let late = cx.policy.rota.max_late_minutes;
    for v in visits.iter().filter(|v| covers(v, t, tol)) {
        let w = v.visit.window;
        let earliest = w.start.minutes();
        let latest = w.end.minutes() + late;
        let (lo, hi) = (t.saturating_sub(tol), t + tol);
        if earliest >= lo && latest <= hi {
            continue;
        }
        let fit_start = lo;
        let fit_end = hi.saturating_sub(late);
        let help = if fit_end > fit_start {
            format!(
                "set the window to `{}-{}` so that, even {late} minutes late, the carer \
                 arrives by {}",
                hm(fit_start),
                hm(fit_end),
                hm(hi)
            )
        } else {
            format!(
                "the rota's {late} minutes' lateness is wider than the dose allows: narrow the \
                 window to start at {} and lower `policy.rota.max_late_minutes`, or raise the \
                 medicine's `allowed_minutes` if the prescriber agrees",
                hm(fit_start)
            )
        };
        out.push(
            cx.finding(
                Code::MedicationWindowTooWide,
                v.rules.entry,
                &format!("/visits/{}/window", v.index),
                format!(
                    "the `{}` visit may start from {} to {} (its window {w} plus {late} minutes' \
                     allowed lateness), but the time-critical dose of {} at {} must be given \
                     between {} and {}",
                    v.visit.label,
                    hm(earliest),
                    hm(latest),
                    d.item.name,
                    d.dose,
                    hm(lo),
                    hm(hi)
                ),
            )
            .help(help)
            .related(
                cx.site(d.plan.entry, &d.pointer()),
                format!("the dose of {} at {}", d.item.name, d.dose),
            ),
        );
    }
}

/// Minutes since midnight as `HH:MM` (past midnight wraps).
pub(crate) fn hm(minutes: u32) -> String {
    let m = minutes % 1440;
    format!("{:02}:{:02}", m / 60, m % 60)
}
