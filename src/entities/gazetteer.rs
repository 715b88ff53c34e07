//! Loading and validating the gazetteer files (`people.tsv`, `places.tsv`,
//! `orgs.tsv`; the format is the shared contract in `GAZETTEER.md`).
//!
//! Loading is all or nothing: every malformed row is collected and the whole
//! load fails with the complete list, because a historian fixing a
//! spreadsheet wants every problem in one pass, and a half-loaded gazetteer
//! would silently drop people from the output. Problems that do not prevent
//! matching (ambiguous nicknames, variants that are English words) are left
//! to [`Gazetteer::check`].

use super::variants::{self, Form};
use super::Label;
use crate::diag::Severity;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Header of `people.tsv`, exactly as the contract gives it.
pub const PEOPLE_HEADER: &[&str] =
    &["id", "preferred", "surname", "given", "patronymic", "variants", "flags", "born", "died", "description"];
/// Header of `places.tsv`.
pub const PLACES_HEADER: &[&str] =
    &["id", "preferred", "kind", "variants", "flags", "modern", "country", "description"];
/// Header of `orgs.tsv`.
pub const ORGS_HEADER: &[&str] = &["id", "preferred", "kind", "variants", "flags", "description"];

/// Place kinds allowed by the contract.
pub const PLACE_KINDS: &[&str] = &[
    "city",
    "town",
    "village",
    "region",
    "province",
    "district",
    "republic",
    "country",
    "river",
    "sea",
    "lake",
    "strait",
    "peninsula",
    "mountains",
    "island",
    "front",
    "military-district",
    "building",
    "street",
    "area",
    "continent",
];
/// Organisation kinds allowed by the contract.
pub const ORG_KINDS: &[&str] = &[
    "party",
    "party-body",
    "state-body",
    "commissariat",
    "army",
    "military-body",
    "trade-union",
    "newspaper",
    "journal",
    "cooperative",
    "court",
    "police",
    "international",
    "enterprise",
    "school",
    "other",
];

/// Index of an entry in [`Gazetteer::entries`]. Mentions carry this instead
/// of the id string so that a mention stays small and allocation-free.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EntryIdx(pub u32);

impl EntryIdx {
    /// As a `usize` for indexing.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// The row flags of the contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// `default`: the entry a shared bare form means when nothing else decides.
    pub default: bool,
    /// `no-bare`: the bare surname alone is never matched for this entry.
    pub no_bare: bool,
}

/// Where an entry was read from, for diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// File name (or the name given to [`Gazetteer::from_strs`]).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

/// One gazetteer entry (a person, place or organisation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Stable ASCII slug, unique across the three files.
    pub id: String,
    /// The form the collection uses ("Stalin, Iosif Vissarionovich", "Petrograd").
    pub preferred: String,
    /// PERSON, PLACE or ORG (from the file the entry is in).
    pub label: Label,
    /// Place or organisation kind; `"person"` for people.
    pub kind: String,
    /// One line of description.
    pub description: String,
    /// Row flags.
    pub flags: Flags,
    /// People: birth year.
    pub born: Option<i32>,
    /// People: death year.
    pub died: Option<i32>,
    /// People: surname as the translation writes it; empty otherwise.
    pub surname: String,
    /// People: given name.
    pub given: String,
    /// People: patronymic.
    pub patronymic: String,
    /// Other surface forms, matched literally.
    pub variants: Vec<String>,
    /// Places: today's name.
    pub modern: String,
    /// Places: today's country.
    pub country: String,
    /// File and line of the row.
    pub origin: Origin,
}

/// One malformed row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// File name.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and why it matters.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The gazetteer could not be loaded; lists every problem found.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// One or more rows are malformed (all of them are listed).
    #[error("gazetteer has {} malformed row(s):\n{}", .0.len(), join_errors(.0))]
    Rows(Vec<RowError>),
    /// A file could not be read.
    #[error("cannot read gazetteer file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

fn join_errors(errors: &[RowError]) -> String {
    errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
}

impl GazetteerError {
    /// The row errors (empty for I/O errors).
    pub fn rows(&self) -> &[RowError] {
        match self {
            GazetteerError::Rows(r) => r,
            GazetteerError::Io { .. } => &[],
        }
    }
}

