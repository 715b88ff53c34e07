//! Audit codes and the per-file summary of an audit.
//!
//! Codes are stable kebab-case strings (scripts filter on them); each is
//! documented with a real example in docs/audit-codes.md.

use super::{Audit, Citation, Kind};
use crate::diag::{Diagnostic, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// The audit codes.
pub mod codes {
    /// A known archive acronym with one letter wrong ("RTSHIDNI" for RTsKhIDNI).
    pub const ARCHIVE_MISSPELLED: &str = "archive-misspelled";
    /// An acronym before a fond label that is not a known archive.
    pub const ARCHIVE_UNKNOWN: &str = "archive-unknown";
    /// A fond/opis/delo reference with no archive and no "Ibid." before it.
    pub const ARCHIVE_MISSING: &str = "archive-missing";
    /// Informational (in `notes`, not `audit`): the archive is cited under an
    /// earlier name ("RTsKhIDNI", now RGASPI).
    pub const ARCHIVE_RENAMED: &str = "archive-renamed";
    /// "On.", "an.", "0p." for "Op.": misreadings of the Russian "Оп.".
    pub const LABEL_MISREAD: &str = "label-misread";
    /// A label in the wrong case for the style ("f." in a translation reference, "Op." in a Western one).
    pub const LABEL_CASE: &str = "label-case";
    /// A machine-translated label: "Sheet" (лист), "Case" (дело), "Inventory" (опись), "Fund" (фонд).
    pub const LABEL_TRANSLATED: &str = "label-translated";
    /// A label that is a variant of the style's abbreviation ("o." for "op.", "fond" outside Western style).
    pub const LABEL_NONSTANDARD: &str = "label-nonstandard";
    /// An abbreviated label without its period ("Op 1").
    pub const LABEL_PERIOD: &str = "label-period-missing";
    /// A label glued to its value ("F.76").
    pub const LABEL_SPACING: &str = "label-spacing";
    /// Western style: "l." with several folios or "ll." with one.
    pub const FOLIO_LABEL_NUMBER: &str = "folio-label-number";
    /// A separator that is not the style's ("," or ";" in a "."-style reference, "." in a Western one), or none.
    pub const SEPARATOR: &str = "separator";
    /// Labels of two styles in one reference ("F. 558, op. 1, D. 5").
    pub const STYLE_MIXED: &str = "style-mixed";
    /// Latin letters in a Russian reference or Cyrillic in a Latin one ("On." typed in Latin for "Оп.").
    pub const SCRIPT_MIXED: &str = "script-mixed";
    /// A reference that ends a line without its final period.
    pub const FINAL_PERIOD: &str = "final-period-missing";
    /// A range with spaces around the hyphen ("L. 103 - 113").
    pub const RANGE_SPACED: &str = "range-spaced";
    /// An abbreviated range end ("22-6") in a style that writes it in full.
    pub const RANGE_ABBREVIATED: &str = "range-abbreviated";
    /// Verso written "rev." (machine translation of "об.").
    pub const VERSO_REV: &str = "verso-rev";
    /// Verso written "ob." in the translation style, which writes "v".
    pub const VERSO_FORM: &str = "verso-form";
    /// "In the same place": machine translation of "Там же" (Ibid.).
    pub const IBID_TRANSLATED: &str = "ibid-translated";
    /// "Ibid." with no previous reference to inherit from.
    pub const IBID_UNRESOLVED: &str = "ibid-unresolved";
    /// Compact shorthand ("RGASPI 558.1.5403.1") instead of labelled levels.
    pub const COMPACT_SHORTHAND: &str = "compact-shorthand";

    /// Every code, for documentation and tests.
    pub const ALL: &[&str] = &[
        ARCHIVE_MISSPELLED,
        ARCHIVE_UNKNOWN,
        ARCHIVE_MISSING,
        ARCHIVE_RENAMED,
        LABEL_MISREAD,
        LABEL_CASE,
        LABEL_TRANSLATED,
        LABEL_NONSTANDARD,
        LABEL_PERIOD,
        LABEL_SPACING,
        FOLIO_LABEL_NUMBER,
        SEPARATOR,
        STYLE_MIXED,
        SCRIPT_MIXED,
        FINAL_PERIOD,
        RANGE_SPACED,
        RANGE_ABBREVIATED,
        VERSO_REV,
        VERSO_FORM,
        IBID_TRANSLATED,
        IBID_UNRESOLVED,
        COMPACT_SHORTHAND,
    ];
}

/// The `stage/what` diagnostic code of an audit code ("citations/separator").
pub fn diagnostic_code(code: &str) -> &'static str {
    use codes::*;
    match code {
        ARCHIVE_MISSPELLED => "citations/archive-misspelled",
        ARCHIVE_UNKNOWN => "citations/archive-unknown",
        ARCHIVE_MISSING => "citations/archive-missing",
        ARCHIVE_RENAMED => "citations/archive-renamed",
        LABEL_MISREAD => "citations/label-misread",
        LABEL_CASE => "citations/label-case",
        LABEL_TRANSLATED => "citations/label-translated",
        LABEL_NONSTANDARD => "citations/label-nonstandard",
        LABEL_PERIOD => "citations/label-period-missing",
        LABEL_SPACING => "citations/label-spacing",
        FOLIO_LABEL_NUMBER => "citations/folio-label-number",
        SEPARATOR => "citations/separator",
        STYLE_MIXED => "citations/style-mixed",
        SCRIPT_MIXED => "citations/script-mixed",
        FINAL_PERIOD => "citations/final-period-missing",
        RANGE_SPACED => "citations/range-spaced",
        RANGE_ABBREVIATED => "citations/range-abbreviated",
        VERSO_REV => "citations/verso-rev",
        VERSO_FORM => "citations/verso-form",
        IBID_TRANSLATED => "citations/ibid-translated",
        IBID_UNRESOLVED => "citations/ibid-unresolved",
        COMPACT_SHORTHAND => "citations/compact-shorthand",
        _ => "citations/other",
    }
}

