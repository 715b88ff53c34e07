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
    // Every source line end (\n, or a lone \r) is one view newline: the
    // segmenter's lines are the source's lines.
    let bytes = text.as_bytes();
    let line_ends = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    assert_eq!(view.matches('\n').count(), line_ends, "line ends changed");
    // The text between edits is unchanged.
    let (mut v, mut s) = (0, 0);
    for e in n.edits() {
        assert!(e.view.start >= v && e.source.start >= s, "edits out of order");
        assert_eq!(view.get(v..e.view.start), text.get(s..e.source.start), "unchanged stretch differs");
        v = e.view.end;
        s = e.source.end;
    }
    assert_eq!(view.get(v..), text.get(s..), "unchanged tail differs");
});
