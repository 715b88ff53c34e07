//! The pipeline: one text through every stage, into records.
//!
//! read → normalize → segment → dates / entities / citations → emit. Each
//! stage is built once in the [`Extractor`] (line grammar, date grammar,
//! citation grammar, gazetteer automaton) and applied to many texts. A text
//! flows through once: the segmenter's layout tells the later stages where
//! to look (dates on date lines, citations on provenance lines and in notes,
//! entities everywhere except page boilerplate), and no stage re-parses what
//! an earlier one found.

use crate::citations::{self, Citation, CitationParser};
use crate::dates::{self, AgreementStatus, Date, DateParser};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{Location, Locator, TextSpan, SCHEMA_VERSION};
use crate::entities::{self, DocContext, Gazetteer, GazetteerError, Label, Matcher, Mention};
use crate::normalize::{MarkerShape, Normalized};
use crate::segment::{self, Kind, Owner, Segmentation, Segmenter};
use crate::span::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

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
pub struct Extractor {
    segmenter: Segmenter,
    dates: DateParser,
    citations: CitationParser,
    citation_scope: CitationScope,
    /// All gazetteer forms.
    matcher: Matcher,
    /// People and places only, run inside organisation names.
    inner: Matcher,
}

/// Where the citations stage looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CitationScope {
    /// Provenance lines and notes, where the collection puts its references
    /// (the default: the stage is not run over every letter's body).
    #[default]
    ProvenanceAndNotes,
    /// Every segment but page boilerplate, unclassified text included: for
    /// auditing any text, e.g. a bibliography or a list of references.
    Everywhere,
}

/// Why an extractor could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The gazetteer files are invalid.
    #[error("invalid gazetteer: {0}")]
    Gazetteer(#[from] GazetteerError),
    /// The gazetteer is too large for the automaton.
    #[error("cannot build the gazetteer automaton: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
}

/// One text, processed: the reading view, its layout and the records.
///
/// Records borrow their strings from the text, the file name and the
/// extractor's gazetteer (`'a`) instead of owning copies: allocating and
/// freeing those copies was about a sixth of `opis extract`'s time.
#[derive(Debug)]
pub struct Page<'a> {
    /// Positions of the text in its file.
    pub locator: Locator<'a>,
    /// The reading view.
    pub norm: Normalized,
    /// The layout (view coordinates).
    pub layout: Segmentation,
    /// One record per document.
    pub documents: Vec<DocumentRecord<'a>>,
    /// One record per section introduction.
    pub sections: Vec<SectionRecord<'a>>,
    /// Every reference, in order; shared with the document records that
    /// list them, not copied.
    pub citations: Vec<Arc<CitationRecord<'a>>>,
    /// Findings, in source coordinates of the text.
    pub diagnostics: Vec<Diagnostic>,
    /// Every entity mention, in order; records are made on demand by
    /// [`Page::entities`] (only `opis entities` prints them).
    found: Vec<Found>,
    /// The `doc` of each section's records: its title as written.
    section_refs: Vec<DocRef>,
    gazetteer: &'a Gazetteer,
}

/// A document's number or, for unnumbered documents, its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DocRef {
    /// "No. 192" → 192.
    Number(u32),
    /// An unnumbered document: `"<file stem>#<ordinal>"`; a section: its
    /// title. Shared: every record of the unit carries it.
    Id(Arc<str>),
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
pub struct MarkerRecord<'a> {
    /// As written ("3", "*").
    pub text: &'a str,
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
pub struct NoteRecord<'a> {
    /// The number a reader gives it.
    pub n: u32,
    /// "written" | "spelled" | "glued" | "inferred".
    pub numbering: segment::NoteNumbering,
    /// The note's text (paragraphs joined by a newline), as written;
    /// borrowed when the note is one paragraph.
    pub text: Cow<'a, str>,
    /// First byte of the note (its number, if written) in the file.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Where the marker(s) pointing to it are (byte offsets).
    pub markers: Vec<Span>,
    /// References in the note, parsed.
    pub citations: Vec<Arc<CitationRecord<'a>>>,
}

/// A person (or organisation) in a heading: sender or recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party<'a> {
    /// As written.
    pub text: &'a str,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Gazetteer id, if known.
    pub id: Option<&'a str>,
    /// Preferred form, if known.
    pub preferred: Option<&'a str>,
    /// "PERSON" | "ORG" | "PLACE", if known.
    pub label: Option<&'static str>,
}

/// A date as written and as EDTF, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateValue<'a> {
    /// As written (brackets and all).
    pub raw: &'a str,
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
pub struct DateRecord<'a> {
    /// Always "date".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// "heading" (the date under the heading), "inline" (a date line of the
    /// letter), or "text" (running text).
    pub role: &'static str,
    /// The enclosing document or section.
    pub doc: Option<DocRef>,
    /// The segment kind it is in.
    pub segment: &'static str,
    /// The date.
    pub date: DateValue<'a>,
}

