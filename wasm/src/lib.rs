//! lifecircle-wasm: the WebAssembly facade of the scoring core. Only this crate knows `JsValue`.
//!
//! It only translates: JS arguments become core arguments, core results become plain JS
//! objects (written by serde_json and read by `JSON.parse`, so maps are plain objects),
//! and every core error becomes a JS `Error` with a stable `code` ([`error`]). Nothing here
//! scores, rounds or formats: `scoreJson` is byte-identical to the CLI's `--format json`.
//!
//! Exports (camelCase in JS; the TypeScript types are in `ts.rs`):
//!
//! | export | returns |
//! |---|---|
//! | `version()` | the engine version |
//! | `listStandards()` | the built-in standards (`StandardInfo[]`) |
//! | `score(standard, circle, asOf)` | the `Assessment` as a plain object |
//! | `scoreJson(standard, circle, asOf)` | the `Assessment` as JSON text (as the CLI writes it) |
//! | `report(standard, circle, asOf, lang?, format?)` | the text or Markdown report |
//! | `district(standard, circles, asOf, communities?, reported?)` | feature `district`: a district's circles against the standard's targets (`District`); `reported` as the CLI's `--reported` |
//! | `districtJson(…)`, `districtReport(standard, circles, asOf, communities?, lang?, format?, reported?)` | feature `district`: the same as JSON text (as the CLI writes it) or a report |
//! | `schema(which)` | the JSON Schema of `"circle"` input; of `"standard"` with feature `authoring` (the scoring module throws `bad_argument`) |
//! | `exampleCircle(standardId)` | the built-in sample circle (示例数据) for a standard |
//! | `loadStandard(text, name?)` | feature `authoring`: the resolved standard as a plain object (parents from the built-ins), with its `warnings` (`Diagnostic[]`) |
//! | `validateStandard(text, name?)` | feature `authoring`: every problem (`Diagnostic[]`, empty when valid) |
//! | `packStandard(text, name?)` | feature `authoring`: the resolved standard packed for the widgets (`Uint8Array`) |
//!
//! `standard` is a built-in id (`"longwan-2024"`), a packed standard (`Uint8Array` from
//! `packStandard` or `lifecircle pack`), or with `authoring` the text of a standard (TOML,
//! JSON or YAML); `circle` is a plain object or a JSON string; `asOf` is `"YYYY-MM-DD"`
//! (the core reads no clock).
//!
//! Two modules are built from this crate (`cargo xtask dist`): `lifecircle` without features
//! (built-in standards read from the pre-resolved bundle, so no standard-file parser is linked
//! in) and `lifecircle_full` with `authoring` (a user's own standards as text), `access`
//! (walking reach) and `district` (the district summary).

#[cfg(feature = "access")]
pub mod access;
mod args;
mod error;
mod panic;
mod ts;

use lifecircle_core::report::{self, Format};
use lifecircle_core::standard::{self, BUILTIN, Lang, Level, Standard, StandardRef, Text};
use lifecircle_core::{Circle, Date, VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use error::Failure;
use panic::entry;

/// The file name diagnostics use for a standard given as text without a name. It has no
/// extension, so the text decides whether it is TOML, JSON or YAML (see the core's
/// `standard::formats`).
#[cfg(feature = "authoring")]
const DEFAULT_NAME: &str = "standard";

/// The engine version, as stamped in every assessment.
#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_string()
}

/// One built-in standard, as `listStandards()` lists it.
#[derive(Serialize)]
struct StandardInfo<'a> {
    id: &'a str,
    file: &'a str,
    version: String,
    title: Text,
    level: Level,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<String>,
    lineage: Vec<StandardRef>,
    has_example: bool,
}

/// The built-in standards, parents before children.
#[wasm_bindgen(js_name = listStandards, unchecked_return_type = "StandardInfo[]")]
pub fn list_standards() -> Result<JsValue, JsValue> {
    entry(|| {
        let mut out = Vec::new();
        for b in BUILTIN {
            let s = standard::load_builtin(b.id).map_err(Failure::Standard)?;
            out.push(StandardInfo {
                id: b.id,
                file: b.file,
                version: s.version,
                title: s.title,
                level: s.level,
                status: s.status,
                family: s.family,
                lineage: s.lineage,
                has_example: example_json(b.id).is_some(),
            });
        }
        to_js(&out)
    })
}

