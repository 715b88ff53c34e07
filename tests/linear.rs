//! Work grows linearly with input size on hostile inputs: one long line,
//! 10^6 unbalanced `[`, long digit runs, thousands of chained references,
//! and a large file streamed in small chunks.
//!
//! No timed assertion (timings vary with the machine and its load): the
//! test counts what the program *does* — bytes allocated and allocation
//! calls, through a counting global allocator — for an input and for one
//! 8 times larger, and asserts the ratio stays near 8. A quadratic path that
//! copies, collects or re-scans with allocation shows as a ratio near 64.
//! Timings are printed for the record (`cargo test --test linear --
//! --nocapture`); `docs/reliability.md` gives the 100 MB manual check.
//!
//! This file holds a single test so that no other test allocates while it
//! counts.

use opis::driver::{self, Options, Output, Render};
use opis::input::Input;
use opis::pipeline::{Base, Extractor, Page};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

struct Counting;

static BYTES: AtomicU64 = AtomicU64::new(0);
static CALLS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        CALLS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        CALLS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Size ratio between the small and the large input.
const SCALE: usize = 8;

/// A linear path gives a ratio near SCALE (less when fixed costs weigh in);
/// 1.6 × SCALE leaves room for vector doubling and chunk rounding while a
/// quadratic path (ratio near SCALE²) fails.
const MAX_RATIO: f64 = SCALE as f64 * 1.6;

struct Records;

impl Render for Records {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        for u in page.units() {
            out.extend(serde_json::to_vec(&u).unwrap_or_default());
        }
        for s in page.segment_stream(true) {
            out.extend(serde_json::to_vec(&s).unwrap_or_default());
        }
    }
}

/// Counts for processing `text` whole, as the library does.
fn page_cost(ex: &Extractor, text: &str) -> (u64, u64, f64) {
    let (b0, c0) = (BYTES.load(Ordering::Relaxed), CALLS.load(Ordering::Relaxed));
    let t = Instant::now();
    let page = ex.page("lin.txt", text, Base::default());
    let mut out = Vec::new();
    Records.render(&page, &mut out);
    drop(page);
    let secs = t.elapsed().as_secs_f64();
    (BYTES.load(Ordering::Relaxed) - b0, CALLS.load(Ordering::Relaxed) - c0, secs)
}

/// Counts for the driver streaming a file in small chunks.
fn stream_cost(ex: &Extractor, text: &str) -> (u64, u64, f64) {
    let dir = std::env::temp_dir().join(format!("opis-linear-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.txt", text.len()));
    std::fs::write(&path, text).unwrap();
    let inputs = vec![Input::File(path)];
    let (b0, c0) = (BYTES.load(Ordering::Relaxed), CALLS.load(Ordering::Relaxed));
    let t = Instant::now();
    let opts = Options { whole_file: 0, chunk: 16 << 10, batch_bytes: 64 << 10 };
    let mut n = 0usize;
    driver::run_with(opts, ex, &inputs, &Records, &mut |o: Output| {
        n += o.records.len();
        Ok(())
    })
    .unwrap();
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(n > 0);
    (BYTES.load(Ordering::Relaxed) - b0, CALLS.load(Ordering::Relaxed) - c0, secs)
}

fn chained(n: usize) -> String {
    let mut refs = String::from("RTsKhIDNI. F. 558. Op. 1. ");
    for k in 0..n {
        refs.push_str(&format!("D. {k}. L. {}; L. {} ob.; ", k % 300 + 1, k % 7 + 1));
    }
    format!(
        "No. 7\n\nI. V. Stalin to V. M. Molotov\n\nMarch 2, 1925\n\nThe letter1.\n\n{refs}\n\nNotes:\n\n1 See {refs}\n"
    )
}

/// A page of ordinary lines none of which starts a unit: the streamer
/// must not re-examine all of them on every chunk.
fn no_unit_starts(bytes: usize) -> String {
    let line = "the Supreme Economic Council must conclude a bloc with the NKZem, as agreed.\n";
    let mut s = String::from("No. 1\n\n");
    while s.len() < bytes {
        s.push_str(line);
    }
    s
}

#[test]
fn work_grows_linearly_on_hostile_inputs() {
    let ex = Extractor::new().expect("the embedded gazetteers are valid");
    let base = 256 << 10;
    type Gen = fn(usize) -> String;
    let cases: Vec<(&str, Gen, bool)> = vec![
        ("one long line of prose", |n| "Stalin wrote to Frunze about the army. ".repeat(n / 39), false),
        ("unbalanced [ brackets", |n| "[".repeat(n), false),
        ("closed brackets and markers", |n| "F[runze] [19]23 Trotsky3, ".repeat(n / 26), false),
        ("a long digit run", |n| format!("No. 1\n\nL. {}.\n", "9".repeat(n)), false),
        ("chained references", |n| chained(n / 40), false),
        ("no unit start, streamed", no_unit_starts, true),
        ("one long line, streamed", |n| "word ".repeat(n / 5), true),
    ];
    let mut failures = Vec::new();
    for (name, make, streamed) in cases {
        let small = make(base);
        let large = make(base * SCALE);
        let cost = |t: &str| if streamed { stream_cost(&ex, t) } else { page_cost(&ex, t) };
        let (sb, sc, st) = cost(&small);
        let (lb, lc, lt) = cost(&large);
        let bytes_ratio = lb as f64 / sb.max(1) as f64;
        let calls_ratio = lc as f64 / sc.max(1) as f64;
        println!(
            "{name}: {} -> {} bytes in; allocated {sb} -> {lb} bytes (x{bytes_ratio:.1}), {sc} -> {lc} calls (x{calls_ratio:.1}); {st:.3}s -> {lt:.3}s (x{:.1})",
            small.len(),
            large.len(),
            lt / st.max(1e-9)
        );
        if bytes_ratio > MAX_RATIO || calls_ratio > MAX_RATIO {
            failures.push(format!("{name}: bytes x{bytes_ratio:.1}, calls x{calls_ratio:.1}"));
        }
    }
    assert!(failures.is_empty(), "super-linear work: {failures:?}");
}
