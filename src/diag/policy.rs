//! The one reading of `policy.rules`: a code word mapped to `off`,
//! `warning` or `error`, for `check` and `audit` alike.

use super::code::Code;
use super::nearest::nearest;
use super::severity::{RuleLevel, Severity};
use std::collections::BTreeMap;

/// `policy.rules` as read from `agency.yaml`: code word → level.
pub type Rules = BTreeMap<String, RuleLevel>;

/// The severity of `code` after the agency's `rules`: its default unless
/// a rule says otherwise; `None` when the agency turned it off.
pub fn resolve(code: Code, rules: &Rules) -> Option<Severity> {
    match rules.get(code.as_str()) {
        Some(RuleLevel::Off) => None,
        Some(RuleLevel::Error) => Some(Severity::Error),
        Some(RuleLevel::Warning) => Some(Severity::Warning),
        None => Some(code.default_severity()),
    }
}

/// The words under `rules` that are not codes of any family.
pub fn unknown_rules(rules: &Rules) -> impl Iterator<Item = &str> {
    rules
        .keys()
        .map(String::as_str)
        .filter(|w| Code::from_code(w).is_none())
}

/// How to fix a word under `policy.rules` that is no code: the nearest
/// code of any family, or where the codes are listed.
pub fn unknown_rule_help(word: &str) -> String {
    match nearest(word, Code::ALL.iter().map(|c| c.as_str())) {
        Some(n) => format!("did you mean `{n}`?"),
        None => "see the README for the list of rule codes".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_overrides_and_turns_off() {
        let mut rules = Rules::new();
        rules.insert("audit/late-entry".to_owned(), RuleLevel::Error);
        rules.insert("audit/uncommitted".to_owned(), RuleLevel::Off);
        rules.insert("rota/late".to_owned(), RuleLevel::Error);
        assert_eq!(resolve(Code::AuditLateEntry, &rules), Some(Severity::Error));
        assert_eq!(resolve(Code::AuditUncommitted, &rules), None);
        assert_eq!(resolve(Code::RotaLate, &rules), Some(Severity::Error));
        assert_eq!(
            resolve(Code::AuditShallowHistory, &rules),
            Some(Severity::Error)
        );
    }

    #[test]
    fn misspelt_codes_of_every_family_get_a_suggestion() {
        assert_eq!(
            unknown_rule_help("audit/late-entri"),
            "did you mean `audit/late-entry`?"
        );
        assert_eq!(
            unknown_rule_help("consent/mising"),
            "did you mean `consent/missing`?"
        );
        let mut rules = Rules::new();
        rules.insert("audit/late-entry".to_owned(), RuleLevel::Off);
        rules.insert("audit/late-entri".to_owned(), RuleLevel::Off);
        assert_eq!(
            unknown_rules(&rules).collect::<Vec<_>>(),
            ["audit/late-entri"]
        );
    }
}
