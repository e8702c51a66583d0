//! Turning a JSON Schema validation error into a finding a person can act
//! on: the right code, a plain message and a hint.

use super::SchemaError;
use crate::diag::{Code, nearest};
use crate::model::values::explain_format;
use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

/// Explains one validation error. `sub` is the schema object holding the
/// failed keyword.
pub(super) fn explain(
    error: &ValidationError<'_>,
    pointer: String,
    sub: Option<&Value>,
    _root: &Value,
) -> Vec<SchemaError> {
    let instance: &Value = error.instance();
    let field = field_label(&pointer);
    let described = describe(instance);
    let one = |code: Code, message: String, help: Option<String>| {
        vec![SchemaError {
            code,
            pointer: pointer.clone(),
            field: None,
            message,
            help,
        }]
    };
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default().to_owned();
            let what = sub
                .and_then(|s| s.pointer(&format!("/properties/{name}/description")))
                .and_then(Value::as_str)
                .map(|d| format!(" ({})", d.trim_end_matches('.').to_lowercase()))
                .unwrap_or_default();
            let mut e = one(
                Code::SchemaMissingField,
                format!("missing required field `{name}`"),
                Some(format!("add `{name}:`{what}")),
            );
            e[0].field = None;
            e
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known: Vec<&str> = sub
                .and_then(|s| s.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .map(|name| SchemaError {
                    code: Code::SchemaUnknownField,
                    pointer: format!("{pointer}/{}", escape(name)),
                    field: Some(name.clone()),
                    message: format!("unknown field `{name}`"),
                    help: Some(match nearest(name, known.iter().copied()) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("the fields here are: {}", known.join(", ")),
                    }),
                })
                .collect()
        }
        ValidationErrorKind::Type { kind } => {
            let format = sub
                .and_then(|s| s.get("format"))
                .and_then(Value::as_str)
                .filter(|f| super::FORMATS.contains(f));
            if let (Some(format), true) = (format, instance.is_number())
                && let Some(why) = read_as_number(format, instance)
            {
                return one(Code::SchemaFormat, why, quote_hint(format));
            }
            if let (Some(format), false) = (format, instance.is_object() || instance.is_array()) {
                let text = scalar_text(instance);
                let why = explain_format(format, &text)
                    .unwrap_or_else(|| format!("`{text}` is not in the expected form"));
                return one(Code::SchemaFormat, why, quote_hint(format));
            }
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(ts) => ts
                    .into_iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            one(
                Code::SchemaType,
                format!("{field} should be {expected}, not {described}"),
                type_hint(&expected),
            )
        }
        ValidationErrorKind::Enum { options }
        | ValidationErrorKind::Constant {
            expected_value: options,
        } => {
            let allowed: Vec<String> = match options.as_ref() {
                Value::Array(a) => a.iter().map(scalar_text).collect(),
                other => vec![scalar_text(other)],
            };
            let text = scalar_text(instance);
            let help = match nearest(&text, allowed.iter().map(String::as_str)) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("use one of: {}", allowed.join(", ")),
            };
            one(
                Code::SchemaEnum,
                format!("`{text}` is not allowed for {field}"),
                Some(help),
            )
        }
        ValidationErrorKind::Format { format } => {
            let text = scalar_text(instance);
            let why = explain_format(format, &text)
                .unwrap_or_else(|| format!("`{text}` is not a valid {format}"));
            one(Code::SchemaFormat, why, quote_hint(format))
        }
        ValidationErrorKind::Pattern { .. } => {
            let text = scalar_text(instance);
            let format = sub.and_then(|s| s.get("format")).and_then(Value::as_str);
            let why = format
                .and_then(|f| explain_format(f, &text))
                .unwrap_or_else(|| format!("`{text}` is not in the expected form for {field}"));
            one(Code::SchemaFormat, why, format.and_then(quote_hint))
        }
        ValidationErrorKind::Minimum { limit } => one(
            Code::SchemaFormat,
            format!(
                "{field} is {}, below the least allowed, {limit}",
                scalar_text(instance)
            ),
            bound_hint(sub, &format!("write {limit} or more")),
        ),
        ValidationErrorKind::ExclusiveMinimum { limit } => one(
            Code::SchemaFormat,
            format!(
                "{field} is {}; it must be more than {limit}",
                scalar_text(instance)
            ),
            bound_hint(sub, &format!("write a number above {limit}")),
        ),
        ValidationErrorKind::Maximum { limit } => one(
            Code::SchemaFormat,
            format!(
                "{field} is {}, above the most allowed, {limit}",
                scalar_text(instance)
            ),
            bound_hint(sub, &format!("write {limit} or less")),
        ),
        ValidationErrorKind::ExclusiveMaximum { limit } => one(
            Code::SchemaFormat,
            format!(
                "{field} is {}; it must be less than {limit}",
                scalar_text(instance)
            ),
            bound_hint(sub, &format!("write a number below {limit}")),
        ),
        ValidationErrorKind::MinItems { .. } => one(
            Code::SchemaFormat,
            format!("{field} is an empty list"),
            Some("list at least one item, or remove the field".into()),
        ),
        ValidationErrorKind::UniqueItems => one(
            Code::SchemaFormat,
            format!("{field} lists the same item twice"),
            Some("remove the repeated item".into()),
        ),
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            // A value that may be a formatted string or a mapping (a dose
            // time: "08:00" or {time, given_by}): explain it as either.
            let branches = sub
                .and_then(|s| s.get("anyOf"))
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let format = branches
                .iter()
                .filter_map(|b| b.get("format").and_then(Value::as_str))
                .find(|f| super::FORMATS.contains(f));
            let mapping = branches
                .iter()
                .map(|b| resolve(b, _root))
                .find(|b| b.get("properties").is_some());
            if let (Some(format), Some(_)) = (format, mapping) {
                if instance.is_number()
                    && let Some(why) = read_as_number(format, instance)
                {
                    return one(Code::SchemaFormat, why, quote_hint(format));
                }
                if !instance.is_object() && !instance.is_array() {
                    let text = scalar_text(instance);
                    let why = explain_format(format, &text)
                        .unwrap_or_else(|| format!("`{text}` is not in the expected form"));
                    return one(Code::SchemaFormat, why, quote_hint(format));
                }
            }
            if let (Some(m), Some(obj)) = (mapping, instance.as_object()) {
                let known: Vec<&str> = m
                    .get("properties")
                    .and_then(Value::as_object)
                    .map(|p| p.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                if let Some(name) = obj.keys().find(|k| !known.contains(&k.as_str())) {
                    return one(
                        Code::SchemaUnknownField,
                        format!("unknown field `{name}` in {field}"),
                        Some(match nearest(name, known.iter().copied()) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => format!("the fields here are: {}", known.join(", ")),
                        }),
                    );
                }
                let required = m.get("required").and_then(Value::as_array);
                if let Some(name) = required
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .find(|r| !obj.contains_key(*r))
                {
                    return one(
                        Code::SchemaMissingField,
                        format!("missing required field `{name}` in {field}"),
                        Some(format!("add `{name}:`")),
                    );
                }
                let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                return one(
                    Code::SchemaType,
                    format!("{field} is not a mapping of the form expected here"),
                    Some(format!(
                        "a mapping here takes {}, each in its own form",
                        names.join(", ")
                    )),
                );
            }
            if instance.is_object() {
                return one(
                    Code::SchemaType,
                    format!("{field} should be a word or a list, not {described}"),
                    None,
                );
            }
            let (words, items) = sub.map(allowed_values).unwrap_or_default();
            if let (Value::Array(list), false) = (instance, items.is_empty()) {
                let wrong: Vec<String> = list
                    .iter()
                    .map(scalar_text)
                    .filter(|w| !items.contains(w))
                    .collect();
                let fixed: Vec<String> = list
                    .iter()
                    .map(scalar_text)
                    .map(|w| nearest(&w, items.iter().map(String::as_str)).map_or(w, str::to_owned))
                    .collect();
                return one(
                    Code::SchemaEnum,
                    format!(
                        "{} in {field} {} not allowed; the items allowed are: {}",
                        wrong
                            .iter()
                            .map(|w| format!("`{w}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        if wrong.len() == 1 { "is" } else { "are" },
                        items.join(", ")
                    ),
                    Some(format!("write `[{}]`", fixed.join(", "))),
                );
            }
            let text = scalar_text(instance);
            let mut allowed = words.join(", ");
            if !items.is_empty() {
                allowed.push_str(&format!(", or a list of: {}", items.join(", ")));
            }
            let synonym = match text.to_lowercase().replace(['-', '_'], " ").trim() {
                "everyday" | "every day" | "all" | "all week" | "all days" => Some("daily"),
                _ => None,
            }
            .filter(|w| words.iter().any(|x| x == w));
            let near = synonym.or_else(|| nearest(&text, words.iter().map(String::as_str)));
            let help = match near {
                Some(n) => format!("did you mean `{n}`? the values allowed are: {allowed}"),
                None if allowed.is_empty() => sub
                    .and_then(|s| s.get("description"))
                    .and_then(Value::as_str)
                    .unwrap_or("see the schema for the allowed forms")
                    .to_owned(),
                None => format!("use one of: {allowed}"),
            };
            one(
                Code::SchemaEnum,
                format!("`{text}` is not allowed for {field}"),
                Some(help),
            )
        }
        _ => one(Code::SchemaType, error.to_string(), None),
    }
}

