//! What UK home-care practice asks a person's records to hold beside the
//! care itself (issue 13): the evidence behind an attorney's or deputy's
//! authority, end-of-life wishes beside a DNACPR decision, the equality
//! fields of the adult social care data standard, how the person took part
//! in their plan, its reviews (the first within 6 weeks of the start, NICE
//! QS123, then yearly), and a capacity assessment for the medication
//! decision of a person who lacks capacity.
//!
//! Drawn from a stream of their own, so that the care (visits, medicines,
//! MAR) stays as it was without them.

use super::people::{ConsentWay, Needs};
use super::plans::PlanDates;
use super::rng::{Date, Rng};
use super::yaml::{Yaml, flow, plain};

/// The random stream of person `index`'s practice records.
pub fn stream(seed: u64, index: usize) -> Rng {
    Rng::stream(seed, 11, index as u64)
}

/// The lines under contact `i` (`lpa` held) that show the agency saw the
/// authority: registration and copy dates of an LPA, and the order of the
/// deputy who consents. Registered before care started, so before any
/// consent given under it.
pub fn contact_authority(x: &mut Rng, y: &mut Yaml, n: &Needs, i: usize, lpa: &str) {
    if lpa != "none" {
        let registered = n.start.days(-x.range(30, 2000));
        let seen = Date::between(x, n.start.days(-14), n.start);
        y.line(&format!(
            "    lpa_registered_on: {registered}\n    lpa_copy_seen_on: {seen}"
        ));
    }
    if i == 0 && n.consent == ConsentWay::Deputy {
        let order = n.start.days(-x.range(30, 900));
        let seen = Date::between(x, order.days(7), n.start.days(-14));
        y.line(&format!(
            "    deputy: {{scope: personal-welfare, order_date: {order}, copy_seen_on: {seen}}}"
        ));
    }
}

const WISHES: &[(&str, &str)] = &[
    (
        "To stay at home with family close by; no hospital admission if it can be avoided.",
        "home",
    ),
    (
        "To be kept comfortable and free of pain; music on and the curtains open.",
        "home",
    ),
    (
        "To be near the family; a hospice if care at home becomes too much for them.",
        "hospice",
    ),
    (
        "A visit from the parish priest; to be at home with the cat.",
        "home",
    ),
    (
        "To go into St Peter's Hospice when the time comes, as a friend did.",
        "hospice",
    ),
];

/// `end_of_life:` beside a DNACPR decision made on `dnacpr`: wishes talked
/// through then, or the person's choice not to talk about it.
pub fn end_of_life(x: &mut Rng, y: &mut Yaml, dnacpr: Date, today: Date) {
    let on = dnacpr.days(x.range(0, 10)).min(today.days(-1));
    if x.chance(0.12) {
        y.line(&format!(
            "end_of_life: {{discussed_on: {on}, declined_to_discuss: true}}"
        ));
        return;
    }
    let (wishes, place) = *x.pick(WISHES);
    y.line(&format!(
        "end_of_life:\n  discussed_on: {on}\n  wishes: {}\n  preferred_place: {place}",
        plain(wishes)
    ));
}

/// `demographics:` in the person's own words; the preferred language
/// follows `communication`.
pub fn demographics(x: &mut Rng, y: &mut Yaml, communication: &str) {
    let urdu = communication.contains("Urdu");
    let ethnicity = if urdu {
        "Asian British - Pakistani"
    } else {
        [
            "White British",
            "White Irish",
            "White - other",
            "Black British - Caribbean",
            "Black British - African",
            "Asian British - Indian",
            "Mixed - White and Black Caribbean",
            "prefers not to say",
        ][x.weighted(&[820, 30, 40, 35, 10, 20, 15, 30])]
    };
    let religion = if urdu {
        "Muslim"
    } else {
        [
            "Christian (Church of England)",
            "Christian (Catholic)",
            "Christian (Methodist)",
            "Christian",
            "no religion",
            "Muslim",
            "Jewish",
            "Sikh",
            "prefers not to say",
        ][x.weighted(&[380, 80, 40, 90, 290, 20, 10, 10, 80])]
    };
    let language = if urdu { "Urdu" } else { "English" };
    y.line(&format!(
        "demographics:\n  ethnicity: {}\n  religion: {}\n  preferred_language: {language}",
        plain(ethnicity),
        plain(religion)
    ));
}

/// The first contact as a participant: `Susan Ellis (daughter)`.
fn representative(n: &Needs) -> Option<String> {
    n.contacts.first().map(|c| format!("{} ({})", c.0, c.1))
}

