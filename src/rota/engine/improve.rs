//! Improving a rota: ruin and recreate. Each step removes a few related
//! tasks (strings of neighbouring visits from nearby routes, or tasks at
//! random), puts them back greedily in a random order with blinks, and
//! keeps the result by simulated annealing. Seeded and limited by
//! iterations and time, whichever ends first.

use super::continuity::{self, Slots};
use super::insert::insert_best_near;
use super::problem::{Problem, TaskId};
use super::rng::Rng;
use super::solution::{Solution, State};
use std::time::Instant;

/// How long to search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Most ruin-and-recreate steps.
    pub iterations: u64,
    /// Most seconds (wall clock).
    pub seconds: f64,
    /// Stop once this many steps in a row found no better solution (0:
    /// never stop for that), counted in the cooler half of the schedule.
    pub patience: u64,
}

/// Annealing temperatures, in objective units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Annealing {
    /// At the start.
    pub start: f64,
    /// At the end.
    pub end: f64,
}

/// What the search did.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    /// Steps taken.
    pub iterations: u64,
    /// Steps whose result was kept.
    pub accepted: u64,
    /// Steps that found a new best.
    pub improved: u64,
    /// Whether the time limit, not the iteration budget, ended the search.
    pub timed_out: bool,
    /// Whether it stopped because `patience` steps in a row found nothing
    /// better.
    pub stalled: bool,
    /// Wall seconds the search took (construction not included).
    pub seconds: f64,
}

/// Each task's nearest other tasks, by travel and time of day.
///
/// One buffer serves every task and each list is a fresh vector of at most
/// `k`: a list cut down from all `n` others would keep the capacity of `n`
/// (on a week of 3,717 tasks, 220 MB held by lists of 40).
pub fn neighbours(problem: &Problem, k: usize) -> Vec<Vec<TaskId>> {
    let n = problem.tasks.len();
    let Some(matrix) = problem.matrices.first() else {
        return vec![Vec::new(); n];
    };
    let mut others: Vec<(f64, TaskId)> = Vec::with_capacity(n);
    (0..n)
        .map(|a| {
            let ta = &problem.tasks[a];
            others.clear();
            others.extend((0..n).filter(|&b| b != a).map(|b| {
                let tb = &problem.tasks[b];
                let d = matrix.get(ta.location, tb.location)
                    + 0.2 * (ta.window.start - tb.window.start).abs();
                (d, b)
            }));
            let k = k.min(others.len());
            if k > 0 && k < others.len() {
                others.select_nth_unstable_by(k - 1, |x, y| x.0.total_cmp(&y.0));
            }
            let nearest = &mut others[..k];
            nearest.sort_by(|x, y| x.0.total_cmp(&y.0));
            nearest.iter().map(|&(_, b)| b).collect()
        })
        .collect()
}

/// Removes related strings of tasks around a random seed; returns them.
fn ruin(
    state: &mut State,
    near: &[Vec<TaskId>],
    by_client: &[Vec<TaskId>],
    rng: &mut Rng,
    size: usize,
) -> Vec<TaskId> {
    let mut removed = Vec::new();
    let Some(seed) = state.random_movable(rng) else {
        return removed;
    };
    if state.problem.weights.extra_worker > 0.0 && rng.unit() < 0.2 {
        // All of one person's visits this week: put back together, they
        // tend to go to the same few carers (continuity).
        let client = state.problem.tasks[seed].client;
        let removed: Vec<TaskId> = by_client
            .get(client)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&t| state.movable(t))
            .collect();
        for &t in &removed {
            state.remove(t);
        }
        return removed;
    }
    let random = rng.unit() < 0.15;
    let mut ruined_routes = Vec::new();
    let order: Vec<TaskId> = if random {
        (0..size)
            .filter_map(|_| state.random_movable(rng))
            .collect()
    } else {
        std::iter::once(seed)
            .chain(near[seed].iter().copied())
            .collect()
    };
    for t in order {
        if removed.len() >= size {
            break;
        }
        let Some(v) = state.sol.vehicle_of[t] else {
            continue;
        };
        if ruined_routes.contains(&v) && !random {
            continue;
        }
        ruined_routes.push(v);
        let route = &state.sol.routes[v];
        let Some(at) = route.iter().position(|&u| u == t) else {
            continue;
        };
        let len = if random {
            1
        } else {
            1 + rng.below(route.len().min(8))
        };
        let first = at
            .saturating_sub(rng.below(len))
            .min(route.len().saturating_sub(len));
        let string: Vec<TaskId> = route[first..(first + len).min(route.len())].to_vec();
        for u in string {
            if state.problem.tasks[u].locked.is_some() || removed.contains(&u) {
                continue;
            }
            removed.push(u);
            if let Some(p) = state.index.together[u]
                && state.sol.vehicle_of[p].is_some()
                && !removed.contains(&p)
            {
                removed.push(p);
            }
        }
    }
    for &t in &removed {
        state.remove(t);
    }
    removed
}

