//! A value with the byte range it was read from, for messages that name a line.

use serde::{Deserialize, Deserializer};

/// A value read from a standard file together with its byte range in the text.
///
/// A thin wrapper over [`toml::Spanned`] so that the JSON Schema of the file format can
/// describe the value itself (the span is not part of the format).
#[derive(Clone, Debug)]
pub struct Sp<T>(toml::Spanned<T>);

impl<T> Sp<T> {
    /// The value.
    pub fn get(&self) -> &T {
        self.0.get_ref()
    }

    /// Byte range in the source text.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.0.span()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        toml::Spanned::<T>::deserialize(d).map(Sp)
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`. A byte-order mark at the
/// start of the file is not a column: editors do not show it.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.trim_start_matches('\u{feff}').chars().count()) + 1;
    (line as u32, col as u32)
}
