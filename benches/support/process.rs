//! The release binary run as a process, as a user runs it: wall time, and
//! under `/usr/bin/time` its CPU time and peak RSS.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of the binary.
pub struct Run {
    /// Wall time, from spawn to exit.
    pub wall: Duration,
    /// User + system time, when run under `/usr/bin/time`.
    pub cpu: Option<Duration>,
    /// Peak resident set in KiB, when run under `/usr/bin/time`.
    pub rss_kb: Option<u64>,
}

/// Whether `/usr/bin/time` is there to give CPU time and peak RSS.
pub fn can_time() -> bool {
    Path::new("/usr/bin/time").is_file()
}

/// Runs `bin` with `args` (output discarded), under `/usr/bin/time` when
/// `under_time`; panics when it does not exit with 0 or 1 (findings).
pub fn run<S: AsRef<OsStr>>(bin: &str, args: &[S], under_time: bool) -> Run {
    let out = tempfile::NamedTempFile::new().expect("a temporary file");
    let mut cmd = if under_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(out.path())
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let t = Instant::now();
    let status = cmd.status().expect("the binary runs");
    let wall = t.elapsed();
    let code = status.code().unwrap_or(-1);
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    assert!(
        code == 0 || code == 1,
        "{bin} {} failed to run (exit {code})",
        shown.join(" ")
    );
    // The last line is ours; a line before it may report the exit status.
    let text = std::fs::read_to_string(out.path()).unwrap_or_default();
    let fields: Vec<f64> = text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    match fields[..] {
        [user, sys, kb] => Run {
            wall,
            cpu: Some(Duration::from_secs_f64(user + sys)),
            rss_kb: Some(kb as u64),
        },
        _ => Run {
            wall,
            cpu: None,
            rss_kb: None,
        },
    }
}

/// The load averages over 1, 5 and 15 minutes, for the record of a run.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}
