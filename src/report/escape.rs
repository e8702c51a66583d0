//! Escaping values so they stay text: the markdown escape (tera's own
//! escapes HTML), and the `code_spans` filter, which shows `quoted` words
//! of a finding as code while escaping everything else.

use std::borrow::Cow;
use std::io::Write;
use tera::{Kwargs, State, Value};

/// The `code_spans` filter for HTML: escapes the text, then shows each
/// `quoted` part (a field name in a finding) as `<code>`.
pub fn code_spans_html(val: Cow<'_, str>, _: Kwargs, _: &State) -> Value {
    let parts: Vec<&str> = val.split('`').collect();
    let paired = parts.len() % 2 == 1;
    let mut out = Vec::with_capacity(val.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        let code = paired && i % 2 == 1;
        if i > 0 && !paired {
            out.push(b'`');
        }
        if code {
            out.extend_from_slice(b"<code>");
        }
        // Writing to a Vec cannot fail.
        let _ = tera::escape_html(part, &mut out);
        if code {
            out.extend_from_slice(b"</code>");
        }
    }
    Value::safe_string(&String::from_utf8_lossy(&out))
}

/// The `code_spans` filter for markdown: the text as it is (escaped on
/// output like any value, code spans kept).
pub fn code_spans_md(val: Cow<'_, str>, _: Kwargs, _: &State) -> String {
    val.into_owned()
}

/// Escapes a value for markdown: it stays text (see [`crate::markdown`]).
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    crate::markdown::escape(input, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::{Context, Tera};

    fn md(s: &str) -> String {
        let mut out = Vec::new();
        escape_markdown(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markdown_values_stay_text() {
        assert_eq!(
            md("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(md("*bold* [link](x)"), "\\*bold\\* \\[link\\](x)");
        assert_eq!(md("`review_due` is past"), "`review_due` is past");
        assert_eq!(md("odd ` tick_x"), "odd \\` tick\\_x");
        assert_eq!(md("fish & chips &amp;"), "fish & chips &amp;amp;");
        assert_eq!(md("two\nlines"), "two lines");
    }

    #[test]
    fn code_spans_escape_everything_else() {
        let mut tera = Tera::default();
        tera.register_filter("code_spans", code_spans_html);
        tera.add_raw_template("t.html", "{{ v | code_spans }}")
            .unwrap();
        let mut cx = Context::new();
        cx.insert("v", "`<b>` is <i>bold</i>");
        let out = tera.render("t.html", &cx).unwrap();
        assert_eq!(out, "<code>&lt;b&gt;</code> is &lt;i&gt;bold&lt;/i&gt;");
    }
}
