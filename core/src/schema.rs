//! JSON Schemas of the two input formats: the circle input and the standard file.
//!
//! Generated from the Rust types (with the `schema` feature) and committed under
//! `standards/schema/`; a test fails when the committed files are stale. The committed text
//! is embedded, so builds without the feature (wasm) still serve the schemas.

/// The committed JSON Schema of the circle input.
pub static CIRCLE_SCHEMA: &str = include_str!("../../standards/schema/circle.schema.json");

/// The committed JSON Schema of the standard file format (as JSON; files are TOML).
pub static STANDARD_SCHEMA: &str = include_str!("../../standards/schema/standard.schema.json");

/// Generate the circle input's schema from the types.
#[cfg(feature = "schema")]
pub fn circle_schema() -> String {
    pretty(schemars::schema_for!(crate::circle::Circle))
}

/// Generate the standard file format's schema from the types.
#[cfg(feature = "schema")]
pub fn standard_schema() -> String {
    pretty(schemars::schema_for!(crate::standard::raw::RawStandard))
}

#[cfg(feature = "schema")]
fn pretty(s: schemars::Schema) -> String {
    let mut out = serde_json::to_string_pretty(&s).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    /// Regenerate with `cargo run -p lifecircle -- schema --of circle > standards/schema/circle.schema.json`
    /// (and `--of standard` for the other).
    #[test]
    fn committed_schemas_are_up_to_date() {
        assert_eq!(super::CIRCLE_SCHEMA, super::circle_schema(), "standards/schema/circle.schema.json is stale");
        assert_eq!(super::STANDARD_SCHEMA, super::standard_schema(), "standards/schema/standard.schema.json is stale");
    }
}
