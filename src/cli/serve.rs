//! `carebook serve`: build the site into a temporary folder, serve it on
//! a loopback address, and rebuild when a record or template changes.
//! Runs until stopped (Ctrl-C); exit 2 when it cannot start.

use carebook::serve::http::Listener;
use carebook::serve::site::{Current, Settings, rebuild};
use carebook::serve::{DEFAULT_PORT, ServeError, check_address, rebuild_on_change, watch};
use carebook::wording::plural;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `carebook serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The records repository (default: found upward from the current folder).
    repo: Option<PathBuf>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// The address to listen on: loopback only (127.0.0.1 or ::1).
    #[arg(long, value_name = "IP", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    address: IpAddr,
    /// The ISO week of the rota, e.g. 2026-W49 (default: the week of today).
    #[arg(long, value_parser = |s: &str| s.parse::<carebook::model::values::Week>())]
    week: Option<carebook::model::values::Week>,
    /// Serve the redacted reports (see `carebook report --help`).
    #[arg(long)]
    redact: bool,
    #[command(flatten)]
    today: super::Today,
}

/// Serves the site until the process is stopped.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let today = args.today.get();
    let address = check_address(args.address)?;
    let (repo, _) = super::open_repo(args.repo.as_deref())?;
    let settings = Settings {
        root: repo.root.clone(),
        today,
        week: args.week,
        redact: args.redact,
    };
    drop(repo);
    carebook::serve::site::remove_stale(&std::env::temp_dir());
    let current = Current::default();
    let first = rebuild(&settings, &current, &[]);
    if let Some(why) = first.failed {
        return Err(ServeError::Build(why).into());
    }
    let listener = Listener::bind(SocketAddr::new(address, args.port))?;
    let watcher = watch::Watcher::start(&settings.root)?;
    let url = match listener.address() {
        Some(SocketAddr::V6(a)) => format!("http://[{}]:{}/", a.ip(), a.port()),
        Some(a) => format!("http://{a}/"),
        None => format!("http://{address}:{}/", args.port),
    };
    outln!(
        "serving {url} ({}, {}); rebuilding on changes to {}; Ctrl-C to stop",
        plural(first.errors, "error"),
        plural(first.warnings, "warning"),
        settings.root.display()
    );
    rebuild_on_change(settings, current.clone(), watcher, |changed, outcome| {
        // A closed terminal or pipe must not stop the rebuilds.
        let mut out = std::io::stdout().lock();
        let _ = match &outcome.failed {
            Some(why) => writeln!(out, "{}: cannot rebuild: {why}", changed.join(", ")),
            None => writeln!(
                out,
                "{}: rebuilt ({}, {}; {} about the change)",
                changed.join(", "),
                plural(outcome.errors, "error"),
                plural(outcome.warnings, "warning"),
                plural(outcome.about_changes.len(), "finding")
            ),
        };
    });
    listener.run(&current);
    Ok(ExitCode::SUCCESS)
}
