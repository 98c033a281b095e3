//! The one place where Rust errors become JS errors.
//!
//! Every failure is thrown as a JS `Error` whose `message` is the Rust error's text (zh-CN
//! first, then English) and which carries a stable `code` property, plus the details as plain
//! objects:
//!
//! | `code` | when | details |
//! |---|---|---|
//! | `invalid_standard` | a standard's text has problems | `diagnostics`: `Diagnostic[]` (file, line, column, item, code, `message`, `message_zh`) |
//! | `unknown_standard` | an id that is not built in | `diagnostics` (one `unknown_parent`) |
//! | `invalid_input` | the circle is malformed or absurd | `problems`: `InputProblem[]` (code, field path, line, column) |
//! | `bad_argument` | a wrong `asOf`, `lang`, `format`, `which`; a circle that is neither object nor string; a standard that is neither a built-in id, a packed standard nor (full module) a text; any argument of the wrong type (`args.rs`) | `argument`: its name |
//! | `no_example` | no sample circle for that standard | `standard` |
//! | `invalid_data` | street, facility or origin data that cannot be read (walking reach) | — (the message names the element, feature or line) |
//! | `access_error` | a walk that cannot be measured (a point far from every street, bad parameters) | — |
//! | `internal` | a value could not be converted (a bug) | — |
//! | `panic` | the core panicked (a bug); see `panic.rs` | — |

use lifecircle_core::score::join_all;
use lifecircle_core::{InputError, StandardError};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Why a call failed, before it becomes a JS `Error`.
#[derive(Debug)]
pub enum Failure {
    /// A standard's text has problems.
    Standard(StandardError),
    /// A standard id that is not built in: the id, and the error (one `unknown_parent`).
    UnknownStandard(String, StandardError),
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
            Failure::UnknownStandard(..) => "unknown_standard",
            Failure::Input(_) => "invalid_input",
            Failure::Argument { .. } => "bad_argument",
            Failure::NoExample(_) => "no_example",
            Failure::Data(_) => "invalid_data",
            Failure::Access(_) => "access_error",
            Failure::Internal(_) => "internal",
            Failure::Panic(_) => "panic",
        }
    }

    /// What went wrong, zh-CN first, then English (as the CLI says it).
    fn message(&self) -> String {
        match self {
            Failure::Standard(e) => e.to_string(),
            // Not the standard-file wording ("the parent `extends` names"): the caller typed an id.
            Failure::UnknownStandard(id, _) => format!(
                "standard: 未知标准 `{id}`：不是内置标准（{zh}）/ unknown standard `{id}`: not a built-in id ({en})",
                zh = join_all(&builtin_ids(), "、"),
                en = join_all(&builtin_ids(), ", ")
            ),
            Failure::Input(e) => e.to_string(),
            Failure::Argument { argument, message } => format!("{argument}: {message}"),
            Failure::NoExample(id) => {
                let have: Vec<&str> = builtin_ids().into_iter().filter(|b| crate::example_json(b).is_some()).collect();
                format!(
                    "标准 `{id}` 没有示例生活圈（有示例的：{zh}）/ no sample circle for standard `{id}` (have: {en})",
                    zh = join_all(&have, "、"),
                    en = join_all(&have, ", ")
                )
            }
            Failure::Data(m) | Failure::Access(m) => m.clone(),
            Failure::Internal(m) => format!("内部错误（程序缺陷）/ internal error (a bug): {m}"),
            Failure::Panic(m) => {
                format!("lifecircle 程序缺陷（panic），请重新加载页面 / lifecircle panicked (a bug): {m}")
            }
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
        Failure::Standard(e) | Failure::UnknownStandard(_, e) => set("diagnostics", details(&e.diagnostics)),
        Failure::Input(e) => set("problems", details(&e.problems)),
        Failure::Argument { argument, .. } => set("argument", JsValue::from_str(argument)),
        Failure::NoExample(id) => set("standard", JsValue::from_str(id)),
        Failure::Internal(_) | Failure::Panic(_) | Failure::Data(_) | Failure::Access(_) => {}
    }
    err.into()
}

/// The ids of the built-in standards, parents first.
fn builtin_ids() -> Vec<&'static str> {
    lifecircle_core::standard::BUILTIN.iter().map(|b| b.id).collect()
}

/// Details as plain JS objects (`null` if they cannot be converted, which would be a bug).
fn details<T: Serialize>(v: &T) -> JsValue {
    crate::to_js(v).unwrap_or(JsValue::NULL)
}
