//! Human-readable rendering of diagnostics, in the style of rustc, via
//! `annotate-snippets`: code, message, `file:line:column`, the source line
//! with the offending part underlined.

use crate::diag::{Diagnostic, Severity};
use annotate_snippets::{Level, Renderer, Snippet};

/// Lines longer than this are cut around the span when shown, so a 100 MB
/// single-line file does not print 100 MB to the terminal.
const MAX_SHOWN: usize = 240;

/// Renders `d` with its context: the source text `ctx.0` starting at
/// 1-based line `line`, and the span `ctx.1..ctx.2` relative to it.
pub fn with_context(
    file: &str,
    ctx: Option<(&str, usize, usize)>,
    line: Option<usize>,
    d: &Diagnostic,
    styled: bool,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    let Some((shown, a, b)) = ctx else {
        let title = format!("{}: {}", file, d.message);
        let out = renderer.render(level.title(&title).id(d.code)).to_string();
        return out;
    };
    let label = d.label.as_deref().unwrap_or("");
    let snippet = Snippet::source(shown)
        .line_start(line.unwrap_or(1))
        .origin(file)
        .fold(false)
        .annotation(level.span(a..b.max(a)).label(label));
    let out = renderer.render(level.title(&d.message).id(d.code).snippet(snippet)).to_string();
    out
}

/// Renders `d`, raised on `text` of `file`; `line` is the 1-based line of
/// the span's start (the caller knows it from its offset index). Shows the
/// span's line, cut to a window around the span when it is very long.
pub fn diagnostic(file: &str, text: Option<&str>, line: Option<usize>, d: &Diagnostic, styled: bool) -> String {
    let (Some(text), Some(span)) = (text, d.span) else {
        return with_context(file, None, line, d, styled);
    };
    let start = span.start.min(text.len());
    let ls = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let le = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut a = ls.max(start.saturating_sub(MAX_SHOWN / 2));
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = le.min(start + MAX_SHOWN);
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let rel_end = span.end.clamp(start, b) - a;
    with_context(file, Some((&text[a..b], start - a, rel_end)), line, d, styled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn underlines_the_span_on_its_line() {
        let text = "No. 170\nRTSHIDNI; F. 85. Op. 24.\n";
        let s = text.find("RTSHIDNI").unwrap();
        let d = Diagnostic::new(Severity::Warning, "C001", Span::new(s, s + 8), "misspelled archive")
            .with_label("read as RTsKhIDNI");
        let out = diagnostic("seeds/x.txt", Some(text), Some(2), &d, false);
        assert!(out.contains("warning[C001]: misspelled archive"), "{out}");
        assert!(out.contains("seeds/x.txt:2:1"), "{out}");
        assert!(out.contains("2 | RTSHIDNI; F. 85. Op. 24.\n  | -------- read as RTsKhIDNI"), "{out}");
    }
}
