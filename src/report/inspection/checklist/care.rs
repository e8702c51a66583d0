//! The care-file audit of a sampled person.

use super::{Item, Status, item};
use crate::check::context::add_months;
use crate::model::ServiceUser;
use crate::model::care_plan::{ConsentStatus, GivenBy, MedicationSupport};
use crate::report::evidence::{capacity_in_doubt, mar_tally};
use crate::report::{Session, text};

/// The person's MAR over the last 28 days: every dose carers give has
/// an outcome.
fn mar_item(s: &Session, u: &ServiceUser) -> Item {
    const WHAT: &str = "Medication administration records (MAR) complete";
    let Some((t, from)) = mar_tally(s, [u.id.as_str()]) else {
        return item(
            WHAT,
            "Reg 12",
            "12",
            Status::NotRecorded,
            "no MAR is kept in the records",
        );
    };
    let status = match (t.due, t.recorded) {
        (0, _) => Status::NotApplicable,
        (d, r) if r >= d => Status::Met,
        (_, 0) => Status::NotMet,
        _ => Status::Partly,
    };
    let mut detail = format!(
        "{} of {} doses carers give since {} recorded",
        t.recorded,
        t.due,
        text::date(from)
    );
    if t.critical > 0 {
        detail.push_str(&format!(
            "; time-critical on time: {} of {}",
            t.critical_on_time, t.critical
        ));
    }
    item(WHAT, "Reg 12", "12", status, detail)
}

/// The care-file audit of a person.
pub fn care_file(s: &Session, u: &ServiceUser) -> Vec<Item> {
    let today = s.options.today;
    let r = &s.records;
    let plan = r.plan_of(u.id.as_str()).filter(|p| p.in_force());
    let mut out = Vec::new();
    let Some(p) = plan else {
        out.push(item(
            "A care plan in force",
            "Reg 9",
            "9",
            Status::NotMet,
            "no care plan in force",
        ));
        return out;
    };
    out.push(item(
        "A care plan in force",
        "Reg 9",
        "9",
        Status::Met,
        format!(
            "{}, assessed {}",
            p.id.as_str(),
            text::date(p.assessed_on.0)
        ),
    ));
    let outcomes = !p.needs.is_empty()
        && p.needs
            .iter()
            .all(|n| !n.outcome.trim().is_empty() && !n.support.trim().is_empty());
    out.push(item(
        "Each need with the outcome the person wants and how carers support it",
        "Reg 9",
        "9",
        if outcomes {
            Status::Met
        } else {
            Status::NotMet
        },
        text::count(p.needs.len(), "need", "needs"),
    ));
    out.push(item(
        "Plan reviewed on time",
        "Reg 9",
        "9",
        if p.review_due.0 >= today {
            Status::Met
        } else {
            Status::NotMet
        },
        format!("review due {}", text::date(p.review_due.0)),
    ));
    let months = r.policy.risk_review_months;
    let late = p
        .risks
        .iter()
        .filter(|k| months > 0 && add_months(k.reviewed_on.0, months) < today)
        .count();
    out.push(item(
        "Risks assessed and reviewed",
        "Reg 12",
        "12",
        match (p.risks.is_empty(), late) {
            (true, _) => Status::NotMet,
            (false, 0) => Status::Met,
            _ => Status::Partly,
        },
        format!(
            "{}; {late} not reviewed within {months} months",
            text::count(p.risks.len(), "risk", "risks")
        ),
    ));
    out.push(consent_item(p));
    out.push(capacity_item(p));
    out.push(match p.medication.as_ref() {
        Some(m)
            if matches!(
                m.support,
                MedicationSupport::Assist | MedicationSupport::Administer
            ) =>
        {
            let ok = !m.items.is_empty() && m.items.iter().all(|i| i.is_described());
            item(
                "Each medicine with its dose and times",
                "Reg 12",
                "12",
                if ok { Status::Met } else { Status::NotMet },
                text::count(m.items.len(), "medicine", "medicines"),
            )
        }
        _ => item(
            "Each medicine with its dose and times",
            "Reg 12",
            "12",
            Status::NotApplicable,
            "carers do not administer or assist with medicines",
        ),
    });
    out.push(mar_item(s, u));
    out.push(item(
        "Visits planned",
        "Reg 9",
        "9",
        if r.rules_of(u.id.as_str()).is_empty() {
            Status::NotMet
        } else {
            Status::Met
        },
        "from the visit rules",
    ));
    out.push(logs_item(s, u));
    out.push(item(
        "GP and contacts recorded",
        "Reg 17",
        "17",
        match (u.gp.is_some(), !u.contacts.is_empty()) {
            (true, true) => Status::Met,
            (false, false) => Status::NotMet,
            _ => Status::Partly,
        },
        format!(
            "GP {}; {}",
            if u.gp.is_some() {
                "recorded"
            } else {
                "not recorded"
            },
            text::count(u.contacts.len(), "contact", "contacts")
        ),
    ));
    out.push(item(
        "Communication needs recorded",
        "Reg 9",
        "9",
        if u.communication.is_some() {
            Status::Met
        } else {
            Status::NotMet
        },
        "the Accessible Information Standard",
    ));
    if let Some(d) = u.dnacpr.as_ref().filter(|d| d.in_place) {
        out.push(item(
            "DNACPR decision dated, with where the form is kept",
            "Reg 9",
            "9",
            if d.date.is_some() && d.form_location.is_some() {
                Status::Met
            } else {
                Status::Partly
            },
            "end-of-life wishes and ReSPECT forms are not recorded",
        ));
    }
    let errors = r
        .findings_about(&[u.id.as_str(), p.id.as_str()])
        .iter()
        .filter(|f| f.severity == crate::diag::Severity::Error)
        .count();
    out.push(item(
        "No errors in the records check",
        "Reg 17",
        "17",
        if errors == 0 {
            Status::Met
        } else {
            Status::NotMet
        },
        text::count(errors, "error", "errors"),
    ));
    out
}

