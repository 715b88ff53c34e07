//! Published references ("Lenin V.I. PSS. T. 51. S. 141-142.",
//! "(Source. 1995. No. 5. P. 138)", "(Ibid., pp. 128-129)") and the tail of
//! provenance lines (document form, published source).
//!
//! Recognition is deliberately conservative: a parenthesis (or a note) is a
//! published reference when it carries a page locator and a year, a volume
//! or an issue, and no archival reference. Fields are filled only when their
//! own pattern is present.

use super::audit::codes;
use super::grammar::{AnchorKind, Grammar};
use super::{Audit, Citation, Context, Kind, Part};
use crate::span::Span;
use regex::Regex;

/// A stretch of text judged to be a published reference.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub span: Span,
}

pub(crate) struct Published {
    locator: Regex,
    locator_at: Regex,
    author: Regex,
    year: Regex,
    volume: Regex,
    issue: Regex,
    title_cut: Regex,
    note_number: Regex,
    see: Regex,
    published_label: Regex,
}

/// Longest page locator read after "Ibid." ("pp. 1234 - 1256" and more).
const LOCATOR_WINDOW: usize = 64;

/// Longest parenthesis or note read as one reference; longer ones are prose.
const MAX_REFERENCE: usize = 600;

/// Words of a document-form statement (English translation and Russian).
const FORM_WORDS: &[&str] = &[
    "autograph",
    "copy",
    "typewrit",
    "typescript",
    "manuscript",
    "original",
    "draft",
    "signature",
    "signed",
    "handwrit",
    "carbon",
    "photocopy",
    "certified",
    "excerpt",
    "extract",
    "telegraph tape",
    "telegram",
    "printed text",
    "typographic",
    "letterhead",
    "machine-written",
    "pencil",
    "in ink",
    "автограф",
    "копия",
    "машинопись",
    "подлинник",
    "подпис",
    "рукопись",
    "отпуск",
    "черновик",
    "типографск",
    "заверен",
    "выписка",
];

fn rx(p: &str) -> Regex {
    // Patterns are constants; a failure is a bug every test would catch.
    Regex::new(p).unwrap_or_else(|e| panic!("published regex {p}: {e}"))
}

const PAGE: &str = r"(?:P|S|pp|p|Pp|С|с|C|Стр|стр)\.\s?(\d+(?:\s?-\s?\d+)?)";

impl Published {
    pub(crate) fn new() -> Published {
        Published {
            locator: rx(&format!(r"(?:^|[\s(.,])({PAGE})")),
            locator_at: rx(&format!(r"^{PAGE}")),
            author: rx(r"^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s(?:\p{Lu}\p{Ll}?\.\s?){1,2}"),
            year: rx(r"\b(?:1[5-9]\d\d|20\d\d)\b"),
            volume: rx(r"\b(?:T|Vol|vol|Т|т)\.\s?(\d+)"),
            issue: rx(r"(?:\bNo\.?|№)\s?(\d+)"),
            title_cut: rx(
                r"\s/\s?/|[.,]\s(?:M|L|SPb|Moscow|Leningrad|М|Л|СПб)\.?,?\s|[.,]\s(?:1[5-9]\d\d|20\d\d)(?:[.,)]|\s|$)|\.\s(?:T|Vol|Т|No|№|P|S|С|pp|p)\.?\s?\d",
            ),
            note_number: rx(r"^\s*\d{1,3}\.?\s+"),
            see: rx(r"^(?:See:?|see:?|Cf\.|См\.:?|см\.:?)\s+"),
            published_label: rx(
                r"^(?:(?:First|first)\s+)?(?:[Pp]ublished|[Pp]rinted|Опубл(?:иковано)?\.?|Впервые опубл(?:иковано)?\.?)(?:\s+(?:in|for the first time))?:?\s+",
            ),
        }
    }

