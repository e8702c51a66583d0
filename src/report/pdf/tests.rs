//! Finding the browser: the variable first, then `PATH`, and a clear
//! error naming the package when there is none.

use super::*;

fn program(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, "#!/bin/sh\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[test]
fn finds_chromium_on_path() {
    let dir = tempfile::tempdir().unwrap();
    let chromium = program(dir.path(), "chromium");
    let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).unwrap();
    assert_eq!(find_browser_in(None, Some(path)).unwrap(), chromium);
}

#[test]
fn prefers_chromium_to_chrome() {
    let dir = tempfile::tempdir().unwrap();
    program(dir.path(), "google-chrome");
    let chromium = program(dir.path(), "chromium");
    let path = dir.path().as_os_str().to_owned();
    assert_eq!(find_browser_in(None, Some(path)).unwrap(), chromium);
}

#[test]
fn a_file_that_is_not_executable_is_not_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chromium"), "not a program").unwrap();
    let path = dir.path().as_os_str().to_owned();
    assert!(matches!(
        find_browser_in(None, Some(path)),
        Err(PdfError::NoBrowser)
    ));
}

#[test]
fn the_variable_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    program(dir.path(), "chromium");
    let mine = program(dir.path(), "my-chrome");
    let path = dir.path().as_os_str().to_owned();
    let found = find_browser_in(Some(mine.clone().into_os_string()), Some(path.clone()));
    assert_eq!(found.unwrap(), mine);
    // A bare name is looked up on PATH.
    let found = find_browser_in(Some("my-chrome".into()), Some(path));
    assert_eq!(found.unwrap(), mine);
}

#[test]
fn a_variable_naming_no_program_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    program(dir.path(), "chromium");
    let path = dir.path().as_os_str().to_owned();
    let err = find_browser_in(Some("/no/such/chrome".into()), Some(path)).unwrap_err();
    assert!(matches!(err, PdfError::BadVariable(_)), "{err:?}");
    assert!(err.to_string().contains("/no/such/chrome"));
}

#[test]
fn no_browser_names_the_package_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().as_os_str().to_owned();
    let err = find_browser_in(None, Some(path)).unwrap_err();
    let help = miette::Diagnostic::help(&err).unwrap().to_string();
    assert!(help.contains("apt install chromium"), "{help}");
    assert!(matches!(
        find_browser_in(None, None),
        Err(PdfError::NoBrowser)
    ));
}

#[test]
fn file_urls_encode_spaces_and_marks() {
    assert_eq!(
        file_url(Path::new("/tmp/my site/care#1.html")),
        "file:///tmp/my%20site/care%231.html"
    );
}

#[test]
fn a_browser_that_fails_is_reported_with_what_it_said() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("chromium");
    std::fs::write(&fake, "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let page = dir.path().join("index.html");
    std::fs::write(&page, "<!DOCTYPE html><title>t</title>").unwrap();
    let pdf = dir.path().join("index.pdf");
    let err = print(&fake, &page, &pdf, Duration::from_secs(20)).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("exited"), "{text}");
    assert!(text.contains("cannot open display"), "{text}");
    assert!(!pdf.exists(), "no PDF is left behind");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "no temporary file is left behind: {left:?}");
}
