//! The two commands `bench/peers.sh` builds on: `opis gazetteer export`
//! gives the peers opis's pattern list, `opis scan` times opis's automaton
//! alone. A wrong list or a wrong count would make every ratio in README
//! meaningless, so both are checked against the library.

use opis::entities::{DocContext, Gazetteer, Matcher};
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;

fn opis(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_opis")).args(args).output().expect("the opis binary runs");
    assert!(out.status.success(), "opis {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
}

#[test]
fn export_lists_every_pattern_the_matcher_compiles() {
    let rows = lines(&opis(&["gazetteer", "export", "--format", "jsonl"]));
    let m = Matcher::new(Gazetteer::embedded().expect("embedded gazetteer")).expect("automaton");
    let patterns: HashSet<&str> = rows.iter().map(|r| r["pattern"].as_str().expect("pattern")).collect();
    assert_eq!(patterns.len(), m.pattern_count(), "distinct patterns");
    for r in &rows {
        for key in ["label", "id", "rule"] {
            assert!(r[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {r}");
        }
        let claims = m.claims_of(r["pattern"].as_str().unwrap_or_default());
        assert!(!claims.is_empty(), "the matcher claims {r}");
    }
}

#[test]
fn scan_counts_what_the_library_finds() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&seeds).expect("seeds/").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let file = &files[1];
    let bytes = std::fs::read(file).expect("seed page");
    let text = String::from_utf8_lossy(&bytes);
    let m = Matcher::new(Gazetteer::embedded().expect("embedded gazetteer")).expect("automaton");
    let mut forms = Vec::new();
    m.find_gazetteer(&text, &mut DocContext::new(), &mut forms);

    let rows = lines(&opis(&["scan", file.to_str().expect("UTF-8 path")]));
    let peers: Vec<&str> = rows.iter().map(|r| r["peer"].as_str().unwrap_or_default()).collect();
    assert_eq!(peers, ["opis-bare-scan", "opis-walk"]);
    for r in &rows {
        assert_eq!(r["bytes"], bytes.len(), "{r}");
        assert_eq!(r["patterns"], m.pattern_count(), "{r}");
        assert!(r["mb_per_s"].as_f64().is_some_and(|x| x > 0.0), "{r}");
    }
    assert_eq!(rows[0]["matches"], m.scan_count(&text), "the bare scan");
    // Every form the walk takes becomes a gazetteer mention (each has a claim).
    assert_eq!(rows[1]["matches"], forms.len(), "the walk");
    assert!(forms.len() > 50, "a seed page names many people and places: {}", forms.len());
}
