//! `carebook build`: check the records and render every report into a
//! static folder with an index; print what was written and the compliance
//! status. Exit 0 when the site was written (whatever the findings), 2 when
//! it could not be.

use super::report::{Common, options};
use carebook::report::Session;
use carebook::report::build::build;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `carebook build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    common: Common,
}

/// Builds the site.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let started = Instant::now();
    let today = args.common.today.get();
    let (repo, _) = super::open_repo(args.common.repo.as_deref())?;
    let opts = options(&args.common, today);
    let index = carebook::index::Index::new(&repo);
    let checked = carebook::check::run_on(&index, today);
    let mut session = Session::with_index(&index, &checked, &opts)?;
    let out = args
        .common
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("out"));
    let built = build(&mut session, &out)?;
    for f in &built.files {
        outln!("wrote {}", f.display());
    }
    use carebook::wording::plural;
    outln!(
        "compliance: {} {} ({}, {}); open {} ({:.1} s)",
        built.status.symbol,
        built.status.text,
        plural(built.errors, "error"),
        plural(built.warnings, "warning"),
        built
            .files
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
