//! The figures of one planned week, read from what the tools print: the
//! independent verifier's JSON line (`verify_rota.py`), `/usr/bin/time`'s
//! wall time and peak RSS, and the improvement steps from `carebook rota`'s
//! summary.

use serde_json::Value;

/// What the independent verifier says about one rota.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// Visits the visit rules require that week.
    pub required: u64,
    /// Visits given carers.
    pub assigned: u64,
    /// Visits left unassigned.
    pub unassigned: u64,
    /// Travel minutes between visits (not from or to home).
    pub travel_between_min: f64,
    /// Travel minutes from home to the first visit and back from the last.
    pub travel_home_min: f64,
    /// Minutes visits start after their windows, summed over visits.
    pub late_min: f64,
    /// Distinct carers per service user, the mean.
    pub distinct_carers_per_user: f64,
    /// Hard rules broken (0 for a valid rota).
    pub violations: u64,
}

impl Figures {
    /// Travel between visits per assigned visit, minutes.
    pub fn travel_per_visit(&self) -> f64 {
        if self.assigned == 0 {
            0.0
        } else {
            self.travel_between_min / self.assigned as f64
        }
    }
}

/// Reads the verifier's figures from its output: the last line that is a
/// JSON object (the OR-Tools peer prints its figures the same way, with
/// more keys).
pub fn parse_verifier(stdout: &str) -> Result<Figures, String> {
    let line = stdout
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| format!("no JSON line in the verifier's output: {stdout:?}"))?;
    let v: Value = serde_json::from_str(line).map_err(|e| format!("{e} in {line:?}"))?;
    let num = |key: &str| -> Result<f64, String> {
        v.get(key)
            .and_then(Value::as_f64)
            .ok_or_else(|| format!("the verifier's line has no number `{key}`: {line}"))
    };
    let violations = match v.get("violations") {
        Some(Value::Object(codes)) => codes.values().filter_map(Value::as_u64).sum(),
        Some(other) => other.as_u64().unwrap_or(0),
        None => 0,
    };
    Ok(Figures {
        required: num("required")? as u64,
        assigned: num("assigned")? as u64,
        unassigned: num("unassigned")? as u64,
        travel_between_min: num("travel_between_min")?,
        travel_home_min: num("travel_home_min")?,
        late_min: num("late_min")?,
        distinct_carers_per_user: num("distinct_carers_per_user")?,
        violations,
    })
}

/// Wall seconds and peak RSS in kB from `/usr/bin/time -f "%e %M"` (its
/// last line; a killed command writes a note before it).
pub fn parse_time(text: &str) -> Option<(f64, u64)> {
    let line = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let mut parts = line.split_whitespace();
    let wall = parts.next()?.parse().ok()?;
    let kb = parts.next()?.parse().ok()?;
    Some((wall, kb))
}

/// The improvement steps `carebook rota` reports: `wrote FILE (33.3 s,
/// 20000 improvement steps)`.
pub fn parse_steps(stdout: &str) -> Option<u64> {
    let at = stdout.find(" improvement steps")?;
    let digits: String = stdout[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// The seconds `carebook rota`'s summary says its search took ("N
/// improvement steps in S s"), if it says.
pub fn parse_search_seconds(stdout: &str) -> Option<f64> {
    let (_, rest) = stdout.split_once(" improvement steps in ")?;
    rest.split_once(" s")?.0.parse().ok()
}

/// The whole-run seconds the OR-Tools peer reports (`wall_s`: before its
/// own call of the verifier), if it does.
pub fn parse_peer_wall(stdout: &str) -> Option<f64> {
    let line = stdout.lines().rev().find(|l| l.trim().starts_with('{'))?;
    let v: Value = serde_json::from_str(line.trim()).ok()?;
    v.get("wall_s").and_then(Value::as_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFIER: &str = r#"{"required": 3525, "assigned": 3313, "unassigned": 212, "travel_between_min": 29358, "travel_home_min": 12822, "late_min": 4644, "distinct_carers_per_user": 8.43, "max_carer_hours": 48.0, "violations": {}}"#;

    #[test]
    fn the_verifiers_line_gives_every_figure() {
        let f = parse_verifier(&format!("some note\n{VERIFIER}\n")).expect("parses");
        assert_eq!(f.required, 3525);
        assert_eq!(f.assigned, 3313);
        assert_eq!(f.unassigned, 212);
        assert_eq!(f.travel_between_min, 29358.0);
        assert_eq!(f.late_min, 4644.0);
        assert_eq!(f.distinct_carers_per_user, 8.43);
        assert_eq!(f.violations, 0);
        assert!((f.travel_per_visit() - 29358.0 / 3313.0).abs() < 1e-12);
    }

    #[test]
    fn broken_rules_are_counted_over_their_codes() {
        let line = VERIFIER.replace(
            r#""violations": {}"#,
            r#""violations": {"overlap": 2, "gap": 1}"#,
        );
        assert_eq!(parse_verifier(&line).expect("parses").violations, 3);
    }

    #[test]
    fn a_missing_figure_or_line_is_an_error_not_a_zero() {
        assert!(parse_verifier("Traceback (most recent call last):").is_err());
        let line = VERIFIER.replace(r#""late_min": 4644, "#, "");
        let e = parse_verifier(&line).expect_err("late_min is missing");
        assert!(e.contains("late_min"), "{e}");
    }

    #[test]
    fn the_peers_line_with_more_keys_reads_the_same_and_gives_its_wall() {
        let line = VERIFIER.replace(
            r#""violations": {}"#,
            r#""violations": {}, "solver": "ortools", "wall_s": 63.8"#,
        );
        assert_eq!(parse_verifier(&line).expect("parses").unassigned, 212);
        assert_eq!(parse_peer_wall(&line), Some(63.8));
        assert_eq!(parse_peer_wall(VERIFIER), None);
    }

    #[test]
    fn time_gives_wall_seconds_and_peak_kilobytes() {
        assert_eq!(parse_time("69.03 156372\n"), Some((69.03, 156372)));
        assert_eq!(
            parse_time("Command exited with non-zero status 1\n2.50 9000\n"),
            Some((2.5, 9000))
        );
        assert_eq!(parse_time(""), None);
        assert_eq!(parse_time("oops"), None);
    }

    #[test]
    fn steps_are_read_from_the_summary() {
        let out = "wrote /tmp/a.yaml (33.3 s, 20000 improvement steps)\n  visits assigned 3313\n";
        assert_eq!(parse_steps(out), Some(20000));
        assert_eq!(
            parse_steps("wrote x (1.0 s, 1,234 improvement steps)"),
            Some(1234)
        );
        assert_eq!(parse_steps("wrote x"), None);
    }

    #[test]
    fn search_seconds_are_read_from_the_summary_when_it_gives_them() {
        let out = "wrote /tmp/a.yaml (9.6 s, 100000 improvement steps in 7.1 s, stopped)
";
        assert_eq!(parse_steps(out), Some(100000));
        assert_eq!(parse_search_seconds(out), Some(7.1));
        assert_eq!(
            parse_search_seconds("wrote x (1.0 s, 1234 improvement steps)"),
            None
        );
    }
}
