//! Matching gazetteer forms in text, with Unicode word boundaries and
//! disambiguation.
//!
//! All forms of all entries go into one Aho–Corasick automaton, built once
//! and reused. A form is taken only on word boundaries (no letter, digit or
//! combining mark on either side, judged by Unicode, so `Lenin` is not found
//! in `Leningrad`, `Leninist` or `Leninа` with a Cyrillic `а`): at each word
//! start, left to right, the longest form that also ends on a boundary
//! (`Antonov-Ovseenkovsky` still yields `Antonov`), and the next search
//! starts after it. That is what an unanchored leftmost-longest scan
//! filtered by boundaries finds (a test holds the two equal), but the
//! automaton is walked only from word starts whose first two bytes begin
//! some form, never over the bytes inside words: a fraction of the bytes,
//! and each walk is at most as long as the longest form.

use super::gazetteer::{EntryIdx, Gazetteer};
use super::patterns::{self, Recall};
use super::variants::{self, FormKind};
use super::{resolved_by, Label, MatchSource, Mention};
use crate::span::Span;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{dfa, AhoCorasickKind, Anchored, Input, MatchKind, PatternID, StartKind};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::time::{Duration, Instant};

/// Above this many bytes of patterns the automaton is a contiguous NFA
/// instead of a full DFA. Measured (release, 2 shared cores): the mini
/// gazetteer (56 people, 1,400 patterns, 20 KB) builds as a DFA in ~25 ms;
/// 560 people (10,000 patterns, 180 KB) take ~250-330 ms as a DFA but ~33 ms
/// as a contiguous NFA, and the shipped gazetteer's DFA, though it scans
/// twice as fast, made no whole run faster. So the DFA is kept to small sets,
/// where its build cost is negligible.
const DFA_MAX_PATTERN_BYTES: usize = 64_000;

/// One entry's claim on a pattern.
#[derive(Clone, Copy, Debug)]
struct Claim {
    entry: EntryIdx,
    rule: &'static str,
    kind: FormKind,
    /// The form contains the person's surname, so resolving it counts as
    /// an earlier mention of that surname (a nickname or `Zinaida Gavrilovna`
    /// says nothing about which Ordzhonikidze a later bare surname means).
    names_surname: bool,
}

/// Per-document state for disambiguation: which entries were resolved in
/// this document, most recent last. Create one per document (or
/// [`DocContext::clear`] it) so that a `Smirnov` resolved in one letter does
/// not decide a `Smirnov` in the next.
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    /// By entry index: the document (`generation`) and the order in it of
    /// the entry's last resolution (0: never). Indexed rather than hashed,
    /// and forgotten by moving to the next generation rather than cleared:
    /// it is asked for every mention and reset for every document.
    seen: Vec<(u32, u64)>,
    generation: u32,
    counter: u64,
}

impl DocContext {
    /// A fresh context.
    pub fn new() -> DocContext {
        DocContext::default()
    }

    /// Forgets everything (start of a new document).
    pub fn clear(&mut self) {
        self.counter = 0;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // After 2^32 documents the old generations come round again.
            self.seen.clear();
        }
    }

    /// Records that a form naming `entry`'s surname was resolved (by
    /// something other than `default`).
    pub fn record(&mut self, entry: EntryIdx) {
        let i = entry.0 as usize;
        if i >= self.seen.len() {
            self.seen.resize(i + 1, (0, 0));
        }
        self.counter += 1;
        self.seen[i] = (self.generation, self.counter);
    }

    /// Among `candidates`, the one resolved most recently in this document.
    pub fn most_recent(&self, candidates: &[EntryIdx]) -> Option<EntryIdx> {
        let when = |c: &EntryIdx| match self.seen.get(c.0 as usize) {
            Some(&(g, n)) if g == self.generation && n > 0 => Some((n, *c)),
            _ => None,
        };
        candidates.iter().filter_map(when).max().map(|(_, c)| c)
    }
}

/// A multiply-rotate hash (rustc's FxHash, by bytes) for the set of
/// non-person words: it is asked for every candidate surname, short words
/// whose SipHash cost more than the rest of the test, and its keys come from
/// the gazetteer, not from the text, so flooding is no concern.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Evaluates `$body` with `$a` bound to the automaton, whichever its kind:
/// the walk is generic, so each kind gets its own inlined loop with no
/// dynamic call per byte.
macro_rules! with_forms {
    ($forms:expr, $a:ident => $body:expr) => {
        match $forms {
            Forms::Dfa($a) => $body,
            Forms::Nfa($a) => $body,
        }
    };
}

/// The compiled matcher. Build once with [`Matcher::new`], apply to many texts.
pub struct Matcher {
    gaz: Gazetteer,
    forms: Forms,
    /// Where a walk can start at all.
    starts: Starts,
    /// For pattern id `i`, its claims are `claims[ranges[i].0..ranges[i].1]`.
    ranges: Vec<(u32, u32)>,
    claims: Vec<Claim>,
    /// People whose surname another person shares (then initials decide).
    shared_surname: Vec<bool>,
    /// Single-word place and organisation forms: never a surname in recall.
    non_person_words: HashSet<String, BuildHasherDefault<WordHasher>>,
    recall: Recall,
    build_time: Duration,
    pattern_bytes: usize,
}

