//! Natural keys of list items, so that a list is compared item by item
//! whatever the order: a visit's `label`, a course, a contact's `name`, a
//! risk, a need's `domain` (with its text when a domain repeats), a
//! medicine's `name`, a leave's start; a rota visit by person, label and
//! day.

use crate::load::node::Node;
use serde_saphyr::Spanned;
use std::collections::HashMap;

/// The fields that tell the items of a list apart, by the list's name:
/// candidates in order, the first that gives every item its own key wins.
fn key_fields(list: &str) -> &'static [&'static [&'static str]] {
    match list {
        "visits" => &[&["label"], &["service_user", "label", "date"]],
        "unassigned" => &[&["service_user", "label", "date"]],
        "training" => &[&["course"]],
        "contacts" => &[&["name"]],
        "risks" => &[&["risk"]],
        "needs" => &[&["domain"], &["domain", "need"]],
        "items" => &[&["name"]],
        "unavailable" => &[&["from"]],
        _ => &[],
    }
}

/// The natural key of one item of the list named `list`, by its first
/// candidate fields (for following one item across versions).
pub fn item_key(list: &str, item: &Node) -> Option<String> {
    key_of(key_fields(list).first()?, item)
}

fn key_of(fields: &[&str], item: &Node) -> Option<String> {
    let parts: Option<Vec<String>> = fields
        .iter()
        .map(|f| match item.get(f).map(|n| &n.value) {
            Some(Node::Seq(_) | Node::Map(_)) | None => None,
            Some(n) => n.as_key(),
        })
        .collect();
    parts.map(|p| p.join(" "))
}

/// Keys for every item by `fields`; `None` if an item lacks one, or (when
/// not `dedup`) if two items share one. With `dedup`, a repeated key gets
/// `#2`, `#3`.
fn keys_with(fields: &[&str], items: &[Spanned<Node>], dedup: bool) -> Option<Vec<String>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut keys = Vec::with_capacity(items.len());
    for item in items {
        let key = key_of(fields, &item.value)?;
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        match (*n, dedup) {
            (1, _) => keys.push(key),
            (_, false) => return None,
            (n, true) => keys.push(format!("{key}#{n}")),
        }
    }
    Some(keys)
}

/// Keys for the items of a list before and after, by the first candidate
/// fields that tell the items apart on both sides (else the last, with
/// `#2` on repeats); `None` when the list has no natural key, or an item
/// lacks it (the list is then compared by position).
pub fn item_keys(
    list: &str,
    before: &[Spanned<Node>],
    after: &[Spanned<Node>],
) -> Option<(Vec<String>, Vec<String>)> {
    let candidates = key_fields(list);
    for fields in candidates {
        if let (Some(b), Some(a)) = (
            keys_with(fields, before, false),
            keys_with(fields, after, false),
        ) {
            return Some((b, a));
        }
    }
    let last = candidates.last()?;
    Some((
        keys_with(last, before, true)?,
        keys_with(last, after, true)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse::parse;

    fn items(yaml: &str) -> Vec<Spanned<Node>> {
        match parse(yaml).expect("parses").value {
            Node::Seq(items) => items,
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_first_candidate_that_tells_items_apart() {
        let visits = items(
            "- {label: am, date: d1, service_user: S}\n- {label: pm, date: d1, service_user: S}\n",
        );
        let (keys, _) = item_keys("visits", &visits, &visits).expect("keys");
        assert_eq!(keys, ["am", "pm"]);
        let rota = items(
            "- {label: am, date: d1, service_user: S}\n- {label: am, date: d2, service_user: S}\n",
        );
        let (keys, _) = item_keys("visits", &rota, &rota).expect("keys");
        assert_eq!(keys, ["S am d1", "S am d2"]);
        let twice = items("- {course: a}\n- {course: a}\n- {course: b}\n");
        let (keys, _) = item_keys("training", &twice, &twice).expect("keys");
        assert_eq!(keys, ["a", "a#2", "b"]);
        assert!(item_keys("other", &twice, &twice).is_none());
        assert!(item_keys("training", &items("- {x: 1}\n"), &twice).is_none());
    }
}
