//! The standards shipped with lifecircle, embedded at build time from `standards/`.

/// A built-in standard: its id, its file name, and its text.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

/// Every built-in standard, parents before children.
pub static BUILTIN: &[Builtin] = &[
    Builtin {
        id: "mofcom-2021",
        file: "standards/mofcom-2021.toml",
        text: include_str!("../../../standards/mofcom-2021.toml"),
    },
    Builtin {
        id: "zhejiang-2023",
        file: "standards/zhejiang-2023.toml",
        text: include_str!("../../../standards/zhejiang-2023.toml"),
    },
    Builtin {
        id: "longwan-2024",
        file: "standards/longwan-2024.toml",
        text: include_str!("../../../standards/longwan-2024.toml"),
    },
    Builtin {
        id: "gb50180-2018",
        file: "standards/gb50180-2018.toml",
        text: include_str!("../../../standards/gb50180-2018.toml"),
    },
];

/// The built-in standard with this id.
pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

/// A parent lookup over the built-in standards, for [`super::resolve`].
pub fn builtin_parent(id: &str) -> Option<(String, String)> {
    builtin(id).map(|b| (b.file.to_string(), b.text.to_string()))
}