impl Matcher {
    /// Compiles the gazetteer's forms (and the recall patterns). Fails only
    /// if the pattern set exceeds the automaton's size limits.
    pub fn new(gaz: Gazetteer) -> Result<Matcher, aho_corasick::BuildError> {
        let t0 = Instant::now();
        let n = gaz.len();
        let mut primary: HashMap<String, Vec<Claim>> = HashMap::new();
        let mut derived: HashMap<String, Vec<Claim>> = HashMap::new();
        let mut non_person_words = HashSet::default();
        for (i, e) in gaz.entries().iter().enumerate() {
            let idx = EntryIdx(i as u32);
            for f in variants::forms(e) {
                if e.label != Label::Person && !f.text.contains(' ') {
                    non_person_words.insert(f.text.clone());
                }
                let names_surname = e.label == Label::Person
                    && (matches!(f.kind, FormKind::Surname | FormKind::Initials(..))
                        || f.text.contains(e.surname.as_str()));
                let claim = Claim { entry: idx, rule: f.rule, kind: f.kind, names_surname };
                let map = if f.derived { &mut derived } else { &mut primary };
                map.entry(f.text).or_default().push(claim);
            }
        }
        // A derived form survives only if every entry claiming it (primary or
        // derived) has the same surname as the entries deriving it, and it is
        // not an English word.
        let family = |c: &Claim| -> &str {
            let e = gaz.entry(c.entry);
            if e.label == Label::Person {
                e.surname.as_str()
            } else {
                e.id.as_str()
            }
        };
        for (text, claims) in derived {
            if variants::is_english_word(&text) {
                continue;
            }
            let Some(first) = claims.first() else {
                continue;
            };
            let fam = family(first);
            let others = primary.get(&text).map(|v| v.as_slice()).unwrap_or(&[]);
            if claims.iter().chain(others).all(|c| family(c) == fam) {
                primary.entry(text).or_default().extend(claims);
            }
        }
        let mut texts: Vec<(String, Vec<Claim>)> = primary.into_iter().collect();
        texts.sort_by(|a, b| a.0.cmp(&b.0));
        let mut ranges = Vec::with_capacity(texts.len());
        let mut claims = Vec::new();
        let mut pats = Vec::with_capacity(texts.len());
        for (text, mut cs) in texts {
            // One claim per entry: its first (most specific) rule.
            let mut seen = HashSet::new();
            cs.retain(|c| seen.insert(c.entry));
            let start = claims.len() as u32;
            claims.extend(cs);
            ranges.push((start, claims.len() as u32));
            pats.push(text);
        }
        let pattern_bytes: usize = pats.iter().map(String::len).sum();
        let starts = Starts::new(&pats);
        let forms = Forms::new(&pats, pattern_bytes)?;
        let mut shared_surname = vec![false; n];
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in gaz.entries().iter().enumerate() {
            if e.label == Label::Person && !e.surname.is_empty() {
                by_surname.entry(e.surname.as_str()).or_default().push(i);
            }
        }
        for v in by_surname.values().filter(|v| v.len() > 1) {
            for i in v {
                shared_surname[*i] = true;
            }
        }
        let recall = Recall::new();
        Ok(Matcher {
            gaz,
            forms,
            starts,
            ranges,
            claims,
            shared_surname,
            non_person_words,
            recall,
            build_time: t0.elapsed(),
            pattern_bytes,
        })
    }

