//! Printing HTML reports to PDF through headless Chromium, run as a child
//! process (`--print-to-pdf`): the same engine people print with, so the
//! PDF looks like the browser's print preview, on A4 as the stylesheet's
//! `@page` rule says. carebook ships no PDF renderer of its own; when no
//! Chromium is installed, [`find_browser`] says which package to install.
//!
//! The page's `<title>` becomes the PDF's Title: templates keep people's
//! names out of it (see `doc_title` in the page context).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The variable that names the browser to print with, ahead of `PATH`.
pub const BROWSER_VAR: &str = "CAREBOOK_CHROMIUM";

/// The programs looked for on `PATH`, in order.
pub const BROWSER_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long one page may take to print.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum PdfError {
    /// No browser on `PATH` and no `CAREBOOK_CHROMIUM`.
    #[error("printing to PDF needs Chromium, and none was found")]
    #[diagnostic(
        code(carebook::pdf::no_browser),
        help(
            "install it (`apt install chromium` on Debian or Ubuntu), or set CAREBOOK_CHROMIUM to a Chromium or Chrome program; looked for chromium, chromium-browser, google-chrome and google-chrome-stable on PATH"
        )
    )]
    NoBrowser,
    /// `CAREBOOK_CHROMIUM` names no program.
    #[error("CAREBOOK_CHROMIUM is `{}`, which is not a program", .0.display())]
    #[diagnostic(
        code(carebook::pdf::no_browser),
        help(
            "set CAREBOOK_CHROMIUM to the path of Chromium or Chrome, or unset it to search PATH"
        )
    )]
    BadVariable(PathBuf),
    /// The browser could not be started.
    #[error("cannot start {}: {source}", .browser.display())]
    #[diagnostic(code(carebook::pdf::browser))]
    Start {
        /// The program.
        browser: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The browser failed or wrote no PDF.
    #[error("Chromium could not print {}: {detail}", .page.display())]
    #[diagnostic(
        code(carebook::pdf::browser),
        help(
            "run the same command with CAREBOOK_CHROMIUM set to another browser, or print the HTML from a browser"
        )
    )]
    Failed {
        /// The HTML page.
        page: PathBuf,
        /// What went wrong, with the browser's last words.
        detail: String,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", .path.display())]
    #[diagnostic(code(carebook::pdf::write))]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The browser to print with: `CAREBOOK_CHROMIUM` when set, else the
/// first of [`BROWSER_NAMES`] on `PATH`.
pub fn find_browser() -> Result<PathBuf, PdfError> {
    find_browser_in(std::env::var_os(BROWSER_VAR), std::env::var_os("PATH"))
}

/// [`find_browser`] with the variable and the search path given.
pub fn find_browser_in(
    variable: Option<OsString>,
    path: Option<OsString>,
) -> Result<PathBuf, PdfError> {
    if let Some(v) = variable.filter(|v| !v.is_empty()) {
        let named = PathBuf::from(&v);
        return if is_program(&named) {
            Ok(named)
        } else if let Some(found) = path.as_deref().and_then(|p| on_path(p, &v)) {
            Ok(found)
        } else {
            Err(PdfError::BadVariable(named))
        };
    }
    let path = path.ok_or(PdfError::NoBrowser)?;
    BROWSER_NAMES
        .iter()
        .find_map(|name| on_path(&path, OsStr::new(name)))
        .ok_or(PdfError::NoBrowser)
}

fn on_path(path: &OsStr, name: &OsStr) -> Option<PathBuf> {
    if Path::new(name).components().count() != 1 {
        return None;
    }
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|p| is_program(p))
}

fn is_program(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Prints the HTML file `page` to `pdf` with `browser`: written to a
/// temporary file beside `pdf`, then renamed, so a reader never sees half
/// a PDF; the browser is stopped after `timeout`.
pub fn print(browser: &Path, page: &Path, pdf: &Path, timeout: Duration) -> Result<(), PdfError> {
    let write_err = |source| PdfError::Write {
        path: pdf.to_path_buf(),
        source,
    };
    let page = std::path::absolute(page).map_err(write_err)?;
    let dir = match pdf.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(write_err)?;
    let tmp = tempfile::Builder::new()
        .prefix(".carebook-")
        .suffix(".pdf")
        .tempfile_in(dir)
        .map_err(write_err)?;
    let profile = tempfile::tempdir().map_err(write_err)?;
    let log_path = profile.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).map_err(write_err)?;
    let mut command = Command::new(browser);
    command
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", tmp.path().display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    if running_as_root() {
        // Chromium refuses to start as root with its sandbox on.
        command.arg("--no-sandbox");
    }
    let mut child = command.spawn().map_err(|source| PdfError::Start {
        browser: browser.to_path_buf(),
        source,
    })?;
    let started = Instant::now();
    let failed = |detail: String| {
        let said = std::fs::read_to_string(&log_path).unwrap_or_default();
        let last = said.lines().rev().find(|l| !l.trim().is_empty());
        PdfError::Failed {
            page: page.clone(),
            detail: match last {
                Some(l) => format!("{detail} (it said: {})", l.trim()),
                None => detail,
            },
        }
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "it did not finish within {} s",
                    timeout.as_secs()
                )));
            }
            Err(e) => return Err(failed(format!("cannot wait for it: {e}"))),
        }
    };
    if !status.success() {
        return Err(failed(format!("it exited with {status}")));
    }
    let head = std::fs::read(tmp.path()).map_err(write_err)?;
    if !head.starts_with(b"%PDF-") {
        return Err(failed("it wrote no PDF".to_owned()));
    }
    tmp.persist(pdf).map_err(|e| write_err(e.error))?;
    Ok(())
}

/// Chromium's flags: headless, no GPU, and nothing from the network
/// (no updates, sync, QUIC or background fetches); no header or footer
/// with the date and the file's path.
const FLAGS: [&str; 9] = [
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
];

/// The `file://` URL of an absolute path, with the characters a URL
/// cannot hold percent-encoded.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Prints the HTML document `html` to `pdf`: the page is written to a
/// private temporary folder first, since Chromium prints from a URL.
pub fn print_html(browser: &Path, html: &str, pdf: &Path) -> Result<(), PdfError> {
    let write_err = |source| PdfError::Write {
        path: pdf.to_path_buf(),
        source,
    };
    let dir = tempfile::tempdir().map_err(write_err)?;
    let stem = pdf.file_stem().unwrap_or(OsStr::new("report"));
    let page = dir.path().join(stem).with_extension("html");
    std::fs::write(&page, html).map_err(write_err)?;
    print(browser, &page, pdf, TIMEOUT)
}

/// Prints each HTML file of `pages` to a PDF of the same name beside it;
/// returns the PDFs written.
pub fn print_all(browser: &Path, pages: &[PathBuf]) -> Result<Vec<PathBuf>, PdfError> {
    let mut written = Vec::new();
    for page in pages
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let pdf = page.with_extension("pdf");
        print(browser, page, &pdf, TIMEOUT)?;
        written.push(pdf);
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
