//! `THIRD-PARTY-NOTICES.txt` beside a shipped wasm module: the crates compiled into it, each
//! with its licence and the licence texts its package carries. A portal that hosts the files
//! hosts the notices with them (MIT and Apache-2.0 ask that copies keep them).
//!
//! The list is what Cargo links for the module: `cargo tree` of the package for the wasm target,
//! with the same features, normal dependencies only and no procedural macros (they run at build
//! time; none of their code is in the module). The texts are the `LICENSE*`, `LICENCE*`,
//! `COPYING*` and `NOTICE*` files of each package's source (`cargo metadata`), one copy of each
//! distinct text, with the crates it belongs to.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{WASM_TARGET, cargo, output};

/// The file's name.
pub const FILE: &str = "THIRD-PARTY-NOTICES.txt";

/// A crate compiled into the module: name, version, licence expression, repository.
#[derive(Debug, PartialEq)]
pub struct Crate {
    pub name: String,
    pub version: String,
    pub license: String,
    pub repository: String,
    /// The licence files' texts, by file name.
    pub texts: Vec<(String, String)>,
}

/// Writes [`FILE`] into `out` for `package` built with `features` (`None`: its defaults).
pub fn write(out: &Path, package: &str, features: Option<&str>) -> Result<(), String> {
    let crates = linked(package, features)?;
    let path = out.join(FILE);
    std::fs::write(&path, render(package, &crates)).map_err(|e| format!("{}: {e}", path.display()))
}

/// The crates Cargo links into `package`'s wasm module, with what their packages say.
fn linked(package: &str, features: Option<&str>) -> Result<Vec<Crate>, String> {
    let mut tree = cargo();
    tree.args(["tree", "-p", package, "--target", WASM_TARGET, "-e", "normal,no-proc-macro", "--prefix", "none"]);
    tree.args(["--format", "{p}"]);
    if let Some(f) = features {
        tree.args(["--no-default-features", "--features", f]);
    }
    let tree = output(&mut tree).ok_or_else(|| format!("`cargo tree -p {package}` failed"))?;
    let mut wanted: Vec<(String, String)> = tree
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?.to_string(), w.next()?.trim_start_matches('v').to_string()))
        })
        .filter(|(name, _)| !name.starts_with("lifecircle"))
        .collect();
    wanted.sort();
    wanted.dedup();

    let mut meta = cargo();
    meta.args(["metadata", "--format-version", "1", "--filter-platform", WASM_TARGET]);
    let meta = output(&mut meta).ok_or("`cargo metadata` failed")?;
    let meta: serde_json::Value = serde_json::from_str(&meta).map_err(|e| format!("cargo metadata: {e}"))?;
    let packages = meta["packages"].as_array().ok_or("cargo metadata: no packages")?;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    wanted
        .into_iter()
        .map(|(name, version)| {
            let p = packages
                .iter()
                .find(|p| p["name"] == name.as_str() && p["version"] == version.as_str())
                .ok_or_else(|| format!("cargo metadata does not list {name} {version}"))?;
            let dir = Path::new(p["manifest_path"].as_str().unwrap_or("")).parent().map(Path::to_path_buf);
            Ok(Crate {
                license: text(&p["license"]),
                repository: text(&p["repository"]),
                texts: dir.map(|d| licence_files(&d)).unwrap_or_default(),
                name,
                version,
            })
        })
        .collect()
}

/// The licence files in a package's folder, by name.
fn licence_files(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(String, String)> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let upper = name.to_ascii_uppercase();
            ["LICENSE", "LICENCE", "COPYING", "NOTICE"]
                .iter()
                .any(|p| upper.starts_with(p))
                .then(|| std::fs::read_to_string(e.path()).ok().map(|t| (name, t)))
                .flatten()
        })
        .collect();
    files.sort();
    files
}

