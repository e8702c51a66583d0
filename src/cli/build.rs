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
pub fn run(args: Args, today: chrono::NaiveDate) -> ExitCode {
    let started = Instant::now();
    // Before any work: without a browser there is no PDF to make.
    let browser = if args.pdf || matches!(args.common.format, Format::Pdf) {
        match carebook::report::pdf::find_browser() {
            Ok(b) => Some(b),
            Err(e) => return super::fail(e),
        }
    } else {
        None
    };
    if let Some(dir) = &args.provider {
        let opts = options(&args.common, today);
        let out = args.common.out.clone().unwrap_or_else(|| dir.join("out"));
        return match carebook::report::provider::build_provider(dir, &out, &opts) {
            Ok((index, view)) => {
                for b in &view.branches {
                    match &b.problem {
                        Some(p) => println!("{}: not built: {p}", b.name),
                        None => println!(
                            "{}: {} {} ({}, {})",
                            b.name,
                            b.status.symbol,
                            b.status.text,
                            carebook::wording::plural(b.errors, "error"),
                            carebook::wording::plural(b.warnings, "warning")
                        ),
                    }
                }
                println!("wrote {}", index.display());
                ExitCode::SUCCESS
            }
            Err(e) => super::fail(e),
        };
    }
    let (repo, _) = match super::open_repo(args.common.repo.as_deref()) {
        Ok(opened) => opened,
        Err(e) => return super::fail(e),
    };
    let opts = options(&args.common, today);
    let checked = carebook::check::run(&repo, today);
    let mut session = match Session::new(&repo, &checked, &opts) {
        Ok(s) => s,
        Err(e) => return super::fail(e),
    };
    let out = args
        .common
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("out"));
    let built = match build(&mut session, &out) {
        Ok(b) => b,
        Err(e) => return super::fail(e),
    };
    for f in &built.files {
        println!("wrote {}", f.display());
    }
    if let Some(browser) = browser {
        match carebook::report::pdf::print_all(&browser, &built.files) {
            Ok(pdfs) => pdfs.iter().for_each(|f| println!("wrote {}", f.display())),
            Err(e) => return super::fail(e),
        }
    }
    use carebook::wording::plural;
    println!(
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
    ExitCode::SUCCESS
}
