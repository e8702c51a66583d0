//! Everything about one service user: their record, their care plans,
//! their visit rules and their visits in rotas, gathered once.

use super::Index;
use super::at::At;
use crate::model::rota::RotaVisit;
use crate::model::{CarePlan, Mar, Rota, ServiceUser, VisitRules};

/// One visit of a rota, with the rota it stands in.
#[derive(Debug, Clone, Copy)]
pub struct RotaVisitAt<'a> {
    /// The rota (and its entry, for positions).
    pub rota: At<'a, Rota>,
    /// The index of the visit in the rota's `visits`.
    pub index: usize,
    /// The visit.
    pub visit: &'a RotaVisit,
}

/// The records that name one service user, in path order.
#[derive(Debug, Clone, Default)]
pub(super) struct Lists<'a> {
    /// Their care plans.
    pub plans: Vec<At<'a, CarePlan>>,
    /// Their visit rules.
    pub rules: Vec<At<'a, VisitRules>>,
    /// Their visits in every rota, rota by rota in path order.
    pub visits: Vec<RotaVisitAt<'a>>,
    /// Their medication administration records, in path order.
    pub mars: Vec<At<'a, Mar>>,
}

/// Everything about one service user.
#[derive(Debug, Clone, Copy)]
pub struct Person<'i, 'a> {
    /// Their record, when one with the id has passed its schema.
    pub record: Option<At<'a, ServiceUser>>,
    /// Their care plans, in path order.
    pub plans: &'i [At<'a, CarePlan>],
    /// Their visit rules, in path order.
    pub rules: &'i [At<'a, VisitRules>],
    /// Their visits in every rota.
    pub visits: &'i [RotaVisitAt<'a>],
    /// Their medication administration records, in path order.
    pub mars: &'i [At<'a, Mar>],
}

impl<'a> Index<'a> {
    /// Everything about the service user with `id` (empty lists when no
    /// record names them).
    pub fn person(&self, id: &str) -> Person<'_, 'a> {
        let lists = self.people.get(id);
        Person {
            record: self.service_users.get(id),
            plans: lists.map_or(&[], |l| l.plans.as_slice()),
            rules: lists.map_or(&[], |l| l.rules.as_slice()),
            visits: lists.map_or(&[], |l| l.visits.as_slice()),
            mars: lists.map_or(&[], |l| l.mars.as_slice()),
        }
    }

    /// The care plans of a service user, in path order.
    pub fn plans_of(&self, service_user: &str) -> &[At<'a, CarePlan>] {
        self.person(service_user).plans
    }

    /// The visit rules of a service user, in path order.
    pub fn rules_of(&self, service_user: &str) -> &[At<'a, VisitRules>] {
        self.person(service_user).rules
    }

    /// The visits of a service user in every rota.
    pub fn visits_of(&self, service_user: &str) -> &[RotaVisitAt<'a>] {
        self.person(service_user).visits
    }
}
