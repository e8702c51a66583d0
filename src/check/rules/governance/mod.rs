//! Rules about governance records: incidents (CQC notification,
//! safeguarding referral, duty of candour, investigation, repeated falls),
//! complaints (acknowledgement, response, outcome) and actions (overdue,
//! no owner); with the bad input of each: references to records that do
//! not exist, dates after today, and steps dated before the event.
//!
//! Deadlines come from `policy.governance`; "working days" skip weekends,
//! the bank holidays of the agency's region and its extra days off
//! ([`crate::model::calendar`]).

mod actions;
mod complaints;
mod dates;
mod falls;
mod incidents;
mod links;
mod medication;

use crate::check::context::Context;
use crate::diag::Finding;
use crate::load::Entry;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    links::check(cx, out);
    dates::check(cx, out);
    incidents::check(cx, out);
    falls::check(cx, out);
    complaints::check(cx, out);
    actions::check(cx, out);
    medication::check(cx, out);
}

/// The first of `pointers` that the record has (else the last, which
/// `locate` then narrows to what exists).
fn first_present<'p>(entry: &Entry, pointers: &[&'p str]) -> &'p str {
    pointers
        .iter()
        .copied()
        .find(|p| present(entry, p))
        .or_else(|| pointers.last().copied())
        .unwrap_or("/id")
}

/// Whether the record has a non-null value at `pointer`.
fn present(entry: &Entry, pointer: &str) -> bool {
    let mut node = &entry.tree;
    for seg in pointer.split('/').skip(1) {
        match node.value.get(seg) {
            Some(n) => node = n,
            None => return false,
        }
    }
    !matches!(node.value, crate::load::node::Node::Null)
}
