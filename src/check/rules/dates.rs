//! Dates that claim something has already happened (a birth, a check, a
//! course, a consent, a review) but lie after today: a typo of the year, or
//! a date written ahead. Other rules would count them as done and current.
//!
//! Dates of what is planned (`start_date`, `effective_from`, `review_due`,
//! `valid_from`, leave) may lie ahead and are not judged here. A hospital
//! stay's discharge cannot come before its admission
//! (`service-user/discharge-before-admission`).

use crate::check::context::Context;
use crate::diag::Code;
use crate::diag::Finding;
use crate::load::Entry;
use crate::model::recruitment::References;
use crate::model::values::Date;

/// Adds this family's findings to `out`.
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for s in &cx.service_users {
        let (e, r) = (s.entry, s.record);
        let mut d = Dates::new(cx, e, out);
        d.future("/date_of_birth", Some(r.date_of_birth), "the date of birth");
        if let Some(dnacpr) = &r.dnacpr {
            d.future("/dnacpr/date", dnacpr.date, "the DNACPR decision");
        }
        if let Some(respect) = &r.respect {
            d.future("/respect/date", Some(respect.date), "the ReSPECT form");
        }
        if let Some(eol) = &r.end_of_life {
            d.future(
                "/end_of_life/discussed_on",
                Some(eol.discussed_on),
                "the talk about end-of-life wishes",
            );
        }
        for (k, stay) in r.hospital_stays.iter().enumerate() {
            let at = format!("/hospital_stays/{k}");
            d.future(
                &format!("{at}/admitted"),
                Some(stay.admitted),
                "the admission to hospital",
            );
            d.future(
                &format!("{at}/discharged"),
                stay.discharged,
                "the discharge from hospital",
            );
            d.before(
                Code::ServiceUserDischargeBeforeAdmission,
                &format!("{at}/discharged"),
                stay.discharged,
                "the discharge from hospital",
                stay.admitted,
                "the admission",
            );
        }
        for (k, c) in r.contacts.iter().enumerate() {
            let at = format!("/contacts/{k}");
            d.future(
                &format!("{at}/lpa_registered_on"),
                c.lpa_registered_on,
                "the LPA's registration",
            );
            d.future(
                &format!("{at}/lpa_copy_seen_on"),
                c.lpa_copy_seen_on,
                "seeing the LPA",
            );
            if let Some(dep) = &c.deputy {
                d.future(
                    &format!("{at}/deputy/order_date"),
                    Some(dep.order_date),
                    "the deputyship order",
                );
                d.future(
                    &format!("{at}/deputy/copy_seen_on"),
                    dep.copy_seen_on,
                    "seeing the deputyship order",
                );
            }
        }
    }
    for p in &cx.care_plans {
        let (e, r) = (p.entry, p.record);
        let mut d = Dates::new(cx, e, out);
        d.future("/assessed_on", Some(r.assessed_on), "the assessment");
        for (k, risk) in r.risks.iter().enumerate() {
            d.future(
                &format!("/risks/{k}/reviewed_on"),
                Some(risk.reviewed_on),
                &format!("the last review of risk `{}`", risk.risk),
            );
        }
        if let Some(c) = &r.consent {
            d.future("/consent/date", c.date, "the consent decision");
            if let Some(cap) = &c.capacity {
                d.future(
                    "/consent/capacity/assessed_on",
                    Some(cap.assessed_on),
                    "the capacity assessment",
                );
            }
            if let Some(bi) = &c.best_interests {
                d.future(
                    "/consent/best_interests/date",
                    Some(bi.date),
                    "the best-interests decision",
                );
            }
        }
    }
    for p in &cx.care_plans {
        let mut d = Dates::new(cx, p.entry, out);
        for (k, review) in p.record.reviews.iter().enumerate() {
            d.future(&format!("/reviews/{k}/date"), Some(review.date), "a review");
        }
        for (k, dec) in p.record.decisions.iter().enumerate() {
            let at = format!("/decisions/{k}/consent");
            d.future(
                &format!("{at}/date"),
                dec.consent.date,
                "the consent decision",
            );
            if let Some(cap) = &dec.consent.capacity {
                d.future(
                    &format!("{at}/capacity/assessed_on"),
                    Some(cap.assessed_on),
                    "the capacity assessment",
                );
            }
        }
        if let Some(dol) = &p.record.deprivation_of_liberty {
            let at = "/deprivation_of_liberty";
            d.future(
                &format!("{at}/considered_on"),
                Some(dol.considered_on),
                "considering the deprivation of liberty",
            );
            if let Some(court) = &dol.court_of_protection {
                let at = format!("{at}/court_of_protection");
                d.future(
                    &format!("{at}/applied_on"),
                    Some(court.applied_on),
                    "the application to the Court of Protection",
                );
                d.future(
                    &format!("{at}/authorised_on"),
                    court.authorised_on,
                    "the court's authorisation",
                );
                d.future(
                    &format!("{at}/cqc_notified_on"),
                    court.cqc_notified_on,
                    "the notification to CQC",
                );
            }
        }
        for (k, rp) in p.record.restrictive_practices.iter().enumerate() {
            d.future(
                &format!("/restrictive_practices/{k}/agreed_by_person_on"),
                rp.agreed_by_person_on,
                "the person's agreement",
            );
            if let Some(bi) = &rp.best_interests {
                d.future(
                    &format!("/restrictive_practices/{k}/best_interests/date"),
                    Some(bi.date),
                    "the best-interests decision",
                );
            }
        }
    }
    for c in &cx.carers {
        let (e, r) = (c.entry, c.record);
        let mut d = Dates::new(cx, e, out);
        if let Some(dbs) = &r.checks.dbs {
            d.future(
                "/checks/dbs/issued",
                Some(dbs.issued),
                "the DBS certificate's issue",
            );
        }
        if let Some(dbs) = &r.checks.dbs {
            for (k, s) in dbs.status_checks.iter().enumerate() {
                let at = format!("/checks/dbs/status_checks/{k}");
                d.future(&at, Some(*s), "a DBS status check");
            }
            d.future(
                "/checks/dbs/adult_first",
                dbs.adult_first,
                "the Adult First check",
            );
        }
        if let Some(id) = &r.checks.identity {
            d.future(
                "/checks/identity/checked_on",
                Some(id.checked_on),
                "the identity check",
            );
        }
        d.future(
            "/checks/health_declaration",
            r.checks.health_declaration,
            "the health declaration",
        );
        if let Some(References::Referees(list)) = &r.checks.references {
            for (k, referee) in list.iter().enumerate() {
                let at = format!("/checks/references/{k}/received");
                d.future(&at, referee.received, "a reference's receipt");
            }
        }
        for (k, c) in r.competencies.iter().enumerate() {
            d.future(
                &format!("/competencies/{k}/assessed"),
                Some(c.assessed),
                &format!("the assessment of `{}`", c.skill),
            );
        }
        if let Some(rtw) = &r.checks.right_to_work {
            d.future(
                "/checks/right_to_work/checked_on",
                Some(rtw.checked_on),
                "the right-to-work check",
            );
        }
        if let Some(drv) = &r.checks.driving {
            d.future(
                "/checks/driving/licence_checked_on",
                drv.licence_checked_on,
                "the driving licence check",
            );
        }
        for (k, t) in r.training.iter().enumerate() {
            d.future(
                &format!("/training/{k}/completed"),
                Some(t.completed),
                &format!("the completion of `{}`", t.course),
            );
        }
        for (k, s) in r.supervisions.iter().enumerate() {
            d.future(&format!("/supervisions/{k}"), Some(*s), "a supervision");
        }
        d.future("/appraisal", r.appraisal, "the last appraisal");
    }
}

