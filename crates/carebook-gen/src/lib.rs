//! A synthetic home-care agency for benchmarks: `agency.yaml`, service
//! users, care plans, carers and visit rules in the records format, with
//! realistic Bristol addresses, valid NHS numbers, mixed travel modes and
//! skills, one to five visits a day, double-ups and `after` gaps, consent and
//! capacity variations, and full, current training; coordinators,
//! demographics, LPA and deputy evidence, end-of-life wishes, plan
//! involvement and reviews, and capacity decisions for medicines, as UK
//! practice asks. It is deterministic from a seed and, with no faults,
//! checks clean on its "today" (`carebook check` finds nothing; from about
//! 60 people and 25 carers up, since a smaller staff may have no two hoist
//! carers on a Sunday); a chosen share of records (1% by default) carries
//! one deliberate problem each, counted by rule code in [`Stats::faults`],
//! which `check` finds under that code and no other.
//!
//! A library for the root package's benchmarks and tests (a
//! dev-dependency) and the `carebook-gen` binary; not part of the shipped
//! `carebook`.

mod bundle;
mod logs;
mod mar;
mod names;
mod people;
mod plans;
mod practice;
pub mod rng;
mod staff;
mod staffing;
#[cfg(test)]
mod tests;
mod training;
mod visits;
pub mod yaml;

use rng::{Date, Rng};
use staff::CarerInfo;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// Service users; each gets a care plan and visit rules.
    pub service_users: usize,
    /// Carers, office staff included.
    pub carers: usize,
    /// The same seed writes the same files.
    pub seed: u64,
    /// Share of records, in percent, that get one deliberate problem.
    pub fault_percent: f64,
    /// The date the agency is meant to be checked on.
    pub today: Date,
    /// Weeks of MAR before today's week (0: none; 52 for a year).
    pub mar_weeks: usize,
    /// Weeks of visit logs (care delivered) before `today`, for active
    /// service users from their start: 0 for none, 52 for a year.
    pub log_weeks: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            service_users: 2000,
            carers: 750,
            seed: 1,
            fault_percent: 1.0,
            today: Date::ymd(2026, 11, 23),
            mar_weeks: 0,
            log_weeks: 0,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Files written, agency.yaml included.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// Service users, and those `active` (only they have visits).
    pub service_users: usize,
    pub active_service_users: usize,
    /// Care plans and visit-rules records (one each per service user).
    pub care_plans: usize,
    pub visit_rules: usize,
    /// Carers, and those `active`.
    pub carers: usize,
    pub active_carers: usize,
    /// Visits a week of active service users (a double-up counts once).
    pub visits_per_week: u64,
    pub double_ups_per_week: u64,
    /// Carer-hours a week of those visits (a double-up counts twice).
    pub care_hours_per_week: f64,
    /// Contracted and available hours a week of active carers.
    pub contracted_hours: f64,
    pub available_hours: f64,
    /// Doses recorded in MAR files.
    pub mar_doses: u64,
    /// Visit log files, and the visits logged in them.
    pub log_files: usize,
    pub logged_visits: u64,
    /// Deliberate problems, by the rule code they should raise.
    pub faults: BTreeMap<&'static str, usize>,
}

impl Stats {
    /// A few lines for people.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "files:              {} ({:.1} MB)",
            self.files,
            self.bytes as f64 / 1e6
        );
        let _ = writeln!(
            s,
            "service users:      {} ({} active), care plans {}, visit rules {}",
            self.service_users, self.active_service_users, self.care_plans, self.visit_rules
        );
        let _ = writeln!(
            s,
            "carers:             {} ({} active)",
            self.carers, self.active_carers
        );
        let _ = writeln!(
            s,
            "visits per week:    {} ({} double-ups), {:.0} carer-hours",
            self.visits_per_week, self.double_ups_per_week, self.care_hours_per_week
        );
        let _ = writeln!(
            s,
            "carer hours/week:   {:.0} contracted, {:.0} available",
            self.contracted_hours, self.available_hours
        );
        if self.mar_doses > 0 {
            let _ = writeln!(s, "MAR doses:          {}", self.mar_doses);
        }
        if self.log_files > 0 {
            let _ = writeln!(
                s,
                "visit logs:         {} files, {} visits",
                self.log_files, self.logged_visits
            );
        }
        let total: usize = self.faults.values().sum();
        let list: Vec<String> = self
            .faults
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(
            s,
            "deliberate faults:  {total}{}{}",
            if total > 0 { ": " } else { "" },
            list.join(", ")
        );
        s
    }
}

