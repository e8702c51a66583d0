//! One row per governance record, as the report's tables show it: dates
//! as people read them, names through [`Privacy`], and each duty's status
//! as a mark taken from `check`'s findings about the record.

use super::chart::type_label;
use crate::diag::Code;
use crate::model::governance::complaint::{ComplaintStatus, ComplaintType};
use crate::model::governance::incident::IncidentStatus;
use crate::model::governance::{Action, Complaint, Incident, QualityAudit};
use crate::model::values::{Date, Id};
use crate::report::Session;
use crate::report::context::Mark;
use crate::report::redact::Privacy;
use crate::report::text;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// An incident in the log.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRow {
    /// Record id.
    pub id: String,
    /// `8 Oct 2026`, with the time when recorded.
    pub when: String,
    /// `Medication error`.
    pub kind: String,
    /// The people involved, by name (initials when redacted) and id.
    pub people: Vec<String>,
    /// The carers involved.
    pub carers: Vec<String>,
    /// `Moderate`.
    pub harm: String,
    /// What happened (left out when redacting).
    pub summary: Option<String>,
    /// What was done at once (left out when redacting).
    pub immediate_action: Option<String>,
    /// The safeguarding referral.
    pub safeguarding: Mark,
    /// The CQC notification.
    pub notification: Mark,
    /// The duty of candour.
    pub candour: Mark,
    /// The investigation.
    pub investigation: Mark,
    /// The investigation's lessons (left out when redacting).
    pub lessons: Option<String>,
    /// Actions raised.
    pub actions: Vec<String>,
    /// Whether still open.
    pub open: bool,
    /// Whether a referral, notification or candour applies.
    pub has_duty: bool,
    /// Whether a notification is due or overdue and not sent.
    pub notification_outstanding: bool,
    /// Sort key: the date.
    #[serde(skip)]
    pub sort: (Date, String),
}

/// A complaint, concern or compliment in the log.
#[derive(Debug, Clone, Serialize)]
pub struct ComplaintRow {
    /// Record id.
    pub id: String,
    /// `5 Oct 2026`.
    pub received: String,
    /// `Complaint`, `Concern` or `Compliment`.
    pub kind: String,
    /// Whether it is a compliment.
    pub compliment: bool,
    /// Who made it, and who they are.
    pub from: String,
    /// The person it concerns.
    pub person: Option<String>,
    /// What it is about (left out when redacting).
    pub about: Option<String>,
    /// Acknowledged on time, late or not yet.
    pub acknowledged: Mark,
    /// Answered on time, late or not yet.
    pub response: Mark,
    /// `Partly upheld`, or empty.
    pub outcome: String,
    /// Taken to the ombudsman: when.
    pub escalation: Option<String>,
    /// What was learnt (left out when redacting).
    pub lessons: Option<String>,
    /// Whether still open.
    pub open: bool,
    /// Sort key.
    #[serde(skip)]
    pub sort: (Date, String),
}

/// A quality audit.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRow {
    /// Record id.
    pub id: String,
    /// `2 Nov 2026`.
    pub date: String,
    /// `Care-file audit`.
    pub kind: String,
    /// Who did it.
    pub auditor: String,
    /// What it looked at (left out when redacting).
    pub scope: Option<String>,
    /// `86%`, or empty.
    pub score: String,
    /// What it found (left out when redacting).
    pub findings: Vec<String>,
    /// How many findings.
    pub finding_count: usize,
    /// Actions raised.
    pub actions: Vec<String>,
    /// Sort key.
    #[serde(skip)]
    pub sort: (Date, String),
}

/// An action on the tracker.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    /// Record id.
    pub id: String,
    /// What is to be done.
    pub what: String,
    /// `Incident INC-2026-001`.
    pub source: String,
    /// Who owns it, or `No owner`.
    pub owner: String,
    /// `30 Nov 2026`.
    pub due: String,
    /// Overdue, open or done.
    pub status: Mark,
    /// Whether not yet done.
    pub open: bool,
    /// Whether past due and not done.
    pub overdue: bool,
    /// Sort key: overdue, open, done; then by due date.
    #[serde(skip)]
    pub sort: (u8, Date, String),
}

