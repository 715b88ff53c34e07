//! The `entities` stage: people, places and organisations mentioned in a text.
//!
//! # Grammar
//! The translation names people the way Russian usage does: initials before
//! the surname (`I. V. Stalin`, `A.P. Smirnov`), initials after it in
//! citations (`Medvedev R.A.`), given name and patronymic as a polite address
//! (`Nadezhda Konstantinovna`, `Yuri Leonidovich`), nicknames and party
//! names among comrades (`Koba`, `Sergo`, `Klim`, `Arvid`), a title in front
//! (`Comrade Uglanov`, `Tov. Graskin`, `T. Stalin` — `T.` is *tovarishch*), and
//! Russian case endings the machine translation left behind (`Kobe`,
//! `Smilge`). Places and organisations are named by fixed forms.
//!
//! # Pipeline
//! 1. [`Gazetteer`] loads the three TSV files (all-or-nothing validation).
//! 2. [`variants`] generates every surface form of an entry, each tagged with
//!    the rule that made it.
//! 3. [`Matcher`] compiles all forms into one Aho–Corasick automaton
//!    (case-sensitive: capitalised forms are generated explicitly) and
//!    applies it to many texts, walked from word starts: at each, the
//!    longest form that ends on a Unicode word boundary; a form shared by several entries is resolved by initials,
//!    an earlier mention in the same document ([`DocContext`]), or the
//!    `default` flag.
//! 4. [`patterns`] finds people the gazetteer does not know (id `None`):
//!    initials + surname, surname + initials, `Comrade X`, and names in
//!    heading and signature lines ([`Matcher::names_in_list`]).
//!
//! # Decisions
//! - Spans are byte ranges of the text given, and cover the name only: a
//!   possessive `'s`/`'` after a name is left out (`Trotsky's` → `Trotsky`),
//!   and so is a title (`Comrade Uglanov` → `Uglanov`), because the span is
//!   what a reader would underline as the name and what is linked to the
//!   entry. Initials are part of the name (`A.P. Smirnov`).
//! - A hyphen is a word boundary (`Bukharin-Ustryalov` is two mentions), but
//!   a hyphenated pattern wins by length (`Antonov-Ovseenko` is one).
//! - Mentions refer to entries by [`EntryIdx`]; the pipeline turns them into
//!   id/preferred strings when it writes output.

pub mod gazetteer;
pub mod matcher;
pub mod patterns;
pub mod variants;

pub use gazetteer::{CheckDiagnostic, Entry, EntryIdx, Flags, Gazetteer, GazetteerError, Origin, RowError};
pub use matcher::{DocContext, Matcher};

use crate::span::Span;
use serde::Serialize;

/// The kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Label {
    /// A person (`people.tsv`).
    #[serde(rename = "PERSON")]
    Person,
    /// A place (`places.tsv`).
    #[serde(rename = "PLACE")]
    Place,
    /// An organisation, institution, newspaper (`orgs.tsv`).
    #[serde(rename = "ORG")]
    Org,
}

impl Label {
    /// `"PERSON"`, `"PLACE"` or `"ORG"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Place => "PLACE",
            Label::Org => "ORG",
        }
    }

    /// The label named `s` (exactly as written in gold and records).
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "PERSON" => Some(Label::Person),
            "PLACE" => Some(Label::Place),
            "ORG" => Some(Label::Org),
            _ => None,
        }
    }
}

/// What found a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchSource {
    /// A gazetteer form matched.
    Gazetteer,
    /// A recall pattern matched (a person the gazetteer may not know).
    Pattern,
}

/// How an entry was chosen for a mention.
pub mod resolved_by {
    /// Only one entry has this form.
    pub const UNIQUE: &str = "unique";
    /// Initials in the mention (or just before it) picked one of several
    /// people sharing the surname.
    pub const INITIALS: &str = "initials";
    /// An earlier resolved mention in the same document picked it.
    pub const EARLIER_MENTION: &str = "earlier-mention";
    /// The entry has the `default` flag.
    pub const DEFAULT: &str = "default";
}

/// One mention of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte range of the name in the text given to the matcher.
    pub span: Span,
    /// PERSON, PLACE or ORG.
    pub label: Label,
    /// The entry, or `None` when the person is not in the gazetteer or the
    /// form stays ambiguous (then `candidates` lists the possibilities).
    pub id: Option<EntryIdx>,
    /// When more than one entry claimed the form: all of them (also when one
    /// was chosen). Empty otherwise, so an unambiguous mention allocates nothing.
    pub candidates: Vec<EntryIdx>,
    /// How `id` was chosen: one of [`resolved_by`]; `None` when `id` is `None`.
    pub resolved_by: Option<&'static str>,
    /// The variant rule (see [`variants::RULES`]) or recall pattern
    /// (see [`patterns::RULES`]) that produced the mention.
    pub rule: &'static str,
    /// Gazetteer form or recall pattern.
    pub source: MatchSource,
}
