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

/// Escapes a value for markdown: it stays text. Tags and entities are
/// written as entities; emphasis, links and table pipes are backslashed;
/// inside a code span (`like this`) only pipes are, since backslashes
/// show there. Line breaks become spaces, so a value stays in its cell.
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let ticks = input.matches('`').count();
    let spans = ticks > 0 && ticks.is_multiple_of(2);
    let mut in_code = false;
    let mut buf = [0u8; 4];
    for (i, c) in input.char_indices() {
        let piece: &[u8] = match c {
            '`' if spans => {
                in_code = !in_code;
                b"`"
            }
            '|' => b"\\|",
            '\n' | '\r' => b" ",
            _ if in_code => c.encode_utf8(&mut buf).as_bytes(),
            '`' => b"\\`",
            '<' => b"&lt;",
            '>' => b"&gt;",
            '&' if starts_entity(&input[i + 1..]) => b"&amp;",
            '\\' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.write_all(b"\\")?;
                c.encode_utf8(&mut buf).as_bytes()
            }
            _ => c.encode_utf8(&mut buf).as_bytes(),
        };
        out.write_all(piece)?;
    }
    Ok(())
}

/// Whether text after `&` would read as an entity (`amp;`, `#60;`).
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
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
