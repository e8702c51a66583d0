//! The week's cover: every visit the rules require is planned or listed as
//! unassigned, and `after` gaps between a person's visits of a day hold.

use super::{Planned, clock, day, span};
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::Rota;
use crate::model::service_user::ServiceUserStatus;
use crate::model::values::Day;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Adds the findings about `rota`'s cover of the week.
pub(super) fn check(cx: &Context, rota: At<Rota>, planned: &[Planned], out: &mut Vec<Finding>) {
    let mut by_key: HashMap<(&str, &str, NaiveDate), &Planned> = HashMap::new();
    for p in planned {
        by_key
            .entry((
                p.visit.service_user.as_str(),
                p.visit.label.as_str(),
                p.visit.date.0,
            ))
            .or_insert(p);
    }
    missing(cx, rota, &by_key, out);
    for p in planned {
        gap(cx, rota, p, &by_key, out);
    }
}

fn missing(
    cx: &Context,
    rota: At<Rota>,
    planned: &HashMap<(&str, &str, NaiveDate), &Planned>,
    out: &mut Vec<Finding>,
) {
    let r = rota.record;
    let unassigned: HashSet<(&str, &str, NaiveDate)> = r
        .unassigned
        .iter()
        .map(|u| (u.service_user.as_str(), u.label.as_str(), u.date.0))
        .collect();
    let monday = r.week.monday();
    let mut seen: HashSet<(&str, &str, NaiveDate)> = HashSet::new();
    for date in monday.iter_days().take(7) {
        let weekday = Day::of(date);
        for vr in &cx.visit_rules {
            let v = vr.record;
            let su = v.service_user.as_str();
            let Some(person) = cx.service_users.get(su) else {
                continue;
            };
            if person.record.status != ServiceUserStatus::Active || !v.valid_on(date) {
                continue;
            }
            for (k, visit) in v.visits.iter().enumerate() {
                if !visit.days.includes(weekday) {
                    continue;
                }
                let key = (su, visit.label.as_str(), date);
                if planned.contains_key(&key) || unassigned.contains(&key) || !seen.insert(key) {
                    continue;
                }
                out.push(
                    Finding::new(
                        Code::RotaMissingVisit,
                        cx.repo.key_site(rota.entry, "/visits"),
                        format!(
                            "{}'s `{}` visit on {} ({}) is neither in the rota nor unassigned",
                            person.record.name,
                            visit.label,
                            day(date),
                            visit.window
                        ),
                    )
                    .maybe_record(rota.entry.id.as_deref())
                    .help(
                        "plan it, or list it under `unassigned` with the reason; \
                         `carebook rota` re-plans the week",
                    )
                    .related(
                        cx.site(vr.entry, &format!("/visits/{k}")),
                        format!("the `{}` visit in {}", visit.label, v.id),
                    ),
                );
            }
        }
    }
}

fn gap(
    cx: &Context,
    rota: At<Rota>,
    p: &Planned,
    planned: &HashMap<(&str, &str, NaiveDate), &Planned>,
    out: &mut Vec<Finding>,
) {
    let Some(rule) = p.rule else { return };
    let Some(after) = &rule.visit.after else {
        return;
    };
    let key = (
        p.visit.service_user.as_str(),
        after.visit.as_str(),
        p.visit.date.0,
    );
    let Some(earlier) = planned.get(&key) else {
        return; // the earlier visit is not planned: nothing to measure from
    };
    let gap = i64::from(p.start) - i64::from(earlier.start);
    let min = i64::from(after.min_gap.minutes());
    let max = after.max_gap.map(|g| i64::from(g.minutes()));
    let broken = if gap < min {
        format!("the visit rules ask for at least {}", after.min_gap)
    } else if let Some(max) = max.filter(|m| gap > *m) {
        format!("the visit rules ask for at most {}", span(max))
    } else {
        return;
    };
    let when = if gap < 0 {
        format!("{} before", span(-gap))
    } else {
        format!("{} after", span(gap))
    };
    out.push(
        cx.finding(
            Code::RotaGap,
            rota.entry,
            &format!("/visits/{}/start", p.i),
            format!(
                "{} starts at {}, {when} the `{}` visit ({}); {broken}",
                p.describe(),
                clock(p.start),
                after.visit,
                clock(earlier.start)
            ),
        )
        .help("move one of the two visits so the gap between their starts fits the rule")
        .related(
            cx.site(rota.entry, &format!("/visits/{}/start", earlier.i)),
            format!("the `{}` visit", after.visit),
        )
        .related(
            cx.site(rule.rules.entry, &format!("/visits/{}/after", rule.index)),
            "the rule",
        ),
    );
}
