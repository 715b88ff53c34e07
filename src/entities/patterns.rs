//! Recall beyond the gazetteer: people the gazetteer does not know are still
//! marked (with id `None`) when the text itself says they are people.
//!
//! The cues are the ones Russian usage gives a reader:
//! - initials before a capitalised surname: `X. Y. Surname`, `X.Y. Surname`,
//!   `X. Surname` (rule `recall-initials-surname`);
//! - initials after it, the citation form: `Medvedev R.A.`, `Zhuravleva V. V.`
//!   (rule `recall-surname-initials`; two initials required, since `Moscow I.`
//!   could end a sentence);
//! - a title: `Comrade X`, `comrade X`, `comrade. X` (the translation's damaged
//!   `t. X`), `Tov. X`, and `T. X` — `T.` alone before a surname is *tovarishch*,
//!   not an initial (rule `comrade-title`); all-caps surnames after a title
//!   (`comrade PYATAKOV`); members of a list after `Comrades`/`comrades`:
//!   `comrades Rykov, Pyatakov and Smilga` (rule `comrade-list`).
//!
//! A capitalised word on a stoplist (titles, months, weekdays, institution
//! words: `Comrade Chairman`, `Central Committee`), a Roman numeral, or a
//! single-word place or organisation form of the gazetteer is never taken
//! for a surname. Gazetteer matches take precedence: a recall match that
//! overlaps one is dropped. All regexes are built once ([`Recall::new`]) and
//! run in linear time (the `regex` crate guarantees it). They use the ASCII
//! word boundary `(?-u:\b)` and check the Unicode boundary in code: a Unicode
//! `\b` makes the regex crate leave its DFA for a much slower engine on any
//! non-ASCII text (measured: find fell from ~100 to ~11 MB/s on raw pages).

use super::matcher::{boundary_after, boundary_before, is_word_char, Matcher};
use super::{Label, MatchSource, Mention};
use crate::span::Span;
use regex::Regex;

/// Initials + surname found by the pattern, not in the gazetteer.
pub const RULE_INITIALS_SURNAME: &str = "recall-initials-surname";
/// Surname + two initials (citation form).
pub const RULE_SURNAME_INITIALS: &str = "recall-surname-initials";
/// A surname after `Comrade`, `Tov.`, `T.`.
pub const RULE_COMRADE: &str = "comrade-title";
/// A further name in a list after `Comrades`.
pub const RULE_COMRADE_LIST: &str = "comrade-list";
/// A gazetteer surname preceded by initials that fit none of its entries.
pub const RULE_INITIALS_UNKNOWN: &str = "initials-no-entry";
/// A gazetteer surname form with initials just before it that are not
/// among the generated forms (`F. DZERZHINSKY`, `A. P.Smirnov`); the span
/// includes the initials.
pub const RULE_INITIALS_BEFORE: &str = "initials-before-surname";
/// A name item in a heading or signature line ([`Matcher::names_in_list`]).
pub const RULE_LIST_NAME: &str = "list-name";

/// Every rule name a recall mention can carry.
pub const RULES: &[&str] = &[
    RULE_INITIALS_SURNAME,
    RULE_SURNAME_INITIALS,
    RULE_COMRADE,
    RULE_COMRADE_LIST,
    RULE_INITIALS_UNKNOWN,
    RULE_INITIALS_BEFORE,
    RULE_LIST_NAME,
];

