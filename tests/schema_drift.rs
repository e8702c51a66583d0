//! The committed schemas in `schema/` say exactly what the Rust types say.
//! If this fails, run `cargo run -- schema --out schema` and commit.

use carebook::model::Kind;
use carebook::schema;

#[test]
fn committed_schemas_match_the_types() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    for kind in Kind::ALL {
        let path = dir.join(schema::file_name(kind));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema::schema_text(kind),
            "{} is out of date: run `cargo run -- schema --out schema` and commit",
            path.display()
        );
    }
}

#[test]
fn schemas_are_draft_07_and_name_their_kind() {
    for kind in Kind::ALL {
        let s = schema::schema_for(kind);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["properties"]["kind"]["const"], kind.name());
        assert_eq!(s["required"][0], "kind");
    }
}
