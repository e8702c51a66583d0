//! PDFs made by the real binary (`report --format pdf`, `build --pdf`)
//! through the installed Chromium: A4, redacted packs stay redacted, and
//! no person's name in the PDF's metadata.

use crate::site::{TODAY, artefacts, examples, names};
use std::path::Path;

fn carebook(args: &[&str], out: &Path) -> String {
    let run = assert_cmd::Command::cargo_bin("carebook")
        .expect("the carebook binary")
        .args(args)
        .arg(examples())
        .args(["--today", TODAY, "--out"])
        .arg(out)
        .output()
        .expect("run carebook");
    assert!(
        run.status.success(),
        "carebook {args:?} failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The PDF's Title and every other text of its Info dictionary.
fn metadata(doc: &lopdf::Document) -> String {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .expect("the PDF has an Info dictionary");
    info.iter()
        .filter_map(|(k, v)| {
            let v = lopdf::decode_text_string(v).ok()?;
            Some(format!("{}={v}\n", String::from_utf8_lossy(k)))
        })
        .collect()
}

fn text(doc: &lopdf::Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("the PDF's text")
}

fn no_names(what: &str, text: &str) {
    for name in names() {
        assert!(!text.contains(&name), "{what} holds {name}");
    }
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn a_redacted_inspection_pack_prints_redacted() {
    let out = tempfile::tempdir().unwrap();
    let said = carebook(
        &["report", "inspection", "--format", "pdf", "--redact"],
        out.path(),
    );
    // A redacted pack is named as such, in PDF as in HTML.
    let pdf = out.path().join("inspection.redacted.pdf");
    assert!(said.contains("inspection.redacted.pdf"), "{said}");
    assert!(
        !out.path().join("inspection.redacted.html").exists(),
        "only the PDF"
    );
    let doc = lopdf::Document::load(&pdf).expect("a readable PDF");
    let text = text(&doc);
    assert!(text.contains("Redacted"), "the pack says it is redacted");
    assert!(text.contains("Mock inspection"), "the pack has its text");
    no_names("the redacted pack", &text);
    let meta = metadata(&doc);
    assert!(
        meta.contains("Title=Mock inspection pack (redacted)"),
        "{meta}"
    );
    no_names("the metadata", &meta);
    std::fs::copy(&pdf, artefacts().join("inspection-redacted.pdf")).unwrap();
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn a_care_file_keeps_the_name_out_of_its_metadata() {
    let out = tempfile::tempdir().unwrap();
    carebook(
        &[
            "report",
            "service-user",
            "--id",
            "SU-0001",
            "--format",
            "pdf",
        ],
        out.path(),
    );
    let doc = lopdf::Document::load(out.path().join("service-user-SU-0001.pdf")).unwrap();
    assert!(text(&doc).contains("Margaret"), "the file itself names her");
    let meta = metadata(&doc);
    assert!(meta.contains("Title=Care file · "), "{meta}");
    no_names("the metadata", &meta);
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn build_pdf_prints_every_page_on_a4() {
    let out = tempfile::tempdir().unwrap();
    carebook(&["build", "--pdf"], out.path());
    let mut printed = 0;
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let html = entry.unwrap().path();
        if html.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let pdf = html.with_extension("pdf");
        let doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let first = *doc.get_pages().values().next().expect("a page");
        let mediabox = doc
            .get_dictionary(first)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(lopdf::Object::as_array)
            .expect("a media box");
        let w = mediabox[2].as_float().unwrap();
        let h = mediabox[3].as_float().unwrap();
        let (short, long) = if w < h { (w, h) } else { (h, w) };
        assert!(
            (short - 595.0).abs() < 2.0 && (long - 842.0).abs() < 2.0,
            "{} is {w} x {h} points, not A4",
            pdf.display()
        );
        no_names(&format!("{}'s metadata", pdf.display()), &metadata(&doc));
        printed += 1;
    }
    assert!(printed >= 7, "printed {printed} pages");
}
