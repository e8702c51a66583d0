//! `carebook rota` over an existing rota: a rota it cannot read is never
//! replaced (exit 2 with its findings; `--force` is the only way past), and
//! locked visits survive every rewrite.

use super::{read, refused};
use crate::support::{Fixture, Run};

const WEEK: &str = "2026-W49";
const ROTA: &str = "rotas/2026-W49.yaml";

fn plan(fx: &Fixture, extra: &[&str]) -> Run {
    let mut args = vec!["rota", ".", "--week", WEEK, "--iterations", "200"];
    args.extend_from_slice(extra);
    fx.run(&args)
}

/// Plans the week, then locks Wednesday's visit at 08:15 by hand, with
/// `extra` added to its line (e.g. a coordinator's note).
fn planned_with_lock(extra: &str) -> Fixture {
    let fx = Fixture::base();
    let run = plan(&fx, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = read(&fx, ROTA);
    let locked: Vec<String> = text
        .lines()
        .map(|l| match l.find("start:") {
            Some(at) if l.contains("date: 2026-12-02") => format!(
                "{}start: \"08:15\", end: \"09:15\", carers: [C-0001], locked: true{extra}}}",
                &l[..at]
            ),
            _ => l.to_owned(),
        })
        .collect();
    assert_ne!(
        locked.join("\n") + "\n",
        text,
        "no Wednesday visit in\n{text}"
    );
    fx.write(ROTA, locked.join("\n") + "\n");
    fx
}

fn wednesday(text: &str) -> String {
    text.lines()
        .find(|l| l.contains("date: 2026-12-02"))
        .unwrap_or_else(|| panic!("no Wednesday visit in\n{text}"))
        .to_owned()
}

#[test]
fn rota_over_a_rota_with_an_unknown_field_loses_the_locked_visit() {
    let fx = planned_with_lock(", note: \"key safe 1234, call first\"");
    let before = read(&fx, ROTA);
    let run = plan(&fx, &[]);
    refused(&run);
    assert_eq!(read(&fx, ROTA), before, "the rota was rewritten");
    assert!(run.stderr.contains(ROTA), "{}", run.stderr);
    assert!(
        run.stderr.contains("schema/unknown-field"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
}

#[test]
fn rota_repair_over_an_unreadable_rota_says_there_is_none() {
    let fx = planned_with_lock(", note: \"call first\"");
    let before = read(&fx, ROTA);
    let run = plan(&fx, &["--repair"]);
    refused(&run);
    assert!(!run.stderr.contains("there is no rota"), "{}", run.stderr);
    assert!(
        run.stderr.contains("schema/unknown-field"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&fx, ROTA), before);
}

#[test]
fn rota_over_a_rota_with_broken_yaml_overwrites_it() {
    let fx = planned_with_lock("");
    fx.write(
        ROTA,
        read(&fx, ROTA) + "  - {service_user: SU-0001, label: [\n",
    );
    let before = read(&fx, ROTA);
    let run = plan(&fx, &[]);
    refused(&run);
    assert!(run.stderr.contains("yaml/"), "{}", run.stderr);
    assert_eq!(read(&fx, ROTA), before);
}

#[test]
fn rota_force_replaces_an_unreadable_rota() {
    let fx = planned_with_lock(", note: \"call first\"");
    let run = plan(&fx, &["--force"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!read(&fx, ROTA).contains("note"));
}

#[test]
fn rota_replan_keeps_a_hand_locked_visit_and_its_time() {
    let fx = planned_with_lock("");
    for seed in ["2", "3"] {
        let run = plan(&fx, &["--seed", seed]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let wed = wednesday(&read(&fx, ROTA));
        assert!(wed.contains("start: \"08:15\""), "{wed}");
        assert!(wed.contains("locked: true"), "{wed}");
    }
    let run = plan(&fx, &["--repair"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let wed = wednesday(&read(&fx, ROTA));
    assert!(
        wed.contains("start: \"08:15\"") && wed.contains("locked: true"),
        "{wed}"
    );
}
