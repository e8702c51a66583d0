//! Stable rule codes of every family, each with the command that makes it,
//! its default severity and a one-line meaning.
//!
//! Codes are part of the records format's contract. A new family (visit
//! logs, MAR, incidents…) is a block of rows in the one table below: its
//! codes are then known to `policy.rules`, to the "did you mean" of a
//! misspelt code, to the inspection map and to the documentation tests.
//! `check`'s codes must equal the format page's findings table; `audit`'s
//! are in the README's Audit section.

use super::severity::Severity;

/// Which command makes a code's findings, and so where it is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// `carebook check`: documented in the format page's findings table.
    Check,
    /// `carebook audit`: documented in the README's Audit section.
    Audit,
}

macro_rules! codes {
    ($( $variant:ident => $code:literal, $source:ident, $severity:ident, $summary:literal; )*) => {
        /// A rule code, such as `ref/unknown` or `audit/late-entry`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in the order of the tables that document them.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as written, e.g. `ref/unknown`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The command that makes findings of this code.
            pub fn source(self) -> Source {
                match self { $( Code::$variant => Source::$source, )* }
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
    YamlSyntax => "yaml/syntax", Check, Error, "the file is not valid YAML";
    YamlDuplicateKey => "yaml/duplicate-key", Check, Error, "a mapping repeats a key";
    YamlMultipleDocuments => "yaml/multiple-documents", Check, Error, "a file holds more than one YAML document";
    YamlEncoding => "yaml/encoding", Check, Error, "the file is not UTF-8";
    YamlTooLarge => "yaml/too-large", Check, Error, "the file is over 8 MiB, or an alias expands past a bound";
    IoUnreadable => "io/unreadable", Check, Error, "the file or folder cannot be read";
    RecordUnknownKind => "record/unknown-kind", Check, Error, "`kind` missing or not one of the kinds";
    RecordDuplicateId => "record/duplicate-id", Check, Error, "two records share an id";
    SchemaMissingField => "schema/missing-field", Check, Error, "a required field is absent";
    SchemaUnknownField => "schema/unknown-field", Check, Error, "a field the kind does not have";
    SchemaType => "schema/type", Check, Error, "wrong type";
    SchemaEnum => "schema/enum", Check, Error, "a value outside its allowed set";
    SchemaFormat => "schema/format", Check, Error, "a value out of form";
    NhsNumberCheckDigit => "nhs-number/check-digit", Check, Error, "an NHS number whose check digit is wrong";
    DateInFuture => "date/in-future", Check, Error, "a date of something that has happened (birth, check, course, consent, review) after today";
    RefUnknown => "ref/unknown", Check, Error, "a reference to a record that does not exist, or of the wrong kind";
    RefMismatch => "ref/mismatch", Check, Error, "visit rules whose care plan belongs to another service user";
    ServiceUserNoActivePlan => "service-user/no-active-plan", Check, Error, "an active service user with no active care plan";
    ServiceUserNoVisitRules => "service-user/no-visit-rules", Check, Warning, "an active service user with no visit rules";
    FundingHoursMismatch => "funding/hours-mismatch", Check, Warning, "visit-rule hours per week differ from commissioned hours by more than 10%";
    PlanReviewOverdue => "plan/review-overdue", Check, Error, "`review_due` is before today";
    PlanReviewDueSoon => "plan/review-due-soon", Check, Warning, "`review_due` within `expiring_soon_days`";
    PlanReviewInterval => "plan/review-interval", Check, Warning, "`review_due` later than `assessed_on` plus `care_plan_review_months`";
    PlanRiskReviewOverdue => "plan/risk-review-overdue", Check, Warning, "a risk last reviewed longer ago than `risk_review_months`";
    ConsentMissing => "consent/missing", Check, Error, "an active care plan without consent given or a best-interests decision";
    ConsentRefused => "consent/refused", Check, Error, "an active care plan whose consent is refused or withdrawn";
    ConsentCapacity => "consent/capacity", Check, Error, "consent by `self` without capacity, by an attorney or deputy with capacity, or best interests without a capacity assessment";
    ConsentLpaNotOnFile => "consent/lpa-not-on-file", Check, Error, "consent given by `lpa` but the attorney named holds no health-and-welfare LPA, or consent dated before its registration";
    ConsentAfterStart => "consent/after-start", Check, Warning, "consent dated after `effective_from`";
    ConsentDeputyNotOnFile => "consent/deputy-not-on-file", Check, Error, "consent given by `deputy` but the deputy named holds no personal-welfare deputyship, or consent dated before the order";
    ConsentAuthorityUnverified => "consent/authority-unverified", Check, Warning, "an LPA without its OPG registration date or the date a copy was seen, or a deputyship order whose copy was not seen";
    McaDecisionMissing => "mca/decision-missing", Check, Warning, "a person lacking capacity for the plan, with medicines given or restrictive practices, but no assessment for that decision";
    McaRestrictionNoBestInterests => "mca/restriction-no-best-interests", Check, Error, "a restrictive practice with no best-interests decision and no agreement by a person with capacity";
    McaDolNoAuthorisation => "mca/dol-no-authorisation", Check, Error, "a deprivation of liberty in the community (acid test met, capacity lacking) with no Court of Protection application, or an expired authorisation";
    McaDolAwaitingCourt => "mca/dol-awaiting-court", Check, Warning, "a deprivation of liberty whose Court of Protection application is not yet authorised";
    McaDolNotNotified => "mca/dol-not-notified", Check, Warning, "a Court of Protection authorisation with no date CQC was notified of it (2009 Regulations, reg 18)";
    McaRestrictionReviewOverdue => "mca/restriction-review-overdue", Check, Warning, "a restrictive practice whose `review_due` has passed";
    ReviewFirstOverdue => "review/first-overdue", Check, Warning, "care started more than 6 weeks ago and no review is recorded (NICE QS123)";
    ReviewOverdue => "review/overdue", Check, Warning, "the latest review recorded is older than `care_plan_review_months`";
    ReviewPersonNotInvolved => "review/person-not-involved", Check, Warning, "the plan or its latest review does not record the person taking part, or why not";
    ServiceUserNoCoordinator => "service-user/no-coordinator", Check, Warning, "an active service user with no named coordinator";
    ServiceUserDemographicsMissing => "service-user/demographics-missing", Check, Warning, "an active service user without ethnicity, religion or preferred language recorded";
    ServiceUserDischargeBeforeAdmission => "service-user/discharge-before-admission", Check, Error, "a hospital stay discharged before the day it was admitted";
    EndOfLifeWishesMissing => "end-of-life/wishes-missing", Check, Warning, "a DNACPR decision or ReSPECT form, but no end-of-life wishes recorded";
    RetentionReviewDue => "retention/review-due", Check, Warning, "care ended more than 8 years ago: review the records for disposal";
    MedicationNoSkill => "medication/no-skill", Check, Warning, "medication support is assist or administer, but no visit requires skill `medication`";
    MedicationDoseNotCovered => "medication/dose-not-covered", Check, Error, "a dose a carer gives at a time no visit covers, and no one else is recorded as giving it";
    MedicationWindowTooWide => "medication/window-too-wide", Check, Error, "a time-critical dose whose visit window, plus `max_late_minutes`, is wider than the dose allows (NICE NG67)";
    MarGap => "mar/gap", Check, Error, "a scheduled dose a carer gives, on a day before today, with no MAR outcome";
    MarTimeCriticalLate => "mar/time-critical-late", Check, Error, "a time-critical dose given further from its time than it allows (NICE NG67)";
    MarRepeatedRefusal => "mar/repeated-refusal", Check, Error, "one medicine refused `refusals_to_escalate` times within 7 days and no escalation recorded";
    MarPrnNoProtocol => "mar/prn-no-protocol", Check, Error, "an as-needed dose of a medicine whose plan entry has no PRN protocol";
    MarPrnOverMax => "mar/prn-over-max", Check, Error, "as-needed doses over the protocol's maximum in 24 hours, or closer than its minimum gap";
    MarCarerNoSkill => "mar/carer-no-skill", Check, Error, "a dose given by a carer without the skill `medication` on that day";
    MarUnknownMedicine => "mar/unknown-medicine", Check, Error, "a MAR entry for a medicine not in the person's care plan";
    MarNotScheduled => "mar/not-scheduled", Check, Error, "a MAR entry at a time that is not one of the medicine's dose times";
    MarDuplicate => "mar/duplicate", Check, Error, "two MAR entries for the same dose (or a MAR week recorded twice)";
    MarOutsideWeek => "mar/outside-week", Check, Error, "a MAR entry dated outside the file's week, or after today";
    MarIncomplete => "mar/incomplete", Check, Error, "a dose given or refused without the time and carer, or not given without a reason";
    DbsMissing => "dbs/missing", Check, Error, "an active carer without a DBS check";
    DbsRenewalDue => "dbs/renewal-due", Check, Warning, "DBS older than `dbs_renewal_years` and not on the update service (agency policy: DBS has no statutory renewal)";
    RightToWorkMissing => "right-to-work/missing", Check, Error, "no right-to-work check";
    RightToWorkExpired => "right-to-work/expired", Check, Error, "right to work expired";
    RightToWorkExpiring => "right-to-work/expiring", Check, Warning, "a time-limited right to work that ends within `expiring_soon_days`";
    DbsUpdateServiceInvalid => "dbs/update-service-invalid", Check, Error, "`update_service: true` on a certificate issued before the Update Service began (17 June 2013)";
    DbsStatusCheckOverdue => "dbs/status-check-overdue", Check, Warning, "on the update service, but no status check within `dbs_status_check_months` (agency policy)";
    DbsAfterStart => "dbs/after-start", Check, Error, "a DBS certificate issued after `start_date`, with no Adult First check by then";
    DbsLevel => "dbs/level", Check, Error, "a DBS certificate not recorded as enhanced";
    DbsBarredList => "dbs/barred-list", Check, Error, "a DBS check without the adults' barred list";
    RightToWorkAfterStart => "right-to-work/after-start", Check, Error, "a right-to-work check dated after `start_date`";
    ReferencesNoDetails => "references/no-details", Check, Warning, "references recorded as a number, without each referee's details";
    RecruitmentIdentity => "recruitment/identity", Check, Error, "no proof of identity with a photograph (Schedule 3)";
    RecruitmentEmploymentHistory => "recruitment/employment-history", Check, Error, "no employment history (Schedule 3)";
    RecruitmentEmploymentGap => "recruitment/employment-gap", Check, Error, "a gap in employment history longer than `employment_gap_months`, not explained";
    RecruitmentHealthDeclaration => "recruitment/health-declaration", Check, Error, "no health declaration (Schedule 3)";
    ReferencesInsufficient => "references/insufficient", Check, Error, "fewer than 2 references (Schedule 3: satisfactory evidence of conduct in previous care work)";
    DrivingInsuranceExpired => "driving/insurance-expired", Check, Error, "a carer who travels by car without current business insurance";
    TrainingMissing => "training/missing", Check, Error, "a mandatory course never completed";
    TrainingExpired => "training/expired", Check, Error, "completed, but the refresh interval has passed";
    TrainingExpiring => "training/expiring", Check, Warning, "expires within `expiring_soon_days`";
    TrainingCareCertificateLate => "training/care-certificate-late", Check, Error, "`care-certificate` not completed within `care_certificate_weeks` of `start_date`";
    CompetencyMissing => "competency/missing", Check, Error, "a skill of `assessed_skills` listed or needed with no assessment, or a clinical one not signed off";
    CompetencyExpired => "competency/expired", Check, Error, "the latest assessment of a skill is past its `expires` or the policy's interval";
    SupervisionOverdue => "supervision/overdue", Check, Warning, "last supervision longer ago than `supervision_interval_months`";
    AppraisalOverdue => "appraisal/overdue", Check, Warning, "last appraisal longer ago than `appraisal_interval_months`";
    VisitShortCall => "visit/short-call", Check, Warning, "a visit with personal care shorter than 30 minutes (NICE NG21)";
    VisitNoEligibleCarer => "visit/no-eligible-carer", Check, Error, "no active carer (two for a double-up) has the skills, gender and availability for the visit on some day";
    VisitPreferredAndExcluded => "visit/preferred-and-excluded", Check, Error, "one carer both preferred and excluded";
    VisitAfterImpossible => "visit/after-impossible", Check, Error, "an `after` rule no rota can keep: after itself, in a circle, `max_gap` below `min_gap`, or a gap the windows cannot give";
    VisitMissed => "visit/missed", Check, Error, "a visit of the week's rota, on a day before today, with no visit log entry and no recorded cancellation, or logged as missed";
    VisitLate => "visit/late", Check, Warning, "an arrival more than `calls.late_minutes` after the visit's window (or its planned start, when later)";
    VisitEarly => "visit/early", Check, Warning, "an arrival more than `calls.early_minutes` before the visit's window";
    VisitShortStay => "visit/short-stay", Check, Warning, "a stay shorter than `calls.short_stay_percent` of the visit's planned duration";
    VisitSingleHanded => "visit/single-handed", Check, Error, "a double-up visit (two carers) attended by one";
    VisitCarerSkill => "visit/carer-skill", Check, Error, "a visit done by a carer without one of the visit's skills on that day";
    VisitExcludedCarer => "visit/excluded-carer", Check, Error, "a visit done by a carer the person has excluded, or of the gender they asked not to have";
    VisitUnknownVisit => "visit/unknown-visit", Check, Error, "a logged visit whose label is no visit of the person's rules in force that day";
    VisitDepartureBeforeArrival => "visit/departure-before-arrival", Check, Error, "a departure before the arrival, for a visit that does not run past midnight";
    VisitDuplicateEntry => "visit/duplicate-entry", Check, Error, "the same visit (day and label) logged twice";
    VisitOutsideWeek => "visit/outside-week", Check, Error, "a logged visit dated outside its log's week";
    VisitNoTimes => "visit/no-times", Check, Warning, "a completed visit without its arrival or departure time";
    VisitNoReason => "visit/no-reason", Check, Warning, "a missed or cancelled visit, or a task not done, without a reason";
    RotaSkill => "rota/skill", Check, Error, "an assigned carer lacks a required skill";
    RotaUnavailable => "rota/unavailable", Check, Error, "a visit outside the carer's availability, or on a day of leave";
    RotaOverlap => "rota/overlap", Check, Error, "a carer's visits overlap, or leave less than the travel time between them";
    RotaDoubleUp => "rota/double-up", Check, Error, "a visit with fewer or more carers than it needs, or the same carer twice";
    RotaExcludedCarer => "rota/excluded-carer", Check, Error, "an excluded carer, or one of the wrong gender, assigned";
    RotaLate => "rota/late", Check, Warning, "a visit starting after its window, by at most `max_late_minutes`";
    RotaOutsideWindow => "rota/outside-window", Check, Error, "a visit starting before its window, or more than `max_late_minutes` after it";
    RotaMissingVisit => "rota/missing-visit", Check, Warning, "a visit the rules require that is neither in the rota nor unassigned";
    RotaHours => "rota/hours", Check, Error, "a carer's working time averages over `max_weekly_hours` across the `reference_weeks`, with no opt-out in force";
    RotaWeekHours => "rota/week-hours", Check, Warning, "a carer's working time in one week over `max_hours_in_one_week` (agency policy)";
    RotaNotCleared => "rota/not-cleared", Check, Error, "a carer assigned on a day their DBS, right to work or a course the visit needs is missing or lapsed";
    RotaRest => "rota/rest", Check, Warning, "less than `min_rest_hours` between a carer's last visit of a day and first of the next";
    RotaGap => "rota/gap", Check, Error, "an `after` rule broken";
    RotaOutsideWeek => "rota/outside-week", Check, Error, "a visit dated outside the rota's week";
    RotaEndBeforeStart => "rota/end-before-start", Check, Error, "a visit that ends before it starts, and its rules do not run it past midnight";
    RotaDuration => "rota/duration", Check, Error, "a visit whose end minus start differs from its duration in the visit rules";
    RotaUnassigned => "rota/unassigned", Check, Error, "a visit the rota lists as unassigned: no carer will come";
    IncidentNotificationOverdue => "incident/notification-overdue", Check, Error, "a notifiable incident (death, serious injury, abuse or its allegation, police involvement) not notified to CQC within `governance.notification_days`";
    IncidentNotificationLate => "incident/notification-late", Check, Warning, "a CQC notification sent later than `governance.notification_days` after the incident was known";
    IncidentSafeguardingMissing => "incident/safeguarding-missing", Check, Error, "an allegation or suspicion of abuse with no safeguarding referral to the local authority after `governance.safeguarding_referral_days`";
    IncidentCandourMissing => "incident/candour-missing", Check, Error, "moderate harm or worse, and the duty of candour's steps (told in person, written notice) not recorded within `governance.candour_working_days` working days";
    IncidentCandourLate => "incident/candour-late", Check, Warning, "the duty of candour's written notice sent later than `governance.candour_working_days` working days";
    IncidentInvestigationOverdue => "incident/investigation-overdue", Check, Error, "an incident investigation past its due date and not completed";
    IncidentRepeatedFalls => "incident/repeated-falls", Check, Warning, "`governance.falls_threshold` falls of one person within `falls_window_days` and no falls risk in their care plan reviewed since the latest";
    IncidentBeforeOccurred => "incident/before-occurred", Check, Error, "a report, referral, notification, candour step or completed investigation dated before the incident occurred";
    IncidentNoMarEntry => "incident/no-mar-entry", Check, Warning, "a medication-error incident on a day the person's MAR (kept from `medication.mar_from`) holds no entry for";
    IncidentUnreportedMarError => "incident/unreported-mar-error", Check, Warning, "a MAR dose not given for want of stock or with no clinical reason, and no medication-error incident for the person within a day";
    ComplaintAcknowledgementLate => "complaint/acknowledgement-late", Check, Warning, "a complaint not acknowledged within `governance.complaint_acknowledge_working_days` working days (agency policy)";
    ComplaintResponseLate => "complaint/response-late", Check, Warning, "a complaint not answered within `governance.complaint_response_working_days` working days, or by the `response_due` agreed (agency policy)";
    ComplaintNoOutcome => "complaint/no-outcome", Check, Error, "a closed complaint without an outcome";
    ComplaintBeforeReceived => "complaint/before-received", Check, Error, "a complaint acknowledged, answered or escalated before it was received";
    ActionOverdue => "action/overdue", Check, Error, "an action past its due date and not done";
    ActionNoOwner => "action/no-owner", Check, Warning, "an action with no owner";
    AuditActiveWithoutConsent => "audit/active-without-consent", Audit, Error, "a commit in which a care plan is active while its consent is missing, refused or withdrawn";
    AuditChangedAfterConsent => "audit/changed-after-consent", Audit, Warning, "needs, risks, medication or visits changed after consent was recorded, and consent not re-dated since";
    AuditLateEntry => "audit/late-entry", Audit, Warning, "a dated event committed more than `policy.late_entry_days` after the date it claims";
    AuditBackdatedEdit => "audit/backdated-edit", Audit, Warning, "a dated field moved to an earlier date than it had before";
    AuditUncommitted => "audit/uncommitted", Audit, Warning, "records that differ from HEAD: not yet in the audit trail";
    AuditShallowHistory => "audit/shallow-history", Audit, Error, "the repository is a shallow clone, so the history is incomplete";
}

impl Code {
    /// The code written as `word`, e.g. from `policy.rules`.
    pub fn from_code(word: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == word)
    }

    /// The codes `source` makes, in table order.
    pub fn of(source: Source) -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(move |c| c.source() == source)
    }

    /// The family: the part before the `/`, e.g. `consent` of
    /// `consent/missing`.
    pub fn family(self) -> &'static str {
        let s = self.as_str();
        s.split_once('/').map_or(s, |(family, _)| family)
    }

    /// Every family, each once, in table order.
    pub fn families() -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for c in Code::ALL {
            if !out.contains(&c.family()) {
                out.push(c.family());
            }
        }
        out
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(Code::from_code(c.as_str()), Some(c));
            assert!(c.as_str().contains('/'), "{c} has no family");
        }
        assert_eq!(Code::from_code("consent/mising"), None);
    }

    #[test]
    fn audit_codes_are_the_audit_family() {
        for c in Code::of(Source::Audit) {
            assert_eq!(c.family(), "audit", "{c}");
        }
        assert!(Code::of(Source::Check).all(|c| c.family() != "audit"));
        assert!(Code::families().contains(&"consent"));
        assert!(Code::families().contains(&"audit"));
    }
}
