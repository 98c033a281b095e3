//! Standards: the file format, its resolution into a checked model, and the built-in ones.

mod builtin;
pub mod bundle;
mod formats;
mod model;
pub mod raw;
pub mod resolve;
mod span;

pub use builtin::{BUILTIN, Builtin, builtin, builtin_parent, builtin_text};
pub use formats::{EXTENSIONS, Format};
pub use model::*;
pub use resolve::{DiagCode, Diagnostic, Resolved, StandardError};

/// A built-in standard by id, resolved (read from the committed bundle).
///
/// # Errors
/// When the id is unknown (an `unknown_parent` diagnostic) or the committed bundle does not
/// read (which the test suite rules out).
pub fn load_builtin(id: &str) -> Result<Standard, StandardError> {
    match builtin(id) {
        Some(_) => builtin::bundle().and_then(|b| b.standard(id)).ok_or_else(|| StandardError {
            diagnostics: vec![Diagnostic {
                code: DiagCode::Syntax,
                file: "standards/resolved/builtin.bin".into(),
                line: None,
                column: None,
                item: Some(id.to_string()),
                message: format!("built-in standard `{id}` cannot be read from the bundle"),
                zh: Some(format!("无法从内置标准包中读取标准 {id}")),
            }],
        }),
        None => Err(StandardError {
            diagnostics: vec![Diagnostic {
                code: DiagCode::UnknownParent,
                file: id.to_string(),
                line: None,
                column: None,
                item: Some(id.to_string()),
                message: format!(
                    "no built-in standard `{id}` (built-in: {})",
                    crate::score::join_all(&BUILTIN.iter().map(|b| b.id).collect::<Vec<_>>(), ", ")
                ),
                zh: Some(format!(
                    "没有内置标准 {id}（内置标准有：{}）",
                    crate::score::join_all(&BUILTIN.iter().map(|b| b.id).collect::<Vec<_>>(), "、")
                )),
            }],
        }),
    }
}

/// Resolve a standard from text, with the built-in standards as possible parents.
///
/// # Errors
/// Every problem found, each naming file, line and item.
pub fn load_text(name: &str, text: &str) -> Result<Standard, StandardError> {
    resolve::resolve(name, text, &builtin_parent)
}

/// [`load_text`], with the warnings to show its author ([`Resolved`]).
///
/// # Errors
/// Every problem found, each naming file, line and item.
pub fn load_text_noted(name: &str, text: &str) -> Result<Resolved, StandardError> {
    resolve::resolve_noted(name, text, &builtin_parent)
}
