//! The governance report: the incident log with its trend by month and
//! type (inline SVG), safeguarding, notification and candour status, the
//! complaints log, quality audits, and the action tracker with overdue
//! actions first. Statuses come from `check`'s findings on the same day,
//! so the report and the rules never disagree.
//!
//! When redacting, names become initials (the scrubber also catches them
//! inside text), and the free text of these records (what happened, what
//! was done, what a complaint was about, outcomes, lessons, audit
//! findings, notes) and case references are left out; an action's `what`
//! stays, scrubbed, since the tracker is nothing without it.

mod chart;
mod rows;

pub use chart::Chart;
pub use rows::{ActionRow, AuditRow, ComplaintRow, IncidentRow};

use super::context::{Counts, FindingView, Mark};
use super::{Rendered, ReportError, Session, text};
use crate::diag::Finding;
use serde::Serialize;

/// The rule families this report gathers.
const FAMILIES: [&str; 3] = ["incident", "complaint", "action"];

/// Headline figures.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Incidents recorded.
    pub incidents: usize,
    /// Incidents still open.
    pub open_incidents: usize,
    /// Incidents notifiable to CQC.
    pub notifiable: usize,
    /// Notifications not yet sent (due or overdue).
    pub notifications_outstanding: usize,
    /// Allegations or suspicions of abuse.
    pub safeguarding: usize,
    /// Complaints and concerns.
    pub complaints: usize,
    /// Complaints and concerns still open.
    pub open_complaints: usize,
    /// Compliments.
    pub compliments: usize,
    /// Actions not yet done.
    pub open_actions: usize,
    /// Of those, past their due date.
    pub overdue_actions: usize,
    /// Red, amber or green from the findings below.
    pub status: Mark,
}

/// The governance report's view.
#[derive(Debug, Clone, Serialize)]
pub struct Governance {
    /// Headline figures.
    pub summary: Summary,
    /// Incidents by month and type.
    pub chart: Chart,
    /// Every incident, newest first.
    pub incidents: Vec<IncidentRow>,
    /// Incidents with a referral, notification or candour duty, newest first.
    pub duties: Vec<IncidentRow>,
    /// Complaints, concerns and compliments, newest first.
    pub complaints: Vec<ComplaintRow>,
    /// Quality audits, newest first.
    pub audits: Vec<AuditRow>,
    /// Actions: overdue first, then open by due date, then done.
    pub actions: Vec<ActionRow>,
    /// The findings of the governance rules, errors first.
    pub findings: Vec<FindingView>,
    /// Working days are counted with these bank holidays.
    pub calendar: String,
}

/// Whether `f` is a finding of this report's rules.
fn is_governance(f: &Finding) -> bool {
    FAMILIES.contains(&f.code.family())
}

/// Builds the view of a session.
pub fn view(s: &Session) -> Governance {
    let r = &s.records;
    let rows = rows::Builder::new(s);
    let mut incidents: Vec<IncidentRow> = r
        .index
        .incidents
        .iter()
        .map(|i| rows.incident(i.record))
        .collect();
    incidents.sort_by(|a, b| b.sort.cmp(&a.sort));
    let duties = incidents.iter().filter(|i| i.has_duty).cloned().collect();
    let mut complaints: Vec<ComplaintRow> = r
        .index
        .complaints
        .iter()
        .map(|c| rows.complaint(c.record))
        .collect();
    complaints.sort_by(|a, b| b.sort.cmp(&a.sort));
    let mut audits: Vec<AuditRow> = r
        .index
        .quality_audits
        .iter()
        .map(|a| rows.audit(a.record))
        .collect();
    audits.sort_by(|a, b| b.sort.cmp(&a.sort));
    let mut actions: Vec<ActionRow> = r
        .index
        .actions
        .iter()
        .map(|a| rows.action(a.record))
        .collect();
    actions.sort_by(|a, b| a.sort.cmp(&b.sort));
    let mut findings: Vec<&Finding> = r
        .check
        .findings
        .iter()
        .filter(|f| is_governance(f))
        .collect();
    findings.sort_by_key(|f| f.severity);
    let findings: Vec<FindingView> = findings.into_iter().map(FindingView::of).collect();
    let counts = Counts::of(&findings);
    let all: Vec<&crate::model::Incident> = r.index.incidents.iter().map(|i| i.record).collect();
    let summary = Summary {
        incidents: incidents.len(),
        open_incidents: incidents.iter().filter(|i| i.open).count(),
        notifiable: all.iter().filter(|i| i.notifiable()).count(),
        notifications_outstanding: incidents
            .iter()
            .filter(|i| i.notification_outstanding)
            .count(),
        safeguarding: all.iter().filter(|i| i.abuse_suspected()).count(),
        complaints: complaints.iter().filter(|c| !c.compliment).count(),
        open_complaints: complaints
            .iter()
            .filter(|c| !c.compliment && c.open)
            .count(),
        compliments: complaints.iter().filter(|c| c.compliment).count(),
        open_actions: actions.iter().filter(|a| a.open).count(),
        overdue_actions: actions.iter().filter(|a| a.overdue).count(),
        status: counts.rag(),
    };
    Governance {
        summary,
        chart: chart::chart(&all, s.options.today),
        incidents,
        duties,
        complaints,
        audits,
        actions,
        findings,
        calendar: s.records.policy.governance.bank_holidays.label().to_owned(),
    }
}

/// Renders the governance report.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let view = view(s);
    let mut page = s.page("governance", "Governance");
    page.subtitle = format!(
        "Incidents, safeguarding, notifications, complaints, audits and actions on {}",
        text::date(s.options.today)
    );
    let text = s.render("governance", &page, "governance", &view)?;
    Ok(Rendered {
        file: s.file_name("governance"),
        text,
    })
}
