//! Find references in any text: spans in order, in bounds, on character
//! boundaries, each `raw` the text at its span; every audit span inside its text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opis::citations::{CitationParser, Context};
use std::sync::OnceLock;

static PARSER: OnceLock<CitationParser> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let p = PARSER.get_or_init(CitationParser::new);
    let mut ctx = Context::new();
    let mut prev_start = 0;
    for c in p.find(text, &mut ctx) {
        assert!(c.span.start >= prev_start && c.span.end <= text.len(), "references out of order or bounds");
        assert_eq!(text.get(c.span.range()), Some(c.raw.as_str()), "raw is the text at the span");
        for a in c.audit.iter().chain(&c.notes) {
            assert!(a.span.end <= text.len() && text.get(a.span.range()).is_some(), "audit span on char boundaries");
        }
        for part in c.form.iter().chain(&c.published) {
            assert!(text.get(part.span.range()).is_some(), "form/published span on char boundaries");
        }
        prev_start = c.span.start;
    }
});
