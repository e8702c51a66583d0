//! Repeated falls: `falls_threshold` falls of one person within
//! `falls_window_days` call for a review of their falls risk; a care plan
//! with a falls risk reviewed on or after the latest fall answers it.

use crate::check::context::{At, Context};
use crate::diag::{Code, Finding};
use crate::model::governance::Incident;
use crate::model::governance::incident::IncidentType;
use std::collections::BTreeMap;

/// Adds the repeated-falls findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let policy = &cx.policy.governance;
    let mut by_person: BTreeMap<&str, Vec<At<Incident>>> = BTreeMap::new();
    for i in cx
        .incidents
        .iter()
        .filter(|i| i.record.kind == IncidentType::Fall)
    {
        for su in &i.record.service_users {
            by_person.entry(su.as_str()).or_default().push(*i);
        }
    }
    for (person, mut falls) in by_person {
        falls.sort_by_key(|i| i.record.occurred);
        let Some(latest) = falls.last().copied() else {
            continue;
        };
        let last = latest.record.occurred.0;
        let window = i64::from(policy.falls_window_days);
        let recent: Vec<At<Incident>> = falls
            .iter()
            .copied()
            .filter(|i| (last - i.record.occurred.0).num_days() < window)
            .collect();
        if recent.len() < policy.falls_threshold as usize {
            continue;
        }
        let reviewed = cx.plans_of(person).iter().any(|p| {
            p.record
                .risks
                .iter()
                .any(|r| r.risk.to_ascii_lowercase().contains("fall") && r.reviewed_on.0 >= last)
        });
        if reviewed {
            continue;
        }
        let name = cx.service_user(person).map_or(person.to_owned(), |s| {
            format!("{} ({person})", s.record.name)
        });
        let dates: Vec<String> = recent
            .iter()
            .map(|i| i.record.occurred.to_string())
            .collect();
        let mut f = cx
            .finding(
                Code::IncidentRepeatedFalls,
                latest.entry,
                "/type",
                format!(
                    "{name} has fallen {} times within {window} days ({}), and no falls risk in \
                     their care plan has been reviewed since the latest fall",
                    recent.len(),
                    dates.join(", ")
                ),
            )
            .help(
                "review the falls risk in the person's care plan (consider a referral to the \
                 falls service or occupational therapy) and set its `reviewed_on` to the \
                 review's date",
            );
        for other in recent.iter().rev().skip(1) {
            f = f.related(
                cx.site(other.entry, "/occurred"),
                format!("{} is an earlier fall", other.record.id),
            );
        }
        out.push(f);
    }
}