/// Puts tasks back, in an order chosen at random among a few sensible ones,
/// each on the routes `near` leaves for it (all eligible ones without it).
fn recreate(
    state: &mut State,
    mut tasks: Vec<TaskId>,
    rng: &mut Rng,
    near: Option<&[Vec<TaskId>]>,
) {
    let p = state.problem;
    match rng.below(10) {
        0..=4 => rng.shuffle(&mut tasks),
        5 | 6 => {
            tasks.sort_by(|&a, &b| p.tasks[a].window.start.total_cmp(&p.tasks[b].window.start))
        }
        7 | 8 => tasks.sort_by_key(|&t| p.tasks[t].eligible.len()),
        _ => tasks.sort_by(|&a, &b| p.tasks[b].duration.total_cmp(&p.tasks[a].duration)),
    }
    for t in tasks {
        if state.sol.vehicle_of[t].is_none() {
            insert_best_near(state, t, rng, 0.01, near);
        }
    }
}

/// The share of steps that copy a run to another day
/// ([`continuity::ruin_run`]) when continuity counts. On two generated
/// 200-person weeks a quarter gave fewer carers per person (by 0.15 and
/// 0.3), less travel, fewer late minutes and fewer visits left out than
/// none; more lowered carers further but cost travel (docs/benchmarks.md).
const RUN_SHARE: f64 = 0.25;

/// The share of the schedule after which [`Budget::patience`] counts.
const PATIENT_FROM: f64 = 0.5;

