//! Rules about what a person's record holds beyond their care: a named
//! coordinator, the equality fields of the adult social care data
//! standard, end-of-life wishes beside a DNACPR decision or ReSPECT form,
//! the evidence behind an attorney's or deputy's authority, and records
//! kept past their retention period.

use crate::check::context::{At, Context, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::ServiceUser;
use crate::model::carer::CarerStatus;
use crate::model::service_user::{Lpa, ServiceUserStatus};

/// Records Management Code of Practice (2023): adult social care records
/// are kept 8 years after care ends, then reviewed.
const RETENTION_YEARS: u32 = 8;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for su in &cx.service_users {
        match su.record.status {
            ServiceUserStatus::Ended => retention(cx, *su, out),
            status => {
                if status == ServiceUserStatus::Active {
                    coordinator(cx, *su, out);
                    demographics(cx, *su, out);
                }
                end_of_life(cx, *su, out);
                authority_unverified(cx, *su, out);
            }
        }
    }
}

fn coordinator(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    let r = su.record;
    let (pointer, message) = match &r.coordinator {
        None => (
            "/id",
            format!("{} ({}) has no named coordinator", r.name, r.id),
        ),
        Some(id) => match cx.carer(id.as_str()) {
            Some(c) if c.record.status == CarerStatus::Leaver => (
                "/coordinator",
                format!(
                    "{}'s coordinator {} ({id}) has left the agency",
                    r.name, c.record.name
                ),
            ),
            _ => return, // an unknown id is ref/unknown
        },
    };
    out.push(
        cx.finding(Code::ServiceUserNoCoordinator, su.entry, pointer, message)
            .help(
                "name the person who coordinates this person's care, `coordinator: <carer id>`, \
                 so the person and their family know whom to call",
            ),
    );
}

fn demographics(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    let r = su.record;
    let missing = r.demographics.as_ref().map_or_else(
        || vec!["ethnicity", "religion", "preferred_language"],
        |d| d.missing(),
    );
    if missing.is_empty() {
        return;
    }
    let pointer = if r.demographics.is_some() {
        "/demographics"
    } else {
        "/id"
    };
    out.push(
        cx.finding(
            Code::ServiceUserDemographicsMissing,
            su.entry,
            pointer,
            format!(
                "{} ({}) has no {} recorded (adult social care data standard)",
                r.name,
                r.id,
                missing.join(", ")
            ),
        )
        .help(
            "ask the person and record their answers under `demographics:` (ethnicity, religion, \
             preferred_language; sexual_orientation and gender_identity if they wish); \
             `prefers not to say` is a valid answer",
        ),
    );
}

fn end_of_life(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    let r = su.record;
    let dnacpr = r.dnacpr.as_ref().is_some_and(|d| d.in_place);
    if !dnacpr && r.respect.is_none() {
        return;
    }
    let recorded = r.end_of_life.as_ref().is_some_and(|e| {
        e.declined_to_discuss || e.wishes.as_deref().is_some_and(|w| !w.trim().is_empty())
    });
    if recorded {
        return;
    }
    let (pointer, what) = match (&r.end_of_life, dnacpr) {
        (Some(_), _) => ("/end_of_life", "records no wishes"),
        (None, true) => (
            "/dnacpr",
            "has a DNACPR decision but no end-of-life wishes recorded",
        ),
        (None, false) => (
            "/respect",
            "has a ReSPECT form but no end-of-life wishes recorded",
        ),
    };
    out.push(
        cx.finding(
            Code::EndOfLifeWishesMissing,
            su.entry,
            pointer,
            format!("{} ({}) {what}", r.name, r.id),
        )
        .help(
            "talk with the person (and those close to them) about what matters at the end of \
             life and record `end_of_life: {discussed_on, wishes, preferred_place}`; if they \
             would rather not talk about it, record `declined_to_discuss: true`",
        ),
    );
}

fn authority_unverified(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    for (i, c) in su.record.contacts.iter().enumerate() {
        if c.lpa != Lpa::None {
            let lacking: Vec<&str> = [
                (c.lpa_registered_on.is_none(), "`lpa_registered_on`"),
                (c.lpa_copy_seen_on.is_none(), "`lpa_copy_seen_on`"),
            ]
            .into_iter()
            .filter_map(|(absent, f)| absent.then_some(f))
            .collect();
            if !lacking.is_empty() {
                out.push(
                    cx.finding(
                        Code::ConsentAuthorityUnverified,
                        su.entry,
                        &format!("/contacts/{i}/lpa"),
                        format!(
                            "{} is recorded as holding an LPA, without {}: it cannot be shown \
                             the LPA is registered and was seen",
                            c.name,
                            lacking.join(" or ")
                        ),
                    )
                    .help(
                        "an LPA can be used only once registered with the Office of the \
                         Public Guardian: see the original or a certified copy (or check it \
                         online with the access code), then record `lpa_registered_on` and \
                         `lpa_copy_seen_on`",
                    ),
                );
            }
        }
        if let Some(d) = &c.deputy
            && d.copy_seen_on.is_none()
        {
            out.push(
                cx.finding(
                    Code::ConsentAuthorityUnverified,
                    su.entry,
                    &format!("/contacts/{i}/deputy"),
                    format!(
                        "{} is recorded as a deputy under an order of {}, but no copy of the \
                         order is recorded as seen",
                        c.name, d.order_date
                    ),
                )
                .help(
                    "see the sealed Court of Protection order (or a certified copy), check what \
                     it covers, then record `copy_seen_on` under `deputy:`",
                ),
            );
        }
    }
}

fn retention(cx: &Context, su: At<ServiceUser>, out: &mut Vec<Finding>) {
    let r = su.record;
    let Some(ended) = r.end_date else { return };
    let review = add_months(ended.0, RETENTION_YEARS * 12);
    if review > cx.today {
        return;
    }
    out.push(
        cx.finding(
            Code::RetentionReviewDue,
            su.entry,
            "/end_date",
            format!(
                "care for {} ({}) ended on {ended}, more than {RETENTION_YEARS} years ago \
                 (retention review was due on {review})",
                r.name, r.id
            ),
        )
        .help(
            "review the records (this person's file, care plans and visit rules) for disposal \
             under the agency's retention policy (Records Management Code of Practice: 8 years \
             after care ends), unless a complaint, claim or inquiry needs them kept",
        ),
    );
}
