//! The pipeline: one text through every stage, into records.
//!
//! read → normalize → segment → dates / entities / citations → emit. Each
//! stage is built once in the [`Extractor`] (line grammar, date grammar,
//! citation grammar, gazetteer automaton) and applied to many texts. A text
//! flows through once: the segmenter's layout tells the later stages where
//! to look (dates on date lines, citations on provenance lines and in notes,
//! entities everywhere except page boilerplate), and no stage re-parses what
//! an earlier one found.

use crate::dates::{self, AgreementStatus, Date, DateParser};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{Location, Locator, TextSpan, SCHEMA_VERSION};
use crate::normalize::{MarkerShape, Normalized};
use crate::segment::{self, Kind, Owner, Segmentation, Segmenter};
use crate::span::Span;
use serde::Serialize;

/// Where a piece of text sits in its file (for streaming: a file is cut into
/// units at document boundaries and each unit is processed alone).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Base {
    /// Byte offset of the piece in the file.
    pub byte: usize,
    /// Code points before the piece.
    pub chars: usize,
    /// Lines before the piece (0-based line of its first byte).
    pub line: usize,
}

/// Everything built once per run.
#[derive(Debug, Default)]
pub struct Extractor {
    segmenter: Segmenter,
    dates: DateParser,
}

/// One text, processed: the reading view, its layout and the records.
#[derive(Debug)]
pub struct Page<'a> {
    /// Positions of the text in its file.
    pub locator: Locator<'a>,
    /// The reading view.
    pub norm: Normalized,
    /// The layout (view coordinates).
    pub layout: Segmentation,
    /// One record per document.
    pub documents: Vec<DocumentRecord>,
    /// One record per section introduction.
    pub sections: Vec<SectionRecord>,
    /// Findings, in source coordinates of the text.
    pub diagnostics: Vec<Diagnostic>,
}

/// A document's number or, for unnumbered documents, its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DocRef {
    /// "No. 192" → 192.
    Number(u32),
    /// An unnumbered document: `"<file stem>#<ordinal>"`.
    Id(String),
}

/// A part of a document, with its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartRecord {
    /// The segment kind ("document.paragraph", …).
    pub kind: &'static str,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte in the file.
    pub end: usize,
}

/// A footnote marker in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MarkerRecord {
    /// As written ("3", "*").
    pub text: String,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte in the file.
    pub end: usize,
    /// The note it links to, if any.
    pub note: Option<u32>,
    /// "glued" | "apart" | "asterisk".
    pub shape: MarkerShape,
}

/// A note of a document or section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteRecord {
    /// The number a reader gives it.
    pub n: u32,
    /// "written" | "spelled" | "glued" | "inferred".
    pub numbering: segment::NoteNumbering,
    /// The note's text (paragraphs joined by a newline), as written.
    pub text: String,
    /// First byte of the note (its number, if written) in the file.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Where the marker(s) pointing to it are (byte offsets).
    pub markers: Vec<Span>,
}

/// A person (or organisation) in a heading: sender or recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    /// As written.
    pub text: String,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Gazetteer id, if known.
    pub id: Option<String>,
    /// Preferred form, if known.
    pub preferred: Option<String>,
    /// "PERSON" | "ORG" | "PLACE", if known.
    pub label: Option<&'static str>,
}

