//! The summary `carebook rota` prints: what was planned, what was not, and
//! the figures a coordinator checks before signing the week off.

use carebook::rota::compare::{Comparison, Figures};
use carebook::rota::plan::Outcome;
use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

/// The summary as text, with the week's figures beside the week before's.
pub fn render(o: &Outcome, compared: &Comparison, out: &Path, elapsed: Duration) -> String {
    let s = &o.summary;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "wrote {} ({:.1} s, {} improvement steps in {:.1} s{})",
        out.display(),
        elapsed.as_secs_f64(),
        o.stats.iterations,
        o.stats.seconds,
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
    week_before(&mut t, compared);
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

/// The figures of the week planned beside those of the week before, or a
/// line saying there is no rota of the week before.
fn week_before(t: &mut String, c: &Comparison) {
    let Some(before) = &c.before else {
        let _ = writeln!(t, "  no rota for {} to compare with", c.before_week);
        return;
    };
    let row = |t: &mut String, label: &str, f: &dyn Fn(&Figures) -> String| {
        let _ = writeln!(t, "    {label:<22}{:>12}{:>12}", f(&c.this), f(before));
    };
    let _ = writeln!(t, "  against the week before:");
    row(t, "week", &|f| f.week.to_string());
    row(t, "visits assigned", &|f| f.assigned.to_string());
    row(t, "visits unassigned", &|f| {
        f.unassigned
            .map_or_else(|| "not listed".to_owned(), |n| n.to_string())
    });
    row(t, "travel between visits", &|f| {
        format!("{:.1} h", f.travel_between / 60.0)
    });
    row(t, "  per assigned visit", &|f| {
        f.travel_per_visit()
            .map_or_else(|| "–".to_owned(), |m| format!("{m:.1} min"))
    });
    row(t, "carers per person", &|f| {
        format!("{:.1}", f.carers_per_person_mean)
    });
}
