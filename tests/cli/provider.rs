//! `carebook build --provider DIR`: every branch of `provider.yaml` built
//! into its own folder, and a roll-up page with each branch's status;
//! remote paths refused.

use crate::support::{Fixture, TODAY};

fn provider(branches: &[(&str, &str)]) -> Fixture {
    let fx = Fixture::empty();
    let mut yaml = String::from("name: Harbourside Group\nbranches:\n");
    for (name, path) in branches {
        yaml.push_str(&format!("  - name: {name}\n    path: \"{path}\"\n"));
    }
    std::fs::write(fx.path().join("provider.yaml"), yaml).expect("write provider.yaml");
    fx
}

#[test]
fn build_provider_rolls_up_every_branch() {
    let good = Fixture::base();
    let bad = Fixture::rule("consent-missing", "fail");
    let fx = provider(&[
        ("Bristol", good.path().to_str().unwrap()),
        ("Bath & Wells", bad.path().to_str().unwrap()),
    ]);
    let run = fx.run(&[
        "build",
        "--provider",
        ".",
        "--out",
        "site",
        "--today",
        TODAY,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Bristol: ✓ Green"), "{}", run.stdout);
    assert!(run.stdout.contains("Bath & Wells: ✗ Red"), "{}", run.stdout);
    let site = fx.path().join("site");
    assert!(site.join("01-bristol/index.html").is_file());
    assert!(site.join("02-bath---wells/compliance.html").is_file());
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("<a href=\"01-bristol/index.html\">"),
        "{index}"
    );
    assert!(index.contains("Bath &amp; Wells"), "names are escaped");
    // The worst findings, training and delivery figures of each branch.
    assert!(index.contains("<code>consent/missing ×1</code>"), "{index}");
    assert!(index.contains("Carers trained"), "{index}");
    assert!(index.contains("Visits unassigned"), "{index}");
    assert!(index.contains("<title>All branches · Harbourside Group</title>"));
    assert!(
        !good.path().join("out").exists(),
        "nothing written into a branch"
    );
}

#[test]
fn build_provider_refuses_a_remote_branch() {
    let fx = provider(&[("Remote", "https://git.example.org/bath.git")]);
    let run = fx.run(&["build", "--provider", ".", "--today", TODAY]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not a local folder"),
        "{}",
        run.stderr
    );
    assert!(!fx.path().join("out").exists());
}
