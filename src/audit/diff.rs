//! The semantic difference between two versions of a record, field by
//! field: `consent.status: given → withdrawn`,
//! `visits[morning].duration: 30m → 45m`.
//!
//! Comments and layout are not values, so they make no change. List items
//! with a natural key (a visit's `label`, a course, a contact's `name`, a
//! risk, a need's `domain`, a medicine's `name`) are matched by key, so
//! reordering a list or inserting into it changes nothing else. A list of
//! plain values (`skills`, `days`) is one value. Other lists are matched by
//! position.

use super::keys::item_keys;
use crate::load::node::{Node, pos_of};
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::collections::HashMap;

/// One step of a field's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key: `consent`.
    Key(String),
    /// A list item by its natural key: `[morning]`.
    Item(String),
    /// A list item by position: `[0]`.
    Index(usize),
}

/// One field that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Where the field is.
    pub path: Vec<Seg>,
    /// The value before, written out; `None` when the field was added.
    pub before: Option<String>,
    /// The value after; `None` when the field was removed.
    pub after: Option<String>,
    /// The line of the value after, when there is one.
    pub line: Option<u32>,
}

impl FieldChange {
    /// The field as shown: `visits[morning].duration`.
    pub fn field(&self) -> String {
        field_name(&self.path)
    }

    /// The top-level key the field is under (`needs`, `consent`).
    pub fn top(&self) -> &str {
        match self.path.first() {
            Some(Seg::Key(k)) => k,
            _ => "",
        }
    }

    /// The last mapping key of the path (`reviewed_on`).
    pub fn last_key(&self) -> Option<&str> {
        self.path.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            _ => None,
        })
    }
}

/// A path written out: keys joined by `.`, list items in brackets.
pub fn field_name(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Item(k) => {
                out.push('[');
                out.push_str(k);
                out.push(']');
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A value written out on one line: scalars as they read, lists and
/// mappings in YAML's flow style, with a space inside the braces of a
/// mapping (`{ status: given }`) so nested mappings read apart and never
/// close with `}}`, which a reader (and a check of the pages) takes for
/// template syntax.
pub fn render(node: &Node) -> String {
    match node {
        Node::Null => "null".to_owned(),
        Node::Bool(b) => b.to_string(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) => f.to_string(),
        Node::Str(s) if s.is_empty() => "\"\"".to_owned(),
        Node::Str(s) => s.clone(),
        Node::Seq(items) => {
            let inner: Vec<String> = items.iter().map(|i| render(&i.value)).collect();
            format!("[{}]", inner.join(", "))
        }
        Node::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", render(&k.value), render(&v.value)))
                .collect();
            if inner.is_empty() {
                "{}".to_owned()
            } else {
                format!("{{ {} }}", inner.join(", "))
            }
        }
    }
}

fn is_scalar(node: &Node) -> bool {
    !matches!(node, Node::Seq(_) | Node::Map(_))
}

/// Every field that differs from `before` to `after`, in the order of the
/// `after` file, then the fields removed.
pub fn diff(before: &Spanned<Node>, after: &Spanned<Node>) -> Vec<FieldChange> {
    diff_except(before, after, &|_| false)
}

/// As [`diff`], taking the caller's word that the top-level fields for
/// which `unchanged` holds are the same (it knows their text is).
pub fn diff_except(
    before: &Spanned<Node>,
    after: &Spanned<Node>,
    unchanged: &dyn Fn(&str) -> bool,
) -> Vec<FieldChange> {
    let mut sink = Sink::default();
    match (&before.value, &after.value) {
        (Node::Map(b), Node::Map(a)) => maps(&mut Vec::new(), b, a, &mut sink, unchanged),
        _ => compare(&mut Vec::new(), before, after, &mut sink),
    }
    let mut out = sink.out;
    out.append(&mut sink.removed);
    out
}

/// Where changes go: in the order of the `after` file, and removals apart.
#[derive(Default)]
struct Sink {
    out: Vec<FieldChange>,
    removed: Vec<FieldChange>,
}

/// Whether two nodes hold the same values, wherever they stand.
fn same(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Str(x), Node::Str(y)) => x == y,
        (Node::Int(x), Node::Int(y)) => x == y,
        (Node::Float(x), Node::Float(y)) => x.to_bits() == y.to_bits(),
        (Node::Bool(x), Node::Bool(y)) => x == y,
        (Node::Null, Node::Null) => true,
        (Node::Seq(x), Node::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(&p.value, &q.value))
        }
        (Node::Map(x), Node::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| same(&p.0.value, &q.0.value) && same(&p.1.value, &q.1.value))
        }
        _ => false,
    }
}

