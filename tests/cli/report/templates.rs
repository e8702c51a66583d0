//! Templates: a repository's `templates/` folder overrides a default by
//! name, `--template FILE` renders a user's own with the same context, a
//! template error is a diagnostic naming the file and line, and the
//! inspection mapping is overridable data.

use super::{example, ok, read, report};

#[test]
fn a_repository_template_overrides_the_default() {
    let fx = example();
    fx.write(
        "templates/compliance.html.tera",
        "{% extends \"base.html.tera\" %}{% block content %}<p id=\"ours\">Our own: \
         {{ compliance.counts.errors }} errors, {{ compliance.areas | length }} areas</p>\
         {% endblock content %}",
    );
    let (run, path) = report(&fx, "compliance", "html", &[]);
    ok(&run);
    let html = read(&fx, &path);
    assert!(
        html.contains("<p id=\"ours\">Our own: 0 errors, 7 areas</p>"),
        "{html}"
    );
    assert!(
        html.contains("@media print"),
        "the default base layout still applies"
    );
    // Another format is untouched.
    let (_, md) = report(&fx, "compliance", "md", &[]);
    assert!(!read(&fx, &md).contains("Our own"));
}

#[test]
fn a_partial_can_be_overridden_too() {
    let fx = example();
    fx.write(
        "templates/_style.html.tera",
        "body { color: rebeccapurple; }",
    );
    let (run, path) = report(&fx, "training", "html", &[]);
    ok(&run);
    let html = read(&fx, &path);
    assert!(
        html.contains("rebeccapurple") && !html.contains("--accent"),
        "{html}"
    );
}

#[test]
fn a_users_own_template_gets_the_same_context() {
    let fx = example();
    fx.write(
        "mine/people.md.tera",
        "{{ page.agency }} has {{ people.people | length }} people.\n\
         {% for p in people.people %}- {{ p.profile.name }}: {{ p.visits.count }} visits\n{% endfor %}",
    );
    let (run, path) = report(
        &fx,
        "service-user",
        "md",
        &["--template", "mine/people.md.tera"],
    );
    ok(&run);
    assert!(path.ends_with("people.md"), "{}", path.display());
    let text = read(&fx, &path);
    assert!(
        text.starts_with("Harbourside Home Care has 13 people."),
        "{text}"
    );
    assert!(text.contains("- Margaret Ellis: 28 visits"), "{text}");
}

#[test]
fn a_syntax_error_names_the_file_and_line() {
    let fx = example();
    fx.write(
        "templates/training.html.tera",
        "{% extends \"base.html.tera\" %}\n{% block content %}\n<p>{{ training.carers | length }</p>\n{% endblock content %}\n",
    );
    let (run, _) = report(&fx, "training", "html", &[]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("templates/training.html.tera"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
}

#[test]
fn a_rendering_error_names_the_file_and_line() {
    let fx = example();
    fx.write(
        "own.md.tera",
        "# {{ page.title }}\n\nfine so far\n{{ training.no_such_field.deeper }}\n",
    );
    let (run, _) = report(&fx, "training", "md", &["--template", "own.md.tera"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(run.stderr.contains("own.md.tera"), "{}", run.stderr);
    assert!(run.stderr.contains("line 4"), "{}", run.stderr);
}

#[test]
fn an_unknown_filter_names_the_file_and_line() {
    let fx = example();
    fx.write(
        "templates/audit.md.tera",
        "ok\n\n{{ audit.note | shout }}\n",
    );
    let (run, _) = report(&fx, "audit", "md", &[]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("templates/audit.md.tera"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("line 3") && run.stderr.contains("shout"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_inspection_mapping_is_overridable_data() {
    let fx = example();
    let default = read(
        &fx,
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/inspection-map.yaml"),
    );
    let ours = default
        .replace(
            "  name: CQC single assessment framework, quality statements (adult social care, home care)",
            "  name: Our agency's own quality framework",
        )
        .replace("    title: Caring\n", "    title: Kind and caring\n");
    fx.write("templates/inspection-map.yaml", ours);
    let (run, path) = report(&fx, "inspection", "md", &[]);
    ok(&run);
    let text = read(&fx, &path);
    assert!(
        text.contains("Our agency's own quality framework"),
        "{text}"
    );
    assert!(text.contains("## Kind and caring"), "{text}");

    fx.write(
        "templates/inspection-map.yaml",
        default.replace("[dbs, right-to-work, references,", "[dbs, fit-and-proper,"),
    );
    let (run, _) = report(&fx, "inspection", "md", &[]);
    assert_eq!(run.status, 2);
    // miette wraps long lines (at a hyphen, too).
    let flat = run
        .stderr
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("inspection-map.yaml") && flat.contains("fit-"),
        "{flat}"
    );
    assert!(flat.contains("not an evidence key"), "{flat}");
}
