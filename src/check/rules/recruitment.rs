//! The rest of Schedule 3 (regulation 19): the DBS certificate's level,
//! barred list and update-service status checks; checks done before the
//! start date; proof of identity with a photograph; a full employment
//! history with its gaps explained; and a health declaration.

use super::staff::{ago, within};
use crate::check::context::{At, Context, add_months};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::carer::{Carer, Dbs};
use crate::model::recruitment::{DbsLevel, UPDATE_SERVICE_BEGAN};
use chrono::NaiveDate;

/// Adds the Schedule 3 findings of carer `c` beyond DBS renewal, right to
/// work, references and driving.
pub(super) fn check(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    if let Some(dbs) = &c.record.checks.dbs {
        dbs_level(cx, c, dbs, out);
        dbs_after_start(cx, c, dbs, out);
    }
    right_to_work_after_start(cx, c, out);
    identity(cx, c, out);
    health(cx, c, out);
    employment(cx, c, out);
}

fn dbs_level(cx: &Context, c: At<Carer>, dbs: &Dbs, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    if dbs.level != Some(DbsLevel::Enhanced) {
        let is = match dbs.level {
            None => "its level is not recorded".to_owned(),
            Some(DbsLevel::Basic) => "it is a basic check".to_owned(),
            Some(DbsLevel::Standard) => "it is a standard check".to_owned(),
            Some(DbsLevel::Enhanced) => String::new(),
        };
        out.push(
            cx.finding(
                Code::DbsLevel,
                e,
                "/checks/dbs",
                format!(
                    "{}'s DBS certificate must be enhanced for care work, but {is}",
                    r.name
                ),
            )
            .help(
                "apply for an enhanced DBS check with the adults' barred list, then record \
                 `level: enhanced, barred_list: true` in `dbs:`",
            ),
        );
    }
    if !dbs.barred_list {
        out.push(
            cx.finding(
                Code::DbsBarredList,
                e,
                "/checks/dbs",
                format!(
                    "{}'s DBS check does not record a check of the adults' barred list",
                    r.name
                ),
            )
            .help(
                "care work is regulated activity with adults: the enhanced check must include \
                 the adults' barred list; once it does, record `barred_list: true` in `dbs:`",
            ),
        );
    }
}

/// `update_service: true`: the certificate must be new enough to be on
/// the service, and its status checked within the policy's interval.
pub(super) fn update_service(cx: &Context, c: At<Carer>, dbs: &Dbs, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let (y, m, d) = UPDATE_SERVICE_BEGAN;
    let began = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    if dbs.issued.0 < began {
        out.push(
            cx.finding(
                Code::DbsUpdateServiceInvalid,
                e,
                "/checks/dbs/update_service",
                format!(
                    "{}'s DBS certificate was issued on {}, before the DBS Update Service began \
                     on {began}: it cannot be on the service",
                    r.name, dbs.issued
                ),
            )
            .help(
                "apply for a new enhanced DBS check, have the carer join the update service \
                 with it, and record the new certificate and date",
            ),
        );
        return;
    }
    let months = cx.policy.dbs_status_check_months;
    if months == 0 {
        return;
    }
    let last = dbs
        .status_checks
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| **d);
    let from = last.map_or(dbs.issued.0, |(_, d)| d.0.max(dbs.issued.0));
    let due = add_months(from, months);
    if due >= cx.today {
        return;
    }
    let (pointer, message) = match last {
        Some((i, date)) => (
            format!("/checks/dbs/status_checks/{i}"),
            format!(
                "{}'s last DBS update-service status check was on {date}; the next was due by \
                 {due}, {}",
                r.name,
                ago(cx, due)
            ),
        ),
        None => (
            "/checks/dbs/update_service".to_owned(),
            format!(
                "{} is on the DBS update service, but no status check is recorded since the \
                 certificate of {}; one was due by {due}, {}",
                r.name,
                dbs.issued,
                ago(cx, due)
            ),
        ),
    };
    out.push(
        cx.finding(Code::DbsStatusCheckOverdue, e, &pointer, message)
            .help(format!(
                "do an online status check (with the carer's consent) and add its date to \
                 `status_checks:` in `dbs:`; the agency's policy checks every {months} months \
                 (`dbs_status_check_months`)"
            )),
    );
}

