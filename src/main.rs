//! The `opis` command line: a thin layer over the library.
//!
//! Exit codes: 0 every input was processed; 1 some input could not be
//! processed (the rest was), or (`opis eval`) gold or predictions are
//! invalid; 2 usage error.

use clap::{Args, Parser, Subcommand};

/// mimalloc instead of the system allocator, for the binary only (library
/// users pick their own). Each unit's buffers are freed and the next unit's
/// allocated: glibc returned the large ones to the kernel and page-faulted
/// them back (5% of a run in `exc_page_fault`), mimalloc reuses them.
/// Measured: one-thread extract 1.89 -> 1.70 s on 60 MB.
/// Built with `no_thp`: with transparent huge pages each first touch of
/// mimalloc's arena zeroed 2 MiB and its purges dropped whole huge pages to
/// fault them back: 0.4-1.2 s of system time on 200 MB (0.1 s without).
/// Peak RSS on a 1 GB file: 129 MB (182 MB with huge pages, 84 MB with
/// glibc), within the 300 MB bound.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use opis::diag::Severity;
use opis::driver::{self, Located, Output, Render, Summary};
use opis::emit::JsonLines;
use opis::eval::{self, Gold, Mention};
use opis::input::{self, Input};
use opis::pipeline::{Extractor, Page};
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod entities_cli;

#[derive(Parser)]
#[command(name = "opis", version, about = "Structured data from published Soviet archival document collections")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One JSON object per document and per section introduction (or CSV / CMIF with --format).
    Extract {
        #[command(flatten)]
        common: Common,
        /// jsonl (every field), csv (one row per letter), cmif (TEI correspDesc per letter).
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
    },
    /// One JSON object per mention of a person, place or organisation.
    Entities(Common),
    /// One JSON object per date: heading dates, the letters' own date lines, dates in running text.
    Dates(Common),
    /// One JSON object per archival or published reference.
    Citations(Common),
    /// Audit archival references: each deviation from the canonical form of its style, then a
    /// summary by code, by archive and of the styles used per file.
    Audit {
        #[command(flatten)]
        common: Common,
        /// Output: human-readable diagnostics and tables, or JSON Lines (one object per
        /// reference, then a summary object).
        #[arg(long, value_enum, default_value_t = AuditFormat::Human)]
        format: AuditFormat,
        /// Instead, render every archival reference canonically in this style (a normalised
        /// bibliography), under today's name of its archive.
        #[arg(long, value_enum)]
        style: Option<StyleArg>,
    },
    /// Work with the gazetteers.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
    /// One JSON object per segment (the segments partition each file).
    Segment {
        #[command(flatten)]
        common: Common,
        /// Also print one object per sentence of every paragraph and note.
        #[arg(long)]
        sentences: bool,
    },
    /// Score entity mentions against gold annotations (CLEF HIPE metrics).
    Eval(EvalArgs),
    /// Time the gazetteer automaton alone, for benchmarks: the bare scan (unanchored
    /// leftmost-longest Aho–Corasick over every byte, no word-boundary check: what plain
    /// matchers do) and the word-start walk (the forms `extract` takes, before disambiguation).
    /// One thread; prints one JSON object for each.
    Scan {
        /// Files to scan (each streamed in chunks cut at line ends).
        paths: Vec<PathBuf>,
        /// Load the gazetteer files from DIR instead of the embedded copy.
        #[arg(long, value_name = "DIR")]
        gazetteer: Option<PathBuf>,
    },
}

