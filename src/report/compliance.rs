//! The compliance report: every finding of `check`, grouped by area (care
//! plans and consent, staff checks, training, supervision, visits and rota,
//! and the records themselves), with counts and a red, amber or green
//! status per area: red for any error, amber for warnings only.

use super::context::{Counts, FindingView, Mark};
use super::{Rendered, ReportError, Session};
use crate::diag::{Code, Finding};
use serde::Serialize;

/// An area of compliance and the rule codes that belong to it (by prefix).
struct AreaDef {
    key: &'static str,
    title: &'static str,
    about: &'static str,
    prefixes: &'static [&'static str],
}

const AREAS: &[AreaDef] = &[
    AreaDef {
        key: "plans",
        title: "Care plans and consent",
        about: "Care plans in force and reviewed on time, risks reviewed, consent and capacity, medication support, funded hours.",
        prefixes: &[
            "service-user/",
            "funding/",
            "plan/",
            "consent/",
            "medication/",
        ],
    },
    AreaDef {
        key: "staff",
        title: "Staff checks",
        about: "DBS checks, right to work, references and business car insurance.",
        prefixes: &[
            "dbs/",
            "right-to-work/",
            "references/",
            "driving/",
            "recruitment/",
        ],
    },
    AreaDef {
        key: "training",
        title: "Training",
        about: "Every mandatory course completed, and refreshed before it expires.",
        prefixes: &["training/", "competency/"],
    },
    AreaDef {
        key: "supervision",
        title: "Supervision and appraisal",
        about: "Regular supervision and a yearly appraisal for every carer.",
        prefixes: &["supervision/", "appraisal/"],
    },
    AreaDef {
        key: "visits",
        title: "Visits and rota",
        about: "Visits long enough and staffable; rotas that keep to skills, availability, travel, working time and rest.",
        prefixes: &["visit/", "rota/"],
    },
    AreaDef {
        key: "governance",
        title: "Incidents, complaints and actions",
        about: "Incidents notified, referred and investigated on time, the duty of candour, complaints answered on time, and actions done by their date.",
        prefixes: &["incident/", "complaint/", "action/"],
    },
    AreaDef {
        key: "records",
        title: "The records themselves",
        about: "Files that cannot be read, or do not follow the records format: until they are fixed, the other areas may miss problems.",
        prefixes: &["yaml/", "io/", "record/", "schema/", "nhs-number/", "ref/"],
    },
];

/// The area key of a rule code.
pub fn area_of(code: Code) -> &'static str {
    let code = code.as_str();
    AREAS
        .iter()
        .find(|a| a.prefixes.iter().any(|p| code.starts_with(p)))
        .map_or("records", |a| a.key)
}

/// How many findings of one code.
#[derive(Debug, Clone, Serialize)]
pub struct CodeCount {
    /// The rule code.
    pub code: &'static str,
    /// What the rule checks, in one line.
    pub summary: &'static str,
    /// How many findings.
    pub count: usize,
    /// Error (red) or warning (amber).
    pub mark: Mark,
}

/// One area of compliance.
#[derive(Debug, Clone, Serialize)]
pub struct Area {
    /// `plans`, `staff`, `training`, `supervision`, `visits` or `records`.
    pub key: &'static str,
    /// The area's title.
    pub title: &'static str,
    /// What it covers.
    pub about: &'static str,
    /// Red, amber or green.
    pub status: Mark,
    /// Findings by severity.
    pub counts: Counts,
    /// Findings by rule code, most first.
    pub codes: Vec<CodeCount>,
    /// The findings, errors first.
    pub findings: Vec<FindingView>,
}

/// The compliance report's view.
#[derive(Debug, Clone, Serialize)]
pub struct Compliance {
    /// Red, amber or green for the agency as a whole (the worst area).
    pub status: Mark,
    /// Every finding by severity.
    pub counts: Counts,
    /// Files read.
    pub files: usize,
    /// Records read.
    pub records: usize,
    /// The areas, in a fixed order.
    pub areas: Vec<Area>,
}

/// Groups `findings` by area.
pub fn view(findings: &[Finding], files: usize, records: usize) -> Compliance {
    let areas: Vec<Area> = AREAS
        .iter()
        .map(|def| {
            let mut mine: Vec<&Finding> = findings
                .iter()
                .filter(|f| area_of(f.code) == def.key)
                .collect();
            mine.sort_by_key(|f| f.severity);
            let findings: Vec<FindingView> = mine.iter().map(|f| FindingView::of(f)).collect();
            let counts = Counts::of(&findings);
            let mut codes: Vec<CodeCount> = Vec::new();
            for f in &mine {
                match codes.iter_mut().find(|c| c.code == f.code.as_str()) {
                    Some(c) => c.count += 1,
                    None => codes.push(CodeCount {
                        code: f.code.as_str(),
                        summary: f.code.summary(),
                        count: 1,
                        mark: super::context::severity_mark(f.severity),
                    }),
                }
            }
            codes.sort_by(|a, b| (a.mark.rank(), b.count).cmp(&(b.mark.rank(), a.count)));
            Area {
                key: def.key,
                title: def.title,
                about: def.about,
                status: counts.rag(),
                counts,
                codes,
                findings,
            }
        })
        .collect();
    let counts = Counts {
        errors: areas.iter().map(|a| a.counts.errors).sum(),
        warnings: areas.iter().map(|a| a.counts.warnings).sum(),
    };
    Compliance {
        status: counts.rag(),
        counts,
        files,
        records,
        areas,
    }
}

/// The compliance view of a session's findings.
pub fn of_session(s: &Session) -> Compliance {
    let summary = &s.records.check.summary;
    view(&s.records.check.findings, summary.files, summary.records)
}

/// Renders the compliance report.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let view = of_session(s);
    let mut page = s.page("compliance", "Compliance");
    page.subtitle = format!(
        "Every finding of carebook check on {}, by area",
        super::text::date(s.options.today)
    );
    let text = s.render("compliance", &page, "compliance", &view)?;
    Ok(Rendered {
        file: s.file_name("compliance"),
        text,
    })
}