/// One reference (`opis citations`): archival (fond / opis / delo / folios)
/// or published. `span`, and the spans inside `form`, `published` and
/// `audit`, are byte offsets in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CitationRecord<'a> {
    /// Always "citation".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// The enclosing document (number or id) or section.
    pub doc: Option<DocRef>,
    /// The segment kind it is in ("document.provenance", "document.note", …).
    pub segment: &'static str,
    /// The note it is in, if any.
    pub note: Option<u32>,
    /// The unit it belongs to in this page.
    #[serde(skip)]
    pub owner: Owner,
    /// The reference's fields.
    #[serde(flatten)]
    pub citation: Citation,
}

/// One mention of a person, place or organisation (`opis entities`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityRecord<'a> {
    /// Always "entity".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is; `char_start`/`char_end` are code-point offsets for Python.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// As written in the source (editorial brackets included: "F\[runze\]").
    pub text: &'a str,
    /// "PERSON" | "PLACE" | "ORG".
    pub label: Label,
    /// Gazetteer id; null when not in the gazetteer or still ambiguous.
    pub id: Option<&'a str>,
    /// The gazetteer's preferred form.
    pub preferred: Option<&'a str>,
    /// The enclosing document (number or id) or section.
    pub doc: Option<DocRef>,
    /// When several entries claim the form: their ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<&'a str>,
    /// How the id was chosen: "unique" | "initials" | "earlier-mention" | "default".
    pub resolved_by: Option<&'static str>,
    /// The variant rule or recall pattern that found it.
    pub rule: &'static str,
    /// "gazetteer" | "pattern".
    pub source: entities::MatchSource,
    /// The segment kind it is in.
    pub segment: &'static str,
}

/// A mention inside a document record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityRef<'a> {
    /// As written.
    pub text: &'a str,
    /// First byte in the file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Code-point offset of start.
    pub char_start: usize,
    /// Code-point offset of end.
    pub char_end: usize,
    /// "PERSON" | "PLACE" | "ORG".
    pub label: Label,
    /// Gazetteer id or null.
    pub id: Option<&'a str>,
}

/// One document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRecord<'a> {
    /// Always "document".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where the document is.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// Number or id, as entities and citations refer to it.
    pub doc: DocRef,
    /// "No. 192" → 192; null when the page gives none.
    pub number: Option<u32>,
    /// The heading line as written.
    pub heading: Option<&'a str>,
    /// Senders, in order.
    pub senders: Vec<Party<'a>>,
    /// Recipients, in order.
    pub recipients: Vec<Party<'a>>,
    /// The heading date.
    pub date: Option<DateValue<'a>>,
    /// Dates written in the letter (date lines at its head or foot), resolved
    /// against the heading date.
    pub inline_dates: Vec<DateValue<'a>>,
    /// How each inline date stands to the heading date.
    pub date_check: Vec<DateCheck>,
    /// Where the letter was written, as given on a place-and-date line.
    pub place: Option<TextSpan<'a>>,
    /// Markings ("SECRET.", "Copy: CC.").
    pub markings: Vec<TextSpan<'a>>,
    /// Addressee and salutation lines.
    pub addressees: Vec<TextSpan<'a>>,
    /// Signatures as written.
    pub signature: Vec<TextSpan<'a>>,
    /// Place and date lines after (or before) the text.
    pub place_dates: Vec<TextSpan<'a>>,
    /// Postscripts.
    pub postscripts: Vec<TextSpan<'a>>,
    /// Provenance lines as written.
    pub provenance: Vec<TextSpan<'a>>,
    /// The archival reference(s) of the provenance line(s), parsed (shared
    /// with [`Page::citations`]).
    pub citations: Vec<Arc<CitationRecord<'a>>>,
    /// The document's form as the provenance gives it ("Autograph",
    /// "Certified typewritten copy").
    pub form: Option<String>,
    /// A published source given after the reference ("Political diary. 1964 - 1970. …").
    pub published: Option<String>,
    /// Notes.
    pub notes: Vec<NoteRecord<'a>>,
    /// Footnote markers in the text.
    pub markers: Vec<MarkerRecord<'a>>,
    /// Every person, place and organisation mentioned, in order.
    pub entities: Vec<EntityRef<'a>>,
    /// The document's parts in order (blank lines between them left out;
    /// `opis segment` gives the full partition).
    pub parts: Vec<PartRecord>,
}

