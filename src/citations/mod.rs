//! Stage **citations**: archival and published references, parsed into fields,
//! audited against the conventions of their style, and rendered canonically.
//!
//! # Grammar
//!
//! An archival reference names an archive and descends its hierarchy:
//! *fond* (collection) → *opis* (inventory) → *delo* (file) → *list* (folios).
//!
//! ```text
//! reference := archive sep element (sep element)* [terminator]
//!            | ibid [sep element (sep element)*]
//!            | archive " " n D n D n [D folios]        (compact shorthand, D ∈ {. / ,})
//! element   := label value         labels in strictly descending order fond > opis > delo > folios
//! chain     := reference (";" element (sep element)*)*   (continuations inherit upper levels)
//! folios    := leaf [" "? "-" " "? leaf] ("," leaf-range | " and " leaf-range)* | "passim"
//! leaf      := digits [verso]       verso := v | ob. | об. | rev.   (glued or after one space)
//! ```
//!
//! Three styles share this grammar and differ in labels and separators:
//!
//! | style | labels | separator | verso | example |
//! |---|---|---|---|---|
//! | translation | `F. Op. D. L.` | `. ` | `v` | `RTSKHIDNI. F. 76. Op. 2. D. 197. L. 9.` |
//! | western (LoC) | `f. op. d. l./ll.` | `, ` | `ob.` | `RGASPI, f. 558, op. 1, d. 5403, l. 1` |
//! | cyrillic | `Ф. Оп. Д. Л.` | `. ` | ` об.` | `РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3.` |
//!
//! The style of a reference is decided by the votes of its labels (script,
//! then case), separators breaking ties; everything that does not fit the
//! decided style is a deviation ([`Audit`]).
//!
//! # Decisions
//!
//! * **Anchors.** A reference is found by its fond label followed by a
//!   number ("F. 76", "f. R-5674", "Ф. 558"), looking back for the archive
//!   acronym; by "Ibid"/"Там же"/"In the same place"; or by a known archive
//!   acronym followed by dotted/slashed numbers. Any acronym-shaped word
//!   before a fond label is kept as an archive: known ones are mapped to
//!   today's institution, unknown ones are flagged, never dropped.
//! * **Capitals.** "RTSKHIDNI" in capitals is the collection's house style,
//!   not a deviation; the `archive` field gives the correct spelling
//!   "RTsKhIDNI", the `institution` field today's "RGASPI".
//! * **Renamings are not deviations.** Citing RTsKhIDNI in 1996 was correct;
//!   the renaming is reported in [`Citation::notes`], never in
//!   [`Citation::audit`], so that `audit` only points at real deviations.
//! * **Ibid.** "Ibid." inherits every level above the first one it gives
//!   from the previous reference of the [`Context`] (same note or document,
//!   as the caller decides), and says which ones in `inherited`. "Ibid.,"
//!   with a comma is the Western form; in the translation and Russian
//!   styles ("Там же. Л. 7") the comma is a separator deviation.
//! * **Final period.** A reference that ends a line (a provenance line or a
//!   note) ends with a period; inside parentheses it does not.
//! * **canonical** is the reference rendered in its own style with the
//!   archive as cited but correctly spelled ("RTsKhIDNI. F. 76. …"), with
//!   inherited levels filled in. [`render`] renders in any style under
//!   today's institution.
//! * **Storage units.** "Ед. хр. 46" is read as the delo and is correct in
//!   Russian references; renderings write the delo as "Д."/"D."/"d.".
//! * **Shorthand** ("RGASPI 558.1.5403.1") belongs to no style: `style` is
//!   `None`, `canonical` is the Western rendering (Russian for Cyrillic
//!   acronyms), and the audit says `compact-shorthand`.
//! * **First citations** that spell the archive out and give the acronym in
//!   parentheses ("… History (RGASPI), f. 17, …") take the acronym.
//! * **Published references** are recognised conservatively: a parenthesis
//!   or note that carries a page locator plus a year, a volume or an issue
//!   (or "Ibid." with a page). Author, title, year, volume, issue and pages
//!   are filled only when their pattern is present; nothing is guessed.

mod archives;
mod audit;
mod folios;
mod grammar;
mod labels;
mod published;
mod render;

pub use audit::{codes, diagnostic_code, AuditSummary};
pub use render::render;

