//! `carebook serve`: the built site on a loopback address, rebuilt when a
//! record or a template changes, with what the last change brought shown
//! first, as a banner on the index.
//!
//! Read-only towards the records: every build goes to a fresh temporary
//! folder outside the repository ([`site`]), and the HTTP side ([`http`])
//! serves files from the current build folder and nothing else. Watching
//! ([`watch`]) uses the platform's file events, debounced, so one save of
//! several files rebuilds once.

pub mod http;
pub mod site;
pub mod watch;

use std::net::IpAddr;
use std::path::PathBuf;

/// The port `carebook serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8413;

/// Why the server could not start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ServeError {
    /// An address other than loopback was asked for.
    #[error("`{0}` is not a loopback address: carebook serves care records to this computer only")]
    #[diagnostic(
        code(carebook::serve::address),
        help(
            "use 127.0.0.1 or ::1 (the default); to share reports, run `carebook build` and share the files with people entitled to see them"
        )
    )]
    NotLoopback(IpAddr),
    /// The port could not be opened.
    #[error("cannot listen on {address}: {reason}")]
    #[diagnostic(
        code(carebook::serve::listen),
        help("another program may be using the port: choose another with --port")
    )]
    Listen {
        /// `127.0.0.1:8413`.
        address: String,
        /// What the system said.
        reason: String,
    },
    /// The file watcher could not start.
    #[error("cannot watch {} for changes: {reason}", .root.display())]
    #[diagnostic(code(carebook::serve::watch))]
    Watch {
        /// The records repository.
        root: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The first build failed (a later one keeps the last good site).
    #[error("cannot build the site: {0}")]
    #[diagnostic(code(carebook::serve::build))]
    Build(String),
}

/// Rebuilds on every change `watcher` sees, in a thread of its own, and
/// calls `report` with the changed files and the outcome of each rebuild.
pub fn rebuild_on_change(
    settings: site::Settings,
    current: site::Current,
    watcher: watch::Watcher,
    report: impl Fn(&[String], &site::Outcome) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while let Some(changed) = watcher.next_change() {
            let outcome = site::rebuild(&settings, &current, &changed);
            report(&changed, &outcome);
        }
    })
}

/// Accepts loopback addresses only: care records are not for the network.
pub fn check_address(address: IpAddr) -> Result<IpAddr, ServeError> {
    if address.is_loopback() {
        Ok(address)
    } else {
        Err(ServeError::NotLoopback(address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_are_accepted() {
        for ok in ["127.0.0.1", "::1", "127.0.0.2"] {
            assert!(check_address(ok.parse().unwrap()).is_ok(), "{ok}");
        }
        for bad in ["0.0.0.0", "192.168.1.10", "::", "10.0.0.1"] {
            let err = check_address(bad.parse().unwrap()).unwrap_err();
            assert!(err.to_string().contains("not a loopback"), "{bad}: {err}");
        }
    }
}