/// The date checks of one record: what has happened cannot lie after
/// today, and a step cannot come before what it follows. Governance
/// records use them too.
pub(in crate::check) struct Dates<'c, 'a, 'o> {
    cx: &'c Context<'a>,
    entry: &'a Entry,
    out: &'o mut Vec<Finding>,
}

impl<'c, 'a, 'o> Dates<'c, 'a, 'o> {
    /// The checks of `entry`, adding findings to `out`.
    pub(in crate::check) fn new(
        cx: &'c Context<'a>,
        entry: &'a Entry,
        out: &'o mut Vec<Finding>,
    ) -> Self {
        Dates { cx, entry, out }
    }

    /// `date/in-future` when `date`, the date of `what`, lies after today.
    pub(in crate::check) fn future(&mut self, pointer: &str, date: Option<Date>, what: &str) {
        let Some(date) = date.filter(|d| d.0 > self.cx.today) else {
            return;
        };
        self.out.push(
            self.cx
                .finding(
                    Code::DateInFuture,
                    self.entry,
                    pointer,
                    format!(
                        "{what} is dated {date}, after today ({}): it cannot have happened yet",
                        self.cx.today
                    ),
                )
                .help(
                    "write the date it happened (often the year is mistyped); if it has not \
                     happened yet, remove it until it has",
                ),
        );
    }

    /// `code` when `date`, the date of `what`, lies before `start`, the
    /// date of `start_what` that it follows.
    pub(in crate::check) fn before(
        &mut self,
        code: Code,
        pointer: &str,
        date: Option<Date>,
        what: &str,
        start: Date,
        start_what: &str,
    ) {
        let Some(date) = date.filter(|d| *d < start) else {
            return;
        };
        self.out.push(
            self.cx
                .finding(
                    code,
                    self.entry,
                    pointer,
                    format!("{what} is dated {date}, before {start_what} ({start})"),
                )
                .help(format!(
                    "correct one of the two dates: {what} cannot come before {start_what}"
                )),
        );
    }
}
