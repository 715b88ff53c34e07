//! Stage **dates**: every date expression of the collection, as EDTF.
//!
//! The input is *view text* (see [`crate::normalize`]): ASCII quotes and
//! hyphens, editorial brackets read through, the bracketed parts handed in
//! as [`Span`]s relative to the same `&str`. Output spans are relative to
//! that `&str` too.
//!
//! # Grammar
//!
//! The documents write dates in three conventions, and the grammar follows
//! them rather than any list of examples:
//!
//! * **English editorial dates** (headings, notes, introductions): `Month Day,
//!   Year` ("October 2, 1925"; the comma may be missing after a supplied year,
//!   "March 17 \[1926\]"), `Day Month Year` ("24 January", "5 to 6 October
//!   1925"), `Month Year`, `Season [of] Year`, `Year`, decades ("1920s"), and
//!   ranges of two such points joined by `-`, `to`, `till/until` or
//!   `between … and`, each end completing the other ("October 5-6, 1925",
//!   "November-December 1912", "December 26, 1912 - January 1, 1913",
//!   "1918-19"). Month names must be capitalised so that the verbs "may" and
//!   "march" are not months.
//! * **Russian handwritten dates** (the author's own, at the head or foot of a
//!   letter): day, then the month as a Roman numeral or an Arabic number, then
//!   an optional year of two or four digits: "2/X-25", "20/IV-1923",
//!   "20/XII 23", "24/1 23", "19 / V", "17/III.", "1.XI.1923", and two days
//!   of one month "5-6/X-25". An Arabic month
//!   needs a year ("1/2" alone is a fraction); a dotted form needs a year.
//!   "November 10th. G." ends with "G.", Russian *goda* ("of the year").
//! * **Qualifiers** before a point: "Not earlier than", "No later than",
//!   "Not before/after", on a heading line also a bare "After"/"Before";
//!   "Early", "Mid(-)", "Late", "the beginning/middle/end of"; "circa",
//!   "ca.", "approximately". A glued "?" marks the date uncertain.
//!
//! # EDTF
//!
//! Values follow the Library of Congress Extended Date/Time Format:
//! `1925-10-02`; intervals `1925-10-05/1925-10-06`; open ends
//! `1923-11-10/..` ("not earlier than") and `../1923-11-10` ("not later
//! than"); seasons `1921-21` … `1921-24` (spring, summer, autumn, winter);
//! decades with an unspecified digit `192X`; a missing year that no context
//! supplies `XXXX-10-29` (level 2); `~` approximate, `?` uncertain, `%` both.
//! "Early/mid/late" become an interval of the first, middle or last third of
//! the month (days 1–10, 11–20, 21–end) or of the year (January–April,
//! May–August, September–December), with `~` on the boundary that is only
//! approximate: "Late 1919" = `1919-09~/1919-12`.
//!
//! Editors' supplied parts ("\[1926\]") are not an EDTF matter — the value is
//! as certain as any — and are reported in [`Date::supplied`].
//!
//! # Resolution
//!
//! A date without a year ("3/VIII", "October 29-31") or a month ("on the
//! 9th") is completed from a reference: for [`DateParser::inline_line`] the
//! anchor (the letter's heading date); in [`DateParser::find`] the most
//! recent earlier date in the same text when it has a month (notes tell a
//! story: "On February 1, 1923 … the decision of January 16"), otherwise the
//! anchor, otherwise the latest bare year mentioned ("In the summer of 1918
//! … On October 3"). The year chosen is the one that puts the date nearest
//! the reference, so "28/XII" under a heading of 2 January 1913 is
//! 1912-12-28. A two-digit year takes the anchor's century, or the 1900s of
//! this collection when there is no anchor ([`Date::assumed_century`]).
//!
//! # Calendars
//!
//! Soviet Russia went from the Julian to the Gregorian calendar on
//! 1 February 1918 OS = 14 February 1918 NS. A date that may fall before
//! 14 February 1918 may be Old Style: `calendar` is `unspecified` and
//! `old_style_possible` is true. A dual date, "November 15 (28)" or
//! "from December 26, 1912 to January 1, 1913 (January 8-14, 1913)", is
//! accepted only when the parenthesised value is exactly the Julian date
//! converted through day counts ([`calendar`]); its EDTF is the Gregorian
//! value, `julian` keeps the Old Style one, and `calendar` is `dual`. A year
//! written once after the parenthesis ("October 25 (November 7), 1917") is
//! the Gregorian reading's; the Julian reading takes the same year or, across
//! New Year ("December 20 (January 2), 1913"), the one before. A pair that
//! does not convert exactly is not a dual date: the first date is reported
//! alone and the parenthesis is left to the text.
//!
//! # Output fields ([`Date`], JSON Lines via serde, snake_case)
//!
//! | field | meaning |
//! |---|---|
//! | `span` | byte range of the expression in the input `&str` (`{start, end}`) |
//! | `raw` | the text of `span` |
//! | `edtf` | EDTF value (Gregorian for dual dates) |
//! | `kind` | `day`, `month`, `season`, `year`, `decade` or `interval` (ranges, open ends, early/mid/late) |
//! | `start`, `end` | bounds as `{year, month, day, season}` (null parts unknown); both equal for a single date; `null` for an open end |
//! | `qualifier` | `not_before`, `not_after`, `after`, `before`, `early`, `middle`, `late`, `approximate`, or null |
//! | `uncertain` | a `?` followed the date |
//! | `calendar` | `gregorian` (on or after 14 Feb 1918), `unspecified` (may be Old Style, or year unknown), `dual` (both given and verified) |
//! | `old_style_possible` | the date may lie before the Soviet switch to the Gregorian calendar |
//! | `julian` | the Old Style value of a dual date, in EDTF syntax |
//! | `supplied` | parts inside editorial brackets: `year`, `century` (only "\[19\]" of a year), `month`, `season`, `day`, `qualifier` |
//! | `resolved_from_anchor` | parts not written, taken from the anchor (heading) date: `year`, `month`, `century` |
//! | `resolved_from_text` | parts not written, taken from an earlier date in the same text |
//! | `assumed_century` | a two-digit year read as 19xx with no anchor to say so |
//! | `place` | for a place-and-date line ("Berlin, 1.XI.1923"), the place's span |
//!
//! # Limits
//!
//! Heading and inline lines longer than [`MAX_LINE`] bytes are not dates.
//! [`DateParser::find`] tokenises lazily and keeps a bounded window, so a
//! 100 MB line costs linear time and constant memory beyond its output.

