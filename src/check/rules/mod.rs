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
use rayon::prelude::*;

/// A family's `check`.
type Family = fn(&Context, &mut Vec<Finding>);

/// Every family, in the order their findings are listed.
const FAMILIES: [Family; 15] = [
    records::check,
    policy::check,
    dates::check,
    people::check,
    person::check,
    reviews::check,
    plans::check,
    medicines::check,
    mar::check,
    staff::check,
    visits::check,
    after::check,
    rota::check,
    governance::check,
    delivered::check,
];

/// Runs every family of rules, side by side on the machine's cores (a
/// year of MAR and visit logs makes two of them long); the findings come
/// in the same order as one after another.
pub fn run_all(cx: &Context, out: &mut Vec<Finding>) {
    let found: Vec<Vec<Finding>> = FAMILIES
        .par_iter()
        .map(|family| {
            let mut found = Vec::new();
            family(cx, &mut found);
            found
        })
        .collect();
    out.extend(found.into_iter().flatten());
}
