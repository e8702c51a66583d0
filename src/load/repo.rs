//! A loaded records repository: every file's text, its positioned tree and
//! its typed record, plus the findings of loading (YAML and schema errors).

use super::node::{Node, Pos, locate, pos_of};
use super::parse::{self, MAX_FILE_BYTES, ParseFailure};
use super::walk::{self, AGENCY_FILE, display_path};
use crate::diag::{Code, Finding, Site, nearest};
use crate::model::{Agency, Kind, Record};
use crate::schema;
use rayon::prelude::*;
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};

/// One file of the repository and its text (empty when it could not be read).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the root, with `/` separators.
    pub path: String,
    /// The file's text, for source snippets.
    pub text: String,
}

/// One record file that parsed into a mapping with a known kind.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into [`Repo::files`].
    pub file: usize,
    /// The record's kind.
    pub kind: Kind,
    /// The id, as written (even if the record is otherwise broken).
    pub id: Option<String>,
    /// The positioned tree, for pointing findings at values.
    pub tree: Spanned<Node>,
    /// The typed record, when the file passed its schema.
    pub record: Option<Record>,
    /// Whether the tree below the record's long lists (a visit log's
    /// `visits`, a MAR's `doses` and `prn`) was dropped once the record was
    /// read: a year of them is most of a repository's nodes. Positions
    /// there are found by parsing the text again.
    pub pruned: bool,
}

impl Entry {
    /// The text of a top-level string field of the tree, such as `service_user`.
    pub fn raw_str(&self, field: &str) -> Option<&str> {
        self.tree.value.get(field).and_then(|n| n.value.as_str())
    }
}

/// A loaded records repository.
#[derive(Debug)]
pub struct Repo {
    /// The root folder (holding `agency.yaml`).
    pub root: PathBuf,
    /// The agency, or the defaults when `agency.yaml` is broken.
    pub agency: Agency,
    /// Every file read or tried, in path order.
    pub files: Vec<SourceFile>,
    /// Records with a known kind, in path order.
    pub entries: Vec<Entry>,
    /// Problems found while loading.
    pub findings: Vec<Finding>,
    /// Files that did not parse, with the top-level scalars salvaged from
    /// their text (their `kind`, `id`, `service_user`), by file index.
    pub salvaged: Vec<(usize, Vec<(String, String)>)>,
}

impl Repo {
    /// A salvaged top-level value of a file that did not parse.
    pub fn salvaged_value<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a repository could not be loaded at all (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LoadError {
    /// No `agency.yaml` in the folder or above it.
    #[error("no records repository at {0} or above it (looked for agency.yaml)")]
    #[diagnostic(
        code(carebook::no_repository),
        help(
            "run carebook inside a records repository, or pass its folder: carebook check path/to/records"
        )
    )]
    NoRepository(PathBuf),
    /// `agency.yaml` in the folder given is a folder.
    #[error("{0} is a folder, not a file")]
    #[diagnostic(
        code(carebook::agency_is_folder),
        help(
            "agency.yaml is a file holding `kind: agency`, the agency's name and policy; move the folder's contents elsewhere and write the file (`carebook init` creates one)"
        )
    )]
    AgencyIsFolder(PathBuf),
    /// The folder given has no `agency.yaml`.
    #[error("{0} is not a records repository: it has no agency.yaml")]
    #[diagnostic(
        code(carebook::no_agency),
        help("a records repository has agency.yaml at its root; `carebook init` creates one")
    )]
    NoAgency(PathBuf),
    /// The root cannot be read.
    #[error("cannot read {0}")]
    #[diagnostic(
        code(carebook::unreadable_root),
        help("check that the folder exists and that you may read it")
    )]
    Unreadable(PathBuf, #[source] std::io::Error),
}

