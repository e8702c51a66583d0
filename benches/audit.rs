//! Scale benchmark of `carebook audit`: a synthetic history of 10,000
//! commits over 2,000 records (care plans, visit rules, carers and service
//! users, 500 of each), each commit changing one to three records, is
//! written with `git fast-import` into a temporary repository (not timed).
//! Then, round-robin in the same run, these are timed and their medians
//! shown:
//!
//! - the release binary `carebook audit DIR --format json`, stdout to
//!   /dev/null;
//! - `git log -p --no-color` on the same repository, stdout to /dev/null,
//!   and the same through a pipe that the bench reads and discards (in
//!   case git ever skips work when it writes to /dev/null).
//!
//! Targets: the audit within 5 s wall, and within 2x `git log -p`.
//!
//! `cargo bench --bench audit` runs it in full; `CAREBOOK_BENCH_RUNS=N`
//! changes the number of runs. Run as a test (`cargo test --benches`) it
//! does one quick pass over a small history.

#[path = "support/timing.rs"]
#[allow(
    dead_code,
    reason = "shared by the benches; this one times its own way"
)]
mod timing;

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_carebook");

/// A small deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Days since 2020-01-01 written as a date.
fn date(day: i64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date");
    (base + chrono::Duration::days(day)).to_string()
}

/// The changing parts of one record; rendered to YAML on every change.
#[derive(Clone)]
struct Record {
    kind: usize,
    n: usize,
    a: usize,
    b: usize,
    day: i64,
    days: Vec<i64>,
}

const SUPPORT: [&str; 4] = [
    "One carer; help to wash at the basin, then dress.",
    "One carer; full wash in bed, then dress in her chair.",
    "Two carers; hoist transfer bed to chair and back.",
    "One carer; prompt and supervise, she washes herself.",
];
const LEVELS: [&str; 3] = ["low", "medium", "high"];
const COURSES: [&str; 9] = [
    "care-certificate",
    "moving-and-handling",
    "safeguarding-adults",
    "infection-control",
    "basic-life-support",
    "fire-safety",
    "medication",
    "mental-capacity-act",
    "food-hygiene",
];

impl Record {
    fn path(&self) -> String {
        let (dir, prefix) = [
            ("care-plans", "CP"),
            ("visit-rules", "VR"),
            ("carers", "C"),
            ("service-users", "SU"),
        ][self.kind];
        format!("{dir}/{prefix}-{:04}.yaml", self.n)
    }

