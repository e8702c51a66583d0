//! A person's profile as their family and an inspector read it: who they
//! are, contacts and LPA, GP, communication, allergies, DNACPR, funding.
//! The care plan is in [`super::plan`]; the service-user report and the
//! inspection pack's sample both show them.

use super::context::Mark;
use super::{Session, text};
use crate::model::service_user::{ServiceUser, ServiceUserStatus};
use serde::Serialize;

/// The person: who they are and who to call.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// Record id.
    pub id: String,
    /// Full name (initials when redacted).
    pub name: String,
    /// The name they like to be called.
    pub preferred_name: Option<String>,
    /// Age in whole years on the report's date.
    pub age: String,
    /// Date of birth (dropped when redacted).
    pub date_of_birth: Option<String>,
    /// Gender, as recorded.
    pub gender: Option<String>,
    /// NHS number (masked when redacted).
    pub nhs_number: String,
    /// `Active`, `Hospital`, `Paused` or `Ended`.
    pub status: String,
    /// The status as a mark (active is green).
    pub status_mark: Mark,
    /// First day of care.
    pub start_date: Option<String>,
    /// The address on one line (dropped when redacted).
    pub address: Option<String>,
    /// How to get in (dropped when redacted).
    pub access_notes: Option<String>,
    /// The GP.
    pub gp: Option<GpView>,
    /// Family, friends and attorneys.
    pub contacts: Vec<ContactView>,
    /// How the person communicates.
    pub communication: Option<String>,
    /// Known allergies (empty: none recorded).
    pub allergies: Vec<String>,
    /// Whether a DNACPR decision is in place.
    pub dnacpr_in_place: bool,
    /// The DNACPR decision in words.
    pub dnacpr: String,
    /// Who pays and for how many hours.
    pub funding: Option<String>,
}

/// The GP.
#[derive(Debug, Clone, Serialize)]
pub struct GpView {
    /// The GP's name.
    pub name: String,
    /// The practice.
    pub practice: Option<String>,
    /// Phone (dropped when redacted).
    pub phone: Option<String>,
}

/// A contact.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// Name.
    pub name: String,
    /// Relationship to the person.
    pub relationship: Option<String>,
    /// Phone (dropped when redacted).
    pub phone: Option<String>,
    /// The LPA held, in words (`Health and welfare`), or empty.
    pub lpa: String,
    /// Whether the LPA covers decisions about care.
    pub lpa_welfare: bool,
    /// Whether to keep them informed.
    pub keep_informed: bool,
}
/// The profile of a service user.
pub fn profile(s: &Session, u: &ServiceUser) -> Profile {
    let p = s.privacy();
    let address = {
        let a = &u.address;
        let parts: Vec<&str> = [
            Some(a.line1.as_str()),
            a.line2.as_deref(),
            Some(&a.town),
            Some(&a.postcode.0),
        ]
        .into_iter()
        .flatten()
        .collect();
        p.keep(Some(&parts.join(", ")))
    };
    let dnacpr = match &u.dnacpr {
        Some(d) if d.in_place => {
            let mut t = "DNACPR decision in place".to_owned();
            if let Some(date) = d.date {
                t.push_str(&format!(" since {}", text::date(date.0)));
            }
            if let Some(loc) = &d.form_location {
                t.push_str(&format!("; form: {loc}"));
            }
            t
        }
        Some(_) => "No DNACPR decision: attempt resuscitation".to_owned(),
        None => "Not recorded".to_owned(),
    };
    let funding = u.funding.as_ref().map(|f| {
        let mut t = text::word(&f.source);
        if let Some(h) = f.commissioned_hours_per_week {
            t.push_str(&format!(", {} carer-hours a week", text::hours(h)));
        }
        if let Some(r) = p.keep(f.reference.as_deref()) {
            t.push_str(&format!(" (ref. {r})"));
        }
        t
    });
    Profile {
        id: u.id.to_string(),
        name: p.name(&u.name),
        preferred_name: u.preferred_name.as_deref().map(|n| p.name(n)),
        age: text::age(u.date_of_birth.0, s.options.today).map_or_else(
            || "not known: the date of birth is after today".to_owned(),
            |a| a.to_string(),
        ),
        date_of_birth: p.date_of_birth(u.date_of_birth.0),
        gender: u.gender.clone(),
        nhs_number: p.nhs(&u.nhs_number),
        status: text::word(&u.status),
        status_mark: match u.status {
            ServiceUserStatus::Active => Mark::ok("Active"),
            ServiceUserStatus::Ended => Mark::none("Ended"),
            other => Mark::warn(text::word(&other)),
        },
        start_date: u.start_date.map(|d| text::date(d.0)),
        address,
        access_notes: p.keep(u.access_notes.as_deref()),
        gp: u.gp.as_ref().map(|g| GpView {
            name: p.name(&g.name),
            practice: g.practice.clone(),
            phone: p.keep(g.phone.as_deref()),
        }),
        contacts: u
            .contacts
            .iter()
            .map(|c| ContactView {
                name: p.name(&c.name),
                relationship: c.relationship.clone(),
                phone: p.keep(c.phone.as_deref()),
                lpa: match text::serde_word(&c.lpa).as_str() {
                    "none" => String::new(),
                    w => text::phrase(w),
                },
                lpa_welfare: c.lpa.covers_welfare(),
                keep_informed: c.keep_informed,
            })
            .collect(),
        communication: u.communication.clone(),
        allergies: u.allergies.clone(),
        dnacpr_in_place: u.dnacpr.as_ref().is_some_and(|d| d.in_place),
        dnacpr,
        funding,
    }
}
