//! `carebook export`: calendars for carers and hours for payroll and
//! invoices from a week's rota, and every bad input of the issue: no rota
//! for the week, a rota naming a carer who no longer exists, names with
//! commas, semicolons, quotes and line breaks (RFC 5545 escaping, CSV
//! quoting), and a rota file that does not read. The hours are tested in
//! `export/hours.rs`.

mod hours;

use crate::support::{Fixture, Run};
use icalendar::parser::{Component, read_calendar, unfold};
use std::collections::BTreeMap;

const WEEK: &str = "2026-W49";
const ROTA: &str = "rotas/2026-W49.yaml";

/// A person whose every name and address field needs escaping (and a
/// backslash before an `n` that is not a line break).
const AWKWARD: &str = "name: \"Hale, Arthur \\\"Art\\\"\"\n\
preferred_name: \"Art; the \\\"boss\\\", \\\\nok\\nsecond line\"";

/// The base agency and a second service user (from the rota-overlap pair),
/// with awkward names, a carer whose name a spreadsheet would run, and a
/// rota where C-0001 visits both people on Monday and does a double-up
/// with C-0002 on Tuesday.
fn agency() -> Fixture {
    let fx = Fixture::rule("rota-overlap", "pass");
    edit(
        &fx,
        "service-users/SU-0002.yaml",
        "name: Arthur Hale",
        AWKWARD,
    );
    edit(
        &fx,
        "service-users/SU-0002.yaml",
        "line1: 14 Raleigh Road",
        "line1: \"Flat 2, 14 Raleigh Road\"",
    );
    edit(
        &fx,
        "carers/C-0002.yaml",
        "name: Tom Baker",
        "name: \"@Baker, Tom \\\"TB\\\"\"",
    );
    edit(
        &fx,
        ROTA,
        "date: 2026-12-01, start: \"08:00\", end: \"09:00\", carers: [C-0001]",
        "date: 2026-12-01, start: \"08:00\", end: \"09:00\", carers: [C-0001, C-0002]",
    );
    fx
}

fn edit(fx: &Fixture, file: &str, from: &str, to: &str) {
    let path = fx.path().join(file);
    let text = std::fs::read_to_string(&path).expect("fixture file");
    assert!(text.contains(from), "no `{from}` in {file}");
    fx.write(file, text.replacen(from, to, 1));
}

