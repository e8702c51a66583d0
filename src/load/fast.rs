//! The fast path of [`super::parse::parse`]: a positioned tree built straight
//! from the YAML parser's events, for the plain files that nearly every
//! record is.
//!
//! serde-saphyr reads a file through serde, one visitor call per value, with
//! bookkeeping for aliases, tags, budgets and comments that a plain record
//! never needs. This module reads the same events from `granit-parser` (the
//! parser under serde-saphyr, with the same options) and builds the same
//! `Spanned<Node>` tree: the same values and the same locations. Whenever a
//! file holds anything it does not handle exactly as serde-saphyr does (an
//! anchor, alias, tag, merge key, a key that may repeat another, a number
//! spelled in an unusual way, a second document, a syntax error, a tree
//! near the budget), it gives up and the caller parses the file the slow
//! way, so every diagnostic still comes from serde-saphyr itself.
//! Its tests (`fast/tests.rs`) hold the two paths to the same trees.

use super::node::Node;
use granit_parser::{Event, Parser, ScalarStyle, Span as ParserSpan, StrInput};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess};
use serde_saphyr::{Location, Spanned};
use std::borrow::Cow;

/// Past these the slow path's budget might object: leave it to decide.
const MAX_EVENTS: usize = 100_000;
const MAX_DEPTH: usize = 48;
/// Keys of one mapping compared pairwise for duplicates; more, and the slow path checks.
const MAX_KEYS: usize = 128;

/// The tree of `text`, or `None` when the slow path must decide.
pub fn parse(text: &str, options: granit_parser::Options) -> Option<Spanned<Node>> {
    parse_lean(text, options, |_| &[]).map(|lean| lean.tree)
}

/// A record read with the long lists of its kind as JSON only.
#[derive(Debug)]
pub struct Lean {
    /// The positioned tree; each lean list's value is `Null` here (at the
    /// list's own position).
    pub tree: Spanned<Node>,
    /// The lean lists, by top-level key, as `Node::to_json` would give them.
    pub lists: Vec<(String, serde_json::Value)>,
}

/// Like [`parse`], but once the top-level `kind:` is read, the top-level
/// fields that `lean_fields(kind)` names are read straight into JSON,
/// without positions: a year of visit logs and MAR charts is most of a
/// repository's nodes, and their positions are needed only for a finding
/// (then the file is parsed again).
pub fn parse_lean(
    text: &str,
    options: granit_parser::Options,
    lean_fields: fn(&str) -> &'static [&'static str],
) -> Option<Lean> {
    let mut reader = Reader {
        parser: Parser::with_options(StrInput::new(text), options),
        events: 0,
        items: Vec::new(),
        entries: Vec::new(),
        keys: Vec::new(),
        lean_fields,
        lean_now: &[],
        lists: Vec::new(),
    };
    if !matches!(reader.next()?.0, Event::StreamStart) {
        return None;
    }
    if !matches!(reader.next()?.0, Event::DocumentStart(..)) {
        return None;
    }
    let (first, span) = reader.next()?;
    // A record is a mapping; anything else (an empty file, a list) is rare
    // and gets its finding through the slow path.
    if !matches!(first, Event::MappingStart(..)) {
        return None;
    }
    let root = reader.node(first, &span, 0)?;
    if !matches!(reader.next()?.0, Event::DocumentEnd) {
        return None;
    }
    // A second document is an error the slow path reports.
    if !matches!(reader.next()?.0, Event::StreamEnd) {
        return None;
    }
    Some(Lean {
        tree: root,
        lists: reader.lists,
    })
}

struct Reader<'a> {
    parser: Parser<'a, StrInput<'a>>,
    events: usize,
    /// Items of the sequences being read, innermost last.
    items: Vec<Spanned<Node>>,
    /// Entries of the mappings being read, innermost last.
    entries: Vec<(Spanned<Node>, Spanned<Node>)>,
    /// Their keys as written.
    keys: Vec<Cow<'a, str>>,
    /// The top-level fields read as JSON, by kind.
    lean_fields: fn(&str) -> &'static [&'static str],
    /// Those of the kind read so far.
    lean_now: &'static [&'static str],
    /// The top-level fields read as JSON.
    lists: Vec<(String, serde_json::Value)>,
}

impl<'a> Reader<'a> {
    /// The next event; `None` at a syntax error or past the event bound.
    fn next(&mut self) -> Option<(Event<'a>, ParserSpan)> {
        self.events += 1;
        if self.events > MAX_EVENTS {
            return None;
        }
        self.parser.next_event()?.ok()
    }

