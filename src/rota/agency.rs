//! An agency's week as an engine problem: every visit the visit rules
//! require on each day of the week becomes one task per carer needed, every
//! carer's working day a vehicle, and the policy's weights the objective.
//! Keeps, for each task, what is needed to write it back as a rota visit
//! and to explain why it could not be assigned.
//!
//! The records come from the repository's [`Index`]; which visit rules
//! apply on a day is [`crate::model::VisitRules::valid_on`], as everywhere
//! else.

use super::engine::problem::{
    Interval, Link, Matrix, Problem, Task, TaskId, Vehicle, Weights, Worker,
};
use crate::index::{History, Index};
use crate::load::Repo;
use crate::model::carer::{CarerStatus, TravelMode};
use crate::model::service_user::ServiceUserStatus;
use crate::model::values::{Day, Week};
use crate::model::{Carer, Policy, Rota, ServiceUser};
use crate::travel::{Place, TravelTimes};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Minutes in a day: day `d` of the week starts at `d * DAY`.
pub const DAY: f64 = 1440.0;

/// The travel modes, in the order of the problem's matrices.
pub const MODES: [TravelMode; 4] = [
    TravelMode::Walk,
    TravelMode::Bicycle,
    TravelMode::PublicTransport,
    TravelMode::Car,
];

/// What a task is in the records.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskInfo {
    /// The service user's id.
    pub service_user: String,
    /// The visit's label.
    pub label: String,
    /// The date.
    pub date: NaiveDate,
    /// Day of the week, 0 = Monday.
    pub day: usize,
    /// 0, or 1 for the second carer of a double-up.
    pub half: u8,
    /// Why no carer can take it, when that is known before planning.
    pub reason: Option<String>,
    /// Skills required, for messages.
    pub skills: Vec<String>,
}

/// An agency's week ready for the engine.
#[derive(Debug, Clone)]
pub struct AgencyProblem {
    /// The engine's problem.
    pub problem: Problem,
    /// For each task, its visit.
    pub tasks: Vec<TaskInfo>,
    /// For each worker, the carer's id.
    pub carers: Vec<String>,
    /// For each client index, the service user's id.
    pub clients: Vec<String>,
    /// The week.
    pub week: Week,
    /// The agency's travel matrix could not be read: estimates were used.
    pub matrix_error: Option<String>,
}

/// Builds the week's problem. `locked` visits of an existing rota keep
/// their carers and times; `previous` (repair) marks each visit's carers
/// before, so that moving them costs.
pub fn build(repo: &Repo, week: Week, previous: Option<&Rota>, repair: bool) -> AgencyProblem {
    build_on(&Index::new(repo), week, previous, repair)
}

