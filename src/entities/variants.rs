//! Generating the surface forms of an entry.
//!
//! The gazetteer lists a person once (surname, given name, patronymic); the
//! ways the translation writes that person are generated here, each form
//! tagged with the rule that made it so a surprising match can be traced
//! back ("why did `Kobe` match Stalin?" → `case-a-stem` on `Koba`).
//!
//! Three families of rules:
//! - *structural* — initials and name order, as Russian usage writes names:
//!   `I. V. Stalin`, `I.V. Stalin`, `I.V.Stalin`, `I. Stalin`, `Stalin I. V.`,
//!   `Stalin I.V.`, `Stalin`, `STALIN`, `I. V. STALIN`, `Iosif Vissarionovich`,
//!   `Iosif Stalin`, `Iosif Vissarionovich Stalin`, `Stalin Iosif
//!   Vissarionovich`, `Iosif Vissarionovich STALIN`;
//! - *transliteration* — the systematic differences between the popular
//!   romanization the translation uses, Library of Congress and the scholarly
//!   system: `-sky`/`-skii`/`-skij`/`-skiy`, `-iev`/`-'ev`/`-yev`, vowel+`ev`/
//!   vowel+`yev`, `ya`/`ia`, `yu`/`iu`, word-initial `Ye`/`E`, `yo`/`e`, final
//!   `-oy`/`-oi`;
//! - *case endings* the machine translation leaves on Russian names
//!   (`Kobe`, `Kobu` for Koba, `Smilge` for Smilga, `Kalininu` for Kalinin).
//!
//! Transliteration and case forms are *derived*: the matcher drops a derived
//! form when it equals a form of an entry with a different surname (so
//! `Kalinina` derived from Kalinin gives way to a woman named Kalinina) or a
//! common English word. Explicit variants from the file are never dropped.

use super::gazetteer::Entry;
use super::Label;

/// What a form says about the person, for disambiguation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// The surname alone (or a spelling/case form of it): shared surnames are
    /// ambiguous, and initials just before it in the text decide.
    Surname,
    /// A form that carries initials (first, optional second) — decides
    /// between people sharing a surname.
    Initials(char, Option<char>),
    /// Given name and/or patronymic with or without surname.
    Name,
    /// An explicit variant from the file (nickname, pseudonym, spelling), or
    /// a place/organisation name.
    Variant,
}

/// One generated surface form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The exact text matched (case-sensitive).
    pub text: String,
    /// The rule that produced it.
    pub rule: &'static str,
    /// What the form tells about the entry.
    pub kind: FormKind,
    /// True for transliteration and case forms, which give way on collision.
    pub derived: bool,
}

/// Every rule name a form can carry, for documentation and tests.
pub const RULES: &[&str] = &[
    "preferred",
    "explicit-variant",
    "surname",
    "surname-caps",
    "initials-surname",
    "initials-tight-surname",
    "initials-glued-surname",
    "initial-surname",
    "initials-surname-caps",
    "surname-initials",
    "surname-initials-tight",
    "given-patronymic",
    "given-surname",
    "full-name",
    "surname-full-name",
    "full-name-caps-surname",
    "variant-full-name",
    "variant-full-name-caps",
    "translit-sky",
    "translit-iev",
    "translit-vowel-ev",
    "translit-ya",
    "translit-yu",
    "translit-ye",
    "translit-yo",
    "translit-oy",
    "case-consonant-stem",
    "case-a-stem",
    "case-adjective",
    "case-feminine-adjective",
];

/// Upper bound on the spellings of one word: the transliteration rules
/// combine, and a word with many sites must not explode the pattern set.
const MAX_SPELLINGS: usize = 12;

/// Shortest stem that receives case endings: below this the inflected forms
/// are too likely to be other words ("Noe" → "Noi").
const MIN_CASE_STEM: usize = 3;

