//! The week-on-week figures on a small repository whose travel matrix makes
//! every figure known, and on the example agency against the planner's own.

use super::{Figures, carers_per_person, with_week_before};
use crate::index::Index;
use crate::index::tests::repo;
use crate::load::Repo;
use crate::model::values::Week;
use crate::rota::plan;
use std::path::Path;

fn week(s: &str) -> Week {
    s.parse().expect("week")
}

/// Week 48, written by hand: no `generated`, no `unassigned`. C-0001 goes
/// SU-0001, SU-0002, SU-0001 on Monday (12 + 12 min) and SU-0002, SU-0001
/// on Tuesday (12 min), the last with C-0002; C-0002 has one visit.
const W48: &str = "kind: rota\nid: rota-2026-W48\nweek: 2026-W48\nvisits:\n\
  - {service_user: SU-0001, label: morning, date: 2026-11-23, start: \"08:00\", end: \"09:00\", carers: [C-0001]}\n\
  - {service_user: SU-0002, label: morning, date: 2026-11-23, start: \"09:30\", end: \"10:00\", carers: [C-0001]}\n\
  - {service_user: SU-0001, label: morning, date: 2026-11-23, start: \"11:00\", end: \"12:00\", carers: [C-0001]}\n\
  - {service_user: SU-0002, label: morning, date: 2026-11-24, start: \"08:00\", end: \"08:30\", carers: [C-0001]}\n\
  - {service_user: SU-0001, label: morning, date: 2026-11-24, start: \"09:00\", end: \"10:00\", carers: [C-0001, C-0002]}\n";

/// Week 49, written by carebook: one visit, one unassigned.
const W49: &str = "kind: rota\nid: rota-2026-W49\nweek: 2026-W49\n\
  generated: {at: \"2026-11-23T10:00:00Z\", by: carebook 0.1.0, seed: 1}\nvisits:\n\
  - {service_user: SU-0001, label: morning, date: 2026-11-30, start: \"08:00\", end: \"09:00\", carers: [C-0002]}\n\
  unassigned:\n\
  - {service_user: SU-0002, label: morning, date: 2026-11-30, reason: nobody}\n";

/// The base fixture with a second person, a matrix of 12 minutes between
/// the two, and the rotas of weeks 48 and 49.
fn two_weeks() -> (tempfile::TempDir, Repo) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let person = std::fs::read_to_string(
        fixtures.join("rules/rota-overlap/pass/service-users/SU-0002.yaml"),
    )
    .expect("the overlap fixture's second person");
    let agency = std::fs::read_to_string(fixtures.join("base/agency.yaml"))
        .expect("the base agency")
        .replace(
            "office:",
            "policy:\n  travel: {matrix: travel-times.csv}\noffice:",
        );
    repo(&[
        ("agency.yaml", &agency),
        ("service-users/SU-0002.yaml", &person),
        ("travel-times.csv", "from,to,minutes\nSU-0001,SU-0002,12\n"),
        ("rotas/2026-W48.yaml", W48),
        ("rotas/2026-W49.yaml", W49),
    ])
}

#[test]
fn a_rotas_figures_count_visits_travel_between_visits_and_carers_per_person() {
    let (_dir, repo) = two_weeks();
    let index = Index::new(&repo);
    let (travel, error) = crate::travel::TravelTimes::for_repo(&index.policy.travel, &repo.root);
    assert_eq!(error, None);
    let rota = index.rota_of_week(week("2026-W48")).expect("week 48").rota;
    let f = Figures::of(&index, rota, &travel);
    assert_eq!(f.assigned, 5);
    // Hand-written and listing none: not known.
    assert_eq!(f.unassigned, None);
    assert_eq!(f.travel_between, 36.0);
    assert_eq!(f.travel_per_visit(), Some(7.2));
    // SU-0001 sees C-0001 and C-0002, SU-0002 only C-0001.
    assert_eq!(
        (f.carers_per_person_mean, f.carers_per_person_max),
        (1.5, 2)
    );
    assert_eq!(carers_per_person(rota), (1.5, 2));
}

#[test]
fn the_week_before_is_found_and_figured_the_same_way() {
    let (_dir, repo) = two_weeks();
    let index = Index::new(&repo);
    let w49 = index.rota_of_week(week("2026-W49")).expect("week 49").rota;
    let c = with_week_before(&repo, w49);
    assert_eq!(c.before_week, week("2026-W48"));
    assert_eq!(c.this.assigned, 1);
    assert_eq!(c.this.unassigned, Some(1));
    assert_eq!(c.this.travel_between, 0.0);
    let before = c.before.expect("week 48's rota");
    assert_eq!((before.assigned, before.travel_between), (5, 36.0));
    // No rota of week 47.
    let w48 = index.rota_of_week(week("2026-W48")).expect("week 48").rota;
    let c = with_week_before(&repo, w48);
    assert_eq!(c.before_week, week("2026-W47"));
    assert_eq!(c.before, None);
    assert_eq!(week("2027-W01").previous(), week("2026-W53"));
}

/// The figures of a rota the planner wrote are the planner's own: the
/// same travel model, the same count of carers.
#[test]
fn a_planned_rota_figures_as_the_planner_summed_it() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let repo = Repo::open(&examples, false).expect("the example agency loads");
    let options = plan::Options {
        seed: 1,
        seconds: 60.0,
        iterations: Some(300),
        patience: Some(0),
        repair: false,
    };
    let outcome = plan::plan(&repo, week("2026-W49"), None, options, &mut |_| {});
    let c = with_week_before(&repo, &outcome.rota);
    let s = &outcome.summary;
    assert!(s.assigned > 100, "{s:?}");
    assert_eq!(c.this.assigned, s.assigned);
    assert_eq!(c.this.unassigned, Some(s.unassigned));
    assert!(
        (c.this.travel_between - s.travel_between).abs() < 1e-6,
        "{} against the planner's {}",
        c.this.travel_between,
        s.travel_between
    );
    assert_eq!(c.this.carers_per_person_mean, s.carers_per_person_mean);
    // The examples have no rota of week 48.
    assert_eq!(c.before, None);
}
