//! The `opis` command line: a thin layer over the library.
//!
//! Exit codes: 0 every input was processed; 1 some input could not be
//! processed (the rest was); 2 usage error.

use clap::{Args, Parser, Subcommand};
use opis::diag::{Diagnostic, Severity};
use opis::emit::{JsonLines, Locator};
use opis::input::{self, Input};
use opis::pipeline::{Base, Extractor, Page};
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "opis",
    version,
    about = "Structured data from published Soviet archival document collections"
)]
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
    /// Do not print diagnostics on standard error.
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
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// What a subcommand prints for each processed text.
type Emit<'x> = dyn FnMut(&Page<'_>, &mut JsonLines<Box<dyn Write>>) -> io::Result<()> + 'x;

fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Command::Extract(common) => drive(&common, &mut |page, out| {
            for d in &page.documents {
                out.write(d)?;
            }
            for s in &page.sections {
                out.write(s)?;
            }
            Ok(())
        }),
        Command::Segment { common, sentences } => drive(&common, &mut |page, out| {
            for s in page.segment_records() {
                out.write(&s)?;
            }
            if sentences {
                for s in page.sentence_records() {
                    out.write(&s)?;
                }
            }
            Ok(())
        }),
    }
}

/// Reads every input, runs the pipeline and emits records.
fn drive(common: &Common, emit: &mut Emit<'_>) -> io::Result<ExitCode> {
    let extractor = Extractor::new();
    let (inputs, skipped) = input::discover(&common.paths);
    let mut failed = !skipped.is_empty();
    let mut diag_sink = match &common.diagnostics {
        Some(p) => Some(JsonLines::new(BufWriter::new(fs::File::create(p)?))),
        None => None,
    };
    let (writer, tmp): (Box<dyn Write>, Option<(PathBuf, PathBuf)>) = match &common.output {
        Some(p) => {
            let tmp = tmp_path(p);
            (
                Box::new(BufWriter::new(fs::File::create(&tmp)?)),
                Some((tmp, p.clone())),
            )
        }
        None => (Box::new(BufWriter::new(io::stdout().lock())), None),
    };
    let mut out = JsonLines::new(writer);
    let styled = io::stderr().is_terminal();
    for s in &skipped {
        report(common, &mut diag_sink, &s.path, None, &s.diagnostic, styled)?;
    }
    let none = None;
    for inp in &inputs {
        let name = inp.name();
        let bytes = match read_input(inp) {
            Ok(b) => b,
            Err(e) => {
                failed = true;
                let d = Diagnostic::whole(
                    Severity::Error,
                    "input/unreadable",
                    format!("cannot read {name}: {e}"),
                );
                report(common, &mut diag_sink, &name, none, &d, styled)?;
                continue;
            }
        };
        let decoded = match opis::read::decode(&bytes) {
            Ok(d) => d,
            Err(e) => {
                failed = true;
                let d = Diagnostic::whole(
                    Severity::Error,
                    "read/binary",
                    format!("{name}: {e}; skipped"),
                );
                report(common, &mut diag_sink, &name, none, &d, styled)?;
                continue;
            }
        };
        let page = extractor.page(&name, &decoded.text, Base::default());
        for d in decoded.diagnostics.iter().chain(&page.diagnostics) {
            report(
                common,
                &mut diag_sink,
                &name,
                Some(&page.locator),
                d,
                styled,
            )?;
        }
        emit(&page, &mut out)?;
    }
    out.finish()?;
    if let Some((tmp, dest)) = tmp {
        fs::rename(tmp, dest)?;
    }
    if let Some(d) = diag_sink {
        d.finish()?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn tmp_path(p: &std::path::Path) -> PathBuf {
    let mut name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".opis-tmp-{}", std::process::id()));
    p.with_file_name(name)
}

fn read_input(inp: &Input) -> io::Result<Vec<u8>> {
    match inp {
        Input::File(p) => fs::read(p),
        Input::Stdin => {
            let mut b = Vec::new();
            io::stdin().lock().read_to_end(&mut b)?;
            Ok(b)
        }
    }
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
    file: &str,
    loc: Option<&Locator<'_>>,
    d: &Diagnostic,
    styled: bool,
) -> io::Result<()> {
    let pos = match (loc, d.span) {
        (Some(l), Some(s)) => Some(l.locate(s)),
        _ => None,
    };
    if let Some(sink) = sink {
        sink.write(&DiagnosticRecord {
            kind: "diagnostic",
            v: opis::emit::SCHEMA_VERSION,
            file,
            start: pos.as_ref().map(|p| p.start),
            end: pos.as_ref().map(|p| p.end),
            line: pos.as_ref().map(|p| p.line),
            column: pos.as_ref().map(|p| p.column),
            severity: d.severity,
            code: d.code,
            message: &d.message,
        })?;
    }
    if !common.quiet && (common.verbose || d.severity > Severity::Note) {
        let text = loc.map(|l| l.text());
        eprintln!(
            "{}",
            opis::render::diagnostic(file, text, pos.map(|p| p.line), d, styled)
        );
    }
    Ok(())
}
