//! The bare Aho–Corasick scan over a corpus: the speed ceiling of gazetteer
//! matching, for `bench/peers.sh` while `opis scan` is not available.
//!
//! Builds the automaton the way the entities stage does (leftmost-longest,
//! both start kinds, DFA only for small pattern sets) from a JSON Lines
//! pattern list (`{"label","pattern","id"}`), then counts matches over the
//! corpus with no boundary check and no disambiguation — what
//! `opis::entities::Matcher::scan_count` does. Only the scan is timed.
//!
//! ```text
//! cargo run --release --example bare_scan -- PATTERNS.jsonl CORPUS.txt
//! ```
//! Prints one JSON object: bytes, seconds, mb_per_s, matches, patterns, kind.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Instant;

/// The entities stage's threshold for a DFA (pattern bytes): above it the DFA
/// grows too large to build quickly. Kept equal to the stage's constant so the
/// two scans use the same automaton kind.
const DFA_MAX_PATTERN_BYTES: usize = 64_000;

/// Scans timed; the fastest counts.
const RUNS: usize = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [patterns, corpus] = args.as_slice() else {
        eprintln!("usage: bare_scan PATTERNS.jsonl CORPUS.txt");
        return ExitCode::from(2);
    };
    match run(patterns, corpus) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bare_scan: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(patterns: &str, corpus: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut pats = BTreeSet::new();
    for line in std::fs::read_to_string(patterns)?.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        if let Some(p) = v.get("pattern").and_then(|p| p.as_str()) {
            pats.insert(p.to_owned());
        }
    }
    let pattern_bytes: usize = pats.iter().map(String::len).sum();
    let kind = (pattern_bytes <= DFA_MAX_PATTERN_BYTES).then_some(AhoCorasickKind::DFA);
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .kind(kind)
        .build(&pats)?;
    let text = std::fs::read_to_string(corpus)?;
    // Best of a few runs: on a shared machine the fastest run is the one
    // least disturbed by other work.
    let mut secs = f64::INFINITY;
    let mut matches = 0;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        matches = ac.find_iter(&text).count();
        secs = secs.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        serde_json::json!({
            "peer": "opis-bare-scan",
            "bytes": text.len(),
            "seconds": (secs * 1000.0).round() / 1000.0,
            "mb_per_s": (text.len() as f64 / 1e6 / secs * 100.0).round() / 100.0,
            "matches": matches,
            "patterns": pats.len(),
            "kind": format!("{:?}", ac.kind()),
        })
    );
    Ok(())
}