    fn render(&self) -> String {
        let n = self.n;
        match self.kind {
            0 => format!(
                "kind: care-plan\nid: CP-{n:04}\nservice_user: SU-{n:04}\nstatus: active\nassessed_on: {}\nassessed_by: C-0001\neffective_from: 2024-01-01\nreview_due: 2025-12-01\nneeds:\n  - domain: personal-care\n    need: Needs help to wash and dress each morning.\n    outcome: Feels clean and comfortable, and chooses her own clothes.\n    support: {}\n  - domain: mobility\n    need: Unsteady on her feet since a fall.\n    outcome: Moves around her home safely.\n    support: Frame at all times; carer walks beside her.\n  - domain: nutrition\n    need: Cannot prepare meals.\n    outcome: Eats three meals a day.\n    support: Prepare breakfast, lunch and tea.\nrisks:\n  - risk: falls\n    level: {}\n    mitigation: Frame at all times; sensor mat at night.\n    reviewed_on: {}\n  - risk: pressure-ulcer\n    level: low\n    mitigation: Check skin at each visit.\n    reviewed_on: 2023-12-01\nmedication:\n  support: administer\n  items:\n    - {{name: Paracetamol 500mg, dose: {} tablets, times: [\"08:00\", \"13:00\", \"18:00\"]}}\nconsent:\n  status: given\n  date: {}\n  given_by: self\n  capacity: {{assessed_on: 2023-12-01, has_capacity: true}}\n  recorded_by: C-0001\n",
                date(self.days[0]),
                SUPPORT[self.a % 4],
                LEVELS[self.b % 3],
                date(self.days[1]),
                1 + self.b % 2,
                date(self.day),
            ),
            1 => format!(
                "kind: visit-rules\nid: VR-{n:04}\nservice_user: SU-{n:04}\ncare_plan: CP-{n:04}\nvalid_from: 2024-01-01\npreferred_carers: [C-{:04}]\nvisits:\n  - label: morning\n    days: daily\n    window: \"07:30-08:30\"\n    duration: {}m\n    tasks: [personal care, breakfast, medication]\n  - label: lunch\n    days: daily\n    window: \"12:00-13:00\"\n    duration: 30m\n    tasks: [lunch, medication]\n  - label: tea\n    days: weekdays\n    window: \"16:30-17:30\"\n    duration: {}m\n    tasks: [tea, drinks]\n  - label: bed\n    days: daily\n    window: \"19:30-20:30\"\n    duration: 30m\n    tasks: [personal care, bed]\n",
                1 + self.a % 500,
                30 + 15 * (self.a % 3),
                15 + 15 * (self.b % 3),
            ),
            2 => {
                let training: String = COURSES
                    .iter()
                    .zip(&self.days)
                    .map(|(c, d)| format!("  - {{course: {c}, completed: {}}}\n", date(*d)))
                    .collect();
                format!(
                    "kind: carer\nid: C-{n:04}\nname: Carer {n}\nrole: care-worker\ngender: female\nstatus: active\nstart_date: 2019-06-01\ncontracted_hours: {}\nhome: {{postcode: BS3 1QR, location: {{lat: 51.44, lon: -2.60}}}}\ntravel: car\nskills: [hoist, medication]\navailability:\n  mon: [\"07:00-14:00\"]\n  tue: [\"07:00-14:00\"]\n  wed: [\"07:00-14:00\"]\n  thu: [\"07:00-14:00\"]\n  fri: [\"07:00-14:00\"]\ntraining:\n{training}supervisions: [{}]\nappraisal: 2023-05-01\n",
                    20 + self.a % 20,
                    date(self.day),
                )
            }
            _ => format!(
                "kind: service-user\nid: SU-{n:04}\nname: Person {n}\ndate_of_birth: 1936-04-12\ngender: female\nstatus: active\nstart_date: 2024-01-01\naddress: {{line1: {} Raleigh Road, town: Bristol, postcode: BS3 1QR}}\nlocation: {{lat: 51.4412, lon: -2.6051}}\naccess_notes: Key safe by the back door.\ncontacts:\n  - name: Susan Ellis\n    relationship: daughter\n    phone: \"07700 900{:03}\"\n    lpa: none\n    keep_informed: true\nallergies: [penicillin]\nfunding:\n  source: local-authority\n  commissioned_hours_per_week: {}\n",
                1 + self.a % 200,
                self.b % 1000,
                7 + self.b % 10,
            ),
        }
    }

    /// One realistic edit, made on `today` (days since 2020-01-01).
    fn change(&mut self, rng: &mut Rng, today: i64) {
        match (self.kind, rng.below(3)) {
            (0, 0) => self.a += 1,
            (0, 1) => {
                self.b += 1;
                self.days[1] = today - rng.below(5) as i64;
            }
            (0, _) => self.day = today - rng.below(3) as i64,
            (2, _) => {
                let i = rng.below(COURSES.len());
                self.days[i] = today - rng.below(20) as i64;
                self.day = today;
            }
            (_, 0) => self.a += 1,
            _ => self.b += 1 + rng.below(7),
        }
    }
}

fn data(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    write!(out, "data {}\n{text}\n", text.len())
}

