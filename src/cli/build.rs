//! `carebook build`: check the records and render every report into a
//! static folder with an index; print what was written and the compliance
//! status. Exit 0 when the site was written (whatever the findings), 2 when
//! it could not be.

use super::report::{Common, Format, options};
use carebook::report::Session;
use carebook::report::build::build;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `carebook build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    common: Common,
    /// Also print every page to a PDF beside it (A4, through headless
    /// Chromium: `apt install chromium`, or set CAREBOOK_CHROMIUM).
    #[arg(long)]
    pdf: bool,
    /// Build every branch named in DIR/provider.yaml (local records
    /// repositories), each into a folder of its own under --out, with a
    /// roll-up page of their status.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["repo", "pdf"])]
    provider: Option<std::path::PathBuf>,
}

/// Builds the site.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let started = Instant::now();
    let today = args.common.today.get();
    // Before any work: without a browser there is no PDF to make.
    let browser = if args.pdf || matches!(args.common.format, Format::Pdf) {
        Some(carebook::report::pdf::find_browser()?)
    } else {
        None
    };
    if let Some(dir) = &args.provider {
        let opts = options(&args.common, today);
        let out = args.common.out.clone().unwrap_or_else(|| dir.join("out"));
        let (index, view) = carebook::report::provider::build_provider(dir, &out, &opts)?;
        for b in &view.branches {
            match &b.problem {
                Some(p) => outln!("{}: not built: {p}", b.name),
                None => outln!(
                    "{}: {} {} ({}, {})",
                    b.name,
                    b.status.symbol,
                    b.status.text,
                    carebook::wording::plural(b.errors, "error"),
                    carebook::wording::plural(b.warnings, "warning")
                ),
            }
        }
        outln!("wrote {}", index.display());
        return Ok(ExitCode::SUCCESS);
    }
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
    if let Some(browser) = browser {
        for f in carebook::report::pdf::print_all(&browser, &built.files)? {
            outln!("wrote {}", f.display());
        }
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
