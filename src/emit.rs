//! Stage 7, **emit**: records and their JSON Lines form.
//!
//! Every record is one JSON object on one line with a `"type"`, the schema
//! version `"v"`, and where it is: `"file"`, `"start"`/`"end"` (byte offsets
//! into the file), `"line"`/`"column"` (1-based; column in code points) and
//! `"char_start"`/`"char_end"` (code-point offsets, what Python's `str`
//! slicing uses). The schema is documented in `docs/schema.md`; fields are
//! only ever added within a version.
//!
//! Records are plain serializable values; sinks write them. No stage prints.

use crate::span::{OffsetIndex, Span};
use serde::Serialize;
use std::io::{self, Write};

/// The version of the record schema (`"v"` in every record).
pub const SCHEMA_VERSION: u32 = 1;

/// Where a record is in its file.
///
/// `Copy`: the file name is borrowed from the caller of
/// [`crate::pipeline::Extractor::page`], so a location costs no allocation
/// and no reference count (an `Arc<str>` clone per record was measurable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location<'a> {
    /// The input's path as given (or `-` for standard input).
    pub file: &'a str,
    /// First byte, in the file.
    pub start: usize,
    /// One past the last byte, in the file.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in code points.
    pub column: usize,
    /// Code-point offset of `start`.
    pub char_start: usize,
    /// Code-point offset of `end`.
    pub char_end: usize,
}

/// Turns spans of one text into [`Location`]s.
///
/// `text` may be a piece of a larger file (a streaming unit); `base` is
/// the byte offset of the piece in the file, and the index was built with
/// the piece's base line and code-point offset.
#[derive(Debug)]
pub struct Locator<'a> {
    file: &'a str,
    text: &'a str,
    base: usize,
    index: OffsetIndex,
}

impl<'a> Locator<'a> {
    /// A locator for `text`, which starts at byte `base`, 0-based line
    /// `base_line` and code point `base_chars` of `file`.
    pub fn new(file: &'a str, text: &'a str, base: usize, base_line: usize, base_chars: usize) -> Self {
        Locator { file, text, base, index: OffsetIndex::with_base(text, base_line, base_chars) }
    }

    /// Byte offset of the text in its file.
    pub fn base(&self) -> usize {
        self.base
    }

    /// The file name.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The text (the source, not the reading view).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Location of a span of the text.
    pub fn locate(&self, span: Span) -> Location<'a> {
        let p = self.index.position(self.text, span.start);
        let char_end = if span.is_empty() { p.char_offset } else { self.index.char_offset(self.text, span.end) };
        Location {
            file: self.file,
            start: self.base + span.start,
            end: self.base + span.end,
            line: p.line,
            column: p.column,
            char_start: p.char_offset,
            char_end,
        }
    }

    /// Code-point offsets of a span's start and end: what [`Locator::locate`]
    /// gives as `char_start`/`char_end`, without the line lookup (mentions
    /// inside document records carry no line).
    pub fn chars(&self, span: Span) -> (usize, usize) {
        let start = self.index.char_offset(self.text, span.start);
        let end = if span.is_empty() { start } else { self.index.char_offset(self.text, span.end) };
        (start, end)
    }

    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Line count of the text.
    pub fn lines(&self) -> usize {
        self.index.lines()
    }

    /// Code points in the text.
    pub fn total_chars(&self) -> usize {
        self.index.total_chars()
    }
}

/// A span of text with its file offsets, used inside larger records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TextSpan<'a> {
    /// The source text of the span (as written, brackets and all), borrowed
    /// from the text given to the [`Locator`].
    pub text: &'a str,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte in the file.
    pub end: usize,
}

impl<'a> TextSpan<'a> {
    /// The text span of a source span.
    pub fn new(loc: &Locator<'a>, span: Span) -> TextSpan<'a> {
        TextSpan { text: loc.slice(span), start: loc.base + span.start, end: loc.base + span.end }
    }
}

/// Writes records as JSON Lines.
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    /// A sink writing to `out` (wrap it in a `BufWriter`).
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }

    /// Writes one record and its newline.
    pub fn write<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, record).map_err(io::Error::other)?;
        self.out.write_all(b"\n")
    }

    /// Flushes and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_columns_and_code_points() {
        let text = "No. 1\n“Stalin” wrote";
        let loc = Locator::new("f.txt", text, 100, 9, 50);
        let s = text.find("Stalin").unwrap();
        let l = loc.locate(Span::new(s, s + 6));
        assert_eq!((l.start, l.line, l.column, l.char_start, l.char_end), (100 + s, 11, 2, 57, 63));
    }
}
