//! Travel time between two places, as the records format defines it: the
//! agency's matrix when it names the pair, otherwise
//! `ceil(haversine_km * road_factor / speed_kmh[mode] * 60)` minutes with
//! the mean Earth radius and the carer's own travel mode.
//!
//! The checker and the rota engine must agree on this figure, so both take
//! it from here: whole minutes ([`TravelTimes::minutes`]) for the records
//! and the checker, unrounded minutes ([`TravelTimes::minutes_exact`]) for
//! the engine, which keeps times finer than the records do.
//!
//! The matrix is a CSV file, `from,to,minutes[,mode]`, whose places are
//! record ids (service users) or `home:<carer-id>`. A row applies from
//! `from` to `to`; when only the opposite row is given, it applies both
//! ways. A row with a mode applies to that mode only and wins over a row
//! without one. A first line whose minutes are not a number is a header.

use crate::fsutil::{self, FsError};
use crate::model::agency::Travel;
use crate::model::carer::TravelMode;
use crate::model::values::Location;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The mean Earth radius, km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Rounding slack: a figure a hair over a whole minute (floating-point
/// noise) stays on that minute.
const SLACK: f64 = 1e-9;

/// Great-circle distance between two points, km.
pub fn haversine_km(a: &Location, b: &Location) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The policy's speed for `mode`, km/h.
pub fn speed_kmh(policy: &Travel, mode: TravelMode) -> f64 {
    let s = &policy.speed_kmh;
    match mode {
        TravelMode::Walk => s.walk,
        TravelMode::Bicycle => s.bicycle,
        TravelMode::PublicTransport => s.public_transport,
        TravelMode::Car => s.car,
    }
}

/// The estimate in unrounded minutes; infinite when the mode's speed is
/// not positive.
pub fn estimate_exact(policy: &Travel, a: &Location, b: &Location, mode: TravelMode) -> f64 {
    let speed = speed_kmh(policy, mode);
    if speed.is_nan() || speed <= 0.0 {
        return f64::INFINITY;
    }
    (haversine_km(a, b) * policy.road_factor / speed * 60.0).max(0.0)
}

/// Whole minutes, rounded up; `u32::MAX` for an infinite figure.
pub fn round_up(minutes: f64) -> u32 {
    if minutes.is_nan() {
        return u32::MAX;
    }
    // `as` saturates: infinity becomes u32::MAX.
    (minutes - SLACK).ceil().max(0.0) as u32
}

/// The estimate in whole minutes, rounded up, as the format page defines it.
pub fn estimate(policy: &Travel, a: &Location, b: &Location, mode: TravelMode) -> u32 {
    round_up(estimate_exact(policy, a, b, mode))
}

/// A place travel starts or ends at: its key in a matrix (a service user's
/// id, or `home:<carer-id>`) and its location.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The matrix key.
    pub key: &'a str,
    /// Where it is.
    pub location: &'a Location,
}

/// The travel modes in a fixed order (the index of a mode's figures).
const MODES: [TravelMode; 4] = [
    TravelMode::Walk,
    TravelMode::Bicycle,
    TravelMode::PublicTransport,
    TravelMode::Car,
];

fn mode_index(mode: TravelMode) -> usize {
    MODES.iter().position(|&m| m == mode).unwrap_or(0)
}

fn parse_mode(s: &str) -> Option<TravelMode> {
    match s {
        "walk" => Some(TravelMode::Walk),
        "bicycle" => Some(TravelMode::Bicycle),
        "public-transport" => Some(TravelMode::PublicTransport),
        "car" => Some(TravelMode::Car),
        _ => None,
    }
}

/// The figures of one ordered pair of places.
#[derive(Debug, Clone, Copy, Default)]
struct Row {
    any: Option<f64>,
    by_mode: [Option<f64>; 4],
}

impl Row {
    fn get(&self, mode: TravelMode) -> Option<f64> {
        self.by_mode
            .get(mode_index(mode))
            .copied()
            .flatten()
            .or(self.any)
    }
}

/// A travel-time matrix read from the agency's CSV file.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    rows: HashMap<(String, String), Row>,
}

