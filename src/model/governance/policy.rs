//! `policy.governance`: the deadlines incidents, complaints and actions
//! are judged by, and the calendar of working days they count in.

use crate::model::calendar::Region;
use crate::model::values::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Deadlines of the governance rules. Calendar days unless named
/// `working_days` (weekends and bank holidays skipped).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Governance {
    /// Whose bank holidays a working day skips.
    pub bank_holidays: Region,
    /// More days that are not working days: the agency's closure days,
    /// or a one-off bank holiday the embedded table does not know.
    pub extra_holidays: Vec<Date>,
    /// A notifiable incident is notified to CQC within this many days of
    /// the agency learning of it (the regulations say "without delay").
    pub notification_days: u32,
    /// An allegation or suspicion of abuse is referred to the local
    /// authority within this many days.
    pub safeguarding_referral_days: u32,
    /// The written notice of the duty of candour follows within this many
    /// working days.
    pub candour_working_days: u32,
    /// A complaint is acknowledged within this many working days.
    pub complaint_acknowledge_working_days: u32,
    /// A complaint is answered within this many working days (unless a
    /// later `response_due` was agreed).
    pub complaint_response_working_days: u32,
    /// Falls of one person counted over this many days.
    #[schemars(range(min = 1))]
    pub falls_window_days: u32,
    /// This many falls in the window call for a falls risk review.
    #[schemars(range(min = 2))]
    pub falls_threshold: u32,
}

impl Default for Governance {
    fn default() -> Self {
        Governance {
            bank_holidays: Region::EnglandAndWales,
            extra_holidays: Vec::new(),
            notification_days: 1,
            safeguarding_referral_days: 1,
            candour_working_days: 10,
            complaint_acknowledge_working_days: 3,
            complaint_response_working_days: 20,
            falls_window_days: 90,
            falls_threshold: 2,
        }
    }
}

impl Governance {
    /// The calendar of working days this policy counts in.
    pub fn calendar(&self) -> crate::model::calendar::Calendar {
        crate::model::calendar::Calendar::new(
            self.bank_holidays,
            self.extra_holidays.iter().map(|d| d.0),
        )
    }
}