/// Resolve a standard from its text (TOML, JSON or YAML) (its `extends` parents come from the built-ins) and
/// return it as a plain object, with `warnings`: what every CLI command prints with a ⚠ for
/// the file (`standard::load_text_noted`), e.g. points shown as official because the cite is
/// verified and no `points_cite` says they are designed; empty when none. Throws
/// `invalid_standard` with every problem.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = loadStandard, unchecked_return_type = "LoadedStandard")]
pub fn load_standard(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] name: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    entry(|| {
        let (text, name) = (args::text(&text, "text")?, args::optional_text(name, "name")?);
        let r = standard::load_text_noted(name.as_deref().unwrap_or(DEFAULT_NAME), &text).map_err(Failure::Standard)?;
        // Set on the object: through `#[serde(flatten)]` the full module was 349 gzip bytes
        // larger (678,788 against 678,439, `cargo xtask dist`, 2026-12-06).
        let st = to_js(&r.standard)?;
        js_sys::Reflect::set(&st, &"warnings".into(), &to_js(&r.warnings)?)
            .map_err(|_| Failure::Internal("cannot set `warnings`".into()))?;
        Ok(st)
    })
}

/// Every problem of a standard's text (TOML, JSON or YAML); empty when it is valid.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = validateStandard, unchecked_return_type = "Diagnostic[]")]
pub fn validate_standard(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] name: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    entry(|| match from_text_arg(&text, name) {
        Ok(_) => to_js(&[(); 0]),
        Err(Failure::Standard(e)) => to_js(&e.diagnostics),
        Err(other) => Err(other),
    })
}

/// Resolve a standard from its text and pack it for the widgets (`standardPacked`): the
/// bytes `lifecircle pack` writes. Throws `invalid_standard` with every problem.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = packStandard)]
pub fn pack_standard(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] name: Option<JsValue>,
) -> Result<Vec<u8>, JsValue> {
    entry(|| Ok(standard::bundle::pack_standard(&from_text_arg(&text, name)?)))
}

/// Score a circle: the assessment as a plain object.
#[wasm_bindgen(unchecked_return_type = "Assessment")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CircleInput | string")] circle: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    entry(|| to_js(&assess(&standard_arg(&standard)?, &circle, &args::text(&as_of, "asOf")?)?))
}

/// Score a circle: the assessment as JSON text, byte for byte what the CLI's
/// `score --format json` writes for one circle.
#[wasm_bindgen(js_name = scoreJson)]
pub fn score_json(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CircleInput | string")] circle: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
) -> Result<String, JsValue> {
    entry(|| score_json_with(&standard_arg(&standard)?, &circle, &args::text(&as_of, "asOf")?))
}

/// [`score_json`] against an already resolved standard (the golden tests use it for test
/// standards whose parents are not built in).
///
/// # Errors
/// The circle's or the date's problems.
pub fn score_json_with(standard: &Standard, circle: &JsValue, as_of: &str) -> Result<String, Failure> {
    let a = assess(standard, circle, as_of)?;
    pretty(&a)
}

/// The assessment as a readable report: `lang` `"zh"` (default) or `"en"`, `format` `"text"`
/// (default) or `"markdown"` (`"md"`).
#[wasm_bindgen]
pub fn report(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CircleInput | string")] circle: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat")] format: Option<JsValue>,
) -> Result<String, JsValue> {
    entry(|| {
        let (lang, format) = (lang_arg(lang)?, format_arg(format)?);
        let a = assess(&standard_arg(&standard)?, &circle, &args::text(&as_of, "asOf")?)?;
        Ok(report::render(&a, lang, format))
    })
}

fn lang_arg(lang: Option<JsValue>) -> Result<Lang, Failure> {
    match args::optional_text(lang, "lang")?.as_deref() {
        None | Some("zh") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        Some(other) => {
            Err(Failure::argument("lang", format!("须为 zh 或 en，实为 `{other}` / `{other}` is not `zh` or `en`")))
        }
    }
}

fn format_arg(format: Option<JsValue>) -> Result<Format, Failure> {
    match args::optional_text(format, "format")?.as_deref() {
        None | Some("text") => Ok(Format::Text),
        Some("markdown" | "md") => Ok(Format::Markdown),
        Some(other) => Err(Failure::argument(
            "format",
            format!("须为 text 或 markdown，实为 `{other}` / `{other}` is not `text` or `markdown`"),
        )),
    }
}

