//! Writing iCalendar text (RFC 5545) by hand: content lines folded at 75
//! octets, TEXT values escaped, CRLF line ends, and the Europe/London time
//! zone. The `icalendar` crate reads what this writes (the tests parse every
//! calendar with it), but its writer has no VTIMEZONE, stamps new events
//! with the current time and leaves a carriage return in a name unescaped;
//! a rota's calendar should be the same bytes every time it is exported.

/// Most octets on a line, line break excluded (RFC 5545 section 3.1).
const LINE_OCTETS: usize = 75;

/// The time zone every visit is in.
pub const TZID: &str = "Europe/London";

/// Europe/London since 1996: BST from 01:00 UTC on the last Sunday of
/// March, GMT from 01:00 UTC on the last Sunday of October. DTSTART is in
/// local time before the change (01:00 GMT, 02:00 BST).
pub const VTIMEZONE_LONDON: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "X-LIC-LOCATION:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Escapes a TEXT value: backslash, semicolon and comma get a backslash,
/// a line break (CRLF, LF or CR) becomes `\n`, and other control
/// characters, which TEXT may not hold, are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: no physical line longer than 75 octets, each
/// continuation starting with a space, never splitting a UTF-8 character.
/// Lines end in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// An iCalendar document being written.
#[derive(Debug, Default, Clone)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty document.
    pub fn new() -> Self {
        Writer::default()
    }

    /// A line whose value is written as given (dates, codes, `BEGIN:`).
    pub fn raw(&mut self, name: &str, value: &str) -> &mut Self {
        self.out.push_str(&fold(&format!("{name}:{value}")));
        self
    }

    /// A line with a TEXT value, escaped.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Self {
        self.raw(name, &escape_text(value))
    }

    /// Whole lines, such as [`VTIMEZONE_LONDON`].
    pub fn lines(&mut self, lines: &[&str]) -> &mut Self {
        for line in lines {
            self.out.push_str(&fold(line));
        }
        self
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_four_specials_and_line_breaks() {
        assert_eq!(
            escape_text("O'Neil, Pat; \"Paddy\" \\ 1\r\n2\n3\r4"),
            "O'Neil\\, Pat\\; \"Paddy\" \\\\ 1\\n2\\n3\\n4"
        );
        assert_eq!(escape_text("bell\u{7}tab\t"), "belltab\t");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        let long = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&long);
        assert!(folded.ends_with("\r\n"));
        let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 2);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, long);
        assert_eq!(fold("SHORT:1"), "SHORT:1\r\n");
        assert_eq!(fold(&"x".repeat(75)).len(), 77);
    }
}