    fn has_archival(&self, seg: &str, g: &Grammar) -> bool {
        g.anchors(seg).any(|a| matches!(a.kind, AnchorKind::Fond | AnchorKind::Short { .. }))
    }

    fn looks_published(&self, seg: &str, g: &Grammar) -> bool {
        if seg.len() > MAX_REFERENCE || !may_have_locator(seg) || !self.locator.is_match(seg) {
            return false;
        }
        let ibid = seg.starts_with("Ibid") || seg.starts_with("Там же");
        (ibid || self.year.is_match(seg) || self.volume.is_match(seg) || self.issue.is_match(seg))
            && !self.has_archival(seg, g)
    }

    /// Published-reference candidates in text order.
    pub(crate) fn candidates(&self, text: &str, g: &Grammar) -> Vec<Candidate> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        // Parentheses, matched with a stack reset at each line.
        let mut stack: Vec<usize> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        // Only three bytes matter here; memchr3 skips the prose between them.
        for i in memchr::memchr3_iter(b'(', b')', b'\n', b) {
            match b.get(i) {
                Some(b'(') => stack.push(i),
                Some(b')') => {
                    if let Some(o) = stack.pop() {
                        pairs.push((o, i));
                    }
                }
                Some(b'\n') => stack.clear(),
                _ => {}
            }
        }
        pairs.sort_unstable();
        for (o, c) in pairs {
            if c - o > MAX_REFERENCE {
                continue;
            }
            let Some(content) = text.get(o + 1..c) else {
                continue;
            };
            // Split at "; " as `str::split` would, by memchr: its searcher
            // cost more than the rest of this loop. "; " cannot overlap
            // itself, so every "; " found is a separator.
            let cb = content.as_bytes();
            let seps = memchr::memchr_iter(b';', cb).filter(|&i| cb.get(i + 1) == Some(&b' '));
            let mut seg_start = o + 1;
            for seg_end in seps.map(|i| o + 1 + i).chain(std::iter::once(c)) {
                let seg = text.get(seg_start..seg_end).unwrap_or_default();
                let lead = seg.len() - seg.trim_start().len();
                let mut st = seg_start + lead;
                let mut body = seg.trim();
                // "See", "see", "Cf." and "См."/"см." start with these.
                if body.starts_with(['S', 's', 'C', 'С', 'с']) {
                    if let Some(m) = self.see.find(body) {
                        st += m.end();
                        body = body.get(m.end()..).unwrap_or_default();
                    }
                }
                if self.looks_published(body, g) {
                    out.push(Candidate { span: Span::new(st, st + body.len()) });
                }
                seg_start = seg_end + 2;
            }
        }
        // Notes that are a reference: "2 Lenin V.I. PSS. T. 51. S. 141-142."
        // Lines by memchr, as `split('\n')` gives them, for the same reason.
        let mut line_start = 0;
        for line_end in memchr::memchr_iter(b'\n', b).chain(std::iter::once(text.len())) {
            let line = text.get(line_start..line_end).unwrap_or_default();
            let mut st = line_start;
            let mut body = line.trim_end();
            // The note number is digits after optional spaces; a byte test
            // spares its regex on the lines that start otherwise (`\s` and
            // `trim_start` share Unicode's White_Space).
            // Non-ASCII first bytes go to the regex: its `\d` is any Unicode digit.
            if body.trim_start().as_bytes().first().is_some_and(|&c| c.is_ascii_digit() || c >= 0x80) {
                if let Some(m) = self.note_number.find(body) {
                    st += m.end();
                    body = body.get(m.end()..).unwrap_or_default();
                }
            }
            // An author starts with a capital: ASCII A-Z or a non-ASCII
            // letter, which the regex judges.
            if matches!(body.as_bytes().first(), Some(b'A'..=b'Z' | 0x80..))
                && self.author.is_match(body)
                && self.looks_published(body, g)
            {
                out.push(Candidate { span: Span::new(st, st + body.len()) });
            }
            line_start = line_end + 1;
        }
        out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
        out
    }

    fn fill(&self, c: &mut Citation, body: &str) {
        let pages = self.locator.find_iter(body).last().map(locator_parts);
        let limit = pages.map_or(body.len(), |(start, _)| start);
        if let Some((_, p)) = pages {
            c.pages = Some(p.replace(' ', ""));
        }
        let author = self.author.find(body);
        if let Some(m) = author {
            c.author = Some(m.as_str().trim().to_string());
        }
        let head = body.get(..limit).unwrap_or(body);
        let bytes = head.as_bytes();
        c.year = self
            .year
            .find_iter(head)
            .filter(|m| {
                bytes.get(m.end()) != Some(&b'-') && !(m.start() > 0 && bytes.get(m.start() - 1) == Some(&b'-'))
            })
            .last()
            .map(|m| m.as_str().to_string());
        c.volume = self.volume.find(head).map(|m| after_label(m.as_str()).to_string());
        c.issue = self.issue.find(head).map(|m| after_label(m.as_str()).to_string());
        let tstart = author.map_or(0, |m| m.end());
        if let Some(rest) = body.get(tstart..) {
            let cut = self.title_cut.find(rest).map_or(rest.len(), |m| m.start());
            let title = rest.get(..cut).unwrap_or_default().trim().trim_end_matches(['.', ',']).trim();
            if !title.is_empty() && !title.starts_with("Ibid") && cut < rest.len() {
                c.title = Some(title.to_string());
            }
        }
    }

    /// Builds the published reference of a candidate.
    pub(crate) fn build(&self, text: &str, cand: &Candidate, ctx: &Context) -> Citation {
        let body = text.get(cand.span.range()).unwrap_or_default();
        let mut c = Citation::empty(Kind::Published, cand.span, text);
        if body.starts_with("Ibid") || body.starts_with("Там же") {
            c.ibid = true;
            if let Some((_, p)) = self.locator.find_iter(body).last().map(locator_parts) {
                c.pages = Some(p.replace(' ', ""));
            }
            self.inherit(&mut c, ctx, Span::new(cand.span.start, cand.span.start + 4));
        } else {
            self.fill(&mut c, body);
        }
        c
    }

    fn inherit(&self, c: &mut Citation, ctx: &Context, marker: Span) {
        match ctx.last() {
            Some(last) if last.kind == Kind::Published => {
                let fields: [(&Option<String>, &mut Option<String>, &'static str); 4] = [
                    (&last.author, &mut c.author, "author"),
                    (&last.title, &mut c.title, "title"),
                    (&last.year, &mut c.year, "year"),
                    (&last.volume, &mut c.volume, "volume"),
                ];
                let mut names = Vec::new();
                for (from, to, name) in fields {
                    if from.is_some() {
                        to.clone_from(from);
                        names.push(name);
                    }
                }
                if last.issue.is_some() {
                    c.issue.clone_from(&last.issue);
                    names.push("issue");
                }
                c.inherited = names;
            }
            Some(_) => {}
            None => c.audit.push(Audit {
                code: codes::IBID_UNRESOLVED,
                message: "\"Ibid.\" with no earlier reference to refer to".to_string(),
                span: marker,
            }),
        }
    }

    /// "Ibid., pp. 128-129" outside parentheses: a published ibid when a page
    /// locator follows the marker.
    pub(crate) fn ibid(&self, s: &str, start: usize, after: usize, ctx: &Context) -> Option<Citation> {
        // The locator is short; a bounded window keeps one search from
        // scanning the rest of a long text (once per "Ibid").
        let mut cut = (after + LOCATOR_WINDOW).min(s.len());
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        let rest = s.get(after..cut)?;
        let m = self.locator_at.find(rest)?;
        let mut end = after + m.end();
        if s.as_bytes().get(end) == Some(&b'.') {
            end += 1;
        }
        let span = Span::new(start, end);
        let mut c = Citation::empty(Kind::Published, span, s);
        c.ibid = true;
        c.pages = Some(after_label(m.as_str()).replace(' ', ""));
        self.inherit(&mut c, ctx, Span::new(start, after));
        Some(c)
    }

    /// The document form and published source after a reference that starts
    /// a line, and where they end.
    pub(crate) fn tail(&self, text: &str, end: usize) -> (Option<Part>, Option<Part>, usize) {
        let b = text.as_bytes();
        let line_end = memchr::memchr(b'\n', b.get(end..).unwrap_or_default()).map_or(text.len(), |i| end + i);
        let mut p = end;
        while b.get(p) == Some(&b' ') {
            p += 1;
        }
        let mut form: Option<Part> = None;
        if b.get(p) == Some(&b'(') {
            // Russian style: "Л. 3 (автограф)."
            if let Some(close) = memchr::memchr(b')', b.get(p..line_end).unwrap_or_default()) {
                let inner = Span::new(p + 1, p + close);
                if text.get(inner.range()).is_some_and(is_form) {
                    form = Some(Part { text: text.get(inner.range()).unwrap_or_default().to_string(), span: inner });
                    let mut q = p + close + 1;
                    if b.get(q) == Some(&b'.') {
                        q += 1;
                    }
                    return (form, None, q);
                }
            }
        }
        let mut form_start = p;
        let mut form_end = p;
        let mut q = p;
        while q < line_end {
            // The sentence ends at a period followed by a space or the line end.
            let mut dot = q;
            let sentence_end = loop {
                match memchr::memchr(b'.', b.get(dot..line_end).unwrap_or_default()) {
                    Some(i) => {
                        let d = dot + i;
                        if matches!(b.get(d + 1), None | Some(b' ' | b'\n' | b'\r')) || d + 1 >= line_end {
                            break d;
                        }
                        dot = d + 1;
                    }
                    None => break line_end,
                }
            };
            let sentence = text.get(q..sentence_end).unwrap_or_default();
            if sentence.len() > 200 || !is_form(sentence) {
                break;
            }
            if form.is_none() && form_end == form_start {
                form_start = q;
            }
            form_end = sentence_end;
            q = (sentence_end + 1).min(line_end);
            while b.get(q) == Some(&b' ') {
                q += 1;
            }
        }
        if form_end > form_start {
            let span = Span::new(form_start, form_end);
            form = Some(Part { text: text.get(span.range()).unwrap_or_default().to_string(), span });
        }
        let mut pub_end = line_end;
        while pub_end > q && matches!(b.get(pub_end - 1), Some(b' ' | b'\r' | b'\t')) {
            pub_end -= 1;
        }
        let mut published = None;
        let mut consumed = if form.is_some() { q } else { end };
        let rest = text.get(q..pub_end).unwrap_or_default();
        // After a form statement any dated remainder is the publication; with
        // no form it must itself look like a bibliographic reference, or the
        // prose of a note that starts with a reference would be taken.
        let is_published = if form.is_some() {
            rest.bytes().any(|c| c.is_ascii_digit())
        } else {
            rest.len() <= MAX_REFERENCE
                && self.locator.is_match(rest)
                && (self.year.is_match(rest) || self.volume.is_match(rest) || self.issue.is_match(rest))
        };
        if is_published {
            let text_end = if rest.ends_with('.') { pub_end - 1 } else { pub_end };
            // "Published: Izvestia TsK KPSS. 1989 …": the label is not the source.
            let from = q + self.published_label.find(rest).map_or(0, |m| m.end());
            let span = Span::new(from.min(text_end), text_end);
            published = Some(Part { text: text.get(span.range()).unwrap_or_default().to_string(), span });
            consumed = pub_end;
        }
        (form, published, consumed)
    }
}

