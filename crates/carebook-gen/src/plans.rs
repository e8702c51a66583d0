//! Synthetic care plans and visit rules: needs, risks, medicines and
//! consent that follow the person's circumstances, and the visits that
//! deliver the plan.

use super::names::MEDICINES;
use super::people::{ConsentWay, Needs};
use super::rng::{Date, Rng};
use super::visits::Visit;
use super::yaml::{Yaml, clock, plain};

/// The dates of one plan.
#[derive(Debug, Clone, Copy)]
pub struct PlanDates {
    pub assessed: Date,
    pub effective: Date,
    pub review_due: Date,
    /// For a person whose care has ended: the last day of visits.
    pub ended: Option<Date>,
}

/// Draws a plan's dates: assessed within the last ten months, so that the
/// review is neither overdue nor due within a month.
pub fn dates(r: &mut Rng, n: &Needs, today: Date, fault: Option<&str>) -> PlanDates {
    let (assessed, effective) = if n.start > today.days(-320) {
        (n.start.days(-r.range(5, 14)), n.start)
    } else {
        let a = Date::between(r, today.days(-320), today.days(-14));
        (a, a.days(r.range(0, 14)).min(today.days(-1)))
    };
    let mut review_due = assessed.months(12);
    if assessed.months(6) > today.days(45) && r.chance(0.5) {
        review_due = assessed.months(6);
    }
    match fault {
        Some("plan/review-overdue") => review_due = today.days(-r.range(3, 60)),
        Some("plan/review-due-soon") => review_due = today.days(r.range(3, 25)),
        _ => {}
    }
    let ended = (n.status == "ended").then(|| Date::between(r, effective.days(7), today.days(-3)));
    PlanDates {
        assessed,
        effective,
        review_due,
        ended,
    }
}

const PRONOUNS: [(&str, &str); 2] = [("he", "his"), ("she", "her")];

fn needs_text(n: &Needs, visits: &[Visit]) -> Vec<(&'static str, String, String, String)> {
    let (he, his) = PRONOUNS[usize::from(n.female)];
    let mut out = Vec::new();
    if n.personal_care {
        let support = if n.hoist {
            "Two carers; wash and dress using the hoist for every transfer.".to_owned()
        } else {
            format!(
                "Help with washing and dressing; encourage {him} to do what {he} can.",
                him = if n.female { "her" } else { "him" }
            )
        };
        out.push((
            "personal-care",
            format!("Needs help to wash and dress; cannot manage {his} own personal care safely."),
            format!("Feels clean and comfortable and chooses {his} own clothes."),
            support,
        ));
    }
    if visits
        .iter()
        .any(|v| matches!(v.label, "lunch" | "tea" | "morning"))
    {
        out.push((
            "nutrition",
            "Cannot prepare meals safely.".into(),
            "Eats regular meals and drinks enough through the day.".into(),
            "Prepare meals of choice; leave a drink within reach.".into(),
        ));
    }
    if n.hoist {
        out.push((
            "mobility",
            "Cannot stand or transfer without equipment.".into(),
            format!("Gets up every day and sits in {his} own chair."),
            "Two trained carers and the hoist for all transfers; check the sling before use."
                .into(),
        ));
    }
    if n.medication != "none" {
        let support = match n.medication {
            "prompt" => "Remind and watch that medicines are taken; record on the MAR chart.",
            "assist" => "Open packs and hand medicines over; record on the MAR chart.",
            _ => "Administer from the pharmacy blister pack and record on the MAR chart.",
        };
        out.push((
            "medication",
            "Forgets doses or cannot open packs.".into(),
            "Takes medicines as prescribed.".into(),
            support.into(),
        ));
    }
    if n.catheter {
        out.push(("continence", "Has a long-term urinary catheter.".into(),
            "Catheter works well with no infections.".into(),
            "Empty and record the bag morning and night; change the night bag; report cloudy urine.".into()));
    }
    if n.hoist || n.end_of_life {
        out.push(("skin-integrity", "At risk of pressure damage.".into(), "Skin stays intact.".into(),
            "Check skin at each personal care visit; reposition; report redness to the district nurse.".into()));
    }
    if n.dementia {
        out.push(("communication", format!("Living with dementia; {he} may not remember recent events."),
            format!("Feels safe and is involved in {his} own care."),
            "Introduce yourself each visit; offer simple choices; follow the life story in the folder.".into()));
    }
    if n.lives_alone && visits.len() <= 2 {
        out.push((
            "social",
            "Lives alone and sees few people.".into(),
            "Feels less lonely.".into(),
            "Chat during visits; remind about the Tuesday lunch club.".into(),
        ));
    }
    if visits.iter().any(|v| v.label == "domestic") {
        out.push((
            "domestic",
            "Cannot manage shopping or housework.".into(),
            "Home is clean and the fridge stocked.".into(),
            "Weekly shop from the list; clean kitchen and bathroom; one wash load.".into(),
        ));
    }
    if out.is_empty() {
        out.push((
            "social",
            "Needs a daily check that all is well.".into(),
            "Stays safe at home.".into(),
            "Check on wellbeing and the home; report concerns to the office.".into(),
        ));
    }
    out
}

