//! A care plan's consent timeline: each commit's version of the plan read
//! as the events a person would name (created, activated, consent
//! recorded, given, withdrawn, re-dated, care changed, reviewed).

use super::{At, State, fields_text, is_material_plan};
use crate::audit::commit_id::CommitId;
use crate::audit::diff::FieldChange;
use crate::model::care_plan::{ConsentStatus, PlanStatus};
use chrono::{DateTime, Utc};

/// One moment in a plan's consent timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    /// The commit (full id).
    pub commit: CommitId,
    /// Its committer date.
    pub date: DateTime<Utc>,
    /// Its author.
    pub author: String,
    /// What happened: `created`, `activated`, `consent-recorded`,
    /// `consent-given`, `consent-withdrawn`, `changed`, `reviewed`, ...
    pub event: &'static str,
    /// The detail: the values before and after.
    pub detail: String,
}

/// One care plan's consent timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The plan's id.
    pub plan: String,
    /// Its service user, as last seen.
    pub service_user: Option<String>,
    /// What happened, oldest first.
    pub events: Vec<TimelineEvent>,
}

pub(super) fn event(at: &At, event: &'static str, detail: String) -> TimelineEvent {
    TimelineEvent {
        commit: at.commit.id.clone(),
        date: at.commit.time,
        author: at.commit.author.clone(),
        event,
        detail,
    }
}

fn arrow(field: &str, before: Option<&str>, after: Option<&str>) -> String {
    format!(
        "{field}: {} → {}",
        before.unwrap_or("(none)"),
        after.unwrap_or("(none)")
    )
}

/// The timeline events of one plan version.
pub(super) fn timeline(
    at: &At,
    old: Option<&State>,
    new: &State,
    fields: &[FieldChange],
) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    let status = new.status.as_deref();
    let consent = || {
        format!(
            "{}, dated {}",
            new.consent_status.as_deref().unwrap_or("no status"),
            new.consent_date.as_deref().unwrap_or("(no date)")
        )
    };
    let Some(old) = old else {
        out.push(event(
            at,
            "created",
            format!("status {}", status.unwrap_or("(none)")),
        ));
        if new.has_consent {
            out.push(event(at, "consent-recorded", consent()));
        }
        return out;
    };
    if old.status != new.status {
        let name = match new.plan_status() {
            Some(PlanStatus::Active) => "activated",
            Some(PlanStatus::Review) => "under-review",
            Some(PlanStatus::Ended) => "ended",
            Some(PlanStatus::Draft) => "back-to-draft",
            None => "status-changed",
        };
        out.push(event(
            at,
            name,
            arrow("status", old.status.as_deref(), status),
        ));
    }
    match (old.has_consent, new.has_consent) {
        (false, true) => out.push(event(at, "consent-recorded", consent())),
        (true, false) => out.push(event(at, "consent-removed", String::new())),
        (true, true) if old.consent_status != new.consent_status => {
            let name = match new.consent() {
                Some(ConsentStatus::Given) => "consent-given",
                Some(ConsentStatus::Refused) => "consent-refused",
                Some(ConsentStatus::Withdrawn) => "consent-withdrawn",
                Some(ConsentStatus::BestInterests) => "best-interests-decision",
                None => "consent-changed",
            };
            let detail = arrow(
                "consent.status",
                old.consent_status.as_deref(),
                new.consent_status.as_deref(),
            );
            out.push(event(at, name, detail));
        }
        (true, true) if old.consent_date != new.consent_date => {
            let detail = arrow(
                "consent.date",
                old.consent_date.as_deref(),
                new.consent_date.as_deref(),
            );
            out.push(event(at, "consent-redated", detail));
        }
        _ => {}
    }
    let material: Vec<&FieldChange> = fields.iter().filter(|f| is_material_plan(f)).collect();
    if !material.is_empty() {
        out.push(event(at, "changed", fields_text(&material)));
    }
    let reviews: Vec<String> = fields
        .iter()
        .filter(|f| matches!(f.field().as_str(), "review_due" | "assessed_on"))
        .map(|f| arrow(&f.field(), f.before.as_deref(), f.after.as_deref()))
        .collect();
    if !reviews.is_empty() {
        out.push(event(at, "reviewed", reviews.join("; ")));
    }
    out
}
