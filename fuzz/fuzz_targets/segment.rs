//! Segment any text: the segments partition the view, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opis::normalize::Normalized;
use opis::segment::Segmenter;
use std::sync::OnceLock;

static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let seg = SEGMENTER.get_or_init(Segmenter::new);
    let n = Normalized::new(text);
    let s = seg.segment(&n);
    let mut at = 0;
    for x in &s.segments {
        assert_eq!(x.span.start, at, "gap or overlap in the partition");
        assert!(x.span.end > x.span.start);
        at = x.span.end;
    }
    assert_eq!(at, n.view().len());
    let src = s.source_segments(&n, text.len());
    let mut at = 0;
    for (_, sp) in &src {
        assert_eq!(sp.start, at);
        assert!(sp.end > sp.start || text.is_empty(), "empty source segment");
        at = sp.end;
    }
    assert_eq!(at, text.len());
    let _ = seg.unit_starts(n.view());
});