/// A date as written and as EDTF, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateValue {
    /// As written (brackets and all).
    pub raw: String,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// EDTF (Library of Congress Extended Date/Time Format); for a dual date, the Gregorian value.
    pub edtf: String,
    /// "day" | "month" | "season" | "year" | "decade" | "interval".
    pub kind: dates::DateKind,
    /// Lower bound: {year, month, day, season}; null for an open start.
    pub earliest: Option<dates::DatePoint>,
    /// Upper bound; null for an open end.
    pub latest: Option<dates::DatePoint>,
    /// "not_before", "not_after", "early", "late", … or null.
    pub qualifier: Option<dates::Qualifier>,
    /// A "?" followed the date.
    pub uncertain: bool,
    /// "gregorian" | "unspecified" (may be Old Style) | "dual".
    pub calendar: dates::Calendar,
    /// The date may be Old Style (before 14 February 1918).
    pub old_style_possible: bool,
    /// The Old Style value of a dual date ("November 15 (28)").
    pub julian: Option<String>,
    /// Parts the editors supplied in brackets ("year", "century", "month", …).
    pub supplied: Vec<dates::DatePart>,
    /// Parts taken from the heading date.
    pub resolved_from_anchor: Vec<dates::DatePart>,
    /// Parts taken from an earlier date in the same paragraph.
    pub resolved_from_text: Vec<dates::DatePart>,
    /// A two-digit year read as 19xx with nothing to anchor it.
    pub assumed_century: bool,
}

/// How an inline date stands to the heading date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateCheck {
    /// The inline date as written.
    pub inline: String,
    /// "agree" | "disagree" | "calendar_offset" | "unknown".
    pub status: AgreementStatus,
    /// Why, in words.
    pub reason: String,
}

/// One date (`opis dates`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateRecord {
    /// Always "date".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location,
    /// "heading" (the date under the heading), "inline" (a date line of the
    /// letter), or "text" (running text).
    pub role: &'static str,
    /// The enclosing document or section.
    pub doc: Option<DocRef>,
    /// The segment kind it is in.
    pub segment: &'static str,
    /// The date.
    pub date: DateValue,
}

/// One document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRecord {
    /// Always "document".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where the document is.
    #[serde(flatten)]
    pub loc: Location,
    /// Number or id, as entities and citations refer to it.
    pub doc: DocRef,
    /// "No. 192" → 192; null when the page gives none.
    pub number: Option<u32>,
    /// The heading line as written.
    pub heading: Option<String>,
    /// Senders, in order.
    pub senders: Vec<Party>,
    /// Recipients, in order.
    pub recipients: Vec<Party>,
    /// The heading date.
    pub date: Option<DateValue>,
    /// Dates written in the letter (date lines at its head or foot), resolved
    /// against the heading date.
    pub inline_dates: Vec<DateValue>,
    /// How each inline date stands to the heading date.
    pub date_check: Vec<DateCheck>,
    /// Where the letter was written, as given on a place-and-date line.
    pub place: Option<TextSpan>,
    /// Markings ("SECRET.", "Copy: CC.").
    pub markings: Vec<TextSpan>,
    /// Addressee and salutation lines.
    pub addressees: Vec<TextSpan>,
    /// Signatures as written.
    pub signature: Vec<TextSpan>,
    /// Place and date lines after (or before) the text.
    pub place_dates: Vec<TextSpan>,
    /// Postscripts.
    pub postscripts: Vec<TextSpan>,
    /// Provenance lines as written.
    pub provenance: Vec<TextSpan>,
    /// Notes.
    pub notes: Vec<NoteRecord>,
    /// Footnote markers in the text.
    pub markers: Vec<MarkerRecord>,
    /// The document's parts in order (blank lines between them left out;
    /// `opis segment` gives the full partition).
    pub parts: Vec<PartRecord>,
}

/// One section introduction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionRecord {
    /// Always "section".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location,
    /// "Section I".
    pub title: String,
    /// "1912 - 1921".
    pub subtitle: Option<String>,
    /// Paragraph count.
    pub paragraphs: usize,
    /// Notes.
    pub notes: Vec<NoteRecord>,
    /// Markers.
    pub markers: Vec<MarkerRecord>,
    /// Parts.
    pub parts: Vec<PartRecord>,
}

/// One segment of the partition (`opis segment`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SegmentRecord {
    /// Always "segment".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location,
    /// "page.nav", "document.paragraph", …
    pub segment: &'static str,
    /// The enclosing document or section, if any.
    pub doc: Option<DocRef>,
    /// The source text, newline included.
    pub text: String,
}

