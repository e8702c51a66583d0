//! The mock-inspection pack: under each of the five key questions, the
//! regulations, the evidence the records hold, the gaps (findings of
//! `check` and `audit`, by the mapping in [`super::map`]), and a rating
//! suggestion with its reasons. Then a sample of care files, picked as an
//! inspector would (`--sample N --seed S`).
//!
//! The rating is a suggestion from the records alone: a serious finding
//! suggests "Inadequate", any other error "Requires improvement", and
//! otherwise "Good". Records cannot show "Outstanding".

use super::context::{Counts, FindingView, Mark};
use super::evidence::{EvidenceView, evidence};
use super::map::{InspectionMap, Under};
use super::service_user::{PersonFile, person_file};
use super::{Rendered, ReportError, Session, text};
use crate::model::ServiceUser;
use crate::model::care_plan::{ConsentStatus, MedicationSupport, RiskLevel};
use crate::model::service_user::ServiceUserStatus;
use crate::rota::engine::rng::Rng;
use serde::Serialize;

/// Most gaps listed under one regulation; the rest are counted.
const MAX_GAPS: usize = 25;

/// A regulation under a key question.
#[derive(Debug, Clone, Serialize)]
pub struct RegulationView {
    /// Its number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// What it asks.
    pub summary: String,
    /// What the records show.
    pub evidence: Vec<EvidenceView>,
    /// Findings that are gaps here (at most 25, errors first).
    pub gaps: Vec<FindingView>,
    /// Gaps not listed.
    pub more_gaps: usize,
    /// All gaps by severity.
    pub counts: Counts,
}

/// A key question.
#[derive(Debug, Clone, Serialize)]
pub struct KeyQuestionView {
    /// `safe`.
    pub key: String,
    /// `Safe`.
    pub title: String,
    /// The question.
    pub question: String,
    /// Good, Requires improvement or Inadequate, as a mark.
    pub rating: Mark,
    /// Why, a sentence each.
    pub reasons: Vec<String>,
    /// The regulations.
    pub regulations: Vec<RegulationView>,
    /// Gaps by severity, over its regulations.
    pub counts: Counts,
}

/// A care file in the sample.
#[derive(Debug, Clone, Serialize)]
pub struct Sampled {
    /// Why it was picked.
    pub reason: String,
    /// The file.
    pub file: PersonFile,
}

/// The inspection pack's view.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// The framework, from the mapping.
    pub framework: String,
    /// Which mapping was used.
    pub map_source: String,
    /// The five key questions.
    pub key_questions: Vec<KeyQuestionView>,
    /// The sampled care files.
    pub sample: Vec<Sampled>,
    /// The sample size asked for.
    pub sample_size: usize,
    /// The sample's seed.
    pub seed: u64,
    /// Why the audit log could not be read, or empty.
    pub audit_note: String,
}

fn regulation(
    s: &Session,
    map: &InspectionMap,
    under: &Under,
    all: &[FindingView],
) -> RegulationView {
    let reg = map.regulation(under.regulation);
    let mut gaps: Vec<FindingView> = all
        .iter()
        .filter(|f| {
            under
                .findings
                .iter()
                .any(|m| m.matches(&f.code, &f.message))
        })
        .cloned()
        .collect();
    gaps.sort_by_key(|f| f.mark.rank());
    let counts = Counts::of(&gaps);
    let more_gaps = gaps.len().saturating_sub(MAX_GAPS);
    gaps.truncate(MAX_GAPS);
    RegulationView {
        number: under.regulation,
        title: reg.map(|r| r.title.clone()).unwrap_or_default(),
        summary: reg.map(|r| r.summary.clone()).unwrap_or_default(),
        evidence: under.evidence.iter().map(|k| evidence(s, k)).collect(),
        gaps,
        more_gaps,
        counts,
    }
}

/// The rating suggestion and its reasons.
fn rating(
    map: &InspectionMap,
    regs: &[RegulationView],
    all: &[FindingView],
    kq: &super::map::KeyQuestion,
) -> (Mark, Vec<String>) {
    let mut reasons = Vec::new();
    let serious: Vec<&FindingView> = all
        .iter()
        .filter(|f| f.severity == "error" && map.is_serious(&f.code))
        .filter(|f| {
            kq.regulations
                .iter()
                .any(|u| u.findings.iter().any(|m| m.matches(&f.code, &f.message)))
        })
        .collect();
    for r in regs {
        let c = r.counts;
        if c.errors + c.warnings == 0 {
            continue;
        }
        reasons.push(format!(
            "Regulation {} ({}): {} and {}.",
            r.number,
            r.title,
            text::count(c.errors, "error", "errors"),
            text::count(c.warnings, "warning", "warnings")
        ));
    }
    let errors: usize = regs.iter().map(|r| r.counts.errors).sum();
    let short: Vec<String> = regs
        .iter()
        .flat_map(|r| r.evidence.iter())
        .filter(|e| e.mark.level == "bad")
        .map(|e| e.label.clone())
        .collect();
    if !short.is_empty() {
        reasons.push(format!(
            "The evidence falls short on: {}.",
            short.join(", ")
        ));
    }
    let mark = if !serious.is_empty() {
        let mut codes: Vec<&str> = serious.iter().map(|f| f.code.as_str()).collect();
        codes.dedup();
        reasons.insert(
            0,
            format!(
                "Serious: {} ({}).",
                text::count(serious.len(), "finding", "findings"),
                codes.join(", ")
            ),
        );
        Mark::bad("Inadequate")
    } else if errors > 0 {
        Mark::warn("Requires improvement")
    } else {
        if reasons.is_empty() {
            reasons.push("The records show no gaps under these regulations.".into());
        }
        Mark::ok("Good")
    };
    reasons.push("Records alone cannot show outstanding care: inspectors also ask people, families and staff.".into());
    (mark, reasons)
}