/// Why a matrix could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatrixError {
    /// The file is missing or unreadable.
    Unreadable {
        /// The file, as the policy names it.
        file: String,
        /// The system's reason.
        reason: String,
    },
    /// A line is not `from,to,minutes[,mode]`.
    Malformed {
        /// The file, as the policy names it.
        file: String,
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for MatrixError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            MatrixError::Unreadable { file, reason } => {
                write!(f, "the travel matrix `{file}` cannot be read: {reason}")
            }
            MatrixError::Malformed { file, line, reason } => {
                write!(f, "line {line} of the travel matrix `{file}`: {reason}")
            }
        }
    }
}

impl std::error::Error for MatrixError {}

impl Matrix {
    /// Reads `file` (as `policy.travel.matrix` names it) below `root`: a
    /// regular file inside the repository, reached without a link, of at
    /// most [`fsutil::MAX_AUX_BYTES`].
    pub fn load(root: &Path, file: &str) -> Result<Matrix, MatrixError> {
        let path = root.join(file);
        let inside = !Path::new(file).has_root() && fsutil::below(root, &path).is_some();
        let text = if inside {
            fsutil::read_text_bounded(root, &path, fsutil::MAX_AUX_BYTES)
        } else {
            Err(FsError::Outside { path })
        }
        .map_err(|e| MatrixError::Unreadable {
            file: file.to_owned(),
            reason: e.reason(),
        })?;
        Matrix::parse(&text).map_err(|(line, reason)| MatrixError::Malformed {
            file: file.to_owned(),
            line,
            reason,
        })
    }

    /// Parses CSV text; an error names the line (from 1) and what is wrong.
    pub fn parse(text: &str) -> Result<Matrix, (usize, String)> {
        let mut matrix = Matrix::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line
                .split(',')
                .map(|f| f.trim().trim_matches('"').trim())
                .collect();
            let (from, to, minutes, mode) = match fields.as_slice() {
                [a, b, m] => (*a, *b, *m, None),
                [a, b, m, ""] => (*a, *b, *m, None),
                [a, b, m, mode] => (*a, *b, *m, Some(*mode)),
                _ => {
                    return Err((
                        n + 1,
                        format!(
                            "expected `from,to,minutes` or `from,to,minutes,mode`, found {} fields",
                            fields.len()
                        ),
                    ));
                }
            };
            let Ok(value) = minutes.parse::<f64>() else {
                if matrix.rows.is_empty() && n == first_content_line(text) {
                    continue; // a header
                }
                return Err((n + 1, format!("`{minutes}` is not a number of minutes")));
            };
            if !value.is_finite() || value < 0.0 {
                return Err((n + 1, format!("`{minutes}` is not a number of minutes")));
            }
            if from.is_empty() || to.is_empty() {
                return Err((n + 1, "a row needs both `from` and `to`".to_owned()));
            }
            let row = matrix
                .rows
                .entry((from.to_owned(), to.to_owned()))
                .or_default();
            match mode {
                None => row.any = Some(value),
                Some(m) => {
                    let Some(mode) = parse_mode(m) else {
                        return Err((
                            n + 1,
                            format!(
                                "`{m}` is not a travel mode (walk, bicycle, public-transport, car)"
                            ),
                        ));
                    };
                    if let Some(slot) = row.by_mode.get_mut(mode_index(mode)) {
                        *slot = Some(value);
                    }
                }
            }
        }
        Ok(matrix)
    }

    /// Minutes from `from` to `to` for `mode`, if the matrix gives them
    /// (either way round).
    pub fn get(&self, from: &str, to: &str, mode: TravelMode) -> Option<f64> {
        let key = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        if self.rows.is_empty() {
            return None;
        }
        self.rows
            .get(&key(from, to))
            .and_then(|r| r.get(mode))
            .or_else(|| self.rows.get(&key(to, from)).and_then(|r| r.get(mode)))
    }

    /// How many ordered pairs the matrix names.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the matrix names no pair.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The index of the first line that is neither blank nor a comment.
fn first_content_line(text: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim();
            !l.is_empty() && !l.starts_with('#')
        })
        .unwrap_or(0)
}

/// Travel times for an agency: its policy and, when it has one, its matrix.
#[derive(Debug, Clone)]
pub struct TravelTimes<'a> {
    policy: &'a Travel,
    matrix: Option<Matrix>,
}

impl<'a> TravelTimes<'a> {
    /// Travel times from the policy and an already loaded matrix.
    pub fn new(policy: &'a Travel, matrix: Option<Matrix>) -> Self {
        TravelTimes { policy, matrix }
    }

