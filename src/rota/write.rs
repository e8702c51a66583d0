//! A rota as YAML text for people to review and commit: one visit per
//! line, in date and time order, so a diff shows exactly what moved.

use crate::model::Rota;
use std::fmt::Write;
use std::path::Path;

const MODELINE: &str = "# yaml-language-server: $schema=";

/// The `yaml-language-server` modeline for a rota written to `out` in the
/// repository at `root`, so that editors validate it: the one the file
/// already has, or one pointing at the repository's own `schema/` folder
/// (as `carebook init` makes it) for a rota in `rotas/`.
pub fn modeline(root: &Path, out: &Path) -> Option<String> {
    first_line(out)
        .filter(|l| l.starts_with(MODELINE))
        .or_else(|| {
            let in_rotas = out.parent().is_some_and(|p| p == root.join("rotas"));
            (in_rotas && root.join("schema/rota.schema.json").is_file())
                .then(|| format!("{MODELINE}../schema/rota.schema.json"))
        })
}

/// The first line of the file at `path` (at most 4 KiB of it is read, and
/// only from a regular file: a pipe would block).
fn first_line(path: &Path) -> Option<String> {
    use std::io::{BufRead, Read};
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(file.take(4096))
        .read_line(&mut line)
        .ok()?;
    Some(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Quotes text as a YAML double-quoted scalar (JSON's escaping is valid YAML).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The rota's YAML text, after `modeline` if there is one.
pub fn to_yaml(rota: &Rota, modeline: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(line) = modeline {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "# Written by carebook rota. Review it, set `locked: true` on visits a person"
    );
    let _ = writeln!(out, "# fixes (re-planning keeps them), then commit.");
    let _ = writeln!(out, "kind: rota");
    let _ = writeln!(out, "id: {}", rota.id);
    let _ = writeln!(out, "week: {}", rota.week);
    if let Some(g) = &rota.generated {
        let seed = g.seed.map(|s| format!(", seed: {s}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "generated: {{at: {}, by: {}{seed}}}",
            quote(&g.at),
            quote(&g.by)
        );
    }
    if rota.visits.is_empty() {
        let _ = writeln!(out, "visits: []");
    } else {
        let _ = writeln!(out, "visits:");
    }
    for v in &rota.visits {
        let carers: Vec<String> = v.carers.iter().map(ToString::to_string).collect();
        let locked = if v.locked { ", locked: true" } else { "" };
        let _ = writeln!(
            out,
            "  - {{service_user: {}, label: {}, date: {}, start: \"{}\", end: \"{}\", carers: [{}]{locked}}}",
            v.service_user,
            quote(&v.label),
            v.date,
            v.start,
            v.end,
            carers.join(", ")
        );
    }
    if rota.unassigned.is_empty() {
        let _ = writeln!(out, "unassigned: []");
    } else {
        let _ = writeln!(out, "unassigned:");
    }
    for u in &rota.unassigned {
        let _ = writeln!(
            out,
            "  - {{service_user: {}, label: {}, date: {}, reason: {}}}",
            u.service_user,
            quote(&u.label),
            u.date,
            quote(&u.reason)
        );
    }
    out
}