/// One section introduction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionRecord<'a> {
    /// Always "section".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// "Section I".
    pub title: &'a str,
    /// "1912 - 1921".
    pub subtitle: Option<&'a str>,
    /// Paragraph count.
    pub paragraphs: usize,
    /// Notes.
    pub notes: Vec<NoteRecord<'a>>,
    /// Markers.
    pub markers: Vec<MarkerRecord<'a>>,
    /// Every person, place and organisation mentioned, in order.
    pub entities: Vec<EntityRef<'a>>,
    /// Parts.
    pub parts: Vec<PartRecord>,
}

/// One segment of the partition (`opis segment`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SegmentRecord<'a> {
    /// Always "segment".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// "page.nav", "document.paragraph", …
    pub segment: &'static str,
    /// The enclosing document or section, if any.
    pub doc: Option<DocRef>,
    /// The source text, newline included.
    pub text: &'a str,
}

/// A segment or a sentence, in the order `opis segment` writes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum SegmentItem<'a> {
    /// A segment.
    Segment(SegmentRecord<'a>),
    /// A sentence of the segment before it.
    Sentence(SentenceRecord<'a>),
}

/// One sentence of a paragraph (`opis segment --sentences`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SentenceRecord<'a> {
    /// Always "sentence".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Schema version.
    pub v: u32,
    /// Where it is.
    #[serde(flatten)]
    pub loc: Location<'a>,
    /// The segment kind of its paragraph.
    pub segment: &'static str,
    /// The enclosing document or section.
    pub doc: Option<DocRef>,
    /// The source text.
    pub text: &'a str,
}

impl Extractor {
    /// An extractor with the default grammar.
    pub fn new() -> Result<Extractor, BuildError> {
        Extractor::with_gazetteer(Gazetteer::embedded()?)
    }

    /// An extractor with the given gazetteer (e.g. `Gazetteer::load_dir` of an edited copy).
    pub fn with_gazetteer(g: Gazetteer) -> Result<Extractor, BuildError> {
        // The two automata and the compiled grammars are independent and
        // built side by side, on threads of their own rather than rayon's
        // pool: with `--threads 1` the pool would build them one after the
        // other (0.14 s before any input is read, 0.09 s side by side).
        let without_orgs = g.without_orgs();
        let (inner, matcher, segmenter, citations) = std::thread::scope(|s| {
            let inner = s.spawn(|| Matcher::new(without_orgs));
            let segmenter = s.spawn(Segmenter::new);
            let citations = s.spawn(CitationParser::new);
            let matcher = Matcher::new(g);
            (
                inner.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                matcher,
                segmenter.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                citations.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        Ok(Extractor {
            segmenter,
            dates: DateParser::new(),
            citations,
            citation_scope: CitationScope::default(),
            matcher: matcher?,
            inner: inner?,
        })
    }

    /// Sets where the citations stage looks.
    pub fn with_citation_scope(mut self, scope: CitationScope) -> Extractor {
        self.citation_scope = scope;
        self
    }

    /// The entity matcher (all gazetteer forms).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The date parser.
    pub fn dates(&self) -> &DateParser {
        &self.dates
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Runs every stage over `text`, a piece of `file` placed at `base`.
    ///
    /// The page's records borrow from `file`, `text` and the extractor's
    /// gazetteer.
    pub fn page<'a>(&'a self, file: &'a str, text: &'a str, base: Base) -> Page<'a> {
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
        let doc_refs: Vec<DocRef> = layout
            .documents
            .iter()
            .map(|d| match d.number {
                Some((n, _)) => DocRef::Number(n),
                // The file offset of its first byte: stable however the file is cut.
                None => DocRef::Id(format!("{stem}#{}", base.byte + norm.to_source(d.span).start).into()),
            })
            .collect();
        // A section is named by its title as the section record gives it
        // (the source text), so that every `doc` joins with a record.
        let section_refs: Vec<DocRef> =
            layout.sections.iter().map(|s| DocRef::Id(locator.slice(norm.to_source(s.title)).into())).collect();
        let found = self.find_entities(&norm, &layout);
        let owner_ref = |o: Owner| unit_ref(&doc_refs, &section_refs, o);
        let citations = self.find_citations(&locator, &norm, &layout, &owner_ref);
        for c in &citations {
            for a in &c.citation.audit {
                diagnostics
                    .push(a.to_diagnostic().shifted_to(Span::new(a.span.start - base.byte, a.span.end - base.byte)));
            }
        }
        let gazetteer = self.matcher.gazetteer();
        let ctx = Ctx { loc: &locator, norm: &norm, dates: &self.dates, shapes: self.segmenter.shapes(), gazetteer };
        // Each unit's entities and citations, grouped in one pass: filtering
        // them per document would cost documents × mentions on a long file.
        let mut by_owner = ByOwner::new(layout.documents.len(), layout.sections.len());
        for f in &found {
            if let Some(b) = by_owner.entities(f.owner) {
                b.push(f);
            }
        }
        for c in &citations {
            if let Some(b) = by_owner.citations(c.owner) {
                b.push(c);
            }
        }
        let mut documents = Vec::with_capacity(layout.documents.len());
        for ((i, d), doc) in layout.documents.iter().enumerate().zip(doc_refs) {
            let layers = Layers { entities: &by_owner.doc_entities[i], citations: &by_owner.doc_citations[i] };
            let mine = doc_parts.get(i).map_or(&[][..], Vec::as_slice);
            documents.push(ctx.document(d, doc, mine, Owner::Document(i), &mut diagnostics, layers));
        }
        let mut sections = Vec::with_capacity(layout.sections.len());
        for (i, s) in layout.sections.iter().enumerate() {
            let mine = section_parts.get(i).map_or(&[][..], Vec::as_slice);
            sections.push(ctx.section(
                s,
                mine,
                Owner::Section(i),
                &by_owner.sec_entities[i],
                &by_owner.sec_citations[i],
            ));
        }
        diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
        Page { locator, norm, layout, documents, sections, citations, diagnostics, found, section_refs, gazetteer }
    }

    /// References in provenance lines and notes, one inheritance context per
    /// document ("Ibid. D. 331. L. 1" takes the archive, fond and opis of the
    /// reference before it in the same document).
    fn find_citations<'a>(
        &self,
        loc: &Locator<'a>,
        norm: &Normalized,
        layout: &Segmentation,
        owner_ref: &dyn Fn(Owner) -> Option<DocRef>,
    ) -> Vec<Arc<CitationRecord<'a>>> {
        let view = norm.view();
        let mut out = Vec::new();
        let mut ctx = citations::Context::new();
        let mut owner = None;
        for seg in &layout.segments {
            let wanted = match self.citation_scope {
                CitationScope::ProvenanceAndNotes => {
                    matches!(seg.kind, Kind::DocProvenance | Kind::DocNote | Kind::SectionNote)
                }
                CitationScope::Everywhere => !seg.kind.is_boilerplate() && seg.kind != Kind::Blank,
            };
            if !wanted {
                continue;
            }
            if owner != Some(seg.owner) {
                ctx.reset();
                owner = Some(seg.owner);
            }
            let notes: &[segment::Note] = match seg.owner {
                Owner::Document(i) => &layout.documents[i].notes,
                Owner::Section(i) => &layout.sections[i].notes,
                Owner::Page => &[],
            };
            let note = notes.iter().find(|n| n.span.overlaps(seg.span)).map(|n| n.n);
            for c in self.citations.find(&view[seg.span.range()], &mut ctx) {
                let c = relocate(c, seg.span.start, norm, loc);
                let local = Span::new(c.span.start - loc.base(), c.span.end - loc.base());
                out.push(Arc::new(CitationRecord {
                    kind: "citation",
                    v: SCHEMA_VERSION,
                    loc: loc.locate(local),
                    doc: owner_ref(seg.owner),
                    segment: seg.kind.as_str(),
                    note,
                    owner: seg.owner,
                    citation: c,
                }));
            }
        }
        out
    }

