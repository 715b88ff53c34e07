//! Diagnostics as data.
//!
//! Stages never print. Each returns what it could not read as [`Diagnostic`]
//! values; the command line renders them (rustc style, via
//! `annotate-snippets`) or writes them as JSON Lines. A diagnostic always says
//! what and why, with a stable `code` that scripts can filter on.

use crate::span::Span;
use serde::Serialize;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, nothing was lost (a citation deviation, a resolved ambiguity).
    Note,
    /// Something was read by a fallback rule or left unclassified.
    Warning,
    /// Input could not be processed (unreadable file, binary file).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about the input.
///
/// `span` is in byte offsets of the source text the diagnostic was raised
/// on; a stage that works on a piece of a file reports offsets within that
/// piece and the pipeline moves them to file offsets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Stable identifier, `stage/what`, e.g. `read/invalid-utf8`.
    pub code: &'static str,
    /// One sentence: what was found and why it matters.
    pub message: String,
    /// Where, if the diagnostic is about a part of the text.
    pub span: Option<Span>,
    /// The label printed under the underlined text.
    pub label: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about `span`.
    pub fn new(severity: Severity, code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, message: message.into(), span: Some(span), label: None }
    }

    /// A diagnostic about a whole input rather than a place in it.
    pub fn whole(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, message: message.into(), span: None, label: None }
    }

    /// Adds the text printed under the underline.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The same diagnostic about `span` instead.
    pub fn shifted_to(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// The same diagnostic with its span moved `by` bytes to the right.
    pub fn shifted(mut self, by: usize) -> Self {
        self.span = self.span.map(|s| s.shift(by));
        self
    }
}
