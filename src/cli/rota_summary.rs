//! The summary `carebook rota` prints: what was planned, what was not, and
//! the figures a coordinator checks before signing the week off.

use carebook::rota::plan::Outcome;
use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

/// The summary as text.
pub fn render(o: &Outcome, out: &Path, elapsed: Duration) -> String {
    let s = &o.summary;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "wrote {} ({:.1} s, {} improvement steps{})",
        out.display(),
        elapsed.as_secs_f64(),
        o.stats.iterations,
        if o.stats.timed_out {
            ", stopped at the time limit"
        } else if o.stats.stalled {
            ", stopped when no step found a better rota"
        } else {
            ""
        }
    );
    let _ = writeln!(t, "  visits assigned     {}", s.assigned);
    let _ = writeln!(t, "  visits unassigned   {}", s.unassigned);
    let _ = writeln!(t, "  carer hours         {:.1}", s.carer_hours);
    let _ = writeln!(
        t,
        "  travel              {:.1} h ({:.1} h between visits, {:.1} h to and from home)",
        (s.travel_between + s.travel_home) / 60.0,
        s.travel_between / 60.0,
        s.travel_home / 60.0
    );
    let _ = writeln!(
        t,
        "  minutes late        {:.0} (outside windows, within the allowed lateness)",
        s.late_minutes
    );
    let _ = writeln!(
        t,
        "  carers per person   {:.1} on average, {} at most",
        s.carers_per_person_mean, s.carers_per_person_max
    );
    if let Some(changed) = s.changed {
        let _ = writeln!(
            t,
            "  visits changed      {changed} (from the rota repaired)"
        );
    }
    let mut gaps: Vec<&(String, f64, f64)> = s.hours.iter().filter(|h| h.2 > 0.0).collect();
    gaps.sort_by(|a, b| (b.1 - b.2).total_cmp(&(a.1 - a.2)));
    let over: Vec<String> = gaps
        .iter()
        .take(3)
        .filter(|h| h.1 > h.2)
        .map(|h| {
            format!(
                "{} {:.1} h of {:.0}",
                carebook::terminal::escape(&h.0),
                h.1,
                h.2
            )
        })
        .collect();
    let under: Vec<String> = gaps
        .iter()
        .rev()
        .take(3)
        .filter(|h| h.1 < h.2)
        .map(|h| {
            format!(
                "{} {:.1} h of {:.0}",
                carebook::terminal::escape(&h.0),
                h.1,
                h.2
            )
        })
        .collect();
    if !over.is_empty() {
        let _ = writeln!(t, "  most over contract  {}", over.join(", "));
    }
    if !under.is_empty() {
        let _ = writeln!(t, "  most under contract {}", under.join(", "));
    }
    for u in &o.rota.unassigned {
        let _ = writeln!(
            t,
            "  unassigned: {} {} on {}: {}",
            u.service_user, u.label, u.date, u.reason
        );
    }
    t
}
