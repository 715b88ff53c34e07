//! Stage 3, **segment**: a page → boilerplate, section introductions and
//! documents; a document → its parts; notes numbered and linked to their
//! markers; paragraphs → sentences.
//!
//! The segmenter works on the reading view ([`Normalized`]) line by line: in
//! this collection every part of a document is a line of its own (a
//! paragraph is a line; blank lines separate them), with two exceptions the
//! grammar handles inside a line — a salutation that opens the first
//! paragraph ("Dear comrade Stalin! I am replying…") and a signature that
//! closes the last one ("…Write a couple of words. Your Voroshilov.").
//!
//! A document, as the collection prints it:
//!
//! ```text
//! No. 192                                   number      (optional; also "Number 3")
//! F. E. Dzerzhinsky to G. L. Pyatakov       heading     (senders SEP recipients)
//! October 2, 1925                           date
//! SECRET.                                   markings, addressee lines, inline dates
//! Yuri Leonidovich.
//! I fully agree with your thought. …        body paragraphs
//! 2/X-25                                    place and date lines, signatures, postscripts
//! F. Dzerzhinsky.
//! RTSKHIDNI. F. 76. Op. 2. D. 197. L. 9. …  provenance
//! Notes:                                    notes, numbered (sometimes damaged)
//! 1 See note 1 to document No. 183.
//! ```
//!
//! Segmentation is lossless: [`Segmentation::segments`] partitions the text
//! (every byte in exactly one segment, in order). Spans here are in view
//! coordinates; [`Segmentation::source_segments`] maps the partition to the
//! source without gaps.
//!
//! This stage recognises the *shape* of a date line or a provenance line; the
//! dates and citations stages read what is in them.

mod lines;
mod notes;
mod sentences;

pub use lines::{parse_heading, Heading, LineShapes};
pub use notes::NoteNumbering;
pub use sentences::sentences;

use crate::diag::{Diagnostic, Severity};
use crate::normalize::{Marker, MarkerShape, Normalized};
use crate::span::Span;
use serde::Serialize;

/// What a segment is. Serialized as `"page.title"`, `"document.paragraph"`, ….
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Kind {
    /// The page's title line (the HTML title of the web page).
    #[serde(rename = "page.title")]
    PageTitle,
    /// The site navigation line ("Marx-Engels | Lenin | Stalin | Home Page").
    #[serde(rename = "page.nav")]
    PageNav,
    /// The collection's title ("Bolshevik leadership Correspondence. 1912-1927").
    #[serde(rename = "page.collection")]
    PageCollection,
    /// "Collection of documents 1996."
    #[serde(rename = "page.edition")]
    PageEdition,
    /// "Compiled by: …" — the compilers are not mentions in documents.
    #[serde(rename = "page.compilers")]
    PageCompilers,
    /// A series line ("Stalin Correspondences").
    #[serde(rename = "page.series")]
    PageSeries,
    /// A section title repeated at the foot of a page.
    #[serde(rename = "page.footer")]
    PageFooter,
    /// Whitespace only.
    #[serde(rename = "blank")]
    Blank,
    /// "Section I 1912 - 1921".
    #[serde(rename = "section.heading")]
    SectionHeading,
    /// A paragraph of a section introduction.
    #[serde(rename = "section.paragraph")]
    SectionParagraph,
    /// "Notes:" of a section introduction.
    #[serde(rename = "section.notes-heading")]
    SectionNotesHeading,
    /// A note (or a continuation paragraph of one) of a section introduction.
    #[serde(rename = "section.note")]
    SectionNote,
    /// "No. 192", "Number 3".
    #[serde(rename = "document.number")]
    DocNumber,
    /// "F. E. Dzerzhinsky to G. L. Pyatakov".
    #[serde(rename = "document.heading")]
    DocHeading,
    /// The date line under the heading.
    #[serde(rename = "document.date")]
    DocDate,
    /// "SECRET.", "COPY.", "Copy: CC.", "Copies of comrades …".
    #[serde(rename = "document.marking")]
    DocMarking,
    /// "T. Stalin!", "Dear Sergo!", "Secretary of the Central Committee of the RCP(b), Comrade Stalin."
    #[serde(rename = "document.addressee")]
    DocAddressee,
    /// A paragraph of the body.
    #[serde(rename = "document.paragraph")]
    DocParagraph,
    /// A postscript ("PS …", "PSS …") or a remark after the signature.
    #[serde(rename = "document.postscript")]
    DocPostscript,
    /// A signature ("F. Dzerzhinsky.", "Your Amayak.", a list of signatories).
    #[serde(rename = "document.signature")]
    DocSignature,
    /// A place and/or date line ("Berlin, 1.XI.1923", "Poltava", "2/X-25").
    #[serde(rename = "document.place-date")]
    DocPlaceDate,
    /// The archival reference of the document ("RTSKHIDNI. F. 76. …").
    #[serde(rename = "document.provenance")]
    DocProvenance,
    /// "Notes:".
    #[serde(rename = "document.notes-heading")]
    DocNotesHeading,
    /// A note (or a continuation paragraph of one).
    #[serde(rename = "document.note")]
    DocNote,
    /// Text that fits no rule; reported, never dropped.
    #[serde(rename = "unclassified")]
    Unclassified,
}

