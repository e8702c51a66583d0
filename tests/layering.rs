//! The library's top-level modules form layers with no cycle: each module
//! may use only modules of a lower layer. This test reads `src/**/*.rs`,
//! collects every `crate::<module>` reference (and `super::` chains that
//! climb out of a module), and checks them against the table below. It
//! also keeps clap, tera and git2 each in the one place that may use them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first. A module may use the modules of lower layers
/// only. `index` (the typed records index) has its slot even before it
/// exists; `cli` is the binary, which may use everything.
const LAYERS: &[&[&str]] = &[
    &["diag", "wording", "terminal", "markdown"],
    &["model", "fsutil"],
    &["schema", "travel"],
    &["load"],
    &["index"],
    &["check", "rota", "audit", "export", "import", "init"],
    &["report"],
    &["serve"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, with its module path (`["check",
/// "rules", "policy"]`; `mod.rs` names its folder).
fn files() -> Vec<(Vec<String>, String)> {
    let root = src();
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&root).expect("under src/");
        let mut segments: Vec<String> = rel
            .iter()
            .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        if segments.last().is_some_and(|s| s == "mod") {
            segments.pop();
        }
        let text = std::fs::read_to_string(path).expect("a source file reads");
        out.push((segments, text));
    }
    assert!(out.len() > 50, "src/ not found: {} files", out.len());
    out
}

/// The code of a file without its comment lines (docs may name any module).
fn code_of(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first names of a `{a, b::c, d::{e}}` group.
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_start = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => break,
            '}' => depth -= 1,
            ',' if depth == 1 => at_start = true,
            c if depth == 1 && at_start && !c.is_whitespace() => {
                heads.push(ident_at(&s[i..]).to_owned());
                at_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a file of module path `path` refers to.
fn references(path: &[String], code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut add = |rest: &str| {
        if rest.starts_with('{') {
            found.extend(group_heads(rest));
        } else {
            found.insert(ident_at(rest).to_owned());
        }
    };
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue; // e.g. `mycrate::`
        }
        add(&code[i + "crate::".len()..]);
    }
    // `super::` chains that climb to the crate root: from `check/rules.rs`
    // (path `check::rules`), `super::super::load` is `crate::load`.
    let levels = path.len();
    for (i, _) in code.match_indices("super::") {
        if code[..i].ends_with("super::") {
            continue; // counted from the first `super::` of the chain
        }
        let mut rest = &code[i..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        // Each `super::` climbs one segment of the path; past the first
        // segment is the crate root.
        if ups >= levels {
            add(rest);
        }
    }
    found.retain(|m| !m.is_empty() && m != "self");
    found
}

/// `module → modules it uses`, over the library (not the binaries).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files() {
        let Some(top) = path.first() else { continue };
        if matches!(top.as_str(), "lib" | "main" | "bin") {
            continue;
        }
        let uses = references(&path, &code_of(&text));
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(uses.into_iter().filter(|m| m != top));
    }
    graph
}

#[test]
fn every_module_uses_only_lower_layers() {
    let graph = graph();
    assert!(graph.contains_key("diag") && graph.contains_key("check"));
    let mut wrong = Vec::new();
    for (module, uses) in &graph {
        let Some(own) = layer_of(module) else {
            wrong.push(format!("`{module}` is not in the layering table"));
            continue;
        };
        for used in uses {
            match layer_of(used) {
                Some(l) if l < own => {}
                Some(_) => wrong.push(format!("`{module}` uses `{used}`, which is not below it")),
                None => wrong.push(format!(
                    "`{module}` uses `{used}`, which is not in the layering table"
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_sees_references_of_every_shape() {
    let path = vec!["load".to_owned(), "repo".to_owned()];
    let code = "use crate::check::Code;\nuse crate::{diag::{Code, Site}, model};\n\
                let x = super::super::audit::run();\nuse super::node::Pos;\nmycrate::x";
    let found: Vec<String> = references(&path, code).into_iter().collect();
    assert_eq!(found, ["audit", "check", "diag", "model"]);
}

#[test]
fn a_module_that_imports_one_above_it_is_caught() {
    let code = "use crate::check::Finding;";
    let uses = references(&["load".to_owned()], code);
    let load = layer_of("load").expect("load has a layer");
    assert!(
        uses.iter().any(|m| layer_of(m).is_some_and(|l| l >= load)),
        "{uses:?}"
    );
}

/// The files that mention `needle` (in code, not comments).
fn users_of(needle: &str) -> BTreeSet<String> {
    files()
        .into_iter()
        .filter(|(_, text)| code_of(text).contains(needle))
        .map(|(path, _)| path.join("/"))
        .collect()
}

#[test]
fn clap_tera_and_git2_each_stay_in_their_module() {
    for (krate, home) in [
        ("clap", "cli"),
        ("clap_complete", "cli"),
        ("clap_mangen", "cli"),
        ("tera", "report"),
        ("git2", "audit/history"),
    ] {
        let users = users_of(&format!("{krate}::"));
        assert!(!users.is_empty(), "nothing uses {krate}: the test is stale");
        let outside: Vec<&String> = users
            .iter()
            .filter(|p| !(p.as_str() == home || p.starts_with(&format!("{home}/"))))
            .collect();
        assert!(
            outside.is_empty(),
            "{krate} used outside {home}: {outside:?}"
        );
    }
}
