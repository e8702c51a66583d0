//! Escaping and redaction, with tests that fail on a leak: every value a
//! record holds is looked for in every file written.

use super::{KINDS, example, has_word, ok, read, report};
use crate::support::{Fixture, TODAY};
use carebook::load::Repo;
use carebook::model::Record;
use std::path::Path;

/// Every file under `dir` (a site or an out folder), as text.
pub(super) fn texts(fx: &Fixture, dir: &str) -> Vec<(String, String)> {
    walkdir::WalkDir::new(fx.path().join(dir))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), read(fx, e.path())))
        .collect()
}

/// The text of the file of `files` whose path ends with `name`.
fn page<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files
        .iter()
        .find(|(f, _)| f.ends_with(name))
        .unwrap_or_else(|| panic!("no {name} among the files written"))
        .1
}

#[test]
fn values_are_escaped_in_every_report() {
    let fx = example();
    let su = read(&fx, Path::new("service-users/SU-0001.yaml")).replace(
        "name: Margaret Ellis",
        "name: \"<script>alert(1)</script>\"",
    );
    fx.write("service-users/SU-0001.yaml", su);
    let carer = read(&fx, Path::new("carers/C-0004.yaml")).replace(
        "name: Tomasz Nowak",
        "name: \"<img src=x onerror=alert(2)> | *x*\"",
    );
    fx.write("carers/C-0004.yaml", carer);
    for kind in KINDS {
        for format in ["html", "md"] {
            let (run, path) = report(&fx, kind, format, &[]);
            ok(&run);
            let text = read(&fx, &path);
            for raw in [
                "<script>alert(1)</script>",
                "<script",
                "<img src=x",
                "onerror=alert(2)>",
            ] {
                assert!(!text.contains(raw), "{kind} {format} shows {raw} unescaped");
            }
            let shows = |escaped: &str| text.contains(escaped);
            match (kind, format) {
                ("service-user" | "rota", _) => {
                    assert!(
                        shows("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        "{kind} {format}"
                    )
                }
                ("governance", "html") => {
                    assert!(shows("&lt;img src=x onerror=alert(2)&gt; | *x*"), "{text}")
                }
                ("training", "html") => {
                    assert!(shows("&lt;img src=x onerror=alert(2)&gt; | *x*"), "{text}")
                }
                ("training", "md") => {
                    assert!(
                        shows("&lt;img src=x onerror=alert(2)&gt; \\| \\*x\\*"),
                        "{text}"
                    )
                }
                _ => {}
            }
        }
    }
}

/// Every personal value of the records: (what, value, whole word only).
pub(super) fn personal_values(root: &Path) -> Vec<(&'static str, String, bool)> {
    let repo = Repo::open(root, false).expect("the example loads");
    let mut out = Vec::new();
    let name = |what: &'static str, n: &str, out: &mut Vec<_>| {
        // A one-word name is looked for as a word (`Len` is not in `Length`).
        out.push((what, n.to_owned(), !n.contains(' ')));
        for part in n.split_whitespace().filter(|p| p.len() > 1 && *p != "Dr") {
            out.push((what, part.to_owned(), true));
        }
    };
    for e in &repo.entries {
        match &e.record {
            Some(Record::ServiceUser(u)) => {
                name("name", &u.name, &mut out);
                if let Some(p) = &u.preferred_name {
                    name("preferred name", p, &mut out);
                }
                out.push(("NHS number", u.nhs_number.0.clone(), false));
                out.push(("NHS number", u.nhs_number.digits(), false));
                out.push(("date of birth", u.date_of_birth.to_string(), false));
                out.push((
                    "date of birth",
                    u.date_of_birth.0.format("%-d %b %Y").to_string(),
                    false,
                ));
                out.push(("address", u.address.line1.clone(), false));
                out.push(("postcode", u.address.postcode.0.clone(), false));
                if let Some(gp) = &u.gp {
                    name("GP", &gp.name, &mut out);
                    out.extend(gp.phone.clone().map(|p| ("phone", p, false)));
                }
                for c in &u.contacts {
                    name("contact", &c.name, &mut out);
                    out.extend(c.phone.clone().map(|p| ("phone", p, false)));
                }
                out.extend(u.access_notes.clone().map(|a| ("access notes", a, false)));
                for h in &u.hospital_stays {
                    out.extend(h.hospital.clone().map(|t| ("hospital", t, false)));
                    out.extend(
                        h.reason
                            .clone()
                            .map(|t| ("hospital stay's reason", t, false)),
                    );
                }
                let dnacpr = u.dnacpr.as_ref().and_then(|d| d.form_location.clone());
                out.extend(dnacpr.map(|l| ("where the DNACPR form is", l, false)));
                let respect = u.respect.as_ref().and_then(|r| r.form_location.clone());
                out.extend(respect.map(|l| ("where the ReSPECT form is", l, false)));
                if let Some(e) = &u.end_of_life {
                    out.extend(e.wishes.clone().map(|w| ("end-of-life wishes", w, false)));
                }
                let reference = u.funding.as_ref().and_then(|f| f.reference.clone());
                out.extend(reference.map(|r| ("funding reference", r, false)));
            }
            Some(Record::Carer(c)) => {
                name("carer", &c.name, &mut out);
                out.extend(c.home.postcode.clone().map(|p| ("postcode", p.0, false)));
            }
            Some(Record::Incident(i)) => {
                out.push(("incident summary", i.summary.clone(), false));
                out.extend(
                    i.immediate_action
                        .clone()
                        .map(|a| ("immediate action", a, false)),
                );
                let sg = i.safeguarding.as_ref().and_then(|s| s.reference.clone());
                out.extend(sg.map(|r| ("safeguarding reference", r, false)));
                let cqc = i.notification.as_ref().and_then(|n| n.reference.clone());
                out.extend(cqc.map(|r| ("CQC reference", r, false)));
                let lessons = i.investigation.as_ref().and_then(|n| n.lessons.clone());
                out.extend(lessons.map(|l| ("lessons", l, false)));
            }
            Some(Record::Complaint(c)) => {
                name("complainant", &c.from.name, &mut out);
                out.push(("complaint", c.about.clone(), false));
                out.extend(c.lessons.clone().map(|l| ("lessons", l, false)));
            }
            Some(Record::QualityAudit(a)) => {
                out.extend(
                    a.findings
                        .iter()
                        .map(|f| ("audit finding", f.clone(), false)),
                );
            }
            _ => {}
        }
    }
    out
}

