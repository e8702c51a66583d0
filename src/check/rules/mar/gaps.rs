//! Scheduled doses with no MAR outcome. Each dose a carer gives (by the
//! plan in force on the day) needs an entry on every day before today from
//! the day MAR started; doses the family or the person gives may be
//! recorded but need not be. Gaps are reported one finding per medicine
//! per week: at the week's MAR when there is one, else at the medicine in
//! the care plan.

use super::plan_on;
use crate::check::context::Context;
use crate::diag::{Code, Finding};
use crate::model::Kind;
use crate::model::care_plan::Giver;
use crate::model::mar::{mar_id, mar_path};
use crate::model::service_user::ServiceUserStatus;
use crate::model::values::{Time, Week};
use crate::wording::count;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

/// The longest history judged, in days (about ten years).
const MAX_DAYS: u64 = 3660;

/// Adds the gaps to `out`.
pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(start) = cx.mar_from() else {
        return;
    };
    let floor = cx
        .today
        .checked_sub_days(chrono::Days::new(MAX_DAYS))
        .unwrap_or(NaiveDate::MIN);
    let start = start.max(floor);
    let mut people: Vec<&str> = cx
        .care_plans
        .iter()
        .filter(|p| p.record.in_force())
        .map(|p| p.record.service_user.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    for su in people {
        if cx.has_broken(Kind::Mar, su)
            || cx
                .service_user(su)
                .is_some_and(|s| s.record.status == ServiceUserStatus::Ended)
        {
            continue;
        }
        person(cx, su, start, out);
    }
}

fn person(cx: &Context, su: &str, start: NaiveDate, out: &mut Vec<Finding>) {
    let mars = cx.person(su).mars;
    let recorded: HashSet<(NaiveDate, &str, Time)> = mars
        .iter()
        .flat_map(|m| m.record.doses.iter())
        .map(|d| (d.date.0, d.medicine.as_str(), d.time))
        .collect();
    // (week, item index) → the missing doses' dates and times.
    let mut missing: BTreeMap<(Week, usize), Vec<(NaiveDate, Time)>> = BTreeMap::new();
    let mut plan_of_item = None;
    let mut day = start;
    while day < cx.today {
        if let Some(plan) = plan_on(cx, su, day)
            && let Some(m) = &plan.record.medication
        {
            for (i, item) in m.items.iter().enumerate() {
                for dose in &item.times {
                    if m.giver(item, dose) == Giver::Carer
                        && !recorded.contains(&(day, item.name.as_str(), dose.time()))
                    {
                        missing
                            .entry((Week::of(day), i))
                            .or_default()
                            .push((day, dose.time()));
                        plan_of_item = Some(plan);
                    }
                }
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    let Some(plan) = plan_of_item else {
        return;
    };
    for ((week, i), doses) in missing {
        let Some(item) = plan.record.medication.as_ref().and_then(|m| m.items.get(i)) else {
            continue;
        };
        let shown: Vec<String> = doses
            .iter()
            .take(4)
            .map(|(d, t)| format!("{} {t}", d.format("%a %d %b")))
            .collect();
        let more = if doses.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        let file = mars.iter().find(|m| m.record.week == week);
        let what = format!(
            "{} of {} in {week} ha{} no MAR outcome ({}{more})",
            count(doses.len(), "dose", "doses"),
            item.name,
            if doses.len() == 1 { "s" } else { "ve" },
            shown.join(", ")
        );
        let f = match file {
            Some(m) => cx
                .finding(Code::MarGap, m.entry, "/week", what)
                .help(format!(
                    "record each dose's outcome (given, refused, not-given with a reason, \
                     given-by-family, self-administered) under `doses:` in {}",
                    cx.repo.files[m.entry.file].path
                )),
            None => cx
                .finding(
                    Code::MarGap,
                    plan.entry,
                    &format!("/medication/items/{i}/name"),
                    format!("{what}: there is no MAR for {su} in {week}"),
                )
                .help(format!(
                    "record the week's doses in `{}` (`id: {}`), or import them with \
                     `carebook import mar`",
                    mar_path(su, week),
                    mar_id(su, week)
                )),
        };
        out.push(f);
    }
}
