//! Consent over time: each care plan's timeline (consent recorded, given,
//! withdrawn; plan activated, changed, reviewed) and two findings that only
//! the history can show: `audit/active-without-consent`, a stretch of
//! commits in which a plan was in force without consent, and
//! `audit/changed-after-consent`, care changed after consent was recorded
//! with no fresh consent since.
//!
//! A plan in `review` stays in force, as the format page says, so it
//! counts as active here too.

use super::diff::FieldChange;
use super::finding::AuditFinding;
use super::history::CommitMeta;
use super::version::Version;
use crate::diag::Code;
use crate::load::node::{Node, pos_of};
use crate::model::Kind;
use crate::model::care_plan::{ConsentStatus, PlanStatus};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use timeline::{event, timeline};

pub use timeline::{Timeline, TimelineEvent};

mod timeline;

/// What the walk saw happen to one record in one commit.
pub struct Seen<'a> {
    /// The commit's place in the walk.
    pub index: usize,
    /// The commit.
    pub commit: &'a CommitMeta,
    /// The record's name.
    pub record: &'a str,
    /// The record's kind.
    pub kind: Option<Kind>,
    /// The file at that commit.
    pub file: &'a str,
    /// The (readable) version before; `None` for a new record.
    pub before: Option<&'a Version>,
    /// The (readable) version after; `None` when the record was removed.
    pub after: Option<&'a Version>,
    /// The fields that changed.
    pub fields: &'a [FieldChange],
    /// A merge followed a branch's version: keep the state, tell nothing.
    pub silent: bool,
}

/// The consent-relevant state of one version of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    status: Option<String>,
    service_user: Option<String>,
    has_consent: bool,
    consent_status: Option<String>,
    consent_date: Option<String>,
}

impl State {
    fn of(tree: &Spanned<Node>) -> State {
        let text = |node: Option<&Spanned<Node>>| node.and_then(|n| n.value.as_key());
        let consent = tree
            .value
            .get("consent")
            .filter(|c| matches!(c.value, Node::Map(_)));
        State {
            status: text(tree.value.get("status")),
            service_user: text(tree.value.get("service_user")),
            has_consent: consent.is_some(),
            consent_status: text(consent.and_then(|c| c.value.get("status"))),
            consent_date: text(consent.and_then(|c| c.value.get("date"))),
        }
    }

    /// The plan's status, when it is one of the model's.
    fn plan_status(&self) -> Option<PlanStatus> {
        self.status.as_deref().and_then(PlanStatus::from_word)
    }

    /// The consent's status, when it is one of the model's.
    fn consent(&self) -> Option<ConsentStatus> {
        self.consent_status
            .as_deref()
            .and_then(ConsentStatus::from_word)
    }

    fn in_force(&self) -> bool {
        self.plan_status().is_some_and(PlanStatus::in_force)
    }

    fn consent_ok(&self) -> bool {
        self.consent().is_some_and(ConsentStatus::allows_care)
    }

    /// Why there is no consent, in words.
    fn lack(&self) -> String {
        match (self.consent_status.as_deref(), self.consent()) {
            (None, _) if !self.has_consent => "no consent recorded".to_owned(),
            (None, _) => "no consent status".to_owned(),
            (_, Some(ConsentStatus::Refused)) => "consent refused".to_owned(),
            (_, Some(ConsentStatus::Withdrawn)) => "consent withdrawn".to_owned(),
            (Some(other), _) => format!("consent `{other}`"),
        }
    }
}

/// A commit, as findings and timelines name it.
#[derive(Debug, Clone)]
struct At {
    index: usize,
    commit: CommitMeta,
    file: String,
    line: Option<u32>,
}

impl At {
    fn when(&self) -> String {
        format!(
            "{} (commit {})",
            self.commit.time.format("%Y-%m-%d"),
            self.commit.short()
        )
    }
}

#[derive(Default)]
struct Plan {
    state: Option<State>,
    /// The commit in which consent was last recorded or re-dated.
    redated_at: Option<usize>,
    /// Since when the plan has been in force without consent, and why.
    episode: Option<(At, String)>,
    /// Material changes since consent, not yet followed by fresh consent.
    pending: Vec<(At, String, String)>,
    timeline: Vec<TimelineEvent>,
}

/// A material change to visit rules, judged once the whole commit is seen.
struct VisitChange {
    at: At,
    record: String,
    plan: String,
    fields: String,
}

/// Follows every care plan through the walk.
#[derive(Default)]
pub struct Tracker {
    plans: BTreeMap<String, Plan>,
    visits: Vec<VisitChange>,
    findings: Vec<(usize, AuditFinding)>,
}

fn is_material_plan(f: &FieldChange) -> bool {
    matches!(f.top(), "needs" | "risks" | "medication")
        && !(f.top() == "risks" && f.last_key() == Some("reviewed_on"))
}

/// Fields written out for a message: the first few, then how many more.
fn fields_text(fields: &[&FieldChange]) -> String {
    let mut names: Vec<String> = fields.iter().take(4).map(|f| f.field()).collect();
    if fields.len() > 4 {
        names.push(format!("and {} more", fields.len() - 4));
    }
    names.join(", ")
}

/// The line of the node at `path` in a version's file.
fn line_of(version: &Version, path: &[&str]) -> Option<u32> {
    let node = path
        .iter()
        .try_fold(version.tree()?, |n, k| n.value.get(k))?;
    Some(version.line(path.first().copied().unwrap_or(""), pos_of(node).line))
}

impl Tracker {
    /// Takes in what one commit did to one record.
    pub fn observe(&mut self, seen: &Seen) {
        let kind = seen.kind;
        if kind == Some(Kind::CarePlan) {
            self.plan(seen);
        } else if kind == Some(Kind::VisitRules) && !seen.silent {
            self.visit_rules(seen);
        }
    }