/// A segment or a sentence, in the order `opis segment` writes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum SegmentItem {
    /// A segment.
    Segment(SegmentRecord),
    /// A sentence of the segment before it.
    Sentence(SentenceRecord),
}

/// One sentence of a paragraph (`opis segment --sentences`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SentenceRecord {
    /// Always "sentence".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location,
    /// The segment kind of its paragraph.
    pub segment: &'static str,
    /// The enclosing document or section.
    pub doc: Option<DocRef>,
    /// The source text.
    pub text: String,
}

impl Extractor {
    /// An extractor with the default grammar.
    pub fn new() -> Extractor {
        Extractor { segmenter: Segmenter::new(), dates: DateParser::new() }
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Runs every stage over `text`, a piece of `file` placed at `base`.
    pub fn page<'a>(&self, file: &'a str, text: &'a str, base: Base) -> Page<'a> {
        let locator = Locator::new(file, text, base.byte, base.line, base.chars);
        let norm = Normalized::new(text);
        let layout = self.segmenter.segment(&norm);
        let mut diagnostics: Vec<Diagnostic> = layout
            .diagnostics
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.span = d.span.map(|s| norm.to_source(s));
                d
            })
            .collect();
        let stem = file_stem(file);
        let parts = layout.source_segments(&norm, text.len());
        let (doc_parts, section_parts) = parts_by_owner(&parts, layout.documents.len(), layout.sections.len());
        let mut documents = Vec::with_capacity(layout.documents.len());
        let mut unnumbered = 0usize;
        for (i, d) in layout.documents.iter().enumerate() {
            let doc = match d.number {
                Some((n, _)) => DocRef::Number(n),
                None => {
                    unnumbered += 1;
                    // The file offset of its first byte: stable however the file is cut.
                    DocRef::Id(format!("{stem}#{}", base.byte + norm.to_source(d.span).start))
                }
            };
            let ctx = Ctx { loc: &locator, norm: &norm, dates: &self.dates, shapes: self.segmenter.shapes() };
            let mine = doc_parts.get(i).map_or(&[][..], Vec::as_slice);
            documents.push(ctx.document(d, doc, mine, Owner::Document(i), &mut diagnostics));
        }
        let _ = unnumbered;
        let mut sections = Vec::with_capacity(layout.sections.len());
        for (i, s) in layout.sections.iter().enumerate() {
            let ctx = Ctx { loc: &locator, norm: &norm, dates: &self.dates, shapes: self.segmenter.shapes() };
            let mine = section_parts.get(i).map_or(&[][..], Vec::as_slice);
            sections.push(ctx.section(s, mine, Owner::Section(i)));
        }
        diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
        Page { locator, norm, layout, documents, sections, diagnostics }
    }
}