#[derive(Args)]
struct EvalArgs {
    /// Gold annotations: a *.jsonl file or a directory of them.
    #[arg(long, value_name = "GOLD")]
    gold: PathBuf,
    /// Inputs to run opis on (default: the files the gold refers to).
    paths: Vec<PathBuf>,
    /// Score these predictions instead of running opis: JSON Lines of entity
    /// records or gold-format lines (e.g. another system's output).
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    predictions: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    format: EvalFormat,
    /// List at most N misses, false alarms and wrong links each (default: all).
    #[arg(long, value_name = "N")]
    errors: Option<usize>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum EvalFormat {
    /// Aligned tables and error lists.
    Text,
    /// The report as one JSON object.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Csv,
    Cmif,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum AuditFormat {
    Human,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StyleArg {
    Translation,
    Western,
    Cyrillic,
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Validate gazetteer files (default: the embedded ones): malformed rows, duplicate ids,
    /// variants claimed by two entries, empty fields.
    Check {
        /// A directory with people.tsv, places.tsv and orgs.tsv.
        dir: Option<PathBuf>,
    },
    /// Every surface form the matcher matches, one per (form, entry), in gazetteer order: what
    /// other tools need to match what opis matches (bench/peers.sh gives it to the peers).
    Export {
        /// jsonl: {"label","pattern","id","rule"} per line; tsv: the same with a header.
        #[arg(long, value_enum, default_value_t = entities_cli::Format::Jsonl)]
        format: entities_cli::Format,
        /// Load the gazetteer files from DIR instead of the embedded copy.
        #[arg(long, value_name = "DIR")]
        gazetteer: Option<PathBuf>,
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
    /// Use the gazetteer files in DIR (people.tsv, places.tsv, orgs.tsv) instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    gazetteer: Option<PathBuf>,
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

/// `opis extract --format csv`: one row per letter.
struct CsvRender;

impl Render for CsvRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
        for d in &page.documents {
            let _ = w.write_record(opis::sink::csv_row(d));
        }
        let _ = w.flush();
    }
}

/// `opis extract --format cmif`: one TEI correspDesc per letter.
struct CmifRender;

impl Render for CmifRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        for d in &page.documents {
            let _ = opis::sink::cmif_letter(out, d);
        }
    }
}

impl Render for ExtractRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        // Writing to a Vec cannot fail.
        for u in page.units() {
            let _ = w.write(&u);
        }
    }

    fn capacity_for(&self, input: usize) -> usize {
        // Measured on the bench corpus: 2.5 bytes of JSON per input byte.
        input * 3
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

struct EntitiesRender;

impl Render for EntitiesRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for e in page.entities() {
            let _ = w.write(&e);
        }
    }
}

/// `opis eval`: exit 1 when gold or predictions are invalid.
fn run_eval(args: &EvalArgs) -> io::Result<ExitCode> {
    let fail = |e: eval::EvalError| {
        eprintln!("opis: error: {e}");
        Ok(ExitCode::from(1))
    };
    let gold = match Gold::load(&args.gold) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let predictions = match &args.predictions {
        Some(p) => {
            let content =
                fs::read_to_string(p).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
            match eval::read_predictions(&p.display().to_string(), &content) {
                Ok(m) => m,
                Err(e) => return fail(e),
            }
        }
        None => {
            let paths = if args.paths.is_empty() { gold.paths() } else { args.paths.clone() };
            let (inputs, skipped) = input::discover(&paths);
            for s in &skipped {
                eprintln!("opis: error: {}", s.diagnostic.message);
            }
            let extractor = match Extractor::new() {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("opis: error: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let m = match predict(&extractor, &inputs)? {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            if m.is_empty() {
                eprintln!(
                    "opis: warning: the pipeline produced no entity mentions: every gold mention counts as a miss"
                );
            }
            m
        }
    };
    let mut report = match eval::evaluate(&gold, &predictions) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        EvalFormat::Text => out.write_all(report.render_text(args.errors).as_bytes())?,
        EvalFormat::Json => {
            if let Some(n) = args.errors {
                report.misses.truncate(n);
                report.false_alarms.truncate(n);
                report.wrong_links.truncate(n);
            }
            serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Entity predictions of the pipeline for `inputs`, read back through the
/// same reader as `--predictions` files so both paths are scored alike.
fn predict(extractor: &Extractor, inputs: &[Input]) -> io::Result<Result<Vec<Mention>, eval::EvalError>> {
    let mut records = Vec::new();
    driver::run(extractor, inputs, &EntitiesRender, &mut |o: Output| {
        for d in o.diagnostics.iter().filter(|d| d.diagnostic.severity == Severity::Error) {
            eprintln!("opis: error: {}: {}", d.file, d.diagnostic.message);
        }
        records.extend_from_slice(&o.records);
        Ok(())
    })?;
    Ok(eval::read_predictions("opis", &String::from_utf8_lossy(&records)))
}

struct CitationsRender;

impl Render for CitationsRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for c in &page.citations {
            let _ = w.write(c);
        }
    }
}

/// `opis audit`: per-reference output rendered on the workers, summaries
/// merged under a lock (counts add up the same in any order).
struct AuditRender {
    format: AuditFormat,
    style: Option<opis::citations::Style>,
    styled: bool,
    summaries: std::sync::Mutex<std::collections::BTreeMap<String, opis::citations::AuditSummary>>,
}

impl Render for AuditRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let file = page.locator.file();
        let mut summary = opis::citations::AuditSummary::default();
        for c in &page.citations {
            summary.add(&c.citation);
            if let Some(style) = self.style {
                if let Some(r) = opis::citations::render(&c.citation, style) {
                    let _ = writeln!(out, "{}:{}:{}: {}", file, c.loc.line, c.loc.column, r);
                }
                continue;
            }
            match self.format {
                AuditFormat::Jsonl => {
                    let _ = JsonLines::new(&mut *out).write(c);
                }
                AuditFormat::Human => {
                    for a in &c.citation.audit {
                        let base = page.locator.base();
                        let local = opis::span::Span::new(a.span.start - base, a.span.end - base);
                        let mut d = a.to_diagnostic().shifted_to(local);
                        d.severity = Severity::Warning;
                        let line = page.locator.locate(local).line;
                        let text =
                            opis::render::diagnostic(file, Some(page.locator.text()), Some(line), &d, self.styled);
                        let _ = writeln!(out, "{text}");
                    }
                }
            }
        }
        if let Ok(mut all) = self.summaries.lock() {
            all.entry(file.to_owned()).or_default().merge(&summary);
        }
    }
}

