//! Tests of the index on the base fixture agency
//! (`tests/fixtures/base`) with records added in a temporary copy.

use super::Index;
use crate::load::Repo;
use crate::model::Kind;
use crate::model::values::Week;
use chrono::NaiveDate;
use std::path::Path;

/// A copy of the base fixture with `extra` files (path, text) written in
/// (shared with other modules' tests).
pub(crate) fn repo(extra: &[(&str, &str)]) -> (tempfile::TempDir, Repo) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    assert!(
        base.join("agency.yaml").is_file(),
        "missing {}",
        base.display()
    );
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in walkdir::WalkDir::new(&base) {
        let entry = entry.expect("readable");
        let target = dir
            .path()
            .join(entry.path().strip_prefix(&base).expect("below"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    for (path, text) in extra {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, text).expect("write");
    }
    let repo = Repo::open(dir.path(), false).expect("loads");
    (dir, repo)
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// The base agency's rules end on 30 November; VR-0002 starts on
/// 1 December with a later morning visit.
const RULES_FROM_DECEMBER: &str = "kind: visit-rules\nid: VR-0002\nservice_user: SU-0001\n\
    care_plan: CP-0001\nvalid_from: 2026-12-01\nvisits:\n  - label: morning\n    days: daily\n    \
    window: \"10:00-11:00\"\n    duration: 1h\n";

const RULES_TO_NOVEMBER: &str = "kind: visit-rules\nid: VR-0001\nservice_user: SU-0001\n\
    care_plan: CP-0001\nvalid_from: 2026-10-01\nvalid_to: 2026-11-30\nvisits:\n  - label: morning\n    \
    days: daily\n    window: \"08:00-09:00\"\n    duration: 1h\n";

fn rota(id: &str, week: &str, date: &str) -> String {
    format!(
        "kind: rota\nid: {id}\nweek: {week}\nvisits:\n  - {{service_user: SU-0001, label: morning, \
         date: {date}, start: \"08:00\", end: \"09:00\", carers: [C-0001]}}\n"
    )
}

#[test]
fn records_by_id_with_their_entries() {
    let (_dir, repo) = repo(&[]);
    let ix = Index::new(&repo);
    let carer = ix.carers.get("C-0002").expect("C-0002");
    assert_eq!(carer.record.id.as_str(), "C-0002");
    assert_eq!(repo.files[carer.entry.file].path, "carers/C-0002.yaml");
    assert_eq!(carer.name, carer.record.name, "At derefs to the record");
    assert!(ix.carers.get("SU-0001").is_none(), "a table holds one kind");
    assert!(ix.service_users.get("SU-0001").is_some());
    assert!(ix.care_plans.get("CP-0001").is_some());
    assert_eq!(ix.carers.len(), 2);
    assert_eq!(ix.kind_of("VR-0001"), Some(Kind::VisitRules));
    assert_eq!(ix.kind_of("nobody"), None);
    assert!(ix.entry_of(Kind::Carer, "C-0001").is_some());
    assert!(ix.entry_of(Kind::ServiceUser, "C-0001").is_none());
}

#[test]
fn everything_about_one_person() {
    let rota_text = rota("rota-2026-W49", "2026-W49", "2026-12-02");
    let (_dir, repo) = repo(&[("rotas/2026-W49.yaml", &rota_text)]);
    let ix = Index::new(&repo);
    let person = ix.person("SU-0001");
    assert_eq!(
        person.record.map(|p| p.record.name.as_str()),
        Some("Margaret Ellis")
    );
    let plans: Vec<&str> = person.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(plans, ["CP-0001"]);
    let rules: Vec<&str> = person.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rules, ["VR-0001"]);
    assert_eq!(person.visits.len(), 1);
    assert_eq!(person.visits[0].visit.date.0, date("2026-12-02"));
    assert_eq!(person.visits[0].rota.record.id.as_str(), "rota-2026-W49");
    let nobody = ix.person("SU-9999");
    assert!(nobody.record.is_none() && nobody.plans.is_empty() && nobody.visits.is_empty());
}

#[test]
fn visit_rules_in_force_on_either_side_of_their_boundaries() {
    let (_dir, repo) = repo(&[
        ("visit-rules/VR-0001.yaml", RULES_TO_NOVEMBER),
        ("visit-rules/VR-0002.yaml", RULES_FROM_DECEMBER),
    ]);
    let ix = Index::new(&repo);
    let window = |d: &str| {
        ix.visit_in_force("SU-0001", "morning", date(d))
            .map(|v| (v.rules.record.id.as_str(), v.visit.window.to_string()))
    };
    // Before VR-0001's valid_from, no rules are in force.
    assert_eq!(window("2026-09-30"), None);
    assert_eq!(
        window("2026-10-01"),
        Some(("VR-0001", "08:00-09:00".into()))
    );
    // valid_to is the last day of the rules; the next rules start the day after.
    assert_eq!(
        window("2026-11-30"),
        Some(("VR-0001", "08:00-09:00".into()))
    );
    assert_eq!(
        window("2026-12-01"),
        Some(("VR-0002", "10:00-11:00".into()))
    );
    assert_eq!(
        window("2027-06-01"),
        Some(("VR-0002", "10:00-11:00".into()))
    );
    assert_eq!(
        ix.visit_in_force("SU-0001", "lunch", date("2026-12-01"))
            .map(|v| v.index),
        None
    );
    let in_force = |d: &str| -> Vec<String> {
        ix.rules_in_force("SU-0001", date(d))
            .map(|r| r.id.to_string())
            .collect()
    };
    assert!(in_force("2026-09-30").is_empty());
    assert_eq!(in_force("2026-11-30"), ["VR-0001"]);
    assert_eq!(in_force("2026-12-01"), ["VR-0002"]);
    assert!(in_force("2026-12-01").iter().all(|id| id != "VR-0001"));
    // Rules still to be judged: in force or yet to start.
    let from = |d: &str| -> Vec<String> {
        ix.rules_from("SU-0001", date(d))
            .map(|r| r.id.to_string())
            .collect()
    };
    assert_eq!(from("2026-09-30"), ["VR-0001", "VR-0002"]);
    assert_eq!(from("2026-11-30"), ["VR-0001", "VR-0002"]);
    assert_eq!(from("2026-12-01"), ["VR-0002"]);
}

#[test]
fn the_rota_of_a_week_and_its_file() {
    let w49 = rota("rota-2026-W49", "2026-W49", "2026-12-02");
    let w50 = rota("rota-2026-W50", "2026-W50", "2026-12-09");
    let (_dir, repo) = repo(&[("rotas/2026-W49.yaml", &w49), ("rotas/2026-W50.yaml", &w50)]);
    let ix = Index::new(&repo);
    let week = |s: &str| s.parse::<Week>().expect("week");
    let found = ix.rota_of_week(week("2026-W50")).expect("W50");
    assert_eq!(found.file, "rotas/2026-W50.yaml");
    assert_eq!(found.rota.id.as_str(), "rota-2026-W50");
    assert_eq!(repo.files[found.entry.file].path, found.file);
    assert!(ix.rota_of_week(week("2026-W48")).is_none());
    assert_eq!(ix.rotas_of_week(week("2026-W49")).len(), 1);
    let file = ix.file("rotas/2026-W49.yaml").expect("file");
    assert_eq!(ix.entry_in(file).map(|e| e.kind), Some(Kind::Rota));
    assert_eq!(ix.file("rotas/2026-W51.yaml"), None);
}

#[test]
fn duplicated_ids_keep_every_entry_and_look_up_the_first() {
    let copy = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base/carers/C-0001.yaml"),
    )
    .expect("C-0001")
    .replace("name: Aisha Khan", "name: Second Aisha");
    let (_dir, repo) = repo(&[("carers/C-0001-copy.yaml", &copy)]);
    let ix = Index::new(&repo);
    let dups: Vec<(&str, usize)> = ix.duplicates().map(|(id, e)| (id, e.len())).collect();
    assert_eq!(dups, [("C-0001", 2)]);
    // Path order: carers/C-0001-copy.yaml sorts before carers/C-0001.yaml.
    let first = ix.by_id["C-0001"][0];
    assert_eq!(
        ix.carers.get("C-0001").map(|c| c.entry.file),
        Some(first.file)
    );
    assert_eq!(ix.carers.len(), 3);
}