    /// Entity mentions of every document and section, in text order, one
    /// resolution context per unit ("Kamenev" after "S. S. Kamenev" in the
    /// same letter is S. S.). Headings and signatures are lists of names;
    /// people and places are also looked for inside organisation names.
    fn find_entities(&self, norm: &Normalized, layout: &Segmentation) -> Vec<Found> {
        let view = norm.view();
        let mut out = Vec::new();
        let mut ctx = DocContext::new();
        let mut owner = None;
        let mut buf: Vec<Mention> = Vec::new();
        let mut inner: Vec<Mention> = Vec::new();
        let mut pieces: Vec<Span> = Vec::new();
        for seg in &layout.segments {
            if seg.owner == Owner::Page
                || matches!(
                    seg.kind,
                    Kind::Blank
                        | Kind::DocNumber
                        | Kind::DocDate
                        | Kind::DocNotesHeading
                        | Kind::SectionNotesHeading
                        | Kind::SectionHeading
                        | Kind::Unclassified
                )
            {
                continue;
            }
            if owner != Some(seg.owner) {
                ctx.clear();
                owner = Some(seg.owner);
            }
            // One buffer for the whole text, not a vector per segment.
            pieces.clear();
            match (seg.kind, seg.owner) {
                (Kind::DocHeading, Owner::Document(i)) => match &layout.documents[i].heading {
                    Some(h) if !h.senders.is_empty() => pieces.extend(h.senders.iter().chain(&h.recipients)),
                    _ => pieces.push(seg.span),
                },
                _ => pieces.push(seg.span),
            }
            for &piece in &pieces {
                let text = &view[piece.range()];
                buf.clear();
                match seg.kind {
                    Kind::DocHeading | Kind::DocSignature => self.matcher.names_in_list(text, &mut ctx, &mut buf),
                    _ => self.matcher.find(text, &mut ctx, &mut buf),
                }
                self.completed_by_editors(norm, piece, &mut ctx, &mut buf);
                for m in buf.drain(..) {
                    let at = m.span.shift(piece.start);
                    let org = m.label == Label::Org;
                    if org {
                        inner.clear();
                        self.inner.find_gazetteer(&view[at.range()], &mut ctx, &mut inner);
                    }
                    out.push(Found { owner: seg.owner, segment: seg.kind, view: at, mention: m });
                    // The people and places inside an organisation's name follow it.
                    if org {
                        out.extend(inner.drain(..).map(|n| Found {
                            owner: seg.owner,
                            segment: seg.kind,
                            view: n.span.shift(at.start),
                            mention: n,
                        }));
                    }
                }
            }
        }
        out
    }
}

