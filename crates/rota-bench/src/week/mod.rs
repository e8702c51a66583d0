//! The week benchmark: carebook's `rota` side by side with its peers
//! (OR-Tools routing, `../shared/bench/peers/ortools_week.py`, and a
//! spreadsheet-style greedy, [`crate::greedy`]) on generated agencies of
//! the sizes asked for ([`size`], e.g. 50, 200 and 500 service users),
//! every rota checked by the independent verifier (`verify_rota.py`), and
//! the table of unassigned visits, late minutes, travel between
//! visits per assigned visit, distinct carers per person, wall time and
//! peak RSS.

pub mod args;
pub mod figures;
pub mod run;
pub mod size;
pub mod table;
