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
///
/// Adjusted to accept what the parser accepts: `null` for any field that may be left out
/// (the parser reads `null` as "absent", also for lists and `override`), and whole numbers
/// only within the range of their type (`format` alone is not checked by validators).
#[cfg(feature = "schema")]
pub fn standard_schema() -> String {
    let mut value = schemars::schema_for!(crate::standard::raw::RawStandard).to_value();
    as_parsed(&mut value);
    match schemars::Schema::try_from(value) {
        Ok(s) => pretty(s),
        Err(_) => String::new(),
    }
}

/// See [`standard_schema`]: optional properties also take `null`; integer formats get bounds.
#[cfg(feature = "schema")]
fn as_parsed(v: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Value::Object(map) = v else {
        if let Value::Array(items) = v {
            items.iter_mut().for_each(as_parsed);
        }
        return;
    };
    let bounds = match map.get("format").and_then(Value::as_str) {
        Some("int32") => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
        Some("uint32") => Some((0, i64::from(u32::MAX))),
        Some("uint8") => Some((0, i64::from(u8::MAX))),
        _ => None,
    };
    if let Some((lo, hi)) = bounds {
        map.entry("minimum").or_insert(json!(lo));
        map.entry("maximum").or_insert(json!(hi));
    }
    let required: Vec<String> = map
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            if !required.contains(name) {
                allow_null(prop);
            }
        }
    }
    for (_, child) in map.iter_mut() {
        as_parsed(child);
    }
}

#[cfg(feature = "schema")]
fn allow_null(prop: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Value::Object(map) = prop else { return };
    match map.get_mut("type") {
        Some(Value::String(t)) if t != "null" => {
            let t = t.clone();
            map.insert("type".into(), json!([t, "null"]));
        }
        Some(Value::Array(types)) => {
            if !types.iter().any(|t| t == "null") {
                types.push(json!("null"));
            }
        }
        Some(_) => {}
        None => {
            let nullable = map
                .get("anyOf")
                .and_then(Value::as_array)
                .is_some_and(|alts| alts.iter().any(|a| a.get("type").is_some_and(|t| t == "null")));
            if !nullable {
                let inner = std::mem::take(map);
                map.insert("anyOf".into(), json!([Value::Object(inner), {"type": "null"}]));
            }
        }
    }
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

    /// The parser reads `null` as an absent field, also for lists and flags (`"groups": null`,
    /// `override: ~`), and refuses a year beyond 32 bits: the schema must say the same, or an
    /// editor flags a file the CLI accepts (or passes one it refuses).
    #[test]
    fn standard_schema_takes_null_where_the_parser_does_and_bounds_whole_numbers() {
        use serde_json::Value;
        let schema: Value = serde_json::from_str(&super::standard_schema()).expect("JSON");
        let mut defs: Vec<(&str, &Value)> = vec![("RawStandard", &schema)];
        if let Some(Value::Object(d)) = schema.get("$defs") {
            defs.extend(d.iter().map(|(k, v)| (k.as_str(), v)));
        }
        let allows_null = |p: &Value| {
            p.get("type").is_some_and(|t| t == "null" || t.as_array().is_some_and(|a| a.iter().any(|x| x == "null")))
                || p.get("anyOf")
                    .and_then(Value::as_array)
                    .is_some_and(|alts| alts.iter().any(|a| a.get("type").is_some_and(|t| t == "null")))
        };
        let mut checked = 0;
        for (name, def) in defs {
            let required: Vec<&str> = def
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let Some(Value::Object(props)) = def.get("properties") else { continue };
            for (field, p) in props {
                if !required.contains(&field.as_str()) {
                    assert!(allows_null(p), "{name}.{field} may be left out, so `null` must be allowed: {p}");
                    checked += 1;
                }
                if p.get("format").is_some_and(|f| f == "int32" || f == "uint32") {
                    assert!(p.get("maximum").is_some() && p.get("minimum").is_some(), "{name}.{field}: {p}");
                }
            }
        }
        assert!(checked > 50, "{checked}");
        let year = &schema["$defs"]["RawTarget"]["properties"]["year"];
        assert_eq!((year["minimum"].as_i64(), year["maximum"].as_i64()), (Some(-2147483648), Some(2147483647)));
    }
}