/// A citation found in view text at view offset `at`, with every span
/// moved to file offsets and `raw` taken from the source as written.
fn relocate(mut c: Citation, at: usize, norm: &Normalized, loc: &Locator<'_>) -> Citation {
    let map = |s: Span| norm.to_source(s.shift(at));
    let base = loc.base();
    let src = map(c.span);
    c.raw = loc.slice(src).to_owned();
    c.span = src.shift(base);
    for p in c.form.iter_mut().chain(c.published.iter_mut()) {
        p.span = map(p.span).shift(base);
    }
    for a in c.audit.iter_mut().chain(c.notes.iter_mut()) {
        a.span = map(a.span).shift(base);
    }
    c
}

/// What the entities and citations stages found in one unit.
#[derive(Clone, Copy)]
struct Layers<'r, 'a> {
    entities: &'r [&'r Found],
    citations: &'r [&'r Arc<CitationRecord<'a>>],
}

/// The `doc` of a unit's records.
fn unit_ref(documents: &[DocRef], sections: &[DocRef], owner: Owner) -> Option<DocRef> {
    match owner {
        Owner::Page => None,
        Owner::Document(i) => documents.get(i).cloned(),
        Owner::Section(i) => sections.get(i).cloned(),
    }
}

impl Extractor {
    /// Names the editors completed with a bracketed ending the translation
    /// left in Russian form ("Andrei[she]", "Andr[ey]"): when a word not yet
    /// matched ends in a supplied stretch and what precedes it is a whole
    /// gazetteer form, the word is a mention of that entry. Adds to `found`
    /// (spans relative to `piece`), keeping it sorted.
    fn completed_by_editors(&self, norm: &Normalized, piece: Span, ctx: &mut DocContext, found: &mut Vec<Mention>) {
        let view = norm.view();
        let mut extra = Vec::new();
        for sup in norm.supplied_in(piece) {
            let (ws, we) = word_around(view, sup.view);
            if sup.view.end != we || sup.view.start <= ws || ws < piece.start || we > piece.end {
                continue;
            }
            let rel = Span::new(ws - piece.start, we - piece.start);
            if found.iter().any(|m| m.span.overlaps(rel)) {
                continue;
            }
            let stem = &view[ws..sup.view.start];
            let mut got = Vec::new();
            self.matcher.find_gazetteer(stem, ctx, &mut got);
            if let Some(mut m) = got.into_iter().find(|m| m.span == Span::new(0, stem.len())) {
                m.span = rel;
                extra.push(m);
            }
        }
        if !extra.is_empty() {
            found.extend(extra);
            found.sort_by_key(|m| m.span.start);
        }
    }
}

/// The word (letters and digits) around a view span.
fn word_around(view: &str, s: Span) -> (usize, usize) {
    let start = view[..s.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(s.start, |(i, _)| i);
    let end = view[s.end..].char_indices().find(|(_, c)| !c.is_alphanumeric()).map_or(view.len(), |(i, _)| s.end + i);
    (start, end)
}

/// A mention found by the entities stage, in view coordinates.
#[derive(Debug)]
struct Found {
    owner: Owner,
    segment: Kind,
    view: Span,
    mention: Mention,
}

/// Entity mentions and citation records of each document and section.
struct ByOwner<'r, 'a> {
    doc_entities: Vec<Vec<&'r Found>>,
    sec_entities: Vec<Vec<&'r Found>>,
    doc_citations: Vec<Vec<&'r Arc<CitationRecord<'a>>>>,
    sec_citations: Vec<Vec<&'r Arc<CitationRecord<'a>>>>,
}

impl<'r, 'a> ByOwner<'r, 'a> {
    fn new(documents: usize, sections: usize) -> Self {
        ByOwner {
            doc_entities: vec![Vec::new(); documents],
            sec_entities: vec![Vec::new(); sections],
            doc_citations: vec![Vec::new(); documents],
            sec_citations: vec![Vec::new(); sections],
        }
    }

    fn entities(&mut self, o: Owner) -> Option<&mut Vec<&'r Found>> {
        match o {
            Owner::Document(i) => self.doc_entities.get_mut(i),
            Owner::Section(i) => self.sec_entities.get_mut(i),
            Owner::Page => None,
        }
    }

    fn citations(&mut self, o: Owner) -> Option<&mut Vec<&'r Arc<CitationRecord<'a>>>> {
        match o {
            Owner::Document(i) => self.doc_citations.get_mut(i),
            Owner::Section(i) => self.sec_citations.get_mut(i),
            Owner::Page => None,
        }
    }
}

