//! A commit's id: the full hex id, and the short form people read in
//! logs and reports, cut in one place.

use std::fmt;

/// How many hex digits a short commit id has, as `git log --oneline`.
pub const SHORT_LEN: usize = 7;

/// A commit's full id (hex).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CommitId(String);

impl CommitId {
    /// The id written as `hex`.
    pub fn new(hex: impl Into<String>) -> CommitId {
        CommitId(hex.into())
    }

    /// The full id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first [`SHORT_LEN`] digits (the whole id if it is shorter).
    pub fn short(&self) -> &str {
        self.0.get(..SHORT_LEN).unwrap_or(&self.0)
    }
}

impl fmt::Display for CommitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for CommitId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_seven_digits_or_the_whole_id() {
        let id = CommitId::new("0123456789abcdef");
        assert_eq!(id.short(), "0123456");
        assert_eq!(id.as_str(), "0123456789abcdef");
        assert_eq!(CommitId::new("abc").short(), "abc");
    }
}
