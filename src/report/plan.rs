//! A care plan as their family and an inspector read it: needs, outcomes
//! and support, risks and their reviews, medication support, consent and
//! capacity.

use super::context::Mark;
use super::redact::Privacy;
use super::{Session, text};
use crate::check::context::{add_days, add_months};
use crate::model::care_plan::{
    CarePlan, Consent, ConsentStatus, GivenBy, Giver, Medication, Need, Risk, RiskLevel,
};
use serde::Serialize;

/// The care plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// Record id.
    pub id: String,
    /// `Active`, `Review`, `Draft` or `Ended`.
    pub status: String,
    /// Date of the assessment.
    pub assessed_on: String,
    /// Who assessed (a carer's name).
    pub assessed_by: String,
    /// First day the plan applies.
    pub effective_from: String,
    /// Date of the next review.
    pub review_due: String,
    /// Review overdue, due soon or in date.
    pub review: Mark,
    /// Needs, each with outcome and support.
    pub needs: Vec<NeedView>,
    /// Risks and mitigations.
    pub risks: Vec<RiskView>,
    /// Medication support level in words (`Administer`).
    pub medication_support: String,
    /// The medicines.
    pub medicines: Vec<MedicineView>,
    /// Consent and capacity.
    pub consent: ConsentView,
    /// Capacity per decision, restrictions, reviews.
    pub mca: super::capacity::CapacityView,
}

/// A need.
#[derive(Debug, Clone, Serialize)]
pub struct NeedView {
    /// The area, `Personal care`.
    pub domain: String,
    /// The need.
    pub need: String,
    /// The outcome the person wants.
    pub outcome: String,
    /// How carers support it.
    pub support: String,
}

/// A risk.
#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    /// What the risk is.
    pub risk: String,
    /// Level as a mark: high red, medium amber, low green.
    pub level: Mark,
    /// How it is reduced.
    pub mitigation: String,
    /// When last reviewed.
    pub reviewed_on: String,
    /// Review in date or overdue.
    pub review: Mark,
}

/// A medicine.
#[derive(Debug, Clone, Serialize)]
pub struct MedicineView {
    /// Name and strength.
    pub name: String,
    /// Dose.
    pub dose: String,
    /// Times of day, `08:00, 20:00`.
    pub times: String,
}

/// Consent to the plan.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentView {
    /// Given or best interests (green), refused, withdrawn or missing (red).
    pub mark: Mark,
    /// The consent in one sentence.
    pub summary: String,
    /// The capacity assessment in one sentence, or empty.
    pub capacity: String,
    /// The best-interests decision in one sentence, or empty.
    pub best_interests: String,
    /// Who recorded it.
    pub recorded_by: String,
}
/// The view of a care plan.
pub fn plan(s: &Session, plan: &CarePlan) -> PlanView {
    let today = s.options.today;
    let policy = s.records.policy;
    let due = plan.review_due.0;
    let review = if due < today {
        Mark::bad(format!("Overdue since {}", text::date(due)))
    } else if due <= add_days(today, policy.expiring_soon_days) {
        Mark::warn(format!("Due soon, {}", text::date(due)))
    } else {
        Mark::ok(format!("Due {}", text::date(due)))
    };
    let (support, medicines) = medication(plan.medication.as_ref());
    PlanView {
        id: plan.id.to_string(),
        status: text::word(&plan.status),
        assessed_on: text::date(plan.assessed_on.0),
        assessed_by: carer(s, plan.assessed_by.as_str()),
        effective_from: text::date(plan.effective_from.0),
        review_due: text::date(due),
        review,
        needs: plan.needs.iter().map(need).collect(),
        risks: plan.risks.iter().map(|r| risk(s, r)).collect(),
        medication_support: support,
        medicines,
        consent: consent(s, plan.consent.as_ref()),
        mca: super::capacity::view(s, plan),
    }
}

/// A carer's name by id (initials when redacting).
pub(super) fn carer(s: &Session, id: &str) -> String {
    s.privacy().name(&s.records.carer_name(id))
}

fn need(n: &Need) -> NeedView {
    NeedView {
        domain: text::word(&n.domain),
        need: n.need.clone(),
        outcome: n.outcome.clone(),
        support: n.support.clone(),
    }
}

