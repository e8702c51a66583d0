//! `carebook serve` in the browser: the served index loads with no
//! console error and no request but its own, and a record's change shows
//! after a reload, with the change's banner first.

use crate::chrome::Chrome;
use crate::site::{TODAY, examples};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn a_served_page_changes_after_a_record_changes() {
    let records = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&examples(), records.path());
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("carebook"))
        .arg("serve")
        .arg(records.path())
        .args(["--port", "0", "--today", TODAY])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start carebook serve");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let server = Server(child);
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();

    let chrome = Chrome::launch();
    let tab = chrome.open(&format!("{url}service-users.html"));
    {
        let seen = tab.seen.lock().unwrap();
        assert!(seen.errors.is_empty(), "{:?}", seen.errors);
        let others: Vec<_> = seen
            .requests
            .iter()
            .filter(|r| !r.starts_with(&url))
            .collect();
        assert!(others.is_empty(), "requested {others:?}");
    }

    let record = records.path().join("service-users/SU-0001.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(
        text.contains("\nname: Margaret Ellis\n"),
        "the record's name"
    );
    std::fs::write(
        &record,
        text.replace("\nname: Margaret Ellis\n", "\nname: Margaret Ellison\n"),
    )
    .unwrap();
    let started = Instant::now();
    loop {
        let page = chrome.open(&format!("{url}service-users.html"));
        let body = page.json("document.body.innerText");
        if body
            .as_str()
            .is_some_and(|b| b.contains("Margaret Ellison"))
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the page never changed"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    let index = chrome.open(&url);
    let first_in_main = index.json("document.querySelector('main').firstElementChild.id");
    assert_eq!(first_in_main, "last-change");
    drop(server);
}
