//! The consultant's own judgement of the quality statements, read from the
//! records (`kind: inspection-judgement`) and shown beside the evidence:
//! the latest judgement on or before the pack's date, for the framework in
//! use.

use crate::diag::nearest;
use crate::model::InspectionJudgement;
use crate::model::inspection_judgement::score_text;
use crate::report::map::InspectionMap;
use crate::report::{Session, text};
use serde::Serialize;
use std::collections::HashMap;

/// A consultant's judgement of one statement.
#[derive(Debug, Clone, Serialize)]
pub struct JudgementView {
    /// CQC's score, 1 to 4.
    pub score: u8,
    /// The score in words, `Good standard`.
    pub score_text: String,
    /// Why, in the consultant's words.
    pub rationale: String,
    /// Who judged, and when: `Jo Patel, quality consultant, 20 Nov 2026`.
    pub by: String,
}

/// The judgements the pack shows, by statement key, with a line about
/// where they come from and notes about any it could not place.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Judgements {
    /// By statement key.
    #[serde(skip)]
    pub by_statement: HashMap<String, JudgementView>,
    /// `Judged by ... on ... (file)`, or why there is none.
    pub source: String,
    /// Judgements that name no statement of the framework, and the like.
    pub notes: Vec<String>,
}

/// The latest judgement on or before the pack's date for `map`'s
/// framework.
pub fn judgements(s: &Session, map: &InspectionMap) -> Judgements {
    let today = s.options.today;
    let index = &s.records.index;
    let mut candidates: Vec<_> = index
        .inspection_judgements
        .iter()
        .filter(|j| j.record.assessed_on.0 <= today)
        .collect();
    candidates.sort_by_key(|j| (j.record.assessed_on, j.record.id.clone()));
    let mut out = Judgements::default();
    let framework = &map.framework.id;
    let other: Vec<&str> = candidates
        .iter()
        .filter(|j| &j.record.framework != framework)
        .map(|j| j.record.id.as_str())
        .collect();
    let Some(latest) = candidates
        .iter()
        .rev()
        .find(|j| &j.record.framework == framework)
    else {
        out.source = "No judgement is recorded yet: a consultant writes theirs in a record of \
                      kind `inspection-judgement` (see the records format)."
            .to_owned();
        if !other.is_empty() {
            out.notes.push(format!(
                "Judgements for another framework are not shown: {}.",
                other.join(", ")
            ));
        }
        return out;
    };
    let file = &s.records.repo.files[latest.entry.file].path;
    let j: &InspectionJudgement = latest.record;
    let who = by(s, j);
    out.source = format!("Judged by {who} ({}, {file}).", j.id.as_str());
    let keys: Vec<&str> = map.statements().map(|(_, st)| st.key.as_str()).collect();
    for sj in &j.statements {
        if !keys.contains(&sj.statement.as_str()) {
            let near = nearest(&sj.statement, keys.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            out.notes.push(format!(
                "{file}: `{}` is not a quality statement of `{framework}`{near}",
                sj.statement
            ));
            continue;
        }
        if out.by_statement.contains_key(&sj.statement) {
            out.notes.push(format!(
                "{file}: `{}` is judged twice; the first is shown",
                sj.statement
            ));
            continue;
        }
        out.by_statement.insert(
            sj.statement.clone(),
            JudgementView {
                score: sj.score,
                score_text: score_text(sj.score).to_owned(),
                rationale: sj.rationale.clone(),
                by: who.clone(),
            },
        );
    }
    out
}

/// `Jo Patel, quality consultant, 20 Nov 2026` (the name redacted when
/// asked).
fn by(s: &Session, j: &InspectionJudgement) -> String {
    let mut parts = vec![s.privacy().name(&j.assessor)];
    parts.extend(j.role.clone());
    parts.push(text::date(j.assessed_on.0));
    parts.join(", ")
}
