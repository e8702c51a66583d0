//! Schedule 3 of the 2014 Regulations for a sampled carer.

use super::{Item, Status, item, unrecorded};
use crate::check::context::add_months;
use crate::model::Carer;
use crate::model::carer::{Role, TravelMode};
use crate::model::recruitment::References;
use crate::report::{Session, text};

/// The Schedule 3 checklist of a carer.
pub fn schedule3(s: &Session, c: &Carer) -> Vec<Item> {
    let today = s.options.today;
    let start = c.start_date.0;
    let policy = s.records.policy;
    let id = "Proof of identity with a recent photograph";
    let mut out = vec![match &c.checks.identity {
        None => unrecorded(id, "Reg 19, Sch 3 para 1", "19"),
        Some(i) => {
            let (status, photo) = if i.photo {
                (Status::Met, "photograph held")
            } else {
                (Status::Partly, "no photograph held")
            };
            let seen = format!(
                "{} seen {}",
                text::serde_word(&i.document),
                text::date(i.checked_on.0)
            );
            item(
                id,
                "Reg 19, Sch 3 para 1",
                "19",
                status,
                format!("{seen}; {photo}"),
            )
        }
    }];
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
            let (status, note) = if d.first_checked() > start {
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
                let when = if issued > start {
                    format!(
                        "issued {}, renewing a check of {} before the start on {}",
                        text::date(issued),
                        text::date(d.first_checked()),
                        text::date(start)
                    )
                } else {
                    format!(
                        "issued {} before the start on {}",
                        text::date(issued),
                        text::date(start)
                    )
                };
                (Status::Met, format!("{when}; {how}"))
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
    let barred = "Adults' barred list checked";
    out.push(match &c.checks.dbs {
        Some(d) if d.barred_list => item(
            barred,
            "Reg 19, Sch 3 para 2",
            "19",
            Status::Met,
            "recorded with the DBS check",
        ),
        Some(_) => item(
            barred,
            "Reg 19, Sch 3 para 2",
            "19",
            Status::NotMet,
            "the DBS check does not record the adults' barred list",
        ),
        None => unrecorded(barred, "Reg 19, Sch 3 para 2", "19"),
    });
    let refs = c.checks.references.as_ref().map_or(0, |r| r.received());
    let named = matches!(c.checks.references, Some(References::Referees(_)));
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
            "{} on file; {}",
            text::count(refs as usize, "reference", "references"),
            if named {
                "each referee recorded"
            } else {
                "referees are not recorded"
            }
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
    let history = "Full employment history, gaps explained in writing";
    out.push(if c.employment_history.is_empty() {
        unrecorded(history, "Reg 19, Sch 3 para 7", "19")
    } else {
        let explained = c
            .employment_history
            .iter()
            .filter(|p| p.explanation.is_some())
            .count();
        item(
            history,
            "Reg 19, Sch 3 para 7",
            "19",
            Status::Met,
            format!(
                "{} recorded, {} explained (unexplained gaps are `recruitment/employment-gap` findings)",
                text::count(c.employment_history.len(), "period", "periods"),
                text::count(explained, "gap", "gaps")
            ),
        )
    });
    let health = "Health declaration relevant to the role";
    out.push(match c.checks.health_declaration {
        None => unrecorded(health, "Reg 19, Sch 3 para 8", "19"),
        Some(d) => item(
            health,
            "Reg 19, Sch 3 para 8",
            "19",
            Status::Met,
            format!("received {}", text::date(d.0)),
        ),
    });
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
