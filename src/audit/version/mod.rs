//! One version of a record file: a blob read into a positioned YAML tree
//! with the same parser `check` uses, or the reason it could not be read.
//! A version that does not pass its schema is still a tree, so the audit
//! can follow records written before a field was renamed.
//!
//! Reading is the audit's main cost, and a commit usually changes one
//! part of a record. So a record file of the plain shape (a block mapping
//! whose top-level keys start at column 0, no anchors or aliases) is cut
//! into its top-level blocks, and a new version re-reads only the blocks
//! whose text changed, taking the others from the version before. Any
//! doubt (a block that does not read on its own, a repeated key, another
//! shape) falls back to reading the whole file, so the tree is the same
//! either way; only the lines of taken-over blocks are shifted, which
//! [`Version::line`] accounts for.

use crate::diag::Code;
use crate::load::node::Node;
use crate::load::parse::{self, ParseFailure};
use crate::model::Kind;
use blocks::{Block, blocks};
use serde_saphyr::Spanned;

mod blocks;

/// Why a version could not be read into a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The code `check` gives the same problem, e.g. `yaml/syntax`.
    pub code: Code,
    /// What went wrong.
    pub message: String,
    /// The line, when known.
    pub line: Option<u32>,
}

/// The text of a version and its blocks, in the order of the tree's keys.
#[derive(Debug, Clone)]
struct Layout {
    text: String,
    blocks: Vec<Block>,
}

/// One version of a record file.
#[derive(Debug, Clone)]
pub struct Version {
    /// The kind named by `kind:`, when it is one.
    pub kind: Option<Kind>,
    /// The record's id (for a file that did not parse, salvaged from its text).
    pub id: Option<String>,
    /// The tree, or why there is none.
    pub body: Result<Spanned<Node>, Unreadable>,
    layout: Option<Layout>,
}

fn key_of(entry: &(Spanned<Node>, Spanned<Node>)) -> Option<&str> {
    entry.0.value.as_str()
}