/// Builds the week's problem from an index of the records (see [`build`]).
pub fn build_on(index: &Index, week: Week, previous: Option<&Rota>, repair: bool) -> AgencyProblem {
    let repo = index.repo;
    let policy = index.policy;
    let service_users: Vec<&ServiceUser> = index.service_users.iter().map(|s| s.record).collect();
    let dates: Vec<NaiveDate> = (0..7).map(|d| week.day(d)).collect();

    // Locations: service users first, then carers' homes. Travel is in
    // whole minutes, rounded up, exactly as `check` counts it.
    let su_index: HashMap<&str, usize> = service_users
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let active: Vec<&Carer> = index
        .carers
        .iter()
        .map(|c| c.record)
        .filter(|c| c.status == CarerStatus::Active)
        .collect();
    let home_keys: Vec<String> = active.iter().map(|c| format!("home:{}", c.id)).collect();
    let mut places: Vec<Place> = service_users
        .iter()
        .map(|s| Place {
            key: s.id.as_str(),
            location: &s.location,
        })
        .collect();
    let home_base = places.len();
    places.extend(active.iter().zip(&home_keys).map(|(c, key)| Place {
        key: key.as_str(),
        location: &c.home.location,
    }));
    let (times, matrix_error) = TravelTimes::for_repo(&policy.travel, &repo.root);
    let matrices: Vec<Matrix> = MODES
        .iter()
        .map(|&mode| {
            let n = places.len();
            let mut minutes = vec![0.0; n * n];
            for a in 0..n {
                for b in 0..n {
                    if a != b {
                        minutes[a * n + b] = f64::from(times.minutes(places[a], places[b], mode));
                    }
                }
            }
            Matrix { size: n, minutes }
        })
        .collect();

    // Vehicles: each active carer's available days, not on leave.
    let mut vehicles = Vec::new();
    let mut shift: HashMap<(usize, usize), usize> = HashMap::new();
    for (w, carer) in active.iter().enumerate() {
        for (d, &date) in dates.iter().enumerate() {
            let windows = carer
                .availability
                .get(&Day::of(date))
                .cloned()
                .unwrap_or_default();
            if windows.is_empty() || carer.on_leave(date) {
                continue;
            }
            let mut availability: Vec<Interval> = windows
                .iter()
                .map(|w| Interval {
                    start: d as f64 * DAY + f64::from(w.start.minutes()),
                    end: d as f64 * DAY + f64::from(w.end.minutes()),
                })
                .collect();
            availability.sort_by(|a, b| a.start.total_cmp(&b.start));
            shift.insert((w, d), vehicles.len());
            vehicles.push(Vehicle {
                worker: w,
                day: d,
                start_location: home_base + w,
                end_location: home_base + w,
                matrix: MODES.iter().position(|&m| m == carer.travel).unwrap_or(0),
                availability,
                departure: None,
            });
        }
    }
    let worker_of: HashMap<&str, usize> = active
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    let mut tasks = Vec::new();
    let mut infos = Vec::new();
    let mut links = Vec::new();
    let max_late = f64::from(policy.rota.max_late_minutes);
    for vr in index.visit_rules.iter().map(|v| v.record) {
        let Some(&client) = su_index.get(vr.service_user.as_str()) else {
            continue;
        };
        if service_users[client].status != ServiceUserStatus::Active {
            continue;
        }
        for (d, &date) in dates.iter().enumerate() {
            if !vr.valid_on(date) {
                continue;
            }
            let mut first_half: HashMap<&str, TaskId> = HashMap::new();
            for visit in vr.visits.iter().filter(|v| v.days.includes(Day::of(date))) {
                let window = Interval {
                    start: d as f64 * DAY + f64::from(visit.window.start.minutes()),
                    end: d as f64 * DAY + f64::from(visit.window.end.minutes()),
                };
                let duration = f64::from(visit.duration.minutes());
                let fits = |v: &Vehicle| {
                    v.availability.iter().any(|a| {
                        a.start <= window.end + max_late
                            && window.start.max(a.start) + duration <= a.end
                    })
                };
                // Skills held that day, and DBS, right to work and the
                // skills' courses in date: the same test as `rota/skill`
                // and `rota/not-cleared`.
                let skilled = |c: &Carer| c.bars_on(date, &visit.skills, policy).is_empty();
                let gender_ok = |c: &Carer| vr.carer_gender.is_none_or(|g| c.gender == Some(g));
                let not_excluded = |c: &Carer| !vr.excluded_carers.contains(&c.id);
                // The cheap tests first: the day's checks and courses last.
                let eligible: Vec<usize> = (0..active.len())
                    .filter(|&w| gender_ok(active[w]) && not_excluded(active[w]))
                    .filter_map(|w| shift.get(&(w, d)).map(|&v| (w, v)))
                    .filter(|&(w, v)| fits(&vehicles[v]) && skilled(active[w]))
                    .map(|(_, v)| v)
                    .collect();
                let halves = usize::from(visit.carers.clamp(1, 2));
                let reason = super::explain::explain(
                    &active,
                    policy,
                    visit,
                    vr,
                    date,
                    halves,
                    eligible.len(),
                );
                let preferred: Vec<usize> = vr
                    .preferred_carers
                    .iter()
                    .filter_map(|c| worker_of.get(c.as_str()).copied())
                    .collect();
                let mut ids = Vec::new();
                for half in 0..halves {
                    ids.push(tasks.len());
                    tasks.push(Task {
                        client,
                        location: client,
                        duration,
                        window,
                        max_late,
                        eligible: eligible.clone(),
                        preferred: preferred.clone(),
                        locked: None,
                        previous: None,
                    });
                    infos.push(TaskInfo {
                        service_user: vr.service_user.to_string(),
                        label: visit.label.clone(),
                        date,
                        day: d,
                        half: half as u8,
                        reason: reason.clone(),
                        skills: visit.skills.clone(),
                    });
                }
                if let [a, b] = ids[..] {
                    links.push(Link::SameStart(a, b));
                    links.push(Link::DifferentWorkers(a, b));
                    links.push(Link::Together(a, b));
                }
                first_half.insert(visit.label.as_str(), ids[0]);
            }
            for visit in vr.visits.iter().filter(|v| v.days.includes(Day::of(date))) {
                let (Some(after), Some(&second)) =
                    (&visit.after, first_half.get(visit.label.as_str()))
                else {
                    continue;
                };
                if let Some(&first) = first_half.get(after.visit.as_str()) {
                    links.push(Link::Gap {
                        first,
                        second,
                        min: f64::from(after.min_gap.minutes()),
                        max: after
                            .max_gap
                            .map_or(f64::INFINITY, |g| f64::from(g.minutes())),
                    });
                }
            }
        }
    }

    let history = index.worked_before(
        week,
        policy.working_time.reference_weeks.saturating_sub(1),
        &times,
    );
    let mut problem = Problem {
        tasks,
        vehicles,
        workers: active
            .iter()
            .map(|c| Worker {
                contracted: c.contracted_hours.unwrap_or(0.0) * 60.0,
                max_work: max_work(c, policy, week, &history),
                min_rest: policy.working_time.min_rest_hours * 60.0,
            })
            .collect(),
        links,
        matrices,
        weights: weights(policy, repair),
        clients: service_users.len(),
    };
    if let Some(rota) = previous {
        apply_previous(&mut problem, &infos, rota, &worker_of, &shift, repair);
    }
    AgencyProblem {
        problem,
        tasks: infos,
        carers: active.iter().map(|c| c.id.to_string()).collect(),
        clients: service_users.iter().map(|s| s.id.to_string()).collect(),
        week,
        matrix_error: matrix_error.map(|e| e.to_string()),
    }
}