/// Capitalised words that are not surnames although they stand where a
/// surname would (after a title, after a sentence-final initial, in a
/// heading): titles and offices, institution words, months, weekdays,
/// sentence openers and closings.
fn on_stoplist(w: &str) -> bool {
    // A `match`: asked for every capitalised word a recall pattern finds,
    // it compares against constants of known length (a binary search called
    // memcmp some seven times per word).
    matches!(
        w,
        // titles and offices
        "Comrade"
        | "Comrades"
        | "Chairman"
        | "Chairmen"
        | "Secretary"
        | "Commissar"
        | "Commissars"
        | "Commander"
        | "Deputy"
        | "President"
        | "Member"
        | "Members"
        | "Editor"
        | "Editors"
        | "Chief"
        | "Head"
        | "Plenipotentiary"
        | "Representative"
        | "General"
        | "Colonel"
        | "Citizen"
        | "Mister"
        | "Doctor"
        | "Professor"
        | "Director"
        | "Instructor"
        | "Organizer"
        // institution words
        | "Central"
        | "Committee"
        | "Committees"
        | "Party"
        | "Council"
        | "Councils"
        | "Congress"
        | "Plenum"
        | "Politburo"
        | "Orgburo"
        | "Soviet"
        | "Soviets"
        | "Bureau"
        | "Commission"
        | "Conference"
        | "Presidium"
        | "Government"
        | "Republic"
        | "Army"
        | "Front"
        | "Executive"
        | "Revolutionary"
        | "Military"
        | "State"
        | "Supreme"
        | "Union"
        | "Department"
        | "Section"
        | "Commissariat"
        | "People"
        | "People's"
        | "Regional"
        | "Provincial"
        | "District"
        | "Group"
        | "Faction"
        | "Opposition"
        | "Secretariat"
        | "Archive"
        | "Fund"
        | "Inventory"
        | "File"
        | "Sheet"
        // weekdays (months: the dates stage's lexicon, see is_not_surname)
        | "Monday"
        | "Tuesday"
        | "Wednesday"
        | "Thursday"
        | "Friday"
        | "Saturday"
        | "Sunday"
        // document furniture, openers, closings
        | "Document"
        | "Documents"
        | "Notes"
        | "Note"
        | "Ibid"
        | "Page"
        | "Vol"
        | "Volume"
        | "Autograph"
        | "Copy"
        | "Certified"
        | "Typewritten"
        | "Uncertified"
        | "Signature"
        | "Signatures"
        | "Dear"
        | "Hello"
        | "Greetings"
        | "Yours"
        | "Your"
        | "Our"
        | "My"
        | "His"
        | "Her"
        | "Their"
        | "The"
        | "This"
        | "That"
        | "These"
        | "Those"
        | "Then"
        | "There"
        | "Here"
        | "And"
        | "But"
        | "For"
        | "From"
        | "With"
        | "Without"
        | "All"
        | "Both"
        | "Each"
        | "Every"
        | "Not"
        | "Now"
        | "Yes"
        | "Thanks"
        | "Regards"
        | "See"
        | "Also"
        | "Other"
        | "Others"
    )
}

/// Roman numerals are not surnames (`comrade XIV`).
fn is_roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| "IVXLCDM".contains(c))
}

/// True when `w` is on the stoplist of capitalised non-surnames.
pub fn is_not_surname(w: &str) -> bool {
    on_stoplist(w) || is_roman_numeral(w) || crate::dates::month_from_name(w).is_some()
}

/// The compiled recall patterns.
pub struct Recall {
    initials_surname: Regex,
    surname_initials: Regex,
    comrade: Regex,
    /// `omrade`: every match of `comrade` that is not `Tov.` starts one
    /// byte before one.
    comrade_cue: memchr::memmem::Finder<'static>,
    list_next: Regex,
    list_name: Regex,
}

impl Default for Recall {
    fn default() -> Self {
        Recall::new()
    }
}

/// A capitalised surname (with a lowercase letter), or hyphenated pair.
const SURNAME: &str = r"[A-Z]\p{Ll}+(?:-[A-Z]\p{Ll}+)?";

impl Recall {
    /// Compiles the patterns.
    pub fn new() -> Recall {
        // The patterns are constants; a failure to compile is a bug caught by
        // every test, so falling back to a never-matching regex is safe.
        let re = |p: &str| Regex::new(p).unwrap_or_else(|_| never());
        Recall {
            // Anchored (`^`) and tried only where the text has a capital and
            // a period (`X.`), which every match of both contains (see the
            // pass over periods in `find`).
            initials_surname: re(&format!(r"^([A-Z])\.[ ]?(?:([A-Z])\.[ ]?)?({SURNAME})")),
            surname_initials: re(&format!(r"^({SURNAME}) [A-Z]\.[ ]?[A-Z]\.")),
            // Anchored and tried only at the title's first byte, found by
            // `comrade_cue` or by the pass over periods (`Tov.`); the word
            // boundary before it is asked separately.
            comrade: re(&format!(
                r"^(?:([Cc]omrades)|[Cc]omrade\.?|[Tt]ov\.)[ ]+({SURNAME}|[A-Z]{{3,}}(?:-[A-Z]{{3,}})?)"
            )),
            comrade_cue: memchr::memmem::Finder::new("omrade"),
            list_next: re(&format!(r"^(?:,[ ]?(?:and[ ])?|[ ]and[ ])({SURNAME})")),
            list_name: re(
                r"^(?:[A-Z][a-z]?\.[ ]?){0,3}(?:[A-Z][\p{L}'\-]*\p{Ll}[\p{L}'\-]*|[A-Z][A-Z\-]{2,})(?:[ ](?:[A-Z][\p{L}'\-]*\p{Ll}[\p{L}'\-]*|[A-Z][A-Z\-]{2,})){0,2}\.?$",
            ),
        }
    }

