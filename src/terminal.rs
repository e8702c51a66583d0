//! Text from records made safe to print on a terminal: control characters
//! (C0, DEL, C1, and so escape sequences) and bidirectional overrides
//! (which can make a line read other than it is) are shown as escapes
//! (`\u{1b}`, `\n`, `\u{202e}`), never sent as they are.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is. Tabs may.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// `s` with every unsafe character written as an escape; borrowed when
/// there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_as_escapes() {
        assert_eq!(escape("plain – café\tok"), "plain – café\tok");
        assert_eq!(escape("a\u{1b}[31mred\u{7}"), "a\\u{1b}[31mred\\u{7}");
        assert_eq!(
            escape("x\ny\r\u{7f}\u{85}\u{9b}"),
            "x\\ny\\r\\u{7f}\\u{85}\\u{9b}"
        );
        assert_eq!(
            escape("\u{202e}gnp.exe\u{2066}"),
            "\\u{202e}gnp.exe\\u{2066}"
        );
    }
}
