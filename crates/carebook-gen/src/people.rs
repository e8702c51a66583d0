//! Synthetic service users: who they are, what they need, and their
//! service-user record (address, NHS number, contacts, funding).

use super::names::{
    ALLERGIES, DISTRICTS, GP_PRACTICES, INWARD_LETTERS, OLDER_MEN, OLDER_WOMEN, PREFERRED,
    RELATIONSHIPS, STREETS, SURNAMES, YOUNGER_MEN, YOUNGER_WOMEN,
};
use super::practice;
use super::rng::{Date, Rng};
use super::yaml::{Yaml, flow, number, plain};

/// How consent to the care plan was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentWay {
    /// By the person, who has capacity.
    Self_,
    /// By an attorney with a health-and-welfare LPA.
    Lpa,
    /// By a Court of Protection deputy.
    Deputy,
    /// A best-interests decision for a person without capacity.
    BestInterests,
}

/// One person's circumstances, from which their three records follow.
#[derive(Debug, Clone)]
pub struct Needs {
    /// Gender (female or male) and full name.
    pub female: bool,
    pub name: String,
    /// `active`, `hospital`, `paused` or `ended`.
    pub status: &'static str,
    /// When care started.
    pub start: Date,
    /// Where the person lives, and the outward code of their district.
    pub lat: f64,
    pub lon: f64,
    pub outward: &'static str,
    /// Needs help with washing and dressing (visits of 30 minutes or more).
    pub personal_care: bool,
    /// Hoist transfers: two carers with skill `hoist`.
    pub hoist: bool,
    /// Two carers in the morning for another reason.
    pub double_morning: bool,
    /// Living with dementia; some need carers with skill `dementia`.
    pub dementia: bool,
    pub dementia_skill: bool,
    /// Clinical tasks that need a skill: catheter, stoma, PEG feeding, end of life.
    pub catheter: bool,
    pub stoma: bool,
    pub peg: bool,
    pub end_of_life: bool,
    /// Risk factors that add a risk to the plan.
    pub smoker: bool,
    pub lives_alone: bool,
    /// Medication support: `none`, `prompt`, `assist` or `administer`.
    pub medication: &'static str,
    /// Takes paracetamol (lunch at least four hours after the morning dose).
    pub paracetamol: bool,
    /// Takes a twice-daily medicine (tea eight to ten hours after the morning).
    pub twice_daily: bool,
    /// How consent to the plan was given.
    pub consent: ConsentWay,
    /// Contacts: name, relationship, lpa.
    pub contacts: Vec<(String, &'static str, &'static str)>,
}

