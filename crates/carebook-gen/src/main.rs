//! `carebook-gen`: writes a synthetic agency for benchmarks and for trying
//! the rota engine at scale.
//!
//! ```text
//! carebook-gen OUT [--service-users 2000] [--carers 750] [--seed 1]
//!                  [--faults 1] [--today 2026-11-23] [--mar-weeks 0] [--log-weeks 0]
//! ```
//!
//! The agency is deterministic from the seed; with `--faults 0` it checks
//! clean on `--today`, and `--faults` is otherwise the percentage of
//! records given one deliberate problem, each found by `check` under the
//! code the summary lists. `--service-users 200 --carers 90` gives about
//! 3,500 visits and 2,000 carer-hours a week. The generator itself is this
//! crate's library, shared with the root package's benchmarks and tests.

use carebook_gen::rng::Date;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: carebook-gen OUT [--service-users N] [--carers N] [--seed N] [--faults PERCENT] [--today YYYY-MM-DD] [--mar-weeks N] [--log-weeks N]

Writes a synthetic home-care agency (agency.yaml, service-users/, care-plans/,
carers/, visit-rules/) into OUT, which must not exist or be empty.

  --service-users N   service users, each with a care plan and visit rules (2000)
  --carers N          carers (750)
  --seed N            random seed; the same seed gives the same files (1)
  --faults PERCENT    share of records with one deliberate problem (1; 0 for none)
  --today DATE        the date the agency should check clean on (2026-11-23)
  --mar-weeks N       weeks of medication administration records before today (0; 52 for a year)
  --log-weeks N       weeks of visit logs before today, for active service users (0)";

fn parse(args: &[String]) -> Result<(PathBuf, carebook_gen::Config), String> {
    let mut cfg = carebook_gen::Config::default();
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--service-users" => cfg.service_users = number(&value(flag)?, flag)?,
            "--carers" => cfg.carers = number(&value(flag)?, flag)?,
            "--seed" => cfg.seed = number(&value(flag)?, flag)?,
            "--mar-weeks" => cfg.mar_weeks = number(&value(flag)?, flag)?,
            "--log-weeks" => cfg.log_weeks = number(&value(flag)?, flag)?,
            "--faults" => {
                let v = value(flag)?;
                cfg.fault_percent = v
                    .parse::<f64>()
                    .ok()
                    .filter(|p| (0.0..=100.0).contains(p))
                    .ok_or_else(|| {
                        format!("--faults takes a percentage from 0 to 100, not `{v}`")
                    })?;
            }
            "--today" => {
                let v = value(flag)?;
                cfg.today = Date::parse(&v)
                    .ok_or_else(|| format!("--today takes a date YYYY-MM-DD, not `{v}`"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("one output folder only, not also `{arg}`")),
        }
    }
    let out = out.ok_or("the output folder is missing")?;
    Ok((out, cfg))
}

fn number<T: std::str::FromStr>(v: &str, flag: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("{flag} takes a whole number, not `{v}`"))
}

/// Writes `text` to stdout; a closed pipe (`| head`) is not an error.
fn say(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, cfg) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(e) if e.is_empty() => {
            say(&format!("{USAGE}\n"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("carebook-gen: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!(
            "carebook-gen: {} is not empty; choose a new folder",
            out.display()
        );
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    match carebook_gen::generate(&out, &cfg) {
        Ok(stats) => {
            say(&format!(
                "wrote {} (seed {}, today {}) in {:.2} s\n{}",
                out.display(),
                cfg.seed,
                cfg.today,
                started.elapsed().as_secs_f64(),
                stats.summary()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("carebook-gen: cannot write {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}