// The capture groups of `locator`, `locator_at`, `volume` and `issue` are
// read off their matches: a capture search runs the engine's backtracker
// over the match again, which was most of the cost of building a published
// reference (a test compares with the groups).

/// The number group of a match of `PAGE`, `volume` or `issue`: what follows
/// the label's period (or "No" or "№") and at most one space. No label has a
/// period inside, and `\d` is never `\s` (White_Space, as `trim_start`).
fn after_label(m: &str) -> &str {
    let rest = match m.find('.') {
        Some(i) => m.get(i + 1..).unwrap_or_default(),
        None => m.strip_prefix("No").or_else(|| m.strip_prefix('№')).unwrap_or(m),
    };
    rest.trim_start()
}

/// Where a match of `locator` has its group 1 (the locator, without the
/// character before it) and its group 2 (the pages). The character before
/// is `[\s(.,]`, never the first letter of a page label; at the text start
/// `^` takes its place.
fn locator_parts(m: regex::Match<'_>) -> (usize, &str) {
    let s = m.as_str();
    let lead =
        s.chars().next().filter(|&c| c.is_whitespace() || matches!(c, '(' | '.' | ',')).map_or(0, char::len_utf8);
    (m.start() + lead, after_label(s.get(lead..).unwrap_or_default()))
}

