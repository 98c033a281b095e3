//! `cargo xtask dist`, second half: the widgets bundle in `dist/widgets/`.
//!
//! 1. `cargo build -p lifecircle-web --lib --target wasm32-unknown-unknown --release`
//!    (the Leptos widgets, the core and its built-in standards, `web/src/bindings.rs`);
//! 2. wasm-bindgen through the `wasm-bindgen-cli-support` library into `lifecircle_web.js`
//!    and `lifecircle_web_bg.wasm` (web target, name and producers sections removed);
//! 3. `wasm-opt -Oz` from npm `binaryen` (in `e2e/node_modules`); the smaller of the two
//!    outputs, gzipped, is kept and the choice is printed;
//! 4. the hand-written module `web/js/lifecircle-widgets.js` (custom elements) and its types
//!    `lifecircle-widgets.d.ts` copied beside;
//! 5. every built-in standard, resolved and packed, as `standards/<id>.bin` (the module
//!    fetches the one a page uses; the wasm carries none);
//! 6. the raw and gzip size of every file and of what a page loads (module, glue, wasm and
//!    the largest standard).

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::dist::sizes;
use crate::{WASM_TARGET, cargo, root, run, target_dir};

/// The bindgen output's file stem.
const GLUE: &str = "lifecircle_web";
/// The module a page imports, and its types.
const MODULE: &str = "lifecircle-widgets.js";
const TYPES: &str = "lifecircle-widgets.d.ts";
/// Goal and stretch goal for everything a page loads, gzip bytes.
const GOAL_GZ: usize = 250 * 1024;
const STRETCH_GZ: usize = 150 * 1024;

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

    let (after_bindgen, after_opt) = crate::dist::bindgen_and_opt(&input, &out, GLUE)?;
    for name in [MODULE, TYPES] {
        let from = root().join("web/js").join(name);
        io(&from, std::fs::copy(&from, out.join(name)))?;
    }
    let standards = out.join("standards");
    io(&standards, std::fs::create_dir_all(&standards))?;
    let mut largest_standard = (String::new(), (0, 0));
    let mut standard_rows = Vec::new();
    for b in lifecircle_core::standard::BUILTIN {
        let st = lifecircle_core::load_builtin(b.id).map_err(|e| format!("{}: {e}", b.id))?;
        let bytes = lifecircle_core::standard::bundle::pack_standard(&st);
        let path = standards.join(format!("{}.bin", b.id));
        io(&path, std::fs::write(&path, &bytes))?;
        let s = sizes(&bytes);
        if s.1 > largest_standard.1.1 {
            largest_standard = (b.id.to_string(), s);
        }
        standard_rows.push((format!("`standards/{}.bin`", b.id), s));
    }

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
    rows.extend(standard_rows);
    let page = (page.0 + largest_standard.1.0, page.1 + largest_standard.1.1);
    rows.push((
        format!("**what a page loads** (module + glue + wasm + `{}.bin`, the largest standard)", largest_standard.0),
        page,
    ));
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
