//! `--today` at the edges of the calendar: a clean run or a clean error,
//! never a panic in the date arithmetic.

use crate::report::example;
use crate::support::Run;

/// The edges: the last and first four-digit years, and the last and first
/// days chrono knows (`NaiveDate::MAX`, `MIN`) in ISO 8601 expanded form.
fn edges() -> Vec<String> {
    let mut all = vec!["9999-12-31".to_owned(), "0001-01-01".to_owned()];
    all.push(chrono::NaiveDate::MAX.to_string());
    all.push(chrono::NaiveDate::MIN.to_string());
    all
}

fn no_panic(args: &[&str], run: &Run) {
    assert!(
        matches!(run.status, 0..=2) && !run.stderr.contains("panicked"),
        "carebook {}: status {}\n{}",
        args.join(" "),
        run.status,
        run.stderr
    );
}

#[test]
fn today_at_the_edge_of_the_calendar_panics_in_build_init_and_report() {
    let fx = example();
    for today in edges() {
        let mut runs: Vec<Vec<&str>> = vec![
            vec!["build", "."],
            vec!["init", "fresh"],
            vec!["check", "."],
            vec!["export", "ical", ".", "--week", "2026-W49"],
        ];
        for kind in crate::report::KINDS {
            runs.push(vec!["report", kind, "."]);
        }
        let flag = format!("--today={today}");
        for mut args in runs {
            args.push(&flag);
            let _ = std::fs::remove_dir_all(fx.path().join("fresh"));
            let run = fx.run(&args);
            no_panic(&args, &run);
        }
    }
}

#[test]
fn today_accepts_the_first_and_last_day_chrono_knows() {
    let fx = example();
    for today in &edges()[2..] {
        let run = fx.run(&["check", ".", &format!("--today={today}")]);
        assert!(matches!(run.status, 0 | 1), "{today}: {}", run.stderr);
    }
}
