//! Panics: a bug in the core must reach JS as an `Error` with `code: "panic"`, never as an
//! opaque `RuntimeError: unreachable`.
//!
//! On `wasm32-unknown-unknown` a panic aborts (there is no unwinding, so no `catch_unwind`).
//! Before the abort, std runs the panic hook. Ours (installed by the first call of any export)
//! records the message, writes it to `console.error`, and then *throws* the JS `Error`
//! (`code: "panic"`, the panic message in `message`) from inside the hook. A JS exception
//! unwinds through the wasm frames without running Rust destructors, so the trap never
//! happens and the caller's `catch` receives an ordinary `Error`.
//!
//! What the JS caller sees:
//! - the call that panicked throws `Error { code: "panic", message: "lifecircle panicked (a
//!   bug): panicked at …: <message>" }`;
//! - the instance is then unusable (Rust state was abandoned mid-call, and std refuses to run
//!   the hook twice), so every later call throws `code: "panic"` too, saying so, until the
//!   page (or the module, imported again under a fresh URL) is reloaded.

use std::sync::{Mutex, Once};

use wasm_bindgen::JsValue;

use crate::error::{Failure, into_js};

/// The message of the panic that made this instance unusable, if any.
static EARLIER: Mutex<Option<String>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Run an export's body: install the hook, refuse to run after a panic, turn failures into
/// JS errors. Every export that can fail goes through here.
pub(crate) fn entry<T>(body: impl FnOnce() -> Result<T, Failure>) -> Result<T, JsValue> {
    install();
    if let Some(m) = earlier() {
        return Err(into_js(Failure::Panic(format!(
            "an earlier call panicked, so this instance is unusable; reload the page: {m}"
        ))));
    }
    body().map_err(into_js)
}

fn earlier() -> Option<String> {
    EARLIER.lock().ok().and_then(|m| m.clone())
}

fn install() {
    // Natively (clippy, `cargo test`) panics unwind normally: keep std's hook.
    if cfg!(target_arch = "wasm32") {
        HOOK.call_once(|| std::panic::set_hook(Box::new(hook)));
    }
}

fn hook(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    console_error(&format!("lifecircle: {message}"));
    if let Ok(mut slot) = EARLIER.lock() {
        *slot = Some(message.clone());
    }
    // The lock is released: throw, which unwinds to the JS caller instead of aborting.
    wasm_bindgen::throw_val(into_js(Failure::Panic(message)));
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}
