//! `carebook man [SUBCOMMAND]` and `carebook man --out DIR`: man pages
//! generated from the same clap definitions as the commands, one for
//! carebook (`carebook.1`) and one per subcommand (`carebook-check.1`, ...),
//! the pages that `carebook.1` names under SUBCOMMANDS.

use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `carebook man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The subcommand whose page to print (default: carebook's own page).
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Option<String>,
    /// Write every page (carebook.1, carebook-check.1, ...) into this
    /// folder instead, e.g. /usr/local/share/man/man1.
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    out: Option<PathBuf>,
}

/// Why a man page could not be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ManError {
    /// No subcommand of that name.
    #[error("carebook has no subcommand `{name}`")]
    #[diagnostic(code(carebook::man::unknown), help("the pages are: {known}"))]
    Unknown {
        /// What was asked for.
        name: String,
        /// The subcommands there are.
        known: String,
    },
    /// A page could not be rendered or written.
    #[error("cannot write the man page {page}: {source}")]
    #[diagnostic(code(carebook::man::write))]
    Write {
        /// The page, `carebook-check.1`.
        page: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Every page: carebook's own first, then one per subcommand, with their
/// file names.
fn pages() -> Vec<(String, clap_mangen::Man)> {
    // `help` is not a page of its own: every page is the help.
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![cmd.clone()];
    pages.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    pages
        .into_iter()
        .map(|c| {
            let man = clap_mangen::Man::new(c);
            (man.get_filename(), man)
        })
        .collect()
}

fn render(page: &str, man: &clap_mangen::Man) -> Result<Vec<u8>, ManError> {
    let mut out = Vec::new();
    man.render(&mut out).map_err(|source| ManError::Write {
        page: page.to_owned(),
        source,
    })?;
    Ok(out)
}

/// Prints one page, or writes them all into `--out`.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    try_run(args)?;
    Ok(ExitCode::SUCCESS)
}

fn try_run(args: Args) -> Result<(), ManError> {
    let pages = pages();
    if let Some(dir) = args.out {
        for (file, man) in &pages {
            let path = dir.join(file);
            carebook::fsutil::write_atomic(&path, &render(file, man)?).map_err(|source| {
                ManError::Write {
                    page: path.display().to_string(),
                    source,
                }
            })?;
            outln!("wrote {}", path.display());
        }
        return Ok(());
    }
    let wanted = match &args.subcommand {
        Some(name) => format!("carebook-{name}.1"),
        None => "carebook.1".to_owned(),
    };
    let Some((file, man)) = pages.iter().find(|(file, _)| *file == wanted) else {
        let known: Vec<&str> = pages
            .iter()
            .skip(1)
            .filter_map(|(f, _)| f.strip_prefix("carebook-")?.strip_suffix(".1"))
            .collect();
        return Err(ManError::Unknown {
            name: args.subcommand.unwrap_or_default(),
            known: known.join(", "),
        });
    };
    let bytes = render(file, man)?;
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`carebook man | head`) is not a failure.
    let _ = stdout.write_all(&bytes);
    let _ = stdout.flush();
    Ok(())
}