/// Builds rows for one session.
pub struct Builder<'s, 'a> {
    session: &'s Session<'a>,
    privacy: Privacy,
    /// The governance codes found, by record id.
    found: HashMap<&'a str, HashSet<Code>>,
}

impl<'s, 'a> Builder<'s, 'a> {
    /// A builder over `session`'s records and findings.
    pub fn new(session: &'s Session<'a>) -> Self {
        let mut found: HashMap<&'a str, HashSet<Code>> = HashMap::new();
        for f in &session.records.check.findings {
            if let Some(id) = &f.record {
                found.entry(id.as_str()).or_default().insert(f.code);
            }
        }
        Builder {
            session,
            privacy: session.privacy(),
            found,
        }
    }

    fn has(&self, id: &Id, code: Code) -> bool {
        self.found
            .get(id.as_str())
            .is_some_and(|s| s.contains(&code))
    }

    fn keep(&self, value: Option<&String>) -> Option<String> {
        self.privacy.keep(value.map(String::as_str))
    }

    fn person(&self, id: &Id) -> String {
        match self.session.records.service_user(id.as_str()) {
            Some(su) => format!("{} ({id})", self.privacy.name(&su.name)),
            None => id.to_string(),
        }
    }

    fn carer(&self, id: &Id) -> String {
        match self.session.records.carer(id.as_str()) {
            Some(c) => format!("{} ({id})", self.privacy.name(&c.name)),
            None => id.to_string(),
        }
    }

    /// The row of an incident.
    pub fn incident(&self, r: &Incident) -> IncidentRow {
        let d = |x: Date| text::date(x.0);
        let safeguarding = match r.safeguarding.as_ref().and_then(|s| s.referred) {
            Some(on) => Mark::ok(format!("Referred {}", d(on))),
            None if !r.abuse_suspected() => Mark::none("Not needed"),
            None if self.has(&r.id, Code::IncidentSafeguardingMissing) => Mark::bad("Not referred"),
            None => Mark::warn("Referral due"),
        };
        let note = r.notification.as_ref();
        let notification = match note.and_then(|n| n.sent) {
            Some(on) if self.has(&r.id, Code::IncidentNotificationLate) => {
                Mark::warn(format!("Sent late, {}", d(on)))
            }
            Some(on) => Mark::ok(format!("Sent {}", d(on))),
            None if !r.notifiable() || note.is_some_and(|n| n.not_required.is_some()) => {
                Mark::none("Not required")
            }
            None if self.has(&r.id, Code::IncidentNotificationOverdue) => Mark::bad("Overdue"),
            None => Mark::warn("Due"),
        };
        let c = r.candour.as_ref();
        let candour = if !r.candour_applies() {
            Mark::none("Not applicable")
        } else if c.is_some_and(|c| c.not_possible.is_some()) {
            Mark::none("Not possible (recorded)")
        } else if self.has(&r.id, Code::IncidentCandourMissing) {
            Mark::bad("Steps missing")
        } else if let Some(w) = c
            .and_then(|c| c.written)
            .filter(|_| c.is_some_and(|c| c.told.is_some()))
        {
            if self.has(&r.id, Code::IncidentCandourLate) {
                Mark::warn(format!("Written late, {}", d(w)))
            } else {
                Mark::ok(format!("Written {}", d(w)))
            }
        } else {
            Mark::warn("In progress")
        };
        let investigation = match &r.investigation {
            None => Mark::none("None recorded"),
            Some(i) => match i.completed {
                Some(on) => Mark::ok(format!("Completed {}", d(on))),
                None if self.has(&r.id, Code::IncidentInvestigationOverdue) => {
                    Mark::bad(format!("Overdue since {}", d(i.due)))
                }
                None => Mark::warn(format!("Due {}", d(i.due))),
            },
        };
        let when = match r.time {
            Some(t) => format!("{} {t}", d(r.occurred)),
            None => d(r.occurred),
        };
        IncidentRow {
            id: r.id.to_string(),
            when,
            kind: type_label(r.kind),
            people: r.service_users.iter().map(|p| self.person(p)).collect(),
            carers: r.carers.iter().map(|c| self.carer(c)).collect(),
            harm: text::phrase(r.harm.word()),
            summary: self.keep(Some(&r.summary)),
            immediate_action: self.keep(r.immediate_action.as_ref()),
            notification_outstanding: matches!(notification.level, "bad" | "warn")
                && note.and_then(|n| n.sent).is_none(),
            has_duty: r.abuse_suspected() || r.notifiable() || r.candour_applies(),
            safeguarding,
            notification,
            candour,
            investigation,
            lessons: self.keep(r.investigation.as_ref().and_then(|i| i.lessons.as_ref())),
            actions: r.actions.iter().map(Id::to_string).collect(),
            open: r.status == IncidentStatus::Open,
            sort: (r.occurred, r.id.to_string()),
        }
    }