/// Standard error on one line: miette wraps long messages and draws a
/// gutter, which a test should not depend on.
fn flat(text: &str) -> String {
    text.replace(['│', '\n'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn ok(run: Run) -> Run {
    assert_eq!(
        run.status, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run
}

fn export_ical(fx: &Fixture, out: &str) -> BTreeMap<String, String> {
    ok(fx.run(&["export", "ical", ".", "--week", WEEK, "--out", out]));
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(fx.path().join(out)).expect("out folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        files.insert(name, std::fs::read_to_string(&path).expect("ics"));
    }
    files
}

/// A property's value as the parser gives it (TEXT values unescaped).
fn prop(c: &Component, name: &str) -> String {
    let p = c
        .find_prop(name)
        .unwrap_or_else(|| panic!("no {name} in {}", c.name.as_str()));
    p.val.as_str().to_owned()
}

fn events<'a>(cal: &'a icalendar::parser::Calendar<'a>) -> Vec<&'a Component<'a>> {
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect()
}

#[test]
fn no_rota_for_the_week_says_how_to_make_one() {
    let fx = Fixture::base();
    for args in [
        &["export", "ical", ".", "--week", WEEK][..],
        &["export", "hours", ".", "--week", WEEK, "--format", "csv"][..],
        &["export", "hours", ".", "--week", WEEK, "--by", "funder"][..],
    ] {
        let run = fx.run(args);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(
            flat(&run.stderr).contains("no rota for 2026-W49"),
            "{}",
            run.stderr
        );
        assert!(
            flat(&run.stderr).contains("rotas/2026-W49.yaml"),
            "{}",
            run.stderr
        );
        assert!(
            flat(&run.stderr).contains("carebook rota --week 2026-W49"),
            "{}",
            run.stderr
        );
    }
    assert!(!fx.path().join("out").exists());
}

#[test]
fn a_carer_who_no_longer_exists_is_named_with_file_and_line() {
    let fx = agency();
    std::fs::remove_file(fx.path().join("carers/C-0002.yaml")).expect("remove");
    for args in [
        &["export", "ical", ".", "--week", WEEK][..],
        &["export", "hours", ".", "--week", WEEK][..],
    ] {
        let run = fx.run(args);
        assert_eq!(run.status, 2, "{}", run.stderr);
        // Tuesday's visit is line 8 of the rota; C-0002 stands at column 110.
        assert!(
            flat(&run.stderr).contains("rotas/2026-W49.yaml:8:110: the rota names carer `C-0002`"),
            "{}",
            run.stderr
        );
        assert!(flat(&run.stderr).contains("--repair"), "{}", run.stderr);
    }
    assert!(!fx.path().join("out").exists());
}

#[test]
fn an_unknown_service_user_or_a_broken_carer_record_is_an_error_too() {
    let fx = agency();
    edit(
        &fx,
        ROTA,
        "unassigned: []",
        "unassigned:\n  - {service_user: SU-0404, label: tea, date: 2026-12-02, reason: none}",
    );
    let run = fx.run(&["export", "hours", ".", "--week", WEEK, "--by", "funder"]);
    assert_eq!(run.status, 2);
    assert!(
        flat(&run.stderr)
            .contains("rotas/2026-W49.yaml:15:20: the rota names service user `SU-0404`"),
        "{}",
        run.stderr
    );

    let fx = agency();
    edit(&fx, "carers/C-0002.yaml", "travel: walk", "travel: horse");
    let run = fx.run(&["export", "ical", ".", "--week", WEEK]);
    assert_eq!(run.status, 2);
    assert!(
        flat(&run.stderr).contains("carer `C-0002`, whose record carers/C-0002.yaml has errors"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rota_file_that_does_not_read_is_refused() {
    let fx = agency();
    fx.write(ROTA, "kind: rota\nid: rota-2026-W49\nweek: [2026-W49\n");
    let run = fx.run(&["export", "ical", ".", "--week", WEEK]);
    assert_eq!(run.status, 2);
    assert!(
        flat(&run.stderr).contains("rotas/2026-W49.yaml is not a readable rota"),
        "{}",
        run.stderr
    );
    assert!(
        flat(&run.stderr).contains("carebook check"),
        "{}",
        run.stderr
    );
    let run = fx.run(&["export", "ical", ".", "--week", "2026-49"]);
    assert_eq!(run.status, 2);
    assert!(
        flat(&run.stderr).contains("is not an ISO week"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_calendar_per_carer_that_a_real_parser_reads() {
    let fx = agency();
    let files = export_ical(&fx, "out/first");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["C-0001.ics", "C-0002.ics"]
    );
    let text = &files["C-0001.ics"];
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "not CRLF: {line:?}");
        assert!(line.len() - 2 <= 75, "over 75 octets: {line:?}");
    }
    let unfolded = unfold(text);
    let cal = read_calendar(&unfolded).expect("parses");
    let names: Vec<&str> = cal.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 1 + 8, "a VTIMEZONE and 8 visits: {names:?}");
    let tz = cal
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .expect("VTIMEZONE");
    assert_eq!(prop(tz, "TZID"), "Europe/London");
    let parts: Vec<&str> = tz.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(parts, ["DAYLIGHT", "STANDARD"]);

    let evs = events(&cal);
    assert_eq!(evs.len(), 8);
    let monday: Vec<&&Component> = evs
        .iter()
        .filter(|e| prop(e, "DTSTART").starts_with("20261130"))
        .collect();
    assert_eq!(monday.len(), 2);
    let art = monday[1];
    let start = art.find_prop("DTSTART").expect("DTSTART");
    assert_eq!(start.val.as_str(), "20261130T091500");
    let tzid = start
        .params
        .iter()
        .find(|p| p.key.as_str() == "TZID")
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().to_owned());
    assert_eq!(tzid.as_deref(), Some("Europe/London"));
    assert_eq!(prop(art, "DTEND"), "20261130T094500");
    assert_eq!(
        prop(art, "SUMMARY"),
        "Art; the \"boss\", \\nok\nsecond line: morning"
    );
    assert_eq!(
        prop(art, "LOCATION"),
        "Flat 2, 14 Raleigh Road, Bristol, BS3 1QR"
    );
    assert!(prop(art, "DESCRIPTION").starts_with("Tasks: breakfast\n"));
    // Escaped on the wire, per RFC 5545.
    assert!(text.contains("SUMMARY:Art\\; the \"boss\"\\, \\\\nok\\nsecond line: morning"));

    // The double-up names the co-worker, in both carers' calendars.
    let tuesday = evs
        .iter()
        .find(|e| prop(e, "DTSTART").starts_with("20261201"))
        .expect("Tuesday");
    assert_eq!(
        prop(tuesday, "SUMMARY"),
        "Peggy: morning (with @Baker, Tom \"TB\")"
    );
    assert!(
        prop(tuesday, "DESCRIPTION")
            .contains("Tasks: personal care, breakfast\nDouble-up with @Baker, Tom \"TB\""),
        "{}",
        prop(tuesday, "DESCRIPTION")
    );
    let other_text = unfold(&files["C-0002.ics"]);
    let other = read_calendar(&other_text).expect("parses");
    let theirs = events(&other);
    assert_eq!(theirs.len(), 1);
    assert_eq!(
        prop(theirs[0], "SUMMARY"),
        "Peggy: morning (with Aisha Khan)"
    );

    // The icalendar crate's own model reads it too.
    let model: icalendar::Calendar = text.parse().expect("icalendar::Calendar");
    assert_eq!(model.components.len(), 9);
}

#[test]
fn uids_are_stable_so_a_re_import_updates() {
    let fx = agency();
    let first = export_ical(&fx, "out/first");
    let again = export_ical(&fx, "out/again");
    assert_eq!(first, again, "the same rota gives the same bytes");

    // Re-planned: Monday's second visit moves, and a new rota time stamp.
    edit(
        &fx,
        ROTA,
        "start: \"09:15\", end: \"09:45\"",
        "start: \"09:30\", end: \"10:00\"",
    );
    edit(&fx, ROTA, "2026-11-23T10:00:00Z", "2026-11-24T08:00:00Z");
    let moved = export_ical(&fx, "out/moved");
    let uids = |text: &str| -> Vec<(String, String)> {
        let unfolded = unfold(text);
        let cal = read_calendar(&unfolded).expect("parses");
        events(&cal)
            .iter()
            .map(|e| (prop(e, "UID"), prop(e, "DTSTART")))
            .collect()
    };
    let before = uids(&first["C-0001.ics"]);
    let after = uids(&moved["C-0001.ics"]);
    assert_eq!(before.len(), after.len());
    let unique: std::collections::BTreeSet<&String> = before.iter().map(|(u, _)| u).collect();
    assert_eq!(unique.len(), before.len(), "UIDs are unique");
    for ((u1, s1), (u2, s2)) in before.iter().zip(&after) {
        assert_eq!(u1, u2);
        assert_eq!(s1 == s2, !s1.ends_with("T091500"), "{s1} -> {s2}");
    }
    assert!(moved["C-0001.ics"].contains("DTSTAMP:20261124T080000Z"));
}

#[test]
fn the_default_folder_is_out_ical_week() {
    let fx = agency();
    let run = ok(fx.run(&["export", "ical", "--week", WEEK]));
    assert!(
        run.stdout.contains("C-0001.ics  Aisha Khan, 8 visits"),
        "{}",
        run.stdout
    );
    assert!(fx.path().join("out/ical/2026-W49/C-0002.ics").is_file());
    // out/ is never read as records.
    let check = fx.check(&[]);
    assert!(
        check
            .findings()
            .iter()
            .all(|f| !f["file"].as_str().unwrap_or("").starts_with("out/"))
    );
    assert_eq!(check.json()["summary"]["files"], 10, "{}", check.stdout);
}

#[test]
fn a_carer_who_has_left_is_exported_with_a_warning() {
    let fx = agency();
    edit(
        &fx,
        "carers/C-0002.yaml",
        "status: active",
        "status: leaver",
    );
    let run = ok(fx.run(&["export", "ical", ".", "--week", WEEK]));
    assert!(fx.path().join("out/ical/2026-W49/C-0002.ics").is_file());
    let err = flat(&run.stderr);
    assert!(
        err.contains("⚠ @Baker, Tom \"TB\" (C-0002) has left (status: leaver)"),
        "{err}"
    );
    assert!(
        err.contains("carebook rota --week 2026-W49 --repair"),
        "{err}"
    );
}