impl Repo {
    /// Loads the repository at `dir`, or (when `search`) at the nearest
    /// parent of `dir` that holds `agency.yaml`.
    pub fn open(dir: &Path, search: bool) -> Result<Repo, LoadError> {
        let root = if search {
            walk::find_root(dir).ok_or_else(|| {
                if dir.join(AGENCY_FILE).is_dir() {
                    LoadError::AgencyIsFolder(dir.join(AGENCY_FILE))
                } else {
                    LoadError::NoRepository(dir.to_path_buf())
                }
            })?
        } else {
            std::fs::read_dir(dir).map_err(|e| LoadError::Unreadable(dir.to_path_buf(), e))?;
            if dir.join(AGENCY_FILE).is_dir() {
                return Err(LoadError::AgencyIsFolder(dir.join(AGENCY_FILE)));
            }
            if !dir.join(AGENCY_FILE).is_file() {
                return Err(LoadError::NoAgency(dir.to_path_buf()));
            }
            dir.to_path_buf()
        };
        Ok(Repo::load(root))
    }

    fn load(root: PathBuf) -> Repo {
        let mut findings = Vec::new();
        // The agency comes first: its `exclude:` decides what else is read.
        let agency_loaded = load_file(&root, Path::new(AGENCY_FILE));
        let agency = match &agency_loaded.entry {
            Some(Entry {
                record: Some(Record::Agency(a)),
                ..
            }) => a.clone(),
            _ => Agency {
                name: String::new(),
                cqc: None,
                office: None,
                exclude: Vec::new(),
                policy: Default::default(),
            },
        };
        let (exclude, bad_globs) = walk::exclude_set(&agency.exclude);
        if let Some(entry) = &agency_loaded.entry {
            for (glob, why) in bad_globs {
                let index = agency.exclude.iter().position(|g| *g == glob).unwrap_or(0);
                let pos = pos_of(locate(&entry.tree, &format!("/exclude/{index}"), false));
                findings.push(
                    Finding::new(
                        Code::SchemaFormat,
                        site(AGENCY_FILE, pos),
                        format!("`{glob}` is not a valid glob: {why}"),
                    )
                    .help("write a path pattern such as drafts/** or archive/*.yaml"),
                );
            }
        }
        let walked = walk::walk(&root, &exclude);
        for (path, reason) in &walked.unreadable {
            findings.push(
                Finding::new(
                    Code::IoUnreadable,
                    site(&display_path(path), Pos::default()),
                    format!("cannot read this path: {reason}"),
                )
                .help("check its permissions, or list it under `exclude:` in agency.yaml"),
            );
        }
        let others: Vec<&PathBuf> = walked
            .files
            .iter()
            .filter(|p| p.as_path() != Path::new(AGENCY_FILE))
            .collect();
        let loaded: Vec<Loaded> = others.par_iter().map(|p| load_file(&root, p)).collect();

        let mut salvaged = Vec::new();
        let mut files = Vec::with_capacity(loaded.len() + 1);
        let mut entries = Vec::with_capacity(loaded.len() + 1);
        for mut l in std::iter::once(agency_loaded).chain(loaded) {
            let index = files.len();
            files.push(l.file);
            findings.append(&mut l.findings);
            if l.entry.is_none() && !files[index].text.is_empty() {
                salvaged.push((index, parse::salvage_top_level(&files[index].text)));
            }
            if let Some(mut entry) = l.entry {
                entry.file = index;
                entries.push(entry);
            }
        }
        Repo {
            root,
            agency,
            files,
            entries,
            findings,
            salvaged,
        }
    }

    /// The paths of every file read as a record (below [`Repo::root`]),
    /// which outputs must never replace.
    pub fn record_paths(&self) -> Vec<PathBuf> {
        self.files.iter().map(|f| self.root.join(&f.path)).collect()
    }

    /// The site of the value at `pointer` in an entry's file.
    pub fn site(&self, entry: &Entry, pointer: &str) -> Site {
        Site {
            file: self.files[entry.file].path.clone(),
            pos: self.pos(entry, pointer, false),
        }
    }