impl Kind {
    /// The name used in output (`"document.paragraph"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PageTitle => "page.title",
            Kind::PageNav => "page.nav",
            Kind::PageCollection => "page.collection",
            Kind::PageEdition => "page.edition",
            Kind::PageCompilers => "page.compilers",
            Kind::PageSeries => "page.series",
            Kind::PageFooter => "page.footer",
            Kind::Blank => "blank",
            Kind::SectionHeading => "section.heading",
            Kind::SectionParagraph => "section.paragraph",
            Kind::SectionNotesHeading => "section.notes-heading",
            Kind::SectionNote => "section.note",
            Kind::DocNumber => "document.number",
            Kind::DocHeading => "document.heading",
            Kind::DocDate => "document.date",
            Kind::DocMarking => "document.marking",
            Kind::DocAddressee => "document.addressee",
            Kind::DocParagraph => "document.paragraph",
            Kind::DocPostscript => "document.postscript",
            Kind::DocSignature => "document.signature",
            Kind::DocPlaceDate => "document.place-date",
            Kind::DocProvenance => "document.provenance",
            Kind::DocNotesHeading => "document.notes-heading",
            Kind::DocNote => "document.note",
            Kind::Unclassified => "unclassified",
        }
    }

    /// True for page boilerplate, where no entity is looked for.
    pub fn is_boilerplate(self) -> bool {
        matches!(
            self,
            Kind::PageTitle
                | Kind::PageNav
                | Kind::PageCollection
                | Kind::PageEdition
                | Kind::PageCompilers
                | Kind::PageSeries
                | Kind::PageFooter
        )
    }
}

/// Which unit a segment belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "unit", content = "index")]
pub enum Owner {
    /// Page furniture or unclassified text outside any unit.
    Page,
    /// `documents[i]`.
    Document(usize),
    /// `sections[i]`.
    Section(usize),
}

/// One piece of the partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// What it is.
    pub kind: Kind,
    /// View bytes, including the line's newline.
    pub span: Span,
    /// The unit it belongs to.
    pub owner: Owner,
}

/// A numbered note, possibly several paragraphs long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The number a reader gives it.
    pub n: u32,
    /// How the number was established.
    pub numbering: NoteNumbering,
    /// The written number ("1", "one", "2" glued to the text), if any.
    pub number_span: Option<Span>,
    /// The note's paragraphs (content only, without the number).
    pub paragraphs: Vec<Span>,
    /// The whole note, number included, first to last paragraph.
    pub span: Span,
}

/// A footnote marker in the text and the note it points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkerLink {
    /// The marker as normalize found it.
    pub marker: Marker,
    /// The note number it links to; `None` for an asterisk or a marker whose
    /// note is missing.
    pub note: Option<u32>,
}

/// A postscript, with its label ("PS", "PSS") when it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Postscript {
    /// The postscript's text, label included.
    pub span: Span,
    /// "PS", "PSS", "P.S." — `None` for a remark after the signature.
    pub label: Option<Span>,
}

/// The layout of one document, in view coordinates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// From the number (or heading) line to the end of its last note.
    pub span: Span,
    /// The document number and where it is written.
    pub number: Option<(u32, Span)>,
    /// The heading line, parsed.
    pub heading: Option<Heading>,
    /// The date line under the heading (content).
    pub date: Option<Span>,
    /// Markings (content of each line).
    pub markings: Vec<Span>,
    /// Addressee and salutation lines or parts of lines.
    pub addressees: Vec<Span>,
    /// Body paragraphs.
    pub paragraphs: Vec<Span>,
    /// Postscripts.
    pub postscripts: Vec<Postscript>,
    /// Signatures, in order.
    pub signatures: Vec<Span>,
    /// Place and date lines (content), in order, with inline dates at the
    /// letter's head among them.
    pub place_dates: Vec<Span>,
    /// Provenance lines (content).
    pub provenance: Vec<Span>,
    /// The notes.
    pub notes: Vec<Note>,
    /// Markers in the text and their notes.
    pub markers: Vec<MarkerLink>,
}

