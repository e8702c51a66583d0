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
    /// The named coordinator (a carer's name).
    pub coordinator: Option<String>,
    /// Ethnicity, religion and language (dropped when redacted).
    pub demographics: Option<String>,
    /// ReSPECT form and end-of-life wishes (the wishes dropped when
    /// redacted).
    pub end_of_life: Option<String>,
    /// Stays in hospital, latest first, each in words (the hospital and
    /// the reason dropped when redacted).
    pub hospital_stays: Vec<String>,
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
    /// The LPA's registration and the copy seen, or a deputyship.
    pub authority: String,
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
            // Where the form is kept (often "in the kitchen drawer") is
            // free text about the home: dropped when redacting.
            if let Some(loc) = p.keep(d.form_location.as_deref()) {
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
                authority: authority(c),
            })
            .collect(),
        communication: u.communication.clone(),
        allergies: u.allergies.clone(),
        dnacpr_in_place: u.dnacpr.as_ref().is_some_and(|d| d.in_place),
        dnacpr,
        funding,
        coordinator: u
            .coordinator
            .as_ref()
            .map(|id| p.name(&s.records.carer_name(id.as_str()))),
        demographics: u.demographics.as_ref().and_then(|d| {
            let parts: Vec<String> = [
                ("ethnicity", &d.ethnicity),
                ("religion", &d.religion),
                ("language", &d.preferred_language),
                ("sexual orientation", &d.sexual_orientation),
                ("gender identity", &d.gender_identity),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| format!("{k}: {v}")))
            .collect();
            p.keep((!parts.is_empty()).then(|| parts.join("; ")).as_deref())
        }),
        end_of_life: end_of_life(p, u),
        hospital_stays: hospital_stays(p, u),
    }
}

/// Each stay in hospital in words, latest first: `3 Aug 2026 to 10 Aug
/// 2026, Bristol Royal Infirmary: chest infection`; the hospital and the
/// reason are dropped when redacting.
fn hospital_stays(p: super::redact::Privacy, u: &ServiceUser) -> Vec<String> {
    let mut stays: Vec<_> = u.hospital_stays.iter().collect();
    stays.sort_by_key(|h| std::cmp::Reverse(h.admitted));
    stays
        .into_iter()
        .map(|h| {
            let mut t = match h.discharged {
                Some(d) => format!("{} to {}", text::date(h.admitted.0), text::date(d.0)),
                None => format!("since {} (not yet discharged)", text::date(h.admitted.0)),
            };
            if let Some(place) = p.keep(h.hospital.as_deref()) {
                t.push_str(&format!(", {place}"));
            }
            if let Some(why) = p.keep(h.reason.as_deref()) {
                t.push_str(&format!(": {why}"));
            }
            t
        })
        .collect()
}

/// The evidence behind a contact's authority, in a few words.
fn authority(c: &crate::model::service_user::Contact) -> String {
    let mut parts = Vec::new();
    if let Some(d) = c.lpa_registered_on {
        parts.push(format!("LPA registered {}", text::date(d.0)));
    }
    if let Some(d) = c.lpa_copy_seen_on {
        parts.push(format!("copy seen {}", text::date(d.0)));
    }
    if let Some(d) = &c.deputy {
        let mut t = format!(
            "deputy ({}) by order of {}",
            text::phrase(&text::serde_word(&d.scope)).to_lowercase(),
            text::date(d.order_date.0)
        );
        if let Some(seen) = d.copy_seen_on {
            t.push_str(&format!(", order seen {}", text::date(seen.0)));
        }
        parts.push(t);
    }
    parts.join("; ")
}

/// The ReSPECT form and the end-of-life wishes; the wishes themselves are
/// dropped when redacting.
fn end_of_life(p: super::redact::Privacy, u: &ServiceUser) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(r) = &u.respect {
        let mut t = format!("ReSPECT form of {}", text::date(r.date.0));
        if let Some(loc) = p.keep(r.form_location.as_deref()) {
            t.push_str(&format!(" ({loc})"));
        }
        parts.push(t);
    }
    if let Some(e) = &u.end_of_life {
        let on = text::date(e.discussed_on.0);
        if e.declined_to_discuss {
            parts.push(format!("chose not to discuss it ({on})"));
        } else {
            let mut t = format!("wishes discussed {on}");
            if let Some(w) = p.keep(e.wishes.as_deref()) {
                t.push_str(&format!(": {w}"));
            }
            if let Some(place) = p.keep(e.preferred_place.as_deref()) {
                t.push_str(&format!(" Preferred place: {place}."));
            }
            parts.push(t);
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
