//! Plain typed records, one module per kind. No IO here: the loader fills
//! these from YAML, and they derive the JSON Schemas in `schema/`.

pub mod agency;
pub mod calendar;
pub mod care_plan;
pub mod carer;
pub mod competence;
pub mod governance;
pub mod inspection_judgement;
pub mod mar;
pub mod mca;
pub mod medication;
pub mod recruitment;
pub mod rota;
pub mod service_user;
pub mod values;
pub mod visit_log;
pub mod visit_rules;

pub use agency::{Agency, Policy};
pub use care_plan::CarePlan;
pub use carer::Carer;
pub use governance::{Action, Complaint, Incident, QualityAudit};
pub use inspection_judgement::InspectionJudgement;
pub use mar::Mar;
pub use rota::Rota;
pub use service_user::ServiceUser;
pub use visit_log::VisitLog;
pub use visit_rules::VisitRules;

use std::fmt;

/// The kinds of record, as written after `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `agency.yaml`.
    Agency,
    /// A person who receives care.
    ServiceUser,
    /// A care plan.
    CarePlan,
    /// A member of staff.
    Carer,
    /// The visits a person needs.
    VisitRules,
    /// A week's rota.
    Rota,
    /// One person's delivered visits in a week.
    VisitLog,
    /// A consultant's judgement of the quality statements.
    InspectionJudgement,
    /// One person's medication administration record for a week.
    Mar,
    /// An incident and its follow-up.
    Incident,
    /// A complaint, concern or compliment.
    Complaint,
    /// A quality audit: care file, MAR, spot check or survey.
    QualityAudit,
    /// An action on the agency's action plan.
    Action,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 13] = [
        Kind::Agency,
        Kind::ServiceUser,
        Kind::CarePlan,
        Kind::Carer,
        Kind::VisitRules,
        Kind::Rota,
        Kind::VisitLog,
        Kind::InspectionJudgement,
        Kind::Mar,
        Kind::Incident,
        Kind::Complaint,
        Kind::QualityAudit,
        Kind::Action,
    ];

    /// The word written after `kind:`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Agency => "agency",
            Kind::ServiceUser => "service-user",
            Kind::CarePlan => "care-plan",
            Kind::Carer => "carer",
            Kind::VisitRules => "visit-rules",
            Kind::Rota => "rota",
            Kind::VisitLog => "visit-log",
            Kind::InspectionJudgement => "inspection-judgement",
            Kind::Mar => "mar",
            Kind::Incident => "incident",
            Kind::Complaint => "complaint",
            Kind::QualityAudit => "quality-audit",
            Kind::Action => "action",
        }
    }

    /// The kind named by `word`.
    pub fn from_name(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == word)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A typed record of any kind.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub enum Record {
    Agency(Agency),
    ServiceUser(ServiceUser),
    CarePlan(CarePlan),
    Carer(Carer),
    VisitRules(VisitRules),
    Rota(Rota),
    VisitLog(VisitLog),
    InspectionJudgement(InspectionJudgement),
    Mar(Mar),
    Incident(Incident),
    Complaint(Complaint),
    QualityAudit(QualityAudit),
    Action(Action),
}
