//! `carebook build`: every report into one static folder, with an index
//! that links them all and puts the compliance status at the top. Rotas
//! are those of the chosen week (default: the week of today) and the week
//! after, where a rota file exists. Reports render in parallel; each file
//! is written atomically.

use super::compliance::{self, Area};
use super::context::Mark;
use super::{ReportError, ReportKind, Session, text};
use crate::fsutil;
use crate::model::values::Week;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A link on the index.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The report's file, relative to the index.
    pub href: String,
    /// Its title.
    pub title: String,
    /// What it shows, in a sentence.
    pub about: String,
    /// Its status, when it has one.
    pub status: Option<Mark>,
}

/// The index's view.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// Red, amber or green for the agency.
    pub status: Mark,
    /// Errors and warnings of `check`.
    pub errors: usize,
    /// Warnings of `check`.
    pub warnings: usize,
    /// Files read.
    pub files: usize,
    /// Records read.
    pub records: usize,
    /// The compliance areas, without their findings.
    pub areas: Vec<Area>,
    /// The reports.
    pub links: Vec<Link>,
    /// Weeks named for rotas that have none, `2026-W48`.
    pub missing_rotas: Vec<String>,
}

/// What a build wrote.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every file written, the index first.
    pub files: Vec<PathBuf>,
    /// The agency's status.
    pub status: Mark,
    /// Errors of `check`.
    pub errors: usize,
    /// Warnings of `check`.
    pub warnings: usize,
}

enum Job {
    Report(ReportKind),
    Rota(crate::model::values::Week),
}

/// Renders every report of `session` into `out`.
pub fn build(session: &mut Session, out: &Path) -> Result<Built, ReportError> {
    let ext = session.options.format.ext();
    let name = match session.options.redact {
        true => super::redacted_name(&format!("index.{ext}")),
        false => format!("index.{ext}"),
    };
    session.index_link = Some(name.clone());
    let s: &Session = session;
    s.prepare();
    let first = s.options.week.unwrap_or_else(|| Week::of(s.options.today));
    let mut weeks = vec![first, first.next()];
    // The last week chrono knows has no week after it.
    weeks.dedup();
    let mut jobs: Vec<Job> = ReportKind::ALL
        .iter()
        .filter(|k| **k != ReportKind::Rota)
        .map(|k| Job::Report(*k))
        .collect();
    let mut missing_rotas = Vec::new();
    for w in weeks {
        if s.records.rota(w).is_some() {
            jobs.push(Job::Rota(w));
        } else {
            missing_rotas.push(w.to_string());
        }
    }
    type Files = (super::Rendered, Vec<super::Rendered>);
    let rendered: Vec<Result<(usize, Files), ReportError>> = jobs
        .par_iter()
        .enumerate()
        .map(|(i, job)| {
            let r = match job {
                Job::Report(k) => s.report_files(*k),
                Job::Rota(w) => super::rota::render(s, Some(*w)).map(|r| (r, Vec::new())),
            };
            r.map(|r| (i, r))
        })
        .collect();
    let mut pages = Vec::with_capacity(rendered.len());
    // Files that go with a page (the pack's action plan as CSV): written,
    // not linked from the index.
    let mut extras = Vec::new();
    for r in rendered {
        let (i, (page, files)) = r?;
        extras.extend(files);
        pages.push((i, page));
    }
    let view = compliance::of_session(s);
    let mut links = Vec::new();
    for (i, r) in &pages {
        let (title, about, status) = match &jobs[*i] {
            Job::Report(k) => describe(s, *k, &view),
            Job::Rota(w) => (
                format!("Rota {w}"),
                format!(
                    "{}: the week by day, unassigned visits, and a run sheet per carer.",
                    text::span(w.monday(), w.sunday())
                ),
                None,
            ),
        };
        links.push(Link {
            href: r.file.clone(),
            title,
            about,
            status,
        });
    }
    let site = Site {
        status: view.status.clone(),
        errors: view.counts.errors,
        warnings: view.counts.warnings,
        files: view.files,
        records: view.records,
        areas: view
            .areas
            .iter()
            .map(|a| Area {
                findings: Vec::new(),
                ..a.clone()
            })
            .collect(),
        links,
        missing_rotas,
    };
    let mut page = s.page("index", "Care records");
    page.index = None;
    page.subtitle =
        "Reports from the care records, for coordinators, families and inspectors".to_owned();
    let index = s.render("index", &page, "site", &site)?;
    let mut files = Vec::new();
    files.push(write_page(s, out, &name, &index)?);
    for (_, r) in &pages {
        files.push(write_page(s, out, &r.file, &r.text)?);
    }
    for r in &extras {
        files.push(write_page(s, out, &r.file, &r.text)?);
    }
    Ok(Built {
        files,
        status: view.status,
        errors: view.counts.errors,
        warnings: view.counts.warnings,
    })
}

