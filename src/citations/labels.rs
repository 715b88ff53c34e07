//! Level labels of an archival reference: fond, opis, delo, folios.
//!
//! The same four levels are written "F. Op. D. L." in the translation,
//! "f. op. d. l./ll." in Western (Library of Congress) romanization and
//! "Ф. Оп. Д. Л." in Russian. A label is read as a word, then classified by
//! script and case, so that one reader serves the three styles and reports
//! the damage it meets ("On." for "Op.", Latin "On" typed inside a Cyrillic
//! reference, machine-translated "Sheet", a missing period).

use crate::span::Span;

/// The level of the archival hierarchy a label introduces, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Fond,
    Opis,
    Delo,
    Folios,
}

impl Level {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Level::Fond => "fond",
            Level::Opis => "opis",
            Level::Delo => "delo",
            Level::Folios => "folios",
        }
    }
}

/// The script of a label word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    /// Letters of both scripts in one word ("Оn" with a Latin n).
    Mixed,
}

/// How far a label is from the standard abbreviation of its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// The standard abbreviation (in some case and script).
    Standard,
    /// "On.", "an.", "0p." for "Op.": misreadings of the Cyrillic "Оп.".
    Misread,
    /// "o." for "op." (some Western journals).
    Variant,
    /// Transliterated full word: "fond", "opis", "delo", "list".
    Word,
    /// Machine translation of the Russian word: "Sheet", "Case", "Inventory", "Fund".
    Translated,
    /// "Ед. хр." (storage unit), the Russian label for delo in some fonds.
    StorageUnit,
    /// No label: "passim" standing alone after the file ("d. 1420, passim").
    Absent,
}

/// One label as read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Label {
    pub level: Level,
    pub span: Span,
    pub script: Script,
    /// First letter upper case.
    pub upper: bool,
    pub form: Form,
    /// "ll." / "Лл." / "Sheets".
    pub plural: bool,
    /// An abbreviation written without its period ("Op 1").
    pub missing_period: bool,
    /// An abbreviation glued to its value ("F.76").
    pub glued: bool,
    /// Where the value starts.
    pub value_start: usize,
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Folds Cyrillic look-alikes of Latin letters to Latin, for labels typed
/// with a mix of keyboards. "п" is folded to "n": it is what OCR and
/// transliteration make of the Cyrillic "Оп." ("On.").
fn fold_to_latin(c: char) -> char {
    match c {
        'о' => 'o',
        'О' => 'O',
        'р' => 'p',
        'Р' => 'P',
        'п' => 'n',
        'а' => 'a',
        'А' => 'A',
        'с' => 'c',
        'С' => 'C',
        'е' => 'e',
        'Е' => 'E',
        'Д' => 'D',
        'д' => 'd',
        'Л' => 'L',
        'л' => 'l',
        'Ф' => 'F',
        'ф' => 'f',
        other => other,
    }
}

const MAX_WORD: usize = 12;

fn latin_word(w: &str) -> Option<(Level, Form, bool)> {
    use Form::*;
    use Level::*;
    Some(match w {
        "f" => (Fond, Standard, false),
        "fond" => (Fond, Word, false),
        "fund" => (Fond, Translated, false),
        "op" => (Opis, Standard, false),
        "on" | "an" => (Opis, Misread, false),
        "o" => (Opis, Variant, false),
        "opis" => (Opis, Word, false),
        "inventory" => (Opis, Translated, false),
        "d" => (Delo, Standard, false),
        "delo" => (Delo, Word, false),
        "case" | "file" => (Delo, Translated, false),
        "l" => (Folios, Standard, false),
        "ll" => (Folios, Standard, true),
        "list" => (Folios, Word, false),
        "listy" => (Folios, Word, true),
        "sheet" => (Folios, Translated, false),
        "sheets" => (Folios, Translated, true),
        _ => return None,
    })
}

fn cyrillic_word(w: &str) -> Option<(Level, Form, bool)> {
    use Form::*;
    use Level::*;
    Some(match w {
        "ф" => (Fond, Standard, false),
        "фонд" => (Fond, Word, false),
        "оп" => (Opis, Standard, false),
        "опись" => (Opis, Word, false),
        "д" => (Delo, Standard, false),
        "дело" => (Delo, Word, false),
        "ед" => (Delo, StorageUnit, false),
        "л" => (Folios, Standard, false),
        "лл" => (Folios, Standard, true),
        _ => return None,
    })
}

/// True when a value can start at `i`: a digit, or up to three letters and
/// an optional hyphen before a digit ("R-5674", "Р-9401", "A259").
fn value_starts(s: &str, i: usize, level: Level) -> bool {
    let Some(rest) = s.get(i..) else { return false };
    if level == Level::Folios && rest.starts_with("passim") {
        return true;
    }
    for (n, c) in rest.chars().enumerate() {
        if c.is_ascii_digit() {
            return true;
        }
        if level == Level::Folios || n >= 4 || !(c.is_alphabetic() || (c == '-' && n > 0)) {
            return false;
        }
    }
    false
}

