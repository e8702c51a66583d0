//! `export hours --actual`: logged hours beside planned, for payroll and
//! invoices.

use crate::support::{Fixture, TODAY};

fn fixture() -> Fixture {
    // Rota of 2026-W47: morning visits on the 16th and 17th, C-0001, 1 h
    // each; the log: the 16th done 08:05-09:02, the 17th cancelled.
    Fixture::rule("visit-missed", "pass")
}

#[test]
fn payroll_pays_the_logged_stay_beside_the_planned() {
    let fx = fixture();
    let run = fx.run(&[
        "export", "hours", "--actual", "--week", "2026-W47", "--today", TODAY,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "week,date,carer,carer_name,planned_visits,planned_care_minutes,visits,care_minutes,untimed_visits,difference_minutes,care_hours"
    );
    assert!(
        lines.contains(&"2026-W47,2026-11-16,C-0001,Aisha Khan,1,60,1,57,0,-3,0.95"),
        "{}",
        run.stdout
    );
    // Cancelled: planned, not paid as care.
    assert!(
        lines.contains(&"2026-W47,2026-11-17,C-0001,Aisha Khan,1,60,0,0,0,-60,0.00"),
        "{}",
        run.stdout
    );
}

#[test]
fn invoices_count_delivered_carer_hours_and_cancellations() {
    let fx = fixture();
    let run = fx.run(&[
        "export", "hours", "--actual", "--by", "funder", "--today", TODAY,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The default week of --actual is last week: 2026-W47 on 2026-11-23.
    assert!(
        run.stdout.contains(
            "2026-W47,local-authority,BCC-ASC-44120,SU-0001,Margaret Ellis,2,2.00,1,0.95,1,0,0,7.00,-6.05"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn an_untimed_visit_is_paid_at_its_planned_length_and_flagged() {
    let fx = fixture();
    let log = std::fs::read_to_string(fx.path().join("logs/SU-0001/2026-W47.yaml")).expect("log");
    fx.write(
        "logs/SU-0001/2026-W47.yaml",
        log.replace("    arrived: \"08:05\"\n    departed: \"09:02\"\n", ""),
    );
    let run = fx.run(&["export", "hours", "--actual", "--today", TODAY]);
    assert!(
        run.stdout
            .contains("2026-W47,2026-11-16,C-0001,Aisha Khan,1,60,1,60,1,0,1.00"),
        "{}",
        run.stdout
    );
}