/// The `asOf` argument: a date written `YYYY-MM-DD` (said as the CLI's `--as-of` says it).
fn date_arg(as_of: &str) -> Result<Date, Failure> {
    as_of.parse::<Date>().map_err(|e| {
        Failure::argument("asOf", format!("`{as_of}` 不是有效日期，应为 YYYY-MM-DD（如 2025-06-30）/ {e}"))
    })
}

/// A district's circles against the standard's targets (what `lifecircle district` does): the
/// summary as a plain object. `communities` is the number of communities in the district;
/// `reported` the values the district reports for its targets that circle data cannot give,
/// as the CLI's `--reported` takes them (`"provincial_pilot=1, professional_operators=2"`).
#[cfg(feature = "district")]
#[wasm_bindgen(unchecked_return_type = "District")]
pub fn district(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(CircleInput | string)[]")] circles: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
    communities: Option<f64>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] reported: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    entry(|| to_js(&summarise(&standard_arg(&standard)?, &circles, &as_of, communities, reported)?))
}

/// [`district`] as JSON text, byte for byte what the CLI's `district --format json` writes.
#[cfg(feature = "district")]
#[wasm_bindgen(js_name = districtJson)]
pub fn district_json(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(CircleInput | string)[]")] circles: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
    communities: Option<f64>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] reported: Option<JsValue>,
) -> Result<String, JsValue> {
    entry(|| {
        let d = summarise(&standard_arg(&standard)?, &circles, &as_of, communities, reported)?;
        pretty(&d)
    })
}

/// [`district`] as a readable report (`lang`, `format` as for `report`; `reported` last).
#[cfg(feature = "district")]
#[wasm_bindgen(js_name = districtReport)]
pub fn district_report(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(CircleInput | string)[]")] circles: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
    communities: Option<f64>,
    #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat")] format: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] reported: Option<JsValue>,
) -> Result<String, JsValue> {
    entry(|| {
        let (lang, format) = (lang_arg(lang)?, format_arg(format)?);
        let d = summarise(&standard_arg(&standard)?, &circles, &as_of, communities, reported)?;
        Ok(report::render_district(&d, lang, format))
    })
}

/// Reads every circle and lets the core score and summarise them
/// (`lifecircle_core::district::summarise`): each must score, since one left out would
/// undercount the circles built; a problem's field is prefixed with its circle,
/// `circles[2].population`; an id given twice, or no circle at all, is refused as a bad
/// `circles` argument.
#[cfg(feature = "district")]
fn summarise(
    standard: &Standard,
    circles: &JsValue,
    as_of: &JsValue,
    communities: Option<f64>,
    reported: Option<JsValue>,
) -> Result<lifecircle_core::district::District, Failure> {
    let date = date_arg(&args::text(as_of, "asOf")?)?;
    let communities = communities.map(|n| args::count(n, "communities")).transpose()?;
    let reported = match reported.filter(|r| !r.is_undefined() && !r.is_null()) {
        Some(r) => lifecircle_core::district::parse_reported(&args::text(&r, "reported")?)
            .map_err(|e| Failure::argument("reported", e))?,
        None => Vec::new(),
    };
    // One circle given alone (not in an array) must not read as a district of none.
    let circles = args::array(circles, "circles")?;
    let mut read = Vec::with_capacity(circles.len());
    for (i, c) in circles.iter().enumerate() {
        read.push(circle_from(c).map_err(|f| match f {
            Failure::Input(e) => Failure::Input(
                lifecircle_core::district::Refused { unscored: vec![(i, e)], repeated: vec![] }.into_input_error(),
            ),
            other => other,
        })?);
    }
    let d = lifecircle_core::district::summarise(standard, &read, date, communities).map_err(|r| {
        if r.is_empty_list() {
            // No circle at all: a bad `circles`, in the words the CLI uses.
            Failure::argument("circles", lifecircle_core::district::NO_CIRCLES.to_string())
        } else if r.unscored.is_empty() {
            Failure::argument("circles", lifecircle_core::district::repeated_message(&r.repeated))
        } else {
            Failure::Input(r.into_input_error())
        }
    })?;
    d.with_reported(&reported).map_err(|e| Failure::argument("reported", e.join("\n")))
}

