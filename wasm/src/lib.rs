//! lifecircle-wasm: the WebAssembly facade (wasm-bindgen). Only this crate knows JsValue.
