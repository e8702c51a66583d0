//! Weeks on the command line (issue 10, item 19): `rota` and `export` plan
//! and export next week when no `--week` is given, a week is read in any
//! case but never with a sign, and planning a week that has ended says so.

use crate::report::example;
use crate::support::{Fixture, Run, TODAY};
use std::path::Path;

/// The week after `TODAY` (2026-11-23, a Monday of 2026-W48).
const NEXT_WEEK: &str = "2026-W49";

/// `carebook rota . --today TODAY` with `week` (when given), a few steps,
/// written to `out`.
fn plan(fx: &Fixture, week: Option<&str>, out: &Path) -> Run {
    let mut args = vec!["rota", ".", "--today", TODAY, "--iterations", "5"];
    if let Some(week) = week {
        args.extend(["--week", week]);
    }
    args.extend(["--out", out.to_str().expect("utf-8 path")]);
    fx.run(&args)
}

#[test]
fn rota_and_export_require_week() {
    let fx = example();
    // No --week: next week's rota (the example agency ships 2026-W49).
    let run = fx.run(&["export", "hours", ".", "--today", TODAY]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2026-11-30"), "{}", run.stdout);
    let out = fx.path().join("planned.yaml");
    let run = plan(&fx, None, &out);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).expect("the rota was written");
    assert!(text.contains(&format!("week: {NEXT_WEEK}")), "{text}");
}

#[test]
fn week_2026_w49_in_lower_case_is_refused() {
    let fx = example();
    let run = fx.run(&["export", "hours", ".", "--week", "2026-w49"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2026-11-30"), "{}", run.stdout);
}

#[test]
fn week_2026_w_plus_9_is_accepted() {
    let fx = example();
    for week in ["2026-W+9", "2026-W-9", "+026-W09", "2026-W 9"] {
        let run = fx.run(&["export", "hours", ".", "--week", week]);
        assert_eq!(run.status, 2, "{week}: {}", run.stderr);
        assert!(
            run.stderr.contains("is not an ISO week"),
            "{week}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_week_in_the_past_silently_gives_an_empty_rota() {
    let fx = example();
    let out = fx.path().join("past.yaml");
    let run = plan(&fx, Some("2026-W40"), &out);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("carebook::past_week"), "{}", run.stderr);
    assert!(
        run.stderr.contains("2026-W40 ended on 2026-10-04"),
        "{}",
        run.stderr
    );
    // Next week is not past: no warning.
    let run = plan(&fx, Some(NEXT_WEEK), &out);
    assert!(!run.stderr.contains("past_week"), "{}", run.stderr);
}
