//! One JSON Schema per record kind, generated from the model types.
//!
//! The same schemas are committed in `schema/` (where editors read them
//! through yaml-language-server) and compiled here to validate every file,
//! so that every structural error of a file is reported at once, with the
//! JSON pointer of the value it is about.

mod explain;

use crate::diag::Code;
use crate::model::{
    Action, Agency, CarePlan, Carer, Complaint, Incident, InspectionJudgement, Kind, Mar,
    QualityAudit, Rota, ServiceUser, VisitLog, VisitRules, values,
};
use jsonschema::{Draft, Validator};
use schemars::JsonSchema;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The file name of a kind's schema in `schema/`, e.g. `carer.schema.json`.
pub fn file_name(kind: Kind) -> String {
    format!("{}.schema.json", kind.name())
}

fn generate<T: JsonSchema>(kind: Kind) -> Value {
    let mut settings = schemars::generate::SchemaSettings::draft07();
    settings.inline_subschemas = true;
    let mut generator = settings.into_generator();
    let schema = generator.root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
            let mut with_kind = serde_json::Map::new();
            with_kind.insert(
                "kind".into(),
                json!({"const": kind.name(), "description": "The record kind."}),
            );
            with_kind.extend(std::mem::take(props));
            *props = with_kind;
        }
        if let Some(required) = obj.get_mut("required").and_then(Value::as_array_mut) {
            required.insert(0, json!("kind"));
        }
        // Readers look at the top first: dialect, title and description.
        let mut ordered = serde_json::Map::new();
        ordered.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        ordered.insert(
            "title".into(),
            json!(format!("carebook {} record", kind.name())),
        );
        for key in ["description", "type", "required", "additionalProperties"] {
            if let Some(v) = obj.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        obj.remove("$schema");
        obj.remove("title");
        ordered.extend(std::mem::take(obj));
        *obj = ordered;
    }
    value
}

/// The JSON Schema of a kind.
pub fn schema_for(kind: Kind) -> Value {
    match kind {
        Kind::Agency => generate::<Agency>(kind),
        Kind::ServiceUser => generate::<ServiceUser>(kind),
        Kind::CarePlan => generate::<CarePlan>(kind),
        Kind::Carer => generate::<Carer>(kind),
        Kind::VisitRules => generate::<VisitRules>(kind),
        Kind::Rota => generate::<Rota>(kind),
        Kind::VisitLog => generate::<VisitLog>(kind),
        Kind::InspectionJudgement => generate::<InspectionJudgement>(kind),
        Kind::Mar => generate::<Mar>(kind),
        Kind::Incident => generate::<Incident>(kind),
        Kind::Complaint => generate::<Complaint>(kind),
        Kind::QualityAudit => generate::<QualityAudit>(kind),
        Kind::Action => generate::<Action>(kind),
    }
}

/// The schema's text as committed in `schema/`: pretty JSON and a newline.
pub fn schema_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&schema_for(kind)).unwrap_or_default();
    text.push('\n');
    text
}

struct Compiled {
    schema: Value,
    validator: Validator,
}

/// Compiles the validator of a kind's schema. The schemas are generated
/// from the model, so a failure is a bug in carebook; a unit test compiles
/// every kind's, and `validate` says so loudly rather than validate
/// nothing.
fn compile(kind: Kind) -> Result<Compiled, String> {
    let schema = schema_for(kind);
    let mut options = jsonschema::options()
        .with_draft(Draft::Draft7)
        .should_validate_formats(true);
    for format in FORMATS {
        options = options.with_format(*format, move |s: &str| values::check_format(format, s));
    }
    let validator = options.build(&schema).map_err(|e| e.to_string())?;
    Ok(Compiled { schema, validator })
}

/// Every kind's validator, compiled once.
static VALIDATORS: LazyLock<HashMap<Kind, Result<Compiled, String>>> =
    LazyLock::new(|| Kind::ALL.into_iter().map(|k| (k, compile(k))).collect());

pub(crate) const FORMATS: &[&str] = &[
    "date",
    "carebook-time",
    "carebook-window",
    "carebook-duration",
    "carebook-week",
    "carebook-nhs-number",
    "carebook-postcode",
    "carebook-id",
];

/// One structural problem of a record, before it gets a position.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    /// Rule code: `schema/missing-field`, `schema/unknown-field`,
    /// `schema/type`, `schema/enum` or `schema/format`.
    pub code: Code,
    /// JSON pointer of the value (for a missing field, of the mapping).
    pub pointer: String,
    /// For an unknown field, its name (the finding points at the key).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Validates a record's JSON against its kind's schema: every error, in
/// document order, at most one per value.
pub fn validate(kind: Kind, instance: &Value) -> Vec<SchemaError> {
    let compiled = match VALIDATORS.get(&kind) {
        Some(Ok(compiled)) => compiled,
        Some(Err(why)) => return vec![not_compiled(kind, why)],
        None => return vec![not_compiled(kind, "no validator was built")],
    };
    // Nearly every record is valid: the yes/no check skips building errors.
    if compiled.validator.is_valid(instance) {
        return Vec::new();
    }
    let mut errors: Vec<SchemaError> = Vec::new();
    for error in compiled.validator.iter_errors(instance) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str().to_owned();
        let sub = subschema(&compiled.schema, &schema_path);
        errors.extend(explain::explain(&error, pointer, sub, &compiled.schema));
    }
    // One finding per value: the first (most specific) wins.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| {
        // Several fields may be missing from one mapping: each is its own finding.
        let missing = (e.code == Code::SchemaMissingField).then(|| e.message.clone());
        seen.insert((e.pointer.clone(), e.field.clone(), missing))
    });
    errors
}

/// The one error of a record whose kind's validator did not compile: the
/// structure cannot be checked, and the person must know.
fn not_compiled(kind: Kind, why: &str) -> SchemaError {
    SchemaError {
        code: Code::SchemaType,
        pointer: String::new(),
        field: None,
        message: format!(
            "carebook cannot check the structure of this {} record: its schema does not compile ({why})",
            kind.name()
        ),
        help: Some(
            "this is a bug in carebook; please report it. The other rules still ran".to_owned(),
        ),
    }
}

/// The schema object that holds the keyword at `schema_path`, with `$ref`s
/// followed, e.g. the `duration` property for `.../duration/pattern`.
fn subschema<'a>(root: &'a Value, schema_path: &str) -> Option<&'a Value> {
    let mut segments: Vec<&str> = schema_path.split('/').skip(1).collect();
    segments.pop();
    let mut node = root;
    for seg in segments {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Object(map) => map.get(&seg)?,
            Value::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
        node = follow_ref(root, node);
    }
    Some(node)
}

/// Follows a local `$ref` (`#/definitions/X`) if `node` is one.
pub(crate) fn follow_ref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|p| root.pointer(p))
            .unwrap_or(node),
        None => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kinds_validator_compiles() {
        for kind in Kind::ALL {
            if let Err(why) = compile(kind) {
                panic!("the {} schema does not compile: {why}", kind.name());
            }
        }
    }

    #[test]
    fn a_validator_that_did_not_compile_is_one_loud_error() {
        let e = not_compiled(Kind::Carer, "bad regex");
        assert!(e.message.contains("carer record"), "{}", e.message);
        assert!(e.message.contains("bad regex"), "{}", e.message);
        assert!(e.help.is_some());
    }
}