/// The care-plan record.
#[allow(clippy::too_many_arguments)]
pub fn care_plan(
    r: &mut Rng,
    seed: u64,
    ids: (&str, &str),
    n: &Needs,
    visits: &[Visit],
    d: PlanDates,
    today: Date,
    office: (&str, &str),
    fault: Option<&str>,
) -> (String, Vec<(&'static str, Vec<u32>)>) {
    let (id, su) = ids;
    let (assessor, coordinator) = office;
    let mut y = Yaml::new(&format!(
        "Synthetic care plan written by carebook-gen (seed {seed}) for {su}."
    ));
    let status = if d.ended.is_some() {
        "ended"
    } else if r.chance(0.06) {
        "review"
    } else {
        "active"
    };
    y.line(&format!(
        "kind: care-plan\nid: {id}\nservice_user: {su}\nstatus: {status}"
    ));
    y.line(&format!(
        "assessed_on: {}\nassessed_by: {assessor}\neffective_from: {}\nreview_due: {}",
        d.assessed, d.effective, d.review_due
    ));
    y.line("needs:");
    for (domain, need, outcome, support) in needs_text(n, visits) {
        y.line(&format!(
            "  - domain: {domain}\n    need: {}\n    outcome: {}\n    support: {}",
            plain(&need),
            plain(&outcome),
            plain(&support)
        ));
    }
    let mut risks: Vec<(&str, &str, &str)> = vec![(
        "falls",
        if n.hoist {
            "high"
        } else {
            *r.pick(&["low", "medium", "medium", "high"])
        },
        "Clear walkways; pendant alarm worn; walking frame within reach.",
    )];
    if n.hoist {
        risks.push((
            "moving-and-handling",
            "high",
            "Two trained carers; hoist and slings LOLER-inspected.",
        ));
    }
    if n.medication != "none" {
        risks.push((
            "medication",
            "medium",
            "Blister packs from the pharmacy; MAR chart checked weekly by a senior.",
        ));
    }
    if n.peg {
        risks.push((
            "choking",
            "high",
            "Nil by mouth; PEG feeds only; upright for 30 minutes after a feed.",
        ));
    }
    if n.smoker {
        risks.push((
            "fire",
            "medium",
            "Smoke alarms tested monthly; smokes only in the garden; fire service visit done.",
        ));
    }
    if r.chance(0.3) {
        risks.push((
            "environment",
            "low",
            "Loose rugs removed; hall light left on in the evening.",
        ));
    }
    let stale = if fault == Some("plan/risk-review-overdue") {
        r.below(risks.len())
    } else {
        usize::MAX
    };
    y.line("risks:");
    for (i, (risk, level, mitigation)) in risks.iter().enumerate() {
        let reviewed = if i == stale {
            today.months(-7).days(-r.range(5, 90))
        } else {
            Date::between(r, d.assessed.max(today.days(-160)), today.days(-2))
        };
        y.line(&format!("  - risk: {risk}\n    level: {level}\n    mitigation: {mitigation}\n    reviewed_on: {reviewed}"));
    }
    let meds = medicines(r, &mut y, n, visits);
    consent(r, &mut y, n, d, (assessor, coordinator), fault);
    (y.finish(), meds)
}

/// Writes the plan's medicines; returns each with its dose times.
fn medicines(
    r: &mut Rng,
    y: &mut Yaml,
    n: &Needs,
    visits: &[Visit],
) -> Vec<(&'static str, Vec<u32>)> {
    if n.medication == "none" {
        if r.chance(0.5) {
            y.line("medication: {support: none}");
        }
        return Vec::new();
    }
    // A round on a visit that does not run every day is the family's on
    // the other days: the plan says so, and the MAR leaves it out.
    let starts: Vec<(u32, bool)> = visits
        .iter()
        .filter(|v| v.gives_medicines())
        .map(|v| (v.start, v.day_count == 7))
        .collect();
    let rounds: Vec<String> = starts
        .iter()
        .map(|(s, daily)| match daily {
            true => format!("\"{}\"", clock(*s)),
            false => format!(
                "{{time: \"{}\", given_by: family, note: Family give it on days without a visit.}}",
                clock(*s)
            ),
        })
        .collect();
    let mut meds = Vec::new();
    y.line(&format!(
        "medication:\n  support: {}\n  items:",
        n.medication
    ));
    let k = r.range(1, 5) as usize;
    let mut chosen = r.sample(&MEDICINES[1..], k);
    if n.paracetamol {
        chosen.insert(0, MEDICINES[0]);
    }
    for (name, dose, per_day) in chosen {
        let k = per_day.min(rounds.len()).max(1);
        let times: Vec<String> = rounds.iter().take(k).cloned().collect();
        meds.push((
            name,
            starts
                .iter()
                .take(k)
                .filter(|(_, daily)| *daily)
                .map(|(s, _)| *s)
                .collect(),
        ));
        y.line(&format!(
            "    - {{name: {name}, dose: {dose}, times: [{}]}}",
            times.join(", ")
        ));
    }
    meds
}

fn consent(
    r: &mut Rng,
    y: &mut Yaml,
    n: &Needs,
    d: PlanDates,
    office: (&str, &str),
    fault: Option<&str>,
) {
    if fault == Some("consent/missing") {
        return;
    }
    let (assessor, coordinator) = office;
    let mut date = Date::between(r, d.assessed, d.effective);
    if fault == Some("consent/after-start") {
        date = d.effective.days(r.range(2, 20));
    }
    let capacity_on = d.assessed.days(-r.range(0, 3));
    y.line("consent:");
    let attorney = n.contacts.first().map(|c| c.0.clone()).unwrap_or_default();
    match n.consent {
        ConsentWay::Self_ => {
            y.line(&format!(
                "  status: given\n  date: {date}\n  given_by: self"
            ));
            y.line(&format!(
                "  capacity: {{assessed_on: {capacity_on}, has_capacity: true}}"
            ));
        }
        ConsentWay::Lpa | ConsentWay::Deputy => {
            let by = if n.consent == ConsentWay::Lpa {
                "lpa"
            } else {
                "deputy"
            };
            y.line(&format!(
                "  status: given\n  date: {date}\n  given_by: {by}\n  attorney: {}",
                plain(&attorney)
            ));
            y.line(&format!(
                "  capacity: {{assessed_on: {capacity_on}, has_capacity: false, decision: consent to this care plan}}"
            ));
        }
        ConsentWay::BestInterests => {
            y.line(&format!("  status: best-interests\n  date: {date}"));
            y.line(&format!(
                "  capacity: {{assessed_on: {capacity_on}, has_capacity: false, decision: consent to this care plan}}"
            ));
            let mut consulted: Vec<String> = n
                .contacts
                .iter()
                .take(2)
                .map(|c| format!("{} ({})", c.0, c.1))
                .collect();
            consulted.push("the GP".into());
            y.line(&format!(
                "  best_interests:\n    date: {date}\n    decision_maker: {coordinator}\n    consulted: [{}]",
                consulted.join(", ")
            ));
        }
    }
    y.line(&format!("  recorded_by: {assessor}"));
}
