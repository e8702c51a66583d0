//! `carebook completions` and `carebook man`: shell completions and the
//! man page, generated from the same clap definitions as the commands.

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

/// Prints the man page (roff).
pub fn man() -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(super::Cli::command()).render(&mut out) {
        eprintln!("error: cannot render the man page: {e}");
        return ExitCode::from(super::EXIT_FAILED);
    }
    print(&out)
}

fn print(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`carebook man | head`) is not a failure.
    let _ = stdout.write_all(bytes);
    let _ = stdout.flush();
    ExitCode::SUCCESS
}