impl Version {
    /// Reads a blob's bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Version {
        Version::read(bytes, None)
    }

    /// Reads a blob's bytes; with `base`, the version before, only the
    /// top-level blocks that changed are read again.
    pub fn read(bytes: Vec<u8>, base: Option<&Version>) -> Version {
        let text = match parse::decode(bytes) {
            Ok(text) => text,
            Err((failure, _)) => return Version::unreadable(failure, None, None),
        };
        if let Some(v) = base.and_then(|b| b.next(&text)) {
            return v;
        }
        match parse::parse(&text) {
            Ok(tree) => {
                let layout = blocks(&text)
                    .filter(|b| same_keys(&tree, b))
                    .map(|blocks| Layout { text, blocks });
                Version::of(tree, layout)
            }
            Err(failure) => {
                let fields = parse::salvage_top_level(&text);
                let get = |key: &str| {
                    fields
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                };
                let kind = get("kind").and_then(|k| Kind::from_name(&k));
                Version::unreadable(failure, kind, get("id"))
            }
        }
    }

    fn of(tree: Spanned<Node>, layout: Option<Layout>) -> Version {
        let kind = tree
            .value
            .get("kind")
            .and_then(|n| n.value.as_str())
            .and_then(Kind::from_name);
        let id = tree.value.get("id").and_then(|n| n.value.as_key());
        Version {
            kind,
            id,
            body: Ok(tree),
            layout,
        }
    }

    /// The version whose text is `text`, reading only the blocks that
    /// differ from this one's; `None` when it must be read whole.
    fn next(&self, text: &str) -> Option<Version> {
        let (tree, old) = (self.tree()?, self.layout.as_ref()?);
        let Node::Map(entries) = &tree.value else {
            return None;
        };
        let mut blocks = blocks(text)?;
        let mut out = Vec::with_capacity(blocks.len());
        for b in &mut blocks {
            let part = &text[b.start..b.end];
            let kept = old
                .blocks
                .iter()
                .position(|o| o.key == b.key && old.text.get(o.start..o.end) == Some(part));
            match kept {
                Some(i) => {
                    let o = &old.blocks[i];
                    b.shift = o.shift + i64::from(b.line) - i64::from(o.line);
                    out.push(entries.get(i)?.clone());
                }
                None => {
                    let Node::Map(mut read) = parse::parse(part).ok()?.value else {
                        return None;
                    };
                    let entry = read
                        .pop()
                        .filter(|e| read.is_empty() && key_of(e) == Some(&b.key))?;
                    b.shift = i64::from(b.line) - 1;
                    out.push(entry);
                }
            }
        }
        let root = Spanned::new(Node::Map(out), tree.referenced, tree.defined);
        let layout = Layout {
            text: text.to_owned(),
            blocks,
        };
        Some(Version::of(root, Some(layout)))
    }

    /// A blob over the size a record may be, not read.
    pub fn too_large(size: usize) -> Version {
        Version {
            kind: None,
            id: None,
            body: Err(Unreadable {
                code: Code::YamlTooLarge,
                message: format!(
                    "the file is {} MiB, over the 8 MiB a record may be",
                    size / (1024 * 1024)
                ),
                line: None,
            }),
            layout: None,
        }
    }

    /// A blob git could not give back.
    pub fn missing(why: &str) -> Version {
        Version {
            kind: None,
            id: None,
            body: Err(Unreadable {
                code: Code::IoUnreadable,
                message: format!("cannot read this version from git: {why}"),
                line: None,
            }),
            layout: None,
        }
    }

    fn unreadable(failure: ParseFailure, kind: Option<Kind>, id: Option<String>) -> Version {
        Version {
            kind,
            id,
            body: Err(Unreadable {
                code: failure.code,
                message: failure.message,
                line: failure.pos.map(|p| p.line),
            }),
            layout: None,
        }
    }

    /// The tree, when the version could be read.
    pub fn tree(&self) -> Option<&Spanned<Node>> {
        self.body.as_ref().ok()
    }

    /// The line in this version's file of a node the tree places on
    /// `line`, under the top-level key `top`.
    pub fn line(&self, top: &str, line: u32) -> u32 {
        let shift = self
            .layout
            .as_ref()
            .and_then(|l| l.blocks.iter().find(|b| b.key == top))
            .map_or(0, |b| b.shift);
        u32::try_from(i64::from(line) + shift).unwrap_or(line)
    }

    /// Whether the top-level block `key` has the same text in both
    /// versions (so the same value: no need to compare it).
    pub fn same_block(&self, other: &Version, key: &str) -> bool {
        self.block_text(key)
            .is_some_and(|t| Some(t) == other.block_text(key))
    }

    fn block_text(&self, key: &str) -> Option<&str> {
        let l = self.layout.as_ref()?;
        let b = l.blocks.iter().find(|b| b.key == key)?;
        l.text.get(b.start..b.end)
    }

    /// How the record is named in the audit: its id, `agency` for the
    /// agency file, or else its path.
    pub fn name(&self, path: &str) -> String {
        match (&self.id, self.kind) {
            (Some(id), _) => id.clone(),
            (None, Some(Kind::Agency)) => "agency".to_owned(),
            (None, _) => path.to_owned(),
        }
    }

    /// The text of a top-level scalar field, such as `care_plan`.
    pub fn field(&self, key: &str) -> Option<String> {
        self.tree()?.value.get(key).and_then(|n| n.value.as_key())
    }
}

