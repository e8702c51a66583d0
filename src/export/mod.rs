//! Exports of a week's rota for the tools an agency already uses: calendars
//! for carers' phones ([`ical`]) and hours for payroll and invoices
//! ([`hours`]). [`week`] finds the rota and resolves every id in it first,
//! so that each export works from whole records.

pub mod actual;
pub mod hours;
pub mod hours_output;
pub mod ical;
pub mod ics;
pub mod table;
pub mod week;

pub use week::{ExportError, WeekRota, week_rota};
