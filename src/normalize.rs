//! Stage 2, **normalize**: a reading view of the text, aligned to the source.
//!
//! The pages are typed, translated and converted by several hands, and much of
//! what they contain defeats matching: `"3/VІІІ"` with Cyrillic `І`,
//! `"F[runze]"` with the editors' brackets inside a name, `"Trotsky3"` with a
//! footnote number glued on. This stage builds a **reading view** in which
//! such things read as a person reads them, and an **alignment** that maps
//! every span of the view back to exact source offsets, in the manner of the
//! `tokenizers` crate's `NormalizedString`.
//!
//! What the view changes:
//!
//! | source | view | why |
//! |---|---|---|
//! | U+FEFF (BOM), U+200B, U+00AD, `\r` before `\n` | removed | invisible; would split words |
//! | U+00A0 and other odd spaces | `' '` | word boundaries |
//! | `“ ” „ « »` / `‘ ’` | `"` / `'` | one quote each for the grammar |
//! | `‐ ‑ ‒ – — ― −` | `-` | `" - "` and `" — "` are the same separator |
//! | `…` | `...` | |
//! | Cyrillic look-alikes in a Latin word (`VІІІ`) | Latin (`VIII`) | and Latin look-alikes in a Cyrillic word |
//! | text not in NFC | NFC | one spelling per letter |
//! | `F[runze]`, `[19]23`, `[omi]siya`, `[August 1924]` | `Frunze`, `1923`, `omisiya`, `August 1924` | editorial brackets read through; the bracketed part is recorded as [`Supplied`] |
//! | `faction1,` `Trotsky3` `4I am glad` `I 3should` | `faction,` `Trotsky` `I am glad` `I should` | footnote markers glued to words, recorded as [`Marker`]s |
//!
//! Footnote numbers set apart by spaces (`"Dzerzhinsky 1 ."`) cannot be told
//! from numbers in the text (`"platform 46."`) without knowing the document's
//! notes, so the view keeps them and records them as *candidate* markers; the
//! segment stage confirms them against the notes.
//!
//! The alignment is sparse: one [`Edit`] per changed stretch, none for the
//! text in between, so a page of mostly plain English costs a few hundred
//! entries, not a table per byte.

use crate::span::Span;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// What an edit did, for readers of the alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// An invisible character or a `\r` was dropped.
    Invisible,
    /// An odd space became `' '`.
    Space,
    /// A typographic quote became ASCII.
    Quote,
    /// A dash became `-`.
    Dash,
    /// A look-alike letter of the other script was replaced.
    Homoglyph,
    /// Text was put in Unicode NFC.
    Nfc,
    /// Editorial brackets were read through.
    Bracket,
    /// A glued footnote marker was set aside.
    Marker,
    /// Other typographic replacement (ellipsis).
    Typography,
}

/// One changed stretch: `source` bytes of the source read as `view` bytes of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Bytes in the view.
    pub view: Span,
    /// Bytes in the source.
    pub source: Span,
    /// What was done.
    pub kind: EditKind,
}

/// Text the editors supplied in square brackets, in view coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Supplied {
    /// The supplied letters in the view (without the brackets).
    pub view: Span,
    /// The bracketed text in the source, brackets included.
    pub source: Span,
}

/// How a footnote marker is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkerShape {
    /// Glued to a word or to punctuation (`Trotsky3`, `revolution,2`,
    /// `4I am`): certainly a marker, removed from the view.
    Glued,
    /// A number set apart by spaces (`Dzerzhinsky 1 .`): a candidate, kept
    /// in the view, confirmed or rejected by the segment stage.
    Apart,
    /// An asterisk after a word (`Trotsky*`, `faction *`).
    Asterisk,
}

/// A footnote marker or marker candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// The digits (or asterisk) in the source.
    pub source: Span,
    /// Where the marker sits in the view (for glued markers, the empty place
    /// it was removed from; for others, the digits themselves).
    pub view: Span,
    /// The note number, `None` for an asterisk.
    pub n: Option<u32>,
    /// How it is written.
    pub shape: MarkerShape,
    /// For candidates: followed by punctuation or the end of the line, the
    /// typical place of a footnote number, rather than by a word.
    pub strong: bool,
}

/// The reading view of one text, with its alignment to the source.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    view: String,
    edits: Vec<Edit>,
    supplied: Vec<Supplied>,
    markers: Vec<Marker>,
    /// The edit index of the last offset mapped. Spans are mapped in text
    /// order (every mention, segment and record), so the next lookup is
    /// almost always at the same index or the one after: two comparisons
    /// instead of a binary search over thousands of edits per unit.
    hint: std::cell::Cell<usize>,
    /// The same for `supplied`, asked once per piece of text in order.
    supplied_hint: std::cell::Cell<usize>,
}

/// `items.partition_point(before)`, tried first at the last result (`hint`)
/// and the one after it.
fn seek<T>(items: &[T], hint: &std::cell::Cell<usize>, before: impl Fn(&T) -> bool) -> usize {
    let at = |i: usize| items.get(i).is_none_or(|x| !before(x));
    let h = hint.get();
    let i = if h <= items.len() && (h == 0 || before(&items[h - 1])) && at(h) {
        h
    } else if h < items.len() && before(&items[h]) && at(h + 1) {
        h + 1
    } else {
        items.partition_point(before)
    };
    hint.set(i);
    i
}

