//! Find dates in any text and parse any line as a heading or inline date.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opis::dates::DateParser;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let p = DateParser::new();
    let found = p.find(text, &[], None);
    let mut prev_end = 0;
    for d in &found {
        assert!(d.span.start >= prev_end && d.span.end <= text.len(), "dates overlap or run out");
        assert_eq!(text.get(d.span.range()), Some(d.raw.as_str()));
        prev_end = d.span.end;
    }
    let anchor = found.first();
    for line in text.lines() {
        let h = p.heading(line, &[]);
        let _ = p.inline_line(line, &[], h.as_ref().or(anchor));
        if let (Some(a), Some(b)) = (h.as_ref(), anchor) {
            let _ = opis::dates::compare(a, b);
        }
    }
});
