//! Governance records: what happened (incidents), what people said
//! (complaints and compliments), what the agency checked (quality audits)
//! and what it will do about it (actions), with the policy that judges
//! them. One file per kind.

pub mod action;
pub mod complaint;
pub mod incident;
pub mod policy;
pub mod quality_audit;

pub use action::Action;
pub use complaint::Complaint;
pub use incident::Incident;
pub use policy::Governance;
pub use quality_audit::QualityAudit;