/// The layout of a section introduction ("Section I 1912 - 1921").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// From the heading to the end of its notes.
    pub span: Span,
    /// The heading line (content).
    pub heading: Span,
    /// "Section I".
    pub title: Span,
    /// The rest of the heading ("1912 - 1921"), if any.
    pub subtitle: Option<Span>,
    /// Paragraphs of the introduction.
    pub paragraphs: Vec<Span>,
    /// Its notes.
    pub notes: Vec<Note>,
    /// Markers in its text and their notes.
    pub markers: Vec<MarkerLink>,
}

/// Everything the segment stage finds in one text.
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    /// The partition of the view, in order.
    pub segments: Vec<Segment>,
    /// Documents, in order.
    pub documents: Vec<Document>,
    /// Section introductions, in order.
    pub sections: Vec<Section>,
    /// What did not fit (view coordinates).
    pub diagnostics: Vec<Diagnostic>,
}

impl Segmentation {
    /// The partition mapped to source offsets: consecutive, gap-free, from 0
    /// to `source_len`. Boundaries fall after a view newline and map to the
    /// source end of that newline, which may be more than one byte (a lone
    /// `\r`, or a byte-order mark and a `\r` read as one edit); what
    /// normalization removed at a line start goes with the line after it.
    /// The first segment starts at 0 and the last ends at `source_len`, so
    /// text removed from the view at either end is still in a segment.
    pub fn source_segments(&self, norm: &Normalized, source_len: usize) -> Vec<(Segment, Span)> {
        let view_len = norm.view().len();
        let last = self.segments.len().saturating_sub(1);
        let boundary = |p: usize| -> usize {
            if p == 0 {
                0
            } else if p >= view_len {
                source_len
            } else {
                norm.end_to_source(p).min(source_len)
            }
        };
        // A segment starts where the one before it ended (the partition has
        // no gaps), so the boundary mapped for that end is the next start:
        // each is mapped once, not twice.
        let mut prev: Option<(usize, usize)> = None;
        self.segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let start = match prev {
                    _ if i == 0 => 0,
                    Some((at, mapped)) if at == s.span.start => mapped,
                    _ => boundary(s.span.start),
                };
                let end = if i == last { source_len } else { boundary(s.span.end) };
                prev = Some((s.span.end, end));
                (*s, Span::new(start, end.max(start)))
            })
            .collect()
    }
}

/// The segmenter: line shapes compiled once, applied to many texts.
#[derive(Debug)]
pub struct Segmenter {
    shapes: LineShapes,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

/// A line of the view.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// The whole line including its newline.
    full: Span,
    /// The content, trimmed of surrounding whitespace (may be empty).
    content: Span,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.content.is_empty()
    }
}

fn split_lines(view: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(view.len() / 64 + 1);
    let mut start = 0;
    let bytes = view.as_bytes();
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let text = &view[start..end];
        let rest = text.trim_start();
        let lead = text.len() - rest.len();
        let trimmed = rest.trim_end();
        let cs = start + lead;
        out.push(Line { full: Span::new(start, end), content: Span::new(cs, cs + trimmed.len()) });
        start = end;
    }
    out
}

/// A line shape the segmenter asks about more than once.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Nav,
    NotesHeading,
    Provenance,
    HeadingDate,
    Signature,
    PlaceDate,
    Postscript,
}

impl Shape {
    const ALL: usize = 7;
}

/// Each line's shapes, computed on first use and remembered: the unit
/// scan, the document builder and the closing rules ask the same questions
/// of the same lines (a provenance line was tested three times, a closing
/// line's signature shape up to four), and each answer is a regex run.
/// Two bits per shape: known, and the answer.
struct Memo<'a> {
    view: &'a str,
    shapes: &'a LineShapes,
    lines: &'a [Line],
    bits: Vec<std::cell::Cell<u16>>,
}

impl<'a> Memo<'a> {
    fn new(view: &'a str, shapes: &'a LineShapes, lines: &'a [Line]) -> Memo<'a> {
        // Every shape has its two bits.
        const _: () = assert!(Shape::ALL * 2 <= 16);
        Memo { view, shapes, lines, bits: vec![std::cell::Cell::new(0); lines.len()] }
    }

    /// The content of line `i` (trimmed).
    fn text(&self, i: usize) -> &'a str {
        self.lines.get(i).and_then(|l| self.view.get(l.content.range())).unwrap_or_default()
    }

    /// Does line `i` have shape `s`?
    fn is(&self, i: usize, s: Shape) -> bool {
        let Some(cell) = self.bits.get(i) else {
            return false;
        };
        let known = 1u16 << (2 * s as u16);
        let yes = known << 1;
        let b = cell.get();
        if b & known != 0 {
            return b & yes != 0;
        }
        let t = self.text(i);
        let sh = self.shapes;
        let v = match s {
            Shape::Nav => sh.is_nav(t),
            Shape::NotesHeading => sh.is_notes_heading(t),
            Shape::Provenance => sh.is_provenance(t),
            Shape::HeadingDate => sh.is_heading_date(t),
            Shape::Signature => sh.is_signature(t),
            Shape::PlaceDate => sh.is_place_date(t),
            Shape::Postscript => sh.postscript_label(t).is_some(),
        };
        cell.set(b | known | if v { yes } else { 0 });
        v
    }
}

