//! Dates in governance records: what has happened cannot lie after today
//! (`date/in-future`), and no step can come before the event it follows
//! (`incident/before-occurred`, `complaint/before-received`). Due dates
//! may lie ahead and are not judged here.

use crate::check::context::Context;
use crate::check::rules::dates::Dates;
use crate::diag::{Code, Finding};
use crate::model::values::Date;

/// Adds the date findings of governance records to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for i in &cx.incidents {
        let r = i.record;
        let mut steps: Vec<(&str, Option<Date>, &str)> =
            vec![("/reported", r.reported, "the report")];
        if let Some(s) = &r.safeguarding {
            steps.push((
                "/safeguarding/referred",
                s.referred,
                "the safeguarding referral",
            ));
        }
        if let Some(n) = &r.notification {
            steps.push(("/notification/sent", n.sent, "the CQC notification"));
        }
        if let Some(c) = &r.candour {
            steps.push(("/candour/told", c.told, "telling the person in person"));
            steps.push(("/candour/written", c.written, "the written notice"));
        }
        if let Some(inv) = &r.investigation {
            steps.push((
                "/investigation/completed",
                inv.completed,
                "the investigation's completion",
            ));
        }
        let mut d = Dates::new(cx, i.entry, out);
        d.future("/occurred", Some(r.occurred), "the incident");
        for (pointer, date, what) in &steps {
            d.future(pointer, *date, what);
            d.before(
                Code::IncidentBeforeOccurred,
                pointer,
                *date,
                what,
                r.occurred,
                "the incident occurred",
            );
        }
    }
    for c in &cx.complaints {
        let r = c.record;
        let mut d = Dates::new(cx, c.entry, out);
        d.future("/received", Some(r.received), "the complaint's receipt");
        let mut steps = vec![
            ("/acknowledged", r.acknowledged, "the acknowledgement"),
            ("/responded", r.responded, "the response"),
        ];
        if let Some(esc) = &r.escalation {
            steps.push((
                "/escalation/referred",
                Some(esc.referred),
                "the referral to the ombudsman",
            ));
        }
        for (pointer, date, what) in steps {
            d.future(pointer, date, what);
            d.before(
                Code::ComplaintBeforeReceived,
                pointer,
                date,
                what,
                r.received,
                "it was received",
            );
        }
    }
    for a in &cx.quality_audits {
        let mut d = Dates::new(cx, a.entry, out);
        d.future("/date", Some(a.record.date), "the audit");
    }
    for a in &cx.actions {
        let mut d = Dates::new(cx, a.entry, out);
        d.future("/raised", Some(a.record.raised), "raising the action");
        d.future("/done", a.record.done, "the action's completion");
    }
}