/// The notices: the list of crates, then each distinct licence text once with the crates whose
/// packages carry it.
pub fn render(package: &str, crates: &[Crate]) -> String {
    let mut s = format!(
        "第三方组件许可 / Third-party notices\n\n\
         本文件夹的 WebAssembly 模块（lifecircle 的 {package}）编译时用到以下 {} 个开源 Rust crate（Cargo 为它构建的\n\
         全部依赖，其代码可能部分编入模块），各按其许可证使用；许可证原文附后。lifecircle 本身的许可见 LICENSE-MIT 与\n\
         LICENSE-APACHE。\n\
         The WebAssembly module in this folder (lifecircle's {package}) was compiled with the {} open-source Rust\n\
         crates below (every dependency Cargo builds for it; part of their code may be in the module), each used under\n\
         its licence; the licence texts follow. lifecircle's own licence is in LICENSE-MIT and LICENSE-APACHE.\n\n",
        crates.len(),
        crates.len()
    );
    for c in crates {
        let license = if c.license.is_empty() { "(see its licence files)" } else { &c.license };
        s.push_str(&format!("{} {} — {license} — {}\n", c.name, c.version, c.repository));
    }
    let mut texts: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in crates {
        for (file, text) in &c.texts {
            texts.entry(text.as_str()).or_default().push(format!("{} {} ({file})", c.name, c.version));
        }
    }
    // In the order of the first crate that carries each text.
    let mut ordered: Vec<(&str, Vec<String>)> = texts.into_iter().collect();
    ordered.sort_by(|a, b| a.1[0].cmp(&b.1[0]));
    for (text, owners) in ordered {
        s.push_str(&format!("\n{}\n{}\n\n{}\n", "=".repeat(78), owners.join("\n"), text.trim_end()));
    }
    let missing: Vec<&str> = crates.iter().filter(|c| c.texts.is_empty()).map(|c| c.name.as_str()).collect();
    if !missing.is_empty() {
        s.push_str(&format!(
            "\n{}\nNo licence file in the package (its licence is the expression listed above): {}\n",
            "=".repeat(78),
            missing.join(", ")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krate(name: &str, texts: &[(&str, &str)]) -> Crate {
        Crate {
            name: name.into(),
            version: "1.0.0".into(),
            license: "MIT OR Apache-2.0".into(),
            repository: format!("https://example.invalid/{name}"),
            texts: texts.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect(),
        }
    }

    #[test]
    fn every_crate_is_listed_and_each_text_given_once_with_its_crates() {
        let crates = [
            krate("a", &[("LICENSE-APACHE", "Apache text\n"), ("LICENSE-MIT", "MIT a\n")]),
            krate("b", &[("LICENSE-APACHE", "Apache text\n"), ("LICENSE-MIT", "MIT b\n")]),
            krate("c", &[]),
        ];
        let s = render("lifecircle-web", &crates);
        assert!(s.contains("以下 3 个开源 Rust crate"), "{s}");
        for c in ["a", "b", "c"] {
            assert!(s.contains(&format!("{c} 1.0.0 — MIT OR Apache-2.0 — https://example.invalid/{c}\n")), "{s}");
        }
        assert_eq!(s.matches("Apache text").count(), 1, "{s}");
        assert!(s.contains("a 1.0.0 (LICENSE-APACHE)\nb 1.0.0 (LICENSE-APACHE)\n\nApache text"), "{s}");
        assert!(s.contains("b 1.0.0 (LICENSE-MIT)\n\nMIT b"), "{s}");
        assert!(s.ends_with("No licence file in the package (its licence is the expression listed above): c\n"), "{s}");
    }

    #[test]
    fn the_widgets_module_lists_what_it_links_and_not_the_build_time_macros() {
        let crates = linked("lifecircle-web", None).unwrap();
        let names: Vec<&str> = crates.iter().map(|c| c.name.as_str()).collect();
        for linked in ["leptos", "serde", "serde_json", "wasm-bindgen", "sha2"] {
            assert!(names.contains(&linked), "{linked} in {names:?}");
        }
        for macros in ["serde_derive", "wasm-bindgen-macro", "leptos_macro"] {
            assert!(!names.contains(&macros), "{macros} runs at build time: {names:?}");
        }
        assert!(!names.iter().any(|n| n.starts_with("lifecircle")), "{names:?}");
        let serde = crates.iter().find(|c| c.name == "serde").unwrap();
        assert!(
            serde.texts.iter().any(|(f, t)| f.starts_with("LICENSE") && t.contains("Permission is hereby granted"))
        );
    }
}