use crate::span::Span;
use serde::Serialize;

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An archival reference (fond / opis / delo / folios).
    Archival,
    /// A published source (book, journal, collection of documents).
    Published,
}

/// Citation style of an archival reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// English translation of Russian labels: "RTSKHIDNI. F. 76. Op. 2. D. 197. L. 9."
    Translation,
    /// Western scholarly (Chicago / LoC romanization): "RGASPI, f. 558, op. 1, d. 5403, l. 1"
    Western,
    /// Russian: "РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3."
    Cyrillic,
}

impl Style {
    /// The lowercase name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Style::Translation => "translation",
            Style::Western => "western",
            Style::Cyrillic => "cyrillic",
        }
    }
}

/// A piece of text after the reference (document form, published source).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The text, without its final period.
    pub text: String,
    /// Where it is, relative to the parsed text.
    pub span: Span,
}

/// One deviation from the canonical form of the reference's style (or, in
/// [`Citation::notes`], an informational remark).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// Stable kebab-case code, see [`codes`] and docs/audit-codes.md.
    pub code: &'static str,
    /// What is wrong and what the canonical form is.
    pub message: String,
    /// The offending text.
    pub span: Span,
}

/// One reference found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The whole reference, relative to the parsed text, without form and
    /// published parts; includes the final period when there is one.
    pub span: Span,
    /// The text of `span`.
    pub raw: String,
    /// Archival or published.
    pub kind: Kind,
    /// Style of an archival reference; `None` for published references and
    /// for compact shorthand ("RGASPI 558.1.5403.1"), which has none.
    pub style: Option<Style>,
    /// Archive as the citation names it, spelling canonicalised
    /// ("RTsKhIDNI" for "RTSKHIDNI"/"RTSHIDNI"); unknown acronyms as cited.
    pub archive: Option<String>,
    /// Acronym of today's institution ("RGASPI" for RTsKhIDNI, TsPA IML).
    /// `None` for unknown archives.
    pub institution: Option<String>,
    /// Fond as numbered ("558", "R-5674").
    pub fond: Option<String>,
    /// Opis as numbered ("1", "1/S").
    pub opis: Option<String>,
    /// Delo (file, storage unit) as numbered.
    pub delo: Option<String>,
    /// Folios, one string per listed item: "9", "1-8", "56-56v", "17v", "passim".
    pub folios: Vec<String>,
    /// An "Ibid."/"Там же" reference.
    pub ibid: bool,
    /// Fields taken from the previous reference (ibid, chains):
    /// any of "archive", "fond", "opis", "delo", "folios" (archival) or
    /// "author", "title", "year", "volume", "issue" (published).
    pub inherited: Vec<&'static str>,
    /// Document form after a reference at the start of a line ("Autograph",
    /// "Certified typewritten copy", "Typewritten text. The signature is an autograph").
    pub form: Option<Part>,
    /// Published source after the form ("Political diary. 1964 - 1970. Amsterdam. 1972. S. 238-241").
    pub published: Option<Part>,
    /// Deviations from the canonical form of the style, one per deviation.
    pub audit: Vec<Audit>,
    /// Informational remarks that are not deviations (an archive cited under
    /// an earlier name).
    pub notes: Vec<Audit>,
    /// Canonical rendering in the reference's own style, archive as cited
    /// (correctly spelled), inherited levels filled in. `None` for published.
    pub canonical: Option<String>,
    /// Published: author as printed ("Medvedev R.A.").
    pub author: Option<String>,
    /// Published: title (book, journal or collection).
    pub title: Option<String>,
    /// Published: year of publication.
    pub year: Option<String>,
    /// Published: volume ("T. 51", "Vol. 1" → "51", "1").
    pub volume: Option<String>,
    /// Published: issue number ("No. 11" → "11").
    pub issue: Option<String>,
    /// Published: pages ("141-142").
    pub pages: Option<String>,
}

impl Citation {
    fn empty(kind: Kind, span: Span, text: &str) -> Citation {
        Citation {
            span,
            raw: text.get(span.range()).unwrap_or_default().to_string(),
            kind,
            style: None,
            archive: None,
            institution: None,
            fond: None,
            opis: None,
            delo: None,
            folios: Vec::new(),
            ibid: false,
            inherited: Vec::new(),
            form: None,
            published: None,
            audit: Vec::new(),
            notes: Vec::new(),
            canonical: None,
            author: None,
            title: None,
            year: None,
            volume: None,
            issue: None,
            pages: None,
        }
    }
}