/// The JSON Schema of an input format, `"circle"` or `"standard"`, as an object. The
/// standard's schema is for writing standards, which only the full module reads (feature
/// `authoring`): the scoring module leaves its 23 KB out and says where it is.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema(#[wasm_bindgen(unchecked_param_type = "SchemaName")] which: JsValue) -> Result<JsValue, JsValue> {
    entry(|| {
        let text = match args::text(&which, "which")?.as_str() {
            // The files in standards/schema without their indentation (build.rs).
            "circle" => include_str!(concat!(env!("OUT_DIR"), "/circle.schema.json")),
            #[cfg(feature = "authoring")]
            "standard" => include_str!(concat!(env!("OUT_DIR"), "/standard.schema.json")),
            #[cfg(not(feature = "authoring"))]
            "standard" => {
                return Err(Failure::argument(
                    "which",
                    "标准文件的 JSON Schema 在完整模块 lifecircle/full 中（本模块不读标准文本）/ the standard's schema is in the full module, lifecircle/full (this module reads no standard text)".into(),
                ));
            }
            other => {
                return Err(Failure::argument(
                    "which",
                    format!("须为 circle 或 standard，实为 `{other}` / `{other}` is not `circle` or `standard`"),
                ));
            }
        };
        parse_json(text)
    })
}

/// The built-in sample circle (示例数据, marked `sample: true`) written for a standard.
/// Throws `no_example` when there is none.
#[wasm_bindgen(js_name = exampleCircle, unchecked_return_type = "CircleInput")]
pub fn example_circle(
    #[wasm_bindgen(js_name = standardId, unchecked_param_type = "string")] standard_id: JsValue,
) -> Result<JsValue, JsValue> {
    entry(|| {
        let standard_id = args::text(&standard_id, "standardId")?;
        match example_json(&standard_id) {
            Some(json) => parse_json(json),
            None => Err(Failure::NoExample(standard_id)),
        }
    })
}

/// The built-in sample circles, `(standard id, JSON text)`: the files of the core's
/// [`lifecircle_core::example::EXAMPLES`] without their indentation (build.rs), since
/// `exampleCircle` parses them into objects anyway.
static EXAMPLES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The sample circle's JSON text (compact) written for a standard.
pub(crate) fn example_json(standard_id: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(id, _)| *id == standard_id).map(|(_, json)| *json)
}

// Walking reach: with the `access` feature, `access.rs` adds `WalkNetwork` and friends (built by
// `cargo xtask dist` into the second module `lifecircle_full.js`, with `authoring`).

/// A test-only export that panics, to check what a JS caller sees (`code: "panic"`).
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests(message: &str) -> Result<JsValue, JsValue> {
    entry(|| -> Result<JsValue, Failure> { panic!("{message}") })
}

/// The `standard` argument of `score`, `scoreJson` and `report`: a string (see
/// [`standard_from`]) or a packed standard (`Uint8Array`/`ArrayBuffer` from `packStandard` or
/// `lifecircle pack`, its digest checked), which both modules read.
pub(crate) fn standard_arg(arg: &JsValue) -> Result<Standard, Failure> {
    if let Some(s) = arg.as_string() {
        return standard_from(&s);
    }
    if arg.is_instance_of::<js_sys::Uint8Array>() || arg.is_instance_of::<js_sys::ArrayBuffer>() {
        return standard::bundle::unpack_standard(&js_sys::Uint8Array::new(arg).to_vec())
            .ok_or_else(|| Failure::argument("standard", standard::bundle::UNREADABLE_PACKED.into()));
    }
    Err(Failure::argument(
        "standard",
        "须为内置标准 id、打包的标准（packStandard 的结果）或（完整模块中）标准文本 / must be a built-in id, a packed \
         standard (what packStandard returns) or, in lifecircle/full, a standard's text"
            .into(),
    ))
}

/// A standard's text (TOML, JSON or YAML) resolved with the built-in standards as parents;
/// `name` (else [`DEFAULT_NAME`]) is the file name its diagnostics give.
#[cfg(feature = "authoring")]
fn from_text(text: &str, name: Option<&str>) -> Result<Standard, Failure> {
    standard::load_text(name.unwrap_or(DEFAULT_NAME), text).map_err(Failure::Standard)
}

/// [`from_text`] with the `text` and `name` arguments as JS passed them.
#[cfg(feature = "authoring")]
fn from_text_arg(text: &JsValue, name: Option<JsValue>) -> Result<Standard, Failure> {
    from_text(&args::text(text, "text")?, args::optional_text(name, "name")?.as_deref())
}