impl Audit {
    /// The audit entry as a diagnostic (severity note: a deviation loses
    /// nothing), for the command line's renderer.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Severity::Note, diagnostic_code(self.code), self.span, self.message.clone())
    }
}

/// Counts of an audit over the references of one file (or several, merged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    /// References found.
    pub citations: usize,
    /// Archival references.
    pub archival: usize,
    /// Published references.
    pub published: usize,
    /// References with at least one deviation.
    pub with_deviations: usize,
    /// Deviations (entries of `audit`), all codes together.
    pub deviations: usize,
    /// Deviations by code.
    pub by_code: BTreeMap<String, usize>,
    /// Deviations by institution ("unknown" when none), then by code.
    pub by_institution: BTreeMap<String, BTreeMap<String, usize>>,
    /// Informational notes by code (renamed archives).
    pub notes_by_code: BTreeMap<String, usize>,
    /// Archival references by style ("shorthand" for compact shorthand).
    pub styles: BTreeMap<String, usize>,
}

impl AuditSummary {
    /// Summarises the references of one file.
    pub fn from_citations(citations: &[Citation]) -> AuditSummary {
        let mut s = AuditSummary::default();
        for c in citations {
            s.add(c);
        }
        s
    }

    /// Adds one reference.
    pub fn add(&mut self, c: &Citation) {
        self.citations += 1;
        match c.kind {
            Kind::Archival => {
                self.archival += 1;
                let style = c.style.map_or("shorthand", |s| s.name());
                *self.styles.entry(style.to_string()).or_default() += 1;
            }
            Kind::Published => self.published += 1,
        }
        if !c.audit.is_empty() {
            self.with_deviations += 1;
        }
        let inst = c.institution.as_deref().unwrap_or("unknown");
        for a in &c.audit {
            self.deviations += 1;
            *self.by_code.entry(a.code.to_string()).or_default() += 1;
            *self.by_institution.entry(inst.to_string()).or_default().entry(a.code.to_string()).or_default() += 1;
        }
        for n in &c.notes {
            *self.notes_by_code.entry(n.code.to_string()).or_default() += 1;
        }
    }

    /// Adds the counts of another summary (files into a corpus total).
    pub fn merge(&mut self, other: &AuditSummary) {
        self.citations += other.citations;
        self.archival += other.archival;
        self.published += other.published;
        self.with_deviations += other.with_deviations;
        self.deviations += other.deviations;
        for (k, v) in &other.by_code {
            *self.by_code.entry(k.clone()).or_default() += v;
        }
        for (inst, m) in &other.by_institution {
            let e = self.by_institution.entry(inst.clone()).or_default();
            for (k, v) in m {
                *e.entry(k.clone()).or_default() += v;
            }
        }
        for (k, v) in &other.notes_by_code {
            *self.notes_by_code.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.styles {
            *self.styles.entry(k.clone()).or_default() += v;
        }
    }
}
