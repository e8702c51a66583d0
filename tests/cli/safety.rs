//! Regression tests of issue 10's data-loss, file-system and crash bugs:
//! each is named after the bug and failed before its fix.

mod dates;
mod links;
mod overwrite;
mod redacted;
mod rota_file;
mod stdout;

use crate::support::Fixture;

/// The contents of a file of the fixture.
pub fn read(fx: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(fx.path().join(rel)).unwrap_or_else(|e| panic!("{rel} readable: {e}"))
}

/// Asserts a run stopped with a diagnostic (exit 2), not a panic.
pub fn refused(run: &crate::support::Run) {
    assert_eq!(
        run.status, 2,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
