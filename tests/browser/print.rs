//! Printing, as the browser's print dialog does: every page on A4, a care
//! file per person and a run sheet per carer, each starting at the top of
//! a fresh page; and screenshots kept as artefacts.

use crate::chrome::{Chrome, Opened};
use crate::site::{artefacts, pages, sites, url};

/// The text of each page of a PDF, whitespace removed (PDF text runs
/// split words unpredictably).
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let pages = doc.get_pages();
    pages
        .keys()
        .map(|n| {
            let text = doc.extract_text(&[*n]).expect("the text of a page");
            squeeze(&text)
        })
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Width and height of each page, in points.
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).expect("a page");
            let bx = page
                .get(b"MediaBox")
                .and_then(lopdf::Object::as_array)
                .expect("a media box");
            let n = |i: usize| bx[i].as_float().expect("a number") as f64;
            (n(2) - n(0), n(3) - n(1))
        })
        .collect()
}

/// The headings of the sections that must each start a page, in order.
fn headings(tab: &Opened, selector: &str) -> Vec<String> {
    let found = tab.json(&format!(
        "[...document.querySelectorAll('{selector}')].map(h => h.innerText)"
    ));
    found
        .as_array()
        .expect("a list")
        .iter()
        .map(|h| squeeze(h.as_str().expect("a heading")))
        .collect()
}

/// Asserts that each heading opens a page of its own: the pages it starts
/// on are distinct, and every one but the first (which follows the page's
/// masthead) is the first text on its page.
fn assert_one_per_page(texts: &[String], headings: &[String], what: &str) {
    assert!(!headings.is_empty(), "no {what} found");
    let mut starts = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let page = texts
            .iter()
            .position(|t| t.contains(h.as_str()))
            .unwrap_or_else(|| panic!("{what} `{h}` is on no page"));
        if i > 0 {
            assert!(
                texts[page].starts_with(h.as_str()),
                "{what} `{h}` does not start page {}: {}",
                page + 1,
                &texts[page].chars().take(80).collect::<String>()
            );
        }
        starts.push(page);
    }
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "two {what}s share a page: start pages {starts:?}"
    );
}

fn is_a4(size: (f64, f64)) -> bool {
    let near = |a: f64, b: f64| (a - b).abs() < 2.0;
    (near(size.0, 595.0) && near(size.1, 842.0)) || (near(size.0, 842.0) && near(size.1, 595.0))
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn care_files_print_one_person_per_page() {
    let chrome = Chrome::launch();
    let tab = chrome.open(&url(&sites().plain.join("service-users.html")));
    let people = headings(&tab, ".person h2");
    assert_eq!(people.len(), 13, "the example agency has 13 people");
    let pdf = tab.pdf();
    std::fs::write(artefacts().join("service-users.pdf"), &pdf).unwrap();
    let texts = page_texts(&pdf);
    assert!(texts.len() >= people.len(), "{} pages", texts.len());
    assert_one_per_page(&texts, &people, "care file");
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn run_sheets_print_one_carer_per_page() {
    let chrome = Chrome::launch();
    let tab = chrome.open(&url(&sites().plain.join("rota-2026-W49.html")));
    let carers = headings(&tab, ".runsheet h2");
    assert!(carers.len() >= 8, "{} run sheets", carers.len());
    let pdf = tab.pdf();
    std::fs::write(artefacts().join("rota-2026-W49.pdf"), &pdf).unwrap();
    let texts = page_texts(&pdf);
    assert_one_per_page(&texts, &carers, "run sheet");
    // The first run sheet also starts a page: the week comes before it.
    let first = &carers[0];
    assert!(
        texts.iter().any(|t| t.starts_with(first.as_str())),
        "the first run sheet `{first}` does not start a page"
    );
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn every_page_prints_on_a4() {
    let chrome = Chrome::launch();
    for page in pages(&sites().plain) {
        let pdf = chrome.open(&url(&page)).pdf();
        let sizes = page_sizes(&pdf);
        assert!(!sizes.is_empty(), "{} printed no page", page.display());
        for s in sizes {
            assert!(is_a4(s), "{} printed on {s:?} points", page.display());
        }
    }
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn screenshots_of_the_index_the_inspection_pack_and_a_rota() {
    let chrome = Chrome::launch();
    for page in ["index", "inspection", "rota-2026-W49"] {
        let tab = chrome.open(&url(&sites().plain.join(format!("{page}.html"))));
        let png = tab.screenshot();
        assert!(png.starts_with(b"\x89PNG"), "{page} gave no PNG");
        assert!(png.len() > 10_000, "{page}: a blank screenshot?");
        std::fs::write(artefacts().join(format!("{page}.png")), png).unwrap();
    }
}