pub mod calendar;
mod grammar;
mod lex;

use crate::span::Span;
use grammar::{Expr, Mode, Pt, Src};
use lex::{Lexer, Token};
use serde::Serialize;

/// Longest line [`DateParser::heading`] and [`DateParser::inline_line`]
/// consider. The longest date line in the collection ("Not earlier than
/// December 26, 1912 - January 1, 1913" with a place) is under 100 bytes;
/// anything much longer is prose.
pub const MAX_LINE: usize = 200;

/// Tokens [`DateParser::find`] keeps ahead of the current one; the longest
/// rule (a range with a parenthesised dual range) reads about 25.
const WINDOW: usize = 48;
/// Tokens kept behind the current one, for the citation and year cues.
const HISTORY: usize = 4;

/// Shape of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// A single day.
    Day,
    /// A single month.
    Month,
    /// A season of a year.
    Season,
    /// A single year.
    Year,
    /// A decade ("1920s").
    Decade,
    /// A range, an open-ended date or an early/mid/late part.
    Interval,
}

/// Which calendar the EDTF value is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    /// On or after 14 February 1918: Gregorian in Soviet usage.
    Gregorian,
    /// May be Julian (Old Style) or Gregorian; or the year is unknown.
    Unspecified,
    /// Written in both calendars; EDTF is the Gregorian value.
    Dual,
}

/// A word or phrase that qualifies a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "Not earlier than", "Not before".
    NotBefore,
    /// "Not later than", "Not after".
    NotAfter,
    /// "After" (heading lines only).
    After,
    /// "Before" (heading lines only).
    Before,
    /// "Early", "the beginning of".
    Early,
    /// "Mid", "the middle of".
    Middle,
    /// "Late", "the end of".
    Late,
    /// "circa", "ca.", "approximately".
    Approximate,
}

/// A part of a date, for the supplied and resolved lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePart {
    /// The whole year.
    Year,
    /// The century digits of a year ("\[19\]23", or "23" read as 1923).
    Century,
    /// The month.
    Month,
    /// The season.
    Season,
    /// The day.
    Day,
    /// The qualifier word ("\[Early\] March 1920").
    Qualifier,
}

/// One bound of a date. Unknown parts are `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DatePoint {
    /// Year (Gregorian for dual dates).
    pub year: Option<i32>,
    /// Month 1–12.
    pub month: Option<u8>,
    /// Day 1–31.
    pub day: Option<u8>,
    /// EDTF season code 21–24 when the point is a season.
    pub season: Option<u8>,
}

