//! Small pieces of wording shared by the printers of every command.

/// `n word`, with an `s` unless one: `1 error`, `3 warnings`.
pub fn plural(n: usize, word: &str) -> String {
    count(n, word, &format!("{word}s"))
}

/// `n` of a thing whose plural is not just an `s`: `1 person`, `3 people`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `n days`, or `1 day`, for a signed count of days.
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// The end of a summary line: `no problems found` or `1 error, 2 warnings`.
pub fn verdict(errors: usize, warnings: usize) -> String {
    if errors == 0 && warnings == 0 {
        "no problems found".to_owned()
    } else {
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "warning"), "0 warnings");
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(count(2, "person", "people"), "2 people");
        assert_eq!(verdict(0, 0), "no problems found");
        assert_eq!(verdict(1, 2), "1 error, 2 warnings");
    }
}
