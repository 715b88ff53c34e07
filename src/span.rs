//! Byte spans and the index that turns byte offsets into lines, columns and
//! Unicode code-point offsets.
//!
//! Every stage reports positions as byte offsets ([`Span`]), the cheapest unit
//! for Rust. Python tools index strings by code point, and people read
//! `file:line:column`; [`OffsetIndex`] answers both without rescanning the text
//! from the start for every span, which would make output quadratic on a
//! 100 MB single-line file.

use serde::Serialize;
use std::ops::Range;

/// A half-open byte range `[start, end)`. Plain data: cheap to copy, never tied
/// to a string, so it can outlive the text it was found in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span moved `by` bytes to the right.
    pub const fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The span as a range, for slicing.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Where a byte offset sits for a human or a Python consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode code points (as rustc does).
    pub column: usize,
    /// 0-based code-point offset from the start of the text.
    pub char_offset: usize,
}

/// Distance between code-point checkpoints. A located span costs three
/// lookups (start, its line start, end), each a scan back to a checkpoint:
/// at 4 KiB that scanning was 6% of `opis extract`; 512 bytes bounds it to
/// 512 bytes per lookup for a table of about 3% of the text.
const CHECKPOINT: usize = 512;

/// Line starts and code-point checkpoints of one text, built in one pass.
///
/// `base_*` fields let a piece of a larger file (a streaming unit) report
/// positions relative to the whole file.
#[derive(Clone, Debug)]
pub struct OffsetIndex {
    line_starts: Vec<usize>,
    /// Code points before each line start: a column is then one short count.
    line_chars: Vec<usize>,
    /// The last `(byte, chars)` answered: records come in text order, so
    /// most lookups count only the few bytes since the previous one.
    cursor: std::cell::Cell<(usize, usize)>,
    /// `(byte, chars before byte)`, byte always on a char boundary.
    checkpoints: Vec<(usize, usize)>,
    base_line: usize,
    base_chars: usize,
}

impl OffsetIndex {
    /// Index `text`, which starts the file (line 1, code point 0).
    pub fn new(text: &str) -> OffsetIndex {
        OffsetIndex::with_base(text, 0, 0)
    }

    /// Index `text`, which starts at 0-based line `base_line` of its file,
    /// after `base_chars` code points.
    pub fn with_base(text: &str, base_line: usize, base_chars: usize) -> OffsetIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0usize;
        let mut at = 0usize;
        while at < bytes.len() {
            checkpoints.push((at, chars));
            let mut next = (at + CHECKPOINT).min(bytes.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += count_chars(&bytes[at..next]);
            at = next;
        }
        checkpoints.push((bytes.len(), chars));
        let mut index = OffsetIndex {
            line_starts,
            line_chars: Vec::new(),
            cursor: std::cell::Cell::new((0, 0)),
            checkpoints,
            base_line,
            base_chars,
        };
        // Each line's count starts near where the last one ended (the cursor).
        let mut line_chars = Vec::with_capacity(index.line_starts.len());
        for &ls in &index.line_starts {
            line_chars.push(index.local_chars(text, ls));
        }
        index.line_chars = line_chars;
        index
    }

    /// Number of lines (a final line without `\n` counts).
    pub fn lines(&self) -> usize {
        self.line_starts.len()
    }

    /// Code points in the whole indexed text.
    pub fn total_chars(&self) -> usize {
        self.checkpoints.last().map_or(0, |c| c.1)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    /// Code points before byte `offset` of `text` (the text this index was built from),
    /// plus the base.
    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        self.base_chars + self.local_chars(text, offset)
    }

    fn local_chars(&self, text: &str, offset: usize) -> usize {
        let offset = floor_boundary(text, offset.min(text.len()));
        let (cb, cc) = self.cursor.get();
        let (at, chars) = if cb <= offset && offset - cb <= CHECKPOINT {
            (cb, cc)
        } else {
            let i = match self.checkpoints.binary_search_by_key(&offset, |c| c.0) {
                Ok(i) => i,
                Err(i) => i - 1,
            };
            self.checkpoints[i]
        };
        let n = chars + count_chars(&text.as_bytes()[at..offset]);
        self.cursor.set((offset, n));
        n
    }

    /// Line, column and code-point offset of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let chars = self.local_chars(text, offset);
        let line_chars = self.line_chars[line];
        Position {
            line: self.base_line + line + 1,
            column: chars - line_chars + 1,
            char_offset: self.base_chars + chars,
        }
    }
}

/// Code points in UTF-8 bytes: every byte that is not a continuation byte.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points() {
        let text = "ab\nč“x”\n\nz";
        let idx = OffsetIndex::new(text);
        assert_eq!(idx.lines(), 4);
        let p = idx.position(text, text.find('x').unwrap());
        assert_eq!((p.line, p.column, p.char_offset), (2, 3, 5));
        let p = idx.position(text, text.len());
        assert_eq!((p.line, p.column), (4, 2));
        assert_eq!(idx.total_chars(), text.chars().count());
    }

    #[test]
    fn checkpoints_agree_with_a_naive_count() {
        let text: String = "Дзержинский — F. E. Dzerzhinsky\n".repeat(500);
        let idx = OffsetIndex::with_base(&text, 10, 7);
        for (b, _) in text.char_indices().step_by(97) {
            assert_eq!(idx.char_offset(&text, b), 7 + text[..b].chars().count());
        }
        assert_eq!(idx.position(&text, 0).line, 11);
    }
}
