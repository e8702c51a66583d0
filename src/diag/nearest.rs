//! "Did you mean …?": the nearest known word to a misspelt one, for field
//! names, enum values, rule codes and template names alike.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_ascii_lowercase().replace(['_', ' '], "-");
    candidates
        .into_iter()
        .map(|c| {
            let norm = c.to_ascii_lowercase().replace(['_', ' '], "-");
            (strsim::damerau_levenshtein(&word_lower, &norm), c)
        })
        .filter(|(d, c)| {
            let close = *d <= (c.len().max(word.len()) / 3).max(1);
            let lower = c.to_ascii_lowercase();
            let prefix = word_lower.len() >= 3
                && (lower.starts_with(&word_lower) || word_lower.starts_with(&lower));
            close || prefix
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_typos() {
        assert_eq!(
            nearest("serviceuser", ["service_user", "status"]),
            Some("service_user")
        );
        assert_eq!(
            nearest("service-user", ["service_user", "status"]),
            Some("service_user")
        );
        assert_eq!(nearest("staus", ["service_user", "status"]), Some("status"));
        assert_eq!(nearest("zzz", ["service_user", "status"]), None);
        assert_eq!(nearest("walking", ["walk", "car"]), Some("walk"));
    }
}
