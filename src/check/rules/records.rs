//! Rules about records as a whole: unique ids, NHS number check digits,
//! and references between records.

use crate::check::context::Context;
use crate::diag::Code;
use crate::diag::Finding;
use crate::diag::nearest;
use crate::load::Entry;
use crate::model::Kind;
use crate::model::values::Id;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    duplicate_ids(cx, out);
    nhs_numbers(cx, out);
    references(cx, out);
}

/// One finding per copy of a repeated id. Each copy points at the first
/// (the first at the second), so the findings grow with the copies, not
/// with their square.
fn duplicate_ids(cx: &Context, out: &mut Vec<Finding>) {
    let mut ids: Vec<(&str, &[&Entry])> = cx.duplicates().collect();
    ids.sort_by_key(|(id, _)| *id);
    for (id, entries) in ids {
        for (i, entry) in entries.iter().enumerate() {
            let (other, what) = if i == 0 {
                (entries[1], "also used here")
            } else {
                (entries[0], "first used here")
            };
            out.push(
                cx.finding(
                    Code::RecordDuplicateId,
                    entry,
                    "/id",
                    format!("the id `{id}` is used by {} records", entries.len()),
                )
                .help("give each record its own id; ids are unique across the repository")
                .related(cx.site(other, "/id"), format!("`{id}` is {what}")),
            );
        }
    }
}

fn nhs_numbers(cx: &Context, out: &mut Vec<Finding>) {
    for su in &cx.service_users {
        if !su.record.nhs_number.check_digit_ok() {
            out.push(
                cx.finding(
                    Code::NhsNumberCheckDigit,
                    su.entry,
                    "/nhs_number",
                    format!(
                        "the NHS number `{}` fails its check digit: a digit is wrong or two are swapped",
                        su.record.nhs_number
                    ),
                )
                .help("copy the number again from an NHS letter or the GP record"),
            );
        }
    }
}

/// Checks that `id`, at `pointer` of `entry`, names a record of `want`.
pub(super) fn reference(
    cx: &Context,
    entry: &Entry,
    pointer: &str,
    id: &Id,
    want: Kind,
    out: &mut Vec<Finding>,
) {
    match cx.kind_of(id.as_str()) {
        Some(kind) if kind == want => {}
        None if cx.is_unparsed_id(id.as_str()) => {}
        Some(kind) => out.push(
            cx.finding(
                Code::RefUnknown,
                entry,
                pointer,
                format!("`{id}` is a {kind} record, not a {want}"),
            )
            .help(format!("name a {want} record here")),
        ),
        None => {
            // An id is not a word: a near id is another record (often
            // another person's), never a likely typo, so none is suggested.
            let help = format!(
                "copy the id from the `id:` line of the {want} record meant \
                 (`grep -r '^id:' .` lists every id); if the record was deleted, \
                 restore it from git or remove this reference"
            );
            out.push(
                cx.finding(
                    Code::RefUnknown,
                    entry,
                    pointer,
                    format!("no {want} record has the id `{id}`"),
                )
                .help(help),
            );
        }
    }
}