fn risk(s: &Session, r: &Risk) -> RiskView {
    let months = s.records.policy.risk_review_months;
    let due = add_months(r.reviewed_on.0, months);
    RiskView {
        risk: text::phrase(&r.risk),
        level: match r.level {
            RiskLevel::High => Mark::bad("High"),
            RiskLevel::Medium => Mark::warn("Medium"),
            RiskLevel::Low => Mark::ok("Low"),
        },
        mitigation: r.mitigation.clone(),
        reviewed_on: text::date(r.reviewed_on.0),
        review: if months > 0 && due < s.options.today {
            Mark::warn(format!("Review overdue since {}", text::date(due)))
        } else {
            Mark::ok(format!("Next review by {}", text::date(due)))
        },
    }
}

fn medication(m: Option<&Medication>) -> (String, Vec<MedicineView>) {
    let Some(m) = m else {
        return ("None recorded".to_owned(), Vec::new());
    };
    let items = m
        .items
        .iter()
        .map(|i| MedicineView {
            name: if i.time_critical {
                format!("{} (time-critical)", i.name)
            } else {
                i.name.clone()
            },
            dose: i
                .dose
                .clone()
                .or_else(|| i.prn.as_ref().and_then(|p| p.dose.clone()))
                .unwrap_or_default(),
            times: medicine_times(m, i),
        })
        .collect();
    (text::word(&m.support), items)
}

/// A medicine's times, each with who gives it when not a carer
/// (`08:00, 12:00 by family`), and its PRN protocol.
fn medicine_times(m: &Medication, i: &crate::model::care_plan::MedicationItem) -> String {
    let mut parts: Vec<String> = i
        .times
        .iter()
        .map(|t| match m.giver(i, t) {
            Giver::Carer => t.to_string(),
            Giver::Family => format!("{t} by family"),
            Giver::Person => format!("{t} by the person"),
        })
        .collect();
    if let Some(p) = &i.prn {
        parts.push(format!(
            "as needed for {}, at most {} in 24 hours",
            p.reason, p.max_doses_24h
        ));
    }
    parts.join(", ")
}

/// The view of a consent, for the plan or for one decision.
pub(super) fn consent(s: &Session, c: Option<&Consent>) -> ConsentView {
    let p: Privacy = s.privacy();
    let Some(c) = c else {
        return ConsentView {
            mark: Mark::bad("No consent recorded"),
            summary: "No consent to this plan is recorded.".into(),
            capacity: String::new(),
            best_interests: String::new(),
            recorded_by: String::new(),
        };
    };
    let on = c
        .date
        .map(|d| format!(" on {}", text::date(d.0)))
        .unwrap_or_default();
    let by = match c.given_by {
        Some(GivenBy::Self_) => " by the person".to_owned(),
        Some(GivenBy::Lpa) => format!(" by their attorney{}", named(p, c.attorney.as_deref())),
        Some(GivenBy::Deputy) => format!(" by their deputy{}", named(p, c.attorney.as_deref())),
        None => String::new(),
    };
    let (mark, summary) = match c.status {
        ConsentStatus::Given => (Mark::ok("Given"), format!("Consent given{by}{on}.")),
        ConsentStatus::BestInterests => (
            Mark::ok("Best interests"),
            format!("Care is given in the person's best interests{on}."),
        ),
        ConsentStatus::Refused => (Mark::bad("Refused"), format!("Consent refused{by}{on}.")),
        ConsentStatus::Withdrawn => (
            Mark::bad("Withdrawn"),
            format!("Consent withdrawn{by}{on}."),
        ),
    };
    let capacity = c.capacity.as_ref().map_or_else(String::new, |cap| {
        let found = if cap.has_capacity {
            "has capacity"
        } else {
            "lacks capacity"
        };
        let about = cap
            .decision
            .as_deref()
            .map(|d| format!(" to decide on {d}"))
            .unwrap_or_default();
        format!(
            "Assessed on {}: {found}{about}.",
            text::date(cap.assessed_on.0)
        )
    });
    let best_interests = c.best_interests.as_ref().map_or_else(String::new, |b| {
        // Entries are free text ("Susan Ellis (daughter)"): the scrubber
        // turns the names in them to initials when redacting.
        let consulted = b.consulted.join("; ");
        let mut t = format!(
            "Decided on {} by {}",
            text::date(b.date.0),
            carer(s, b.decision_maker.as_str())
        );
        if !consulted.is_empty() {
            t.push_str(&format!(", after consulting {consulted}"));
        }
        t.push('.');
        t
    });
    ConsentView {
        mark,
        summary,
        capacity,
        best_interests,
        recorded_by: c
            .recorded_by
            .as_ref()
            .map(|id| carer(s, id.as_str()))
            .unwrap_or_default(),
    }
}

fn named(p: Privacy, name: Option<&str>) -> String {
    name.map(|n| format!(" {}", p.name(n))).unwrap_or_default()
}
