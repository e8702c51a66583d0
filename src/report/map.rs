//! The mock-inspection mapping, as data: which findings and evidence go
//! under each key question and regulation. The default is embedded
//! (`templates/inspection-map.yaml`); a records repository's own
//! `templates/inspection-map.yaml` replaces it, since CQC is revising its
//! framework and an agency may map its own way.

use super::error::ReportError;
use super::evidence::is_evidence_key;
use crate::diag::{Code, nearest};
use serde::Deserialize;
use std::path::Path;

/// The embedded default mapping.
pub const DEFAULT: &str = include_str!("../../templates/inspection-map.yaml");

/// The mapping file's name, in the repository's `templates/` folder.
pub const FILE: &str = "inspection-map.yaml";

/// A mapping from findings and evidence to key questions and regulations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionMap {
    /// The format's version (1).
    pub version: u32,
    /// The framework, in words.
    pub framework: String,
    /// The regulations referred to.
    pub regulations: Vec<Regulation>,
    /// Findings that suggest "Inadequate" on their own.
    #[serde(default)]
    pub serious: Vec<String>,
    /// The key questions, in order.
    pub key_questions: Vec<KeyQuestion>,
}

/// A regulation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// Its number, e.g. 12.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// What it asks, in a sentence.
    pub summary: String,
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
    /// The regulations under it.
    pub regulations: Vec<Under>,
}

/// A regulation under a key question, with its evidence and findings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Under {
    /// The regulation's number.
    pub regulation: u32,
    /// Evidence keys.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Which findings are gaps here.
    #[serde(default)]
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
    /// The regulation numbered `n`.
    pub fn regulation(&self, n: u32) -> Option<&Regulation> {
        self.regulations.iter().find(|r| r.number == n)
    }

    /// Whether a finding code is serious.
    pub fn is_serious(&self, code: &str) -> bool {
        self.serious.iter().any(|p| code_matches(p, code))
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
        let map: InspectionMap =
            serde_json::from_value(tree.value.to_json()).map_err(|e| bad(e.to_string()))?;
        if map.version != 1 {
            return Err(bad(format!(
                "version {} is not known; this carebook reads version 1",
                map.version
            )));
        }
        // A pattern that names no code would silently drop its findings
        // from the pack.
        if let Some(why) = map.serious.iter().find_map(|p| unknown_pattern(p)) {
            return Err(bad(format!("under `serious:`, {why}")));
        }
        for kq in &map.key_questions {
            for under in &kq.regulations {
                if let Some(why) = under
                    .findings
                    .iter()
                    .find_map(|m| unknown_pattern(m.pattern()))
                {
                    return Err(bad(format!(
                        "under `{}`, regulation {}: {why}",
                        kq.key, under.regulation
                    )));
                }
                if map.regulation(under.regulation).is_none() {
                    return Err(bad(format!(
                        "key question `{}` names regulation {}, which is not under `regulations:`",
                        kq.key, under.regulation
                    )));
                }
                if let Some(e) = under.evidence.iter().find(|e| !is_evidence_key(e)) {
                    return Err(bad(format!(
                        "`{e}` (under `{}`, regulation {}) is not an evidence key carebook knows; \
                         the keys are listed at the top of the default mapping",
                        kq.key, under.regulation
                    )));
                }
            }
        }
        Ok(map)
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
mod tests {
    use super::*;

    #[test]
    fn default_map_reads() {
        let map = InspectionMap::parse(DEFAULT, "default").unwrap();
        let keys: Vec<&str> = map.key_questions.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(
            keys,
            ["safe", "effective", "caring", "responsive", "well-led"]
        );
        let numbers: Vec<u32> = map.regulations.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [9, 11, 12, 13, 17, 18, 19]);
    }

    #[test]
    fn unknown_evidence_is_an_error() {
        let text = DEFAULT.replace("[dbs, right-to-work, references]", "[dbs, right-too-work]");
        let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
        assert!(e.contains("right-too-work"), "{e}");
    }

    #[test]
    fn consnt_family_in_a_custom_map_is_an_error_not_a_silent_drop() {
        let text = DEFAULT.replace("findings: [consent/*,", "findings: [consnt/*,");
        assert_ne!(text, DEFAULT, "the default map no longer has consent/*");
        let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
        assert!(e.contains("`consnt/*` is not a family of codes"), "{e}");
        assert!(e.contains("did you mean `consent/*`?"), "{e}");
    }

    #[test]
    fn unknown_codes_and_families_are_named_with_a_suggestion() {
        assert_eq!(unknown_pattern("consent/*"), None);
        assert_eq!(unknown_pattern("audit/*"), None);
        assert_eq!(unknown_pattern("audit/late-entry"), None);
        assert_eq!(
            unknown_pattern("rota/overlapp").as_deref(),
            Some("`rota/overlapp` is not a code; did you mean `rota/overlap`?")
        );
        let text = DEFAULT.replace("serious:\n", "serious:\n  - dbs/mising\n");
        let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
        assert!(e.contains("did you mean `dbs/missing`?"), "{e}");
    }

    #[test]
    fn patterns() {
        assert!(code_matches("consent/*", "consent/missing"));
        assert!(!code_matches("consent/*", "plan/review-overdue"));
        let m = Matcher::Mentions {
            code: "training/*".into(),
            mentions: "safeguarding-adults".into(),
        };
        assert!(m.matches("training/expired", "`safeguarding-adults` training expired"));
        assert!(!m.matches("training/expired", "`fire-safety` training expired"));
    }
}
