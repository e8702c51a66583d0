//! The rules, one module per family. Each family has a `check` that adds
//! its findings to a list.

pub mod after;
pub mod dates;
pub mod delivered;
pub mod mar;
pub mod medicines;
pub mod people;
pub mod plans;
pub mod policy;
pub mod records;
pub mod rota;
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
    plans::check(cx, out);
    medicines::check(cx, out);
    mar::check(cx, out);
    staff::check(cx, out);
    visits::check(cx, out);
    after::check(cx, out);
    rota::check(cx, out);
    delivered::check(cx, out);
}