/// The person's visit logs (care delivered, with notes) over the last 4
/// weeks; findings of call monitoring about them.
fn logs_item(s: &Session, u: &ServiceUser) -> Item {
    let what = "Record of the care given (visit logs, daily notes)";
    let today = s.options.today;
    let from = today
        .checked_sub_days(chrono::Days::new(28))
        .unwrap_or(today);
    let logs: Vec<_> = s
        .records
        .index
        .logs_of(u.id.as_str())
        .filter(|l| l.log.record.week.sunday() >= from && l.log.record.week.monday() < today)
        .collect();
    if logs.is_empty() {
        return unrecorded_file(what, "Reg 17", "17");
    }
    let visits: usize = logs.iter().map(|l| l.log.record.visits.len()).sum();
    let mut ids: Vec<&str> = logs.iter().map(|l| l.log.record.id.as_str()).collect();
    ids.push(u.id.as_str());
    let problems = s
        .records
        .findings_about(&ids)
        .iter()
        .filter(|f| f.code.as_str().starts_with("visit/"))
        .count();
    let logged = text::count(visits, "visit", "visits");
    if problems == 0 {
        item(
            what,
            "Reg 17",
            "17",
            Status::Met,
            format!("{logged} logged in the last 4 weeks, with no call-monitoring findings"),
        )
    } else {
        item(
            what,
            "Reg 17",
            "17",
            Status::Partly,
            format!(
                "{logged} logged in the last 4 weeks; {}",
                text::count(problems, "visit finding", "visit findings")
            ),
        )
    }
}

/// Not recorded in a care file: carebook holds no such record.
fn unrecorded_file(what: &str, regulation: &str, regulation_id: &'static str) -> Item {
    item(
        what,
        regulation,
        regulation_id,
        Status::NotRecorded,
        "carebook holds no such records: check the care file",
    )
}

fn consent_item(p: &crate::model::CarePlan) -> Item {
    let (status, detail) = match &p.consent {
        None => (Status::NotMet, "no consent recorded".to_owned()),
        Some(c) if !c.status.allows_care() => {
            (Status::NotMet, format!("consent {}", text::word(&c.status)))
        }
        Some(c) if c.date.is_none() => (Status::Partly, "consent is not dated".to_owned()),
        Some(c) => {
            let who = match c.given_by {
                Some(GivenBy::Lpa) => " by an attorney",
                Some(GivenBy::Deputy) => " by a deputy",
                _ if c.status == ConsentStatus::BestInterests => " (best interests)",
                _ => "",
            };
            (
                Status::Met,
                format!(
                    "recorded{who} on {}",
                    c.date.map(|d| text::date(d.0)).unwrap_or_default()
                ),
            )
        }
    };
    item("Consent to care recorded", "Reg 11", "11", status, detail)
}

fn capacity_item(p: &crate::model::CarePlan) -> Item {
    let what = "Capacity assessment and best-interests decision, where capacity is in doubt";
    match p.consent.as_ref().filter(|c| capacity_in_doubt(c)) {
        None => item(
            what,
            "Reg 11",
            "11",
            Status::NotApplicable,
            "capacity is presumed",
        ),
        Some(c) => {
            let assessed = c.capacity.is_some();
            let decided = c.status != ConsentStatus::BestInterests || c.best_interests.is_some();
            let status = match (assessed, decided) {
                (true, true) => Status::Met,
                (false, false) => Status::NotMet,
                _ => Status::Partly,
            };
            let detail = format!(
                "assessment {}; best-interests decision {}",
                if assessed { "recorded" } else { "not recorded" },
                if c.best_interests.is_some() {
                    "recorded"
                } else if c.status == ConsentStatus::BestInterests {
                    "not recorded"
                } else {
                    "not needed"
                }
            );
            item(what, "Reg 11", "11", status, detail)
        }
    }
}
