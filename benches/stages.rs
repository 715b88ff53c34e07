//! Per-stage throughput (criterion, bytes/s): read, normalize, segment,
//! dates, entities, citations, emit (JSON of the records), and extract end
//! to end.
//!
//! Input: a ~1 MB text made of the seed pages repeated with varied document
//! numbers — the same construction as `bench/make_corpus.py`, built here in
//! memory so `cargo bench` needs nothing else — plus each seed page alone
//! for the per-page cost. Each stage gets the input it gets in the pipeline
//! (normalize the source, segment the reading view, …), built outside the
//! timed loop.
//!
//! ```text
//! nice cargo bench --bench stages                 # all stages
//! nice cargo bench --bench stages -- normalize    # one stage
//! nice cargo bench --bench stages
//! ```

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use opis::dates::DateParser;
use opis::emit::JsonLines;
use opis::normalize::Normalized;
use opis::pipeline::{Base, Extractor};
use opis::segment::Segmenter;
use std::path::PathBuf;
use std::time::Duration;

/// Size of the repeated-pages input: large enough that per-call setup is
/// noise, small enough for many samples on a shared 2-core machine.
const CORPUS_BYTES: usize = 1_000_000;

fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read_to_string(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    assert!(!out.is_empty(), "seeds/ holds the seed pages");
    out
}

/// The seed pages repeated until `target` bytes, each "No. N" heading line
/// renumbered from one counter (documents stay distinct, output is stable).
fn corpus(seeds: &[(String, String)], target: usize) -> String {
    let mut out = String::with_capacity(target + 70_000);
    let mut n = 0u32;
    'outer: loop {
        for (_, page) in seeds {
            for line in page.split_inclusive('\n') {
                let body = line.trim_end_matches(['\n', '\r']);
                let digits = body.strip_prefix("No.").map(str::trim);
                match digits {
                    Some(d) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) => {
                        n += 1;
                        out.push_str("No. ");
                        out.push_str(&n.to_string());
                        out.push_str(&line[body.len()..]);
                    }
                    _ => out.push_str(line),
                }
            }
            if !out.ends_with('\n') {
                out.push('\n');
            }
            if out.len() >= target {
                break 'outer;
            }
        }
    }
    out
}

fn config() -> Criterion {
    Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4))
}

fn stages(c: &mut Criterion) {
    let seeds = seeds();
    let text = corpus(&seeds, CORPUS_BYTES);
    let bytes = text.len() as u64;
    let extractor = Extractor::new().expect("embedded gazetteers are valid");
    let segmenter = Segmenter::new();
    let dates = DateParser::new();
    let norm = Normalized::new(&text);

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("read", |b| b.iter(|| opis::read::decode(black_box(text.as_bytes())).map(|d| d.text.len())));
    g.bench_function("normalize", |b| b.iter(|| Normalized::new(black_box(&text)).view().len()));
    g.bench_function("segment", |b| b.iter(|| segmenter.segment(black_box(&norm)).segments.len()));
    // The dates scanner over every byte of the view: an upper bound on the
    // stage's cost (the pipeline runs it on date lines only).
    g.bench_function("dates", |b| b.iter(|| dates.find(black_box(norm.view()), &[], None).len()));
    entities::bench(&mut g, norm.view());
    citations::bench(&mut g, norm.view());
    g.bench_function("extract", |b| {
        b.iter(|| {
            let page = extractor.page("corpus.txt", black_box(&text), Base::default());
            let mut w = JsonLines::new(Vec::with_capacity(text.len()));
            for u in page.units() {
                let _ = w.write(&u);
            }
            w.finish().map(|out| out.len())
        })
    });
    // The JSON of the records alone (throughput still per input byte): the
    // page is built once, outside the loop.
    let page = extractor.page("corpus.txt", &text, Base::default());
    g.bench_function("emit", |b| {
        b.iter(|| {
            let mut w = JsonLines::new(Vec::with_capacity(text.len() * 3));
            for u in black_box(&page).units() {
                let _ = w.write(&u);
            }
            w.finish().map(|out| out.len())
        })
    });
    g.finish();

    // One page at a time, as a collection of page files is processed.
    let mut g = c.benchmark_group("extract-page");
    for (name, page) in &seeds {
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), page, |b, page| {
            b.iter(|| extractor.page(name, black_box(page), Base::default()).documents.len())
        });
    }
    g.finish();
}

/// Needs `opis::entities` (the entities stage); see `[features]` in Cargo.toml.
mod entities {
    use criterion::{black_box, measurement::WallTime, BenchmarkGroup};
    use opis::entities::{DocContext, Gazetteer, Matcher};

    pub fn bench(g: &mut BenchmarkGroup<'_, WallTime>, view: &str) {
        let Ok(gaz) = Gazetteer::embedded() else { return };
        let Ok(m) = Matcher::new(gaz) else { return };
        g.bench_function("entities-bare-scan", |b| b.iter(|| m.scan_count(black_box(view))));
        g.bench_function("entities-walk", |b| b.iter(|| m.walk_count(black_box(view))));
        g.bench_function("entities", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                let mut ctx = DocContext::new();
                m.find(black_box(view), &mut ctx, &mut out);
                out.len()
            })
        });
    }
}

/// Needs `opis::citations` (the citations stage); see `[features]` in Cargo.toml.
mod citations {
    use criterion::{black_box, measurement::WallTime, BenchmarkGroup};
    use opis::citations::{CitationParser, Context};

    pub fn bench(g: &mut BenchmarkGroup<'_, WallTime>, view: &str) {
        let p = CitationParser::new();
        g.bench_function("citations", |b| {
            b.iter(|| {
                let mut ctx = Context::new();
                p.find(black_box(view), &mut ctx).len()
            })
        });
    }
}

criterion_group! { name = benches; config = config(); targets = stages }
criterion_main!(benches);
