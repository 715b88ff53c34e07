//! Token-level rules: points ("October 2, 1925", "2/X-25", "Spring 1921"),
//! qualifiers ("Not earlier than", "Early") and ranges between two points.
//!
//! Every rule reads a bounded number of tokens from its start, so trying the
//! rules at every token keeps the scan linear.

use super::lex::{Tok, Token};
use super::Qualifier;
use crate::span::Span;

/// Lowest four-digit number read as a year. The collection's notes cite
/// nineteenth-century events and twentieth-century publications; 1700 leaves
/// room for both while excluding most page and sheet numbers.
pub const MIN_YEAR: u32 = 1700;
/// Highest four-digit number read as a year (publication years up to now).
pub const MAX_YEAR: u32 = 2099;

/// Which caller a rule serves: some forms are only safe on a line of their
/// own (a lone "after", "G." for "goda"), others only in running text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Heading,
    Inline,
    Text,
}

/// One calendar point as written, possibly incomplete.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pt {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// EDTF season code 21–24.
    pub season: Option<u8>,
    /// "1920s": the year is the decade's first.
    pub decade: bool,
    /// The year was written with two digits; the century is inferred.
    pub two_digit: bool,
    pub year_tok: Option<Span>,
    pub month_tok: Option<Span>,
    pub day_tok: Option<Span>,
}

impl Pt {
    fn same_shape(&self, o: &Pt) -> bool {
        self.day.is_some() == o.day.is_some()
            && self.month.is_some() == o.month.is_some()
            && self.season.is_some() == o.season.is_some()
            && self.decade == o.decade
    }

    /// Ordering key of the point's first day; unknown parts count as their
    /// lowest value.
    pub fn key(&self) -> (i32, u8, u8) {
        let month = self.month.or(self.season.map(season_first_month)).unwrap_or(1);
        (self.year.unwrap_or(0), month, self.day.unwrap_or(1))
    }
}

/// First month of an EDTF season code (Northern Hemisphere, meteorological).
pub fn season_first_month(code: u8) -> u8 {
    match code {
        21 => 3,
        22 => 6,
        23 => 9,
        _ => 12,
    }
}

/// A parsed expression: one point or a range, with its qualifier.
#[derive(Clone, Debug, Default)]
pub struct Expr {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    pub a: Pt,
    pub b: Option<Pt>,
    pub qual: Option<Qualifier>,
    pub qual_span: Option<Span>,
    pub uncertain: bool,
    /// A numeric form ("2/X-25", "1.XI.1923").
    pub numeric: bool,
    /// "the 11th": a day with month and year left to the context.
    pub day_only: bool,
    /// A parenthesised second reading "(28)", "(January 8-14, 1913)": the
    /// candidate Gregorian equivalent, verified once years are resolved.
    pub paren: Option<Paren>,
}

/// The parenthesised part of a possible dual date.
#[derive(Clone, Copy, Debug, Default)]
pub struct Paren {
    /// One past ")" (or past the year after it).
    pub end: usize,
    pub a: Pt,
    pub b: Option<Pt>,
    /// "October 25 (November 7), 1917": a year after the parenthesis that
    /// belongs to both readings.
    pub year_after: Option<(i32, Span)>,
}

/// Tokens and their text.
pub struct Src<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
}

/// Abbreviations after which a number is a citation part, not a date:
/// "No. 192", "L. 1-8", "S. 238-241", "F. 76", "Op. 2", "D. 197", "T. 4",
/// "pp. 68-70", "Vol. 1"; "On." is the translation's damaged "Op.".
const CITATION_WORDS: &[&str] = &[
    "no",
    "nos",
    "l",
    "ll",
    "p",
    "pp",
    "s",
    "ss",
    "f",
    "d",
    "op",
    "on",
    "t",
    "vol",
    "vols",
    "ch",
    "art",
    "issue",
    "number",
    "platform",
    "page",
    "pages",
    "sheet",
    "sheets",
    "fond",
    "delo",
    "opis",
    "list",
    "document",
    "documents",
    "note",
    "notes",
];