/// A document or a section introduction, for output in file order.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(untagged)]
pub enum UnitRecord<'r> {
    /// A document.
    Document(&'r DocumentRecord),
    /// A section introduction.
    Section(&'r SectionRecord),
}

impl Page<'_> {
    /// Documents and section introductions in file order: the order of
    /// `opis extract`, the same whether a file is processed whole or in units.
    pub fn units(&self) -> Vec<UnitRecord<'_>> {
        let mut out: Vec<(usize, UnitRecord<'_>)> = self
            .documents
            .iter()
            .map(|d| (d.loc.start, UnitRecord::Document(d)))
            .chain(self.sections.iter().map(|s| (s.loc.start, UnitRecord::Section(s))))
            .collect();
        out.sort_by_key(|x| x.0);
        out.into_iter().map(|x| x.1).collect()
    }

    /// What the page contains, for the run summary.
    pub fn counts(&self) -> crate::driver::Counts {
        crate::driver::Counts {
            documents: self.documents.len(),
            sections: self.sections.len(),
            entities: 0,
            citations: 0,
            unclassified: self.layout.segments.iter().filter(|s| s.kind == Kind::Unclassified).count(),
        }
    }

    /// The document or section a segment owner refers to.
    pub fn owner_ref(&self, owner: Owner) -> Option<DocRef> {
        match owner {
            Owner::Page => None,
            Owner::Document(i) => self.documents.get(i).map(|d| d.doc.clone()),
            Owner::Section(i) => self.sections.get(i).map(|s| DocRef::Id(s.title.clone())),
        }
    }

    /// One record per segment of the partition.
    pub fn segment_records(&self) -> Vec<SegmentRecord> {
        self.layout
            .source_segments(&self.norm, self.locator.text().len())
            .into_iter()
            .map(|(seg, span)| SegmentRecord {
                kind: "segment",
                v: SCHEMA_VERSION,
                loc: self.locator.locate(span),
                segment: seg.kind.as_str(),
                doc: self.owner_ref(seg.owner),
                text: self.locator.slice(span).to_owned(),
            })
            .collect()
    }

    /// Sentences of every paragraph and note.
    pub fn sentence_records(&self) -> Vec<SentenceRecord> {
        let mut out = Vec::new();
        for seg in &self.layout.segments {
            self.sentences_of(seg, &mut out);
        }
        out
    }

    /// Each segment followed by its sentences (when `sentences`): the order
    /// of `opis segment`, the same whether a file is processed whole or in units.
    pub fn segment_stream(&self, sentences: bool) -> Vec<SegmentItem> {
        let segs = self.segment_records();
        let mut out = Vec::with_capacity(segs.len() * 2);
        let mut buf = Vec::new();
        for (rec, seg) in segs.into_iter().zip(&self.layout.segments) {
            out.push(SegmentItem::Segment(rec));
            if sentences {
                self.sentences_of(seg, &mut buf);
                out.extend(buf.drain(..).map(SegmentItem::Sentence));
            }
        }
        out
    }

    fn sentences_of(&self, seg: &segment::Segment, out: &mut Vec<SentenceRecord>) {
        if !matches!(
            seg.kind,
            Kind::DocParagraph | Kind::SectionParagraph | Kind::DocNote | Kind::SectionNote | Kind::DocPostscript
        ) {
            return;
        }
        let view = &self.norm.view()[seg.span.range()];
        for s in segment::sentences(view) {
            let span = self.norm.to_source(s.shift(seg.span.start));
            out.push(SentenceRecord {
                kind: "sentence",
                v: SCHEMA_VERSION,
                loc: self.locator.locate(span),
                segment: seg.kind.as_str(),
                doc: self.owner_ref(seg.owner),
                text: self.locator.slice(span).to_owned(),
            });
        }
    }
}

/// The parts of each document and each section, in order, in one pass:
/// filtering all of a text's parts once per unit was quadratic, and a
/// streamed piece of a large file holds hundreds of documents (a third of
/// `opis extract`'s time on a 20 MB file went there).
type OwnedParts = Vec<Vec<(segment::Segment, Span)>>;

fn parts_by_owner(parts: &[(segment::Segment, Span)], documents: usize, sections: usize) -> (OwnedParts, OwnedParts) {
    let mut docs: OwnedParts = vec![Vec::new(); documents];
    let mut secs: OwnedParts = vec![Vec::new(); sections];
    for p in parts {
        let bucket = match p.0.owner {
            Owner::Document(i) => docs.get_mut(i),
            Owner::Section(i) => secs.get_mut(i),
            Owner::Page => None,
        };
        if let Some(b) = bucket {
            b.push(*p);
        }
    }
    (docs, secs)
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".txt").unwrap_or(name)
}

struct Ctx<'p, 'a> {
    loc: &'p Locator<'a>,
    norm: &'p Normalized,
    dates: &'p DateParser,
    shapes: &'p segment::LineShapes,
}

