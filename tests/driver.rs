//! The driver: output is the same bytes whatever the thread count and
//! whether a file is read whole or streamed in units.

mod common;

use opis::driver::{self, Options, Output, Render};
use opis::emit::JsonLines;
use opis::input::Input;
use opis::pipeline::{Extractor, Page};

/// What `opis extract` writes.
struct Units;

impl Render for Units {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for u in page.units() {
            w.write(&u).unwrap();
        }
    }
}

/// What `opis segment --sentences` writes.
struct Segments;

impl Render for Segments {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for s in page.segment_stream(true) {
            w.write(&s).unwrap();
        }
    }
}

fn run(threads: usize, opts: Options, inputs: &[Input], render: &dyn Render) -> (Vec<u8>, Vec<String>) {
    let ex = Extractor::new().unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    let mut out = Vec::new();
    let mut diags = Vec::new();
    pool.install(|| {
        driver::run_with(opts, &ex, inputs, render, &mut |o: Output| {
            out.extend_from_slice(&o.records);
            diags.extend(
                o.diagnostics.iter().map(|d| format!("{}:{:?}:{}", d.file, d.diagnostic.span, d.diagnostic.code)),
            );
            Ok(())
        })
        .unwrap()
    });
    (out, diags)
}

/// The seed pages one after the other, three times: a file of many pages.
fn corpus() -> tempfile_like::TempFile {
    let mut text = String::new();
    for _ in 0..3 {
        for (_, page) in common::seeds() {
            text.push_str(&page);
            text.push('\n');
        }
    }
    tempfile_like::TempFile::new("corpus.txt", &text)
}

mod tempfile_like {
    pub struct TempFile(pub std::path::PathBuf);
    impl TempFile {
        pub fn new(name: &str, text: &str) -> TempFile {
            // Tests run on parallel threads of one process: one directory each.
            static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("opis-test-{}-{n}-{}", std::process::id(), name));
            std::fs::create_dir_all(&dir).unwrap();
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            TempFile(p)
        }
    }
    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
        }
    }
}

/// Equal bytes, or the first line that differs.
fn same(a: &[u8], b: &[u8], what: &str) {
    if a == b {
        return;
    }
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        assert_eq!(x, y, "{what}: line {i} differs");
    }
    assert_eq!(a.lines().count(), b.lines().count(), "{what}: line counts differ");
}

#[test]
fn identical_output_for_one_and_four_threads_and_for_streaming() {
    let file = corpus();
    let inputs = vec![Input::File(file.0.clone())];
    let whole = Options::default();
    let streamed = Options { whole_file: 0, chunk: 997, batch_bytes: 5_000 };
    for render in [&Units as &dyn Render, &Segments] {
        let (a, da) = run(1, whole, &inputs, render);
        let (b, db) = run(4, whole, &inputs, render);
        let (c, dc) = run(1, streamed, &inputs, render);
        let (d, dd) = run(4, streamed, &inputs, render);
        assert!(!a.is_empty());
        same(&a, &b, "1 vs 4 threads");
        same(&a, &c, "whole vs streamed");
        same(&a, &d, "whole vs streamed on 4 threads");
        same(da.join("\n").as_bytes(), db.join("\n").as_bytes(), "diagnostics, 1 vs 4 threads");
        same(da.join("\n").as_bytes(), dc.join("\n").as_bytes(), "diagnostics, whole vs streamed");
        same(da.join("\n").as_bytes(), dd.join("\n").as_bytes(), "diagnostics, whole vs streamed on 4 threads");
    }
}

#[test]
fn seeds_directory_is_deterministic_across_threads() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (inputs, skipped) = opis::input::discover(&[dir]);
    assert!(skipped.is_empty());
    assert_eq!(inputs.len(), 5);
    let (a, _) = run(1, Options::default(), &inputs, &Units);
    let (b, _) = run(4, Options::default(), &inputs, &Units);
    same(&a, &b, "1 vs 4 threads");
}

/// Units finish out of order on several threads; a unit whose processing
/// panics (a bug) must panic the run, not leave the writer waiting forever
/// for its output. Run both from outside the pool (the CLI) and from one of
/// its workers (a library user inside `install`), where waiting must not
/// hold up the only thread.
#[test]
fn a_panicking_unit_panics_the_run_instead_of_hanging() {
    struct Boom;
    impl Render for Boom {
        fn render(&self, page: &Page<'_>, _: &mut Vec<u8>) {
            if !page.documents.is_empty() {
                panic!("boom");
            }
        }
    }
    let file = corpus();
    let inputs = vec![Input::File(file.0.clone())];
    let streamed = Options { whole_file: 0, chunk: 997, batch_bytes: 5_000 };
    let ex = Extractor::new().unwrap();
    let outside = std::panic::catch_unwind(|| driver::run_with(streamed, &ex, &inputs, &Boom, &mut |_| Ok(())));
    assert!(outside.is_err());
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let inside = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| driver::run_with(streamed, &ex, &inputs, &Boom, &mut |_| Ok(())))
        }));
        assert!(inside.is_err(), "{threads} threads");
    }
}
