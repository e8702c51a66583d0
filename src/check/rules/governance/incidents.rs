//! Incidents: the CQC notification of a notifiable incident, the
//! safeguarding referral of an allegation of abuse, the duty of candour
//! for moderate harm or worse, and the investigation's due date.

use crate::check::context::{At, Context, add_days};
use crate::check::rules::staff::ago;
use crate::diag::{Code, Finding};
use crate::model::calendar::Calendar;
use crate::model::governance::Incident;
use crate::wording::days;

use super::first_present;

/// Adds the incident findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let calendar = cx.policy.governance.calendar();
    for i in &cx.incidents {
        notification(cx, *i, out);
        safeguarding(cx, *i, out);
        candour(cx, &calendar, *i, out);
        investigation(cx, *i, out);
    }
}

/// Why the incident is notifiable, in a few words.
fn why_notifiable(r: &Incident) -> String {
    use crate::model::governance::incident::{Harm, IncidentType};
    if r.kind == IncidentType::Death || r.harm == Harm::Death {
        "a death".into()
    } else if r.abuse_suspected() {
        "an allegation or suspicion of abuse".into()
    } else if r.kind == IncidentType::PoliceInvolvement || r.police_involved {
        "an incident the police were involved in".into()
    } else {
        "a serious injury (severe harm)".into()
    }
}

fn notification(cx: &Context, i: At<Incident>, out: &mut Vec<Finding>) {
    let (e, r) = (i.entry, i.record);
    let note = r.notification.as_ref();
    if !r.notifiable() || note.is_some_and(|n| n.not_required.is_some()) {
        return;
    }
    let limit = cx.policy.governance.notification_days;
    let due = add_days(r.known_on().0, limit);
    let regulation = if r.kind == crate::model::governance::incident::IncidentType::Death {
        "regulation 16"
    } else {
        "regulation 18"
    };
    match note.and_then(|n| n.sent) {
        None if cx.today > due => out.push(
            cx.finding(
                Code::IncidentNotificationOverdue,
                e,
                first_present(e, &["/notification", "/type"]),
                format!(
                    "{} is {}, notifiable to CQC, but no notification is recorded \
                     (due by {due}, {})",
                    r.id,
                    why_notifiable(r),
                    ago(cx, due)
                ),
            )
            .help(format!(
                "notify CQC now through the provider portal ({regulation} of the 2009 \
                 Regulations: \"without delay\") and record `notification: {{sent: YYYY-MM-DD, \
                 reference: ...}}`; if it is not notifiable, say why under \
                 `notification: {{not_required: ...}}`"
            )),
        ),
        Some(sent) if sent.0 > due => out.push(
            cx.finding(
                Code::IncidentNotificationLate,
                e,
                "/notification/sent",
                format!(
                    "the CQC notification of {} was sent on {sent}, {} after the agency knew \
                     of it; the policy allows {}",
                    r.id,
                    days((sent.0 - r.known_on().0).num_days()),
                    days(i64::from(limit))
                ),
            )
            .help(
                "note in the investigation why it was late, and what will make the next \
                 notification go without delay (`policy.governance.notification_days`)",
            ),
        ),
        _ => {}
    }
}

fn safeguarding(cx: &Context, i: At<Incident>, out: &mut Vec<Finding>) {
    let (e, r) = (i.entry, i.record);
    if !r.abuse_suspected()
        || r.safeguarding
            .as_ref()
            .is_some_and(|s| s.referred.is_some())
    {
        return;
    }
    let due = add_days(
        r.known_on().0,
        cx.policy.governance.safeguarding_referral_days,
    );
    if cx.today <= due {
        return;
    }
    out.push(
        cx.finding(
            Code::IncidentSafeguardingMissing,
            e,
            first_present(e, &["/safeguarding", "/type"]),
            format!(
                "{} is an allegation or suspicion of abuse, but no safeguarding referral to \
                 the local authority is recorded (due by {due}, {})",
                r.id,
                ago(cx, due)
            ),
        )
        .help(
            "make the referral to the local authority's adult safeguarding team today \
             (regulation 13) and record `safeguarding: {concern: true, referred: YYYY-MM-DD, \
             reference: ...}`",
        ),
    );
}

fn candour(cx: &Context, calendar: &Calendar, i: At<Incident>, out: &mut Vec<Finding>) {
    let (e, r) = (i.entry, i.record);
    let c = r.candour.as_ref();
    if !r.candour_applies() || c.is_some_and(|c| c.not_possible.is_some()) {
        return;
    }
    let limit = cx.policy.governance.candour_working_days;
    let due = calendar.add_working_days(r.known_on().0, limit);
    let told = c.and_then(|c| c.told);
    let written = c.and_then(|c| c.written);
    let mut missing = Vec::new();
    if told.is_none() {
        missing.push("telling the person in person, with an apology");
    }
    if written.is_none() {
        missing.push("the written notice and apology");
    }
    if !missing.is_empty() && cx.today > due {
        out.push(
            cx.finding(
                Code::IncidentCandourMissing,
                e,
                first_present(e, &["/candour", "/harm"]),
                format!(
                    "{} did {} harm, a notifiable safety incident, but the duty of candour's \
                     steps are not recorded: {} (due by {due}, {limit} working days after)",
                    r.id,
                    r.harm.word(),
                    missing.join("; ")
                ),
            )
            .help(
                "tell the person (or their representative) what happened and apologise, then \
                 send the written notice (regulation 20), and record `candour: {told: \
                 YYYY-MM-DD, told_by: C-..., written: YYYY-MM-DD}`; if they declined or could \
                 not be reached, record why under `not_possible`",
            ),
        );
    }
    if let Some(w) = written
        && w.0 > due
    {
        out.push(
            cx.finding(
                Code::IncidentCandourLate,
                e,
                "/candour/written",
                format!(
                    "the written notice of {} was sent on {w}, {} working days after the \
                     agency knew; the policy allows {limit} (due by {due})",
                    r.id,
                    calendar.working_days_between(r.known_on().0, w.0)
                ),
            )
            .help(
                "send the written notice within `policy.governance.candour_working_days` of \
                 learning of the incident; note in the investigation why it was late",
            ),
        );
    }
}

fn investigation(cx: &Context, i: At<Incident>, out: &mut Vec<Finding>) {
    let (e, r) = (i.entry, i.record);
    let Some(inv) = &r.investigation else {
        return;
    };
    if inv.completed.is_some() || inv.due.0 >= cx.today {
        return;
    }
    out.push(
        cx.finding(
            Code::IncidentInvestigationOverdue,
            e,
            "/investigation/due",
            format!(
                "the investigation of {} was due on {}, {}, and is not completed",
                r.id,
                inv.due,
                ago(cx, inv.due.0)
            ),
        )
        .help(
            "complete the investigation and record `completed:`, its `outcome` and \
             `lessons`; if it needs longer, agree a new `due` date and say why",
        ),
    );
}
