//! opis: the temporary crate root while the stages are assembled.
pub mod citations;
pub mod diag;
pub mod normalize;
pub mod read;
pub mod span;
