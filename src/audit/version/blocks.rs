//! Cutting a record file's text into its top-level blocks: `key:` at
//! column 0 and the lines below it, up to the next such key. Only a file
//! of the plain shape is cut (a block mapping, no anchors or aliases, no
//! document markers, no repeated key); any other is read whole.

/// One top-level block of a file's text: `key:` at column 0 and the lines
/// below it, up to the next such key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    /// The top-level key.
    pub key: String,
    /// Start of the byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The line the block starts on.
    pub line: u32,
    /// Add this to a line the tree gives for a node in this block.
    pub shift: i64,
}

/// Files larger than this are always read whole.
const BLOCKWISE_MAX: usize = 64 * 1024;

/// A key that starts a top-level block: letters, digits, `_` or `-`, then
/// `:` at the end of the line or before a space.
fn block_key(line: &str) -> Option<&str> {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len());
    let rest = &line[end..];
    let after = rest.strip_prefix(':')?;
    let ok = after.is_empty() || after.starts_with([' ', '\r', '\n']);
    (end > 0 && ok).then(|| &line[..end])
}

/// The top-level blocks of `text`, or `None` when it is not of the plain
/// shape that can be read block by block.
pub(super) fn blocks(text: &str) -> Option<Vec<Block>> {
    if text.len() > BLOCKWISE_MAX || text.starts_with('\u{feff}') || text.contains(['&', '*']) {
        return None;
    }
    let mut out: Vec<Block> = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let lead = line.trim_start_matches(['\r', '\n']);
        let continues = lead.is_empty()
            || lead.starts_with([' ', '#'])
            || (lead.starts_with('-') && !lead.starts_with("---") && !out.is_empty());
        if continues {
            if out.is_empty() && !lead.trim().is_empty() && !lead.trim_start().starts_with('#') {
                return None;
            }
        } else {
            let key = block_key(line)?;
            if out.iter().any(|b| b.key == key) {
                return None;
            }
            if let Some(last) = out.last_mut() {
                last.end = offset;
            }
            out.push(Block {
                key: key.to_owned(),
                start: offset,
                end: text.len(),
                line: u32::try_from(n + 1).ok()?,
                shift: 0,
            });
        }
        offset += line.len();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Option<Vec<(String, u32)>> {
        blocks(text).map(|b| b.into_iter().map(|b| (b.key, b.line)).collect())
    }

    #[test]
    fn cuts_at_top_level_keys() {
        let text = "# head\n\nkind: carer\nneeds:\n- a\n  # note\nid: C-1 # x\nskills: []\n";
        let found = keys(text).expect("plain");
        let names: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["kind", "needs", "id", "skills"]);
        assert_eq!(found[2].1, 7);
        let b = blocks(text).expect("plain");
        assert_eq!(&text[b[1].start..b[1].end], "needs:\n- a\n  # note\n");
    }

    #[test]
    fn refuses_what_might_read_differently() {
        for text in [
            "a: 1\na: 2\n",
            "a: &x 1\nb: *x\n",
            "---\na: 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "  a: 1\nb: 2\n",
            "\"a\": 1\n",
            "a:1\n",
            "- a\n",
            "\u{feff}a: 1\n",
        ] {
            assert!(keys(text).is_none(), "{text:?}");
        }
    }
}