/// A built-in id, or (in the `full` module, feature `authoring`) the text of a standard
/// (TOML, JSON or YAML, with built-in parents).
pub(crate) fn standard_from(arg: &str) -> Result<Standard, Failure> {
    let looks_like_id =
        !arg.is_empty() && arg.len() <= 64 && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !looks_like_id {
        #[cfg(feature = "authoring")]
        return from_text(arg, None);
        #[cfg(not(feature = "authoring"))]
        return Err(Failure::argument(
            "standard",
            "自定义标准的文本需要完整模块 lifecircle/full；本模块只含内置标准 \
             (a standard's own text needs the lifecircle/full module; this one holds the built-in standards only)"
                .into(),
        ));
    }
    standard::load_builtin(arg).map_err(|e| {
        if standard::builtin(arg).is_some() { Failure::Standard(e) } else { Failure::UnknownStandard(arg.into(), e) }
    })
}

/// A circle given as a JSON string, or as a plain object (sent through `JSON.stringify`, so
/// it is parsed by exactly the same code, unknown fields rejected; problems then name the
/// field path only, since line and column would point into the stringified text). A NaN or
/// infinite number is an error on its field (`invalid type: string "NaN"`), never "missing".
pub(crate) fn circle_from(v: &JsValue) -> Result<Circle, Failure> {
    if let Some(text) = v.as_string() {
        return Circle::from_json(&text).map_err(Failure::Input);
    }
    if !v.is_object() {
        return Err(Failure::argument("circle", "须为对象或 JSON 文本 / must be an object or a JSON string".into()));
    }
    // JSON.stringify writes NaN and ±Infinity as `null`, which would read as "missing":
    // write them as strings instead, so the field is reported as a wrong type.
    let non_finite_as_text =
        Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, value: JsValue| match value.as_f64() {
            Some(n) if n.is_nan() => JsValue::from_str("NaN"),
            Some(n) if n.is_infinite() => JsValue::from_str(if n > 0.0 { "Infinity" } else { "-Infinity" }),
            _ => value,
        });
    let text = js_sys::JSON::stringify_with_replacer(v, non_finite_as_text.as_ref())
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
        .ok_or_else(|| {
            Failure::argument(
                "circle",
                "无法写成 JSON（含循环引用或 BigInt？）/ cannot be written as JSON (a cycle or a BigInt?)".into(),
            )
        })?;
    Circle::from_json(&text).map_err(|mut e| {
        for p in &mut e.problems {
            p.line = None;
            p.column = None;
        }
        Failure::Input(e)
    })
}

fn assess(standard: &Standard, circle: &JsValue, as_of: &str) -> Result<lifecircle_core::Assessment, Failure> {
    let as_of = date_arg(as_of)?;
    let circle = circle_from(circle)?;
    lifecircle_core::score(standard, &circle, as_of).map_err(Failure::Input)
}

/// A value as a plain JS object: written as JSON by the same serializer as `scoreJson` and
/// read with `JSON.parse` (one serializer in the module instead of two keeps it small; the
/// numbers are the same since serde_json writes the shortest text that reads back exactly).
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, Failure> {
    let text = serde_json::to_string(v).map_err(|e| Failure::Internal(e.to_string()))?;
    parse_json(&text)
}

/// A value as indented JSON text, byte for byte what `serde_json::to_string_pretty` writes, but
/// written compact and indented after ([`lifecircle_core::indent_json`]): the
/// module's other JSON (`to_js`, the digests) is compact, and a second, pretty instance of every
/// `Serialize` of the assessment (and of every type it shares with the circle and the standard)
/// cost the scoring module 2.5 KB gzip (measured 2026-12-06).
fn pretty<T: Serialize + ?Sized>(v: &T) -> Result<String, Failure> {
    let compact = serde_json::to_string(v).map_err(|e| Failure::Internal(e.to_string()))?;
    Ok(lifecircle_core::indent_json(&compact))
}

/// JSON text as a JS object.
fn parse_json(text: &str) -> Result<JsValue, Failure> {
    js_sys::JSON::parse(text).map_err(|_| Failure::Internal("JSON text does not parse".into()))
}

#[cfg(test)]
mod tests {
    /// The compact samples are the core's, file for file and value for value.
    #[test]
    fn the_compact_samples_are_the_cores() {
        let core = lifecircle_core::example::EXAMPLES;
        assert_eq!(super::EXAMPLES.len(), core.len());
        for e in core {
            let json = super::example_json(e.standard).unwrap_or_else(|| panic!("no sample for {}", e.standard));
            assert!(json.len() < e.json.len(), "{} is compact", e.standard);
            let ours: serde_json::Value = serde_json::from_str(json).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(e.json).unwrap();
            assert_eq!(ours, theirs, "{}", e.standard);
        }
    }
}
