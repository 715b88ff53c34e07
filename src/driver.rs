//! Running the pipeline over many inputs: streaming, parallel, deterministic.
//!
//! A file is read in chunks and cut into **units** at lines that always start
//! a new unit — a document number ("No. 192"), a section heading, a page's
//! title and navigation lines — so memory is bounded by the largest unit
//! (in practice a document), not by the file: a 1 GB file of pages goes
//! through in a few megabytes. Units are processed in parallel (rayon) as
//! their batches arrive, the next batch starting while the last one
//! finishes, and their output is written in input order, so the bytes out
//! are the same for any thread count.
//!
//! Each unit knows where it sits in its file ([`Base`]): byte offset, lines
//! and code points before it. Records therefore carry file offsets whatever
//! the cut, and the result equals processing the file whole.

use crate::diag::{Diagnostic, Severity};
use crate::input::Input;
use crate::normalize::Normalized;
use crate::pipeline::{Base, Extractor, Page};
use crate::read::{self, InvalidUtf8};
use crate::segment::LineShapes;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc::SyncSender;

/// Sizes that bound memory. The defaults suit any machine; tests make them
/// small to exercise streaming on small inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Files up to this size are read whole; larger ones (and standard
    /// input) are streamed in units. 8 MiB: far above any page of the
    /// collection, small next to memory.
    pub whole_file: u64,
    /// Bytes read at a time when streaming. A unit is cut per chunk, so this
    /// is also about the size of a streamed unit: 512 KiB makes a dozen
    /// units per batch, so the threads share a batch evenly (with 2 MiB, a
    /// batch was three units, and on two cores one thread waited a third of
    /// the time for the other).
    pub chunk: usize,
    /// A batch is handed to the workers once it holds this many bytes (or at
    /// the end of the input): enough work per thread to amortise the
    /// hand-off, and the bound on memory in flight. The records of a batch
    /// take several times its text (every mention with its offsets), and
    /// four batches are in flight (filling, queued, two in the workers):
    /// 6 MiB keeps a 1 GB file within 200 MB peak RSS (16 MiB gave 368 MB
    /// with three) at the same speed.
    pub batch_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { whole_file: 8 << 20, chunk: 512 << 10, batch_bytes: 6 << 20 }
    }
}

/// What a command does with one processed unit; runs on worker threads.
pub trait Render: Sync {
    /// Renders a processed unit into its output bytes.
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>);

    /// Bytes to reserve for the output of `input` bytes. Reserving too
    /// little makes the buffer grow by copying; reserving too much costs
    /// only address space (untouched pages take no memory).
    fn capacity_for(&self, input: usize) -> usize {
        input
    }
}

/// What a run did, for the summary on standard error and `--summary`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Inputs read and processed.
    pub files_read: usize,
    /// Inputs skipped, with the reason.
    pub files_skipped: Vec<SkippedInput>,
    /// Bytes read.
    pub bytes: u64,
    /// Documents found.
    pub documents: usize,
    /// Section introductions found.
    pub sections: usize,
    /// Entity mentions found.
    pub entities: usize,
    /// Citations found.
    pub citations: usize,
    /// Segments that fit no rule.
    pub unclassified: usize,
    /// Diagnostics by severity.
    pub diagnostics: BTreeMap<String, usize>,
}

/// An input that could not be processed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkippedInput {
    /// The input's name.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// One unit waiting to be processed.
struct Unit {
    file: std::sync::Arc<str>,
    text: String,
    base: Base,
    /// Read-stage diagnostics (file offsets) to report with this unit.
    read_diagnostics: Vec<Diagnostic>,
}

/// What one unit contained, for the summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Section introductions.
    pub sections: usize,
    /// Entity mentions.
    pub entities: usize,
    /// Citations.
    pub citations: usize,
    /// Unclassified segments.
    pub unclassified: usize,
}