/// Brackets whose content is longer than this are not editorial insertions
/// but prose in brackets (or damage); 80 bytes covers the longest supplied
/// words and short phrases seen in the collection ("[of the Central
/// Committee]") and keeps the look-ahead for a closing bracket bounded, so 10^6
/// unbalanced `[` cost linear time.
const MAX_BRACKET: usize = 80;

/// Footnotes in one document of the collection run to a few dozen; a number
/// of more than two digits glued to a word is something else.
const MAX_GLUED_DIGITS: usize = 2;

/// A set-apart number of more than three digits is never a footnote marker.
const MAX_APART_DIGITS: usize = 3;

impl Normalized {
    /// Build the reading view of `source`.
    pub fn new(source: &str) -> Normalized {
        Builder::new(source).run()
    }

    /// The reading view.
    pub fn view(&self) -> &str {
        &self.view
    }

    /// The changed stretches, in order.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Editorial insertions, in order.
    pub fn supplied(&self) -> &[Supplied] {
        &self.supplied
    }

    /// Footnote markers and candidates, in order.
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    /// Source offset for a span starting at view offset `p`. A start inside a
    /// changed stretch snaps to the stretch's start; a start at a removed
    /// marker lands after it.
    pub fn start_to_source(&self, p: usize) -> usize {
        let i = seek(&self.edits, &self.hint, |e| e.view.start <= p);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => p,
            Some(e) if p < e.view.end => e.source.start,
            Some(e) => e.source.end + (p - e.view.end),
        }
    }

    /// Source offset for a span ending at view offset `p`. An end inside a
    /// changed stretch snaps to the stretch's end; an end just before a
    /// removed marker stays before it.
    pub fn end_to_source(&self, p: usize) -> usize {
        let i = seek(&self.edits, &self.hint, |e| e.view.start < p);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => p,
            Some(e) if p <= e.view.end => e.source.end,
            Some(e) => e.source.end + (p - e.view.end),
        }
    }

    /// The source span of a view span. Empty view spans map to an empty
    /// source span at the start position.
    pub fn to_source(&self, view: Span) -> Span {
        let start = self.start_to_source(view.start);
        if view.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.end_to_source(view.end).max(start))
    }

    /// View offset of source offset `s` (the inverse of [`Self::start_to_source`]);
    /// a source offset inside a changed stretch maps to the stretch's view start.
    pub fn source_to_view(&self, s: usize) -> usize {
        let i = self.edits.partition_point(|e| e.source.start <= s);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => s,
            Some(e) if s < e.source.end => e.view.start,
            Some(e) => e.view.end + (s - e.source.end),
        }
    }

    /// True when some of the view span was supplied by the editors.
    pub fn is_supplied(&self, view: Span) -> bool {
        let i = self.supplied.partition_point(|s| s.view.end <= view.start);
        self.supplied.get(i).is_some_and(|s| s.view.start < view.end)
    }

    /// The supplied stretches that overlap a view span.
    pub fn supplied_in(&self, view: Span) -> &[Supplied] {
        let a = seek(&self.supplied, &self.supplied_hint, |s| s.view.end <= view.start);
        // Supplied stretches do not overlap: the ones from `a` on that start
        // before the span's end are few, usually none.
        let b = a + self.supplied[a..].iter().take_while(|s| s.view.start < view.end).count();
        &self.supplied[a..b]
    }

    /// The markers whose view position lies in a view span.
    pub fn markers_in(&self, view: Span) -> &[Marker] {
        let a = self.markers.partition_point(|m| m.view.start < view.start);
        let b = self.markers.partition_point(|m| m.view.start < view.end);
        &self.markers[a..b.max(a)]
    }
}

/// Bytes the fast path stops at: non-ASCII, `[`, digits, `*`, `\r`.
const fn interesting_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = true;
        d += 1;
    }
    t[b'[' as usize] = true;
    t[b'*' as usize] = true;
    t[b'\r' as usize] = true;
    t
}
static INTERESTING: [bool; 256] = interesting_table();

/// The [`INTERESTING`] test as arithmetic, which the compiler can apply to
/// many bytes at once (a table lookup it cannot); a test checks the two
/// agree on every byte.
#[inline(always)]
const fn is_interesting(b: u8) -> bool {
    b >= 0x80 || b.wrapping_sub(b'0') < 10 || b == b'[' || b == b'*' || b == b'\r'
}

/// Bytes looked at per step of the fast scan.
const BLOCK: usize = 32;

/// The first [`INTERESTING`] byte at or after `i` (or `bytes.len()`).
///
/// Plain prose is most of a page, and the byte-at-a-time table loop was
/// most of this stage's time. A block of 32 bytes is tested whole, with no
/// branch per byte, so the test compiles to a few vector compares and one
/// branch per block (it was eight bytes at a time with word tricks, five
/// times the instructions); a block that has an interesting byte is looked
/// at byte by byte, so the answer is the table's.
fn next_interesting(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + BLOCK) {
        let Ok(block) = <&[u8; BLOCK]>::try_from(chunk) else {
            break;
        };
        // `|` over the block, not `any`: no early exit, so no branch per byte.
        if block.iter().fold(false, |acc, &b| acc | is_interesting(b)) {
            break;
        }
        i += BLOCK;
    }
    while let Some(&b) = bytes.get(i) {
        if INTERESTING[b as usize] {
            return i;
        }
        i += 1;
    }
    i
}

