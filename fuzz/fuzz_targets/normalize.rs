//! Normalize any text: no panic, and the alignment stays sound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opis::normalize::Normalized;
use opis::span::Span;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let n = Normalized::new(text);
    let view = n.view();
    let mut prev = 0;
    for p in 0..=view.len() {
        if !view.is_char_boundary(p) {
            continue;
        }
        let s = n.start_to_source(p);
        assert!(s <= text.len() && s >= prev, "to_source not monotone at {p}");
        prev = s;
    }
    for e in n.edits() {
        assert!(e.source.end <= text.len() && e.view.end <= view.len());
    }
    for m in n.markers() {
        assert!(m.source.end <= text.len());
        assert!(text.get(m.source.range()).is_some());
    }
    let whole = n.to_source(Span::new(0, view.len()));
    assert!(whole.end <= text.len());
});