/// `what` to write, and what the field is (from the schema's description).
/// The schema `b` names with a local `$ref` (`#/$defs/Name`), or `b`.
fn resolve<'v>(b: &'v Value, root: &'v Value) -> &'v Value {
    b.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
        .unwrap_or(b)
}

fn bound_hint(sub: Option<&Value>, what: &str) -> Option<String> {
    let desc = sub
        .and_then(|s| s.get("description"))
        .and_then(Value::as_str)
        .map(|d| format!(" ({})", d.trim_end_matches('.')))
        .unwrap_or_default();
    Some(format!("{what}{desc}"))
}

/// `` `lpa` `` for a field; `` item 1 of `mon` `` for an item of a list.
fn field_label(pointer: &str) -> String {
    let mut parts = pointer.rsplit('/');
    let last = parts.next().unwrap_or_default();
    match (last.parse::<usize>(), parts.next()) {
        (Ok(n), Some(parent)) if !parent.is_empty() => format!("item {} of `{parent}`", n + 1),
        _ => format!("`{last}`"),
    }
}

/// The words a `oneOf`/`anyOf` allows (its `const` and `enum` branches), and
/// the items a list branch allows.
fn allowed_values(sub: &Value) -> (Vec<String>, Vec<String>) {
    let branches = sub
        .get("anyOf")
        .or_else(|| sub.get("oneOf"))
        .and_then(Value::as_array);
    let (mut words, mut items) = (Vec::new(), Vec::new());
    for b in branches.into_iter().flatten() {
        if let Some(c) = b.get("const") {
            words.push(scalar_text(c));
        }
        if let Some(e) = b.get("enum").and_then(Value::as_array) {
            words.extend(e.iter().map(scalar_text));
        }
        if let Some(e) = b.pointer("/items/enum").and_then(Value::as_array) {
            items.extend(e.iter().map(scalar_text));
        }
    }
    (words, items)
}

