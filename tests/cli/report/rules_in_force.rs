//! The rota and service-user reports read each visit's window and tasks
//! from the visit rules in force on the visit's date, when a person's
//! rules change during the week.

use super::{ok, read, report};
use crate::support::Fixture;

/// Rules up to Monday 30 November (a morning visit at 08:00), new rules
/// from Tuesday 1 December (the morning visit moves to 10:00 and becomes
/// lunch), and a rota of 2026-W49 with a visit under each.
fn changing_rules() -> Fixture {
    let fx = Fixture::base();
    fx.write(
        "visit-rules/VR-0001.yaml",
        "kind: visit-rules\nid: VR-0001\nservice_user: SU-0001\ncare_plan: CP-0001\n\
         valid_from: 2026-10-01\nvalid_to: 2026-11-30\nvisits:\n  - label: morning\n    \
         days: daily\n    window: \"08:00-09:00\"\n    duration: 1h\n    \
         tasks: [personal care, breakfast]\n",
    );
    fx.write(
        "visit-rules/VR-0002.yaml",
        "kind: visit-rules\nid: VR-0002\nservice_user: SU-0001\ncare_plan: CP-0001\n\
         valid_from: 2026-12-01\nvisits:\n  - label: morning\n    days: daily\n    \
         window: \"10:00-11:00\"\n    duration: 1h\n    tasks: [lunch]\n",
    );
    fx.write(
        "rotas/2026-W49.yaml",
        "kind: rota\nid: rota-2026-W49\nweek: 2026-W49\nvisits:\n  \
         - {service_user: SU-0001, label: morning, date: 2026-11-30, start: \"08:00\", end: \"09:00\", carers: [C-0001]}\n  \
         - {service_user: SU-0001, label: morning, date: 2026-12-02, start: \"10:00\", end: \"11:00\", carers: [C-0001]}\n\
         unassigned:\n  \
         - {service_user: SU-0001, label: morning, date: 2026-12-03, reason: no carer}\n",
    );
    fx
}

/// The line of `text` that starts with `start` and holds `needle`.
fn line_with<'a>(text: &'a str, start: &str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(start) && l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

#[test]
fn rota_report_window_uses_visit_rules_in_force() {
    let fx = changing_rules();
    let (run, path) = report(&fx, "rota", "md", &[]);
    ok(&run);
    let text = read(&fx, &path);
    let monday = line_with(&text, "| 1 |", "08:00–09:00");
    assert!(monday.contains("| 08:00-09:00 |"), "{monday}");
    assert!(monday.contains("personal care, breakfast"), "{monday}");
    let wednesday = line_with(&text, "| 1 |", "10:00–11:00");
    assert!(wednesday.contains("| 10:00-11:00 |"), "{wednesday}");
    assert!(wednesday.contains("| lunch |"), "{wednesday}");
    let unassigned = line_with(&text, "| Thu", "no carer |");
    assert!(unassigned.contains("| 10:00-11:00 |"), "{unassigned}");
}

#[test]
fn service_user_report_tasks_use_visit_rules_in_force() {
    let fx = changing_rules();
    let (run, path) = report(
        &fx,
        "service-user",
        "md",
        &["--id", "SU-0001", "--week", "2026-W49"],
    );
    ok(&run);
    let text = read(&fx, &path);
    let monday = line_with(&text, "| Mon", "morning");
    assert!(monday.contains("| personal care, breakfast |"), "{monday}");
    let wednesday = line_with(&text, "| Wed", "morning");
    assert!(wednesday.contains("| lunch |"), "{wednesday}");
}
