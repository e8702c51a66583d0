//! Regression test for markdown escaping bypassed by backtick runs of
//! another length (issue 10): every markdown file carebook writes from
//! hostile records, read by a real CommonMark parser, holds no raw HTML,
//! no link of its own, and each hostile value whole, as text, in one block.

use super::privacy::commit_all;
use super::{example, ok, read};
use crate::support::{Fixture, TODAY};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// Values no markdown viewer may read as markup.
const HOSTILE: [&str; 6] = [
    "```<img src=x onerror=alert(1)>`",
    "`` ` ``<script>alert(2)</script>",
    "[x](javascript:alert(3)) | *a* _b_",
    "````<img src=y onerror=alert(4)>```` ~~gone~~",
    "``[x]`` ` *y* _z_",
    "# not a heading - <b>bold</b>",
];

/// Puts `value` in place of `from` in the file `rel`.
fn replace(fx: &Fixture, rel: &str, from: &str, value: &str) {
    let text = read(fx, Path::new(rel));
    assert!(text.contains(from), "{rel} holds {from}");
    let quoted = serde_json::to_string(value).expect("json");
    fx.write(rel, text.replace(from, &quoted));
}

/// The example in git, then a commit by a hostile author that writes
/// hostile values into a service user, a carer and a note.
fn hostile() -> Fixture {
    let fx = example();
    let repo = git2::Repository::init(fx.path()).expect("git init");
    commit_all(
        &repo,
        "Helen Okafor",
        "2026-10-01T09:00:00Z",
        "Import the records",
    );
    let su = "service-users/SU-0001.yaml";
    replace(&fx, su, "Margaret Ellis", HOSTILE[0]);
    replace(&fx, su, "Peggy", HOSTILE[1]);
    replace(&fx, "carers/C-0004.yaml", "Tomasz Nowak", HOSTILE[2]);
    let text = read(&fx, Path::new(su));
    let line = text
        .lines()
        .find(|l| l.starts_with("communication:"))
        .expect("a communication note")
        .to_owned();
    let note = serde_json::to_string(&format!("{} {}", HOSTILE[3], HOSTILE[5])).expect("json");
    fx.write(su, text.replace(&line, &format!("communication: {note}")));
    commit_all(&repo, HOSTILE[4], "2026-11-10T09:00:00Z", HOSTILE[0]);
    fx
}

/// The text of each leaf block (paragraph, heading, table cell, item) of
/// `doc`, after asserting it holds no HTML and no link or image.
fn blocks(name: &str, doc: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = vec![String::new()];
    for event in Parser::new_ext(doc, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("{name}: raw HTML {h}"),
            // The site's own links (`index.md`) only.
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.contains(':') => {
                panic!("{name}: a link to {dest_url}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => panic!("{name}: an image {dest_url}"),
            Event::Text(t) | Event::Code(t) => out.last_mut().expect("a block").push_str(&t),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
            ) => out.push(String::new()),
            _ => {}
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(doc, options));
    for raw in ["<img", "<script", "<b>", "<i>", "javascript:alert(3)\""] {
        assert!(!html.contains(raw), "{name}: {raw} in\n{html}");
    }
    out
}

#[test]
fn markdown_escaping_bypassed_by_backtick_runs() {
    let fx = hostile();
    ok(&fx.run(&[
        "build", ".", "--format", "md", "--out", "site", "--today", TODAY,
    ]));
    let mut docs: Vec<(String, String)> = walkdir::WalkDir::new(fx.path().join("site"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| (e.path().display().to_string(), read(&fx, e.path())))
        .collect();
    assert_eq!(docs.len(), 10, "index, 8 reports and the W49 rota");
    let audit = fx.run(&["audit", ".", "--format", "md"]);
    assert!(audit.status <= 1, "{}", audit.stderr);
    docs.push(("audit --format md".into(), audit.stdout));
    let all: Vec<String> = docs
        .iter()
        .flat_map(|(name, doc)| blocks(name, doc))
        .collect();
    for value in HOSTILE {
        assert!(
            all.iter().any(|b| b.contains(value)),
            "`{value}` shows whole, as text, in a block"
        );
    }
    let audit_blocks = blocks("audit", &docs[docs.len() - 1].1);
    for value in [HOSTILE[0], HOSTILE[4]] {
        assert!(
            audit_blocks.iter().any(|b| b.contains(value)),
            "the audit shows `{value}` as text"
        );
    }
}