/// The editors' supplied stretches inside view span `within`, relative to it.
fn supplied_rel(norm: &Normalized, within: Span) -> Vec<Span> {
    norm.supplied_in(within)
        .iter()
        .map(|s| {
            let a = s.view.start.clamp(within.start, within.end) - within.start;
            let b = s.view.end.clamp(within.start, within.end) - within.start;
            Span::new(a, b)
        })
        .collect()
}

/// A date found in view text starting at view offset `at`, as output.
fn date_value(loc: &Locator<'_>, norm: &Normalized, d: &Date, at: usize) -> DateValue {
    let src = norm.to_source(d.span.shift(at));
    let base = loc.base();
    DateValue {
        raw: loc.slice(src).to_owned(),
        start: base + src.start,
        end: base + src.end,
        edtf: d.edtf.clone(),
        kind: d.kind,
        earliest: d.start,
        latest: d.end,
        qualifier: d.qualifier,
        uncertain: d.uncertain,
        calendar: d.calendar,
        old_style_possible: d.old_style_possible,
        julian: d.julian.clone(),
        supplied: d.supplied.clone(),
        resolved_from_anchor: d.resolved_from_anchor.clone(),
        resolved_from_text: d.resolved_from_text.clone(),
        assumed_century: d.assumed_century,
    }
}

/// What the dates stage finds in a document's heading and date lines.
struct LetterDates {
    heading: Option<(Date, usize)>,
    inline: Vec<(Date, usize)>,
    place: Option<Span>,
}

impl Ctx<'_, '_> {
    fn src(&self, view: Span) -> Span {
        self.norm.to_source(view)
    }

    fn text_span(&self, view: Span) -> TextSpan {
        TextSpan::new(self.loc, self.src(view))
    }

    fn parts(&self, parts: &[(segment::Segment, Span)], owner: Owner) -> Vec<PartRecord> {
        let base = self.loc.base();
        parts
            .iter()
            .filter(|(s, _)| s.owner == owner && s.kind != Kind::Blank)
            .map(|(s, span)| PartRecord { kind: s.kind.as_str(), start: base + span.start, end: base + span.end })
            .collect()
    }

    fn notes(&self, notes: &[segment::Note], markers: &[segment::MarkerLink]) -> Vec<NoteRecord> {
        let base = self.loc.base();
        notes
            .iter()
            .map(|n| {
                let span = self.src(n.span);
                let text = n.paragraphs.iter().map(|p| self.loc.slice(self.src(*p))).collect::<Vec<_>>().join("\n");
                NoteRecord {
                    n: n.n,
                    numbering: n.numbering,
                    text,
                    start: base + span.start,
                    end: base + span.end,
                    markers: markers
                        .iter()
                        .filter(|m| m.note == Some(n.n))
                        .map(|m| m.marker.source.shift(base))
                        .collect(),
                }
            })
            .collect()
    }

    fn markers(&self, markers: &[segment::MarkerLink]) -> Vec<MarkerRecord> {
        let base = self.loc.base();
        markers
            .iter()
            .map(|m| MarkerRecord {
                text: self.loc.slice(m.marker.source).to_owned(),
                start: base + m.marker.source.start,
                end: base + m.marker.source.end,
                note: m.note,
                shape: m.marker.shape,
            })
            .collect()
    }

    fn party(&self, view: Span) -> Party {
        let s = self.src(view);
        let t = TextSpan::new(self.loc, s);
        Party { text: t.text, start: t.start, end: t.end, id: None, preferred: None, label: None }
    }