/// A date expression found in a text. See the module docs for every field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Date {
    /// Byte range in the input.
    pub span: Span,
    /// The input text of `span`.
    pub raw: String,
    /// EDTF value.
    pub edtf: String,
    /// Shape.
    pub kind: DateKind,
    /// Lower bound; `None` for an open start.
    pub start: Option<DatePoint>,
    /// Upper bound; `None` for an open end.
    pub end: Option<DatePoint>,
    /// Qualifying phrase.
    pub qualifier: Option<Qualifier>,
    /// A "?" followed the date.
    pub uncertain: bool,
    /// Calendar of the EDTF value.
    pub calendar: Calendar,
    /// The date may be Old Style (before 14 February 1918).
    pub old_style_possible: bool,
    /// Old Style value of a verified dual date.
    pub julian: Option<String>,
    /// Parts the editors supplied in brackets.
    pub supplied: Vec<DatePart>,
    /// Parts taken from the anchor date.
    pub resolved_from_anchor: Vec<DatePart>,
    /// Parts taken from an earlier date in the same text.
    pub resolved_from_text: Vec<DatePart>,
    /// A two-digit year read as 19xx without an anchor.
    pub assumed_century: bool,
    /// The place of a place-and-date line.
    pub place: Option<Span>,
}

/// Month number (1–12) of an English month name or its abbreviation, in any
/// case: "October", "oct", "Sept".
pub fn month_from_name(name: &str) -> Option<u8> {
    grammar::month_name(name).map(|(m, _)| m)
}

/// Month number (1–12) of an upper-case Roman numeral "I"–"XII".
pub fn month_from_roman(numeral: &str) -> Option<u8> {
    grammar::roman_month(numeral)
}

/// Where a resolved part came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefSource {
    Anchor,
    Text,
}

/// A reference date for completing partial ones.
#[derive(Clone, Copy, Debug)]
struct Ref {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    source: RefSource,
}

impl Ref {
    fn of(d: &Date, source: RefSource) -> Option<Ref> {
        // The latest bound: a story goes on from where a range ends.
        let p = d.end.filter(|p| p.year.is_some()).or(d.start)?;
        Some(Ref { year: p.year?, month: p.month.or(p.season.map(grammar::season_first_month)), day: p.day, source })
    }
}

/// Parses dates. Holds no per-text state; build once, use for many texts.
#[derive(Clone, Debug, Default)]
pub struct DateParser {
    _private: (),
}

impl DateParser {
    /// A parser. The grammar is tables and token rules; nothing to compile.
    pub fn new() -> Self {
        DateParser { _private: () }
    }

    /// A whole line that is a heading date ("October 2, 1925", "August
    /// 1924" with the whole line supplied, "Not earlier than November 10,
    /// 1923"); `None` when the line holds anything but a date (a final full
    /// stop is allowed).
    pub fn heading(&self, line: &str, supplied: &[Span]) -> Option<Date> {
        if line.len() > MAX_LINE {
            return None;
        }
        let toks: Vec<Token> = Lexer::new(line).collect();
        let src = Src { text: line, toks: &toks };
        let e = grammar::expr(&src, 0, Mode::Heading)?;
        if e.day_only {
            return None;
        }
        let sup = sorted(supplied);
        let (date, end) = finish(&src, &e, &sup, None, Mode::Heading)?;
        let rest_ok = end == toks.len() || (end + 1 == toks.len() && src.punct(end, b'.'));
        rest_ok.then_some(date)
    }

    /// A whole line that is an inline date, resolved against `anchor`:
    /// "2/X-25", "17/III.", "November 10th. G.", "March 27, 1926", or a
    /// place-and-date line "Berlin, 1.XI.1923" (then [`Date::place`] is set).
    pub fn inline_line(&self, line: &str, supplied: &[Span], anchor: Option<&Date>) -> Option<Date> {
        if line.len() > MAX_LINE {
            return None;
        }
        let toks: Vec<Token> = Lexer::new(line).collect();
        let src = Src { text: line, toks: &toks };
        let (place, start) = place_prefix(&src);
        let e = grammar::expr(&src, start, Mode::Inline)?;
        if e.day_only {
            return None;
        }
        let sup = sorted(supplied);
        let anchor = anchor.and_then(|a| Ref::of(a, RefSource::Anchor));
        let (mut date, mut end) = finish(&src, &e, &sup, anchor, Mode::Inline)?;
        // "November 10th. G.": "G." is Russian "goda", part of the date.
        let mut k = end;
        if src.punct(k, b'.') {
            k += 1;
        }
        if src.word(k).is_some_and(|w| w == "G" || w == "g" || w.eq_ignore_ascii_case("goda")) {
            k += 1;
            if src.punct(k, b'.') {
                k += 1;
            }
            end = k;
            if let Some(t) = toks.get(k - 1) {
                date.span.end = t.span.end;
                date.raw = line.get(date.span.range()).unwrap_or("").to_string();
            }
        }
        let rest_ok = end == toks.len() || (end + 1 == toks.len() && src.punct(end, b'.'));
        if !rest_ok {
            return None;
        }
        date.place = place;
        Some(date)
    }