pub(super) fn assert_no_leak(files: &[(String, String)], values: &[(&str, String, bool)]) {
    let mut leaks = Vec::new();
    for (file, text) in files {
        for (what, value, word) in values {
            let found = if *word {
                has_word(text, value)
            } else {
                text.contains(value.as_str())
            };
            if found {
                let at = text
                    .match_indices(value.as_str())
                    .map(|(i, _)| i)
                    .find(|i| !*word || has_word(&text[*i..], value))
                    .unwrap_or(0);
                let around: String = text[at.saturating_sub(60)..].chars().take(120).collect();
                leaks.push(format!("{file}: {what} `{value}` in …{around}…"));
            }
        }
    }
    assert!(leaks.is_empty(), "leaks:\n{}", leaks.join("\n"));
}

#[test]
fn redaction_leaves_nothing_personal() {
    let fx = example();
    let values = personal_values(fx.path());
    assert!(
        values.len() > 100,
        "the example has personal values to look for"
    );
    for format in ["html", "md"] {
        let out = format!("site-{format}");
        ok(&fx.run(&[
            "build", ".", "--redact", "--format", format, "--out", &out, "--today", TODAY,
        ]));
        let files = texts(&fx, &out);
        assert_eq!(
            files.len(),
            11,
            "index, 8 reports, the W49 rota and the pack's action plan (CSV)"
        );
        assert_no_leak(&files, &values);
        let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
        assert!(all.contains("M. E."), "names become initials");
        assert!(
            all.contains("XXX XXX X587"),
            "NHS numbers keep their last 3 digits"
        );
        assert!(all.contains("90"), "ages stay");
        assert!(all.contains("Redacted."), "the banner says so");
        assert!(
            all.contains("Green"),
            "carebook's own words are not redacted"
        );
    }
    // Without --redact the same check finds the values: the test can see a leak.
    ok(&fx.run(&[
        "build", ".", "--out", "plain", "--format", "md", "--today", TODAY,
    ]));
    let plain = texts(&fx, "plain");
    let shown = values
        .iter()
        .filter(|(_, v, w)| {
            plain.iter().any(|(_, t)| {
                if *w {
                    has_word(t, v)
                } else {
                    t.contains(v.as_str())
                }
            })
        })
        .count();
    assert!(
        shown * 2 > values.len(),
        "only {shown} of {} values appear unredacted",
        values.len()
    );
}

/// Commits the whole folder as `who` at `when` (UTC), with git2.
pub(super) fn commit_all(repo: &git2::Repository, who: &str, when: &str, message: &str) {
    let secs = chrono::DateTime::parse_from_rfc3339(when)
        .expect("time")
        .timestamp();
    let sig =
        git2::Signature::new(who, "someone@example.org", &git2::Time::new(secs, 0)).expect("sig");
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit");
}

