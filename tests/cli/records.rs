//! Fixture pairs for the YAML, record, schema and reference rules.

use crate::support::rule_pair;

#[test]
fn yaml_syntax() {
    let f = rule_pair("yaml-syntax", "yaml/syntax", "carers/C-0002.yaml", 3);
    assert_eq!(f["column"], 7, "{f}");
}

#[test]
fn yaml_duplicate_key() {
    let f = rule_pair(
        "yaml-duplicate-key",
        "yaml/duplicate-key",
        "carers/C-0002.yaml",
        5,
    );
    assert!(
        f["message"].as_str().unwrap_or("").contains("`role`"),
        "{f}"
    );
}

#[test]
fn yaml_multiple_documents() {
    rule_pair(
        "yaml-multiple-documents",
        "yaml/multiple-documents",
        "carers/C-0002.yaml",
        41,
    );
}

#[test]
fn yaml_encoding() {
    let f = rule_pair("yaml-encoding", "yaml/encoding", "carers/C-0002.yaml", 3);
    assert_eq!(f["column"], 10, "{f}");
    assert!(f["message"].as_str().unwrap_or("").contains("0xE9"), "{f}");
}

#[test]
fn yaml_too_large_alias_bomb() {
    rule_pair("yaml-too-large", "yaml/too-large", "carers/bomb.yaml", 7);
}

#[test]
fn record_unknown_kind() {
    let f = rule_pair(
        "record-unknown-kind",
        "record/unknown-kind",
        "carers/C-0002.yaml",
        1,
    );
    assert_eq!(f["help"], "did you mean `carer`?");
}

#[test]
fn record_duplicate_id() {
    let f = rule_pair(
        "record-duplicate-id",
        "record/duplicate-id",
        "carers/C-0001-copy.yaml",
        2,
    );
    let related = &f["related"][0];
    assert_eq!(related["file"], "carers/C-0001.yaml", "{f}");
    assert_eq!(related["line"], 2, "{f}");
}

#[test]
fn schema_missing_field() {
    let f = rule_pair(
        "schema-missing-field",
        "schema/missing-field",
        "carers/C-0002.yaml",
        1,
    );
    assert!(f["help"].as_str().unwrap_or("").contains("`role:`"), "{f}");
}

#[test]
fn schema_unknown_field() {
    let f = rule_pair(
        "schema-unknown-field",
        "schema/unknown-field",
        "carers/C-0002.yaml",
        11,
    );
    assert_eq!(f["help"], "did you mean `skills`?");
    assert_eq!(f["column"], 1);
}

#[test]
fn schema_type() {
    rule_pair("schema-type", "schema/type", "carers/C-0002.yaml", 11);
}

#[test]
fn schema_enum() {
    let f = rule_pair("schema-enum", "schema/enum", "carers/C-0002.yaml", 10);
    assert_eq!(f["help"], "did you mean `walk`?");
}

#[test]
fn schema_format() {
    let f = rule_pair(
        "schema-format",
        "schema/format",
        "visit-rules/VR-0001.yaml",
        10,
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap_or("")
            .contains("ends before it starts"),
        "{f}"
    );
}

#[test]
fn nhs_number_check_digit() {
    rule_pair(
        "nhs-number-check-digit",
        "nhs-number/check-digit",
        "service-users/SU-0001.yaml",
        7,
    );
}

#[test]
fn ref_unknown() {
    let f = rule_pair("ref-unknown", "ref/unknown", "visit-rules/VR-0001.yaml", 4);
    assert_eq!(f["message"], "no care-plan record has the id `CP-0010`");
    assert!(
        f["help"]
            .as_str()
            .unwrap_or("")
            .contains("`id:` line of the care-plan record")
    );
}

/// The id of a deleted record is not a typo of a near id (another
/// person's record): no "did you mean `SU-0002`?".
#[test]
fn a_deleted_persons_id_is_not_suggested_as_a_typo_of_another() {
    let f = rule_pair("ref-unknown", "ref/unknown", "visit-rules/VR-0001.yaml", 4);
    let help = f["help"].as_str().unwrap_or_default();
    assert!(!help.contains("did you mean"), "{f}");
    assert!(!help.contains("CP-0001"), "{f}");
    assert!(
        help.contains("restore it from git or remove this reference"),
        "{f}"
    );
}

#[test]
fn ref_mismatch() {
    let f = rule_pair(
        "ref-mismatch",
        "ref/mismatch",
        "visit-rules/VR-0002.yaml",
        4,
    );
    assert_eq!(f["related"][0]["file"], "care-plans/CP-0001.yaml");
}
