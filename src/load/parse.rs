//! Reading one file into a positioned YAML tree, with every way that can fail
//! turned into a finding code a person can act on.

use super::node::{Node, Pos};
use crate::diag::Code;
use serde_saphyr::{Error as YamlError, Spanned, budget::Budget};
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused without being read whole.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file could not be read into a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseFailure {
    /// Rule code, such as `yaml/syntax`.
    pub code: Code,
    /// What went wrong.
    pub message: String,
    /// Where, when known.
    pub pos: Option<Pos>,
    /// How to fix it.
    pub help: Option<String>,
}

impl ParseFailure {
    fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            pos: None,
            help: None,
        }
    }

    fn at(mut self, pos: Option<Pos>) -> Self {
        self.pos = pos;
        self
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`] without
/// reading them whole.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ParseFailure> {
    let unreadable = |e: std::io::Error| {
        ParseFailure::new(Code::IoUnreadable, format!("cannot read the file: {e}"))
            .help("check the file's permissions, or exclude it under `exclude:` in agency.yaml")
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // One allocation of the right size (and a byte over, to see the end).
    let size = file.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large_file());
    }
    Ok(bytes)
}

fn too_large_file() -> ParseFailure {
    ParseFailure::new(
        Code::YamlTooLarge,
        "the file is over 8 MiB; a record is never that large",
    )
    .help("a record file holds one record; split it, or move data that is not a record out of the repository")
}

/// Decodes UTF-8, pointing at the first byte that is not (and giving the
/// bytes back, so a lossy copy can still be shown).
pub fn decode(bytes: Vec<u8>) -> Result<String, (ParseFailure, Vec<u8>)> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        let failure = ParseFailure::new(
            Code::YamlEncoding,
            format!("the file is not UTF-8: byte 0x{:02X} at line {line}, column {column}", bytes[at]),
        )
        .at(Some(Pos {
            line: line as u32,
            column: column as u32,
            offset: at,
            len: 1,
        }))
        .help("save the file as UTF-8 (it may be Latin-1 or Windows-1252, from a spreadsheet or an old editor)");
        (failure, e.into_bytes())
    })
}

/// The parser's options: a budget against alias bombs and huge trees,
/// strict booleans (`no` stays a string), leading-zero numbers as strings,
/// merge keys refused. `emit_comments` is false for the loader, which never
/// reads comments (keeping them costs a tenth of the parse).
pub fn options(emit_comments: bool) -> serde_saphyr::Options {
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 64;
    budget.max_nodes = 200_000;
    let mut options = serde_saphyr::options! {
        budget: Some(budget),
        emit_comments: emit_comments,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        merge_keys: serde_saphyr::MergeKeyPolicy::Error,
    };
    options.alias_limits.max_total_replayed_events = 20_000;
    options
}

/// The YAML parser's own options under [`options`]`(false)`: the limits of
/// the budget, no comment events. The fast path reads events with these, so
/// that it sees exactly the events serde-saphyr would.
fn parser_options() -> granit_parser::Options {
    let options = options(false);
    let budget = options.budget.unwrap_or_default();
    let mut parser = granit_parser::Options::default();
    parser.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    parser.flow_nesting_limit = budget.flow_nesting_limit;
    parser.block_nesting_limit = parser
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    parser.set_emit_comments(false);
    parser.strict_indentation = options.strict_indentation;
    parser
}

/// [`parser_options`], made once.
pub(super) static PARSER_OPTIONS: std::sync::LazyLock<granit_parser::Options> =
    std::sync::LazyLock::new(parser_options);

/// Parses YAML text into a positioned tree: straight from the parser's
/// events when the file is plain (see the `fast` module), else through
/// serde-saphyr, which also names what is wrong with a broken file.
pub fn parse(text: &str) -> Result<Spanned<Node>, ParseFailure> {
    if let Some(tree) = super::fast::parse(text, PARSER_OPTIONS.clone()) {
        return Ok(tree);
    }
    parse_slow(text)
}

/// Parses a record file: like [`parse`], but with the top-level fields
/// that `lean_fields(kind)` names for the record's kind read as JSON only
/// (see the `fast` module's `parse_lean`). A file the fast path leaves to
/// serde-saphyr comes back whole, with no lean lists.
pub fn parse_record(
    text: &str,
    lean_fields: fn(&str) -> &'static [&'static str],
) -> Result<super::fast::Lean, ParseFailure> {
    if let Some(lean) = super::fast::parse_lean(text, PARSER_OPTIONS.clone(), lean_fields) {
        return Ok(lean);
    }
    parse_slow(text).map(|tree| super::fast::Lean {
        tree,
        lists: Vec::new(),
    })
}

/// Parses YAML text into a positioned tree through serde-saphyr alone.
pub fn parse_slow(text: &str) -> Result<Spanned<Node>, ParseFailure> {
    serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options(false)).map_err(|e| {
        let mut failure = classify(e);
        if failure.code == Code::YamlMultipleDocuments {
            failure.pos = second_document_start(text).or(failure.pos);
        }
        failure
    })
}

/// The `---` line that starts the second document, if any.
fn second_document_start(text: &str) -> Option<Pos> {
    let mut offset = 0;
    let mut seen_content = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed.starts_with("--- ") {
            if seen_content {
                return Some(Pos {
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    column: 1,
                    offset,
                    len: 3,
                });
            }
        } else if !trimmed.is_empty() && !trimmed.starts_with('#') {
            seen_content = true;
        }
        offset += line.len();
    }
    None
}

/// Top-level `key: value` scalars read line by line from a file that did
/// not parse, so that its `kind`, `id` and `service_user` are still known
/// and other records' references to it are not reported as broken too.
pub fn salvage_top_level(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let v = v
                .split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            (!v.is_empty()).then(|| (k.trim().to_owned(), v.to_owned()))
        })
        .collect()
}

fn location_of(e: &YamlError) -> Option<Pos> {
    e.location()
        .map(|loc| Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            offset: loc
                .span()
                .byte_offset()
                .and_then(|o| usize::try_from(o).ok())
                .unwrap_or(0),
            len: loc
                .span()
                .byte_len()
                .and_then(|o| usize::try_from(o).ok())
                .unwrap_or(0),
        })
        .filter(|p| p.line > 0)
}

fn classify(e: YamlError) -> ParseFailure {
    let pos = location_of(&e);
    let inner = unwrap_snippet(&e);
    match inner {
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            ParseFailure::new(Code::YamlDuplicateKey, format!("the key `{key}` appears twice in this mapping"))
                .help("keep one of the two; YAML would otherwise keep only the last, silently")
        }
        YamlError::MultipleDocuments { .. } => ParseFailure::new(
            Code::YamlMultipleDocuments,
            "the file holds more than one YAML document",
        )
        .help("put each record in a file of its own; remove the `---` line that starts the second one"),
        YamlError::Budget { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => ParseFailure::new(
            Code::YamlTooLarge,
            "the YAML expands past carebook's bound (too many nodes, aliases or nesting levels)",
        )
        .help("anchors and aliases are allowed, but not nested so that they expand to a huge document"),
        YamlError::MergeKeyNotAllowed { .. } => ParseFailure::new(
            Code::YamlSyntax,
            "merge keys (`<<:`) are not allowed in records",
        )
        .help("write the fields out in full, so each record reads on its own"),
        other => ParseFailure::new(Code::YamlSyntax, first_line(&other.to_string()))
            .help("fix the YAML syntax here; an editor with YAML support shows the problem as you type"),
    }
    .at(pos)
}

fn unwrap_snippet(e: &YamlError) -> &YamlError {
    match e {
        YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => {
            unwrap_snippet(error)
        }
        other => other,
    }
}

fn first_line(msg: &str) -> String {
    let line = msg.lines().next().unwrap_or(msg).trim();
    // serde-saphyr appends " at line N column M"; our report shows the place itself.
    match line.find(" at line ") {
        Some(i) => line[..i].to_owned(),
        None => line.to_owned(),
    }
}