/// A document or a section introduction, for output in file order.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(untagged)]
pub enum UnitRecord<'r> {
    /// A document.
    Document(&'r DocumentRecord<'r>),
    /// A section introduction.
    Section(&'r SectionRecord<'r>),
}

impl<'a> Page<'a> {
    /// Every entity mention, in text order (`opis entities`). Made here, on
    /// demand: `opis extract` prints only the mentions inside document
    /// records and does not pay for these.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = EntityRecord<'a>> + '_ {
        let g = self.gazetteer;
        self.found.iter().map(move |f| {
            let src = self.norm.to_source(f.view);
            let entry = f.mention.id.map(|i| g.entry(i));
            EntityRecord {
                kind: "entity",
                v: SCHEMA_VERSION,
                loc: self.locator.locate(src),
                text: self.locator.slice(src),
                label: f.mention.label,
                id: entry.map(|e| e.id.as_str()),
                preferred: entry.map(|e| e.preferred.as_str()),
                doc: self.owner_ref(f.owner),
                candidates: f.mention.candidates.iter().map(|&c| g.entry(c).id.as_str()).collect(),
                resolved_by: f.mention.resolved_by,
                rule: f.mention.rule,
                source: f.mention.source,
                segment: f.segment.as_str(),
            }
        })
    }

    /// The number of entity mentions ([`Page::entities`] without making them).
    pub fn entity_count(&self) -> usize {
        self.found.len()
    }

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
            entities: self.found.len(),
            citations: self.citations.len(),
            unclassified: self.layout.segments.iter().filter(|s| s.kind == Kind::Unclassified).count(),
        }
    }

    /// The document or section a segment owner refers to.
    pub fn owner_ref(&self, owner: Owner) -> Option<DocRef> {
        match owner {
            Owner::Page => None,
            Owner::Document(i) => self.documents.get(i).map(|d| d.doc.clone()),
            Owner::Section(i) => self.section_refs.get(i).cloned(),
        }
    }

    /// Every date: the heading date and the letters' own date lines (already
    /// read for the document records) and dates in running text (paragraphs,
    /// postscripts, notes, section introductions), read here: running-text
    /// dates are only needed by `opis dates`, so `opis extract` does not pay
    /// for them.
    pub fn date_records(&self, dates: &DateParser) -> Vec<DateRecord<'a>> {
        let mut out = Vec::new();
        let view = self.norm.view();
        for (i, d) in self.documents.iter().enumerate() {
            let lay = &self.layout.documents[i];
            let seg_of =
                |v: Span| self.layout.segments.iter().find(|s| s.span.contains(v)).map_or("", |s| s.kind.as_str());
            let locate = |dv: &DateValue| {
                let local = Span::new(dv.start - self.locator.base(), dv.end - self.locator.base());
                self.locator.locate(local)
            };
            if let (Some(h), Some(ds)) = (&d.date, lay.date) {
                out.push(DateRecord {
                    kind: "date",
                    v: SCHEMA_VERSION,
                    loc: locate(h),
                    role: "heading",
                    doc: Some(d.doc.clone()),
                    segment: seg_of(ds),
                    date: h.clone(),
                });
            }
            for x in &d.inline_dates {
                out.push(DateRecord {
                    kind: "date",
                    v: SCHEMA_VERSION,
                    loc: locate(x),
                    role: "inline",
                    doc: Some(d.doc.clone()),
                    segment: "document.place-date",
                    date: x.clone(),
                });
            }
            let anchor = lay.date.and_then(|s| dates.heading(&view[s.range()], &supplied_rel(&self.norm, s)));
            self.text_dates(dates, Owner::Document(i), anchor.as_ref(), Some(d.doc.clone()), &mut out);
        }
        for i in 0..self.sections.len() {
            self.text_dates(dates, Owner::Section(i), None, self.owner_ref(Owner::Section(i)), &mut out);
        }
        out.sort_by_key(|d| d.loc.start);
        out
    }

    fn text_dates(
        &self,
        dates: &DateParser,
        owner: Owner,
        anchor: Option<&Date>,
        doc: Option<DocRef>,
        out: &mut Vec<DateRecord<'a>>,
    ) {
        let view = self.norm.view();
        for seg in self.layout.segments.iter().filter(|s| s.owner == owner) {
            if !matches!(
                seg.kind,
                Kind::DocParagraph
                    | Kind::DocPostscript
                    | Kind::DocNote
                    | Kind::SectionParagraph
                    | Kind::SectionNote
                    | Kind::DocAddressee
            ) {
                continue;
            }
            for d in dates.find(&view[seg.span.range()], &supplied_rel(&self.norm, seg.span), anchor) {
                let dv = date_value(&self.locator, &self.norm, d, seg.span.start);
                let local = Span::new(dv.start - self.locator.base(), dv.end - self.locator.base());
                out.push(DateRecord {
                    kind: "date",
                    v: SCHEMA_VERSION,
                    loc: self.locator.locate(local),
                    role: "text",
                    doc: doc.clone(),
                    segment: seg.kind.as_str(),
                    date: dv,
                });
            }
        }
    }

    /// One record per segment of the partition.
    pub fn segment_records(&self) -> Vec<SegmentRecord<'a>> {
        self.layout
            .source_segments(&self.norm, self.locator.text().len())
            .into_iter()
            .map(|(seg, span)| SegmentRecord {
                kind: "segment",
                v: SCHEMA_VERSION,
                loc: self.locator.locate(span),
                segment: seg.kind.as_str(),
                doc: self.owner_ref(seg.owner),
                text: self.locator.slice(span),
            })
            .collect()
    }

    /// Sentences of every paragraph and note.
    pub fn sentence_records(&self) -> Vec<SentenceRecord<'a>> {
        let mut out = Vec::new();
        for seg in &self.layout.segments {
            self.sentences_of(seg, &mut out);
        }
        out
    }

    /// Each segment followed by its sentences (when `sentences`): the order
    /// of `opis segment`, the same whether a file is processed whole or in units.
    pub fn segment_stream(&self, sentences: bool) -> Vec<SegmentItem<'a>> {
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

    fn sentences_of(&self, seg: &segment::Segment, out: &mut Vec<SentenceRecord<'a>>) {
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
                text: self.locator.slice(span),
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
    gazetteer: &'a Gazetteer,
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

/// A date found in view text starting at view offset `at`, as output (its
/// EDTF value and part lists moved, not copied).
fn date_value<'a>(loc: &Locator<'a>, norm: &Normalized, d: Date, at: usize) -> DateValue<'a> {
    let src = norm.to_source(d.span.shift(at));
    let base = loc.base();
    DateValue {
        raw: loc.slice(src),
        start: base + src.start,
        end: base + src.end,
        edtf: d.edtf,
        kind: d.kind,
        earliest: d.start,
        latest: d.end,
        qualifier: d.qualifier,
        uncertain: d.uncertain,
        calendar: d.calendar,
        old_style_possible: d.old_style_possible,
        julian: d.julian,
        supplied: d.supplied,
        resolved_from_anchor: d.resolved_from_anchor,
        resolved_from_text: d.resolved_from_text,
        assumed_century: d.assumed_century,
    }
}

