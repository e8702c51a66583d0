//! The weekly visit pattern of one synthetic service user: one to five
//! visits a day in realistic windows, double-ups for hoist transfers,
//! skills that follow the person's needs, and `after` gaps for medicines
//! such as paracetamol; and the visit-rules record that lists them.

use super::people::Needs;
use super::plans::PlanDates;
use super::rng::Rng;
use super::yaml::{Yaml, clock};

/// One visit of a visit-rules record.
#[derive(Debug, Clone)]
pub struct Visit {
    /// `morning`, `lunch`, ...
    pub label: &'static str,
    /// `daily`, `weekdays`, or a flow list such as `[tue, fri]`, and how many days that is.
    pub days: String,
    pub day_count: u32,
    /// Window start and end, minutes since midnight.
    pub start: u32,
    pub end: u32,
    /// Duration in minutes.
    pub minutes: u32,
    /// One or two carers.
    pub carers: u32,
    /// Skills every carer on the visit needs, and the tasks.
    pub skills: Vec<&'static str>,
    pub tasks: Vec<&'static str>,
    /// `(visit, min_gap, max_gap)` in minutes.
    pub after: Option<(&'static str, u32, Option<u32>)>,
    /// Personal-care tasks agreed for a visit under 30 minutes.
    pub short_agreed: Vec<&'static str>,
}

/// The tasks written here that are personal care (`visit/short-call`).
const PERSONAL_CARE: [&str; 4] = ["personal care", "catheter care", "stoma care", "peg feed"];

/// NICE NG21: personal care in visits of at least this long, unless agreed.
const SHORT_CALL_MINUTES: u32 = 30;

impl Visit {
    fn new(label: &'static str, start: u32, width: u32, minutes: u32) -> Visit {
        Visit {
            label,
            days: "daily".into(),
            day_count: 7,
            start,
            end: start + width,
            minutes,
            carers: 1,
            skills: Vec::new(),
            tasks: Vec::new(),
            after: None,
            short_agreed: Vec::new(),
        }
    }

    /// Carer-minutes a week.
    pub fn weekly_minutes(&self) -> u32 {
        self.minutes * self.carers * self.day_count
    }

    fn weekdays(&mut self) {
        self.days = "weekdays".into();
        self.day_count = 5;
    }

    fn skill(&mut self, skill: &'static str) {
        if !self.skills.contains(&skill) {
            self.skills.push(skill);
        }
    }

    /// Whether the visit runs on weekday `day` (Monday 0).
    pub fn runs_on(&self, day: usize) -> bool {
        const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        WEEK.get(day)
            .is_some_and(|d| day_list(&self.days).contains(d))
    }

