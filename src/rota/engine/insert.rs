//! Finding where a task (or the two halves of a double-up) fits best:
//! carers' days and the places on them ranked by lower bounds of their
//! cost, timed exactly cheapest first until no bound left could win, with
//! "blinks" (places skipped at random) to diversify the search.

use super::problem::{Problem, TaskId, VehicleId};
use super::rng::Rng;
use super::solution::State;
use std::borrow::Cow;

/// A place to insert: cost change, vehicle, position.
pub type Place = (f64, VehicleId, usize);

/// How many of the cheapest places by bound are sorted before timing any.
const FIRST_SORTED: usize = 16;

/// The vehicles `t` may go on. With `near` (each task's nearest tasks),
/// only those worth trying: the routes its nearest tasks are on, the
/// shifts of the workers its client already has or prefers, and shifts
/// with nothing on them yet.
fn candidates<'p>(
    state: &State<'p>,
    t: TaskId,
    near: Option<&[Vec<TaskId>]>,
) -> Cow<'p, [VehicleId]> {
    let p: &'p Problem = state.problem;
    let task = &p.tasks[t];
    if let Some(v) = task.locked {
        return Cow::Owned(vec![v]);
    }
    let Some(near) = near.and_then(|n| n.get(t)) else {
        return Cow::Borrowed(&task.eligible);
    };
    let mut routes: Vec<VehicleId> = near
        .iter()
        .filter_map(|&u| state.sol.vehicle_of[u])
        .collect();
    routes.sort_unstable();
    routes.dedup();
    let usual = |w: usize| {
        task.preferred.contains(&w) || state.client_workers(task.client).iter().any(|c| c.0 == w)
    };
    Cow::Owned(
        task.eligible
            .iter()
            .copied()
            .filter(|&v| {
                state.sol.routes[v].is_empty()
                    || routes.binary_search(&v).is_ok()
                    || usual(p.vehicles[v].worker)
            })
            .collect(),
    )
}

/// The best places for `t`, cheapest first, at most `keep` of them.
///
/// Each allowed vehicle gets a bound from its worker alone first (see
/// [`State::vehicle_bound`]), each place on a vehicle a tighter one (see
/// [`State::place_bound`]), and the exact cost comes from timing. Vehicles
/// are opened and places timed cheapest bound first, and the search stops
/// once no bound left could beat the `keep`-th place found. The answer is
/// the same as timing every position, at a fraction of the work.
pub fn best_places(
    state: &mut State,
    t: TaskId,
    rng: &mut Rng,
    blink: f64,
    keep: usize,
) -> Vec<Place> {
    best_places_near(state, t, rng, blink, keep, None)
}

