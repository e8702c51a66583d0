//! The evidence the records hold, for the inspection pack: each item a
//! key the mapping names (`consent`, `dbs`, `course:safeguarding-adults`)
//! and a sentence with counts, marked green when complete, amber when
//! nearly (90% or more), red otherwise.

use super::context::Mark;
use super::records::{next_week, week_of};
use super::{Session, text};
use crate::check::context::add_months;
use crate::model::care_plan::{ConsentStatus, MedicationSupport};
use crate::model::carer::CarerStatus;
use crate::model::service_user::ServiceUserStatus;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The evidence keys carebook computes (besides `course:<name>`).
pub const KEYS: &[&str] = &[
    "care-plans", "plan-reviews", "needs-and-outcomes", "risk-assessments",
    "medication-support", "consent", "capacity", "lpa", "preferences", "continuity",
    "visit-coverage", "rota-coverage", "funded-hours", "dbs", "right-to-work", "references",
    "training", "supervision", "staffing", "records-quality", "audit-trail",
];

/// Whether carebook knows the evidence key.
pub fn is_evidence_key(key: &str) -> bool {
    KEYS.contains(&key) || key.strip_prefix("course:").is_some_and(|c| !c.is_empty())
}

/// One piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// The key, `consent`.
    pub key: String,
    /// What it is, `Consent to care`.
    pub label: String,
    /// What the records show, in a sentence.
    pub value: String,
    /// Complete (green), nearly (amber), short (red), or information.
    pub mark: Mark,
}

fn share(done: usize, of: usize, label: &str, value: String) -> (String, String, Mark) {
    let mark = if of == 0 {
        Mark::none("Nothing to show")
    } else if done == of {
        Mark::ok("Complete")
    } else if done * 10 >= of * 9 {
        Mark::warn(format!("{}%", done * 100 / of))
    } else {
        Mark::bad(format!("{}%", done * 100 / of))
    };
    (label.to_owned(), value, mark)
}

fn info(label: &str, value: String) -> (String, String, Mark) {
    (label.to_owned(), value, Mark::none("For information"))
}

/// Computes the evidence of `key`.
pub fn evidence(s: &Session, key: &str) -> EvidenceView {
    let (label, value, mark) = compute(s, key);
    EvidenceView {
        key: key.to_owned(),
        label,
        value,
        mark,
    }
}

