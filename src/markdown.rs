//! Markdown that stays text: the one escaper for every value carebook
//! writes into markdown (the reports' `*.md.tera` and `audit --format md`).
//!
//! Whatever a value holds, it cannot open raw HTML, a link or image,
//! emphasis, a heading or list, an entity, or break out of a table cell,
//! in any CommonMark viewer. The one markup kept is a code span written
//! with single backticks around text without backticks (`review_due`, as
//! findings quote field names): every other backtick, whatever the length
//! of its run, is backslashed, so no value can open a code span whose end
//! another viewer would find elsewhere.

use std::io::{self, Write};

/// Writes `input` escaped for markdown: tags and entities as entities;
/// `\ * _ [ ] # ~ ` |` backslashed; a list or heading marker at the start
/// backslashed; line breaks as spaces, so a value stays in its table cell.
pub fn escape(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let mut buf = [0u8; 4];
    // Only blanks so far, or blanks and digits: the value could still
    // read as a list item (`- x`, `1. x`) where a template starts a line
    // with it.
    let (mut blank, mut number) = (true, false);
    let mut i = 0;
    while let Some(&(at, c)) = chars.get(i) {
        if let Some(close) = code_span_end(&chars, i) {
            out.write_all(b"`")?;
            for &(_, c) in &chars[i + 1..close] {
                match c {
                    '|' => out.write_all(b"\\|")?,
                    '\n' | '\r' => out.write_all(b" ")?,
                    c => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
                }
            }
            out.write_all(b"`")?;
            (blank, number) = (false, false);
            i = close + 1;
            continue;
        }
        let piece: &[u8] = match c {
            '\n' | '\r' => b" ",
            '<' => b"&lt;",
            '>' => b"&gt;",
            '&' if starts_entity(&input[at + 1..]) => b"&amp;",
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '|' => {
                out.write_all(b"\\")?;
                c.encode_utf8(&mut buf).as_bytes()
            }
            '-' | '+' | '=' if blank => {
                out.write_all(b"\\")?;
                c.encode_utf8(&mut buf).as_bytes()
            }
            '.' | ')' if number => {
                out.write_all(b"\\")?;
                c.encode_utf8(&mut buf).as_bytes()
            }
            _ => c.encode_utf8(&mut buf).as_bytes(),
        };
        out.write_all(piece)?;
        number = ((blank || number) && c.is_ascii_digit()) || (number && c.is_whitespace());
        blank = blank && c.is_whitespace();
        i += 1;
    }
    Ok(())
}

/// `input` escaped for markdown, as a string.
pub fn escaped(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + 8);
    // Writing to a Vec cannot fail, and the escaper writes whole characters.
    let _ = escape(input, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the code span opened by the backtick at `open` ends: both its
/// backticks single (no backtick before or after), with text and no
/// backtick between. `None` when the backtick opens no such span.
fn code_span_end(chars: &[(usize, char)], open: usize) -> Option<usize> {
    let tick = |k: usize| chars.get(k).is_some_and(|c| c.1 == '`');
    let single = |k: usize| tick(k) && !(k > 0 && tick(k - 1)) && !tick(k + 1);
    if !single(open) {
        return None;
    }
    let close = open + 1 + chars[open + 1..].iter().position(|c| c.1 == '`')?;
    (close > open + 1 && single(close)).then_some(close)
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
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    #[test]
    fn values_stay_text() {
        assert_eq!(
            escaped("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escaped("a | b"), "a \\| b");
        assert_eq!(escaped("*bold* [link](x)"), "\\*bold\\* \\[link\\](x)");
        assert_eq!(escaped("`review_due` is past"), "`review_due` is past");
        assert_eq!(escaped("odd ` tick_x"), "odd \\` tick\\_x");
        assert_eq!(escaped("fish & chips &amp;"), "fish & chips &amp;amp;");
        assert_eq!(escaped("two\nlines"), "two lines");
        assert_eq!(escaped("- item"), "\\- item");
        assert_eq!(escaped("12. item 1."), "12\\. item 1.");
        assert_eq!(escaped("1-102345678 - 2"), "1-102345678 - 2");
    }

    #[test]
    fn backtick_runs_of_any_length_open_no_code_span() {
        assert_eq!(
            escaped("```<img src=x onerror=alert(1)>"),
            "\\`\\`\\`&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escaped("``a`b``"), "\\`\\`a\\`b\\`\\`");
        assert_eq!(escaped("`a` ``b``"), "`a` \\`\\`b\\`\\`");
    }

    /// The events of `value` escaped into the middle cell of a table row.
    fn in_table(value: &str) -> Vec<Event<'static>> {
        let doc = format!(
            "| a | b | c |\n| --- | --- | --- |\n| x | {} | y |\n",
            escaped(value)
        );
        Parser::new_ext(&doc, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
            .map(Event::into_static)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any string, escaped into a table cell, reads back as plain
        /// text (or code spans) in one cell of one row: no HTML, link,
        /// emphasis, heading or extra cell.
        #[test]
        fn any_value_stays_in_its_cell_as_text(
            value in "([`<>&|*_\\[\\]()#~!\\\\:\\-+=. \n]|[a-z0-9]{1,3}|javascript:|&amp;|&#60;|\\PC){0,24}"
        ) {
            let events = in_table(&value);
            let mut cells = 0;
            let mut text = String::new();
            let mut depth = 0;
            for e in &events {
                match e {
                    Event::Start(Tag::TableCell) => { cells += 1; depth = cells; }
                    Event::End(TagEnd::TableCell) => depth = 0,
                    Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow) => {}
                    Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow) => {}
                    Event::Text(t) | Event::Code(t) if depth == 5 => text.push_str(t),
                    Event::Text(_) | Event::Code(_) => {}
                    other => prop_assert!(false, "{value:?} gave {other:?}"),
                }
            }
            prop_assert_eq!(cells, 6);
            let words = |s: &str| s.replace('`', "").split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(words(&text), words(&value));
        }
    }
}
