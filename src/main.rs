//! The `carebook` command: a thin layer that parses arguments, calls the
//! library and prints what it returns, with the exit status.

mod cli;

/// mimalloc as the allocator of the `carebook` command: loading a
/// repository makes millions of small allocations (tree nodes, strings,
/// JSON values, records) from two threads, and glibc's malloc and free were
/// about a tenth of `check`'s instructions (callgrind); see
/// docs/benchmarks.md for the measured effect.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
