//! The normalize stage on every seed page: what the reading view changes,
//! which footnote markers it sets aside, which text the editors supplied.

mod common;

use opis::normalize::Normalized;
use std::collections::BTreeMap;
use std::fmt::Write;

#[test]
fn reading_view_of_each_seed() {
    for (name, text) in common::seeds() {
        let n = Normalized::new(&text);
        let mut out = String::new();
        // Changes, counted by what they do (a page has hundreds of quotes).
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for e in n.edits() {
            let src = &text[e.source.range()];
            let view = &n.view()[e.view.range()];
            *kinds.entry(format!("{:?} {:?} -> {:?}", e.kind, src, view)).or_default() += 1;
            // The alignment maps each changed stretch back exactly (a removed
            // marker has no view text to map).
            if !e.view.is_empty() {
                assert_eq!(n.to_source(e.view), e.source, "{name}: {src:?}");
            }
        }
        writeln!(out, "edits:").unwrap();
        for (k, c) in &kinds {
            writeln!(out, "  {c:>4} × {k}").unwrap();
        }
        writeln!(out, "markers:").unwrap();
        for m in n.markers() {
            let at = opis::span::OffsetIndex::new(&text).position(&text, m.source.start);
            writeln!(
                out,
                "  {}:{} {:?} {:?} n={:?} strong={}",
                at.line,
                at.column,
                &text[m.source.range()],
                m.shape,
                m.n,
                m.strong
            )
            .unwrap();
        }
        writeln!(out, "supplied:").unwrap();
        for s in n.supplied() {
            writeln!(out, "  {:?} reads {:?}", &text[s.source.range()], &n.view()[s.view.range()]).unwrap();
        }
        common::settings().bind(|| insta::assert_snapshot!(format!("normalize-{}", common::short(&name)), out));
    }
}