/// Picks `n` care files as an inspector would: first someone who lacks
/// capacity, someone whose medicines are administered, someone at high
/// risk and someone with a DNACPR decision (where there are such people),
/// then at random; seeded, so the same seed picks the same files.
pub fn sample<'a>(
    people: &[&'a ServiceUser],
    s: &Session,
    n: usize,
    seed: u64,
) -> Vec<(&'a ServiceUser, String)> {
    let r = &s.records;
    let mut pool: Vec<&ServiceUser> = people
        .iter()
        .filter(|u| u.status == ServiceUserStatus::Active)
        .copied()
        .collect();
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut pool);
    type Test<'t> = Box<dyn Fn(&ServiceUser) -> bool + 't>;
    let plan = |u: &ServiceUser| r.plan_of(u.id.as_str());
    let criteria: Vec<(&str, Test)> = vec![
        (
            "lacks capacity: care in their best interests",
            Box::new(move |u: &ServiceUser| {
                plan(u).and_then(|p| p.consent.as_ref()).is_some_and(|c| {
                    c.status == ConsentStatus::BestInterests
                        || c.capacity.as_ref().is_some_and(|k| !k.has_capacity)
                })
            }),
        ),
        (
            "carers administer medicines",
            Box::new(move |u: &ServiceUser| {
                plan(u)
                    .and_then(|p| p.medication.as_ref())
                    .is_some_and(|m| m.support == MedicationSupport::Administer)
            }),
        ),
        (
            "a high risk in the care plan",
            Box::new(move |u: &ServiceUser| {
                plan(u).is_some_and(|p| p.risks.iter().any(|k| k.level == RiskLevel::High))
            }),
        ),
        (
            "a DNACPR decision in place",
            Box::new(|u: &ServiceUser| u.dnacpr.as_ref().is_some_and(|d| d.in_place)),
        ),
    ];
    let mut picked: Vec<(&ServiceUser, String)> = Vec::new();
    for (why, test) in &criteria {
        if picked.len() >= n {
            break;
        }
        if let Some(u) = pool
            .iter()
            .find(|u| test(u) && !picked.iter().any(|(p, _)| p.id == u.id))
        {
            picked.push((u, (*why).to_owned()));
        }
    }
    for u in &pool {
        if picked.len() >= n {
            break;
        }
        if !picked.iter().any(|(p, _)| p.id == u.id) {
            picked.push((u, "picked at random".to_owned()));
        }
    }
    picked
}

/// The inspection pack of a session.
pub fn view(s: &Session) -> Result<Inspection, ReportError> {
    let (map, map_source) = InspectionMap::for_repo(&s.records.repo.root)?;
    let mut all: Vec<FindingView> = s
        .records
        .check
        .findings
        .iter()
        .map(FindingView::of)
        .collect();
    all.extend(s.audit().findings());
    let key_questions = map
        .key_questions
        .iter()
        .map(|kq| {
            let regulations: Vec<RegulationView> = kq
                .regulations
                .iter()
                .map(|u| regulation(s, &map, u, &all))
                .collect();
            let (rating, reasons) = rating(&map, &regulations, &all, kq);
            KeyQuestionView {
                key: kq.key.clone(),
                title: kq.title.clone(),
                question: kq.question.clone(),
                rating,
                reasons,
                counts: Counts {
                    errors: regulations.iter().map(|r| r.counts.errors).sum(),
                    warnings: regulations.iter().map(|r| r.counts.warnings).sum(),
                },
                regulations,
            }
        })
        .collect();
    let (n, seed) = (s.options.sample, s.options.seed);
    let sample = sample(&s.records.service_users, s, n, seed)
        .into_iter()
        .map(|(u, reason)| Sampled {
            reason,
            file: person_file(s, u),
        })
        .collect();
    Ok(Inspection {
        framework: map.framework.clone(),
        map_source,
        key_questions,
        sample,
        sample_size: n,
        seed,
        audit_note: s.audit().note.clone(),
    })
}

/// Renders the inspection pack.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    let view = view(s)?;
    let mut page = s.page("inspection", "Mock inspection pack");
    page.subtitle = format!(
        "The five key questions, the evidence and the gaps, and {} picked as an inspector would",
        text::count(view.sample.len(), "care file", "care files")
    );
    let text = s.render("inspection", &page, "inspection", &view)?;
    Ok(Rendered {
        file: s.file_name("inspection"),
        text,
    })
}
