//! A rota as YAML text for people to review and commit: one visit per
//! line, in date and time order, so a diff shows exactly what moved.

use crate::fsutil::{self, FsError};
use crate::load::Repo;
use crate::load::walk::display_path;
use crate::model::values::Week;
use crate::model::{Record, Rota};
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
/// only from a regular file reached without a link: a pipe would block).
fn first_line(path: &Path) -> Option<String> {
    use std::io::{BufRead, Read};
    let dir = path.parent().unwrap_or(Path::new("."));
    if fsutil::first_link(dir, path).is_some() {
        return None;
    }
    let file = fsutil::open_regular_nofollow(path).ok()?;
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

/// Why a rota is not written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum RotaWriteError {
    /// The week's rota file exists but cannot be read: replacing it would
    /// lose what a person wrote there (locked visits, notes).
    #[error("the rota at {path} cannot be read, so it is not replaced")]
    #[diagnostic(
        code(carebook::rota::unreadable),
        help(
            "{findings}\nfix the file (`carebook check` shows each finding with its line), or pass --force to replace it: what it holds, locked visits too, is then lost"
        )
    )]
    Unreadable {
        /// The file, relative to the repository.
        path: String,
        /// Its findings, one a line.
        findings: String,
    },
    /// The output names a record (or a template) that is not the week's rota.
    #[error("{path} is not the rota of {week}: carebook does not write a rota over it")]
    #[diagnostic(
        code(carebook::rota::over_record),
        help(
            "{path} is a record or template of the repository; leave out --out to write rotas/{week}.yaml, or name a new file"
        )
    )]
    OverRecord {
        /// The file, relative to the repository.
        path: String,
        /// The week being planned.
        week: Week,
    },
    /// Writing failed (a link on the way, a full disk).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Fs(#[from] FsError),
}

/// Whether loading found the file unreadable as a record (YAML, schema,
/// encoding or kind errors), as opposed to rule findings about its content.
fn load_failure(code: &str) -> bool {
    ["yaml/", "schema/", "io/", "record/"]
        .iter()
        .any(|p| code.starts_with(p))
}

/// The rota already planned for `week`, which a new plan keeps the locked
/// visits of: the file at `out` when it is a rota of the week, else a
/// readable rota of that week elsewhere in the repository.
///
/// Fails when `out` is a record or template that is not the week's rota
/// (never overwritten), or when it is the week's rota but cannot be read
/// (YAML or schema errors: overwriting would lose it) unless `force`.
pub fn existing(
    repo: &Repo,
    out: &Path,
    week: Week,
    force: bool,
) -> Result<Option<Rota>, RotaWriteError> {
    let rel = fsutil::below(&repo.root, out).map(|p| display_path(&p));
    if let Some(rel) = rel.as_deref() {
        if let Some(index) = repo.files.iter().position(|f| f.path == rel) {
            let week_text = week.to_string();
            let entry = repo.entries.iter().find(|e| e.file == index);
            let salvaged = repo
                .salvaged
                .iter()
                .find(|(i, _)| *i == index)
                .map(|(_, fields)| fields.as_slice());
            let (kind, of_week) = match (entry, salvaged) {
                (Some(e), _) => (
                    Some(e.kind.name().to_owned()),
                    e.raw_str("week").map(str::to_owned),
                ),
                (None, Some(fields)) => (
                    Repo::salvaged_value(fields, "kind").map(str::to_owned),
                    Repo::salvaged_value(fields, "week").map(str::to_owned),
                ),
                (None, None) => (None, None),
            };
            let default = format!("rotas/{week}.yaml");
            let rota_of_week =
                kind.as_deref() == Some("rota") && of_week.as_deref() == Some(week_text.as_str());
            // A file at the week's own path that cannot say what it is.
            let broken_at_home = rel == default
                && kind.as_deref().is_none_or(|k| k == "rota")
                && of_week.as_deref().is_none_or(|w| w == week_text);
            let is_week_rota = rota_of_week || broken_at_home;
            if !is_week_rota {
                return Err(RotaWriteError::OverRecord {
                    path: rel.to_owned(),
                    week,
                });
            }
            let findings: Vec<String> = repo
                .findings
                .iter()
                .filter(|f| f.site.file == rel && load_failure(f.code.as_str()))
                .map(|f| {
                    format!(
                        "{}:{}:{}: {}: {}",
                        f.site.file,
                        f.site.pos.line,
                        f.site.pos.column,
                        f.code.as_str(),
                        f.message
                    )
                })
                .collect();
            let record = entry.and_then(|e| match &e.record {
                Some(Record::Rota(r)) => Some(r.clone()),
                _ => None,
            });
            return match record {
                Some(r) if findings.is_empty() => Ok(Some(r)),
                _ if force => Ok(None),
                _ => Err(RotaWriteError::Unreadable {
                    path: rel.to_owned(),
                    findings: if findings.is_empty() {
                        format!("{rel}: not a rota carebook can read")
                    } else {
                        findings.join("\n")
                    },
                }),
            };
        }
        if rel.starts_with("templates/") && out.exists() {
            return Err(RotaWriteError::OverRecord {
                path: rel.to_owned(),
                week,
            });
        }
    }
    Ok(repo.entries.iter().find_map(|e| match &e.record {
        Some(Record::Rota(r)) if r.week == week => Some(r.clone()),
        _ => None,
    }))
}

/// Writes the rota's text to `out` atomically; inside the repository no
/// component of the path may be a link.
pub fn save(repo: &Repo, out: &Path, text: &str) -> Result<(), RotaWriteError> {
    fsutil::write_atomic_in(&repo.root, out, text.as_bytes())?;
    Ok(())
}
