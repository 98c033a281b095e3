//! lifecircle-core: the scoring core of lifecircle.
//!
//! Pure: no I/O, no clock. Everything comes in as arguments.

pub mod access;
pub mod standard;
