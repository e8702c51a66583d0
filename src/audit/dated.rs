//! Dated events a record claims (consent, assessment, review, training)
//! and the two findings about them: `audit/late-entry`, an event committed
//! long after the date it claims, and `audit/backdated-edit`, an event's
//! date moved earlier.
//!
//! Only these event dates are judged: dates of plans for the future
//! (`review_due`, `effective_from`) may rightly move either way.

use super::finding::AuditFinding;
use super::history::CommitMeta;
use super::keys::item_key;
use super::version::Version;
use crate::diag::Code;
use crate::load::node::{Node, pos_of};
use crate::model::Kind;
use crate::model::values::Date;
use chrono::NaiveDate;
use serde_saphyr::Spanned;

/// A date a record says something happened on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedEvent {
    /// The field, as the diff names it: `training[medication].completed`.
    pub field: String,
    /// What happened, in words: `consent`, `training`.
    pub what: &'static str,
    /// The date claimed.
    pub date: NaiveDate,
    /// Its line.
    pub line: u32,
    /// One date among several in a list (`supervisions`): it can be added
    /// late, but not moved.
    pub in_list: bool,
}

/// Single dated fields: (kind, path, what).
const FIELDS: &[(Kind, &[&str], &str)] = &[
    (Kind::CarePlan, &["assessed_on"], "assessment"),
    (Kind::CarePlan, &["consent", "date"], "consent"),
    (
        Kind::CarePlan,
        &["consent", "capacity", "assessed_on"],
        "capacity assessment",
    ),
    (
        Kind::CarePlan,
        &["consent", "best_interests", "date"],
        "best-interests decision",
    ),
    (Kind::Carer, &["appraisal"], "appraisal"),
    (Kind::Incident, &["occurred"], "incident"),
    (Kind::Incident, &["reported"], "incident report"),
    (
        Kind::Incident,
        &["safeguarding", "referred"],
        "safeguarding referral",
    ),
    (
        Kind::Incident,
        &["notification", "sent"],
        "CQC notification",
    ),
    (
        Kind::Incident,
        &["candour", "told"],
        "duty of candour (told)",
    ),
    (
        Kind::Incident,
        &["candour", "written"],
        "duty of candour (written notice)",
    ),
    (
        Kind::Incident,
        &["investigation", "completed"],
        "investigation",
    ),
    (Kind::Complaint, &["received"], "complaint"),
    (
        Kind::Complaint,
        &["acknowledged"],
        "complaint acknowledgement",
    ),
    (Kind::Complaint, &["responded"], "complaint response"),
    (
        Kind::Complaint,
        &["escalation", "referred"],
        "ombudsman referral",
    ),
    (Kind::QualityAudit, &["date"], "quality audit"),
    (Kind::Action, &["raised"], "action raised"),
    (Kind::Action, &["done"], "action done"),
];

/// Dated fields of list items: (kind, list, field, what).
const ITEM_FIELDS: &[(Kind, &str, &str, &str)] = &[
    (Kind::CarePlan, "risks", "reviewed_on", "risk review"),
    (Kind::Carer, "training", "completed", "training"),
];

/// Lists of dates: (kind, list, what).
const DATE_LISTS: &[(Kind, &str, &str)] = &[(Kind::Carer, "supervisions", "supervision")];

/// Whether records of `kind` hold dated events to judge.
pub fn judges(kind: Kind) -> bool {
    FIELDS.iter().any(|f| f.0 == kind)
        || ITEM_FIELDS.iter().any(|f| f.0 == kind)
        || DATE_LISTS.iter().any(|f| f.0 == kind)
}

fn date(node: &Spanned<Node>) -> Option<NaiveDate> {
    node.value.as_str()?.parse::<Date>().ok().map(|d| d.0)
}

fn at<'a>(tree: &'a Spanned<Node>, path: &[&str]) -> Option<&'a Spanned<Node>> {
    path.iter().try_fold(tree, |node, key| node.value.get(key))
}

/// Every dated event in one version of a record of `kind`.
pub fn events(kind: Option<Kind>, version: &Version) -> Vec<DatedEvent> {
    let (Some(kind), Some(tree)) = (kind, version.tree()) else {
        return Vec::new();
    };
    let event = |field: String, top: &str, what: &'static str, node: &Spanned<Node>, in_list| {
        Some(DatedEvent {
            field,
            what,
            date: date(node)?,
            line: version.line(top, pos_of(node).line),
            in_list,
        })
    };
    let mut out = Vec::new();
    for (_, path, what) in FIELDS.iter().filter(|f| f.0 == kind) {
        if let Some(node) = at(tree, path) {
            let top = path.first().copied().unwrap_or_default();
            out.extend(event(path.join("."), top, what, node, false));
        }
    }
    for (_, list, field, what) in ITEM_FIELDS.iter().filter(|f| f.0 == kind) {
        let Some(Node::Seq(items)) = tree.value.get(list).map(|n| &n.value) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let key = item_key(list, &item.value).unwrap_or_else(|| i.to_string());
            if let Some(node) = item.value.get(field) {
                let name = format!("{list}[{key}].{field}");
                out.extend(event(name, list, what, node, false));
            }
        }
    }
    for (_, list, what) in DATE_LISTS.iter().filter(|f| f.0 == kind) {
        if let Some(Node::Seq(items)) = tree.value.get(list).map(|n| &n.value) {
            out.extend(
                items
                    .iter()
                    .filter_map(|n| event((*list).to_owned(), list, what, n, true)),
            );
        }
    }
    out
}

