//! The mock-inspection mapping, as data: CQC's quality statements under
//! the five key questions, the regulations each rests on, the evidence
//! carebook computes for it, which findings are its gaps (each group under
//! the regulation it breaches), and what the inspector will ask.
//!
//! The framework is switchable: the built-in one is embedded
//! (`templates/inspection-map.yaml`, `cqc-saf`); a records repository's own
//! `templates/inspection-map.yaml` replaces it; `--framework FILE` reads any
//! file of the same format (CQC is revising its framework).

use super::error::ReportError;
use super::evidence::is_evidence_key;
use crate::diag::{Code, nearest};
use serde::Deserialize;
use std::path::Path;

/// The embedded default mapping.
pub const DEFAULT: &str = include_str!("../../templates/inspection-map.yaml");

/// The mapping file's name, in the repository's `templates/` folder.
pub const FILE: &str = "inspection-map.yaml";

/// The frameworks carebook embeds: an id for `--framework` and its text.
pub const BUILT_IN: &[(&str, &str)] = &[("cqc-saf", DEFAULT)];

/// A mapping from findings and evidence to quality statements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionMap {
    /// The format's version (2).
    pub version: u32,
    /// Which framework this is.
    pub framework: Framework,
    /// The regulations referred to.
    pub regulations: Vec<Regulation>,
    /// Findings whose actions are due soonest.
    #[serde(default)]
    pub serious: Vec<String>,
    /// Days from the pack's date to an action's due date.
    #[serde(default)]
    pub due_days: DueDays,
    /// The key questions, in order.
    pub key_questions: Vec<KeyQuestion>,
}

/// Which framework a mapping holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// A short id, `cqc-saf`; judgements name it.
    pub id: String,
    /// Its name in words.
    pub name: String,
    /// What the records cannot show, for the pack's introduction.
    #[serde(default)]
    pub beyond_records: String,
}

/// Days from the pack's date to an action's due date, by how serious.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueDays {
    /// A finding listed under `serious`.
    pub serious: u32,
    /// Any other error.
    pub error: u32,
    /// A warning.
    pub warning: u32,
    /// A statement with no evidence in the records, or a sampled file's gap.
    pub absent: u32,
}

impl Default for DueDays {
    fn default() -> DueDays {
        DueDays {
            serious: 7,
            error: 28,
            warning: 56,
            absent: 28,
        }
    }
}

/// A regulation's id: `12`, or `2009-18` for the 2009 Registration
/// Regulations. Written as a number or a string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum RawId {
    Number(u32),
    Text(String),
}

fn reg_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match RawId::deserialize(d)? {
        RawId::Number(n) => n.to_string(),
        RawId::Text(t) => t,
    })
}

fn reg_ids<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<RawId>::deserialize(d)?
        .into_iter()
        .map(|r| match r {
            RawId::Number(n) => n.to_string(),
            RawId::Text(t) => t,
        })
        .collect())
}

/// A regulation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// Its id, `12` or `2009-18`.
    #[serde(deserialize_with = "reg_id")]
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it asks, in a sentence.
    pub summary: String,
}

impl Regulation {
    /// How the pack names it: `Regulation 12` or `Regulation 18 (2009)`.
    pub fn name(&self) -> String {
        regulation_name(&self.id)
    }
}

/// `Regulation 12`, or `Regulation 18 (2009)` for `2009-18`.
pub fn regulation_name(id: &str) -> String {
    match id.split_once('-') {
        Some((year, n)) => format!("Regulation {n} ({year})"),
        None => format!("Regulation {id}"),
    }
}

/// A key question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyQuestion {
    /// `safe`, `effective`, ...
    pub key: String,
    /// `Safe`.
    pub title: String,
    /// The question itself.
    pub question: String,
    /// Its quality statements.
    pub statements: Vec<Statement>,
}