impl AuditRender {
    /// The closing summary: tables for people, one JSON object for machines.
    fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        let all = match self.summaries.lock() {
            Ok(a) => a.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let mut total = opis::citations::AuditSummary::default();
        for s in all.values() {
            total.merge(s);
        }
        if self.style.is_some() {
            return Ok(());
        }
        if self.format == AuditFormat::Jsonl {
            #[derive(serde::Serialize)]
            struct SummaryRecord<'a> {
                #[serde(rename = "type")]
                kind: &'static str,
                v: u32,
                total: &'a opis::citations::AuditSummary,
                files: &'a std::collections::BTreeMap<String, opis::citations::AuditSummary>,
            }
            let rec =
                SummaryRecord { kind: "audit-summary", v: opis::emit::SCHEMA_VERSION, total: &total, files: &all };
            serde_json::to_writer(&mut *out, &rec).map_err(io::Error::other)?;
            return writeln!(out);
        }
        writeln!(
            out,
            "audit: {} references ({} archival, {} published) in {} file(s); {} with deviations, {} deviations",
            total.citations,
            total.archival,
            total.published,
            all.len(),
            total.with_deviations,
            total.deviations
        )?;
        writeln!(out, "\ndeviations by code                    count")?;
        for (code, n) in &total.by_code {
            writeln!(out, "  {code:<34} {n:>5}")?;
        }
        writeln!(out, "\ndeviations by institution and code    count")?;
        for (inst, codes) in &total.by_institution {
            for (code, n) in codes {
                writeln!(out, "  {inst:<10} {code:<23} {n:>5}")?;
            }
        }
        if !total.notes_by_code.is_empty() {
            writeln!(out, "\nnotes (not deviations)                count")?;
            for (code, n) in &total.notes_by_code {
                writeln!(out, "  {code:<34} {n:>5}")?;
            }
        }
        writeln!(out, "\nstyles by file                  translation  western  cyrillic  other")?;
        for (file, s) in &all {
            let get = |k: &str| s.styles.get(k).copied().unwrap_or(0);
            let known = get("translation") + get("western") + get("cyrillic");
            let other: usize = s.styles.values().sum::<usize>() - known;
            writeln!(
                out,
                "  {file:<30} {:>11}  {:>7}  {:>8}  {:>5}",
                get("translation"),
                get("western"),
                get("cyrillic"),
                other
            )?;
        }
        Ok(())
    }
}

struct DatesRender {
    dates: opis::dates::DateParser,
}

impl Render for DatesRender {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for d in page.date_records(&self.dates) {
            let _ = w.write(&d);
        }
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Command::Gazetteer { command: GazetteerCommand::Check { dir } } => gazetteer_check(dir.as_deref()),
        Command::Extract { common, format } => match format {
            ExtractFormat::Jsonl => drive(&common, &ExtractRender),
            ExtractFormat::Csv => {
                let mut head = Vec::new();
                let mut w = csv::Writer::from_writer(&mut head);
                w.write_record(opis::sink::CSV_HEADER).map_err(io::Error::other)?;
                drop(w);
                drive_framed(&common, &CsvRender, opis::pipeline::CitationScope::default(), &head, b"")
            }
            ExtractFormat::Cmif => {
                let (mut head, mut tail) = (Vec::new(), Vec::new());
                opis::sink::cmif_header(&mut head)?;
                opis::sink::cmif_footer(&mut tail)?;
                drive_framed(&common, &CmifRender, opis::pipeline::CitationScope::default(), &head, &tail)
            }
        },
        Command::Entities(common) => drive(&common, &EntitiesRender),
        // An explicit request for references: look in every paragraph, not
        // only in provenance lines and notes.
        Command::Citations(common) => drive_with(&common, &CitationsRender, opis::pipeline::CitationScope::Everywhere),
        Command::Audit { common, format, style } => audit(&common, format, style),
        Command::Dates(common) => drive(&common, &DatesRender { dates: opis::dates::DateParser::new() }),
        Command::Segment { common, sentences } => drive(&common, &SegmentRender { sentences }),
        Command::Eval(args) => run_eval(&args),
        Command::Scan { paths, gazetteer } => entities_cli::scan_paths(&gazetteer, &paths),
        Command::Gazetteer { command: GazetteerCommand::Export { format, gazetteer } } => {
            entities_cli::export_with(&gazetteer, format)
        }
    }
}

