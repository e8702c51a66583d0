//! Governance records (issue 12): a fail/pass fixture pair for each rule
//! of incidents, complaints and actions, and their bad input (unknown
//! people and carers, dates after today, a harm outside the list).

use crate::support::{Fixture, rule_pair};
use serde_json::Value;

const INCIDENT: &str = "governance/incidents/INC-0001.yaml";
const COMPLAINT: &str = "governance/complaints/COMP-0001.yaml";
const ACTION: &str = "governance/actions/ACT-0001.yaml";

fn text(f: &Value, field: &str) -> String {
    f[field].as_str().unwrap_or_default().to_owned()
}

#[test]
fn notification_overdue() {
    let f = rule_pair(
        "incident-notification-overdue",
        "incident/notification-overdue",
        INCIDENT,
        4,
    );
    assert_eq!(f["severity"], "error", "{f}");
    assert!(text(&f, "message").contains("police"), "{f}");
    assert!(text(&f, "help").contains("regulation 18"), "{f}");
}

#[test]
fn notification_late() {
    let f = rule_pair(
        "incident-notification-late",
        "incident/notification-late",
        INCIDENT,
        12,
    );
    assert!(text(&f, "message").contains("4 days after"), "{f}");
}

#[test]
fn safeguarding_missing() {
    let f = rule_pair(
        "incident-safeguarding-missing",
        "incident/safeguarding-missing",
        INCIDENT,
        13,
    );
    assert!(text(&f, "help").contains("referred:"), "{f}");
}

#[test]
fn candour_missing() {
    let f = rule_pair(
        "incident-candour-missing",
        "incident/candour-missing",
        INCIDENT,
        10,
    );
    let message = text(&f, "message");
    assert!(message.contains("moderate harm"), "{f}");
    assert!(message.contains("written notice"), "{f}");
    assert!(text(&f, "help").contains("regulation 20"), "{f}");
}

#[test]
fn candour_late_counts_working_days() {
    // Known on Tuesday 20 October: 10 working days end on Tuesday 3 November.
    let f = rule_pair(
        "incident-candour-late",
        "incident/candour-late",
        INCIDENT,
        12,
    );
    assert!(text(&f, "message").contains("due by 2026-11-03"), "{f}");
    assert_eq!(f["severity"], "warning", "{f}");
}

#[test]
fn investigation_overdue() {
    rule_pair(
        "incident-investigation-overdue",
        "incident/investigation-overdue",
        INCIDENT,
        12,
    );
}

#[test]
fn repeated_falls() {
    let f = rule_pair(
        "incident-repeated-falls",
        "incident/repeated-falls",
        "governance/incidents/INC-0002.yaml",
        4,
    );
    assert!(
        text(&f, "message").contains("Margaret Ellis (SU-0001)"),
        "{f}"
    );
    assert!(text(&f, "message").contains("2 times"), "{f}");
    assert_eq!(f["related"][0]["file"], INCIDENT, "{f}");
}

#[test]
fn notification_before_the_incident() {
    let f = rule_pair(
        "incident-before-occurred",
        "incident/before-occurred",
        INCIDENT,
        12,
    );
    assert!(text(&f, "message").contains("2026-11-09"), "{f}");
}

#[test]
fn complaint_acknowledgement_late() {
    let f = rule_pair(
        "complaint-acknowledgement-late",
        "complaint/acknowledgement-late",
        COMPLAINT,
        8,
    );
    assert!(text(&f, "message").contains("due by 2026-11-05"), "{f}");
}

#[test]
fn complaint_response_late() {
    // Received Thursday 1 October: 20 working days end on 29 October.
    let f = rule_pair(
        "complaint-response-late",
        "complaint/response-late",
        COMPLAINT,
        4,
    );
    assert!(text(&f, "message").contains("due by 2026-10-29"), "{f}");
}

#[test]
fn complaint_no_outcome() {
    rule_pair(
        "complaint-no-outcome",
        "complaint/no-outcome",
        COMPLAINT,
        10,
    );
}

#[test]
fn complaint_acknowledged_before_received() {
    rule_pair(
        "complaint-before-received",
        "complaint/before-received",
        COMPLAINT,
        8,
    );
}

#[test]
fn action_overdue() {
    rule_pair("action-overdue", "action/overdue", ACTION, 7);
}

#[test]
fn action_no_owner() {
    let f = rule_pair("action-no-owner", "action/no-owner", ACTION, 2);
    assert_eq!(f["severity"], "warning", "{f}");
}

#[test]
fn a_compliment_has_no_deadlines() {
    let fixture = Fixture::base();
    fixture.write(
        COMPLAINT,
        "kind: complaint\nid: COMP-0001\ntype: compliment\nreceived: 2026-01-05\n\
         from: {name: Susan Ellis}\nabout: Thank you.\nstatus: closed\n",
    );
    let run = fixture.check(&[]);
    run.expect_clean();
    assert!(run.findings().is_empty(), "{:?}", run.findings());
}

