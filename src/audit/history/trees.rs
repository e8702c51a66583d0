//! Comparing two versions of the records folder's tree, as git stores
//! them. A commit's trees are mostly its parent's, so each is read once
//! while nearby commits need it, and walked in place: a folder of
//! thousands of record files is compared without building an entry for
//! each.

use super::{BlobId, FileChange, Filter, git, lossy};
use crate::audit::AuditError;
use git2::{ObjectType, Odb, OdbObject, Oid};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

/// Trees read during the walk, kept while nearby commits need them.
pub struct Trees<'r> {
    odb: &'r Odb<'r>,
    cache: HashMap<Oid, Rc<OdbObject<'r>>>,
}

impl<'r> Trees<'r> {
    /// Trees kept at most; the cache starts again when full.
    const KEEP: usize = 1024;

    /// Reads trees from `odb`.
    pub fn new(odb: &'r Odb<'r>) -> Trees<'r> {
        Trees {
            odb,
            cache: HashMap::new(),
        }
    }

    /// The folder `name` in the tree `tree`, if there is one.
    pub fn folder(&mut self, tree: Oid, name: &str) -> Result<Option<Oid>, AuditError> {
        let tree = self.get(tree)?;
        let found = entries(tree.data()).find(|e| e.name == name.as_bytes() && e.is_tree());
        Ok(found.and_then(|e| e.oid()))
    }

    /// The blob of the regular file `name` in the tree `tree`.
    pub fn file(&mut self, tree: Oid, name: &str) -> Result<Option<Oid>, AuditError> {
        let tree = self.get(tree)?;
        let found = entries(tree.data()).find(|e| e.name == name.as_bytes() && e.is_file());
        Ok(found.and_then(|e| e.oid()))
    }

    /// The folders of the tree `tree`, in order, but hidden ones.
    pub fn folders(&mut self, tree: Oid) -> Result<Vec<Oid>, AuditError> {
        let tree = self.get(tree)?;
        Ok(entries(tree.data())
            .filter(|e| e.is_tree() && !e.name.starts_with(b"."))
            .filter_map(|e| e.oid())
            .collect())
    }

    fn get(&mut self, id: Oid) -> Result<Rc<OdbObject<'r>>, AuditError> {
        if let Some(tree) = self.cache.get(&id) {
            return Ok(Rc::clone(tree));
        }
        if self.cache.len() >= Self::KEEP {
            self.cache.clear();
        }
        let object = self.odb.read(id).map_err(git)?;
        if object.kind() != ObjectType::Tree {
            return Err(super::broken(format!("{id} is not a tree")));
        }
        let tree = Rc::new(object);
        self.cache.insert(id, Rc::clone(&tree));
        Ok(tree)
    }
}

/// One entry of a tree object: `<mode> <name>\0<id>`.
#[derive(Clone, Copy)]
struct Entry<'a> {
    mode: u32,
    name: &'a [u8],
    id: &'a [u8],
}

impl Entry<'_> {
    fn is_tree(&self) -> bool {
        self.mode == 0o040000
    }

    /// A regular file (a symbolic link or a submodule is not a record).
    fn is_file(&self) -> bool {
        self.mode & 0o170000 == 0o100000
    }

    fn oid(&self) -> Option<Oid> {
        Oid::from_bytes(self.id).ok()
    }
}

/// The entries of a tree object, in order; a malformed tail ends them.
struct Entries<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;

    fn next(&mut self) -> Option<Entry<'a>> {
        let space = self.rest.iter().position(|&b| b == b' ')?;
        let nul = space + 1 + self.rest[space + 1..].iter().position(|&b| b == 0)?;
        let id = self.rest.get(nul + 1..nul + 1 + ID_LEN)?;
        let mode = self.rest[..space].iter().try_fold(0u32, |m, &d| {
            let digit = (b'0'..=b'7').contains(&d).then(|| u32::from(d - b'0'))?;
            m.checked_mul(8)?.checked_add(digit)
        })?;
        let entry = Entry {
            mode,
            name: &self.rest[space + 1..nul],
            id,
        };
        self.rest = &self.rest[nul + 1 + ID_LEN..];
        Some(entry)
    }
}

/// The length of an object id (SHA-1).
const ID_LEN: usize = 20;

fn entries(tree: &[u8]) -> Entries<'_> {
    Entries { rest: tree }
}