    /// Appends recall mentions of `text` to `out`, skipping any that overlap
    /// the gazetteer mentions `out[first..gaz_end]` (sorted by start).
    pub(crate) fn find(&self, text: &str, m: &Matcher, first: usize, gaz_end: usize, out: &mut Vec<Mention>) {
        let covered = |out: &Vec<Mention>, s: Span| -> bool {
            let Some(gaz) = out.get(first..gaz_end) else {
                return false;
            };
            let i = gaz.partition_point(|x| x.span.end <= s.start);
            gaz.get(i).is_some_and(|x| x.span.overlaps(s))
        };
        let ok_surname = |w: &str, end: usize| {
            let n = w.chars().count();
            // A three-letter word with a period is an abbreviation (`Comrade Sov.`).
            let abbreviation = n == 3 && text.get(end..).is_some_and(|t| t.starts_with('.'));
            n >= 3 && !abbreviation && !is_not_surname(w) && !m.is_non_person_word(w) && boundary_after(text, end)
        };
        let person = |span: Span, rule: &'static str| Mention {
            span,
            label: Label::Person,
            id: None,
            candidates: Vec::new(),
            resolved_by: None,
            rule,
            source: MatchSource::Pattern,
        };
        let mut found: Vec<Mention> = Vec::new();
        let bytes = text.as_bytes();
        // One pass over the periods finds where two kinds of pattern can
        // be: every initial is written `X.`, and the title `Tov.` ends in one.
        let mut initials: Vec<usize> = Vec::new();
        let mut titles: Vec<usize> = Vec::new();
        for dot in memchr::memchr_iter(b'.', bytes) {
            let before = &bytes[..dot];
            if before.last().is_some_and(u8::is_ascii_uppercase) {
                initials.push(dot);
            } else if before.ends_with(b"ov") && dot >= 3 && matches!(bytes[dot - 3], b'T' | b't') {
                titles.push(dot - 3);
            }
        }
        // The two initials patterns, as `captures_iter` would find them
        // (leftmost first, each search resuming where the last match ended),
        // but tried only at their possible starts instead of scanning every
        // capitalised word: a regex scan per pattern was 8% of `opis extract`.
        let candidates = initials.iter().map(|&dot| dot - 1);
        let tried = candidates.filter(|&p| ascii_boundary_before(bytes, p) && capital_after_initial(bytes, p + 2));
        for (p, all) in matches_at(&self.initials_surname, text, tried) {
            let m = all.as_bytes();
            let Some((s_at, second_initial)) = initials_groups(m) else {
                continue;
            };
            let (all, s) = (Span::new(p, p + m.len()), Span::new(p + s_at, p + m.len()));
            let s_text = &text[s.range()];
            // `U.S.S.R. Ivanov`: initials glued to a longer chain are an abbreviation.
            let after_period = text.get(..all.start).is_some_and(|t| t.ends_with('.'));
            if after_period || !boundary_before(text, all.start) || !ok_surname(s_text, s.end) {
                continue;
            }
            let (span, rule) = if m[0] == b'T' && !second_initial {
                (s, RULE_COMRADE)
            } else {
                (Span::new(all.start, s.end), RULE_INITIALS_SURNAME)
            };
            found.push(person(span, rule));
        }
        let mut resume = 0;
        for &dot in &initials {
            // `Surname X.`: the surname ends before the space before `X`.
            let Some(word_end) = dot.checked_sub(2).filter(|&e| bytes[e] == b' ') else {
                continue;
            };
            // The pattern's second initial: most `Word X.` are no citation
            // form, and finding the word and trying the regex cost more.
            if !initial_after(bytes, dot + 1) {
                continue;
            }
            // The leftmost start in the word before that space (a surname
            // holds letters and hyphens only) where the pattern matches.
            let word_start = text[..word_end]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
                .last()
                .map_or(word_end, |(i, _)| i);
            let Some((start, all)) = (word_start.max(resume)..word_end)
                .filter(|&i| bytes[i].is_ascii_uppercase() && ascii_boundary_before(bytes, i))
                .find_map(|i| Some((i, text.get(i..).and_then(|t| self.surname_initials.find(t))?)))
            else {
                continue;
            };
            resume = start + all.end();
            let w = surname_of_surname_initials(all.as_str());
            let all = Span::new(start, start + all.end());
            if boundary_before(text, all.start)
                && w.chars().count() >= 3
                && !is_not_surname(w)
                && !m.is_non_person_word(w)
                && boundary_after(text, all.end)
            {
                found.push(person(all, RULE_SURNAME_INITIALS));
            }
        }
        // The titles, as `captures_iter` would find them, but tried only
        // where a title can start: most paragraphs hold none, and a regex
        // scan of each one was 2.5% of `opis extract`.
        let mut starts = titles;
        let comrades = self.comrade_cue.find_iter(bytes).filter_map(|i| i.checked_sub(1));
        starts.extend(comrades.filter(|&i| matches!(bytes[i], b'C' | b'c')));
        starts.sort_unstable();
        let tried = starts.into_iter().filter(|&i| ascii_boundary_before(bytes, i));
        for (start, all) in matches_at(&self.comrade, text, tried) {
            let m = all.as_bytes();
            let Some((name_at, plural)) = title_groups(m) else {
                continue;
            };
            let s = Span::new(start + name_at, start + m.len());
            if !boundary_before(text, start) {
                continue;
            }
            if ok_surname(&text[s.range()], s.end) {
                found.push(person(s, RULE_COMRADE));
            }
            if plural {
                // `comrades A, B and C`: follow the list.
                let mut end = s.end;
                while let Some(next) = text.get(end..).and_then(|t| self.list_next.find(t)) {
                    let Some(n_at) = list_next_name(next.as_str().as_bytes()) else {
                        break;
                    };
                    let (ns, ne) = (end + n_at, end + next.end());
                    if !ok_surname(&text[ns..ne], ne) {
                        break;
                    }
                    found.push(person(Span::new(ns, ne), RULE_COMRADE_LIST));
                    end = ne;
                }
            }
        }
        found.sort_by_key(|x| (x.span.start, std::cmp::Reverse(x.span.end)));
        let mut last_end = 0;
        for f in found {
            if f.span.start < last_end || covered(out, f.span) {
                continue;
            }
            last_end = f.span.end;
            out.push(f);
        }
    }
}

