//! An independent evaluator for the benchmark of Mankowska, Meisel &
//! Bierwirth (2014), written only from the benchmark README
//! (`data/mankowska/README.md` of this crate).
//!
//! It reads an instance and a solution in the reference solution format with
//! its own parsers (nothing from the `carebook` crate), checks that the
//! solution is feasible and computes D, T, Tmax and (D + T + Tmax) / 3 with
//! the README's timing rule: earliest starts, then synchronisation and
//! precedence repaired to a fixed point.

use std::collections::HashMap;

/// One instance, as the README describes the file.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Number of nodes (patients + 2); node 0 is the depot, node N−1 its copy.
    pub nodes: usize,
    /// Number of caregivers.
    pub vehicles: usize,
    /// Number of service types.
    pub services: usize,
    /// `required[i][s]`: patient i requires service s (depot rows cleared).
    pub required: Vec<Vec<bool>>,
    /// `qualified[v][s]`: caregiver v may perform service s.
    pub qualified: Vec<Vec<bool>>,
    /// Travel distance = travel time, N × N.
    pub dist: Vec<Vec<f64>>,
    /// `p` rows: `duration[i * V + v][s]`.
    pub duration: Vec<Vec<f64>>,
    /// δmin per node.
    pub mind: Vec<f64>,
    /// δmax per node.
    pub maxd: Vec<f64>,
    /// Earliest start per node.
    pub early: Vec<f64>,
    /// Latest start without tardiness per node.
    pub late: Vec<f64>,
}

impl Instance {
    /// Reads an instance file's text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut sections: HashMap<&str, Vec<Vec<f64>>> = HashMap::new();
        let mut current: Option<&str> = None;
        for (no, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                if sections.insert(line, Vec::new()).is_some() {
                    return Err(format!("line {}: section `{line}` repeated", no + 1));
                }
                current = Some(line);
                continue;
            }
            let key = current.ok_or_else(|| format!("line {}: data before any section", no + 1))?;
            let row = line
                .split_whitespace()
                .map(|w| {
                    w.parse::<f64>()
                        .map_err(|_| format!("line {}: `{w}` is not a number", no + 1))
                })
                .collect::<Result<Vec<_>, _>>()?;
            sections.get_mut(key).expect("section exists").push(row);
        }
        let rows = |k: &str| sections.get(k).ok_or_else(|| format!("no section `{k}`"));
        let flat = |k: &str| rows(k).map(|r| r.concat());
        let count = |k: &str| -> Result<usize, String> {
            match flat(k)?[..] {
                [x] if x >= 0.0 && x.fract() == 0.0 => Ok(x as usize),
                _ => Err(format!("`{k}` is not one count")),
            }
        };
        let nodes = count("nbNodes")?;
        let vehicles = count("nbVehi")?;
        let services = count("nbServi")?;
        if nodes < 3 || vehicles == 0 || services == 0 {
            return Err("empty instance".into());
        }
        let matrix = |k: &str, n: usize, m: usize| -> Result<Vec<Vec<f64>>, String> {
            let r = rows(k)?;
            if r.len() != n || r.iter().any(|row| row.len() != m) {
                return Err(format!("`{k}` is not {n} rows of {m}"));
            }
            Ok(r.clone())
        };
        let vector = |k: &str| -> Result<Vec<f64>, String> {
            let v = flat(k)?;
            if v.len() != nodes {
                return Err(format!("`{k}` has {} values, not {nodes}", v.len()));
            }
            Ok(v)
        };
        let bits = |m: Vec<Vec<f64>>, k: &str| -> Result<Vec<Vec<bool>>, String> {
            m.into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|x| match x {
                            0.0 => Ok(false),
                            1.0 => Ok(true),
                            _ => Err(format!("`{k}` holds {x}, not 0/1")),
                        })
                        .collect()
                })
                .collect()
        };
        let mut required = bits(matrix("r", nodes, services)?, "r")?;
        required[0].fill(false);
        required[nodes - 1].fill(false);
        let qualified = bits(matrix("a", vehicles, services)?, "a")?;
        let dist = matrix("d", nodes, nodes)?;
        let duration = matrix("p", nodes * vehicles, services)?;
        let inst = Self {
            nodes,
            vehicles,
            services,
            required,
            qualified,
            dist,
            duration,
            mind: vector("mind")?,
            maxd: vector("maxd")?,
            early: vector("e")?,
            late: vector("l")?,
        };
        // `DS` lists the double-service patients as node + 1: it must agree
        // with the patients that require two services.
        let mut listed: Vec<usize> = Vec::new();
        for x in flat("DS")? {
            if x < 2.0 || x.fract() != 0.0 || x as usize > nodes - 1 {
                return Err(format!("`DS` holds {x}, not a patient node + 1"));
            }
            listed.push(x as usize - 1);
        }
        listed.sort_unstable();
        let doubles: Vec<usize> = (1..nodes - 1)
            .filter(|&i| inst.services_of(i).len() == 2)
            .collect();
        if listed != doubles {
            return Err(format!(
                "`DS` {listed:?} differs from the two-service patients {doubles:?}"
            ));
        }
        if let Some(i) = (1..nodes - 1).find(|&i| !matches!(inst.services_of(i).len(), 1 | 2)) {
            return Err(format!(
                "patient {i} requires {} services",
                inst.services_of(i).len()
            ));
        }
        Ok(inst)
    }

    /// The services patient `i` requires, in increasing order.
    pub fn services_of(&self, i: usize) -> Vec<usize> {
        (0..self.services)
            .filter(|&s| self.required[i][s])
            .collect()
    }

    /// Whether the patient's two services start together (δmin = δmax = 0).
    pub fn simultaneous(&self, i: usize) -> bool {
        self.mind[i] == 0.0 && self.maxd[i] == 0.0
    }
}

