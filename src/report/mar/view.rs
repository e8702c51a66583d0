//! The MAR chart's view: plain structs the templates read.

use serde::Serialize;

/// The MAR charts' view.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    /// The period, `9 Nov – 22 Nov 2026`.
    pub period: String,
    /// Each chart code and its meaning.
    pub key: Vec<KeyRow>,
    /// One chart per person.
    pub people: Vec<Chart>,
}

/// One code of the key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyRow {
    /// The code, e.g. `R`.
    pub code: String,
    /// What it means.
    pub meaning: String,
}

/// One person's chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Service user id.
    pub id: String,
    /// Their name (initials when redacted).
    pub name: String,
    /// The care plan's id and medication support, e.g. `CP-0006 · assist`.
    pub plan: String,
    /// The days, one column each.
    pub days: Vec<DayHead>,
    /// One row per medicine and dose time.
    pub rows: Vec<Row>,
    /// As-needed doses given in the period.
    pub prn: Vec<PrnRow>,
    /// Notes of refused and omitted doses, and escalations.
    pub notes: Vec<NoteRow>,
    /// Totals.
    pub summary: Summary,
}

/// A column heading.
#[derive(Debug, Clone, Serialize)]
pub struct DayHead {
    /// `2026-11-16`.
    pub date: String,
    /// `Mon`.
    pub weekday: String,
    /// `16`.
    pub day: String,
    /// Whether it starts a week (a thicker rule).
    pub monday: bool,
}

/// One medicine at one dose time.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Medicine name and strength.
    pub medicine: String,
    /// Dose, e.g. `1 tablet`.
    pub dose: String,
    /// Dose time, `08:00`.
    pub time: String,
    /// Whether it is time-critical (NICE NG67), and within how many minutes.
    pub critical: String,
    /// Who gives it: `carer`, `family`, `person`.
    pub giver: String,
    /// One cell per day.
    pub cells: Vec<Cell>,
}

/// One day's dose.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The code shown (initials, R, F, S, a reason letter, `–` for a gap).
    pub code: String,
    /// `given`, `refused`, `not-given`, `family`, `self`, `late`, `gap`,
    /// `expected` (family or person, not recorded), `none` (not judged).
    pub class: String,
    /// The time given, for time-critical doses.
    pub time: String,
    /// What happened, in words (a tooltip in HTML).
    pub title: String,
}

/// One as-needed dose.
#[derive(Debug, Clone, Serialize)]
pub struct PrnRow {
    /// `Tue 17 Nov 14:10`.
    pub when: String,
    /// Medicine.
    pub medicine: String,
    /// Dose given.
    pub dose: String,
    /// Why.
    pub reason: String,
    /// Effect.
    pub effect: String,
    /// Carer.
    pub carer: String,
}

/// A note on one dose.
#[derive(Debug, Clone, Serialize)]
pub struct NoteRow {
    /// `Thu 19 Nov 08:30`.
    pub when: String,
    /// Medicine.
    pub medicine: String,
    /// Outcome in words.
    pub outcome: String,
    /// The carer's note.
    pub note: String,
    /// Who was told, when and what they advised; `none recorded` for a
    /// refusal without one.
    pub escalation: String,
}

/// A chart's totals.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    /// Doses carers give, due in the judged days.
    pub due: usize,
    /// Of those, with an outcome recorded.
    pub recorded: usize,
    /// Given.
    pub given: usize,
    /// Refused.
    pub refused: usize,
    /// Not given, for a reason.
    pub not_given: usize,
    /// With no record.
    pub gaps: usize,
    /// Time-critical doses given.
    pub critical: usize,
    /// Of those, within their allowed minutes.
    pub critical_on_time: usize,
}