/// The matches of an anchored `re` at `candidates` (ascending), as
/// `find_iter` of the unanchored pattern would give them where it can only
/// start at a candidate: leftmost first, the next search resuming where the
/// last match ended. Yields each match's start and text.
fn matches_at<'t>(
    re: &'t Regex,
    text: &'t str,
    candidates: impl Iterator<Item = usize> + 't,
) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let mut resume = 0;
    candidates.filter_map(move |p| {
        if p < resume {
            return None;
        }
        let m = re.find(text.get(p..)?)?;
        resume = p + m.end();
        Some((p, m.as_str()))
    })
}

// The recall patterns are matched with `find` (a DFA pass, no allocation)
// and their groups read off the match by the functions below, which follow
// from each pattern's grammar; `groups_agree_with_captures` checks them
// against the regex's own captures.

/// In a match of `initials_surname`: where the surname starts, and whether
/// a second initial was given. `X.[ ]?` once or twice, then the surname,
/// which starts at the first capital not followed by a period (an initial
/// always is, a surname never).
fn initials_groups(m: &[u8]) -> Option<(usize, bool)> {
    let s_at = (1..m.len()).find(|&i| m[i].is_ascii_uppercase() && m.get(i + 1) != Some(&b'.'))?;
    Some((s_at, m[1..s_at].iter().any(u8::is_ascii_uppercase)))
}

/// In a match of `surname_initials`: the surname, up to the first space
/// (it holds none).
fn surname_of_surname_initials(m: &str) -> &str {
    m.split(' ').next().unwrap_or_default()
}

