//! Stable rule codes: each with its default severity and a one-line meaning.
//!
//! Codes are part of the records format's contract; a test checks that each
//! one is in the format page's table and in the README.

use super::finding::Severity;

macro_rules! codes {
    ($( $variant:ident => $code:literal, $severity:ident, $summary:literal; )*) => {
        /// A rule code, such as `ref/unknown`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in the order of the format page's table.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as written, e.g. `ref/unknown`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The severity unless `policy.rules` says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// When the rule fires, in one line.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    YamlSyntax => "yaml/syntax", Error, "the file is not valid YAML";
    YamlDuplicateKey => "yaml/duplicate-key", Error, "a mapping repeats a key";
    YamlMultipleDocuments => "yaml/multiple-documents", Error, "a file holds more than one YAML document";
    YamlEncoding => "yaml/encoding", Error, "the file is not UTF-8";
    YamlTooLarge => "yaml/too-large", Error, "the file is over 8 MiB, or an alias expands past a bound";
    IoUnreadable => "io/unreadable", Error, "the file or folder cannot be read";
    RecordUnknownKind => "record/unknown-kind", Error, "`kind` missing or not one of the kinds";
    RecordDuplicateId => "record/duplicate-id", Error, "two records share an id";
    SchemaMissingField => "schema/missing-field", Error, "a required field is absent";
    SchemaUnknownField => "schema/unknown-field", Error, "a field the kind does not have";
    SchemaType => "schema/type", Error, "wrong type";
    SchemaEnum => "schema/enum", Error, "a value outside its allowed set";
    SchemaFormat => "schema/format", Error, "a value out of form";
    NhsNumberCheckDigit => "nhs-number/check-digit", Error, "an NHS number whose check digit is wrong";
    DateInFuture => "date/in-future", Error, "a date of something that has happened (birth, check, course, consent, review) after today";
    RefUnknown => "ref/unknown", Error, "a reference to a record that does not exist, or of the wrong kind";
    RefMismatch => "ref/mismatch", Error, "visit rules whose care plan belongs to another service user";
    ServiceUserNoActivePlan => "service-user/no-active-plan", Error, "an active service user with no active care plan";
    ServiceUserNoVisitRules => "service-user/no-visit-rules", Warning, "an active service user with no visit rules";
    FundingHoursMismatch => "funding/hours-mismatch", Warning, "visit-rule hours per week differ from commissioned hours by more than 10%";
    PlanReviewOverdue => "plan/review-overdue", Error, "`review_due` is before today";
    PlanReviewDueSoon => "plan/review-due-soon", Warning, "`review_due` within `expiring_soon_days`";
    PlanReviewInterval => "plan/review-interval", Warning, "`review_due` later than `assessed_on` plus `care_plan_review_months`";
    PlanRiskReviewOverdue => "plan/risk-review-overdue", Warning, "a risk last reviewed longer ago than `risk_review_months`";
    ConsentMissing => "consent/missing", Error, "an active care plan without consent given or a best-interests decision";
    ConsentRefused => "consent/refused", Error, "an active care plan whose consent is refused or withdrawn";
    ConsentCapacity => "consent/capacity", Error, "consent by `self` without capacity, or best interests without a capacity assessment";
    ConsentLpaNotOnFile => "consent/lpa-not-on-file", Error, "consent given by `lpa` but no contact holds a health-and-welfare LPA";
    ConsentAfterStart => "consent/after-start", Warning, "consent dated after `effective_from`";
    MedicationNoSkill => "medication/no-skill", Warning, "medication support is assist or administer, but no visit requires skill `medication`";
    DbsMissing => "dbs/missing", Error, "an active carer without a DBS check";
    DbsRenewalDue => "dbs/renewal-due", Error, "DBS older than `dbs_renewal_years` and not on the update service";
    RightToWorkMissing => "right-to-work/missing", Error, "no right-to-work check";
    RightToWorkExpired => "right-to-work/expired", Error, "right to work expired";
    ReferencesInsufficient => "references/insufficient", Warning, "fewer than 2 references";
    DrivingInsuranceExpired => "driving/insurance-expired", Error, "a carer who travels by car without current business insurance";
    TrainingMissing => "training/missing", Error, "a mandatory course never completed";
    TrainingExpired => "training/expired", Error, "completed, but the refresh interval has passed";
    TrainingExpiring => "training/expiring", Warning, "expires within `expiring_soon_days`";
    SupervisionOverdue => "supervision/overdue", Warning, "last supervision longer ago than `supervision_interval_months`";
    AppraisalOverdue => "appraisal/overdue", Warning, "last appraisal longer ago than `appraisal_interval_months`";
    VisitShortCall => "visit/short-call", Warning, "a visit with personal care shorter than 30 minutes (NICE NG21)";
    VisitNoEligibleCarer => "visit/no-eligible-carer", Error, "no active carer (two for a double-up) has the skills, gender and availability for the visit on some day";
    VisitPreferredAndExcluded => "visit/preferred-and-excluded", Error, "one carer both preferred and excluded";
    VisitAfterImpossible => "visit/after-impossible", Error, "an `after` rule no rota can keep: after itself, in a circle, `max_gap` below `min_gap`, or a gap the windows cannot give";
    RotaSkill => "rota/skill", Error, "an assigned carer lacks a required skill";
    RotaUnavailable => "rota/unavailable", Error, "a visit outside the carer's availability, or on a day of leave";
    RotaOverlap => "rota/overlap", Error, "a carer's visits overlap, or leave less than the travel time between them";
    RotaDoubleUp => "rota/double-up", Error, "a visit with fewer or more carers than it needs, or the same carer twice";
    RotaExcludedCarer => "rota/excluded-carer", Error, "an excluded carer, or one of the wrong gender, assigned";
    RotaLate => "rota/late", Warning, "a visit starting after its window, by at most `max_late_minutes`";
    RotaOutsideWindow => "rota/outside-window", Error, "a visit starting before its window, or more than `max_late_minutes` after it";
    RotaMissingVisit => "rota/missing-visit", Warning, "a visit the rules require that is neither in the rota nor unassigned";
    RotaHours => "rota/hours", Error, "a carer's working time over `max_weekly_hours`";
    RotaRest => "rota/rest", Warning, "less than `min_rest_hours` between a carer's last visit of a day and first of the next";
    RotaGap => "rota/gap", Error, "an `after` rule broken";
    RotaOutsideWeek => "rota/outside-week", Error, "a visit dated outside the rota's week";
    RotaEndBeforeStart => "rota/end-before-start", Error, "a visit that ends before it starts, and its rules do not run it past midnight";
    RotaDuration => "rota/duration", Error, "a visit whose end minus start differs from its duration in the visit rules";
    RotaUnassigned => "rota/unassigned", Error, "a visit the rota lists as unassigned: no carer will come";
}

impl Code {
    /// The code written as `word`, e.g. from `policy.rules`.
    pub fn from_code(word: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == word)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
