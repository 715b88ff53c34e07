//! Match the embedded gazetteer in any text: mentions in order, not
//! overlapping, on character boundaries, ids and candidates valid entries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opis::entities::{DocContext, Gazetteer, Matcher};
use std::sync::OnceLock;

static MATCHER: OnceLock<Matcher> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let m = MATCHER.get_or_init(|| {
        Matcher::new(Gazetteer::embedded().expect("embedded gazetteers are valid")).expect("automaton builds")
    });
    let mut out = Vec::new();
    m.find(text, &mut DocContext::new(), &mut out);
    m.names_in_list(text, &mut DocContext::new(), &mut out);
    let n = m.gazetteer().len();
    for x in &out {
        assert!(x.span.start < x.span.end && text.get(x.span.range()).is_some(), "mention on char boundaries");
        assert!(x.id.is_none_or(|i| i.get() < n) && x.candidates.iter().all(|c| c.get() < n), "valid entries");
    }
    // `find` alone yields sorted, non-overlapping mentions.
    out.clear();
    m.find(text, &mut DocContext::new(), &mut out);
    for w in out.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "mentions overlap");
    }
    let _ = m.scan_count(text);
    let _ = m.walk_count(text);
});
