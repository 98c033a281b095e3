//! `cargo xtask dist`, second half: the widgets bundle in `dist/widgets/`.
//!
//! 1. `cargo build -p lifecircle-web --lib --target wasm32-unknown-unknown --release`
//!    (the Leptos widgets, the core, `web/src/bindings.rs`); with `--widgets a,b` only those
//!    widgets' features, so a page that embeds fewer widgets loads less;
//! 2. wasm-bindgen through the `wasm-bindgen-cli-support` library into `lifecircle_web.js`
//!    and `lifecircle_web_bg.wasm` (web target, name and producers sections removed);
//! 3. `wasm-opt -Oz` from npm `binaryen` (in `e2e/node_modules`); the smaller of the two
//!    outputs, gzipped, is kept and the choice is printed;
//! 4. the glue and the hand-written module `web/js/lifecircle-widgets.js` (custom elements)
//!    minified by esbuild, each with its source map; the module's types
//!    `lifecircle-widgets.d.ts` copied beside, with `lifecircle-types.d.ts`: the types of
//!    circles, assessments and district summaries, the npm package's own (`wasm/types/`);
//! 5. every built-in standard, resolved and packed, as `standards/<id>.bin` (the module
//!    fetches the one a page uses; the wasm carries none);
//! 6. the raw and gzip size of every file and of what a page loads (module, glue, wasm and
//!    the largest standard);
//! 7. a `.gz` (Zopfli) and a `.br` (Brotli 11) copy of every file a page loads, read back before
//!    they are kept, for a server that sends them as they are, and what a page loads as those.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::dist::sizes;
use crate::{WASM_TARGET, root, run, target_dir};

/// The bindgen output's file stem.
const GLUE: &str = "lifecircle_web";
/// The module a page imports, and its types.
const MODULE: &str = "lifecircle-widgets.js";
const TYPES: &str = "lifecircle-widgets.d.ts";
/// The elements' JSX types for React + TypeScript portals (optional; needs `@types/react`).
const REACT_TYPES: &str = "lifecircle-react.d.ts";
/// The core's types (circle, assessment, district), which `TYPES` imports: the npm package's
/// declarations, so the two cannot drift apart.
const CORE_TYPES: &str = "lifecircle-types.d.ts";
/// Goal and stretch goal for everything a page loads, gzip bytes.
const GOAL_GZ: usize = 250 * 1024;
const STRETCH_GZ: usize = 150 * 1024;

fn io<T>(p: &Path, r: std::io::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("{}: {e}", p.display()))
}

/// The widgets a bundle can hold: the Cargo features of `lifecircle-web`.
pub const WIDGETS: [&str; 5] = ["assessment", "scorecard", "gap-report", "guide-map", "district"];
/// The default bundle (`dist/widgets/`, the features `lifecircle-web` enables by default): the
/// four widgets of a circle's pages. The size goal of the widgets is for these.
pub const DEFAULT: [&str; 4] = ["assessment", "scorecard", "gap-report", "guide-map"];
/// The district dashboard's own bundle, `dist/widgets/district/`, for the district's page.
pub const DISTRICT: [&str; 1] = ["district"];

/// The widgets named by `--widgets a,b` (or `--widgets=a,b`) in `args`; [`DEFAULT`] without it.
pub fn selection(args: &[String]) -> Result<Vec<&'static str>, String> {
    let usage = "usage: cargo xtask dist [--widgets assessment,scorecard,gap-report,guide-map,district]";
    let mut it = args.iter();
    let mut chosen: Option<Vec<&'static str>> = None;
    while let Some(a) = it.next() {
        let value =
            if a == "--widgets" { it.next().cloned() } else { a.strip_prefix("--widgets=").map(str::to_string) };
        let Some(list) = value else {
            return Err(format!("未知参数 unknown argument: {a}\n{usage}"));
        };
        let mut v = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let w = WIDGETS
                .into_iter()
                .find(|w| *w == name)
                .ok_or_else(|| format!("没有这个组件 no such widget: {name}\n{usage}"))?;
            if !v.contains(&w) {
                v.push(w);
            }
        }
        if v.is_empty() {
            return Err(format!("--widgets 至少需要一个组件 needs at least one widget\n{usage}"));
        }
        chosen = Some(v);
    }
    // In the bundle's own order, so the same choice always builds the same bundle.
    Ok(chosen.map_or(DEFAULT.to_vec(), |v| WIDGETS.into_iter().filter(|w| v.contains(w)).collect()))
}