/// A non-fatal finding of [`Gazetteer::check`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckDiagnostic {
    /// Note or warning.
    pub severity: Severity,
    /// Stable code, `gazetteer/what`.
    pub code: &'static str,
    /// File of the row.
    pub file: String,
    /// 1-based line of the row.
    pub line: usize,
    /// What and why.
    pub message: String,
}

impl fmt::Display for CheckDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}[{}]: {}", self.file, self.line, self.severity, self.code, self.message)
    }
}

/// The loaded gazetteer: all entries of the three files, in file order
/// (people, then places, then organisations).
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, EntryIdx>,
}

const EMBEDDED_PEOPLE: &str = include_str!("../../gazetteers/people.tsv");
const EMBEDDED_PLACES: &str = include_str!("../../gazetteers/places.tsv");
const EMBEDDED_ORGS: &str = include_str!("../../gazetteers/orgs.tsv");

impl Gazetteer {
    /// The gazetteer compiled into the binary (`gazetteers/*.tsv` at build time).
    pub fn embedded() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_named_strs([
            ("gazetteers/people.tsv", EMBEDDED_PEOPLE),
            ("gazetteers/places.tsv", EMBEDDED_PLACES),
            ("gazetteers/orgs.tsv", EMBEDDED_ORGS),
        ])
    }

    /// Loads `people.tsv`, `places.tsv` and `orgs.tsv` from a directory, so an
    /// edited copy can be used without recompiling.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Gazetteer, GazetteerError> {
        let dir = dir.as_ref();
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .map(|s| (path.display().to_string(), s))
                .map_err(|source| GazetteerError::Io { path: path.display().to_string(), source })
        };
        let (pn, p) = read("people.tsv")?;
        let (ln, l) = read("places.tsv")?;
        let (on, o) = read("orgs.tsv")?;
        Gazetteer::from_named_strs([(&pn, &p), (&ln, &l), (&on, &o)])
    }

    /// Loads from the texts of the three files (file names in diagnostics are
    /// `people.tsv`, `places.tsv`, `orgs.tsv`).
    pub fn from_strs(people: &str, places: &str, orgs: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_named_strs([("people.tsv", people), ("places.tsv", places), ("orgs.tsv", orgs)])
    }

    fn from_named_strs<S: AsRef<str>, T: AsRef<str>>(files: [(S, T); 3]) -> Result<Gazetteer, GazetteerError> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        let labels = [Label::Person, Label::Place, Label::Org];
        for ((name, text), label) in files.iter().zip(labels) {
            parse_file(name.as_ref(), text.as_ref(), label, &mut entries, &mut errors);
        }
        let mut by_id: HashMap<String, EntryIdx> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            if let Some(prev) = by_id.get(&e.id) {
                let p = &entries[prev.get()];
                errors.push(RowError {
                    file: e.origin.file.clone(),
                    line: e.origin.line,
                    message: format!(
                        "duplicate id `{}` (first at {}:{}): ids must be unique across all three files",
                        e.id, p.origin.file, p.origin.line
                    ),
                });
            } else {
                by_id.insert(e.id.clone(), EntryIdx(i as u32));
            }
        }
        if !errors.is_empty() {
            return Err(GazetteerError::Rows(errors));
        }
        Ok(Gazetteer { entries, by_id })
    }

    /// The same gazetteer without organisations. Organisations come last,
    /// so every remaining entry keeps its [`EntryIdx`]: mentions found with
    /// either gazetteer refer to the same entries. Used to look for people and
    /// places inside organisation names ("Communist Party of Georgia").
    pub fn without_orgs(&self) -> Gazetteer {
        let entries: Vec<Entry> = self.entries.iter().take_while(|e| e.label != Label::Org).cloned().collect();
        let by_id = entries.iter().enumerate().map(|(i, e)| (e.id.clone(), EntryIdx(i as u32))).collect();
        Gazetteer { entries, by_id }
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry at `idx`.
    pub fn entry(&self, idx: EntryIdx) -> &Entry {
        &self.entries[idx.get()]
    }

    /// Looks an entry up by id.
    pub fn by_id(&self, id: &str) -> Option<EntryIdx> {
        self.by_id.get(id).copied()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Non-fatal problems, each with file:line (backs `opis gazetteer check`):
    /// - `gazetteer/shared-variant` (warning): an explicit variant (nickname,
    ///   pseudonym) claimed by two entries: nothing in a mention can decide
    ///   between them, unless exactly one has `default`.
    /// - `gazetteer/shared-surname` (note): several people share a surname and
    ///   none is `default`, so a bare surname stays unresolved unless initials
    ///   or an earlier mention decide.
    /// - `gazetteer/english-word` (warning): a variant equal to a common English
    ///   word would be matched in ordinary prose.
    /// - `gazetteer/empty-field` (note): a person without given name, or an
    ///   entry without description.
    /// - `gazetteer/years` (warning): died before born.
    pub fn check(&self) -> Vec<CheckDiagnostic> {
        let mut out = Vec::new();
        let diag = |e: &Entry, severity, code, message: String| CheckDiagnostic {
            severity,
            code,
            file: e.origin.file.clone(),
            line: e.origin.line,
            message,
        };
        // Forms (explicit or generated, not derived) claimed by several
        // entries. Namesakes sharing a surname are fine (initials, earlier
        // mentions and `default` decide, reported below); anything else —
        // a nickname of two people, a variant equal to another entry's name,
        // a surname that is also a place — can only be settled by `default`.
        let mut claims: HashMap<String, Vec<(usize, &'static str, bool)>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            for f in variants::forms(e).into_iter().filter(|f| !f.derived) {
                let namesake_form = e.label == Label::Person
                    && matches!(f.kind, variants::FormKind::Surname | variants::FormKind::Initials(..));
                claims.entry(f.text).or_default().push((i, f.rule, namesake_form));
            }
        }
        let mut shared: Vec<_> = claims
            .into_iter()
            .filter(|(_, v)| v.len() > 1)
            .filter(|(_, v)| {
                // All claims are surname/initial forms of one surname: namesakes.
                let first_surname = v.first().map(|c| self.entries[c.0].surname.as_str());
                !v.iter().all(|c| c.2 && Some(self.entries[c.0].surname.as_str()) == first_surname)
            })
            .collect();
        shared.sort_by(|a, b| a.0.cmp(&b.0));
        for (form, cs) in shared {
            let defaults = cs.iter().filter(|c| self.entries[c.0].flags.default).count();
            if defaults == 1 {
                continue;
            }
            let who: Vec<String> = cs.iter().map(|c| format!("{} ({})", self.entries[c.0].id, c.1)).collect();
            for c in &cs {
                out.push(diag(
                    &self.entries[c.0],
                    Severity::Warning,
                    "gazetteer/shared-variant",
                    format!(
                        "form `{form}` is claimed by {}; nothing in a mention can tell them apart (give one the `default` flag or drop the variant)",
                        who.join(", ")
                    ),
                ));
            }
        }
        // Shared surnames without a default.
        let mut surnames: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.label == Label::Person && !e.surname.is_empty() && !e.flags.no_bare {
                surnames.entry(e.surname.as_str()).or_default().push(i);
            }
        }
        let mut groups: Vec<_> = surnames.into_iter().filter(|(_, v)| v.len() > 1).collect();
        groups.sort();
        for (surname, idxs) in groups {
            let defaults: Vec<&str> =
                idxs.iter().filter(|i| self.entries[**i].flags.default).map(|i| self.entries[*i].id.as_str()).collect();
            let ids: Vec<&str> = idxs.iter().map(|i| self.entries[*i].id.as_str()).collect();
            if defaults.len() > 1 {
                for i in &idxs {
                    out.push(diag(
                        &self.entries[*i],
                        Severity::Warning,
                        "gazetteer/several-defaults",
                        format!(
                            "surname `{surname}` has several `default` entries ({}); only one can be the default",
                            defaults.join(", ")
                        ),
                    ));
                }
            } else if defaults.is_empty() {
                if let Some(first) = idxs.first() {
                    out.push(diag(
                        &self.entries[*first],
                        Severity::Note,
                        "gazetteer/shared-surname",
                        format!(
                            "surname `{surname}` is shared by {} with no `default`: a bare `{surname}` is resolved only by initials or an earlier mention",
                            ids.join(", ")
                        ),
                    ));
                }
            }
        }
        for e in &self.entries {
            if e.label == Label::Person && !e.flags.no_bare && variants::is_english_word(&e.surname) {
                out.push(diag(
                    e,
                    Severity::Warning,
                    "gazetteer/english-word",
                    format!(
                        "surname `{}` of {} is a common English word: the bare surname will be matched in ordinary prose (consider `no-bare`)",
                        e.surname, e.id
                    ),
                ));
            }
            for v in &e.variants {
                if variants::is_english_word(v) {
                    out.push(diag(
                        e,
                        Severity::Warning,
                        "gazetteer/english-word",
                        format!(
                            "variant `{v}` of {} is a common English word and will be matched in ordinary prose",
                            e.id
                        ),
                    ));
                }
            }
            if e.label == Label::Person && e.given.is_empty() {
                out.push(diag(
                    e,
                    Severity::Note,
                    "gazetteer/empty-field",
                    format!("{} has no given name: no initial forms are generated", e.id),
                ));
            }
            if e.description.is_empty() {
                out.push(diag(e, Severity::Note, "gazetteer/empty-field", format!("{} has no description", e.id)));
            }
            if let (Some(b), Some(d)) = (e.born, e.died) {
                if d < b {
                    out.push(diag(
                        e,
                        Severity::Warning,
                        "gazetteer/years",
                        format!("{} died ({d}) before being born ({b})", e.id),
                    ));
                }
            }
        }
        out
    }

    /// Everything `opis gazetteer check` reports for a directory (or, with
    /// `None`, the embedded gazetteer): load errors as `error`s
    /// (`gazetteer/row`, `gazetteer/io`), else the findings of
    /// [`Gazetteer::check`]. Empty means clean.
    pub fn check_source(dir: Option<&Path>) -> Vec<CheckDiagnostic> {
        let loaded = match dir {
            Some(d) => Gazetteer::load_dir(d),
            None => Gazetteer::embedded(),
        };
        match loaded {
            Ok(g) => g.check(),
            Err(GazetteerError::Rows(rows)) => rows
                .into_iter()
                .map(|r| CheckDiagnostic {
                    severity: Severity::Error,
                    code: "gazetteer/row",
                    file: r.file,
                    line: r.line,
                    message: r.message,
                })
                .collect(),
            Err(GazetteerError::Io { path, source }) => vec![CheckDiagnostic {
                severity: Severity::Error,
                code: "gazetteer/io",
                file: path,
                line: 0,
                message: format!("cannot read: {source}"),
            }],
        }
    }

    /// The surface forms generated for one entry (see [`super::variants`]),
    /// before cross-entry collision filtering.
    pub fn forms_of(&self, idx: EntryIdx) -> Vec<Form> {
        variants::forms(self.entry(idx))
    }
}

