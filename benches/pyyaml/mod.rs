//! The PyYAML baseline of `benches/check.rs`: `benches/pyyaml_parse.py`
//! parses every `*.yaml` of the agency with `yaml.CSafeLoader` (libyaml) in
//! one Python process, timed as a process beside `carebook check` in the
//! same round-robin, so the ratio of the two is measured under the same
//! load. Without python3, PyYAML or libyaml the comparison is skipped with
//! a note and the rest of the bench runs.

use super::timing::ms;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The target: `carebook check` within this share of the baseline.
const TARGET: f64 = 0.25;

/// A Python that has PyYAML with libyaml, and the script to run with it.
pub struct PyYaml {
    python: String,
    script: PathBuf,
    /// PyYAML's version, for the report.
    version: String,
}

/// One run of the script: wall time of the process and of the parse inside it.
#[derive(Debug, Clone, Copy)]
pub struct PyRun {
    /// The whole process (interpreter start, import, walk, parse).
    pub wall: Duration,
    /// The walk and parse alone, as the script measures it.
    pub inner: Duration,
}

impl PyYaml {
    /// Finds `python3` (or `$PYTHON`) with PyYAML built on libyaml, or says why not.
    pub fn find() -> Result<PyYaml, String> {
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pyyaml_parse.py");
        if !script.is_file() {
            return Err(format!("{} is missing", script.display()));
        }
        let probe = Command::new(&python)
            .args([
                "-c",
                "import yaml, sys; yaml.CSafeLoader; print(yaml.__version__, yaml.__with_libyaml__)",
            ])
            .stderr(Stdio::null())
            .output();
        let out = match probe {
            Err(e) => return Err(format!("`{python}` does not run ({e})")),
            Ok(o) if !o.status.success() => {
                return Err(format!(
                    "`{python}` has no PyYAML with yaml.CSafeLoader (pip install pyyaml; it needs libyaml)"
                ));
            }
            Ok(o) => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        };
        match out.split_once(' ') {
            Some((version, "True")) => Ok(PyYaml {
                python,
                script,
                version: version.to_owned(),
            }),
            Some((_, _)) => Err(format!(
                "PyYAML in `{python}` was built without libyaml; the pure-Python loader is no fair baseline"
            )),
            None => Err(format!(
                "`{python}` did not report PyYAML's version ({out:?})"
            )),
        }
    }

    /// Runs the script on `root` once; panics if it fails (the baseline must be real).
    pub fn run(&self, root: &Path) -> PyRun {
        let t = Instant::now();
        let out = Command::new(&self.python)
            .arg(&self.script)
            .arg(root)
            .stderr(Stdio::inherit())
            .output()
            .expect("the PyYAML script runs");
        let wall = t.elapsed();
        assert!(
            out.status.success(),
            "benches/pyyaml_parse.py failed ({})",
            out.status
        );
        // "parsed N files, M failed, in S s"
        let text = String::from_utf8_lossy(&out.stdout);
        let inner = text
            .split_whitespace()
            .rev()
            .nth(1)
            .and_then(|s| s.parse::<f64>().ok())
            .map_or(Duration::ZERO, Duration::from_secs_f64);
        PyRun { wall, inner }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Prints the comparison: medians of both, the ratio, and carebook's peak RSS.
/// `carebook` holds the wall times of `carebook check` runs interleaved with `runs`.
pub fn report(
    found: &Result<PyYaml, String>,
    runs: &[PyRun],
    carebook: &[Duration],
    rss_mb: Option<f64>,
) {
    println!();
    let py = match found {
        Ok(py) if !runs.is_empty() => py,
        Ok(_) => return,
        Err(why) => {
            println!("PyYAML comparison skipped: {why}");
            return;
        }
    };
    let wall = median(runs.iter().map(|r| r.wall).collect());
    let inner = median(runs.iter().map(|r| r.inner).collect());
    let ours = median(carebook.to_vec());
    // Ratios per round too: each pair ran back to back, under the same load.
    let mut paired: Vec<f64> = runs
        .iter()
        .zip(carebook)
        .map(|(p, c)| ms(*c) / ms(p.wall).max(0.001))
        .collect();
    paired.sort_by(f64::total_cmp);
    let ratio = ms(ours) / ms(wall).max(0.001);
    println!(
        "against PyYAML {} (yaml.CSafeLoader, one process; {} runs, round-robin with carebook, medians):",
        py.version,
        runs.len()
    );
    println!(
        "  (p) python3 benches/pyyaml_parse.py DIR       {:>7.0} ms wall  ({:.0} ms of it parsing, the rest interpreter start)",
        ms(wall),
        ms(inner)
    );
    println!(
        "  (c) carebook check DIR --format json          {:>7.0} ms wall",
        ms(ours)
    );
    println!(
        "  (c) / (p)                                     {:>8.3}x       <= {TARGET}x  {}  (per-round ratios {:.3}..{:.3}, median {:.3})",
        ratio,
        if ratio <= TARGET { "ok" } else { "MISSED" },
        paired.first().copied().unwrap_or(0.0),
        paired.last().copied().unwrap_or(0.0),
        paired.get(paired.len() / 2).copied().unwrap_or(0.0),
    );
    match rss_mb {
        Some(mb) => println!(
            "  peak RSS of (c)                               {mb:>7.0} MB       <= 300 MB  {}",
            if mb <= 300.0 { "ok" } else { "MISSED" }
        ),
        None => println!("  peak RSS of (c)                               unknown"),
    }
}
