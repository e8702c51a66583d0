//! `carebook man`: a page for carebook and for every subcommand, and
//! every page the main page names exists.

use crate::support::Fixture;

/// The subcommands `carebook --help` lists (but `help`).
fn subcommands(fx: &Fixture) -> Vec<String> {
    let help = fx.run(&["--help"]);
    assert_eq!(help.status, 0, "{}", help.stderr);
    let listed = help
        .stdout
        .split("Commands:")
        .nth(1)
        .expect("a Commands section")
        .split("\n\n")
        .next()
        .unwrap_or("");
    let names: Vec<String> = listed
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 11, "read only {names:?}");
    names
}

#[test]
fn every_subcommand_has_a_man_page_and_every_named_page_exists() {
    let fx = Fixture::empty();
    let out = fx.path().join("man1");
    let run = fx.run(&["man", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(out.join("carebook.1").is_file());
    for sub in subcommands(&fx) {
        let page = out.join(format!("carebook-{sub}.1"));
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("no page {}", page.display()));
        assert!(
            text.contains(&format!(".TH carebook-{sub} 1")),
            "{sub}: {text}"
        );
        assert!(
            text.contains(&format!("carebook {sub}")),
            "{sub}'s synopsis"
        );
    }
    // Every page carebook.1 names is there.
    let main = std::fs::read_to_string(out.join("carebook.1")).unwrap();
    let mut named = 0;
    for part in main.split("carebook\\-").skip(1) {
        let Some((name, _)) = part.split_once("(1)") else {
            continue;
        };
        named += 1;
        let page = out.join(format!("carebook-{}.1", name.replace("\\-", "-")));
        assert!(page.is_file(), "carebook.1 names {}", page.display());
    }
    assert!(named >= 11, "carebook.1 names only {named} pages");
    assert!(!main.contains("carebook\\-help(1)"), "no page for help");
}

#[test]
fn man_prints_one_subcommands_page() {
    let fx = Fixture::empty();
    let run = fx.run(&["man", "serve"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(".TH carebook-serve 1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("loopback"), "the options are described");
    let bad = fx.run(&["man", "serv"]);
    assert_eq!(bad.status, 2);
    assert!(
        bad.stderr.contains("no subcommand `serv`"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.contains("serve"),
        "it lists the pages: {}",
        bad.stderr
    );
}