/// Words after which a bare four-digit number reads as a year.
const YEAR_CUES: &[&str] = &[
    "in",
    "of",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "for",
    "after",
    "before",
    "during",
    "year",
    "the",
    "early",
    "late",
    "mid",
    "and",
    "or",
    "between",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "end",
    "beginning",
    "middle",
    "throughout",
    "around",
    "circa",
    "through",
];

/// Pronouns that may follow "on the 9th" at the start of a clause.
const CLAUSE_STARTS: &[&str] = &["i", "we", "he", "she", "they", "it", "you"];

impl<'a> Src<'a> {
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.tok == Tok::Word).then(|| self.text.get(t.span.range()).unwrap_or(""))
    }

    pub fn word_is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x.eq_ignore_ascii_case(w))
    }

    pub fn punct(&self, i: usize, c: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.tok == Tok::Punct(c))
    }

    /// The punctuation `c` directly after the previous token (no space).
    pub fn glued_punct(&self, i: usize, c: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.tok == Tok::Punct(c) && !t.space_before)
    }

    fn num(&self, i: usize) -> Option<(u32, usize, bool)> {
        match self.toks.get(i)?.tok {
            Tok::Num { val: Some(v), digits, ordinal } => Some((v, digits, ordinal)),
            _ => None,
        }
    }

    fn span(&self, i: usize) -> Option<Span> {
        self.toks.get(i).map(|t| t.span)
    }

    fn day(&self, i: usize) -> Option<u8> {
        let (v, digits, _) = self.num(i)?;
        (digits <= 2 && (1..=31).contains(&v)).then_some(v as u8)
    }

    fn year4(&self, i: usize) -> Option<i32> {
        let (v, digits, ordinal) = self.num(i)?;
        (digits == 4 && !ordinal && (MIN_YEAR..=MAX_YEAR).contains(&v)).then_some(v as i32)
    }

    /// A month name, capitalised so that "may" and "march" the verbs are not
    /// months; an abbreviation takes its full stop with it.
    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let w = self.word(i)?;
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let (m, abbreviated) = month_name(w)?;
        if abbreviated && self.glued_punct(i + 1, b'.') {
            return Some((m, i + 2));
        }
        Some((m, i + 1))
    }

    /// A citation abbreviation right before token `i` ("L. 1", "No. 192").
    pub fn after_citation_word(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return false;
        };
        let word_at = |j: usize| self.word(j).is_some_and(|w| CITATION_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)));
        if self.punct(prev, b'#') || word_at(prev) {
            return true;
        }
        self.punct(prev, b'.') && prev.checked_sub(1).is_some_and(word_at)
    }

    /// Token `i` is glued into a longer number: "305,342", "40.6", "1,923".
    fn in_digit_group(&self, i: usize) -> bool {
        let glued = |j: usize| self.toks.get(j).is_some_and(|t| !t.space_before);
        let is_num = |j: usize| self.toks.get(j).is_some_and(|t| matches!(t.tok, Tok::Num { .. }));
        let before =
            i >= 2 && (self.punct(i - 1, b',') || self.punct(i - 1, b'.')) && glued(i - 1) && glued(i) && is_num(i - 2);
        let after =
            (self.punct(i + 1, b',') || self.punct(i + 1, b'.')) && glued(i + 1) && glued(i + 2) && is_num(i + 2);
        before || after
    }

    /// A bare year in running text needs a cue: a preposition before it, an
    /// opening parenthesis, or punctuation after it. "2000 revolvers" has
    /// none and is a count.
    fn bare_year_ok(&self, i: usize, end: usize) -> bool {
        if self.after_citation_word(i) || self.in_digit_group(i) {
            return false;
        }
        // The end of a number range already refused ("pp. 1918-1920").
        let after_range_dash =
            i >= 2 && self.punct(i - 1, b'-') && self.toks.get(i - 2).is_some_and(|t| matches!(t.tok, Tok::Num { .. }));
        if after_range_dash {
            return false;
        }
        if let Some(t) = self.get(end) {
            if !t.space_before && matches!(t.tok, Tok::Word | Tok::Num { .. } | Tok::Punct(b'%')) {
                return false;
            }
        }
        let before = match i.checked_sub(1) {
            None => true,
            Some(p) => {
                self.punct(p, b'(')
                    || self.punct(p, b',')
                    || self.word(p).is_some_and(|w| YEAR_CUES.iter().any(|c| c.eq_ignore_ascii_case(w)))
            }
        };
        let after = match self.get(end) {
            None => true,
            Some(t) => t.newline_before || matches!(t.tok, Tok::Punct(b'.' | b',' | b';' | b':' | b')' | b'-' | b'?')),
        };
        before || after
    }
}