    /// Every date in running text, in order, not overlapping.
    pub fn find(&self, text: &str, supplied: &[Span], anchor: Option<&Date>) -> Vec<Date> {
        let sup = sorted(supplied);
        let anchor = anchor.and_then(|a| Ref::of(a, RefSource::Anchor));
        let mut out = Vec::new();
        let mut lexer = Lexer::new(text);
        let mut buf: Vec<Token> = Vec::new();
        let mut pos = 0usize;
        let mut exhausted = false;
        // The latest date of this text that has a year.
        let mut ctx: Option<Ref> = None;
        loop {
            if pos > 4 * WINDOW {
                buf.drain(..pos - HISTORY);
                pos = HISTORY;
            }
            while !exhausted && buf.len() < pos + WINDOW {
                match lexer.next() {
                    Some(t) => buf.push(t),
                    None => exhausted = true,
                }
            }
            if pos >= buf.len() {
                break;
            }
            let src = Src { text, toks: &buf };
            // A dated event nearby beats the anchor; a bare year does not
            // ("in 1918 ... on November 9th" in a letter of 1923).
            let reference = match ctx {
                Some(c) if c.month.is_some() => Some(c),
                _ => anchor.or(ctx),
            };
            if !grammar::may_start(&src, pos) {
                pos += 1;
                continue;
            }
            let found = grammar::on_the_day(&src, pos)
                .or_else(|| grammar::expr(&src, pos, Mode::Text).filter(|e| !e.day_only))
                .filter(|e| e.day_only || grammar::text_acceptable(&src, e))
                .and_then(|e| finish(&src, &e, &sup, reference, Mode::Text));
            match found {
                Some((date, end)) => {
                    if let Some(r) = julian_ref(&date).or_else(|| Ref::of(&date, RefSource::Text)) {
                        ctx = Some(r);
                    }
                    out.push(date);
                    pos = end.max(pos + 1);
                }
                None => pos += 1,
            }
        }
        out
    }
}

/// For a dual date the story goes on in the calendar it was written in.
fn julian_ref(d: &Date) -> Option<Ref> {
    let j = d.julian.as_deref()?;
    let last = j.rsplit('/').next()?;
    let mut it = last.split('-');
    let year = it.next()?.parse().ok()?;
    let month = it.next().and_then(|m| m.parse().ok());
    let day = it.next().and_then(|m| m.parse().ok());
    Some(Ref { year, month, day, source: RefSource::Text })
}

/// "Berlin, " before an inline date: up to four capitalised words (joined
/// by hyphens) and a comma.
fn place_prefix(src: &Src) -> (Option<Span>, usize) {
    let mut k = 0;
    let mut words = 0;
    while words < 4 {
        let Some(w) = src.word(k) else { break };
        if !w.chars().next().is_some_and(char::is_uppercase) || month_from_name(w).is_some() {
            break;
        }
        k += 1;
        words += 1;
        // "Rostov-on-Don": lower-case words inside a hyphenated name.
        while src.glued_punct(k, b'-') && src.word(k + 1).is_some() && src.get(k + 1).is_some_and(|t| !t.space_before) {
            k += 2;
        }
    }
    if words > 0 && src.punct(k, b',') {
        if let (Some(a), Some(b)) = (src.get(0), k.checked_sub(1).and_then(|j| src.get(j))) {
            return (Some(Span::new(a.span.start, b.span.end)), k + 1);
        }
    }
    (None, 0)
}

fn sorted(spans: &[Span]) -> Vec<Span> {
    let mut v = spans.to_vec();
    v.sort_unstable();
    v
}