struct Builder<'a> {
    src: &'a str,
    bytes: &'a [u8],
    out: Normalized,
    /// Source offset copied up to.
    at: usize,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        Builder {
            src,
            bytes: src.as_bytes(),
            out: Normalized { view: String::with_capacity(src.len()), ..Normalized::default() },
            at: 0,
        }
    }

    fn run(mut self) -> Normalized {
        let n = self.bytes.len();
        let bytes = self.bytes;
        let mut i = 0;
        loop {
            // Fast path: plain ASCII prose is copied in bulk at the next stop.
            i = next_interesting(bytes, i);
            if i >= n {
                break;
            }
            i = self.special(i);
        }
        self.copy_to(n);
        self.out
    }

    /// Copies unchanged source up to `to`.
    fn copy_to(&mut self, to: usize) {
        if to > self.at {
            self.out.view.push_str(&self.src[self.at..to]);
            self.at = to;
        }
    }

    /// Replaces source `[from, to)` (from >= self.at) by `with`.
    fn replace(&mut self, from: usize, to: usize, with: &str, kind: EditKind) {
        self.copy_to(from);
        let v = self.out.view.len();
        self.out.view.push_str(with);
        self.push_edit(Edit { view: Span::new(v, v + with.len()), source: Span::new(from, to), kind });
        self.at = to;
    }

    fn push_edit(&mut self, e: Edit) {
        // Adjacent edits of one kind merge: a run of five NBSPs is one edit.
        // Not after an edit that produced a newline (a lone `\r`): segment
        // boundaries map a view newline to the source end of its edit, and
        // a merged edit would carry the next line's removed bytes with it.
        let ends_line =
            |l: &Edit| l.view.end > l.view.start && self.out.view.as_bytes().get(l.view.end - 1) == Some(&b'\n');
        if let Some(last) = self.out.edits.last_mut() {
            if last.kind == e.kind
                && last.view.end == e.view.start
                && last.source.end == e.source.start
                && !ends_line(last)
            {
                last.view.end = e.view.end;
                last.source.end = e.source.end;
                return;
            }
        }
        self.out.edits.push(e);
    }

    /// Handles the interesting byte at `i`; returns where scanning resumes.
    fn special(&mut self, i: usize) -> usize {
        let b = self.bytes[i];
        match b {
            b'\r' => {
                let with = if self.bytes.get(i + 1) == Some(&b'\n') { "" } else { "\n" };
                self.replace(i, i + 1, with, EditKind::Invisible);
                i + 1
            }
            b'[' => self.bracket(i),
            b'*' => {
                self.asterisk(i);
                i + 1
            }
            b'0'..=b'9' => self.digits(i),
            _ => self.non_ascii(i),
        }
    }

    fn non_ascii(&mut self, i: usize) -> usize {
        let Some(c) = self.src[i..].chars().next() else {
            return i + 1;
        };
        let len = c.len_utf8();
        let simple: Option<(&str, EditKind)> = match c {
            '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{00AD}' => Some(("", EditKind::Invisible)),
            '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some((" ", EditKind::Space))
            }
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some(("'", EditKind::Quote)),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => {
                Some(("\"", EditKind::Quote))
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => Some(("-", EditKind::Dash)),
            '\u{2026}' => Some(("...", EditKind::Typography)),
            _ => None,
        };
        if let Some((with, kind)) = simple {
            self.replace(i, i + len, with, kind);
            return i + len;
        }
        if c.is_alphabetic() && (to_latin(c).is_some() || to_cyrillic_lookalike_script(c)) {
            return self.mixed_word(i);
        }
        if canonical_combining_class(c) != 0
            || unicode_normalization::is_nfc_quick(std::iter::once(c)) != unicode_normalization::IsNormalized::Yes
        {
            return self.nfc(i);
        }
        i + len
    }

    /// Puts the combining sequence around `i` into NFC.
    fn nfc(&mut self, i: usize) -> usize {
        // The sequence starts at the preceding starter if it was copied
        // unchanged (an edit there means it is already settled).
        // Only a combining mark reaches back to its starter: a starter that
        // is not NFC itself ("שׁ" U+FB2A, a composition exclusion) is its own
        // sequence. A newline is never taken in: it composes with nothing,
        // and an edit spanning it would move a line boundary.
        let mut start = i;
        let combining = self.src[i..].chars().next().is_some_and(|c| canonical_combining_class(c) != 0);
        if let Some(prev) = self.src[..i].chars().next_back().filter(|&c| combining && c != '\n') {
            let p = i - prev.len_utf8();
            let last_edit_end = self.out.edits.last().map_or(0, |e| e.source.end);
            if canonical_combining_class(prev) == 0 && p >= last_edit_end {
                start = p;
            }
        }
        let mut end = i + self.src[i..].chars().next().map_or(1, char::len_utf8);
        for c in self.src[end..].chars() {
            if canonical_combining_class(c) == 0 {
                break;
            }
            end += c.len_utf8();
        }
        let piece = &self.src[start..end];
        let nfc: String = piece.nfc().collect();
        if nfc == piece {
            return end;
        }
        if start < self.at {
            // The starter was already copied: take it back.
            self.out.view.truncate(self.out.view.len() - (self.at - start));
            self.at = start;
        }
        self.replace(start, end, &nfc, EditKind::Nfc);
        end
    }

    /// A word with letters that have look-alikes in the other script.
    fn mixed_word(&mut self, i: usize) -> usize {
        let (ws, we) = word_bounds(self.src, i);
        let word = &self.src[ws..we];
        let mut latin_only = false; // a Latin letter with no Cyrillic twin
        let mut cyrillic_only = false;
        for c in word.chars() {
            if c.is_ascii_alphabetic() {
                if to_cyrillic(c).is_none() {
                    latin_only = true;
                }
            } else if is_cyrillic(c) && to_latin(c).is_none() {
                cyrillic_only = true;
            }
        }
        let has_latin = word.chars().any(|c| c.is_ascii_alphabetic());
        let has_cyrillic = word.chars().any(is_cyrillic);
        let roman_context = !has_latin
            && word.chars().all(|c| matches!(to_latin(c), Some('I' | 'V' | 'X' | 'L' | 'C' | 'M')))
            && ws > 0
            && matches!(self.bytes[ws - 1], b'/' | b'.')
            && ws >= 2
            && self.bytes[ws - 2].is_ascii_alphanumeric();
        // Decide the word's script: the one with letters that have no twin.
        let target_latin = if latin_only && !cyrillic_only { has_cyrillic } else { roman_context };
        let target_cyrillic = cyrillic_only && !latin_only && has_latin;
        // The word's start was copied by the fast path; take it back to
        // recheck it, unless an earlier edit already settled part of it.
        let last_edit_end = self.out.edits.last().map_or(0, |e| e.source.end);
        let from = if ws < i && ws >= last_edit_end && ws >= self.at.min(ws) {
            if self.at > ws {
                self.out.view.truncate(self.out.view.len() - (self.at - ws));
                self.at = ws;
            }
            ws
        } else {
            i
        };
        let mut p = i;
        for (off, c) in self.src[from..we].char_indices() {
            let at = from + off;
            let mapped = if target_latin && is_cyrillic(c) {
                to_latin(c)
            } else if target_cyrillic && c.is_ascii_alphabetic() {
                to_cyrillic(c)
            } else {
                None
            };
            if let Some(m) = mapped {
                let mut buf = [0u8; 4];
                self.replace(at, at + c.len_utf8(), m.encode_utf8(&mut buf), EditKind::Homoglyph);
            }
            p = at + c.len_utf8();
        }
        p.max(i + 1)
    }

    fn asterisk(&mut self, i: usize) {
        // "Trotsky*." and "faction *," — after a word, before punctuation,
        // space or the end of the line.
        let prev = prev_non_space(self.bytes, i);
        let next = self.bytes.get(i + 1).copied();
        let after_word = prev.is_some_and(|(_, b)| b.is_ascii_alphabetic() || b >= 0x80 || b == b')');
        let before_end = next.is_none_or(|b| matches!(b, b' ' | b'\n' | b'\r' | b'.' | b',' | b';' | b':' | b')'));
        if after_word && before_end {
            let v = self.view_pos_of(i);
            self.out.markers.push(Marker {
                source: Span::new(i, i + 1),
                view: Span::new(v, v + 1),
                n: None,
                shape: MarkerShape::Asterisk,
                strong: true,
            });
        }
    }

    /// View offset that source offset `s >= self.at` will have.
    fn view_pos_of(&self, s: usize) -> usize {
        self.out.view.len() + (s - self.at)
    }

    fn digits(&mut self, i: usize) -> usize {
        let mut j = i;
        while j < self.bytes.len() && self.bytes[j].is_ascii_digit() {
            j += 1;
        }
        let ndig = j - i;
        let prev = if i > 0 { Some(self.bytes[i - 1]) } else { None };
        let next = self.bytes.get(j).copied();
        let value: u32 = self.src[i..j].parse().unwrap_or(0);
        if value == 0 || self.bytes[i] == b'0' {
            return j;
        }

        // Glued after a word or punctuation: "faction1," "revolution,2" "Moscow4 ."
        if ndig <= MAX_GLUED_DIGITS
            && next.is_none_or(|b| !(b.is_ascii_alphanumeric() || b >= 0x80 || b == b'/' || b == b'['))
            && !(matches!(next, Some(b'.' | b',' | b'-')) && self.bytes.get(j + 1).is_some_and(u8::is_ascii_digit))
            && glued_after(self.src, i)
        {
            self.remove_marker(i, j, value);
            return j;
        }

        // Glued before a word: "4I am glad", "I 3should", "4Myasnikov".
        if ndig <= MAX_GLUED_DIGITS
            && prev.is_none_or(|b| matches!(b, b' ' | b'\n' | b'\t' | b'.' | b'(' | b'"'))
            && glued_before(self.src, j)
        {
            self.remove_marker(i, j, value);
            return j;
        }

        // Before an opening parenthesis behind a word: "Luch 3(I found".
        if ndig <= MAX_GLUED_DIGITS
            && next == Some(b'(')
            && prev == Some(b' ')
            && self.src[..i - 1].chars().next_back().is_some_and(char::is_alphabetic)
        {
            self.remove_marker(i, j, value);
            return j;
        }

        // Set apart: "Dzerzhinsky 1 ." "Moscow 2 and" "STO? 3" — a candidate.
        if ndig <= MAX_APART_DIGITS && prev == Some(b' ') {
            if let Some(strong) = apart_candidate(self.src, i, j) {
                let v = self.view_pos_of(i);
                self.out.markers.push(Marker {
                    source: Span::new(i, j),
                    view: Span::new(v, v + ndig),
                    n: Some(value),
                    shape: MarkerShape::Apart,
                    strong,
                });
            }
        }
        j
    }

    fn remove_marker(&mut self, i: usize, j: usize, value: u32) {
        self.copy_to(i);
        let v = self.out.view.len();
        self.out.markers.push(Marker {
            source: Span::new(i, j),
            view: Span::new(v, v),
            n: Some(value),
            shape: MarkerShape::Glued,
            strong: true,
        });
        self.replace(i, j, "", EditKind::Marker);
    }

    /// Editorial brackets at `i` (a `[`).
    fn bracket(&mut self, i: usize) -> usize {
        let Some(close) = closing_bracket(self.bytes, i) else {
            return i + 1;
        };
        let inner = &self.src[i + 1..close];
        if inner.is_empty() || inner.chars().all(|c| c == '.' || c == '…' || c == ' ') {
            return close + 1; // "[...]": an omission, kept as written
        }
        // The word the brackets sit in: letters and digits glued on either side,
        // and further glued bracket groups ("K[alini]nu", "[19]23").
        // Only text copied unchanged can be taken back into the word.
        let last_edit_end = self.out.edits.last().map_or(0, |e| e.source.end);
        let mut start = i;
        while start > last_edit_end {
            match self.src[..start].chars().next_back() {
                Some(c) if c.is_alphanumeric() => start -= c.len_utf8(),
                _ => break,
            }
        }
        let mut end = close + 1;
        let mut groups = vec![(i, close)];
        while let Some(c) = self.src[end..].chars().next() {
            if c.is_alphanumeric() {
                end += c.len_utf8();
            } else if c == '[' {
                match closing_bracket(self.bytes, end) {
                    Some(cl) if !self.src[end + 1..cl].contains(' ') => {
                        groups.push((end, cl));
                        end = cl + 1;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        // Build the reading and note which view bytes were supplied.
        if start < self.at {
            self.out.view.truncate(self.out.view.len() - (self.at - start));
            self.at = start;
        }
        self.copy_to(start);
        let v0 = self.out.view.len();
        let mut reading = String::with_capacity(end - start);
        let mut cursor = start;
        for &(open, cl) in &groups {
            reading.push_str(&self.src[cursor..open]);
            let sv = v0 + reading.len();
            reading.push_str(&self.src[open + 1..cl]);
            self.out
                .supplied
                .push(Supplied { view: Span::new(sv, v0 + reading.len()), source: Span::new(open, cl + 1) });
            cursor = cl + 1;
        }
        reading.push_str(&self.src[cursor..end]);
        self.replace(start, end, &reading, EditKind::Bracket);
        end
    }
}

/// The `]` closing the `[` at `open`, on the same line, within
/// [`MAX_BRACKET`] bytes, with no `[` in between.
fn closing_bracket(bytes: &[u8], open: usize) -> Option<usize> {
    let limit = (open + 1 + MAX_BRACKET).min(bytes.len());
    for (k, &b) in bytes[open + 1..limit].iter().enumerate() {
        match b {
            b']' => return Some(open + 1 + k),
            b'[' | b'\n' | b'\r' => return None,
            _ => {}
        }
    }
    None
}

/// Bounds of the run of letters around byte `i`.
fn word_bounds(src: &str, i: usize) -> (usize, usize) {
    let mut s = i;
    for c in src[..i].chars().rev() {
        if !c.is_alphabetic() {
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = i;
    for c in src[i..].chars() {
        if !c.is_alphabetic() {
            break;
        }
        e += c.len_utf8();
    }
    (s, e)
}

/// The last non-space byte before `i`, looking back a few bytes only so that
/// a long run of spaces is not rescanned for every asterisk.
fn prev_non_space(bytes: &[u8], i: usize) -> Option<(usize, u8)> {
    let from = i.saturating_sub(4);
    bytes[from..i].iter().enumerate().rev().find(|(_, &b)| b != b' ').map(|(k, &b)| (from + k, b))
}

/// Letter words that follow a number without making it a marker: ordinals,
/// units and the verso and suffix letters of archival folio and opis numbers.
/// A `match` rather than a slice search: each arm compares against a
/// constant of known length, where `contains` called memcmp for every entry
/// of the same length (most of the memcmp time of this stage).
fn is_number_suffix(word: &str) -> bool {
    matches!(
        word,
        "st" | "nd"
            | "rd"
            | "th"
            | "s"
            | "ob"
            | "v"
            | "r"
            | "a"
            | "b"
            | "c"
            | "d"
            | "h"
            | "m"
            | "k"
            | "g"
            | "mm"
            | "cm"
            | "km"
            | "kg"
            | "th."
            | "S"
            | "ob."
            | "bis"
            | "x"
    )
}

/// Is the number starting at `i` glued to the end of a word or punctuation?
fn glued_after(src: &str, i: usize) -> bool {
    let Some(prev) = src[..i].chars().next_back() else {
        return false;
    };
    if prev.is_alphabetic() {
        let (ws, _) = word_bounds(src, i - prev.len_utf8());
        let word = &src[ws..i];
        let letters = word.chars().count();
        // A word of two letters or more, not an all-caps acronym of up to
        // three letters ("G7", "T34"), not after a hyphen ("R-5674" is a fond).
        let acronym = letters <= 3 && word.chars().all(|c| c.is_uppercase());
        let hyphenated = ws > 0 && src.as_bytes()[ws - 1] == b'-';
        return letters >= 2 && !acronym && !hyphenated;
    }
    match prev {
        ',' | ';' | ':' | '!' | '?' | '"' | '\u{201D}' | ')' => {
            // After punctuation that follows a word: "revolution,2" "words”3".
            let before = &src[..i - prev.len_utf8()];
            before.chars().next_back().is_some_and(|c| c.is_alphabetic() || c == '"' || c == ')')
        }
        '.' => {
            // After a full stop only behind a lowercase word of three letters
            // or more: "end.2" but not "No.2", "Op.1", "S.129".
            let before = &src[..i - 1];
            let (ws, we) = match before.chars().next_back() {
                Some(c) if c.is_alphabetic() => word_bounds(src, i - 1 - c.len_utf8()),
                _ => return false,
            };
            let word = &src[ws..we];
            word.chars().count() >= 3 && word.chars().all(|c| c.is_lowercase())
        }
        _ => false,
    }
}

/// Is the number ending at `j` glued to the start of a word that cannot be
/// its suffix? ("4I am", "3should", "2On", "4Myasnikov" — not "10th", "3s", "2ob.")
fn glued_before(src: &str, j: usize) -> bool {
    let (_, we) = match src[j..].chars().next() {
        Some(c) if c.is_alphabetic() => word_bounds(src, j),
        _ => return false,
    };
    let word = &src[j..we];
    if is_number_suffix(word) {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let rest_lower = word.chars().skip(1).any(|c| c.is_lowercase());
    let after = src[we..].chars().next();
    if first.is_uppercase() {
        // "4I am glad" / "4A new" or a capitalised word.
        (word.len() == 1 && matches!(first, 'I' | 'A') && after == Some(' ')) || (rest_lower && word.len() >= 2)
    } else {
        word.chars().count() >= 3 && word.chars().all(|c| c.is_lowercase())
    }
}

/// Words before a number that make it a reference, not a marker (labels
/// such as "No." and "Op." are covered by [`is_reference_label`]).
/// A `match`, as [`is_number_suffix`].
fn is_number_lead(word: &str) -> bool {
    matches!(
        word,
        "no."
            | "No"
            | "N"
            | "p."
            | "pp."
            | "l."
            | "ll."
            | "vol."
            | "vols."
            | "art."
            | "page"
            | "pages"
            | "document"
            | "documents"
            | "note"
            | "notes"
            | "paragraph"
            | "paragraphs"
            | "point"
            | "points"
            | "item"
            | "items"
            | "issue"
            | "number"
            | "Number"
            | "platform"
            | "Section"
            | "section"
            | "chapter"
            | "Chapter"
            | "and"
            | "or"
            | "to"
            | "from"
            | "of"
            | "-"
            | "by"
            | "with"
            | "for"
            | "about"
            | "over"
            | "under"
            | "at"
            | "in"
            | "on"
            | "On"
            | "In"
            | "At"
            | "Op"
            | "f."
            | "op."
            | "d."
            | "l"
            | "ob."
            | "vols"
            | "No.,"
    )
}

/// "F." "Op." "On." "Ф." "Оп.": a capital, at most two lowercase letters and a
/// full stop — the labels of archival references, never followed by a marker.
fn is_reference_label(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let mut chars = stem.chars();
    chars.next().is_some_and(char::is_uppercase) && stem.chars().count() <= 3 && chars.all(char::is_lowercase)
}

/// Lowercase words after a set-apart number that a footnote number can stand
/// before ("Dzerzhinsky 1 and the decision", "Working Group 3 was revealed").
/// Quantities ("7 days", "3 million") are followed by nouns, not these.
/// A `match`, as [`is_number_suffix`].
fn is_marker_follower(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "but"
            | "was"
            | "were"
            | "is"
            | "are"
            | "which"
            | "who"
            | "that"
            | "with"
            | "as"
            | "when"
            | "where"
            | "while"
            | "then"
            | "should"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
    )
}

/// Is the set-apart number `[i, j)` a marker candidate? `Some(strong)`.
fn apart_candidate(src: &str, i: usize, j: usize) -> Option<bool> {
    let bytes = src.as_bytes();
    // What stands before: a word, a closing bracket or punctuation, not a
    // reference word, a number or a hyphen of a range.
    let before = src[..i - 1].trim_end_matches(' ');
    let lead = before.rsplit([' ', '\n', '\t', '(']).next().unwrap_or("");
    // A number after a month name is a day ("January 1, 1913").
    let month = crate::dates::month_from_name(lead.trim_end_matches('.')).is_some();
    if lead.is_empty() || is_number_lead(lead) || is_reference_label(lead) || month {
        return None;
    }
    let last = lead.chars().next_back()?;
    if !(last.is_alphabetic() || matches!(last, '.' | ',' | ')' | '"' | '\'' | '?' | '!' | ']' | ';' | ':')) {
        return None;
    }
    if lead.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None; // "1 1/2", "24/1 23"
    }
    // What follows.
    let rest = &src[j..];
    let trimmed = rest.trim_start_matches(' ');
    let spaces = rest.len() - trimmed.len();
    match trimmed.chars().next() {
        None | Some('\n') | Some('\r') => Some(true),
        Some(c @ ('.' | ',' | ';' | ':' | '!' | '?')) => {
            // Punctuation that ends the clause, not a decimal ("40.6"), a
            // thousands group ("1,000") or a dotted date ("1.XI.1923").
            let after = trimmed[c.len_utf8()..].chars().next();
            after.is_none_or(|a| a.is_whitespace() || matches!(a, '"' | '\'' | ')' | '\u{201D}')).then_some(true)
        }
        Some(_) if spaces == 0 => None,
        Some(c) if c.is_lowercase() => {
            let word: &str = trimmed.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            is_marker_follower(word).then_some(false)
        }
        Some('(') if bytes.get(j) == Some(&b' ') => Some(false),
        _ => None,
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

fn to_cyrillic_lookalike_script(c: char) -> bool {
    is_cyrillic(c)
}

/// The Latin twin of a Cyrillic letter, for letters that look the same.
fn to_latin(c: char) -> Option<char> {
    Some(match c {
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        _ => return None,
    })
}

/// The Cyrillic twin of a Latin letter, for letters that look the same.
fn to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'I' => 'І',
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'y' => 'у',
        'x' => 'х',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(s: &str) -> String {
        Normalized::new(s).view().to_owned()
    }

    /// Every view span maps to a source span; check a few by text.
    fn source_of<'a>(src: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let v = n.view().find(needle).expect("needle in view");
        &src[n.to_source(Span::new(v, v + needle.len())).range()]
    }

    #[test]
    fn cyrillic_i_in_roman_numeral_month() {
        let src = "Today, 3/VІІІ, at the meeting";
        let n = Normalized::new(src);
        assert_eq!(n.view(), "Today, 3/VIII, at the meeting");
        assert_eq!(source_of(src, &n, "3/VIII"), "3/VІІІ");
        assert_eq!(source_of(src, &n, "at the"), "at the");
    }

    #[test]
    fn all_cyrillic_roman_numeral_after_a_slash() {
        assert_eq!(view("3/ХІ-23"), "3/XI-23");
        // A Cyrillic word stays Cyrillic.
        assert_eq!(view("РГАСПИ. Ф. 558. Оп. 1"), "РГАСПИ. Ф. 558. Оп. 1");
    }

    #[test]
    fn latin_lookalikes_inside_a_cyrillic_word() {
        // Latin "O" in "Oп." (a Cyrillic п decides the word).
        assert_eq!(view("Oп. 1"), "Оп. 1");
    }

    #[test]
    fn spaces_quotes_dashes() {
        let src = "Marx-Engels |\u{a0} Lenin \u{a0}| Stalin\n“T. Stalin, a copy of Comrade Sergo” — it’s";
        let n = Normalized::new(src);
        assert_eq!(n.view(), "Marx-Engels |  Lenin  | Stalin\n\"T. Stalin, a copy of Comrade Sergo\" - it's");
        assert_eq!(source_of(src, &n, "\"T. Stalin"), "“T. Stalin");
        assert_eq!(source_of(src, &n, "Sergo\" - it's"), "Sergo” — it’s");
    }

    #[test]
    fn bom_and_crlf_are_skipped() {
        let src = "\u{FEFF}No. 192\r\nF. E. Dzerzhinsky\r\n";
        let n = Normalized::new(src);
        assert_eq!(n.view(), "No. 192\nF. E. Dzerzhinsky\n");
        assert_eq!(source_of(src, &n, "No. 192"), "No. 192");
        assert_eq!(source_of(src, &n, "192\nF"), "192\r\nF");
    }

    #[test]
    fn nfc() {
        let src = "Ге\u{301}рцен and Fe\u{301}lix";
        let n = Normalized::new(src);
        assert_eq!(n.view(), "Ге́рцен and Félix".nfc().collect::<String>());
        assert_eq!(source_of(src, &n, "Félix"), "Fe\u{301}lix");
    }

    #[test]
    fn editorial_brackets_read_through() {
        let cases = [
            ("F[runze] should", "Frunze should", "Frunze", "F[runze]"),
            (
                "when M[ikhail] V[asilyevich] is",
                "when Mikhail Vasilyevich is",
                "Mikhail Vasilyevich",
                "M[ikhail] V[asilyevich]",
            ),
            ("in [19]23 appropriations", "in 1923 appropriations", "1923", "[19]23"),
            ("the Sots[ialist] Bulletin", "the Sotsialist Bulletin", "Sotsialist", "Sots[ialist]"),
            ("to [omi]siya Dzerzhinsky", "to omisiya Dzerzhinsky", "omisiya", "[omi]siya"),
            ("suggested to K[alini]nu to go", "suggested to Kalininu to go", "Kalininu", "K[alini]nu"),
            ("I also ask L. D. [Trotsky] about", "I also ask L. D. Trotsky about", "L. D. Trotsky", "L. D. [Trotsky]"),
            ("[August 1924]\n", "August 1924\n", "August 1924", "[August 1924]"),
        ];
        for (src, want, needle, want_src) in cases {
            let n = Normalized::new(src);
            assert_eq!(n.view(), want, "{src}");
            assert_eq!(source_of(src, &n, needle), want_src, "{src}");
        }
    }

    #[test]
    fn supplied_parts_are_recorded() {
        let n = Normalized::new("March 17 [1926]");
        assert_eq!(n.view(), "March 17 1926");
        assert!(n.is_supplied(Span::new(9, 13)));
        assert!(!n.is_supplied(Span::new(0, 8)));
        let n = Normalized::new("[19]25");
        assert_eq!(n.supplied()[0].view, Span::new(0, 2));
    }

    #[test]
    fn omissions_and_unbalanced_brackets_stay() {
        assert_eq!(view("achieved [...]\" (Ibid."), "achieved [...]\" (Ibid.");
        assert_eq!(view("decision [of the PB on Sots[ialist] x"), "decision [of the PB on Sotsialist x");
        let many = "[".repeat(10_000);
        assert_eq!(view(&many), many);
    }

    #[test]
    fn glued_markers_are_set_aside() {
        let cases = [
            ("read it out at the faction1, and", "read it out at the faction, and", 1),
            ("betrayed the revolution,2 there", "betrayed the revolution, there", 2),
            ("against Trotsky3 - that", "against Trotsky - that", 3),
            ("necessary to state2 .", "necessary to state .", 2),
            ("than in Moscow4 .", "than in Moscow .", 4),
            ("Andrei and I 3should take part", "Andrei and I should take part", 3),
            ("4I am glad", "I am glad", 4),
            ("Luch 3(I found", "Luch (I found", 3),
        ];
        for (src, want, num) in cases {
            let n = Normalized::new(src);
            assert_eq!(n.view(), want, "{src}");
            let m: Vec<_> = n.markers().iter().filter(|m| m.shape == MarkerShape::Glued).collect();
            assert_eq!(m.len(), 1, "{src}");
            assert_eq!(m[0].n, Some(num));
            assert_eq!(&src[m[0].source.range()], num.to_string());
        }
    }

    #[test]
    fn numbers_that_are_not_glued_markers() {
        for src in [
            "the 10th, 11th, and 12th Party Congresses",
            "F. R-5674. On. 1",
            "Op. 1/S. D. 13",
            "Op. 3s. D. 2",
            "L. 1-2ob.",
            "at the G-7 and",
            "temperature reached 40.6.",
            "11,000 rifles! 2000 revolvers",
            "RTSKHIDNI. F.76. Op.2. D.197",
            "L. 56-56v.",
            "No.58 of 19/X",
        ] {
            let n = Normalized::new(src);
            assert_eq!(n.view(), src, "{src}");
            assert!(n.markers().iter().all(|m| m.shape != MarkerShape::Glued), "{src}");
        }
    }

    #[test]
    fn set_apart_candidates() {
        let n = Normalized::new("missing from you to [omi]siya Dzerzhinsky 1 .\nthe Donbass 1 . As\nof Comrade Dzerzhinsky 1 and the\nGosplan and STO? 3\nWorking Group 3 was revealed");
        let got: Vec<_> = n.markers().iter().map(|m| (m.n, m.strong)).collect();
        assert_eq!(got, vec![(Some(1), true), (Some(1), true), (Some(1), false), (Some(3), true), (Some(3), false)]);
        for src in [
            "platform 46 and",
            "within 7 days",
            "by 3 million 3 .",
            "(document No. 1)",
            "documents No. 22-24, 104, 105",
            "paragraphs 1 and 2, which",
            "19 / V in the Labinsk",
            "2 Berlin districts",
            "Vol. 1. P. 9",
            "and 1 1/2 hundreds",
        ] {
            let n = Normalized::new(src);
            let c: Vec<_> = n.markers().iter().map(|m| &src[m.source.range()]).collect();
            match src {
                "by 3 million 3 ." => assert_eq!(c, vec!["3"], "{src}"),
                "platform 46 and" => assert_eq!(c, Vec::<&str>::new(), "{src}"),
                _ => assert!(c.is_empty(), "{src}: {c:?}"),
            }
        }
    }

    #[test]
    fn the_block_test_is_the_byte_table() {
        for b in 0..=255u8 {
            assert_eq!(is_interesting(b), INTERESTING[b as usize], "byte {b:#x}");
        }
    }

    #[test]
    fn the_word_scan_stops_where_the_byte_table_does() {
        // Every byte value at every position of the first blocks, among
        // plain letters.
        for b in 0..=255u8 {
            for at in 0..3 * BLOCK {
                let mut bytes = vec![b'a'; 3 * BLOCK + 5];
                bytes[at] = b;
                let want = bytes.iter().position(|&x| INTERESTING[x as usize]).unwrap_or(bytes.len());
                assert_eq!(next_interesting(&bytes, 0), want, "byte {b:#x} at {at}");
                assert_eq!(next_interesting(&bytes, at.min(3)), want.max(at.min(3)), "byte {b:#x} at {at}");
            }
        }
        assert_eq!(next_interesting(b"", 0), 0);
        assert_eq!(next_interesting(b"abc", 3), 3);
        // Generated texts, interesting bytes rare or frequent, scanned from
        // every start: the answer is the byte loop's.
        let mut g = crate::testgen::Gen::new(0x9e37_79b9_7f4a_7c15);
        for round in 0..3000 {
            let len = g.below(150);
            let rare = 1 + round % 64;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = g.next();
                    if r % rare as u64 == 0 {
                        (r >> 8) as u8
                    } else {
                        b' ' + ((r >> 8) % 64) as u8
                    }
                })
                .collect();
            for start in 0..=len {
                let want = bytes[start..].iter().position(|&x| INTERESTING[x as usize]).map_or(len, |k| start + k);
                assert_eq!(next_interesting(&bytes, start), want, "{bytes:?} from {start}");
            }
        }
    }

    #[test]
    fn asterisks() {
        let n = Normalized::new("debunk their predecessor, Trotsky*.\ncreating a faction *, but");
        assert_eq!(n.markers().len(), 2);
        assert!(n.markers().iter().all(|m| m.shape == MarkerShape::Asterisk));
    }

    #[test]
    fn mapping_is_monotone_and_exact_on_a_seed() {
        let src = include_str!("../seeds/001_e33aa29600d11d37.txt");
        let n = Normalized::new(src);
        // Every line of the view maps to a line of the source, newline for newline.
        let mut last = 0;
        for (i, _) in n.view().match_indices('\n') {
            let s = n.start_to_source(i);
            assert_eq!(&src[s..s + 1], "\n");
            assert!(s >= last);
            last = s;
        }
        assert_eq!(n.end_to_source(n.view().len()), src.len());
        assert_eq!(n.start_to_source(0), 0);
    }
}
