//! The mock-inspection pack: quality statements, evidence sufficiency
//! (never a rating), the consultant's judgements from the records, the
//! framework choice.

use super::{example, ok, read, report};

/// The pack in markdown, with `args`.
fn pack(fx: &crate::support::Fixture, args: &[&str]) -> String {
    let (run, path) = report(fx, "inspection", "md", args);
    ok(&run);
    read(fx, &path)
}

/// The section of a statement, from its heading to the next.
fn section<'a>(text: &'a str, title: &str) -> &'a str {
    let start = text
        .find(&format!("### {title}:"))
        .unwrap_or_else(|| panic!("no statement {title}"));
    let rest = &text[start..];
    let end = rest[4..].find("\n### ").map_or(rest.len(), |i| i + 4);
    &rest[..end]
}

#[test]
fn safe_and_effective_staffing_is_a_statement_under_safe() {
    let fx = example();
    let text = pack(&fx, &[]);
    let safe = text.find("\n## Safe\n").expect("Safe");
    let effective = text.find("\n## Effective\n").expect("Effective");
    let staffing = text
        .find("### Safe and effective staffing:")
        .expect("the statement");
    assert!(safe < staffing && staffing < effective);
    let st = section(&text, "Safe and effective staffing");
    assert!(
        st.contains("Regulation 19 (Fit and proper persons employed)"),
        "{st}"
    );
    assert!(st.contains("What the inspector will ask"), "{st}");
}

#[test]
fn the_pack_suggests_no_rating() {
    let fx = example();
    let text = pack(&fx, &[]);
    for rating in [
        "Inadequate",
        "Requires improvement",
        "Suggested rating",
        "Outstanding",
    ] {
        assert!(!text.contains(rating), "the pack says {rating}");
    }
    assert!(text.contains("No rating is suggested"), "{text}");
}

#[test]
fn missing_data_is_never_sufficient() {
    // No carers at all: the staffing evidence is absent, not complete.
    let fx = example();
    std::fs::remove_dir_all(fx.path().join("carers")).expect("remove carers");
    let (run, path) = report(&fx, "inspection", "md", &[]);
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    let text = read(&fx, &path);
    let st = section(&text, "Safe and effective staffing");
    assert!(
        st.starts_with("### Safe and effective staffing: ✗ Evidence absent"),
        "{st}"
    );
    assert!(!st.contains("Evidence sufficient"), "{st}");
}

#[test]
fn capacity_is_presumed_not_counted_as_evidence_for_everyone() {
    let fx = example();
    let text = pack(&fx, &[]);
    let st = section(&text, "Consent to care and treatment");
    let line = st
        .lines()
        .find(|l| l.starts_with("| Mental capacity |"))
        .expect("the capacity evidence");
    assert!(line.contains("whose capacity is in doubt"), "{line}");
    assert!(
        line.contains("capacity is presumed for everyone else"),
        "{line}"
    );
    assert!(!line.contains("12 plans"), "{line}");
}

#[test]
fn the_consultants_judgement_is_shown_beside_the_evidence() {
    let fx = example();
    let text = pack(&fx, &[]);
    assert!(text.contains("Judged by Priya Raman"), "{text}");
    let st = section(&text, "Medicines optimisation");
    assert!(
        st.contains("**Consultant's judgement:** 2 (Some shortfalls)."),
        "{st}"
    );
    let st = section(&text, "Learning culture");
    assert!(
        st.contains("Consultant's judgement: not yet recorded."),
        "{st}"
    );
}

#[test]
fn a_judgement_of_an_unknown_statement_is_named_with_the_nearest() {
    let fx = example();
    let file = fx.path().join("inspection/IJ-2026-11.yaml");
    let text = std::fs::read_to_string(&file).expect("the example judgement");
    fx.write(
        "inspection/IJ-2026-11.yaml",
        text.replace("statement: consent\n", "statement: consnt\n"),
    );
    let text = pack(&fx, &[]);
    assert!(
        text.contains("`consnt` is not a quality statement of `cqc-saf`; did you mean `consent`?"),
        "{text}"
    );
    let st = section(&text, "Consent to care and treatment");
    assert!(st.contains("not yet recorded"), "{st}");
}

