//! `kind: quality-audit`: the agency's own checks of its service: a
//! care-file audit, a MAR audit, a carer spot check or a satisfaction
//! survey (regulation 17).

use crate::model::values::{Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A quality audit and what it found.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityAudit {
    /// Record id, e.g. QA-2026-011.
    pub id: Id,
    /// What sort of audit.
    #[serde(rename = "type")]
    pub kind: AuditType,
    /// The day it was done.
    pub date: Date,
    /// The carer (senior, coordinator or manager) who did it.
    pub auditor: Id,
    /// What was looked at, e.g. care files of five people.
    pub scope: String,
    /// Service users whose records or care were looked at.
    #[serde(default)]
    pub service_users: Vec<Id>,
    /// Carers observed or whose work was looked at.
    #[serde(default)]
    pub carers: Vec<Id>,
    /// A score out of 100, where the audit tool gives one.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<u32>,
    /// What was found, one line each.
    #[serde(default)]
    pub findings: Vec<String>,
    /// Actions raised (ids of `action` records).
    #[serde(default)]
    pub actions: Vec<Id>,
}

/// What sort of quality audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum AuditType {
    CareFile,
    Mar,
    SpotCheck,
    Survey,
    Other,
}

impl AuditType {
    /// The audit type in words.
    pub fn words(self) -> &'static str {
        match self {
            AuditType::CareFile => "care-file audit",
            AuditType::Mar => "MAR audit",
            AuditType::SpotCheck => "spot check",
            AuditType::Survey => "satisfaction survey",
            AuditType::Other => "audit",
        }
    }
}
