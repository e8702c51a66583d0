//! Places: a position in a file, a file and a position, and another place
//! a finding refers to.

/// Where a node stands in its file: 1-based line and column, and byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
    /// Byte offset from the start of the file.
    pub offset: usize,
    /// Length in bytes of the node's text, when known (0 otherwise).
    pub len: usize,
}

/// A place in a file: the path relative to the repository root, and the
/// position there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Site {
    /// Path relative to the records repository root, with `/` separators.
    pub file: String,
    /// Line, column and byte span.
    pub pos: Pos,
}

/// Another place a finding refers to (the other copy of a duplicate id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub site: Site,
    /// What is there.
    pub message: String,
}