#[test]
fn a_later_judgement_wins_and_one_after_the_pack_date_is_not_shown() {
    let fx = example();
    let judgement = |id: &str, on: &str, score: u8| {
        format!(
            "kind: inspection-judgement\nid: {id}\nframework: cqc-saf\nassessed_on: {on}\n\
             assessor: Sam Okafor\nstatements:\n  - statement: governance\n    score: {score}\n    \
             rationale: Audits {id}.\n"
        )
    };
    fx.write("inspection/IJ-A.yaml", judgement("IJ-A", "2026-11-21", 1));
    fx.write("inspection/IJ-B.yaml", judgement("IJ-B", "2026-12-01", 4));
    let text = pack(&fx, &[]);
    let st = section(&text, "Governance, management and sustainability");
    assert!(
        st.contains("1 (Significant shortfalls). Audits IJ-A."),
        "{st}"
    );
    assert!(!st.contains("IJ-B"), "{st}");
}

#[test]
fn a_judgement_for_another_framework_is_named_not_shown() {
    let fx = example();
    let file = fx.path().join("inspection/IJ-2026-11.yaml");
    let text = std::fs::read_to_string(&file).expect("the example judgement");
    fx.write(
        "inspection/IJ-2026-11.yaml",
        text.replace("framework: cqc-saf", "framework: cqc-2026"),
    );
    let text = pack(&fx, &[]);
    assert!(text.contains("No judgement is recorded yet"), "{text}");
    assert!(
        text.contains("Judgements for another framework are not shown: IJ-2026-11."),
        "{text}"
    );
}

#[test]
fn the_framework_is_chosen_by_id_or_file() {
    let fx = example();
    let default = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/inspection-map.yaml"),
    )
    .expect("the built-in map");
    let revised = default
        .replace("  id: cqc-saf\n", "  id: cqc-2026\n")
        .replace(
            "    title: Learning culture\n",
            "    title: Learning and safety culture\n",
        );
    assert_ne!(revised, default);
    fx.write("templates/cqc-2026.yaml", revised);
    let text = pack(&fx, &["--framework", "templates/cqc-2026.yaml"]);
    assert!(text.contains("### Learning and safety culture:"), "{text}");
    assert!(
        text.contains("the framework file templates/cqc-2026.yaml"),
        "{text}"
    );
    // The example's judgement is for cqc-saf.
    assert!(text.contains("No judgement is recorded yet"), "{text}");
    let text = pack(&fx, &["--framework", "cqc-saf"]);
    assert!(text.contains("### Learning culture:"), "{text}");
    let (run, _) = report(&fx, "inspection", "md", &["--framework", "cqc-2099"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("cqc-saf"), "{}", run.stderr);
}

#[test]
fn redaction_covers_the_assessor_and_names_in_a_rationale() {
    let fx = example();
    let file = fx.path().join("inspection/IJ-2026-11.yaml");
    let text = std::fs::read_to_string(&file).expect("the example judgement");
    fx.write(
        "inspection/IJ-2026-11.yaml",
        text.replace(
            "Consent is recorded",
            "Margaret Ellis told me carers ask first. Consent is recorded",
        ),
    );
    let full = pack(&fx, &[]);
    assert!(
        full.contains("Margaret Ellis told me"),
        "the full pack has it"
    );
    let redacted = pack(&fx, &["--redact"]);
    for name in ["Priya", "Raman", "Margaret", "Ellis"] {
        assert!(!redacted.contains(name), "{name} in the redacted pack");
    }
    assert!(redacted.contains("Judged by P. R."), "{redacted}");
}

#[test]
fn the_staff_sample_has_a_schedule_3_checklist_each_and_follows_the_seed() {
    let fx = example();
    let staff = |args: &[&str]| {
        let text = pack(&fx, args);
        text.split("## Sample of staff files: Schedule 3")
            .nth(1)
            .and_then(|t| t.split("## Sample of care files").next())
            .unwrap_or("")
            .to_owned()
    };
    let a = staff(&["--staff-sample", "3", "--seed", "7"]);
    let rows: Vec<&str> = a
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("(C-"))
        .collect();
    assert_eq!(rows.len(), 3, "{a}");
    assert!(rows[0].contains("the newest starter"), "{rows:?}");
    assert_eq!(
        a,
        staff(&["--staff-sample", "3", "--seed", "7"]),
        "reproducible"
    );
    for item in [
        // Recorded since issue 13's staff fields.
        "Proof of identity with a recent photograph | Reg 19, Sch 3 para 1 | ✓ Met",
        "Full employment history, gaps explained in writing",
        "Health declaration relevant to the role",
        "Enhanced DBS certificate",
        "Right to work in the UK",
    ] {
        assert_eq!(a.matches(item).count(), 3, "{item}: {a}");
    }
}