/// Ranks the places of `t` on vehicle `v` that could be, by
/// [`State::place_bound`], into `places`; `skip` drops a place (a blink)
/// when it says so.
fn rank_places(
    state: &mut State,
    t: TaskId,
    v: VehicleId,
    mut skip: impl FnMut() -> bool,
    places: &mut Vec<Place>,
) {
    let (window_start, duration, latest) = {
        let task = &state.problem.tasks[t];
        (
            task.window.start,
            task.duration,
            task.window.end + task.max_late,
        )
    };
    state.ensure_stops(v);
    let Some(stops) = state.stops(v) else {
        return;
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
        if skip() {
            continue;
        }
        if let Some(bound) = state.place_bound(t, v, pos) {
            places.push((bound, v, pos));
        }
    }
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
    if keep == 0 {
        return best;
    }
    let mut vehicles: Vec<(f64, VehicleId)> = candidates(state, t, near)
        .iter()
        .filter(|&&v| state.allowed(t, v))
        .filter_map(|&v| state.vehicle_bound(t, v).map(|b| (b, v)))
        .collect();
    vehicles.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut vehicles = vehicles.into_iter().peekable();
    // The places of the vehicles opened so far. Those before `next` are
    // timed; those from `next` to `sorted` are sorted and no dearer than
    // the rest: most searches end within the first few, so only those
    // are sorted, and the rest when reached.
    let mut places: Vec<Place> = Vec::new();
    let (mut next, mut sorted) = (0, 0);
    let by_bound = |a: &Place, b: &Place| a.0.total_cmp(&b.0);
    loop {
        if next == sorted && next < places.len() {
            let rest = &mut places[next..];
            let first = rest.len().min(FIRST_SORTED);
            if first < rest.len() {
                rest.select_nth_unstable_by(first, by_bound);
            }
            rest[..first].sort_by(by_bound);
            sorted = next + first;
        }
        let beat = best.get(keep - 1).map_or(f64::INFINITY, |p| p.0);
        let place = places.get(next).map(|p| p.0);
        match (vehicles.peek(), place) {
            // A vehicle may hold places cheaper than any ranked yet.
            (Some(&(bound, v)), _) if place.is_none_or(|p| bound <= p) => {
                // Neither it nor anything after it can beat the best.
                if bound >= beat {
                    break;
                }
                // Open every vehicle as cheap as this one at once: with no
                // worker terms (the benchmark) that is every vehicle.
                let mut blinks = || blink > 0.0 && rng.unit() < blink;
                vehicles.next();
                rank_places(state, t, v, &mut blinks, &mut places);
                while let Some((_, v)) = vehicles.next_if(|&(b, _)| b <= bound) {
                    rank_places(state, t, v, &mut blinks, &mut places);
                }
                sorted = next;
            }
            (_, Some(bound)) => {
                if bound >= beat {
                    break;
                }
                let (_, v, pos) = places[next];
                next += 1;
                let Some(delta) = state.insert(t, v, pos, false) else {
                    continue;
                };
                if best.len() < keep || delta < best[best.len() - 1].0 {
                    let at = best.partition_point(|p| p.0 <= delta);
                    best.insert(at, (delta, v, pos));
                    best.truncate(keep);
                }
            }
            _ => break,
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

/// The cheapest place of `t` on vehicle `v`, if it fits there: places
/// timed in order of their bound until none left could be cheaper.
pub fn cheapest_on(state: &mut State, t: TaskId, v: VehicleId) -> Option<Place> {
    if !state.allowed(t, v) {
        return None;
    }
    let mut places = Vec::new();
    rank_places(state, t, v, || false, &mut places);
    places.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<Place> = None;
    for (bound, v, pos) in places {
        if best.is_some_and(|b| bound >= b.0) {
            break;
        }
        if let Some(delta) = state.insert(t, v, pos, false)
            && best.is_none_or(|b| delta < b.0)
        {
            best = Some((delta, v, pos));
        }
    }
    best
}

/// Inserts `t` on vehicle `v` at its cheapest position there, and keeps it.
/// Returns false, changing nothing, when it fits nowhere on `v`.
pub fn insert_on(state: &mut State, t: TaskId, v: VehicleId) -> bool {
    match cheapest_on(state, t, v) {
        Some((_, v, pos)) => state.insert(t, v, pos, true).is_some(),
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
    fn the_cheapest_place_on_a_vehicle_is_the_cheapest_of_timing_every_position() {
        let mut compared = 0;
        for seed in 1..=20 {
            let problem = problem(seed);
            let index = Index::new(&problem);
            let mut state = State::new(&problem, &index);
            let mut rng = Rng::new(seed);
            for t in 0..problem.tasks.len() {
                for v in problem.tasks[t].eligible.clone() {
                    if state.sol.vehicle_of[t].is_some() || !state.allowed(t, v) {
                        continue;
                    }
                    let every = (0..=state.sol.routes[v].len())
                        .filter_map(|pos| state.insert(t, v, pos, false))
                        .min_by(f64::total_cmp);
                    let found = cheapest_on(&mut state, t, v).map(|p| p.0);
                    assert_eq!(found.is_some(), every.is_some(), "seed {seed} task {t}");
                    if let (Some(a), Some(b)) = (found, every) {
                        assert!((a - b).abs() < 1e-9, "seed {seed} task {t}: {a} vs {b}");
                        compared += 1;
                    }
                }
                if t % 2 == 0 {
                    insert_best(&mut state, t, &mut rng, 0.0);
                }
            }
        }
        assert!(compared > 500, "only {compared} compared");
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
                for &v in allowed.iter() {
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