/// One route of a solution file.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The caregiver.
    pub vehicle: usize,
    /// The arcs as written: (origin, destination, service field).
    pub arcs: Vec<(usize, usize, usize)>,
}

/// A solution file: its routes and the cost its header states, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct SolutionFile {
    /// The routes in file order.
    pub routes: Vec<Route>,
    /// `Cost = …` of the `#` header.
    pub stated_cost: Option<f64>,
}

impl SolutionFile {
    /// Reads a solution in the reference format (`#` lines are comments).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut stated_cost = None;
        let mut lines = Vec::new();
        for (no, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(comment) = line.strip_prefix('#') {
                let mut words = comment.split_whitespace();
                while let Some(w) = words.next() {
                    if w == "Cost" && words.next() == Some("=") {
                        stated_cost = words.next().and_then(|x| x.parse::<f64>().ok());
                    }
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let nums = line
                .split_whitespace()
                .map(|w| {
                    w.parse::<usize>()
                        .map_err(|_| format!("line {}: `{w}` is not a count", no + 1))
                })
                .collect::<Result<Vec<_>, _>>()?;
            lines.push((no + 1, nums));
        }
        let mut routes = Vec::new();
        let mut it = lines.into_iter();
        while let Some((no, head)) = it.next() {
            let [vehicle, len] = head[..] else {
                return Err(format!("line {no}: expected `<vehicle> <route length>`"));
            };
            let mut arcs = Vec::with_capacity(len);
            for _ in 0..len {
                let (no, arc) = it
                    .next()
                    .ok_or_else(|| format!("route of caregiver {vehicle}: file ends early"))?;
                let [from, to, v, s] = arc[..] else {
                    return Err(format!(
                        "line {no}: expected `<origin> <dest> <vehicle> <service>`"
                    ));
                };
                if v != vehicle {
                    return Err(format!(
                        "line {no}: arc names caregiver {v} inside the route of {vehicle}"
                    ));
                }
                arcs.push((from, to, s));
            }
            routes.push(Route { vehicle, arcs });
        }
        Ok(Self {
            routes,
            stated_cost,
        })
    }
}

/// A service performed: patient, service, caregiver and its start time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visit {
    /// Patient node.
    pub node: usize,
    /// Service index.
    pub service: usize,
    /// Caregiver.
    pub vehicle: usize,
    /// Start time by the README's rule.
    pub start: f64,
    /// Tardiness max(0, start − l).
    pub tardiness: f64,
}