/// Month number of an English month name or abbreviation (any case), and
/// whether it was abbreviated.
pub fn month_name(w: &str) -> Option<(u8, bool)> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const ABBR: [(&str, u8); 13] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("febr", 2),
    ];
    if w.len() > 9 {
        return None;
    }
    if let Some(i) = FULL.iter().position(|m| m.eq_ignore_ascii_case(w)) {
        return Some((i as u8 + 1, false));
    }
    ABBR.iter().find(|(a, _)| a.eq_ignore_ascii_case(w)).map(|&(_, m)| (m, true))
}

/// Month number of a Roman numeral I–XII, the usual month notation in
/// Russian handwritten dates ("2/X-25"). Upper case only: lower-case "x" or
/// "v" are letters, not months.
pub fn roman_month(w: &str) -> Option<u8> {
    const ROMAN: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    ROMAN.iter().position(|r| *r == w).map(|i| i as u8 + 1)
}

/// EDTF season code of a season word.
pub fn season_code(w: &str) -> Option<u8> {
    [("spring", 21), ("summer", 22), ("autumn", 23), ("fall", 23), ("winter", 24)]
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(w))
        .map(|&(_, c)| c)
}

/// Multi-word qualifiers, longest first within each meaning.
const QUALIFIERS: &[(&[&str], Qualifier, bool)] = &[
    // (words, meaning, heading-only)
    (&["not", "earlier", "than"], Qualifier::NotBefore, false),
    (&["no", "earlier", "than"], Qualifier::NotBefore, false),
    (&["not", "before"], Qualifier::NotBefore, false),
    (&["not", "later", "than"], Qualifier::NotAfter, false),
    (&["no", "later", "than"], Qualifier::NotAfter, false),
    (&["not", "after"], Qualifier::NotAfter, false),
    (&["after"], Qualifier::After, true),
    (&["before"], Qualifier::Before, true),
    (&["the", "beginning", "of"], Qualifier::Early, false),
    (&["beginning", "of"], Qualifier::Early, false),
    (&["the", "start", "of"], Qualifier::Early, false),
    (&["early"], Qualifier::Early, false),
    (&["the", "middle", "of"], Qualifier::Middle, false),
    (&["middle", "of"], Qualifier::Middle, false),
    (&["mid"], Qualifier::Middle, false),
    (&["the", "end", "of"], Qualifier::Late, false),
    (&["end", "of"], Qualifier::Late, false),
    (&["late"], Qualifier::Late, false),
    (&["circa"], Qualifier::Approximate, false),
    (&["ca"], Qualifier::Approximate, false),
    (&["c"], Qualifier::Approximate, true),
    (&["approximately"], Qualifier::Approximate, false),
];

