//! Tokens for the date grammar: numbers, words and single punctuation marks.
//!
//! The grammar is written over tokens, not characters, so every rule looks at
//! a bounded number of tokens and the whole scan stays linear. A digit run is
//! one token however long it is; its value is kept only when it fits in
//! [`MAX_VALUE_DIGITS`] digits, so a 10,000-digit number is a token that no
//! rule accepts, never an overflow.

use crate::span::Span;

/// Digits beyond which a number's value is not computed. Dates need at most
/// four; nine still fits in `u32`.
pub const MAX_VALUE_DIGITS: usize = 9;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A run of ASCII digits, optionally with a glued ordinal suffix ("10th").
    Num {
        /// The value, or `None` when longer than [`MAX_VALUE_DIGITS`].
        val: Option<u32>,
        /// Number of digits.
        digits: usize,
        /// True when followed by a glued "st", "nd", "rd" or "th".
        ordinal: bool,
    },
    /// A run of alphabetic characters.
    Word,
    /// One punctuation character; the byte for ASCII, 0 for anything else.
    Punct(u8),
}

/// A token with its place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Kind and value.
    pub tok: Tok,
    /// Byte span in the text.
    pub span: Span,
    /// True when whitespace precedes the token.
    pub space_before: bool,
    /// True when that whitespace holds a line break: a line end closes a
    /// date as punctuation does ("Section I 1912 - 1921").
    pub newline_before: bool,
}

/// Splits a text into [`Token`]s lazily.
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Lexer { text, pos: 0 }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let mut space_before = false;
        let mut newline_before = false;
        loop {
            let c = self.text.get(self.pos..)?.chars().next()?;
            if c.is_whitespace() {
                space_before = true;
                newline_before |= c == '\n';
                self.pos += c.len_utf8();
                continue;
            }
            let start = self.pos;
            if c.is_ascii_digit() {
                let mut end = start;
                let mut val: u32 = 0;
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    if end - start < MAX_VALUE_DIGITS {
                        val = val * 10 + u32::from(bytes[end] - b'0');
                    }
                    end += 1;
                }
                let digits = end - start;
                let mut ordinal = false;
                if end + 2 <= bytes.len() {
                    let suf = [bytes[end].to_ascii_lowercase(), bytes[end + 1].to_ascii_lowercase()];
                    let after_is_letter =
                        self.text.get(end + 2..).and_then(|s| s.chars().next()).is_some_and(char::is_alphabetic);
                    if matches!(&suf, b"st" | b"nd" | b"rd" | b"th") && !after_is_letter {
                        ordinal = true;
                        end += 2;
                    }
                }
                self.pos = end;
                return Some(Token {
                    tok: Tok::Num { val: (digits <= MAX_VALUE_DIGITS).then_some(val), digits, ordinal },
                    span: Span::new(start, end),
                    space_before,
                    newline_before,
                });
            }
            if c.is_alphabetic() {
                let mut end = start;
                for ch in self.text[start..].chars() {
                    if !ch.is_alphabetic() {
                        break;
                    }
                    end += ch.len_utf8();
                }
                self.pos = end;
                return Some(Token { tok: Tok::Word, span: Span::new(start, end), space_before, newline_before });
            }
            self.pos += c.len_utf8();
            let b = if c.is_ascii() { c as u8 } else { 0 };
            return Some(Token { tok: Tok::Punct(b), span: Span::new(start, self.pos), space_before, newline_before });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<Tok> {
        Lexer::new(s).map(|t| t.tok).collect()
    }

    #[test]
    fn splits_inline_date() {
        let t: Vec<Token> = Lexer::new("2/X-25").collect();
        assert_eq!(t.len(), 5);
        assert_eq!(t[1].tok, Tok::Punct(b'/'));
        assert_eq!(t[2].tok, Tok::Word);
        assert_eq!(t[3].tok, Tok::Punct(b'-'));
        assert!(!t[4].space_before);
    }

    #[test]
    fn ordinals_and_long_numbers() {
        assert_eq!(kinds("10th."), vec![Tok::Num { val: Some(10), digits: 2, ordinal: true }, Tok::Punct(b'.')]);
        // "10this" is not an ordinal.
        assert_eq!(kinds("10this").len(), 2);
        let long = "9".repeat(10_000);
        assert_eq!(kinds(&long), vec![Tok::Num { val: None, digits: 10_000, ordinal: false }]);
    }
}