/// Builds `dist/widgets/` holding `widgets` ([`DEFAULT`] for the demo and the tests), then the
/// district dashboard's bundle into `dist/widgets/district/`; returns the first directory.
pub fn dist(widgets: &[&str]) -> Result<PathBuf, String> {
    let out = build(widgets, &root().join("dist/widgets"))?;
    if widgets != DISTRICT {
        build(&DISTRICT, &out.join("district"))?;
    }
    Ok(out)
}

/// Builds the bundle holding `widgets` into `out` (emptied first) and prints its sizes.
pub fn build(widgets: &[&str], out: &Path) -> Result<PathBuf, String> {
    let t = Instant::now();
    let all = widgets == DEFAULT;
    let features = widgets.join(",");
    let mut cmd = crate::wasm_release_build();
    cmd.args(["-p", "lifecircle-web", "--lib"]);
    if !all {
        cmd.args(["--no-default-features", "--features", &features]);
    }
    run("release wasm build of the widgets", &mut cmd)?;
    let input = target_dir().join(WASM_TARGET).join("release/lifecircle_web.wasm");
    let out = out.to_path_buf();
    if out.exists() {
        io(&out, std::fs::remove_dir_all(&out))?;
    }
    io(&out, std::fs::create_dir_all(&out))?;

    let (after_bindgen, after_opt) = crate::dist::bindgen_and_opt(&input, &out, GLUE)?;
    // The glue as wasm-bindgen wrote it is the source its map names (relative to the map, so two
    // builds of one commit stay identical wherever they are built).
    let (glue, bindgen_glue) = (out.join(format!("{GLUE}.js")), out.join(format!("{GLUE}.bindgen.js")));
    io(&glue, std::fs::rename(&glue, &bindgen_glue))?;
    minify(&bindgen_glue, &glue, &format!("{GLUE}.bindgen.js"))?;
    io(&bindgen_glue, std::fs::remove_file(&bindgen_glue))?;
    minify(&root().join("web/js").join(MODULE), &out.join(MODULE), &format!("web/js/{MODULE}"))?;
    io(&out, std::fs::copy(root().join("web/js").join(TYPES), out.join(TYPES)))?;
    // Optional JSX types for React portals (docs/embedding.md).
    io(&out, std::fs::copy(root().join("web/js").join(REACT_TYPES), out.join(REACT_TYPES)))?;
    let mut core_types = String::from(
        "// lifecircle-types.d.ts — 圈、评估结果与区级汇总的类型 / the types of circles, assessments and\n\
         // district summaries, as the npm package `lifecircle` declares them (lifecircle-widgets.d.ts imports them).\n",
    );
    for part in ["core.d.ts", "no-access.d.ts"] {
        let from = root().join("wasm/types").join(part);
        core_types.push_str(&io(&from, std::fs::read_to_string(&from))?);
    }
    io(&out, std::fs::write(out.join(CORE_TYPES), core_types))?;
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
        // Types and source maps are for developers: no page loads them.
        if !name.ends_with(".d.ts") && !name.ends_with(".map") {
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
    if all {
        eprintln!(
            "\nwidgets: {:.1} KB gzip for the four widgets of a circle's pages with the core: {verdict}",
            page.1 as f64 / 1024.0
        );
    } else {
        let within = if page.1 <= GOAL_GZ { "within" } else { "over" };
        eprintln!(
            "\nwidgets: {:.1} KB gzip for {features} with the core: {within} 250 KB (the goal is for the four widgets of a circle's pages)",
            page.1 as f64 / 1024.0
        );
    }
    // Precompressed copies for a server that sends them as they are (docs/embedding.md, 服务器设置):
    // the bytes a phone then loads, counted as the page above.
    let tp = Instant::now();
    let (gz, br) = precompress(&out, &largest_standard.0)?;
    eprintln!(
        "precompressed (`.gz` by Zopfli, `.br` by Brotli 11), what a page loads from a server that sends them: \
         {:.1} KB .gz, {:.1} KB .br (flate2 level 9 above: {:.1} KB); {:.1} s",
        gz as f64 / 1024.0,
        br as f64 / 1024.0,
        page.1 as f64 / 1024.0,
        tp.elapsed().as_secs_f64()
    );
    // The licences (not counted in what a page loads: no page requests them).
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        io(&out, std::fs::copy(root().join(licence), out.join(licence)))?;
    }
    crate::notices::write(&out, "lifecircle-web", (!all).then_some(features.as_str()))?;
    // The embedding guide, for a portal that gets only this folder (no page requests it).
    io(&out, std::fs::copy(root().join("docs/embedding.md"), out.join("EMBEDDING.md")))?;
    // Which build a server holds, without running it (`version()` in a page says the same number).
    let commit = crate::output(std::process::Command::new("git").current_dir(root()).args([
        "describe",
        "--always",
        "--dirty",
        "--abbrev=12",
    ]));
    let version = match commit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("lifecircle {} ({c})\nwidgets: {features}\n", env!("CARGO_PKG_VERSION")),
        None => format!("lifecircle {}\nwidgets: {features}\n", env!("CARGO_PKG_VERSION")),
    };
    io(&out, std::fs::write(out.join("VERSION"), version))?;
    let mut shipped = Vec::new();
    crate::dist::list(&out, &mut shipped);
    crate::dist::no_machine_paths(&shipped)?;
    let sums = out.join(SUMS);
    io(&sums, std::fs::write(&sums, checksums(&out, &shipped)?))?;
    eprintln!("checksums: {} (`sha256sum -c {SUMS}` in that folder verifies a copy)", sums.display());
    eprintln!("dist: {} written in {:.1} s", out.display(), t.elapsed().as_secs_f64());
    Ok(out)
}

