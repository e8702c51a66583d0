//! Writing records as YAML text: a line-by-line builder, and scalars that
//! read back as the strings, times and numbers they were meant to be.

/// A record's text, line by line, after a comment.
pub struct Yaml(String);

impl Yaml {
    /// A record that starts with the comment line `# {comment}`.
    pub fn new(comment: &str) -> Yaml {
        Yaml(format!("# {comment}\n"))
    }
    /// Adds `text` (one or more lines) and a newline.
    pub fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }
    /// The text.
    pub fn finish(self) -> String {
        self.0
    }
}

/// A block scalar as written: plain when YAML reads it back as the same
/// string, quoted otherwise.
pub fn plain(s: &str) -> String {
    let special = ["true", "false", "yes", "no", "on", "off", "null", "~"];
    let needs_quotes = s.is_empty()
        || !s.starts_with(|c: char| c.is_alphanumeric())
        || s.ends_with(' ')
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || special.contains(&s.to_ascii_lowercase().as_str())
        || s.parse::<f64>().is_ok();
    if needs_quotes { quote(s) } else { s.to_owned() }
}

/// A scalar inside a flow mapping or list: plain unless it holds a flow
/// indicator, a quote or something YAML would read as another type.
pub fn flow(s: &str) -> String {
    let p = plain(s);
    if p.starts_with('"') || s.contains([',', '[', ']', '{', '}']) {
        quote(s)
    } else {
        p
    }
}

/// A double-quoted scalar.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `HH:MM` of minutes since midnight.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A number of hours with at most two decimals, no trailing zeros.
pub fn number(x: f64) -> String {
    let s = format!("{:.2}", (x * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