/// The evaluator's verdict on a solution.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Every broken rule; empty means feasible.
    pub violations: Vec<String>,
    /// Total travel distance D.
    pub distance: f64,
    /// Total tardiness T.
    pub tardiness: f64,
    /// Largest tardiness Tmax.
    pub tmax: f64,
    /// (D + T + Tmax) / 3.
    pub cost: f64,
    /// The services with their start times, route by route.
    pub visits: Vec<Visit>,
}

impl Evaluation {
    /// Whether no rule is broken.
    pub fn feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks a solution against an instance and computes its objective.
pub fn evaluate(inst: &Instance, sol: &SolutionFile) -> Evaluation {
    let n = inst.nodes;
    let depot_end = n - 1;
    let mut violations = Vec::new();
    let mut distance = 0.0;
    // Route structure, qualification, and the visits of each route.
    let mut seen_vehicle = vec![false; inst.vehicles];
    let mut routes: Vec<Vec<usize>> = Vec::new(); // indices into `visits`
    let mut visits: Vec<Visit> = Vec::new();
    let mut done: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for route in &sol.routes {
        let v = route.vehicle;
        if v >= inst.vehicles {
            violations.push(format!(
                "caregiver {v} does not exist ({} caregivers)",
                inst.vehicles
            ));
            continue;
        }
        if std::mem::replace(&mut seen_vehicle[v], true) {
            violations.push(format!("caregiver {v} has two routes"));
        }
        let mut mine = Vec::new();
        let mut at = 0;
        for (k, &(from, to, s)) in route.arcs.iter().enumerate() {
            if from >= n || to >= n {
                violations.push(format!(
                    "caregiver {v}, arc {k}: node out of range ({from} -> {to})"
                ));
                break;
            }
            if from != at {
                violations.push(format!(
                    "caregiver {v}, arc {k}: starts at {from}, but the route is at {at}"
                ));
            }
            distance += inst.dist[from][to];
            at = to;
            let last = k + 1 == route.arcs.len();
            if last {
                if to != 0 && to != depot_end {
                    violations.push(format!(
                        "caregiver {v}: route ends at node {to}, not the depot"
                    ));
                }
                break;
            }
            if to == 0 || to == depot_end {
                violations.push(format!(
                    "caregiver {v}, arc {k}: visits the depot mid-route"
                ));
                continue;
            }
            if s >= inst.services || !inst.required[to][s] {
                violations.push(format!(
                    "caregiver {v}: patient {to} does not require service {s}"
                ));
                continue;
            }
            if !inst.qualified[v][s] {
                violations.push(format!(
                    "caregiver {v} is not qualified for service {s} (patient {to})"
                ));
            }
            done.entry((to, s)).or_default().push(visits.len());
            mine.push(visits.len());
            visits.push(Visit {
                node: to,
                service: s,
                vehicle: v,
                start: 0.0,
                tardiness: 0.0,
            });
        }
        if route.arcs.first().is_some_and(|a| a.0 != 0) {
            violations.push(format!("caregiver {v}: route does not start at the depot"));
        }
        if route.arcs.is_empty() {
            violations.push(format!("caregiver {v}: route without arcs"));
        }
        routes.push(mine);
    }
    // Every required (patient, service) exactly once; doubles by two people.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new(); // (patient, first, second)
    for i in 1..depot_end {
        let mut ops = Vec::new();
        for s in inst.services_of(i) {
            match done.get(&(i, s)).map_or(&[][..], Vec::as_slice) {
                [] => violations.push(format!("patient {i}, service {s}: not performed")),
                [one] => ops.push(*one),
                many => violations.push(format!(
                    "patient {i}, service {s}: performed {} times",
                    many.len()
                )),
            }
        }
        if let [a, b] = ops[..] {
            if visits[a].vehicle == visits[b].vehicle {
                violations.push(format!(
                    "patient {i}: both services by caregiver {}",
                    visits[a].vehicle
                ));
            }
            // services_of is increasing, so `a` is the lower service index.
            pairs.push((i, a, b));
        }
    }
    // Timing: earliest starts along the routes, then synchronisation and
    // precedence, repeated to a fixed point. Every repair only moves starts
    // later, so this is Bellman–Ford on the difference constraints: if it
    // still moves after as many passes as there are services, a cycle
    // (e.g. two caregivers waiting for each other) makes the plan impossible.
    const EPS: f64 = 1e-9;
    let dur = |x: &Visit| inst.duration[x.node * inst.vehicles + x.vehicle][x.service];
    for x in &mut visits {
        x.start = inst.early[x.node];
    }
    let mut converged = false;
    for _pass in 0..=visits.len() + 1 {
        let mut moved = false;
        for route in &routes {
            let (mut place, mut free) = (0, 0.0);
            for &k in route {
                let arrival = free + inst.dist[place][visits[k].node];
                if arrival > visits[k].start + EPS {
                    visits[k].start = arrival;
                    moved = true;
                }
                place = visits[k].node;
                free = visits[k].start + dur(&visits[k]);
            }
        }
        for &(i, a, b) in &pairs {
            if inst.simultaneous(i) {
                let t = visits[a].start.max(visits[b].start);
                for k in [a, b] {
                    if t > visits[k].start + EPS {
                        visits[k].start = t;
                        moved = true;
                    }
                }
            } else {
                if visits[a].start + inst.mind[i] > visits[b].start + EPS {
                    visits[b].start = visits[a].start + inst.mind[i];
                    moved = true;
                }
                if visits[b].start - visits[a].start > inst.maxd[i] + EPS {
                    visits[a].start = visits[b].start - inst.maxd[i];
                    moved = true;
                }
            }
        }
        if !moved {
            converged = true;
            break;
        }
    }
    if !converged {
        violations.push("start times do not settle: synchronisation or precedence deadlock".into());
    }
    let (mut tardiness, mut tmax) = (0.0_f64, 0.0_f64);
    for x in &mut visits {
        x.tardiness = (x.start - inst.late[x.node]).max(0.0);
        tardiness += x.tardiness;
        tmax = tmax.max(x.tardiness);
    }
    // Final check of the settled times against the rules themselves, so the
    // verdict does not rest on the fixed-point loop alone.
    if converged {
        for route in &routes {
            let (mut place, mut free) = (0, 0.0);
            for &k in route {
                let x = &visits[k];
                if x.start < inst.early[x.node] - 1e-6
                    || x.start < free + inst.dist[place][x.node] - 1e-6
                {
                    violations.push(format!(
                        "caregiver {}: patient {} starts at {} before it can",
                        x.vehicle, x.node, x.start
                    ));
                }
                place = x.node;
                free = x.start + dur(x);
            }
        }
        for &(i, a, b) in &pairs {
            let gap = visits[b].start - visits[a].start;
            let ok = if inst.simultaneous(i) {
                gap.abs() <= 1e-6
            } else {
                gap >= inst.mind[i] - 1e-6 && gap <= inst.maxd[i] + 1e-6
            };
            if !ok {
                violations.push(format!("patient {i}: services start {gap} apart"));
            }
        }
    }
    Evaluation {
        violations,
        distance,
        tardiness,
        tmax,
        cost: (distance + tardiness + tmax) / 3.0,
        visits,
    }
}

/// Reads both files and evaluates.
pub fn evaluate_files(
    instance: &std::path::Path,
    solution: &std::path::Path,
) -> Result<Evaluation, String> {
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let inst =
        Instance::parse(&read(instance)?).map_err(|e| format!("{}: {e}", instance.display()))?;
    let sol = SolutionFile::parse(&read(solution)?)
        .map_err(|e| format!("{}: {e}", solution.display()))?;
    Ok(evaluate(&inst, &sol))
}
