//! A panic in the widgets is a bug, and whoever reports it needs its message and place: the
//! widgets' panic hook writes both to the console (`lifecircle-widgets 程序缺陷 / bug: …`)
//! before the instance traps, instead of leaving only `RuntimeError: unreachable`.
//!
//! Its own test binary (so its own wasm instance): after the panic the instance is unusable by
//! design. Needs `--features test-panic` (for the hidden `__panicForTests` export), which
//! `cargo xtask test` passes.

#![cfg(all(target_arch = "wasm32", feature = "test-panic"))]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
const seen = [];
export function recordConsoleErrors() {
  const original = console.error;
  console.error = (...args) => { seen.push(args.map(String).join(' ')); original.apply(console, args); };
}
export function consoleErrors() { return seen.join('\\n'); }
export function catchError(f) { try { f(); return null; } catch (e) { return e; } }
")]
extern "C" {
    #[wasm_bindgen(js_name = recordConsoleErrors)]
    fn record_console_errors();
    #[wasm_bindgen(js_name = consoleErrors)]
    fn console_errors() -> String;
    /// Call `f` from JS and return what it throws, the way a page's script would catch it.
    #[wasm_bindgen(js_name = catchError)]
    fn catch_error(f: &js_sys::Function) -> JsValue;
}

#[wasm_bindgen_test]
fn a_panic_writes_its_message_and_place_to_the_console() {
    record_console_errors();
    let call = Closure::<dyn Fn()>::new(|| lifecircle_web::bindings::panic_for_tests("boom for the test"));
    let thrown = catch_error(call.as_ref().unchecked_ref());

    // The page's script sees the trap (lifecircle-widgets.js shows it as an internal error) …
    assert!(thrown.is_instance_of::<js_sys::WebAssembly::RuntimeError>(), "not a RuntimeError: {thrown:?}");
    // … and the console holds what a bug report needs: the marker, the message and the place.
    let logged = console_errors();
    assert!(logged.contains("lifecircle-widgets 程序缺陷 / bug:"), "{logged}");
    assert!(logged.contains("boom for the test"), "{logged}");
    assert!(logged.contains("bindings.rs:"), "no source place in: {logged}");
}
