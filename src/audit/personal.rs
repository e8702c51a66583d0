//! The personal values a record's tree holds (names, streets, postcodes,
//! dates of birth, phone and reference numbers), gathered from every
//! version the audit reads, so `--redact` can scrub the name of someone
//! deleted from the records long ago wherever it still shows (a commit
//! message, a file name, a finding).
//!
//! Read from the raw tree, not the typed record: a version that fails its
//! schema holds the same names.

use crate::load::node::Node;
use crate::model::Kind;
use std::collections::BTreeSet;

/// Personal values, each kind in a set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Personal {
    /// People's names (service users, carers, GPs, contacts, attorneys).
    pub names: BTreeSet<String>,
    /// Address lines.
    pub streets: BTreeSet<String>,
    /// Postcodes, as written.
    pub postcodes: BTreeSet<String>,
    /// Dates of birth, as written.
    pub dates: BTreeSet<String>,
    /// NHS, phone, funding reference and DBS certificate numbers.
    pub numbers: BTreeSet<String>,
}

/// Where values sit: the kind of record and the path in it (`[]` for
/// every item of a list).
type Places = &'static [(Kind, &'static [&'static str])];

/// Where each kind of personal value sits in a record of each kind.
const NAMES: Places = &[
    (Kind::ServiceUser, &["name"]),
    (Kind::ServiceUser, &["preferred_name"]),
    (Kind::ServiceUser, &["gp", "name"]),
    (Kind::ServiceUser, &["contacts", "[]", "name"]),
    (Kind::Carer, &["name"]),
    (Kind::Carer, &["checks", "references", "[]", "name"]),
    (Kind::Carer, &["competencies", "[]", "assessor"]),
    (Kind::Carer, &["competencies", "[]", "signed_off_by"]),
    (Kind::CarePlan, &["consent", "attorney"]),
    (Kind::InspectionJudgement, &["assessor"]),
    (Kind::CarePlan, &["decisions", "[]", "consent", "attorney"]),
    (Kind::Complaint, &["from", "name"]),
];
const STREETS: Places = &[
    (Kind::ServiceUser, &["address", "line1"]),
    (Kind::ServiceUser, &["address", "line2"]),
];
const POSTCODES: Places = &[
    (Kind::ServiceUser, &["address", "postcode"]),
    (Kind::Carer, &["home", "postcode"]),
];
const DATES: Places = &[(Kind::ServiceUser, &["date_of_birth"])];
const NUMBERS: Places = &[
    (Kind::ServiceUser, &["nhs_number"]),
    (Kind::ServiceUser, &["gp", "phone"]),
    (Kind::ServiceUser, &["contacts", "[]", "phone"]),
    (Kind::ServiceUser, &["funding", "reference"]),
    (Kind::Carer, &["phone"]),
    (Kind::Carer, &["checks", "dbs", "certificate"]),
    (Kind::Incident, &["safeguarding", "reference"]),
    (Kind::Incident, &["notification", "reference"]),
    (Kind::Complaint, &["escalation", "reference"]),
];

impl Personal {
    /// Adds the personal values of a record of `kind` with this tree.
    pub fn add(&mut self, kind: Kind, tree: &Node) {
        let sets: [(Places, &mut BTreeSet<String>); 5] = [
            (NAMES, &mut self.names),
            (STREETS, &mut self.streets),
            (POSTCODES, &mut self.postcodes),
            (DATES, &mut self.dates),
            (NUMBERS, &mut self.numbers),
        ];
        for (paths, set) in sets {
            for (_, path) in paths.iter().filter(|(k, _)| *k == kind) {
                collect(tree, path, set);
            }
        }
    }

    /// Adds every value of `other`.
    pub fn extend(&mut self, other: &Personal) {
        self.names.extend(other.names.iter().cloned());
        self.streets.extend(other.streets.iter().cloned());
        self.postcodes.extend(other.postcodes.iter().cloned());
        self.dates.extend(other.dates.iter().cloned());
        self.numbers.extend(other.numbers.iter().cloned());
    }
}

/// The scalars at `path` (`[]` stands for every item of a list).
fn collect(node: &Node, path: &[&str], out: &mut BTreeSet<String>) {
    match path.split_first() {
        None => {
            let text = match node {
                Node::Str(s) => Some(s.clone()),
                Node::Int(i) => Some(i.to_string()),
                _ => None,
            };
            out.extend(text.filter(|t| !t.trim().is_empty()));
        }
        Some((&"[]", rest)) => {
            if let Node::Seq(items) = node {
                items.iter().for_each(|i| collect(&i.value, rest, out));
            }
        }
        Some((key, rest)) => {
            if let Some(child) = node.get(key) {
                collect(&child.value, rest, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_by_kind_and_place() {
        let text = "kind: service-user\nname: Joan Webb\ndate_of_birth: 1931-02-03\n\
                    contacts:\n  - {name: Alan Webb, phone: '0117 496 0000'}\n\
                    medication:\n  - {name: Paracetamol}\n";
        let tree = crate::load::parse::parse(text).expect("parses");
        let mut p = Personal::default();
        p.add(Kind::ServiceUser, &tree.value);
        assert_eq!(
            p.names.iter().collect::<Vec<_>>(),
            ["Alan Webb", "Joan Webb"]
        );
        assert!(p.dates.contains("1931-02-03"));
        assert!(p.numbers.contains("0117 496 0000"));
        let mut carer = Personal::default();
        carer.add(Kind::Carer, &tree.value);
        assert_eq!(carer.names.len(), 1, "a carer's own name only");
    }

    #[test]
    fn attorneys_of_each_decision_are_names() {
        let text = "kind: care-plan\nconsent: {attorney: Alan Webb}\n\
                    decisions:\n  - {decision: medication, consent: {attorney: Rose Webb}}\n";
        let tree = crate::load::parse::parse(text).expect("parses");
        let mut p = Personal::default();
        p.add(Kind::CarePlan, &tree.value);
        assert_eq!(
            p.names.iter().collect::<Vec<_>>(),
            ["Alan Webb", "Rose Webb"]
        );
    }
}
