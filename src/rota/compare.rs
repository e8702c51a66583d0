//! A week's rota beside the week before's: the figures a coordinator
//! compares week on week (visits assigned and unassigned, travel between
//! visits, distinct carers per person), each computed from the rota record
//! alone, the same way for both weeks. Travel is what `check` and the
//! planner count ([`Index::worked`]): whole minutes between consecutive
//! visits of a carer's day, by the carer's own mode, from the agency's
//! matrix or the estimate.

use crate::index::Index;
use crate::load::Repo;
use crate::model::Rota;
use crate::model::values::{Id, Week};
use crate::travel::TravelTimes;
use std::collections::{BTreeMap, BTreeSet};

/// A rota's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The rota's week.
    pub week: Week,
    /// Visits with carers (a double-up counts once).
    pub assigned: usize,
    /// Visits the rota lists as unassigned, when it lists them all: a rota
    /// carebook wrote does; a hand-written one that lists none may not.
    pub unassigned: Option<usize>,
    /// Minutes of travel between visits (not to or from home).
    pub travel_between: f64,
    /// Distinct carers per service user: mean.
    pub carers_per_person_mean: f64,
    /// Distinct carers per service user: most.
    pub carers_per_person_max: usize,
}

impl Figures {
    /// The figures of `rota`, travel timed by `travel` for the records of
    /// `index`.
    pub fn of(index: &Index, rota: &Rota, travel: &TravelTimes) -> Figures {
        let travel_between = index
            .worked(rota, travel)
            .values()
            .map(|w| w.travel as f64)
            .sum();
        let (mean, max) = carers_per_person(rota);
        Figures {
            week: rota.week,
            assigned: rota.visits.len(),
            unassigned: (rota.generated.is_some() || !rota.unassigned.is_empty())
                .then_some(rota.unassigned.len()),
            travel_between,
            carers_per_person_mean: mean,
            carers_per_person_max: max,
        }
    }

    /// Minutes of travel between visits per assigned visit (none without
    /// visits).
    pub fn travel_per_visit(&self) -> Option<f64> {
        (self.assigned > 0).then(|| self.travel_between / self.assigned as f64)
    }
}

/// Distinct carers per service user in `rota`: the mean over the people
/// with visits (0 with none), and the most.
pub fn carers_per_person(rota: &Rota) -> (f64, usize) {
    let mut per_person: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for v in &rota.visits {
        per_person
            .entry(v.service_user.as_str())
            .or_default()
            .extend(v.carers.iter().map(Id::as_str));
    }
    let counts: Vec<usize> = per_person.values().map(BTreeSet::len).collect();
    let mean = if counts.is_empty() {
        0.0
    } else {
        counts.iter().sum::<usize>() as f64 / counts.len() as f64
    };
    (mean, counts.iter().copied().max().unwrap_or(0))
}

/// A week's rota beside the rota of the week before.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// This week's figures.
    pub this: Figures,
    /// The week before.
    pub before_week: Week,
    /// Its figures, when the repository holds its rota.
    pub before: Option<Figures>,
}

/// `rota` (the week just planned) beside the rota the repository holds
/// for the week before, both figured the same way.
pub fn with_week_before(repo: &Repo, rota: &Rota) -> Comparison {
    let index = Index::new(repo);
    let (travel, _) = TravelTimes::for_repo(&index.policy.travel, &repo.root);
    let before_week = rota.week.previous();
    let before = index
        .rota_of_week(before_week)
        .map(|file| Figures::of(&index, file.rota, &travel));
    Comparison {
        this: Figures::of(&index, rota, &travel),
        before_week,
        before,
    }
}

#[cfg(test)]
mod tests;