/// Whether the tree's top-level keys are the blocks' keys, in order.
fn same_keys(tree: &Spanned<Node>, blocks: &[Block]) -> bool {
    match &tree.value {
        Node::Map(entries) => {
            entries.len() == blocks.len()
                && entries
                    .iter()
                    .zip(blocks)
                    .all(|(e, b)| key_of(e) == Some(b.key.as_str()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::pos_of;

    #[test]
    fn reads_kind_and_id() {
        let v = Version::from_bytes(b"kind: care-plan\nid: CP-0001\nstatus: active\n".to_vec());
        assert_eq!(v.kind, Some(Kind::CarePlan));
        assert_eq!(v.name("x.yaml"), "CP-0001");
        assert_eq!(v.field("status").as_deref(), Some("active"));
    }

    #[test]
    fn broken_yaml_keeps_the_salvaged_id() {
        let v = Version::from_bytes(b"kind: care-plan\nid: CP-0002\nneeds: [\n".to_vec());
        assert_eq!(v.name("x.yaml"), "CP-0002");
        let why = v.body.expect_err("unreadable");
        assert_eq!(why.code, Code::YamlSyntax);
    }

    #[test]
    fn latin1_and_agency_and_no_id() {
        let v = Version::from_bytes(vec![b'a', b':', b' ', 0xE9, b'\n']);
        assert_eq!(
            v.body.as_ref().map(|_| ()).unwrap_err().code,
            Code::YamlEncoding
        );
        let a = Version::from_bytes(b"kind: agency\nname: A\n".to_vec());
        assert_eq!(a.name("agency.yaml"), "agency");
        let n = Version::from_bytes(b"- a\n".to_vec());
        assert_eq!(n.name("odd.yaml"), "odd.yaml");
    }

    const PLAN: &str = "# a comment\nkind: care-plan\nid: CP-1\nneeds:\n- domain: mobility\n  need: Walk\n\nconsent:\n  status: given   # by phone\n  date: 2026-09-25\nreview_due: 2027-01-01\n";

    fn lines_of(v: &Version, top: &str, path: &[&str]) -> u32 {
        let tree = v.tree().expect("a tree");
        let node = path
            .iter()
            .try_fold(tree, |n, k| n.value.get(k))
            .expect("the node");
        v.line(top, pos_of(node).line)
    }

    #[test]
    fn blockwise_reading_gives_the_same_tree_and_lines() {
        let old = Version::from_bytes(PLAN.as_bytes().to_vec());
        assert!(old.layout.is_some());
        let texts = [
            PLAN.replace("status: given", "status: withdrawn"),
            PLAN.replace(
                "  need: Walk\n",
                "  need: Walk\n  support: |\n    Frame.\n\n    Always.\n",
            ),
            PLAN.replace("review_due: 2027-01-01\n", ""),
            format!("extra: 1\n{PLAN}"),
            PLAN.replace("kind: care-plan\n", ""),
        ];
        for text in texts {
            let whole = Version::from_bytes(text.clone().into_bytes());
            let next = old.next(&text).expect("read block by block");
            let (a, b) = (whole.tree().expect("tree"), next.tree().expect("tree"));
            assert_eq!(a.value.to_json(), b.value.to_json(), "{text}");
            for (top, path) in [
                ("consent", &["consent", "date"][..]),
                ("review_due", &["review_due"]),
            ] {
                if whole.tree().and_then(|t| t.value.get(top)).is_some() {
                    assert_eq!(
                        lines_of(&whole, top, path),
                        lines_of(&next, top, path),
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn doubtful_texts_are_read_whole() {
        let old = Version::from_bytes(PLAN.as_bytes().to_vec());
        for text in [
            PLAN.replace("review_due", "consent"),
            format!("{PLAN}---\nkind: carer\n"),
            PLAN.replace("Walk", "Walk & talk"),
            PLAN.replace("needs:", "  needs:"),
            PLAN.replace("  date: 2026-09-25", "  date: [2026-09-25"),
            "[a, b]\n".to_owned(),
        ] {
            assert!(old.next(&text).is_none(), "{text}");
        }
        let broken = Version::read(
            PLAN.replace("  date: 2026-09-25", "  date: [").into_bytes(),
            Some(&old),
        );
        assert_eq!(broken.body.expect_err("unreadable").code, Code::YamlSyntax);
    }
}
