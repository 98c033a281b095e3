//! `cargo xtask dist`, second half: the widgets bundle in `dist/widgets/`.
//!
//! 1. `cargo build -p lifecircle-web --lib --target wasm32-unknown-unknown --release`
//!    (the Leptos widgets, the core and its built-in standards, `web/src/bindings.rs`);
//! 2. wasm-bindgen through the `wasm-bindgen-cli-support` library into `lifecircle_web.js`
//!    and `lifecircle_web_bg.wasm` (web target, name and producers sections removed);
//! 3. `wasm-opt -Oz` from npm `binaryen` (in `e2e/node_modules`); the smaller of the two
//!    outputs, gzipped, is kept and the choice is printed;
//! 4. the hand-written module `web/js/lifecircle-widgets.js` (custom elements) copied beside;
//! 5. the raw and gzip size of every file and of what a page loads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{WASM_TARGET, cargo, install, root, run, target_dir};

/// The bindgen output's file stem.
const GLUE: &str = "lifecircle_web";
/// The module a page imports.
const MODULE: &str = "lifecircle-widgets.js";
/// Goal and stretch goal for everything a page loads, gzip bytes.
const GOAL_GZ: usize = 250 * 1024;
const STRETCH_GZ: usize = 150 * 1024;

/// Features rustc enables by default for wasm32-unknown-unknown, for wasm-opt's validator.
const RUSTC_WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

fn io<T>(p: &Path, r: std::io::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("{}: {e}", p.display()))
}

/// Builds `dist/widgets/`; returns its directory.
pub fn dist() -> Result<PathBuf, String> {
    let t = Instant::now();
    run(
        "release wasm build of the widgets",
        cargo().args(["build", "-p", "lifecircle-web", "--lib", "--target", WASM_TARGET, "--release"]),
    )?;
    let input = target_dir().join(WASM_TARGET).join("release/lifecircle_web.wasm");
    let out = root().join("dist/widgets");
    if out.exists() {
        io(&out, std::fs::remove_dir_all(&out))?;
    }
    io(&out, std::fs::create_dir_all(&out))?;

    eprintln!("\n==> wasm-bindgen (library {}) into dist/widgets/", env!("CARGO_PKG_VERSION"));
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .out_name(GLUE)
        .web(true)
        .map_err(|e| format!("bindgen: {e}"))?
        .typescript(true)
        .remove_name_section(true)
        .remove_producers_section(true)
        .omit_default_module_path(false)
        .generate(&out)
        .map_err(|e| format!("bindgen: {e:#}"))?;

    let wasm = out.join(format!("{GLUE}_bg.wasm"));
    let after_bindgen = io(&wasm, std::fs::read(&wasm))?;
    install::npm()?;
    let optimised = out.join(format!("{GLUE}_bg.opt.wasm"));
    run(
        "wasm-opt -Oz (npm binaryen)",
        Command::new(root().join("e2e/node_modules/.bin/wasm-opt"))
            .arg("-Oz")
            .args(RUSTC_WASM_FEATURES)
            .arg(&wasm)
            .arg("-o")
            .arg(&optimised),
    )?;
    let after_opt = io(&optimised, std::fs::read(&optimised))?;
    let (opt_gz, bindgen_gz) = (sizes(&after_opt).1, sizes(&after_bindgen).1);
    if opt_gz <= bindgen_gz {
        eprintln!("    keeping the wasm-opt -Oz output ({opt_gz} ≤ {bindgen_gz} gzip bytes)");
        io(&wasm, std::fs::rename(&optimised, &wasm))?;
    } else {
        eprintln!("    wasm-opt output is larger gzipped ({opt_gz} > {bindgen_gz} bytes): keeping the bindgen output");
        io(&optimised, std::fs::remove_file(&optimised))?;
    }
    let module = root().join("web/js").join(MODULE);
    io(&module, std::fs::copy(&module, out.join(MODULE)))?;

    let cargo_output = io(&input, std::fs::read(&input))?;
    let mut rows = vec![
        ("stage: cargo output `lifecircle_web.wasm`".to_string(), sizes(&cargo_output)),
        ("stage: after wasm-bindgen (name section removed)".to_string(), sizes(&after_bindgen)),
        ("stage: after wasm-opt -Oz".to_string(), sizes(&after_opt)),
    ];
    let mut files: Vec<PathBuf> =
        io(&out, std::fs::read_dir(&out))?.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    let mut page = (0, 0);
    for f in &files {
        let bytes = io(f, std::fs::read(f))?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let s = sizes(&bytes);
        if !name.ends_with(".d.ts") {
            page = (page.0 + s.0, page.1 + s.1);
        }
        rows.push((format!("`{name}`"), s));
    }
    rows.push(("**what a page loads** (module + glue + wasm)".to_string(), page));
    eprintln!("\nwidget sizes (gzip = flate2 level 9), `cargo xtask dist`:\n");
    eprintln!("| artifact | raw bytes | gzip bytes |\n|---|---:|---:|");
    for (name, (raw, gz)) in &rows {
        eprintln!("| {name} | {raw} | {gz} |");
    }
    let verdict = if page.1 <= STRETCH_GZ {
        "stretch goal met (≤ 150 KB gzip)"
    } else if page.1 <= GOAL_GZ {
        "goal met (≤ 250 KB gzip), stretch goal (≤ 150 KB) not met"
    } else {
        "goal (≤ 250 KB gzip) NOT met"
    };
    eprintln!("\nwidgets: {} KB gzip for all four widgets with the core: {verdict}", page.1 / 1024);
    eprintln!("dist: dist/widgets/ written in {:.1} s", t.elapsed().as_secs_f64());
    Ok(out)
}

/// Raw and gzip (level 9) size.
pub fn sizes(bytes: &[u8]) -> (usize, usize) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gz_len = gz.write_all(bytes).and_then(|()| gz.finish()).map(|v| v.len()).unwrap_or(0);
    (bytes.len(), gz_len)
}
