//! The consultant's own judgement of a quality statement, read from the
//! records (`kind: inspection-judgement`) and shown beside the evidence.

use serde::Serialize;

/// A consultant's judgement of one statement.
#[derive(Debug, Clone, Serialize)]
pub struct JudgementView {
    /// CQC's score, 1 to 4.
    pub score: u8,
    /// The score in words, `Good standard`.
    pub score_text: String,
    /// Why, in the consultant's words.
    pub rationale: String,
    /// Who judged, and when: `J. Patel, 20 Nov 2026`.
    pub by: String,
}
