//! One quality statement of the pack: the evidence the records hold, the
//! gaps under the regulation each breaches, what the inspector will ask,
//! and how far the evidence goes (sufficient, partial, absent). Never a
//! rating: the consultant's own judgement is shown beside it.

use super::judgement::JudgementView;
use crate::report::context::{Counts, FindingView, Mark};
use crate::report::evidence::{EvidenceView, Sufficiency, evidence};
use crate::report::map::{InspectionMap, Statement, regulation_name};
use crate::report::{Session, text};
use serde::Serialize;

/// Most findings listed under one gap; the rest are counted.
const MAX_GAPS: usize = 25;

/// A regulation as the pack names it.
#[derive(Debug, Clone, Serialize)]
pub struct RegRef {
    /// `12` or `2009-18`.
    pub id: String,
    /// `Regulation 12`, `Regulation 18 (2009)`.
    pub name: String,
    /// `Safe care and treatment`.
    pub title: String,
}

impl RegRef {
    /// The regulation `id` of `map`.
    pub fn of(map: &InspectionMap, id: &str) -> RegRef {
        RegRef {
            id: id.to_owned(),
            name: regulation_name(id),
            title: map
                .regulation(id)
                .map(|r| r.title.clone())
                .unwrap_or_default(),
        }
    }
}

/// Findings that are a gap under one regulation.
#[derive(Debug, Clone, Serialize)]
pub struct GapView {
    /// The regulation they breach.
    pub regulation: RegRef,
    /// The findings (at most 25, errors first).
    pub findings: Vec<FindingView>,
    /// Findings not listed.
    pub more: usize,
    /// All of them by severity.
    pub counts: Counts,
}

/// A quality statement.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// `safe-and-effective-staffing`, also its anchor.
    pub key: String,
    /// `Safe and effective staffing`.
    pub title: String,
    /// The framework's "we statement".
    pub we: String,
    /// The regulations it rests on.
    pub regulations: Vec<RegRef>,
    /// What the records show.
    pub evidence: Vec<EvidenceView>,
    /// Gaps, by regulation; only regulations with findings.
    pub gaps: Vec<GapView>,
    /// Gaps by severity, over all regulations.
    pub counts: Counts,
    /// What the inspector will ask.
    pub asks: Vec<String>,
    /// How far the evidence goes.
    pub sufficiency: Sufficiency,
    /// The same, as a mark.
    pub mark: Mark,
    /// Why, a sentence each.
    pub reasons: Vec<String>,
    /// Who owns its actions.
    pub owner: String,
    /// The consultant's judgement, when recorded.
    pub judgement: Option<JudgementView>,
}

/// How far the evidence goes, and why: absent when nothing judged shows
/// anything, partial when any piece falls short or a gap is an error,
/// sufficient only when every piece is complete and no error stands.
pub fn sufficiency(evidence: &[EvidenceView], counts: Counts) -> (Sufficiency, Vec<String>) {
    let judged: Vec<&EvidenceView> = evidence
        .iter()
        .filter(|e| e.sufficiency != Sufficiency::NotJudged)
        .collect();
    let mut reasons = Vec::new();
    let short: Vec<&str> = judged
        .iter()
        .filter(|e| e.sufficiency != Sufficiency::Sufficient)
        .map(|e| e.label.as_str())
        .collect();
    if !short.is_empty() {
        reasons.push(format!(
            "The evidence falls short on: {}.",
            short.join(", ")
        ));
    }
    if counts.errors + counts.warnings > 0 {
        reasons.push(format!(
            "The records show {} and {} under its regulations.",
            text::count(counts.errors, "error", "errors"),
            text::count(counts.warnings, "warning", "warnings")
        ));
    }
    let level = if judged.iter().all(|e| e.sufficiency == Sufficiency::Absent) {
        reasons.insert(
            0,
            if judged.is_empty() {
                "The records hold nothing carebook can judge here: gather this evidence from \
                 people, staff, partners and the agency's other files."
                    .to_owned()
            } else {
                "None of the evidence this statement needs is in the records.".to_owned()
            },
        );
        Sufficiency::Absent
    } else if !short.is_empty() || counts.errors > 0 {
        Sufficiency::Partial
    } else {
        reasons.push(
            "Every piece of evidence the records can give is complete, and no error stands. \
             This is not a rating: people's experience and observation decide it."
                .to_owned(),
        );
        Sufficiency::Sufficient
    };
    (level, reasons)
}

