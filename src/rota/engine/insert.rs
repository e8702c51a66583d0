//! Finding where a task (or the two halves of a double-up) fits best:
//! every allowed vehicle and position, evaluated exactly, with "blinks"
//! (candidates skipped at random) to diversify the search.

use super::problem::{TaskId, VehicleId};
use super::rng::Rng;
use super::solution::State;

/// A place to insert: cost change, vehicle, position.
pub type Place = (f64, VehicleId, usize);

/// How many of the cheapest places by bound are sorted before timing any.
const FIRST_SORTED: usize = 16;

/// The vehicles `t` may go on. With `near` (each task's nearest tasks),
/// only those worth trying: the routes its nearest tasks are on, the
/// shifts of the workers its client already has or prefers, and shifts
/// with nothing on them yet.
fn candidates(state: &State, t: TaskId, near: Option<&[Vec<TaskId>]>) -> Vec<VehicleId> {
    let task = &state.problem.tasks[t];
    if let Some(v) = task.locked {
        return vec![v];
    }
    let Some(near) = near.and_then(|n| n.get(t)) else {
        return task.eligible.clone();
    };
    let mut routes: Vec<VehicleId> = near
        .iter()
        .filter_map(|&u| state.sol.vehicle_of[u])
        .collect();
    routes.sort_unstable();
    routes.dedup();
    let p = state.problem;
    let usual = |w: usize| {
        task.preferred.contains(&w) || state.client_workers(task.client).iter().any(|c| c.0 == w)
    };
    task.eligible
        .iter()
        .copied()
        .filter(|&v| {
            state.sol.routes[v].is_empty()
                || routes.binary_search(&v).is_ok()
                || usual(p.vehicles[v].worker)
        })
        .collect()
}

/// The best places for `t`, cheapest first, at most `keep` of them.
///
/// Every allowed position gets a cheap lower bound first (its cost change
/// before timing, see [`State::insert_bound`]); positions are then timed
/// exactly in order of that bound, and the search stops once the bound
/// alone is no better than the `keep`-th place found. The answer is the
/// same as timing every position, at a fraction of the work.
pub fn best_places(
    state: &mut State,
    t: TaskId,
    rng: &mut Rng,
    blink: f64,
    keep: usize,
) -> Vec<Place> {
    best_places_near(state, t, rng, blink, keep, None)
}

