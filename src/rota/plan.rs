//! Planning an agency's week: build the problem, keep what must be kept
//! (locked visits; in a repair, every assignment still valid), construct
//! (each person's recurring visits to as few carers as fit, then regret
//! insertion), improve by ruin and recreate, and turn the best
//! solution back into a rota with a reason for every unassigned visit. The
//! time limit bounds all of it: construction stops at the deadline too.

use super::agency::{self, AgencyProblem, DAY};
use super::engine::construct::regret_insertion;
use super::engine::continuity::{self, Slots};
use super::engine::deadline::Deadline;
use super::engine::improve::{Annealing, Budget, Stats, improve};
use super::engine::index::Index;
use super::engine::insert::insert_on;
use super::engine::rng::Rng;
use super::engine::solution::{Cost, Solution, State};
use crate::load::Repo;
use crate::model::Rota;
use crate::model::rota::{Generated, RotaVisit, Unassigned};
use crate::model::values::{Date, Id, Time, Week};
use std::collections::BTreeMap;

/// How to plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Seed of the search.
    pub seed: u64,
    /// Most seconds for the whole planning, construction included.
    pub seconds: f64,
    /// Most ruin-and-recreate steps (the same seed and budget give the same
    /// rota; `None`: [`auto_iterations`]).
    pub iterations: Option<u64>,
    /// Stop once this many steps in a row, in the cooler half of the
    /// search, found no better rota (0: never; `None`: [`auto_patience`]).
    pub patience: Option<u64>,
    /// Keep the existing rota's assignments where still valid.
    pub repair: bool,
}

/// What planning produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The rota.
    pub rota: Rota,
    /// The objective's parts.
    pub cost: Cost,
    /// The search's statistics.
    pub stats: Stats,
    /// Figures for the summary.
    pub summary: Summary,
}

/// The figures a coordinator reads after planning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Visits assigned.
    pub assigned: usize,
    /// Visits left unassigned.
    pub unassigned: usize,
    /// Hours of care (carer-hours: a double-up counts twice).
    pub carer_hours: f64,
    /// Travel minutes between visits.
    pub travel_between: f64,
    /// Travel minutes from home to the first visit and back from the last.
    pub travel_home: f64,
    /// Minutes visits start after their windows, summed.
    pub late_minutes: f64,
    /// Distinct carers per service user: mean.
    pub carers_per_person_mean: f64,
    /// Distinct carers per service user: most.
    pub carers_per_person_max: usize,
    /// Each carer's id, planned working hours and contracted hours.
    pub hours: Vec<(String, f64, f64)>,
    /// Visits whose carers or start changed from the rota repaired.
    pub changed: Option<usize>,
    /// Why the travel matrix was not used, if it was not.
    pub matrix_error: Option<String>,
}

/// The step budget for a week of `tasks` visit tasks: 140 per task, at
/// least 200,000 and at most 520,000. A small week settles well within
/// 200,000 steps (the example agency's 193 visits in 4 s); the generated
/// 200-person week (3,500–3,800 tasks) keeps improving to 520,000, which
/// takes 45–60 s on the 2-core machine; where it would take longer, the
/// time limit (a minute by default) ends it (docs/benchmarks.md, issue 14).
pub fn auto_iterations(tasks: usize) -> u64 {
    (140 * tasks as u64).clamp(200_000, 520_000)
}

/// Steps in a row without a better rota after which the search stops,
/// for a week of `tasks` visit tasks: five per task, at least 3,000. A
/// step changes a few dozen visits at most, so a bigger week needs more
/// steps before their failing to improve means the search is done (on
/// the generated 200-person week a fixed 3,000 stopped it with two fifths
/// of its budget left and more travel).
pub fn auto_patience(tasks: usize) -> u64 {
    (5 * tasks as u64).max(3_000)
}

/// The search's temperatures for a week whose minute late costs
/// `late_minute`: two minutes late at the start, at least 20, and a
/// hundredth of that at the end. A worse rota is kept with
/// a chance that falls with how much worse it is against the temperature,
/// so the temperature follows the prices a step trades: at a fixed 20 the
/// default weights (a minute late at 100, a new face at 700) almost never
/// let a step give a person a new face on the way to a better week, and
/// 200 gave fewer visits unassigned, fewer late minutes, less travel and
/// fewer carers per person on the generated weeks (docs/benchmarks.md).
/// A repair (`repair`) keeps the cool 20 whatever the weights: it is to
/// move only what must, and at 200 it moved 579 visits of a week to cover
/// one carer's leave where 20 moved 453.
fn annealing(late_minute: f64, repair: bool) -> Annealing {
    let start = if repair {
        20.0
    } else {
        (2.0 * late_minute).max(20.0)
    };
    Annealing {
        start,
        end: start / 100.0,
    }
}

