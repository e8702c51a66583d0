//! Synthetic carers: roles, homes around Bristol, travel modes, skills,
//! availability, checks, full mandatory training, supervision and appraisal,
//! all current on the agency's "today" unless a deliberate fault says not.

use super::Faults;
use super::names::{DISTRICTS, INWARD_LETTERS, SURNAMES, YOUNGER_MEN, YOUNGER_WOMEN};
use super::rng::{Date, Rng};
use super::training;
use super::yaml::{Yaml, clock, number, plain};

/// What the service-user side needs to know about a carer.
#[derive(Debug, Clone)]
pub struct CarerInfo {
    /// The record id, `C-0001`.
    pub id: String,
    /// `status: active`.
    pub active: bool,
    pub female: bool,
    /// Does personal care (not a volunteer, not on leave, not a leaver).
    pub hands_on: bool,
    /// A coordinator or senior: may assess plans and record consent.
    pub assessor: bool,
    /// A coordinator: may make best-interests decisions.
    pub coordinator: bool,
    pub skills: Vec<&'static str>,
    /// Home, decimal degrees.
    pub lat: f64,
    pub lon: f64,
    /// Contracted hours (0 when none).
    pub contracted: f64,
    /// Hours a week inside the availability windows.
    pub available: f64,
    /// Working days (Monday 0) and the availability windows of each
    /// (minutes since midnight).
    pub days: Vec<usize>,
    pub windows: &'static [(u32, u32)],
    /// From this day the carer's assessed skills are in force: the first
    /// assessment, two weeks after starting.
    pub skilled_from: Date,
}

impl CarerInfo {
    /// Whether some window on weekday `day` lets a visit of `minutes` start
    /// between `start` and `end` and end inside the window (as `check`'s
    /// `visit/no-eligible-carer` reads availability).
    pub fn can_take(&self, day: usize, start: u32, end: u32, minutes: u32) -> bool {
        self.days.contains(&day)
            && self
                .windows
                .iter()
                .any(|&(a, b)| a <= end && a.max(start) + minutes <= b)
    }
}

/// Skills and how common they are among hands-on carers (per mille).
const SKILLS: &[(&str, u32)] = &[
    ("hoist", 720),
    ("medication", 880),
    ("dementia", 620),
    ("catheter-care", 330),
    ("peg-feeding", 140),
    ("stoma-care", 220),
    ("diabetes", 300),
    ("end-of-life", 260),
    ("epilepsy", 150),
];

/// Daily availability patterns (minutes since midnight) and their weights.
const PATTERNS: &[(&[(u32, u32)], u32)] = &[
    (&[(420, 1320)], 10),
    (&[(420, 840), (960, 1320)], 25),
    (&[(420, 900)], 25),
    (&[(780, 1320)], 14),
    (&[(420, 1140)], 15),
    (&[(540, 900)], 5),
    (&[(960, 1320)], 6),
];

/// The days a carer who started on `start` is assessed for a skill the
/// policy has assessed yearly, oldest first: two weeks after starting, then
/// every 11 months back from 40 days before `today`, so that the skill is
/// in force on every day since the first (as `check` judges visit logs
/// and MAR, `skill_on`).
pub(crate) fn assessments(start: Date, today: Date) -> Vec<Date> {
    let first = start.days(14);
    let mut on = Vec::new();
    let mut d = today.days(-40);
    while d > first.days(30) {
        on.push(d);
        d = d.days(-330);
    }
    on.push(first.min(today));
    on.reverse();
    on
}

