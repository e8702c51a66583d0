//! Why a command failed, and what it warns about: the binary's own
//! diagnostics, beside the library's errors it passes on. `cli::main`
//! prints every one of them through the same miette printer; errors end
//! the run with exit status 2.

use carebook::audit::AuditError;
use carebook::export::ExportError;
use carebook::init::InitError;
use carebook::load::LoadError;
use carebook::model::values::Week;
use carebook::report::ReportError;
use std::path::PathBuf;

/// Why a command could not do its job (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CliError {
    /// The records repository could not be opened.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Load(#[from] LoadError),
    /// The history could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Audit(#[from] AuditError),
    /// A report could not be made.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Report(#[from] ReportError),
    /// `init` could not write the repository.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Init(#[from] InitError),
    /// A week could not be exported.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Export(#[from] ExportError),
    /// An import refused its file and wrote nothing.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Import(#[from] carebook::import::ImportError),
    /// A file of the repository could not be read or written safely.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Fs(#[from] carebook::fsutil::FsError),
    /// A week's rota was not written (an unreadable rota, or a record in the way).
    #[error(transparent)]
    #[diagnostic(transparent)]
    RotaWrite(#[from] carebook::rota::write::RotaWriteError),
    /// `rota --repair` with no rota to repair.
    #[error("there is no rota for {week} to repair at {}", path.display())]
    #[diagnostic(
        code(carebook::no_rota),
        help("plan it first with `carebook rota --week {week}`")
    )]
    NoRotaToRepair {
        /// The week asked for.
        week: Week,
        /// Where the rota was looked for.
        path: PathBuf,
    },
    /// The hours could not be written as CSV.
    #[error("cannot write the hours as CSV")]
    #[diagnostic(code(carebook::csv))]
    Csv(#[source] csv::Error),
    /// A man page could not be made.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Man(#[from] super::man::ManError),
    /// A PDF could not be printed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pdf(#[from] carebook::report::pdf::PdfError),
    /// A provider's roll-up could not be built.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Provider(#[from] carebook::report::provider::ProviderError),
    /// The site could not be served.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Serve(#[from] carebook::serve::ServeError),
}

/// Something a command did not stop for, but a person should know.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[diagnostic(severity(Warning))]
pub enum CliWarning {
    /// The travel matrix could not be read.
    #[error("the travel matrix was not used: {0}")]
    #[diagnostic(
        code(carebook::travel_matrix),
        help(
            "travel times are estimated instead; fix the matrix file (`carebook check` shows where)"
        )
    )]
    TravelMatrix(String),
    /// `rota` asked to plan a week that has already ended.
    #[error("{week} ended on {}, before today ({today}): this plans a week that is past", week.sunday())]
    #[diagnostic(
        code(carebook::past_week),
        help(
            "a rota is planned ahead: leave out --week to plan next week, or name a week from this one on"
        )
    )]
    PastWeek {
        /// The week asked for.
        week: Week,
        /// The day judged against.
        today: chrono::NaiveDate,
    },
    /// A carer who has left still has visits in the week.
    #[error("{name} ({id}) has left (status: leaver) but has visits in {file}")]
    #[diagnostic(
        code(carebook::leaver),
        help(
            "the visits are exported as planned; re-plan with `carebook rota --week {week} --repair`"
        )
    )]
    Leaver {
        /// The carer's name.
        name: String,
        /// The carer's id.
        id: String,
        /// The rota file.
        file: String,
        /// The week.
        week: Week,
    },
}
