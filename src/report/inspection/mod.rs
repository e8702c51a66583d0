//! The mock-inspection pack: CQC's quality statements under the five key
//! questions (by the mapping in [`super::map`]), each with the evidence
//! the records hold, the gaps under the regulation each breaches, what the
//! inspector will ask, how far the evidence goes (sufficient, partial or
//! absent) and the consultant's own judgement. No rating is suggested.
//! Then a sample of care files, picked as an inspector would
//! (`--sample N --seed S`).

pub mod actions;
pub mod checklist;
pub mod judgement;
pub mod sample;
pub mod statement;

use super::context::FindingView;
use super::evidence::Sufficiency;
use super::map::InspectionMap;
use super::service_user::{PersonFile, person_file};
use super::{Rendered, ReportError, Session, text};
use serde::Serialize;
use statement::{RegRef, StatementView};

/// A key question.
#[derive(Debug, Clone, Serialize)]
pub struct KeyQuestionView {
    /// `safe`, also its anchor.
    pub key: String,
    /// `Safe`.
    pub title: String,
    /// The question.
    pub question: String,
    /// Its quality statements.
    pub statements: Vec<StatementView>,
    /// How many statements have sufficient, partial and absent evidence.
    pub tally: Tally,
}

/// Statements by how far their evidence goes.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    /// Evidence sufficient.
    pub sufficient: usize,
    /// Evidence partial.
    pub partial: usize,
    /// Evidence absent.
    pub absent: usize,
}

impl Tally {
    fn of<'a>(statements: impl IntoIterator<Item = &'a StatementView>) -> Tally {
        let mut t = Tally::default();
        for s in statements {
            match s.sufficiency {
                Sufficiency::Sufficient => t.sufficient += 1,
                Sufficiency::Partial => t.partial += 1,
                Sufficiency::Absent | Sufficiency::NotJudged => t.absent += 1,
            }
        }
        t
    }
}

/// A regulation and the statements that rest on it or hold its gaps.
#[derive(Debug, Clone, Serialize)]
pub struct RegulationIndex {
    /// The regulation.
    #[serde(flatten)]
    pub regulation: RegRef,
    /// What it asks.
    pub summary: String,
    /// The statements, as `(key, title)` for links.
    pub statements: Vec<StatementLink>,
}

/// A link to a statement.
#[derive(Debug, Clone, Serialize)]
pub struct StatementLink {
    /// Its anchor.
    pub key: String,
    /// Its title.
    pub title: String,
}

/// A care file in the sample.
#[derive(Debug, Clone, Serialize)]
pub struct Sampled {
    /// Why it was picked.
    pub reason: String,
    /// The care-file audit.
    pub audit: Vec<checklist::Item>,
    /// The file.
    pub file: PersonFile,
}

/// A staff file in the sample.
#[derive(Debug, Clone, Serialize)]
pub struct StaffSampled {
    /// Why it was picked.
    pub reason: String,
    /// The carer's id, also the anchor.
    pub id: String,
    /// Their name (initials when redacted).
    pub name: String,
    /// Their role, in words.
    pub role: String,
    /// Their first day, `3 Mar 2025`.
    pub start_date: String,
    /// The Schedule 3 checklist.
    pub schedule3: Vec<checklist::Item>,
}

/// The inspection pack's view.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// The framework's name.
    pub framework: String,
    /// The framework's id, `cqc-saf`.
    pub framework_id: String,
    /// Which mapping was used.
    pub map_source: String,
    /// What the records cannot show.
    pub beyond_records: String,
    /// Where the consultant's judgements come from, and notes about any
    /// that could not be placed.
    pub judgements: judgement::Judgements,
    /// The five key questions.
    pub key_questions: Vec<KeyQuestionView>,
    /// Statements by how far their evidence goes, over the whole pack.
    pub tally: Tally,
    /// Every regulation the framework names, with its statements.
    pub regulations: Vec<RegulationIndex>,
    /// The sampled care files.
    pub sample: Vec<Sampled>,
    /// The sample size asked for.
    pub sample_size: usize,
    /// A discharge from hospital this many days before the pack's date
    /// puts a care file first in the sample.
    pub recent_discharge_days: u32,
    /// Then a safeguarding concern this many months before it.
    pub safeguarding_months: u32,
    /// The sampled staff files.
    pub staff_sample: Vec<StaffSampled>,
    /// The staff sample size asked for.
    pub staff_sample_size: usize,
    /// The sample's seed.
    pub seed: u64,
    /// Findings no statement of the mapping holds (at most 25): shown, so
    /// that a finding the mapping forgot is never silently left out.
    pub unmapped: Vec<FindingView>,
    /// How many findings no statement holds.
    pub unmapped_count: usize,
    /// The action plan, most urgent first.
    pub actions: Vec<actions::Action>,
    /// The action plan's CSV file name.
    pub actions_file: String,
    /// Why the audit log could not be read, or empty.
    pub audit_note: String,
}

/// Every finding of `check` and the audit, as the pack shows them.
fn all_findings(s: &Session) -> Vec<FindingView> {
    let mut all: Vec<FindingView> = s
        .records
        .check
        .findings
        .iter()
        .map(FindingView::of)
        .collect();
    all.extend(s.audit().findings(s));
    all
}

