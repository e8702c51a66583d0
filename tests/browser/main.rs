//! The reports as a person sees them, in a real browser: every page of
//! the example agency's site opened in headless Chromium (driven over the
//! DevTools protocol), checked for console errors, network requests,
//! broken links and escaped markup, and printed to A4.
//!
//! These tests need Chromium installed, so they are `#[ignore]`d: plain
//! `cargo test` needs only the Rust toolchain. `.ci/run` installs
//! Chromium and runs them with
//!
//! ```sh
//! cargo test --test browser -- --ignored
//! ```
//!
//! Screenshots and PDFs are kept in `target/browser-artefacts/`.

mod chrome;
mod pages;
mod pdf;
mod print;
mod serve;
mod site;
