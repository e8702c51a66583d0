//! Wall and CPU time of a piece of work, and medians of several runs.
//! CPU time (user + system, all threads, from /proc) is steadier than wall
//! time on a shared machine, so the bench shows both.

use std::time::{Duration, Instant};

/// Wall and CPU time of `f`; what it returns is dropped untimed.
pub fn measure<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let (t, cpu) = (Instant::now(), cpu_time());
    let kept = f();
    let out = (t.elapsed(), cpu_time().saturating_sub(cpu));
    drop(kept);
    out
}

/// Medians of wall and CPU times (zero for no runs).
pub fn medians(runs: &[(Duration, Duration)]) -> (Duration, Duration) {
    let mut wall: Vec<Duration> = runs.iter().map(|r| r.0).collect();
    let mut cpu: Vec<Duration> = runs.iter().map(|r| r.1).collect();
    wall.sort_unstable();
    cpu.sort_unstable();
    let mid = |v: &[Duration]| v.get(v.len() / 2).copied().unwrap_or_default();
    (mid(&wall), mid(&cpu))
}

/// This process's user + system time, all threads (10 ms ticks).
pub fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After `(comm)`: state is field 3, utime field 14, stime field 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Whether the bench runs in full (`cargo bench`), not as a quick pass
/// under `cargo test --benches`.
pub fn full() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// How many times to time each thing: `CAREBOOK_BENCH_RUNS`, else
/// `in_full` when [`full`] and once as a test.
pub fn runs(in_full: usize) -> usize {
    std::env::var("CAREBOOK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full() { in_full } else { 1 })
        .max(1)
}

/// Milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
