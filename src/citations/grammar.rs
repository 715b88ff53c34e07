//! The archival reference grammar: anchors, archive names, elements, chains,
//! shorthand, and the construction of a [`Citation`] with its audit.

use super::archives::{self, Archives, Match, Row};
use super::audit::codes;
use super::folios::{self, Folios, Verso};
use super::labels::{self, Form, Label, Level, Script};
use super::published::Published;
use super::render::{render_with, several};
use super::{Audit, Citation, Context, Kind, Style};
use crate::span::Span;
use regex::Regex;

/// What starts a reference.
#[derive(Clone, Copy, Debug)]
pub(crate) enum AnchorKind {
    /// "Ibid", "Там же", "In the same place" (marker end, machine-translated).
    Ibid { end: usize, translated: bool, cyrillic: bool },
    /// A fond label followed by a number.
    Fond,
    /// A known acronym followed by dotted numbers (acronym end).
    Short { acronym_end: usize },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Anchor {
    pub start: usize,
    pub kind: AnchorKind,
}

/// A separator between two parts of a reference.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sep {
    pub ch: Option<char>,
    pub span: Span,
}

struct Elem {
    label: Label,
    value: String,
    sep: Sep,
    folios: Option<Folios>,
}

struct ArchiveHit {
    span: Span,
    row: Option<(&'static Row, bool, Match)>,
    sep: Sep,
}

struct IbidHit {
    span: Span,
    translated: bool,
    cyrillic: bool,
}

/// A reference as read, before inheritance and audit.
struct RawRef {
    start: usize,
    end: usize,
    terminated: bool,
    archive: Option<ArchiveHit>,
    ibid: Option<IbidHit>,
    chain: bool,
    shorthand: bool,
    elems: Vec<Elem>,
}

/// Words that only ever follow another acronym in an archive's name.
const NAME_TAILS: &[&str] =
    &["SPb", "RF", "SSSR", "IML", "FSB", "RSFSR", "UR", "СПб", "РФ", "СССР", "ИМЛ", "ФСБ", "РСФСР", "УР"];

/// Longest acronym in parentheses after an archive's full name ("(TsGAIPD SPb)").
const MAX_PAREN_NAME: usize = 32;

/// Longest acronym word considered; bounds the backward scan.
const MAX_TOKEN: usize = 16;

pub(crate) struct Grammar {
    archives: Archives,
    anchors: Regex,
    provenance: Regex,
}

fn short_alternation() -> String {
    let mut names: Vec<String> = Vec::new();
    for r in archives::ROWS {
        for n in [r.latin, r.cyrillic] {
            let parts: Vec<String> = n.split(' ').map(regex::escape).collect();
            names.push(parts.join(r"\s+"));
        }
    }
    // Longer names first so "TsGAOR SSSR" wins over "TsGAOR".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

impl Grammar {
    pub(crate) fn new() -> Grammar {
        let alt = short_alternation();
        let anchors = format!(
            // No `\b`: a Unicode word boundary makes the regex engine leave
            // its DFA on Cyrillic text; boundaries are checked in `anchors`.
            r"(?P<ibid>[Ii]bid|[Тт]ам\s+же|(?P<mt>[Ii]n\s+the\s+same\s+place))|(?P<fond>(?:[FfФф]\.\s{{0,2}}|(?:[Ff]ond|[Ff]und|[Фф]онд)\s{{1,2}})(?:[A-Za-zА-Яа-я]{{1,3}}-?)?\d)|(?P<short>(?P<acr>(?i:{alt}))\s+(?:[A-Za-zА-Яа-я]-?)?\d+[./,]\d)"
        );
        let provenance = format!(
            r"^\s*(?:(?i:{alt})\s+(?:[A-Za-zА-Яа-я]-?)?\d+[./,]\d|[\p{{Lu}}][\p{{L}}-]{{1,15}}(?:\s[\p{{L}}-]{{1,8}}){{0,2}}\s?[.,;:]?\s{{0,2}}(?:[FfФф]\.\s{{0,2}}|(?:[Ff]ond|[Фф]онд)\s)(?:[A-Za-zА-Яа-я]{{1,3}}-?)?\d)"
        );
        Grammar {
            archives: Archives::new(),
            // Both patterns are fixed at compile time; a failure is a bug
            // caught by every test, never an input-dependent panic.
            anchors: Regex::new(&anchors).unwrap_or_else(|e| panic!("anchor regex: {e}")),
            provenance: Regex::new(&provenance).unwrap_or_else(|e| panic!("provenance regex: {e}")),
        }
    }

    /// Reference anchors in text order.
    pub(crate) fn anchors<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Anchor> + 't {
        // A match's first letter tells its alternative: no archive name
        // starts with a letter of "Ibid", "Там же", "In the same place" or a
        // fond label (a test checks). Capture groups, for which the engine
        // runs its backtracker over each match, are then only needed for the
        // end of the acronym of shorthand, which is rare.
        self.anchors.find_iter(text).filter_map(move |m| {
            if !boundary_before(text, m.start()) {
                return None;
            }
            let s = m.as_str();
            match s.chars().next()? {
                'I' | 'i' | 'Т' | 'т' => {
                    if !boundary_after(text, m.end()) {
                        return None;
                    }
                    Some(Anchor {
                        start: m.start(),
                        kind: AnchorKind::Ibid {
                            end: m.end(),
                            translated: matches!(s.as_bytes(), [b'I' | b'i', b'n', ..]),
                            cyrillic: !s.is_ascii(),
                        },
                    })
                }
                'F' | 'f' | 'Ф' | 'ф' => Some(Anchor { start: m.start(), kind: AnchorKind::Fond }),
                _ => {
                    // No look-around in the pattern: the search from the match
                    // start finds the same match.
                    let acr = self.anchors.captures_at(text, m.start())?.name("acr")?;
                    Some(Anchor { start: acr.start(), kind: AnchorKind::Short { acronym_end: acr.end() } })
                }
            }
        })
    }

    /// Does the line start with an archival reference?
    pub(crate) fn starts_with_reference(&self, line: &str) -> bool {
        let Some(m) = self.provenance.find(line) else {
            return false;
        };
        // The regex only shapes the start; confirm with the grammar.
        let text = m.as_str();
        let start = line.len() - line.trim_start().len();
        self.anchors(text).any(|a| match a.kind {
            AnchorKind::Fond => self.back_archive(text, a.start, 0).is_some_and(|h| h.span.start == start),
            AnchorKind::Short { .. } => a.start == start,
            AnchorKind::Ibid { .. } => false,
        })
    }

    /// Parses the reference at `anchor` and any chain continuing it.
    pub(crate) fn parse_at(
        &self,
        s: &str,
        anchor: Anchor,
        floor: usize,
        ctx: &Context,
        published: &Published,
    ) -> Vec<Citation> {
        let raw = match anchor.kind {
            AnchorKind::Fond => self.fond_ref(s, anchor.start, floor),
            AnchorKind::Short { acronym_end } => self.short_ref(s, anchor.start, acronym_end),
            AnchorKind::Ibid { end, translated, cyrillic } => {
                let (after, sep) = ibid_sep(s, end);
                if let Some(c) = published.ibid(s, anchor.start, after, ctx) {
                    return vec![c];
                }
                let elems = parse_elems(s, after, Some(sep), None);
                let hit = IbidHit { span: Span::new(anchor.start, end), translated, cyrillic };
                if elems.elems.is_empty() {
                    // A bare "Ibid." repeats the previous reference whole.
                    let Some(last) = ctx.last() else {
                        return Vec::new();
                    };
                    if last.kind != Kind::Archival {
                        return Vec::new();
                    }
                    let b = s.as_bytes();
                    let (end, terminated) = if b.get(end) == Some(&b'.') { (end + 1, true) } else { (end, false) };
                    Some(RawRef {
                        start: anchor.start,
                        end,
                        terminated,
                        archive: None,
                        ibid: Some(hit),
                        chain: false,
                        shorthand: false,
                        elems: Vec::new(),
                    })
                } else {
                    Some(RawRef {
                        start: anchor.start,
                        end: elems.end,
                        terminated: elems.terminated,
                        archive: None,
                        ibid: Some(hit),
                        chain: false,
                        shorthand: false,
                        elems: elems.elems,
                    })
                }
            }
        };
        let Some(raw) = raw else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self.build(s, raw, ctx.last());
        let mut end = first.span.end;
        let mut terminated = first.raw.ends_with('.');
        out.push(first);
        // Chains: "...; d. 1943, l. 1" inherit from the reference before.
        while !terminated {
            let b = s.as_bytes();
            let mut j = end;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            if b.get(j) != Some(&b';') {
                break;
            }
            let semi = Span::new(j, j + 1);
            j += 1;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            let body = parse_elems(s, j, Some(Sep { ch: Some(';'), span: semi }), None);
            if body.elems.is_empty() {
                break;
            }
            let raw = RawRef {
                start: j,
                end: body.end,
                terminated: body.terminated,
                archive: None,
                ibid: None,
                chain: true,
                shorthand: false,
                elems: body.elems,
            };
            let c = self.build(s, raw, out.last());
            end = c.span.end;
            terminated = c.raw.ends_with('.');
            out.push(c);
        }
        out
    }

    fn fond_ref(&self, s: &str, label_start: usize, floor: usize) -> Option<RawRef> {
        let archive = self.back_archive(s, label_start, floor);
        let first_sep = archive.as_ref().map_or(Sep { ch: None, span: Span::new(label_start, label_start) }, |a| a.sep);
        let body = parse_elems(s, label_start, Some(first_sep), None);
        let first = body.elems.first()?;
        if first.label.level != Level::Fond {
            return None;
        }
        let known = archive.as_ref().is_some_and(|a| a.row.is_some());
        // A lone "F. 5" after an unknown word is too weak to be a reference.
        if !known && body.elems.len() < 2 {
            return None;
        }
        Some(RawRef {
            start: archive.as_ref().map_or(label_start, |a| a.span.start),
            end: body.end,
            terminated: body.terminated,
            archive,
            ibid: None,
            chain: false,
            shorthand: false,
            elems: body.elems,
        })
    }

    /// The archive name before a fond label at `label_start`.
    fn back_archive(&self, s: &str, label_start: usize, floor: usize) -> Option<ArchiveHit> {
        let b = s.as_bytes();
        let mut j = label_start;
        while j > floor && b.get(j - 1) == Some(&b' ') {
            j -= 1;
        }
        let mut sep = Sep { ch: None, span: Span::new(j, label_start) };
        if j > floor {
            if let Some(&c) = b.get(j - 1) {
                if matches!(c, b'.' | b',' | b';' | b':') {
                    sep = Sep { ch: Some(c as char), span: Span::new(j - 1, j) };
                    j -= 1;
                    while j > floor && b.get(j - 1) == Some(&b' ') {
                        j -= 1;
                    }
                }
            }
        }
        let name_end = j;
        // "Russian State Archive of Socio-Political History (RGASPI), f. 17":
        // the acronym in parentheses after the full name of a first citation.
        if j > floor && b.get(j - 1) == Some(&b')') {
            let close = j - 1;
            let lo = close.saturating_sub(MAX_PAREN_NAME).max(floor);
            let open = b.get(lo..close).and_then(|w| w.iter().rposition(|&c| c == b'(')).map(|i| lo + i);
            if let Some(open) = open {
                let inner = s.get(open + 1..close)?;
                if !inner.is_empty() && inner.split(' ').all(|t| acronym_shaped(t) || NAME_TAILS.contains(&t)) {
                    return self.pick(s, &[open + 1], close, sep);
                }
            }
        }
        let mut starts: Vec<usize> = Vec::with_capacity(3);
        let mut k = j;
        for _ in 0..3 {
            let tok_end = k;
            let mut t = k;
            let mut n = 0;
            while t > floor {
                let Some(c) = s.get(..t).and_then(|p| p.chars().next_back()) else {
                    break;
                };
                if !(c.is_alphanumeric() || c == '-') {
                    break;
                }
                n += 1;
                if n > MAX_TOKEN {
                    return self.pick(s, &starts, name_end, sep);
                }
                t -= c.len_utf8();
            }
            // A note number glued to the acronym ("1RTSKHIDNI") is not part of it.
            while t < tok_end && b.get(t).is_some_and(u8::is_ascii_digit) {
                t += 1;
            }
            let tok = s.get(t..tok_end)?;
            if t == tok_end || !acronym_shaped(tok) {
                break;
            }
            // The previous character must end a word.
            starts.push(t);
            if t > floor + 1 && b.get(t - 1) == Some(&b' ') {
                k = t - 1;
            } else {
                break;
            }
        }
        self.pick(s, &starts, name_end, sep)
    }

    fn pick(&self, s: &str, starts: &[usize], name_end: usize, sep: Sep) -> Option<ArchiveHit> {
        // Longest known name first ("TsGAOR SSSR" before "SSSR").
        for &st in starts.iter().rev() {
            let name = s.get(st..name_end)?;
            if let Some(row) = self.archives.lookup(name) {
                return Some(ArchiveHit { span: Span::new(st, name_end), row: Some(row), sep });
            }
        }
        let &nearest = starts.first()?;
        let mut st = nearest;
        let tok = s.get(nearest..name_end)?;
        if NAME_TAILS.contains(&tok) {
            if let Some(&prev) = starts.get(1) {
                st = prev;
            }
        }
        Some(ArchiveHit { span: Span::new(st, name_end), row: None, sep })
    }

    /// "RGASPI 558.1.5403.1", "RGASPI 17/3/500/2-4".
    fn short_ref(&self, s: &str, start: usize, acronym_end: usize) -> Option<RawRef> {
        let b = s.as_bytes();
        let mut p = acronym_end;
        while b.get(p) == Some(&b' ') {
            p += 1;
        }
        let mut values: Vec<(String, Span)> = Vec::with_capacity(3);
        let mut delim: Option<u8> = None;
        let mut folios: Option<Folios> = None;
        let mut end = p;
        loop {
            if values.len() == 3 {
                if let Some(f) = folios::read(s, p) {
                    end = f.end;
                    folios = Some(f);
                }
                break;
            }
            let (v, e) = short_value(s, p)?;
            values.push((v, Span::new(p, e)));
            end = e;
            match b.get(e) {
                Some(&d) if matches!(d, b'.' | b'/' | b',') && delim.is_none_or(|x| x == d) => {
                    if !b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                        break;
                    }
                    delim = Some(d);
                    p = e + 1;
                }
                _ => break,
            }
        }
        if values.len() < 3 {
            return None;
        }
        let name = s.get(start..acronym_end)?;
        let row = self.archives.lookup(name);
        let terminated = folios.as_ref().is_some_and(|f| f.terminated);
        let (end, terminated) =
            if !terminated && b.get(end) == Some(&b'.') { (end + 1, true) } else { (end, terminated) };
        let mut elems = Vec::with_capacity(4);
        let levels = [Level::Fond, Level::Opis, Level::Delo];
        for ((v, span), level) in values.into_iter().zip(levels) {
            elems.push(Elem {
                label: synthetic_label(level, span),
                value: v,
                sep: Sep { ch: None, span },
                folios: None,
            });
        }
        if let Some(f) = folios {
            let span = Span::new(f.end, f.end);
            elems.push(Elem {
                label: synthetic_label(Level::Folios, span),
                value: String::new(),
                sep: Sep { ch: None, span },
                folios: Some(f),
            });
        }
        Some(RawRef {
            start,
            end,
            terminated,
            archive: Some(ArchiveHit {
                span: Span::new(start, acronym_end),
                row,
                sep: Sep { ch: None, span: Span::new(acronym_end, acronym_end) },
            }),
            ibid: None,
            chain: false,
            shorthand: true,
            elems,
        })
    }