/// How a token span sits against the supplied spans.
fn supplied_cover(sup: &[Span], s: Span) -> (bool, bool) {
    let idx = sup.partition_point(|x| x.start < s.end);
    let mut contained = false;
    let mut overlap = false;
    // Supplied spans do not nest deeply; a few candidates suffice.
    for x in sup[..idx].iter().rev().take(4) {
        if x.contains(s) {
            contained = true;
        }
        if x.overlaps(s) {
            overlap = true;
        }
    }
    (contained, overlap)
}

fn push_unique(v: &mut Vec<DatePart>, p: DatePart) {
    if !v.contains(&p) {
        v.push(p);
    }
}

/// Picks the year that puts `month`/`day` nearest the reference date.
fn nearest_year(r: &Ref, month: u8, day: u8) -> i32 {
    let Some(rm) = r.month else { return r.year };
    let rjd = calendar::gregorian_to_jdn(r.year, rm, r.day.unwrap_or(15));
    let mut best = r.year;
    let mut best_d = i64::MAX;
    for y in [r.year.saturating_sub(1), r.year, r.year.saturating_add(1)] {
        let d = (calendar::gregorian_to_jdn(y, month, day.min(calendar::days_in_month(Some(y), month))) - rjd).abs();
        if d < best_d {
            best_d = d;
            best = y;
        }
    }
    best
}

struct Resolved {
    anchor: Vec<DatePart>,
    text: Vec<DatePart>,
    assumed_century: bool,
}

fn resolve(p: &mut Pt, r: Option<Ref>, anchor_century: Option<i32>, res: &mut Resolved) -> Option<()> {
    if p.two_digit {
        if let Some(y) = p.year {
            match anchor_century {
                Some(c) => {
                    p.year = Some(c.saturating_add(y));
                    push_unique(&mut res.anchor, DatePart::Century);
                }
                None => {
                    p.year = Some(1900 + y);
                    res.assumed_century = true;
                }
            }
            p.two_digit = false;
        }
    }
    let mut from = |part: DatePart, r: &Ref| match r.source {
        RefSource::Anchor => push_unique(&mut res.anchor, part),
        RefSource::Text => push_unique(&mut res.text, part),
    };
    if p.month.is_none() && p.season.is_none() && p.day.is_some() {
        let r = r?;
        p.month = Some(r.month?);
        p.year = Some(r.year);
        from(DatePart::Month, &r);
        from(DatePart::Year, &r);
    }
    if p.year.is_none() {
        if let Some(r) = r {
            p.year = Some(match (p.month, p.day) {
                (Some(m), d) => nearest_year(&r, m, d.unwrap_or(1)),
                _ => r.year,
            });
            from(DatePart::Year, &r);
        }
    }
    if let (Some(m), Some(d)) = (p.month, p.day) {
        if d > calendar::days_in_month(p.year, m) {
            return None;
        }
    }
    Some(())
}

fn point(p: &Pt) -> DatePoint {
    DatePoint { year: p.year, month: p.month, day: p.day, season: p.season }
}

/// Appends `n` as `format!("{n:0width$}")` would: every date and its
/// Julian reading are written this way, and the formatting machinery (plus
/// a String per part) cost more than the rest of a heading date's parse.
fn push_padded(out: &mut String, n: i32, width: u32) {
    let Ok(u) = u32::try_from(n) else {
        // A negative year: the machinery's sign-aware padding.
        out.push_str(&format!("{n:0width$}", width = width as usize));
        return;
    };
    let digits = u.checked_ilog10().map_or(1, |l| l + 1);
    for _ in digits..width {
        out.push('0');
    }
    let mut div = 10u32.pow(digits - 1);
    while div > 0 {
        out.extend(char::from_digit(u / div % 10, 10));
        div /= 10;
    }
}

/// Appends the EDTF of one point.
fn push_pt(out: &mut String, p: &Pt) {
    match p.year {
        None => out.push_str("XXXX"),
        Some(y) if p.decade => {
            push_padded(out, y / 10, 3);
            out.push('X');
        }
        Some(y) => push_padded(out, y, 4),
    }
    if let Some(c) = p.season {
        out.push('-');
        push_padded(out, c.into(), 1);
    } else if let Some(m) = p.month {
        out.push('-');
        push_padded(out, m.into(), 2);
        if let Some(d) = p.day {
            out.push('-');
            push_padded(out, d.into(), 2);
        }
    }
}

/// Longest usual EDTF value ("1923-10-05~/1923-10-06~"), so that one
/// allocation holds it.
const EDTF_CAPACITY: usize = 24;

