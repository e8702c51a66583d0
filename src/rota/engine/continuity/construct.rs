//! Continuity first: before regret insertion, each person's recurring
//! slots go whole to one worker where they fit (preferred workers and
//! those who already visit the person tried first, then those who live
//! nearest), the people with the scarcest workers first. What fits
//! nowhere this way is left to regret insertion.

use super::{Slots, place, unassigned};
use crate::rota::engine::deadline::Deadline;
use crate::rota::engine::problem::TaskId;
use crate::rota::engine::rng::Rng;
use crate::rota::engine::solution::State;

/// How many workers nearest the person are tried for each slot.
const NEAREST: usize = 4;
/// How many workers a slot may be split between before the rest is left
/// to regret insertion.
const ROUNDS: usize = 3;

/// Puts every unassigned task it can on as few workers per person as fit,
/// until `deadline`; the tasks it leaves stay unassigned.
pub fn construct(state: &mut State, slots: &Slots, rng: &mut Rng, deadline: Deadline) {
    let p = state.problem;
    let scarcity = |c: usize| {
        slots.of_client[c]
            .iter()
            .map(|&t| p.tasks[t].eligible.len())
            .min()
            .unwrap_or(0)
    };
    let mut clients: Vec<usize> = (0..slots.of_client.len())
        .filter(|&c| !slots.of_client[c].is_empty())
        .collect();
    clients.sort_by_key(|&c| (scarcity(c), c));
    for c in clients {
        let mut its: Vec<usize> = Vec::new();
        for &t in &slots.of_client[c] {
            if !its.contains(&slots.of_task[t]) {
                its.push(slots.of_task[t]);
            }
        }
        let time_of_day = |s: usize| p.tasks[slots.tasks[s][0]].window.start.rem_euclid(1440.0);
        its.sort_by(|&a, &b| time_of_day(a).total_cmp(&time_of_day(b)));
        for s in its {
            let mut left: Vec<TaskId> = unassigned(state, &slots.tasks[s]);
            for _ in 0..ROUNDS {
                if left.is_empty() || deadline.passed() {
                    break;
                }
                let before = left.len();
                let back = place(state, left, rng, false, NEAREST);
                left = unassigned(state, &back);
                if left.len() == before {
                    break;
                }
            }
            if deadline.passed() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::construct;
    use crate::rota::engine::construct::regret_insertion;
    use crate::rota::engine::continuity::Slots;
    use crate::rota::engine::deadline::Deadline;
    use crate::rota::engine::fixture::{
        assert_double_ups_whole, assert_links_respected, line, problem, task,
    };
    use crate::rota::engine::index::Index;
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::State;

    #[test]
    fn continuity_first_then_regret_insertion_keeps_every_rule() {
        for seed in 1..=10 {
            let p = problem(seed);
            let index = Index::new(&p);
            let slots = Slots::new(&p, &index.together);
            let mut state = State::new(&p, &index);
            let mut rng = Rng::new(seed);
            construct(&mut state, &slots, &mut rng, Deadline::never());
            assert_double_ups_whole(&p, &state.sol);
            regret_insertion(&mut state, &mut rng, Deadline::never());
            assert_links_respected(&p, &state.sol);
            assert_double_ups_whole(&p, &state.sol);
            let cost = state.cost();
            assert!(state.retime_all(), "seed {seed}");
            assert!(
                (cost.total - state.cost().total).abs() < 1e-6,
                "seed {seed}"
            );
        }
    }

    #[test]
    fn a_persons_daily_visit_goes_whole_to_the_worker_free_every_day() {
        // Client 1's visit each of three days; worker 1 lives beside it but
        // is available only on day 0, worker 0 every day, a little
        // farther: worker 0 gets all three.
        let tasks: Vec<_> = (0..3)
            .map(|d| {
                let start = d as f64 * 1440.0 + 600.0;
                task(1, start, start + 30.0, 30.0, &[0, 1, 2, 3, 4, 5])
            })
            .collect();
        let mut p = line(2, tasks, vec![]);
        p.weights.extra_worker = 60.0;
        let day0 = p.vehicles.clone();
        p.vehicles.clear();
        for d in 0..3 {
            for v in &day0 {
                let mut v = v.clone();
                v.day = d;
                v.availability[0].start = d as f64 * 1440.0;
                v.availability[0].end = d as f64 * 1440.0 + 1440.0;
                v.departure = Some(d as f64 * 1440.0);
                if v.worker == 1 {
                    v.start_location = 1;
                    v.end_location = 1;
                }
                p.vehicles.push(v);
            }
        }
        // Each day's task on that day's shifts; worker 1 works on day 0 only.
        for (d, t) in p.tasks.iter_mut().enumerate() {
            t.eligible = if d == 0 { vec![0, 1] } else { vec![2 * d] };
        }
        let index = Index::new(&p);
        let slots = Slots::new(&p, &index.together);
        let mut state = State::new(&p, &index);
        construct(&mut state, &slots, &mut Rng::new(1), Deadline::never());
        let workers: Vec<usize> = state
            .sol
            .vehicle_of
            .iter()
            .map(|v| p.vehicles[v.expect("assigned")].worker)
            .collect();
        assert_eq!(workers, vec![0, 0, 0]);
        assert_eq!(state.cost().extra_workers, 0);
    }
}
