//! The week benchmark: carebook's `rota` side by side with its peers
//! (OR-Tools routing, `../shared/bench/peers/ortools_week.py`, and a
//! spreadsheet-style greedy, [`crate::greedy`]) on generated agencies,
//! every rota checked by the independent verifier (`verify_rota.py`), and
//! the table of unassigned visits, late minutes, travel between
//! visits per assigned visit, distinct carers per person, wall time and
//! peak RSS.

pub mod figures;
pub mod run;
pub mod table;
