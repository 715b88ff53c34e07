//! The whole pipeline on any bytes, as the CLI runs it: decode, then every
//! stage, then both record streams. Checks that the segment records
//! rebuild the input byte for byte.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opis::pipeline::{Base, Extractor};
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = opis::read::decode(data) else { return };
    let text = decoded.text.as_str();
    let ex = EXTRACTOR.get_or_init(|| Extractor::new().expect("the embedded gazetteers are valid"));
    let page = ex.page("fuzz.txt", text, Base::default());
    let mut rebuilt = String::with_capacity(text.len());
    for r in page.segment_records() {
        assert_eq!(r.loc.start, rebuilt.len());
        assert!(!r.text.is_empty(), "empty segment");
        rebuilt.push_str(&r.text);
    }
    assert_eq!(rebuilt, text);
    for u in page.units() {
        let _ = serde_json::to_string(&u);
    }
    for s in page.segment_stream(true) {
        let _ = serde_json::to_string(&s);
    }
});