/// Draws a person's circumstances.
pub fn needs(r: &mut Rng, today: Date) -> Needs {
    let female = r.chance(0.64);
    let younger = r.chance(0.08);
    let first = match (female, younger) {
        (true, false) => *r.pick(OLDER_WOMEN),
        (false, false) => *r.pick(OLDER_MEN),
        (true, true) => *r.pick(YOUNGER_WOMEN),
        (false, true) => *r.pick(YOUNGER_MEN),
    };
    let surname = *r.pick(SURNAMES);
    let status = ["active", "hospital", "paused", "ended"][r.weighted(&[940, 30, 15, 15])];
    let start = if status != "ended" && r.chance(0.15) {
        Date::between(r, today.days(-300), today.days(-30))
    } else {
        Date::between(r, today.months(-96), today.days(-300))
    };
    let district = r.pick(DISTRICTS);
    let dementia = !younger && r.chance(0.3);
    let hoist = r.chance(0.09);
    let end_of_life = !younger && r.chance(0.03);
    let medication = ["none", "prompt", "assist", "administer"][r.weighted(&[20, 25, 20, 35])];
    let consent = if dementia {
        [
            ConsentWay::Self_,
            ConsentWay::Lpa,
            ConsentWay::Deputy,
            ConsentWay::BestInterests,
        ][r.weighted(&[45, 25, 5, 25])]
    } else {
        [
            ConsentWay::Self_,
            ConsentWay::Lpa,
            ConsentWay::BestInterests,
        ][r.weighted(&[93, 3, 4])]
    };
    let mut contacts = Vec::new();
    for i in 0..r.weighted(&[10, 45, 30, 15]) {
        let relationship = match *r.pick(RELATIONSHIPS) {
            "wife" | "husband" if female => "husband",
            "wife" | "husband" => "wife",
            other => other,
        };
        let cfirst = if matches!(
            relationship,
            "daughter" | "wife" | "niece" | "granddaughter" | "sister" | "daughter-in-law"
        ) {
            *r.pick(YOUNGER_WOMEN)
        } else {
            *r.pick(YOUNGER_MEN)
        };
        let csurname = if r.chance(0.7) {
            surname
        } else {
            *r.pick(SURNAMES)
        };
        let lpa = if i == 0 && consent == ConsentWay::Lpa {
            *r.pick(&["health-and-welfare", "both"])
        } else {
            [
                "none",
                "property-and-financial",
                "health-and-welfare",
                "both",
            ][r.weighted(&[75, 15, 5, 5])]
        };
        contacts.push((format!("{cfirst} {csurname}"), relationship, lpa));
    }
    // An attorney or deputy who consents is among the contacts.
    if contacts.is_empty() && matches!(consent, ConsentWay::Lpa | ConsentWay::Deputy) {
        contacts.push((
            format!("{} {surname}", r.pick(YOUNGER_WOMEN)),
            "daughter",
            if consent == ConsentWay::Lpa {
                "health-and-welfare"
            } else {
                "none"
            },
        ));
    }
    Needs {
        female,
        name: format!("{first} {surname}"),
        status,
        start,
        lat: district.lat + r.noise(0.007),
        lon: district.lon + r.noise(0.010),
        personal_care: r.chance(0.85) || hoist,
        hoist,
        double_morning: !hoist && r.chance(0.03),
        dementia,
        dementia_skill: dementia && r.chance(0.5),
        catheter: r.chance(0.06),
        stoma: r.chance(0.04),
        peg: r.chance(0.015),
        end_of_life,
        smoker: r.chance(0.06),
        lives_alone: r.chance(0.6),
        medication,
        paracetamol: medication != "none" && r.chance(0.35),
        twice_daily: medication != "none" && r.chance(0.1),
        consent,
        contacts,
        outward: district.outward,
    }
}

/// A valid NHS number in the 999 test range, spaced 3-3-4; with `wrong`,
/// the same digits with a check digit that does not match.
pub fn nhs_number(r: &mut Rng, wrong: bool) -> String {
    loop {
        let mut digits = [9u32, 9, 9, 0, 0, 0, 0, 0, 0];
        for d in digits.iter_mut().skip(3) {
            *d = r.below(10) as u32;
        }
        let sum: u32 = digits.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => continue,
            c => c,
        };
        let check = if wrong {
            (check + 1 + r.below(9) as u32) % 10
        } else {
            check
        };
        let s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        return format!("{} {} {}{check}", &s[..3], &s[3..6], &s[6..]);
    }
}

