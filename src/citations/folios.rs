//! Folio (list) specifications: "9", "1-8", "103 - 113", "56-56v.",
//! "17 об.", "1-2ob.", "177, 178, 191", "22-6", "passim".
//!
//! Folios are kept as strings, never parsed to integers: a leaf number is an
//! identifier, and a 10,000-digit "number" must cost linear time, not an
//! overflow. The normal form is digits, `-` for a range, `v` for a verso
//! ("56-56v", "17v", "1-5v"), one string per listed item.

use crate::span::Span;

/// How the verso of a leaf was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verso {
    /// "v", "v.", "verso": the translation convention.
    V,
    /// "ob.", "ob": transliterated Russian *oborot*, the LoC convention.
    Ob,
    /// "об.", "об": Russian.
    ObCyr,
    /// "rev.", "reverse": machine translation of "об." (*oborot* = reverse).
    Rev,
}

/// What was read after a folio label.
#[derive(Debug, Default)]
pub(crate) struct Folios {
    pub items: Vec<String>,
    /// One past the last byte read.
    pub end: usize,
    /// The last byte read was a period (of "v." / "ob."), which also ends the
    /// reference.
    pub terminated: bool,
    /// Ranges written with spaces around the hyphen ("103 - 113").
    pub spaced: Vec<Span>,
    /// Each verso marker and where it is.
    pub versos: Vec<(Verso, Span)>,
    /// Ranges whose end was abbreviated ("22-6" for "22-26").
    pub abbreviated: Vec<Span>,
    /// More than one leaf (for "l." against "ll.").
    pub several: bool,
}

fn digits_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while b.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    j
}

fn not_letter_at(s: &str, i: usize) -> bool {
    s.get(i..).and_then(|r| r.chars().next()).is_none_or(|c| !c.is_alphabetic())
}

/// A verso marker at `i`: kind, end, and whether it ended with a period.
fn verso_at(s: &str, i: usize) -> Option<(Verso, usize, bool)> {
    let rest = s.get(i..)?;
    let glued = |rest: &str, at: usize, spaced: bool| -> Option<(Verso, usize, bool)> {
        const FORMS: [(&str, Verso, bool); 8] = [
            ("verso", Verso::V, true),
            // Machine translation of the abbreviation "об." as the preposition.
            ("about", Verso::Rev, false),
            ("reverse", Verso::Rev, true),
            ("rev", Verso::Rev, true),
            ("ob", Verso::Ob, true),
            ("об", Verso::ObCyr, true),
            // A spaced bare "v" is too common a word-initial to trust
            // without its period.
            ("v", Verso::V, false),
            ("o6", Verso::ObCyr, true),
        ];
        for (f, kind, bare_ok_spaced) in FORMS {
            if let Some(after) = rest.strip_prefix(f) {
                let e = at + f.len();
                let period = after.starts_with('.');
                let e2 = if period { e + 1 } else { e };
                if !not_letter_at(s, e) {
                    continue;
                }
                if spaced && !period && !bare_ok_spaced {
                    continue;
                }
                return Some((kind, e2, period));
            }
        }
        None
    };
    if let Some(r) = glued(rest, i, false) {
        return Some(r);
    }
    let after_space = rest.strip_prefix(' ')?;
    glued(after_space, i + 1, true)
}

/// One number with an optional verso: (text, end, verso, terminated).
fn leaf(s: &str, i: usize, out: &mut Folios) -> Option<(usize, usize, bool, bool)> {
    let b = s.as_bytes();
    let e = digits_end(b, i);
    if e == i {
        return None;
    }
    // A digit glued to letters ("5a") is a leaf suffix only for verso forms.
    match verso_at(s, e) {
        Some((kind, ve, period)) => {
            out.versos.push((kind, Span::new(e, ve)));
            Some((e, ve, true, period))
        }
        None => Some((e, e, false, false)),
    }
}

