//! Notes: numbered as a reader numbers them, and markers chosen to link to them.
//!
//! The pages number notes in many damaged ways: "1 See note…", "2On
//! September…" (number glued to the text), "oneIn connection…" and "one.
//! After…" (the number spelled out by the translation), "1 . On March 28…",
//! "1 TOC \o "1-5" \h \z See note…" (a word-processor field code left in),
//! and notes whose number was lost altogether. A reader numbers them by
//! position: a lost number fills the gap between its neighbours, and a
//! paragraph whose number is already used ("1. Eviction from large cities…"
//! inside note 1) continues the note before it.

use super::{MarkerShape, Note};
use crate::diag::{Diagnostic, Severity};
use crate::normalize::{Marker, Normalized};
use crate::span::Span;
use serde::Serialize;

/// How a note's number was established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteNumbering {
    /// Written in digits ("1", "1 .").
    Written,
    /// Spelled out by the translation ("one", "oneIn").
    Spelled,
    /// Digits glued to the text ("2On September").
    Glued,
    /// Lost in the source; numbered by position.
    Inferred,
}

pub(super) struct Numbered {
    pub notes: Vec<Note>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Number words the translation writes instead of digits.
const WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Notes run to a few dozen per document; a leading number above this is
/// text ("1923 was…" cannot be a note number anyway: four digits).
const MAX_NOTE: u32 = 999;

/// A note paragraph's written number: (n, numbering, view span of the
/// number, view offset where the note's text starts).
fn leading_number(view: &str, norm: &Normalized, para: Span) -> Option<(u32, NoteNumbering, Span, usize)> {
    let text = &view[para.range()];
    // Digits glued to the text were set aside by normalize as a marker.
    if let Some(m) = norm.markers_in(Span::new(para.start, para.start + 1)).first() {
        if m.shape == MarkerShape::Glued && m.view.start == para.start {
            return Some((m.n?, NoteNumbering::Glued, m.view, para.start));
        }
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let n: u32 = text[..digits].parse().ok()?;
        let rest = &text[digits..];
        let after = rest.trim_start_matches(' ');
        let after = after.strip_prefix('.').map_or(after, |a| a.trim_start_matches(' '));
        // "1 See", "1 . On", "12 . Probably", "10 Pyatakov's" — not "10,000 workers", "1/2".
        let ok = rest.is_empty() || (rest.starts_with([' ', '.']) && !rest.starts_with(".."));
        let ok = ok && !after.starts_with(|c: char| c.is_ascii_digit());
        if ok && (1..=MAX_NOTE).contains(&n) {
            let start = para.start + (text.len() - after.len());
            return Some((n, NoteNumbering::Written, Span::new(para.start, para.start + digits), start));
        }
        return None;
    }
    // "oneIn connection…", "one. After…" — not "One of the…".
    let word_len = text.bytes().take_while(u8::is_ascii_lowercase).count();
    let word = &text[..word_len];
    let pos = WORDS.iter().position(|w| *w == word)?;
    let rest = &text[word_len..];
    let glued_capital = rest.starts_with(|c: char| c.is_uppercase());
    let dotted = rest.starts_with('.');
    if !(glued_capital || dotted) {
        return None;
    }
    let after = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    let start = para.start + (text.len() - after.len());
    Some((pos as u32 + 1, NoteNumbering::Spelled, Span::new(para.start, para.start + word_len), start))
}

/// Word-processor field codes left in a note ("TOC \o "1-5" \h \z ").
fn field_code_len(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("TOC").or_else(|| text.strip_prefix("PAGEREF")) else {
        return 0;
    };
    let mut at = text.len() - rest.len();
    let bytes = text.as_bytes();
    // Switches (\o, \h, \z) and their quoted arguments, bounded.
    for _ in 0..12 {
        let mut p = at;
        while p < bytes.len() && bytes[p] == b' ' {
            p += 1;
        }
        if p + 1 < bytes.len() && bytes[p] == b'\\' && bytes[p + 1].is_ascii_alphabetic() {
            p += 2;
            at = p;
            let mut q = p;
            while q < bytes.len() && bytes[q] == b' ' {
                q += 1;
            }
            if q < bytes.len() && bytes[q] == b'"' {
                if let Some(close) = text[q + 1..].find('"').filter(|&c| c <= 20) {
                    at = q + 1 + close + 1;
                }
            }
        } else if p < bytes.len() && bytes[p] == b'_' {
            // PAGEREF _Toc12345
            let w = text[p..].find(' ').unwrap_or(text.len() - p);
            at = p + w;
        } else {
            break;
        }
    }
    while at < bytes.len() && bytes[at] == b' ' {
        at += 1;
    }
    at
}

/// Numbers the note paragraphs `paras` (content spans, in order).
pub(super) fn number_notes(view: &str, norm: &Normalized, paras: &[Span]) -> Numbered {
    let written: Vec<Option<(u32, NoteNumbering, Span, usize)>> =
        paras.iter().map(|&p| leading_number(view, norm, p)).collect();
    let mut notes: Vec<Note> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut expected = 1u32;
    for (k, &para) in paras.iter().enumerate() {
        let mut text_start = para.start;
        let new_note: Option<(u32, NoteNumbering, Option<Span>)> = match written[k] {
            Some((n, how, span, start)) if n >= expected => {
                text_start = start;
                if n > expected {
                    diagnostics.push(Diagnostic::new(
                        Severity::Note,
                        "segment/notes-missing",
                        span,
                        format!("notes {expected}..{} are missing before note {n}", n - 1),
                    ));
                }
                Some((n, how, Some(span)))
            }
            Some((n, _, span, _)) => {
                // A number already used: a numbered list inside the previous note.
                if notes.is_empty() {
                    Some((expected, NoteNumbering::Inferred, None))
                } else {
                    diagnostics.push(Diagnostic::new(
                        Severity::Note,
                        "segment/note-continued",
                        span,
                        format!("paragraph numbered {n} continues note {}", expected - 1),
                    ));
                    None
                }
            }
            None => {
                // A lost number: a new note if the next written number leaves
                // room for one, or if there is no note yet; else a continuation.
                let next = written[k + 1..].iter().flatten().map(|w| w.0).find(|&n| n >= expected);
                let room = match next {
                    Some(n) => n > expected,
                    None => true,
                };
                if room || notes.is_empty() {
                    Some((expected, NoteNumbering::Inferred, None))
                } else {
                    None
                }
            }
        };
        // A field code after the number is damage, not text.
        let fc = field_code_len(&view[text_start..para.end]);
        if fc > 0 {
            diagnostics.push(Diagnostic::new(
                Severity::Note,
                "segment/field-code",
                Span::new(text_start, text_start + fc),
                "a word-processor field code in the note was skipped",
            ));
            text_start += fc;
        }
        let content = Span::new(text_start, para.end);
        match new_note {
            Some((n, numbering, number_span)) => {
                if numbering == NoteNumbering::Inferred {
                    diagnostics.push(Diagnostic::new(
                        Severity::Note,
                        "segment/note-number-inferred",
                        Span::new(para.start, para.start),
                        format!("note without a number read as note {n}"),
                    ));
                }
                notes.push(Note { n, numbering, number_span, paragraphs: vec![content], span: para });
                expected = n + 1;
            }
            None => {
                if let Some(last) = notes.last_mut() {
                    last.paragraphs.push(content);
                    last.span.end = para.end;
                }
            }
        }
    }
    Numbered { notes, diagnostics }
}

/// Chooses which marker candidates are footnote markers: the heaviest
/// strictly increasing run of note numbers within `1..=max` (the notes the
/// unit has), weighting glued markers above candidates followed by
/// punctuation above candidates followed by a word. This is how a reader
/// tells "Dzerzhinsky 1 ." from "platform 46." and "paragraphs 1 and 2".
/// Returns one flag per candidate. O(k log max).
pub(super) fn choose_markers(cands: &[Marker], max: u32) -> Vec<bool> {
    let mut keep = vec![false; cands.len()];
    if max == 0 {
        return keep;
    }
    let size = max as usize + 1;
    // Fenwick tree of (best weight, candidate index) over note numbers.
    let mut tree: Vec<(u32, usize)> = vec![(0, usize::MAX); size + 1];
    let mut best: Vec<(u32, usize)> = vec![(0, usize::MAX); cands.len()];
    let query = |tree: &Vec<(u32, usize)>, mut i: usize| {
        let mut r = (0u32, usize::MAX);
        while i > 0 {
            if tree[i].0 > r.0 {
                r = tree[i];
            }
            i &= i - 1;
        }
        r
    };
    for (k, m) in cands.iter().enumerate() {
        let Some(n) = m.n else { continue };
        if m.shape == MarkerShape::Asterisk || n == 0 || n > max {
            continue;
        }
        let w = match (m.shape, m.strong) {
            (MarkerShape::Glued, _) => 3,
            (_, true) => 2,
            _ => 1,
        };
        let (prev_w, prev_k) = query(&tree, n as usize - 1);
        best[k] = (prev_w + w, prev_k);
        let mut i = n as usize;
        while i <= size {
            if best[k].0 > tree[i].0 {
                tree[i] = (best[k].0, k);
            }
            i += i & i.wrapping_neg();
        }
    }
    let (_, mut k) = query(&tree, size);
    while k != usize::MAX {
        keep[k] = true;
        k = best[k].1;
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(page: &str) -> Vec<(u32, NoteNumbering, usize)> {
        let norm = Normalized::new(page);
        let view = norm.view();
        let mut paras = Vec::new();
        let mut at = 0;
        for line in view.split_inclusive('\n') {
            let t = line.trim();
            if !t.is_empty() {
                let s = at + (line.len() - line.trim_start().len());
                paras.push(Span::new(s, s + t.len()));
            }
            at += line.len();
        }
        number_notes(view, &norm, &paras).notes.into_iter().map(|n| (n.n, n.numbering, n.paragraphs.len())).collect()
    }

    #[test]
    fn lost_numbers_fill_the_gaps() {
        // No. 167: "1", two unnumbered, "4", "5".
        let got = numbers("1 See note 1 to document No. 166.\n\nOn February 1, 1923, the Politburo agreed.\n\nOn January 25, 1923, the Politburo approved.\n\n4 We are talking about the entry.\n\n5 See note 4 to document No. 166.\n");
        let ns: Vec<_> = got.iter().map(|g| g.0).collect();
        assert_eq!(ns, [1, 2, 3, 4, 5]);
        assert_eq!(got[1].1, NoteNumbering::Inferred);
    }

    #[test]
    fn a_used_number_continues_the_note() {
        // No. 172: note 1 quotes a numbered list.
        let got = numbers("1 . On March 28, 1923, Dzerzhinsky wrote to Yagoda.\n\n1. Eviction from large cities. 2. Confiscation of property.\n\n2 In November 1923, the Politburo accepted.\n");
        assert_eq!(got, vec![(1, NoteNumbering::Written, 2), (2, NoteNumbering::Written, 1)]);
    }

    #[test]
    fn damaged_numbers() {
        let got = numbers("oneIn connection with the intensification of the struggle.\n");
        assert_eq!(got, vec![(1, NoteNumbering::Spelled, 1)]);
        let got = numbers("one. After the break with Zinoviev and Kamenev.\n");
        assert_eq!(got, vec![(1, NoteNumbering::Spelled, 1)]);
        let got = numbers("1 G. I. Myasnikov, an old Bolshevik.\n\n2On September 7, 1923, Dzerzhinsky sent.\n\n4Myasnikov returned to Moscow.\n");
        assert_eq!(
            got.iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(),
            vec![(1, NoteNumbering::Written), (2, NoteNumbering::Glued), (4, NoteNumbering::Glued)]
        );
        let got = numbers("One of the leaders said so.\n");
        assert_eq!(got, vec![(1, NoteNumbering::Inferred, 1)]);
    }

    #[test]
    fn field_codes_are_skipped() {
        let src = "1 TOC \\o \"1-5\" \\h \\z See note 1 to document no. 183.\n";
        let norm = Normalized::new(src);
        let view = norm.view();
        let para = Span::new(0, view.trim_end().len());
        let n = number_notes(view, &norm, &[para]);
        assert_eq!(&view[n.notes[0].paragraphs[0].range()], "See note 1 to document no. 183.");
    }

    fn cand(n: u32, shape: MarkerShape, strong: bool) -> Marker {
        Marker { source: Span::new(0, 0), view: Span::new(0, 0), n: Some(n), shape, strong }
    }

    #[test]
    fn markers_form_an_increasing_run() {
        use MarkerShape::*;
        // No. 173: 1 2 3 5 6 7, then "paragraphs 1 and 2", then 10 11 12.
        let c = [
            cand(1, Apart, true),
            cand(2, Apart, true),
            cand(3, Glued, true),
            cand(5, Apart, false),
            cand(6, Apart, true),
            cand(7, Apart, true),
            cand(1, Apart, false),
            cand(2, Apart, true),
            cand(10, Apart, true),
            cand(11, Apart, true),
            cand(12, Apart, true),
            cand(46, Apart, true),
        ];
        let keep = choose_markers(&c, 12);
        assert_eq!(keep, [true, true, true, true, true, true, false, false, true, true, true, false]);
        assert_eq!(choose_markers(&c, 0), vec![false; c.len()]);
    }
}
