//! Long numbers (NHS, phone, certificate numbers) found in any text,
//! however their digit groups are split, and masked.

/// Characters that may split the digit groups of a phone or NHS number:
/// `0117 496-0000`, `(0117) 496 0000`, `0117 – 496 0000`.
fn number_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '–' | '—' | '(' | ')' | '\u{a0}')
}

/// The length of a date written in digits at the start of `s`
/// (`2026-11-23`, `23/11/2026`): never part of a long number.
fn digit_date_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let group = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let g1 = group(0);
    let sep = *b.get(g1)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let g2 = group(g1 + 1);
    if *b.get(g1 + 1 + g2)? != sep {
        return None;
    }
    let g3 = group(g1 + g2 + 2);
    let short = |g: usize| (1..=2).contains(&g);
    let date = (g1 == 4 && short(g2) && short(g3)) || (short(g1) && short(g2) && g3 == 4);
    date.then_some(g1 + g2 + g3 + 2)
}

/// From `start` (a digit or an opening bracket), the end of a run of digit
/// groups split by up to 3 separator characters, and its digit count.
fn number_run(s: &str, start: usize) -> (usize, usize) {
    let mut j = start + usize::from(s[start..].starts_with('('));
    let (mut end, mut digits) = (j, 0);
    loop {
        let group = s[j..].bytes().take_while(u8::is_ascii_digit).count();
        digits += group;
        j += group;
        end = end.max(j);
        let gap: Vec<char> = s[j..]
            .chars()
            .take_while(|c| number_separator(*c))
            .take(4)
            .collect();
        let next = j + gap.iter().map(|c| c.len_utf8()).sum::<usize>();
        let goes_on = !gap.is_empty()
            && gap.len() <= 3
            && s[next..].starts_with(|c: char| c.is_ascii_digit())
            && digit_date_len(&s[next..]).is_none();
        if !goes_on {
            return (end, digits);
        }
        j = next;
    }
}

/// Masks runs of 9 or more digits (NHS, phone, certificate numbers),
/// whether written together or in groups split by spaces, dashes or
/// brackets. Dates written in digits are left alone.
pub(super) fn mask_numbers(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let (mut i, mut last) = (0, 0);
    while let Some(c) = s[i..].chars().next() {
        let after_digit = s[..i].ends_with(|p: char| p.is_ascii_digit());
        let opens = c == '(' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit());
        if !(c.is_ascii_digit() && !after_digit || opens) {
            i += c.len_utf8();
            continue;
        }
        if let Some(n) = digit_date_len(&s[i..]) {
            i += n;
            continue;
        }
        let (end, digits) = number_run(s, i);
        if digits >= 9 {
            out.push_str(&s[last..i]);
            out.push_str("[number removed]");
            last = end;
        }
        i = end.max(i + c.len_utf8());
    }
    if last == 0 {
        return None;
    }
    out.push_str(&s[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_masked() {
        assert_eq!(
            mask_numbers("call 0117 496 0101 or 07700900123 on 2026-11-23").as_deref(),
            Some("call [number removed] or [number removed] on 2026-11-23")
        );
        assert_eq!(
            mask_numbers("(0117) 496-0000, 0117 – 496 0000, 999-156-1587").as_deref(),
            Some("[number removed], [number removed], [number removed]")
        );
        assert_eq!(mask_numbers("visits at 07:30 and 12:00"), None);
        assert_eq!(mask_numbers("from 2026-11-23 – 2026-11-30"), None);
        assert_eq!(mask_numbers("23/11/2026 - 30/11/2026, 24 - 25 - 26"), None);
    }
}