/// The forms of one entry, primary forms first.
pub fn forms(e: &Entry) -> Vec<Form> {
    let mut out: Vec<Form> = Vec::new();
    let mut push = |text: String, rule: &'static str, kind: FormKind, derived: bool| {
        if !text.is_empty() && !out.iter().any(|f| f.text == text) {
            out.push(Form { text, rule, kind, derived });
        }
    };
    if e.label != Label::Person {
        push(e.preferred.clone(), "preferred", FormKind::Variant, false);
        for v in &e.variants {
            push(v.clone(), "explicit-variant", FormKind::Variant, false);
        }
        return out;
    }
    let s = e.surname.as_str();
    let g = e.given.as_str();
    let p = e.patronymic.as_str();
    let gi = g.chars().next().filter(|c| c.is_uppercase());
    let pi = p.chars().next().filter(|c| c.is_uppercase());
    let caps = s.to_uppercase();
    let bare = !e.flags.no_bare;
    if bare {
        push(s.to_string(), "surname", FormKind::Surname, false);
        if caps != s {
            push(caps.clone(), "surname-caps", FormKind::Surname, false);
        }
    }
    if let Some(a) = gi {
        let k1 = FormKind::Initials(a, None);
        if let Some(b) = pi {
            let k2 = FormKind::Initials(a, Some(b));
            push(format!("{a}. {b}. {s}"), "initials-surname", k2, false);
            push(format!("{a}.{b}. {s}"), "initials-tight-surname", k2, false);
            push(format!("{a}.{b}.{s}"), "initials-glued-surname", k2, false);
            push(format!("{a}. {b}. {caps}"), "initials-surname-caps", k2, false);
            push(format!("{s} {a}. {b}."), "surname-initials", k2, false);
            push(format!("{s} {a}.{b}."), "surname-initials-tight", k2, false);
        }
        push(format!("{a}. {s}"), "initial-surname", k1, false);
        push(format!("{a}.{s}"), "initials-glued-surname", k1, false);
    }
    if !g.is_empty() {
        push(format!("{g} {s}"), "given-surname", FormKind::Name, false);
        if !p.is_empty() {
            push(format!("{g} {p}"), "given-patronymic", FormKind::Name, false);
            push(format!("{g} {p} {s}"), "full-name", FormKind::Name, false);
            push(format!("{s} {g} {p}"), "surname-full-name", FormKind::Name, false);
            push(format!("{g} {p} {caps}"), "full-name-caps-surname", FormKind::Name, false);
        }
    }
    // A first name and patronymic the translation spells its own way
    // ("Gavril Ivanovich" for Gavriil Ilyich Myasnikov) also occurs with the
    // surname after it, as the generated forms do.
    if !s.is_empty() {
        for v in &e.variants {
            let words: Vec<&str> = v.split(' ').collect();
            let patronymic = |w: &str| ["vich", "vna", "ich", "ichna", "ych"].iter().any(|x| w.ends_with(x));
            if words.len() == 2 && words.iter().all(|w| w.starts_with(char::is_uppercase)) && patronymic(words[1]) {
                push(format!("{v} {s}"), "variant-full-name", FormKind::Name, false);
                push(format!("{v} {caps}"), "variant-full-name-caps", FormKind::Name, false);
            }
        }
    }
    for v in &e.variants {
        push(v.clone(), "explicit-variant", FormKind::Variant, false);
    }
    // Derived: other romanizations of the surname, with the main structural forms.
    if !s.contains(' ') {
        for (alt, rule) in spellings(s) {
            if bare {
                push(alt.clone(), rule, FormKind::Surname, true);
                push(alt.to_uppercase(), rule, FormKind::Surname, true);
            }
            if let Some(a) = gi {
                if let Some(b) = pi {
                    push(format!("{a}. {b}. {alt}"), rule, FormKind::Initials(a, Some(b)), true);
                }
                push(format!("{a}. {alt}"), rule, FormKind::Initials(a, None), true);
            }
            if !g.is_empty() {
                push(format!("{g} {alt}"), rule, FormKind::Name, true);
            }
        }
    }
    // Derived: case endings on the surname and on one-word nicknames.
    if bare && !s.contains(' ') {
        for (f, rule) in case_forms(s) {
            push(f, rule, FormKind::Surname, true);
        }
    }
    for v in &e.variants {
        if is_single_word(v) {
            for (f, rule) in case_forms(v) {
                push(f, rule, FormKind::Variant, true);
            }
        }
    }
    out
}

fn is_single_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphabetic() || c == '-')
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// One transliteration rule: all alternative spellings of a word.
type AltRule = fn(&str) -> Vec<String>;