/// The most minutes `carer` may work in `week`: the agency's ceiling for
/// one week and, unless a written opt-out is in force, what keeps the
/// average over the reference period (this week and the weeks before it
/// with a rota, `history`, days of leave left out) within
/// `max_weekly_hours`, as `rota/hours` judges it.
fn max_work(carer: &Carer, policy: &Policy, week: Week, history: &History) -> f64 {
    let wt = &policy.working_time;
    let ceiling = wt.max_hours_in_one_week * 60.0;
    let opted_out = carer
        .working_time_opt_out
        .as_ref()
        .is_some_and(|o| o.in_force(week.monday()));
    if opted_out {
        return ceiling;
    }
    let before = history.minutes.get(carer.id.as_str()).copied().unwrap_or(0) as f64;
    let allowed = wt.max_weekly_hours * 60.0 * history.average_weeks(carer) - before;
    allowed.clamp(0.0, ceiling)
}

/// What a minute of rest short of `min_rest_hours` between two days
/// costs, whatever lateness and travel are priced at (half a minute late,
/// two and a half minutes of travel, at the defaults). Rest is
/// the law's (Working Time Regulations), but care work is commonly
/// treated as needing continuity of service, where daily rest may be
/// shortened against compensatory rest (regulations 21 and 24), and
/// `check` warns of every shortfall (`rota/rest`). Priced as a minute late
/// (100 by default), it left 15 to 35 more visits unassigned on the
/// generated 200-person weeks to cut the shortfalls by a sixth, and at
/// twice that 60 to 105 more to halve them (docs/benchmarks.md): people
/// not visited at all, to spare carers minutes of rest.
const REST_MINUTE: f64 = 50.0;

fn weights(policy: &Policy, repair: bool) -> Weights {
    let w = &policy.rota.weights;
    Weights {
        unassigned: w.unassigned_visit,
        late_minute: w.late_minute,
        max_late_minute: 0.0,
        travel_minute: w.travel_minute,
        extra_worker: w.extra_carer_per_person,
        preference_breach: w.preference_breach,
        contract_hour_gap: w.contract_hour_gap,
        rest_minute: REST_MINUTE,
        // A coordinator must not find the week reshuffled: moving a visit
        // costs a twentieth of leaving it unassigned (2.5 minutes late at
        // the defaults). A fifth moved a third fewer visits to cover one
        // carer's sick week but left ten more unassigned (docs/benchmarks.md).
        changed_task: if repair {
            w.unassigned_visit / 20.0
        } else {
            0.0
        },
    }
}

/// Marks the tasks of an existing rota: locked visits keep their carer and
/// start; in a repair, every visit remembers its carer.
fn apply_previous(
    problem: &mut Problem,
    infos: &[TaskInfo],
    rota: &Rota,
    worker_of: &HashMap<&str, usize>,
    shift: &HashMap<(usize, usize), usize>,
    repair: bool,
) {
    let mut by_visit: HashMap<(&str, &str, NaiveDate), Vec<TaskId>> = HashMap::new();
    for (t, info) in infos.iter().enumerate() {
        by_visit
            .entry((info.service_user.as_str(), info.label.as_str(), info.date))
            .or_default()
            .push(t);
    }
    for visit in &rota.visits {
        let Some(ids) = by_visit.get(&(
            visit.service_user.as_str(),
            visit.label.as_str(),
            visit.date.0,
        )) else {
            continue;
        };
        for (&t, carer) in ids.iter().zip(&visit.carers) {
            let worker = worker_of.get(carer.as_str()).copied();
            if repair {
                problem.tasks[t].previous = worker;
            }
            if !visit.locked {
                continue;
            }
            let day = infos[t].day;
            if let Some(&v) = worker.and_then(|w| shift.get(&(w, day))) {
                let start = day as f64 * DAY + f64::from(visit.start.minutes());
                let task = &mut problem.tasks[t];
                task.locked = Some(v);
                task.window = Interval { start, end: start };
                task.max_late = 0.0;
            }
        }
    }
}
