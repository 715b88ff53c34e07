//! Canonical rendering of archival references in the three styles.
//!
//! | style | form |
//! |---|---|
//! | translation | `RGASPI. F. 558. Op. 1. D. 5403. L. 1-2v.` |
//! | western | `RGASPI, f. 558, op. 1, d. 5403, ll. 1-2ob.` |
//! | cyrillic | `РГАСПИ. Ф. 558. Оп. 1. Д. 5403. Л. 1-2 об.` |
//!
//! Translation and Russian references use "L."/"Л." for one leaf or many,
//! as the Russian originals do; the Western (LoC) form distinguishes "l."
//! and "ll.". Versos are "v" in the translation (as in the collection's own
//! "L. 56-56v."), "ob." in Western citations and " об." in Russian.

use super::archives::cyrillic_of;
use super::{Citation, Kind, Style};

/// Latin transliteration of the Cyrillic letters found in fond/opis prefixes
/// and suffixes ("Р-9401", "1с").
fn to_latin(c: char) -> char {
    match c {
        'Р' => 'R',
        'р' => 'r',
        'С' => 'S',
        'с' => 's',
        'А' => 'A',
        'а' => 'a',
        'М' => 'M',
        'К' => 'K',
        'Т' => 'T',
        'Н' => 'N',
        'Д' => 'D',
        'О' => 'O',
        'П' => 'P',
        'Г' => 'G',
        'Б' => 'B',
        'В' => 'V',
        'Е' => 'E',
        'Ф' => 'F',
        other => other,
    }
}

fn to_cyrillic(c: char) -> char {
    match c {
        'R' => 'Р',
        'r' => 'р',
        'S' => 'С',
        's' => 'с',
        'A' => 'А',
        'a' => 'а',
        'M' => 'М',
        'K' => 'К',
        'T' => 'Т',
        'N' => 'Н',
        'D' => 'Д',
        'O' => 'О',
        'P' => 'П',
        'G' => 'Г',
        'B' => 'Б',
        'V' => 'В',
        'E' => 'Е',
        'F' => 'Ф',
        other => other,
    }
}

/// Appends a field value in the style's script.
fn push_value(out: &mut String, v: &str, style: Style) {
    match style {
        Style::Cyrillic => out.extend(v.chars().map(to_cyrillic)),
        _ => out.extend(v.chars().map(to_latin)),
    }
}

/// True when the folios name more than one leaf ("l." against "ll.").
pub(crate) fn several(folios: &[String]) -> bool {
    if folios.len() > 1 {
        return true;
    }
    folios.first().is_some_and(|f| {
        if f == "passim" {
            return true;
        }
        match f.split_once('-') {
            Some((a, b)) => a.trim_end_matches('v') != b.trim_end_matches('v'),
            None => false,
        }
    })
}

/// Appends one folio item ("56-56v") with the style's verso mark.
fn push_folio(out: &mut String, f: &str, style: Style) {
    let verso = match style {
        Style::Translation => "v",
        Style::Western => "ob.",
        Style::Cyrillic => " об.",
    };
    for (i, part) in f.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        match part.strip_suffix('v') {
            Some(n) => {
                out.push_str(n);
                out.push_str(verso);
            }
            None => out.push_str(part),
        }
    }
}

/// Renders the fields with the given archive name. `None` when there is
/// nothing archival to render.
pub(crate) fn render_with(c: &Citation, style: Style, archive: Option<&str>) -> Option<String> {
    if c.kind != Kind::Archival {
        return None;
    }
    let (labels, sep): ([&str; 4], &str) = match style {
        Style::Translation => (["F.", "Op.", "D.", "L."], ". "),
        Style::Western => (["f.", "op.", "d.", "l."], ", "),
        Style::Cyrillic => (["Ф.", "Оп.", "Д.", "Л."], ". "),
    };
    // Written into one string, part after part: every reference is
    // rendered once per extract, and building each part as its own String
    // (then joining them) was most of the rendering's cost.
    let mut out = String::with_capacity(64);
    let mut fields = 0usize;
    if let Some(a) = archive {
        out.push_str(a);
    }
    let mut next_part = |out: &mut String| {
        if fields > 0 || archive.is_some() {
            out.push_str(sep);
        }
        fields += 1;
    };
    for (i, v) in [&c.fond, &c.opis, &c.delo].into_iter().enumerate() {
        if let (Some(v), Some(l)) = (v, labels.get(i)) {
            next_part(&mut out);
            out.push_str(l);
            out.push(' ');
            push_value(&mut out, v, style);
        }
    }
    if !c.folios.is_empty() {
        let label = if style == Style::Western && several(&c.folios) { "ll." } else { labels[3] };
        next_part(&mut out);
        out.push_str(label);
        out.push(' ');
        for (i, f) in c.folios.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_folio(&mut out, f, style);
        }
    }
    if fields == 0 {
        return None;
    }
    if !out.ends_with('.') {
        out.push('.');
    }
    Some(out)
}

/// Renders an archival reference canonically in `style`, under the name of
/// today's institution ("RGASPI" for a reference to RTsKhIDNI). Returns
/// `None` for published references and for references with no archival
/// field. Unknown archives keep the name as cited.
pub fn render(c: &Citation, style: Style) -> Option<String> {
    let name: Option<String> = match (&c.institution, style) {
        (Some(inst), Style::Cyrillic) => Some(cyrillic_of(inst).map(str::to_string).unwrap_or_else(|| inst.clone())),
        (Some(inst), _) => Some(inst.clone()),
        (None, _) => c.archive.clone(),
    };
    render_with(c, style, name.as_deref())
}