/// [`best_places`] among the [`candidates`] `near` leaves (all eligible
/// vehicles without it).
fn best_places_near(
    state: &mut State,
    t: TaskId,
    rng: &mut Rng,
    blink: f64,
    keep: usize,
    near: Option<&[Vec<TaskId>]>,
) -> Vec<Place> {
    let mut best: Vec<Place> = Vec::with_capacity(keep + 1);
    let (window_start, duration, latest) = {
        let task = &state.problem.tasks[t];
        (
            task.window.start,
            task.duration,
            task.window.end + task.max_late,
        )
    };
    let mut bounded: Vec<Place> = Vec::new();
    for v in candidates(state, t, near) {
        if !state.allowed(t, v) {
            continue;
        }
        state.ensure_stops(v);
        let Some(stops) = state.stops(v) else {
            continue;
        };
        // Skip the tasks that could not wait for `t` even at its earliest:
        // latest starts only grow along a route, so these come first.
        let first = stops.partition_point(|s| s.latest + 1e-6 < window_start + duration);
        for pos in first..=stops.len() {
            // Before travel: `t` starts no sooner than the task before it
            // ends, and the next starts no sooner than `t` ends.
            let ready = pos
                .checked_sub(1)
                .map_or(f64::NEG_INFINITY, |i| stops[i].end);
            // Starts only grow along a route: past here nothing fits.
            if ready > latest + 1e-6 {
                break;
            }
            if let Some(next) = stops.get(pos)
                && window_start.max(ready) + duration > next.latest + 1e-6
            {
                // Pushed past what its route allows.
                continue;
            }
            if blink > 0.0 && rng.unit() < blink {
                continue;
            }
            if let Some(bound) = state.place_bound(t, v, pos) {
                bounded.push((bound, v, pos));
            }
        }
    }
    // Most searches stop within the first few places by bound: sort those
    // first and the rest only when they are reached.
    let by_bound = |a: &Place, b: &Place| a.0.total_cmp(&b.0);
    let mut sorted = bounded.len().min(FIRST_SORTED);
    if sorted < bounded.len() {
        bounded.select_nth_unstable_by(sorted, by_bound);
    }
    bounded[..sorted].sort_by(by_bound);
    let mut i = 0;
    while i < bounded.len() {
        if i == sorted {
            bounded[sorted..].sort_by(by_bound);
            sorted = bounded.len();
        }
        let (bound, v, pos) = bounded[i];
        i += 1;
        if best.len() == keep && bound >= best[keep - 1].0 {
            break;
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
    best
}

/// Inserts `t` (and its double-up partner, if it has one and is
/// unassigned) at the best place. Returns false, changing nothing, when
/// there is none or `t` is already assigned.
pub fn insert_best(state: &mut State, t: TaskId, rng: &mut Rng, blink: f64) -> bool {
    insert_best_near(state, t, rng, blink, None)
}

/// [`insert_best`] trying, when `near` gives each task's nearest tasks,
/// only the routes those are on, its client's usual and preferred
/// workers' shifts and the empty shifts.
pub fn insert_best_near(
    state: &mut State,
    t: TaskId,
    rng: &mut Rng,
    blink: f64,
    near: Option<&[Vec<TaskId>]>,
) -> bool {
    if state.sol.vehicle_of[t].is_some() {
        return false;
    }
    let partner = state.index.together[t].filter(|&b| state.sol.vehicle_of[b].is_none());
    let inserted = match partner {
        None => match best_places_near(state, t, rng, blink, 1, near).first() {
            Some(&(_, v, pos)) => {
                let ok = state.insert(t, v, pos, true).is_some();
                state.commit();
                ok
            }
            None => false,
        },
        Some(b) => insert_pair(state, t, b, rng, blink, near),
    };
    // Nowhere near: every eligible route before leaving it out.
    inserted || (near.is_some() && insert_best_near(state, t, rng, blink, None))
}

/// Inserts both halves of a double-up: for each of the best few places of
/// the first, the best place of the second; the cheapest pair wins.
fn insert_pair(
    state: &mut State,
    a: TaskId,
    b: TaskId,
    rng: &mut Rng,
    blink: f64,
    near: Option<&[Vec<TaskId>]>,
) -> bool {
    let firsts = best_places_near(state, a, rng, blink, 6, near);
    let mut best: Option<(f64, Place, Place)> = None;
    for &(da, va, pa) in &firsts {
        if state.insert(a, va, pa, true).is_none() {
            continue;
        }
        if let Some(&(db, vb, pb)) = best_places_near(state, b, rng, blink, 1, near).first()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rota::engine::fixture::problem;
    use crate::rota::engine::index::Index;

    #[test]
    fn bounded_search_finds_the_same_costs_as_timing_every_position() {
        for seed in 1..=20 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut state = State::new(&problem, &index);
            let mut rng = Rng::new(seed);
            for t in 0..20 {
                if state.sol.vehicle_of[t].is_none() {
                    insert_best(&mut state, t, &mut rng, 0.0);
                }
            }
            for t in 20..problem.tasks.len() {
                let found: Vec<f64> = best_places(&mut state, t, &mut rng, 0.0, 3)
                    .iter()
                    .map(|p| p.0)
                    .collect();
                let mut every: Vec<f64> = Vec::new();
                for v in problem.tasks[t].eligible.clone() {
                    for pos in 0..=state.sol.routes[v].len() {
                        every.extend(state.insert(t, v, pos, false));
                    }
                }
                every.sort_by(f64::total_cmp);
                every.truncate(3);
                assert_eq!(found.len(), every.len(), "seed {seed} task {t}");
                for (a, b) in found.iter().zip(&every) {
                    assert!((a - b).abs() < 1e-9, "seed {seed} task {t}: {a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn incremental_timing_agrees_with_timing_from_scratch() {
        let mut rest_short = 0.0;
        for seed in 1..=20 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut state = State::new(&problem, &index);
            let mut rng = Rng::new(seed);
            for t in 0..problem.tasks.len() {
                if state.sol.vehicle_of[t].is_none() {
                    insert_best(&mut state, t, &mut rng, 0.1);
                }
            }
            let incremental = state.sol.start.clone();
            let cost = state.cost().total;
            assert!(state.retime_all(), "seed {seed}");
            for (t, (a, b)) in incremental.iter().zip(&state.sol.start).enumerate() {
                if state.sol.vehicle_of[t].is_some() {
                    assert!((a - b).abs() < 1e-9, "seed {seed} task {t}: {a} vs {b}");
                }
            }
            assert!((cost - state.cost().total).abs() < 1e-9, "seed {seed}");
            rest_short += state.cost().rest_short;
        }
        assert!(rest_short > 0.0, "the problems exercise rest between days");
    }

    #[test]
    fn near_routes_only_try_the_routes_of_near_tasks_the_usual_workers_and_empty_shifts() {
        use crate::rota::engine::fixture::{assert_double_ups_whole, assert_links_respected};
        use crate::rota::engine::improve::neighbours;
        for seed in 1..=10 {
            let p = problem(seed);
            let index = Index::new(&p);
            let near = neighbours(&p, 3);
            let mut state = State::new(&p, &index);
            let mut rng = Rng::new(seed);
            for t in 0..p.tasks.len() {
                let allowed = candidates(&state, t, Some(&near));
                for &v in &allowed {
                    assert!(p.tasks[t].locked == Some(v) || p.tasks[t].eligible.contains(&v));
                }
                if p.tasks[t].locked.is_none() {
                    for &v in &p.tasks[t].eligible {
                        let near_route =
                            near[t].iter().any(|&u| state.sol.vehicle_of[u] == Some(v));
                        if state.sol.routes[v].is_empty() || near_route {
                            assert!(allowed.contains(&v), "seed {seed} task {t} vehicle {v}");
                        }
                    }
                }
                insert_best_near(&mut state, t, &mut rng, 0.0, Some(&near));
            }
            assert_links_respected(&p, &state.sol);
            assert_double_ups_whole(&p, &state.sol);
            assert!(
                state.sol.vehicle_of.iter().any(Option::is_some),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn a_double_up_goes_in_whole_on_two_workers_at_the_same_start() {
        for seed in 1..=10 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut state = State::new(&problem, &index);
            assert!(insert_best(&mut state, 0, &mut Rng::new(seed), 0.0));
            let (a, b) = (state.sol.vehicle_of[0], state.sol.vehicle_of[2]);
            let worker = |v: Option<usize>| problem.vehicles[v.expect("assigned")].worker;
            assert_ne!(worker(a), worker(b), "seed {seed}");
            assert_eq!(state.sol.start[0], state.sol.start[2], "seed {seed}");
            // Already assigned: nothing changes.
            assert!(!insert_best(&mut state, 2, &mut Rng::new(seed), 0.0));
        }
    }
}
