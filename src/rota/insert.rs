//! Finding where a task (or the two halves of a double-up) fits best:
//! every allowed vehicle and position, evaluated exactly, with "blinks"
//! (candidates skipped at random) to diversify the search.

use super::problem::{TaskId, VehicleId};
use super::rng::Rng;
use super::solution::State;

/// A place to insert: cost change, vehicle, position.
pub type Place = (f64, VehicleId, usize);

/// The vehicles `t` may go on.
fn candidates(state: &State, t: TaskId) -> Vec<VehicleId> {
    let task = &state.problem.tasks[t];
    match task.locked {
        Some(v) => vec![v],
        None => task.eligible.clone(),
    }
}

/// The best places for `t`, cheapest first, at most `keep` of them.
pub fn best_places(
    state: &mut State,
    t: TaskId,
    rng: &mut Rng,
    blink: f64,
    keep: usize,
) -> Vec<Place> {
    let mut best: Vec<Place> = Vec::with_capacity(keep + 1);
    let latest = {
        let task = &state.problem.tasks[t];
        task.window.end + task.max_late
    };
    for v in candidates(state, t) {
        if !state.allowed(t, v) {
            continue;
        }
        let len = state.sol.routes[v].len();
        let earliest_end = {
            let task = &state.problem.tasks[t];
            task.window.start + task.duration
        };
        for pos in 0..=len {
            if pos > 0 {
                let prev = state.sol.routes[v][pos - 1];
                // Starts only grow along a route: past here nothing fits.
                if state.sol.start[prev] + state.problem.tasks[prev].duration > latest + 1e-6 {
                    break;
                }
            }
            if let Some(&next) = state.sol.routes[v].get(pos) {
                // The next task could not start late enough to follow this one.
                let n = &state.problem.tasks[next];
                if earliest_end > n.window.end + n.max_late + 1e-6 {
                    continue;
                }
            }
            if blink > 0.0 && rng.unit() < blink {
                continue;
            }
            let Some(delta) = state.insert(t, v, pos, false) else {
                continue;
            };
            if best.len() < keep || delta < best[best.len() - 1].0 {
                let at = best.partition_point(|p| p.0 <= delta);
                best.insert(at, (delta, v, pos));
                best.truncate(keep);
            }
        }
    }
    best
}

/// Inserts `t` (and its double-up partner, if it has one and is
/// unassigned) at the best place. Returns false, changing nothing, when
/// there is none.
pub fn insert_best(state: &mut State, t: TaskId, rng: &mut Rng, blink: f64) -> bool {
    let partner = state.index.together[t].filter(|&b| state.sol.vehicle_of[b].is_none());
    match partner {
        None => match best_places(state, t, rng, blink, 1).first() {
            Some(&(_, v, pos)) => {
                let ok = state.insert(t, v, pos, true).is_some();
                state.commit();
                ok
            }
            None => false,
        },
        Some(b) => insert_pair(state, t, b, rng, blink),
    }
}

/// Inserts both halves of a double-up: for each of the best few places of
/// the first, the best place of the second; the cheapest pair wins.
fn insert_pair(state: &mut State, a: TaskId, b: TaskId, rng: &mut Rng, blink: f64) -> bool {
    let firsts = best_places(state, a, rng, blink, 6);
    let mut best: Option<(f64, Place, Place)> = None;
    for &(da, va, pa) in &firsts {
        if state.insert(a, va, pa, true).is_none() {
            continue;
        }
        if let Some(&(db, vb, pb)) = best_places(state, b, rng, blink, 1).first()
            && best.is_none_or(|(c, ..)| da + db < c)
        {
            best = Some((da + db, (da, va, pa), (db, vb, pb)));
        }
        state.rollback();
    }
    let Some((_, (_, va, pa), (_, vb, pb))) = best else {
        return false;
    };
    let ok = state.insert(a, va, pa, true).is_some() && state.insert(b, vb, pb, true).is_some();
    if ok {
        state.commit();
    } else {
        state.rollback();
        state.rollback();
    }
    ok
}

/// Inserts `t` on vehicle `v` at its cheapest position there, and keeps it.
/// Returns false, changing nothing, when it fits nowhere on `v`.
pub fn insert_on(state: &mut State, t: TaskId, v: VehicleId) -> bool {
    if !state.allowed(t, v) {
        return false;
    }
    let len = state.sol.routes[v].len();
    let best = (0..=len)
        .filter_map(|pos| state.insert(t, v, pos, false).map(|d| (d, pos)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, pos)) => state.insert(t, v, pos, true).is_some(),
        None => false,
    }
}