/// Writes the synthetic history into `dir` with `git fast-import`, then
/// checks it out.
fn build(dir: &Path, records: usize, commits: usize) -> std::io::Result<()> {
    let git = |args: &[&str]| -> std::io::Result<()> {
        let status = Command::new("git").arg("-C").arg(dir).args(args).status()?;
        if status.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("git {args:?} failed")))
        }
    };
    git(&["init", "--quiet", "-b", "main"])?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()?;
    let stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let mut out = BufWriter::new(stdin);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = 4 * 365; // 2024-01-01, roughly
    let mut all: Vec<Record> = (0..records)
        .map(|i| Record {
            kind: i % 4,
            n: i / 4 + 1,
            a: rng.below(1000),
            b: rng.below(1000),
            day: start - 30,
            days: (0..COURSES.len())
                .map(|_| start - 400 + rng.below(300) as i64)
                .collect(),
        })
        .collect();
    let t0: i64 = 1_704_099_600; // 2024-01-01T09:00:00Z
    let authors = ["Helen Okafor", "Aisha Khan", "Zoë Ó Briain", "Łukasz Żółć"];
    for c in 0..=commits {
        let when = t0 + c as i64 * 4_000;
        let who = authors[c % authors.len()];
        let email = format!("user{}@example.org", c % authors.len());
        writeln!(out, "commit refs/heads/main")?;
        writeln!(out, "author {who} <{email}> {when} +0000")?;
        writeln!(out, "committer {who} <{email}> {when} +0000")?;
        if c == 0 {
            data(&mut out, "Import the records")?;
            data_file(
                &mut out,
                "agency.yaml",
                "kind: agency\nname: Synthetic Home Care\n",
            )?;
            for r in &all {
                data_file(&mut out, &r.path(), &r.render())?;
            }
        } else {
            let today = start + (when - t0) / 86_400;
            let n = 1 + rng.below(3);
            let mut picked: Vec<usize> = (0..n).map(|_| rng.below(all.len())).collect();
            picked.sort_unstable();
            picked.dedup();
            data(&mut out, &format!("Update {} records", picked.len()))?;
            for i in picked {
                let before = all[i].render();
                // An edit may put a value back as it was: edit again.
                let mut after = before.clone();
                while after == before {
                    all[i].change(&mut rng, today);
                    after = all[i].render();
                }
                data_file(&mut out, &all[i].path(), &after)?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    drop(out);
    if !child.wait()?.success() {
        return Err(std::io::Error::other("git fast-import failed"));
    }
    git(&["reset", "--quiet", "--hard", "main"])
}

fn data_file(out: &mut impl Write, path: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, "M 100644 inline {path}")?;
    data(out, text)
}

/// Runs a command with stdout to /dev/null (or, with `pipe`, read and
/// discarded here), and returns its wall time.
fn time(cmd: &mut Command, pipe: bool) -> Duration {
    let started = Instant::now();
    if pipe {
        let mut child = cmd
            .stdout(Stdio::piped())
            .spawn()
            .expect("the command starts");
        let mut sink = Vec::with_capacity(1 << 20);
        if let Some(mut out) = child.stdout.take() {
            let mut buf = [0u8; 1 << 16];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.clear();
                sink.extend_from_slice(&buf[..n]);
            }
        }
        let status = child.wait().expect("the command runs");
        assert!(
            status.success() || status.code() == Some(1),
            "{cmd:?} failed"
        );
    } else {
        let status = cmd
            .stdout(Stdio::null())
            .status()
            .expect("the command runs");
        assert!(
            status.success() || status.code() == Some(1),
            "{cmd:?} failed"
        );
    }
    started.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let full = timing::full();
    let runs = timing::runs(5);
    let (records, commits) = if full { (2_000, 10_000) } else { (100, 300) };
    let dir = tempfile::tempdir().expect("a temporary folder");
    // CAREBOOK_BENCH_DIR keeps the history there (built once) for profiling.
    let kept = std::env::var_os("CAREBOOK_BENCH_DIR").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());
    let started = Instant::now();
    if !root.join(".git").exists() {
        std::fs::create_dir_all(root).expect("the folder is made");
        build(root, records, commits).expect("the synthetic history is written");
    }
    println!(
        "synthetic history: {commits} commits (and an import) over {records} records, 1 to 3 changed per commit, built in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Once untimed: warms the page cache, and checks the audit saw it all.
    let out = Command::new(BIN)
        .args(["audit", "--format", "json"])
        .arg(root)
        .output()
        .expect("carebook runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let summary = &doc["summary"];
    println!(
        "audit: {} commits listed, {} changes, {} findings",
        summary["commits"],
        summary["changes"],
        doc["findings"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(summary["commits"], commits + 1);

    let audit = || {
        let mut c = Command::new(BIN);
        c.args(["audit", "--format", "json"]).arg(root);
        c
    };
    let log = || {
        let mut c = Command::new("git");
        c.arg("-C").arg(root).args(["log", "-p", "--no-color"]);
        c
    };
    let _ = time(&mut log(), true);
    let (mut a, mut g, mut gp) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(time(&mut audit(), false));
        g.push(time(&mut log(), false));
        gp.push(time(&mut log(), true));
    }
    let (a, g, gp) = (median(a), median(g), median(gp));
    let s = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    println!("medians of {runs} runs (wall):");
    println!("  carebook audit --format json > /dev/null   {}", s(a));
    println!("  git log -p --no-color > /dev/null          {}", s(g));
    println!("  git log -p --no-color | (read here)        {}", s(gp));
    let slower = g.max(gp);
    let ratio = a.as_secs_f64() / g.as_secs_f64().max(1e-9);
    println!(
        "  ratio audit / git log -p: {ratio:.2}x (to /dev/null), {:.2}x (piped)",
        a.as_secs_f64() / gp.as_secs_f64().max(1e-9)
    );
    if full {
        let ok_wall = a <= Duration::from_secs(5);
        let ok_ratio = a.as_secs_f64() <= 2.0 * slower.as_secs_f64();
        println!(
            "targets: audit <= 5 s: {}; audit <= 2x git log -p: {}",
            if ok_wall { "met" } else { "MISSED" },
            if ok_ratio { "met" } else { "MISSED" }
        );
    }
}