#[test]
fn broken_and_unparsed_records_are_known_by_person_and_id() {
    let (_dir, repo) = repo(&[
        // Fails its schema: no `visits`.
        (
            "visit-rules/VR-0009.yaml",
            "kind: visit-rules\nid: VR-0009\nservice_user: SU-0002\ncare_plan: CP-0001\n",
        ),
        // Does not parse at all.
        (
            "care-plans/CP-0009.yaml",
            "kind: care-plan\nid: CP-0009\nservice_user: SU-0003\nneeds: [unclosed\n",
        ),
    ]);
    let ix = Index::new(&repo);
    assert!(ix.has_broken(Kind::VisitRules, "SU-0002"));
    assert!(!ix.has_broken(Kind::CarePlan, "SU-0002"));
    assert!(ix.has_broken(Kind::CarePlan, "SU-0003"));
    assert!(!ix.has_broken(Kind::VisitRules, "SU-0001"));
    assert!(ix.is_unparsed_id("CP-0009"));
    assert!(
        !ix.is_unparsed_id("VR-0009"),
        "it parsed; only its schema failed"
    );
    assert!(ix.visit_rules.get("VR-0009").is_none());
    assert_eq!(
        ix.entry_of(Kind::VisitRules, "VR-0009")
            .map(|e| e.record.is_some()),
        Some(false)
    );
}