/// Chooses the records that get a deliberate problem, and counts them.
pub struct Faults {
    rate: f64,
    counts: BTreeMap<&'static str, usize>,
}

impl Faults {
    /// With probability `rate`, one of `options`.
    pub fn pick(&mut self, r: &mut Rng, options: &[&'static str]) -> Option<&'static str> {
        self.pick_scaled(r, options, 1.0)
    }

    /// As [`Faults::pick`], with the rate multiplied by `k` (for a bundle of records).
    pub fn pick_scaled(
        &mut self,
        r: &mut Rng,
        options: &[&'static str],
        k: f64,
    ) -> Option<&'static str> {
        if options.is_empty() || !r.chance(self.rate * k) {
            return None;
        }
        let f = *r.pick(options);
        *self.counts.entry(f).or_default() += 1;
        Some(f)
    }
}

const AGENCY: &str = "# Synthetic agency written by carebook-gen: every person in it is made up.
kind: agency
name: Severnside Home Care
cqc: {provider_id: 1-109876543, location_id: 1-1198765432}
office: {lat: 51.4427, lon: -2.5974}
exclude: [drafts/**]
policy:
  care_plan_review_months: 12
  risk_review_months: 6
  supervision_interval_months: 3
  appraisal_interval_months: 12
  dbs_renewal_years: 3
  expiring_soon_days: 30
  mandatory_training:
    care-certificate: 0
    moving-and-handling: 12
    safeguarding-adults: 12
    infection-control: 12
    basic-life-support: 12
    fire-safety: 12
    medication: 12
    mental-capacity-act: 36
    food-hygiene: 36
  travel:
    road_factor: 1.3
    speed_kmh: {walk: 4.5, bicycle: 14, public-transport: 15, car: 30}
  working_time:
    max_weekly_hours: 48
    min_rest_hours: 11
  rota:
    max_late_minutes: 30
  late_entry_days: 14
  rules: {}
";

fn dir_of(root: &Path, rel: &Path) -> std::path::PathBuf {
    root.join(rel)
}

fn width(n: usize) -> usize {
    n.to_string().len().max(4)
}

struct Writer<'a> {
    dir: &'a Path,
    stats: &'a mut Stats,
}

impl Writer<'_> {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
        self.stats.files += 1;
        self.stats.bytes += text.len() as u64;
        Ok(())
    }
}

/// Writes the agency into `dir` (created if needed) and says what it wrote.
pub fn generate(dir: &Path, cfg: &Config) -> std::io::Result<Stats> {
    for sub in ["service-users", "care-plans", "carers", "visit-rules"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    let mut stats = Stats::default();
    let mut faults = Faults {
        rate: cfg.fault_percent / 100.0,
        counts: BTreeMap::new(),
    };
    let mut out = Writer {
        dir,
        stats: &mut stats,
    };
    out.write("agency.yaml", AGENCY)?;

    let cw = width(cfg.carers);
    let mut carers: Vec<CarerInfo> = Vec::with_capacity(cfg.carers);
    for i in 0..cfg.carers {
        let (info, text) = staff::carer(cfg.seed, i, cw, cfg.today, &mut faults);
        out.write(&format!("carers/{}.yaml", info.id), &text)?;
        carers.push(info);
    }
    let staff = bundle::Staff::new(carers);
    let sw = width(cfg.service_users);
    for i in 0..cfg.service_users {
        let b = bundle::service_user(cfg, i, sw, &staff, &mut faults);
        if b.active {
            out.stats.active_service_users += 1;
            out.stats.visits_per_week += b.visits;
            out.stats.double_ups_per_week += b.double_ups;
            out.stats.care_hours_per_week += f64::from(b.minutes) / 60.0;
        }
        out.stats.mar_doses += b.mar_doses;
        for (path, text) in &b.files {
            if let Some(dir) = Path::new(path).parent() {
                std::fs::create_dir_all(dir_of(out.dir, dir))?;
            }
            if path.starts_with("logs/") {
                out.stats.log_files += 1;
                out.stats.logged_visits += text.matches("\n  - date:").count() as u64;
            }
            out.write(path, text)?;
        }
    }

    stats.service_users = cfg.service_users;
    stats.care_plans = cfg.service_users;
    stats.visit_rules = cfg.service_users;
    stats.carers = cfg.carers;
    let carers = &staff.carers;
    stats.active_carers = carers.iter().filter(|c| c.active).count();
    stats.contracted_hours = carers.iter().map(|c| c.contracted).sum();
    stats.available_hours = carers.iter().map(|c| c.available).sum();
    stats.faults = faults.counts;
    Ok(stats)
}
