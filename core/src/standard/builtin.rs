//! The standards shipped with lifecircle.
//!
//! Their TOML files (`standards/*.toml`) are the canonical text; scoring reads them resolved
//! ahead of time from `standards/resolved/builtin.bin` ([`super::bundle`]), so a build that
//! only scores against built-in standards carries no standard-file parser. The TOML text is
//! still embedded for `extends` of a user's own standard ([`builtin_parent`]).

use std::sync::OnceLock;

use super::bundle::Bundle;

/// A built-in standard: its id and its file name.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
}

/// Every built-in standard, parents before children.
pub static BUILTIN: &[Builtin] = &[
    Builtin { id: "mofcom-2021", file: "standards/mofcom-2021.toml" },
    Builtin { id: "zhejiang-2023", file: "standards/zhejiang-2023.toml" },
    Builtin { id: "longwan-2024", file: "standards/longwan-2024.toml" },
    Builtin { id: "gb50180-2018", file: "standards/gb50180-2018.toml" },
];

/// The resolved built-in standards, as committed.
pub(crate) static BUNDLE: &[u8] = include_bytes!("../../../standards/resolved/builtin.bin");

/// The built-in standard with this id.
pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

/// The TOML text of a built-in standard.
pub fn builtin_text(id: &str) -> Option<&'static str> {
    Some(match id {
        "mofcom-2021" => include_str!("../../../standards/mofcom-2021.toml"),
        "zhejiang-2023" => include_str!("../../../standards/zhejiang-2023.toml"),
        "longwan-2024" => include_str!("../../../standards/longwan-2024.toml"),
        "gb50180-2018" => include_str!("../../../standards/gb50180-2018.toml"),
        _ => return None,
    })
}

/// A parent lookup over the built-in standards, for [`super::resolve`].
pub fn builtin_parent(id: &str) -> Option<(String, String)> {
    Some((builtin(id)?.file.to_string(), builtin_text(id)?.to_string()))
}

/// The parsed bundle, read once.
pub(crate) fn bundle() -> Option<&'static Bundle> {
    static READ: OnceLock<Option<Bundle>> = OnceLock::new();
    READ.get_or_init(|| Bundle::from_bytes(BUNDLE)).as_ref()
}
