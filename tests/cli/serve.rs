//! `carebook serve` over HTTP: it serves the built site on loopback, sees
//! a record change and shows the new page with the change's findings
//! first, refuses paths outside the site and addresses other than
//! loopback, and writes nothing into the records.

use crate::support::{Fixture, TODAY};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `carebook serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(fx: &Fixture) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("carebook"))
        .current_dir(fx.path())
        .env("NO_COLOR", "1")
        .args(["serve", ".", "--port", "0", "--today", TODAY])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start carebook serve");
    let mut first = String::new();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdout.read_line(&mut first).expect("the first line");
    // Keep reading, so the server can go on printing what it rebuilt.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let port = first
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    Server { child, port }
}

/// GETs `path` (sent as written); returns the status and the body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"));
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (status, body.to_owned())
}

/// Polls `path` until its body contains `text`.
fn wait_for(server: &Server, path: &str, text: &str) -> String {
    let started = Instant::now();
    loop {
        let (status, body) = get(server, path);
        if status == 200 && body.contains(text) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{path} never showed {text:?}; last:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn listing(fx: &Fixture) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(fx.path())
        .into_iter()
        .map(|e| e.expect("walk").path().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn serve_rebuilds_when_a_record_changes_and_shows_its_findings_first() {
    let fx = Fixture::base();
    let before = listing(&fx);
    let server = serve(&fx);
    let (status, index) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(index.contains("Care records"), "{index}");
    assert!(!index.contains("last-change"), "no banner before a change");

    let record = fx.path().join("service-users/SU-0001.yaml");
    let edit = |key: &str, value: &str| {
        let text = std::fs::read_to_string(&record).expect("the record");
        assert!(text.contains(&format!("\n{key}: ")), "the record has {key}");
        let lines: Vec<String> = text
            .lines()
            .map(|l| match l.strip_prefix(&format!("{key}: ")) {
                Some(_) => format!("{key}: {value}"),
                None => l.to_owned(),
            })
            .collect();
        std::fs::write(&record, lines.join("\n") + "\n").expect("edit the record");
    };

    // A new name shows on the page.
    edit("name", "Renamed Person");
    wait_for(&server, "/service-users.html", "Renamed Person");
    let index = wait_for(&server, "/index.html", "id=\"last-change\"");
    assert!(
        index.contains("No finding about the changed files"),
        "{index}"
    );

    // A wrong NHS number: its finding comes first on the index.
    edit("nhs_number", "\"123\"");
    let index = wait_for(&server, "/index.html", "is not an NHS number");
    let banner = &index[index.find("id=\"last-change\"").unwrap()..];
    assert!(banner.contains("service-users/SU-0001.yaml:"), "{banner}");
    let main = index.find("<main id=\"main\">").expect("main");
    assert!(
        index[main..].starts_with("<main id=\"main\"><section class=\"banner\" id=\"last-change\""),
        "the banner comes first in the main part"
    );

    drop(server);
    let mut after = listing(&fx);
    after.retain(|f| !f.ends_with("~"));
    assert_eq!(before, after, "serve writes nothing into the records");
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let fx = Fixture::base();
    let server = serve(&fx);
    for path in [
        "/../agency.yaml",
        "/%2e%2e/agency.yaml",
        "/..%2fagency.yaml",
        "/../../../../../../etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/.git/config",
        "/agency.yaml",
    ] {
        let (status, body) = get(&server, path);
        assert_eq!(status, 404, "{path}: {body}");
    }
    assert_eq!(get(&server, "/index.html").0, 200);
}

#[test]
fn serve_refuses_an_address_other_than_loopback() {
    let fx = Fixture::base();
    let run = fx.run(&["serve", ".", "--address", "0.0.0.0", "--port", "0"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("carebook::serve::address"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("not a loopback address"),
        "{}",
        run.stderr
    );
}
