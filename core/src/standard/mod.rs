//! Standards: parse, resolve, validate.

pub mod raw;
