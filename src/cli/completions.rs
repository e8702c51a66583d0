//! `carebook completions`: shell completions, generated from the same
//! clap definitions as the commands (the man pages are in `man.rs`).

use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `carebook completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the completion script for a shell.
pub fn run(args: Args) -> ExitCode {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "carebook", &mut out);
    print(&out)
}

fn print(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`carebook man | head`) is not a failure.
    let _ = stdout.write_all(bytes);
    let _ = stdout.flush();
    ExitCode::SUCCESS
}
