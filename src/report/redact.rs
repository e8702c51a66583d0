//! `--redact`, for packs that leave the agency: names become initials, NHS
//! numbers are masked but for the last 3 digits, addresses and phone
//! numbers are dropped, and dates of birth become ages.
//!
//! Two layers. Report builders ask [`Privacy`] for each personal value, so
//! the view holds the redacted form. Then [`Scrubber`] goes over every
//! string of the finished view (free text, finding messages, the audit's
//! before and after values), replacing any name, street, postcode, date of
//! birth, reference or long number the records hold, or ever held in
//! their git history, in whatever form it is written (`bs3 1qr`,
//! `12 April 1936`, `(0117) 496-0000`). A leak needs both layers to miss.

use crate::audit::personal::Personal;
use crate::load::Repo;
use crate::model::values::NhsNumber;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

mod dates;
mod numbers;

use dates::{date_separator, dates_written};
use numbers::mask_numbers;

/// Titles kept as they are in initials: `Dr A Patel` → `Dr A. P.`.
const HONORIFICS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "rev", "nurse",
];

/// Street words that say nothing about where someone lives.
const STREET_WORDS: &[&str] = &[
    "road", "street", "avenue", "close", "drive", "lane", "park", "way", "court", "house", "flat",
    "place", "gardens", "terrace", "crescent", "hill", "grove", "walk", "view", "square", "row",
    "the", "and", "of", "upper", "lower", "north", "south", "east", "west", "green", "end", "rise",
    "mews", "vale", "wharf", "yard", "parade", "approach", "mount", "rd", "st", "ave", "cottages",
    "farm", "mill", "bridge", "church", "high", "new", "old",
];

/// The words of a name or text: letters and digits, with apostrophes
/// inside a word (`O'Donnell`).
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(at);
        } else if let Some(s0) = start.take() {
            out.push((s0, at));
        }
    }
    if let Some(s0) = start {
        out.push((s0, s.len()));
    }
    out
}

/// A word's initial with a full stop; titles stay as they are.
fn initial(word: &str) -> String {
    if HONORIFICS.contains(&word.to_lowercase().as_str()) {
        return word.to_owned();
    }
    match word.chars().next() {
        Some(c) => format!("{}.", c.to_uppercase()),
        None => String::new(),
    }
}

/// A name as initials: `Margaret Ellis` → `M. E.`.
pub fn initials(name: &str) -> String {
    let parts: Vec<String> = words(name)
        .into_iter()
        .map(|(a, b)| initial(&name[a..b]))
        .collect();
    parts.join(" ")
}

/// An NHS number with all but its last 3 digits masked: `XXX XXX X919`.
pub fn mask_nhs(n: &NhsNumber) -> String {
    let digits = n.digits();
    let tail = digits.get(digits.len().saturating_sub(3)..).unwrap_or("");
    format!("XXX XXX X{tail}")
}

/// How each personal value is shown: as recorded, or redacted.
#[derive(Debug, Clone, Copy)]
pub struct Privacy {
    /// Whether to redact.
    pub redact: bool,
}

impl Privacy {
    /// A person's name, or their initials.
    pub fn name(&self, name: &str) -> String {
        if self.redact {
            initials(name)
        } else {
            name.to_owned()
        }
    }

    /// An NHS number, or its masked form.
    pub fn nhs(&self, n: &NhsNumber) -> String {
        if self.redact {
            mask_nhs(n)
        } else {
            n.to_string()
        }
    }

    /// A value dropped when redacting (addresses, phones, access notes).
    pub fn keep(&self, value: Option<&str>) -> Option<String> {
        if self.redact {
            None
        } else {
            value.map(str::to_owned)
        }
    }

    /// A date of birth, dropped when redacting (the age stays).
    pub fn date_of_birth(&self, dob: NaiveDate) -> Option<String> {
        (!self.redact).then(|| super::text::date(dob))
    }
}

/// Replaces every personal value the records hold wherever it appears in
/// a finished view.
#[derive(Debug, Default)]
pub struct Scrubber {
    /// Lower-case name or street word → its initial.
    words: HashMap<String, String>,
    /// Postcodes, upper case without spaces (`BS31QR`).
    postcodes: HashSet<String>,
    /// Dates of birth.
    dates: HashSet<NaiveDate>,
    /// Numbers and references, lower case, by their first word (longest
    /// first): replaced wherever they occur, from the start of a word.
    literals: HashMap<String, Vec<String>>,
}

