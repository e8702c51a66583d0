//! Writing records as YAML text that people read and diff: values quoted
//! where YAML could misread them, and items appended to an existing
//! file's list without touching anything already in it.

use crate::load::node::{Node, pos_of};
use serde_saphyr::Spanned;

/// `s` as a YAML double-quoted scalar (JSON's escaping is valid YAML).
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A flow list of quoted strings, `["a", "b"]`.
pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

/// `text` (a file whose tree is `tree`) with `items` added at the end of
/// its top-level block list `key`: every byte already there is kept.
/// `items` are list items written at an indent of two spaces (`  - a: 1`)
/// and are re-indented to match the list. `None` when the list is not the
/// file's last top-level key, or not a block list.
pub fn append_to_list(text: &str, tree: &Spanned<Node>, key: &str, items: &str) -> Option<String> {
    let Node::Map(entries) = &tree.value else {
        return None;
    };
    let (last_key, last_value) = entries.last()?;
    if !matches!(&last_key.value, Node::Str(s) if s == key) {
        return None;
    }
    let Node::Seq(list) = &last_value.value else {
        return None;
    };
    let first = list.first()?;
    // The `-` of a block list's first item is on a line of its own start:
    // its indent is the item's column less two. A flow list (`[...]`) has
    // a `[` before it and cannot take block items.
    let line = text
        .lines()
        .nth(usize::try_from(pos_of(first).line).ok()?.checked_sub(1)?)?;
    let dash = line.find("- ")?;
    if !line[..dash].chars().all(|c| c == ' ') {
        return None;
    }
    let indent = " ".repeat(dash);
    let mut out = text.trim_end_matches(['\n', '\r', ' ', '\t']).to_owned();
    out.push('\n');
    for l in items.lines() {
        let l = l.strip_prefix("  ").unwrap_or(l);
        out.push_str(&indent);
        out.push_str(l);
        out.push('\n');
    }
    Some(out)
}