/// `involvement:` and `reviews:` of the plan with dates `d`, led by the
/// office (assessor, coordinator). A person who lacks capacity sometimes
/// could not take part; the plan then says why and who spoke for them.
pub fn involvement_and_reviews(
    x: &mut Rng,
    y: &mut Yaml,
    n: &Needs,
    d: PlanDates,
    today: Date,
    office: (&str, &str),
) {
    let (assessor, coordinator) = office;
    let (him, his) = if n.female {
        ("her", "her")
    } else {
        ("him", "his")
    };
    let rep = representative(n);
    let lacks = n.consent != ConsentWay::Self_;
    let involved = !(lacks && x.chance(0.2));
    y.line("involvement:");
    if involved {
        let how = match (&rep, lacks) {
            (Some(rep), true) => format!(
                "Asked {him} about each part in short questions over two visits; {rep} told us {his} routines."
            ),
            (Some(rep), false) => {
                format!("Wrote the plan with {him} at home; {rep} joined by phone.")
            }
            (None, _) => format!("Wrote the plan with {him} at home, a part at a time."),
        };
        y.line(&format!("  person_involved: true\n  how: {}", plain(&how)));
    } else {
        let spoke = rep.clone().unwrap_or_else(|| "An IMCA".to_owned());
        y.line(&format!(
            "  person_involved: false\n  how: {}\n  why_not: {}",
            plain(&format!(
                "{spoke} spoke for {him}; the GP's notes were read."
            )),
            plain("Advanced dementia; could not follow the discussion even with support.")
        ));
    }
    let mut participants = vec![if involved {
        "the person".to_owned()
    } else {
        rep.clone().unwrap_or_else(|| "an IMCA".to_owned())
    }];
    if involved && let Some(rep) = &rep {
        participants.push(rep.clone());
    }
    let list: Vec<String> = participants.iter().map(|p| flow(p)).collect();
    let last = d.ended.unwrap_or(today);
    let mut reviews: Vec<(Date, &str, &str)> = Vec::new();
    // The first within 6 weeks of the start, then about yearly, then the
    // review that rewrote this plan.
    let first = n.start.days(x.range(21, 41));
    if first < last {
        reviews.push((
            first,
            coordinator,
            "first review six weeks in; visits kept as planned",
        ));
        let mut next = first.months(12).days(-x.range(0, 20));
        while next < d.assessed.days(-45) && next < last {
            let outcome = *x.pick(&[
                "yearly review; no changes",
                "yearly review; visit times changed",
                "yearly review; risks updated",
            ]);
            reviews.push((next, coordinator, outcome));
            next = next.months(12).days(-x.range(0, 20));
        }
        if d.assessed > first.days(45) && d.assessed < last {
            reviews.push((d.assessed, assessor, "review; plan rewritten"));
        }
    }
    if reviews.is_empty() {
        return;
    }
    y.line("reviews:");
    for (date, by, outcome) in reviews {
        y.line(&format!(
            "  - {{date: {date}, led_by: {by}, participants: [{}], person_involved: {involved}, outcome: {}}}",
            list.join(", "),
            flow(outcome)
        ));
    }
}

/// `decisions:` for a person assessed as lacking capacity whose carers
/// give medicines: the medication decision assessed on its own, agreed as
/// the plan was (`dates`: consent given, capacity assessed), or in the
/// person's best interests when the attorney's authority is not on file.
pub fn decisions(
    y: &mut Yaml,
    n: &Needs,
    dates: (Date, Date),
    office: (&str, &str),
    attorney_on_file: bool,
) {
    let (date, capacity_on) = dates;
    let (assessor, coordinator) = office;
    if n.consent == ConsentWay::Self_ || !matches!(n.medication, "assist" | "administer") {
        return;
    }
    let his = if n.female { "her" } else { "his" };
    y.line(&format!(
        "decisions:\n  - decision: medication\n    about: carers giving {his} medicines\n    consent:"
    ));
    let by = match n.consent {
        ConsentWay::Lpa if attorney_on_file => Some("lpa"),
        ConsentWay::Deputy => Some("deputy"),
        _ => None,
    };
    match (by, n.contacts.first()) {
        (Some(by), Some(attorney)) => y.line(&format!(
            "      status: given\n      date: {date}\n      given_by: {by}\n      attorney: {}",
            plain(&attorney.0)
        )),
        _ => {
            let mut consulted: Vec<String> = n
                .contacts
                .iter()
                .take(2)
                .map(|c| flow(&format!("{} ({})", c.0, c.1)))
                .collect();
            consulted.push("the GP".into());
            y.line(&format!(
                "      status: best-interests\n      best_interests: {{date: {date}, decision_maker: {coordinator}, consulted: [{}]}}",
                consulted.join(", ")
            ));
        }
    }
    y.line(&format!(
        "      capacity: {{assessed_on: {capacity_on}, has_capacity: false, assessed_by: {assessor}, decision: taking {his} medicines as prescribed}}\n      recorded_by: {assessor}"
    ));
}
