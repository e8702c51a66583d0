//! The continuity moves: one slot or one person's week taken out, and put
//! back on one worker, making room by taking out what is in the way.

use super::{Slots, unassigned};
use crate::rota::engine::insert::{best_places, insert_on};
use crate::rota::engine::problem::{TaskId, VehicleId};
use crate::rota::engine::rng::Rng;
use crate::rota::engine::solution::State;

/// Takes out, for a random assigned task's client, one slot, or all the
/// client's tasks, or all those the task's worker does for the client (a
/// third of the time each), with their double-up partners. Returns
/// them, earliest first.
pub fn ruin(state: &mut State, slots: &Slots, rng: &mut Rng) -> Vec<TaskId> {
    let assigned: Vec<TaskId> = (0..state.sol.vehicle_of.len())
        .filter(|&t| state.movable(t))
        .collect();
    if assigned.is_empty() {
        return Vec::new();
    }
    let seed = assigned[rng.below(assigned.len())];
    let client = state.problem.tasks[seed].client;
    let chosen: Vec<TaskId> = match rng.below(3) {
        0 => slots.of_client[client].clone(),
        1 => slots.tasks[slots.of_task[seed]].clone(),
        // Everything one worker does for the person: put back on the
        // person's other workers, it takes a worker off their list.
        _ => {
            let worker_of =
                |t: TaskId| state.sol.vehicle_of[t].map(|v| state.problem.vehicles[v].worker);
            let worker = worker_of(seed);
            slots.of_client[client]
                .iter()
                .copied()
                .filter(|&t| worker_of(t) == worker)
                .collect()
        }
    };
    let mut removed: Vec<TaskId> = Vec::new();
    for &t in &chosen {
        for u in [Some(t), state.index.together[t]].into_iter().flatten() {
            if state.movable(u) && !removed.contains(&u) {
                removed.push(u);
            }
        }
    }
    for &t in &removed {
        state.remove(t);
    }
    let p = state.problem;
    removed.sort_by(|&a, &b| p.tasks[a].window.start.total_cmp(&p.tasks[b].window.start));
    removed
}

/// The vehicles of `worker` that may do `t` (one shift a day: mostly one).
fn vehicles_for(state: &State, t: TaskId, worker: usize) -> Vec<VehicleId> {
    let task = &state.problem.tasks[t];
    let on = |v: &VehicleId| state.problem.vehicles[*v].worker == worker;
    match task.locked {
        Some(v) => Some(v).into_iter().filter(on).collect(),
        None => task.eligible.iter().copied().filter(on).collect(),
    }
}

/// Puts `t` on `worker`'s shift at its cheapest position there, and its
/// unassigned double-up partner at its best place; both kept (not
/// committed). Returns the insertions kept: 0 when `t` does not fit.
fn place_on(state: &mut State, t: TaskId, worker: usize, rng: &mut Rng) -> usize {
    if state.sol.vehicle_of[t].is_some() {
        return 0;
    }
    let vehicles = vehicles_for(state, t, worker);
    if !vehicles.into_iter().any(|v| insert_on(state, t, v)) {
        return 0;
    }
    let Some(partner) = state.index.together[t].filter(|&p| state.sol.vehicle_of[p].is_none())
    else {
        return 1;
    };
    match best_places(state, partner, rng, 0.0, 1).first() {
        Some(&(_, pv, pos)) if state.insert(partner, pv, pos, true).is_some() => 2,
        _ => {
            state.rollback();
            0
        }
    }
}

/// Puts as many of `tasks` as fit on `worker`; returns the insertions kept.
pub(super) fn place_all(
    state: &mut State,
    tasks: &[TaskId],
    worker: usize,
    rng: &mut Rng,
) -> usize {
    tasks.iter().map(|&t| place_on(state, t, worker, rng)).sum()
}

/// The workers worth trying for `tasks` of `client`: its preferred
/// workers, those who already visit it, the `nearest` whose homes are
/// nearest the first task, and two at random of those who may do a task.
fn candidates(
    state: &State,
    client: usize,
    tasks: &[TaskId],
    rng: &mut Rng,
    nearest: usize,
) -> Vec<usize> {
    let p = state.problem;
    let mut out: Vec<usize> = Vec::new();
    let add = |w: usize, out: &mut Vec<usize>| {
        if !out.contains(&w) {
            out.push(w);
        }
    };
    for &t in tasks {
        for &w in &p.tasks[t].preferred {
            add(w, &mut out);
        }
    }
    for &(w, _) in state.client_workers(client) {
        add(w, &mut out);
    }
    if nearest > 0 {
        let task = &p.tasks[tasks[0]];
        let mut by_home: Vec<(f64, usize)> = task
            .eligible
            .iter()
            .map(|&v| {
                let veh = &p.vehicles[v];
                let m = &p.matrices[veh.matrix];
                (m.get(veh.start_location, task.location), veh.worker)
            })
            .collect();
        by_home.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, w) in by_home.into_iter().take(nearest) {
            add(w, &mut out);
        }
    }
    for _ in 0..2 {
        let t = tasks[rng.below(tasks.len())];
        let eligible = &p.tasks[t].eligible;
        if !eligible.is_empty() {
            add(
                p.vehicles[eligible[rng.below(eligible.len())]].worker,
                &mut out,
            );
        }
    }
    out.truncate(8 + nearest);
    out
}