fn fmt_range(a: &Pt, b: Option<&Pt>) -> String {
    let mut s = String::with_capacity(EDTF_CAPACITY);
    push_pt(&mut s, a);
    if let Some(b) = b {
        s.push('/');
        push_pt(&mut s, b);
    }
    s
}

/// The interval meant by early/mid/late of a month or year: its first,
/// middle or last third. The caller marks the inner boundaries approximate.
fn third(p: &Pt, q: Qualifier) -> (Pt, Pt) {
    let mut lo = *p;
    let mut hi = *p;
    match p.month {
        Some(m) => {
            let last = calendar::days_in_month(p.year, m);
            let (a, b) = match q {
                Qualifier::Early => (1, 10),
                Qualifier::Middle => (11, 20),
                _ => (21, last),
            };
            lo.day = Some(a);
            hi.day = Some(b);
        }
        None => {
            let (a, b) = match q {
                Qualifier::Early => (1, 4),
                Qualifier::Middle => (5, 8),
                _ => (9, 12),
            };
            lo.month = Some(a);
            hi.month = Some(b);
        }
    }
    (lo, hi)
}

/// Turns a parsed expression into a [`Date`]: completes it, checks the dual
/// reading, writes EDTF. Returns the date and the token after it.
fn finish(src: &Src, e: &Expr, sup: &[Span], reference: Option<Ref>, mode: Mode) -> Option<(Date, usize)> {
    let mut res = Resolved { anchor: Vec::new(), text: Vec::new(), assumed_century: false };
    let anchor_century = reference.filter(|r| r.source == RefSource::Anchor).map(|r| r.year - r.year.rem_euclid(100));
    let mut a = e.a;
    let mut b = e.b;
    let mut end_tok = e.end;
    let mut julian = None;
    // "October 25 (November 7), 1917": the year after the parenthesis counts
    // only if the two readings really are one date in two calendars. Near
    // New Year the Julian reading may be a year earlier.
    if let Some((year, span)) = e.paren.and_then(|p| p.year_after) {
        if a.year.is_none() {
            for y in [year, year.saturating_sub(1)] {
                let with_year = |p: &Pt| Pt { year: Some(y), year_tok: Some(span), ..*p };
                let (ja, jb) = (with_year(&a), b.as_ref().map(with_year));
                // The written year is the Gregorian reading's; the Julian one
                // is the same year or, across New Year, the one before.
                let pinned = e.paren.map(|mut p| {
                    p.a.year = Some(year);
                    if let Some(pb) = p.b.as_mut() {
                        pb.year = Some(year);
                    }
                    p
                });
                if let Some((ga, gb)) = pinned.and_then(|p| dual(&ja, jb.as_ref(), &p)) {
                    julian = Some(fmt_range(&ja, jb.as_ref()));
                    a = ga;
                    b = gb;
                    end_tok = e.paren.map_or(end_tok, |p| p.end);
                    break;
                }
            }
        }
    }
    resolve(&mut a, reference, anchor_century, &mut res)?;
    if let Some(b) = b.as_mut() {
        if b.year.is_none() {
            b.year = a.year;
        }
        resolve(b, reference, anchor_century, &mut res)?;
        if a.key() > b.key() {
            return None;
        }
    }
    if mode == Mode::Text && e.day_only && a.month.is_none() {
        return None;
    }

    if let (None, Some(p)) = (&julian, e.paren) {
        if let Some((ga, gb)) = dual(&a, b.as_ref(), &p) {
            julian = Some(fmt_range(&a, b.as_ref()));
            a = ga;
            b = gb;
            end_tok = p.end;
        }
    }

    let mut edtf = String::with_capacity(EDTF_CAPACITY);
    let (kind, start, end) = match e.qual {
        Some(Qualifier::NotBefore | Qualifier::After) => {
            push_pt(&mut edtf, &a);
            edtf.push_str("/..");
            (DateKind::Interval, Some(point(&a)), None)
        }
        Some(Qualifier::NotAfter | Qualifier::Before) => {
            edtf.push_str("../");
            push_pt(&mut edtf, &a);
            (DateKind::Interval, None, Some(point(&a)))
        }
        Some(q @ (Qualifier::Early | Qualifier::Middle | Qualifier::Late)) => {
            let (lo, hi) = third(&a, q);
            push_pt(&mut edtf, &lo);
            if q != Qualifier::Early {
                edtf.push('~');
            }
            edtf.push('/');
            push_pt(&mut edtf, &hi);
            if q != Qualifier::Late {
                edtf.push('~');
            }
            (DateKind::Interval, Some(point(&lo)), Some(point(&hi)))
        }
        _ => {
            let mark = match (e.qual == Some(Qualifier::Approximate), e.uncertain) {
                (true, true) => "%",
                (true, false) => "~",
                (false, true) => "?",
                _ => "",
            };
            push_pt(&mut edtf, &a);
            edtf.push_str(mark);
            match &b {
                Some(b) => {
                    edtf.push('/');
                    push_pt(&mut edtf, b);
                    edtf.push_str(mark);
                    (DateKind::Interval, Some(point(&a)), Some(point(b)))
                }
                None => {
                    let kind = if a.decade {
                        DateKind::Decade
                    } else if a.day.is_some() {
                        DateKind::Day
                    } else if a.season.is_some() {
                        DateKind::Season
                    } else if a.month.is_some() {
                        DateKind::Month
                    } else {
                        DateKind::Year
                    };
                    let mut hi = point(&a);
                    if a.decade {
                        hi.year = a.year.map(|y| y.saturating_add(9));
                    }
                    (kind, Some(point(&a)), Some(hi))
                }
            }
        }
    };

    // A month or season alone ("March") names no particular date.
    if a.year.is_none() && (a.month.is_none() || a.day.is_none()) {
        return None;
    }

    let lo = start.or(end).and_then(|p| lower_jdn(&p));
    let (calendar, old_style_possible) = if julian.is_some() {
        (Calendar::Dual, false)
    } else {
        match lo {
            Some(jd) if jd < calendar::gregorian_switch_jdn() => (Calendar::Unspecified, true),
            Some(_) => (Calendar::Gregorian, false),
            None => (Calendar::Unspecified, false),
        }
    };

    let mut supplied = Vec::new();
    for p in std::iter::once(&e.a).chain(e.b.iter()) {
        for (tok, part) in [
            (p.year_tok, DatePart::Year),
            (p.month_tok, if p.season.is_some() { DatePart::Season } else { DatePart::Month }),
            (p.day_tok, DatePart::Day),
        ] {
            if let Some(s) = tok {
                let (contained, overlap) = supplied_cover(sup, s);
                if contained {
                    push_unique(&mut supplied, part);
                } else if overlap && part == DatePart::Year {
                    push_unique(&mut supplied, DatePart::Century);
                }
            }
        }
    }
    if let Some(s) = e.qual_span {
        if supplied_cover(sup, s).0 {
            push_unique(&mut supplied, DatePart::Qualifier);
        }
    }
    supplied.sort_unstable();

    let first = src.get(e.first)?.span.start;
    let last = src.get(end_tok.checked_sub(1)?)?.span.end;
    let span = Span::new(first, last);
    let date = Date {
        span,
        raw: src.text.get(span.range())?.to_string(),
        edtf,
        kind,
        start,
        end,
        qualifier: e.qual,
        uncertain: e.uncertain,
        calendar,
        old_style_possible,
        julian,
        supplied,
        resolved_from_anchor: res.anchor,
        resolved_from_text: res.text,
        assumed_century: res.assumed_century,
        place: None,
    };
    Some((date, end_tok))
}

