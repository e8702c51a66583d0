//! `carebook completions`: shell completions, generated from the same
//! clap definitions as the commands (the man pages are in `man.rs`).

use clap::CommandFactory;
use std::process::ExitCode;

/// Arguments of `carebook completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the completion script for a shell.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "carebook", &mut out);
    super::print_stdout(&out);
    Ok(ExitCode::SUCCESS)
}
