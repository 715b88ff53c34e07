//! opis: the temporary crate root while the stages are assembled.
pub mod diag;
pub mod entities;
pub mod normalize;
pub mod read;
pub mod span;