fn compute(s: &Session, key: &str) -> (String, String, Mark) {
    let r = &s.records;
    let today = s.options.today;
    let policy = r.policy;
    let active: Vec<_> = r
        .service_users
        .iter()
        .filter(|u| u.status == ServiceUserStatus::Active)
        .collect();
    let plans: Vec<_> = active
        .iter()
        .filter_map(|u| r.plan_of(u.id.as_str()))
        .filter(|p| p.in_force())
        .collect();
    let staff: Vec<_> = r
        .carers
        .iter()
        .filter(|c| c.status != CarerStatus::Leaver)
        .collect();
    if let Some(course) = key.strip_prefix("course:") {
        let months = policy.mandatory_training.get(course).copied().unwrap_or(0);
        let ok = staff
            .iter()
            .filter(|c| {
                c.training
                    .iter()
                    .filter(|t| t.course == course)
                    .map(|t| t.completed.0)
                    .max()
                    .is_some_and(|d| months == 0 || add_months(d, months) >= today)
            })
            .count();
        let label = text::phrase(course);
        return share(ok, staff.len(), &label, format!("{ok} of {} carers have {label} training in date", staff.len()));
    }
    match key {
        "care-plans" => {
            let n = plans.len();
            share(n, active.len(), "Care plans", format!("{n} of {} people receiving care have a care plan in force", active.len()))
        }
        "plan-reviews" => {
            let ok = plans.iter().filter(|p| p.review_due.0 >= today).count();
            share(ok, plans.len(), "Plan reviews", format!("{ok} of {} plans in force are within their review date", plans.len()))
        }
        "needs-and-outcomes" => {
            let needs: usize = plans.iter().map(|p| p.needs.len()).sum();
            info("Needs and outcomes", format!("{needs} assessed needs across {} plans, each with the outcome the person wants and how carers support it", plans.len()))
        }
        "risk-assessments" => {
            let risks: Vec<_> = plans.iter().flat_map(|p| p.risks.iter()).collect();
            let months = policy.risk_review_months;
            let ok = risks.iter().filter(|k| months == 0 || add_months(k.reviewed_on.0, months) >= today).count();
            let high = risks.iter().filter(|k| text::serde_word(&k.level) == "high").count();
            share(ok, risks.len(), "Risk assessments", format!("{ok} of {} risks reviewed within {months} months ({high} high)", risks.len()))
        }
        "medication-support" => {
            let helped = plans.iter().filter(|p| p.medication.as_ref().is_some_and(|m| matches!(m.support, MedicationSupport::Assist | MedicationSupport::Administer))).count();
            let items: usize = plans.iter().filter_map(|p| p.medication.as_ref()).map(|m| m.items.len()).sum();
            info("Medication support", format!("{helped} people have medicines administered or assisted; {items} medicines listed with dose and times"))
        }
        "consent" => {
            let ok = plans.iter().filter(|p| p.consent.as_ref().is_some_and(|c| matches!(c.status, ConsentStatus::Given | ConsentStatus::BestInterests))).count();
            share(ok, plans.len(), "Consent to care", format!("{ok} of {} plans in force have consent given or a best-interests decision", plans.len()))
        }
        "capacity" => {
            let assessed = plans.iter().filter(|p| p.consent.as_ref().is_some_and(|c| c.capacity.is_some())).count();
            let bi = plans.iter().filter(|p| p.consent.as_ref().is_some_and(|c| c.best_interests.is_some())).count();
            info("Mental capacity", format!("{assessed} plans record a capacity assessment; {bi} a best-interests decision"))
        }
        "lpa" => {
            let n = active.iter().filter(|u| u.contacts.iter().any(|c| c.lpa.covers_welfare())).count();
            info("Attorneys", format!("{n} people have a health-and-welfare attorney recorded among their contacts"))
        }
        "preferences" => {
            let comm = active.iter().filter(|u| u.communication.is_some()).count();
            let pref = active.iter().filter(|u| u.preferred_name.is_some()).count();
            share(comm, active.len(), "Preferences", format!("{comm} of {} people have their communication needs recorded; {pref} a preferred name", active.len()))
        }
        "continuity" => continuity(s),
        "visit-coverage" => {
            let monday = week_of(today).monday();
            let mut visits = 0;
            for u in &active {
                for v in r.rules_of(u.id.as_str()) {
                    for d in 0..7 {
                        let date = monday + chrono::Days::new(d);
                        if v.valid_on(date) {
                            visits += v.visits.iter().filter(|x| x.days.includes(crate::model::values::Day::of(date))).count();
                        }
                    }
                }
            }
            let with_rules = active.iter().filter(|u| !r.rules_of(u.id.as_str()).is_empty()).count();
            share(with_rules, active.len(), "Visits planned", format!("{with_rules} of {} people have visit rules: {visits} visits this week", active.len()))
        }
        "rota-coverage" => {
            let this = week_of(today);
            match r.rota(this).or_else(|| r.rota(next_week(this))) {
                Some(rf) => {
                    let planned = rf.rota.visits.len();
                    let open = rf.rota.unassigned.len();
                    share(planned, planned + open, "Rota", format!("{}: {planned} visits have carers, {open} unassigned", rf.rota.week))
                }
                None => (String::from("Rota"), format!("No rota for {this} or the week after"), Mark::warn("No rota")),
            }
        }
        "funded-hours" => {
            let flagged: HashSet<&str> = r.check.findings.iter().filter(|f| f.code.as_str() == "funding/hours-mismatch").filter_map(|f| f.record.as_deref()).collect();
            let funded: Vec<_> = active.iter().filter(|u| u.funding.as_ref().is_some_and(|f| f.commissioned_hours_per_week.is_some())).collect();
            let ok = funded.iter().filter(|u| !flagged.contains(u.id.as_str())).count();
            share(ok, funded.len(), "Commissioned hours", format!("{ok} of {} people with commissioned hours have visits within 10% of them", funded.len()))
        }
        "dbs" => {
            let ok = staff.iter().filter(|c| c.checks.dbs.as_ref().is_some_and(|d| d.update_service || add_months(d.issued.0, policy.dbs_renewal_years.saturating_mul(12)) >= today)).count();
            share(ok, staff.len(), "DBS checks", format!("{ok} of {} carers have a current DBS check", staff.len()))
        }
        "right-to-work" => {
            let ok = staff.iter().filter(|c| c.checks.right_to_work.as_ref().is_some_and(|w| w.expires.is_none_or(|e| e.0 >= today))).count();
            share(ok, staff.len(), "Right to work", format!("{ok} of {} carers have a current right-to-work check", staff.len()))
        }
        "references" => {
            let ok = staff.iter().filter(|c| c.checks.references.unwrap_or(0) >= 2).count();
            share(ok, staff.len(), "References", format!("{ok} of {} carers have two references on file", staff.len()))
        }
        "training" => {
            let mut done = 0;
            let mut total = 0;
            for c in &staff {
                for (course, months) in &policy.mandatory_training {
                    total += 1;
                    let latest = c.training.iter().filter(|t| &t.course == course).map(|t| t.completed.0).max();
                    if latest.is_some_and(|d| *months == 0 || add_months(d, *months) >= today) {
                        done += 1;
                    }
                }
            }
            share(done, total, "Mandatory training", format!("{done} of {total} mandatory courses in date across {} carers", staff.len()))
        }
        "supervision" => {
            let due = |last: Option<chrono::NaiveDate>, start, months| months == 0 || add_months(last.unwrap_or(start), months) >= today;
            let sup = staff.iter().filter(|c| due(c.supervisions.iter().map(|d| d.0).max(), c.start_date.0, policy.supervision_interval_months)).count();
            let app = staff.iter().filter(|c| due(c.appraisal.map(|d| d.0), c.start_date.0, policy.appraisal_interval_months)).count();
            share(sup.min(app), staff.len(), "Supervision and appraisal", format!("{sup} of {} carers supervised on time; {app} appraised on time", staff.len()))
        }
        "staffing" => {
            let contracted: f64 = staff.iter().filter_map(|c| c.contracted_hours).sum();
            info("Staffing", format!("{} carers employed ({} active), {} contracted hours a week", staff.len(), staff.iter().filter(|c| c.status == CarerStatus::Active).count(), text::hours(contracted)))
        }
        "records-quality" => {
            let sum = &r.check.summary;
            let broken = r.check.findings.iter().filter(|f| super::compliance::area_of(f.code) == "records").count();
            let m = if broken == 0 { Mark::ok("Complete") } else { Mark::bad(text::count(broken, "problem", "problems")) };
            (String::from("Records"), format!("{} files, {} records; {broken} format or reference problems", sum.files, sum.records), m)
        }
        "audit-trail" => {
            let outcome = s.audit();
            match &outcome.audit {
                Some(a) => {
                    let last = a.commits.last().map(|c| text::date(c.commit.time.date_naive())).unwrap_or_else(|| "never".into());
                    let m = if a.summary.errors > 0 { Mark::bad("Gaps") } else if a.summary.warnings > 0 { Mark::warn("Gaps") } else { Mark::ok("Complete") };
                    (String::from("Audit trail"), format!("{} commits changed the records, the last on {last}; {} errors and {} warnings in the history", a.commits.len(), a.summary.errors, a.summary.warnings), m)
                }
                None => (String::from("Audit trail"), outcome.note.clone(), Mark::bad("Not available")),
            }
        }
        other => info(other, "not computed".into()),
    }
}

/// Continuity: distinct carers per person in this week's (or next week's) rota.
fn continuity(s: &Session) -> (String, String, Mark) {
    let r = &s.records;
    let this = week_of(s.options.today);
    let Some(rf) = r.rota(this).or_else(|| r.rota(next_week(this))) else {
        return (String::from("Continuity of carers"), format!("No rota for {this} or the week after"), Mark::warn("No rota"));
    };
    let mut carers: HashMap<&str, HashSet<&str>> = HashMap::new();
    for v in &rf.rota.visits {
        let set = carers.entry(v.service_user.as_str()).or_default();
        set.extend(v.carers.iter().map(|c| c.as_str()));
    }
    let people = carers.len();
    let total: usize = carers.values().map(HashSet::len).sum();
    let most = carers.values().map(HashSet::len).max().unwrap_or(0);
    let avg = if people == 0 { 0.0 } else { total as f64 / people as f64 };
    info("Continuity of carers", format!("{}: {} different carers per person on average, {most} at most", rf.rota.week, text::hours(avg)))
}