    fn build(&self, s: &str, r: RawRef, ante: Option<&Citation>) -> Citation {
        let span = Span::new(r.start, r.end);
        let mut c = Citation::empty(Kind::Archival, span, s);
        c.ibid = r.ibid.is_some();
        let mut audit: Vec<Audit> = Vec::new();
        let push = |audit: &mut Vec<Audit>, code: &'static str, span: Span, message: String| {
            audit.push(Audit { code, message, span });
        };

        // Fields as given.
        for e in &r.elems {
            match e.label.level {
                Level::Fond => c.fond = Some(e.value.clone()),
                Level::Opis => c.opis = Some(e.value.clone()),
                Level::Delo => c.delo = Some(e.value.clone()),
                Level::Folios => {
                    if let Some(f) = &e.folios {
                        c.folios.clone_from(&f.items);
                    }
                }
            }
        }
        let cited_cyr = r.archive.as_ref().map(|a| s.get(a.span.range()).is_some_and(|t| !t.is_ascii()));
        if let Some(a) = &r.archive {
            let cited = s.get(a.span.range()).unwrap_or_default();
            match a.row {
                Some((row, cyr, m)) => {
                    c.archive = Some(if cyr { row.cyrillic } else { row.latin }.to_string());
                    c.institution = Some(row.institution.to_string());
                    if m == Match::Misspelled {
                        push(
                            &mut audit,
                            codes::ARCHIVE_MISSPELLED,
                            a.span,
                            format!("\"{cited}\" is a misspelling of {}", if cyr { row.cyrillic } else { row.latin }),
                        );
                    }
                    if row.obsolete {
                        c.notes.push(Audit {
                            code: codes::ARCHIVE_RENAMED,
                            message: format!("{} is an earlier name of today's {}", row.latin, row.institution),
                            span: a.span,
                        });
                    }
                }
                None => {
                    c.archive = Some(cited.to_string());
                    push(
                        &mut audit,
                        codes::ARCHIVE_UNKNOWN,
                        a.span,
                        format!("\"{cited}\" is not a known archive acronym"),
                    );
                }
            }
        }