#[test]
fn a_carer_without_dbs_or_references_fails_schedule_3_in_the_sample() {
    let fx = example();
    // The newest starter, so the first staff file sampled.
    fx.write(
        "carers/C-0099.yaml",
        "kind: carer\nid: C-0099\nname: Dana Whitlock\nrole: care-worker\nstatus: active\n\
         start_date: 2026-11-02\nhome: {location: {lat: 51.45, lon: -2.59}}\ntravel: walk\n\
         checks:\n  right_to_work: {checked_on: 2026-10-20, expires: null}\n  references: 0\n",
    );
    let (run, path) = report(&fx, "inspection", "md", &["--staff-sample", "1"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = read(&fx, &path);
    assert!(
        text.contains("| Enhanced DBS certificate | Reg 19, Sch 3 paras 2-3 | ✗ Not met | no DBS certificate recorded |"),
        "{text}"
    );
    assert!(
        text.contains("| Evidence of conduct in previous care work (references) | Reg 19, Sch 3 para 4 | ✗ Not met |"),
        "{text}"
    );
    let st = section(&text, "Safe and effective staffing");
    assert!(st.contains("Evidence partial"), "{st}");
    assert!(st.contains("dbs/missing"), "{st}");
}

/// The base fixture agency with the gaps of `tests/fixtures/inspection/gaps`:
/// a new carer with no DBS and one reference, a person whose care is in
/// their best interests with no assessment or decision, an overdue review.
fn with_gaps() -> crate::support::Fixture {
    let fx = crate::support::Fixture::base();
    let overlay =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inspection/gaps");
    assert!(overlay.is_dir(), "missing fixture {}", overlay.display());
    super::copy(&overlay, fx.path());
    fx
}

#[test]
fn pack_snapshots_on_the_example_in_html() {
    let fx = example();
    let (run, path) = report(&fx, "inspection", "html", &[]);
    ok(&run);
    let text = read(&fx, &path);
    super::snapshot_settings().bind(|| insta::assert_snapshot!("inspection_example_html", text));
}

#[test]
fn pack_snapshots_on_a_fixture_with_gaps() {
    let fx = with_gaps();
    for format in ["md", "html"] {
        let (run, path) = report(&fx, "inspection", format, &[]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let text = read(&fx, &path);
        super::snapshot_settings()
            .bind(|| insta::assert_snapshot!(format!("inspection_gaps_{format}"), text));
    }
    let csv = read(&fx, std::path::Path::new("out/inspection-actions.csv"));
    super::snapshot_settings().bind(|| insta::assert_snapshot!("inspection_gaps_actions_csv", csv));
}

#[test]
fn the_gaps_show_under_their_regulation_and_in_the_action_plan() {
    let fx = with_gaps();
    let (run, path) = report(&fx, "inspection", "md", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("inspection-actions.csv"),
        "the CSV is written and named: {}",
        run.stdout
    );
    let text = read(&fx, &path);
    let st = section(&text, "Safe and effective staffing");
    assert!(st.contains("Evidence partial"), "{st}");
    assert!(
        st.contains("Gaps under Regulation 19 (Fit and proper persons employed): ")
            && st.contains("dbs/missing"),
        "{st}"
    );
    let st = section(&text, "Consent to care and treatment");
    assert!(st.contains("Evidence partial"), "{st}");
    assert!(
        st.contains("| Mental capacity | 0 of 1 people whose capacity is in doubt"),
        "{st}"
    );
    let csv = read(&fx, std::path::Path::new("out/inspection-actions.csv"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,priority,what,regulation,statement,owner,due,records")
    );
    let dbs = csv
        .lines()
        .find(|l| l.contains("`dbs/missing`"))
        .expect("an action for the missing DBS");
    // Serious: due in 7 days from 2026-11-23.
    assert!(dbs.starts_with("A01,Serious,"), "{dbs}");
    assert!(
        dbs.contains("Regulation 19: Fit and proper persons employed"),
        "{dbs}"
    );
    assert!(dbs.contains(",2026-11-30,C-0003"), "{dbs}");
}

#[test]
fn a_redacted_pack_writes_a_redacted_action_plan() {
    let fx = with_gaps();
    let (run, _) = report(&fx, "inspection", "html", &["--redact"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!fx.path().join("out/inspection-actions.csv").exists());
    let csv = read(
        &fx,
        std::path::Path::new("out/inspection-actions.redacted.csv"),
    );
    assert!(csv.contains("`dbs/missing`"), "{csv}");
    for name in ["Jade", "Morgan", "Walter", "Hughes"] {
        assert!(!csv.contains(name), "{name} in the redacted CSV:\n{csv}");
    }
    assert!(csv.contains("J. M."), "{csv}");
}

#[test]
fn build_writes_the_action_plan_beside_the_pack() {
    let fx = with_gaps();
    let run = fx.run(&[
        "build",
        ".",
        "--out",
        "site",
        "--today",
        crate::support::TODAY,
    ]);
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    assert!(fx.path().join("site/inspection.html").is_file());
    let csv = read(&fx, std::path::Path::new("site/inspection-actions.csv"));
    assert!(csv.starts_with("id,priority,what"), "{csv}");
}

#[test]
fn sample_sizes_come_from_the_policy_unless_given() {
    let fx = example();
    let agency = std::fs::read_to_string(fx.path().join("agency.yaml")).expect("agency");
    let ours = agency.replace(
        "inspection: {sample: 5, staff_sample: 5}",
        "inspection: {sample: 2, staff_sample: 1}",
    );
    assert_ne!(ours, agency, "the example shows policy.inspection");
    fx.write("agency.yaml", ours);
    let text = pack(&fx, &[]);
    assert!(
        text.contains("2 of the people receiving care (asked for 2,"),
        "{text}"
    );
    assert!(
        text.contains("1 of the staff still employed (asked for 1,"),
        "{text}"
    );
    let text = pack(&fx, &["--sample", "3", "--staff-sample", "2"]);
    assert!(
        text.contains("3 of the people receiving care (asked for 3,"),
        "{text}"
    );
    assert!(
        text.contains("2 of the staff still employed (asked for 2,"),
        "{text}"
    );
}

#[test]
fn the_care_file_audit_reads_visit_logs_when_there_are_some() {
    let fx = example();
    // The example's own logs go: the first sampled person's (SU-0002, home
    // from hospital) record of care is one visit.
    std::fs::remove_dir_all(fx.path().join("logs")).expect("the example has visit logs");
    let rules = std::fs::read_to_string(fx.path().join("visit-rules/VR-0002.yaml")).expect("rules");
    let label = rules
        .lines()
        .find_map(|l| l.trim().strip_prefix("- label: "))
        .expect("a visit label")
        .trim()
        .to_owned();
    fx.write(
        "logs/SU-0002/2026-W47.yaml",
        format!(
            "kind: visit-log\nid: log-SU-0002-2026-W47\nservice_user: SU-0002\nweek: 2026-W47\n\
             visits:\n  - date: 2026-11-18\n    label: {label}\n    outcome: completed\n    \
             notes: Settled and cheerful.\n"
        ),
    );
    let text = pack(&fx, &["--sample", "1"]);
    let row = text
        .lines()
        .find(|l| l.starts_with("| Record of the care given"))
        .expect("the row");
    assert!(row.contains("1 visit logged in the last 4 weeks"), "{row}");
    assert!(!row.contains("Not recorded"), "{row}");
}

#[test]
fn a_finding_the_mapping_forgot_is_shown_not_left_out() {
    let fx = with_gaps();
    let default = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/inspection-map.yaml"),
    )
    .expect("the built-in map");
    let ours = default.replace(
        "findings: [consent/*, mca/*, audit/active-without-consent",
        "findings: [mca/*, audit/active-without-consent",
    );
    assert_ne!(ours, default);
    fx.write("templates/inspection-map.yaml", ours);
    let text = pack(&fx, &[]);
    let part = text
        .split("## Findings under no quality statement")
        .nth(1)
        .expect("the section");
    assert!(part.contains("consent/missing"), "{part}");
    assert!(part.contains("consent/capacity"), "{part}");
    // Without the change, nothing is unmapped.
    let fx = with_gaps();
    let text = pack(&fx, &[]);
    assert!(
        !text.contains("## Findings under no quality statement"),
        "{text}"
    );
}