/// Takes out the tasks on `worker`'s shift that day that overlap the time
/// `t` may take (with their double-up partners); returns them.
pub(super) fn eject_for(
    state: &mut State,
    t: TaskId,
    worker: usize,
    keep: &[TaskId],
) -> Vec<TaskId> {
    let p = state.problem;
    let task = &p.tasks[t];
    let during = |v: &VehicleId| {
        p.vehicles[*v]
            .availability
            .iter()
            .any(|a| a.start <= task.window.end && a.end >= task.window.start)
    };
    let Some(v) = vehicles_for(state, t, worker).into_iter().find(during) else {
        return Vec::new();
    };
    let (from, to) = (
        task.window.start - 30.0,
        task.window.end + task.duration + 30.0,
    );
    let mut out = Vec::new();
    for &u in &state.sol.routes[v] {
        let s = state.sol.start[u];
        if s < to && s + p.tasks[u].duration > from && p.tasks[u].locked.is_none() {
            for x in [Some(u), state.index.together[u]].into_iter().flatten() {
                if !keep.contains(&x) && !out.contains(&x) {
                    out.push(x);
                }
            }
        }
    }
    for &u in &out {
        state.remove(u);
    }
    out
}

/// Puts unassigned tasks of one client (`removed` by [`ruin`]) on the one
/// worker with whom they cost least, among its usual and preferred
/// workers, the `nearest` by home and two at random; with `eject`, half
/// the time the visits in the way of those that did not fit are taken out
/// to make room. Returns the tasks left for the usual recreate (those that
/// fit nowhere on that worker, and those taken out).
pub fn place(
    state: &mut State,
    removed: Vec<TaskId>,
    rng: &mut Rng,
    eject: bool,
    nearest: usize,
) -> Vec<TaskId> {
    let Some(&first) = removed.first() else {
        return removed;
    };
    let client = state.problem.tasks[first].client;
    // One half of each double-up goes on the worker; its partner follows.
    let own: Vec<TaskId> = removed
        .iter()
        .copied()
        .filter(|&t| state.index.together[t].is_none_or(|p| !removed.contains(&p) || p > t))
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for w in candidates(state, client, &own, rng, nearest) {
        let kept = place_all(state, &own, w, rng);
        if kept > 0 {
            let cost = state.objective();
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, w));
            }
        }
        for _ in 0..kept {
            state.rollback();
        }
    }
    let Some((_, w)) = best else {
        return removed;
    };
    place_all(state, &own, w, rng);
    state.commit();
    let mut left: Vec<TaskId> = unassigned(state, &removed);
    if eject && !left.is_empty() && rng.below(2) == 0 {
        let missing: Vec<TaskId> = unassigned(state, &own);
        let mut ejected = Vec::new();
        for &t in &missing {
            ejected.extend(eject_for(state, t, w, &removed));
        }
        if state.retime_touched() {
            place_all(state, &missing, w, rng);
            state.commit();
        }
        left = unassigned(state, &removed);
        left.extend(ejected);
    }
    left
}

#[cfg(test)]
mod tests {
    use super::{place, ruin};
    use crate::rota::engine::continuity::{Slots, assert_steps_keep_every_rule};
    use crate::rota::engine::index::Index;
    use crate::rota::engine::rng::Rng;
    use crate::rota::engine::solution::State;

    #[test]
    fn a_slot_move_keeps_every_rule_and_double_ups_whole() {
        assert_steps_keep_every_rule(&mut |state, slots, rng| {
            let removed = ruin(state, slots, rng);
            assert!(state.retime_all());
            place(state, removed, rng, true, 0)
        });
    }

    #[test]
    fn a_clients_slot_goes_to_the_one_worker_who_can_do_every_day() {
        use crate::rota::engine::fixture::{task, two_days};
        // Client 1 has a task on each of two "days" (far apart in time);
        // worker 0 took the first and worker 1 the second. Both could do
        // both, so putting the slot back puts both on one worker.
        let p = two_days(vec![
            task(1, 100.0, 130.0, 30.0, &[0, 1]),
            task(1, 1540.0, 1570.0, 30.0, &[0, 1]),
        ]);
        let index = Index::new(&p);
        let slots = Slots::new(&p, &index.together);
        assert_eq!(slots.of_task[0], slots.of_task[1]);
        let mut state = State::new(&p, &index);
        state.insert(0, 0, 0, true);
        state.insert(1, 1, 0, true);
        state.commit();
        assert_eq!(state.cost().extra_workers, 1);
        let removed = ruin(&mut state, &slots, &mut Rng::new(3));
        assert_eq!(removed, vec![0, 1]);
        assert!(state.retime_all());
        let left = place(&mut state, removed, &mut Rng::new(3), true, 0);
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(state.cost().extra_workers, 0);
    }
}
