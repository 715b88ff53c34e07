//! Properties that hold for any input: the segments partition it byte for
//! byte, every span slices to its text, offsets are monotone, in bounds and
//! agree with code-point offsets, the alignment of the reading view is
//! sound, and the output does not depend on how often or in how many pieces
//! the input is processed.
//!
//! Inputs come from a grammar of the collection's pieces (the seed pages'
//! lines, heading and number lines, editorial brackets, footnote markers,
//! Cyrillic and look-alike letters, NBSP, CRLF, typographic punctuation,
//! combining marks) mixed with arbitrary characters and bytes, so that the
//! generated text reaches the rules and not only their refusals.

mod common;

use opis::driver::{self, Options, Output, Render};
use opis::emit::JsonLines;
use opis::input::Input;
use opis::normalize::Normalized;
use opis::pipeline::{Base, Extractor, Page};
use opis::span::Span;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new().expect("the embedded gazetteers are valid"))
}

/// Every line of the seed pages, as written.
fn seed_lines() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| {
        let mut v: Vec<String> = common::seeds()
            .into_iter()
            .flat_map(|(_, page)| page.lines().map(str::to_owned).collect::<Vec<_>>())
            .filter(|l| !l.trim().is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// Pieces of the collection's grammar and of its damage.
const PIECES: &[&str] = &[
    "No. 192",
    "No.193",
    "Number 3",
    "Section I",
    "Section II 1922 - 1927",
    "Marx-Engels |  Lenin  | Stalin |  Home Page",
    "Bolshevik Leaders correspondence",
    "Notes:",
    "F. E. Dzerzhinsky to G. L. Pyatakov",
    "M. I. Kalinin to I. V. Stalin",
    "October 2, 1925",
    "March 17 [1926]",
    "[August 1924]",
    "Not earlier than November 10, 1923",
    "2/X-25",
    "17/III.",
    "3/VІІІ",
    "Berlin, 1.XI.1923",
    "November 15 (28), 1917",
    "SECRET.",
    "COPY.",
    "Yuri Leonidovich.",
    "Dear Sergo!",
    "F. Dzerzhinsky.",
    "With comradely greetings, N. Krestinsky.",
    "PS ",
    "P.S. ",
    "RTsKhIDNI. F. 76. On. 2. D. 45. L. 1-2. Original.",
    "RTSKHIDNI. F. 558. Op. 1. D. 2673. L. 1 ob.",
    "GARF. F. R-5674. Op. 1. D. 7. L. 3.",
    "РГАСПИ. Ф. 558. Оп. 1. Д. 2673. Л. 1.",
    "Ibid. L. 5.",
    "F[runze]",
    "[19]23",
    "K[alini]nu",
    "[...]",
    "[",
    "]",
    "[[",
    "Trotsky3",
    "faction1,",
    "revolution,2",
    "4I am glad",
    "I 3should",
    "Dzerzhinsky 1 .",
    "Trotsky*.",
    " * ",
    "1 See: ",
    "2. ",
    "Ленин",
    "Сталин",
    "VІІІ",
    "Moscоw",
    "\u{A0}",
    "\u{A0}\u{A0}\u{A0}",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "\u{FEFF}",
    "\u{200B}",
    "\u{AD}",
    "“Pravda”",
    "‘a’",
    "«Izvestia»",
    " — ",
    "–",
    "…",
    "e\u{301}",
    "\u{301}\u{301}",
    "\u{1A}",
    "\u{FFFD}",
    ".",
    ",",
    "!",
    "?",
    ":",
    "1)",
    "10th",
    "2ob.",
    "0",
    "999999999999",
];

/// One piece of text: a seed line, a grammar piece, or arbitrary characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(seed_lines()).prop_map(|l| format!("{l}\n")),
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
        1 => any::<String>(),
    ]
}

/// A text of pieces.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Bytes of pieces and arbitrary bytes (invalid UTF-8, but no NUL: binary
/// files are skipped whole and tested in tests/hostile.rs).
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let chunk = prop_oneof![
        6 => piece().prop_map(String::into_bytes),
        1 => prop::collection::vec(1u8..=255, 1..6),
        1 => prop::sample::select(vec![
            vec![0x80], vec![0xC0, 0xAF], vec![0xE2, 0x80], vec![0xF0, 0x9F, 0x98], vec![0xFF], vec![0xED, 0xA0, 0x80],
        ]),
    ];
    prop::collection::vec(chunk, 0..40).prop_map(|v| v.concat())
}

fn page<'a>(text: &'a str) -> Page<'a> {
    extractor().page("prop.txt", text, Base::default())
}