    /// The row of a complaint.
    pub fn complaint(&self, r: &Complaint) -> ComplaintRow {
        let d = |x: Date| text::date(x.0);
        let compliment = r.kind == ComplaintType::Compliment;
        let (acknowledged, response) = if compliment {
            (Mark::none("Not needed"), Mark::none("Not needed"))
        } else {
            let ack = match r.acknowledged {
                Some(on) if self.has(&r.id, Code::ComplaintAcknowledgementLate) => {
                    Mark::warn(format!("Late, {}", d(on)))
                }
                Some(on) => Mark::ok(d(on)),
                None if self.has(&r.id, Code::ComplaintAcknowledgementLate) => Mark::bad("Overdue"),
                None => Mark::warn("Due"),
            };
            let resp = match r.responded {
                Some(on) if self.has(&r.id, Code::ComplaintResponseLate) => {
                    Mark::warn(format!("Late, {}", d(on)))
                }
                Some(on) => Mark::ok(d(on)),
                None if self.has(&r.id, Code::ComplaintResponseLate) => Mark::bad("Overdue"),
                None => Mark::warn("Due"),
            };
            (ack, resp)
        };
        let from = match &r.from.relationship {
            Some(rel) => format!("{} ({rel})", self.privacy.name(&r.from.name)),
            None => self.privacy.name(&r.from.name),
        };
        ComplaintRow {
            id: r.id.to_string(),
            received: d(r.received),
            kind: text::word(&r.kind),
            compliment,
            from,
            person: r.service_user.as_ref().map(|p| self.person(p)),
            about: self.keep(Some(&r.about)),
            acknowledged,
            response,
            outcome: r
                .outcome
                .map(|o| text::phrase(o.words()))
                .unwrap_or_default(),
            escalation: r
                .escalation
                .as_ref()
                .map(|e| format!("Ombudsman, {}", d(e.referred))),
            lessons: self.keep(r.lessons.as_ref()),
            open: r.status == ComplaintStatus::Open,
            sort: (r.received, r.id.to_string()),
        }
    }

    /// The row of a quality audit.
    pub fn audit(&self, r: &QualityAudit) -> AuditRow {
        AuditRow {
            id: r.id.to_string(),
            date: text::date(r.date.0),
            kind: text::phrase(r.kind.words()),
            auditor: self.carer(&r.auditor),
            scope: self.keep(Some(&r.scope)),
            score: r.score.map(|s| format!("{s}%")).unwrap_or_default(),
            findings: if self.privacy.redact {
                Vec::new()
            } else {
                r.findings.clone()
            },
            finding_count: r.findings.len(),
            actions: r.actions.iter().map(Id::to_string).collect(),
            sort: (r.date, r.id.to_string()),
        }
    }

    /// The row of an action.
    pub fn action(&self, r: &Action) -> ActionRow {
        let today = self.session.options.today;
        let overdue = r.done.is_none() && r.due.0 < today;
        let (rank, status) = match r.done {
            Some(on) => (2, Mark::ok(format!("Done {}", text::date(on.0)))),
            None if overdue => (0, Mark::bad("Overdue")),
            None => (1, Mark::warn("Open")),
        };
        let source = match &r.raised_by {
            Some(by) => format!("{} {by}", text::phrase(r.source.word())),
            None => text::phrase(r.source.word()),
        };
        ActionRow {
            id: r.id.to_string(),
            what: r.what.clone(),
            source,
            owner: r
                .owner
                .as_ref()
                .map_or("No owner".to_owned(), |o| self.carer(o)),
            due: text::date(r.due.0),
            status,
            open: r.done.is_none(),
            overdue,
            sort: (rank, r.due, r.id.to_string()),
        }
    }
}