fn qualifier(src: &Src, i: usize, mode: Mode) -> Option<(Qualifier, usize, Span)> {
    src.word(i)?;
    for (words, q, heading_only) in QUALIFIERS {
        if *heading_only && mode == Mode::Text {
            continue;
        }
        if words.iter().enumerate().all(|(k, w)| src.word_is(i + k, w)) {
            let mut j = i + words.len();
            // "ca.", "c.", "mid-"
            if (matches!(q, Qualifier::Approximate) && src.punct(j, b'.'))
                || (matches!(q, Qualifier::Middle) && src.glued_punct(j, b'-'))
            {
                j += 1;
            }
            let span = Span::new(src.span(i)?.start, src.span(j - 1)?.end);
            return Some((*q, j, span));
        }
    }
    None
}

/// "Month Day[, Year]", "Day [of] Month[, Year]", "Month[,] Year",
/// "Season [of] Year", "Year", "1920s"; `second` also allows the bare day of
/// a range's end ("October 5-6, 1925").
fn text_point(src: &Src, i: usize, second: bool) -> Option<(Pt, usize)> {
    let mut p = Pt::default();
    if let Some((m, j)) = src.month(i) {
        p.month = Some(m);
        p.month_tok = Some(Span::new(src.span(i)?.start, src.span(j - 1)?.end));
        let mut j = j;
        if let Some(d) = src.day(j) {
            p.day = Some(d);
            p.day_tok = src.span(j);
            j += 1;
        }
        let k = if src.punct(j, b',') { j + 1 } else { j };
        if let Some(y) = src.year4(k) {
            p.year = Some(y);
            p.year_tok = src.span(k);
            j = k + 1;
        }
        return Some((p, j));
    }
    if let Some(code) = src.word(i).and_then(season_code) {
        let j = if src.word_is(i + 1, "of") { i + 2 } else { i + 1 };
        let paired =
            (src.word_is(i + 1, "and") || src.punct(i + 1, b'-')) && src.word(i + 2).and_then(season_code).is_some();
        if !second && paired && src.year4(j).is_none() {
            // "summer and autumn of 1918": the first season of a pair.
            p.season = Some(code);
            p.month_tok = src.span(i);
            return Some((p, i + 1));
        }
        let y = src.year4(j)?;
        p.season = Some(code);
        p.month_tok = src.span(i);
        p.year = Some(y);
        p.year_tok = src.span(j);
        return Some((p, j + 1));
    }
    if let Some(d) = src.day(i) {
        p.day = Some(d);
        p.day_tok = src.span(i);
        let ordinal = src.num(i).is_some_and(|n| n.2);
        let j = if ordinal && src.word_is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some((m, k)) = src.month(j) {
            p.month = Some(m);
            p.month_tok = Some(Span::new(src.span(j)?.start, src.span(k - 1)?.end));
            let mut k = k;
            let y_at = if src.punct(k, b',') { k + 1 } else { k };
            if let Some(y) = src.year4(y_at) {
                p.year = Some(y);
                p.year_tok = src.span(y_at);
                k = y_at + 1;
            }
            return Some((p, k));
        }
        let mut k = i + 1;
        if second && src.punct(k, b',') {
            if let Some(y) = src.year4(k + 1) {
                p.year = Some(y);
                p.year_tok = src.span(k + 1);
                k += 2;
            }
        }
        return Some((p, k));
    }
    if let Some(y) = src.year4(i) {
        p.year = Some(y);
        p.year_tok = src.span(i);
        // "1920s"
        if y % 10 == 0 && src.word(i + 1) == Some("s") && src.get(i + 1).is_some_and(|t| !t.space_before) {
            p.decade = true;
            return Some((p, i + 2));
        }
        return Some((p, i + 1));
    }
    None
}