#[test]
fn a_bank_holiday_is_not_a_working_day_and_scotland_differs() {
    const AGENCY: &str =
        "kind: agency\nname: Fixture Home Care\noffice: {lat: 51.4545, lon: -2.5879}\n";
    let check = |fixture: &Fixture| {
        fixture.run(&["check", ".", "--today", "2027-01-20", "--format", "json"])
    };
    // Received Thursday 24 December 2026: in England the 25th and 28th
    // are bank holidays, so 3 working days end on Wednesday 30 December.
    let fixture = Fixture::base();
    fixture.write(
        COMPLAINT,
        "kind: complaint\nid: COMP-0001\nreceived: 2026-12-24\n\
         from: {name: Susan Ellis}\nabout: Late visits.\nacknowledged: 2026-12-30\n",
    );
    check(&fixture).expect_none("complaint/acknowledgement-late");
    // The agency's closure day on the 29th (and New Year's Day) move the
    // deadline to Monday 4 January.
    fixture.write(
        "agency.yaml",
        format!("{AGENCY}policy: {{governance: {{extra_holidays: [2026-12-29]}}}}\n"),
    );
    check(&fixture).expect_none("complaint/acknowledgement-late");
    fixture.write(
        COMPLAINT,
        "kind: complaint\nid: COMP-0001\nreceived: 2026-12-24\n\
         from: {name: Susan Ellis}\nabout: Late visits.\nacknowledged: 2027-01-05\n",
    );
    check(&fixture).expect("complaint/acknowledgement-late", COMPLAINT, 6);

    // Received Thursday 2 April 2026: Easter Monday is a bank holiday in
    // England and Wales but not in Scotland.
    let fixture = Fixture::base();
    fixture.write(
        COMPLAINT,
        "kind: complaint\nid: COMP-0001\nreceived: 2026-04-02\n\
         from: {name: Susan Ellis}\nabout: Late visits.\nacknowledged: 2026-04-09\n",
    );
    check(&fixture).expect_none("complaint/acknowledgement-late");
    fixture.write(
        "agency.yaml",
        format!("{AGENCY}policy: {{governance: {{bank_holidays: scotland}}}}\n"),
    );
    let f = check(&fixture).expect("complaint/acknowledgement-late", COMPLAINT, 6);
    assert!(text(&f, "message").contains("due by 2026-04-08"), "{f}");
}

#[test]
fn unknown_people_carers_and_actions_are_ref_unknown() {
    let fixture = Fixture::base();
    fixture.write(
        INCIDENT,
        "kind: incident\nid: INC-0001\ntype: fall\noccurred: 2026-11-10\n\
         service_users: [SU-0099]\ncarers: [C-0001, SU-0001]\nsummary: A fall.\nharm: none\n\
         actions: [ACT-0404]\n",
    );
    fixture.write(
        ACTION,
        "kind: action\nid: ACT-0001\nwhat: Check.\nsource: incident\nraised_by: C-0001\n\
         raised: 2026-11-10\nowner: C-0404\ndue: 2026-12-10\n",
    );
    let run = fixture.check(&[]);
    run.expect("ref/unknown", INCIDENT, 5);
    let wrong_kind = run.expect("ref/unknown", INCIDENT, 6);
    assert!(
        text(&wrong_kind, "message").contains("not a carer"),
        "{wrong_kind}"
    );
    run.expect("ref/unknown", INCIDENT, 9);
    run.expect("ref/unknown", ACTION, 5);
    run.expect("ref/unknown", ACTION, 7);
}

#[test]
fn dates_after_today_and_a_harm_outside_the_list() {
    let fixture = Fixture::base();
    fixture.write(
        INCIDENT,
        "kind: incident\nid: INC-0001\ntype: fall\noccurred: 2027-11-10\nsummary: A fall.\n\
         harm: none\n",
    );
    fixture.write(
        "governance/incidents/INC-0002.yaml",
        "kind: incident\nid: INC-0002\ntype: fall\noccurred: 2026-11-10\nsummary: A fall.\n\
         harm: catastrophic\n",
    );
    fixture.write(
        ACTION,
        "kind: action\nid: ACT-0001\nwhat: Check.\nsource: review\nraised: 2026-11-10\n\
         owner: C-0001\ndue: 2026-12-10\ndone: 2026-12-01\n",
    );
    let run = fixture.check(&[]);
    run.expect("date/in-future", INCIDENT, 4);
    run.expect("date/in-future", ACTION, 8);
    let harm = run.expect("schema/enum", "governance/incidents/INC-0002.yaml", 6);
    assert!(text(&harm, "help").contains("severe"), "{harm}");
    // The broken record is not lost: it is listed as not checked, and
    // the other two are still judged.
    let not_checked = run.json()["not_checked"].clone();
    assert_eq!(
        not_checked.as_array().map(Vec::len),
        Some(1),
        "{not_checked}"
    );
    assert_eq!(not_checked[0]["file"], "governance/incidents/INC-0002.yaml");
}

#[test]
fn a_medication_error_with_no_mar_entry_that_day() {
    let f = rule_pair(
        "incident-no-mar-entry",
        "incident/no-mar-entry",
        INCIDENT,
        4,
    );
    assert!(
        text(&f, "help").contains("mar/SU-0001/2026-W47.yaml"),
        "{f}"
    );
}

#[test]
fn a_mar_omission_with_no_incident() {
    let f = rule_pair(
        "incident-unreported-mar-error",
        "incident/unreported-mar-error",
        "mar/SU-0001/2026-W47.yaml",
        10,
    );
    assert!(text(&f, "message").contains("not available"), "{f}");
}
