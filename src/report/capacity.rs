//! The Mental Capacity Act and reviews in a person's file, each as plain
//! sentences: capacity and consent for each decision, the restrictive
//! practices register, deprivation of liberty, how the person took part
//! in their plan, and the reviews held.
//!
//! Free text (reasons, participants, outcomes) goes into the view as it is
//! written: the scrubber turns the names in it to initials when redacting.

use super::plan::{carer, consent};
use super::{Session, text};
use crate::model::CarePlan;
use crate::model::mca::{DeprivationOfLiberty, RestrictivePractice};
use serde::Serialize;

/// The plan's capacity, restrictions and reviews.
#[derive(Debug, Clone, Serialize)]
pub struct CapacityView {
    /// Capacity and consent for each decision assessed on its own.
    pub decisions: Vec<String>,
    /// The restrictive practices register, one sentence a practice.
    pub restrictions: Vec<String>,
    /// Whether the arrangements deprive the person of liberty, or empty.
    pub deprivation: String,
    /// How the person took part in the plan, or empty.
    pub involvement: String,
    /// The reviews held, newest first.
    pub reviews: Vec<String>,
}

/// The view of `plan`'s capacity, restrictions and reviews.
pub fn view(s: &Session, plan: &CarePlan) -> CapacityView {
    let decisions = plan
        .decisions
        .iter()
        .map(|d| {
            let c = consent(s, Some(&d.consent));
            let mut name = text::word(&d.decision);
            if let Some(about) = &d.about {
                name.push_str(&format!(" ({about})"));
            }
            let mut t = format!("{name}: {}", c.summary);
            if !c.capacity.is_empty() {
                t.push_str(&format!(" Mental capacity: {}", c.capacity));
            }
            let assessor = d
                .consent
                .capacity
                .as_ref()
                .and_then(|c| c.assessed_by.as_deref());
            if let Some(by) = assessor {
                let by = s.records.carer_name(by);
                let by = s.privacy().name(&by);
                t.push_str(&format!(" Assessed by {by}"));
                if !by.ends_with('.') {
                    t.push('.');
                }
            }
            if !c.best_interests.is_empty() {
                t.push_str(&format!(" Best-interests decision: {}", c.best_interests));
            }
            t
        })
        .collect();
    let mut reviews: Vec<_> = plan.reviews.iter().collect();
    reviews.sort_by_key(|r| std::cmp::Reverse(r.date));
    CapacityView {
        decisions,
        restrictions: plan
            .restrictive_practices
            .iter()
            .map(|r| restriction(s, r))
            .collect(),
        deprivation: plan
            .deprivation_of_liberty
            .as_ref()
            .map(deprivation)
            .unwrap_or_default(),
        involvement: plan
            .involvement
            .as_ref()
            .map(|i| {
                let how = i
                    .how
                    .as_deref()
                    .map(|h| format!(" {h}"))
                    .unwrap_or_default();
                if i.person_involved {
                    format!("The person took part.{how}")
                } else {
                    let why = i.why_not.as_deref().unwrap_or("no reason recorded");
                    format!("The person did not take part: {why}.{how}")
                }
            })
            .unwrap_or_default(),
        reviews: reviews
            .into_iter()
            .map(|r| {
                let mut t = text::date(r.date.0);
                if let Some(by) = &r.led_by {
                    t.push_str(&format!(", led by {}", carer(s, by.as_str())));
                }
                if !r.participants.is_empty() {
                    t.push_str(&format!(", with {}", r.participants.join(", ")));
                }
                t.push_str(if r.person_involved {
                    "; the person took part."
                } else {
                    "; held without the person."
                });
                if let Some(o) = &r.outcome {
                    t.push_str(&format!(" Outcome: {o}."));
                }
                t
            })
            .collect(),
    }
}

fn restriction(s: &Session, r: &RestrictivePractice) -> String {
    let mut t = format!("{}: {}", r.practice, r.reason);
    if let Some(since) = r.since {
        t.push_str(&format!(" Since {}.", text::date(since.0)));
    }
    if let Some(b) = &r.best_interests {
        t.push_str(&format!(
            " Best-interests decision on {} by {}",
            text::date(b.date.0),
            carer(s, b.decision_maker.as_str())
        ));
        if !b.consulted.is_empty() {
            t.push_str(&format!(", after consulting {}", b.consulted.join("; ")));
        }
        t.push('.');
    } else if let Some(on) = r.agreed_by_person_on {
        t.push_str(&format!(" Agreed by the person on {}.", text::date(on.0)));
    } else {
        t.push_str(" No best-interests decision or agreement recorded.");
    }
    if let Some(due) = r.review_due {
        t.push_str(&format!(" Review due {}.", text::date(due.0)));
    }
    t
}

fn deprivation(d: &DeprivationOfLiberty) -> String {
    let on = text::date(d.considered_on.0);
    if !d.acid_test_met() {
        return format!(
            "Considered on {on}: not a deprivation of liberty ({}; {}).",
            if d.continuous_supervision {
                "under continuous supervision"
            } else {
                "not under continuous supervision"
            },
            if d.free_to_leave {
                "free to leave"
            } else {
                "not free to leave"
            }
        );
    }
    let court = match &d.court_of_protection {
        None => "no application to the Court of Protection is recorded".to_owned(),
        Some(c) => {
            let mut t = format!(
                "Court of Protection application made {}",
                text::date(c.applied_on.0)
            );
            match c.authorised_on {
                Some(a) => t.push_str(&format!(", authorised {}", text::date(a.0))),
                None => t.push_str(", not yet authorised"),
            }
            if let Some(e) = c.expires_on {
                t.push_str(&format!(", until {}", text::date(e.0)));
            }
            if let Some(n) = c.cqc_notified_on {
                t.push_str(&format!("; CQC notified {}", text::date(n.0)));
            }
            t
        }
    };
    format!(
        "Considered on {on}: under continuous supervision and not free to leave, a deprivation \
         of liberty; {court}."
    )
}