/// The checks on every span of every record: the generic walk covers the
/// records of later stages (entities, citations) as they are added.
fn check_value(v: &Value, text: &str, path: &str) -> Result<(), TestCaseError> {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e)) = (m.get("start").and_then(Value::as_u64), m.get("end").and_then(Value::as_u64)) {
                let (s, e) = (s as usize, e as usize);
                prop_assert!(s <= e && e <= text.len(), "{path}: span {s}..{e} out of 0..{}", text.len());
                let slice = text.get(s..e);
                prop_assert!(slice.is_some(), "{path}: span {s}..{e} not on character boundaries");
                let slice = slice.unwrap_or("");
                // A note's text is its paragraphs joined; every other text is the slice.
                let is_note = m.contains_key("numbering");
                if let Some(t) = m.get("text").and_then(Value::as_str) {
                    if is_note {
                        let mut rest = slice;
                        for part in t.split('\n').filter(|p| !p.is_empty()) {
                            let at = rest.find(part);
                            prop_assert!(at.is_some(), "{path}: note text {part:?} not in its span {slice:?}");
                            rest = &rest[at.unwrap_or(0) + part.len()..];
                        }
                    } else {
                        prop_assert_eq!(t, slice, "{}: text differs from its span", path);
                    }
                }
                if let Some(r) = m.get("raw").and_then(Value::as_str) {
                    prop_assert_eq!(r, slice, "{}: raw differs from its span", path);
                }
                if let Some(cs) = m.get("char_start").and_then(Value::as_u64) {
                    prop_assert_eq!(cs as usize, text[..s].chars().count(), "{}: char_start", path);
                }
                if let Some(ce) = m.get("char_end").and_then(Value::as_u64) {
                    prop_assert_eq!(ce as usize, text[..e].chars().count(), "{}: char_end", path);
                }
                if let Some(line) = m.get("line").and_then(Value::as_u64) {
                    prop_assert_eq!(line as usize, text[..s].matches('\n').count() + 1, "{}: line", path);
                }
            }
            for (k, x) in m {
                check_value(x, text, &format!("{path}.{k}"))?;
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                check_value(x, text, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Lists of spans inside one record are in order.
fn check_order(v: &Value, path: &str) -> Result<(), TestCaseError> {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                check_order(x, &format!("{path}.{k}"))?;
            }
        }
        Value::Array(a) => {
            let starts: Vec<u64> = a.iter().filter_map(|x| x.get("start").and_then(Value::as_u64)).collect();
            if starts.len() == a.len() {
                prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{path}: spans out of order: {starts:?}");
            }
            for (i, x) in a.iter().enumerate() {
                check_order(x, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_page(text: &str) -> Result<(), TestCaseError> {
    let p = page(text);
    // The segments partition the text byte for byte.
    let segs = p.segment_records();
    let mut at = 0;
    let mut rebuilt = String::with_capacity(text.len());
    for s in &segs {
        prop_assert_eq!(s.loc.start, at, "segments are consecutive");
        prop_assert!(s.loc.end > s.loc.start, "no empty segment");
        at = s.loc.end;
        rebuilt.push_str(s.text);
    }
    prop_assert_eq!(at, text.len());
    prop_assert_eq!(&rebuilt, text);
    // Every span of every record slices to its text.
    for s in p.segment_stream(true) {
        let v = serde_json::to_value(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_value(&v, text, "segment")?;
    }
    let mut last = 0;
    for u in p.units() {
        let v = serde_json::to_value(u).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_value(&v, text, "unit")?;
        check_order(&v, "unit")?;
        let start = v["start"].as_u64().unwrap_or(0);
        prop_assert!(start >= last, "units in file order");
        last = start;
    }
    // Text that fits no rule is kept as an unclassified segment and said.
    for (seg, span) in p.layout.source_segments(&p.norm, text.len()) {
        if seg.kind == opis::segment::Kind::Unclassified && !text[span.range()].trim().is_empty() {
            let said = p.diagnostics.iter().any(|d| {
                d.code == "segment/unclassified"
                    && d.span.is_some_and(|s| s.start < span.end && span.start < s.end.max(s.start + 1))
            });
            prop_assert!(said, "unclassified segment {:?} without a diagnostic", &text[span.range()]);
        }
    }
    for d in &p.diagnostics {
        if let Some(s) = d.span {
            prop_assert!(s.start <= s.end && s.end <= text.len(), "diagnostic span in bounds: {:?}", d);
        }
    }
    Ok(())
}

fn render(p: &Page<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = JsonLines::new(&mut out);
    for u in p.units() {
        let _ = w.write(&u);
    }
    for s in p.segment_stream(true) {
        let _ = w.write(&s);
    }
    out
}

/// `opis extract` and `opis segment --sentences` output.
struct Units(bool);

impl Render for Units {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        if self.0 {
            for u in page.units() {
                let _ = w.write(&u);
            }
        } else {
            for s in page.segment_stream(true) {
                let _ = w.write(&s);
            }
        }
    }
}

fn check_alignment(text: &str) -> Result<(), TestCaseError> {
    let n = Normalized::new(text);
    let view = n.view();
    // to_source is monotone and within bounds.
    let mut prev = 0;
    for p in (0..=view.len()).filter(|&p| view.is_char_boundary(p)) {
        let s = n.start_to_source(p);
        prop_assert!(s >= prev && s <= text.len(), "start_to_source({p}) = {s} after {prev}");
        prop_assert!(n.end_to_source(p) <= text.len());
        prev = s;
    }
    let whole = n.to_source(Span::new(0, view.len()));
    prop_assert!(whole.start <= whole.end && whole.end <= text.len());
    // Edits are in order, and the stretches between them are unchanged.
    let (mut v_at, mut s_at) = (0, 0);
    for e in n.edits() {
        prop_assert!(e.view.start >= v_at && e.source.start >= s_at, "edits in order");
        prop_assert_eq!(e.view.start - v_at, e.source.start - s_at, "unchanged stretch keeps its length");
        prop_assert_eq!(&view[v_at..e.view.start], &text[s_at..e.source.start], "unchanged stretch");
        v_at = e.view.end;
        s_at = e.source.end;
    }
    prop_assert_eq!(&view[v_at..], &text[s_at..], "unchanged tail");
    // Newlines survive normalization one for one (segment boundaries rely on it).
    prop_assert_eq!(view.matches('\n').count(), text.replace("\r\n", "\n").matches(['\n', '\r']).count());
    for m in n.markers() {
        prop_assert!(text.get(m.source.range()).is_some(), "marker {m:?} slices the source");
        prop_assert!(m.view.end <= view.len());
    }
    for s in n.supplied() {
        let src = &text[s.source.range()];
        prop_assert!(src.starts_with('[') && src.ends_with(']'), "supplied {src:?} is bracketed");
        prop_assert_eq!(&view[s.view.range()], &src[1..src.len() - 1]);
    }
    Ok(())
}

/// `cases` per property, keeping the default suite fast; set
/// `OPIS_PROPTEST_SCALE=50` for a deep run (50 times as many cases).
fn config(cases: u32) -> ProptestConfig {
    let scale = std::env::var("OPIS_PROPTEST_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1u32);
    ProptestConfig { cases: cases.saturating_mul(scale), failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn records_partition_and_slice_any_text(t in text()) {
        check_page(&t)?;
    }

    #[test]
    fn records_partition_and_slice_any_bytes(b in bytes()) {
        let d = opis::read::decode(&b);
        prop_assume!(d.is_ok());
        let d = d.unwrap();
        if matches!(d.encoding, opis::read::Encoding::Utf8 | opis::read::Encoding::Utf8Bom) {
            prop_assert_eq!(d.text.len(), b.len(), "UTF-8 input keeps file offsets");
        }
        check_page(&d.text)?;
    }

    #[test]
    fn alignment_is_monotone_and_keeps_unchanged_text(t in text()) {
        check_alignment(&t)?;
    }

    #[test]
    fn processing_is_deterministic(t in text()) {
        let a = render(&page(&t));
        let b = render(&page(&t));
        prop_assert_eq!(a, b);
    }
}

proptest! {
    // Each case writes a file and runs the driver twice: fewer cases.
    #![proptest_config(config(40))]

    #[test]
    fn streaming_in_any_chunk_size_gives_the_whole_file_output(
        b in bytes(),
        chunk in 1usize..300,
        batch in 1usize..2000,
    ) {
        let dir = std::env::temp_dir().join(format!("opis-prop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.join(format!("{chunk}-{batch}-{}.txt", b.len()));
        std::fs::write(&path, &b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let inputs = vec![Input::File(path.clone())];
        let run = |opts: Options, units: bool| {
            let mut out = Vec::new();
            let mut diags = Vec::new();
            let r = driver::run_with(opts, extractor(), &inputs, &Units(units), &mut |o: Output| {
                out.extend_from_slice(&o.records);
                diags.extend(o.diagnostics.iter().map(|d| (d.diagnostic.code, d.diagnostic.span)));
                Ok(())
            });
            (r.map(|s| s.files_skipped.len()).ok(), out, diags)
        };
        for units in [true, false] {
            let whole = run(Options::default(), units);
            let streamed = run(Options { whole_file: 0, chunk, batch_bytes: batch }, units);
            prop_assert_eq!(whole.0, streamed.0);
            prop_assert_eq!(String::from_utf8_lossy(&whole.1), String::from_utf8_lossy(&streamed.1));
            prop_assert_eq!(whole.2, streamed.2);
        }
        let _ = std::fs::remove_file(&path);
    }
}
