//! One version of a record file: a blob read into a positioned YAML tree
//! with the same parser `check` uses, or the reason it could not be read.
//! A version that does not pass its schema is still a tree, so the audit
//! can follow records written before a field was renamed.

use crate::load::node::Node;
use crate::load::parse::{self, ParseFailure};
use crate::model::Kind;
use serde_saphyr::Spanned;

/// Why a version could not be read into a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The code `check` gives the same problem, e.g. `yaml/syntax`.
    pub code: &'static str,
    /// What went wrong.
    pub message: String,
    /// The line, when known.
    pub line: Option<u32>,
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
}

impl Version {
    /// Reads a blob's bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Version {
        let text = match parse::decode(bytes) {
            Ok(text) => text,
            Err((failure, _)) => return Version::unreadable(failure, None, None),
        };
        match parse::parse(&text) {
            Ok(tree) => {
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
                }
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

    /// A blob over the size a record may be, not read.
    pub fn too_large(size: usize) -> Version {
        Version {
            kind: None,
            id: None,
            body: Err(Unreadable {
                code: "yaml/too-large",
                message: format!(
                    "the file is {} MiB, over the 8 MiB a record may be",
                    size / (1024 * 1024)
                ),
                line: None,
            }),
        }
    }

    /// A blob git could not give back.
    pub fn missing(why: &str) -> Version {
        Version {
            kind: None,
            id: None,
            body: Err(Unreadable {
                code: "io/unreadable",
                message: format!("cannot read this version from git: {why}"),
                line: None,
            }),
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
        }
    }

    /// The tree, when the version could be read.
    pub fn tree(&self) -> Option<&Spanned<Node>> {
        self.body.as_ref().ok()
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(why.code, "yaml/syntax");
    }

    #[test]
    fn latin1_and_agency_and_no_id() {
        let v = Version::from_bytes(vec![b'a', b':', b' ', 0xE9, b'\n']);
        assert_eq!(
            v.body.as_ref().map(|_| ()).unwrap_err().code,
            "yaml/encoding"
        );
        let a = Version::from_bytes(b"kind: agency\nname: A\n".to_vec());
        assert_eq!(a.name("agency.yaml"), "agency");
        let n = Version::from_bytes(b"- a\n".to_vec());
        assert_eq!(n.name("odd.yaml"), "odd.yaml");
    }
}