/// "2/X-25", "20/IV-1923", "24/1 23", "17/III", "19 / V", "1.XI.1923".
/// Arabic months need a year: "1/2" alone is a fraction.
fn numeric_point(src: &Src, i: usize, mode: Mode) -> Option<(Pt, usize)> {
    let (_, _, ordinal) = src.num(i)?;
    let day = src.day(i).filter(|_| !ordinal)?;
    let slash = src.punct(i + 1, b'/');
    let dot = src.glued_punct(i + 1, b'.') && src.get(i + 2).is_some_and(|t| !t.space_before);
    if !slash && !dot {
        return None;
    }
    let k = i + 2;
    let (month, roman) = if let Some(m) = src.word(k).and_then(roman_month) {
        (m, true)
    } else {
        let (v, digits, ord) = src.num(k)?;
        if ord || digits > 2 || !(1..=12).contains(&v) {
            return None;
        }
        (v as u8, false)
    };
    let mut p =
        Pt { day: Some(day), month: Some(month), day_tok: src.span(i), month_tok: src.span(k), ..Pt::default() };
    let mut j = k + 1;
    // Year after "-", ".", "," or a space.
    let y_at = if src.glued_punct(j, b'-') || src.glued_punct(j, b'.') || src.punct(j, b',') { j + 1 } else { j };
    let mut year = None;
    if let Some((v, digits, ord)) = src.num(y_at) {
        let glued_ok = y_at != j || src.get(j).is_some_and(|t| t.space_before);
        let followed_by_more = src.glued_punct(y_at + 1, b'/') || src.glued_punct(y_at + 1, b',');
        if !ord && glued_ok && !followed_by_more {
            if digits == 2 {
                year = Some((v as i32, true));
            } else if digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&v) {
                year = Some((v as i32, false));
            }
        }
    }
    match year {
        Some((y, two)) => {
            p.year = Some(y);
            p.two_digit = two;
            p.year_tok = src.span(y_at);
            j = y_at + 1;
        }
        None => {
            if dot || !roman {
                return None;
            }
        }
    }
    if dot && !roman && mode == Mode::Text && p.two_digit {
        // "1.11.23" in running text is as likely a section number.
        return None;
    }
    if !roman && mode == Mode::Text && src.after_citation_word(i) {
        return None;
    }
    Some((p, j))
}

/// Fills each end of a range from the other ("October 5-6, 1925": the month
/// of the start goes to the end, the year of the end to the start) and
/// checks that the two ends make an ordered interval of the same shape.
fn merge(mut a: Pt, mut b: Pt) -> Option<(Pt, Pt)> {
    if b.month.is_none() && b.season.is_none() && b.day.is_some() {
        b.month = a.month;
        b.month_tok = a.month_tok;
    }
    if a.month.is_none() && a.season.is_none() && a.day.is_some() {
        a.month = b.month;
        a.month_tok = b.month_tok;
    }
    if a.year.is_none() {
        a.year = b.year;
        a.year_tok = b.year_tok;
    }
    if b.year.is_none() {
        b.year = a.year;
        b.year_tok = a.year_tok;
    }
    if !a.same_shape(&b) || (a.month.is_none() && a.season.is_none() && a.year.is_none()) {
        return None;
    }
    if a.month.is_none() && a.season.is_none() && a.day.is_some() {
        return None;
    }
    if a.key() >= b.key() {
        return None;
    }
    Some((a, b))
}

