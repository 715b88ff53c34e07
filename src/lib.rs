//! # opis
//!
//! opis turns published Soviet archival document collections into structured
//! data: for every document its number, who wrote it to whom, when (EDTF) and
//! where, every person, place and organisation it names (linked to a
//! gazetteer), and every archival reference (fond / opis / delo / list) — with
//! exact byte and code-point offsets into the source. Its first corpus is the
//! English web translation of *Bolshevik leadership correspondence 1912–1927*.
//!
//! ## The stages
//!
//! Data flows one way; each stage is a module with its own types, usable alone:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | read | [`read`] | bytes → text with file offsets kept ([`read::decode`]) |
//! | normalize | [`normalize`] | text → a reading view aligned to the source ([`normalize::Normalized`]) |
//! | segment | [`segment`] | view → pages, sections, documents and their parts, notes, sentences ([`segment::Segmenter`]) |
//! | dates | [`dates`] | date text → EDTF ([`dates::DateParser`]) |
//! | entities | [`entities`] | text → person, place, organisation mentions ([`entities::Matcher`] over a [`entities::Gazetteer`]) |
//! | citations | [`citations`] | text → archival and published references with audit codes ([`citations::CitationParser`]) |
//! | emit | [`emit`], [`pipeline`], [`sink`] | everything → records ([`pipeline::DocumentRecord`], …), JSON Lines, CSV, CMIF (TEI) |
//!
//! [`pipeline::Extractor`] builds every stage once — the line grammar, the
//! date and citation grammars, the gazetteer automaton — and runs texts
//! through them; [`driver`] streams many inputs through it in parallel with
//! output identical for any thread count; [`eval`] scores entity mentions
//! against hand-made gold as the CLEF HIPE tasks do.
//!
//! ## Example
//!
//! ```
//! use opis::pipeline::{Base, Extractor};
//!
//! let text = "No. 192\n\nF. E. Dzerzhinsky to G. L. Pyatakov\n\nOctober 2, 1925\n\n\
//!             I fully agree with your thought. Then get together with Smirnov.\n\n\
//!             F. Dzerzhinsky.\n\nRTSKHIDNI. F. 76. Op. 2. D. 197. L. 9. Certified typewritten copy.\n";
//! let ex = Extractor::new().expect("the embedded gazetteers are valid");
//! let page = ex.page("letter.txt", text, Base::default());
//! let doc = &page.documents[0];
//! assert_eq!(doc.number, Some(192));
//! assert_eq!(doc.senders[0].id.as_deref(), Some("dzerzhinsky-fe"));
//! assert_eq!(doc.date.as_ref().map(|d| d.edtf.as_str()), Some("1925-10-02"));
//! let cite = &doc.citations[0].citation;
//! assert_eq!((cite.fond.as_deref(), cite.delo.as_deref()), (Some("76"), Some("197")));
//! assert_eq!(cite.institution.as_deref(), Some("RGASPI"));
//! // Every span is exact: the source slice is the text.
//! for e in page.entities() {
//!     assert_eq!(&text[e.loc.start..e.loc.end], e.text);
//! }
//! ```
//!
//! ## Offsets
//!
//! Spans inside a stage are byte ranges ([`span::Span`], `Copy`). Normalize
//! keeps a sparse alignment (one entry per changed stretch, not a table per
//! byte) so every later stage works on clean text and still reports exact
//! source offsets; records add lines, columns and code-point offsets through
//! [`span::OffsetIndex`], which answers them without rescanning the text.
//!
//! ## Costs
//!
//! The gazetteer automaton is the largest structure (a few MB for ~1,500
//! entries and their generated variants) and is built once per run. Stages
//! allocate per segment and per record, not per byte; the reading view is the
//! only copy of the text. Running-text dates are computed only when asked for
//! ([`pipeline::Page::date_records`]).
#![deny(missing_docs)]

pub mod citations;
pub mod dates;
pub mod diag;
pub mod driver;
pub mod emit;
pub mod entities;
pub mod eval;
pub mod input;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod segment;
pub mod sink;
pub mod span;
#[cfg(test)]
mod testgen;