/// Other romanizations of one word, each with the rule that made it
/// (rules combine; the rule of the last step is reported).
pub fn spellings(word: &str) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = vec![(word.to_string(), "")];
    let rules: &[(&'static str, AltRule)] = &[
        ("translit-sky", alt_sky),
        ("translit-iev", alt_iev),
        ("translit-vowel-ev", alt_vowel_ev),
        ("translit-ya", |w| alt_pair(w, "ya", "ia")),
        ("translit-yu", |w| alt_pair(w, "yu", "iu")),
        ("translit-ye", alt_ye),
        ("translit-yo", alt_yo),
        ("translit-oy", alt_oy),
    ];
    for (rule, f) in rules {
        let current: Vec<String> = out.iter().map(|(s, _)| s.clone()).collect();
        for w in current {
            for alt in f(&w) {
                if out.len() >= MAX_SPELLINGS {
                    break;
                }
                if alt != word && !out.iter().any(|(s, _)| *s == alt) {
                    out.push((alt, rule));
                }
            }
        }
    }
    out.remove(0);
    out
}

/// `-sky` (popular) / `-skii` (LoC) / `-skij` (scholarly) / `-skiy` for ский.
fn alt_sky(w: &str) -> Vec<String> {
    const ENDS: [&str; 4] = ["sky", "skii", "skij", "skiy"];
    for end in ENDS {
        if let Some(stem) = w.strip_suffix(end) {
            if stem.chars().count() >= 2 {
                return ENDS.iter().filter(|e| **e != end).map(|e| format!("{stem}{e}")).collect();
            }
        }
    }
    Vec::new()
}

/// ьев after a consonant: `Zinoviev` (popular) / `Zinov'ev` (LoC, scholarly)
/// / `Zinovyev`.
fn alt_iev(w: &str) -> Vec<String> {
    const ENDS: [&str; 3] = ["iev", "'ev", "yev"];
    for end in ENDS {
        if let Some(stem) = w.strip_suffix(end) {
            if stem.chars().last().is_some_and(|c| !is_vowel(c)) && stem.len() >= 2 {
                return ENDS.iter().filter(|e| **e != end).map(|e| format!("{stem}{e}")).collect();
            }
        }
    }
    Vec::new()
}

/// ев after a vowel: `Sergeev` (LoC) / `Sergeyev` (popular).
fn alt_vowel_ev(w: &str) -> Vec<String> {
    if let Some(stem) = w.strip_suffix("yev") {
        if stem.chars().last().is_some_and(|c| is_vowel(c) && c != 'y') {
            return vec![format!("{stem}ev")];
        }
    } else if let Some(stem) = w.strip_suffix("ev") {
        if stem.chars().last().is_some_and(|c| is_vowel(c) && c != 'i' && c != 'y') {
            return vec![format!("{stem}yev")];
        }
    }
    Vec::new()
}