/// Every regulation of the map, with the statements that name it.
fn regulation_index(map: &InspectionMap) -> Vec<RegulationIndex> {
    map.regulations
        .iter()
        .map(|r| RegulationIndex {
            regulation: RegRef::of(map, &r.id),
            summary: r.summary.clone(),
            statements: map
                .statements()
                .filter(|(_, st)| {
                    st.regulations.contains(&r.id) || st.gaps.iter().any(|g| g.regulation == r.id)
                })
                .map(|(_, st)| StatementLink {
                    key: st.key.clone(),
                    title: st.title.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The inspection pack of a session.
pub fn view(s: &Session) -> Result<Inspection, ReportError> {
    let root = &s.records.repo.root;
    let (map, map_source) = InspectionMap::choose(root, s.options.framework.as_deref())?;
    let all = all_findings(s);
    let judged = judgement::judgements(s, &map);
    let key_questions: Vec<KeyQuestionView> = map
        .key_questions
        .iter()
        .map(|kq| {
            let statements: Vec<StatementView> = kq
                .statements
                .iter()
                .map(|st| {
                    let j = judged.by_statement.get(&st.key).cloned();
                    statement::view(s, &map, st, &all, j)
                })
                .collect();
            KeyQuestionView {
                key: kq.key.clone(),
                title: kq.title.clone(),
                question: kq.question.clone(),
                tally: Tally::of(&statements),
                statements,
            }
        })
        .collect();
    let tally = Tally::of(key_questions.iter().flat_map(|k| &k.statements));
    let policy = s.records.policy.inspection;
    let n = s.options.sample.unwrap_or(policy.sample as usize);
    let seed = s.options.seed;
    let sample: Vec<Sampled> = sample::sample(&s.records.service_users, s, n, seed)
        .into_iter()
        .map(|(u, reason)| Sampled {
            reason,
            audit: checklist::care_file(s, u),
            file: person_file(s, u),
        })
        .collect();
    let staff_n = s
        .options
        .staff_sample
        .unwrap_or(policy.staff_sample as usize);
    let staff_sample: Vec<StaffSampled> = sample::staff_sample(&s.records.carers, s, staff_n, seed)
        .into_iter()
        .map(|(c, reason)| StaffSampled {
            reason,
            id: c.id.as_str().to_owned(),
            name: s.privacy().name(&c.name),
            role: text::word(&c.role),
            start_date: text::date(c.start_date.0),
            schedule3: checklist::schedule3(s, c),
        })
        .collect();
    let plan = actions::plan(
        s,
        &map,
        &actions::Sources {
            findings: &all,
            statements: key_questions.iter().flat_map(|k| &k.statements).collect(),
            staff: &staff_sample,
            people: &sample,
        },
    );
    let mut unmapped: Vec<FindingView> = all
        .iter()
        .filter(|f| {
            !map.statements().any(|(_, st)| {
                st.gaps
                    .iter()
                    .any(|g| g.findings.iter().any(|m| m.matches(&f.code, &f.message)))
            })
        })
        .cloned()
        .collect();
    unmapped.sort_by_key(|f| f.mark.rank());
    let unmapped_count = unmapped.len();
    unmapped.truncate(25);
    Ok(Inspection {
        unmapped,
        unmapped_count,
        actions: plan,
        actions_file: s.file_name_with(actions::FILE),
        framework: map.framework.name.clone(),
        framework_id: map.framework.id.clone(),
        map_source,
        beyond_records: map.framework.beyond_records.clone(),
        regulations: regulation_index(&map),
        judgements: judged,
        key_questions,
        tally,
        sample,
        sample_size: n,
        recent_discharge_days: policy.recent_discharge_days,
        safeguarding_months: policy.safeguarding_months,
        staff_sample,
        staff_sample_size: staff_n,
        seed,
        audit_note: s.audit().note.clone(),
    })
}

/// Renders the inspection pack.
pub fn render(s: &Session) -> Result<Rendered, ReportError> {
    page(s, &view(s)?)
}

/// Renders the inspection pack and its action plan as CSV.
pub fn render_files(s: &Session) -> Result<(Rendered, Vec<Rendered>), ReportError> {
    let view = view(s)?;
    let csv = Rendered {
        file: view.actions_file.clone(),
        text: actions::csv(s, &view.actions)?,
    };
    Ok((page(s, &view)?, vec![csv]))
}

fn page(s: &Session, view: &Inspection) -> Result<Rendered, ReportError> {
    let mut page = s.page("inspection", "Mock inspection pack");
    page.subtitle = format!(
        "{} quality statements under the five key questions, with the evidence, the gaps and {}",
        view.key_questions
            .iter()
            .map(|k| k.statements.len())
            .sum::<usize>(),
        text::count(view.sample.len(), "sampled care file", "sampled care files")
    );
    let text = s.render("inspection", &page, "inspection", view)?;
    Ok(Rendered {
        file: s.file_name("inspection"),
        text,
    })
}
