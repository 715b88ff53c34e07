//! Accuracy of the citation parser on `tests/data/citations-mixed.txt`:
//! realistic references in the three styles, with the damage real
//! publications carry, against hand-written expected fields.

use opis::citations::{CitationParser, Context, Kind};
use opis::normalize::Normalized;

fn dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "-".to_string())
}

#[test]
fn mixed_citations_match_the_expected_fields() {
    let raw = std::fs::read_to_string("tests/data/citations-mixed.txt").unwrap();
    let expected = std::fs::read_to_string("tests/data/citations-mixed.expected.tsv").unwrap();
    let norm = Normalized::new(&raw);
    let view = norm.view();
    let parser = CitationParser::new();
    let mut ctx = Context::new();
    let found = parser.find(view, &mut ctx);
    let mut got: Vec<(usize, String)> = Vec::new();
    for c in found.iter().filter(|c| c.kind == Kind::Archival) {
        let line = view[..c.span.start].matches('\n').count() + 1;
        let folios = if c.folios.is_empty() { "-".to_string() } else { c.folios.join("|") };
        got.push((
            line,
            format!(
                "{line}\t{}\t{}\t{}\t{}\t{folios}",
                dash(&c.institution),
                dash(&c.fond),
                dash(&c.opis),
                dash(&c.delo)
            ),
        ));
    }
    let want: Vec<&str> = expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    let mut exact = 0;
    let mut misses = Vec::new();
    for w in &want {
        if let Some(i) = got.iter().position(|(_, g)| g == w) {
            got.remove(i);
            exact += 1;
        } else {
            misses.push(w.to_string());
        }
    }
    let pct = 100.0 * exact as f64 / want.len() as f64;
    eprintln!("citations-mixed: {exact}/{} exact ({pct:.1}%)", want.len());
    for m in &misses {
        eprintln!("  missed: {m}");
    }
    for (_, g) in &got {
        eprintln!("  extra:  {g}");
    }
    assert!(pct >= 97.0, "accuracy {pct:.1}% below 97%");
    assert!(got.is_empty(), "references found that are not expected");
}