/// Plans `week`. `previous` is the week's existing rota, if any: its locked
/// visits are kept, and with `options.repair` so is every assignment that
/// still holds.
pub fn plan(
    repo: &Repo,
    week: Week,
    previous: Option<&Rota>,
    options: Options,
    progress: &mut dyn FnMut(f64),
) -> Outcome {
    let deadline = Deadline::after(options.seconds);
    let ap = agency::build(repo, week, previous, options.repair);
    let problem = &ap.problem;
    let index = Index::new(problem);
    let mut state = State::new(problem, &index);
    let mut rng = Rng::new(options.seed);

    // Locked visits first, then (repair) the assignments that still hold.
    let mut keep: Vec<(usize, usize)> = Vec::new();
    for (t, task) in problem.tasks.iter().enumerate() {
        let v = task.locked.or_else(|| {
            task.previous
                .and_then(|w| index.shift.get(&(w, ap.tasks[t].day)).copied())
                .filter(|v| task.eligible.contains(v))
        });
        if let Some(v) = v {
            keep.push((t, v));
        }
    }
    keep.sort_by(|a, b| {
        let (ta, tb) = (&problem.tasks[a.0], &problem.tasks[b.0]);
        (ta.locked.is_none(), ta.window.start)
            .partial_cmp(&(tb.locked.is_none(), tb.window.start))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for (t, v) in keep {
        if state.sol.vehicle_of[t].is_none() && insert_on(&mut state, t, v) {
            state.commit();
        }
    }
    // Half a double-up is not a visit: take it out again.
    for t in 0..problem.tasks.len() {
        if let Some(p) = index.together[t]
            && state.sol.vehicle_of[t].is_some()
            && state.sol.vehicle_of[p].is_none()
        {
            state.remove(t);
        }
    }
    state.retime_all();
    if problem.weights.extra_worker > 0.0 && std::env::var_os("ROTA_SLOT_FIRST").is_some() {
        let slots = Slots::new(problem, &index.together);
        continuity::construct(&mut state, &slots, &mut rng, deadline);
    }
    let untried = regret_insertion(&mut state, &mut rng, deadline);
    let budget = Budget {
        iterations: options
            .iterations
            .unwrap_or_else(|| auto_iterations(problem.tasks.len())),
        seconds: deadline.remaining_seconds(),
        patience: options
            .patience
            .unwrap_or_else(|| auto_patience(problem.tasks.len())),
    };
    let anneal = annealing(problem.weights.late_minute, options.repair);
    let (best, stats) = improve(&mut state, budget, anneal, &mut rng, &mut |done, _| {
        progress(done)
    });
    let final_state = State::with_solution(problem, &index, best.clone()).unwrap_or(state);
    let cost = final_state.cost();
    let mut out_of_time = vec![false; problem.tasks.len()];
    untried.iter().for_each(|&t| out_of_time[t] = true);
    let rota = to_rota(&ap, &final_state.sol, &out_of_time, options.seed);
    let summary = summarise(
        &ap,
        &final_state,
        &rota,
        previous.filter(|_| options.repair),
    );
    Outcome {
        rota,
        cost,
        stats,
        summary,
    }
}

fn time_of(minutes: f64) -> Time {
    let m = (minutes.rem_euclid(DAY)).round() as u16;
    Time(m.min(23 * 60 + 59))
}

/// Why a visit construction had no time to try is unassigned.
pub const OUT_OF_TIME: &str = "the time limit ran out before this visit could be planned: plan again with a longer time limit";

/// The solution as a rota record; `out_of_time[t]` tells whether
/// construction had no time to try task `t`.
pub fn to_rota(ap: &AgencyProblem, sol: &Solution, out_of_time: &[bool], seed: u64) -> Rota {
    let mut visits: BTreeMap<(chrono::NaiveDate, u64, String, String), RotaVisit> = BTreeMap::new();
    let mut unassigned: BTreeMap<(chrono::NaiveDate, String, String), Unassigned> = BTreeMap::new();
    for (t, info) in ap.tasks.iter().enumerate() {
        let task = &ap.problem.tasks[t];
        match sol.vehicle_of[t] {
            Some(v) => {
                let start = sol.start[t];
                let carer = &ap.carers[ap.problem.vehicles[v].worker];
                let key = (
                    info.date,
                    start.round() as u64,
                    info.service_user.clone(),
                    info.label.clone(),
                );
                let entry = visits.entry(key).or_insert_with(|| RotaVisit {
                    service_user: Id(info.service_user.clone()),
                    label: info.label.clone(),
                    date: Date(info.date),
                    start: time_of(start),
                    end: time_of(start + task.duration),
                    carers: Vec::new(),
                    locked: task.locked.is_some(),
                });
                entry.carers.push(Id(carer.clone()));
            }
            None => {
                let key = (info.date, info.service_user.clone(), info.label.clone());
                unassigned.entry(key).or_insert_with(|| Unassigned {
                    service_user: Id(info.service_user.clone()),
                    label: info.label.clone(),
                    date: Date(info.date),
                    reason: info.reason.clone().unwrap_or_else(|| {
                        if out_of_time[t] {
                            OUT_OF_TIME.to_owned()
                        } else {
                            busy_reason(ap, t)
                        }
                    }),
                });
            }
        }
    }
    Rota {
        id: Id(format!("rota-{}", ap.week)),
        week: ap.week,
        generated: Some(Generated {
            at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            by: format!("carebook {}", env!("CARGO_PKG_VERSION")),
            seed: Some(seed),
        }),
        visits: visits.into_values().collect(),
        unassigned: unassigned.into_values().collect(),
    }
}

/// Why a visit some carers could do was left out: they were all busy.
fn busy_reason(ap: &AgencyProblem, t: usize) -> String {
    let info = &ap.tasks[t];
    let task = &ap.problem.tasks[t];
    let mut workers: Vec<usize> = task
        .eligible
        .iter()
        .map(|&v| ap.problem.vehicles[v].worker)
        .collect();
    workers.dedup();
    let skills = if info.skills.is_empty() {
        String::new()
    } else {
        format!(" with skill {}", info.skills.join(" and "))
    };
    format!(
        "the {} carer{}{skills} free that day are busy between {} and {} on {}, or would go over their weekly hours",
        workers.len(),
        if workers.len() == 1 { "" } else { "s" },
        time_of(task.window.start),
        time_of(task.window.end),
        crate::model::values::Day::ALL[info.day % 7].title(),
    )
}

fn summarise(ap: &AgencyProblem, state: &State, rota: &Rota, previous: Option<&Rota>) -> Summary {
    let cost = state.cost();
    let mut carer_hours = 0.0;
    for v in &rota.visits {
        let minutes = f64::from(v.end.minutes().saturating_sub(v.start.minutes()));
        carer_hours += minutes * v.carers.len() as f64 / 60.0;
    }
    let (carers_mean, carers_max) = super::compare::carers_per_person(rota);
    let hours = ap
        .carers
        .iter()
        .enumerate()
        .map(|(w, id)| {
            (
                id.clone(),
                state.work_of(w) / 60.0,
                ap.problem.workers[w].contracted / 60.0,
            )
        })
        .collect();
    let changed = previous.map(|before| {
        let key = |v: &RotaVisit| (v.service_user.clone(), v.label.clone(), v.date);
        let old: BTreeMap<_, _> = before
            .visits
            .iter()
            .map(|v| (key(v), (v.start, v.carers.clone())))
            .collect();
        rota.visits
            .iter()
            .filter(|v| old.get(&key(v)) != Some(&(v.start, v.carers.clone())))
            .count()
            + before
                .visits
                .iter()
                .filter(|b| !rota.visits.iter().any(|v| key(v) == key(b)))
                .count()
    });
    Summary {
        assigned: rota.visits.len(),
        unassigned: rota.unassigned.len(),
        carer_hours,
        travel_between: cost.travel_between,
        travel_home: cost.travel - cost.travel_between,
        late_minutes: cost.late,
        carers_per_person_mean: carers_mean,
        carers_per_person_max: carers_max,
        hours,
        changed,
        matrix_error: ap.matrix_error.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::{annealing, auto_iterations, auto_patience};

    #[test]
    fn the_temperature_follows_the_price_of_lateness_from_20() {
        // The example agency's 5 a minute keeps the 20 it always had.
        assert_eq!(annealing(5.0, false).start, 20.0);
        assert_eq!(annealing(0.5, false).end, 0.2);
        let default = annealing(100.0, false);
        assert_eq!((default.start, default.end), (200.0, 2.0));
    }

    #[test]
    fn a_repair_searches_cool_to_move_only_what_must() {
        let repair = annealing(100.0, true);
        assert_eq!((repair.start, repair.end), (20.0, 0.2));
    }

    #[test]
    fn the_step_budget_grows_with_the_week_from_200000_to_520000() {
        assert_eq!(auto_iterations(0), 200_000);
        assert_eq!(auto_iterations(193), 200_000);
        assert_eq!(auto_iterations(2_500), 350_000);
        assert_eq!(auto_iterations(3_717), 520_000);
    }

    #[test]
    fn patience_grows_with_the_week_from_3000() {
        assert_eq!(auto_patience(0), 3_000);
        assert_eq!(auto_patience(193), 3_000);
        assert_eq!(auto_patience(3_717), 18_585);
    }
}
