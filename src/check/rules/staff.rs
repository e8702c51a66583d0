//! Rules about staff: pre-employment checks (DBS, right to work,
//! references, business car insurance; the rest of Schedule 3 in
//! `recruitment.rs`), mandatory training (in `training.rs`), assessed
//! competencies (`competence.rs`), supervision and appraisal.
//!
//! They apply to carers still employed (status `active` or `leave`): a
//! carer on leave comes back to work, so their checks and training are kept
//! current too; a leaver's record is history.

use crate::check::context::{At, Context, add_days, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::load::Entry;
use crate::model::carer::{Carer, CarerStatus, TravelMode};
use crate::model::recruitment::References;
use crate::wording::days;
use chrono::NaiveDate;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for carer in cx
        .carers
        .iter()
        .filter(|c| c.record.status != CarerStatus::Leaver)
    {
        dbs(cx, *carer, out);
        right_to_work(cx, *carer, out);
        references(cx, *carer, out);
        driving(cx, *carer, out);
        super::recruitment::check(cx, *carer, out);
        super::training::check(cx, *carer, out);
        super::competence::check(cx, *carer, out);
        supervision(cx, *carer, out);
        appraisal(cx, *carer, out);
    }
}

/// How long ago `date` was: `today`, `1 day ago`, `23 days ago`.
pub(super) fn ago(cx: &Context, date: NaiveDate) -> String {
    match (cx.today - date).num_days() {
        0 => "today".to_owned(),
        n => format!("{} ago", days(n)),
    }
}

/// How far ahead `date` is: `today`, `in 1 day`, `in 12 days`.
pub(super) fn ahead(cx: &Context, date: NaiveDate) -> String {
    match (date - cx.today).num_days() {
        0 => "today".to_owned(),
        n => format!("in {}", days(n)),
    }
}

/// Where to point a finding about something missing inside the top-level
/// field `field`: the field itself when the record has it, else the record's
/// id (the record as a whole).
pub(super) fn within(entry: &Entry, field: &'static str) -> String {
    if entry.tree.value.get(field).is_some() {
        format!("/{field}")
    } else {
        "/id".to_owned()
    }
}

fn dbs(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let Some(dbs) = &r.checks.dbs else {
        out.push(
            cx.finding(
                Code::DbsMissing,
                e,
                &within(e, "checks"),
                format!("no DBS check is recorded for {}", r.name),
            )
            .help(
                "add `dbs: {certificate: \"...\", issued: YYYY-MM-DD, update_service: false}` \
                 under `checks:`; until the check is back, the carer may not work unsupervised",
            ),
        );
        return;
    };
    if dbs.update_service {
        super::recruitment::update_service(cx, c, dbs, out);
        return;
    }
    let years = cx.policy.dbs_renewal_years;
    let due = add_months(dbs.issued.0, years.saturating_mul(12));
    if due < cx.today {
        let age = cx.today.years_since(dbs.issued.0).unwrap_or(0);
        let age = if age == 1 {
            "1 year".to_owned()
        } else {
            format!("{age} years")
        };
        out.push(
            cx.finding(
                Code::DbsRenewalDue,
                e,
                "/checks/dbs/issued",
                format!(
                    "DBS certificate issued {} is {age} old; renew it or join the update service \
                     (renewal was due {due}, {})",
                    dbs.issued,
                    ago(cx, due)
                ),
            )
            .help(format!(
                "apply for a new DBS check and record the new certificate and date, or, once the \
                 carer has joined the DBS update service, set `update_service: true`; the policy \
                 renews every {years} years (`dbs_renewal_years`)"
            )),
        );
    }
}

fn right_to_work(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let Some(rtw) = &r.checks.right_to_work else {
        out.push(
            cx.finding(
                Code::RightToWorkMissing,
                e,
                &within(e, "checks"),
                format!("no right-to-work check is recorded for {}", r.name),
            )
            .help(
                "check the carer's right to work in the UK and add \
                 `right_to_work: {checked_on: YYYY-MM-DD, expires: null}` under `checks:` \
                 (give the expiry date of a time-limited permission instead of null)",
            ),
        );
        return;
    };
    if let Some(expires) = rtw.expires
        && expires.0 < cx.today
    {
        out.push(
            cx.finding(
                Code::RightToWorkExpired,
                e,
                "/checks/right_to_work/expires",
                format!(
                    "{}'s right to work expired on {expires}, {}",
                    r.name,
                    ago(cx, expires.0)
                ),
            )
            .help(
                "do a follow-up right-to-work check (Home Office online check with a share \
                 code) and record its date and the new expiry; the carer must not work without it",
            ),
        );
    } else if let Some(expires) = rtw.expires
        && expires.0 <= add_days(cx.today, cx.policy.expiring_soon_days)
    {
        let left = (expires.0 - cx.today).num_days();
        out.push(
            cx.finding(
                Code::RightToWorkExpiring,
                e,
                "/checks/right_to_work/expires",
                format!(
                    "{}'s right to work ends on {expires}, in {}",
                    r.name,
                    days(left)
                ),
            )
            .help(
                "do the follow-up right-to-work check before it ends (Home Office online \
                 check with a share code) and record its date and the new expiry",
            ),
        );
    }
}