/// The checksum file written beside the bundle.
const SUMS: &str = "SHA256SUMS";

/// Whether a page loads the file `name` (its scripts, its wasm, a standard): those get a `.gz`
/// and a `.br` copy. Types, source maps and texts are for people, not pages.
fn loaded_by_pages(name: &str) -> bool {
    [".js", ".wasm", ".bin"].iter().any(|e| name.ends_with(e))
}

/// Writes `<file>.gz` (Zopfli, gzip format: any gzip reader reads it, about 4 % smaller than
/// level 9) and `<file>.br` (Brotli, quality 11) beside every file under `out` a page loads,
/// each read back and compared with its file before it is kept. Returns the bytes a page loads
/// (every file at `out`'s top and the standard `standard`) as `.gz` and as `.br`.
fn precompress(out: &Path, standard: &str) -> Result<(usize, usize), String> {
    let mut files = Vec::new();
    crate::dist::list(out, &mut files);
    let standard = out.join("standards").join(format!("{standard}.bin"));
    let (mut gz_page, mut br_page) = (0, 0);
    for f in files.iter().filter(|f| f.file_name().is_some_and(|n| loaded_by_pages(&n.to_string_lossy()))) {
        let bytes = io(f, std::fs::read(f))?;
        let (gz, br) = (zopfli_gzip(&bytes), brotli(&bytes));
        if gunzip(&gz).as_deref() != Some(&bytes[..]) || unbrotli(&br).as_deref() != Some(&bytes[..]) {
            return Err(format!("{}: a compressed copy does not read back as the file", f.display()));
        }
        for (ext, copy) in [("gz", &gz), ("br", &br)] {
            let path = crate::serve::sibling(f, ext);
            io(&path, std::fs::write(&path, copy))?;
        }
        if f.parent() == Some(out) || *f == standard {
            gz_page += gz.len();
            br_page += br.len();
        }
    }
    Ok((gz_page, br_page))
}

/// `bytes` in gzip format by Zopfli (its default 15 iterations).
fn zopfli_gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = Vec::with_capacity(bytes.len() / 3);
    // (writing to memory cannot fail)
    let _ = zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, bytes, &mut gz);
    gz
}

/// `bytes` by Brotli at quality 11, a 4 MB window (the largest file is 1.4 MB).
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params =
        brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, size_hint: bytes.len(), ..Default::default() };
    let mut br = Vec::with_capacity(bytes.len() / 3);
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut br, &params);
    br
}

fn gunzip(gz: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(gz).read_to_end(&mut plain).ok().map(|_| plain)
}

fn unbrotli(br: &[u8]) -> Option<Vec<u8>> {
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &br[..], &mut plain).ok().map(|()| plain)
}

/// The browsers whose syntax the shipped scripts may use: those that parse the elements module
/// (docs/embedding.md, "支持的浏览器"). esbuild refuses source it cannot write for them.
const JS_TARGET: &str = "--target=chrome85,edge85,firefox79,safari14.1";