/// `opis audit`: references everywhere in the inputs, deviations, summary.
fn audit(common: &Common, format: AuditFormat, style: Option<StyleArg>) -> io::Result<ExitCode> {
    use opis::citations::Style;
    let render = AuditRender {
        format,
        style: style.map(|s| match s {
            StyleArg::Translation => Style::Translation,
            StyleArg::Western => Style::Western,
            StyleArg::Cyrillic => Style::Cyrillic,
        }),
        styled: common.output.is_none() && io::stdout().is_terminal(),
        summaries: Default::default(),
    };
    let code = drive_with(common, &render, opis::pipeline::CitationScope::Everywhere)?;
    let mut out = io::stdout().lock();
    if common.output.is_none() {
        render.finish(&mut out)?;
    }
    Ok(code)
}

/// `opis gazetteer check`: every problem with file:line; exit 1 if any is an error.
fn gazetteer_check(dir: Option<&Path>) -> io::Result<ExitCode> {
    let found = opis::entities::Gazetteer::check_source(dir);
    let mut errors = 0;
    for d in &found {
        if d.severity == Severity::Error {
            errors += 1;
        }
        println!("{d}");
    }
    let warnings = found.len() - errors;
    eprintln!("opis: gazetteer check: {errors} errors, {warnings} warnings");
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Builds the extractor, with the gazetteer of `--gazetteer DIR` if given.
fn extractor(common: &Common) -> Result<Extractor, String> {
    let built = match &common.gazetteer {
        Some(dir) => opis::entities::Gazetteer::load_dir(dir)
            .map_err(opis::pipeline::BuildError::from)
            .and_then(Extractor::with_gazetteer),
        None => Extractor::new(),
    };
    built.map_err(|e| match e {
        opis::pipeline::BuildError::Gazetteer(g) => {
            let rows: Vec<String> =
                g.rows().iter().map(|r| format!("  {}:{}: {}", r.file, r.line, r.message)).collect();
            if rows.is_empty() {
                format!("{g}")
            } else {
                format!("invalid gazetteer; nothing was loaded:\n{}", rows.join("\n"))
            }
        }
        other => other.to_string(),
    })
}

/// Reads every input, runs the pipeline and emits records.
fn drive(common: &Common, render: &dyn Render) -> io::Result<ExitCode> {
    drive_with(common, render, opis::pipeline::CitationScope::default())
}

/// [`drive`] with a citation scope.
fn drive_with(common: &Common, render: &dyn Render, scope: opis::pipeline::CitationScope) -> io::Result<ExitCode> {
    drive_framed(common, render, scope, b"", b"")
}

/// A progress bar on standard error for runs long enough to need one, and
/// only when a person is watching: never when standard error is not a
/// terminal (a log file, a pipe, CI) or with `--quiet`. Sized by the input
/// files (a spinner for standard input), and drawn only once the run has
/// taken a second, so short runs never flash it.
struct Progress {
    bar: ProgressBar,
    wanted: bool,
    shown: bool,
    start: std::time::Instant,
}

/// How long a run goes before its progress bar appears.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl Progress {
    fn new(common: &Common, inputs: &[Input]) -> Progress {
        Progress::with(inputs, !common.quiet && io::stderr().is_terminal(), std::time::Instant::now())
    }

    /// A bar over `inputs`, drawn once due if `wanted`, the run having started at `start`.
    fn with(inputs: &[Input], wanted: bool, start: std::time::Instant) -> Progress {
        let sizes: Option<u64> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => fs::metadata(p).ok().map(|m| m.len()),
                Input::Stdin => None,
            })
            .sum();
        let template = match sizes {
            Some(_) => "{elapsed_precise} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            None => "{elapsed_precise} {spinner} {bytes} {bytes_per_sec}",
        };
        let bar = ProgressBar::with_draw_target(sizes, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Progress { bar, wanted, shown: false, start }
    }

    /// Counts `bytes` more input done, and shows the bar once it is due.
    fn advance(&mut self, bytes: u64) {
        self.bar.inc(bytes);
        if self.wanted && !self.shown && self.start.elapsed() >= PROGRESS_AFTER {
            self.shown = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(std::time::Duration::from_millis(250));
        }
    }
}

