//! Records that could not be read: files that failed their schema (they
//! have an entry but no typed record) and files that did not parse at all
//! (only a few top-level values were salvaged from their text).
//!
//! Rules use these to hold back conclusions that would only repeat the
//! broken file's own finding, such as "no care plan" for a person whose
//! care plan has a schema error.

use crate::load::{Entry, Repo};
use crate::model::Kind;
use std::collections::HashSet;

/// The broken records of a repository, by kind and service user, and the
/// ids of files that did not parse.
#[derive(Debug, Clone, Default)]
pub(super) struct Broken<'a> {
    /// (kind, service user) of records that failed their schema or did not parse.
    by_person: HashSet<(Kind, &'a str)>,
    /// Ids salvaged from files that did not parse.
    unparsed_ids: HashSet<&'a str>,
}

impl<'a> Broken<'a> {
    /// Notes an entry that has no typed record.
    pub(super) fn add_entry(&mut self, entry: &'a Entry) {
        if let Some(su) = entry.raw_str("service_user") {
            self.by_person.insert((entry.kind, su));
        }
    }

    /// Notes every file of `repo` that did not parse.
    pub(super) fn add_salvaged(&mut self, repo: &'a Repo) {
        for (_, fields) in &repo.salvaged {
            let kind = Repo::salvaged_value(fields, "kind").and_then(Kind::from_name);
            if let (Some(kind), Some(su)) = (kind, Repo::salvaged_value(fields, "service_user")) {
                self.by_person.insert((kind, su));
            }
            if let Some(id) = Repo::salvaged_value(fields, "id") {
                self.unparsed_ids.insert(id);
            }
        }
    }

    /// Whether a broken record of `kind` names `service_user`.
    pub(super) fn has(&self, kind: Kind, service_user: &str) -> bool {
        // The set is covariant: look up with the caller's shorter lifetime.
        let set: &HashSet<(Kind, &str)> = &self.by_person;
        set.contains(&(kind, service_user))
    }

    /// Whether `id` is the id of a file that did not parse.
    pub(super) fn is_unparsed_id(&self, id: &str) -> bool {
        self.unparsed_ids.contains(id)
    }
}