/// A mapping key as text, borrowed when it is text already.
fn key_text(node: &Node) -> Option<Cow<'_, str>> {
    match node {
        Node::Str(s) => Some(Cow::Borrowed(s)),
        other => other.as_key().map(Cow::Owned),
    }
}

fn lookup<'a>(
    entries: &'a [(Spanned<Node>, Spanned<Node>)],
    key: &str,
) -> Option<&'a Spanned<Node>> {
    entries
        .iter()
        .find(|(k, _)| key_text(&k.value).is_some_and(|t| t == key))
        .map(|(_, v)| v)
}

fn compare(path: &mut Vec<Seg>, before: &Spanned<Node>, after: &Spanned<Node>, sink: &mut Sink) {
    if same(&before.value, &after.value) {
        return;
    }
    match (&before.value, &after.value) {
        (Node::Map(b), Node::Map(a)) => maps(path, b, a, sink, &|_| false),
        (Node::Seq(b), Node::Seq(a)) if !(b.iter().chain(a).all(|n| is_scalar(&n.value))) => {
            let list = match path.last() {
                Some(Seg::Key(k)) => k.clone(),
                _ => String::new(),
            };
            match item_keys(&list, b, a) {
                Some((bk, ak)) => keyed(path, (b, &bk), (a, &ak), sink),
                None => positional(path, b, a, sink),
            }
        }
        (bv, av) => {
            // `30` and `"30"` read the same to a person: no change.
            let (bt, at) = (render(bv), render(av));
            if bt != at {
                sink.out.push(FieldChange {
                    path: path.clone(),
                    before: Some(bt),
                    after: Some(at),
                    line: Some(pos_of(after).line),
                });
            }
        }
    }
}

type Entries = [(Spanned<Node>, Spanned<Node>)];

fn maps(
    path: &mut Vec<Seg>,
    b: &Entries,
    a: &Entries,
    sink: &mut Sink,
    unchanged: &dyn Fn(&str) -> bool,
) {
    for (k, v) in a {
        let Some(key) = key_text(&k.value) else {
            continue;
        };
        if unchanged(&key) {
            continue;
        }
        let old = lookup(b, &key);
        if old.is_some_and(|o| same(&o.value, &v.value)) {
            continue;
        }
        path.push(Seg::Key(key.into_owned()));
        match old {
            Some(bv) => compare(path, bv, v, sink),
            None => sink.out.push(added(path, v)),
        }
        path.pop();
    }
    for (k, v) in b {
        let Some(key) = key_text(&k.value) else {
            continue;
        };
        if lookup(a, &key).is_none() {
            path.push(Seg::Key(key.into_owned()));
            sink.removed.push(gone(path, v));
            path.pop();
        }
    }
}

type Keyed<'a> = (&'a [Spanned<Node>], &'a [String]);

fn keyed(path: &mut Vec<Seg>, before: Keyed, after: Keyed, sink: &mut Sink) {
    let old: HashMap<&str, &Spanned<Node>> =
        before.1.iter().map(String::as_str).zip(before.0).collect();
    for (key, item) in after.1.iter().zip(after.0) {
        let before = old.get(key.as_str());
        if before.is_some_and(|b| same(&b.value, &item.value)) {
            continue;
        }
        path.push(Seg::Item(key.clone()));
        match before {
            Some(b) => compare(path, b, item, sink),
            None => sink.out.push(added(path, item)),
        }
        path.pop();
    }
    for (key, item) in before.1.iter().zip(before.0) {
        if !after.1.contains(key) {
            path.push(Seg::Item(key.clone()));
            sink.removed.push(gone(path, item));
            path.pop();
        }
    }
}

fn positional(path: &mut Vec<Seg>, b: &[Spanned<Node>], a: &[Spanned<Node>], sink: &mut Sink) {
    for i in 0..a.len().max(b.len()) {
        path.push(Seg::Index(i));
        match (b.get(i), a.get(i)) {
            (Some(bv), Some(av)) => compare(path, bv, av, sink),
            (None, Some(av)) => sink.out.push(added(path, av)),
            (Some(bv), None) => sink.removed.push(gone(path, bv)),
            (None, None) => {}
        }
        path.pop();
    }
}

fn added(path: &[Seg], node: &Spanned<Node>) -> FieldChange {
    FieldChange {
        path: path.to_vec(),
        before: None,
        after: Some(render(&node.value)),
        line: Some(pos_of(node).line),
    }
}

