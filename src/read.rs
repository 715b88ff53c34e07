//! Stage 1, **read**: bytes → text.
//!
//! The rule that shapes this stage: byte offsets reported anywhere in opis are
//! offsets into the *file*. For UTF-8 input, including files with invalid
//! bytes, the decoded text therefore has exactly the file's length:
//!
//! * a UTF-8 byte-order mark stays in the text (as U+FEFF) so no offset
//!   moves; the normalize stage drops it from the reading view, so it is
//!   skipped, never matched;
//! * each byte that is not part of valid UTF-8 becomes U+001A SUBSTITUTE, a
//!   one-byte character made for exactly this, and is reported. Python reads
//!   such a file with `errors="surrogateescape"` and gets one code point per bad
//!   byte too, so code-point offsets agree.
//!
//! UTF-16 (with a byte-order mark) is transcoded; offsets then refer to the
//! UTF-8 transcoding, which the [`Encoding`] in the result says. Files with
//! NUL bytes are binary and are skipped, as ripgrep does.

use crate::diag::{Diagnostic, Severity};
use crate::span::Span;
use serde::Serialize;

/// What the bytes were read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 (offsets are file offsets).
    Utf8,
    /// UTF-8 with a byte-order mark (offsets are file offsets).
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark, transcoded to UTF-8.
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark, transcoded to UTF-8.
    Utf16Be,
}

/// The decoded text of one input.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text. For UTF-8 input its length is the file's length.
    pub text: String,
    /// How the bytes were read.
    pub encoding: Encoding,
    /// Invalid byte ranges and other findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an input is not text at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// A NUL byte outside UTF-16: a binary file.
    #[error("binary file: NUL byte at byte offset {offset}")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
}

/// The replacement for each byte that is not valid UTF-8.
pub const SUBSTITUTE: char = '\u{1A}';

/// Decode `bytes`. Never fails on content except for binary input.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, Encoding::Utf16Le, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, Encoding::Utf16Be, u16::from_be_bytes));
    }
    // ripgrep sniffs only its first buffer; opis scans the whole input
    // (memchr, several GB/s) so that a NUL anywhere marks the file binary
    // before anything is emitted for it.
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(NotText::Binary { offset });
    }
    let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { Encoding::Utf8Bom } else { Encoding::Utf8 };
    let mut diagnostics = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut report = InvalidUtf8::default();
            let mut text = String::with_capacity(bytes.len());
            report.substitute(bytes, 0, &mut text, &mut diagnostics);
            diagnostics.extend(report.finish());
            text
        }
    };
    Ok(Decoded { text, encoding, diagnostics })
}

/// Most invalid-UTF-8 files are another single-byte encoding throughout; one
/// diagnostic per bad range would bury the user, so after this many the rest
/// are counted in one closing diagnostic.
const MAX_INVALID_REPORTS: usize = 20;

/// Reports invalid UTF-8 over a whole input, which may come in pieces
/// (streaming): the first `MAX_INVALID_REPORTS` (20) bad ranges one by one, the
/// rest counted in one closing diagnostic, the same however the input is cut.
#[derive(Clone, Debug, Default)]
pub struct InvalidUtf8 {
    ranges: usize,
}

impl InvalidUtf8 {
    /// Appends `bytes` (which start at file offset `offset`) to `text`, each
    /// invalid byte as [`SUBSTITUTE`], and reports the bad ranges. `bytes`
    /// must not end inside a sequence that more input could complete.
    pub fn substitute(
        &mut self,
        mut bytes: &[u8],
        mut offset: usize,
        text: &mut String,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        loop {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    text.push_str(s);
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    // valid_up_to() guarantees this prefix is UTF-8.
                    text.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or_default());
                    let bad = e.error_len().unwrap_or(bytes.len() - good);
                    text.extend(std::iter::repeat_n(SUBSTITUTE, bad));
                    let span = Span::new(offset + good, offset + good + bad);
                    if self.ranges < MAX_INVALID_REPORTS {
                        diagnostics.push(
                            Diagnostic::new(
                                Severity::Warning,
                                "read/invalid-utf8",
                                span,
                                format!(
                                    "invalid UTF-8 at byte {}..{}; each bad byte is read as U+001A",
                                    span.start, span.end
                                ),
                            )
                            .with_label("not UTF-8"),
                        );
                    }
                    self.ranges += 1;
                    offset += good + bad;
                    bytes = &bytes[good + bad..];
                }
            }
        }
    }

    /// The closing diagnostic, if more ranges were found than listed.
    pub fn finish(self) -> Option<Diagnostic> {
        (self.ranges > MAX_INVALID_REPORTS).then(|| {
            Diagnostic::whole(
                Severity::Warning,
                "read/invalid-utf8",
                format!(
                    "{} more invalid UTF-8 ranges not listed; the file may be in another encoding (Windows-1251?)",
                    self.ranges - MAX_INVALID_REPORTS
                ),
            )
        })
    }
}

fn utf16(bytes: &[u8], encoding: Encoding, word: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut diagnostics = Vec::new();
    let mut unpaired = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => text.push(c),
            Err(_) => {
                unpaired += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    diagnostics.push(Diagnostic::whole(
        Severity::Note,
        "read/transcoded",
        format!(
            "read as {}; byte offsets refer to its UTF-8 transcoding, code-point offsets are unchanged",
            match encoding {
                Encoding::Utf16Be => "UTF-16BE",
                _ => "UTF-16LE",
            }
        ),
    ));
    if unpaired > 0 {
        diagnostics.push(Diagnostic::whole(
            Severity::Warning,
            "read/invalid-utf16",
            format!("{unpaired} unpaired UTF-16 surrogates read as U+FFFD"),
        ));
    }
    if bytes.len() % 2 == 1 {
        diagnostics.push(Diagnostic::whole(
            Severity::Warning,
            "read/truncated-utf16",
            "UTF-16 input has an odd number of bytes; the last byte was dropped",
        ));
    }
    Decoded { text, encoding, diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_unchanged_and_keeps_its_bom() {
        let d = decode("\u{FEFF}No. 192\n".as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "\u{FEFF}No. 192\n");
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn invalid_bytes_keep_offsets_and_are_reported() {
        let bytes = b"Stalin \xC1\xF2 to Lenin \xFF.";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text.len(), bytes.len());
        assert_eq!(&d.text[..7], "Stalin ");
        assert_eq!(d.text.find("Lenin"), Some(13));
        let spans: Vec<_> = d.diagnostics.iter().map(|d| d.span.unwrap()).collect();
        assert_eq!(spans, vec![Span::new(7, 8), Span::new(8, 9), Span::new(19, 20)]);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00").unwrap_err(), NotText::Binary { offset: 4 });
    }

    #[test]
    fn utf16_with_bom_is_transcoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "No. 1 — Ленин".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "No. 1 — Ленин");
        assert_eq!(d.encoding, Encoding::Utf16Le);
    }
}