    fn plan(&mut self, seen: &Seen) {
        let plan = self.plans.entry(seen.record.to_owned()).or_default();
        let at = At {
            index: seen.index,
            commit: seen.commit.clone(),
            file: seen.file.to_owned(),
            line: None,
        };
        let Some((after, tree)) = seen.after.and_then(|v| Some((v, v.tree()?))) else {
            if !seen.silent {
                plan.timeline.push(event(&at, "deleted", String::new()));
            }
            if let Some((start, why)) = plan.episode.take() {
                let end = format!("until it was deleted on {}", at.when());
                self.findings.push(episode(seen.record, &start, &why, &end));
            }
            plan.state = None;
            return;
        };
        let new = State::of(tree);
        let old = plan.state.replace(new.clone());
        let fresh_consent = new.consent_ok()
            && old
                .as_ref()
                .is_none_or(|o| !o.consent_ok() || o.consent_date != new.consent_date);
        if fresh_consent {
            plan.redated_at = Some(seen.index);
            // Only a consent dated on or after a change covers it: moving
            // the date earlier is no re-consent for what changed since.
            let dated = new.consent_date.clone().unwrap_or_default();
            plan.pending
                .retain(|(at, _, _)| dated < at.commit.time.format("%Y-%m-%d").to_string());
        }
        if !seen.silent {
            plan.timeline
                .extend(timeline(&at, old.as_ref(), &new, seen.fields));
            let material: Vec<&FieldChange> =
                seen.fields.iter().filter(|f| is_material_plan(f)).collect();
            let consented_before = old.as_ref().is_some_and(State::consent_ok);
            if !material.is_empty() && consented_before && !fresh_consent && new.in_force() {
                let line = material.iter().find_map(|f| f.line);
                let since = old.and_then(|o| o.consent_date).unwrap_or_default();
                plan.pending
                    .push((At { line, ..at.clone() }, fields_text(&material), since));
            }
        }
        let lacking = new.in_force() && !new.consent_ok();
        match (&plan.episode, lacking) {
            (None, true) => {
                let line = line_of(after, &["consent", "status"]).or(line_of(after, &["status"]));
                plan.episode = Some((At { line, ..at }, new.lack()));
            }
            (Some(_), false) => {
                if let Some((start, why)) = plan.episode.take() {
                    let end = format!("until {}", at.when());
                    self.findings.push(episode(seen.record, &start, &why, &end));
                }
            }
            _ => {}
        }
    }

    fn visit_rules(&mut self, seen: &Seen) {
        let (Some(_), Some(after)) = (seen.before, seen.after) else {
            return;
        };
        let material: Vec<&FieldChange> =
            seen.fields.iter().filter(|f| f.top() == "visits").collect();
        let plan = after.field("care_plan");
        if let (false, Some(plan)) = (material.is_empty(), plan) {
            self.visits.push(VisitChange {
                at: At {
                    index: seen.index,
                    commit: seen.commit.clone(),
                    file: seen.file.to_owned(),
                    line: material.iter().find_map(|f| f.line),
                },
                record: seen.record.to_owned(),
                plan,
                fields: fields_text(&material),
            });
        }
    }

    /// Judges the visit-rule changes of the commit just seen, now that its
    /// care plans (which may have been re-consented in the same commit) are.
    pub fn end_commit(&mut self) {
        for change in std::mem::take(&mut self.visits) {
            let Some(plan) = self.plans.get_mut(&change.plan) else {
                continue;
            };
            let detail = format!("{}: {}", change.record, change.fields);
            plan.timeline
                .push(event(&change.at, "visit-rules-changed", detail.clone()));
            let Some(state) = &plan.state else { continue };
            if state.consent_ok() && state.in_force() && plan.redated_at != Some(change.at.index) {
                let since = state.consent_date.clone().unwrap_or_default();
                let what = format!("visit rules {detail}");
                plan.pending.push((change.at, what, since));
            }
        }
    }

    /// The findings (with the walk index of their commit) and timelines.
    pub fn finish(mut self) -> (Vec<(usize, AuditFinding)>, Vec<Timeline>) {
        let mut timelines = Vec::new();
        for (id, plan) in std::mem::take(&mut self.plans) {
            if let Some((start, why)) = &plan.episode {
                let f = episode(&id, start, why, "and still is");
                self.findings.push(f);
            }
            for (at, what, since) in &plan.pending {
                self.findings.push(changed(&id, at, what, since));
            }
            timelines.push(Timeline {
                plan: id,
                service_user: plan.state.and_then(|s| s.service_user),
                events: plan.timeline,
            });
        }
        (self.findings, timelines)
    }
}

fn episode(plan: &str, start: &At, why: &str, end: &str) -> (usize, AuditFinding) {
    let f = AuditFinding::new(
        Code::AuditActiveWithoutConsent,
        format!("care plan in force with {why} from {} {end}", start.when()),
    )
    .record(plan)
    .commit(&start.commit)
    .at(&start.file, start.line)
    .help("care needs consent before it is given (CQC regulation 11): record consent or a best-interests decision, or end the plan");
    (start.index, f)
}

fn changed(plan: &str, at: &At, what: &str, since: &str) -> (usize, AuditFinding) {
    let f = AuditFinding::new(
        Code::AuditChangedAfterConsent,
        format!(
            "{what} changed on {} after consent dated {since}, and consent has not been re-dated since",
            at.when()
        ),
    )
    .record(plan)
    .commit(&at.commit)
    .at(&at.file, at.line)
    .help("go through the change with the person (or whoever consents for them) and record consent again with a new consent.date");
    (at.index, f)
}