    fn document(
        &self,
        d: &segment::Document,
        doc: DocRef,
        parts: &[(segment::Segment, Span)],
        owner: Owner,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> DocumentRecord {
        let span = self.src(d.span);
        let ld = self.letter_dates(d);
        let mut date_check = Vec::new();
        if let Some((h, _)) = &ld.heading {
            for (inl, at) in &ld.inline {
                let a = dates::compare(h, inl);
                if matches!(a.status, AgreementStatus::Disagree | AgreementStatus::CalendarOffset) {
                    diagnostics.push(
                        Diagnostic::new(
                            Severity::Warning,
                            "dates/inline-disagrees",
                            self.src(inl.span.shift(*at)),
                            format!("the letter's date {:?} disagrees with its heading date: {}", inl.raw, a.reason),
                        )
                        .with_label("does not agree with the heading date"),
                    );
                }
                date_check.push(DateCheck { inline: inl.raw.clone(), status: a.status, reason: a.reason });
            }
        }
        DocumentRecord {
            kind: "document",
            v: SCHEMA_VERSION,
            loc: self.loc.locate(span),
            doc,
            number: d.number.map(|n| n.0),
            heading: d.heading.as_ref().map(|h| self.loc.slice(self.src(h.span)).to_owned()),
            senders: d.heading.iter().flat_map(|h| &h.senders).map(|s| self.party(*s)).collect(),
            recipients: d.heading.iter().flat_map(|h| &h.recipients).map(|s| self.party(*s)).collect(),
            date: ld.heading.as_ref().map(|(x, at)| date_value(self.loc, self.norm, x, *at)),
            inline_dates: ld.inline.iter().map(|(x, at)| date_value(self.loc, self.norm, x, *at)).collect(),
            date_check,
            place: ld.place.map(|p| self.text_span(p)),
            markings: d.markings.iter().map(|s| self.text_span(*s)).collect(),
            addressees: d.addressees.iter().map(|s| self.text_span(*s)).collect(),
            signature: d.signatures.iter().map(|s| self.text_span(*s)).collect(),
            place_dates: d.place_dates.iter().map(|s| self.text_span(*s)).collect(),
            postscripts: d.postscripts.iter().map(|p| self.text_span(p.span)).collect(),
            provenance: d.provenance.iter().map(|s| self.text_span(*s)).collect(),
            notes: self.notes(&d.notes, &d.markers),
            markers: self.markers(&d.markers),
            parts: self.parts(parts, owner),
        }
    }

    /// The heading date and the letter's own date lines, resolved against it.
    fn letter_dates(&self, d: &segment::Document) -> LetterDates {
        let view = self.norm.view();
        let heading = d
            .date
            .and_then(|s| self.dates.heading(&view[s.range()], &supplied_rel(self.norm, s)).map(|x| (x, s.start)));
        let anchor = heading.as_ref().map(|h| &h.0);
        let mut inline = Vec::new();
        let mut place = None;
        for &pd in &d.place_dates {
            let text = &view[pd.range()];
            let sup = supplied_rel(self.norm, pd);
            let found = self.dates.inline_line(text, &sup, anchor).or_else(|| {
                // A date that shares its line ("20/XII 23 Former left communists:").
                self.dates.find(text, &sup, anchor).into_iter().next()
            });
            match found {
                Some(x) => {
                    if let (Some(p), None) = (x.place, place) {
                        place = Some(p.shift(pd.start));
                    }
                    inline.push((x, pd.start));
                }
                // A place alone on its line ("Poltava").
                None if place.is_none() && self.shapes.is_single_name(text) => {
                    place = Some(Span::new(pd.start, pd.start + text.trim_end_matches('.').len()))
                }
                None => {}
            }
        }
        LetterDates { heading, inline, place }
    }

    fn section(&self, s: &segment::Section, parts: &[(segment::Segment, Span)], owner: Owner) -> SectionRecord {
        let span = self.src(s.span);
        SectionRecord {
            kind: "section",
            v: SCHEMA_VERSION,
            loc: self.loc.locate(span),
            title: self.loc.slice(self.src(s.title)).to_owned(),
            subtitle: s.subtitle.map(|t| self.loc.slice(self.src(t)).to_owned()),
            paragraphs: s.paragraphs.len(),
            notes: self.notes(&s.notes, &s.markers),
            markers: self.markers(&s.markers),
            parts: self.parts(parts, owner),
        }
    }
}