/// Verifies that the parenthesised reading is the Gregorian equivalent of
/// the Julian one, end by end, and returns the Gregorian points.
fn dual(a: &Pt, b: Option<&Pt>, p: &grammar::Paren) -> Option<(Pt, Option<Pt>)> {
    if b.is_some() != p.b.is_some() {
        return None;
    }
    let check = |j: &Pt, g: &Pt| -> Option<Pt> {
        let (y, m, d) = (j.year?, j.month?, j.day?);
        // The Julian calendar ended on 31 January 1918 OS.
        if (y, m, d) > (1918, 1, 31) {
            return None;
        }
        let (gy, gm, gd) = calendar::julian_to_gregorian(y, m, d);
        let ok = g.day == Some(gd) && g.month.unwrap_or(gm) == gm && g.year.unwrap_or(gy) == gy;
        ok.then_some(Pt { year: Some(gy), month: Some(gm), day: Some(gd), ..Pt::default() })
    };
    let ga = check(a, &p.a)?;
    let gb = match (b, p.b.as_ref()) {
        (Some(b), Some(pb)) => Some(check(b, pb)?),
        _ => None,
    };
    Some((ga, gb))
}

fn lower_jdn(p: &DatePoint) -> Option<i64> {
    let y = p.year?;
    let m = p.month.or(p.season.map(grammar::season_first_month)).unwrap_or(1);
    Some(calendar::gregorian_to_jdn(y, m, p.day.unwrap_or(1)))
}

