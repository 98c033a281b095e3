//! A panic reaches the JS caller as an `Error` with `code: "panic"` (not an opaque
//! `unreachable` trap), and the instance then refuses further calls with the same code.
//!
//! Its own test binary (so its own wasm instance): after the panic the instance is unusable by
//! design. Needs `--features test-panic` (for the hidden `__panicForTests` export).

#![cfg(all(target_arch = "wasm32", feature = "test-panic"))]

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "export function catchError(f) { try { f(); return null; } catch (e) { return e; } }")]
extern "C" {
    /// Call `f` from JS and return what it throws, the way a JS caller would catch it.
    #[wasm_bindgen(js_name = catchError)]
    fn catch_error(f: &js_sys::Function) -> JsValue;
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn a_panic_is_a_js_error_with_code_panic() {
    // Before any panic the facade works.
    assert!(lifecircle_wasm::list_standards().is_ok());

    let call = Closure::<dyn Fn()>::new(|| {
        let _ = lifecircle_wasm::panic_for_tests("boom for the test");
    });
    let e = catch_error(call.as_ref().unchecked_ref());
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("panic"));
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains("boom for the test"), "{message}");
    assert!(message.contains("panicked"), "{message}");

    // Afterwards every call says the instance is unusable, with the first panic's message.
    let e = lifecircle_wasm::list_standards().unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("panic"));
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains("earlier call panicked") && message.contains("boom for the test"), "{message}");
}
