//! Sentences for downstream NLP: Unicode UAX #29 sentence boundaries
//! (unicode-segmentation), corrected for what is not a sentence end in this
//! collection: initials ("I. V. Stalin", "A.D.Ts."), "T." and "Tov." for
//! comrade (and the translation's "comrade. Stalin"), archival labels ("Op.",
//! "No.", "S.", "L."), and anything inside an open parenthesis.

use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "T.",
    "Tov.",
    "tov.",
    "Op.",
    "op.",
    "On.",
    "No.",
    "no.",
    "Nos.",
    "S.",
    "P.",
    "p.",
    "pp.",
    "L.",
    "l.",
    "ll.",
    "D.",
    "F.",
    "f.",
    "d.",
    "Vol.",
    "vol.",
    "Vols.",
    "Ed.",
    "ed.",
    "eds.",
    "St.",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Prof.",
    "Gen.",
    "Col.",
    "comrade.",
    "Comrade.",
    "comrades.",
    "Polit.",
    "etc.",
    "i.e.",
    "e.g.",
    "cf.",
    "Cf.",
    "M.",
    "vs.",
    "ca.",
    "c.",
    "Sov.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Ibid.",
    "ibid.",
    "ob.",
    "rev.",
    "Art.",
    "art.",
    "Ch.",
    "ch.",
    "Sh.",
    "Yu.",
    "Zh.",
    "Ts.",
    "Ya.",
    "G.",
];

/// Sentence spans of `text` (relative to it), trimmed of surrounding
/// whitespace; together with the whitespace between them they cover `text`.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut pending: Option<Span> = None;
    let mut depth: i32 = 0;
    for (start, piece) in text.split_sentence_bound_indices() {
        let trimmed = piece.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if trimmed.trim().is_empty() {
            continue;
        }
        let span = Span::new(start + lead, start + trimmed.len());
        let cur = match pending.take() {
            Some(p) => Span::new(p.start, span.end),
            None => span,
        };
        for c in piece.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        let last_word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        let last_word = last_word.trim_start_matches(['(', '"', '\'']);
        if depth > 0 || is_abbreviation(last_word) {
            pending = Some(cur);
        } else {
            out.push(cur);
        }
    }
    if let Some(p) = pending {
        out.push(p);
    }
    out
}

fn is_abbreviation(word: &str) -> bool {
    if !word.ends_with('.') {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    // Initials: "I.", "V.", "A.D.Ts.", "L.P."
    let parts: Vec<&str> = word.trim_end_matches('.').split('.').collect();
    parts.iter().all(|p| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.clone().count() <= 1 && cs.all(char::is_lowercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.range()]).collect()
    }

    #[test]
    fn initials_and_comrade_do_not_end_sentences() {
        assert_eq!(
            split("At the same time, the ascent of I. V. Stalin began. In January 1912, Stalin was co-opted."),
            ["At the same time, the ascent of I. V. Stalin began.", "In January 1912, Stalin was co-opted."]
        );
        assert_eq!(
            split("But all this, dear comrade. Stalin, only a preface. Tov. Zinoviev states it."),
            ["But all this, dear comrade. Stalin, only a preface.", "Tov. Zinoviev states it."]
        );
        assert_eq!(split("He informed A.D.Ts. of it. Then he left."), ["He informed A.D.Ts. of it.", "Then he left."]);
    }

    #[test]
    fn references_stay_whole() {
        assert_eq!(
            split("The issue was postponed (RTSKHIDNI. F. 17. Op. 3. D. 332. L. 4). Then it was decided."),
            ["The issue was postponed (RTSKHIDNI. F. 17. Op. 3. D. 332. L. 4).", "Then it was decided."]
        );
    }
}
