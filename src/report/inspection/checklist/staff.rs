//! Schedule 3 of the 2014 Regulations for a sampled carer.

use super::{Item, Status, item, unrecorded};
use crate::check::context::add_months;
use crate::model::Carer;
use crate::model::carer::{Role, TravelMode};
use crate::report::{Session, text};

/// The Schedule 3 checklist of a carer.
pub fn schedule3(s: &Session, c: &Carer) -> Vec<Item> {
    let today = s.options.today;
    let start = c.start_date.0;
    let policy = s.records.policy;
    let mut out = vec![unrecorded(
        "Proof of identity with a recent photograph",
        "Reg 19, Sch 3 para 1",
        "19",
    )];
    out.push(match &c.checks.dbs {
        None => item(
            "Enhanced DBS certificate",
            "Reg 19, Sch 3 paras 2-3",
            "19",
            Status::NotMet,
            "no DBS certificate recorded",
        ),
        Some(d) => {
            let issued = d.issued.0;
            let renew = add_months(issued, policy.dbs_renewal_years.saturating_mul(12));
            let (status, note) = if issued > start {
                (
                    Status::Partly,
                    format!(
                        "issued {}, after the start on {}: the check in place before the \
                         start (or an Adult First check) is not recorded",
                        text::date(issued),
                        text::date(start)
                    ),
                )
            } else if d.update_service || renew >= today {
                let how = if d.update_service {
                    "on the Update Service"
                } else {
                    "within the agency's renewal period"
                };
                (
                    Status::Met,
                    format!(
                        "issued {} before the start on {}; {how}",
                        text::date(issued),
                        text::date(start)
                    ),
                )
            } else {
                (
                    Status::Partly,
                    format!(
                        "issued {}, older than the agency's {} years and not on the Update \
                         Service",
                        text::date(issued),
                        policy.dbs_renewal_years
                    ),
                )
            };
            item(
                "Enhanced DBS certificate",
                "Reg 19, Sch 3 paras 2-3",
                "19",
                status,
                note,
            )
        }
    });
    out.push(unrecorded(
        "Adults' barred list checked",
        "Reg 19, Sch 3 para 2",
        "19",
    ));
    let refs = c.checks.references.unwrap_or(0);
    let status = match refs {
        0 => Status::NotMet,
        1 => Status::Partly,
        _ => Status::Met,
    };
    out.push(item(
        "Evidence of conduct in previous care work (references)",
        "Reg 19, Sch 3 para 4",
        "19",
        status,
        format!(
            "{} on file; referees are not recorded",
            text::count(refs as usize, "reference", "references")
        ),
    ));
    out.push(unrecorded(
        "Why previous care or children's work ended, verified",
        "Reg 19, Sch 3 para 5",
        "19",
    ));
    out.push(if c.role == Role::Nurse {
        unrecorded(
            "Professional registration and qualifications (NMC)",
            "Reg 19, Sch 3 para 6",
            "19",
        )
    } else {
        item(
            "Professional registration and qualifications",
            "Reg 19, Sch 3 para 6",
            "19",
            Status::NotApplicable,
            "not a health care professional's role",
        )
    });
    out.push(unrecorded(
        "Full employment history, gaps explained in writing",
        "Reg 19, Sch 3 para 7",
        "19",
    ));
    out.push(unrecorded(
        "Health declaration relevant to the role",
        "Reg 19, Sch 3 para 8",
        "19",
    ));
    out.push(match &c.checks.right_to_work {
        None => item(
            "Right to work in the UK",
            "Immigration, Asylum and Nationality Act 2006",
            "19",
            Status::NotMet,
            "no right-to-work check recorded",
        ),
        Some(w) => {
            let checked = w.checked_on.0;
            let (status, mut note) = if checked > start {
                (
                    Status::Partly,
                    format!(
                        "checked {}, after the start on {}",
                        text::date(checked),
                        text::date(start)
                    ),
                )
            } else {
                (
                    Status::Met,
                    format!("checked {} before the start", text::date(checked)),
                )
            };
            let mut status = status;
            match w.expires {
                Some(e) if e.0 < today => {
                    status = Status::NotMet;
                    note = format!("{note}; expired {}", text::date(e.0));
                }
                Some(e) => note = format!("{note}; time-limited, to {}", text::date(e.0)),
                None => {}
            }
            item(
                "Right to work in the UK",
                "Immigration, Asylum and Nationality Act 2006",
                "19",
                status,
                note,
            )
        }
    });
    if c.travel == TravelMode::Car {
        let d = c.checks.driving.as_ref();
        let licence = d.and_then(|d| d.licence_checked_on);
        let insured = d.and_then(|d| d.business_insurance_expires);
        let status = match (licence, insured) {
            (Some(_), Some(i)) if i.0 >= today => Status::Met,
            (None, None) => Status::NotMet,
            _ => Status::Partly,
        };
        let said = |d: Option<crate::model::values::Date>, what: &str| {
            d.map_or_else(
                || format!("{what} not recorded"),
                |d| format!("{what} {}", text::date(d.0)),
            )
        };
        out.push(item(
            "Driving licence and business insurance",
            "Reg 12 (travel between visits)",
            "12",
            status,
            format!(
                "{}; {}",
                said(licence, "licence checked"),
                said(insured, "insurance to")
            ),
        ));
    }
    out
}