/// What a commit did to one record, for judging its dates.
pub struct Judged<'a> {
    /// The commit.
    pub commit: &'a CommitMeta,
    /// The record's name.
    pub record: &'a str,
    /// The file at that commit.
    pub file: &'a str,
    /// Events before the commit (none for a new record).
    pub before: &'a [DatedEvent],
    /// Events after it.
    pub after: &'a [DatedEvent],
    /// Events before this date are not judged late: a carer's training
    /// from before they joined is recorded when they join.
    pub not_before: Option<NaiveDate>,
}

/// Events new in this commit and committed more than `allowed` days after
/// the date they claim, by the committer date.
pub fn late_entries(j: &Judged, allowed: u32) -> Vec<AuditFinding> {
    let committed = j.commit.time.date_naive();
    j.after
        .iter()
        .filter(|e| !j.before.iter().any(|b| b.field == e.field && b.date == e.date))
        .filter(|e| j.not_before.is_none_or(|start| e.date >= start))
        .filter_map(|e| {
            let days = (committed - e.date).num_days();
            (days > i64::from(allowed)).then(|| {
                AuditFinding::new(
                    Code::AuditLateEntry,
                    format!(
                        "{} ({}) dated {} was committed on {}, {days} days later (policy.late_entry_days: {allowed})",
                        e.what,
                        e.field,
                        e.date,
                        committed,
                    ),
                )
                .record(j.record)
                .commit(j.commit)
                .at(j.file, Some(e.line))
                .help("records should be written at the time; if this was copied from paper, say so in the commit message, or set policy.audit_from to the date the records moved into git")
            })
        })
        .collect()
}

/// Single dated fields moved to an earlier date than they had.
pub fn backdated_edits(j: &Judged) -> Vec<AuditFinding> {
    j.after
        .iter()
        .filter(|a| !a.in_list)
        .filter_map(|a| {
            let b = j
                .before
                .iter()
                .find(|b| !b.in_list && b.field == a.field)?;
            (a.date < b.date).then(|| {
                AuditFinding::new(
                    Code::AuditBackdatedEdit,
                    format!(
                        "{} ({}) moved back from {} to {}",
                        a.what, a.field, b.date, a.date
                    ),
                )
                .record(j.record)
                .commit(j.commit)
                .at(j.file, Some(a.line))
                .help("a dated event's date should not move earlier; if it corrects a mistake, say why in the commit message, otherwise restore the date")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn v(text: &str) -> Version {
        Version::from_bytes(text.as_bytes().to_vec())
    }

    fn commit(day: &str) -> CommitMeta {
        let d: NaiveDate = day.parse().expect("date");
        CommitMeta {
            id: crate::audit::CommitId::new("0123456789abcdef"),
            author: "A".into(),
            email: "a@example.org".into(),
            author_time: Utc.from_utc_datetime(&d.and_hms_opt(9, 0, 0).expect("time")),
            time: Utc.from_utc_datetime(&d.and_hms_opt(9, 0, 0).expect("time")),
            message: "m".into(),
            first_import: false,
        }
    }

    const PLAN: &str = "kind: care-plan\nassessed_on: 2026-09-20\nrisks:\n  - {risk: falls, reviewed_on: 2026-09-20}\nconsent: {status: given, date: 2026-09-25, capacity: {assessed_on: 2026-09-20, has_capacity: true}}\n";
    const CARER: &str = "kind: carer\ntraining:\n  - {course: medication, completed: 2026-01-12}\nsupervisions: [2026-09-02, 2026-06-01]\nappraisal: 2026-02-10\n";

    #[test]
    fn finds_the_events_of_plans_and_carers() {
        let plan = events(Some(Kind::CarePlan), &v(PLAN));
        let fields: Vec<&str> = plan.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "assessed_on",
                "consent.date",
                "consent.capacity.assessed_on",
                "risks[falls].reviewed_on"
            ]
        );
        let carer = events(Some(Kind::Carer), &v(CARER));
        assert_eq!(carer.len(), 4);
        assert_eq!(carer[1].field, "training[medication].completed");
        assert!(carer[2].in_list && carer[3].in_list);
    }

    #[test]
    fn late_only_when_new_and_beyond_the_allowance() {
        let before = events(Some(Kind::Carer), &v(CARER));
        let changed = CARER.replace("[2026-09-02,", "[2026-11-20, 2026-09-02,");
        let after = events(Some(Kind::Carer), &v(&changed));
        let c = commit("2026-12-10");
        let j = Judged {
            commit: &c,
            record: "C-1",
            file: "carers/C-1.yaml",
            before: &before,
            after: &after,
            not_before: None,
        };
        let found = late_entries(&j, 14);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("2026-11-20"),
            "{}",
            found[0].message
        );
        assert!(late_entries(&j, 20).is_empty());
        let fresh = Judged {
            before: &[],
            not_before: "2026-10-01".parse().ok(),
            ..j
        };
        assert_eq!(late_entries(&fresh, 14).len(), 1);
    }

    #[test]
    fn backdating_a_single_field_but_not_a_list() {
        let before = events(Some(Kind::CarePlan), &v(PLAN));
        let moved = PLAN.replace("date: 2026-09-25", "date: 2026-09-01");
        let after = events(Some(Kind::CarePlan), &v(&moved));
        let c = commit("2026-10-01");
        let j = Judged {
            commit: &c,
            record: "CP-1",
            file: "care-plans/CP-1.yaml",
            before: &before,
            after: &after,
            not_before: None,
        };
        let found = backdated_edits(&j);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, Some(5));
        assert!(
            backdated_edits(&Judged {
                before: &after,
                after: &before,
                ..j
            })
            .is_empty()
        );
    }
}