/// False when `locator` cannot match: a page locator has a period followed
/// by a digit or by a space. A non-ASCII byte may start a Unicode digit or
/// space (`\d`, `\s`), so it passes; so do ASCII digits and White_Space.
fn may_have_locator(seg: &str) -> bool {
    let b = seg.as_bytes();
    memchr::memchr_iter(b'.', b)
        .any(|i| b.get(i + 1).is_some_and(|&c| c.is_ascii_digit() || matches!(c, 0x09..=0x0D | b' ' | 0x80..)))
}

fn is_form(s: &str) -> bool {
    let lower = s.to_lowercase();
    FORM_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings around page, volume and issue locators: labels, periods,
    /// spaces of several kinds, ranges, non-ASCII digits, text around.
    fn samples() -> Vec<String> {
        let labels = ["P", "S", "pp", "p", "Pp", "С", "с", "C", "Стр", "стр", "T", "Vol", "vol", "Т", "т", "No", "№"];
        let gaps = ["", " ", "\u{a0}", "\t", "\u{2003}", "  ", "\n"];
        let numbers = ["5", "141-142", "9 -19", "12 - 13", "7- 8", "٣٤", "१२-१३", "0", "1989"];
        let before = ["", " ", "(", ".", ",", "x", "\u{a0}", "Lenin V.I. PSS", "1995. ", "Ibid., "];
        let after = ["", ".", ")", " and 7", "; P. 9", "-", ". No. 5. P. 3"];
        let mut out = Vec::new();
        for b in before {
            for l in labels {
                for dot in [".", ""] {
                    for g in gaps {
                        for n in numbers {
                            for a in after {
                                out.push(format!("{b}{l}{dot}{g}{n}{a}"));
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// `candidates` as it was: `str::split` for lines and "; ", every
    /// regex run without a pre-test.
    fn candidates_by_split(p: &Published, text: &str, g: &Grammar) -> Vec<Candidate> {
        let looks = |seg: &str| {
            seg.len() <= MAX_REFERENCE
                && p.locator.is_match(seg)
                && (seg.starts_with("Ibid")
                    || seg.starts_with("Там же")
                    || p.year.is_match(seg)
                    || p.volume.is_match(seg)
                    || p.issue.is_match(seg))
                && !p.has_archival(seg, g)
        };
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut stack: Vec<usize> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'(' => stack.push(i),
                b')' => {
                    if let Some(o) = stack.pop() {
                        pairs.push((o, i));
                    }
                }
                b'\n' => stack.clear(),
                _ => {}
            }
        }
        pairs.sort_unstable();
        for (o, c) in pairs {
            let Some(content) = text.get(o + 1..c).filter(|_| c - o <= MAX_REFERENCE) else {
                continue;
            };
            let mut seg_start = o + 1;
            for seg in content.split("; ") {
                let mut st = seg_start + seg.len() - seg.trim_start().len();
                let mut body = seg.trim();
                if let Some(m) = p.see.find(body) {
                    st += m.end();
                    body = &body[m.end()..];
                }
                if looks(body) {
                    out.push(Candidate { span: Span::new(st, st + body.len()) });
                }
                seg_start += seg.len() + 2;
            }
        }
        let mut line_start = 0;
        for line in text.split('\n') {
            let mut st = line_start;
            let mut body = line.trim_end();
            if let Some(m) = p.note_number.find(body) {
                st += m.end();
                body = &body[m.end()..];
            }
            if p.author.is_match(body) && looks(body) {
                out.push(Candidate { span: Span::new(st, st + body.len()) });
            }
            line_start += line.len() + 1;
        }
        out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
        out
    }

    #[test]
    fn candidates_agree_with_split_and_unguarded_regexes() {
        let (p, g) = (Published::new(), Grammar::new());
        let mut texts: Vec<String> = samples().chunks(40).map(|c| format!("({})", c.join("; "))).collect();
        texts.extend(samples().chunks(40).map(|c| c.join("\n")));
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for e in std::fs::read_dir(dir).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap_or_default());
        }
        texts.push(
            "(See: Lenin V.I. PSS. T. 51. S. 141-142;  see Source. 1995. No. 5. P. 138; ; Cf. Ibid., p. 5) \
             (См. Там же. С. 7; см.: Известия. 1989. № 11. С. 179) (x; y;z) (Vol.\u{a0}3, p.\u{2003}9) (1925)\n\
             2 Lenin V.I. PSS. T. 51. S. 141-142.\n  ٣ Medvedev R.A. On Stalin. M., 1990. S. 129-136\n\
             Ivanov I.I. Notes. 1990. P. 5; RGASPI. F. 17. Op. 3. D. 5. L. 1\n"
                .to_string(),
        );
        let mut n = 0;
        for t in &texts {
            let fast: Vec<(usize, usize)> = p.candidates(t, &g).iter().map(|c| (c.span.start, c.span.end)).collect();
            let slow: Vec<(usize, usize)> =
                candidates_by_split(&p, t, &g).iter().map(|c| (c.span.start, c.span.end)).collect();
            assert_eq!(fast, slow, "{t:?}");
            n += fast.len();
        }
        assert!(n > 1000, "{n} candidates");
        for s in samples() {
            assert!(may_have_locator(&s) || !p.locator.is_match(&s), "{s:?}");
        }
    }

    #[test]
    fn groups_are_read_off_the_matches() {
        let p = Published::new();
        let mut n = 0;
        for s in samples() {
            let by_groups = p.locator.captures_iter(&s).last().map(|c| {
                let (g1, g2) = (c.get(1).map(|m| m.start()), c.get(2).map(|m| m.as_str()));
                (g1.unwrap_or(usize::MAX), g2.unwrap_or("?"))
            });
            assert_eq!(p.locator.find_iter(&s).last().map(locator_parts), by_groups, "{s:?}");
            let at = p.locator_at.captures(&s).and_then(|c| c.get(1)).map(|m| m.as_str());
            assert_eq!(p.locator_at.find(&s).map(|m| after_label(m.as_str())), at, "{s:?}");
            for rx in [&p.volume, &p.issue] {
                let by_group = rx.captures(&s).and_then(|c| c.get(1)).map(|m| m.as_str());
                assert_eq!(rx.find(&s).map(|m| after_label(m.as_str())), by_group, "{s:?}");
                n += usize::from(by_group.is_some());
            }
        }
        assert!(n > 10_000, "{n} matches");
    }
}