/// Reads a folio specification starting at `i` (just after the label).
pub(crate) fn read(s: &str, i: usize) -> Option<Folios> {
    let b = s.as_bytes();
    let mut out = Folios::default();
    if s.get(i..).is_some_and(|r| r.starts_with("passim")) {
        out.items.push("passim".to_string());
        out.end = i + 6;
        out.several = true;
        return Some(out);
    }
    let mut p = i;
    loop {
        let (n1_end, end1, v1, t1) = leaf(s, p, &mut out)?;
        let n1 = s.get(p..n1_end)?;
        let mut item = String::with_capacity(n1.len() + 2);
        item.push_str(n1);
        if v1 {
            item.push('v');
        }
        let mut end = end1;
        let mut terminated = t1;
        // Range?
        let mut k = end1;
        let mut spaces = 0;
        while b.get(k) == Some(&b' ') {
            k += 1;
            spaces += 1;
        }
        if b.get(k) == Some(&b'-') {
            k += 1;
            while b.get(k) == Some(&b' ') {
                k += 1;
                spaces += 1;
            }
            let versos_before = out.versos.len();
            if let Some((n2_end, end2, v2, t2)) = leaf(s, k, &mut out) {
                let n2 = s.get(k..n2_end)?;
                item.push('-');
                if n2.len() < n1.len() && !v1 {
                    let head = n1.get(..n1.len() - n2.len())?;
                    let expanded_tail_gt = n2 > n1.get(n1.len() - n2.len()..)?;
                    if expanded_tail_gt {
                        item.push_str(head);
                        out.abbreviated.push(Span::new(p, n2_end));
                    }
                }
                item.push_str(n2);
                if v2 {
                    item.push('v');
                }
                if spaces > 0 {
                    out.spaced.push(Span::new(p, n2_end));
                }
                if n1 != n2 {
                    out.several = true;
                }
                end = end2;
                terminated = t2;
            } else {
                out.versos.truncate(versos_before);
            }
        }
        out.items.push(item);
        out.end = end;
        out.terminated = terminated;
        // A list continues with ", 178" or " and 180" / " и 180".
        // "5ob., 7": a verso period does not end the list.
        let mut q = end;
        let next = if b.get(q) == Some(&b',') {
            q += 1;
            while b.get(q) == Some(&b' ') {
                q += 1;
            }
            Some(q)
        } else if let Some(r) = s.get(q..) {
            [" and ", " и "].iter().find(|w| r.starts_with(**w)).map(|w| q + w.len())
        } else {
            None
        };
        match next {
            Some(n) if b.get(n).is_some_and(u8::is_ascii_digit) => {
                out.several = true;
                p = n;
            }
            _ => break,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<String> {
        read(s, 0).map(|f| f.items).unwrap_or_default()
    }

    #[test]
    fn single_range_list() {
        assert_eq!(items("9. Certified"), ["9"]);
        assert_eq!(items("1-8. Autograph."), ["1-8"]);
        assert_eq!(items("177, 178, 191"), ["177", "178", "191"]);
        assert_eq!(items("1-2, 5ob., 7"), ["1-2", "5v", "7"]);
    }

    #[test]
    fn spaced_range_is_read_and_recorded() {
        let f = read("103 - 113. Autograph.", 0).unwrap();
        assert_eq!(f.items, ["103-113"]);
        assert_eq!(f.spaced, [Span::new(0, 9)]);
    }

    #[test]
    fn verso_forms() {
        assert_eq!(items("56-56v.)"), ["56-56v"]);
        assert!(read("56-56v.)", 0).unwrap().terminated);
        assert_eq!(items("17 об."), ["17v"]);
        assert_eq!(items("1-5 об."), ["1-5v"]);
        assert_eq!(items("1-2ob."), ["1-2v"]);
        assert_eq!(items("4 rev."), ["4v"]);
        assert_eq!(items("4rev"), ["4v"]);
        assert_eq!(items("3 about."), ["3v"]);
        assert_eq!(items("3 about the"), ["3"]);
        // Not a verso: a word that starts with v.
        assert_eq!(items("4 very"), ["4"]);
        assert!(!read("56-56v.)", 0).unwrap().several);
    }

    #[test]
    fn abbreviated_range_ends_are_expanded() {
        assert_eq!(items("22-6"), ["22-26"]);
        assert_eq!(items("101-3"), ["101-103"]);
        assert_eq!(items("98-9"), ["98-99"]);
        // Not an abbreviation when the expansion would go backwards.
        assert_eq!(items("29-1"), ["29-1"]);
    }

    #[test]
    fn a_hyphen_before_a_word_is_not_a_range() {
        let f = read("9 -nineteen).", 0).unwrap();
        assert_eq!(f.items, ["9"]);
        assert_eq!(f.end, 1);
    }

    #[test]
    fn passim() {
        assert_eq!(items("passim."), ["passim"]);
    }

    #[test]
    fn huge_numbers_are_linear() {
        let n = "7".repeat(10_000);
        let s = format!("{n}-{n}v.");
        let f = read(&s, 0).unwrap();
        assert_eq!(f.items.len(), 1);
        assert_eq!(f.items[0].len(), 20_002);
    }
}