fn dbs_after_start(cx: &Context, c: At<Carer>, dbs: &Dbs, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let start = r.start_date.0;
    if dbs.first_checked() <= start {
        return;
    }
    let bridge = match dbs.adult_first {
        Some(a) => format!("; the Adult First check of {a} came after the start too"),
        None => String::new(),
    };
    out.push(
        cx.finding(
            Code::DbsAfterStart,
            e,
            "/checks/dbs/issued",
            format!(
                "{}'s DBS certificate was issued on {}, after starting work on {start}{bridge}",
                r.name, dbs.issued
            ),
        )
        .help(
            "a carer may start before the certificate only with a DBS Adult First check \
             (record `adult_first: YYYY-MM-DD` in `dbs:`) and supervised until it is back; \
             if this certificate renews an earlier one, record that one's date as \
             `previous_issued: [YYYY-MM-DD]`",
        ),
    );
}

fn right_to_work_after_start(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let Some(rtw) = &r.checks.right_to_work else {
        return;
    };
    if rtw.checked_on.0 <= r.start_date.0 {
        return;
    }
    out.push(
        cx.finding(
            Code::RightToWorkAfterStart,
            e,
            "/checks/right_to_work/checked_on",
            format!(
                "{}'s right to work was checked on {}, after starting work on {}",
                r.name, rtw.checked_on, r.start_date
            ),
        )
        .help(
            "the right-to-work check must be done before employment starts (an Adult First \
             check does not stand in for it); if the dates are wrong, correct them, else \
             record why in the carer's file and review how it happened",
        ),
    );
}

fn identity(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let (pointer, message) = match &r.checks.identity {
        None => (
            within(e, "checks"),
            format!("no proof of identity is recorded for {}", r.name),
        ),
        Some(id) if !id.photo => (
            "/checks/identity".to_owned(),
            format!(
                "{}'s proof of identity is recorded, but no photograph is held",
                r.name
            ),
        ),
        Some(_) => return,
    };
    out.push(
        cx.finding(Code::RecruitmentIdentity, e, &pointer, message)
            .help(
                "see an original photo identity document, keep a recent photograph, and record \
                 `identity: {checked_on: YYYY-MM-DD, document: passport, photo: true}` under \
                 `checks:`",
            ),
    );
}

fn health(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    if r.checks.health_declaration.is_some() {
        return;
    }
    out.push(
        cx.finding(
            Code::RecruitmentHealthDeclaration,
            e,
            &within(e, "checks"),
            format!("no health declaration is recorded for {}", r.name),
        )
        .help(
            "ask the carer to complete a health declaration (physical and mental health as it \
             bears on the work, with reasonable adjustments) and record \
             `health_declaration: YYYY-MM-DD` under `checks:`",
        ),
    );
}

fn employment(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    if r.employment_history.is_empty() {
        out.push(
            cx.finding(
                Code::RecruitmentEmploymentHistory,
                e,
                "/id",
                format!("no employment history is recorded for {}", r.name),
            )
            .help(
                "record the carer's full employment history, each job as `- {from: YYYY-MM-DD, \
                 to: YYYY-MM-DD, employer: ..., role: ...}` and each gap as `- {from: ..., \
                 to: ..., explanation: ...}` under `employment_history:`",
            ),
        );
        return;
    }
    let months = cx.policy.employment_gap_months;
    let mut order: Vec<usize> = (0..r.employment_history.len()).collect();
    order.sort_by_key(|&i| r.employment_history[i].from);
    let start = r.start_date.0;
    // The day after the latest day covered so far.
    let mut covered: Option<NaiveDate> = None;
    let gap = |from: NaiveDate, until: NaiveDate, pointer: String, out: &mut Vec<Finding>| {
        // `from` is the first day not covered, `until` the next covered:
        // a gap of exactly the policy's months is allowed.
        if add_months(from, months) >= until {
            return;
        }
        out.push(
            cx.finding(
                Code::RecruitmentEmploymentGap,
                e,
                &pointer,
                format!(
                    "{}'s employment history has a gap from {from} to {}, with no explanation",
                    r.name,
                    until.pred_opt().unwrap_or(until)
                ),
            )
            .help(format!(
                "ask the carer what they did then and add `- {{from: {from}, to: ..., \
                 explanation: ...}}` to `employment_history:`; the agency's policy asks for an \
                 explanation of any gap over {months} month(s) (`employment_gap_months`)"
            )),
        );
    };
    for &i in &order {
        let p = &r.employment_history[i];
        if let Some(next) = covered
            && p.from.0 > next
        {
            gap(next, p.from.0, format!("/employment_history/{i}/from"), out);
        }
        let end =
            p.to.map_or(start, |t| t.0)
                .succ_opt()
                .unwrap_or(NaiveDate::MAX);
        covered = Some(covered.map_or(end, |c| c.max(end)));
    }
    if let (Some(next), Some(&last)) = (covered, order.last())
        && next < start
    {
        let pointer = if r.employment_history[last].to.is_some() {
            format!("/employment_history/{last}/to")
        } else {
            format!("/employment_history/{last}")
        };
        gap(next, start, pointer, out);
    }
}
