//! The side-by-side table of the week benchmark: for each agency (size and
//! seed) and planner the medians over its runs, with travel per visit
//! against OR-Tools and distinct carers against the greedy of the same
//! agency, then, for each size, the mean of those medians over the seeds.

use super::figures::Figures;
use super::size::Size;
use std::fmt::Write;

/// One run of one planner: the verifier's figures and what it cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measured {
    /// The verifier's figures.
    pub figures: Figures,
    /// Wall seconds of the planner's whole run.
    pub wall_s: f64,
    /// Peak resident memory, MB, when measured.
    pub rss_mb: Option<f64>,
    /// Improvement steps, for `carebook rota`.
    pub steps: Option<u64>,
    /// Seconds of the search alone, when the summary gives them.
    pub search_s: Option<f64>,
}

/// One planner on one agency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The agency's service users and carers.
    pub size: Size,
    /// The agency's generator seed.
    pub seed: u64,
    /// The planner's label (`ortools` and `greedy` are the references).
    pub planner: String,
    /// Its runs, in order.
    pub runs: Vec<Measured>,
    /// Why it has no runs (skipped or failed).
    pub note: Option<String>,
}

/// The label of the peer travel is compared with.
pub const ORTOOLS: &str = "ortools";
/// The label of the planner continuity is compared with.
pub const GREEDY: &str = "greedy";

/// The median (the mean of the middle two for an even count); NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The medians of one row's runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Medians {
    /// Visits unassigned.
    pub unassigned: f64,
    /// Minutes late.
    pub late_min: f64,
    /// Travel between visits per assigned visit, minutes.
    pub travel_per_visit: f64,
    /// Distinct carers per person.
    pub carers_per_person: f64,
    /// Wall seconds.
    pub wall_s: f64,
    /// Peak RSS, MB (NaN when not measured).
    pub rss_mb: f64,
    /// Steps per second (NaN when not reported).
    pub steps_per_s: f64,
    /// Hard rules broken, the most of any run.
    pub violations: u64,
}

impl Row {
    /// The medians over the runs, or `None` without runs.
    pub fn medians(&self) -> Option<Medians> {
        if self.runs.is_empty() {
            return None;
        }
        let of =
            |f: &dyn Fn(&Measured) -> f64| median(&self.runs.iter().map(f).collect::<Vec<_>>());
        Some(Medians {
            unassigned: of(&|m| m.figures.unassigned as f64),
            late_min: of(&|m| m.figures.late_min),
            travel_per_visit: of(&|m| m.figures.travel_per_visit()),
            carers_per_person: of(&|m| m.figures.distinct_carers_per_user),
            wall_s: of(&|m| m.wall_s),
            rss_mb: of(&|m| m.rss_mb.unwrap_or(f64::NAN)),
            steps_per_s: of(&|m| {
                let seconds = m.search_s.unwrap_or(m.wall_s);
                m.steps
                    .filter(|_| seconds > 0.0)
                    .map_or(f64::NAN, |s| s as f64 / seconds)
            }),
            violations: self
                .runs
                .iter()
                .map(|m| m.figures.violations)
                .max()
                .unwrap_or(0),
        })
    }
}

fn num(x: f64, decimals: usize) -> String {
    if x.is_nan() {
        "–".to_owned()
    } else {
        format!("{x:.decimals$}")
    }
}

fn ratio(x: f64, of: Option<f64>) -> String {
    match of {
        Some(base) if base > 0.0 && !x.is_nan() => format!("{:.2}x", x / base),
        _ => "–".to_owned(),
    }
}

const HEADER: &str = "| size | seed | planner | runs | unassigned | late min | travel between visits per assigned visit (min) | vs OR-Tools | distinct carers per person | vs greedy | wall s | peak RSS MB | search steps/s | broken rules |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

/// The markdown table of every row (medians over runs), then, for each
/// size with several seeds, the mean of each planner's medians over them.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(HEADER);
    let reference = |of: &Row, label: &str| {
        rows.iter()
            .find(|r| r.size == of.size && r.seed == of.seed && r.planner == label)
            .and_then(Row::medians)
    };
    for row in rows {
        let Some(m) = row.medians() else {
            let note = row.note.as_deref().unwrap_or("no runs");
            let _ = writeln!(
                out,
                "| {} | {} | {} | 0 | {note} | | | | | | | | | |",
                row.size, row.seed, row.planner
            );
            continue;
        };
        let ort = reference(row, ORTOOLS).map(|r| r.travel_per_visit);
        let greedy = reference(row, GREEDY).map(|r| r.carers_per_person);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.size,
            row.seed,
            row.planner,
            row.runs.len(),
            num(m.unassigned, 0),
            num(m.late_min, 0),
            num(m.travel_per_visit, 2),
            ratio(m.travel_per_visit, ort),
            num(m.carers_per_person, 2),
            ratio(m.carers_per_person, greedy),
            num(m.wall_s, 1),
            num(m.rss_mb, 0),
            num(m.steps_per_s, 0),
            m.violations,
        );
    }
    let seeds: Vec<u64> = dedup(rows.iter().map(|r| r.seed));
    if seeds.len() > 1 {
        let _ = writeln!(out, "\nMean over seeds {seeds:?} of the medians:\n");
        out.push_str(
            "| size | planner | seeds | unassigned | late min | travel per visit (min) | distinct carers per person | wall s |\n|---|---|---:|---:|---:|---:|---:|---:|\n",
        );
        let groups = dedup(rows.iter().map(|r| (r.size, r.planner.clone())));
        for (size, planner) in groups {
            let ms: Vec<Medians> = rows
                .iter()
                .filter(|r| r.size == size && r.planner == planner)
                .filter_map(Row::medians)
                .collect();
            if ms.is_empty() {
                continue;
            }
            let mean = |f: fn(&Medians) -> f64| ms.iter().map(f).sum::<f64>() / ms.len() as f64;
            let _ = writeln!(
                out,
                "| {size} | {planner} | {} | {} | {} | {} | {} | {} |",
                ms.len(),
                num(mean(|m| m.unassigned), 1),
                num(mean(|m| m.late_min), 0),
                num(mean(|m| m.travel_per_visit), 2),
                num(mean(|m| m.carers_per_person), 2),
                num(mean(|m| m.wall_s), 1),
            );
        }
    }
    out
}