/// What a top-level line starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// With the number line's number and where its digits are, if it is one.
    Document(Option<(u32, Span)>),
    Section,
    Page,
}

impl Segmenter {
    /// Compile the line grammar.
    pub fn new() -> Segmenter {
        Segmenter { shapes: LineShapes::new() }
    }

    /// The line shapes, for stages and tools that classify lines alone.
    pub fn shapes(&self) -> &LineShapes {
        &self.shapes
    }

    /// Byte offsets (view) where a new unit (page, section, document) starts:
    /// safe places to cut a large text for streaming. The first is 0.
    pub fn unit_starts(&self, view: &str) -> Vec<usize> {
        let lines = split_lines(view);
        let memo = Memo::new(view, &self.shapes, &lines);
        let mut out = vec![0];
        for (i, line) in lines.iter().enumerate() {
            if self.start_at(&memo, i, true).is_some() && line.full.start > 0 {
                out.push(line.full.start);
            }
        }
        out.dedup();
        out
    }

    /// Does line `i` start a unit? `free` says whether an unnumbered heading
    /// may start a document here (not inside a letter's body).
    fn start_at(&self, memo: &Memo<'_>, i: usize, free: bool) -> Option<Start> {
        let lines = memo.lines;
        let line = lines[i];
        if line.is_blank() {
            return None;
        }
        let text = memo.text(i);
        if let Some(number) = self.shapes.number(text) {
            return Some(Start::Document(Some(number)));
        }
        if self.shapes.section_heading(text).is_some() {
            return Some(Start::Section);
        }
        if memo.is(i, Shape::Nav) {
            return Some(Start::Page);
        }
        // A title line directly before a navigation line.
        if let Some(j) = next_content(lines, i + 1) {
            if j <= i + 2 && memo.is(j, Shape::Nav) {
                return Some(Start::Page);
            }
        }
        if free && self.unnumbered_heading(memo, i) {
            return Some(Start::Document(None));
        }
        None
    }

    /// "M. I. Kalinin to I. V. Stalin" followed by a date line.
    fn unnumbered_heading(&self, memo: &Memo<'_>, i: usize) -> bool {
        // The date line first: it is remembered per line and rules out
        // almost every line (a note, a paragraph after the provenance), while
        // parsing a heading splits and allocates each time.
        next_content(memo.lines, i + 1).is_some_and(|j| memo.is(j, Shape::HeadingDate))
            && parse_heading(memo.text(i)).is_some()
    }

    /// Segment a normalized text.
    pub fn segment(&self, norm: &Normalized) -> Segmentation {
        let view = norm.view();
        let lines = split_lines(view);
        let memo = Memo::new(view, &self.shapes, &lines);
        let mut b = Builder {
            view,
            norm,
            shapes: &self.shapes,
            memo: &memo,
            lines: &lines,
            // A line is one segment (two where a salutation or signature is
            // split off; a run of blank lines is one): reserved up front, the
            // partition is not copied each time it doubles, which on a large
            // text was most of the cost of pushing segments.
            out: Segmentation {
                segments: Vec::with_capacity(lines.len() + lines.len() / 16 + 1),
                ..Segmentation::default()
            },
            at: 0,
        };
        let mut i = 0;
        // Whether the text so far leaves room for an unnumbered document.
        let mut free = true;
        // What the line at `i` starts, when the end of the previous unit
        // already asked: the number regex (with its capture) ran three times
        // on every number line, twice here and once in `document`.
        let mut found: Option<Start> = None;
        while i < lines.len() {
            match found.take().or_else(|| self.start_at(&memo, i, free)) {
                Some(Start::Page) => {
                    i = b.page(i);
                    free = true;
                }
                Some(Start::Section) => {
                    let (end, next) = self.unit_end(&memo, i + 1);
                    b.section(i, end);
                    i = end;
                    found = next;
                    free = true;
                }
                Some(Start::Document(number)) => {
                    let (end, next) = self.unit_end(&memo, i + 1);
                    b.document(i, end, number);
                    i = end;
                    found = next;
                    free = true;
                }
                None => {
                    let l = lines[i];
                    if l.is_blank() {
                        b.push(Kind::Blank, l.full.end, Owner::Page);
                    } else {
                        let text = &view[l.content.range()];
                        let kind = self.shapes.boilerplate(text).unwrap_or(Kind::Unclassified);
                        if kind == Kind::Unclassified {
                            b.unclassified(l.content, "text outside any document or section");
                        }
                        b.push(kind, l.full.end, Owner::Page);
                        free = kind != Kind::Unclassified || free;
                    }
                    i += 1;
                }
            }
        }
        // A text of invisible characters only (a lone byte-order mark) has
        // an empty view and so no line; it still gets its segment, so that
        // the partition covers every source byte.
        if view.is_empty() && !norm.edits().is_empty() {
            b.out.segments.push(Segment { kind: Kind::Blank, span: Span::new(0, 0), owner: Owner::Page });
        }
        b.out
    }