fn upper_jdn(p: &DatePoint) -> Option<i64> {
    let y = p.year?;
    let (y, m) = match p.season {
        Some(21) => (y, 5),
        Some(22) => (y, 8),
        Some(23) => (y, 11),
        Some(_) => (y.saturating_add(1), 2),
        None => (y, p.month.unwrap_or(12)),
    };
    let d = p.day.unwrap_or_else(|| calendar::days_in_month(Some(y), m));
    Some(calendar::gregorian_to_jdn(y, m, d))
}

/// How an inline date stands to its heading date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// The inline date falls within the heading date.
    Agree,
    /// They differ.
    Disagree,
    /// They differ by exactly the Julian–Gregorian offset: one is Old Style.
    CalendarOffset,
    /// One of them has no year; nothing to compare.
    Unknown,
}

/// The result of [`compare`], with a reason a person can read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// Verdict.
    pub status: AgreementStatus,
    /// Why.
    pub reason: String,
}

fn day_range(d: &Date) -> Option<(i64, i64)> {
    let lo = match &d.start {
        Some(p) => lower_jdn(p)?,
        None => i64::MIN,
    };
    let hi = match &d.end {
        Some(p) => upper_jdn(p)?,
        None => i64::MAX,
    };
    Some((lo, hi))
}

/// Compares an inline date with the heading date of the same letter. They
/// agree when their day ranges meet ("3/VIII" under "August 3 1923"; a day
/// of "October 5-6, 1925"). A difference of exactly the Julian–Gregorian
/// offset is reported as such; any other difference is a disagreement whose
/// reason names the parts that differ ("28/II 26" under "March 28, 1926").
pub fn compare(heading: &Date, inline: &Date) -> Agreement {
    let (Some((hl, hh)), Some((il, ih))) = (day_range(heading), day_range(inline)) else {
        return Agreement {
            status: AgreementStatus::Unknown,
            reason: format!("no year to compare: heading {}, inline {}", heading.edtf, inline.edtf),
        };
    };
    let borrowed = if inline.resolved_from_anchor.is_empty() {
        String::new()
    } else {
        let parts: Vec<&str> = inline.resolved_from_anchor.iter().map(|p| part_name(*p)).collect();
        format!(" ({} taken from the heading)", parts.join(", "))
    };
    if il <= hh && hl <= ih {
        return Agreement {
            status: AgreementStatus::Agree,
            reason: format!("inline {} falls within heading {}{borrowed}", inline.edtf, heading.edtf),
        };
    }
    if inline.kind == DateKind::Day {
        if let Some(p) = inline.start {
            if let (Some(y), Some(m), Some(d)) = (p.year, p.month, p.day) {
                let off = calendar::julian_offset(y, m, d);
                let shifted = [il + off, il - off];
                if y <= 1918 && shifted.iter().any(|s| hl <= *s && *s <= hh) {
                    return Agreement {
                        status: AgreementStatus::CalendarOffset,
                        reason: format!(
                            "inline {} is {off} days from heading {}, the Julian-Gregorian offset: one of them is Old Style",
                            inline.edtf, heading.edtf
                        ),
                    };
                }
            }
        }
    }
    let mut differ = Vec::new();
    if let (Some(h), Some(i)) = (heading.start.or(heading.end), inline.start) {
        if h.year.is_some() && i.year.is_some() && h.year != i.year {
            differ.push("year");
        }
        if h.month.is_some() && i.month.is_some() && h.month != i.month {
            differ.push("month");
        }
        if h.day.is_some() && i.day.is_some() && h.day != i.day && heading.kind == DateKind::Day {
            differ.push("day");
        }
    }
    let what = if differ.is_empty() { "dates".to_string() } else { differ.join(" and ") };
    Agreement {
        status: AgreementStatus::Disagree,
        reason: format!("{what} differ: inline {}, heading {}{borrowed}", inline.edtf, heading.edtf),
    }
}

fn part_name(p: DatePart) -> &'static str {
    match p {
        DatePart::Year => "year",
        DatePart::Century => "century",
        DatePart::Month => "month",
        DatePart::Season => "season",
        DatePart::Day => "day",
        DatePart::Qualifier => "qualifier",
    }
}

#[cfg(test)]
mod tests;