/// The output of one unit, in order.
pub struct Output {
    /// Record bytes.
    pub records: Vec<u8>,
    /// What the unit contained.
    pub counts: Counts,
    /// Diagnostics raised on the unit, with their file, text line and position.
    pub diagnostics: Vec<Located>,
    /// Input bytes this output covers (for progress reports).
    pub bytes: u64,
}

/// A diagnostic with everything needed to print it after the unit is gone.
#[derive(Clone, Debug)]
pub struct Located {
    /// The input's name.
    pub file: std::sync::Arc<str>,
    /// The diagnostic, span in file offsets.
    pub diagnostic: Diagnostic,
    /// 1-based line and column of the span's start.
    pub line_col: Option<(usize, usize)>,
    /// The source line(s) around the span and the span relative to them.
    pub context: Option<(String, usize, usize)>,
}

/// What the reader hands to the processing side, in input order.
enum Work {
    /// Units to process in parallel.
    Batch(Vec<Unit>),
    /// An output ready as is (a skipped input's diagnostic).
    Ready(Output),
}

/// Runs `extractor` over `inputs`, calling `sink` with each unit's output in
/// input order. Returns the run summary (without diagnostic counts, which
/// the sink sees).
pub fn run(
    extractor: &Extractor,
    inputs: &[Input],
    render: &dyn Render,
    sink: &mut dyn FnMut(Output) -> io::Result<()>,
) -> io::Result<Summary> {
    run_with(Options::default(), extractor, inputs, render, sink)
}

/// [`run`] with explicit sizes.
pub fn run_with(
    opts: Options,
    extractor: &Extractor,
    inputs: &[Input],
    render: &dyn Render,
    sink: &mut dyn FnMut(Output) -> io::Result<()>,
) -> io::Result<Summary> {
    // The reader cuts units with its own copy of the line grammar: a regex's
    // fast cache belongs to the first thread that uses it, and if the reader
    // thread were that owner every worker would take the regex pool's slow
    // (locked) path on every line.
    let cutter = extractor.segmenter().shapes().clone();
    // Reading and cutting run on their own thread, one batch ahead of the
    // processing: on one thread they were a serial 13% of the run during
    // which the workers waited. A queue of one batch keeps memory bounded
    // (a batch being filled, one queued, `BATCHES_IN_FLIGHT` in the workers).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Work>(1);
    std::thread::scope(|s| {
        let reader = s.spawn(move || read_all(&opts, inputs, &cutter, &tx));
        let result = process(extractor, render, &rx, sink);
        // After a sink error the reader's next send fails and it stops.
        drop(rx);
        let summary = reader.join().map_err(|_| io::Error::other("the reader thread panicked"));
        result?;
        summary?
    })
}

/// Batches whose units may be in the workers at once. Two, so that the
/// workers start on the next batch while the last units of one finish: a
/// batch boundary where every worker waited for the slowest unit cost a
/// two-thread run about a tenth of its time. Memory stays bounded: a batch
/// being read, one queued, two in the workers.
const BATCHES_IN_FLIGHT: usize = 2;

