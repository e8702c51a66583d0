//! Complaints: acknowledged and answered within the policy's working
//! days, and given an outcome when closed. Compliments have no deadlines.

use crate::check::context::{At, Context};
use crate::check::rules::staff::ago;
use crate::diag::{Code, Finding};
use crate::model::calendar::Calendar;
use crate::model::governance::Complaint;
use crate::model::governance::complaint::ComplaintStatus;

use super::first_present;

/// Adds the complaint findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let calendar = cx.policy.governance.calendar();
    for c in cx.complaints.iter().filter(|c| c.record.is_complaint()) {
        acknowledgement(cx, &calendar, *c, out);
        response(cx, &calendar, *c, out);
        outcome(cx, *c, out);
    }
}

fn acknowledgement(cx: &Context, calendar: &Calendar, c: At<Complaint>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let limit = cx.policy.governance.complaint_acknowledge_working_days;
    let due = calendar.add_working_days(r.received.0, limit);
    let help = "acknowledge every complaint within `policy.governance.\
                complaint_acknowledge_working_days` working days, saying how it will be \
                handled and when to expect the answer, and record `acknowledged:`";
    match r.acknowledged {
        None if cx.today > due => out.push(
            cx.finding(
                Code::ComplaintAcknowledgementLate,
                e,
                "/received",
                format!(
                    "{} was received on {} and has not been acknowledged (due by {due}, {limit} \
                     working days after; {})",
                    r.id,
                    r.received,
                    ago(cx, due)
                ),
            )
            .help(help),
        ),
        Some(a) if a.0 > due => out.push(
            cx.finding(
                Code::ComplaintAcknowledgementLate,
                e,
                "/acknowledged",
                format!(
                    "{} was acknowledged on {a}, {} working days after it was received; the \
                     policy allows {limit} (due by {due})",
                    r.id,
                    calendar.working_days_between(r.received.0, a.0)
                ),
            )
            .help(help),
        ),
        _ => {}
    }
}

fn response(cx: &Context, calendar: &Calendar, c: At<Complaint>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let limit = cx.policy.governance.complaint_response_working_days;
    let (due, basis) = match r.response_due {
        Some(d) => (d.0, "the date agreed with the complainant".to_owned()),
        None => (
            calendar.add_working_days(r.received.0, limit),
            format!("{limit} working days after it was received"),
        ),
    };
    let help = "send the full response (what was found, what will change, and how to go to the \
                Local Government and Social Care Ombudsman if unhappy) and record \
                `responded:`; if it needs longer, agree a date with the complainant and record \
                it as `response_due`";
    match r.responded {
        None if cx.today > due => out.push(
            cx.finding(
                Code::ComplaintResponseLate,
                e,
                first_present(e, &["/response_due", "/received"]),
                format!(
                    "{} has not been answered: the response was due by {due} ({basis}), {}",
                    r.id,
                    ago(cx, due)
                ),
            )
            .help(help),
        ),
        Some(sent) if sent.0 > due => out.push(
            cx.finding(
                Code::ComplaintResponseLate,
                e,
                "/responded",
                format!(
                    "{} was answered on {sent}, after it was due ({due}, {basis})",
                    r.id
                ),
            )
            .help(help),
        ),
        _ => {}
    }
}

fn outcome(cx: &Context, c: At<Complaint>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    if r.status != ComplaintStatus::Closed || r.outcome.is_some() {
        return;
    }
    out.push(
        cx.finding(
            Code::ComplaintNoOutcome,
            e,
            "/status",
            format!("{} is closed without an outcome", r.id),
        )
        .help(
            "record `outcome:` (upheld, partly-upheld, not-upheld or withdrawn) from the \
             response, or reopen the complaint with `status: open`",
        ),
    );
}