    /// The site of the key at `pointer` (for a field that should not be there).
    pub fn key_site(&self, entry: &Entry, pointer: &str) -> Site {
        Site {
            file: self.files[entry.file].path.clone(),
            pos: self.pos(entry, pointer, true),
        }
    }

    /// The position of `pointer` in an entry, parsing a pruned entry's
    /// text again when the pointer goes below what was kept.
    fn pos(&self, entry: &Entry, pointer: &str, key: bool) -> Pos {
        if entry.pruned
            && below_pruned(entry.kind, pointer)
            && let Ok(tree) = parse::parse(&self.files[entry.file].text)
        {
            return pos_of(locate(&tree, pointer, key));
        }
        pos_of(locate(&entry.tree, pointer, key))
    }
}

/// The top-level fields whose subtrees a record of `kind` drops once its
/// typed record is read: the lists that grow by the day.
fn pruned_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::VisitLog => &["visits"],
        Kind::Mar => &["doses", "prn"],
        _ => &[],
    }
}

/// Whether `pointer` (`/doses/3/time`) goes below a field that a record of
/// `kind` drops.
fn below_pruned(kind: Kind, pointer: &str) -> bool {
    let first = pointer.trim_start_matches('/').split('/').next();
    first.is_some_and(|f| pruned_fields(kind).contains(&f))
}

/// Drops the subtrees of `fields` of a record's tree (their positions
/// stay), keeping the other top-level fields.
fn prune(tree: &mut Spanned<Node>, fields: &[&str]) {
    if let Node::Map(entries) = &mut tree.value {
        for (k, v) in entries.iter_mut() {
            if matches!(&k.value, Node::Str(s) if fields.contains(&s.as_str())) {
                v.value = Node::Null;
            }
        }
    }
}

fn site(file: &str, pos: Pos) -> Site {
    Site {
        file: file.to_owned(),
        pos,
    }
}

struct Loaded {
    file: SourceFile,
    entry: Option<Entry>,
    findings: Vec<Finding>,
}

fn failure_finding(path: &str, f: ParseFailure) -> Finding {
    let code = f.code;
    let mut finding = Finding::new(code, site(path, f.pos.unwrap_or_default()), f.message);
    finding.help = f.help;
    finding
}

fn load_file(root: &Path, rel: &Path) -> Loaded {
    let path = display_path(rel);
    let mut loaded = Loaded {
        file: SourceFile {
            path: path.clone(),
            text: String::new(),
        },
        entry: None,
        findings: Vec::new(),
    };
    let full = root.join(rel);
    let size = std::fs::symlink_metadata(&full)
        .map(|m| m.len())
        .unwrap_or(0);
    let text = if size > MAX_FILE_BYTES {
        Err(ParseFailure {
            code: Code::YamlTooLarge,
            message: format!(
                "the file is {} MiB ({:.1} MB), over the 8 MiB a record may be",
                format!("{:.1}", size as f64 / 1_048_576.0).trim_end_matches(".0"),
                size as f64 / 1e6
            ),
            pos: None,
            help: Some("a record file holds one record; move anything else out of the repository or list it under `exclude:`".into()),
        })
    } else {
        read_record(root, &full).and_then(|bytes| {
            parse::decode(bytes).map_err(|(f, bytes)| {
                // Keep a readable copy for the snippet; the file itself is untouched.
                loaded.file.text = String::from_utf8_lossy(&bytes).into_owned();
                f
            })
        })
    };
    let text = match text {
        Ok(t) => t,
        Err(f) => {
            loaded.findings.push(failure_finding(&path, f));
            return loaded;
        }
    };
    let parsed = parse::parse_record(&text, lean_fields);
    let super::fast::Lean { tree, lists } = match parsed {
        Ok(lean) => {
            loaded.file.text = text;
            lean
        }
        Err(f) => {
            let f = super::tabs::tab_indent(&text, f);
            loaded.file.text = text;
            loaded.findings.push(failure_finding(&path, f));
            return loaded;
        }
    };
    let is_agency_file = rel == Path::new(AGENCY_FILE);
    match classify(&tree, is_agency_file) {
        Ok(kind) => {
            let lean = !lists.is_empty();
            let (mut record, mut findings) = type_record(kind, &tree, lists, &path);
            let mut tree = tree;
            if lean && record.is_none() {
                // A finding below a lean list needs the list's positions:
                // read the broken file again in full.
                if let Ok(full) = parse::parse(&loaded.file.text) {
                    (record, findings) = type_record(kind, &full, Vec::new(), &path);
                    tree = full;
                }
            }
            loaded.findings.append(&mut findings);
            let id = tree.value.get("id").and_then(|n| n.value.as_key());
            let pruned = record.is_some() && !pruned_fields(kind).is_empty();
            if pruned {
                prune(&mut tree, pruned_fields(kind));
            }
            loaded.entry = Some(Entry {
                file: 0,
                kind,
                id,
                tree,
                record,
                pruned,
            });
        }
        Err((code, message, pos, help)) => {
            loaded
                .findings
                .push(Finding::new(code, site(&path, pos), message).help(help));
        }
    }
    loaded
}

