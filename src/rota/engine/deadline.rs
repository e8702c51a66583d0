//! When the engine must stop: a wall-clock deadline shared by construction
//! and search, so that a time limit bounds the whole run.

use std::time::{Duration, Instant};

/// A moment after which the engine stops and returns what it has, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// No deadline: work until done.
    pub fn never() -> Deadline {
        Deadline(None)
    }

    /// `seconds` from now (none if that is not a time a clock can hold).
    pub fn after(seconds: f64) -> Deadline {
        let at = Duration::try_from_secs_f64(seconds.max(0.0))
            .ok()
            .and_then(|d| Instant::now().checked_add(d));
        Deadline(at)
    }

    /// Whether it has passed.
    pub fn passed(&self) -> bool {
        self.0.is_some_and(|at| Instant::now() >= at)
    }

    /// Seconds left (0 once passed, infinite for none).
    pub fn remaining_seconds(&self) -> f64 {
        self.0.map_or(f64::INFINITY, |at| {
            at.saturating_duration_since(Instant::now()).as_secs_f64()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Deadline;

    #[test]
    fn a_deadline_of_no_time_has_passed_at_once() {
        let d = Deadline::after(0.0);
        assert!(d.passed());
        assert_eq!(d.remaining_seconds(), 0.0);
        assert!(Deadline::after(-1.0).passed());
    }

    #[test]
    fn a_far_or_absent_deadline_has_not_passed() {
        assert!(!Deadline::after(3600.0).passed());
        assert!(Deadline::after(3600.0).remaining_seconds() > 3500.0);
        assert!(!Deadline::never().passed());
        assert_eq!(Deadline::never().remaining_seconds(), f64::INFINITY);
        // Beyond what a clock holds: no deadline rather than a panic.
        assert!(!Deadline::after(f64::INFINITY).passed());
        assert!(!Deadline::after(1e300).passed());
    }
}
