//! Rules about the agency's policy itself: rule codes named under
//! `policy.rules` must exist (in any family, `check`'s or `audit`'s), or
//! the override silently does nothing.

use crate::check::context::Context;
use crate::diag::{self, Code, Finding};

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(agency) = cx
        .repo
        .entries
        .iter()
        .find(|e| e.kind == crate::model::Kind::Agency)
    else {
        return;
    };
    for code in diag::unknown_rules(&cx.policy.rules) {
        let site = cx.repo.key_site(
            agency,
            &format!(
                "/policy/rules/{}",
                code.replace('~', "~0").replace('/', "~1")
            ),
        );
        out.push(
            Finding::new(
                Code::SchemaEnum,
                site,
                format!("`{code}` is not a rule code"),
            )
            .help(diag::unknown_rule_help(code)),
        );
    }
}
