//! The rules, one module per family. Each family has a `check` that adds
//! its findings to a list.

pub mod after;
mod competence;
mod consent;
pub mod dates;
pub mod delivered;
pub mod governance;
pub mod mar;
mod mca;
pub mod medicines;
pub mod people;
mod person;
pub mod plans;
pub mod policy;
pub mod records;
mod recruitment;
mod reviews;
pub mod rota;
mod short_call;
pub mod staff;
mod training;
pub mod visits;

use super::context::Context;
use crate::diag::Finding;

/// Runs every family of rules.
pub fn run_all(cx: &Context, out: &mut Vec<Finding>) {
    records::check(cx, out);
    policy::check(cx, out);
    dates::check(cx, out);
    people::check(cx, out);
    person::check(cx, out);
    reviews::check(cx, out);
    plans::check(cx, out);
    medicines::check(cx, out);
    mar::check(cx, out);
    staff::check(cx, out);
    visits::check(cx, out);
    after::check(cx, out);
    rota::check(cx, out);
    governance::check(cx, out);
    delivered::check(cx, out);
}
