//! A better message for the commonest YAML syntax error in hand-edited
//! records: a tab in the indent.

use super::node::Pos;
use super::parse::ParseFailure;
use crate::diag::Code;

/// A syntax error in a file with a tab in a line's indent: YAML indents
/// with spaces only, which the parser's own message does not say.
pub(super) fn tab_indent(text: &str, f: ParseFailure) -> ParseFailure {
    if f.code != Code::YamlSyntax {
        return f;
    }
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(col) = indent.find('\t') {
            return ParseFailure {
                code: Code::YamlSyntax,
                message: format!(
                    "line {} is indented with a tab; YAML indents with spaces only",
                    n + 1
                ),
                pos: Some(Pos {
                    line: u32::try_from(n + 1).unwrap_or(u32::MAX),
                    column: u32::try_from(col + 1).unwrap_or(u32::MAX),
                    offset: offset + col,
                    len: 1,
                }),
                help: Some(
                    "replace the tab with spaces (most editors can insert spaces when Tab is pressed)"
                        .into(),
                ),
            };
        }
        offset += line.len();
    }
    f
}