/// Reads a record file's bytes: a regular file reached without a link,
/// opened without blocking, of at most [`MAX_FILE_BYTES`].
fn read_record(root: &Path, full: &Path) -> Result<Vec<u8>, ParseFailure> {
    use crate::fsutil::{self, FsError};
    fsutil::read_bounded(root, full, MAX_FILE_BYTES).map_err(|e| match e {
        FsError::TooLarge { .. } => ParseFailure {
            code: Code::YamlTooLarge,
            message: "the file is over 8 MiB; a record is never that large".into(),
            pos: None,
            help: Some("a record file holds one record; split it, or move data that is not a record out of the repository".into()),
        },
        other => ParseFailure {
            code: Code::IoUnreadable,
            message: format!("cannot read the file: {}", other.reason()),
            pos: None,
            help: Some("check the file's permissions, or exclude it under `exclude:` in agency.yaml".into()),
        },
    })
}

type Rejection = (Code, String, Pos, String);

/// Reads `kind:` from the tree: the record's kind, or why it has none.
fn classify(tree: &Spanned<Node>, is_agency_file: bool) -> Result<Kind, Rejection> {
    let pos = pos_of(tree);
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    let kinds_list = names.join(", ");
    let Node::Map(_) = &tree.value else {
        let (what, pos) = match &tree.value {
            Node::Null => (
                "the file is empty".to_owned(),
                Pos {
                    line: 1,
                    column: 1,
                    offset: 0,
                    len: 0,
                },
            ),
            other => (
                format!("the file holds {}, not a record", other.type_name()),
                pos,
            ),
        };
        return Err((
            Code::SchemaType,
            format!("{what}: a record is a mapping that starts with `kind:`"),
            pos,
            "start the file with `kind:` and the record's fields, e.g. `kind: carer`".into(),
        ));
    };
    let Some(kind_node) = tree.value.get("kind") else {
        return Err((
            Code::RecordUnknownKind,
            "the record has no `kind:`".into(),
            pos,
            format!("add `kind:` with one of: {kinds_list}"),
        ));
    };
    let word = kind_node.value.as_key().unwrap_or_default();
    let kind_pos = pos_of(kind_node);
    let Some(kind) = Kind::from_name(&word) else {
        let help = match nearest(&word, names.iter().copied()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("the kinds are: {kinds_list}"),
        };
        return Err((
            Code::RecordUnknownKind,
            format!("`{word}` is not a kind of record"),
            kind_pos,
            help,
        ));
    };
    match (kind == Kind::Agency, is_agency_file) {
        (true, false) => Err((
            Code::RecordUnknownKind,
            "only agency.yaml at the repository root is `kind: agency`".into(),
            kind_pos,
            "an agency has one agency.yaml; give this file another kind or remove it".into(),
        )),
        (false, true) => Err((
            Code::RecordUnknownKind,
            format!("agency.yaml must be `kind: agency`, not `{word}`"),
            kind_pos,
            "move this record to a file of its own, and describe the agency in agency.yaml".into(),
        )),
        _ => Ok(kind),
    }
}