    /// The node that starts with `event`, up to its end event.
    fn node(&mut self, event: Event<'a>, span: &ParserSpan, depth: usize) -> Option<Spanned<Node>> {
        let loc = location(span)?;
        let value = match event {
            Event::Scalar(text, style, 0, None) => scalar(text, style)?,
            Event::SequenceStart(_, 0, None) => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                // Items gather on a stack shared by all sequences, then move
                // into a list of their exact size: no regrowing.
                let start = self.items.len();
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    let item = self.node(event, &span, depth + 1)?;
                    self.items.push(item);
                }
                Node::Seq(self.items.drain(start..).collect())
            }
            Event::MappingStart(_, 0, None) => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                let start = self.entries.len();
                // The keys as written: equal texts are left to the slow path.
                let key_start = self.keys.len();
                while let Some((text, style, span)) = self.key(key_start)? {
                    let key_loc = location(&span)?;
                    let key = Spanned::new(scalar(text.clone(), style)?, key_loc, key_loc);
                    let (event, span) = self.next()?;
                    let value = if depth == 0 && self.lean_now.contains(&&*text) {
                        let at = location(&span)?;
                        let json = self.json(event, depth + 1)?;
                        self.lists.push((text.to_string(), json));
                        Spanned::new(Node::Null, at, at)
                    } else {
                        self.node(event, &span, depth + 1)?
                    };
                    if depth == 0
                        && &*text == "kind"
                        && let Node::Str(kind) = &value.value
                    {
                        self.lean_now = (self.lean_fields)(kind);
                    }
                    self.keys.push(text);
                    self.entries.push((key, value));
                }
                self.keys.truncate(key_start);
                Node::Map(self.entries.drain(start..).collect())
            }
            // Anchors, aliases, tags, comments and anything else.
            _ => return None,
        };
        Some(Spanned::new(value, loc, loc))
    }
}

/// A mapping's key as written, its style and its place.
type Key<'a> = (Cow<'a, str>, ScalarStyle, ParserSpan);

impl<'a> Reader<'a> {
    /// The next key of a mapping whose keys so far start at `key_start` of
    /// `keys`: `Some(None)` at the mapping's end, and `None` for a key left
    /// to the slow path (not a plain scalar, a merge key, a key that may
    /// repeat another, or one too many to compare).
    fn key(&mut self, key_start: usize) -> Option<Option<Key<'a>>> {
        let (event, span) = self.next()?;
        let (text, style) = match event {
            Event::MappingEnd => return Some(None),
            Event::Scalar(text, style, 0, None) => (text, style),
            _ => return None,
        };
        let too_many = self.keys.len() - key_start >= MAX_KEYS;
        if too_many || !plain_key(&text, style) || self.keys[key_start..].contains(&text) {
            return None;
        }
        Some(Some((text, style, span)))
    }

    /// The value that starts with `event`, up to its end event, as JSON:
    /// what [`Node::to_json`] gives for the node [`Reader::node`] reads,
    /// with the same checks (and so the same files left to the slow path).
    fn json(&mut self, event: Event<'a>, depth: usize) -> Option<serde_json::Value> {
        use serde_json::Value;
        Some(match event {
            Event::Scalar(text, style, 0, None) => scalar(text, style)?.into_json_scalar(),
            Event::SequenceStart(_, 0, None) => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                let mut items = Vec::new();
                loop {
                    let (event, _) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.json(event, depth + 1)?);
                }
                Value::Array(items)
            }
            Event::MappingStart(_, 0, None) => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                let mut map = serde_json::Map::new();
                let key_start = self.keys.len();
                while let Some((text, style, _)) = self.key(key_start)? {
                    let key = scalar(text.clone(), style)?.as_key()?;
                    self.keys.push(text);
                    let (event, _) = self.next()?;
                    let value = self.json(event, depth + 1)?;
                    map.insert(key, value);
                }
                self.keys.truncate(key_start);
                Value::Object(map)
            }
            _ => return None,
        })
    }
}

/// Whether a key is one whose duplicates text comparison finds, and not a merge key.
fn plain_key(text: &str, style: ScalarStyle) -> bool {
    if text == "<<" {
        return false;
    }
    if style != ScalarStyle::Plain {
        return true;
    }
    // Keys compare as integers when they read as one: `+1`, `0x1` and
    // `1_0` repeat `1`, `1` and `10`.
    let b = text.as_bytes();
    match b.first() {
        Some(b'+' | b'-') => false,
        Some(b'0'..=b'9') => !(text.contains('_') || (b[0] == b'0' && b.len() > 1)),
        _ => true,
    }
}