        // Inheritance (Ibid., chains).
        let first_level = r.elems.first().map(|e| e.label.level);
        if r.ibid.is_some() || r.chain {
            let usable = ante.filter(|a| a.kind == Kind::Archival);
            match usable {
                Some(a) => {
                    let upto = first_level.unwrap_or(Level::Folios);
                    if a.archive.is_some() {
                        c.archive.clone_from(&a.archive);
                        c.institution.clone_from(&a.institution);
                        c.inherited.push("archive");
                    }
                    let fields: [(Level, &'static str); 3] =
                        [(Level::Fond, "fond"), (Level::Opis, "opis"), (Level::Delo, "delo")];
                    for (lvl, name) in fields {
                        if lvl >= upto {
                            break;
                        }
                        let v = match lvl {
                            Level::Fond => &a.fond,
                            Level::Opis => &a.opis,
                            _ => &a.delo,
                        };
                        if v.is_some() {
                            match lvl {
                                Level::Fond => c.fond.clone_from(v),
                                Level::Opis => c.opis.clone_from(v),
                                _ => c.delo.clone_from(v),
                            }
                            c.inherited.push(name);
                        }
                    }
                    if first_level.is_none() && !a.folios.is_empty() {
                        c.folios.clone_from(&a.folios);
                        c.inherited.push("folios");
                    }
                }
                None => {
                    if let Some(ib) = &r.ibid {
                        push(
                            &mut audit,
                            codes::IBID_UNRESOLVED,
                            ib.span,
                            "\"Ibid.\" with no earlier reference to refer to".to_string(),
                        );
                    }
                }
            }
        } else if r.archive.is_none() {
            push(
                &mut audit,
                codes::ARCHIVE_MISSING,
                Span::new(r.start, r.start),
                "fond reference without an archive name".to_string(),
            );
        }

        // Style.
        let (mut cyr, mut up, mut low) = (0usize, 0usize, 0usize);
        let mut commas = 0usize;
        let mut periods = 0usize;
        if !r.shorthand {
            for e in &r.elems {
                match e.label.script {
                    Script::Cyrillic => cyr += 1,
                    _ if e.label.upper => up += 1,
                    _ => low += 1,
                }
                match e.sep.ch {
                    Some(',') => commas += 1,
                    Some('.') => periods += 1,
                    _ => {}
                }
            }
        }
        if cited_cyr == Some(true) || r.ibid.as_ref().is_some_and(|i| i.cyrillic) {
            cyr += 1;
        }
        let votes = cyr + up + low;
        let style = if r.shorthand {
            None
        } else if votes > 0 && cyr * 2 > votes {
            Some(Style::Cyrillic)
        } else if low > up {
            Some(Style::Western)
        } else if up > low {
            Some(Style::Translation)
        } else if commas > periods {
            Some(Style::Western)
        } else if up + low == 0 {
            ante.and_then(|a| a.style).or(Some(Style::Translation))
        } else {
            Some(Style::Translation)
        };
        // "Ibid. l. 17" in a translation document continues a translation
        // reference: a continuation keeps the style of the reference it
        // continues (so its odd label is a deviation), unless it changes
        // script, which is a different style rather than a slip.
        let continued =
            ante.filter(|_| r.ibid.is_some() || r.chain).filter(|a| a.kind == Kind::Archival).and_then(|a| a.style);
        let style = match (style, continued) {
            (Some(own), Some(prev)) if (own == Style::Cyrillic) == (prev == Style::Cyrillic) => Some(prev),
            _ => style,
        };
        c.style = style;

        if r.shorthand {
            push(
                &mut audit,
                codes::COMPACT_SHORTHAND,
                span,
                "compact shorthand: write the levels with their labels".to_string(),
            );
        }
        if let Some(st) = style {
            self.audit_style(s, &r, st, (cyr, up, low), cited_cyr, &mut audit);
        }
        // Final period at the end of a line.
        if !r.terminated && ends_line(s, r.end) {
            let last = s.get(..r.end).and_then(|p| p.chars().next_back()).map_or(0, char::len_utf8);
            push(
                &mut audit,
                codes::FINAL_PERIOD,
                Span::new(r.end - last, r.end),
                "a reference that ends a line ends with a period".to_string(),
            );
        }
        audit.sort_by_key(|a| (a.span.start, a.span.end));
        c.audit = merge_systematic(audit);
        let canon_style = style.unwrap_or(if cited_cyr == Some(true) { Style::Cyrillic } else { Style::Western });
        let name = self.canonical_name(&r, &c, canon_style);
        c.canonical = render_with(&c, canon_style, name);
        c
    }

    /// The archive of the canonical rendering: a known one spelled in the
    /// script of the style, an unknown one as cited.
    fn canonical_name<'c>(&self, r: &RawRef, c: &'c Citation, style: Style) -> Option<&'c str> {
        let a = c.archive.as_deref()?;
        // A reference that names a known archive has its row from `pick`
        // already (`archive` is that row's spelling); only an inherited or
        // unknown name is looked up.
        let row = match r.archive.as_ref().and_then(|h| h.row) {
            Some((row, _, _)) => Some(row),
            None => self.archives.lookup(a).map(|(row, _, _)| row),
        };
        Some(match row {
            Some(row) if style == Style::Cyrillic => row.cyrillic,
            Some(row) => row.latin,
            None => a,
        })
    }

    fn audit_style(
        &self,
        s: &str,
        r: &RawRef,
        style: Style,
        (cyr, up, low): (usize, usize, usize),
        cited_cyr: Option<bool>,
        audit: &mut Vec<Audit>,
    ) {
        let mut push = |code: &'static str, span: Span, message: String| {
            audit.push(Audit { code, message, span });
        };
        let sname = style.name();
        let latin = up + low;
        let mixed = match style {
            Style::Cyrillic => latin >= 2 && cyr >= 2,
            _ => up.min(low) >= 2 || (cyr >= 2 && latin >= 2),
        };
        if mixed {
            push(
                codes::STYLE_MIXED,
                Span::new(r.start, r.end),
                format!("labels of two styles in one reference (read as {sname})"),
            );
        }
        if let Some(a) = &r.archive {
            let is_cyr = cited_cyr == Some(true);
            if is_cyr != (style == Style::Cyrillic) {
                push(codes::SCRIPT_MIXED, a.span, format!("archive name in the other script in a {sname} reference"));
            }
        }
        if let Some(ib) = &r.ibid {
            if ib.translated {
                push(
                    codes::IBID_TRANSLATED,
                    ib.span,
                    "\"In the same place\" is a machine translation of \"Там же\": write \"Ibid.\"".to_string(),
                );
            }
        }
        // Separators.
        let expected = if style == Style::Western { ',' } else { '.' };
        let mut wrong: Vec<(Option<char>, Span, usize, &'static str)> = Vec::new();
        for (i, e) in r.elems.iter().enumerate() {
            let after = if i > 0 {
                "between levels"
            } else if r.archive.is_some() {
                "after the archive name"
            } else if r.ibid.is_some() {
                "after \"Ibid.\""
            } else {
                continue; // a chain's ";" is its own separator
            };
            if r.shorthand {
                continue;
            }
            let ok = match (i, style, e.sep.ch) {
                (_, _, Some(c)) if c == expected => true,
                // Western: "RGASPI f. 17" and "Ibid. l. 5" are both usual.
                (0, Style::Western, None) if r.archive.is_some() => true,
                (0, Style::Western, Some('.')) if r.ibid.is_some() => true,
                // A verso period ("56v.") doubles as the separator.
                _ => false,
            };
            if !ok {
                match wrong.iter_mut().find(|w| w.0 == e.sep.ch) {
                    Some(w) => w.2 += 1,
                    None => wrong.push((e.sep.ch, e.sep.span, 1, after)),
                }
            }
        }
        for (ch, span, n, after) in wrong {
            let what = match ch {
                Some(c) => format!("'{c}'"),
                None => "no separator".to_string(),
            };
            let place = if n > 1 { format!("{n} times, first {after}") } else { after.to_string() };
            push(codes::SEPARATOR, span, format!("{what} ({place}); the {sname} style separates with '{expected}'"));
        }
        // Labels.
        for e in &r.elems {
            let l = &e.label;
            if r.shorthand {
                break;
            }
            let label_text = s.get(l.span.range()).unwrap_or_default();
            if l.form == Form::Absent {
                continue;
            }
            let script_ok = match style {
                Style::Cyrillic => l.script == Script::Cyrillic,
                _ => l.script == Script::Latin,
            };
            if !mixed {
                if !script_ok {
                    push(
                        codes::SCRIPT_MIXED,
                        l.span,
                        format!("\"{label_text}\" is typed in the other script in a {sname} reference"),
                    );
                } else {
                    match l.form {
                        Form::Misread => push(
                            codes::LABEL_MISREAD,
                            l.span,
                            format!("\"{label_text}\" is a misreading of \"Op.\" (Russian \"Оп.\")"),
                        ),
                        Form::Translated => push(
                            codes::LABEL_TRANSLATED,
                            l.span,
                            format!(
                                "\"{label_text}\" is a machine translation; the label of the {} is {}",
                                l.level.name(),
                                canonical_label(style, l.level)
                            ),
                        ),
                        Form::Variant => push(
                            codes::LABEL_NONSTANDARD,
                            l.span,
                            format!("\"{label_text}\" for \"{}\"", canonical_label(style, l.level)),
                        ),
                        Form::Word if style != Style::Western => push(
                            codes::LABEL_NONSTANDARD,
                            l.span,
                            format!("\"{label_text}\" for \"{}\"", canonical_label(style, l.level)),
                        ),
                        Form::StorageUnit if style != Style::Cyrillic => push(
                            codes::LABEL_NONSTANDARD,
                            l.span,
                            format!("\"{label_text}\" for \"{}\"", canonical_label(style, l.level)),
                        ),
                        Form::Standard => {
                            let want_upper = style != Style::Western;
                            if l.upper != want_upper {
                                push(
                                    codes::LABEL_CASE,
                                    l.span,
                                    format!(
                                        "\"{label_text}\": the {sname} style writes \"{}\"",
                                        canonical_label(style, l.level)
                                    ),
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
            if l.missing_period {
                push(codes::LABEL_PERIOD, l.span, format!("\"{label_text}\" without its period"));
            }
            if l.glued {
                push(codes::LABEL_SPACING, l.span, format!("no space between \"{label_text}\" and the number"));
            }
            if let Some(f) = &e.folios {
                if style == Style::Western
                    && l.form == Form::Standard
                    && l.script == Script::Latin
                    && l.plural != several(&f.items)
                    // "ll. 176-176ob." (recto and verso of one leaf) takes either label.
                    && !(l.plural && f.items.len() == 1 && f.items.iter().any(|i| i.contains('-')))
                {
                    push(
                        codes::FOLIO_LABEL_NUMBER,
                        l.span,
                        if l.plural {
                            "\"ll.\" with a single folio: write \"l.\"".to_string()
                        } else {
                            "\"l.\" with several folios: write \"ll.\"".to_string()
                        },
                    );
                }
                for sp in &f.spaced {
                    push(codes::RANGE_SPACED, *sp, "spaces around the hyphen of a folio range".to_string());
                }
                if style != Style::Western {
                    for sp in &f.abbreviated {
                        push(
                            codes::RANGE_ABBREVIATED,
                            *sp,
                            format!("abbreviated range end; the {sname} style writes it in full"),
                        );
                    }
                }
                for (v, sp) in &f.versos {
                    match (v, style) {
                        (Verso::Rev, _) => push(
                            codes::VERSO_REV,
                            *sp,
                            format!(
                                "verso written \"{}\" (machine translation of \"об.\"); write \"{}\"",
                                s.get(sp.range()).unwrap_or_default().trim(),
                                match style {
                                    Style::Western => "ob.",
                                    Style::Cyrillic => "об.",
                                    Style::Translation => "v",
                                }
                            ),
                        ),
                        (Verso::ObCyr, Style::Translation | Style::Western)
                        | (Verso::V | Verso::Ob, Style::Cyrillic) => push(
                            codes::SCRIPT_MIXED,
                            *sp,
                            format!("verso marker in the other script in a {sname} reference"),
                        ),
                        (Verso::Ob, Style::Translation) => push(
                            codes::VERSO_FORM,
                            *sp,
                            "verso written \"ob.\"; the translation style writes \"v\"".to_string(),
                        ),
                        _ => {}
                    }
                }
            }
        }
    }
}

fn canonical_label(style: Style, level: Level) -> &'static str {
    let i = level as usize;
    let labels: [&str; 4] = match style {
        Style::Translation => ["F.", "Op.", "D.", "L."],
        Style::Western => ["f.", "op.", "d.", "l."],
        Style::Cyrillic => ["Ф.", "Оп.", "Д.", "Л."],
    };
    labels.get(i).copied().unwrap_or("")
}

fn synthetic_label(level: Level, span: Span) -> Label {
    Label {
        level,
        span,
        script: Script::Latin,
        upper: false,
        form: Form::Standard,
        plural: false,
        missing_period: false,
        glued: false,
        value_start: span.start,
    }
}

/// "passim" after the file stands for the folios without a label.
fn passim_label(s: &str, q: usize, last: Option<Level>) -> Option<Label> {
    if last != Some(Level::Delo) || !s.get(q..)?.starts_with("passim") {
        return None;
    }
    let mut l = synthetic_label(Level::Folios, Span::new(q, q));
    l.form = Form::Absent;
    Some(l)
}

/// Codes that, repeated on several labels of one reference, are one
/// systematic choice ("ф., оп., д., л." all in lower case), hence one entry.
const SYSTEMATIC: &[&str] = &[codes::LABEL_CASE, codes::LABEL_SPACING, codes::LABEL_PERIOD];

fn merge_systematic(audit: Vec<Audit>) -> Vec<Audit> {
    let mut out: Vec<Audit> = Vec::with_capacity(audit.len());
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for a in audit {
        if SYSTEMATIC.contains(&a.code) {
            if let Some(n) = counts.iter_mut().find(|c| c.0 == a.code) {
                n.1 += 1;
                continue;
            }
            counts.push((a.code, 1));
        }
        out.push(a);
    }
    for (code, n) in counts {
        if n > 1 {
            if let Some(a) = out.iter_mut().find(|a| a.code == code) {
                a.message = format!("{} (and {} more labels)", a.message, n - 1);
            }
        }
    }
    out
}

/// No letter or digit right before `i`.
fn boundary_before(s: &str, i: usize) -> bool {
    s.get(..i).and_then(|p| p.chars().next_back()).is_none_or(|c| !c.is_alphanumeric())
}

/// No letter or digit right after `i`.
fn boundary_after(s: &str, i: usize) -> bool {
    s.get(i..).and_then(|p| p.chars().next()).is_none_or(|c| !c.is_alphanumeric())
}

fn acronym_shaped(tok: &str) -> bool {
    let mut chars = tok.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let mut upper = 1;
    for c in chars {
        if !(c.is_alphabetic() || c == '-') {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 2 && !tok.ends_with('-')
}

/// True when only spaces separate `p` from the end of the line.
fn ends_line(s: &str, p: usize) -> bool {
    let b = s.as_bytes();
    let mut j = p;
    while matches!(b.get(j), Some(b' ' | b'\t' | b'\r')) {
        j += 1;
    }
    matches!(b.get(j), None | Some(b'\n'))
}

/// True when only spaces come before `p` on its line.
pub(crate) fn starts_line(s: &str, p: usize) -> bool {
    let b = s.as_bytes();
    let mut j = p;
    while j > 0 && matches!(b.get(j - 1), Some(b' ' | b'\t')) {
        j -= 1;
    }
    j == 0 || b.get(j - 1) == Some(&b'\n')
}

/// The separator after an ibid marker: "Ibid." → '.', "Ibid.," → ','.
fn ibid_sep(s: &str, end: usize) -> (usize, Sep) {
    let b = s.as_bytes();
    let mut j = end;
    let mut sep = Sep { ch: None, span: Span::new(end, end) };
    if b.get(j) == Some(&b'.') {
        sep = Sep { ch: Some('.'), span: Span::new(j, j + 1) };
        j += 1;
    }
    if b.get(j) == Some(&b',') {
        sep = Sep { ch: Some(','), span: Span::new(j, j + 1) };
        j += 1;
    }
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    if sep.ch.is_none() {
        sep.span = Span::new(end, j);
    }
    (j, sep)
}

fn read_sep(s: &str, p: usize) -> (usize, Sep) {
    let b = s.as_bytes();
    let mut j = p;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let mut sep = Sep { ch: None, span: Span::new(p, j) };
    if let Some(&c) = b.get(j) {
        if matches!(c, b'.' | b',' | b';' | b':') {
            sep = Sep { ch: Some(c as char), span: Span::new(j, j + 1) };
            j += 1;
        }
    }
    let mut n = 0;
    while b.get(j) == Some(&b' ') {
        j += 1;
        n += 1;
    }
    if sep.ch.is_none() && n == 0 && j == p {
        sep.span = Span::new(p, p);
    }
    (j, sep)
}

/// A fond/opis/delo value: "558", "1/S", "R-5674", "3s".
fn read_value(s: &str, i: usize) -> Option<(String, usize)> {
    let rest = s.get(i..)?;
    let mut end = i;
    let mut digit = false;
    let mut prev_joiner = false;
    for (off, c) in rest.char_indices() {
        if c.is_alphanumeric() {
            digit |= c.is_ascii_digit();
            end = i + off + c.len_utf8();
            prev_joiner = false;
        } else if (c == '/' || c == '-') && !prev_joiner && end == i + off {
            prev_joiner = true;
        } else {
            break;
        }
    }
    if !digit {
        return None;
    }
    Some((s.get(i..end)?.to_string(), end))
}

/// One component of compact shorthand: digits, optionally with a letter
/// prefix ("R-5446") or suffix ("1s").
fn short_value(s: &str, i: usize) -> Option<(String, usize)> {
    let rest = s.get(i..)?;
    let mut end = i;
    let mut digit = false;
    for (off, c) in rest.char_indices() {
        if c.is_alphanumeric() || (c == '-' && !digit) {
            digit |= c.is_ascii_digit();
            end = i + off + c.len_utf8();
        } else {
            break;
        }
    }
    if !digit {
        return None;
    }
    Some((s.get(i..end)?.to_string(), end))
}

struct Body {
    elems: Vec<Elem>,
    end: usize,
    terminated: bool,
}

/// Reads `sep label value` elements from `p` in descending level order.
fn parse_elems(s: &str, p: usize, first: Option<Sep>, last: Option<Level>) -> Body {
    let b = s.as_bytes();
    let mut elems: Vec<Elem> = Vec::new();
    let mut p = p;
    let mut last = last;
    let mut end = p;
    let mut terminated = false;
    loop {
        let (q, sep) = match (elems.is_empty(), first) {
            (true, Some(f)) => (p, f),
            _ => read_sep(s, p),
        };
        let Some(label) = labels::read(s, q).or_else(|| passim_label(s, q, last)) else {
            break;
        };
        if last.is_some_and(|l| label.level <= l) {
            break;
        }
        if label.level == Level::Folios {
            let Some(f) = folios::read(s, label.value_start) else {
                break;
            };
            end = f.end;
            terminated = f.terminated;
            elems.push(Elem { label, value: String::new(), sep, folios: Some(f) });
            break;
        }
        let Some((value, vend)) = read_value(s, label.value_start) else {
            break;
        };
        elems.push(Elem { label, value, sep, folios: None });
        end = vend;
        p = vend;
        last = Some(label.level);
    }
    if !terminated && !elems.is_empty() && b.get(end) == Some(&b'.') {
        terminated = true;
        end += 1;
    }
    Body { elems, end, terminated }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_names_do_not_start_like_other_anchors() {
        for r in archives::ROWS {
            for name in [r.latin, r.cyrillic] {
                let first = name.chars().next().unwrap();
                let cases = std::iter::once(first).chain(first.to_lowercase()).chain(first.to_uppercase());
                for c in cases {
                    assert!(!"IiТтFfФф".contains(c), "{name}");
                }
            }
        }
    }

    /// What `anchors` reads from a match's first letter, as the capture
    /// groups give it.
    fn anchors_by_groups(g: &Grammar, text: &str) -> Vec<String> {
        g.anchors
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0)?;
                if !boundary_before(text, whole.start()) {
                    return None;
                }
                if let Some(m) = c.name("ibid") {
                    if !boundary_after(text, m.end()) {
                        return None;
                    }
                    let a = Anchor {
                        start: m.start(),
                        kind: AnchorKind::Ibid {
                            end: m.end(),
                            translated: c.name("mt").is_some(),
                            cyrillic: !m.as_str().is_ascii(),
                        },
                    };
                    return Some(format!("{a:?}"));
                }
                if let Some(m) = c.name("fond") {
                    return Some(format!("{:?}", Anchor { start: m.start(), kind: AnchorKind::Fond }));
                }
                let acr = c.name("acr")?;
                let a = Anchor { start: acr.start(), kind: AnchorKind::Short { acronym_end: acr.end() } };
                Some(format!("{a:?}"))
            })
            .collect()
    }

    #[test]
    fn anchors_agree_with_capture_groups() {
        let g = Grammar::new();
        let mut texts: Vec<String> = [
            "Ibid. L. 5; ibid., l. 6. Там же. Л. 7. там  же; In the same place. F. 76. in the same place",
            "RGASPI 558.1.5403.1; ргаспи 17/3/500; TsGAOR SSSR 5446.1.2; tsgaor  sssr R-5446.1.3",
            "Ф. 558. Оп. 1; fond 17, fund 3, Фонд 5, f.R-5674, F.  76, Ibidem, Tibid. F. x",
        ]
        .map(String::from)
        .to_vec();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for e in std::fs::read_dir(dir).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap_or_default());
        }
        let mut n = 0;
        for t in &texts {
            let fast: Vec<String> = g.anchors(t).map(|a| format!("{a:?}")).collect();
            n += fast.len();
            assert_eq!(fast, anchors_by_groups(&g, t));
        }
        assert!(n > 30, "{n} anchors");
    }
}