    /// Travel times for a repository rooted at `root`, loading the matrix
    /// the policy names. On an error the estimate serves every pair, and
    /// the error is returned for the caller to report.
    pub fn for_repo(policy: &'a Travel, root: &Path) -> (Self, Option<MatrixError>) {
        match policy.matrix.as_deref() {
            None => (TravelTimes::new(policy, None), None),
            Some(file) => match Matrix::load(root, file) {
                Ok(m) => (TravelTimes::new(policy, Some(m)), None),
                Err(e) => (TravelTimes::new(policy, None), Some(e)),
            },
        }
    }

    /// Unrounded minutes from `a` to `b` for `mode` (0 for the same place).
    pub fn minutes_exact(&self, a: Place, b: Place, mode: TravelMode) -> f64 {
        if a.key == b.key {
            return 0.0;
        }
        if let Some(m) = self.matrix.as_ref().and_then(|m| m.get(a.key, b.key, mode)) {
            return m;
        }
        estimate_exact(self.policy, a.location, b.location, mode)
    }

    /// Whole minutes from `a` to `b` for `mode`, rounded up.
    pub fn minutes(&self, a: Place, b: Place, mode: TravelMode) -> u32 {
        round_up(self.minutes_exact(a, b, mode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> Location {
        Location { lat, lon }
    }

    #[test]
    fn estimate_follows_the_format_page() {
        let policy = Travel::default();
        // About 2.3 km between these two Bristol points.
        let (a, b) = (at(51.4412, -2.6051), at(51.4391, -2.5718));
        let km = haversine_km(&a, &b);
        assert!((km - 2.32).abs() < 0.05, "{km}");
        let exact = estimate_exact(&policy, &a, &b, TravelMode::Walk);
        assert!((exact - km * 1.3 / 4.5 * 60.0).abs() < 1e-9);
        assert_eq!(
            estimate(&policy, &a, &b, TravelMode::Walk),
            exact.ceil() as u32
        );
        assert_eq!(estimate(&policy, &a, &a, TravelMode::Car), 0);
    }

    #[test]
    fn a_non_positive_speed_never_arrives() {
        let mut policy = Travel::default();
        policy.speed_kmh.car = 0.0;
        let (a, b) = (at(51.0, -2.0), at(51.1, -2.0));
        assert_eq!(estimate(&policy, &a, &b, TravelMode::Car), u32::MAX);
    }

    #[test]
    fn matrix_rows_by_mode_and_either_way() {
        let m = Matrix::parse("from,to,minutes,mode\nSU-1,SU-2,12\nSU-1,SU-2,30,walk\n")
            .expect("parses");
        assert_eq!(m.get("SU-1", "SU-2", TravelMode::Car), Some(12.0));
        assert_eq!(m.get("SU-1", "SU-2", TravelMode::Walk), Some(30.0));
        assert_eq!(m.get("SU-2", "SU-1", TravelMode::Car), Some(12.0));
        assert_eq!(m.get("SU-1", "SU-3", TravelMode::Car), None);
    }

    #[test]
    fn matrix_errors_name_the_line() {
        assert_eq!(
            Matrix::parse("SU-1,SU-2,12\nSU-1,SU-3,ten\n").map(|m| m.len()),
            Err((2, "`ten` is not a number of minutes".to_owned()))
        );
        assert!(Matrix::parse("SU-1,SU-2,5,boat").is_err());
        assert!(Matrix::parse("SU-1,SU-2").is_err());
        let missing = Matrix::load(Path::new("/nonexistent"), "t.csv");
        assert!(matches!(missing, Err(MatrixError::Unreadable { .. })));
    }

    #[test]
    fn the_matrix_overrides_the_estimate() {
        let policy = Travel::default();
        let m = Matrix::parse("SU-1,home:C-1,7.5").expect("parses");
        let times = TravelTimes::new(&policy, Some(m));
        let (la, lb) = (at(51.0, -2.0), at(52.0, -2.0));
        let a = Place {
            key: "SU-1",
            location: &la,
        };
        let b = Place {
            key: "home:C-1",
            location: &lb,
        };
        assert_eq!(times.minutes_exact(b, a, TravelMode::Car), 7.5);
        assert_eq!(times.minutes(a, b, TravelMode::Car), 8);
        assert_eq!(times.minutes(a, a, TravelMode::Car), 0);
    }
}
