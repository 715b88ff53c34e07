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

/// Longest stretch of a line counted for one lookup. Lines shorter than this
/// are counted from their start (most lines of a page); longer lines get
/// checkpoints this far apart, so a lookup on a 100 MB single-line file
/// still counts at most this many bytes.
const CHECKPOINT: usize = 512;

/// Line starts and code-point counts of one text, built in one pass.
///
/// A lookup finds the line (the last line looked up first: records come in
/// text order), then counts code points from the line start, or from the
/// nearest checkpoint in a long line, or not at all when the line is ASCII.
/// `base_*` fields let a piece of a larger file (a streaming unit) report
/// positions relative to the whole file.
#[derive(Clone, Debug)]
pub struct OffsetIndex {
    /// Byte offset of each line start, plus the text length at the end.
    line_starts: Vec<usize>,
    /// Code points before each entry of `line_starts`.
    line_chars: Vec<usize>,
    /// `(byte, chars before byte)` every `CHECKPOINT` bytes inside lines
    /// longer than that, in order; bytes on char boundaries.
    checkpoints: Vec<(usize, usize)>,
    /// The last lookup: `(line, byte, code points before byte)`. Records
    /// come in text order, so the next lookup is usually on the same line
    /// a little further on, and only the bytes in between are counted.
    cursor: std::cell::Cell<(usize, usize, usize)>,
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
        let mut line_starts = Vec::with_capacity(bytes.len() / 48 + 2);
        let mut line_chars = Vec::with_capacity(bytes.len() / 48 + 2);
        let mut checkpoints = Vec::new();
        let mut chars = 0usize;
        let mut at = 0usize;
        let ends = memchr::memchr_iter(b'\n', bytes).map(|i| i + 1).chain(std::iter::once(bytes.len()));
        for end in ends {
            line_starts.push(at);
            line_chars.push(chars);
            if end - at > CHECKPOINT {
                // A long line: checkpoints inside it bound each lookup's count.
                let mut cp = at;
                while cp < end {
                    checkpoints.push((cp, chars));
                    let mut next = (cp + CHECKPOINT).min(end);
                    while !text.is_char_boundary(next) {
                        next += 1;
                    }
                    chars += text[cp..next].chars().count();
                    cp = next;
                }
            } else {
                chars += text[at..end].chars().count();
            }
            at = end;
        }
        // The sentinel: the text's end, after the last line.
        line_starts.push(bytes.len());
        line_chars.push(chars);
        OffsetIndex {
            line_starts,
            line_chars,
            checkpoints,
            cursor: std::cell::Cell::new((0, 0, 0)),
            base_line,
            base_chars,
        }
    }

    /// Number of lines (a final line without `\n` counts).
    pub fn lines(&self) -> usize {
        // Every entry but the sentinel starts a line; an empty text has one.
        (self.line_starts.len() - 1).max(1)
    }

    /// Code points in the whole indexed text.
    pub fn total_chars(&self) -> usize {
        self.line_chars.last().copied().unwrap_or(0)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.lines() - 1)]
    }

    /// Code points before byte `offset` of `text` (the text this index was built from),
    /// plus the base.
    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        let offset = floor_boundary(text, offset.min(text.len()));
        self.base_chars + self.local_chars(text, self.line_of(offset), offset)
    }

    /// The 0-based line holding byte `offset` (at most the last line).
    fn line_of(&self, offset: usize) -> usize {
        let last = self.lines() - 1;
        let c = self.cursor.get().0.min(last);
        if self.line_starts[c] <= offset && offset < self.line_starts[c + 1] {
            return c;
        }
        match self.line_starts[..=last].binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Code points before `offset` (a char boundary on `line`).
    fn local_chars(&self, text: &str, line: usize, offset: usize) -> usize {
        let (ls, le) = (self.line_starts[line], self.line_starts[line + 1]);
        let (lc, lce) = (self.line_chars[line], self.line_chars[line + 1]);
        if lce - lc == le - ls {
            let n = lc + (offset - ls); // an ASCII line
            self.cursor.set((line, offset, n));
            return n;
        }
        let (cl, cb, cc) = self.cursor.get();
        let (at, chars) = if cl == line && cb <= offset && offset - cb <= CHECKPOINT {
            (cb, cc)
        } else if offset - ls <= CHECKPOINT {
            (ls, lc)
        } else {
            let i = self.checkpoints.partition_point(|c| c.0 <= offset);
            self.checkpoints.get(i.wrapping_sub(1)).copied().filter(|c| c.0 >= ls).unwrap_or((ls, lc))
        };
        let n = chars + text[at..offset].chars().count();
        self.cursor.set((line, offset, n));
        n
    }

    /// Line, column and code-point offset of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let chars = self.local_chars(text, line, offset);
        Position {
            line: self.base_line + line + 1,
            column: chars - self.line_chars[line] + 1,
            char_offset: self.base_chars + chars,
        }
    }
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

    #[test]
    fn lookups_in_any_order_agree_with_a_naive_count() {
        // ASCII lines, lines with non-ASCII, and a line long enough for
        // checkpoints; lookups jump back and forth as records do.
        let long = "Троцкий “x” ".repeat(200);
        let text = format!("plain line\nč “Stalin” — z\n{long}\n\nend");
        let idx = OffsetIndex::with_base(&text, 3, 11);
        let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let n = offsets.len();
        for k in 0..n * 3 {
            let b = offsets[(k * 7919) % n];
            let want = text[..b].chars().count();
            assert_eq!(idx.char_offset(&text, b), 11 + want, "byte {b}");
            let p = idx.position(&text, b);
            let line_start = text[..b].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(p.line, 3 + 1 + text[..b].matches('\n').count(), "byte {b}");
            assert_eq!(p.column, text[line_start..b].chars().count() + 1, "byte {b}");
        }
    }
}
