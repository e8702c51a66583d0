//! References from governance records: the people, carers and records
//! they name must exist and be of the right kind (`ref/unknown`).

use crate::check::context::Context;
use crate::check::rules::records::reference;
use crate::diag::{Code, Finding};
use crate::load::Entry;
use crate::model::Kind;
use crate::model::values::Id;

/// Adds the reference findings of governance records to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for i in &cx.incidents {
        let (e, r) = (i.entry, i.record);
        let mut refs = Refs { cx, entry: e, out };
        refs.one("/reported_by", r.reported_by.as_ref(), Kind::Carer);
        refs.list("/service_users", &r.service_users, Kind::ServiceUser);
        refs.list("/carers", &r.carers, Kind::Carer);
        if let Some(c) = &r.candour {
            refs.one("/candour/told_by", c.told_by.as_ref(), Kind::Carer);
        }
        if let Some(inv) = &r.investigation {
            refs.one("/investigation/owner", inv.owner.as_ref(), Kind::Carer);
        }
        refs.list("/actions", &r.actions, Kind::Action);
    }
    for c in &cx.complaints {
        let (e, r) = (c.entry, c.record);
        let mut refs = Refs { cx, entry: e, out };
        refs.one("/service_user", r.service_user.as_ref(), Kind::ServiceUser);
        refs.list("/carers", &r.carers, Kind::Carer);
        refs.list("/actions", &r.actions, Kind::Action);
    }
    for a in &cx.quality_audits {
        let (e, r) = (a.entry, a.record);
        let mut refs = Refs { cx, entry: e, out };
        refs.one("/auditor", Some(&r.auditor), Kind::Carer);
        refs.list("/service_users", &r.service_users, Kind::ServiceUser);
        refs.list("/carers", &r.carers, Kind::Carer);
        refs.list("/actions", &r.actions, Kind::Action);
    }
    for a in &cx.actions {
        let (e, r) = (a.entry, a.record);
        let mut refs = Refs { cx, entry: e, out };
        refs.one("/owner", r.owner.as_ref(), Kind::Carer);
        if let Some(by) = &r.raised_by {
            raised_by(cx, e, by, out);
        }
    }
}

struct Refs<'c, 'a, 'o> {
    cx: &'c Context<'a>,
    entry: &'a Entry,
    out: &'o mut Vec<Finding>,
}

impl Refs<'_, '_, '_> {
    fn one(&mut self, pointer: &str, id: Option<&Id>, want: Kind) {
        if let Some(id) = id {
            reference(self.cx, self.entry, pointer, id, want, self.out);
        }
    }

    fn list(&mut self, pointer: &str, ids: &[Id], want: Kind) {
        for (k, id) in ids.iter().enumerate() {
            reference(
                self.cx,
                self.entry,
                &format!("{pointer}/{k}"),
                id,
                want,
                self.out,
            );
        }
    }
}

/// What raised an action: an incident, a complaint or a quality audit.
fn raised_by(cx: &Context, e: &Entry, id: &Id, out: &mut Vec<Finding>) {
    const RAISERS: [Kind; 3] = [Kind::Incident, Kind::Complaint, Kind::QualityAudit];
    let message = match cx.kind_of(id.as_str()) {
        Some(kind) if RAISERS.contains(&kind) => return,
        None if cx.is_unparsed_id(id.as_str()) => return,
        Some(kind) => {
            format!("`{id}` is a {kind} record, not an incident, complaint or quality audit")
        }
        None => format!("no incident, complaint or quality-audit record has the id `{id}`"),
    };
    out.push(cx.finding(Code::RefUnknown, e, "/raised_by", message).help(
        "name the incident, complaint or quality audit that raised the action (copy \
                 its `id:`), or remove `raised_by` and say what raised it under `source`",
    ));
}