/// [`drive_with`], writing `head` before the records and `tail` after them
/// (a CSV header, a TEI document's frame).
fn drive_framed(
    common: &Common,
    render: &dyn Render,
    scope: opis::pipeline::CitationScope,
    head: &[u8],
    tail: &[u8],
) -> io::Result<ExitCode> {
    if let Some(n) = common.threads {
        // Only fails if a global pool already exists, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let extractor = match extractor(common) {
        Ok(x) => x.with_citation_scope(scope),
        Err(msg) => {
            eprintln!("opis: error: {msg}");
            return Ok(ExitCode::from(2));
        }
    };
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
    out.write_all(head)?;
    let styled = io::stderr().is_terminal();
    let mut totals = Summary::default();
    for s in &skipped {
        let loc =
            Located { file: s.path.as_str().into(), diagnostic: s.diagnostic.clone(), line_col: None, context: None };
        report(common, &mut diag_sink, &loc, styled)?;
        totals.files_skipped.push(driver::SkippedInput { file: s.path.clone(), reason: s.diagnostic.message.clone() });
    }
    let mut progress = Progress::new(common, &inputs);
    let result = driver::run(&extractor, &inputs, render, &mut |o: Output| {
        totals.add(&o);
        if !o.diagnostics.is_empty() {
            // Printed above the bar, which is redrawn after.
            let bar = &progress.bar;
            bar.suspend(|| o.diagnostics.iter().try_for_each(|d| report(common, &mut diag_sink, d, styled)))?;
        }
        progress.advance(o.bytes);
        out.write_all(&o.records)
    });
    progress.bar.finish_and_clear();
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            if let Some((tmp, _)) = &tmp {
                let _ = fs::remove_file(tmp);
            }
            return Err(e);
        }
    };
    out.write_all(tail)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn long_ago() -> Instant {
        Instant::now().checked_sub(Duration::from_secs(5)).unwrap_or_else(Instant::now)
    }

    #[test]
    fn progress_is_drawn_only_when_wanted_and_only_after_a_second() {
        let seeds = vec![Input::File(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"))];
        // Not wanted (quiet, or stderr not a terminal): never drawn.
        let mut p = Progress::with(&seeds, false, long_ago());
        p.advance(10);
        assert!(!p.shown && p.bar.is_hidden());
        // Wanted, but the run is young: not yet.
        let mut p = Progress::with(&seeds, true, Instant::now());
        p.advance(10);
        assert!(!p.shown && p.bar.is_hidden());
        // Wanted and due.
        let mut p = Progress::with(&seeds, true, long_ago());
        p.advance(10);
        assert!(p.shown);
        assert_eq!(p.bar.position(), 10);
        p.bar.finish_and_clear();
    }

    #[test]
    fn progress_is_sized_by_the_files_and_open_ended_on_stdin() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let files: Vec<Input> =
            fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| Input::File(e.path())).collect();
        // Counted by reading the files, not as the bar asks the file system.
        let total: u64 = files
            .iter()
            .filter_map(|i| match i {
                Input::File(p) => fs::read(p).ok().map(|b| b.len() as u64),
                Input::Stdin => None,
            })
            .sum();
        assert!(total > 0);
        assert_eq!(Progress::with(&files, false, Instant::now()).bar.length(), Some(total));
        let mut with_stdin = files.clone();
        with_stdin.push(Input::Stdin);
        assert_eq!(Progress::with(&with_stdin, false, Instant::now()).bar.length(), None);
    }

    #[test]
    fn quiet_never_wants_a_bar() {
        let cli = Cli::try_parse_from(["opis", "entities", "-q", "seeds"]);
        let Ok(Cli { command: Command::Entities(common) }) = cli else {
            panic!("opis entities -q seeds should parse");
        };
        assert!(common.quiet);
        assert!(!Progress::new(&common, &[]).wanted);
    }
}
