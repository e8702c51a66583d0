//! Rules about medication administration records (`kind: mar`): each entry
//! against the person's care plan and the carers (`entries`), doses with no
//! outcome (`gaps`), refusals with no escalation (`refusals`) and as-needed
//! doses against their protocol (`prn`).
//!
//! Gaps are judged only for days before today, from `policy.medication.
//! mar_from` (by default the Monday of the earliest MAR week in the
//! repository, so a repository without MAR, or before it started keeping
//! one, has no gaps).

mod entries;
mod gaps;
mod prn;
mod refusals;

use crate::check::context::{At, Context};
use crate::diag::Finding;
use crate::model::CarePlan;
use crate::model::care_plan::MedicationItem;
use crate::model::competence::Standing;
use chrono::NaiveDate;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    entries::check(cx, out);
    refusals::check(cx, out);
    prn::check(cx, out);
    gaps::check(cx, out);
}

/// The care plan of `service_user` in force on `date`.
fn plan_on<'a>(cx: &Context<'a>, service_user: &str, date: NaiveDate) -> Option<At<'a, CarePlan>> {
    cx.index.plan_on(service_user, date)
}

/// The medicine named `name` in `plan`.
fn medicine<'a>(plan: &At<'a, CarePlan>, name: &str) -> Option<&'a MedicationItem> {
    plan.record.medication.as_ref()?.item(name)
}

/// Minutes since the start of the calendar: orders doses across days.
fn stamp(date: NaiveDate, minutes: u32) -> i64 {
    use chrono::Datelike;
    i64::from(date.num_days_from_ce()) * 1440 + i64::from(minutes)
}

/// Where carer `id` stands with the skill `medication` on `date`, as the
/// rota engine gates it (`None` when the carer is unknown: `ref/unknown`
/// says so).
fn carer_skilled(cx: &Context, id: &str, date: NaiveDate) -> Option<Standing> {
    cx.carer(id)
        .map(|c| c.record.skill_on("medication", date, cx.policy))
}
