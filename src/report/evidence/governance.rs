//! Evidence from the governance records: the incident log and its
//! investigations, safeguarding referrals, CQC notifications, the duty of
//! candour, complaints, the agency's own quality audits and its actions.
//! "On time" is `check`'s verdict on the same day: a record with a
//! finding of the rule that judges it is not counted as done.

use super::{Scope, Shown, absent, info, share, share_of_all};
use crate::diag::Code;
use crate::model::governance::quality_audit::AuditType;
use crate::report::Session;
use crate::wording::count;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The keys of this family.
pub(super) const KEYS: &[&str] = &[
    "incidents",
    "safeguarding",
    "notifications",
    "duty-of-candour",
    "complaints",
    "quality-audits",
    "actions",
];

/// The codes found about each record.
fn found<'a>(s: &Session<'a>) -> HashMap<&'a str, HashSet<Code>> {
    let mut out: HashMap<&str, HashSet<Code>> = HashMap::new();
    for f in &s.records.check.findings {
        if let Some(id) = &f.record {
            out.entry(id.as_str()).or_default().insert(f.code);
        }
    }
    out
}

/// A year before `today`.
fn year_before(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(NaiveDate::MIN)
}

/// The evidence of `key`, when it is about governance.
pub(super) fn compute(s: &Session, _scope: &Scope, key: &str) -> Option<Shown> {
    if !KEYS.contains(&key) {
        return None;
    }
    let ix = &s.records.index;
    let found = found(s);
    let clean = |id: &str, codes: &[Code]| {
        found
            .get(id)
            .is_none_or(|f| codes.iter().all(|c| !f.contains(c)))
    };
    let since = year_before(s.options.today);
    let shown = match key {
        "incidents" => {
            let recent: Vec<_> = ix
                .incidents
                .iter()
                .map(|i| i.record)
                .filter(|i| i.occurred.0 >= since)
                .collect();
            let investigated = recent.iter().filter(|i| i.investigation.is_some()).count();
            let on_time = recent
                .iter()
                .filter(|i| i.investigation.is_some())
                .filter(|i| clean(i.id.as_str(), &[Code::IncidentInvestigationOverdue]))
                .count();
            if recent.is_empty() {
                absent(
                    "Incident log",
                    "No incidents recorded in the last 12 months: an inspector expects an \
                     incident and accident log"
                        .into(),
                )
            } else {
                share(
                    on_time,
                    investigated,
                    "Incident log",
                    format!(
                        "{} in the last 12 months; {investigated} investigated, {on_time} of \
                         them completed or within their due date",
                        count(recent.len(), "incident", "incidents")
                    ),
                )
            }
        }
        "safeguarding" => {
            let concerns: Vec<_> = ix
                .incidents
                .iter()
                .map(|i| i.record)
                .filter(|i| i.abuse_suspected())
                .collect();
            let referred = concerns
                .iter()
                .filter(|i| {
                    i.safeguarding
                        .as_ref()
                        .is_some_and(|s| s.referred.is_some())
                })
                .count();
            share(
                referred,
                concerns.len(),
                "Safeguarding referrals",
                format!(
                    "{referred} of {} allegations or suspicions of abuse referred to the local \
                     authority",
                    concerns.len()
                ),
            )
        }
        "notifications" => {
            let due: Vec<_> = ix
                .incidents
                .iter()
                .map(|i| i.record)
                .filter(|i| {
                    i.notifiable()
                        && i.notification
                            .as_ref()
                            .is_none_or(|n| n.not_required.is_none())
                })
                .collect();
            let sent = due
                .iter()
                .filter(|i| i.notification.as_ref().is_some_and(|n| n.sent.is_some()))
                .count();
            let on_time = due
                .iter()
                .filter(|i| i.notification.as_ref().is_some_and(|n| n.sent.is_some()))
                .filter(|i| clean(i.id.as_str(), &[Code::IncidentNotificationLate]))
                .count();
            share(
                on_time,
                due.len(),
                "CQC notifications",
                format!(
                    "{sent} of {} notifiable incidents notified to CQC, {on_time} without delay",
                    due.len()
                ),
            )
        }
        "duty-of-candour" => {
            let due: Vec<_> = ix
                .incidents
                .iter()
                .map(|i| i.record)
                .filter(|i| i.candour_applies())
                .collect();
            let done = due
                .iter()
                .filter(|i| {
                    let c = i.candour.as_ref();
                    c.is_some_and(|c| c.not_possible.is_some())
                        || c.is_some_and(|c| c.told.is_some() && c.written.is_some())
                })
                .filter(|i| {
                    clean(
                        i.id.as_str(),
                        &[Code::IncidentCandourMissing, Code::IncidentCandourLate],
                    )
                })
                .count();
            share(
                done,
                due.len(),
                "Duty of candour",
                format!(
                    "{done} of {} incidents of moderate harm or worse with the person told and \
                     a written apology on time",
                    due.len()
                ),
            )
        }
        "complaints" => {
            let all: Vec<_> = ix.complaints.iter().map(|c| c.record).collect();
            let complaints: Vec<_> = all.iter().filter(|c| c.is_complaint()).collect();
            let compliments = all.len() - complaints.len();
            let on_time = complaints
                .iter()
                .filter(|c| {
                    clean(
                        c.id.as_str(),
                        &[
                            Code::ComplaintAcknowledgementLate,
                            Code::ComplaintResponseLate,
                            Code::ComplaintNoOutcome,
                        ],
                    )
                })
                .count();
            let value = format!(
                "{}, {on_time} acknowledged and answered on time; {}",
                count(
                    complaints.len(),
                    "complaint or concern",
                    "complaints and concerns"
                ),
                count(compliments, "compliment", "compliments")
            );
            if all.is_empty() {
                absent(
                    "Complaints log",
                    "No complaints, concerns or compliments are recorded".into(),
                )
            } else if complaints.is_empty() {
                info("Complaints log", value)
            } else {
                share(on_time, complaints.len(), "Complaints log", value)
            }
        }
        "quality-audits" => {
            let recent: Vec<_> = ix
                .quality_audits
                .iter()
                .map(|a| a.record)
                .filter(|a| a.date.0 >= since)
                .collect();
            let expected = [
                AuditType::CareFile,
                AuditType::Mar,
                AuditType::SpotCheck,
                AuditType::Survey,
            ];
            let parts: Vec<String> = expected
                .iter()
                .map(|t| {
                    let n = recent.iter().filter(|a| a.kind == *t).count();
                    format!("{n} × {}", t.words())
                })
                .collect();
            let kinds = expected
                .iter()
                .filter(|t| recent.iter().any(|a| a.kind == **t))
                .count();
            share_of_all(
                kinds,
                expected.len(),
                "Quality audits",
                format!("In the last 12 months: {}", parts.join(", ")),
            )
        }
        _ => {
            let all: Vec<_> = ix.actions.iter().map(|a| a.record).collect();
            let ok = all
                .iter()
                .filter(|a| clean(a.id.as_str(), &[Code::ActionOverdue, Code::ActionNoOwner]))
                .count();
            let open = all.iter().filter(|a| a.done.is_none()).count();
            share_of_all(
                ok,
                all.len(),
                "Action plan",
                format!(
                    "{}, {open} open; {ok} owned and done or within their due date",
                    count(all.len(), "action", "actions")
                ),
            )
        }
    };
    Some(shown)
}