impl Scrubber {
    /// Collects the personal values of every record in `repo` (from its
    /// tree, so a record that fails its schema counts too), of `history`
    /// (every version the audit read), plus `extra_names` (such as commit
    /// authors).
    pub fn new(repo: &Repo, history: Option<&Personal>, extra_names: &[String]) -> Scrubber {
        let mut all = Personal::default();
        for entry in &repo.entries {
            all.add(entry.kind, &entry.tree.value);
        }
        if let Some(h) = history {
            all.extend(h);
        }
        let mut s = Scrubber::default();
        all.names.iter().for_each(|n| s.add_name(n));
        extra_names.iter().for_each(|n| s.add_name(n));
        all.streets.iter().for_each(|l| s.add_street(l));
        s.postcodes = all.postcodes.iter().map(|p| squash(p)).collect();
        // A date of birth as written, even one that is not `YYYY-MM-DD`
        // (check says so, quoting it).
        s.dates = all
            .dates
            .iter()
            .flat_map(|d| {
                let spans = words(d);
                let parts: Vec<&str> = spans.iter().map(|&(a, b)| &d[a..b]).collect();
                match parts.len() {
                    3 => dates_written(&parts),
                    _ => Vec::new(),
                }
            })
            .collect();
        for n in &all.numbers {
            // From its first letter or digit: `(0117) 496 0000` from `0117`.
            let lower = n.trim_start_matches(|c: char| !c.is_alphanumeric());
            let lower = lower.trim_end().to_ascii_lowercase();
            let Some(&(a, b)) = words(&lower).first() else {
                continue;
            };
            if lower.chars().count() >= 4 && a == 0 {
                s.literals
                    .entry(lower[a..b].to_owned())
                    .or_default()
                    .push(lower);
            }
        }
        // Longest first, so a number is not half replaced by a shorter one.
        for list in s.literals.values_mut() {
            list.sort_by_key(|l| std::cmp::Reverse(l.len()));
            list.dedup();
        }
        s
    }

    fn add_name(&mut self, name: &str) {
        for (a, b) in words(name) {
            let w = &name[a..b];
            let lower = w.to_lowercase();
            if w.chars().count() < 2 || HONORIFICS.contains(&lower.as_str()) {
                continue;
            }
            self.words.insert(lower, initial(w));
        }
    }

    fn add_street(&mut self, line: &str) {
        for (a, b) in words(line) {
            let w = &line[a..b];
            let lower = w.to_lowercase();
            let numeric = w.chars().any(|c| c.is_ascii_digit());
            if w.chars().count() < 3 || numeric || STREET_WORDS.contains(&lower.as_str()) {
                continue;
            }
            self.words.insert(lower, initial(w));
        }
    }

    /// Scrubs every string inside `value`.
    pub fn scrub(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Some(clean) = self.scrub_str(s) {
                    *s = clean;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.scrub(v)),
            // A status mark (level, symbol, text) is carebook's own words.
            Value::Object(map) if is_mark(map) => {}
            Value::Object(map) => map.values_mut().for_each(|v| self.scrub(v)),
            _ => {}
        }
    }

    /// The scrubbed text, or `None` when nothing needed replacing. First
    /// the records' numbers and references as written, then any long
    /// number, then one pass over the words: a postcode is one word or
    /// two, a date of birth three (`12/04/1936`, `12 April 1936`).
    pub fn scrub_str(&self, s: &str) -> Option<String> {
        let literal = self.replace_literals(s);
        let s1 = literal.as_deref().unwrap_or(s);
        let masked = mask_numbers(s1);
        let text = masked.as_deref().unwrap_or(s1);
        let spans = words(text);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let mut i = 0;
        while let Some(&(a, b)) = spans.get(i) {
            let mut replace = |end: usize, with: &str, out: &mut String| {
                out.push_str(&text[last..a]);
                out.push_str(with);
                last = end;
            };
            // A postcode is one word (`BS31QR`) or two split by spaces.
            let two = spans
                .get(i + 1)
                .filter(|(c, _)| text[b..*c].chars().all(char::is_whitespace))
                .map(|&(_, d)| d);
            let postcode = [Some(b), two]
                .into_iter()
                .flatten()
                .find(|end| self.postcodes.contains(&squash(&text[a..*end])));
            if let Some(end) = postcode {
                replace(end, "[postcode removed]", &mut out);
                i += if end == b { 1 } else { 2 };
                continue;
            }
            if let Some(end) = self.date_of_birth_at(text, &spans[i..]) {
                replace(end, "[date of birth removed]", &mut out);
                while spans.get(i).is_some_and(|(s0, _)| *s0 < last) {
                    i += 1;
                }
                continue;
            }
            if let Some(r) = self.replace_word(&text[a..b]) {
                replace(b, &r, &mut out);
            }
            i += 1;
        }
        out.push_str(&text[last..]);
        (out != s).then_some(out)
    }

    /// `s` with each of the records' numbers and references (any case)
    /// replaced, or `None` when it holds none.
    fn replace_literals(&self, s: &str) -> Option<String> {
        if self.literals.is_empty() {
            return None;
        }
        // ASCII lower-casing keeps byte offsets.
        let lower = s.to_ascii_lowercase();
        let mut out = String::new();
        let mut last = 0;
        for (a, b) in words(&lower) {
            let found = self
                .literals
                .get(&lower[a..b])
                .and_then(|list| list.iter().find(|l| lower[a..].starts_with(l.as_str())));
            if let Some(l) = found.filter(|_| a >= last) {
                out.push_str(&s[last..a]);
                out.push_str("[removed]");
                last = a + l.len();
            }
        }
        if last == 0 {
            return None;
        }
        out.push_str(&s[last..]);
        Some(out)
    }

    /// The end of a date of birth written as the words starting `spans`.
    fn date_of_birth_at(&self, text: &str, spans: &[(usize, usize)]) -> Option<usize> {
        if self.dates.is_empty() {
            return None;
        }
        let three = spans.get(..3)?;
        let close = three
            .windows(2)
            .all(|w| date_separator(&text[w[0].1..w[1].0]));
        if !close {
            return None;
        }
        let parts: Vec<&str> = three.iter().map(|&(a, b)| &text[a..b]).collect();
        dates_written(&parts)
            .into_iter()
            .any(|d| self.dates.contains(&d))
            .then_some(three[2].1)
    }

    fn replace_word(&self, w: &str) -> Option<String> {
        let lower = w.to_lowercase();
        if let Some(r) = self.words.get(&lower) {
            return Some(r.clone());
        }
        // A possessive: `Ellis's`, `Peggy's`.
        let stem = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))?;
        self.words.get(stem).map(|r| format!("{r}'s"))
    }
}

