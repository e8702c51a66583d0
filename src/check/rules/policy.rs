//! Rules about the agency's policy itself: rule codes named under
//! `policy.rules` must exist, or the override silently does nothing.

use crate::check::code::Code;
use crate::check::context::Context;
use crate::check::finding::Finding;
use crate::schema::suggest::nearest;

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
    for code in cx.policy.rules.keys() {
        if Code::from_code(code).is_none() && !crate::audit::is_audit_code(code) {
            let help = match nearest(code, Code::ALL.iter().map(|c| c.as_str())) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "see the README for the list of rule codes".into(),
            };
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
                .help(help),
            );
        }
    }
}