/// Reads a label at `i`, which must be followed by a value.
pub(crate) fn read(s: &str, i: usize) -> Option<Label> {
    let rest = s.get(i..)?;
    let b = s.as_bytes();
    let (level, form, plural, script, upper, word_end) = if rest.starts_with("0p") || rest.starts_with("0n") {
        (Level::Opis, Form::Misread, false, Script::Latin, true, i + 2)
    } else {
        let mut end = i;
        let mut n = 0;
        let (mut lat, mut cyr) = (false, false);
        for (off, c) in rest.char_indices() {
            if !c.is_alphabetic() {
                break;
            }
            n += 1;
            if n > MAX_WORD {
                return None;
            }
            if c.is_ascii() {
                lat = true;
            } else if is_cyrillic(c) {
                cyr = true;
            } else {
                return None;
            }
            end = i + off + c.len_utf8();
        }
        if n == 0 {
            return None;
        }
        let word = s.get(i..end)?;
        let upper = word.chars().next().is_some_and(char::is_uppercase);
        // Lower-cased on the stack: a String per word read was a third of
        // the cost of reading labels. A char lower-cases to at most three
        // chars of at most four bytes, so the buffer holds any word of up to
        // MAX_WORD chars.
        let mut buf = [0u8; MAX_WORD * 12];
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let dst = buf.get_mut(len..len + c.len_utf8())?;
            len += c.encode_utf8(dst).len();
        }
        let lower = std::str::from_utf8(buf.get(..len)?).ok()?;
        let (script, found) = match (lat, cyr) {
            (true, false) => (Script::Latin, latin_word(lower)),
            (false, true) => (Script::Cyrillic, cyrillic_word(lower)),
            _ => {
                let folded: String = lower.chars().map(fold_to_latin).collect();
                (Script::Mixed, latin_word(&folded))
            }
        };
        let (level, form, plural) = found?;
        (level, form, plural, script, upper, end)
    };
    let mut j = word_end;
    let mut period = false;
    if b.get(j) == Some(&b'.') {
        period = true;
        j += 1;
    }
    if form == Form::StorageUnit {
        // "Ед. хр." / "ед.хр."
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let r = s.get(j..)?;
        let hr = ["хр", "Хр"].iter().find(|h| r.starts_with(**h))?;
        j += hr.len();
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
    }
    let label_end = j;
    let abbreviation = matches!(form, Form::Standard | Form::Misread | Form::Variant);
    let mut spaces = 0;
    while b.get(j) == Some(&b' ') {
        j += 1;
        spaces += 1;
    }
    if spaces > 2 {
        return None;
    }
    if !period && abbreviation && spaces == 0 {
        // "D5", "L1": too likely to be something else.
        return None;
    }
    if !period && !abbreviation && spaces == 0 && form != Form::StorageUnit {
        return None;
    }
    if !value_starts(s, j, level) {
        return None;
    }
    Some(Label {
        level,
        span: Span::new(i, label_end),
        script,
        upper,
        form,
        plural,
        missing_period: abbreviation && !period,
        glued: period && spaces == 0,
        value_start: j,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_labels() {
        let l = read("F. 76", 0).unwrap();
        assert_eq!((l.level, l.form, l.upper, l.value_start), (Level::Fond, Form::Standard, true, 3));
        assert_eq!(read("Op. 1/S", 0).unwrap().level, Level::Opis);
        assert_eq!(read("On. 1", 0).unwrap().form, Form::Misread);
        assert_eq!(read("an. 1", 0).unwrap().form, Form::Misread);
        assert_eq!(read("0p. 1", 0).unwrap().form, Form::Misread);
        assert_eq!(read("F. R-5674", 0).unwrap().level, Level::Fond);
    }

    #[test]
    fn a_label_needs_a_value() {
        assert!(read("F. Dzerzhinsky", 0).is_none());
        assert!(read("D5", 0).is_none());
        assert!(read("Donbass 5", 0).is_none());
    }

    #[test]
    fn western_and_cyrillic_labels() {
        assert!(read("ll. 177", 0).unwrap().plural);
        assert_eq!(read("o. 1", 0).unwrap().form, Form::Variant);
        assert_eq!(read("Л. 17", 0).unwrap().script, Script::Cyrillic);
        let eh = read("Ед. хр. 46", 0).unwrap();
        assert_eq!((eh.level, eh.form), (Level::Delo, Form::StorageUnit));
        // Cyrillic О with a Latin n.
        let m = read("Оn. 1", 0).unwrap();
        assert_eq!((m.level, m.script), (Level::Opis, Script::Mixed));
    }

    #[test]
    fn damage_flags() {
        assert!(read("Op 1", 0).unwrap().missing_period);
        assert!(read("F.76", 0).unwrap().glued);
        assert_eq!(read("Sheet 5", 0).unwrap().form, Form::Translated);
    }
}