/// The expression starting at token `i`, if any.
pub fn expr(src: &Src, i: usize, mode: Mode) -> Option<Expr> {
    let mut e = Expr { first: i, ..Expr::default() };
    let mut j = i;
    if let Some((q, next, span)) = qualifier(src, j, mode) {
        e.qual = Some(q);
        e.qual_span = Some(span);
        j = next;
    }
    let mut from = false;
    let mut between = false;
    if e.qual.is_none() {
        if src.word_is(j, "from") {
            from = true;
        } else if src.word_is(j, "between") {
            between = true;
        }
    }
    let start_j = if from || between { j + 1 } else { j };

    // Headings are the editors' English dates; "2/X-25" on a line of its
    // own is the author's inline date.
    // "5-6/X-25": two days of one month, the author's way.
    if mode != Mode::Heading && !src.after_citation_word(start_j) {
        if let (Some(d1), true) = (src.day(start_j), src.glued_punct(start_j + 1, b'-')) {
            if let Some((p, next)) = numeric_point(src, start_j + 2, mode) {
                if p.day.is_some_and(|d2| d2 > d1) && src.num(start_j).is_some_and(|n| !n.2) {
                    e.a = Pt { day: Some(d1), day_tok: src.span(start_j), ..p };
                    e.b = Some(p);
                    e.numeric = true;
                    e.end = next;
                    e.first = if e.qual.is_some() { i } else { start_j };
                    return finish_expr(src, e, mode);
                }
            }
        }
    }
    let numeric = if mode == Mode::Heading { None } else { numeric_point(src, start_j, mode) };
    if let Some((p, next)) = numeric {
        e.a = p;
        e.numeric = true;
        e.end = next;
        e.first = if e.qual.is_some() { i } else { start_j };
        return finish_expr(src, e, mode);
    }

    let (a, next) = text_point(src, start_j, false)?;
    e.a = a;
    e.end = next;
    // A range: "-", "to", "till", "until", "and" after "between".
    let joined = src.punct(next, b'-')
        || src.word_is(next, "to")
        || ((from || e.a.day.is_some()) && (src.word_is(next, "till") || src.word_is(next, "until")))
        || ((between || e.a.season.is_some()) && src.word_is(next, "and"));
    let conn = joined.then_some(next + 1);
    let mut ranged = false;
    if let Some(k) = conn {
        if let Some((a2, b2, after)) =
            text_point(src, k, true).and_then(|(b, after)| merge(e.a, b).map(|(a2, b2)| (a2, b2, after)))
        {
            e.a = a2;
            e.b = Some(b2);
            e.end = after;
            ranged = true;
        } else if let (Some(y), Some((v, 2, false))) = (e.a.year, src.num(k)) {
            // "1918-19": the end year abbreviated.
            let end = y - y % 100 + v as i32;
            let plain_year = e.a.month.is_none() && e.a.season.is_none() && !e.a.decade;
            if plain_year && end > y && !src.glued_punct(k + 1, b'/') {
                e.b = Some(Pt { year: Some(end), year_tok: src.span(k), ..Pt::default() });
                e.end = k + 1;
                ranged = true;
            }
        }
    }
    e.first = if e.qual.is_some() {
        i
    } else if ranged && (from || between) {
        j
    } else {
        start_j
    };
    // "the 9th" on its own: a day for the context to complete.
    if e.b.is_none() && e.a.month.is_none() && e.a.year.is_none() && e.a.day.is_some() {
        e.day_only = true;
    }
    finish_expr(src, e, mode)
}

/// Shared tail: "?" for uncertain, the parenthesised second reading, and the
/// qualifier's constraints.
fn finish_expr(src: &Src, mut e: Expr, mode: Mode) -> Option<Expr> {
    if src.glued_punct(e.end, b'?') {
        e.uncertain = true;
        e.end += 1;
    }
    if let Some(q) = e.qual {
        match q {
            Qualifier::Early | Qualifier::Middle | Qualifier::Late => {
                if e.b.is_some() || e.a.day.is_some() || e.a.season.is_some() || e.a.decade || e.numeric {
                    return None;
                }
                if e.a.month.is_none() && e.a.year.is_none() {
                    return None;
                }
            }
            Qualifier::Approximate => {}
            _ => {
                if e.b.is_some() {
                    return None;
                }
            }
        }
        if e.day_only {
            return None;
        }
    }
    if mode == Mode::Text && !e.numeric && src.punct(e.end, b'(') {
        if let Some(p) = paren(src, e.end) {
            e.paren = Some(p);
        }
    }
    Some(e)
}