/// A number where text of `format` belongs, when YAML reading it as a
/// number is the likely mistake (`7.30` as 7.3, an NHS number as an
/// integer); other formats explain themselves.
fn read_as_number(format: &str, instance: &Value) -> Option<String> {
    let text = scalar_text(instance);
    Some(match format {
        "carebook-time" => format!(
            "`{text}` was read as a number, not a time: write times as HH:MM with a colon, \
             in quotes (YAML reads 7.30 as the number 7.3)"
        ),
        "carebook-nhs-number" => format!(
            "the NHS number `{text}` was read as a whole number: write it in quotes, \
             so it stays text"
        ),
        "carebook-window" => {
            format!("`{text}` was read as a number, not a window: write HH:MM-HH:MM in quotes")
        }
        _ => return None,
    })
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn article(t: &str) -> String {
    match t {
        "object" => "a mapping".into(),
        "array" => "a list".into(),
        "string" => "text".into(),
        "integer" => "a whole number".into(),
        "number" => "a number".into(),
        "boolean" => "true or false".into(),
        "null" => "empty".into(),
        other => other.into(),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn type_hint(expected: &str) -> Option<String> {
    match expected {
        "a mapping" => Some("write `key: value` pairs indented under the field".into()),
        "a list" => Some("write a list: `[a, b]` or one `- item` per line".into()),
        "true or false" => Some("write `true` or `false` (`yes` and `no` are text)".into()),
        s if s.starts_with("text") => {
            Some("quote the value to make it text, e.g. \"0117 000 0000\"".into())
        }
        _ => None,
    }
}

fn quote_hint(format: &str) -> Option<String> {
    let example = match format {
        "date" => "2026-11-30",
        "carebook-time" => "\"07:30\"",
        "carebook-window" => "\"07:30-08:30\"",
        "carebook-duration" => "45m, 1h or 1h30m",
        "carebook-week" => "2026-W49",
        "carebook-nhs-number" => "\"943 476 5919\"",
        "carebook-postcode" => "BS3 4AB",
        "carebook-id" => "SU-0001",
        _ => return None,
    };
    Some(format!("for example: {example}"))
}