/// The previous reference, for "Ibid." and chains. Create one per document
/// (or per note, for Western endnotes whose "Ibid." never crosses a note).
#[derive(Clone, Debug, Default)]
pub struct Context {
    last: Option<Citation>,
}

impl Context {
    /// An empty context: the next "Ibid." has no antecedent.
    pub fn new() -> Context {
        Context::default()
    }

    /// Forgets the previous reference.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// The previous reference, if any.
    pub fn last(&self) -> Option<&Citation> {
        self.last.as_ref()
    }

    fn set(&mut self, c: &Citation) {
        // Keep only what inheritance reads: no audits, spans or raw text.
        // The kept reference is overwritten in place: `clone_from` copies
        // into the Strings it already has (nothing else ever sets them, so
        // its other fields stay as `empty` made them).
        let keep = self.last.get_or_insert_with(|| Citation::empty(c.kind, c.span, ""));
        keep.kind = c.kind;
        keep.span = c.span;
        keep.style = c.style;
        keep.archive.clone_from(&c.archive);
        keep.institution.clone_from(&c.institution);
        keep.fond.clone_from(&c.fond);
        keep.opis.clone_from(&c.opis);
        keep.delo.clone_from(&c.delo);
        keep.folios.clone_from(&c.folios);
        keep.author.clone_from(&c.author);
        keep.title.clone_from(&c.title);
        keep.year.clone_from(&c.year);
        keep.volume.clone_from(&c.volume);
        keep.issue.clone_from(&c.issue);
    }
}

/// The citation finder. Build once with [`CitationParser::new`] and reuse:
/// it compiles its automata at construction.
pub struct CitationParser {
    g: grammar::Grammar,
    p: published::Published,
}

impl Default for CitationParser {
    fn default() -> Self {
        CitationParser::new()
    }
}

impl CitationParser {
    /// Compiles the grammar.
    pub fn new() -> Self {
        CitationParser { g: grammar::Grammar::new(), p: published::Published::new() }
    }

    /// All references in running text (notes, parentheses, provenance
    /// lines), in text order. A reference at the start of a line also gets
    /// its document form and published source. `ctx` carries the previous
    /// reference across calls for "Ibid." and is updated.
    pub fn find(&self, text: &str, ctx: &mut Context) -> Vec<Citation> {
        let candidates = self.p.candidates(text, &self.g);
        let mut out: Vec<Citation> = Vec::new();
        let mut floor = 0usize;
        let mut next_pub = 0usize;
        let mut anchors = self.g.anchors(text).peekable();
        loop {
            let anchor_at = anchors.peek().map(|a| a.start);
            // Published candidates before the next anchor come first, so that
            // "Ibid." after them sees them in the context.
            if let Some(cand) = candidates.get(next_pub) {
                if anchor_at.is_none_or(|a| cand.span.start <= a) {
                    next_pub += 1;
                    if cand.span.start >= floor {
                        let c = self.p.build(text, cand, ctx);
                        floor = c.span.end;
                        ctx.set(&c);
                        out.push(c);
                    }
                    continue;
                }
            }
            let Some(anchor) = anchors.next() else { break };
            if anchor.start < floor {
                continue;
            }
            let found = self.g.parse_at(text, anchor, floor, ctx, &self.p);
            for mut c in found {
                floor = floor.max(c.span.end);
                if c.kind == Kind::Archival && grammar::starts_line(text, c.span.start) {
                    let (form, published, end) = self.p.tail(text, c.span.end);
                    c.form = form;
                    c.published = published;
                    floor = floor.max(end);
                }
                ctx.set(&c);
                out.push(c);
            }
        }
        out
    }

    /// A provenance line: the reference that starts it, with the document
    /// form and the published source that follow. `None` when the line does
    /// not start with an archival reference.
    pub fn provenance(&self, line: &str, ctx: &mut Context) -> Option<Citation> {
        if !self.is_provenance(line) {
            return None;
        }
        let start = line.len() - line.trim_start().len();
        self.find(line, ctx).into_iter().find(|c| c.kind == Kind::Archival && c.span.start == start)
    }

    /// True when the line starts with an archive reference (an archive
    /// acronym followed by a fond label, or compact shorthand).
    pub fn is_provenance(&self, line: &str) -> bool {
        self.g.starts_with_reference(line)
    }
}

#[cfg(test)]
mod tests;