/// A scalar's value, resolved as serde-saphyr resolves an untagged scalar
/// for a value of any type; `None` for spellings left to the slow path.
fn scalar(text: Cow<'_, str>, style: ScalarStyle) -> Option<Node> {
    if style != ScalarStyle::Plain {
        return Some(Node::Str(text.into_owned()));
    }
    Some(match &*text {
        "" | "~" | "null" | "Null" | "NULL" => Node::Null,
        "true" | "True" | "TRUE" => Node::Bool(true),
        "false" | "False" | "FALSE" => Node::Bool(false),
        t => {
            let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
            match unsigned.as_bytes().first() {
                Some(b'0'..=b'9') => {}
                // `.5`, `.inf`, `.nan`: numbers serde-saphyr reads its own way.
                Some(b'.') => return None,
                // No number starts with anything else.
                _ => return Some(Node::Str(text.into_owned())),
            }
            if unsigned.bytes().all(|b| b.is_ascii_digit()) {
                if unsigned.len() > 1 && unsigned.starts_with('0') {
                    // `0127` stays text (leading_zero_numbers_as_strings).
                    return Some(Node::Str(text.into_owned()));
                }
                // Past i64 it becomes a float or an error: the slow path decides.
                return t.parse::<i64>().ok().map(Node::Int);
            }
            // Underscored, hexadecimal, octal or binary integers.
            let prefix = unsigned.get(..2).map(str::to_ascii_lowercase);
            if t.contains('_') || matches!(prefix.as_deref(), Some("0x" | "0o" | "0b")) {
                return None;
            }
            match t.parse::<f64>() {
                Ok(f) if f.is_finite() => Node::Float(f),
                Ok(_) => return None,
                // `07:30`, `2026-11-30`, `10 Downing Street`.
                Err(_) => Node::Str(text.into_owned()),
            }
        }
    })
}

/// The location serde-saphyr gives a node that starts at `span`.
fn location(span: &ParserSpan) -> Option<Location> {
    let start = &span.start;
    let char_offset = u32::try_from(start.index()).ok()?;
    let char_len = u32::try_from(span.len()).ok()?;
    let byte_offset = u32::try_from(start.byte_offset()?).ok()?;
    let byte_end = u32::try_from(span.end.byte_offset()?).ok()?;
    let line = u32::try_from(start.line()).ok()?;
    let column = u32::try_from(start.col() + 1).ok()?;
    // `Location` has no public constructor; it reads itself from a map.
    let span = [
        ("offset", Part::U32(char_offset)),
        ("len", Part::U32(char_len)),
        (
            "byte_info",
            Part::Pair(byte_offset, byte_end.saturating_sub(byte_offset)),
        ),
    ];
    let fields = [
        ("line", Part::U32(line)),
        ("column", Part::U32(column)),
        ("span", Part::Map(&span)),
        // `source_id` is left out: it defaults to 0, the only source here.
    ];
    serde::Deserialize::deserialize(Part::Map(&fields)).ok()
}

/// A value handed to `Location`'s own `Deserialize`.
#[derive(Clone, Copy)]
enum Part<'a> {
    U32(u32),
    Pair(u32, u32),
    Map(&'a [(&'static str, Part<'a>)]),
}

type PartError = de::value::Error;

impl<'de> Deserializer<'de> for Part<'_> {
    type Error = PartError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, PartError> {
        match self {
            Part::U32(n) => visitor.visit_u32(n),
            Part::Pair(a, b) => visitor.visit_seq(Items([a, b].into_iter())),
            Part::Map(fields) => visitor.visit_map(Fields { fields, next: 0 }),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Items<I>(I);

impl<'de, I: Iterator<Item = u32>> SeqAccess<'de> for Items<I> {
    type Error = PartError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PartError> {
        self.0
            .next()
            .map(|n| seed.deserialize(n.into_deserializer()))
            .transpose()
    }
}

struct Fields<'a> {
    fields: &'a [(&'static str, Part<'a>)],
    next: usize,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = PartError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PartError> {
        match self.fields.get(self.next) {
            Some((name, _)) => seed.deserialize((*name).into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PartError> {
        let (_, part) = self.fields[self.next];
        self.next += 1;
        seed.deserialize(part)
    }
}

#[cfg(test)]
mod tests;