/// я/ю: popular `ya`/`yu` against LoC `ia`/`iu`, at every site (word-initial
/// capital too). Only applied after a consonant or at the start, where `y`
/// is the softening sign, not the vowel ы.
fn alt_pair(w: &str, popular: &str, loc: &str) -> Vec<String> {
    // `at_end`: whether a site at the very end of the word may be swapped.
    // LoC `ia` at the end is mostly ия (`Zhordania`, popular `-iya`), not я,
    // so `-ia` is never turned into `-ya`.
    let swap = |w: &str, from: &str, to: &str, at_end: bool| -> Option<String> {
        let cap_from = capitalize(from);
        let cap_to = capitalize(to);
        let mut changed = false;
        let mut out = String::with_capacity(w.len() + 2);
        let mut prev: Option<char> = None;
        let mut rest = w;
        while !rest.is_empty() {
            if prev.is_none() && rest.starts_with(&cap_from) {
                out.push_str(&cap_to);
                rest = &rest[cap_from.len()..];
                changed = true;
                prev = cap_to.chars().last();
                continue;
            }
            if prev.is_some_and(|c| !is_vowel(c)) && rest.starts_with(from) && (at_end || rest.len() > from.len()) {
                out.push_str(to);
                rest = &rest[from.len()..];
                changed = true;
                prev = to.chars().last();
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            out.push(c);
            rest = &rest[c.len_utf8()..];
            prev = Some(c);
        }
        changed.then_some(out)
    };
    swap(w, popular, loc, true).into_iter().chain(swap(w, loc, popular, false)).collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Word-initial Е: popular `Ye` (Yevdokimov) against LoC `E` (Evdokimov).
/// Only in that direction: an `E` may be Э, which is never `Ye`.
fn alt_ye(w: &str) -> Vec<String> {
    match w.strip_prefix("Ye") {
        Some(rest) if rest.chars().next().is_some_and(|c| !is_vowel(c)) => {
            vec![format!("E{rest}")]
        }
        _ => Vec::new(),
    }
}

/// ё after a consonant: `Budyonny` (popular) / `Budenny` (LoC writes e).
fn alt_yo(w: &str) -> Vec<String> {
    let Some(pos) = w.find("yo") else {
        return Vec::new();
    };
    let before = w[..pos].chars().last();
    if pos > 0 && before.is_some_and(|c| !is_vowel(c)) {
        vec![format!("{}e{}", &w[..pos], &w[pos + 2..])]
    } else {
        Vec::new()
    }
}

/// Final ой: `-oy` / `-oi`.
fn alt_oy(w: &str) -> Vec<String> {
    if let Some(stem) = w.strip_suffix("oy") {
        vec![format!("{stem}oi")]
    } else if let Some(stem) = w.strip_suffix("oi") {
        vec![format!("{stem}oy")]
    } else {
        Vec::new()
    }
}

/// Russian case forms a translation leaves on a name, by the shape of its
/// ending. Indeclinable endings (-e, -i, -o, -u: Ordzhonikidze, Sergo, Budu)
/// and non-Russian shapes get none.
pub fn case_forms(w: &str) -> Vec<(String, &'static str)> {
    let lower = w.to_lowercase();
    let n = lower.chars().count();
    let mut out = Vec::new();
    let stem_ok = |stem: &str| stem.chars().count() >= MIN_CASE_STEM;
    if let Some(stem) = w.strip_suffix("aya") {
        // Krupskaya: Krupskoi/Krupskoy (gen., dat., instr.), Krupskuyu (acc.)
        if stem_ok(stem) {
            for end in ["oi", "oy", "uyu"] {
                out.push((format!("{stem}{end}"), "case-feminine-adjective"));
            }
        }
        return out;
    }
    for end in ["sky", "skii", "skij", "skiy"] {
        if let Some(stem) = w.strip_suffix(end) {
            // Dzerzhinsky: Dzerzhinskogo, Dzerzhinskomu, Dzerzhinskim
            if stem_ok(stem) {
                for e in ["skogo", "skomu", "skim"] {
                    out.push((format!("{stem}{e}"), "case-adjective"));
                }
            }
            return out;
        }
    }
    let Some(last) = lower.chars().last() else {
        return out;
    };
    if n < MIN_CASE_STEM + 1 {
        return out;
    }
    if last == 'a' && !lower.ends_with("ia") && !lower.ends_with("ya") {
        let stem = &w[..w.len() - 1];
        let sibilant_or_velar = ["g", "k", "kh", "zh", "sh", "ch", "shch"].iter().any(|e| stem.ends_with(e));
        let feminine_surname = ["ov", "ev", "in", "yn"].iter().any(|e| stem.ends_with(e));
        // Koba → Kobe (dat./prep.), Kobu (acc.), Koby/Smilgi (gen.), Koboi/Koboy (instr.)
        if !feminine_surname {
            out.push((format!("{stem}e"), "case-a-stem"));
        }
        out.push((format!("{stem}u"), "case-a-stem"));
        let gen = if sibilant_or_velar { "i" } else { "y" };
        out.push((format!("{stem}{gen}"), "case-a-stem"));
        out.push((format!("{stem}oi"), "case-a-stem"));
        out.push((format!("{stem}oy"), "case-a-stem"));
        return out;
    }
    if is_vowel(last) || !last.is_ascii_alphabetic() {
        return out;
    }
    // Consonant stems: Kalinin → Kalinina, Kalininu, Kalinine, Kalininym;
    // Radek → Radeka, Radeku, Radeke, Radekom; Ilyich → Ilyichem.
    let possessive = ["ov", "ev", "in", "yn"].iter().any(|e| w.ends_with(e));
    let soft = ["ch", "sh", "zh", "ts"].iter().any(|e| w.ends_with(e));
    for end in ["a", "u", "e"] {
        out.push((format!("{w}{end}"), "case-consonant-stem"));
    }
    let instr = if possessive {
        "ym"
    } else if soft {
        "em"
    } else {
        "om"
    };
    out.push((format!("{w}{instr}"), "case-consonant-stem"));
    out
}

/// A small list of common English words, against which derived forms and
/// explicit variants are checked: a name form equal to one of these would
/// be matched in ordinary prose. Lowercase; compared case-insensitively.
const ENGLISH_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "art", "as", "at", "back", "bad", "be",
    "bear", "been", "before", "best", "big", "bill", "black", "boss", "box", "brother", "brown", "but", "by", "can",
    "case", "chief", "city", "coal", "come", "cook", "could", "day", "dear", "do", "door", "down", "each", "end",
    "even", "far", "few", "field", "fine", "fish", "for", "friend", "from", "get", "give", "go", "gold", "good",
    "great", "green", "had", "hall", "hand", "has", "have", "he", "her", "here", "high", "him", "his", "home", "house",
    "how", "if", "in", "into", "is", "it", "its", "just", "king", "know", "land", "last", "law", "left", "less", "let",
    "like", "line", "little", "long", "lord", "made", "make", "man", "many", "march", "may", "me", "men", "might",
    "mine", "more", "most", "much", "must", "my", "new", "no", "not", "now", "of", "old", "on", "one", "only", "or",
    "other", "our", "out", "over", "own", "party", "people", "power", "red", "right", "rose", "said", "same", "see",
    "she", "should", "side", "so", "some", "still", "such", "take", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "time", "to", "too", "two", "under", "up", "us", "very", "was", "way",
    "we", "well", "were", "what", "when", "where", "which", "while", "white", "who", "why", "will", "with", "wolf",
    "word", "work", "would", "year", "yet", "you", "young", "your", "stone", "war", "will", "lama", "bone", "sea",
    "sun", "union", "front", "army", "general", "state", "central",
];

/// True when `s` is one of the common English words of `ENGLISH_WORDS`.
pub fn is_english_word(s: &str) -> bool {
    let l = s.to_lowercase();
    ENGLISH_WORDS.contains(&l.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::{Flags, Origin};

    fn person(s: &str, g: &str, p: &str, variants: &[&str]) -> Entry {
        Entry {
            id: "x".into(),
            preferred: format!("{s}, {g} {p}"),
            label: Label::Person,
            kind: "person".into(),
            description: String::new(),
            flags: Flags::default(),
            born: None,
            died: None,
            surname: s.into(),
            given: g.into(),
            patronymic: p.into(),
            variants: variants.iter().map(|v| v.to_string()).collect(),
            modern: String::new(),
            country: String::new(),
            origin: Origin { file: "t".into(), line: 1 },
        }
    }

    fn rule_of(forms: &[Form], text: &str) -> Option<&'static str> {
        forms.iter().find(|f| f.text == text).map(|f| f.rule)
    }

    #[test]
    fn structural_forms_of_stalin() {
        let f = forms(&person("Stalin", "Iosif", "Vissarionovich", &["Koba"]));
        let expect = [
            ("I. V. Stalin", "initials-surname"),
            ("I.V. Stalin", "initials-tight-surname"),
            ("I.V.Stalin", "initials-glued-surname"),
            ("I. Stalin", "initial-surname"),
            ("Stalin I. V.", "surname-initials"),
            ("Stalin I.V.", "surname-initials-tight"),
            ("Stalin", "surname"),
            ("STALIN", "surname-caps"),
            ("I. V. STALIN", "initials-surname-caps"),
            ("Iosif Vissarionovich", "given-patronymic"),
            ("Iosif Stalin", "given-surname"),
            ("Iosif Vissarionovich Stalin", "full-name"),
            ("Stalin Iosif Vissarionovich", "surname-full-name"),
            ("Koba", "explicit-variant"),
            ("Kobe", "case-a-stem"),
            ("Kobu", "case-a-stem"),
            ("Stalina", "case-consonant-stem"),
            ("Stalinym", "case-consonant-stem"),
        ];
        for (t, r) in expect {
            assert_eq!(rule_of(&f, t), Some(r), "{t}");
        }
        for f in &f {
            assert!(RULES.contains(&f.rule), "{}", f.rule);
        }
        let k = f.iter().find(|x| x.text == "I. V. Stalin").unwrap().kind;
        assert_eq!(k, FormKind::Initials('I', Some('V')));
    }

    #[test]
    fn no_bare_suppresses_surname_forms() {
        let mut e = person("Wolf", "Anna", "", &[]);
        e.flags.no_bare = true;
        let f = forms(&e);
        assert_eq!(rule_of(&f, "Wolf"), None);
        assert_eq!(rule_of(&f, "WOLF"), None);
        assert_eq!(rule_of(&f, "A. Wolf"), Some("initial-surname"));
        assert_eq!(rule_of(&f, "Anna Wolf"), Some("given-surname"));
    }

    #[test]
    fn hyphenated_and_feminine_surnames() {
        let f = forms(&person("Antonov-Ovseenko", "Vladimir", "Aleksandrovich", &[]));
        assert_eq!(rule_of(&f, "Antonov-Ovseenko"), Some("surname"));
        assert_eq!(rule_of(&f, "V. A. Antonov-Ovseenko"), Some("initials-surname"));
        let f = forms(&person("Yakovleva", "Varvara", "Nikolaevna", &[]));
        assert_eq!(rule_of(&f, "V. N. Yakovleva"), Some("initials-surname"));
        assert_eq!(rule_of(&f, "Iakovleva"), Some("translit-ya"));
        assert_eq!(rule_of(&f, "Yakovlevoi"), Some("case-a-stem"));
        assert_eq!(rule_of(&f, "Yakovleve"), None, "feminine -eva has no -e case");
        let f = forms(&person("Krupskaya", "Nadezhda", "Konstantinovna", &[]));
        assert_eq!(rule_of(&f, "Krupskoi"), Some("case-feminine-adjective"));
        assert_eq!(rule_of(&f, "Nadezhda Konstantinovna"), Some("given-patronymic"));
    }

    #[test]
    fn transliteration_rules() {
        let sp = |w: &str| spellings(w).into_iter().map(|(s, _)| s).collect::<Vec<_>>();
        assert!(sp("Trotsky").contains(&"Trotskii".to_string()));
        assert!(sp("Trotsky").contains(&"Trotskij".to_string()));
        assert!(sp("Trotsky").contains(&"Trotskiy".to_string()));
        assert!(sp("Dzerzhinskii").contains(&"Dzerzhinsky".to_string()));
        assert!(sp("Zinoviev").contains(&"Zinov'ev".to_string()));
        assert!(sp("Zinoviev").contains(&"Zinovyev".to_string()));
        assert_eq!(sp("Sergeev"), vec!["Sergeyev"]);
        assert!(sp("Pyatakov").contains(&"Piatakov".to_string()));
        assert!(sp("Tsyurupa").contains(&"Tsiurupa".to_string()));
        assert!(sp("Yevdokimov").contains(&"Evdokimov".to_string()));
        assert!(sp("Budyonny").contains(&"Budenny".to_string()));
        assert!(sp("Tolstoy").contains(&"Tolstoi".to_string()));
        // No site, no variant; `zh` stays; a vowel before `ya` is not softening.
        assert!(sp("Stalin").is_empty());
        assert!(sp("Dzerzhinsky").iter().all(|s| s.starts_with("Dzerzh")));
        assert!(sp("Mamiya").is_empty());
        assert!(sp("Zhordania").is_empty(), "final -ia is ия, not я");
        assert!(sp("Iakovleva").contains(&"Yakovleva".to_string()));
        assert_eq!(rule_of(&forms(&person("Trotsky", "Lev", "Davidovich", &[])), "Trotskii"), Some("translit-sky"));
    }

    #[test]
    fn case_endings() {
        let cf = |w: &str| case_forms(w).into_iter().map(|(s, _)| s).collect::<Vec<_>>();
        assert_eq!(cf("Koba"), vec!["Kobe", "Kobu", "Koby", "Koboi", "Koboy"]);
        assert!(cf("Smilga").contains(&"Smilge".to_string()));
        assert!(cf("Smilga").contains(&"Smilgi".to_string()));
        assert_eq!(cf("Kalinin"), vec!["Kalinina", "Kalininu", "Kalinine", "Kalininym"]);
        assert!(cf("Radek").contains(&"Radekom".to_string()));
        assert!(cf("Ilyich").contains(&"Ilyichem".to_string()));
        assert!(cf("Dzerzhinsky").contains(&"Dzerzhinskogo".to_string()));
        for indeclinable in ["Ordzhonikidze", "Sergo", "Budu", "Frunze", "Zhordania", "Noe"] {
            assert!(cf(indeclinable).is_empty(), "{indeclinable}");
        }
    }

    #[test]
    fn english_words() {
        assert!(is_english_word("House"));
        assert!(!is_english_word("Stalin"));
    }
}
