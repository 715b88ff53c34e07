//! The `opis` command line: a thin layer over the library.
//!
//! Exit codes: 0 every input was processed; 1 some input could not be
//! processed (the rest was); 2 usage error.

use clap::{Args, Parser, Subcommand};
use opis::diag::Severity;
use opis::driver::{self, Located, Output, Render, Summary};
use opis::emit::JsonLines;
use opis::input;
use opis::pipeline::{Extractor, Page};
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(feature = "entities-cli")]
mod entities_cli;

#[derive(Parser)]
#[command(name = "opis", version, about = "Structured data from published Soviet archival document collections")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One JSON object per document and per section introduction.
    Extract(Common),
    /// One JSON object per segment (the segments partition each file).
    Segment {
        #[command(flatten)]
        common: Common,
        /// Also print one object per sentence of every paragraph and note.
        #[arg(long)]
        sentences: bool,
    },
    /// `gazetteer export` and `scan` (need the entities stage).
    #[cfg(feature = "entities-cli")]
    #[command(flatten)]
    Entities(entities_cli::Command),
}

#[derive(Args, Clone)]
struct Common {
    /// Files or directories (searched recursively for *.txt); `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Write records to FILE (atomically: a temporary file renamed when complete) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write diagnostics as JSON Lines to FILE.
    #[arg(long, value_name = "FILE")]
    diagnostics: Option<PathBuf>,
    /// Write the run summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Also print notes (informational diagnostics) on standard error.
    #[arg(short, long)]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`opis extract … | head`) ends the run quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("opis: error: {e}");
            ExitCode::from(1)
        }
    }
}

struct ExtractRender;

impl Render for ExtractRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        // Writing to a Vec cannot fail.
        for u in page.units() {
            let _ = w.write(&u);
        }
    }
}

struct SegmentRender {
    sentences: bool,
}

impl Render for SegmentRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for s in page.segment_stream(self.sentences) {
            let _ = w.write(&s);
        }
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Command::Extract(common) => drive(&common, &ExtractRender),
        Command::Segment { common, sentences } => drive(&common, &SegmentRender { sentences }),
        #[cfg(feature = "entities-cli")]
        Command::Entities(cmd) => entities_cli::run(cmd),
    }
}

/// Reads every input, runs the pipeline and emits records.
fn drive(common: &Common, render: &dyn Render) -> io::Result<ExitCode> {
    if let Some(n) = common.threads {
        // Only fails if a global pool already exists, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let extractor = Extractor::new();
    let (inputs, skipped) = input::discover(&common.paths);
    let mut diag_sink = match &common.diagnostics {
        Some(p) => Some(JsonLines::new(BufWriter::new(fs::File::create(p)?))),
        None => None,
    };
    let (writer, tmp): (Box<dyn Write>, Option<(PathBuf, PathBuf)>) = match &common.output {
        Some(p) => {
            let tmp = tmp_path(p);
            (Box::new(BufWriter::new(fs::File::create(&tmp)?)), Some((tmp, p.clone())))
        }
        None => (Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())), None),
    };
    let mut out = writer;
    let styled = io::stderr().is_terminal();
    let mut totals = Summary::default();
    for s in &skipped {
        let loc =
            Located { file: s.path.as_str().into(), diagnostic: s.diagnostic.clone(), line_col: None, context: None };
        report(common, &mut diag_sink, &loc, styled)?;
        totals.files_skipped.push(driver::SkippedInput { file: s.path.clone(), reason: s.diagnostic.message.clone() });
    }
    let result = driver::run(&extractor, &inputs, render, &mut |o: Output| {
        totals.add(&o);
        for d in &o.diagnostics {
            report(common, &mut diag_sink, d, styled)?;
        }
        out.write_all(&o.records)
    });
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            if let Some((tmp, _)) = &tmp {
                let _ = fs::remove_file(tmp);
            }
            return Err(e);
        }
    };
    out.flush()?;
    drop(out);
    if let Some((tmp, dest)) = tmp {
        fs::rename(tmp, dest)?;
    }
    if let Some(d) = diag_sink {
        d.finish()?;
    }
    totals.files_read = summary.files_read;
    totals.bytes = summary.bytes;
    totals.files_skipped.extend(summary.files_skipped);
    if let Some(p) = &common.summary {
        fs::write(p, serde_json::to_string_pretty(&totals).map_err(io::Error::other)? + "\n")?;
    }
    if !common.quiet {
        eprintln!("{}", totals.line());
    }
    Ok(if totals.files_skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn tmp_path(p: &Path) -> PathBuf {
    let mut name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".opis-tmp-{}", std::process::id()));
    p.with_file_name(name)
}

/// A diagnostic as a JSON record.
#[derive(serde::Serialize)]
struct DiagnosticRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    v: u32,
    file: &'a str,
    start: Option<usize>,
    end: Option<usize>,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

fn report(
    common: &Common,
    sink: &mut Option<JsonLines<BufWriter<fs::File>>>,
    loc: &Located,
    styled: bool,
) -> io::Result<()> {
    let d = &loc.diagnostic;
    if let Some(sink) = sink {
        sink.write(&DiagnosticRecord {
            kind: "diagnostic",
            v: opis::emit::SCHEMA_VERSION,
            file: &loc.file,
            start: d.span.map(|s| s.start),
            end: d.span.map(|s| s.end),
            line: loc.line_col.map(|p| p.0),
            column: loc.line_col.map(|p| p.1),
            severity: d.severity,
            code: d.code,
            message: &d.message,
        })?;
    }
    let shown =
        if common.quiet { d.severity == Severity::Error } else { common.verbose || d.severity > Severity::Note };
    if shown {
        let ctx = loc.context.as_ref().map(|(t, a, b)| (t.as_str(), *a, *b));
        let line = loc.line_col.map(|p| p.0);
        eprintln!("{}", opis::render::with_context(&loc.file, ctx, line, d, styled));
    }
    Ok(())
}
