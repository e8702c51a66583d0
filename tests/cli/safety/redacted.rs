//! A redacted report is named as such and says so in its title; a full
//! pack never takes its name.

use crate::report::example;
use crate::support::TODAY;

fn title(text: &str) -> &str {
    let start = text.find("<title>").map_or(0, |i| i + 7);
    let end = text[start..].find("</title>").map_or(start, |i| start + i);
    &text[start..end]
}

#[test]
fn build_replaces_a_redacted_inspection_pack_with_the_full_one() {
    let fx = example();
    let r = fx.run(&["report", "inspection", ".", "--redact", "--today", TODAY]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let redacted = fx.path().join("out/inspection.redacted.html");
    let text = std::fs::read_to_string(&redacted).expect("redacted pack under its own name");
    assert!(title(&text).contains("redacted"), "{}", title(&text));
    assert!(!fx.path().join("out/inspection.html").exists());

    let r = fx.run(&["build", ".", "--today", TODAY]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&redacted).expect("kept"), text);
    let full = std::fs::read_to_string(fx.path().join("out/inspection.html")).expect("full");
    assert!(!title(&full).contains("redacted"), "{}", title(&full));
}

#[test]
fn redacted_build_names_every_page_and_link_redacted() {
    let fx = example();
    let r = fx.run(&[
        "build", ".", "--redact", "--today", TODAY, "--week", "2026-W49",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let out = fx.path().join("out");
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 6, "{names:?}");
    // The pack's action plan goes with it as CSV, linked from the pack.
    let csv = "inspection-actions.redacted.csv";
    assert!(names.iter().any(|n| n == csv), "{names:?}");
    let pack = std::fs::read_to_string(out.join("inspection.redacted.html")).expect("pack");
    assert!(
        pack.contains(&format!("href=\"{csv}\"")),
        "the pack links {csv}"
    );
    let names: Vec<String> = names.into_iter().filter(|n| n != csv).collect();
    for n in &names {
        assert!(n.ends_with(".redacted.html"), "{n} in {names:?}");
        let text = std::fs::read_to_string(out.join(n)).expect("page");
        assert!(title(&text).contains("redacted"), "{n}: {}", title(&text));
    }
    let index = std::fs::read_to_string(out.join("index.redacted.html")).expect("index");
    for n in names.iter().filter(|n| *n != "index.redacted.html") {
        assert!(index.contains(&format!("href=\"{n}\"")), "no link to {n}");
    }
    for page in names.iter().filter(|n| *n != "index.redacted.html") {
        let text = std::fs::read_to_string(out.join(page)).expect("page");
        if text.contains("index.") {
            assert!(
                !text.contains("href=\"index.html\""),
                "{page} links the full index"
            );
        }
    }
    let md = fx.run(&[
        "report",
        "compliance",
        ".",
        "--redact",
        "--format",
        "md",
        "--today",
        TODAY,
    ]);
    assert_eq!(md.status, 0, "{}", md.stderr);
    let text = std::fs::read_to_string(out.join("compliance.redacted.md")).expect("md");
    assert!(
        text.lines().next().unwrap_or_default().contains("redacted"),
        "{text}"
    );
}