/// Minifies the script `from` with esbuild (npm, pinned in `e2e/package.json`) into `to`, with a
/// source map beside it naming its source `source_name` (`<name>.map`, holding the readable source, fetched only by a browser's
/// developer tools). Comments and whitespace were about 40 % of the two scripts' gzip bytes
/// (20.2 + 10.9 KB → 12.1 + 7.0 KB, measured 2026-12-06): a page loads the scripts, not the
/// explanations in them.
fn minify(from: &Path, to: &Path, source_name: &str) -> Result<(), String> {
    crate::install::npm()?;
    let name = to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut cmd = std::process::Command::new(root().join("e2e/node_modules/.bin/esbuild"));
    cmd.current_dir(root()).args([
        "--minify",
        "--format=esm",
        "--charset=utf8",
        "--sourcemap",
        "--sources-content=true",
        "--legal-comments=none",
        JS_TARGET,
    ]);
    let banner = format!(
        "// {name}: lifecircle (MIT OR Apache-2.0), minified by `cargo xtask dist`; readable source in {name}.map"
    );
    cmd.arg(format!("--banner:js={banner}")).arg(format!("--outfile={}", to.display())).arg(from);
    run(&format!("esbuild --minify {name}"), &mut cmd)?;
    // esbuild names the source by its path relative to the map, which depends on where the
    // bundle is written (a subset bundle goes to the target directory, wherever that is): the
    // map names it `source_name` instead, so two builds of one commit stay identical.
    let map_path = to.with_file_name(format!("{name}.map"));
    let text = io(&map_path, std::fs::read_to_string(&map_path))?;
    let mut map: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", map_path.display()))?;
    map["sources"] = serde_json::json!([source_name]);
    let text = serde_json::to_string(&map).map_err(|e| format!("{}: {e}", map_path.display()))?;
    io(&map_path, std::fs::write(&map_path, text))
}

/// `sha256sum`'s format for `files` under `dir` (but the checksum file), by path: what a
/// portal copies to its server can be checked against what was built, and two builds of the
/// same commit against each other.
fn checksums(dir: &Path, files: &[PathBuf]) -> Result<String, String> {
    use sha2::{Digest, Sha256};
    let mut lines: Vec<(String, String)> = Vec::new();
    for f in files.iter().filter(|f| **f != dir.join(SUMS)) {
        let bytes = io(f, std::fs::read(f))?;
        let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        let rel =
            f.strip_prefix(dir).unwrap_or(f).components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>();
        lines.push((rel.join("/"), hex));
    }
    lines.sort();
    Ok(lines.iter().map(|(path, hex)| format!("{hex}  {path}\n")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(args: &[&str]) -> Result<Vec<&'static str>, String> {
        selection(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn checksums_in_sha256sum_format_sorted_by_path() {
        let dir = std::env::temp_dir().join(format!("xtask-sums-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("standards")).unwrap();
        std::fs::write(dir.join("b.js"), "abc").unwrap();
        std::fs::write(dir.join("standards/a.bin"), "").unwrap();
        std::fs::write(dir.join(SUMS), "left out").unwrap();
        let mut files = Vec::new();
        crate::dist::list(&dir, &mut files);
        let sums = checksums(&dir, &files).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1) and of the empty string.
        assert_eq!(
            sums,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  b.js\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  standards/a.bin\n"
        );
    }

    #[test]
    fn the_default_four_without_the_option() {
        assert_eq!(sel(&[]).unwrap(), DEFAULT.to_vec());
        assert_eq!(sel(&["--widgets", "district,scorecard"]).unwrap(), ["scorecard", "district"]);
    }

    #[test]
    fn the_choice_in_bundle_order_without_repeats() {
        assert_eq!(sel(&["--widgets", "guide-map,scorecard,guide-map"]).unwrap(), ["scorecard", "guide-map"]);
        assert_eq!(sel(&["--widgets=gap-report"]).unwrap(), ["gap-report"]);
    }

    #[test]
    fn unknown_names_and_empty_lists_are_refused() {
        assert!(sel(&["--widgets", "scorecard,map"]).unwrap_err().contains("no such widget: map"));
        assert!(sel(&["--widgets", ","]).unwrap_err().contains("at least one widget"));
        assert!(sel(&["--widgets"]).unwrap_err().contains("unknown argument: --widgets"));
        assert!(sel(&["--port", "1"]).unwrap_err().contains("unknown argument: --port"));
    }
}