/// "(28)", "(January 8-14, 1913)": a point or range inside parentheses.
fn paren(src: &Src, open: usize) -> Option<Paren> {
    let (a, next) = text_point(src, open + 1, true)?;
    let mut p = Paren { a, ..Paren::default() };
    let mut close = next;
    if src.punct(next, b'-') || src.word_is(next, "to") {
        let (b, after) = text_point(src, next + 1, true)?;
        let (a2, b2) = merge(a, b)?;
        p.a = a2;
        p.b = Some(b2);
        close = after;
    }
    if !src.punct(close, b')') {
        return None;
    }
    p.end = close + 1;
    if p.a.year.is_none() {
        let y_at = if src.punct(p.end, b',') { p.end + 1 } else { p.end };
        if let (Some(y), Some(span)) = (src.year4(y_at), src.span(y_at)) {
            p.year_after = Some((y, span));
            p.end = y_at + 1;
        }
    }
    Some(p)
}

/// Whether an expression found in running text is a date mention and not a
/// number that happens to look like one.
pub fn text_acceptable(src: &Src, e: &Expr) -> bool {
    if e.numeric || e.qual.is_some() {
        return true;
    }
    let a = &e.a;
    match &e.b {
        None => {
            if a.day_only_shape() {
                return false; // handled by the "on the 9th" rule
            }
            if a.month.is_some() {
                // "May 1923", "October 2": a month needs a day or a year.
                a.day.is_some() || a.year.is_some()
            } else if a.season.is_some() || a.decade {
                true
            } else {
                src.bare_year_ok(e.first, e.end)
            }
        }
        Some(b) => {
            if a.month.is_none() && a.season.is_none() {
                // Year ranges need the cues of a bare year: "in 1918-1919",
                // "1923-1927:", but not "S. 1923-1925" or "1800-2000 workers".
                b.year.is_some() && src.bare_year_ok(e.first, e.end)
            } else {
                true
            }
        }
    }
}

impl Pt {
    fn day_only_shape(&self) -> bool {
        self.day.is_some() && self.month.is_none() && self.year.is_none()
    }
}

/// Whether any rule can start at token `i`: a number, a capitalised word
/// (month, season, "Not", "Early"), or one of the few lower-case words that
/// open a date phrase. Checked first so that ordinary words cost one test.
pub fn may_start(src: &Src, i: usize) -> bool {
    let Some(t) = src.get(i) else { return false };
    match t.tok {
        Tok::Num { .. } => true,
        Tok::Punct(_) => false,
        Tok::Word => {
            let Some(w) = src.word(i) else { return false };
            if w.len() > 13 {
                return false;
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
            matches!(
                w,
                "on" | "the"
                    | "from"
                    | "between"
                    | "not"
                    | "no"
                    | "early"
                    | "late"
                    | "mid"
                    | "middle"
                    | "beginning"
                    | "end"
                    | "start"
                    | "circa"
                    | "ca"
                    | "approximately"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
            )
        }
    }
}

/// "on the 9th", "On the 11th,": a day of the context's month. Returns the
/// expression covering "the 9th".
pub fn on_the_day(src: &Src, i: usize) -> Option<Expr> {
    if !src.word_is(i, "on") || !src.word_is(i + 1, "the") {
        return None;
    }
    let (_, _, ordinal) = src.num(i + 2)?;
    let day = src.day(i + 2).filter(|_| ordinal)?;
    let next_ok = match src.get(i + 3) {
        None => true,
        Some(t) => match t.tok {
            Tok::Punct(c) => matches!(c, b',' | b'.' | b';' | b':' | b')'),
            Tok::Word => src.word(i + 3).is_some_and(|w| CLAUSE_STARTS.iter().any(|c| c.eq_ignore_ascii_case(w))),
            Tok::Num { .. } => false,
        },
    };
    if !next_ok {
        return None;
    }
    Some(Expr {
        first: i + 1,
        end: i + 3,
        a: Pt { day: Some(day), day_tok: src.span(i + 2), ..Pt::default() },
        day_only: true,
        ..Expr::default()
    })
}