/// A quality statement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// `safe-and-effective-staffing`: unique in the map; judgements name it.
    pub key: String,
    /// `Safe and effective staffing`.
    pub title: String,
    /// The framework's "we statement".
    #[serde(default)]
    pub we: String,
    /// The regulations it rests on.
    #[serde(default, deserialize_with = "reg_ids")]
    pub regulations: Vec<String>,
    /// Evidence keys.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Which findings are gaps, by the regulation they breach.
    #[serde(default)]
    pub gaps: Vec<GapGroup>,
    /// Evidence it needs that carebook holds no records of: each shows
    /// as absent.
    #[serde(default)]
    pub outside_records: Vec<String>,
    /// What the inspector will ask.
    #[serde(default)]
    pub asks: Vec<String>,
    /// Who owns its actions, `Registered manager`.
    #[serde(default)]
    pub owner: Option<String>,
}

/// Findings that are gaps under one regulation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapGroup {
    /// The regulation they breach.
    #[serde(deserialize_with = "reg_id")]
    pub regulation: String,
    /// Which findings.
    pub findings: Vec<Matcher>,
}

/// Which findings: a code pattern (`consent/*`), optionally only those
/// whose message mentions a text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Matcher {
    /// `plan/review-overdue` or `training/*`.
    Code(String),
    /// `{code: training/*, mentions: safeguarding-adults}`.
    Mentions {
        /// The code pattern.
        code: String,
        /// Text the message must contain.
        mentions: String,
    },
}

/// Whether `code` matches a pattern: exactly, or `family/*`.
pub fn code_matches(pattern: &str, code: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => pattern == code,
    }
}

/// Why a code pattern names no finding: `None` when it names a code of
/// some family, or a whole family (`consent/*`), that carebook knows.
/// Otherwise what is wrong, with the nearest pattern that would do.
pub fn unknown_pattern(pattern: &str) -> Option<String> {
    let suggest = |near: Option<String>| match near {
        Some(n) => format!("did you mean `{n}`?"),
        None => "the codes are listed in the README".to_owned(),
    };
    if let Some(family) = pattern.strip_suffix("/*") {
        let families = Code::families();
        if families.contains(&family) {
            return None;
        }
        let near = nearest(family, families.iter().copied()).map(|f| format!("{f}/*"));
        return Some(format!(
            "`{pattern}` is not a family of codes; {}",
            suggest(near)
        ));
    }
    if Code::from_code(pattern).is_some() {
        return None;
    }
    let near = nearest(pattern, Code::ALL.iter().map(|c| c.as_str())).map(str::to_owned);
    Some(format!("`{pattern}` is not a code; {}", suggest(near)))
}

impl Matcher {
    /// The code pattern.
    pub fn pattern(&self) -> &str {
        match self {
            Matcher::Code(p) | Matcher::Mentions { code: p, .. } => p,
        }
    }

    /// Whether a finding of `code` with `message` matches.
    pub fn matches(&self, code: &str, message: &str) -> bool {
        match self {
            Matcher::Code(p) => code_matches(p, code),
            Matcher::Mentions { code: p, mentions } => {
                code_matches(p, code) && message.contains(mentions.as_str())
            }
        }
    }
}

impl InspectionMap {
    /// The regulation with `id`.
    pub fn regulation(&self, id: &str) -> Option<&Regulation> {
        self.regulations.iter().find(|r| r.id == id)
    }

    /// Whether a finding code is serious.
    pub fn is_serious(&self, code: &str) -> bool {
        self.serious.iter().any(|p| code_matches(p, code))
    }

    /// Every statement, with its key question.
    pub fn statements(&self) -> impl Iterator<Item = (&KeyQuestion, &Statement)> {
        self.key_questions
            .iter()
            .flat_map(|kq| kq.statements.iter().map(move |s| (kq, s)))
    }