fn gone(path: &[Seg], node: &Spanned<Node>) -> FieldChange {
    FieldChange {
        path: path.to_vec(),
        before: Some(render(&node.value)),
        after: None,
        line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse::parse;

    fn changes(before: &str, after: &str) -> Vec<String> {
        let b = parse(before).expect("before parses");
        let a = parse(after).expect("after parses");
        diff(&b, &a)
            .iter()
            .map(|c| {
                format!(
                    "{}: {} → {}",
                    c.field(),
                    c.before.as_deref().unwrap_or("(none)"),
                    c.after.as_deref().unwrap_or("(none)")
                )
            })
            .collect()
    }

    #[test]
    fn nested_mappings_render_without_doubled_braces_that_read_as_template_syntax() {
        let before = "kind: service-user\n";
        let after = "kind: service-user\nconsents:\n  - decision: care\n    consent:\n      status: given\n      capacity: {has_capacity: true}\n";
        let shown = changes(before, after);
        assert_eq!(
            shown,
            [
                "consents: (none) → [{ decision: care, consent: { status: given, capacity: { has_capacity: true } } }]"
            ]
        );
        assert!(!shown[0].contains("}}"), "{shown:?}");
    }

    #[test]
    fn scalar_fields_and_comments() {
        let before = "kind: care-plan\nconsent: {status: given, date: 2026-09-25}\n";
        let after =
            "# a comment\nkind: care-plan\nconsent:\n  status: withdrawn\n  date: 2026-09-25\n";
        assert_eq!(
            changes(before, after),
            ["consent.status: given → withdrawn"]
        );
        assert!(changes(before, &format!("{before}# only a comment\n")).is_empty());
    }

    #[test]
    fn visits_are_matched_by_label_not_position() {
        let before =
            "visits:\n  - {label: morning, duration: 30m}\n  - {label: lunch, duration: 30m}\n";
        let after = "visits:\n  - {label: tea, duration: 30m}\n  - {label: lunch, duration: 30m}\n  - {label: morning, duration: 45m}\n";
        assert_eq!(
            changes(before, after),
            [
                "visits[tea]: (none) → { label: tea, duration: 30m }",
                "visits[morning].duration: 30m → 45m",
            ]
        );
    }

    #[test]
    fn training_contacts_risks_needs_medication_by_key() {
        let before = "training:\n  - {course: moving-and-handling, completed: 2025-01-10}\n  - {course: fire-safety, completed: 2025-02-01}\nmedication:\n  items:\n    - {name: Paracetamol 500mg, dose: 1 tablet}\n";
        let after = "training:\n  - {course: fire-safety, completed: 2025-02-01}\n  - {course: moving-and-handling, completed: 2026-01-12}\nmedication:\n  items:\n    - {name: Paracetamol 500mg, dose: 2 tablets}\n";
        assert_eq!(
            changes(before, after),
            [
                "training[moving-and-handling].completed: 2025-01-10 → 2026-01-12",
                "medication.items[Paracetamol 500mg].dose: 1 tablet → 2 tablets",
            ]
        );
    }

    #[test]
    fn repeated_domains_fall_back_to_domain_and_need() {
        let before = "needs:\n  - {domain: mobility, need: Stand, support: a}\n  - {domain: mobility, need: Walk, support: b}\n";
        let after = "needs:\n  - {domain: mobility, need: Walk, support: c}\n";
        assert_eq!(
            changes(before, after),
            [
                "needs[mobility Walk].support: b → c",
                "needs[mobility Stand]: { domain: mobility, need: Stand, support: a } → (none)",
            ]
        );
    }

    #[test]
    fn plain_lists_are_one_value_and_other_lists_go_by_position() {
        let before = "skills: [hoist]\nother:\n  - {a: 1}\n";
        let after = "skills: [hoist, medication]\nother:\n  - {a: 2}\n  - {a: 3}\n";
        assert_eq!(
            changes(before, after),
            [
                "skills: [hoist] → [hoist, medication]",
                "other[0].a: 1 → 2",
                "other[1]: (none) → { a: 3 }",
            ]
        );
    }

    #[test]
    fn rota_visits_fall_back_to_a_composite_key() {
        let before = "visits:\n  - {service_user: SU-1, label: am, date: 2026-11-30, start: \"07:45\"}\n  - {service_user: SU-1, label: am, date: 2026-12-01, start: \"07:45\"}\n";
        let after = "visits:\n  - {service_user: SU-1, label: am, date: 2026-11-30, start: \"08:00\"}\n  - {service_user: SU-1, label: am, date: 2026-12-01, start: \"07:45\"}\n";
        assert_eq!(
            changes(before, after),
            ["visits[SU-1 am 2026-11-30].start: 07:45 → 08:00"]
        );
    }

    #[test]
    fn type_changes_and_removed_fields() {
        let before = "a: [x]\nb: 1\nc: {d: 1}\n";
        let after = "a: x\nb: 1\n";
        assert_eq!(
            changes(before, after),
            ["a: [x] → x", "c: { d: 1 } → (none)"]
        );
        let line = diff(&parse(before).unwrap(), &parse(after).unwrap())[0].line;
        assert_eq!(line, Some(1));
    }
}