    /// Whether a medicine round can be done on this visit.
    pub fn gives_medicines(&self) -> bool {
        self.tasks.contains(&"medication")
    }
}

fn quarter(r: &mut Rng, from: u32, to: u32) -> u32 {
    from + 15 * r.below(((to - from) / 15 + 1) as usize) as u32
}

/// Day patterns of one, two and three visits, equally likely.
const ONE: [&[&str]; 4] = [&["morning"], &["morning"], &["lunch"], &["domestic"]];
const TWO: [&[&str]; 3] = [
    &["morning", "bed"],
    &["morning", "bed"],
    &["morning", "tea"],
];
const THREE: [&[&str]; 2] = [&["morning", "lunch", "bed"], &["morning", "tea", "bed"]];

/// The visits for a person's needs.
pub fn plan(r: &mut Rng, needs: &Needs) -> Vec<Visit> {
    let count = 1 + r.weighted(&[16, 24, 28, 24, 8]);
    let labels: &[&str] = match count {
        1 => ONE[r.below(ONE.len())],
        2 => TWO[r.below(TWO.len())],
        3 => THREE[r.below(THREE.len())],
        4 => &["morning", "lunch", "tea", "bed"],
        _ => &["morning", "mid-morning", "lunch", "tea", "bed"],
    };
    let has = |l: &str| labels.contains(&l);
    let care = needs.personal_care;
    let mut visits = Vec::new();

    let morning_latest = if has("mid-morning") { 480 } else { 570 };
    let m = quarter(r, 420, morning_latest);
    if has("morning") {
        let minutes = if needs.hoist {
            *r.pick(&[45, 60, 60])
        } else if care {
            *r.pick(&[30, 30, 45, 45, 45, 60])
        } else {
            30
        };
        let mut v = Visit::new("morning", m, *r.pick(&[60, 60, 60, 45, 30]), minutes);
        v.tasks = if care {
            vec!["personal care", "breakfast"]
        } else {
            vec!["breakfast", "drinks"]
        };
        visits.push(v);
    }
    if has("mid-morning") {
        let mut v = Visit::new(
            "mid-morning",
            quarter(r, 630, 660),
            30,
            *r.pick(&[15, 20, 30]),
        );
        v.tasks = vec!["drinks", "check on wellbeing"];
        visits.push(v);
    }
    let mut lunch_start = quarter(r, 720, 810);
    if needs.paracetamol && has("morning") {
        // Paracetamol at least four hours after the morning dose.
        lunch_start = lunch_start.max(m + 240).min(840);
    }
    if has("lunch") {
        let mut v = Visit::new(
            "lunch",
            lunch_start,
            *r.pick(&[60, 60, 45]),
            *r.pick(&[30, 30, 30, 20, 45, 20]),
        );
        v.tasks = vec!["lunch", "drinks"];
        if r.chance(0.25) && has("morning") {
            v.weekdays();
        }
        if needs.paracetamol && has("morning") {
            v.after = Some(("morning", 240, None));
        }
        visits.push(v);
    }
    let mut tea_start = quarter(r, 960, 1050);
    if has("tea") {
        let mut v = Visit::new("tea", tea_start, 60, *r.pick(&[30, 30, 30, 45]));
        v.tasks = vec!["tea", "drinks"];
        if has("lunch") && tea_start >= lunch_start + 180 && r.chance(0.3) {
            v.after = Some(("lunch", 180, None));
        } else if needs.twice_daily && has("morning") {
            // A twice-daily medicine: eight to ten hours after the morning dose.
            tea_start = m + 510;
            v.start = tea_start;
            v.end = tea_start + 60;
            v.after = Some(("morning", 480, Some(600)));
        }
        if r.chance(0.12) && v.after.is_none_or(|a| a.0 != "morning") {
            v.weekdays();
        }
        visits.push(v);
    }
    if has("bed") {
        let minutes = if needs.hoist || care {
            *r.pick(&[30, 30, 45])
        } else {
            30
        };
        let start = quarter(r, 1140, 1215)
            .max(tea_start + 150)
            .min(1290 - minutes);
        let mut v = Visit::new("bed", start, (1305 - minutes - start).min(60), minutes);
        v.tasks = if care {
            vec!["personal care", "bed"]
        } else {
            vec!["supper", "bed"]
        };
        if has("tea") && v.start >= tea_start + 150 && r.chance(0.2) {
            v.after = Some(("tea", 120, Some(300)));
        }
        visits.push(v);
    }
    if has("domestic") {
        let mut v = Visit::new(
            "domestic",
            quarter(r, 570, 630),
            120,
            *r.pick(&[60, 60, 90]),
        );
        let k = r.range(1, 2) as usize;
        let mut days: Vec<&str> = r.sample(&["mon", "tue", "wed", "thu", "fri"], k);
        days.sort_by_key(|d| {
            ["mon", "tue", "wed", "thu", "fri"]
                .iter()
                .position(|x| x == d)
        });
        v.day_count = days.len() as u32;
        v.days = format!("[{}]", days.join(", "));
        v.tasks = vec!["shopping", "cleaning", "laundry"];
        visits.push(v);
    }

    for v in &mut visits {
        let personal = v.tasks.contains(&"personal care");
        if needs.hoist
            && (personal || r.chance(0.4))
            && v.label != "mid-morning"
            && v.label != "domestic"
        {
            v.carers = 2;
            v.skill("hoist");
            v.tasks.insert(0, "hoist transfer");
            v.minutes = v.minutes.max(30);
        } else if v.label == "morning" && needs.double_morning {
            v.carers = 2;
        }
        if needs.end_of_life && v.label != "domestic" {
            v.skill("end-of-life");
            if personal {
                v.carers = 2;
            }
        }
        if needs.dementia_skill {
            v.skill("dementia");
        }
        // Every carer on a visit needs its skills, so a rare skill goes on
        // single-handed visits only; on a double-up one of the two does the task.
        let single = v.carers == 1;
        if needs.catheter && (v.label == "morning" || v.label == "bed") {
            if single {
                v.skill("catheter-care");
            }
            v.tasks.push("catheter care");
        }
        if needs.stoma && v.label == "morning" {
            if single {
                v.skill("stoma-care");
            }
            v.tasks.push("stoma care");
        }
        if needs.peg && matches!(v.label, "morning" | "lunch" | "tea") {
            if single {
                v.skill("peg-feeding");
            }
            v.tasks.push("peg feed");
        }
        if needs.medication != "none"
            && v.label != "domestic"
            && (v.label != "mid-morning" || needs.paracetamol)
        {
            v.tasks.push("medication");
            if matches!(needs.medication, "assist" | "administer") {
                v.skill("medication");
            }
        }
    }
    // Personal care needs 30 minutes (NICE NG21); a PEG bolus feed at a
    // short lunch visit is sometimes agreed as it is.
    for v in &mut visits {
        let personal: Vec<&'static str> = v
            .tasks
            .iter()
            .copied()
            .filter(|t| PERSONAL_CARE.contains(t))
            .collect();
        if v.minutes >= SHORT_CALL_MINUTES || personal.is_empty() {
            continue;
        }
        if personal == ["peg feed"] && r.chance(0.4) {
            v.short_agreed = personal;
        } else {
            v.minutes = SHORT_CALL_MINUTES;
        }
    }
    // An `after` rule only where the earlier visit happens on each of the days.
    let days: Vec<(&'static str, Vec<&'static str>)> = visits
        .iter()
        .map(|v| (v.label, day_list(&v.days)))
        .collect();
    for v in &mut visits {
        let mine = day_list(&v.days);
        let covered = |a: &(&str, u32, Option<u32>)| {
            days.iter()
                .find(|(label, _)| *label == a.0)
                .is_some_and(|(_, theirs)| mine.iter().all(|d| theirs.contains(d)))
        };
        if v.after.is_some_and(|a| !covered(&a)) {
            v.after = None;
        }
    }
    visits
}

/// The days of a `days:` value as written here.
fn day_list(days: &str) -> Vec<&'static str> {
    const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    match days {
        "daily" => WEEK.to_vec(),
        "weekdays" => WEEK[..5].to_vec(),
        list => WEEK.into_iter().filter(|d| list.contains(d)).collect(),
    }
}

