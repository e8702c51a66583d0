//! Reports: the records as people read them, in HTML or markdown, through
//! tera templates.
//!
//! A [`Session`] holds one loaded repository, its `check` findings, the
//! indexed records and the templates of one format; each report kind (one
//! module each) builds a view (plain structs, see [`context`]) that the
//! session redacts when asked and renders. [`build`] renders every report
//! into a linked static site. Only this module imports tera.

pub mod audit;
pub mod build;
pub mod calls;
pub mod capacity;
pub mod compliance;
pub mod context;
pub mod delivery;
pub mod error;
pub mod escape;
pub mod evidence;
pub mod governance;
pub mod inspection;
pub mod map;
pub mod mar;
pub mod pdf;
pub mod person;
pub mod person_calls;
pub mod plan;
pub mod provider;
pub mod records;
pub mod redact;
pub mod render;
pub mod rota;
pub mod service_user;
pub mod text;
pub mod training;

pub use error::{ReportError, TemplateError};

use crate::check;
use crate::index::Index;
use crate::load::Repo;
use crate::model::values::Week;
use chrono::NaiveDate;
use context::Page;
use records::Records;
use redact::{Privacy, Scrubber};
use render::Templates;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The kinds of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// A week's rota by day, and a run sheet per carer.
    Rota,
    /// A person's file (or everyone's).
    ServiceUser,
    /// Every finding of `check`, by area, with red, amber or green.
    Compliance,
    /// Carers by mandatory course, with checks and supervision.
    Training,
    /// A mock-inspection pack by the five key questions.
    Inspection,
    /// The change and consent log from git.
    Audit,
    /// Care delivered (call monitoring): visits on time, late, short, missed.
    Delivery,
    /// Medication administration record charts, a person to a page.
    Mar,
    /// Incidents, safeguarding, notifications, complaints, audits and actions.
    Governance,
}

impl ReportKind {
    /// Every kind, in the order the site lists them.
    pub const ALL: [ReportKind; 9] = [
        ReportKind::Compliance,
        ReportKind::Inspection,
        ReportKind::Governance,
        ReportKind::ServiceUser,
        ReportKind::Delivery,
        ReportKind::Mar,
        ReportKind::Training,
        ReportKind::Rota,
        ReportKind::Audit,
    ];

    /// The name on the command line and of the default template.
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Rota => "rota",
            ReportKind::ServiceUser => "service-user",
            ReportKind::Compliance => "compliance",
            ReportKind::Training => "training",
            ReportKind::Inspection => "inspection",
            ReportKind::Audit => "audit",
            ReportKind::Delivery => "delivery",
            ReportKind::Mar => "mar",
            ReportKind::Governance => "governance",
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file per report.
    Html,
    /// Markdown.
    Md,
}

impl Format {
    /// The file extension, `html` or `md`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// What to report on, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// HTML or markdown.
    pub format: Format,
    /// The date statuses and ages are judged on.
    pub today: NaiveDate,
    /// The rota's week (default: the week of `today`); for the service-user
    /// report, the week whose visits are shown.
    pub week: Option<Week>,
    /// One service user (default: everyone).
    pub id: Option<String>,
    /// Changes since this day (default: 28 days before `today`).
    pub since: Option<NaiveDate>,
    /// How many care files the inspection pack samples (default:
    /// `policy.inspection.sample`).
    pub sample: Option<usize>,
    /// The sample's seed.
    pub seed: u64,
    /// How many staff files the inspection pack samples (default:
    /// `policy.inspection.staff_sample`).
    pub staff_sample: Option<usize>,
    /// The inspection framework: a built-in id (`cqc-saf`) or a mapping
    /// file (default: the repository's `templates/inspection-map.yaml`,
    /// else `cqc-saf`).
    pub framework: Option<String>,
    /// Names to initials, NHS numbers masked, addresses, phones and dates
    /// of birth dropped.
    pub redact: bool,
    /// A user's own template, rendered with the report's context.
    pub template: Option<PathBuf>,
}

