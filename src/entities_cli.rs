//! `opis gazetteer export` and `opis scan`: the hooks `bench/peers.sh` uses
//! to give the peers exactly opis's pattern list and to time opis's
//! automaton alone (the bare Aho–Corasick scan, and the word-start walk
//! `extract` matches with).
//!

use clap::ValueEnum;
use opis::entities::{EntryIdx, Gazetteer, Matcher};
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Export formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// `{"label","pattern","id","rule"}` per line (spaCy EntityRuler's pattern shape plus the rule).
    Jsonl,
    /// `label<TAB>pattern<TAB>id<TAB>rule` per line, with a header.
    Tsv,
}

#[derive(serde::Serialize)]
struct PatternRecord<'a> {
    label: &'static str,
    pattern: &'a str,
    id: &'a str,
    rule: &'static str,
}

/// Bytes scanned at a time: patterns never span a line end, so cutting at
/// the last newline of each chunk loses no match, and memory stays bounded.
const SCAN_CHUNK: usize = 8 << 20;

/// Each chunk is scanned this many times and the fastest counts: on a shared
/// machine the fastest run is the one least disturbed by other work.
const SCAN_RUNS: usize = 3;

fn matcher(dir: &Option<PathBuf>) -> io::Result<Matcher> {
    let gaz = match dir {
        Some(d) => Gazetteer::load_dir(d),
        None => Gazetteer::embedded(),
    }
    .map_err(|e| io::Error::other(e.to_string()))?;
    Matcher::new(gaz).map_err(|e| io::Error::other(e.to_string()))
}

/// Runs a subcommand.
/// `opis gazetteer export`.
pub fn export_with(dir: &Option<PathBuf>, format: Format) -> io::Result<ExitCode> {
    export(&matcher(dir)?, format)
}

/// `opis scan`.
pub fn scan_paths(dir: &Option<PathBuf>, paths: &[PathBuf]) -> io::Result<ExitCode> {
    scan(&matcher(dir)?, paths)
}

fn export(m: &Matcher, format: Format) -> io::Result<ExitCode> {
    let g = m.gazetteer();
    let mut out = BufWriter::new(io::stdout().lock());
    if let Format::Tsv = format {
        writeln!(out, "label\tpattern\tid\trule")?;
    }
    let mut distinct: HashSet<String> = HashSet::new();
    let mut lines = 0usize;
    for (i, e) in g.entries().iter().enumerate() {
        let idx = EntryIdx(i as u32);
        let mut seen = HashSet::new();
        for f in g.forms_of(idx) {
            if !seen.insert(f.text.clone()) {
                continue;
            }
            // A generated form is matched for this entry only if it survived
            // the matcher's collision filtering: ask the matcher itself.
            let Some(rule) = m.claims_of(&f.text).into_iter().find(|(c, _)| *c == idx).map(|(_, r)| r) else {
                continue;
            };
            let rec = PatternRecord { label: e.label.as_str(), pattern: &f.text, id: &e.id, rule };
            match format {
                Format::Jsonl => {
                    serde_json::to_writer(&mut out, &rec).map_err(io::Error::other)?;
                    out.write_all(b"\n")?;
                }
                Format::Tsv => writeln!(out, "{}\t{}\t{}\t{}", rec.label, rec.pattern, rec.id, rec.rule)?,
            }
            lines += 1;
            distinct.insert(f.text);
        }
    }
    out.flush()?;
    eprintln!(
        "opis: exported {lines} (pattern, entry) pairs, {} distinct patterns (the matcher has {})",
        distinct.len(),
        m.pattern_count()
    );
    Ok(ExitCode::SUCCESS)
}

/// Fastest of [`SCAN_RUNS`] runs of `f` over `text`, and what it counted.
fn best_of(text: &str, f: impl Fn(&str) -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut found = 0;
    for _ in 0..SCAN_RUNS {
        let t0 = Instant::now();
        found = f(text);
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (best, found)
}

fn scan(m: &Matcher, paths: &[PathBuf]) -> io::Result<ExitCode> {
    let mut bytes = 0u64;
    // (seconds, matches) of the bare scan and of the walk.
    let mut scanned = (0f64, 0usize);
    let mut walked = (0f64, 0usize);
    let mut buf: Vec<u8> = Vec::with_capacity(SCAN_CHUNK);
    for p in paths {
        let mut f = File::open(p)?;
        let mut eof = false;
        while !eof {
            let have = buf.len();
            buf.resize(have + SCAN_CHUNK, 0);
            let n = f.read(&mut buf[have..])?;
            buf.truncate(have + n);
            eof = n == 0;
            let cut = if eof { buf.len() } else { memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1) };
            if cut == 0 && !eof {
                continue; // a line longer than a chunk: read more
            }
            let text = String::from_utf8_lossy(&buf[..cut]);
            for (total, (secs, found)) in [
                (&mut scanned, best_of(&text, |t| m.scan_count(t))),
                (&mut walked, best_of(&text, |t| m.walk_count(t))),
            ] {
                total.0 += secs;
                total.1 += found;
            }
            bytes += cut as u64;
            buf.drain(..cut);
        }
    }
    let mb_per_s = |secs: f64| if secs > 0.0 { (bytes as f64 / 1e6 / secs * 100.0).round() / 100.0 } else { 0.0 };
    for (peer, (secs, matches)) in [("opis-bare-scan", scanned), ("opis-walk", walked)] {
        let json = serde_json::json!({
            "peer": peer,
            "bytes": bytes,
            "seconds": (secs * 1000.0).round() / 1000.0,
            "mb_per_s": mb_per_s(secs),
            "matches": matches,
            "patterns": m.pattern_count(),
            "automaton_bytes": m.automaton_bytes(),
        });
        println!("{json}");
    }
    Ok(ExitCode::SUCCESS)
}
