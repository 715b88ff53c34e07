//! `opis audit` end to end: the deviations in the seeds and in a file of
//! mixed-style citations, and the canonical rendering in each style.

mod common;

use common::opis;

#[test]
fn audit_of_the_seeds() {
    let out = opis(&["audit", "-q", "seeds/"]);
    // Each real deviation of the seeds is pointed at, nothing correct is.
    for code in ["archive-misspelled", "label-misread", "separator", "range-spaced"] {
        assert!(out.contains(&format!("citations/{code}")), "{code} missing");
    }
    common::settings().bind(|| insta::assert_snapshot!("audit-seeds", out));
}

#[test]
fn audit_of_mixed_style_citations() {
    let out = opis(&["audit", "-q", "tests/data/citations-mixed.txt"]);
    common::settings().bind(|| insta::assert_snapshot!("audit-mixed", out));
}

#[test]
fn canonical_rendering_in_each_style() {
    let mut all = String::new();
    for style in ["translation", "western", "cyrillic"] {
        all.push_str(&format!("== {style}\n"));
        all.push_str(&opis(&["audit", "-q", "--style", style, "seeds/001_e33aa29600d11d37.txt"]));
    }
    common::settings().bind(|| insta::assert_snapshot!("audit-styles", all));
}

#[test]
fn audit_as_json_lines_ends_with_a_summary() {
    let out = opis(&["audit", "-q", "--format", "jsonl", "seeds/"]);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "audit-summary");
    assert_eq!(last["total"]["archival"], 31);
    let citations = out.lines().filter(|l| l.contains("\"type\":\"citation\"")).count();
    assert_eq!(citations, last["total"]["citations"].as_u64().unwrap() as usize);
}