/// A tuning knob from the environment (for benchmarks), else `default`.
fn env_or(key: &str, default: f64) -> f64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Improves `state` by ruin and recreate; returns the best solution found.
/// `progress` is called now and then with the fraction done.
pub fn improve(
    state: &mut State,
    budget: Budget,
    anneal: Annealing,
    rng: &mut Rng,
    progress: &mut dyn FnMut(f64, f64),
) -> (Solution, Stats) {
    let clock = Instant::now();
    if budget.seconds <= 0.0 || budget.iterations == 0 {
        // Nothing to do: not even the neighbour lists (quadratic in tasks).
        progress(1.0, state.cost().total);
        let stats = Stats {
            timed_out: budget.iterations > 0,
            ..Stats::default()
        };
        return (state.sol.clone(), stats);
    }
    let near = neighbours(state.problem, 40);
    let mut by_client: Vec<Vec<TaskId>> = vec![Vec::new(); state.problem.clients];
    for (t, task) in state.problem.tasks.iter().enumerate() {
        if let Some(list) = by_client.get_mut(task.client) {
            list.push(t);
        }
    }
    let n_tasks = state.problem.tasks.len();
    // Continuity moves (when continuity counts): a share of the steps in
    // the later part of the search. Off unless asked for: on the generated
    // weeks they did not lower distinct carers reliably and cost assigned
    // visits (docs/benchmarks.md, issue 14), so they are an experiment.
    let slot_share = if state.problem.weights.extra_worker > 0.0 {
        env_or("ROTA_SLOT", 0.0)
    } else {
        0.0
    };
    let slot_from = env_or("ROTA_SLOT_FROM", 0.5);
    // A stretch of one worker's day copied to another day (a run), when
    // continuity counts.
    let run_share = if state.problem.weights.extra_worker > 0.0 {
        env_or("ROTA_RUN", RUN_SHARE)
    } else {
        0.0
    };
    let wait_max = env_or("ROTA_WAIT", 8.0) as usize;
    // Putting a task back only on the routes of its nearest tasks, its
    // client's usual workers and empty shifts: 1.3x the steps per second,
    // fewer carers per person and less travel, but on one of two weeks
    // more visits unassigned at equal time (docs/benchmarks.md), so an
    // experiment, off unless ROTA_NEAR_ROUTES=1.
    let near_routes = (env_or("ROTA_NEAR_ROUTES", 0.0) > 0.0).then_some(near.as_slice());
    let slot_nearest = env_or("ROTA_SLOT_NEAR", 0.0) as usize;
    // The slot view only when the moves that use it are on.
    let slots = (slot_share > 0.0 || run_share > 0.0)
        .then(|| Slots::new(state.problem, &state.index.together));
    let mut stats = Stats::default();
    // The solution as last kept: a step changes a few routes, and only
    // those are restored from here, or copied here when kept.
    let mut saved = state.sol.clone();
    state.save_into(&mut saved);
    let mut current = state.objective();
    let mut best = state.sol.clone();
    let mut best_cost = current;
    let max_size = std::env::var("ROTA_RUIN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or((n_tasks / 4).clamp(1, 30));
    let mut last_better = 0;
    // Buffers of each step, kept to avoid allocating on every one.
    let mut was_removed = vec![false; n_tasks];
    let mut waiting: Vec<TaskId> = Vec::new();
    // The step at which the cooler half began, once it has.
    let mut cool_from: Option<u64> = None;
    while stats.iterations < budget.iterations {
        let elapsed = clock.elapsed().as_secs_f64();
        if elapsed >= budget.seconds {
            stats.timed_out = true;
            break;
        }
        let done =
            (stats.iterations as f64 / budget.iterations as f64).max(elapsed / budget.seconds);
        // Patience counts in the cooler half only: hot, the search often
        // goes a long way without a new best while it explores, and a
        // stop there would skip the cold part that settles the rota.
        if done >= PATIENT_FROM {
            let cool_from = *cool_from.get_or_insert(stats.iterations);
            if budget.patience > 0
                && stats.iterations - last_better.max(cool_from) >= budget.patience
            {
                stats.stalled = true;
                break;
            }
        }
        let temperature = anneal.start * (anneal.end / anneal.start).powf(done);
        if stats.iterations % 256 == 0 {
            progress(done, best_cost);
        }
        stats.iterations += 1;
        let size = 1 + rng.below(max_size);
        // Drawn only when a continuity move may be taken, so that without
        // them the search takes the same steps as it always has.
        let draw = if slots.is_some() { rng.unit() } else { 1.0 };
        let slot_move = slots
            .as_ref()
            .filter(|_| done >= slot_from && draw < slot_share);
        let run = match slots.as_ref() {
            Some(slots) if slot_move.is_none() && draw < slot_share + run_share => {
                continuity::ruin_run(state, slots, rng)
            }
            _ => None,
        };
        let mut removed = match (slot_move, &run) {
            (_, Some(_)) => Vec::new(),
            (Some(slots), None) => continuity::ruin(state, slots, rng),
            (None, None) => ruin(state, &near, &by_client, rng, size),
        };
        if !state.retime_touched() {
            state.restore_from(&saved);
            continue;
        }
        if let Some(run) = run {
            removed = continuity::place_run(state, run, rng);
        } else if slot_move.is_some() {
            removed = continuity::place(state, removed, rng, true, slot_nearest);
        }
        // Also try a few of the tasks left out, not all: with many left
        // out, trying every one each step would take most of the time.
        removed.iter().for_each(|&t| was_removed[t] = true);
        waiting.clear();
        waiting.extend(
            (0..n_tasks)
                .filter(|&t| state.sol.vehicle_of[t].is_none() && !was_removed[t])
                .filter(|&t| !state.problem.tasks[t].eligible.is_empty()),
        );
        removed.iter().for_each(|&t| was_removed[t] = false);
        if waiting.len() > wait_max {
            rng.shuffle(&mut waiting);
            waiting.truncate(wait_max);
        }
        removed.extend_from_slice(&waiting);
        recreate(state, removed, rng, near_routes);
        let cost = state.objective();
        let threshold = current - temperature * rng.unit().max(1e-12).ln();
        if cost < threshold {
            stats.accepted += 1;
            state.save_into(&mut saved);
            current = cost;
            if cost < best_cost - 1e-9 {
                best_cost = cost;
                best.clone_from(&state.sol);
                stats.improved += 1;
                last_better = stats.iterations;
            }
        } else {
            state.restore_from(&saved);
        }
    }
    progress(1.0, best_cost);
    stats.seconds = clock.elapsed().as_secs_f64();
    (best, stats)
}

#[cfg(test)]
mod tests {
    use super::{Annealing, Budget, improve, neighbours};
    use crate::rota::engine::construct::regret_insertion;
    use crate::rota::engine::deadline::Deadline;
    use crate::rota::engine::fixture::{
        assert_double_ups_whole, assert_links_respected, line, problem, task,
    };
    use crate::rota::engine::index::Index;
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::{Solution, State};

    const ANNEAL: Annealing = Annealing {
        start: 5.0,
        end: 0.05,
    };

    /// Regret insertion then `iterations` steps of search, with `seed`.
    fn search(seed: u64, iterations: u64) -> (f64, f64, Solution) {
        let problem = problem(seed);
        let index = Index::new(&problem);
        let mut state = State::new(&problem, &index);
        let mut rng = Rng::new(seed);
        regret_insertion(&mut state, &mut rng, Deadline::never());
        let start = state.cost().total;
        let budget = Budget {
            iterations,
            seconds: f64::INFINITY,
            patience: 0,
        };
        let (best, stats) = improve(&mut state, budget, ANNEAL, &mut rng, &mut |_, _| {});
        assert_eq!(stats.iterations, iterations);
        assert!(!stats.timed_out);
        let best_state = State::with_solution(&problem, &index, best.clone()).expect("feasible");
        assert_links_respected(&problem, &best);
        assert_double_ups_whole(&problem, &best);
        (start, best_state.cost().total, best)
    }

    #[test]
    fn the_search_never_returns_worse_than_it_was_given() {
        let mut improved = 0;
        for seed in 1..=8 {
            let (start, best, _) = search(seed, 300);
            assert!(best <= start + 1e-9, "seed {seed}: {best} > {start}");
            improved += usize::from(best < start - 1e-9);
        }
        assert!(improved > 0, "300 steps improved no problem at all");
    }

    #[test]
    fn the_same_seed_and_budget_give_the_same_solution() {
        assert_eq!(search(2, 200).2, search(2, 200).2);
    }

    #[test]
    fn a_spent_time_budget_stops_the_search_at_once() {
        let problem = problem(1);
        let index = Index::new(&problem);
        let mut state = State::new(&problem, &index);
        let budget = Budget {
            iterations: u64::MAX,
            seconds: 0.0,
            patience: 0,
        };
        let (_, stats) = improve(&mut state, budget, ANNEAL, &mut Rng::new(1), &mut |_, _| {});
        assert_eq!(stats.iterations, 0);
        assert!(stats.timed_out);
    }

    #[test]
    fn the_search_stops_once_patience_steps_find_nothing_better() {
        let problem = problem(3);
        let index = Index::new(&problem);
        let mut state = State::new(&problem, &index);
        let mut rng = Rng::new(3);
        regret_insertion(&mut state, &mut rng, Deadline::never());
        let budget = Budget {
            iterations: 4_000,
            seconds: f64::INFINITY,
            patience: 40,
        };
        let (_, stats) = improve(&mut state, budget, ANNEAL, &mut rng, &mut |_, _| {});
        assert!(stats.stalled);
        assert!(!stats.timed_out);
        assert!(stats.iterations < 4_000);
        // Patience counts in the cooler half only: from step 2,000.
        assert!(stats.iterations >= 2_040, "{}", stats.iterations);
    }

    #[test]
    fn neighbours_are_the_nearest_tasks_first() {
        let tasks = [0, 1, 3, 7]
            .iter()
            .map(|&l| task(l, 0.0, 100.0, 15.0, &[0]))
            .collect();
        let near = neighbours(&line(1, tasks, vec![]), 2);
        assert_eq!(near[0], vec![1, 2]);
        assert_eq!(near[3], vec![2, 1]);
    }
}