/// In a match of `comrade`: where the name starts, and whether the title
/// was the plural `comrades`. The name starts at the first capital after
/// the title's first letter (`omrades`, `omrade.`, `ov.` and the spaces
/// hold none).
fn title_groups(m: &[u8]) -> Option<(usize, bool)> {
    let name_at = (1..m.len()).find(|&i| m[i].is_ascii_uppercase())?;
    Some((name_at, m.get(1..).is_some_and(|t| t.starts_with(b"omrades"))))
}

/// `i`, or `i + 1` past one space: where `[ ]?` leaves the patterns when
/// what follows must be a capital.
fn after_space(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i) == Some(&b' ') {
        i + 1
    } else {
        i
    }
}

/// Whether `initials_surname` can go on after an initial's period ending
/// before `i`: `[ ]?` and then a capital (a second initial or the surname)
/// followed by a period or a lowercase letter, which may be non-ASCII.
/// Cheaper than the regex, which a third of the initials fail here
/// (`I. the`, `F. DZERZHINSKY`, `P. 5`).
fn capital_after_initial(bytes: &[u8], i: usize) -> bool {
    let q = after_space(bytes, i);
    bytes.get(q).is_some_and(u8::is_ascii_uppercase)
        && bytes.get(q + 1).is_some_and(|&b| b == b'.' || b.is_ascii_lowercase() || !b.is_ascii())
}

/// An initial (`X.`), after one space or none, at `i`: what
/// `surname_initials` needs after its first initial.
fn initial_after(bytes: &[u8], i: usize) -> bool {
    let q = after_space(bytes, i);
    bytes.get(q).is_some_and(u8::is_ascii_uppercase) && bytes.get(q + 1) == Some(&b'.')
}

/// In a match of `list_next`: where the name starts. The connective (`,`,
/// ` and `, `, and `) holds no capital.
fn list_next_name(m: &[u8]) -> Option<usize> {
    m.iter().position(u8::is_ascii_uppercase)
}

/// The regex crate's ASCII word boundary `(?-u:\b)` before the word byte at
/// `i`: no ASCII word byte precedes it.
fn ascii_boundary_before(bytes: &[u8], i: usize) -> bool {
    i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')
}

fn never() -> Regex {
    // `[^\s\S]` matches nothing; it always compiles.
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("constant regex"))
}

/// If a title (`Comrade`, `comrade`, `comrade.`, `Comrades`, `Tov.`, `tov.`,
/// `T.`) stands just before `start`, the byte offset where it begins.
pub fn comrade_cue(text: &str, start: usize) -> Option<usize> {
    const CUES: &[&str] =
        &["Comrade ", "comrade ", "Comrade. ", "comrade. ", "Comrades ", "comrades ", "Tov. ", "tov. ", "T. "];
    let before = text.get(..start)?;
    for cue in CUES {
        if let Some(head) = before.strip_suffix(cue) {
            if !head.chars().next_back().is_some_and(is_word_char) {
                return Some(head.len());
            }
        }
    }
    None
}

/// Initials (one or two single Latin capitals with a period, each followed
/// by at most one space) just before `start`: `(where they begin, first,
/// second)`. A lone `T.` is the title *tovarishch*, not an initial.
pub fn preceding_initials(text: &str, start: usize) -> Option<(usize, char, Option<char>)> {
    let b = text.as_bytes();
    let mut i = start.min(b.len());
    // Nearest first; an array, not a Vec: asked before most gazetteer
    // surnames, nearly always to find nothing.
    let mut found = ['\0'; 2];
    let mut n = 0;
    while n < 2 {
        let mut j = i;
        if j > 0 && b.get(j - 1) == Some(&b' ') {
            j -= 1;
        }
        if j >= 2 && b.get(j - 1) == Some(&b'.') && b.get(j - 2).is_some_and(u8::is_ascii_uppercase) {
            let before_ok = !text.get(..j - 2).and_then(|t| t.chars().next_back()).is_some_and(is_word_char);
            if !before_ok {
                break;
            }
            found[n] = b[j - 2] as char;
            n += 1;
            i = j - 2;
        } else {
            break;
        }
    }
    // `U.S.S.R. Stalin`: a longer chain of letters with periods is an
    // abbreviation, not initials.
    if n > 0 && i > 0 && b.get(i - 1) == Some(&b'.') {
        return None;
    }
    match (n, found) {
        (0, _) | (1, ['T', _]) => None,
        (1, [a, _]) => Some((i, a, None)),
        (_, [near, far]) => Some((i, far, Some(near))),
    }
}