fn references(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let help = "obtain at least two satisfactory references (one from the last employer in care, \
                where there was one) and list each under `references:` in `checks:` as \
                `- {name: ..., relationship: ..., received: YYYY-MM-DD}`";
    let Some(refs) = &r.checks.references else {
        out.push(
            cx.finding(
                Code::ReferencesInsufficient,
                e,
                &within(e, "checks"),
                format!("no references are recorded for {}", r.name),
            )
            .help(help),
        );
        return;
    };
    let n = refs.received();
    if n < 2 {
        out.push(
            cx.finding(
                Code::ReferencesInsufficient,
                e,
                "/checks/references",
                format!(
                    "{} has {n} reference{} on file; 2 are needed",
                    r.name,
                    if n == 1 { "" } else { "s" }
                ),
            )
            .help(help),
        );
    } else if let References::Count(_) = refs {
        out.push(
            cx.finding(
                Code::ReferencesNoDetails,
                e,
                "/checks/references",
                format!(
                    "{}'s references are a number: who gave them, and when, is not recorded",
                    r.name
                ),
            )
            .help(
                "an inspector checks who each referee is (the last employer in care, where there \
                 was one): list them as `- {name: ..., organisation: ..., relationship: ..., \
                 received: YYYY-MM-DD}`",
            ),
        );
    }
}

fn driving(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    if r.travel != TravelMode::Car {
        return;
    }
    let help = "see the carer's certificate of motor insurance that covers business use \
                (commuting alone is not enough) and record `business_insurance_expires:` under \
                `checks: driving:`";
    let expires = r
        .checks
        .driving
        .as_ref()
        .and_then(|d| d.business_insurance_expires);
    let (pointer, message) = match (&r.checks.driving, expires) {
        (None, _) => (
            within(e, "checks"),
            format!(
                "{} travels by car, but no business car insurance is recorded",
                r.name
            ),
        ),
        (Some(_), None) => (
            "/checks/driving".to_owned(),
            format!(
                "{} travels by car, but the business insurance's expiry date is not recorded",
                r.name
            ),
        ),
        (Some(_), Some(date)) if date.0 < cx.today => (
            "/checks/driving/business_insurance_expires".to_owned(),
            format!(
                "{}'s business car insurance expired on {date}, {}",
                r.name,
                ago(cx, date.0)
            ),
        ),
        (Some(_), Some(_)) => return,
    };
    out.push(
        cx.finding(Code::DrivingInsuranceExpired, e, &pointer, message)
            .help(help),
    );
}

/// A regular meeting with a carer (supervision, appraisal): what it is
/// called and where its dates are kept.
struct Meeting {
    code: Code,
    /// `supervision`, `appraisal`.
    name: &'static str,
    /// The top-level field that holds the dates.
    field: &'static str,
    /// The policy key of the interval.
    policy_key: &'static str,
    /// What to do, for the help.
    todo: &'static str,
}

/// Reports `m` overdue when the next meeting, `months` after the last one
/// (`last`: its date and pointer) or, before the first, after the carer's
/// start date, fell before today. A new starter thus has one interval's
/// grace.
fn overdue(
    cx: &Context,
    c: At<Carer>,
    m: &Meeting,
    last: Option<(NaiveDate, String)>,
    months: u32,
    out: &mut Vec<Finding>,
) {
    let (e, r) = (c.entry, c.record);
    if months == 0 {
        return;
    }
    let from = last.as_ref().map_or(r.start_date.0, |(d, _)| *d);
    let due = add_months(from, months);
    if due >= cx.today {
        return;
    }
    let (name, every) = (m.name, interval_words(months));
    let (pointer, message) = match last {
        Some((date, pointer)) => (
            pointer,
            format!(
                "{}'s last {name} was on {date}, {}; the next was due by {due}, {}",
                r.name,
                ago(cx, date),
                ago(cx, due)
            ),
        ),
        None => (
            within(e, m.field),
            format!(
                "{} has had no {name} since starting on {}; the first was due by {due}, {}",
                r.name,
                r.start_date,
                ago(cx, due)
            ),
        ),
    };
    out.push(
        cx.finding(m.code, e, &pointer, message)
            .help(format!("{} (policy: {every}, `{}`)", m.todo, m.policy_key)),
    );
}

fn supervision(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let m = Meeting {
        code: Code::SupervisionOverdue,
        name: "supervision",
        field: "supervisions",
        policy_key: "supervision_interval_months",
        todo: "hold a supervision and add its date to `supervisions:`",
    };
    let last = c
        .record
        .supervisions
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| **d)
        .map(|(i, d)| (d.0, format!("/supervisions/{i}")));
    overdue(cx, c, &m, last, cx.policy.supervision_interval_months, out);
}

fn appraisal(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let m = Meeting {
        code: Code::AppraisalOverdue,
        name: "appraisal",
        field: "appraisal",
        policy_key: "appraisal_interval_months",
        todo: "hold an appraisal and record its date as `appraisal:`",
    };
    let last = c.record.appraisal.map(|d| (d.0, "/appraisal".to_owned()));
    overdue(cx, c, &m, last, cx.policy.appraisal_interval_months, out);
}

/// `every month`, `every 12 months`.
pub(super) fn interval_words(months: u32) -> String {
    if months == 1 {
        "every month".to_owned()
    } else {
        format!("every {months} months")
    }
}
