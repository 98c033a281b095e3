//! lifecircle-core: the scoring core of lifecircle, the evaluation standard system for
//! 一刻钟便民生活圈 (15-minute convenient living circles).
//!
//! Pure: no I/O, no clock, no JavaScript types. Everything comes in as arguments: the
//! standard's text, the circle, the evaluation date. The same input gives byte-identical
//! results natively and in WebAssembly.
//!
//! ```text
//! standard text ──resolve──▶ Standard ─┐
//! circle JSON ──Circle::from_json──────┼──score(as_of)──▶ Assessment (points, grade,
//!                                      │                   explanations, findings, gaps)
//! ```

pub mod access;
pub mod assessment;
pub mod circle;
pub mod date;
pub mod district;
pub mod duplicates;
pub mod example;
mod json_path;
pub use json_path::indent_json;
pub mod order;
pub mod report;
pub mod schema;
pub mod score;
pub mod short_walks;
pub mod sorted_map;
pub mod standard;
pub mod table;

pub use assessment::Assessment;
pub use circle::{Circle, InputError};
pub use date::Date;
pub use duplicates::{SuspectedDuplicate, suspected_duplicates, suspected_duplicates_in};
pub use score::score;
pub use standard::{Standard, StandardError, load_builtin, load_text};

/// The crate version, repeated in every [`Assessment`].
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
