//! The one place where Rust errors become JS errors.
//!
//! Every failure is thrown as a JS `Error` whose `message` is the Rust error's text and which
//! carries a stable `code` property, plus the details as plain objects:
//!
//! | `code` | when | details |
//! |---|---|---|
//! | `invalid_standard` | a standard's text has problems | `diagnostics`: `Diagnostic[]` (file, line, column, item, code) |
//! | `unknown_standard` | an id that is not built in | `diagnostics` (one `unknown_parent`) |
//! | `invalid_input` | the circle is malformed or absurd | `problems`: `InputProblem[]` (code, field path, line, column) |
//! | `bad_argument` | a wrong `asOf`, `lang`, `format`, `which`; a circle that is neither object nor string; a standard that is neither a built-in id, a packed standard nor (full module) a text | `argument`: its name |
//! | `no_example` | no sample circle for that standard | `standard` |
//! | `invalid_data` | street, facility or origin data that cannot be read (walking reach) | — (the message names the element, feature or line) |
//! | `access_error` | a walk that cannot be measured (a point far from every street, bad parameters) | — |
//! | `internal` | a value could not be converted (a bug) | — |
//! | `panic` | the core panicked (a bug); see `panic.rs` | — |

use lifecircle_core::{InputError, StandardError};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Why a call failed, before it becomes a JS `Error`.
#[derive(Debug)]
pub enum Failure {
    /// A standard's text has problems.
    Standard(StandardError),
    /// A standard id that is not built in.
    UnknownStandard(StandardError),
    /// The circle input cannot be scored.
    Input(InputError),
    /// An argument other than the standard or the circle's content is wrong.
    Argument { argument: &'static str, message: String },
    /// No sample circle for this standard.
    NoExample(String),
    /// Street, facility or origin data that cannot be read.
    Data(String),
    /// A walk that cannot be measured.
    Access(String),
    /// A conversion that cannot fail did (a bug).
    Internal(String),
    /// The core panicked (a bug).
    Panic(String),
}

impl Failure {
    pub(crate) fn argument(argument: &'static str, message: String) -> Failure {
        Failure::Argument { argument, message }
    }

    #[cfg_attr(not(feature = "access"), allow(dead_code))]
    pub(crate) fn data(e: lifecircle_core::access::ImportError) -> Failure {
        Failure::Data(e.bilingual())
    }

    #[cfg_attr(not(feature = "access"), allow(dead_code))]
    pub(crate) fn access(e: lifecircle_core::access::AccessError) -> Failure {
        Failure::Access(e.bilingual())
    }

    /// The stable code a JS caller can switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Standard(_) => "invalid_standard",
            Failure::UnknownStandard(_) => "unknown_standard",
            Failure::Input(_) => "invalid_input",
            Failure::Argument { .. } => "bad_argument",
            Failure::NoExample(_) => "no_example",
            Failure::Data(_) => "invalid_data",
            Failure::Access(_) => "access_error",
            Failure::Internal(_) => "internal",
            Failure::Panic(_) => "panic",
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Standard(e) | Failure::UnknownStandard(e) => e.to_string(),
            Failure::Input(e) => e.to_string(),
            Failure::Argument { argument, message } => format!("{argument}: {message}"),
            Failure::NoExample(id) => format!("no sample circle for standard `{id}`"),
            Failure::Data(m) | Failure::Access(m) => m.clone(),
            Failure::Internal(m) => format!("internal error: {m}"),
            Failure::Panic(m) => format!("lifecircle panicked (a bug): {m}"),
        }
    }
}

/// The JS `Error` for a failure: `message`, `code` and the details as properties.
pub(crate) fn into_js(f: Failure) -> JsValue {
    let err = js_sys::Error::new(&f.message());
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(f.code()));
    match &f {
        Failure::Standard(e) | Failure::UnknownStandard(e) => set("diagnostics", details(&e.diagnostics)),
        Failure::Input(e) => set("problems", details(&e.problems)),
        Failure::Argument { argument, .. } => set("argument", JsValue::from_str(argument)),
        Failure::NoExample(id) => set("standard", JsValue::from_str(id)),
        Failure::Internal(_) | Failure::Panic(_) | Failure::Data(_) | Failure::Access(_) => {}
    }
    err.into()
}

/// Details as plain JS objects (`null` if they cannot be converted, which would be a bug).
fn details<T: Serialize>(v: &T) -> JsValue {
    crate::to_js(v).unwrap_or(JsValue::NULL)
}
