//! `--redact`, for packs that leave the agency: names become initials, NHS
//! numbers are masked but for the last 3 digits, addresses and phone
//! numbers are dropped, and dates of birth become ages.
//!
//! Two layers. Report builders ask [`Privacy`] for each personal value, so
//! the view holds the redacted form. Then [`Scrubber`] goes over every
//! string of the finished view (free text, finding messages, the audit's
//! before and after values), replacing any name, street, postcode, date of
//! birth or long number the records hold. A leak needs both layers to miss.

use crate::load::Repo;
use crate::model::Record;
use crate::model::values::NhsNumber;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

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
    /// Postcodes (upper case, as written).
    postcodes: HashSet<String>,
    /// Dates of birth, `YYYY-MM-DD`.
    dates: HashSet<String>,
}

impl Scrubber {
    /// Collects the personal values of every record in `repo`, plus
    /// `extra_names` (such as commit authors).
    pub fn new(repo: &Repo, extra_names: &[String]) -> Scrubber {
        let mut s = Scrubber::default();
        for entry in &repo.entries {
            match &entry.record {
                Some(Record::ServiceUser(u)) => {
                    s.add_name(&u.name);
                    if let Some(p) = &u.preferred_name {
                        s.add_name(p);
                    }
                    if let Some(gp) = &u.gp {
                        s.add_name(&gp.name);
                    }
                    for c in &u.contacts {
                        s.add_name(&c.name);
                    }
                    s.add_street(&u.address.line1);
                    if let Some(l2) = &u.address.line2 {
                        s.add_street(l2);
                    }
                    s.postcodes.insert(u.address.postcode.0.clone());
                    s.dates.insert(u.date_of_birth.to_string());
                }
                Some(Record::Carer(c)) => {
                    s.add_name(&c.name);
                    if let Some(p) = &c.home.postcode {
                        s.postcodes.insert(p.0.clone());
                    }
                }
                Some(Record::CarePlan(p)) => {
                    if let Some(a) = p.consent.as_ref().and_then(|c| c.attorney.as_ref()) {
                        s.add_name(a);
                    }
                }
                _ => {}
            }
        }
        for n in extra_names {
            s.add_name(n);
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

    /// The scrubbed text, or `None` when nothing needed replacing. One
    /// pass over the words: a postcode is a word, a space and a word; a
    /// date of birth starts with a four-digit word.
    pub fn scrub_str(&self, s: &str) -> Option<String> {
        let masked = mask_numbers(s);
        let text = masked.as_deref().unwrap_or(s);
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
            let pair = spans
                .get(i + 1)
                .filter(|(c, _)| text.get(b..*c) == Some(" "))
                .and_then(|&(_, d)| text.get(a..d));
            if let Some(code) = pair.filter(|p| self.postcodes.contains(*p)) {
                replace(a + code.len(), "[postcode removed]", &mut out);
                i += 2;
                continue;
            }
            let date = text.get(a..a + 10).filter(|_| b - a == 4);
            if let Some(d) = date.filter(|d| self.dates.contains(*d)) {
                replace(a + d.len(), "[date of birth removed]", &mut out);
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

fn is_mark(map: &serde_json::Map<String, Value>) -> bool {
    map.len() == 3
        && ["level", "symbol", "text"]
            .iter()
            .all(|k| map.contains_key(*k))
}

/// Masks runs of 9 or more digits (NHS, phone, certificate numbers),
/// whether written together or in groups split by single spaces.
fn mask_numbers(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    let mut changed = false;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // A run: digits, with single spaces between groups of digits.
        let (start, mut j, mut digits, mut end) = (i, i, 0, i);
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
            } else if bytes[j] == b' ' && j + 1 < bytes.len() && bytes[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        if digits >= 9 {
            out.push_str(&s[last..start]);
            out.push_str("[number removed]");
            last = end;
            changed = true;
        }
        i = end.max(i + 1);
    }
    out.push_str(&s[last..]);
    changed.then_some(out)
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
    fn numbers_masked() {
        assert_eq!(
            mask_numbers("call 0117 496 0101 or 07700900123 on 2026-11-23").as_deref(),
            Some("call [number removed] or [number removed] on 2026-11-23")
        );
        assert_eq!(mask_numbers("visits at 07:30 and 12:00"), None);
    }

    #[test]
    fn scrubs_names_in_free_text() {
        let mut s = Scrubber::default();
        s.add_name("Margaret Ellis");
        s.add_name("Peggy");
        s.add_street("14 Raleigh Road");
        s.dates.insert("1936-04-12".into());
        s.postcodes.insert("BS3 1QR".into());
        let out = s
            .scrub_str("Peggy's daughter Susan Ellis; Raleigh Road BS3 1QR, born 1936-04-12")
            .unwrap_or_default();
        assert_eq!(
            out,
            "P.'s daughter Susan E.; R. Road [postcode removed], born [date of birth removed]"
        );
        assert_eq!(s.scrub_str("nothing personal here"), None);
    }
}