impl Options {
    /// Defaults for `format` on `today`.
    pub fn new(format: Format, today: NaiveDate) -> Options {
        Options {
            format,
            today,
            week: None,
            id: None,
            since: None,
            sample: None,
            seed: 1,
            staff_sample: None,
            framework: None,
            redact: false,
            template: None,
        }
    }

    /// The first day of "what changed".
    pub fn since(&self) -> NaiveDate {
        self.since.unwrap_or_else(|| {
            self.today
                .checked_sub_days(chrono::Days::new(28))
                .unwrap_or(NaiveDate::MIN)
        })
    }
}

/// A rendered report: the file name to write it under, and its text.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// File name, e.g. `rota-2026-W49.html`.
    pub file: String,
    /// The document.
    pub text: String,
}

/// One repository, its findings and the templates of one format: every
/// report of a run renders from a session.
pub struct Session<'a> {
    /// The indexed records.
    pub records: Records<'a>,
    /// The options.
    pub options: &'a Options,
    templates: Templates,
    audit: OnceLock<audit::Outcome>,
    scrubber: OnceLock<Scrubber>,
    /// A link back to the site's index, for pages of a build.
    pub index_link: Option<String>,
}

impl<'a> Session<'a> {
    /// Opens a session; loads the templates (defaults, the repository's
    /// `templates/` folder, `options.template`).
    pub fn new(
        repo: &'a Repo,
        check: &'a check::Report,
        options: &'a Options,
    ) -> Result<Session<'a>, ReportError> {
        Session::of(Records::new(repo, check, options.today), options)
    }

    /// Opens a session on an index already built (the one `check` ran on).
    pub fn with_index(
        index: &'a Index<'a>,
        check: &'a check::Report,
        options: &'a Options,
    ) -> Result<Session<'a>, ReportError> {
        Session::of(Records::with_index(index, check, options.today), options)
    }

    fn of(records: Records<'a>, options: &'a Options) -> Result<Session<'a>, ReportError> {
        let overrides = records.repo.root.join("templates");
        let templates = Templates::load(
            options.format,
            Some(&overrides),
            options.template.as_deref(),
        )?;
        Ok(Session {
            records,
            options,
            templates,
            audit: OnceLock::new(),
            scrubber: OnceLock::new(),
            index_link: None,
        })
    }

    /// How personal values are shown.
    pub fn privacy(&self) -> Privacy {
        Privacy {
            redact: self.options.redact,
        }
    }

    /// Uses an audit already read (e.g. by `carebook audit`, with its own
    /// filters) instead of reading the history again.
    pub fn with_audit(self, audit: crate::audit::Audit) -> Session<'a> {
        let _ = self.audit.set(audit::Outcome {
            audit: Some(audit),
            note: String::new(),
        });
        self
    }

    /// The audit of the repository's history, read once.
    pub fn audit(&self) -> &audit::Outcome {
        self.audit
            .get_or_init(|| audit::Outcome::read(&self.records.repo.root))
    }

    /// Reads the audit (and, when redacting, collects the values to
    /// scrub) now. Call it before any parallel work: a `OnceLock` first
    /// filled inside a rayon task can deadlock, since the filling uses
    /// rayon too and its thread may steal a task that waits on the cell.
    pub fn prepare(&self) {
        self.audit();
        if self.options.redact {
            self.scrubber();
        }
    }

    /// A page header for a report of `kind`.
    pub fn page(&self, kind: &'static str, title: impl Into<String>) -> Page {
        let mut page = Page::new(self.records.repo, kind, title, self.options.today);
        page.redacted = self.options.redact;
        page.format = self.options.format.ext();
        page.index = self.index_link.clone();
        page
    }

    /// Renders the template of `stem` with `page` and the view under `key`.
    pub fn render<V: Serialize>(
        &self,
        stem: &str,
        page: &Page,
        key: &'static str,
        view: &V,
    ) -> Result<String, ReportError> {
        let mut context = tera::Context::new();
        if self.options.redact {
            let mut page_value = to_json(page)?;
            let mut view_value = to_json(view)?;
            let scrubber = self.scrubber();
            scrubber.scrub(&mut page_value);
            scrubber.scrub(&mut view_value);
            // The agency's CQC numbers are long numbers, but not personal.
            page_value["provider_id"] = serde_json::json!(page.provider_id);
            page_value["location_id"] = serde_json::json!(page.location_id);
            context.insert("page", &page_value);
            context.insert(key, &view_value);
        } else {
            context.insert("page", page);
            context.insert(key, view);
        }
        let name = self.templates.entry(stem, self.options.format);
        self.templates.render(&name, &context)
    }

    /// Scrubs every string of `value` as the pages are scrubbed, when the
    /// session redacts (for files that are not rendered by a template).
    pub fn scrub(&self, value: &mut serde_json::Value) {
        if self.options.redact {
            self.scrubber().scrub(value);
        }
    }

    fn scrubber(&self) -> &Scrubber {
        self.scrubber.get_or_init(|| {
            let outcome = self.audit();
            let history = outcome.audit.as_ref().map(|a| &a.personal);
            Scrubber::new(self.records.repo, history, &outcome.authors())
        })
    }

    /// The file name of a report: the `--template` file's name without
    /// `.tera`, or `stem.<ext>`; a redacted report is named as such
    /// (`stem.redacted.<ext>`), so that a full one never takes its name.
    pub fn file_name(&self, stem: &str) -> String {
        let name = match &self.options.template {
            Some(t) => {
                let name = t
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                name.strip_suffix(".tera").unwrap_or(&name).to_owned()
            }
            None => format!("{stem}.{}", self.options.format.ext()),
        };
        if self.options.redact {
            redacted_name(&name)
        } else {
            name
        }
    }

    /// The name of a file that goes with a report (`inspection-actions.csv`),
    /// named as redacted when it is (`inspection-actions.redacted.csv`).
    pub fn file_name_with(&self, name: &str) -> String {
        if self.options.redact {
            redacted_name(name)
        } else {
            name.to_owned()
        }
    }

    /// The files a report must never be written over: the repository's
    /// records and the templates in use.
    pub fn sources(&self) -> Vec<(PathBuf, &'static str)> {
        let repo = self.records.repo;
        let records = repo
            .files
            .iter()
            .map(|f| (repo.root.join(&f.path), "record"));
        let templates = self
            .templates
            .files()
            .into_iter()
            .map(|p| (p.to_path_buf(), "template in use"));
        records.chain(templates).collect()
    }

    /// Renders one report of `kind` with the files that go with it (the
    /// inspection pack's action plan as CSV).
    pub fn report_files(&self, kind: ReportKind) -> Result<(Rendered, Vec<Rendered>), ReportError> {
        match kind {
            ReportKind::Inspection => inspection::render_files(self),
            _ => Ok((self.report(kind)?, Vec::new())),
        }
    }

    /// Renders one report of `kind`.
    pub fn report(&self, kind: ReportKind) -> Result<Rendered, ReportError> {
        match kind {
            ReportKind::Rota => rota::render(self, self.options.week),
            ReportKind::ServiceUser => service_user::render(self),
            ReportKind::Compliance => compliance::render(self),
            ReportKind::Training => training::render(self),
            ReportKind::Inspection => inspection::render(self),
            ReportKind::Audit => audit::render(self),
            ReportKind::Delivery => delivery::render(self),
            ReportKind::Mar => mar::render(self),
            ReportKind::Governance => governance::render(self),
        }
    }
}

/// `name` with `.redacted` before its extension: `inspection.redacted.html`.
pub fn redacted_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.redacted.{ext}"),
        _ => format!("{name}.redacted"),
    }
}

fn to_json<V: Serialize>(view: &V) -> Result<serde_json::Value, ReportError> {
    serde_json::to_value(view).map_err(ReportError::Context)
}
