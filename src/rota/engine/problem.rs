//! The rota engine's own model, general enough for both an agency's week
//! (from YAML records) and the literature's benchmark instances.
//!
//! A *task* is one carer's part of a visit (a double-up is two tasks linked
//! by the same start and different workers). A *vehicle* is one worker's
//! shift on one day: a route of tasks from home and back. Times are
//! minutes as `f64`, absolute from the start of the planning horizon (day
//! `d` starts at `d * 1440`), finer than the records' whole minutes.

/// Index of a task in [`Problem::tasks`].
pub type TaskId = usize;
/// Index of a vehicle (a worker's shift) in [`Problem::vehicles`].
pub type VehicleId = usize;
/// Index of a worker (a carer) in [`Problem::workers`].
pub type WorkerId = usize;

/// A time interval `[start, end]` in minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Start, minutes.
    pub start: f64,
    /// End, minutes.
    pub end: f64,
}

/// One carer's part of one visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// The service user (client) visited, for continuity of carers.
    pub client: usize,
    /// Where: an index into each travel matrix.
    pub location: usize,
    /// How long the task lasts, minutes.
    pub duration: f64,
    /// Window for the start: starting before `window.start` is not
    /// allowed (the carer waits), starting after `window.end` costs
    /// lateness per minute.
    pub window: Interval,
    /// The most lateness allowed (hard); `f64::INFINITY` for none.
    pub max_late: f64,
    /// The vehicles allowed to do it (skills, gender, exclusions, day,
    /// leave), sorted. Empty means it cannot be assigned.
    pub eligible: Vec<VehicleId>,
    /// Workers the client prefers (empty: no preference).
    pub preferred: Vec<WorkerId>,
    /// A vehicle this task is fixed to (a locked visit).
    pub locked: Option<VehicleId>,
    /// The worker who had this task in the rota being repaired, if any:
    /// giving it to someone else costs [`Weights::changed_task`].
    pub previous: Option<WorkerId>,
}

/// One worker's shift on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Vehicle {
    /// The worker.
    pub worker: WorkerId,
    /// Day index within the horizon (0 for a single-day problem).
    pub day: usize,
    /// Where the shift starts (home or depot), a location index.
    pub start_location: usize,
    /// Where it ends.
    pub end_location: usize,
    /// Which travel matrix applies (the worker's travel mode).
    pub matrix: usize,
    /// When work may happen: every task lies wholly inside one of these,
    /// sorted and disjoint.
    pub availability: Vec<Interval>,
    /// Earliest departure from the start location, when the route's first
    /// arrival is bound by it (a depot opening at time 0); `None` when the
    /// worker simply leaves home in time.
    pub departure: Option<f64>,
}

/// A worker (carer) across the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    /// Contracted minutes over the horizon (for balance; 0 for none).
    pub contracted: f64,
    /// The most working minutes (tasks plus travel between them) allowed
    /// over the horizon; `f64::INFINITY` for none.
    pub max_work: f64,
    /// The least rest between the last task of a day and the first of the
    /// next, minutes (a soft goal); 0 for none.
    pub min_rest: f64,
}

impl Worker {
    /// A worker with no contract, no limit on working time and no rest
    /// goal: the caregivers of the literature's instances.
    pub fn unbounded() -> Worker {
        Worker {
            contracted: 0.0,
            max_work: f64::INFINITY,
            min_rest: 0.0,
        }
    }
}

/// A constraint between two tasks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Link {
    /// Both start at the same time (a double-up), if both are assigned.
    SameStart(TaskId, TaskId),
    /// `min <= start(second) - start(first) <= max`, if both are assigned.
    Gap {
        /// The earlier task.
        first: TaskId,
        /// The later task.
        second: TaskId,
        /// Least gap, minutes.
        min: f64,
        /// Most gap, minutes (`f64::INFINITY` for none).
        max: f64,
    },
    /// Done by different workers.
    DifferentWorkers(TaskId, TaskId),
    /// Either both are assigned or neither (the two halves of a double-up).
    Together(TaskId, TaskId),
}

/// Weights of the objective, a weighted sum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Per unassigned task.
    pub unassigned: f64,
    /// Per minute of lateness (summed over tasks).
    pub late_minute: f64,
    /// Per minute of the largest lateness of any task.
    pub max_late_minute: f64,
    /// Per minute of travel (including to and from home).
    pub travel_minute: f64,
    /// Per distinct worker beyond the first, per client.
    pub extra_worker: f64,
    /// Per task of a client with preferences done by a non-preferred worker.
    pub preference_breach: f64,
    /// Per hour between a worker's working time and contracted time.
    pub contract_hour_gap: f64,
    /// Per minute of rest short of `min_rest` between days.
    pub rest_minute: f64,
    /// Per task given to another worker than in the rota being repaired.
    pub changed_task: f64,
}

impl Weights {
    /// The weights of the Mankowska et al. (2014) objective, times 3:
    /// distance plus total tardiness plus the largest tardiness.
    pub fn mankowska() -> Weights {
        Weights {
            unassigned: 1e6,
            late_minute: 1.0,
            max_late_minute: 1.0,
            travel_minute: 1.0,
            extra_worker: 0.0,
            preference_breach: 0.0,
            contract_hour_gap: 0.0,
            rest_minute: 0.0,
            changed_task: 0.0,
        }
    }
}