/// Builds carer `index` (0-based); returns what others need and the YAML.
pub fn carer(
    seed: u64,
    index: usize,
    width: usize,
    today: Date,
    faults: &mut Faults,
) -> (CarerInfo, String) {
    let mut rng = Rng::stream(seed, 2, index as u64);
    let r = &mut rng;
    let id = format!("C-{:0width$}", index + 1);
    // The first few are the office: coordinators and seniors assess and record.
    let role = match index {
        0 | 1 => "coordinator",
        2..=4 => "senior-care-worker",
        _ => [
            "care-worker",
            "senior-care-worker",
            "nurse",
            "coordinator",
            "volunteer",
        ][r.weighted(&[790, 150, 20, 25, 15])],
    };
    let status = if index < 5 {
        "active"
    } else {
        ["active", "leave", "leaver"][r.weighted(&[930, 40, 30])]
    };
    let female = r.chance(0.8);
    let first = if female {
        r.pick(YOUNGER_WOMEN)
    } else {
        r.pick(YOUNGER_MEN)
    };
    let name = format!("{first} {}", r.pick(SURNAMES));
    let travel = ["car", "public-transport", "walk", "bicycle"][r.weighted(&[60, 15, 10, 15])];
    // Walkers and cyclists live centrally; drivers anywhere.
    let district = if travel == "walk" || travel == "bicycle" {
        &DISTRICTS[r.below(6)]
    } else {
        r.pick(DISTRICTS)
    };
    let lat = district.lat + r.noise(0.006);
    let lon = district.lon + r.noise(0.009);
    let postcode = format!(
        "{} {}{}{}",
        district.outward,
        r.range(1, 9),
        *r.pick(INWARD_LETTERS) as char,
        *r.pick(INWARD_LETTERS) as char
    );
    // Most started over a year ago; a few are new (but past probation).
    let start = if r.chance(0.07) {
        Date::between(r, today.days(-360), today.days(-120))
    } else {
        Date::between(r, today.months(-150), today.days(-400))
    };
    let hands_on = role != "volunteer" && role != "coordinator";
    let mut skills: Vec<&'static str> = Vec::new();
    if role != "volunteer" {
        let boost = if role == "care-worker" { 0 } else { 150 };
        for (skill, per_mille) in SKILLS {
            if r.below(1000) < (*per_mille + boost) as usize {
                skills.push(skill);
            }
        }
    }

    let mut y = Yaml::new(&format!(
        "Synthetic carer written by carebook-gen (seed {seed}): not a real person."
    ));
    y.line(&format!(
        "kind: carer\nid: {id}\nname: {}\nrole: {role}",
        plain(&name)
    ));
    y.line(&format!(
        "gender: {}\nstatus: {status}\nstart_date: {start}",
        if female { "female" } else { "male" }
    ));

    // Availability: working days and a daily pattern.
    let (days, pattern): (Vec<usize>, &[(u32, u32)]) = if role == "coordinator" {
        ((0..5).collect(), &[(480, 1080)])
    } else {
        let n = [4, 5, 6, 7][r.weighted(&[15, 55, 22, 8])];
        let mut days = r.sample(&[0, 1, 2, 3, 4, 5, 6], n);
        days.sort_unstable();
        (
            days,
            PATTERNS[r.weighted(&PATTERNS.iter().map(|p| p.1).collect::<Vec<_>>())].0,
        )
    };
    let daily: u32 = pattern.iter().map(|(a, b)| b - a).sum();
    let available = f64::from(daily) * days.len() as f64 / 60.0;
    let contracted = match role {
        "volunteer" => 0.0,
        "coordinator" => *r.pick(&[8.0, 10.0, 12.0]),
        _ => {
            let want: f64 = *r.pick(&[20.0, 24.0, 30.0, 30.0, 32.0, 35.0, 37.5, 37.5, 40.0, 40.0]);
            (want.min(available * 0.75) * 2.0).round() / 2.0
        }
    };
    if contracted > 0.0 {
        y.line(&format!("contracted_hours: {}", number(contracted)));
    }
    y.line(&format!(
        "home: {{postcode: {postcode}, location: {{lat: {lat:.4}, lon: {lon:.4}}}}}\ntravel: {travel}"
    ));
    y.line(&format!("skills: [{}]", skills.join(", ")));
    y.line("availability:");
    let windows: Vec<String> = pattern
        .iter()
        .map(|(a, b)| format!("\"{}-{}\"", clock(*a), clock(*b)))
        .collect();
    for d in &days {
        y.line(&format!(
            "  {}: [{}]",
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][*d],
            windows.join(", ")
        ));
    }

    // Leave: on leave now for `status: leave`; otherwise some booked leave.
    let mut leave = Vec::new();
    if status == "leave" {
        let reason = *r.pick(&["maternity-leave", "sick-leave", "unpaid-leave"]);
        leave.push((
            today.days(-r.range(10, 120)),
            today.days(r.range(20, 200)),
            reason,
        ));
    } else if r.chance(0.3) {
        let from = today.days(r.range(-200, -30));
        leave.push((from, from.days(r.range(4, 13)), "annual-leave"));
    }
    if status != "leave" && r.chance(0.25) {
        let from = today.days(r.range(5, 60));
        leave.push((from, from.days(r.range(2, 13)), "annual-leave"));
    }
    if !leave.is_empty() {
        y.line("unavailable:");
        for (from, to, reason) in leave {
            y.line(&format!("  - {{from: {from}, to: {to}, reason: {reason}}}"));
        }
    }

    let active = status == "active";
    let fault = if active {
        let mut options = vec![
            "training/expired",
            "training/expiring",
            "training/missing",
            "supervision/overdue",
            "appraisal/overdue",
            "dbs/renewal-due",
            "references/insufficient",
            "right-to-work/expired",
        ];
        if travel == "car" {
            options.push("driving/insurance-expired");
        }
        faults.pick(r, &options)
    } else {
        None
    };

    // Checks.
    let update_service = r.chance(0.65);
    let dbs_issued = if fault == Some("dbs/renewal-due") {
        today.months(-40).days(-r.range(0, 200))
    } else if update_service {
        Date::between(r, start.days(-90), start.days(-10))
    } else {
        Date::between(r, today.months(-33).max(start.days(-60)), today.days(-20))
    };
    let update_service = update_service && fault != Some("dbs/renewal-due");
    y.line("checks:");
    // The Schedule 3 details below draw nothing from `r`, so the agency a
    // seed makes is otherwise the same as before they were recorded.
    let mut dbs_extra = String::from(", level: enhanced, barred_list: true");
    if update_service {
        dbs_extra.push_str(&format!(", status_checks: [{}]", today.days(-30)));
    }
    if dbs_issued > start {
        dbs_extra.push_str(&format!(", previous_issued: [{}]", start.days(-20)));
    }
    y.line(&format!(
        "  dbs: {{certificate: \"00{:010}\", issued: {dbs_issued}, update_service: {update_service}{dbs_extra}}}",
        r.below(10_000_000_000)
    ));
    let rtw_checked = start.days(-r.range(7, 30));
    let rtw_expires = if fault == Some("right-to-work/expired") {
        today.days(-r.range(3, 60)).to_string()
    } else if r.chance(0.12) {
        today.months(r.range(6, 36)).to_string()
    } else {
        "null".into()
    };
    y.line(&format!(
        "  right_to_work: {{checked_on: {rtw_checked}, expires: {rtw_expires}}}"
    ));
    let references = if fault == Some("references/insufficient") {
        1
    } else {
        *r.pick(&[2, 2, 2, 2, 3])
    };
    let referees: Vec<String> = (0..references)
        .map(|k| {
            format!(
                "{{name: Referee {}, relationship: previous employer, received: {rtw_checked}}}",
                k + 1
            )
        })
        .collect();
    y.line(&format!("  references: [{}]", referees.join(", ")));
    y.line(&format!(
        "  identity: {{checked_on: {rtw_checked}, document: passport, photo: true}}"
    ));
    y.line(&format!("  health_declaration: {rtw_checked}"));
    if travel == "car" {
        let insurance = if fault == Some("driving/insurance-expired") {
            today.days(-r.range(3, 60))
        } else {
            today.days(r.range(40, 360))
        };
        let licence = Date::between(r, today.days(-360).max(start), today.days(-7));
        y.line(&format!(
            "  driving: {{licence_checked_on: {licence}, business_insurance_expires: {insurance}}}"
        ));
    }

    training::write(r, &mut y, role, (start, today), &skills, fault);

    // Supervision every three months or so, newest first; yearly appraisal.
    let mut last = if fault == Some("supervision/overdue") {
        today.days(-r.range(100, 170))
    } else {
        today.days(-r.range(7, 80))
    };
    let mut sups = Vec::new();
    for _ in 0..r.range(2, 4) {
        if last < start.days(20) {
            break;
        }
        sups.push(last.to_string());
        last = last.days(-r.range(75, 95));
    }
    y.line(&format!("supervisions: [{}]", sups.join(", ")));
    let appraisal = if fault == Some("appraisal/overdue") {
        today.months(-12).days(-r.range(10, 90))
    } else if start > today.months(-12) {
        start.days(90)
    } else {
        today.days(-r.range(20, 330))
    };
    y.line(&format!("appraisal: {appraisal}"));
    let assessed: Vec<&str> = skills
        .iter()
        .copied()
        .filter(|s| matches!(*s, "medication" | "peg-feeding" | "catheter-care"))
        .collect();
    if !assessed.is_empty() {
        y.line("competencies:");
        for skill in assessed {
            let by = if skill == "medication" {
                "assessor: Registered manager"
            } else {
                "signed_off_by: District nurse"
            };
            for on in assessments(start, today) {
                y.line(&format!("  - {{skill: {skill}, assessed: {on}, {by}}}"));
            }
        }
    }
    y.line("employment_history:");
    y.line(&format!(
        "  - {{from: {}, to: null, employer: Previous employer, role: care worker}}",
        start.months(-60)
    ));

    let info = CarerInfo {
        id,
        active,
        female,
        hands_on: hands_on && active,
        assessor: active && matches!(role, "coordinator" | "senior-care-worker"),
        coordinator: active && role == "coordinator",
        skills,
        lat,
        lon,
        contracted: if active { contracted } else { 0.0 },
        available: if active { available } else { 0.0 },
        days,
        windows: pattern,
        skilled_from: assessments(start, today)[0],
    };
    (info, y.finish())
}
