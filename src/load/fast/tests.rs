//! The fast path builds exactly serde-saphyr's tree (values and every
//! location) or steps aside; it never builds a different one.

use super::super::parse::{parse, parse_slow};
use super::parse as fast;
use std::path::Path;

fn fast_tree(text: &str) -> Option<serde_saphyr::Spanned<crate::load::node::Node>> {
    fast(text, super::super::parse::PARSER_OPTIONS.clone())
}

/// Asserts the fast tree, if any, is the slow one; tells whether there was one.
fn same_or_slow(name: &str, text: &str) -> bool {
    let slow = parse_slow(text);
    assert_eq!(
        parse(text),
        slow,
        "{name}: parse differs from the slow path"
    );
    match fast_tree(text) {
        Some(tree) => {
            assert_eq!(Ok(&tree), slow.as_ref(), "{name}: the fast tree differs");
            true
        }
        None => false,
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn every_example_and_fixture_file_parses_the_same_and_plain_ones_fast() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("examples"), &mut files);
    let examples = files.len();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    assert!(examples > 40 && files.len() > 150, "the data is there");
    let mut fast_count = 0;
    for (i, path) in files.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // the Latin-1 fixture
        };
        let was_fast = same_or_slow(&path.display().to_string(), &text);
        assert!(was_fast || i >= examples, "{}: not fast", path.display());
        fast_count += usize::from(was_fast);
    }
    assert!(
        fast_count > files.len() * 3 / 4,
        "{fast_count} of {}",
        files.len()
    );
}

#[test]
fn scalars_resolve_as_serde_saphyr_resolves_them() {
    // Separated by `|`; the first value is the empty one.
    let values = concat!(
        "|~|null|Null|NULL|true|True|TRUE|false|FALSE|yes|no|on|off|y|n|0|7|-7|+7|-0|",
        "0127|-0127|9223372036854775807|-9223372036854775808|1.5|-1.5|+1.5|1e3|1E+3|1.|",
        "07.5|07:30|2026-11-30|2026-W49|SW1A 1AA|1 2|30m|1h30m|10 Downing Street|nan|inf|",
        "infinity|NaN|\"7\"|'true'|\"\"|''|é|Zoë Ørsted|a: b|12:30-13:00|1-2|4e|e4|0.0|-|+|",
        "--|1_000|0x1F|0o17|0b1|.5|.inf|-.inf|.nan|1e999|18446744073709551616",
    )
    .split('|');
    let mut fast = 0;
    for v in values {
        for text in [
            format!("k: {v}\n"),
            format!("k:\n  - {v}\n  - x\n"),
            format!("k: [{v}, x]\n"),
            format!("{v}: 1\nother: 2\n"),
        ] {
            fast += usize::from(same_or_slow(&format!("{text:?}"), &text));
        }
    }
    assert!(fast > 200, "{fast}");
}

#[test]
fn layouts_keep_their_positions() {
    let texts = [
        "kind: carer\nid: C-1\nname: Zoë Ørsted\nskills: [hoist, 'peg feeding']\n",
        "kind: carer\r\nid: C-1\r\nnotes: |\r\n  line one\r\n  line two\r\n",
        "\u{feff}kind: carer\nid: C-1\n",
        "# a comment\nkind: carer # trailing\n\nid: \"C-1\"\nvisits:\n- day: mon\n  times:\n    - 07:30\n- {day: tue, at: '08:00'}\n",
        "---\nkind: carer\nfolded: >\n  one\n  two\n\nempty:\nnested:\n  deeper:\n    deepest: [1, [2, {a: b}]]\n...\n",
        "kind: carer\nescaped: \"tab\\there \\u00e9\"\nsingle: 'it''s'\n",
    ];
    for text in texts {
        assert!(
            same_or_slow(&format!("{text:?}"), text),
            "{text:?} not fast"
        );
    }
}

#[test]
fn unusual_files_go_the_slow_way() {
    let texts = [
        "a: 1\na: 2\n",
        "a: 1\n'a': 2\n",
        "1: x\n+1: y\n",
        "true: x\ntrue: y\n",
        "base: &b {x: 1}\nother: *b\n",
        "<<: {x: 1}\ny: 2\n",
        "a: !!str 7\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "a:\n\t- b\n",
        "",
        "- a\n- b\n",
        "just text\n",
        "? [a, b]\n: c\n",
    ];
    for text in texts {
        assert!(
            !same_or_slow(&format!("{text:?}"), text),
            "{text:?} went fast"
        );
    }
}

/// The JSON of a lean read, its lists put back, is the JSON of the whole
/// tree; the rest of the tree is the whole tree's but for the lists.
fn lean_is_whole(name: &str, text: &str) -> bool {
    use super::super::repo::lean_fields;
    let Some(whole) = fast_tree(text) else {
        return false;
    };
    let lean = super::parse_lean(
        text,
        super::super::parse::PARSER_OPTIONS.clone(),
        lean_fields,
    )
    .unwrap_or_else(|| panic!("{name}: read whole but not lean"));
    let mut json = lean.tree.value.to_json();
    let had_lists = !lean.lists.is_empty();
    for (key, list) in lean.lists {
        let slot = json
            .get_mut(&key)
            .unwrap_or_else(|| panic!("{name}: no {key}"));
        assert_eq!(
            *slot,
            serde_json::Value::Null,
            "{name}: {key} kept in the tree"
        );
        *slot = list;
    }
    assert_eq!(json, whole.value.to_json(), "{name}: the lean JSON differs");
    if let (crate::load::node::Node::Map(a), crate::load::node::Node::Map(b)) =
        (&lean.tree.value, &whole.value)
    {
        for ((ka, va), (kb, vb)) in a.iter().zip(b) {
            assert_eq!(ka, kb, "{name}: keys and their positions");
            if va.value != crate::load::node::Node::Null || !had_lists {
                assert_eq!(va.referenced, vb.referenced, "{name}: the value's position");
            }
        }
    }
    had_lists
}

#[test]
fn visit_logs_and_mar_read_lean_give_the_json_of_the_whole_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("examples"), &mut files);
    yaml_files(&root.join("tests/fixtures"), &mut files);
    let mut lean = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        lean += usize::from(lean_is_whole(&path.display().to_string(), &text));
    }
    assert!(lean >= 10, "only {lean} files had lean lists");
    // Only the kind's own lists go lean, and only once `kind:` is read.
    let rules = "kind: visit-rules\nvisits:\n  - {label: am, start: \"08:00\"}\n";
    assert!(!lean_is_whole("visit rules", rules));
    let late_kind = "visits:\n  - {date: 2026-11-16}\nkind: visit-log\n";
    assert!(!lean_is_whole("kind last", late_kind));
    let log = "kind: visit-log\nvisits:\n  - date: 2026-11-16\n    n: 1\n    f: 1.5\n    x: ~\n    \"q\": [a, b]\nweek: 2026-W47\n";
    assert!(lean_is_whole("a log", log));
    let mar = "kind: mar\ndoses: []\nprn:\n  - {time: \"08:00\", ok: true}\n";
    assert!(lean_is_whole("a MAR", mar));
}