    /// Reads a mapping from YAML text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<InspectionMap, ReportError> {
        let bad = |message: String| ReportError::Map {
            file: file.to_owned(),
            message,
        };
        let tree = crate::load::parse::parse(text).map_err(|f| {
            let at = f
                .pos
                .map(|p| format!(" (line {})", p.line))
                .unwrap_or_default();
            bad(format!("{}{at}", f.message))
        })?;
        let json = tree.value.to_json();
        let version = json.get("version").and_then(serde_json::Value::as_u64);
        if version != Some(2) {
            let shown = version.map_or_else(|| "no version".to_owned(), |v| format!("version {v}"));
            return Err(bad(format!(
                "{shown} is not known; this carebook reads version 2 (quality statements \
                 under key questions)"
            )));
        }
        let map: InspectionMap = serde_json::from_value(json).map_err(|e| bad(e.to_string()))?;
        map.validate().map_err(bad)?;
        Ok(map)
    }

    /// What is wrong with a mapping that parsed: a pattern that names no
    /// code (its findings would silently drop from the pack), a regulation
    /// or evidence key no one knows, a statement key used twice.
    fn validate(&self) -> Result<(), String> {
        if let Some(why) = self.serious.iter().find_map(|p| unknown_pattern(p)) {
            return Err(format!("under `serious:`, {why}"));
        }
        let mut keys: Vec<&str> = Vec::new();
        for (kq, st) in self.statements() {
            let at = format!("under `{}`, statement `{}`", kq.key, st.key);
            if keys.contains(&st.key.as_str()) {
                return Err(format!("{at}: the key is used twice"));
            }
            keys.push(&st.key);
            let regs = st
                .regulations
                .iter()
                .chain(st.gaps.iter().map(|g| &g.regulation));
            for r in regs {
                if self.regulation(r).is_none() {
                    return Err(format!("{at}: regulation {r} is not under `regulations:`"));
                }
            }
            for g in &st.gaps {
                if let Some(why) = g.findings.iter().find_map(|m| unknown_pattern(m.pattern())) {
                    return Err(format!("{at}, regulation {}: {why}", g.regulation));
                }
            }
            if let Some(e) = st.evidence.iter().find(|e| !is_evidence_key(e)) {
                return Err(format!(
                    "`{e}` ({at}) is not an evidence key carebook knows; the keys are listed \
                     in src/report/evidence/"
                ));
            }
        }
        Ok(())
    }

    /// The mapping to use: `--framework` (a built-in id or a file), else
    /// the repository's `templates/inspection-map.yaml` under `root`, else
    /// the default; also says which, for the report.
    pub fn choose(
        root: &Path,
        framework: Option<&str>,
    ) -> Result<(InspectionMap, String), ReportError> {
        if let Some(choice) = framework {
            if let Some((id, text)) = BUILT_IN.iter().find(|(id, _)| *id == choice) {
                let map = InspectionMap::parse(text, "the built-in inspection mapping")?;
                return Ok((map, format!("carebook's built-in framework `{id}`")));
            }
            let path = Path::new(choice);
            if std::fs::symlink_metadata(path).is_err() {
                let ids: Vec<&str> = BUILT_IN.iter().map(|(id, _)| *id).collect();
                return Err(ReportError::Map {
                    file: choice.to_owned(),
                    message: format!(
                        "no such file, and not a built-in framework; --framework takes a \
                         file or one of: {}",
                        ids.join(", ")
                    ),
                });
            }
            let base = path.parent().unwrap_or(Path::new("."));
            let text = crate::fsutil::read_text_bounded(base, path, crate::fsutil::MAX_AUX_BYTES)?;
            let map = InspectionMap::parse(&text, choice)?;
            return Ok((map, format!("the framework file {choice}")));
        }
        InspectionMap::for_repo(root)
    }

    /// The repository's mapping (`templates/inspection-map.yaml` under
    /// `root`) or the default; also says which, for the report.
    pub fn for_repo(root: &Path) -> Result<(InspectionMap, String), ReportError> {
        let path = root.join("templates").join(FILE);
        if std::fs::symlink_metadata(&path).is_ok() {
            let text = crate::fsutil::read_text_bounded(root, &path, crate::fsutil::MAX_AUX_BYTES)?;
            let shown = path.display().to_string();
            let map = InspectionMap::parse(&text, &shown)?;
            return Ok((map, format!("templates/{FILE} of the records repository")));
        }
        let map = InspectionMap::parse(DEFAULT, "the built-in inspection mapping")?;
        Ok((map, "carebook's built-in mapping".to_owned()))
    }
}

#[cfg(test)]
mod tests;
