//! `loadStandard` gives an npm user the warnings every CLI command prints for a standard's file
//! (`standard::load_text_noted`): a verified requirement with points and no `points_cite`
//! would show its points as official.
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test -p lifecircle-wasm --features authoring --target wasm32-unknown-unknown --test standard_warnings
//! ```

#![cfg(all(target_arch = "wasm32", feature = "authoring"))]

use js_sys::Reflect;
use lifecircle_wasm as facade;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The auditor's example (core/tests/designed_scoring.rs): a city's standard on top of
/// mofcom-2021 whose MC-L04 has a verified `cite`, 4 points and no `points_cite`; `points = 4`
/// is on line 23.
const MINE: &str = include_str!("../../core/tests/designed_scoring/mine-2026.toml");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn warnings(v: &JsValue) -> Vec<JsValue> {
    let w = get(v, "warnings");
    assert!(js_sys::Array::is_array(&w), "`warnings` is an array: {w:?}");
    w.unchecked_into::<js_sys::Array>().iter().collect()
}

#[wasm_bindgen_test]
fn load_standard_returns_the_warnings_the_cli_prints() {
    let st = facade::load_standard(MINE.into(), Some("mine.toml".into())).unwrap();
    // Still the standard, as before.
    assert_eq!(get(&st, "id").as_string().as_deref(), Some("mine-2026"));
    assert!(js_sys::Array::is_array(&get(&st, "indicators")));
    let w = warnings(&st);
    assert_eq!(w.len(), 1, "{w:?}");
    // The same warning as the core's, field for field (what the CLI prints after ⚠).
    let want = &lifecircle_core::standard::load_text_noted("mine.toml", MINE).unwrap().warnings[0];
    assert_eq!(get(&w[0], "code").as_string().as_deref(), Some("missing_citation"));
    assert_eq!(get(&w[0], "file").as_string().as_deref(), Some("mine.toml"));
    assert_eq!(get(&w[0], "line").as_f64(), Some(23.0));
    assert_eq!(get(&w[0], "item").as_string().as_deref(), Some("MC-L04"));
    let zh = get(&w[0], "message_zh").as_string().unwrap();
    assert_eq!(zh, want.message_zh());
    assert!(zh.contains("4 分将显示为官方数值"), "{zh}");
    assert!(get(&w[0], "message").as_string().unwrap().contains("shown as official"));

    // A built-in standard's text has none: an empty list, not a missing field.
    let b = lifecircle_core::standard::builtin("longwan-2024").unwrap();
    let text = lifecircle_core::standard::builtin_text(b.id).unwrap();
    let st = facade::load_standard(text.into(), Some(b.file.into())).unwrap();
    assert!(warnings(&st).is_empty());
}
