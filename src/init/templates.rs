//! The files `carebook init` writes, embedded in the binary from the
//! crate's `init/` folder (and the git hook from `hooks/`).
//!
//! The example records carry dates relative to the day of `init` (a care
//! plan assessed two weeks ago, training done two months ago, a rota for
//! this week), so that they pass `carebook check` on that day and for
//! months after it. Their templates mark each date `${name}`; [`render`]
//! fills them in.

use crate::model::Kind;
use chrono::{Datelike, Days, Months, NaiveDate};

/// What a file is for, which decides whether `--force` adds it to an
/// existing records repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An example record (or the agency file): only for a new repository.
    Record,
    /// Editor, git and CI set-up, and the schemas: added wherever missing.
    Tooling,
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Path below the repository root, with `/` separators.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// Whether it is a program (the git hook).
    pub executable: bool,
    /// What it is for.
    pub role: Role,
    /// One line saying what it is, for the summary `init` prints.
    pub about: &'static str,
}

const AGENCY: &str = include_str!("../../init/agency.yaml");
const SERVICE_USER: &str = include_str!("../../init/service-users/SU-0001.yaml");
const CARE_PLAN: &str = include_str!("../../init/care-plans/CP-0001.yaml");
const CARER: &str = include_str!("../../init/carers/C-0001.yaml");
const VISIT_RULES: &str = include_str!("../../init/visit-rules/VR-0001.yaml");
const ROTA: &str = include_str!("../../init/rotas/week.yaml");
const GITIGNORE: &str = include_str!("../../init/gitignore");
const VSCODE_SETTINGS: &str = include_str!("../../init/vscode-settings.json");
const VSCODE_EXTENSIONS: &str = include_str!("../../init/vscode-extensions.json");
const PRE_COMMIT_CONFIG: &str = include_str!("../../init/pre-commit-config.yaml");
const GIT_HOOK: &str = include_str!("../../hooks/pre-commit");
const GITHUB_WORKFLOW: &str = include_str!("../../init/github-workflow.yml");
const GITLAB_CI: &str = include_str!("../../init/gitlab-ci.yml");

/// The values of the `${name}` marks, for `today`.
pub fn values(agency_name: &str, today: NaiveDate) -> Vec<(&'static str, String)> {
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let ahead = |days: u64| today.checked_add_days(Days::new(days)).unwrap_or(today);
    let assessed_on = ago(14);
    let carer_start = ago(120);
    let week = today.iso_week();
    let monday = ago(u64::from(today.weekday().num_days_from_monday()));
    let mut v = vec![
        // A JSON string is a YAML double-quoted scalar.
        (
            "agency_name",
            serde_json::to_string(agency_name).unwrap_or_else(|_| "\"\"".to_owned()),
        ),
        ("today", today.to_string()),
        ("su_start", ago(30).to_string()),
        ("assessed_on", assessed_on.to_string()),
        ("consent_on", ago(10).to_string()),
        ("effective_from", ago(7).to_string()),
        (
            "review_due",
            assessed_on
                .checked_add_months(Months::new(6))
                .unwrap_or(assessed_on)
                .to_string(),
        ),
        ("carer_start", carer_start.to_string()),
        (
            "checks_on",
            carer_start
                .checked_sub_days(Days::new(14))
                .unwrap_or(carer_start)
                .to_string(),
        ),
        ("insurance_expires", ahead(300).to_string()),
        ("trained_on", ago(60).to_string()),
        ("supervised_on", ago(21).to_string()),
        ("appraised_on", ago(60).to_string()),
        ("week", format!("{:04}-W{:02}", week.year(), week.week())),
    ];
    for (i, day) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .enumerate()
    {
        let date = monday
            .checked_add_days(Days::new(i as u64))
            .unwrap_or(monday);
        v.push((day, date.to_string()));
    }
    v
}

/// Fills in every `${name}` mark of `text`.
pub fn render(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("${{{name}}}"), value);
    }
    out
}

/// Every file `carebook init` writes, rendered for `today`.
pub fn all(agency_name: &str, today: NaiveDate) -> Vec<Template> {
    let values = values(agency_name, today);
    let week = values
        .iter()
        .find(|(k, _)| *k == "week")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let record = |path: String, text: &str, about| Template {
        path,
        text: render(text, &values),
        executable: false,
        role: Role::Record,
        about,
    };
    let tool = |path: &str, text: String, about| Template {
        path: path.to_owned(),
        text,
        executable: false,
        role: Role::Tooling,
        about,
    };
    let mut files = vec![
        record(
            "agency.yaml".into(),
            AGENCY,
            "the agency, with every policy default written out",
        ),
        record(
            "service-users/SU-0001.yaml".into(),
            SERVICE_USER,
            "an example service user",
        ),
        record(
            "care-plans/CP-0001.yaml".into(),
            CARE_PLAN,
            "an example care plan",
        ),
        record("carers/C-0001.yaml".into(), CARER, "an example carer"),
        record(
            "visit-rules/VR-0001.yaml".into(),
            VISIT_RULES,
            "example visit rules",
        ),
        record(
            format!("rotas/{week}.yaml"),
            ROTA,
            "an example rota for this week",
        ),
    ];
    for kind in Kind::ALL {
        let path = format!("schema/{}", crate::schema::file_name(kind));
        let text = crate::schema::schema_text(kind);
        files.push(tool(&path, text, "JSON Schema, for editors"));
    }
    files.extend([
        tool(
            ".gitignore",
            GITIGNORE.into(),
            "keeps out/ (exports) out of git",
        ),
        tool(
            ".vscode/settings.json",
            VSCODE_SETTINGS.into(),
            "maps the schemas to the record folders",
        ),
        tool(
            ".vscode/extensions.json",
            VSCODE_EXTENSIONS.into(),
            "recommends the YAML extension",
        ),
        tool(
            ".pre-commit-config.yaml",
            PRE_COMMIT_CONFIG.into(),
            "carebook check before each commit (pre-commit)",
        ),
        Template {
            executable: true,
            ..tool(
                ".githooks/pre-commit",
                GIT_HOOK.into(),
                "the same, without pre-commit: git config core.hooksPath .githooks",
            )
        },
        tool(
            ".github/workflows/carebook.yml",
            GITHUB_WORKFLOW.into(),
            "GitHub Actions: check pushes and pull requests",
        ),
        tool(
            ".gitlab-ci.yml",
            GITLAB_CI.into(),
            "GitLab CI: check merge requests",
        ),
    ]);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_filled_in() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        for t in all("O'Brien \"Care\", Ltd", today) {
            if t.role == Role::Record {
                assert!(!t.text.contains("${"), "{} keeps a mark", t.path);
            }
        }
        let files = all("x", today);
        assert!(files.iter().any(|t| t.path == "rotas/2026-W48.yaml"));
        let rota = files
            .iter()
            .find(|t| t.path.starts_with("rotas/"))
            .expect("rota");
        assert!(rota.text.contains("date: 2026-11-23,"), "{}", rota.text);
        assert!(rota.text.contains("date: 2026-11-29,"));
    }

    #[test]
    fn the_name_is_quoted_for_yaml() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let v = values("Say \"hi\": a #1 agency", today);
        assert_eq!(v[0].1, r#""Say \"hi\": a #1 agency""#);
    }
}
