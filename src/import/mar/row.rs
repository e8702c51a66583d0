//! One CSV row as a dose, or every reason it is refused.

use super::{Dose, Incoming};
use crate::diag::nearest;
use crate::import::Row;
use crate::import::RowError;
use crate::index::Index;
use crate::model::mar::{Escalation, MarDose, MarOutcome, NotGivenReason, PrnDose};
use crate::model::values::{Date, Id};
use chrono::NaiveDate;

/// The value of a kebab-case word as one of the model's enums.
fn word<T: serde::de::DeserializeOwned>(w: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(w.to_owned())).ok()
}

const OUTCOMES: &str = "given, refused, not-given, given-by-family, self-administered";
const REASONS: &str = "hospital, away, asleep, nausea-vomiting, withheld, unavailable, other";

/// Reads row `r`.
pub(super) fn read(index: &Index, r: &Row, today: NaiveDate) -> Result<Incoming, Vec<RowError>> {
    let n = r.number;
    let mut errors = Vec::new();
    let mut fail = |m: String| errors.push(RowError::new(n, m));

    let person = r.text("service_user");
    match person {
        None => fail(format!("{} is empty", r.column("service_user"))),
        Some(p) if index.service_users.get(p).is_none() => {
            let hint = nearest(p, index.service_users.iter().map(|s| s.record.id.as_str()))
                .map_or_else(String::new, |s| format!(" (did you mean {s}?)"));
            fail(format!("no service user `{p}` in the records{hint}"));
        }
        Some(_) => {}
    }
    let date = match r.date("date") {
        Ok(Some(d)) if d > today => {
            fail(format!("{d} is after today ({today}): a dose not yet due"));
            None
        }
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            fail(format!("{} is empty", r.column("date")));
            None
        }
        Err(e) => {
            fail(e);
            None
        }
    };
    let time = r.time("time").map_err(&mut fail).ok().flatten();
    let given_at = r.time("given_at").map_err(&mut fail).ok().flatten();
    let carer = r.text("carer");
    if let Some(c) = carer
        && index.carers.get(c).is_none()
    {
        let hint = nearest(c, index.carers.iter().map(|s| s.record.id.as_str()))
            .map_or_else(String::new, |s| format!(" (did you mean {s}?)"));
        fail(format!(
            "no carer `{c}` in the records{hint}; translate the system's staff ids under `values: carer:`"
        ));
    }
    let medicine = r.text("medicine");
    if medicine.is_none() {
        fail(format!("{} is empty", r.column("medicine")));
    }
    let (Some(person), Some(date), Some(medicine)) = (person, date, medicine) else {
        return Err(errors);
    };
    if index.service_users.get(person).is_none() {
        return Err(errors);
    }
    // The medicine, in the plan in force that day, and its dose time.
    match index.plan_on(person, date) {
        None => fail(format!("{person} has no care plan in force on {date}")),
        Some(plan) => match plan
            .record
            .medication
            .as_ref()
            .and_then(|m| m.item(medicine))
        {
            None => {
                let names = plan
                    .record
                    .medication
                    .iter()
                    .flat_map(|m| m.items.iter().map(|i| i.name.as_str()));
                let hint = nearest(medicine, names)
                    .map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"));
                fail(format!(
                    "{medicine} is not a medicine in {}'s care plan {}{hint}; translate the system's names under `values: medicine:`",
                    person, plan.record.id
                ));
            }
            Some(item) => {
                if let Some(t) = time
                    && !item.times.iter().any(|x| x.time() == t)
                {
                    let times: Vec<String> = item.times.iter().map(ToString::to_string).collect();
                    fail(format!(
                        "{t} is not a dose time of {medicine} (its times: {})",
                        if times.is_empty() {
                            "none: it is given as needed".to_owned()
                        } else {
                            times.join(", ")
                        }
                    ));
                }
            }
        },
    }
    let text = |f: &str| r.text(f).map(str::to_owned);
    let carer_id = carer.map(|c| Id(c.to_owned()));
    let dose = if let Some(time) = time {
        let outcome = match r.text("outcome") {
            None => {
                fail(format!("{} is empty: what happened to the dose?", r.column("outcome")));
                None
            }
            Some(w) => word::<MarOutcome>(w).or_else(|| {
                fail(format!(
                    "`{w}` in {} is not an outcome ({OUTCOMES}); translate the system's codes under `values: outcome:`",
                    r.column("outcome")
                ));
                None
            }),
        };
        let reason = match (outcome, r.text("reason")) {
            (Some(MarOutcome::NotGiven), None) => {
                fail(format!("a dose not given needs its reason code in {} ({REASONS})", r.column("reason")));
                None
            }
            (Some(MarOutcome::NotGiven), Some(w)) => word::<NotGivenReason>(w).or_else(|| {
                fail(format!(
                    "`{w}` in {} is not a reason code ({REASONS}); translate the system's codes under `values: reason:`",
                    r.column("reason")
                ));
                None
            }),
            _ => None,
        };
        match outcome {
            Some(MarOutcome::Given) if given_at.is_none() || carer.is_none() => fail(format!(
                "a dose given needs the time ({}) and the carer ({})",
                r.column("given_at"),
                r.column("carer")
            )),
            Some(MarOutcome::Refused) if carer.is_none() => fail(format!(
                "a refused dose needs the carer who offered it ({})",
                r.column("carer")
            )),
            _ => {}
        }
        outcome.map(|outcome| {
            Dose::Scheduled(MarDose {
                date: Date(date),
                time,
                medicine: medicine.to_owned(),
                outcome,
                given_at,
                carer: carer_id.clone(),
                reason,
                note: text("note"),
                escalation: text("escalated_to").map(|to| Escalation {
                    to,
                    date: Date(date),
                    note: text("escalation_note"),
                }),
            })
        })
    } else {
        let (Some(at), Some(c), Some(why)) = (given_at, carer_id.clone(), text("reason")) else {
            fail(format!(
                "an as-needed dose (no {}) needs when it was given ({}), the carer ({}) and why ({})",
                r.column("time"),
                r.column("given_at"),
                r.column("carer"),
                r.column("reason")
            ));
            return Err(errors);
        };
        Some(Dose::AsNeeded(PrnDose {
            date: Date(date),
            given_at: at,
            medicine: medicine.to_owned(),
            dose: text("dose"),
            reason: why,
            effect: text("effect"),
            carer: c,
        }))
    };
    match (dose, errors.is_empty()) {
        (Some(dose), true) => Ok(Incoming {
            row: n,
            service_user: person.to_owned(),
            dose,
        }),
        _ => Err(errors),
    }
}
