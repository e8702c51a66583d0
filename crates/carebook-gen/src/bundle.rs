//! One service user's three records (service user, care plan, visit rules),
//! which must agree: the plan's medicines with the visits' skills, the
//! commissioned hours with the visit pattern, preferred carers with the
//! skills and gender the visits need, consent with the contacts' LPAs.

use super::rng::Rng;
use super::staff::CarerInfo;
use super::{Config, Faults, logs, mar, people, plans, visits};

/// The carers, with the lists a service user's records draw on.
pub struct Staff {
    pub carers: Vec<CarerInfo>,
    /// Indexes of carers who do hands-on care.
    hands_on: Vec<usize>,
    assessors: Vec<String>,
    coordinators: Vec<String>,
    /// Hands-on carers with the medication skill.
    medication: Vec<String>,
}

impl Staff {
    pub fn new(carers: Vec<CarerInfo>) -> Staff {
        let hands_on = (0..carers.len()).filter(|&i| carers[i].hands_on).collect();
        let ids = |f: fn(&CarerInfo) -> bool| {
            carers
                .iter()
                .filter(|c| f(c))
                .map(|c| c.id.clone())
                .collect()
        };
        let assessors = ids(|c| c.assessor);
        let coordinators = ids(|c| c.coordinator);
        let medication = ids(|c| c.hands_on && c.skills.contains(&"medication"));
        Staff {
            medication,
            carers,
            hands_on,
            assessors,
            coordinators,
        }
    }
}

/// The three files and what they add to the week.
pub struct Bundle {
    /// (path, text) of each record.
    pub files: Vec<(String, String)>,
    pub active: bool,
    pub visits: u64,
    pub double_ups: u64,
    /// Carer-minutes a week.
    pub minutes: u32,
    /// Doses in the MAR files.
    pub mar_doses: u64,
}