/// A square matrix of travel minutes between locations.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Number of locations.
    pub size: usize,
    /// Row-major minutes.
    pub minutes: Vec<f64>,
}

impl Matrix {
    /// The most places for which [`Matrix::detour_floor`] tries every way
    /// round.
    pub const EXACT_FLOOR_UP_TO: usize = 1200;

    /// Travel minutes from `a` to `b`.
    #[inline]
    pub fn get(&self, a: usize, b: usize) -> f64 {
        self.minutes[a * self.size + b]
    }

    /// The least a stop can add to the travel between two others, and the
    /// least a single leg takes: 0 when every leg is at least as short as
    /// any way round (the triangle inequality) and none is negative, less
    /// when some are not (minus infinity when a leg is infinite). The
    /// insertion search adds it to bound what a place on a carer's day
    /// could cost before looking at the route.
    ///
    /// Every way round is tried up to [`Matrix::EXACT_FLOOR_UP_TO`] places
    /// (cubic work: about a third of a second at 1,000); past that, the
    /// longest leg, negated, is a floor that takes one pass.
    pub fn detour_floor(&self) -> f64 {
        const LANES: usize = 8;
        let n = self.size;
        if self.minutes.len() < n.saturating_mul(n) {
            // Not a whole matrix: no floor to rely on.
            return f64::NEG_INFINITY;
        }
        if n > Self::EXACT_FLOOR_UP_TO {
            // A stop adds two legs, at least the shortest each, and takes
            // one away, at most the longest.
            let longest = self.minutes.iter().fold(0.0f64, |m, &x| m.max(x));
            let shortest = self.minutes.iter().fold(0.0f64, |m, &x| m.min(x));
            return 2.0 * shortest - longest;
        }
        // Lanes of running minimums, so that the compiler can use vector
        // instructions: O(n³) is a second on 1,000 places otherwise.
        let mut floor = [0.0f64; LANES];
        for a in 0..n {
            let from_a = &self.minutes[a * n..(a + 1) * n];
            let (as_, a_rest) = from_a.as_chunks::<LANES>();
            for (c, &ac) in from_a.iter().enumerate() {
                let from_c = &self.minutes[c * n..(c + 1) * n];
                floor[0] = if ac < floor[0] { ac } else { floor[0] };
                let (cs, c_rest) = from_c.as_chunks::<LANES>();
                for (cb, ab) in cs.iter().zip(as_) {
                    for k in 0..LANES {
                        let detour = ac + cb[k] - ab[k];
                        floor[k] = if detour < floor[k] { detour } else { floor[k] };
                    }
                }
                for (cb, ab) in c_rest.iter().zip(a_rest) {
                    floor[0] = floor[0].min(ac + cb - ab);
                }
            }
        }
        floor.into_iter().fold(0.0, f64::min)
    }
}

/// A planning problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The tasks.
    pub tasks: Vec<Task>,
    /// The vehicles (worker shifts).
    pub vehicles: Vec<Vehicle>,
    /// The workers.
    pub workers: Vec<Worker>,
    /// Links between tasks.
    pub links: Vec<Link>,
    /// Travel matrices, one per travel mode.
    pub matrices: Vec<Matrix>,
    /// Objective weights.
    pub weights: Weights,
    /// Number of clients (for continuity).
    pub clients: usize,
}

#[cfg(test)]
mod tests {
    use super::Matrix;

    #[test]
    fn a_matrix_is_read_row_by_row() {
        let m = Matrix {
            size: 2,
            minutes: vec![0.0, 5.0, 7.0, 0.0],
        };
        assert_eq!(m.get(0, 1), 5.0);
        assert_eq!(m.get(1, 0), 7.0);
        assert_eq!(m.get(1, 1), 0.0);
    }

    #[test]
    fn the_detour_floor_is_how_much_a_way_round_undercuts_a_leg() {
        // 0 → 2 takes 10, but 0 → 1 → 2 takes 3 + 4: 3 less.
        let mut m = Matrix {
            size: 3,
            minutes: vec![0.0, 3.0, 10.0, 3.0, 0.0, 4.0, 10.0, 4.0, 0.0],
        };
        assert_eq!(m.detour_floor(), -3.0);
        // Metric: no way round is shorter, no leg negative.
        m.minutes[2] = 7.0;
        m.minutes[6] = 7.0;
        assert_eq!(m.detour_floor(), 0.0);
        // Short of a whole matrix: nothing to rely on, and no panic.
        m.minutes.pop();
        assert_eq!(m.detour_floor(), f64::NEG_INFINITY);
    }

    #[test]
    fn past_the_exact_size_the_floor_is_the_longest_leg_negated() {
        let size = Matrix::EXACT_FLOOR_UP_TO + 1;
        let mut m = Matrix {
            size,
            minutes: vec![1.0; size * size],
        };
        m.minutes[5] = 30.0;
        assert_eq!(m.detour_floor(), -30.0);
    }
}
