//! Regression tests: deliberate faults that `check` could not see, so
//! that the faults counted and the findings differed.

use super::rng::{Date, Rng};
use super::yaml::Yaml;
use super::{Faults, mar, people, plans, staff, training, visits};
use std::collections::BTreeMap;

/// The agency's default "today".
const TODAY: Date = Date(20_780);

#[test]
fn today_is_the_agencys_default() {
    assert_eq!(TODAY, super::Config::default().today);
}

/// The `- {course: X, completed: D}` lines of a training record.
fn courses(text: &str) -> BTreeMap<String, Date> {
    text.lines()
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("- {course: ")?;
            let (course, rest) = rest.split_once(", completed: ")?;
            Some((course.to_owned(), Date::parse(rest.trim_end_matches('}'))?))
        })
        .collect()
}

/// A coordinator's or volunteer's training fault fell on a course only
/// hands-on carers need (medication, moving and handling), which `check`
/// does not ask of them: counted, never found.
#[test]
fn a_training_fault_falls_on_a_course_the_role_needs() {
    for role in ["coordinator", "volunteer", "care-worker"] {
        for fault in ["training/missing", "training/expired", "training/expiring"] {
            for seed in 0..40 {
                let mut r = Rng::stream(seed, 99, 0);
                let mut y = Yaml::new("test");
                let start = TODAY.months(-60);
                training::write(&mut r, &mut y, role, (start, TODAY), &[], Some(fault));
                let done = courses(&y.finish());
                let odd: Vec<&str> = training::MANDATORY
                    .iter()
                    .filter(|(course, months)| match done.get(*course) {
                        None => true,
                        Some(d) => *months > 0 && d.months(i64::from(*months)) < TODAY.days(31),
                    })
                    .map(|(course, _)| *course)
                    .collect();
                assert_eq!(odd.len(), 1, "{role} {fault} seed {seed}: {odd:?}");
                assert!(
                    training::required(role, odd[0]),
                    "{role} {fault} seed {seed}: the fault is in {}, which the role does not need",
                    odd[0]
                );
            }
        }
    }
}

/// Consent dated after the start (`consent/after-start`) of a plan that
/// took effect yesterday fell after today, and `date/in-future` was
/// raised as well.
#[test]
fn consent_after_the_start_is_not_after_today() {
    for seed in 0..40 {
        let mut r = Rng::stream(seed, 98, 0);
        let mut x = Rng::stream(seed, 97, 0);
        let n = people::needs(&mut r, TODAY);
        let v = visits::plan(&mut r, &n);
        let effective = TODAY.days(-1);
        let d = plans::PlanDates {
            assessed: effective.days(-10),
            effective,
            review_due: effective.months(6),
            ended: None,
        };
        let (text, _) = plans::care_plan(
            &mut r,
            &mut x,
            1,
            ("CP-0001", "SU-0001"),
            &n,
            &v,
            d,
            TODAY,
            ("C-0001", "C-0002"),
            Some("consent/after-start"),
        );
        let consent = text.split("\nconsent:\n").nth(1).expect("consent");
        let date = consent
            .lines()
            .find_map(|l| l.trim().strip_prefix("date: "))
            .and_then(Date::parse)
            .expect("a consent date");
        assert!(date > effective && date <= TODAY, "seed {seed}: {date}");
    }
}

/// A deliberate MAR gap fell on a day before the plan took effect, which
/// `check` does not judge (there was no plan in force).
#[test]
fn a_mar_gap_falls_on_a_day_under_the_plan() {
    let plan_from = TODAY.days(-17); // a Thursday
    let medicines = [("Amlodipine 5mg", vec![480])];
    let carers = ["C-0003".to_owned()];
    for index in 0..20 {
        let person = mar::Person {
            seed: 1,
            index,
            id: "SU-0001",
            medicines: &medicines,
            from: TODAY.days(-50),
            plan_from,
            carers: &carers,
            away: None,
        };
        let mut faults = Faults {
            rate: 1.0,
            counts: BTreeMap::new(),
        };
        let (files, _) = mar::files(&person, 8, TODAY, &mut faults);
        let text: String = files.iter().map(|(_, t)| t.as_str()).collect();
        let mut day = person.from;
        while day < TODAY {
            let recorded = text.contains(&format!("date: {day},"));
            assert!(
                recorded || day >= plan_from,
                "index {index}: the dose of {day}, before the plan, is missing"
            );
            day = day.days(1);
        }
        assert!(faults.counts.get("mar/gap").is_some_and(|n| *n > 0));
    }
}

/// Carers' assessed skills (medication, PEG feeding, catheter care) were
/// assessed once, 40 days before today, so every visit log and MAR entry
/// older than that was done "without the skill" (`visit/carer-skill`,
/// `mar/carer-no-skill`): the history must hold the skill from two weeks
/// after the start to today, each assessment lasting 12 months.
#[test]
fn assessed_skills_are_in_force_from_two_weeks_after_the_start() {
    for years_ago in [0, 1, 3, 12] {
        let start = TODAY.months(-12 * years_ago).days(-130);
        let on = staff::assessments(start, TODAY);
        assert_eq!(on[0], start.days(14), "{on:?}");
        assert!(
            on.windows(2).all(|w| w[0] < w[1] && w[0].months(12) > w[1]),
            "{on:?}"
        );
        let last = on[on.len() - 1];
        assert!(last < TODAY && last.months(12) > TODAY, "{on:?}");
    }
}