/// Hands every unit to the worker pool as its batch arrives and passes the
/// outputs to `sink` in input order (each has a sequence number; outputs
/// that finish early wait in `done` for those before them).
fn process(
    extractor: &Extractor,
    render: &dyn Render,
    rx: &std::sync::mpsc::Receiver<Work>,
    sink: &mut dyn FnMut(Output) -> io::Result<()>,
) -> io::Result<()> {
    // A unit that panicked (a bug) sends its panic, resumed here: waiting
    // for an output that never comes would hang the run instead.
    let (out_tx, out_rx) = std::sync::mpsc::channel::<(usize, std::thread::Result<Output>)>();
    rayon::in_place_scope(|scope| {
        let mut done: BTreeMap<usize, Output> = BTreeMap::new();
        let mut next = 0usize;
        let mut issued = 0usize;
        // The sequence number after each batch still in the workers.
        let mut batch_ends: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
        // Sinks what is ready, in order; with `upto`, blocks until
        // everything before it is sunk.
        let mut deliver = |done: &mut BTreeMap<usize, Output>, next: &mut usize, upto: Option<usize>| loop {
            while let Some(o) = done.remove(next) {
                sink(o)?;
                *next += 1;
            }
            let got = match upto {
                Some(u) if *next < u => recv_helping(&out_rx),
                _ => out_rx.try_recv().ok(),
            };
            match got {
                Some((seq, Ok(o))) => {
                    done.insert(seq, o);
                }
                Some((_, Err(panic))) => std::panic::resume_unwind(panic),
                None => return Ok::<(), io::Error>(()),
            }
        };
        loop {
            // A slot first, then the next batch: taken from the queue before
            // the wait, it would be a fifth batch of text held in memory.
            while batch_ends.len() >= BATCHES_IN_FLIGHT {
                let end = batch_ends.pop_front().unwrap_or(issued);
                deliver(&mut done, &mut next, Some(end))?;
            }
            let Ok(w) = rx.recv() else { break };
            match w {
                Work::Batch(batch) => {
                    for u in batch {
                        let seq = issued;
                        issued += 1;
                        let tx = out_tx.clone();
                        scope.spawn(move |_| {
                            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                process_unit(extractor, render, &u)
                            }));
                            // The receiver lives until every unit is back.
                            let _ = tx.send((seq, out));
                        });
                    }
                    batch_ends.push_back(issued);
                }
                // Nothing for the workers: it takes no slot.
                Work::Ready(o) => {
                    done.insert(issued, o);
                    issued += 1;
                }
            }
            deliver(&mut done, &mut next, None)?;
        }
        deliver(&mut done, &mut next, Some(issued))
    })
}

/// Reads every input, cuts it into units and sends them in batches (and a
/// skipped input's diagnostic in its place). Returns the summary of reading.
fn read_all(opts: &Options, inputs: &[Input], shapes: &LineShapes, tx: &SyncSender<Work>) -> io::Result<Summary> {
    let send = |w: Work| tx.send(w).map_err(|_| io::Error::other("processing stopped"));
    let mut summary = Summary::default();
    let mut batch: Vec<Unit> = Vec::new();
    let mut bytes = 0usize;
    for inp in inputs {
        let name: std::sync::Arc<str> = inp.name().into();
        let read = read_units(opts, inp, &name, shapes, &mut |u| {
            bytes += u.text.len();
            batch.push(u);
            if bytes >= opts.batch_bytes {
                bytes = 0;
                send(Work::Batch(std::mem::take(&mut batch)))?;
            }
            Ok(())
        });
        match read {
            Ok(n) => {
                summary.files_read += 1;
                summary.bytes += n;
            }
            Err(ReadError::Skip((code, reason))) => {
                // Keep output in input order: what came before goes out first.
                if !batch.is_empty() {
                    bytes = 0;
                    send(Work::Batch(std::mem::take(&mut batch)))?;
                }
                let d = Diagnostic::whole(Severity::Error, code, format!("{reason}; skipped"));
                send(Work::Ready(Output {
                    records: Vec::new(),
                    counts: Counts::default(),
                    diagnostics: vec![Located { file: name.clone(), diagnostic: d, line_col: None, context: None }],
                    bytes: 0,
                }))?;
                summary.files_skipped.push(SkippedInput { file: name.to_string(), reason });
            }
            Err(ReadError::Io(e)) => return Err(e),
        }
    }
    if !batch.is_empty() {
        send(Work::Batch(batch))?;
    }
    Ok(summary)
}