/// The example agency in git: imported on 1 Oct, then a review date and a
/// contact's phone changed on 10 Nov by Gareth Pryce.
fn example_in_git() -> Fixture {
    let fx = example();
    let repo = git2::Repository::init(fx.path()).expect("git init");
    commit_all(
        &repo,
        "Helen Okafor",
        "2026-10-01T09:00:00Z",
        "Import the records",
    );
    let plan = read(&fx, Path::new("care-plans/CP-0001.yaml"))
        .replace("review_due: 2027-04-01", "review_due: 2027-03-01");
    fx.write("care-plans/CP-0001.yaml", plan);
    let su =
        read(&fx, Path::new("service-users/SU-0001.yaml")).replace("07700 900123", "07700 900999");
    fx.write("service-users/SU-0001.yaml", su);
    commit_all(
        &repo,
        "Gareth Pryce",
        "2026-11-10T14:30:00Z",
        "Review date brought forward; new phone for Susan",
    );
    fx
}

#[test]
fn the_change_log_and_what_changed_since() {
    let fx = example_in_git();
    let (run, path) = report(&fx, "audit", "md", &[]);
    ok(&run);
    let log = read(&fx, &path);
    assert!(
        log.contains("review\\_due: 2027-04-01 → 2027-03-01"),
        "{log}"
    );
    assert!(
        log.contains("Gareth Pryce") && log.contains("Helen Okafor"),
        "{log}"
    );
    let (run, path) = report(&fx, "service-user", "md", &["--id", "SU-0001"]);
    ok(&run);
    let file = read(&fx, &path);
    let changed = file
        .split("### What changed since 26 Oct 2026")
        .nth(1)
        .unwrap_or("");
    assert!(
        changed.contains("CP-0001") && changed.contains("review\\_due"),
        "{file}"
    );
    assert!(
        !changed.contains("Import the records") && !changed.contains("added"),
        "{changed}"
    );
    super::snapshot_settings().bind(|| insta::assert_snapshot!("report_audit_git_md", log));

    ok(&fx.run(&["build", ".", "--redact", "--out", "site", "--today", TODAY]));
    let files = texts(&fx, "site");
    let mut values = personal_values(fx.path());
    values.push(("phone", "07700 900999".into(), false));
    values.push(("author", "Gareth".into(), true));
    values.push(("email", "someone@example.org".into(), false));
    assert_no_leak(&files, &values);
    let audit = page(&files, "audit.redacted.html");
    assert!(
        audit.contains("G. P.") && audit.contains("[removed]"),
        "{audit}"
    );
}

#[test]
fn redacted_audit_shows_no_free_text_of_uncommitted_or_committed_changes() {
    // Free text that is not a name, an address or a number: the scrubber
    // cannot know it, so the audit must not show it when redacting.
    let fx = example_in_git();
    let repo = git2::Repository::open(fx.path()).expect("the repository");
    let edit = |file: &str, from: &str, to: &str| {
        let text = read(&fx, Path::new(file));
        assert!(text.contains(from), "{file} holds {from}");
        fx.write(file, text.replace(from, to));
    };
    edit(
        "service-users/SU-0003.yaml",
        "Purple folder on the hall table",
        "Blue folder under the stairs",
    );
    commit_all(&repo, "Gareth Pryce", "2026-11-12T09:00:00Z", "Form moved");
    edit(
        "service-users/SU-0003.yaml",
        "Blue folder under the stairs",
        "Green tin in the pantry",
    );
    ok(&fx.run(&["build", ".", "--redact", "--out", "site", "--today", TODAY]));
    let files = texts(&fx, "site");
    let secrets = [
        (
            "committed before",
            "Purple folder on the hall table".to_owned(),
            false,
        ),
        (
            "committed after",
            "Blue folder under the stairs".to_owned(),
            false,
        ),
        ("uncommitted", "Green tin in the pantry".to_owned(), false),
    ];
    assert_no_leak(&files, &secrets);
    let audit = page(&files, "audit.redacted.html");
    assert!(
        audit.contains("changed since the last commit: dnacpr.form_location"),
        "the uncommitted finding names the field: {audit}"
    );
    // Unredacted, the same build shows them: the test can see a leak.
    ok(&fx.run(&["build", ".", "--out", "plain", "--today", TODAY]));
    let plain: String = texts(&fx, "plain").into_iter().map(|(_, t)| t).collect();
    assert!(
        plain.contains("Green tin in the pantry"),
        "uncommitted shown"
    );
    assert!(
        plain.contains("Blue folder under the stairs"),
        "change shown"
    );
}
