//! The `carebook` command: a thin layer that parses arguments, calls the
//! library and prints what it returns, with the exit status.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