/// The service-user record; `x` draws what [`practice`] adds, and
/// `coordinator` is the person's named coordinator.
#[allow(clippy::too_many_arguments)]
pub fn record(
    r: &mut Rng,
    x: &mut Rng,
    coordinator: &str,
    seed: u64,
    id: &str,
    n: &Needs,
    today: Date,
    hours: f64,
    bad_nhs: bool,
) -> String {
    let mut y = Yaml::new(&format!(
        "Synthetic service user written by carebook-gen (seed {seed}): not a real person."
    ));
    y.line(&format!(
        "kind: service-user\nid: {id}\nname: {}",
        plain(&n.name)
    ));
    if let Some((_, short)) = PREFERRED
        .iter()
        .find(|(long, _)| n.name.starts_with(&format!("{long} ")))
        && r.chance(0.5)
    {
        y.line(&format!("preferred_name: {short}"));
    }
    let age = if OLDER_WOMEN
        .iter()
        .chain(OLDER_MEN)
        .any(|f| n.name.starts_with(&format!("{f} ")))
    {
        r.range(66, 101)
    } else {
        r.range(24, 64)
    };
    let born = today.months(-12 * age).days(-r.range(1, 360));
    y.line(&format!(
        "date_of_birth: {born}\ngender: {}\nnhs_number: \"{}\"\nstatus: {}\nstart_date: {}",
        if n.female { "female" } else { "male" },
        nhs_number(r, bad_nhs),
        n.status,
        n.start
    ));
    let district = DISTRICTS
        .iter()
        .find(|d| d.outward == n.outward)
        .unwrap_or(&DISTRICTS[0]);
    let postcode = format!(
        "{} {}{}{}",
        district.outward,
        r.range(1, 9),
        *r.pick(INWARD_LETTERS) as char,
        *r.pick(INWARD_LETTERS) as char
    );
    let line1 = if r.chance(0.2) {
        format!(
            "Flat {}, {} {}",
            r.range(1, 24),
            r.range(1, 180),
            r.pick(STREETS)
        )
    } else {
        format!("{} {}", r.range(1, 220), r.pick(STREETS))
    };
    y.line(&format!(
        "address: {{line1: {}, line2: {}, town: Bristol, postcode: {postcode}}}",
        flow(&line1),
        district.area
    ));
    y.line(&format!(
        "location: {{lat: {:.4}, lon: {:.4}}}",
        n.lat, n.lon
    ));
    let access = [
        "Key safe by the front door; code held in the office system.",
        "Lives with family; ring the bell and wait.",
        "Key safe on the side wall; please lock the back door when leaving.",
        "Warden-controlled flat; buzz the warden if there is no answer.",
        "Door left on the latch in the morning by a neighbour.",
    ];
    y.line(&format!("access_notes: {}", r.pick(&access)));
    // Usually the practice of the person's own district.
    let near = DISTRICTS
        .iter()
        .position(|d| d.outward == n.outward)
        .unwrap_or(0)
        % GP_PRACTICES.len();
    let gp = GP_PRACTICES[if r.chance(0.8) {
        near
    } else {
        r.below(GP_PRACTICES.len())
    }];
    y.line(&format!(
        "gp: {{name: Dr {} {}, practice: {gp}, phone: \"0117 496 {:04}\"}}",
        (b'A' + r.below(26) as u8) as char,
        r.pick(SURNAMES),
        r.below(1000)
    ));
    if !n.contacts.is_empty() {
        y.line("contacts:");
        for (i, (name, relationship, lpa)) in n.contacts.iter().enumerate() {
            y.line(&format!(
                "  - name: {}\n    relationship: {relationship}",
                plain(name)
            ));
            y.line(&format!("    phone: \"07700 900{:03}\"", r.below(1000)));
            y.line(&format!("    lpa: {lpa}"));
            practice::contact_authority(x, &mut y, n, i, lpa);
            y.line(&format!("    keep_informed: {}", i == 0 || r.chance(0.3)));
        }
    }
    let communication = if n.dementia {
        "Living with dementia; short sentences, one choice at a time, and time to answer."
    } else {
        *r.pick(&[
            "No difficulties; likes a chat.",
            "Hard of hearing on the left side; prefers written notes.",
            "Wears glasses for reading; speak clearly and face her or him.",
            "Speech slow since a stroke; give time to answer.",
            "First language Urdu; good spoken English.",
        ])
    };
    y.line(&format!("communication: {communication}"));
    let allergies = if r.chance(0.22) {
        let k = r.range(1, 2) as usize;
        r.sample(ALLERGIES, k)
    } else {
        Vec::new()
    };
    y.line(&format!("allergies: [{}]", allergies.join(", ")));
    let dnacpr = if r.chance(0.15) || n.end_of_life {
        let date = Date::between(r, n.start.days(-200), today.days(-10));
        y.line(&format!(
            "dnacpr: {{in_place: true, date: {date}, form_location: {}}}",
            r.pick(&[
                "Red folder in the kitchen",
                "ReSPECT form on the fridge",
                "Grab sheet by the front door"
            ])
        ));
        Some(date)
    } else {
        y.line("dnacpr: {in_place: false}");
        None
    };
    let (source, reference) = match r.weighted(&[60, 10, 20, 10]) {
        0 => (
            "local-authority",
            format!("BCC-ASC-{:05}", r.below(100_000)),
        ),
        1 => ("nhs-chc", format!("BNSSG-CHC-{:04}", r.below(10_000))),
        2 => ("self-funded", format!("PRIV-{:04}", r.below(10_000))),
        _ => ("direct-payment", format!("DP-{:05}", r.below(100_000))),
    };
    y.line(&format!(
        "funding:\n  source: {source}\n  commissioned_hours_per_week: {}\n  reference: {reference}",
        number(hours)
    ));
    y.line(&format!("coordinator: {coordinator}"));
    practice::demographics(x, &mut y, communication);
    if let Some(date) = dnacpr {
        practice::end_of_life(x, &mut y, date, today);
    }
    y.finish()
}