    /// The first line at or after `from` that starts a new unit, and what
    /// it starts. That answer is the one `start_at` gives the line after a
    /// unit (where `free` is true): `free` only decides the last rule, so a
    /// line found here with `free` false is found alike with it true.
    fn unit_end(&self, memo: &Memo<'_>, from: usize) -> (usize, Option<Start>) {
        let lines = memo.lines;
        // Inside a unit, an unnumbered heading may only start a new document
        // once the current one has reached its provenance or notes.
        let mut free = false;
        for i in from..lines.len() {
            if let Some(s) = self.start_at(memo, i, free) {
                return (i, Some(s));
            }
            if memo.is(i, Shape::NotesHeading) || memo.is(i, Shape::Provenance) {
                free = true;
            }
        }
        (lines.len(), None)
    }
}

fn next_content(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_blank())
}

struct Builder<'a> {
    view: &'a str,
    norm: &'a Normalized,
    shapes: &'a LineShapes,
    memo: &'a Memo<'a>,
    lines: &'a [Line],
    out: Segmentation,
    /// View offset the partition has reached.
    at: usize,
}

impl Builder<'_> {
    /// Appends a segment from the current position to `end`.
    fn push(&mut self, kind: Kind, end: usize, owner: Owner) {
        if end <= self.at {
            return;
        }
        // Adjacent blank lines form one segment.
        if let Some(last) = self.out.segments.last_mut() {
            if kind == Kind::Blank && last.kind == Kind::Blank && last.owner == owner {
                last.span.end = end;
                self.at = end;
                return;
            }
        }
        self.out.segments.push(Segment { kind, span: Span::new(self.at, end), owner });
        self.at = end;
    }

    fn text(&self, s: Span) -> &str {
        &self.view[s.range()]
    }

    fn unclassified(&mut self, span: Span, why: &str) {
        self.out.diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                "segment/unclassified",
                span,
                format!("{why}; kept as an unclassified segment"),
            )
            .with_label("fits no rule"),
        );
    }

    /// Page furniture from line `i`: title, navigation and the lines that
    /// follow it; returns the first line after it.
    fn page(&mut self, mut i: usize) -> usize {
        let lines = self.lines;
        let mut seen_nav = false;
        while i < lines.len() {
            let l = lines[i];
            if l.is_blank() {
                self.push(Kind::Blank, l.full.end, Owner::Page);
                i += 1;
                continue;
            }
            let text = self.text(l.content);
            let kind = if self.memo.is(i, Shape::Nav) {
                seen_nav = true;
                Kind::PageNav
            } else if !seen_nav {
                // Whatever precedes the navigation is the page's title, even
                // when it repeats the collection's title.
                Kind::PageTitle
            } else if let Some(k) = self.shapes.boilerplate(text) {
                k
            } else {
                break;
            };
            self.push(kind, l.full.end, Owner::Page);
            i += 1;
        }
        i
    }

    /// A section introduction: lines `[i, end)`.
    fn section(&mut self, i: usize, end: usize) {
        let lines = self.lines;
        let head = lines[i];
        let text = self.text(head.content);
        // A section title alone at the foot of a page repeats the heading.
        let has_body = (i + 1..end).any(|j| !lines[j].is_blank());
        if !has_body {
            self.push(Kind::PageFooter, head.full.end, Owner::Page);
            for l in &lines[i + 1..end] {
                self.push(Kind::Blank, l.full.end, Owner::Page);
            }
            return;
        }
        let idx = self.out.sections.len();
        let owner = Owner::Section(idx);
        let (title, subtitle) = self.shapes.section_heading(text).unwrap_or((text.len(), None));
        let hs = head.content.start;
        let mut sec = Section {
            span: Span::new(head.full.start, lines[end - 1].full.end),
            heading: head.content,
            title: Span::new(hs, hs + title),
            subtitle: subtitle.map(|(a, b)| Span::new(hs + a, hs + b)),
            ..Section::default()
        };
        self.push(Kind::SectionHeading, head.full.end, owner);
        let mut j = i + 1;
        while j < end {
            let l = lines[j];
            if l.is_blank() {
                self.push(Kind::Blank, l.full.end, owner);
            } else if self.memo.is(j, Shape::NotesHeading) {
                self.push(Kind::SectionNotesHeading, l.full.end, owner);
                let notes = self.notes(j + 1, end, owner, Kind::SectionNote);
                sec.notes = notes;
                j = end;
                continue;
            } else {
                sec.paragraphs.push(l.content);
                self.push(Kind::SectionParagraph, l.full.end, owner);
            }
            j += 1;
        }
        let text_span = Span::new(head.full.start, sec.notes.first().map_or(sec.span.end, |n| n.span.start));
        sec.markers = self.link_markers(text_span, &sec.notes);
        self.report_unmarked_notes(&sec.notes, &sec.markers);
        self.out.sections.push(sec);
    }

    /// Notes from line `from` to `end`; pushes their segments.
    fn notes(&mut self, from: usize, end: usize, owner: Owner, kind: Kind) -> Vec<Note> {
        let lines = self.lines;
        let paras: Vec<Line> = lines[from..end].iter().copied().filter(|l| !l.is_blank()).collect();
        let numbered = notes::number_notes(self.view, self.norm, &paras.iter().map(|l| l.content).collect::<Vec<_>>());
        self.out.diagnostics.extend(numbered.diagnostics);
        for l in &lines[from..end] {
            self.push(if l.is_blank() { Kind::Blank } else { kind }, l.full.end, owner);
        }
        numbered.notes
    }

    /// Links the markers inside `text` (the unit without its notes) to the notes.
    fn link_markers(&mut self, text: Span, notes: &[Note]) -> Vec<MarkerLink> {
        let max = notes.iter().map(|n| n.n).max().unwrap_or(0);
        let cands: Vec<Marker> = self.norm.markers_in(text).to_vec();
        let chosen = notes::choose_markers(&cands, max);
        let mut out = Vec::new();
        for (m, keep) in cands.iter().zip(chosen) {
            match m.shape {
                MarkerShape::Asterisk => out.push(MarkerLink { marker: *m, note: None }),
                MarkerShape::Glued => {
                    let note = m.n.filter(|n| keep && notes.iter().any(|x| x.n == *n));
                    if note.is_none() {
                        self.out.diagnostics.push(
                            Diagnostic::new(
                                Severity::Warning,
                                "segment/marker-without-note",
                                m.view,
                                format!("footnote marker {} has no note of that number in order", m.n.unwrap_or(0)),
                            )
                            .with_label("marker"),
                        );
                    }
                    out.push(MarkerLink { marker: *m, note });
                }
                MarkerShape::Apart => {
                    if keep {
                        out.push(MarkerLink { marker: *m, note: m.n });
                    }
                }
            }
        }
        out
    }

    fn report_unmarked_notes(&mut self, notes: &[Note], markers: &[MarkerLink]) {
        for n in notes {
            if !markers.iter().any(|m| m.note == Some(n.n)) {
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Severity::Note,
                        "segment/note-without-marker",
                        n.number_span.unwrap_or(Span::new(n.span.start, n.span.start)),
                        format!("note {} has no marker in the text (lost in the source?)", n.n),
                    )
                    .with_label("note"),
                );
            }
        }
    }

    /// A document: lines `[i, end)`; `number` is line `i`'s number, if it is
    /// a number line (the unit scan has parsed it).
    fn document(&mut self, i: usize, end: usize, number: Option<(u32, Span)>) {
        let lines = self.lines;
        let idx = self.out.documents.len();
        let owner = Owner::Document(idx);
        let mut doc = Document { span: Span::new(lines[i].full.start, lines[end - 1].full.end), ..Document::default() };
        let content: Vec<usize> = (i..end).filter(|&j| !lines[j].is_blank()).collect();
        // Kinds for each content line, decided below, then pushed in order.
        let mut kinds: Vec<(usize, Kind)> = Vec::with_capacity(content.len());
        let mut k = 0;

        // Number. A unit starts at a content line, so line `i` is `content[0]`.
        if let Some((n, span)) = number {
            let cs = lines[i].content.start;
            doc.number = Some((n, Span::new(cs + span.start, cs + span.end)));
            kinds.push((i, Kind::DocNumber));
            k += 1;
        }
        // Heading: the first line after the number that parses as one (or,
        // without a number, this line).
        if let Some(&j) = content.get(k) {
            let l = lines[j].content;
            let text = self.text(l);
            if !self.memo.is(j, Shape::HeadingDate) && !self.memo.is(j, Shape::Provenance) {
                if let Some(h) = parse_heading(text) {
                    doc.heading = Some(h.shifted(l.start));
                    kinds.push((j, Kind::DocHeading));
                    k += 1;
                } else if text.len() < 400 && !self.memo.is(j, Shape::NotesHeading) {
                    // A heading that does not split into senders and recipients
                    // is still the heading (e.g. "Resolution of the Politburo").
                    doc.heading = Some(Heading::whole(l));
                    kinds.push((j, Kind::DocHeading));
                    k += 1;
                }
            }
        }
        // Date line.
        if let Some(&j) = content.get(k) {
            if self.memo.is(j, Shape::HeadingDate) {
                doc.date = Some(lines[j].content);
                kinds.push((j, Kind::DocDate));
                k += 1;
            }
        }
        // Notes and provenance bound the letter's text.
        let notes_at = content[k..].iter().position(|&j| self.memo.is(j, Shape::NotesHeading)).map(|p| k + p);
        let text_end = notes_at.unwrap_or(content.len());
        let prov_at = content[k..text_end].iter().position(|&j| self.memo.is(j, Shape::Provenance)).map(|p| k + p);
        let closing_end = prov_at.unwrap_or(text_end);

        // Head of the letter: markings, addressees, inline dates.
        while k < closing_end {
            let j = content[k];
            let text = self.text(lines[j].content);
            let kind = if self.shapes.is_marking(text) {
                Kind::DocMarking
            } else if self.shapes.is_inline_date(text) {
                Kind::DocPlaceDate
            } else if self.shapes.is_addressee(text) {
                Kind::DocAddressee
            } else {
                break;
            };
            match kind {
                Kind::DocMarking => doc.markings.push(lines[j].content),
                Kind::DocPlaceDate => doc.place_dates.push(lines[j].content),
                _ => doc.addressees.push(lines[j].content),
            }
            kinds.push((j, kind));
            k += 1;
        }
        let body_start = k;

        // Closing: signatures, place-dates, postscripts, after the body.
        let closing = self.closing(&content[body_start..closing_end]);
        let body_end = body_start + closing.first;
        for &j in &content[body_start..body_end] {
            doc.paragraphs.push(lines[j].content);
            kinds.push((j, Kind::DocParagraph));
        }
        for (off, kind) in closing.kinds.iter().enumerate() {
            let j = content[body_end + off];
            let c = lines[j].content;
            match kind {
                Kind::DocSignature => doc.signatures.push(c),
                Kind::DocPlaceDate => doc.place_dates.push(c),
                Kind::DocPostscript => {
                    let text = self.text(c);
                    let label = self.shapes.postscript_label(text).map(|n| Span::new(c.start, c.start + n));
                    // A line continuing a postscript joins it.
                    match (label, doc.postscripts.last_mut()) {
                        (None, Some(last)) if closing.continues[off] => last.span.end = c.end,
                        _ => doc.postscripts.push(Postscript { span: c, label }),
                    }
                }
                _ => {}
            }
            kinds.push((j, *kind));
        }
        // Provenance lines and anything else before the notes.
        for &j in &content[closing_end..text_end] {
            let c = lines[j].content;
            if self.memo.is(j, Shape::Provenance) {
                doc.provenance.push(c);
                kinds.push((j, Kind::DocProvenance));
            } else {
                kinds.push((j, Kind::Unclassified));
                self.unclassified(c, "a line after the provenance that is not a note");
            }
        }

        // Sub-line parts: a salutation opening the first paragraph, a
        // signature closing the last one.
        let mut splits: Vec<(usize, Span, Kind)> = Vec::new();
        if let Some(&p) = doc.paragraphs.first() {
            if let Some(n) = self.shapes.leading_salutation(self.text(p)) {
                let sal = Span::new(p.start, p.start + n);
                doc.addressees.push(sal);
                let rest = self.text(Span::new(sal.end, p.end));
                let lead = rest.len() - rest.trim_start().len();
                doc.paragraphs[0] = Span::new(sal.end + lead, p.end);
                splits.push((p.start, sal, Kind::DocAddressee));
            }
        }
        if doc.signatures.is_empty() {
            if let Some(&p) = doc.paragraphs.last() {
                if let Some(n) = self.shapes.trailing_signature(self.text(p)) {
                    let sig = Span::new(p.start + n, p.end);
                    doc.signatures.push(sig);
                    let kept = self.text(Span::new(p.start, sig.start)).trim_end().len();
                    if let Some(last) = doc.paragraphs.last_mut() {
                        last.end = p.start + kept;
                    }
                    splits.push((p.start, sig, Kind::DocSignature));
                }
            }
        }

        // Notes.
        let mut note_lines_from = end;
        if let Some(na) = notes_at {
            let j = content[na];
            kinds.push((j, Kind::DocNotesHeading));
            note_lines_from = j + 1;
        }

        // Push the segments in line order.
        kinds.sort_by_key(|&(j, _)| j);
        let mut kinds_iter = kinds.into_iter().peekable();
        for (j, &l) in lines.iter().enumerate().take(note_lines_from.min(end)).skip(i) {
            if l.is_blank() {
                self.push(Kind::Blank, l.full.end, owner);
                continue;
            }
            let kind = match kinds_iter.peek() {
                Some(&(jj, k)) if jj == j => {
                    kinds_iter.next();
                    k
                }
                _ => Kind::Unclassified,
            };
            // Split lines: the part in `splits` first or last.
            if let Some(&(_, part, pk)) = splits.iter().find(|s| s.0 == l.content.start && pk_is_head(s.2)) {
                self.push(pk, part.end, owner);
                self.push(kind, l.full.end, owner);
            } else if let Some(&(_, part, pk)) = splits.iter().find(|s| s.0 == l.content.start) {
                self.push(kind, part.start, owner);
                self.push(pk, l.full.end, owner);
            } else {
                self.push(kind, l.full.end, owner);
            }
        }
        if notes_at.is_some() {
            doc.notes = self.notes(note_lines_from, end, owner, Kind::DocNote);
        }
        let text_span = Span::new(doc.span.start, notes_at.map_or(doc.span.end, |na| lines[content[na]].full.start));
        doc.markers = self.link_markers(text_span, &doc.notes);
        self.report_unmarked_notes(&doc.notes, &doc.markers);
        self.out.documents.push(doc);
    }

    /// Finds the closing of a letter among its body lines `lines` (indices
    /// into self.lines): returns where the closing starts and each closing
    /// line's kind.
    fn closing(&self, content: &[usize]) -> Closing {
        let text = |j: usize| self.text(self.lines[j].content);
        let n = content.len();
        // A postscript starts the closing at the latest.
        let memo = self.memo;
        let ps = content.iter().position(|&j| memo.is(j, Shape::Postscript));
        let search_end = ps.unwrap_or(n);
        // The last signature before the postscript (or the end).
        let last_sig = (0..search_end).rev().find(|&p| memo.is(content[p], Shape::Signature));
        // Walk back from the signature over place/date/signature lines.
        let first = match last_sig {
            Some(s) => {
                let mut f = s;
                while f > 0 {
                    let j = content[f - 1];
                    if memo.is(j, Shape::Signature)
                        || memo.is(j, Shape::PlaceDate)
                        || self.shapes.is_signature_intro(text(j))
                    {
                        f -= 1;
                    } else {
                        break;
                    }
                }
                f
            }
            None => {
                // No signature: trailing place/date lines still close the letter.
                let mut f = search_end;
                while f > 0 && memo.is(content[f - 1], Shape::PlaceDate) {
                    f -= 1;
                }
                f
            }
        };
        let mut kinds = Vec::with_capacity(n - first);
        let mut continues = Vec::with_capacity(n - first);
        let mut in_ps = false;
        for (p, &j) in content.iter().enumerate().skip(first) {
            let t = text(j);
            let prev_sig = kinds.last() == Some(&Kind::DocSignature);
            let next_sig = content.get(p + 1).is_some_and(|&nj| memo.is(nj, Shape::Signature));
            let (kind, cont) = if memo.is(j, Shape::Postscript) {
                in_ps = true;
                (Kind::DocPostscript, false)
            } else if self.shapes.is_signature_intro(t) && p < n - 1 {
                // "20/XII 23 Former left communists:" — dated or not, it opens
                // the list of signatories; a date in it makes it a date line.
                in_ps = false;
                let dated = t.split_whitespace().next().is_some_and(|w| self.shapes.is_inline_date(w));
                (if dated { Kind::DocPlaceDate } else { Kind::DocSignature }, false)
            } else if memo.is(j, Shape::Signature) || (self.shapes.is_single_name(t) && prev_sig && next_sig) {
                // A bare surname between two signatories is one of them
                // ("Shevardin" in No. 177); elsewhere it is a place ("Poltava").
                in_ps = false;
                (Kind::DocSignature, false)
            } else if memo.is(j, Shape::PlaceDate) {
                (Kind::DocPlaceDate, false)
            } else {
                // Text after a signature: a postscript without a label, or the
                // continuation of a labelled one.
                (Kind::DocPostscript, in_ps)
            };
            if kind == Kind::DocPostscript && !cont {
                in_ps = true;
            }
            kinds.push(kind);
            continues.push(cont);
        }
        Closing { first, kinds, continues }
    }
}

fn pk_is_head(k: Kind) -> bool {
    k == Kind::DocAddressee
}

struct Closing {
    /// Index (into the body lines) where the closing starts.
    first: usize,
    /// Kind of each closing line.
    kinds: Vec<Kind>,
    /// For postscript lines: continues the previous postscript.
    continues: Vec<bool>,
}