fn dedup<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in items {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(unassigned: u64, travel: f64, assigned: u64, carers: f64, wall: f64) -> Measured {
        Measured {
            figures: Figures {
                required: 100,
                assigned,
                unassigned,
                travel_between_min: travel,
                late_min: 10.0,
                distinct_carers_per_user: carers,
                ..Figures::default()
            },
            wall_s: wall,
            rss_mb: Some(150.0),
            steps: Some(1000),
            search_s: None,
        }
    }

    #[test]
    fn the_median_takes_the_middle_or_the_mean_of_the_middle_two() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn a_row_gives_the_median_of_each_figure_and_steps_per_second() {
        let runs = vec![
            run(5, 800.0, 100, 4.0, 10.0),
            run(7, 900.0, 90, 6.0, 20.0),
            run(6, 700.0, 70, 5.0, 40.0),
        ];
        let m = row(Size::DEFAULT, 1, "carebook", runs)
            .medians()
            .expect("runs");
        assert_eq!(m.unassigned, 6.0);
        assert_eq!(m.travel_per_visit, 10.0);
        assert_eq!(m.carers_per_person, 5.0);
        assert_eq!(m.wall_s, 20.0);
        assert_eq!(m.steps_per_s, 50.0);
        assert_eq!(Row::default().medians(), None);
        // The search's own seconds, when known, not the whole run's.
        let mut timed = run(5, 800.0, 100, 4.0, 10.0);
        timed.search_s = Some(4.0);
        let m = row(Size::DEFAULT, 1, "carebook", vec![timed])
            .medians()
            .expect("runs");
        assert_eq!(m.steps_per_s, 250.0);
    }

    fn row(size: Size, seed: u64, planner: &str, runs: Vec<Measured>) -> Row {
        Row {
            size,
            seed,
            planner: planner.into(),
            runs,
            note: None,
        }
    }

    #[test]
    fn the_table_compares_travel_with_ortools_and_carers_with_the_greedy() {
        let big = Size::DEFAULT;
        let small = Size::scaled(50);
        let rows = vec![
            row(big, 1, GREEDY, vec![run(30, 500.0, 100, 10.0, 1.0)]),
            row(big, 1, ORTOOLS, vec![run(12, 400.0, 100, 8.0, 60.0)]),
            row(big, 1, "carebook", vec![run(6, 600.0, 100, 5.0, 30.0)]),
            Row {
                note: Some("skipped: OR-Tools is not installed".into()),
                ..row(big, 2, ORTOOLS, vec![])
            },
            row(big, 2, "carebook", vec![run(8, 700.0, 100, 7.0, 30.0)]),
            // Another size, the same seed: not compared with the peers of 200.
            row(small, 1, "carebook", vec![run(1, 100.0, 50, 3.0, 5.0)]),
            row(small, 2, "carebook", vec![run(3, 200.0, 50, 4.0, 7.0)]),
        ];
        let table = render(&rows);
        let line = |prefix: &str| {
            table
                .lines()
                .find(|l| l.starts_with(prefix))
                .unwrap_or_else(|| panic!("no line {prefix} in\n{table}"))
                .to_owned()
        };
        assert!(
            table.starts_with("| size | seed | planner | runs |"),
            "{table}"
        );
        assert_eq!(
            line("| 200/90 | 1 | carebook |"),
            "| 200/90 | 1 | carebook | 1 | 6 | 10 | 6.00 | 1.50x | 5.00 | 0.50x | 30.0 | 150 | 33 | 0 |"
        );
        assert!(line("| 200/90 | 2 | ortools |").contains("skipped: OR-Tools is not installed"));
        // No OR-Tools and no greedy on seed 2 nor at 50 people: no ratios.
        assert!(line("| 200/90 | 2 | carebook |").contains("| 7.00 | – | 7.00 | – |"));
        assert!(line("| 50/23 | 1 | carebook |").contains("| 2.00 | – | 3.00 | – |"));
        // The means over seeds, size by size.
        assert_eq!(
            line("| 200/90 | carebook | 2 |"),
            "| 200/90 | carebook | 2 | 7.0 | 10 | 6.50 | 6.00 | 30.0 |"
        );
        assert_eq!(
            line("| 50/23 | carebook | 2 |"),
            "| 50/23 | carebook | 2 | 2.0 | 10 | 3.00 | 3.50 | 6.0 |"
        );
    }
}