/// Builds service user `i` (0-based); ids are zero-padded to `width`.
pub fn service_user(
    cfg: &Config,
    i: usize,
    width: usize,
    staff: &Staff,
    faults: &mut Faults,
) -> Bundle {
    let mut r = Rng::stream(cfg.seed, 1, i as u64);
    let su = format!("SU-{:0width$}", i + 1);
    let cp = format!("CP-{:0width$}", i + 1);
    let vr = format!("VR-{:0width$}", i + 1);
    let mut n = people::needs(&mut r, cfg.today);
    let mut visits = visits::plan(&mut r, &n);
    if !visits.iter().any(visits::Visit::gives_medicines) {
        n.medication = "none";
    }
    let active = n.status == "active";

    // Who may visit: gender, preferred carers near the person with every skill needed.
    let mut skills: Vec<&str> = visits
        .iter()
        .flat_map(|v| v.skills.iter().copied())
        .collect();
    skills.sort_unstable();
    skills.dedup();
    let rare = skills
        .iter()
        .any(|s| !matches!(*s, "hoist" | "medication" | "dementia"));
    // A gender preference only where the skills needed are common ones.
    let gender = if rare {
        None
    } else if n.female && r.chance(0.25) {
        Some("female")
    } else if !n.female && r.chance(0.05) {
        Some("male")
    } else {
        None
    };
    let fits = |c: &CarerInfo| {
        skills.iter().all(|s| c.skills.contains(s))
            && gender.is_none_or(|g| (g == "female") == c.female)
    };
    let mut near: Vec<(f64, &CarerInfo)> = r
        .sample(&staff.hands_on, 40)
        .into_iter()
        .map(|k| &staff.carers[k])
        .filter(|c| fits(c))
        .map(|c| {
            (
                (c.lat - n.lat).powi(2) + ((c.lon - n.lon) * 0.62).powi(2),
                c,
            )
        })
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    let want = if r.chance(0.7) {
        r.range(1, 3) as usize
    } else {
        0
    };
    let preferred: Vec<String> = near.iter().take(want).map(|(_, c)| c.id.clone()).collect();
    let mut excluded = Vec::new();
    if r.chance(0.04) && !staff.hands_on.is_empty() {
        let c = &staff.carers[*r.pick(&staff.hands_on)];
        if !preferred.contains(&c.id) {
            excluded.push(c.id.clone());
        }
    }

    // At most one deliberate problem for the person's three records.
    let fault = if active {
        let mut options = vec![
            "nhs-number/check-digit",
            "plan/review-overdue",
            "plan/review-due-soon",
            "plan/risk-review-overdue",
            "consent/after-start",
            "consent/missing",
            "funding/hours-mismatch",
        ];
        if n.consent == people::ConsentWay::Lpa {
            options.push("consent/lpa-not-on-file");
        }
        if matches!(n.medication, "assist" | "administer") {
            options.push("medication/no-skill");
        }
        if visits.iter().any(|v| v.tasks.contains(&"personal care")) {
            options.push("visit/short-call");
        }
        if !preferred.is_empty() {
            options.push("visit/preferred-and-excluded");
        }
        faults.pick_scaled(&mut r, &options, 3.0)
    } else {
        None
    };
    match fault {
        Some("consent/lpa-not-on-file") => {
            for c in &mut n.contacts {
                c.2 = "property-and-financial";
            }
        }
        Some("medication/no-skill") => {
            for v in &mut visits {
                v.skills.retain(|s| *s != "medication");
            }
        }
        Some("visit/short-call") => {
            if let Some(v) = visits
                .iter_mut()
                .find(|v| v.tasks.contains(&"personal care"))
            {
                v.minutes = 20;
            }
        }
        Some("visit/preferred-and-excluded") => {
            excluded = preferred.iter().take(1).cloned().collect()
        }
        _ => {}
    }

    let minutes: u32 = visits.iter().map(visits::Visit::weekly_minutes).sum();
    // Commissioned hours match the pattern in force today (none once care has ended).
    let mut hours = if n.status == "ended" {
        0.0
    } else {
        f64::from(minutes) / 60.0
    };
    if fault == Some("funding/hours-mismatch") {
        hours = (hours * 1.3 + 1.0).round();
    }

    let fallback = staff.carers.first().map_or("C-0001", |c| c.id.as_str());
    let assessor = staff
        .assessors
        .get(r.below(staff.assessors.len()))
        .map_or(fallback, String::as_str);
    let coordinator = staff
        .coordinators
        .get(r.below(staff.coordinators.len()))
        .map_or(assessor, String::as_str);
    let dates = plans::dates(&mut r, &n, cfg.today, fault);
    let bad_nhs = fault == Some("nhs-number/check-digit");
    let su_text = people::record(&mut r, cfg.seed, &su, &n, cfg.today, hours, bad_nhs);
    let (cp_text, medicines) = plans::care_plan(
        &mut r,
        cfg.seed,
        (&cp, &su),
        &n,
        &visits,
        dates,
        cfg.today,
        (assessor, coordinator),
        fault,
    );
    let mut files = Vec::new();
    let mut rule_dates = dates;
    if cfg.log_weeks > 0 && active {
        // The rules run from the person's start, so that a year of logs
        // finds its visits in force.
        rule_dates.effective = n.start.min(dates.effective);
        let first = cfg.today.days(-7 * i64::from(cfg.log_weeks));
        let first = first.days(-first.weekday()).max(rule_dates.effective);
        let team: Vec<&str> = near
            .iter()
            .map(|(_, c)| c.id.as_str())
            .filter(|id| !excluded.iter().any(|x| x == id))
            .take(4)
            .collect();
        let mut lr = super::rng::Rng::stream(cfg.seed, 7, i as u64);
        files = logs::person(&mut lr, &su, &visits, &team, first, cfg.today);
    }
    let vr_text = visits::record(
        cfg.seed,
        (&vr, &su, &cp),
        rule_dates,
        gender,
        (&preferred, &excluded),
        &visits,
    );
    files.extend([
        (format!("service-users/{su}.yaml"), su_text),
        (format!("care-plans/{cp}.yaml"), cp_text),
        (format!("visit-rules/{vr}.yaml"), vr_text),
    ]);
    // MAR for people in care now, given by their preferred carers who hold
    // the medication skill, else by others who do.
    let mut mar_doses = 0;
    let away = match n.status {
        "hospital" => Some("hospital"),
        "paused" => Some("away"),
        _ => None,
    };
    if (active || away.is_some())
        && dates.ended.is_none()
        && cfg.mar_weeks > 0
        && !medicines.is_empty()
    {
        let mut givers: Vec<String> = preferred
            .iter()
            .filter(|id| {
                staff
                    .carers
                    .iter()
                    .any(|c| &c.id == *id && c.hands_on && c.skills.contains(&"medication"))
            })
            .cloned()
            .collect();
        if givers.is_empty() {
            givers = staff.medication.iter().take(3).cloned().collect();
        }
        let person = mar::Person {
            seed: cfg.seed,
            index: i as u64,
            id: &su,
            medicines: &medicines,
            // The medicines were given from the person's start, under the
            // plan before this one too, as the year of visit logs is.
            from: n.start.min(dates.effective),
            carers: &givers,
            away,
        };
        let (mar_files, doses) = mar::files(&person, cfg.mar_weeks, cfg.today, faults);
        files.extend(mar_files);
        mar_doses = doses;
    }
    Bundle {
        files,
        mar_doses,
        active,
        visits: visits.iter().map(|v| u64::from(v.day_count)).sum(),
        double_ups: visits
            .iter()
            .filter(|v| v.carers > 1)
            .map(|v| u64::from(v.day_count))
            .sum(),
        minutes,
    }
}
