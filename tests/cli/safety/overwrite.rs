//! Outputs never replace a record or a template in use.

use super::{read, refused};
use crate::support::Fixture;

#[test]
fn rota_out_agency_yaml_replaces_the_agency() {
    let fx = Fixture::base();
    let before = read(&fx, "agency.yaml");
    let run = fx.run(&["rota", ".", "--week", "2026-W49", "--out", "agency.yaml"]);
    refused(&run);
    assert!(run.stderr.contains("agency.yaml"), "{}", run.stderr);
    assert_eq!(read(&fx, "agency.yaml"), before);
}

#[test]
fn rota_out_a_carer_record_replaces_it() {
    let fx = Fixture::base();
    let before = read(&fx, "carers/C-0001.yaml");
    let run = fx.run(&[
        "rota",
        ".",
        "--week",
        "2026-W49",
        "--out",
        "carers/C-0001.yaml",
    ]);
    refused(&run);
    assert_eq!(read(&fx, "carers/C-0001.yaml"), before);
}

#[test]
fn report_out_overwrites_its_own_template() {
    let fx = Fixture::base();
    let template = "<p>{{ page.title }}</p>\n";
    fx.write("mine/summary.html", template);
    let run = fx.run(&[
        "report",
        "compliance",
        ".",
        "--template",
        "mine/summary.html",
        "--out",
        "mine",
        "--today",
        crate::support::TODAY,
    ]);
    refused(&run);
    assert!(run.stderr.contains("summary.html"), "{}", run.stderr);
    assert_eq!(read(&fx, "mine/summary.html"), template);
}

#[test]
fn report_out_overwrites_a_record() {
    let fx = Fixture::base();
    // A template named like a record, written into the records' folder.
    fx.write("mine/C-0001.yaml.tera", "kind: carer\n");
    let before = read(&fx, "carers/C-0001.yaml");
    let run = fx.run(&[
        "report",
        "compliance",
        ".",
        "--template",
        "mine/C-0001.yaml.tera",
        "--out",
        "carers",
        "--today",
        crate::support::TODAY,
    ]);
    refused(&run);
    assert_eq!(read(&fx, "carers/C-0001.yaml"), before);
}