/// What the dates stage finds in a document's heading and date lines.
struct LetterDates {
    heading: Option<(Date, usize)>,
    inline: Vec<(Date, usize)>,
    place: Option<Span>,
}

impl<'a> Ctx<'_, 'a> {
    fn src(&self, view: Span) -> Span {
        self.norm.to_source(view)
    }

    fn text_span(&self, view: Span) -> TextSpan<'a> {
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

    fn notes(
        &self,
        notes: &[segment::Note],
        markers: &[segment::MarkerLink],
        cites: &[&Arc<CitationRecord<'a>>],
    ) -> Vec<NoteRecord<'a>> {
        let base = self.loc.base();
        notes
            .iter()
            .map(|n| {
                let span = self.src(n.span);
                let text = match n.paragraphs.as_slice() {
                    [one] => Cow::Borrowed(self.loc.slice(self.src(*one))),
                    ps => Cow::Owned(ps.iter().map(|p| self.loc.slice(self.src(*p))).collect::<Vec<_>>().join("\n")),
                };
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
                    citations: cites.iter().filter(|c| c.note == Some(n.n)).map(|c| Arc::clone(c)).collect(),
                }
            })
            .collect()
    }

    fn markers(&self, markers: &[segment::MarkerLink]) -> Vec<MarkerRecord<'a>> {
        let base = self.loc.base();
        markers
            .iter()
            .map(|m| MarkerRecord {
                text: self.loc.slice(m.marker.source),
                start: base + m.marker.source.start,
                end: base + m.marker.source.end,
                note: m.note,
                shape: m.marker.shape,
            })
            .collect()
    }

    /// A sender or recipient, with the entity found in its text.
    fn party(&self, view: Span, mine: &[&Found]) -> Party<'a> {
        let s = self.src(view);
        let t = TextSpan::new(self.loc, s);
        let m = mine.iter().find(|f| view.contains(f.view)).map(|f| &f.mention);
        let entry = m.and_then(|m| m.id).map(|i| self.gazetteer.entry(i));
        Party {
            text: t.text,
            start: t.start,
            end: t.end,
            id: entry.map(|e| e.id.as_str()),
            preferred: entry.map(|e| e.preferred.as_str()),
            label: m.map(|m| m.label.as_str()),
        }
    }

    /// A mention inside a document or section record, made from what the
    /// entities stage found (no line lookup: the record carries none).
    fn entity_ref(&self, f: &Found) -> EntityRef<'a> {
        let src = self.src(f.view);
        let (char_start, char_end) = self.loc.chars(src);
        let base = self.loc.base();
        EntityRef {
            text: self.loc.slice(src),
            start: base + src.start,
            end: base + src.end,
            char_start,
            char_end,
            label: f.mention.label,
            id: f.mention.id.map(|i| self.gazetteer.entry(i).id.as_str()),
        }
    }

    fn entity_refs(&self, mine: &[&Found]) -> Vec<EntityRef<'a>> {
        mine.iter().map(|f| self.entity_ref(f)).collect()
    }

    fn document(
        &self,
        d: &segment::Document,
        doc: DocRef,
        parts: &[(segment::Segment, Span)],
        owner: Owner,
        diagnostics: &mut Vec<Diagnostic>,
        layers: Layers<'_, 'a>,
    ) -> DocumentRecord<'a> {
        let (mine, cites) = (layers.entities, layers.citations);
        let prov: Vec<Arc<CitationRecord<'a>>> =
            cites.iter().filter(|c| c.segment == Kind::DocProvenance.as_str()).map(|c| Arc::clone(c)).collect();
        let form = prov.iter().find_map(|c| c.citation.form.as_ref().map(|p| p.text.clone()));
        let published = prov.iter().find_map(|c| c.citation.published.as_ref().map(|p| p.text.clone()));
        let span = self.src(d.span);
        let mut ld = self.letter_dates(d);
        let mut date_check = Vec::new();
        if let Some((h, _)) = &ld.heading {
            for (inl, at) in &mut ld.inline {
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
                // Moved: the inline date's record takes its text from the source.
                date_check.push(DateCheck { inline: std::mem::take(&mut inl.raw), status: a.status, reason: a.reason });
            }
        }
        DocumentRecord {
            kind: "document",
            v: SCHEMA_VERSION,
            loc: self.loc.locate(span),
            doc,
            number: d.number.map(|n| n.0),
            heading: d.heading.as_ref().map(|h| self.loc.slice(self.src(h.span))),
            senders: d.heading.iter().flat_map(|h| &h.senders).map(|s| self.party(*s, mine)).collect(),
            recipients: d.heading.iter().flat_map(|h| &h.recipients).map(|s| self.party(*s, mine)).collect(),
            date: ld.heading.map(|(x, at)| date_value(self.loc, self.norm, x, at)),
            inline_dates: ld.inline.into_iter().map(|(x, at)| date_value(self.loc, self.norm, x, at)).collect(),
            date_check,
            place: ld.place.map(|p| self.text_span(p)),
            markings: d.markings.iter().map(|s| self.text_span(*s)).collect(),
            addressees: d.addressees.iter().map(|s| self.text_span(*s)).collect(),
            signature: d.signatures.iter().map(|s| self.text_span(*s)).collect(),
            place_dates: d.place_dates.iter().map(|s| self.text_span(*s)).collect(),
            postscripts: d.postscripts.iter().map(|p| self.text_span(p.span)).collect(),
            provenance: d.provenance.iter().map(|s| self.text_span(*s)).collect(),
            citations: prov,
            form,
            published,
            notes: self.notes(&d.notes, &d.markers, cites),
            markers: self.markers(&d.markers),
            entities: self.entity_refs(mine),
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

    fn section(
        &self,
        s: &segment::Section,
        parts: &[(segment::Segment, Span)],
        owner: Owner,
        mine: &[&Found],
        cites: &[&Arc<CitationRecord<'a>>],
    ) -> SectionRecord<'a> {
        let span = self.src(s.span);
        SectionRecord {
            kind: "section",
            v: SCHEMA_VERSION,
            loc: self.loc.locate(span),
            title: self.loc.slice(self.src(s.title)),
            subtitle: s.subtitle.map(|t| self.loc.slice(self.src(t))),
            paragraphs: s.paragraphs.len(),
            notes: self.notes(&s.notes, &s.markers, cites),
            markers: self.markers(&s.markers),
            entities: self.entity_refs(mine),
            parts: self.parts(parts, owner),
        }
    }
}
