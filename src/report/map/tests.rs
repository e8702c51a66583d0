use super::*;

fn default() -> InspectionMap {
    InspectionMap::parse(DEFAULT, "default").unwrap()
}

#[test]
fn default_map_reads_with_the_five_key_questions() {
    let map = default();
    let keys: Vec<&str> = map.key_questions.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(
        keys,
        ["safe", "effective", "caring", "responsive", "well-led"]
    );
    assert_eq!(map.framework.id, "cqc-saf");
    assert_eq!(map.statements().count(), 34, "CQC's 34 quality statements");
}

#[test]
fn safe_and_effective_staffing_is_under_safe() {
    let map = default();
    let (kq, st) = map
        .statements()
        .find(|(_, s)| s.key == "safe-and-effective-staffing")
        .expect("the statement");
    assert_eq!(kq.key, "safe");
    for r in ["12", "18", "19"] {
        assert!(st.regulations.iter().any(|x| x == r), "{r}");
    }
}

#[test]
fn every_regulation_9_to_20_and_the_2009_notifications_appear() {
    let map = default();
    let named: Vec<&str> = map
        .statements()
        .flat_map(|(_, s)| s.regulations.iter().map(String::as_str))
        .collect();
    let mut wanted: Vec<String> = (9..=20).map(|n| n.to_string()).collect();
    wanted.extend(["2009-16".to_owned(), "2009-18".to_owned()]);
    for w in &wanted {
        assert!(
            named.contains(&w.as_str()),
            "regulation {w} is under no statement"
        );
        assert!(map.regulation(w).is_some(), "regulation {w} has no title");
    }
}

#[test]
fn every_statement_says_what_the_inspector_will_ask() {
    for (_, st) in default().statements() {
        assert!(!st.asks.is_empty(), "{}", st.key);
        assert!(!st.we.is_empty(), "{}", st.key);
    }
}

#[test]
fn regulation_names() {
    assert_eq!(regulation_name("12"), "Regulation 12");
    assert_eq!(regulation_name("2009-18"), "Regulation 18 (2009)");
}

#[test]
fn unknown_evidence_is_an_error() {
    let text = DEFAULT.replace(
        "[dbs, right-to-work, references,",
        "[dbs, right-too-work, references,",
    );
    assert_ne!(text, DEFAULT);
    let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
    assert!(e.contains("right-too-work"), "{e}");
}

#[test]
fn an_unknown_regulation_is_an_error() {
    let text = DEFAULT.replace("regulations: [12, 18, 19]", "regulations: [12, 18, 91]");
    assert_ne!(text, DEFAULT);
    let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
    assert!(
        e.contains("regulation 91 is not under `regulations:`"),
        "{e}"
    );
}

#[test]
fn a_statement_key_used_twice_is_an_error() {
    let text = DEFAULT.replace("key: infection-prevention", "key: safeguarding");
    let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
    assert!(e.contains("used twice"), "{e}");
}

#[test]
fn a_version_1_map_says_which_version_is_read() {
    let e = InspectionMap::parse("version: 1\n", "map")
        .unwrap_err()
        .to_string();
    assert!(e.contains("version 1 is not known"), "{e}");
    assert!(e.contains("version 2"), "{e}");
}

#[test]
fn consnt_family_in_a_custom_map_is_an_error_not_a_silent_drop() {
    let text = DEFAULT.replace("findings: [consent/*,", "findings: [consnt/*,");
    assert_ne!(text, DEFAULT, "the default map no longer has consent/*");
    let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
    assert!(e.contains("`consnt/*` is not a family of codes"), "{e}");
    assert!(e.contains("did you mean `consent/*`?"), "{e}");
}

#[test]
fn unknown_codes_and_families_are_named_with_a_suggestion() {
    assert_eq!(unknown_pattern("consent/*"), None);
    assert_eq!(unknown_pattern("audit/*"), None);
    assert_eq!(unknown_pattern("audit/late-entry"), None);
    assert_eq!(
        unknown_pattern("rota/overlapp").as_deref(),
        Some("`rota/overlapp` is not a code; did you mean `rota/overlap`?")
    );
    let text = DEFAULT.replace("serious:\n", "serious:\n  - dbs/mising\n");
    let e = InspectionMap::parse(&text, "map").unwrap_err().to_string();
    assert!(e.contains("did you mean `dbs/missing`?"), "{e}");
}

#[test]
fn patterns() {
    assert!(code_matches("consent/*", "consent/missing"));
    assert!(!code_matches("consent/*", "plan/review-overdue"));
    let m = Matcher::Mentions {
        code: "training/*".into(),
        mentions: "safeguarding-adults".into(),
    };
    assert!(m.matches("training/expired", "`safeguarding-adults` training expired"));
    assert!(!m.matches("training/expired", "`fire-safety` training expired"));
}

#[test]
fn a_framework_file_that_does_not_exist_lists_the_built_in_ones() {
    let e = InspectionMap::choose(Path::new("."), Some("no-such-framework.yaml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cqc-saf"), "{e}");
    let (map, source) = InspectionMap::choose(Path::new("."), Some("cqc-saf")).unwrap();
    assert_eq!(map.framework.id, "cqc-saf");
    assert!(source.contains("cqc-saf"), "{source}");
}