/// Waits for the next message. A caller on a worker of the pool (a library
/// user inside `ThreadPool::install`) runs queued units meanwhile: blocked,
/// it would leave them to the other workers, and with one thread to none.
fn recv_helping<T>(rx: &std::sync::mpsc::Receiver<T>) -> Option<T> {
    use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
    loop {
        match rx.try_recv() {
            Ok(x) => return Some(x),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        match rayon::yield_now() {
            // Not a worker (the CLI's main thread): nothing to run, just wait.
            None => return rx.recv().ok(),
            Some(rayon::Yield::Executed) => continue,
            Some(rayon::Yield::Idle) => {}
        }
        // A worker with nothing to run here: the units are on other threads.
        // The timeout only bounds how long a unit queued later goes unnoticed.
        match rx.recv_timeout(std::time::Duration::from_millis(1)) {
            Ok(x) => return Some(x),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Processes one unit: its records and its diagnostics, located.
fn process_unit(extractor: &Extractor, render: &dyn Render, u: &Unit) -> Output {
    let page = extractor.page(&u.file, &u.text, u.base);
    let mut records = Vec::with_capacity(render.capacity_for(u.text.len()));
    render.render(&page, &mut records);
    let mut diagnostics: Vec<Located> =
        u.read_diagnostics.iter().map(|d| locate(&page, &u.file, d.clone(), true)).collect();
    diagnostics.extend(page.diagnostics.iter().map(|d| locate(&page, &u.file, d.clone(), false)));
    // In file order, whole-file ones last: the same order whether the
    // file is processed whole or cut into units.
    diagnostics.sort_by_key(|d| d.diagnostic.span.map_or(usize::MAX, |s| s.start));
    Output { records, counts: page.counts(), diagnostics, bytes: u.text.len() as u64 }
}

/// Moves a diagnostic to file offsets and keeps the line it points at.
fn locate(page: &Page<'_>, file: &std::sync::Arc<str>, mut d: Diagnostic, file_offsets: bool) -> Located {
    let base = page.locator.base();
    let local = d.span.map(|s| {
        if file_offsets {
            crate::span::Span::new(s.start - base.min(s.start), s.end - base.min(s.end))
        } else {
            s
        }
    });
    let (line_col, context) = match local {
        Some(s) => {
            let l = page.locator.locate(s);
            let text = page.locator.text();
            let start = s.start.min(text.len());
            // A bounded window of the line: searching for the line's ends
            // only within it keeps each diagnostic O(1) on a 100 MB line,
            // where looking for them across the whole line would make the
            // cost of n diagnostics n times the line.
            let lo = floor(text, start.saturating_sub(CONTEXT));
            let hi = ceil(text, (start + CONTEXT).min(text.len()));
            let from = memchr::memrchr(b'\n', &text.as_bytes()[lo..start]).map_or(lo, |i| lo + i + 1);
            let to = memchr::memchr(b'\n', &text.as_bytes()[start..hi]).map_or(hi, |i| start + i);
            let ctx = text[from..to].to_owned();
            let rs = start - from;
            let re = s.end.clamp(start, to) - from;
            (Some((l.line, l.column)), Some((ctx, rs, re)))
        }
        None => (None, None),
    };
    d.span = local.map(|s| s.shift(base));
    Located { file: file.clone(), diagnostic: d, line_col, context }
}

/// Bytes of context kept on either side of a diagnostic: a screenful of a
/// long line, enough to recognise the place.
const CONTEXT: usize = 200;

fn floor(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i += 1;
    }
    i
}

enum ReadError {
    Skip((&'static str, String)),
    Io(io::Error),
}

/// Reads one input and hands its units to `emit`. Returns the bytes read.
fn read_units(
    opts: &Options,
    inp: &Input,
    name: &std::sync::Arc<str>,
    shapes: &LineShapes,
    emit: &mut dyn FnMut(Unit) -> io::Result<()>,
) -> Result<u64, ReadError> {
    let mut reader: Box<dyn Read> = match inp {
        Input::File(p) => {
            let f = File::open(p).map_err(|e| ReadError::Skip(("input/unreadable", format!("cannot open: {e}"))))?;
            let meta = f.metadata().map_err(|e| ReadError::Skip(("input/unreadable", e.to_string())))?;
            if meta.is_dir() {
                return Err(ReadError::Skip(("input/directory", "is a directory".to_owned())));
            }
            if meta.len() <= opts.whole_file {
                let mut bytes = Vec::with_capacity(meta.len() as usize);
                let mut f = f;
                f.read_to_end(&mut bytes)
                    .map_err(|e| ReadError::Skip(("input/unreadable", format!("read failed: {e}"))))?;
                let n = bytes.len() as u64;
                let decoded = read::decode(&bytes).map_err(|e| ReadError::Skip(("read/binary", e.to_string())))?;
                emit(Unit {
                    file: name.clone(),
                    text: decoded.text,
                    base: Base::default(),
                    read_diagnostics: decoded.diagnostics,
                })
                .map_err(ReadError::Io)?;
                return Ok(n);
            }
            Box::new(f)
        }
        Input::Stdin => Box::new(io::stdin()),
    };
    stream(opts.chunk, &mut *reader, name, shapes, emit)
}

/// Streams a large input: decodes chunk by chunk and cuts units at lines
/// that start a document, a section or a page.
fn stream(
    chunk: usize,
    reader: &mut dyn Read,
    name: &std::sync::Arc<str>,
    shapes: &LineShapes,
    emit: &mut dyn FnMut(Unit) -> io::Result<()>,
) -> Result<u64, ReadError> {
    let mut raw: Vec<u8> = Vec::with_capacity(chunk);
    let mut text = String::new();
    let mut base = Base::default();
    let mut total = 0u64;
    let mut first = true;
    let mut buf = vec![0u8; chunk.max(1)];
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut scan = Scan::default();
    let mut invalid = InvalidUtf8::default();
    loop {
        let n = loop {
            match reader.read(&mut buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ReadError::Skip(("input/unreadable", format!("read failed: {e}")))),
            }
        };
        let eof = n == 0;
        raw.extend_from_slice(&buf[..n]);
        total += n as u64;
        if first && !raw.is_empty() {
            first = false;
            if raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]) {
                // UTF-16 cannot be cut at UTF-8 lines: read the rest and decode whole.
                reader
                    .read_to_end(&mut raw)
                    .map_err(|e| ReadError::Skip(("input/unreadable", format!("read failed: {e}"))))?;
                total = raw.len() as u64;
                let d = read::decode(&raw).map_err(|e| ReadError::Skip(("read/binary", e.to_string())))?;
                emit(Unit { file: name.clone(), text: d.text, base, read_diagnostics: d.diagnostics })
                    .map_err(ReadError::Io)?;
                return Ok(total);
            }
        }
        if memchr::memchr(0, &raw).is_some() {
            return Err(ReadError::Skip(("read/binary", "binary file: NUL byte".to_owned())));
        }
        // Decode the complete part of `raw`; keep an incomplete trailing sequence.
        let keep = if eof { 0 } else { incomplete_tail(&raw) };
        let upto = raw.len() - keep;
        let file_offset = base.byte + text.len();
        decode_into(&raw[..upto], &mut text, file_offset, &mut invalid, &mut diags);
        if eof {
            // Counted over the whole input, reported with its last unit.
            diags.extend(std::mem::take(&mut invalid).finish());
        }
        raw.drain(..upto);
        // Cut at the last unit start, leaving the rest for more input.
        let cut = if eof { text.len() } else { last_unit_start(&text, shapes, &mut scan) };
        if cut > 0 {
            scan = Scan::default();
            let rest = text.split_off(cut);
            let unit_text = std::mem::replace(&mut text, rest);
            let next_base = Base {
                byte: base.byte + unit_text.len(),
                chars: base.chars + unit_text.chars().count(),
                line: base.line + memchr::memchr_iter(b'\n', unit_text.as_bytes()).count(),
            };
            let end = next_base.byte;
            let (mine, later): (Vec<Diagnostic>, Vec<Diagnostic>) =
                diags.drain(..).partition(|d| d.span.is_none_or(|s| s.start < end));
            diags = later;
            emit(Unit { file: name.clone(), text: unit_text, base, read_diagnostics: mine }).map_err(ReadError::Io)?;
            base = next_base;
        }
        if eof {
            break;
        }
    }
    Ok(total)
}

/// Bytes at the end of `raw` that may be the start of an unfinished UTF-8 sequence.
fn incomplete_tail(raw: &[u8]) -> usize {
    for back in 1..=3.min(raw.len()) {
        let b = raw[raw.len() - back];
        if b & 0xC0 == 0x80 {
            continue; // continuation byte: look further back
        }
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if need > back { back } else { 0 };
    }
    0
}

/// Appends the decoding of `bytes` (UTF-8, bad bytes as U+001A) to `text`.
fn decode_into(
    bytes: &[u8],
    text: &mut String,
    file_offset: usize,
    invalid: &mut InvalidUtf8,
    diags: &mut Vec<Diagnostic>,
) {
    match std::str::from_utf8(bytes) {
        Ok(s) => text.push_str(s),
        Err(_) => invalid.substitute(bytes, file_offset, text, diags),
    }
}

/// How far earlier calls of [`last_unit_start`] looked into the pending text.
///
/// Without it every chunk would rescan (and run the line grammar on) all the
/// text pending since the last cut: a file with no unit start, or one 100 MB
/// line, would cost (size / chunk) times its size.
#[derive(Clone, Copy, Debug, Default)]
struct Scan {
    /// Lines starting before this offset were judged with all the lines
    /// they look ahead at, and start no unit.
    settled: usize,
    /// The text's length at the last call: newlines before it were seen.
    seen: usize,
}

/// Lines after a candidate that [`starts_unit`] may read (a title line is
/// followed by the navigation line within this many lines).
const LOOKAHEAD_LINES: usize = 3;

/// The start of the last line of `text` that begins a unit, or 0. The
/// candidate line must be complete (followed by a newline) so that its shape
/// is known. Lines settled by earlier calls (`scan`) are not looked at again.
fn last_unit_start(text: &str, shapes: &LineShapes, scan: &mut Scan) -> usize {
    let bytes = text.as_bytes();
    let fresh = scan.seen.min(bytes.len());
    scan.seen = bytes.len();
    // No new complete line: nothing can have changed.
    if memchr::memchr(b'\n', &bytes[fresh..]).is_none() {
        return 0;
    }
    let mut end = match memchr::memrchr(b'\n', bytes) {
        Some(i) => i,
        None => return 0,
    };
    let stop = scan.settled;
    // The lines that will be settled after this call: all but the last
    // LOOKAHEAD_LINES complete ones, whose look-ahead may still grow.
    let mut back = end;
    let mut settled = 0;
    for _ in 0..=LOOKAHEAD_LINES {
        match memchr::memrchr(b'\n', &bytes[stop..back]) {
            Some(i) => {
                settled = stop + i + 1;
                back = stop + i;
            }
            None => {
                settled = stop;
                break;
            }
        }
    }
    scan.settled = settled.max(stop);
    while end > 0 {
        let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
        if start < stop {
            break;
        }
        let line = view_line(&text[start..end]);
        let line = line.as_str();
        if start > 0 && starts_unit(line, text, end, shapes) {
            // A navigation line belongs with the page title line before it;
            // if that title starts the buffer, the page already does.
            let cut = match shapes.is_nav(line).then(|| title_before(text, start)).flatten() {
                Some(0) => None,
                Some(t) => Some(t),
                None => Some(start),
            };
            if let Some(cut) = cut {
                // The reading view ends a line at a lone `\r` too; lines cut
                // here at `\n` only would then differ from the lines the
                // segmenter sees, and the cut might not be a unit start.
                if !has_lone_cr(&bytes[cut..lookahead_end(bytes, end)]) {
                    return cut;
                }
            }
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    0
}

/// End of the lines [`starts_unit`] may read after the line ending at `line_end`.
fn lookahead_end(bytes: &[u8], line_end: usize) -> usize {
    let mut at = line_end + 1;
    for _ in 0..LOOKAHEAD_LINES {
        match bytes.get(at..).and_then(|b| memchr::memchr(b'\n', b)) {
            Some(i) => at += i + 1,
            None => return bytes.len(),
        }
    }
    at.min(bytes.len())
}

/// A `\r` not followed by `\n` (a classic Mac line end).
fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

/// How the segmenter reads a line: its reading view, trimmed. Shapes are
/// judged on the view ("Section I[August 1924]" reads "Section IAugust
/// 1924", no section heading), so the streamer must judge the same text.
/// Each line is read once per call, and [`Scan`] keeps calls from
/// re-reading it.
fn view_line(line: &str) -> String {
    Normalized::new(line).view().trim().to_owned()
}

/// Lines the segmenter looks across from a page title to its navigation
/// line: the title is the next non-blank line before it, at most this many
/// lines up (one blank line between). Must match `Segmenter::start_at`.
const TITLE_WINDOW: usize = 2;

/// Start of the non-blank line within [`TITLE_WINDOW`] lines before `line_start`, if any.
fn title_before(text: &str, line_start: usize) -> Option<usize> {
    let mut end = line_start.checked_sub(1)?;
    for _ in 0..TITLE_WINDOW {
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..end]).map_or(0, |i| i + 1);
        if !view_line(&text[start..end]).is_empty() {
            return Some(start);
        }
        end = start.checked_sub(1)?;
    }
    None
}

/// Unconditional unit starts: a number line, a section heading, or a page
/// title line directly followed by the navigation line.
fn starts_unit(line: &str, text: &str, line_end: usize, shapes: &LineShapes) -> bool {
    if line.is_empty() {
        return false;
    }
    if shapes.number(line).is_some() || shapes.section_heading(line).is_some() || shapes.is_nav(line) {
        return true;
    }
    // A title line: the next non-blank line (within two) is the navigation.
    // Only complete lines count: the pending text may end inside a line
    // whose first 40 bytes look like a navigation line and whose whole
    // does not (is_nav bounds the length); the next call sees it whole.
    let complete = memchr::memrchr(b'\n', text.as_bytes()).map_or(0, |i| i + 1);
    let rest = text.get((line_end + 1).min(complete)..complete).unwrap_or("");
    rest.lines().take(TITLE_WINDOW).map(view_line).find(|l| !l.is_empty()).is_some_and(|l| shapes.is_nav(&l))
}

impl Summary {
    /// Adds one unit's output to the totals.
    pub fn add(&mut self, o: &Output) {
        self.documents += o.counts.documents;
        self.sections += o.counts.sections;
        self.entities += o.counts.entities;
        self.citations += o.counts.citations;
        self.unclassified += o.counts.unclassified;
        for d in &o.diagnostics {
            *self.diagnostics.entry(d.diagnostic.severity.to_string()).or_insert(0) += 1;
        }
    }

    /// One line for standard error.
    pub fn line(&self) -> String {
        let diags: Vec<String> = self.diagnostics.iter().map(|(k, v)| format!("{v} {k}s")).collect();
        let mut s = format!(
            "opis: {} file(s) read, {} skipped; {} documents, {} sections, {} entities, {} citations, {} unclassified segments",
            self.files_read,
            self.files_skipped.len(),
            self.documents,
            self.sections,
            self.entities,
            self.citations,
            self.unclassified
        );
        if !diags.is_empty() {
            s.push_str("; ");
            s.push_str(&diags.join(", "));
        }
        for k in &self.files_skipped {
            s.push_str(&format!("\nopis: skipped {}: {}", k.file, k.reason));
        }
        s
    }
}