/// A postcode as compared: upper case, no spaces.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

fn is_mark(map: &serde_json::Map<String, Value>) -> bool {
    map.len() == 3
        && ["level", "symbol", "text"]
            .iter()
            .all(|k| map.contains_key(*k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_keep_titles() {
        assert_eq!(initials("Margaret Ellis"), "M. E.");
        assert_eq!(initials("Dr A Patel"), "Dr A. P.");
        assert_eq!(initials("Francis O'Donnell"), "F. O.");
        assert_eq!(initials("<script>alert(1)</script>"), "S. A. 1. S.");
    }

    #[test]
    fn nhs_masked_but_last_three() {
        let n = NhsNumber("999 156 1587".into());
        assert_eq!(mask_nhs(&n), "XXX XXX X587");
    }

    #[test]
    fn references_scrubbed_in_any_case() {
        let mut s = Scrubber::default();
        s.literals
            .insert("bcc".into(), vec!["bcc-asc-44120".into(), "bcc-asc".into()]);
        assert_eq!(
            s.scrub_str("ask the funder (reference BCC-asc-44120) now")
                .as_deref(),
            Some("ask the funder (reference [removed]) now")
        );
        assert_eq!(s.scrub_str("abcc-asc"), None, "from the start of a word");
    }

    #[test]
    fn scrubs_names_in_free_text() {
        let mut s = Scrubber::default();
        s.add_name("Margaret Ellis");
        s.add_name("Peggy");
        s.add_street("14 Raleigh Road");
        s.dates
            .insert(NaiveDate::from_ymd_opt(1936, 4, 12).expect("date"));
        s.postcodes.insert("BS31QR".into());
        let out = s
            .scrub_str("Peggy's daughter Susan Ellis; Raleigh Road BS3 1QR, born 1936-04-12")
            .unwrap_or_default();
        assert_eq!(
            out,
            "P.'s daughter Susan E.; R. Road [postcode removed], born [date of birth removed]"
        );
        assert_eq!(s.scrub_str("nothing personal here"), None);
    }

    /// A scrubber that knows a little of everything it looks for.
    fn loaded() -> Scrubber {
        let mut s = Scrubber::default();
        s.add_name("Margaret Ellis");
        s.add_street("14 Raleigh Road");
        s.dates
            .insert(NaiveDate::from_ymd_opt(1936, 4, 12).expect("date"));
        s.postcodes.insert("BS31QR".into());
        s.literals
            .insert("bcc".into(), vec!["bcc-asc-44120".into()]);
        s
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any text, multi-byte letters, digits and dashes included, is
        /// scrubbed without a panic, and what is kept stays valid text.
        #[test]
        fn any_text_is_scrubbed_without_a_panic(
            text in "(?s)[0-9 ()/.,:\\-–—\u{a0}a-zA-ZİıßÉé😀 ]{0,80}(Margaret|Ellis|BS3 1QR|12 April 1936|bcc-asc-44120|999 156 1587)?[0-9 ()/.,\\-–—a-zA-ZİıßÉé😀]{0,40}"
        ) {
            let s = loaded();
            if let Some(out) = s.scrub_str(&text) {
                proptest::prop_assert!(!out.contains("Margaret"));
            }
        }
    }
}
