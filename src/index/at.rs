//! A typed record together with the entry it was read from: the record
//! for reading, the entry for pointing a finding at any of its values.

use crate::load::Entry;
use std::ops::Deref;

/// A typed record together with its entry (for positions).
///
/// It derefs to the record, so `plan.status` reads the record's field;
/// `plan.entry` and `plan.record` reach either part.
#[derive(Debug)]
pub struct At<'a, T> {
    /// The entry: file and tree.
    pub entry: &'a Entry,
    /// The typed record.
    pub record: &'a T,
}

impl<T> Clone for At<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for At<'_, T> {}

impl<T> Deref for At<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.record
    }
}
