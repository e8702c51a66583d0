//! `kind: inspection-judgement`: a consultant's (or the registered
//! manager's) own judgement of the quality statements, after a mock
//! inspection. carebook suggests no rating; this is where a person's
//! judgement is written, and the inspection pack shows it beside the
//! evidence.

use super::values::{Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One mock inspection's judgements.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InspectionJudgement {
    /// Record id, e.g. IJ-2026-11.
    pub id: Id,
    /// The framework judged against, as the mapping names it (`cqc-saf`).
    pub framework: String,
    /// The day of the judgement; the pack shows the latest on or before
    /// its date.
    pub assessed_on: Date,
    /// Who judged: a person's name (redacted like any other name).
    pub assessor: String,
    /// Their role or firm, e.g. `Quality consultant, Patel Care Consulting`.
    #[serde(default)]
    pub role: Option<String>,
    /// Judgements of quality statements.
    #[serde(default)]
    pub statements: Vec<StatementJudgement>,
}

/// A judgement of one quality statement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementJudgement {
    /// The statement's key in the mapping, e.g. `safe-and-effective-staffing`.
    pub statement: String,
    /// CQC's score: 1 significant shortfalls, 2 some shortfalls, 3 good
    /// standard, 4 exceptional standard.
    #[schemars(range(min = 1, max = 4))]
    pub score: u8,
    /// Why, in the assessor's words: what was seen, heard and read.
    pub rationale: String,
}

/// A score in CQC's words.
pub fn score_text(score: u8) -> &'static str {
    match score {
        1 => "Significant shortfalls",
        2 => "Some shortfalls",
        3 => "Good standard",
        4 => "Exceptional standard",
        _ => "Not a score (1 to 4)",
    }
}