/// Writes one page of `session` as `out/file`, atomically, and returns its
/// path. Inside the repository no component of the path may be a link;
/// a page never replaces a record or a template in use.
pub fn write_page(
    session: &Session,
    out: &Path,
    file: &str,
    text: &str,
) -> Result<PathBuf, ReportError> {
    let path = out.join(file);
    let target = fsutil::normal(&path);
    if let Some((source, what)) = session
        .sources()
        .into_iter()
        .find(|(p, _)| fsutil::normal(p) == target)
    {
        return Err(ReportError::OverSource(source.display().to_string(), what));
    }
    let root = &session.records.repo.root;
    // Outside the repository the folder named by --out is the boundary.
    let base = if fsutil::below(root, &path).is_some() {
        root.as_path()
    } else {
        out
    };
    fsutil::write_atomic_in(base, &path, text.as_bytes())?;
    Ok(path)
}

fn describe(
    s: &Session,
    kind: ReportKind,
    view: &compliance::Compliance,
) -> (String, String, Option<Mark>) {
    match kind {
        ReportKind::Compliance => (
            "Compliance".into(),
            format!("Every finding of the records check, by area: {} and {}.", text::count(view.counts.errors, "error", "errors"), text::count(view.counts.warnings, "warning", "warnings")),
            Some(view.status.clone()),
        ),
        ReportKind::Inspection => (
            "Mock inspection pack".into(),
            "CQC's quality statements under the five key questions: the evidence, the gaps by regulation, what the inspector will ask and how far the evidence goes (no rating); sampled staff and care files; an action plan.".into(),
            None,
        ),
        ReportKind::ServiceUser => (
            "Care files".into(),
            format!("{}: profile, contacts, care plan, consent, this week's visits and recent changes.", text::count(s.records.service_users.len(), "person", "people")),
            None,
        ),
        ReportKind::Training => {
            let status = view.areas.iter().find(|a| a.key == "training").map(|a| a.status.clone());
            (
                "Training and staff checks".into(),
                "Carers by mandatory course, with DBS, right to work, supervision and appraisal.".into(),
                status,
            )
        }
        ReportKind::Audit => {
            let outcome = s.audit();
            let status = outcome.audit.as_ref().map(|a| Mark::rag(a.summary.errors, a.summary.warnings));
            let about = match &outcome.audit {
                Some(a) => format!("{} that changed the records, field by field, and each plan's consent timeline.", text::count(a.commits.len(), "commit", "commits")),
                None => outcome.note.clone(),
            };
            ("Change and consent log".into(), about, status.or_else(|| Some(Mark::none("Not available"))))
        }
        ReportKind::Governance => {
            let status = view.areas.iter().find(|a| a.key == "governance").map(|a| a.status.clone());
            (
                "Governance".into(),
                "Incidents with their trend, safeguarding, CQC notifications and duty of candour, complaints, quality audits and the action tracker.".into(),
                status,
            )
        }
        ReportKind::Delivery => {
            let d = super::delivery::view(s);
            let status = d.monitored.then(|| Mark::rag(d.total.tally.missed, d.total.tally.late + d.total.tally.early + d.total.tally.short));
            let about = if d.monitored {
                format!("Call monitoring, {}: {} visits planned, {} on time, {} late or early, {} short, {} missed; by week, carer and person.", d.period, d.total.tally.planned, d.total.on_time_percent, d.total.tally.late + d.total.tally.early, d.total.tally.short, d.total.tally.missed)
            } else {
                "Call monitoring: no visit logs yet.".into()
            };
            ("Care delivered".into(), about, status.or_else(|| Some(Mark::none("No logs"))))
        }
        ReportKind::Rota => ("Rota".into(), String::new(), None),
        ReportKind::Mar => {
            let week = super::mar::last_week(s);
            (
                "MAR charts".into(),
                format!("Medicines given, refused and missed, by day and dose time, for the 4 weeks to {}; as-needed doses and escalations.", text::date(week.sunday())),
                None,
            )
        }
    }
}