/// The top-level fields read as JSON only for a record whose `kind:` is
/// `kind` (its pruned fields): see [`parse::parse_record`].
pub(crate) fn lean_fields(kind: &str) -> &'static [&'static str] {
    Kind::from_name(kind).map_or(&[], pruned_fields)
}

/// Validates a tree (with its lean lists put back) against its kind's
/// schema and reads the typed record.
fn type_record(
    kind: Kind,
    tree: &Spanned<Node>,
    lists: Vec<(String, serde_json::Value)>,
    path: &str,
) -> (Option<Record>, Vec<Finding>) {
    let mut json = tree.value.to_json();
    if let Some(obj) = json.as_object_mut() {
        for (key, list) in lists {
            obj.insert(key, list);
        }
    }
    let id = tree.value.get("id").and_then(|n| n.value.as_key());
    let errors = schema::validate(kind, &json);
    let findings: Vec<Finding> = errors
        .into_iter()
        .map(|e| {
            // A top-level field that is missing is reported at the `kind:` line.
            let node = if e.pointer.is_empty() && e.code == Code::SchemaMissingField {
                locate(tree, "/kind", true)
            } else {
                locate(tree, &e.pointer, e.field.is_some())
            };
            let code = e.code;
            let mut f =
                Finding::new(code, site(path, pos_of(node)), e.message).maybe_record(id.as_deref());
            f.help = e.help;
            f
        })
        .collect();
    if !findings.is_empty() {
        return (None, findings);
    }
    if let Some(obj) = json.as_object_mut() {
        obj.remove("kind");
    }
    let record = match kind {
        Kind::Agency => serde_json::from_value(json).map(Record::Agency),
        Kind::ServiceUser => serde_json::from_value(json).map(Record::ServiceUser),
        Kind::CarePlan => serde_json::from_value(json).map(Record::CarePlan),
        Kind::Carer => serde_json::from_value(json).map(Record::Carer),
        Kind::VisitRules => serde_json::from_value(json).map(Record::VisitRules),
        Kind::Rota => serde_json::from_value(json).map(Record::Rota),
        Kind::Incident => serde_json::from_value(json).map(Record::Incident),
        Kind::Complaint => serde_json::from_value(json).map(Record::Complaint),
        Kind::QualityAudit => serde_json::from_value(json).map(Record::QualityAudit),
        Kind::Action => serde_json::from_value(json).map(Record::Action),
        Kind::VisitLog => serde_json::from_value(json).map(Record::VisitLog),
        Kind::InspectionJudgement => serde_json::from_value(json).map(Record::InspectionJudgement),
        Kind::Mar => serde_json::from_value(json).map(Record::Mar),
    };
    match record {
        Ok(r) => (Some(r), findings),
        Err(e) => {
            let f = Finding::new(Code::SchemaType, site(path, pos_of(tree)), e.to_string())
                .maybe_record(id.as_deref());
            (None, vec![f])
        }
    }
}

/// Reads `text` as the record file at `path` (from the root) would be
/// read: its record, or the findings that stop it. For writers that
/// check a file reads back before they write it.
pub fn read_text(path: &str, text: &str) -> Result<Record, Vec<Finding>> {
    let tree = parse::parse(text).map_err(|f| vec![failure_finding(path, f)])?;
    let kind = classify(&tree, path == AGENCY_FILE).map_err(|(code, message, pos, help)| {
        vec![Finding::new(code, site(path, pos), message).help(help)]
    })?;
    match type_record(kind, &tree, Vec::new(), path) {
        (Some(record), _) => Ok(record),
        (None, findings) => Err(findings),
    }
}