/// Items of a heading or signature line: split at `,`, `;`, newlines,
/// ` and `, ` to ` and a spaced dash ` - `; trimmed; empty items dropped.
pub fn list_items(text: &str) -> Vec<Span> {
    const SEPS: &[&str] = &[",", ";", "\n", " and ", " to ", " - "];
    let mut items = Vec::new();
    let mut item_start = 0;
    let mut i = 0;
    let b = text.as_bytes();
    let push = |s: usize, e: usize, items: &mut Vec<Span>| {
        let Some(t) = text.get(s..e) else { return };
        let lead = t.len() - t.trim_start().len();
        let trimmed = t.trim();
        if !trimmed.is_empty() {
            items.push(Span::new(s + lead, s + lead + trimmed.len()));
        }
    };
    while i < b.len() {
        // Every separator starts with one of these bytes; the others need
        // not be compared with six separators each.
        if !matches!(b[i], b',' | b';' | b'\n' | b' ') {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if let Some(sep) = SEPS.iter().find(|s| rest.starts_with(s.as_bytes())) {
            push(item_start, i, &mut items);
            i += sep.len();
            item_start = i;
        } else {
            i += 1;
        }
    }
    push(item_start, b.len(), &mut items);
    items
}

/// If the whole `item` is a name (up to three initials, one to three
/// capitalised words none of which is a stoplisted word or a place or
/// organisation word, optional final period), its span without the period.
pub fn parse_list_name(item: &str, m: &Matcher) -> Option<Span> {
    let r = &m.recall_patterns().list_name;
    let whole = r.find(item)?;
    let mut end = whole.end();
    let text = item.get(..end)?;
    // Drop a final sentence period ("F. DZERZHINSKY."), but not the period of
    // a final initial ("A. I.", "Yu.", "Ts."): initials have at most two letters.
    if let Some(body) = text.strip_suffix('.') {
        let last = body.rsplit([' ', '.']).next().unwrap_or("");
        if last.chars().count() > 2 {
            end -= 1;
        }
    }
    let name = item.get(..end)?;
    let words =
        name.split([' ', '.']).filter(|w| w.chars().count() > 2 || w.chars().any(|c| c.is_lowercase()) && w.len() > 2);
    // Checked as they come rather than collected: asked for every item of
    // every heading and signature line.
    let mut any = false;
    for w in words {
        if is_not_surname(w) || m.is_non_person_word(w) {
            return None;
        }
        any = true;
    }
    any.then_some(Span::new(0, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::matcher::tests::{mini, run};
    use crate::entities::DocContext;

    fn recall(text: &str) -> Vec<(String, &'static str)> {
        let m = mini();
        let mut out = Vec::new();
        m.find(text, &mut DocContext::new(), &mut out);
        out.iter()
            .filter(|x| x.source == MatchSource::Pattern)
            .map(|x| (text[x.span.range()].to_string(), x.rule))
            .collect()
    }

    #[test]
    fn initials_before_surname() {
        assert_eq!(
            recall("A. I. Ivanov and B.K. Petrov, C. Sidorov"),
            [
                ("A. I. Ivanov".to_string(), RULE_INITIALS_SURNAME),
                ("B.K. Petrov".to_string(), RULE_INITIALS_SURNAME),
                ("C. Sidorov".to_string(), RULE_INITIALS_SURNAME)
            ]
        );
        assert!(recall("the U.S.S.R. Ivanov").is_empty());
        // Not surnames: months, institution words, places, Roman numerals, short words.
        assert!(recall("on the 5th of M. October, see A. Moscow, part I. The V. CC").is_empty());
    }

    #[test]
    fn surname_then_initials() {
        assert_eq!(
            recall("(Medvedev R.A. On Stalin and Stalinism. Ed. Zhuravleva V. V. M., 1991)"),
            [
                ("Medvedev R.A.".to_string(), RULE_SURNAME_INITIALS),
                ("Zhuravleva V. V.".to_string(), RULE_SURNAME_INITIALS)
            ]
        );
    }

    #[test]
    fn comrade_titles() {
        assert_eq!(recall("Tov. Graskin will give"), [("Graskin".to_string(), RULE_COMRADE)]);
        assert_eq!(recall("T. Graskin!"), [("Graskin".to_string(), RULE_COMRADE)]);
        assert_eq!(recall("comrade. Ivanov said"), [("Ivanov".to_string(), RULE_COMRADE)]);
        assert_eq!(recall("Comrade SHLYAPNIKOV"), [("SHLYAPNIKOV".to_string(), RULE_COMRADE)]);
        assert!(recall("Comrade Chairman, comrade XIV, Comrade Central").is_empty());
        // Unicode boundary checked in code: a Cyrillic letter glued before the cue.
        assert!(recall("фComrade Ivanov, жA. B. Petrov").is_empty());
        assert_eq!(recall("«A. B. Petrov»"), [("A. B. Petrov".to_string(), RULE_INITIALS_SURNAME)]);
        assert!(recall("elect Comrade Sov. Ivanov").is_empty());
        assert_eq!(
            recall("comrades Ivanov, Petrov and Sidorov"),
            [
                ("Ivanov".to_string(), RULE_COMRADE),
                ("Petrov".to_string(), RULE_COMRADE_LIST),
                ("Sidorov".to_string(), RULE_COMRADE_LIST)
            ]
        );
        // Gazetteer names in the list are gazetteer mentions, the rest recall.
        let r = run("comrades Rykov, Shmidt and Pyatakov");
        let ids: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(ids, ["rykov-ai", "-", "pyatakov-gl"]);
        // Comrade before a gazetteer name: gazetteer wins, span is the name.
        assert_eq!(run("Comrade Uglanov")[0].0, "Uglanov");
        assert_eq!(run("Comrade Uglanov")[0].1, "uglanov-na");
    }

    #[test]
    fn cues_and_initials_helpers() {
        assert_eq!(comrade_cue("Comrade Lenin", 8), Some(0));
        assert_eq!(comrade_cue("xT. Lenin", 4), None);
        assert_eq!(preceding_initials("to A. P. Smirnov", 9), Some((3, 'A', Some('P'))));
        assert_eq!(preceding_initials("T. Smirnov", 3), None);
        assert_eq!(preceding_initials("AT. Smirnov", 4), None);
    }

    #[test]
    fn list_items_split() {
        let t = "G. L. Pyatakov, K. B. Radek and V. N. Yakovleva - Eastpart; X to Y";
        let items: Vec<&str> = list_items(t).iter().map(|s| &t[s.range()]).collect();
        assert_eq!(items, ["G. L. Pyatakov", "K. B. Radek", "V. N. Yakovleva", "Eastpart", "X", "Y"]);
    }

    fn list(text: &str) -> Vec<(String, String, &'static str)> {
        let m = mini();
        let mut out = Vec::new();
        m.names_in_list(text, &mut DocContext::new(), &mut out);
        out.iter()
            .map(|x| {
                (
                    text[x.span.range()].to_string(),
                    x.id.map_or("-".into(), |i| m.gazetteer().entry(i).id.clone()),
                    x.label.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn names_in_heading_and_signature_lines() {
        let h = "G. L. Pyatakov, K. B. Radek, V. N. Yakovleva - Eastpart, Central Committee of the RCP (b)";
        let r = list(h);
        let got: Vec<(&str, &str)> = r.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(
            got,
            [
                ("G. L. Pyatakov", "pyatakov-gl"),
                ("K. B. Radek", "radek-kb"),
                ("V. N. Yakovleva", "yakovleva-vn"),
                ("Eastpart", "istpart"),
                // The mini gazetteer lists the long form as a variant.
                ("Central Committee of the RCP (b)", "central-committee"),
            ]
        );
        assert_eq!(list("In. Stukov"), [("In. Stukov".into(), "stukov-in".into(), "PERSON")]);
        assert_eq!(list("Shevardin"), [("Shevardin".into(), "-".into(), "PERSON")]);
        assert_eq!(list("F. Dzerzhinsky."), [("F. Dzerzhinsky".into(), "dzerzhinsky-fe".into(), "PERSON")]);
        assert_eq!(list("Klim. Stalin. Sergo.")[0].1, "voroshilov-ke");
        assert_eq!(
            list("S. M. Kirov - G. K. Ordzhonikidze"),
            [
                ("S. M. Kirov".into(), "kirov-sm".into(), "PERSON"),
                ("G. K. Ordzhonikidze".into(), "ordzhonikidze-gk".into(), "PERSON")
            ]
        );
        // A place in a list stays a place; titles are not names.
        assert_eq!(list("Moscow"), [("Moscow".into(), "moscow".into(), "PLACE")]);
        assert!(list("Secretary").is_empty());
    }

    #[test]
    fn groups_agree_with_captures() {
        // Strings built from the pieces the patterns are made of, so that
        // most of them match something; a fixed LCG keeps the run repeatable.
        let pieces = [
            "A.",
            "B. ",
            "T.",
            "V.I.",
            " ",
            "  ",
            ",",
            ", ",
            "and ",
            " and ",
            "-",
            ".",
            "Comrade",
            "comrades",
            "Comrades",
            "Tov.",
            "tov.",
            "Ivanov",
            "Zinoviev-Kamenev",
            "STALIN",
            "OGPU-CHEKA",
            "Éva",
            "Lenín",
            "Ab",
            "ab",
            "Xé",
            "Sidorov-petrov",
            " V.",
            "K.",
            "Petrov ",
        ];
        let r = Recall::new();
        let mut g = crate::testgen::Gen::new(0x2545_f491);
        let mut checked = [0usize; 4];
        for _ in 0..40_000 {
            let t: String = (0..6).map(|_| g.pick(&pieces)).collect();
            if let Some(c) = r.initials_surname.captures(&t) {
                let (m, s) = (c.get(0).unwrap(), c.get(3).unwrap());
                assert_eq!(initials_groups(m.as_str().as_bytes()), Some((s.start(), c.get(2).is_some())), "{t:?}");
                // The pre-test in `find` never refuses a match.
                assert!(capital_after_initial(t.as_bytes(), 2), "{t:?}");
                checked[0] += 1;
            }
            if let Some(c) = r.surname_initials.captures(&t) {
                assert_eq!(surname_of_surname_initials(c.get(0).unwrap().as_str()), &c[1], "{t:?}");
                // The pre-test in `find`, after the first initial's period.
                assert!(initial_after(t.as_bytes(), c[1].len() + 3), "{t:?}");
                checked[1] += 1;
            }
            if let Some(c) = r.comrade.captures(&t) {
                let got = title_groups(c.get(0).unwrap().as_str().as_bytes());
                assert_eq!(got, Some((c.get(2).unwrap().start(), c.get(1).is_some())), "{t:?}");
                checked[2] += 1;
            }
            if let Some(c) = r.list_next.captures(&t) {
                assert_eq!(list_next_name(c.get(0).unwrap().as_str().as_bytes()), Some(c.get(1).unwrap().start()));
                checked[3] += 1;
            }
        }
        // Every pattern was exercised, not just compiled.
        assert!(checked.iter().all(|&n| n > 100), "{checked:?}");
    }
}

#[cfg(test)]
mod hostile_inputs {
    use crate::entities::matcher::tests::mini;
    use crate::entities::DocContext;

    /// Long, repetitive inputs are handled (no time assertion: a quadratic
    /// scan would simply not finish the suite; these take ~1 s in debug).
    #[test]
    fn long_repetitive_inputs_stay_linear() {
        let m = mini();
        let inputs = [
            "LeninLenin".repeat(50_000),
            "A. ".repeat(200_000),
            format!("comrades {}", "Ivanov, ".repeat(50_000)),
            "T. ".repeat(100_000) + "Stalin",
            "I. V. Stalin's ".repeat(20_000),
            "Comrade ".repeat(100_000),
        ];
        for input in &inputs {
            let mut out = Vec::new();
            m.find(input, &mut DocContext::new(), &mut out);
            let mut l = Vec::new();
            m.names_in_list(&input[..input.len().min(200_000)], &mut DocContext::new(), &mut l);
        }
        let count = |i: usize| {
            let mut out = Vec::new();
            m.find(&inputs[i], &mut DocContext::new(), &mut out);
            out.len()
        };
        assert_eq!(count(0), 0);
        assert_eq!(count(1), 0);
        assert_eq!(count(3), 1);
        assert_eq!(count(5), 0);
        let mut out = Vec::new();
        m.find(&inputs[2], &mut DocContext::new(), &mut out);
        assert_eq!(out.len(), 50_000);
        let mut out = Vec::new();
        m.find(&inputs[4], &mut DocContext::new(), &mut out);
        assert_eq!(out.len(), 20_000);
    }
}
