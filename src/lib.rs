//! opis: the temporary crate root while the stages are assembled.
pub mod citations;
pub mod dates;
pub mod diag;
pub mod driver;
pub mod emit;
pub mod entities;
pub mod eval;
pub mod input;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod segment;
pub mod span;
