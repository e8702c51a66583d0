//! The few lines of a file around a finding, as miette reads them: cut
//! out of the file once per finding (from line starts computed once per
//! file), so a file with thousands of findings is not scanned for each;
//! long lines clipped around the span, so a finding past column 65,535
//! shows like any other; control characters shown as escapes.

use crate::terminal;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Characters kept either side of a span on a long line.
const CLIP: usize = 60;
/// Lines shown before and after the finding's line.
const CONTEXT: usize = 1;

/// A file's text and where each of its lines starts.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text` (once per file).
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// Line `n` (0-based), without its line break.
    fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n)?;
        let end = self.starts.get(n + 1).map_or(self.text.len(), |e| e - 1);
        let line = &self.text[start..end.max(start)];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The lines around a finding, with the span in their coordinates.
pub struct Snippet {
    name: String,
    text: String,
    /// The file's line number (0-based) of the snippet's first line.
    first_line: usize,
    /// The finding's line (0-based, in the file).
    line: usize,
    /// The finding's column (0-based, in characters).
    column: usize,
}

impl Snippet {
    /// The snippet of `name` for a finding at `line` and `column` (both
    /// 1-based, the column in characters) spanning `len` bytes, and the
    /// span in the snippet. `None` when the file has no such line.
    pub fn new(
        name: &str,
        lines: &Lines<'_>,
        line: u32,
        column: u32,
        len: usize,
    ) -> Option<(Snippet, SourceSpan)> {
        let at = usize::try_from(line).ok()?.checked_sub(1)?;
        let text_line = lines.line(at)?;
        let first_line = at.saturating_sub(CONTEXT);
        let mut text = String::new();
        for n in first_line..at {
            push_clipped(&mut text, lines.line(n).unwrap_or(""));
            text.push('\n');
        }
        // The finding's line: up to CLIP characters either side of the span.
        let chars: Vec<(usize, char)> = text_line.char_indices().collect();
        let col = (column.max(1) as usize - 1).min(chars.len());
        let byte = |i: usize| chars.get(i).map_or(text_line.len(), |c| c.0);
        let span_chars = text_line[byte(col)..]
            .char_indices()
            .take_while(|(i, _)| *i < len)
            .count()
            .clamp(usize::from(col < chars.len()), CLIP);
        let from = col.saturating_sub(CLIP);
        let to = (col + span_chars + CLIP).min(chars.len());
        if from > 0 {
            text.push('…');
        }
        text.push_str(&terminal::escape(&text_line[byte(from)..byte(col)]));
        let start = text.len();
        text.push_str(&terminal::escape(
            &text_line[byte(col)..byte(col + span_chars)],
        ));
        let span = SourceSpan::new(start.into(), text.len() - start);
        text.push_str(&terminal::escape(
            &text_line[byte(col + span_chars)..byte(to)],
        ));
        if to < chars.len() {
            text.push('…');
        }
        for n in at + 1..=at + CONTEXT {
            match lines.line(n) {
                Some(l) => {
                    text.push('\n');
                    push_clipped(&mut text, l);
                }
                None => break,
            }
        }
        let snippet = Snippet {
            name: terminal::escape(name).into_owned(),
            text,
            first_line,
            line: at,
            column: col,
        };
        Some((snippet, span))
    }
}

/// A context line, clipped to its first 2 × CLIP characters.
fn push_clipped(out: &mut String, line: &str) {
    match line.char_indices().nth(2 * CLIP) {
        Some((cut, _)) => {
            out.push_str(&terminal::escape(&line[..cut]));
            out.push('…');
        }
        None => out.push_str(&terminal::escape(line)),
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let line = inner.line() + self.first_line;
        // The header's column (`file:line:column`) is the file's.
        let column = if before == 0 && after == 0 && line == self.line {
            self.column
        } else {
            inner.column()
        };
        let contents = MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )
        .with_language("yaml");
        Ok(Box::new(contents))
    }
}