    /// The gazetteer the matcher was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Number of distinct pattern strings in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.ranges.len()
    }

    /// Total bytes of the pattern strings.
    pub fn pattern_bytes(&self) -> usize {
        self.pattern_bytes
    }

    /// How long [`Matcher::new`] took.
    pub fn build_time(&self) -> Duration {
        self.build_time
    }

    /// Heap bytes of the automaton: what a scan keeps in cache.
    pub fn automaton_bytes(&self) -> usize {
        with_forms!(&self.forms, a => a.memory_usage())
    }

    /// The automaton kind chosen (DFA for small gazetteers).
    pub fn automaton_kind(&self) -> AhoCorasickKind {
        match self.forms {
            Forms::Dfa(_) => AhoCorasickKind::DFA,
            Forms::Nfa(_) => AhoCorasickKind::ContiguousNFA,
        }
    }

    /// The entries (and rules) claiming the pattern that `text` is, if it is
    /// a pattern; for diagnostics and `opis gazetteer` tooling.
    pub fn claims_of(&self, text: &str) -> Vec<(EntryIdx, &'static str)> {
        let longest = with_forms!(&self.forms, a => longest_form(a, text, 0, |_| true));
        match longest {
            Some((end, pid)) if end == text.len() => {
                self.claims_for(pid.as_usize()).iter().map(|c| (c.entry, c.rule)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The bare unanchored leftmost-longest scan of every byte, no boundary
    /// check and no disambiguation: what a plain Aho–Corasick matcher does
    /// (pyahocorasick, flashtext), the speed baseline for benchmarks.
    pub fn scan_count(&self, text: &str) -> usize {
        let input = Input::new(text);
        // Unanchored searches cannot fail: both kinds are built for them.
        with_forms!(&self.forms, a => a.try_find_iter(input).map_or(0, |it| it.count()))
    }

    /// The matching [`Matcher::find_gazetteer`] does, without the
    /// disambiguation: the automaton walked from the word starts a form can
    /// begin at. Counts the forms taken (on word boundaries); the speed
    /// baseline of the matching step itself.
    pub fn walk_count(&self, text: &str) -> usize {
        let mut n = 0;
        let mut count = |_: Span, _: PatternID| n += 1;
        with_forms!(&self.forms, a => self.walk(a, text, &mut count));
        n
    }

    fn claims_for(&self, pid: usize) -> &[Claim] {
        match self.ranges.get(pid) {
            Some(&(s, e)) => self.claims.get(s as usize..e as usize).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Finds every mention in `text` and appends them to `out`, sorted by
    /// position: gazetteer forms first, then recall patterns where no
    /// gazetteer form matched. `ctx` carries resolutions across the calls
    /// for one document.
    pub fn find(&self, text: &str, ctx: &mut DocContext, out: &mut Vec<Mention>) {
        let first = out.len();
        self.find_gazetteer(text, ctx, out);
        let gaz_end = out.len();
        self.recall.find(text, self, first, gaz_end, out);
        if out.len() > gaz_end {
            out[first..].sort_by_key(|m| (m.span.start, m.span.end));
        }
    }

    /// Gazetteer forms only (no recall patterns).
    pub fn find_gazetteer(&self, text: &str, ctx: &mut DocContext, out: &mut Vec<Mention>) {
        // Where the last form taken ends: initials before a surname are
        // looked for after it only, so that a form ending in initials
        // (`Zhuravlev V. V.`) does not lend them to the next name too.
        let mut floor = 0;
        let mut take = |span: Span, pid: PatternID| {
            if let Some(mention) = self.resolve(text, span, pid.as_usize(), floor, ctx) {
                out.push(mention);
            }
            floor = span.end;
        };
        with_forms!(&self.forms, a => self.walk(a, text, &mut take));
    }

    /// Left to right, the longest form at each word start that also ends on
    /// a word boundary; the next search starts after it. This is what
    /// filtering an unanchored leftmost-longest scan by boundaries gives
    /// (a form starting inside a word is never taken, and the longest form at
    /// a start is tried before its shorter prefixes), without running the
    /// automaton over the bytes inside words or over words no form can begin
    /// with: lower-case words, mostly.
    fn walk<A: Automaton>(&self, a: &A, text: &str, found: &mut impl FnMut(Span, PatternID)) {
        let b = text.as_bytes();
        // Blocks of 64 bytes, each turned into a bit mask of the positions
        // a form may start at (word starts, and bytes outside ASCII letters
        // and digits that some form begins with): no branch per byte, and a
        // word start is a set bit rather than a loop that mispredicts at
        // the end of every word.
        let mut resume = 0;
        let mut prev_alnum = false;
        for (k, block) in b.chunks(64).enumerate() {
            let base = k * 64;
            let (alnum, special) = self.starts.classes(block);
            let mut cand = (alnum & !(alnum << 1 | u64::from(prev_alnum))) | special;
            prev_alnum = alnum >> 63 == 1;
            if resume > base {
                cand &= u64::MAX.checked_shl((resume - base) as u32).unwrap_or(0);
            }
            while cand != 0 {
                let p = base + cand.trailing_zeros() as usize;
                cand &= cand - 1;
                // No form begins with a UTF-8 continuation byte, so `p` is a
                // char boundary.
                if !self.starts.may_start(b, p) || !boundary_before(text, p) {
                    continue;
                }
                if let Some((end, pid)) = longest_form(a, text, p, |end| boundary_after(text, end)) {
                    found(Span::new(p, end), pid);
                    resume = end;
                    cand &= u64::MAX.checked_shl((end - base) as u32).unwrap_or(0);
                }
            }
        }
    }

    /// The mention a form found at `span` makes; initials before it are
    /// read back to `floor` at most.
    fn resolve(&self, text: &str, mut span: Span, pid: usize, floor: usize, ctx: &mut DocContext) -> Option<Mention> {
        let initials = || {
            let (i, a, b) = patterns::preceding_initials(text.get(floor..)?, span.start.checked_sub(floor)?)?;
            Some((i + floor, a, b))
        };
        let claims = self.claims_for(pid);
        let first = claims.first()?;
        // Fast path, no allocation: one claim and no initials to check.
        if let [only] = claims {
            let check_initials = only.kind == FormKind::Surname && initials().is_some();
            if !check_initials {
                let how = if matches!(only.kind, FormKind::Initials(..)) && self.shared(only.entry) {
                    resolved_by::INITIALS
                } else {
                    resolved_by::UNIQUE
                };
                if only.names_surname {
                    ctx.record(only.entry);
                }
                return Some(Mention {
                    span,
                    label: self.label_of(only.entry),
                    id: Some(only.entry),
                    candidates: Vec::new(),
                    resolved_by: Some(how),
                    rule: only.rule,
                    source: MatchSource::Gazetteer,
                });
            }
        }
        let mut cands: Vec<Claim> = claims.to_vec();
        if patterns::comrade_cue(text, span.start).is_some()
            && cands.iter().any(|c| self.label_of(c.entry) == Label::Person)
        {
            cands.retain(|c| self.label_of(c.entry) == Label::Person);
        }
        let mut by_initials = false;
        let mut extended = false;
        if cands.iter().all(|c| c.kind == FormKind::Surname) {
            if let Some((istart, a, b)) = initials() {
                let fit = |c: &Claim, strict: bool| {
                    let e = self.gaz.entry(c.entry);
                    e.given.starts_with(a) && (!strict || b.is_none_or(|b| e.patronymic.starts_with(b)))
                };
                let mut fits: Vec<Claim> = cands.iter().copied().filter(|c| fit(c, true)).collect();
                // A surname only one person has: the first initial is enough,
                // since a wrong patronymic initial is far more often the
                // translation's slip (`V. M. Maksimovsky` for V. N.) than a
                // namesake. Between namesakes both initials must fit.
                if fits.is_empty() {
                    if let [only] = cands.as_slice() {
                        if !self.shared(only.entry) && fit(only, false) {
                            fits.push(*only);
                        }
                    }
                }
                span.start = istart;
                extended = true;
                if fits.is_empty() {
                    // Initials that fit nobody: a namesake the gazetteer does not know.
                    return Some(Mention {
                        span,
                        label: Label::Person,
                        id: None,
                        candidates: Vec::new(),
                        resolved_by: None,
                        rule: patterns::RULE_INITIALS_UNKNOWN,
                        source: MatchSource::Pattern,
                    });
                }
                by_initials = fits.len() < cands.len() || fits.iter().any(|c| self.shared(c.entry));
                cands = fits;
            }
        }
        let candidates: Vec<EntryIdx> =
            if claims.len() > 1 { claims.iter().map(|c| c.entry).collect() } else { Vec::new() };
        let mention = |c: &Claim, how: &'static str| Mention {
            span,
            label: self.label_of(c.entry),
            id: Some(c.entry),
            candidates: candidates.clone(),
            resolved_by: Some(how),
            rule: if extended { patterns::RULE_INITIALS_BEFORE } else { c.rule },
            source: MatchSource::Gazetteer,
        };
        if let [only] = cands.as_slice() {
            let how = if by_initials || (matches!(only.kind, FormKind::Initials(..)) && self.shared(only.entry)) {
                resolved_by::INITIALS
            } else {
                // Also when a title (`Comrade Perm`) left one person among a
                // person and a place: unique among the entries that fit.
                resolved_by::UNIQUE
            };
            if only.names_surname {
                ctx.record(only.entry);
            }
            return Some(mention(only, how));
        }
        let ids: Vec<EntryIdx> = cands.iter().map(|c| c.entry).collect();
        // An earlier mention decides between namesakes only: that a person
        // called Perm was mentioned says nothing about whether a later bare
        // `Perm` is the city.
        let all_people = cands.iter().all(|c| self.label_of(c.entry) == Label::Person);
        if let Some(e) = ctx.most_recent(&ids).filter(|_| all_people) {
            if let Some(c) = cands.iter().find(|c| c.entry == e) {
                if c.names_surname {
                    ctx.record(e);
                }
                return Some(mention(c, resolved_by::EARLIER_MENTION));
            }
        }
        let defaults: Vec<&Claim> = cands.iter().filter(|c| self.gaz.entry(c.entry).flags.default).collect();
        if let [d] = defaults.as_slice() {
            return Some(mention(d, resolved_by::DEFAULT));
        }
        let label = cands.first().map(|c| self.label_of(c.entry)).unwrap_or(self.label_of(first.entry));
        Some(Mention {
            span,
            label,
            id: None,
            candidates: ids,
            resolved_by: None,
            rule: first.rule,
            source: MatchSource::Gazetteer,
        })
    }

    fn label_of(&self, e: EntryIdx) -> Label {
        self.gaz.entry(e).label
    }

    fn shared(&self, e: EntryIdx) -> bool {
        self.shared_surname.get(e.get()).copied().unwrap_or(false)
    }

    pub(crate) fn recall_patterns(&self) -> &Recall {
        &self.recall
    }

    /// True when `word` is a single-word place or organisation form.
    pub(crate) fn is_non_person_word(&self, word: &str) -> bool {
        self.non_person_words.contains(word)
    }

    /// Names in a heading or signature line, where every comma-, `and`-,
    /// `to`- or dash-separated item that looks like a name is a person
    /// ("G. L. Pyatakov, K. B. Radek, V. N. Yakovleva - Eastpart, Central
    /// Committee of the RCP (b)"; "In. Stukov"; "Shevardin"): a gazetteer
    /// person keeps its id and its span grows to the whole name (`In.
    /// Stukov`); a gazetteer place or organisation stays what it is; an
    /// unknown name becomes a person with id `None` (rule `list-name`).
    /// Items that do not look like names get the ordinary [`Matcher::find`].
    pub fn names_in_list(&self, text: &str, ctx: &mut DocContext, out: &mut Vec<Mention>) {
        let mut tmp = Vec::new();
        for item in patterns::list_items(text) {
            let Some(slice) = text.get(item.range()) else {
                continue;
            };
            tmp.clear();
            self.find(slice, ctx, &mut tmp);
            for m in tmp.iter_mut() {
                m.span = m.span.shift(item.start);
            }
            let name = patterns::parse_list_name(slice, self).map(|n| n.shift(item.start));
            let Some(name) = name else {
                out.append(&mut tmp);
                continue;
            };
            if tmp.iter().any(|m| m.label != Label::Person && m.span.overlaps(name)) {
                out.append(&mut tmp);
                continue;
            }
            let person = tmp.iter().rev().find(|m| m.label == Label::Person && name.contains(m.span)).cloned();
            match person {
                Some(mut m) => {
                    m.span = name;
                    out.push(m);
                }
                None => out.push(Mention {
                    span: name,
                    label: Label::Person,
                    id: None,
                    candidates: Vec::new(),
                    resolved_by: None,
                    rule: patterns::RULE_LIST_NAME,
                    source: MatchSource::Pattern,
                }),
            }
        }
    }
}

/// The automaton of all forms: a full DFA for small gazetteers, where
/// building one is cheap, a contiguous NFA otherwise.
enum Forms {
    Dfa(dfa::DFA),
    Nfa(contiguous::NFA),
}

impl Forms {
    fn new(pats: &[String], pattern_bytes: usize) -> Result<Forms, aho_corasick::BuildError> {
        if pattern_bytes <= DFA_MAX_PATTERN_BYTES {
            let dfa =
                dfa::DFA::builder().match_kind(MatchKind::LeftmostLongest).start_kind(StartKind::Both).build(pats);
            // The DFA can exceed its size limits; the NFA is smaller.
            if let Ok(dfa) = dfa {
                return Ok(Forms::Dfa(dfa));
            }
        }
        Ok(Forms::Nfa(contiguous::NFA::builder().match_kind(MatchKind::LeftmostLongest).build(pats)?))
    }
}

/// The first two bytes of every form, as a bit set over byte pairs (8 KB):
/// most words begin with a letter some form begins with, far fewer with a
/// pair of letters one does (`the` and `of` are walked only if a form begins
/// with `th` or `of`).
struct Starts {
    pairs: Vec<u64>,
    /// By byte: bit 0, an ASCII letter or digit; bit 1, any other byte
    /// that some form begins with.
    class: [u8; 256],
    /// First bytes, for a position with no byte after it.
    first: [bool; 256],
    /// Every first byte is an ASCII letter, digit or punctuation mark, or a
    /// UTF-8 lead byte: what [`swar_classes`] looks for, eight bytes at a
    /// time. (A form beginning with a space or a control character would
    /// need the byte-by-byte table.)
    swar: bool,
}

impl Starts {
    fn new(pats: &[String]) -> Starts {
        let mut starts = Starts { pairs: vec![0; 1 << 10], class: [0; 256], first: [false; 256], swar: true };
        for p in pats {
            match *p.as_bytes() {
                [b0] => {
                    starts.first[usize::from(b0)] = true;
                    for b1 in 0..=255 {
                        starts.set(b0, b1);
                    }
                }
                [b0, b1, ..] => {
                    starts.first[usize::from(b0)] = true;
                    starts.set(b0, b1);
                }
                [] => {}
            }
        }
        for (c, class) in starts.class.iter_mut().enumerate() {
            let alnum = (c as u8).is_ascii_alphanumeric();
            *class = u8::from(alnum) | u8::from(!alnum && starts.first[c]) << 1;
        }
        starts.swar = (0..=255u8).filter(|&c| starts.first[usize::from(c)]).all(|c| c.is_ascii_graphic() || c >= 0xc0);
        starts
    }

    /// For a block of at most 64 bytes, bit `i` set where byte `i` is an
    /// ASCII letter or digit, and where it is another byte a form may begin
    /// with (more bytes than that may be set: [`Starts::may_start`] decides).
    #[inline]
    fn classes(&self, block: &[u8]) -> (u64, u64) {
        let Ok(full) = <&[u8; 64]>::try_from(block) else {
            return self.classes_bytewise(block);
        };
        if !self.swar {
            return self.classes_bytewise(block);
        }
        let (mut alnum, mut other) = (0u64, 0u64);
        for (k, word) in full.chunks_exact(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            let (a, o) = swar_classes(u64::from_le_bytes(w));
            alnum |= a << (k * 8);
            other |= o << (k * 8);
        }
        (alnum, other)
    }

    /// [`Starts::classes`] by table, exactly: for the last, short block and
    /// for first bytes the eight-byte version does not look for.
    fn classes_bytewise(&self, block: &[u8]) -> (u64, u64) {
        let (mut alnum, mut special) = (0u64, 0u64);
        for (i, &c) in block.iter().enumerate() {
            let class = self.class[usize::from(c)];
            alnum |= u64::from(class & 1) << i;
            special |= u64::from(class >> 1) << i;
        }
        (alnum, special)
    }

    fn set(&mut self, b0: u8, b1: u8) {
        let i = usize::from(b0) << 8 | usize::from(b1);
        self.pairs[i >> 6] |= 1 << (i & 63);
    }

    /// Some form may begin at `b[p]`.
    #[inline]
    fn may_start(&self, b: &[u8], p: usize) -> bool {
        let Some(&b0) = b.get(p) else {
            return false;
        };
        match b.get(p + 1) {
            Some(&b1) => {
                let i = usize::from(b0) << 8 | usize::from(b1);
                self.pairs.get(i >> 6).is_some_and(|w| w & (1 << (i & 63)) != 0)
            }
            None => self.first[usize::from(b0)],
        }
    }
}

const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit of each byte of `w` set where the byte is in `lo..=hi`
/// (`1 <= lo`, `hi <= 0x7e`; a byte of 0x80 or above never is). Each byte's
/// low seven bits plus at most 0x7f stay below 0x100: no carry between
/// bytes.
#[inline]
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let ge = (w & LO7).wrapping_add(0x0101_0101_0101_0101 * u64::from(0x80 - lo));
    let gt = (w & LO7).wrapping_add(0x0101_0101_0101_0101 * u64::from(0x7f - hi));
    ge & !gt & !w & HI
}

/// The high bits of the 8 bytes of `m` (each 0x80 or 0) as 8 bits.
#[inline]
fn movemask(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// For 8 bytes: ASCII letters and digits, and bytes that can begin a form
/// otherwise (ASCII punctuation, UTF-8 lead bytes).
#[inline]
fn swar_classes(w: u64) -> (u64, u64) {
    let folded = w | 0x2020_2020_2020_2020;
    let alnum = in_range(w, b'0', b'9') | in_range(folded, b'a', b'z');
    let graph = in_range(w, 0x21, 0x7e);
    let lead = w & (w << 1) & HI;
    (movemask(alnum), movemask((graph & !alnum) | lead))
}

/// The end and pattern of the longest form starting at `start` whose end
/// satisfies `accept`.
#[inline]
fn longest_form<A: Automaton>(
    a: &A,
    text: &str,
    start: usize,
    accept: impl Fn(usize) -> bool,
) -> Option<(usize, PatternID)> {
    let b = text.as_bytes();
    // Both kinds are built to support anchored searches.
    let mut sid = a.start_state(Anchored::Yes).ok()?;
    let mut best = None;
    let mut at = start;
    while let Some(&byte) = b.get(at) {
        sid = a.next_state(Anchored::Yes, sid, byte);
        at += 1;
        if a.is_special(sid) {
            if a.is_dead(sid) {
                break;
            }
            if a.is_match(sid) {
                // A state can also carry a shorter form ending here that
                // starts later (copied along failure links for unanchored
                // scans): only a form as long as the walk starts at `start`.
                let pid = a.match_pattern(sid, 0);
                if a.pattern_len(pid) == at - start && accept(at) {
                    best = Some((at, pid));
                }
            }
        }
    }
    best
}

/// A letter, digit or combining mark: what may not touch a name.
pub(crate) fn is_word_char(c: char) -> bool {
    // Nearly every char tested is ASCII, where no combining mark exists and
    // the table lookup would be wasted.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// No word character just before `i` (when the text at `i` starts with one).
pub(crate) fn boundary_before(text: &str, i: usize) -> bool {
    // Two ASCII bytes around `i` (nearly always, asked for every candidate
    // match) decide without decoding characters.
    let b = text.as_bytes();
    if let (Some(&prev), Some(&next)) = (i.checked_sub(1).and_then(|j| b.get(j)), b.get(i)) {
        if prev.is_ascii() && next.is_ascii() {
            return !(prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric());
        }
    }
    boundary_before_chars(text, i)
}

fn boundary_before_chars(text: &str, i: usize) -> bool {
    let starts_word = text.get(i..).and_then(|t| t.chars().next()).is_some_and(is_word_char);
    !starts_word || !text.get(..i).and_then(|t| t.chars().next_back()).is_some_and(is_word_char)
}

/// No word character just after `i` (when the text before `i` ends with one).
/// An apostrophe is not a word character, so a possessive `'s` is allowed
/// and left outside the span.
///
/// An apostrophe followed by another word ending is a contraction, not a
/// possessive: "Don't" is not the Don, "Stalin's" is Stalin.
pub(crate) fn boundary_after(text: &str, i: usize) -> bool {
    // As in `boundary_before`; an apostrophe needs the characters after it.
    let b = text.as_bytes();
    if let (Some(&prev), Some(&next)) = (i.checked_sub(1).and_then(|j| b.get(j)), b.get(i)) {
        if prev.is_ascii() && next.is_ascii() && next != b'\'' {
            return !(prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric());
        }
    }
    boundary_after_chars(text, i)
}

fn boundary_after_chars(text: &str, i: usize) -> bool {
    let ends_word = text.get(..i).and_then(|t| t.chars().next_back()).is_some_and(is_word_char);
    if !ends_word {
        return true;
    }
    let mut rest = text.get(i..).unwrap_or("").chars();
    match rest.next() {
        Some(c) if is_word_char(c) => false,
        Some('\'' | '\u{2019}') => match (rest.next(), rest.next()) {
            (Some('s'), next) => !next.is_some_and(is_word_char),
            (Some(c), _) => !is_word_char(c),
            (None, _) => true,
        },
        _ => true,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::OnceLock;

    pub(crate) fn mini() -> &'static Matcher {
        static M: OnceLock<Matcher> = OnceLock::new();
        M.get_or_init(|| {
            Matcher::new(Gazetteer::load_dir("tests/data/gazetteer-mini").expect("mini gazetteer")).expect("automaton")
        })
    }

    /// (matched text, id or "-", label, resolved_by or "-")
    pub(crate) fn run(text: &str) -> Vec<(String, String, &'static str, &'static str)> {
        let m = mini();
        let mut ctx = DocContext::new();
        let mut out = Vec::new();
        m.find(text, &mut ctx, &mut out);
        out.iter()
            .map(|x| {
                (
                    text[x.span.range()].to_string(),
                    x.id.map_or("-".to_string(), |i| m.gazetteer().entry(i).id.clone()),
                    x.label.as_str(),
                    x.resolved_by.unwrap_or("-"),
                )
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        run(text).into_iter().map(|x| x.0).collect()
    }

    fn ids(text: &str) -> Vec<String> {
        run(text).into_iter().map(|x| x.1).collect()
    }

    #[test]
    fn word_boundaries_are_unicode() {
        assert_eq!(texts("Leninist faction of the Leningrad organization"), ["Leningrad"]);
        assert_eq!(run("the Leningrad organization")[0].2, "PLACE");
        assert_eq!(texts("Georgian comrades in Georgia"), ["Georgia"]);
        // Cyrillic letters glued on either side are letters too.
        assert!(texts("Leninа and фLenin").is_empty());
        // A combining mark after the name makes it another word.
        assert!(texts("Lenin\u{301}").is_empty());
        // Digits too.
        assert!(texts("Lenin2 3Lenin").is_empty());
        assert_eq!(texts("(Lenin)"), ["Lenin"]);
    }

    #[test]
    fn possessive_is_outside_the_span() {
        assert_eq!(texts("Trotsky's complaint, Stalin' plan"), ["Trotsky", "Stalin"]);
        assert_eq!(ids("Lenin's will"), ["lenin-vi"]);
        // The source's typographic apostrophe, should a caller skip normalization.
        assert_eq!(texts("Stalin\u{2019}s letter"), ["Stalin"]);
        // A contraction is not a possessive: "Don't" is no place.
        assert!(!boundary_after("Don't", 3));
        assert!(boundary_after("Don's", 3));
        // Not a possessive: a letter glued on.
        assert!(texts("Stalins").is_empty());
    }

    #[test]
    fn ascii_shortcut_of_boundaries_agrees_with_chars() {
        let mut texts: Vec<String> =
            ["Lenin's Don't a1 b_c-d", "Leninа фLenin x\u{301}y", "it's 'q' Stalin\u{2019}s é.", "", "a", "'", "ab's"]
                .map(String::from)
                .to_vec();
        // And texts made of the pieces the two tests tell apart: ASCII word
        // and non-word bytes, apostrophes, letters and marks beyond ASCII.
        let pieces = ["a", "Z", "7", "_", "'", "\u{2019}", "é", "ф", "\u{301}", " ", "-", ".", "s", "t", "\u{a0}"];
        let mut g = crate::testgen::Gen::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let len = 1 + g.below(16);
            texts.push((0..len).map(|_| g.pick(&pieces)).collect());
        }
        for t in &texts {
            for i in 0..=t.len() + 1 {
                assert_eq!(boundary_before(t, i), boundary_before_chars(t, i), "{t:?} {i}");
                assert_eq!(boundary_after(t, i), boundary_after_chars(t, i), "{t:?} {i}");
            }
        }
    }

    /// The matching rule as first written: an unanchored leftmost-longest
    /// scan, a match kept only on word boundaries, shorter forms at the
    /// same start tried when the end fails, the next char when the start
    /// fails. The walk must find exactly what this finds.
    fn by_scan<A: Automaton>(a: &A, text: &str) -> Vec<(usize, usize, PatternID)> {
        let next_char = |i: usize| text[i..].chars().next().map_or(text.len(), |c| i + c.len_utf8());
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = a.try_find(&Input::new(text).range(pos..)).unwrap() else {
                break;
            };
            let s = m.start();
            if !boundary_before(text, s) {
                pos = next_char(s);
                continue;
            }
            let mut cur = Some(m);
            let mut accepted = None;
            while let Some(mm) = cur {
                if boundary_after(text, mm.end()) {
                    accepted = Some(mm);
                    break;
                }
                if mm.end() <= s + 1 {
                    break;
                }
                let shorter = Input::new(text).range(s..mm.end() - 1).anchored(Anchored::Yes);
                cur = a.try_find(&shorter).unwrap();
            }
            match accepted {
                Some(mm) => {
                    out.push((s, mm.end(), mm.pattern()));
                    pos = mm.end();
                }
                None => pos = next_char(s),
            }
        }
        out
    }

    /// Texts of whole and cut forms of `m`, words that do and do not begin
    /// like a form, and what sits next to names: spaces, hyphens,
    /// possessives, letters and marks beyond ASCII, quotes, digits; long
    /// enough to cross the walk's 64-byte blocks.
    fn walk_texts(m: &Matcher, n: usize, seed: u64) -> Vec<String> {
        let forms: Vec<String> = m.gazetteer().entries().iter().flat_map(variants::forms).map(|f| f.text).collect();
        let glue = [
            " ",
            " ",
            "",
            "-",
            "'s ",
            "\u{2019}s",
            "'t",
            "a",
            "the ",
            "of ",
            "Ш",
            "é",
            "\u{301}",
            "1",
            "\"",
            ". ",
            "\n",
            "\u{a0}",
            "river ",
            "von ",
        ];
        let mut g = crate::testgen::Gen::new(seed);
        (0..n)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..1 + g.below(40) {
                    let f = g.pick(&forms);
                    match g.below(4) {
                        0 => t.push_str(g.pick(&glue)),
                        1 => {
                            let cut = (1..=f.len()).filter(|&i| f.is_char_boundary(i)).nth(g.below(f.len()));
                            t.push_str(&f[..cut.unwrap_or(f.len())]);
                        }
                        _ => t.push_str(&f),
                    }
                }
                t
            })
            .collect()
    }

    fn walk_agrees_with_scan(m: &Matcher, seed: u64) {
        for t in walk_texts(m, 2000, seed) {
            let mut walked = Vec::new();
            let mut collect = |span: Span, pid: PatternID| walked.push((span.start, span.end, pid));
            with_forms!(&m.forms, a => m.walk(a, &t, &mut collect));
            let scanned = with_forms!(&m.forms, a => by_scan(a, &t));
            assert_eq!(walked, scanned, "{t:?}");
        }
    }

    #[test]
    fn walk_finds_what_a_filtered_scan_finds() {
        // The mini gazetteer compiles to a DFA, the shipped one to an NFA.
        assert_eq!(mini().automaton_kind(), AhoCorasickKind::DFA);
        walk_agrees_with_scan(mini(), 0x2545_f491_4f6c_dd1d);
        let full = Matcher::new(Gazetteer::embedded().unwrap()).unwrap();
        assert_eq!(full.automaton_kind(), AhoCorasickKind::ContiguousNFA);
        walk_agrees_with_scan(&full, 0x853c_49e6_748f_ea9b);
    }

    #[test]
    fn eight_byte_classes_agree_with_the_bytes() {
        let mut g = crate::testgen::Gen::new(0x9e37_79b9_7f4a_7c15);
        for c in 0..=255u8 {
            for at in 0..8 {
                let mut w = g.next().to_le_bytes();
                w[at] = c;
                let (alnum, other) = swar_classes(u64::from_le_bytes(w));
                for (i, &x) in w.iter().enumerate() {
                    let is_alnum = x.is_ascii_alphanumeric();
                    assert_eq!(alnum >> i & 1 == 1, is_alnum, "{x:#x} in {w:x?}");
                    let begins = !is_alnum && (x.is_ascii_graphic() || x >= 0xc0);
                    assert_eq!(other >> i & 1 == 1, begins, "{x:#x} in {w:x?}");
                }
            }
        }
    }

    #[test]
    fn a_form_beginning_with_a_control_character_is_walked_byte_by_byte() {
        let p = "id\tpreferred\tsurname\tgiven\tpatronymic\tvariants\tflags\tborn\tdied\tdescription\n\
                 perm-aa\tPerm, A\tPerm\tAnton\t\t\x7fPerm\t\t\t\td\n";
        let l = "id\tpreferred\tkind\tvariants\tflags\tmodern\tcountry\tdescription\n";
        let o = "id\tpreferred\tkind\tvariants\tflags\tdescription\n";
        let m = Matcher::new(Gazetteer::from_strs(p, l, o).unwrap()).unwrap();
        assert!(!m.starts.swar);
        // In the first, full, 64-byte block.
        let text = format!("x \x7fPerm and Perm{}", " x".repeat(40));
        let mut walked = Vec::new();
        let mut collect = |span: Span, pid: PatternID| walked.push((span.start, span.end, pid));
        with_forms!(&m.forms, a => m.walk(a, &text, &mut collect));
        assert_eq!(walked.len(), 2, "{walked:?}");
        assert_eq!(walked, with_forms!(&m.forms, a => by_scan(a, &text)));
        assert_eq!(&text[walked[0].0..walked[0].1], "\x7fPerm");
    }

    #[test]
    fn initials_that_end_a_form_are_not_read_again_for_the_next_name() {
        // Found by the entities fuzz target: `Zhuravlev V. V.` is a form and
        // `V. M.` was read back from `Zinoviev` too, two mentions over `V.`.
        let p = "id\tpreferred\tsurname\tgiven\tpatronymic\tvariants\tflags\tborn\tdied\tdescription\n\
                 zhuravlev-vv\tZhuravlev, V\tZhuravlev\tVasily\tVasilyevich\tZhuravlev V. V.\t\t\t\td\n\
                 zinoviev-ge\tZinoviev, G\tZinoviev\tGrigory\tEvseevich\t\t\t\t\td\n";
        let l = "id\tpreferred\tkind\tvariants\tflags\tmodern\tcountry\tdescription\n";
        let o = "id\tpreferred\tkind\tvariants\tflags\tdescription\n";
        let m = Matcher::new(Gazetteer::from_strs(p, l, o).unwrap()).unwrap();
        let text = "edited by Zhuravlev V. V. M.Zinoviev, and V. M.Zinoviev";
        let mut out = Vec::new();
        m.find(text, &mut DocContext::new(), &mut out);
        let got: Vec<&str> = out.iter().map(|x| &text[x.span.range()]).collect();
        // The initial after the form is still read; a lone name keeps both.
        assert_eq!(got, ["Zhuravlev V. V.", "M.Zinoviev", "V. M.Zinoviev"]);
        assert_eq!(out[1].id, None, "M. is nobody's initial among the Zinovievs here");
    }

    #[test]
    fn hyphen_is_a_boundary_but_longest_wins() {
        assert_eq!(ids("the Bukharin-Ustryalov line"), ["bukharin-ni", "ustryalov-nv"]);
        assert_eq!(ids("Antonov-Ovseenko remained"), ["antonov-ovseenko-va"]);
        // Longest fails its end boundary: the shorter form at the same start is tried.
        assert_eq!(texts("Brest-Litovskish"), ["Brest"]);
    }

    #[test]
    fn leftmost_longest() {
        assert_eq!(texts("to I. V. Stalin, G. K. Ordzhonikidze"), ["I. V. Stalin", "G. K. Ordzhonikidze"]);
        assert_eq!(texts("attract Nadezhda Konstantinovna."), ["Nadezhda Konstantinovna"]);
        assert_eq!(texts("Rosa Luxembourg and Vladimir Ilyich Lenin - no one"), ["Vladimir Ilyich Lenin"]);
        // The translation's own first name and patronymic with the surname
        // after it is one mention (rule variant-full-name-caps).
        assert_eq!(
            run("Gavril Ivanovich MYASNIKOV abroad").iter().map(|x| (x.0.as_str(), x.1.as_str())).collect::<Vec<_>>(),
            [("Gavril Ivanovich MYASNIKOV", "myasnikov-gi")]
        );
    }

    #[test]
    fn rejected_start_continues_at_next_char() {
        // "XStalin" fails at its start; the scan must still find the later name.
        assert_eq!(texts("XStalin met Stalin"), ["Stalin"]);
        assert_eq!(run("XStalin met Stalin")[0].1, "stalin-iv");
    }

    #[test]
    fn ambiguity_resolution_paths() {
        // Initials in the form itself.
        assert_eq!(run("S. S. Kamenev reported")[0].1, "kamenev-ss");
        assert_eq!(run("S. S. Kamenev reported")[0].3, "initials");
        assert_eq!(run("V. Smirnov")[0].1, "smirnov-vm");
        // Single initial shared again (V. Smirnov vs V. Kosior are different surnames; V. for two Kosiors).
        let r = run("V. Kosior");
        assert_eq!(r[0].1, "kosior-vv");
        // Default flag.
        assert_eq!(run("Zinoviev and Kamenev")[1].1, "kamenev-lb");
        assert_eq!(run("Zinoviev and Kamenev")[1].3, "default");
        // Earlier mention wins over default.
        let r = run("S. S. Kamenev came. Later Kamenev left.");
        assert_eq!(r[1].1, "kamenev-ss");
        assert_eq!(r[1].3, "earlier-mention");
        let r = run("A.P. Smirnov wants it; get together with Smirnov.");
        assert_eq!((r[0].1.as_str(), r[0].3), ("smirnov-ap", "initials"));
        assert_eq!((r[1].1.as_str(), r[1].3), ("smirnov-ap", "earlier-mention"));
        // A nickname or name-and-patronymic is not a mention of the surname.
        let r = run("Greetings to Zinaida Gavrilovna. Ordzhonikidze said");
        assert_eq!((r[1].1.as_str(), r[1].3), ("ordzhonikidze-gk", "default"));
        // Nothing decides: id null, candidates listed.
        let m = mini();
        let mut out = Vec::new();
        m.find("Smirnov spoke.", &mut DocContext::new(), &mut out);
        assert_eq!(out[0].id, None);
        assert_eq!(out[0].resolved_by, None);
        assert_eq!(out[0].candidates.len(), 3);
        // Unique.
        assert_eq!(run("Dzerzhinsky")[0].3, "unique");
    }

    #[test]
    fn initials_just_before_a_bare_surname() {
        // Unusual spacing not among the generated forms: initials still decide.
        // "V" without its period is no initial: the bare surname alone.
        assert_eq!(run("I.V Stalin")[0].0, "Stalin");
        let m = mini();
        let mut out = Vec::new();
        m.find("A.  P. Smirnov, F. DZERZHINSKY", &mut DocContext::new(), &mut out);
        assert_eq!(out[1].rule, patterns::RULE_INITIALS_BEFORE);
        let r = run("G.K. ORDZHONIKIDZE and A. P.Smirnov");
        assert_eq!((r[0].0.as_str(), r[0].3), ("G.K. ORDZHONIKIDZE", "initials"));
        assert_eq!((r[1].0.as_str(), r[1].1.as_str()), ("A. P.Smirnov", "smirnov-ap"));
        let r = run("A.  P. Smirnov");
        assert_eq!((r[0].0.as_str(), r[0].1.as_str()), ("P. Smirnov", "-"));
        // A unique surname: the first initial suffices (translation slips in
        // the patronymic); the first initial wrong makes a namesake.
        let r = run("V. M. Maksimovsky and A. Maksimovsky");
        assert_eq!((r[0].0.as_str(), r[0].1.as_str(), r[0].3), ("V. M. Maksimovsky", "maksimovsky-vn", "unique"));
        assert_eq!((r[1].0.as_str(), r[1].1.as_str()), ("A. Maksimovsky", "-"));
        // Between namesakes both initials must fit.
        assert_eq!(run("A. M. Smirnov")[0].1, "-");
        // An abbreviation with periods is not initials.
        assert_eq!(run("the U.S.S.R. Stalin")[0].0, "Stalin");
        assert_eq!(run("the U.S.S.R. Stalin")[0].1, "stalin-iv");
        // Initials that fit no Smirnov: a namesake outside the gazetteer.
        let r = run("K. Smirnov wrote");
        assert_eq!((r[0].0.as_str(), r[0].1.as_str(), r[0].2), ("K. Smirnov", "-", "PERSON"));
        // "T." is the comrade title, not an initial.
        let r = run("T. Stalin!");
        assert_eq!((r[0].0.as_str(), r[0].1.as_str()), ("Stalin", "stalin-iv"));
    }

    #[test]
    fn derived_forms() {
        assert_eq!(ids("Koba sent your cipher to Smilge"), ["stalin-iv", "smilga-it"]);
        assert_eq!(ids("He told Kobe that"), ["stalin-iv"]);
        assert_eq!(ids("Trotskii and Zinov'ev, Piatakov"), ["trotsky-ld", "zinoviev-ge", "pyatakov-gl"]);
        assert_eq!(ids("Dzerzhinskogo"), ["dzerzhinsky-fe"]);
        let m = mini();
        assert_eq!(m.claims_of("Kobe"), vec![(m.gazetteer().by_id("stalin-iv").unwrap(), "case-a-stem")]);
    }

    #[test]
    fn derived_form_colliding_with_another_entry_is_dropped() {
        let p = "id\tpreferred\tsurname\tgiven\tpatronymic\tvariants\tflags\tborn\tdied\tdescription\n\
                 kalinin-mi\tKalinin, Mikhail\tKalinin\tMikhail\tIvanovich\t\t\t\t\td\n\
                 kalinina-ei\tKalinina, Ekaterina\tKalinina\tEkaterina\tIvanovna\t\t\t\t\td\n";
        let l = "id\tpreferred\tkind\tvariants\tflags\tmodern\tcountry\tdescription\n";
        let o = "id\tpreferred\tkind\tvariants\tflags\tdescription\n";
        let m = Matcher::new(Gazetteer::from_strs(p, l, o).unwrap()).unwrap();
        let k = m.gazetteer().by_id("kalinina-ei").unwrap();
        assert_eq!(m.claims_of("Kalinina"), vec![(k, "surname")]);
        assert_eq!(m.claims_of("Kalininym").len(), 1);
        // Kalininu is dative of Kalinin and accusative of Kalinina: dropped.
        assert!(m.claims_of("Kalininu").is_empty());
    }

    #[test]
    fn comrade_cue_prefers_person() {
        let p = "id\tpreferred\tsurname\tgiven\tpatronymic\tvariants\tflags\tborn\tdied\tdescription\n\
                 perm-aa\tPerm, A\tPerm\tAnton\t\t\t\t\t\td\n";
        let l = "id\tpreferred\tkind\tvariants\tflags\tmodern\tcountry\tdescription\nperm\tPerm\tcity\t\t\t\t\t\n";
        let o = "id\tpreferred\tkind\tvariants\tflags\tdescription\n";
        let m = Matcher::new(Gazetteer::from_strs(p, l, o).unwrap()).unwrap();
        let mut out = Vec::new();
        m.find("Comrade Perm arrived in Perm.", &mut DocContext::new(), &mut out);
        assert_eq!(out[0].label, Label::Person);
        assert_eq!(out[0].resolved_by, Some("unique"));
        assert_eq!(out[1].id, None, "bare Perm stays ambiguous: {:?}", out[1]);
    }

    #[test]
    fn scan_count_is_the_raw_scan() {
        let m = mini();
        // "Lenin" inside Leninist is counted by the raw scan but is not a mention.
        assert!(m.scan_count("Leninist Lenin") >= 2);
        assert!(m.pattern_count() > 1000);
        assert_eq!(m.automaton_kind(), AhoCorasickKind::DFA);
    }
}