/// The view of statement `st`, with its gaps from `all` findings.
pub fn view(
    s: &Session,
    map: &InspectionMap,
    st: &Statement,
    all: &[FindingView],
    judgement: Option<JudgementView>,
) -> StatementView {
    let mut evidence: Vec<EvidenceView> = st.evidence.iter().map(|k| evidence(s, k)).collect();
    evidence.extend(st.outside_records.iter().map(|what| EvidenceView {
        key: String::new(),
        label: what.clone(),
        value:
            "carebook holds no records of this: bring it from the agency's other files".to_owned(),
        sufficiency: Sufficiency::Absent,
        mark: Sufficiency::Absent.mark(),
    }));
    let gaps: Vec<GapView> = st
        .gaps
        .iter()
        .filter_map(|g| {
            let mut findings: Vec<FindingView> = all
                .iter()
                .filter(|f| g.findings.iter().any(|m| m.matches(&f.code, &f.message)))
                .cloned()
                .collect();
            if findings.is_empty() {
                return None;
            }
            findings.sort_by_key(|f| f.mark.rank());
            let counts = Counts::of(&findings);
            let more = findings.len().saturating_sub(MAX_GAPS);
            findings.truncate(MAX_GAPS);
            Some(GapView {
                regulation: RegRef::of(map, &g.regulation),
                findings,
                more,
                counts,
            })
        })
        .collect();
    let counts = Counts {
        errors: gaps.iter().map(|g| g.counts.errors).sum(),
        warnings: gaps.iter().map(|g| g.counts.warnings).sum(),
    };
    let (sufficiency, reasons) = sufficiency(&evidence, counts);
    StatementView {
        key: st.key.clone(),
        title: st.title.clone(),
        we: st.we.clone(),
        regulations: st.regulations.iter().map(|r| RegRef::of(map, r)).collect(),
        evidence,
        gaps,
        counts,
        asks: st.asks.clone(),
        sufficiency,
        mark: sufficiency.mark(),
        reasons,
        owner: owner(st),
        judgement,
    }
}

/// Who owns a statement's actions: the map's `owner`, else the
/// registered manager.
pub fn owner(st: &Statement) -> String {
    st.owner
        .clone()
        .unwrap_or_else(|| "Registered manager".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(sufficiency: Sufficiency) -> EvidenceView {
        EvidenceView {
            key: "k".into(),
            label: "K".into(),
            value: String::new(),
            sufficiency,
            mark: sufficiency.mark(),
        }
    }

    #[test]
    fn no_evidence_is_absent_never_sufficient() {
        let (level, reasons) = sufficiency(&[], Counts::default());
        assert_eq!(level, Sufficiency::Absent);
        assert!(
            reasons[0].contains("nothing carebook can judge"),
            "{reasons:?}"
        );
        let (level, _) = sufficiency(&[piece(Sufficiency::NotJudged)], Counts::default());
        assert_eq!(
            level,
            Sufficiency::Absent,
            "information alone is no evidence"
        );
    }

    #[test]
    fn one_short_piece_or_an_error_makes_it_partial() {
        let both = [piece(Sufficiency::Sufficient), piece(Sufficiency::Absent)];
        assert_eq!(
            sufficiency(&both, Counts::default()).0,
            Sufficiency::Partial
        );
        let error = Counts {
            errors: 1,
            warnings: 0,
        };
        let one = [piece(Sufficiency::Sufficient)];
        assert_eq!(sufficiency(&one, error).0, Sufficiency::Partial);
        assert_eq!(
            sufficiency(&one, Counts::default()).0,
            Sufficiency::Sufficient
        );
    }
}
