//! The records of one kind: in path order for walking, by id for lookups.

use super::at::At;
use std::collections::HashMap;
use std::ops::Deref;

/// The typed records of one kind, in path order, with a lookup by id.
///
/// When an id is duplicated, [`Table::get`] gives the first record in
/// path order, as every consumer has always taken it; `check` reports the
/// duplicate.
#[derive(Debug)]
pub struct Table<'a, T> {
    all: Vec<At<'a, T>>,
    by_id: HashMap<&'a str, At<'a, T>>,
}

impl<T> Default for Table<'_, T> {
    fn default() -> Self {
        Table {
            all: Vec::new(),
            by_id: HashMap::new(),
        }
    }
}

impl<T> Clone for Table<'_, T> {
    fn clone(&self) -> Self {
        Table {
            all: self.all.clone(),
            by_id: self.by_id.clone(),
        }
    }
}

impl<'a, T> Table<'a, T> {
    /// Adds a record whose id is `id` (records come in path order).
    pub(super) fn push(&mut self, id: &'a str, at: At<'a, T>) {
        self.by_id.entry(id).or_insert(at);
        self.all.push(at);
    }

    /// The record with `id` (the first in path order, if duplicated).
    pub fn get(&self, id: &str) -> Option<At<'a, T>> {
        self.by_id.get(id).copied()
    }

    /// Every record, in path order.
    pub fn as_slice(&self) -> &[At<'a, T>] {
        &self.all
    }
}

impl<'a, T> Deref for Table<'a, T> {
    type Target = [At<'a, T>];

    fn deref(&self) -> &[At<'a, T>] {
        &self.all
    }
}

impl<'t, 'a, T> IntoIterator for &'t Table<'a, T> {
    type Item = &'t At<'a, T>;
    type IntoIter = std::slice::Iter<'t, At<'a, T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.all.iter()
    }
}
