//! Arguments as JS passes them: checked here, so that a wrong type is a `bad_argument` naming
//! the argument, never a crash in the generated glue.
//!
//! wasm-bindgen's glue for a `&str`, `String`, `&[u8]`, `Vec<f64>` or `u32` parameter trusts the
//! caller: a number or `Date` given for a string ended in `RuntimeError: memory access out of
//! bounds`, `undefined` in a `TypeError` without a `code`; an `ArrayBuffer` or a string given
//! for bytes, or one object for an array, was read as empty, and `-1` for a count as
//! 4294967295, without a word. The exports take such parameters as `JsValue` (their TypeScript
//! types unchanged) and read them with these functions.

use wasm_bindgen::{JsCast, JsValue};

use crate::error::Failure;

/// What a JS value is, for messages: `number`, `undefined`, `null`, `array`, `object` …
fn kind(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// A required text argument.
pub(crate) fn text(v: &JsValue, argument: &'static str) -> Result<String, Failure> {
    v.as_string().ok_or_else(|| {
        Failure::argument(argument, format!("须为文本（字符串），实为 {k} / must be a string, got {k}", k = kind(v)))
    })
}

/// An optional text argument: `undefined` or `null` is absent.
pub(crate) fn optional_text(v: Option<JsValue>, argument: &'static str) -> Result<Option<String>, Failure> {
    match v {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => text(&v, argument).map(Some),
    }
}

/// The bytes of a file: a `Uint8Array` (a Node `Buffer` is one), another typed array or a
/// `DataView` (its bytes), an `ArrayBuffer` (what `fetch(…).arrayBuffer()` and
/// `File.arrayBuffer()` give) or an array of byte values.
#[cfg_attr(not(feature = "access"), allow(dead_code))]
pub(crate) fn bytes(v: &JsValue, argument: &'static str) -> Result<Vec<u8>, Failure> {
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(a.to_vec());
    }
    if v.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(v).to_vec());
    }
    if js_sys::ArrayBuffer::is_view(v) {
        let buffer = js_sys::Reflect::get(v, &JsValue::from_str("buffer")).map_err(|_| bytes_error(v, argument))?;
        let offset =
            js_sys::Reflect::get(v, &JsValue::from_str("byteOffset")).ok().and_then(|n| n.as_f64()).unwrap_or(0.0);
        let length =
            js_sys::Reflect::get(v, &JsValue::from_str("byteLength")).ok().and_then(|n| n.as_f64()).unwrap_or(0.0);
        // Offsets and lengths of a view are whole numbers below 2^53: exact in f64 and u32 here.
        return Ok(js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, offset as u32, length as u32).to_vec());
    }
    if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        let mut out = Vec::with_capacity(a.length() as usize);
        for (i, x) in a.iter().enumerate() {
            match x.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=255.0).contains(&n) => out.push(n as u8),
                _ => {
                    return Err(Failure::argument(
                        argument,
                        format!(
                            "第 {i} 项不是 0 至 255 的整数（字节） / item {i} is not a byte (a whole number from 0 to 255)"
                        ),
                    ));
                }
            }
        }
        return Ok(out);
    }
    Err(bytes_error(v, argument))
}

#[cfg_attr(not(feature = "access"), allow(dead_code))]
fn bytes_error(v: &JsValue, argument: &'static str) -> Failure {
    Failure::argument(
        argument,
        format!(
            "须为文件的字节（Uint8Array 或 ArrayBuffer，如 await (await fetch(url)).arrayBuffer()），实为 {k} / must be \
             the file's bytes (a Uint8Array or an ArrayBuffer, e.g. await (await fetch(url)).arrayBuffer()), got {k}",
            k = kind(v)
        ),
    )
}

/// An array of values (each read by the caller).
#[cfg_attr(not(any(feature = "access", feature = "district")), allow(dead_code))]
pub(crate) fn array(v: &JsValue, argument: &'static str) -> Result<Vec<JsValue>, Failure> {
    match v.dyn_ref::<js_sys::Array>() {
        Some(a) => Ok(a.iter().collect()),
        None => Err(Failure::argument(
            argument,
            format!(
                "须为数组 […]（只有一项也要写成 [x]），实为 {k} / must be an array […] (one item too: [x]), got {k}",
                k = kind(v)
            ),
        )),
    }
}

/// An array of numbers: a plain array or a `Float64Array`.
#[cfg_attr(not(feature = "access"), allow(dead_code))]
pub(crate) fn numbers(v: &JsValue, argument: &'static str) -> Result<Vec<f64>, Failure> {
    if let Some(a) = v.dyn_ref::<js_sys::Float64Array>() {
        return Ok(a.to_vec());
    }
    let mut out = Vec::new();
    for (i, x) in array(v, argument)?.iter().enumerate() {
        out.push(x.as_f64().ok_or_else(|| {
            Failure::argument(
                argument,
                format!("第 {i} 项不是数字，实为 {k} / item {i} is not a number, got {k}", k = kind(x)),
            )
        })?);
    }
    Ok(out)
}

/// A count (a whole number from 0 to 4294967295), for an argument declared `number`.
#[cfg_attr(not(any(feature = "access", feature = "district")), allow(dead_code))]
pub(crate) fn count(n: f64, argument: &'static str) -> Result<u32, Failure> {
    if n.is_finite() && n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
        // Whole and in range: exact.
        Ok(n as u32)
    } else {
        Err(Failure::argument(
            argument,
            format!("须为不小于 0 的整数，实为 {n} / must be a whole number, 0 or more, got {n}"),
        ))
    }
}
