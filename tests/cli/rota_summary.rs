//! `carebook rota`'s summary sets the week planned beside the week before
//! (issue 14, point 5): visits, travel between visits and carers per
//! person, from the rota the repository holds for that week.

use crate::rota_plan::copy_examples;
use crate::support::{Fixture, Run, TODAY};

/// The row of the comparison whose label is `label`: its two columns.
fn row(stdout: &str, label: &str) -> (String, String) {
    let line = stdout
        .lines()
        .skip_while(|l| *l != "  against the week before:")
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no row `{label}` in\n{stdout}"));
    let rest = line.trim_start()[label.len()..].trim();
    // Columns are right-aligned in twelve characters each.
    let (this, before) = rest.split_at(rest.len().saturating_sub(12));
    (this.trim().to_owned(), before.trim().to_owned())
}

/// Plans 2026-W48 in `fx` with so many improvement steps.
fn plan_week_48(fx: &Fixture, iterations: &str) -> Run {
    fx.run(&[
        "rota",
        "--week",
        "2026-W48",
        "--today",
        TODAY,
        "--iterations",
        iterations,
    ])
}

#[test]
fn the_summary_sets_the_week_beside_the_rota_of_the_week_before() {
    let fx = Fixture::empty();
    copy_examples(fx.path());
    let run = plan_week_48(&fx, "300");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("  against the week before:\n"), "{out}");
    assert_eq!(row(out, "week "), ("2026-W48".into(), "2026-W47".into()));
    // examples/rotas/2026-W47.yaml, written by carebook: 193 visits, none
    // unassigned, 18.1 h between visits, 2.2 carers per person.
    let (this, before) = row(out, "visits assigned");
    assert_eq!(before, "193", "{out}");
    assert_eq!(this, out_figure(out, "visits assigned     "), "{out}");
    assert_eq!(row(out, "visits unassigned ").1, "0", "{out}");
    assert_eq!(row(out, "travel between visits").1, "18.1 h", "{out}");
    assert_eq!(row(out, "per assigned visit").1, "5.6 min", "{out}");
    assert_eq!(row(out, "carers per person ").1, "2.2", "{out}");
    assert!(!out.contains("to compare with"), "{out}");
}

/// A hand-written rota need not list its unassigned visits: their count
/// is not known, and the summary says so rather than print a 0.
#[test]
fn a_hand_written_week_before_listing_no_unassigned_visits_has_them_not_listed() {
    let fx = Fixture::empty();
    copy_examples(fx.path());
    let w47 = "rotas/2026-W47.yaml";
    let text = std::fs::read_to_string(fx.path().join(w47)).expect("week 47");
    let hand_written: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("generated:"))
        .collect();
    assert!(text.contains("unassigned: []"), "{text}");
    fx.write(w47, hand_written.join("\n") + "\n");
    let run = plan_week_48(&fx, "50");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let (this, before) = row(&run.stdout, "visits unassigned ");
    assert_eq!(before, "not listed", "{}", run.stdout);
    assert_ne!(this, "not listed", "{}", run.stdout);
}

/// The figure after `prefix` on the summary's own line (this week's).
fn out_figure(stdout: &str, prefix: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("  {prefix}")))
        .unwrap_or_else(|| panic!("no `{prefix}` in\n{stdout}"))
        .trim()
        .to_owned()
}

#[test]
fn without_a_rota_of_the_week_before_the_summary_says_so_in_one_line() {
    let fx = Fixture::base();
    let run = fx.run(&[
        "rota",
        ".",
        "--week",
        "2026-W49",
        "--today",
        TODAY,
        "--iterations",
        "50",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("\n  no rota for 2026-W48 to compare with\n"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("against the week before"),
        "{}",
        run.stdout
    );
}
