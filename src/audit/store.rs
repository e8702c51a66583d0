//! Parsed versions cached by blob id, and which blob each record path
//! holds as the walk goes. A blob is parsed once however many commits or
//! paths share it; a version no path holds any more is dropped at the end
//! of each batch, so memory follows the size of the repository, not the
//! length of its history.

use super::history::BlobId;
use super::version::Version;
use std::collections::HashMap;
use std::sync::Arc;

struct Cached {
    version: Arc<Version>,
    /// How many paths hold this blob now.
    holders: usize,
}

/// The cache of parsed versions and the current blob of each path.
#[derive(Default)]
pub struct Store {
    versions: HashMap<BlobId, Cached>,
    paths: HashMap<String, BlobId>,
}

impl Store {
    /// The parsed version of a blob, if cached.
    pub fn get(&self, id: BlobId) -> Option<Arc<Version>> {
        self.versions.get(&id).map(|c| Arc::clone(&c.version))
    }

    /// Whether a blob is cached.
    pub fn contains(&self, id: BlobId) -> bool {
        self.versions.contains_key(&id)
    }

    /// Caches a parsed version (held by no path yet).
    pub fn insert(&mut self, id: BlobId, version: Version) -> Arc<Version> {
        let cached = self.versions.entry(id).or_insert_with(|| Cached {
            version: Arc::new(version),
            holders: 0,
        });
        Arc::clone(&cached.version)
    }

    /// Records that `path` now holds `id` (or nothing, when deleted).
    pub fn set_path(&mut self, path: &str, id: Option<BlobId>) {
        let old = match id {
            Some(id) => self.paths.insert(path.to_owned(), id),
            None => self.paths.remove(path),
        };
        if old == id {
            return;
        }
        if let Some(c) = old.and_then(|old| self.versions.get_mut(&old)) {
            c.holders = c.holders.saturating_sub(1);
        }
        if let Some(c) = id.and_then(|id| self.versions.get_mut(&id)) {
            c.holders += 1;
        }
    }

    /// Drops every version no path holds.
    pub fn sweep(&mut self) {
        self.versions.retain(|_, c| c.holders > 0);
    }

    /// How many versions are cached.
    pub fn len(&self) -> usize {
        self.versions.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> Version {
        Version::from_bytes(b"kind: carer\nid: C-1\n".to_vec())
    }

    #[test]
    fn keeps_what_a_path_holds_and_sweeps_the_rest() {
        let a = history_id(1);
        let b = history_id(2);
        let mut s = Store::default();
        s.insert(a, v());
        s.insert(b, v());
        s.set_path("x.yaml", Some(a));
        s.set_path("y.yaml", Some(a));
        s.sweep();
        assert!(s.contains(a) && !s.contains(b));
        s.insert(b, v());
        s.set_path("x.yaml", Some(b));
        s.set_path("y.yaml", None);
        s.sweep();
        assert!(!s.contains(a) && s.contains(b));
        assert_eq!(s.len(), 1);
    }

    fn history_id(n: u8) -> BlobId {
        BlobId::for_test(n)
    }
}