/// The visit-rules record: ids `(visit rules, service user, care plan)`,
/// and the preferred and excluded carers.
pub fn record(
    seed: u64,
    ids: (&str, &str, &str),
    d: PlanDates,
    gender: Option<&str>,
    carers: (&[String], &[String]),
    visits: &[Visit],
) -> String {
    let (id, su, cp) = ids;
    let (preferred, excluded) = carers;
    let mut y = Yaml::new(&format!(
        "Synthetic visit rules written by carebook-gen (seed {seed}) for {su}."
    ));
    y.line(&format!(
        "kind: visit-rules\nid: {id}\nservice_user: {su}\ncare_plan: {cp}\nvalid_from: {}",
        d.effective
    ));
    if let Some(end) = d.ended {
        y.line(&format!("valid_to: {end}"));
    }
    if let Some(g) = gender {
        y.line(&format!("carer_gender: {g}"));
    }
    if !preferred.is_empty() {
        y.line(&format!("preferred_carers: [{}]", preferred.join(", ")));
    }
    if !excluded.is_empty() {
        y.line(&format!("excluded_carers: [{}]", excluded.join(", ")));
    }
    y.line("visits:");
    for v in visits {
        y.line(&format!(
            "  - label: {}\n    days: {}\n    window: \"{}-{}\"\n    duration: {}",
            v.label,
            v.days,
            clock(v.start),
            clock(v.end),
            duration(v.minutes)
        ));
        if v.carers > 1 {
            y.line(&format!("    carers: {}", v.carers));
        }
        if !v.skills.is_empty() {
            y.line(&format!("    skills: [{}]", v.skills.join(", ")));
        }
        y.line(&format!("    tasks: [{}]", v.tasks.join(", ")));
        if !v.short_agreed.is_empty() {
            y.line("    short_visit_agreed:");
            for task in &v.short_agreed {
                y.line(&format!(
                    "      - {{task: {task}, agreed_by: the person and the district nurse, agreed_on: {}, reason: A bolus feed only; the pump is set up by the family at night.}}",
                    d.assessed
                ));
            }
        }
        if let Some((after, min, max)) = v.after {
            let max = max
                .map(|m| format!(", max_gap: {}", duration(m)))
                .unwrap_or_default();
            y.line(&format!(
                "    after: {{visit: {after}, min_gap: {}{max}}}",
                duration(min)
            ));
        }
    }
    y.finish()
}

/// `45m`, `1h`, `1h30m`.
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}
