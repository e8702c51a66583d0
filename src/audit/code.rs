//! The audit's finding codes. They are not in `check`'s table, which must
//! equal the format page's findings table; they are overridable under
//! `policy.rules` all the same, and documented in the README.

use crate::check::Severity;
use crate::model::agency::RuleLevel;
use std::collections::BTreeMap;

/// A finding code of `carebook audit`, such as `audit/late-entry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AuditCode {
    /// A care plan in force while its consent is missing, refused or withdrawn.
    ActiveWithoutConsent,
    /// Needs, risks, medication or visits changed after consent, and consent not re-dated.
    ChangedAfterConsent,
    /// A dated event committed long after the date it claims.
    LateEntry,
    /// A dated event moved to an earlier date.
    BackdatedEdit,
    /// Record files that differ from HEAD.
    Uncommitted,
    /// The repository is a shallow clone.
    ShallowHistory,
}

impl AuditCode {
    /// Every audit code, in the order of the README's table.
    pub const ALL: [AuditCode; 6] = [
        AuditCode::ActiveWithoutConsent,
        AuditCode::ChangedAfterConsent,
        AuditCode::LateEntry,
        AuditCode::BackdatedEdit,
        AuditCode::Uncommitted,
        AuditCode::ShallowHistory,
    ];

    /// The code as written, e.g. `audit/late-entry`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditCode::ActiveWithoutConsent => "audit/active-without-consent",
            AuditCode::ChangedAfterConsent => "audit/changed-after-consent",
            AuditCode::LateEntry => "audit/late-entry",
            AuditCode::BackdatedEdit => "audit/backdated-edit",
            AuditCode::Uncommitted => "audit/uncommitted",
            AuditCode::ShallowHistory => "audit/shallow-history",
        }
    }

    /// The severity unless `policy.rules` says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            AuditCode::ActiveWithoutConsent | AuditCode::ShallowHistory => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// When the finding is made, in one line.
    pub fn summary(self) -> &'static str {
        match self {
            AuditCode::ActiveWithoutConsent => {
                "a commit in which a care plan is active while its consent is missing, refused or withdrawn"
            }
            AuditCode::ChangedAfterConsent => {
                "needs, risks, medication or visits changed after consent was recorded, and consent not re-dated since"
            }
            AuditCode::LateEntry => {
                "a dated event committed more than `policy.late_entry_days` after the date it claims"
            }
            AuditCode::BackdatedEdit => "a dated field moved to an earlier date than it had before",
            AuditCode::Uncommitted => "records that differ from HEAD: not yet in the audit trail",
            AuditCode::ShallowHistory => {
                "the repository is a shallow clone, so the history is incomplete"
            }
        }
    }

    /// The code written as `word`.
    pub fn from_code(word: &str) -> Option<AuditCode> {
        AuditCode::ALL.into_iter().find(|c| c.as_str() == word)
    }

    /// The severity after `policy.rules`; `None` when the agency turned it off.
    pub fn severity(self, rules: &BTreeMap<String, RuleLevel>) -> Option<Severity> {
        match rules.get(self.as_str()) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Error) => Some(Severity::Error),
            Some(RuleLevel::Warning) => Some(Severity::Warning),
            None => Some(self.default_severity()),
        }
    }
}

impl std::fmt::Display for AuditCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `code` is an audit code (so `policy.rules` may name it).
pub fn is_audit_code(code: &str) -> bool {
    AuditCode::from_code(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for c in AuditCode::ALL {
            assert!(seen.insert(c.as_str()));
            assert_eq!(AuditCode::from_code(c.as_str()), Some(c));
            assert!(c.as_str().starts_with("audit/"));
        }
        assert!(!is_audit_code("consent/missing"));
    }

    #[test]
    fn policy_overrides_and_turns_off() {
        let mut rules = BTreeMap::new();
        rules.insert("audit/late-entry".to_owned(), RuleLevel::Error);
        rules.insert("audit/uncommitted".to_owned(), RuleLevel::Off);
        assert_eq!(AuditCode::LateEntry.severity(&rules), Some(Severity::Error));
        assert_eq!(AuditCode::Uncommitted.severity(&rules), None);
        assert_eq!(
            AuditCode::ShallowHistory.severity(&rules),
            Some(Severity::Error)
        );
    }
}
