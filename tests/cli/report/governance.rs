//! The governance report: overdue actions first, statuses that agree with
//! `check`, the chart as inline SVG with nothing fetched or run, and the
//! free text of incidents and complaints left out under `--redact`.

use super::{example, ok, read, report};

/// The example agency with an overdue action and an unnotified
/// police incident.
fn with_gaps() -> crate::support::Fixture {
    let fx = example();
    fx.write(
        "governance/actions/ACT-0099.yaml",
        "kind: action\nid: ACT-0099\nwhat: Replace the key safe at the front door.\n\
         source: review\nraised: 2026-10-01\nowner: C-0001\ndue: 2026-11-01\n",
    );
    fx.write(
        "governance/incidents/INC-2026-099.yaml",
        "kind: incident\nid: INC-2026-099\ntype: police-involvement\noccurred: 2026-11-16\n\
         service_users: [SU-0002]\nsummary: Police called after a neighbour dispute at the door.\n\
         harm: none\n",
    );
    fx
}

#[test]
fn overdue_actions_come_first_and_statuses_agree_with_check() {
    let fx = with_gaps();
    let (run, path) = report(&fx, "governance", "md", &[]);
    ok(&run);
    let md = read(&fx, &path);
    let tracker = md.split("## Action tracker").nth(1).expect("a tracker");
    let first_row = tracker
        .lines()
        .find(|l| l.starts_with("| ACT-"))
        .expect("a row");
    assert!(first_row.starts_with("| ACT-0099 |"), "{tracker}");
    assert!(first_row.contains("✗ Overdue"), "{first_row}");
    assert!(md.contains("| INC-2026-099 (16 Nov 2026) |"), "{md}");
    assert!(
        md.contains("✗ Overdue"),
        "the notification is overdue: {md}"
    );
    assert!(md.contains("action/overdue"), "the finding is listed: {md}");
    assert!(md.contains("incident/notification-overdue"), "{md}");
    assert!(md.contains("## Summary: ✗ Red"), "{md}");
    assert!(md.contains("| Nov 2026 | 0 | 0 | 1 | 1 | 2 |"), "{md}");
}

#[test]
fn the_chart_is_inline_svg_with_a_bar_per_month() {
    let fx = with_gaps();
    let (run, path) = report(&fx, "governance", "html", &[]);
    ok(&run);
    let html = read(&fx, &path);
    let svg = html
        .split("<svg")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("an inline SVG chart");
    assert_eq!(
        svg.matches("text-anchor=\"middle\"").count(),
        12,
        "a label per month"
    );
    assert_eq!(
        svg.matches("<rect").count(),
        4,
        "one segment per type and month"
    );
    assert!(
        svg.contains("<title>1 × Police involvement in Nov 2026</title>"),
        "{svg}"
    );
    for banned in ["<script", "href=", "http", "<image", "<use"] {
        assert!(!svg.contains(banned), "the chart has {banned}");
    }
}

#[test]
fn redacted_governance_leaves_out_free_text_and_names() {
    let fx = with_gaps();
    let (run, path) = report(&fx, "governance", "html", &["--redact"]);
    ok(&run);
    let html = read(&fx, &path);
    for personal in [
        "neighbour dispute",
        "money goes missing",
        "Susan Ellis",
        "Robert Pennington",
        "BCC-SG-2026-10442",
        "CQC-NOT-000418822",
        "Doris Whitlock",
        "Bedminster visits on one round",
    ] {
        assert!(
            !html.contains(personal),
            "{personal} in the redacted report"
        );
    }
    assert!(
        html.contains("S. E. (daughter)"),
        "the complainant as initials"
    );
    assert!(
        html.contains("Replace the key safe"),
        "an action's what stays"
    );
}
