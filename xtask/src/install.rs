//! Installing what `cargo xtask test` needs and is missing, saying what it installs.
//!
//! Each check is cheap when the tool is there; a fresh CI machine gets: the wasm32 target,
//! `wasm-bindgen-cli` (the test runner, same version as the `wasm-bindgen` crate in
//! Cargo.lock), Debian's chromium + chromedriver + CJK fonts, and `npm ci` in `e2e/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{WASM_TARGET, output, root, run};

/// Add the wasm32 target if rustup does not have it (RUSTUP_AUTO_INSTALL may be off).
pub fn wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        eprintln!("==> {WASM_TARGET} target: present");
        return Ok(());
    }
    eprintln!("==> installing the {WASM_TARGET} target (missing)");
    run("install wasm32 target", Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// The version of a package in Cargo.lock.
fn locked_version(name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == format!("name = \"{name}\"")
            && let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    Err(format!("`{name}` is not in Cargo.lock"))
}

/// `wasm-bindgen-test-runner` of exactly the `wasm-bindgen` version in Cargo.lock.
pub fn wasm_bindgen_cli() -> Result<(), String> {
    let want = locked_version("wasm-bindgen")?;
    let runner = cargo_bin_dir().join("wasm-bindgen-test-runner");
    let have = output(Command::new(&runner).arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        eprintln!("==> wasm-bindgen-test-runner {want}: present");
        return Ok(());
    }
    eprintln!(
        "==> installing wasm-bindgen-cli {want} (the wasm test runner; {}): about 2-3 minutes",
        if have.is_empty() { "missing".to_string() } else { format!("found {}", have.trim()) }
    );
    // No `--locked`: its lock file pins a crate version some registries do not serve.
    run(
        "install wasm-bindgen-cli",
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &want,
        ]),
    )
}

const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Debian's chromium and chromedriver (for both browser test steps) and a CJK font (so the
/// e2e screenshot shows Chinese, not boxes).
pub fn browser() -> Result<(), String> {
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").exists() {
        missing.push("chromium");
    }
    if !Path::new("/usr/bin/chromedriver").exists() {
        missing.push("chromium-driver");
    }
    if !Path::new(CJK_FONT).exists() {
        missing.push("fonts-noto-cjk");
    }
    if missing.is_empty() {
        eprintln!("==> chromium, chromedriver, fonts-noto-cjk: present");
        return Ok(());
    }
    eprintln!("==> installing Debian packages {} (missing): about 30 s", missing.join(" "));
    run("apt-get update", Command::new("apt-get").arg("update"))?;
    run(
        "apt-get install",
        Command::new("apt-get").args(["install", "-y"]).args(&missing).env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// `npm ci` in `e2e/` when `node_modules` is missing or older than `package-lock.json`
/// (playwright-core, typescript, and binaryen's wasm-opt, all pinned there).
pub fn npm() -> Result<(), String> {
    let dir = root().join("e2e");
    let stamp = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&stamp), modified(&dir.join("package-lock.json"))) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if fresh {
        eprintln!("==> e2e/node_modules: up to date");
        return Ok(());
    }
    eprintln!(
        "==> installing e2e/node_modules with `npm ci` (missing or stale): playwright-core, typescript, binaryen, esbuild, axe-core, @types/react"
    );
    run("npm ci", Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}