/// Record files that differ between two records trees.
pub fn diff(
    trees: &mut Trees,
    old: Option<Oid>,
    new: Option<Oid>,
    is_record: &Filter<'_>,
) -> Result<Vec<FileChange>, AuditError> {
    let mut out = Vec::new();
    diff_trees(trees, old, new, "", is_record, &mut out)?;
    Ok(out)
}

/// Entries of a tree, as git orders them: by name, a folder's name read
/// as if it ended in `/`.
fn order(a: &Entry, b: &Entry) -> Ordering {
    let n = a.name.len().min(b.name.len());
    a.name[..n].cmp(&b.name[..n]).then_with(|| {
        let end = |e: &Entry| e.name.get(n).copied().or(e.is_tree().then_some(b'/'));
        end(a).cmp(&end(b))
    })
}

/// Walks two trees side by side; an entry whose id is the same on both
/// sides is skipped without reading it.
fn diff_trees(
    trees: &mut Trees,
    old: Option<Oid>,
    new: Option<Oid>,
    dir: &str,
    is_record: &Filter<'_>,
    out: &mut Vec<FileChange>,
) -> Result<(), AuditError> {
    if old == new {
        return Ok(());
    }
    let old = old.map(|id| trees.get(id)).transpose()?;
    let new = new.map(|id| trees.get(id)).transpose()?;
    let mut a_all = entries(old.as_ref().map_or(&[][..], |t| t.data())).peekable();
    let mut b_all = entries(new.as_ref().map_or(&[][..], |t| t.data())).peekable();
    loop {
        let (a, b) = match (a_all.peek(), b_all.peek()) {
            (None, None) => break,
            (Some(a), Some(b)) => match order(a, b) {
                Ordering::Equal => (a_all.next(), b_all.next()),
                Ordering::Less => (a_all.next(), None),
                Ordering::Greater => (None, b_all.next()),
            },
            (Some(_), None) => (a_all.next(), None),
            (None, Some(_)) => (None, b_all.next()),
        };
        let same = matches!((&a, &b), (Some(a), Some(b)) if a.id == b.id && a.mode == b.mode);
        if !same {
            entry_change(trees, dir, a, b, is_record, out)?;
        }
    }
    Ok(())
}

/// One name that differs between two trees: a folder to walk into, a
/// record file changed, or both (a file that became a folder).
fn entry_change(
    trees: &mut Trees,
    dir: &str,
    a: Option<Entry>,
    b: Option<Entry>,
    is_record: &Filter<'_>,
    out: &mut Vec<FileChange>,
) -> Result<(), AuditError> {
    let Some(name) = a.or(b).map(|e| lossy(e.name)) else {
        return Ok(());
    };
    let path = if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    };
    let tree = |e: Option<Entry>| e.filter(Entry::is_tree).and_then(|e| e.oid());
    let (ta, tb) = (tree(a), tree(b));
    if ta.is_some() || tb.is_some() {
        diff_trees(trees, ta, tb, &path, is_record, out)?;
    }
    let file = |e: Option<Entry>| {
        e.filter(Entry::is_file)
            .and_then(|e| e.oid())
            .map(BlobId::of)
    };
    let (old, new) = (file(a), file(b));
    if old != new && is_record(&path) {
        out.push(FileChange {
            path,
            old,
            new,
            silent: false,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(entries: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (mode, name, id) in entries {
            out.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            out.extend_from_slice(&[*id; ID_LEN]);
        }
        out
    }

    #[test]
    fn reads_entries_and_stops_at_a_malformed_tail() {
        let mut data = raw(&[("100644", "a.yaml", 1), ("40000", "dir", 2)]);
        let all: Vec<(u32, Vec<u8>)> = entries(&data).map(|e| (e.mode, e.name.to_vec())).collect();
        assert_eq!(
            all,
            [(0o100644, b"a.yaml".to_vec()), (0o40000, b"dir".to_vec())]
        );
        data.extend_from_slice(b"99999999999999999999 x\0short");
        assert_eq!(entries(&data).count(), 2);
        assert_eq!(entries(b"100644 x\0\x01").count(), 0);
    }

    #[test]
    fn folders_sort_as_if_they_ended_in_a_slash() {
        let data = raw(&[("100644", "a", 1), ("40000", "a", 2), ("100644", "a.b", 3)]);
        let e: Vec<Entry> = entries(&data).collect();
        assert_eq!(order(&e[0], &e[1]), Ordering::Less);
        // "a/" sorts after "a.b" ('/' > '.').
        assert_eq!(order(&e[1], &e[2]), Ordering::Greater);
        assert!(e[1].is_tree() && e[0].is_file());
    }
}