fn references(cx: &Context, out: &mut Vec<Finding>) {
    for cp in &cx.care_plans {
        let (e, r) = (cp.entry, cp.record);
        reference(
            cx,
            e,
            "/service_user",
            &r.service_user,
            Kind::ServiceUser,
            out,
        );
        reference(cx, e, "/assessed_by", &r.assessed_by, Kind::Carer, out);
        if let Some(consent) = &r.consent {
            if let Some(by) = &consent.recorded_by {
                reference(cx, e, "/consent/recorded_by", by, Kind::Carer, out);
            }
            if let Some(bi) = &consent.best_interests {
                reference(
                    cx,
                    e,
                    "/consent/best_interests/decision_maker",
                    &bi.decision_maker,
                    Kind::Carer,
                    out,
                );
            }
        }
    }
    for cp in &cx.care_plans {
        let (e, r) = (cp.entry, cp.record);
        for (i, review) in r.reviews.iter().enumerate() {
            if let Some(by) = &review.led_by {
                reference(cx, e, &format!("/reviews/{i}/led_by"), by, Kind::Carer, out);
            }
        }
        for (i, d) in r.decisions.iter().enumerate() {
            let at = format!("/decisions/{i}/consent");
            if let Some(by) = &d.consent.recorded_by {
                reference(cx, e, &format!("{at}/recorded_by"), by, Kind::Carer, out);
            }
            if let Some(bi) = &d.consent.best_interests {
                let pointer = format!("{at}/best_interests/decision_maker");
                reference(cx, e, &pointer, &bi.decision_maker, Kind::Carer, out);
            }
        }
        for (i, rp) in r.restrictive_practices.iter().enumerate() {
            if let Some(bi) = &rp.best_interests {
                let pointer = format!("/restrictive_practices/{i}/best_interests/decision_maker");
                reference(cx, e, &pointer, &bi.decision_maker, Kind::Carer, out);
            }
        }
    }
    for su in &cx.service_users {
        if let Some(c) = &su.record.coordinator {
            reference(cx, su.entry, "/coordinator", c, Kind::Carer, out);
        }
    }
    for vr in &cx.visit_rules {
        let (e, r) = (vr.entry, vr.record);
        reference(
            cx,
            e,
            "/service_user",
            &r.service_user,
            Kind::ServiceUser,
            out,
        );
        reference(cx, e, "/care_plan", &r.care_plan, Kind::CarePlan, out);
        for (i, c) in r.preferred_carers.iter().enumerate() {
            reference(
                cx,
                e,
                &format!("/preferred_carers/{i}"),
                c,
                Kind::Carer,
                out,
            );
        }
        for (i, c) in r.excluded_carers.iter().enumerate() {
            reference(cx, e, &format!("/excluded_carers/{i}"), c, Kind::Carer, out);
        }
        if let Some(plan) = cx.care_plan(r.care_plan.as_str())
            && plan.record.service_user != r.service_user
        {
            out.push(
                cx.finding(
                    Code::RefMismatch,
                    e,
                    "/care_plan",
                    format!(
                        "the care plan `{}` belongs to `{}`, but these visit rules are for `{}`",
                        r.care_plan, plan.record.service_user, r.service_user
                    ),
                )
                .help("name the care plan of this service user")
                .related(
                    cx.site(plan.entry, "/service_user"),
                    "the plan's service user",
                ),
            );
        }
        for (i, v) in r.visits.iter().enumerate() {
            if let Some(after) = &v.after
                && !r.visits.iter().any(|o| o.label == after.visit)
            {
                let labels = r.visits.iter().map(|o| o.label.as_str());
                let help = match nearest(&after.visit, labels) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "name the label of another visit in these rules".into(),
                };
                out.push(
                    cx.finding(
                        Code::RefUnknown,
                        e,
                        &format!("/visits/{i}/after/visit"),
                        format!("no visit labelled `{}` in these rules", after.visit),
                    )
                    .help(help),
                );
            }
        }
    }
    for rota in &cx.rotas {
        let (e, r) = (rota.entry, rota.record);
        for (i, v) in r.visits.iter().enumerate() {
            reference(
                cx,
                e,
                &format!("/visits/{i}/service_user"),
                &v.service_user,
                Kind::ServiceUser,
                out,
            );
            for (j, c) in v.carers.iter().enumerate() {
                reference(
                    cx,
                    e,
                    &format!("/visits/{i}/carers/{j}"),
                    c,
                    Kind::Carer,
                    out,
                );
            }
        }
        for (i, u) in r.unassigned.iter().enumerate() {
            reference(
                cx,
                e,
                &format!("/unassigned/{i}/service_user"),
                &u.service_user,
                Kind::ServiceUser,
                out,
            );
        }
    }
}