fn parse_file(file: &str, text: &str, label: Label, entries: &mut Vec<Entry>, errors: &mut Vec<RowError>) {
    let header: &[&str] = match label {
        Label::Person => PEOPLE_HEADER,
        Label::Place => PLACES_HEADER,
        Label::Org => ORGS_HEADER,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let err = |line: usize, message: String| RowError { file: file.to_string(), line, message };
    match lines.next() {
        Some((_, first)) => {
            let got: Vec<&str> = first.trim_end_matches('\r').split('\t').collect();
            if got != header {
                errors.push(err(
                    1,
                    format!("header must be exactly `{}` (got `{}`)", header.join("\\t"), got.join("\\t")),
                ));
                return;
            }
        }
        None => {
            errors.push(err(1, "empty file: the header row is missing".into()));
            return;
        }
    }
    for (i, raw) in lines {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != header.len() {
            errors.push(err(
                line_no,
                format!("{} column(s), expected {} ({})", cells.len(), header.len(), header.join(", ")),
            ));
            continue;
        }
        let cell = |name: &str| -> &str {
            header.iter().position(|h| *h == name).and_then(|p| cells.get(p)).map(|s| s.trim()).unwrap_or("")
        };
        let before = errors.len();
        let id = cell("id");
        if id.is_empty() {
            errors.push(err(line_no, "empty id".into()));
        } else if !valid_id(id) {
            errors.push(err(
                line_no,
                format!("bad id `{id}`: ids are lowercase ASCII letters, digits and single hyphens"),
            ));
        }
        let preferred = cell("preferred");
        if preferred.is_empty() {
            errors.push(err(line_no, format!("empty preferred name for `{id}`")));
        }
        let mut flags = Flags::default();
        for f in cell("flags").split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match f {
                "default" => flags.default = true,
                "no-bare" => flags.no_bare = true,
                other => errors.push(err(line_no, format!("unknown flag `{other}` (known: default, no-bare)"))),
            }
        }
        let mut variants_list = Vec::new();
        for v in cell("variants").split('|') {
            let t = v.trim();
            if t.is_empty() {
                if !cell("variants").is_empty() {
                    errors.push(err(line_no, "empty variant between `|` separators".into()));
                }
                continue;
            }
            if t != v {
                errors.push(err(line_no, format!("variant `{v}` has spaces around it: write `a|b` with no spaces")));
            }
            variants_list.push(t.to_string());
        }
        let mut year = |name: &str| -> Option<i32> {
            let v = cell(name);
            if v.is_empty() {
                return None;
            }
            match v.parse::<i32>() {
                Ok(y) if (0..=2100).contains(&y) => Some(y),
                _ => {
                    errors.push(err(line_no, format!("{name} `{v}` is not a year")));
                    None
                }
            }
        };
        let (born, died) = if label == Label::Person { (year("born"), year("died")) } else { (None, None) };
        let kind = match label {
            Label::Person => "person".to_string(),
            _ => {
                let k = cell("kind");
                let allowed = if label == Label::Place { PLACE_KINDS } else { ORG_KINDS };
                if !allowed.contains(&k) {
                    errors.push(err(line_no, format!("unknown kind `{k}` (known: {})", allowed.join(", "))));
                }
                k.to_string()
            }
        };
        if label == Label::Person && cell("surname").is_empty() {
            errors.push(err(line_no, format!("empty surname for `{id}`: the generated forms need it")));
        }
        if errors.len() > before {
            continue;
        }
        entries.push(Entry {
            id: id.to_string(),
            preferred: preferred.to_string(),
            label,
            kind,
            description: cell("description").to_string(),
            flags,
            born,
            died,
            surname: cell("surname").to_string(),
            given: cell("given").to_string(),
            patronymic: cell("patronymic").to_string(),
            variants: variants_list,
            modern: cell("modern").to_string(),
            country: cell("country").to_string(),
            origin: Origin { file: file.to_string(), line: line_no },
        });
    }
}

fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
        && !id.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "id\tpreferred\tsurname\tgiven\tpatronymic\tvariants\tflags\tborn\tdied\tdescription\n";
    const L: &str = "id\tpreferred\tkind\tvariants\tflags\tmodern\tcountry\tdescription\n";
    const O: &str = "id\tpreferred\tkind\tvariants\tflags\tdescription\n";

    #[test]
    fn mini_gazetteer_loads() {
        let g = Gazetteer::load_dir("tests/data/gazetteer-mini").unwrap();
        assert!(g.len() > 90);
        let s = g.entry(g.by_id("stalin-iv").unwrap());
        assert_eq!(s.label, Label::Person);
        assert_eq!(s.born, Some(1878));
        assert_eq!(s.variants, vec!["Koba", "Soso", "Dzhugashvili", "Joseph Stalin"]);
        assert_eq!(s.origin.line, 2);
        let k = g.entry(g.by_id("kamenev-lb").unwrap());
        assert!(k.flags.default);
        assert_eq!(g.entry(g.by_id("tbilisi").unwrap()).kind, "city");
        assert!(Gazetteer::embedded().is_ok());
    }

    #[test]
    fn all_row_errors_are_listed_with_file_and_line() {
        let people = format!(
            "{P}stalin-iv\tStalin, Iosif\tStalin\tIosif\t\t\t\t1878\t1953\t\n\
             Bad_Id\tX\tX\t\t\t\t\t\t\t\n\
             x-a\t\tX\t\t\t\t\t\t\t\n\
             y-a\tY\tY\t\t\t\t\tfamous\t\t\n\
             short\trow\n\
             z-a\tZ\tZ\t\t\t\tdefault,often\t\t\t\n"
        );
        let places = format!("{L}tbilisi\tTiflis\tmetropolis\t\t\t\t\t\n");
        let orgs = format!("{O}stalin-iv\tDup\tparty\t\t\t\n");
        let e = Gazetteer::from_strs(&people, &places, &orgs).unwrap_err();
        let rows = e.rows();
        let at = |f: &str, l: usize, needle: &str| {
            assert!(
                rows.iter().any(|r| r.file == f && r.line == l && r.message.contains(needle)),
                "missing {f}:{l} {needle} in {rows:#?}"
            )
        };
        at("people.tsv", 3, "bad id");
        at("people.tsv", 4, "empty preferred");
        at("people.tsv", 5, "not a year");
        at("people.tsv", 6, "column");
        at("people.tsv", 7, "unknown flag `often`");
        at("places.tsv", 2, "unknown kind `metropolis`");
        at("orgs.tsv", 2, "duplicate id `stalin-iv`");
        assert_eq!(rows.len(), 7);
        assert!(e.to_string().contains("people.tsv:6:"));
    }

    #[test]
    fn check_source_merges_load_errors() {
        let d = Gazetteer::check_source(Some(Path::new("tests/data/no-such-dir")));
        assert_eq!(d[0].code, "gazetteer/io");
        assert_eq!(d[0].severity, Severity::Error);
        let d = Gazetteer::check_source(Some(Path::new("tests/data/gazetteer-mini")));
        assert!(d.iter().all(|x| x.severity != Severity::Error));
        assert!(d.iter().all(|x| x.file.ends_with(".tsv") && x.line > 1));
    }

    #[test]
    fn missing_directory_is_an_io_error() {
        let e = Gazetteer::load_dir("tests/data/no-such-dir").unwrap_err();
        assert!(matches!(e, GazetteerError::Io { .. }));
        assert!(e.to_string().contains("people.tsv"));
    }

    #[test]
    fn header_must_match() {
        let e = Gazetteer::from_strs("id\tname\n", L, O).unwrap_err();
        assert_eq!(e.rows()[0].line, 1);
        assert!(e.rows()[0].message.contains("header"));
    }

    #[test]
    fn check_reports_shared_nicknames_english_words_and_surnames() {
        let people = format!(
            "{P}a-x\tA, X\tAlpha\tXan\t\tBoss\t\t\t\td\n\
             b-y\tB, Y\tBeta\tYan\t\tBoss\t\t\t\td\n\
             k-a\tK, A\tKosior\tAn\t\t\t\t\t\td\n\
             k-b\tK, B\tKosior\tBo\t\t\t\t\t\td\n\
             w-w\tW, W\tWolf\tWim\t\tHouse\t\t1900\t1890\td\n"
        );
        let g = Gazetteer::from_strs(&people, L, O).unwrap();
        let d = g.check();
        let has = |code: &str, line: usize| d.iter().any(|x| x.code == code && x.line == line);
        assert!(has("gazetteer/shared-variant", 2));
        assert!(has("gazetteer/shared-variant", 3));
        assert!(has("gazetteer/shared-surname", 4));
        assert!(has("gazetteer/english-word", 6));
        assert!(has("gazetteer/years", 6));
        // A surname that is an English word without `no-bare`.
        assert!(d.iter().any(|x| x.code == "gazetteer/english-word" && x.message.contains("surname `Wolf`")));
        // A variant equal to another person's surname, and a person/place clash.
        let people = format!(
            "{P}lenin-vi\tLenin, V\tLenin\tVladimir\tIlyich\tUlyanov\t\t\t\td\n\
             ulyanov-di\tUlyanov, D\tUlyanov\tDmitry\tIlyich\t\t\t\t\td\n\
             perm-aa\tPerm, A\tPerm\tAnton\t\t\t\t\t\td\n"
        );
        let places = format!("{L}perm\tPerm\tcity\t\t\t\t\td\n");
        let g = Gazetteer::from_strs(&people, &places, O).unwrap();
        let d = g.check();
        let shared: Vec<(usize, &str)> =
            d.iter().filter(|x| x.code == "gazetteer/shared-variant").map(|x| (x.line, x.file.as_str())).collect();
        assert!(shared.contains(&(2, "people.tsv")), "{d:#?}");
        assert!(shared.contains(&(3, "people.tsv")));
        assert!(shared.contains(&(4, "people.tsv")));
        assert!(shared.contains(&(2, "places.tsv")));
        // The mini gazetteer: Kamenev and Ordzhonikidze have a default, Kosior and Smirnov not.
        let g = Gazetteer::load_dir("tests/data/gazetteer-mini").unwrap();
        let d = g.check();
        let msg = |needle: &str| d.iter().any(|x| x.message.contains(needle));
        assert!(msg("surname `Kosior`"));
        assert!(msg("surname `Smirnov`"));
        assert!(!msg("surname `Kamenev`"));
        assert!(!d.iter().any(|x| x.code == "gazetteer/shared-variant"), "{d:#?}");
    }
}
