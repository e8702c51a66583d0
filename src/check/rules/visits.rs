//! Rules of the visits family (being written).

use crate::check::context::Context;
use crate::check::finding::Finding;

/// Adds this family's findings to `out`.
pub fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
