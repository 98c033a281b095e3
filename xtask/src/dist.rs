//! `cargo xtask dist`: the npm package `lifecircle` in `dist/npm/`.
//!
//! 1. `cargo build -p lifecircle-wasm --target wasm32-unknown-unknown --release`
//! 2. wasm-bindgen through the `wasm-bindgen-cli-support` library (no CLI needed), ES module
//!    output for the web, TypeScript on, name and producers sections removed.
//! 3. `wasm-opt -Oz` from npm `binaryen` in `e2e/node_modules` (pinned in `e2e/package.json`;
//!    Debian's older binaryen produces modules Chromium refuses, so PATH is never used).
//! 4. the Node.js entries (`lifecircle.node.js`, `lifecircle_full.node.js`: the same modules,
//!    with an `init()` that reads the `.wasm` from disk, since Node's `fetch` has no `file:`
//!    URLs), package.json, README.md; then the raw and gzip size of every stage and artifact.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{WASM_TARGET, install, root, run, target_dir};

/// The npm package's name and its module's file stem.
const NAME: &str = "lifecircle";
/// The file stem of the second module, with walking reach.
const FULL_NAME: &str = "lifecircle_full";

/// The features rustc enables by default for wasm32-unknown-unknown; wasm-opt must be told
/// (it validates against its own smaller default set).
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

/// wasm-opt's inliner copies function bodies: fewer calls, but repeated code that gzip then
/// compresses worse. With it off, `-Oz` makes these modules smaller both raw and gzipped
/// (scoring module 186,110 vs 206,137 gzip bytes with default inlining; docs/benchmarks.md).
const NO_INLINING: &[&str] = &["-aimfs", "0", "-ocimfs", "0", "-fimfs", "0"];

/// Repeat the passes until the module stops shrinking: the widgets module loses another
/// 8 KB gzip on the second round (410,150 → 402,403 bytes); the scoring module is unchanged
/// (docs/benchmarks.md).
const CONVERGE: &str = "--converge";

/// Build the package; returns its directory.
///
/// Two modules: `lifecircle` (scoring with the built-in standards, reports) and
/// `lifecircle_full` (the same plus a user's own standards in TOML/JSON/YAML, walking reach on
/// street networks and the district summary: the wasm crate's `authoring`, `access` and
/// `district` features), so a page that only scores downloads neither the standard-file parsers
/// nor the street-network and district code.
pub fn dist() -> Result<PathBuf, String> {
    let t = Instant::now();
    let out = root().join("dist/npm");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut rows = module(&out, NAME, &[])?;
    rows.extend(module(&out, FULL_NAME, &["authoring", "access", "district"])?);
    for name in [NAME, FULL_NAME] {
        write(&out.join(format!("{name}.node.js")), &node_entry(name))?;
    }
    write(&out.join("package.json"), &package_json())?;
    write(&out.join("README.md"), README)?;
    // The licence texts the package's `license` field names.
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        std::fs::copy(root().join(licence), out.join(licence)).map_err(|e| format!("{licence}: {e}"))?;
    }
    // The crates in the full module (a superset of the scoring module's).
    crate::notices::write(&out, "lifecircle-wasm", Some("authoring,access,district"))?;

    let mut files = Vec::new();
    list(&out, &mut files);
    files.sort();
    no_machine_paths(&files)?;
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f.strip_prefix(&out).unwrap_or(f).to_string_lossy().into_owned();
        rows.push((name, sizes(&bytes)));
    }
    eprintln!("\nsizes (gzip = flate2 level 9), `cargo xtask dist`:\n");
    eprintln!("| artifact | raw bytes | gzip bytes |\n|---|---:|---:|");
    for (name, (raw, gz)) in &rows {
        eprintln!("| {name} | {raw} | {gz} |");
    }
    // The scoring module's budget (the wasm issue's acceptance point): checked on every build,
    // so a change that breaks it fails here, not in a benchmark read later.
    let scoring = out.join(format!("{NAME}_bg.wasm"));
    let gz = sizes(&std::fs::read(&scoring).map_err(|e| format!("{}: {e}", scoring.display()))?).1;
    // (A build that keeps the name section for twiggy is larger by design.)
    if gz > SCORING_BUDGET_GZ && std::env::var_os("XTASK_WASM_NAMES").is_none() {
        return Err(format!(
            "{}：gzip 后 {gz} 字节，超出评分模块的预算 {SCORING_BUDGET_GZ} 字节（200 KB）/ {gz} gzip bytes, over the scoring \
             module's budget of {SCORING_BUDGET_GZ} bytes (200 KB): see what grew with `XTASK_WASM_NAMES=1 cargo xtask dist` \
             and `twiggy diff` (docs/benchmarks.md)",
            scoring.display()
        ));
    }
    eprintln!("\nscoring module: {gz} gzip bytes, budget {SCORING_BUDGET_GZ}");
    eprintln!("\ndist: dist/npm/ written in {:.1} s", t.elapsed().as_secs_f64());
    Ok(out)
}

/// The most the scoring module's wasm (`lifecircle_bg.wasm`, all four built-in standards
/// inside) may weigh, gzip bytes: 200 KB.
const SCORING_BUDGET_GZ: usize = 200 * 1024;

/// An artifact or stage with its raw and gzip size.
type SizeRow = (String, (usize, usize));

/// Build one module of the wasm crate with `features`, run bindgen and wasm-opt into `out`
/// under the file stem `name`; returns the size rows of its stages.
fn module(out: &Path, name: &str, features: &[&str]) -> Result<Vec<SizeRow>, String> {
    let mut build = crate::wasm_release_build();
    build.args(["-p", "lifecircle-wasm"]);
    if !features.is_empty() {
        build.args(["--features", &features.join(",")]);
    }
    run(&format!("release wasm build ({name})"), &mut build)?;
    let input = target_dir().join(WASM_TARGET).join("release/lifecircle_wasm.wasm");
    let cargo_output = std::fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let (after_bindgen, after_opt) = bindgen_and_opt(&input, out, name)?;
    Ok(vec![
        (format!("stage ({name}): cargo output"), sizes(&cargo_output)),
        (format!("stage ({name}): after wasm-bindgen (name section removed)"), sizes(&after_bindgen)),
        (format!("stage ({name}): after wasm-opt -Oz"), sizes(&after_opt)),
    ])
}

/// wasm-bindgen (library, web target, TypeScript, name and producers sections removed) of
/// `input` into `out` under the file stem `name`, then `wasm-opt -Oz` (inlining off) from npm
/// binaryen; keeps
/// whichever output is smaller gzipped. Returns the bytes after bindgen and after wasm-opt.
pub fn bindgen_and_opt(input: &Path, out: &Path, name: &str) -> Result<(Vec<u8>, Vec<u8>), String> {
    eprintln!("\n==> wasm-bindgen (library {}) into {}/{name}.js", env!("CARGO_PKG_VERSION"), out.display());
    let tb = Instant::now();
    // For size profiling (`twiggy top`): keep function names through bindgen and wasm-opt.
    let names = std::env::var_os("XTASK_WASM_NAMES").is_some();
    if names {
        eprintln!("    XTASK_WASM_NAMES is set: keeping the name section (for twiggy; sizes are not the shipped ones)");
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .out_name(name)
        .web(true)
        .map_err(|e| format!("bindgen: {e}"))?
        .typescript(true)
        .remove_name_section(!names)
        .remove_producers_section(true)
        // The library's default differs from the CLI's: without this `init()` has no default
        // URL for the .wasm and fails.
        .omit_default_module_path(false)
        .generate(out)
        .map_err(|e| format!("bindgen: {e:#}"))?;
    eprintln!("    (bindgen: {:.1} s)", tb.elapsed().as_secs_f64());

    let wasm = out.join(format!("{name}_bg.wasm"));
    let mut after_bindgen = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let stamps = unstamp_split_markers(&mut after_bindgen).map_err(|e| format!("{}: {e}", wasm.display()))?;
    if stamps > 0 {
        std::fs::write(&wasm, &after_bindgen).map_err(|e| format!("{}: {e}", wasm.display()))?;
    }
    install::npm()?;
    let wasm_opt = root().join("e2e/node_modules/.bin/wasm-opt");
    let optimised = out.join(format!("{name}_bg.opt.wasm"));
    run(
        &format!("wasm-opt -Oz, no inlining (npm binaryen) ({name})"),
        Command::new(&wasm_opt)
            .arg("-Oz")
            .args(NO_INLINING)
            .arg(CONVERGE)
            .args(RUSTC_WASM_FEATURES)
            .args(names.then_some("-g"))
            .arg(&wasm)
            .arg("-o")
            .arg(&optimised),
    )?;
    // Keep wasm-opt's output only if it is smaller gzipped (with its default inlining, -Oz
    // shrank the raw size of these modules but grew the gzip size; docs/benchmarks.md).
    let after_opt = std::fs::read(&optimised).map_err(|e| format!("{}: {e}", optimised.display()))?;
    let (opt_gz, bindgen_gz) = (sizes(&after_opt).1, sizes(&after_bindgen).1);
    if opt_gz <= bindgen_gz {
        eprintln!("    keeping the wasm-opt -Oz output ({opt_gz} ≤ {bindgen_gz} gzip bytes)");
        std::fs::rename(&optimised, &wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    } else {
        eprintln!("    wasm-opt output is larger gzipped ({opt_gz} > {bindgen_gz} bytes): keeping the bindgen output");
        std::fs::remove_file(&optimised).map_err(|e| format!("{}: {e}", optimised.display()))?;
    }
    Ok((after_bindgen, after_opt))
}

/// The start of the export that `wasm_split_helpers` (linked by Leptos) names after a hash of
/// its own `Cargo.toml` path, i.e. of `$CARGO_HOME`: `_WASM_SPLIT_MARKER_<16 hex>version`.
const SPLIT_MARKER: &[u8] = b"_WASM_SPLIT_MARKER_";

/// Replaces the 16 hex digits in the names of `_WASM_SPLIT_MARKER_…` exports with zeros, in
/// place (same length, nothing else moves), and returns how many it changed. The marker is
/// for a code-splitting tool that this project does not use; its hash made the module depend
/// on where Cargo keeps its registry, so two builds of one commit differed in 16 bytes.
pub fn unstamp_split_markers(wasm: &mut [u8]) -> Result<usize, String> {
    fn leb(b: &[u8], i: &mut usize) -> Result<usize, String> {
        let (mut v, mut shift) = (0usize, 0);
        loop {
            let byte = *b.get(*i).ok_or("the module ends inside a number")?;
            *i += 1;
            v |= usize::from(byte & 0x7f).checked_shl(shift).ok_or("a number is too long")?;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 28 {
                return Err("a number is too long".into());
            }
        }
    }
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a WebAssembly module".into());
    }
    let mut changed = 0;
    let mut i = 8;
    while i < wasm.len() {
        let id = wasm[i];
        i += 1;
        let size = leb(wasm, &mut i)?;
        let end = i.checked_add(size).filter(|&e| e <= wasm.len()).ok_or("a section runs past the end")?;
        if id == 7 {
            let mut j = i;
            for _ in 0..leb(wasm, &mut j)? {
                let len = leb(wasm, &mut j)?;
                let name = j..j.checked_add(len).filter(|&e| e <= end).ok_or("an export name runs past its section")?;
                j = name.end;
                let digits = name.start + SPLIT_MARKER.len()..name.start + SPLIT_MARKER.len() + 16;
                if wasm[name.clone()].starts_with(SPLIT_MARKER)
                    && digits.end <= name.end
                    && wasm[digits.clone()].iter().all(u8::is_ascii_hexdigit)
                {
                    wasm[digits].fill(b'0');
                    changed += 1;
                }
                j += 1; // the export's kind
                leb(wasm, &mut j)?; // and index
            }
        }
        i = end;
    }
    Ok(changed)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Fails when a shipped file names this machine: the project's folder or Cargo's home (where
/// the registry's sources are). Such a path would differ from one build machine to the next and
/// tell every visitor how the build machine is laid out.
pub fn no_machine_paths(files: &[PathBuf]) -> Result<(), String> {
    let needles: Vec<String> = [Some(root()), crate::cargo_home()]
        .into_iter()
        .flatten()
        .map(|p| format!("{}/", p.display()))
        .filter(|n| n.len() > 2)
        .collect();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        for n in &needles {
            if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                return Err(format!(
                    "{} names this machine's path {n}: shipped files must not (remap it in `wasm_release_build`)",
                    f.display()
                ));
            }
        }
    }
    Ok(())
}

pub fn list(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { list(&p, out) } else { out.push(p) }
    }
}

/// Raw and gzip (level 9) size.
pub fn sizes(bytes: &[u8]) -> (usize, usize) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gz_len = gz.write_all(bytes).and_then(|()| gz.finish()).map(|v| v.len()).unwrap_or(0);
    (bytes.len(), gz_len)
}

/// The Node.js entry of a module (package.json's `node` condition): everything the module
/// exports, with an `init()` that, given no argument, reads the module's `.wasm` next to it from
/// disk. The web build's own `init()` fetches `new URL('…_bg.wasm', import.meta.url)`, and
/// Node's `fetch` refuses `file:` URLs ("fetch failed: not implemented... yet..."), so the
/// README's `await init()` failed in Node.
fn node_entry(name: &str) -> String {
    format!(
        r#"// Node.js entry of `{name}.js` (the `node` condition of package.json's `exports`): the same
// module; `init()` without an argument reads {name}_bg.wasm from disk, since Node's fetch has
// no file: URLs. Written by `cargo xtask dist`.
import {{ readFile }} from 'node:fs/promises';
import init from './{name}.js';

export * from './{name}.js';

let loading;

export default function initNode(moduleOrPath) {{
  if (moduleOrPath !== undefined) return init(moduleOrPath);
  loading ??= readFile(new URL('./{name}_bg.wasm', import.meta.url))
    .then((bytes) => init({{ module_or_path: bytes }}))
    .catch((e) => {{
      loading = undefined;
      throw e;
    }});
  return loading;
}}
"#
    )
}

/// package.json, written by hand: the order of the conditions in `exports` matters (the first
/// that matches wins, so `types` comes first and `default` last), and `serde_json` here sorts
/// keys.
fn package_json() -> String {
    let files = [
        format!("{NAME}.js"),
        format!("{NAME}.node.js"),
        format!("{NAME}.d.ts"),
        format!("{NAME}_bg.wasm"),
        format!("{NAME}_bg.wasm.d.ts"),
        format!("{FULL_NAME}.js"),
        format!("{FULL_NAME}.node.js"),
        format!("{FULL_NAME}.d.ts"),
        format!("{FULL_NAME}_bg.wasm"),
        format!("{FULL_NAME}_bg.wasm.d.ts"),
        "README.md".to_string(),
        "LICENSE-MIT".to_string(),
        "LICENSE-APACHE".to_string(),
        crate::notices::FILE.to_string(),
    ];
    let q = |s: &str| serde_json::Value::from(s).to_string();
    let files = files.iter().map(|f| format!("    {}", q(f))).collect::<Vec<_>>().join(",\n");
    let keywords = ["一刻钟便民生活圈", "15-minute city", "living circle", "evaluation", "wasm"]
        .iter()
        .map(|k| format!("    {}", q(k)))
        .collect::<Vec<_>>()
        .join(",\n");
    let conditions = |stem: &str| {
        format!(
            "{{\n      \"types\": \"./{stem}.d.ts\",\n      \"node\": \"./{stem}.node.js\",\n      \"default\": \"./{stem}.js\"\n    }}"
        )
    };
    format!(
        r#"{{
  "name": "{NAME}",
  "version": "{version}",
  "description": {description},
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "{NAME}.js",
  "module": "{NAME}.js",
  "types": "{NAME}.d.ts",
  "exports": {{
    ".": {main},
    "./full": {full},
    "./{NAME}_bg.wasm": "./{NAME}_bg.wasm",
    "./{FULL_NAME}_bg.wasm": "./{FULL_NAME}_bg.wasm",
    "./package.json": "./package.json"
  }},
  "files": [
{files}
  ],
  "sideEffects": false,
  "engines": {{
    "node": ">=18"
  }},
  "keywords": [
{keywords}
  ]
}}
"#,
        version = env!("CARGO_PKG_VERSION"),
        description = q(
            "一刻钟便民生活圈评价标准体系：评分核心（WebAssembly）/ Evaluation standard system for 15-minute convenient living circles: the scoring core in WebAssembly"
        ),
        main = conditions(NAME),
        full = conditions(FULL_NAME),
    )
}

const README: &str = r#"# lifecircle · 一刻钟便民生活圈评价标准体系（WebAssembly）

在浏览器和 Node.js 中运行与原生命令行完全相同的评分核心：同样的输入，得到逐字节相同的 JSON 结果。

```js
import init, { score, scoreJson, exampleCircle, listStandards } from 'lifecircle';

await init();                                   // 加载 lifecircle_bg.wasm
const circle = exampleCircle('longwan-2024');   // 内置示例生活圈（示例数据）
const a = score('longwan-2024', circle, '2025-06-30');
console.log(a.total, a.grade.grade?.name.zh);
console.log(a.grade.explanation.zh);            // 含“等级分数线为本项目暂定设计值，非官方数值”
// 每项的要求、分值是官方数值还是本项目的设计：与评分卡、命令行报告相同的标记
const mark = (r) => r.confidence === 'provisional'
  ? (r.points_confidence === 'provisional' ? '要求与分值暂定' : '要求暂定')
  : (r.points_confidence === 'provisional' ? '分值暂定' : '');
for (const r of a.indicators) console.log(`[${r.id}] ${r.name.zh} ${r.points}/${r.max} ${mark(r)}`);
// [MC-L01] 便利店“家门口”步行10分钟覆盖率 4/4 分值暂定
```

官方数值与设计值：每项结果的 `confidence`（要求）与 `points_confidence`（分值）为 `verified`（官方数值，
`cite` 注明出处）或 `provisional`（本项目依据已核实事实设计的暂定值，并非官方数值；或出自凭记忆、
二手引用而未经核实的官方条文，如 GB 50180 的服务半径；`cite.reason`、`points_cite.reason` 写明理由）。内置标准的分值与等级分数线都是本项目的设计，部分要求也是；每项的
`explanation` 末尾和 `a.grade.explanation` 都已注明。向读者展示分数、等级或要求时，请一并展示
`explanation`，或像上例那样标出“要求暂定”“分值暂定”“要求与分值暂定”，不要把暂定值写成官方规定。

- 加载：先 `await init()` 再调用其他函数。Node.js（≥ 18，ES 模块）中 `init()` 从磁盘读取 `.wasm`；
  不经打包工具的网页中用 import map 把 `lifecircle` 指向 `lifecircle.js`（`.wasm` 按模块所在位置
  查找，服务器须以 `application/wasm` 提供）；Vite 无需设置；esbuild 等其他打包工具：
  `import wasmUrl from 'lifecircle/lifecircle_bg.wasm'`（esbuild `--loader:.wasm=file`），再
  `await init({ module_or_path: wasmUrl })`。
- `score(标准, 生活圈, 评估日期)`：标准为内置标准 id、打包的标准（`Uint8Array` 或 `ArrayBuffer`，即 `packStandard`
  或命令行 `lifecircle pack` 的结果，核对摘要）或（仅完整模块）标准文本；生活圈为对象或 JSON 字符串；
  评估日期 `YYYY-MM-DD`（核心不读时钟）。`scoreJson(...)` 返回与命令行 `--format json` 相同的文本（这里返回的文本，`scoreJson`、`report`、`districtJson`、`districtReport`，都不带命令行输出末尾的那个换行符：逐字节比对前去掉它或加上）。
- `report(...)` 文字或 Markdown 报告（zh/en）；`listStandards`、`schema('circle')`（`schema('standard')` 在完整模块）、
  `exampleCircle`、`version`。
- 出错时抛出 `Error`（信息先中文后英文），带稳定的 `code`：`invalid_standard`、`unknown_standard`、
  `invalid_input`、`bad_argument`（`argument` 为参数名，类型不对也属此类）、`no_example`、`internal`、
  `panic`，完整模块另有 `invalid_data`、`access_error`；明细在 `diagnostics` / `problems`。
  `panic` 表示程序缺陷：此后该实例不再可用，请重新加载页面。
- 完整模块 `lifecircle/full`（`lifecircle_full.js`）包含上述全部函数，另有：自定义标准
  `loadStandard`（返回解析后的标准，另带 `warnings`：与命令行 ⚠ 相同的提醒，如有分值、要求已核实却没有
  `points_cite` 的指标——其分值会被读成官方数值）、`validateStandard`（TOML、JSON 或 YAML 文本，逐条列出问题：文件、行、列、指标、代码、
  中文说明 `message_zh` 与英文 `message`；`score` 等也接受标准文本）、`packStandard`，
  以及步行可达性（真实路网）`WalkNetwork.fromBytes`（OSM XML /
  PBF / GeoJSON 的字节：`Uint8Array` 或 `ArrayBuffer`；第 4 个参数 `excludeNameParts` 与命令行
  `--exclude-name` 相同）、`distance`（两点间步行米数）与 `walk`（同一段步行及其提醒：某点最近的道路在与主路网不连通的
  一段上）、`nearest`、`reachedStreets`、`isochrone`、
  `walkCircle`（`options` 可写设施与居民点的坐标系 `facilitiesCrs`、`originsCrs`）、`walkPace`（所用步速及其是否暂定）、
  `whatIf`、`suggestSites`、`importFacilities`、`importOrigins`、`convertCoords`
  （WGS-84 / GCJ-02 / BD-09；用完的路网调用 `free()`），以及全区目标进度
  `district(标准, 生活圈数组, 评估日期, 社区数?, 填报值?)`、`districtJson`、`districtReport`（与命令行
  `lifecircle district` 相同；填报值写法同 `--reported`）。只按内置标准评分的页面只需下载小模块。
- 类型定义见 `lifecircle.d.ts`、`lifecircle_full.d.ts`（用到 DOM 的 `Response` 等类型：TypeScript
  配置的 `lib` 需含 `dom`，或设 `skipLibCheck`）。

## English

The lifecircle scoring core, compiled to WebAssembly, in the browser and in Node.js: same input,
byte-identical JSON to the native CLI.

Official and designed values: each result's `confidence` (the requirement) and
`points_confidence` (the points) are `verified` (an official value, its source in `cite`) or
`provisional` (this project's design built on verified facts, not an official value; or an
official value recalled or seen second-hand and not verified, such as GB 50180's service radii;
the reason in `cite.reason` or `points_cite.reason`). The built-in standards' points and grade cut-offs are
all designed, and some requirements are; each `explanation` ends by saying so, and so does
`a.grade.explanation`. Where you show a reader a score, a grade or a requirement, show the
`explanation` too, or mark it as the example above does (provisional requirement, provisional
points, or both), so that no designed value reads as an official one.

- Loading: `await init()` before any other call. In Node.js (18 or later, ES modules) `init()`
  reads the `.wasm` from disk; in a page without a bundler, map `lifecircle` to `lifecircle.js`
  with an import map (the `.wasm` is found next to the module; serve it as `application/wasm`);
  Vite needs nothing; esbuild and other bundlers: `import wasmUrl from
  'lifecircle/lifecircle_bg.wasm'` (esbuild `--loader:.wasm=file`), then
  `await init({ module_or_path: wasmUrl })`.
- `score(standard, circle, asOf)`: `standard` is a built-in id, a packed standard (a
  `Uint8Array` or `ArrayBuffer` from `packStandard` or `lifecircle pack`, its digest checked) or, in the full
  module only, a standard's text; `circle` is an object or a JSON string; `asOf` is
  `YYYY-MM-DD` (the core reads no clock). `scoreJson(...)` returns the CLI's `--format json`
  text (the texts returned here, of `scoreJson`, `report`, `districtJson` and `districtReport`, lack the
  newline that ends the CLI's output: drop it, or add one, before comparing bytes).
- `report(standard, circle, asOf, lang?, format?)`, `listStandards()`,
  `schema('circle')` (`schema('standard')` is in the full module), `exampleCircle(standardId)`, `version()`.
- Errors are thrown as `Error` (message in Chinese, then English) with a stable `code`:
  `invalid_standard`, `unknown_standard`, `invalid_input`, `bad_argument` (`argument` names it;
  a value of the wrong type is one too), `no_example`, `internal`, `panic`, and in the full module
  `invalid_data` and `access_error`; the details in `diagnostics` or `problems`. `panic` means a
  bug: the instance is unusable afterwards; reload the page.
- The full module `lifecircle/full` (`lifecircle_full.js`) has everything above plus your own
  standards, `loadStandard(text, name?)` (the resolved standard as a plain object, with
  `warnings`: what every CLI command prints with ⚠, e.g. an item with points and a verified cite
  but no `points_cite`, whose points would read as official),
  `validateStandard(text, name?)` (every problem with file, line, column, item, code, and its
  message in Chinese, `message_zh`, and English, `message`) and
  `packStandard(text, name?)`, in TOML, JSON or YAML (`score` and friends then accept a
  standard's text too), and walking reach on street networks: `WalkNetwork.fromBytes` (the
  bytes of OSM XML / PBF / GeoJSON, as a `Uint8Array` or an `ArrayBuffer`; a fourth argument,
  `excludeNameParts`, as the CLI's `--exclude-name`), `distance` (metres between two points) and
  `walk` (the same walk with its findings: a point whose nearest street is on a piece cut off
  from the main network), `nearest`, `reachedStreets`, `isochrone`,
  `walkCircle` (its `options` give the facilities' and origins' datums, `facilitiesCrs`,
  `originsCrs`), `walkPace` (the pace used and whether it is provisional), `whatIf`,
  `suggestSites`, `importFacilities`, `importOrigins` and `convertCoords` (WGS-84 / GCJ-02 /
  BD-09; call `free()` on a network you are done with), and a district's progress against its
  standard's targets: `district(standard, circles, asOf, communities?, reported?)`,
  `districtJson` and `districtReport` (as `lifecircle district` writes them; `reported` as
  `--reported` takes it). A page that scores against the built-in standards only
  needs the small module.
- Types: `lifecircle.d.ts`, `lifecircle_full.d.ts` (they name DOM types such as `Response`:
  include `dom` in TypeScript's `lib`, or set `skipLibCheck`). Licence: MIT OR Apache-2.0.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// A module header, a custom section, then an export section with `exports` (name, kind).
    fn module(exports: &[(&str, u8)]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([0, 4, 1, b'x', 0xAA, 0xBB]); // custom section "x" with two bytes
        let mut body = vec![exports.len() as u8];
        for (name, kind) in exports {
            body.push(name.len() as u8);
            body.extend(name.as_bytes());
            body.extend([*kind, 0x81, 0x01]); // index 129: two LEB bytes
        }
        m.push(7);
        m.push(body.len() as u8);
        m.extend(body);
        m
    }

    #[test]
    fn zeroes_the_split_markers_hash_and_nothing_else() {
        let mut wasm =
            module(&[("mountScorecard", 0), ("_WASM_SPLIT_MARKER_732e786d2a082da8version", 3), ("version", 0)]);
        let expected =
            module(&[("mountScorecard", 0), ("_WASM_SPLIT_MARKER_0000000000000000version", 3), ("version", 0)]);
        assert_eq!(unstamp_split_markers(&mut wasm), Ok(1));
        assert_eq!(wasm, expected);
        // Applied twice, the second finds only zeros (they are hex digits too) and changes nothing.
        assert_eq!(unstamp_split_markers(&mut wasm), Ok(1));
        assert_eq!(wasm, expected);
    }

    #[test]
    fn leaves_other_names_alone() {
        let names = [("_WASM_SPLIT_MARKER_", 3), ("_WASM_SPLIT_MARKER_xyz4567890abcdefversion", 3), ("mount", 0)];
        let mut wasm = module(&names);
        assert_eq!(unstamp_split_markers(&mut wasm), Ok(0));
        assert_eq!(wasm, module(&names));
    }

    #[test]
    fn a_file_naming_the_project_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("xtask-paths-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (clean, leaky) = (dir.join("clean.wasm"), dir.join("leaky.wasm"));
        std::fs::write(&clean, b"core/src/score.rs tachys-0.2.19/src/html/property.rs").unwrap();
        std::fs::write(&leaky, format!("panic at {}/core/src/score.rs", root().display())).unwrap();
        let (ok, refused) = (no_machine_paths(std::slice::from_ref(&clean)), no_machine_paths(&[clean, leaky]));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(ok, Ok(()));
        let e = refused.unwrap_err();
        assert!(e.contains("leaky.wasm") && e.contains("names this machine's path"), "{e}");
    }

    #[test]
    fn package_json_puts_types_first_and_ships_every_target() {
        let text = package_json();
        let v: serde_json::Value = serde_json::from_str(&text).expect("package.json is JSON");
        let files: Vec<&str> = v["files"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
        for key in [".", "./full"] {
            // serde_json sorts keys when it reads: look at the text for the order.
            let at = text.find(&format!("\"{key}\": {{")).unwrap_or_else(|| panic!("no exports[{key}]"));
            let block = &text[at..at + text[at..].find('}').unwrap()];
            let pos = |c: &str| block.find(&format!("\"{c}\":")).unwrap_or_else(|| panic!("{c} in {block}"));
            assert!(pos("types") < pos("node") && pos("node") < pos("default"), "{block}");
            for target in v["exports"][key].as_object().unwrap().values() {
                let f = target.as_str().unwrap().trim_start_matches("./");
                assert!(files.contains(&f), "{f} of exports[{key}] is not in files");
            }
        }
        for main in ["main", "module", "types"] {
            assert!(files.contains(&v[main].as_str().unwrap()), "{main}");
        }
    }

    #[test]
    fn the_node_entry_reads_its_own_wasm() {
        let js = node_entry(FULL_NAME);
        assert!(js.contains("export * from './lifecircle_full.js';"), "{js}");
        assert!(js.contains("new URL('./lifecircle_full_bg.wasm', import.meta.url)"), "{js}");
        assert!(js.contains("export default function initNode"), "{js}");
    }

    #[test]
    fn broken_modules_are_errors_not_panics() {
        let whole = module(&[("_WASM_SPLIT_MARKER_732e786d2a082da8version", 3)]);
        // Every prefix returns (no panic); one that is not a module, or ends inside the
        // export section, is an error.
        for cut in 0..whole.len() {
            let r = unstamp_split_markers(&mut whole[..cut].to_vec());
            if !(4..=14).contains(&cut) {
                assert!(r.is_err(), "cut at {cut}: {r:?}");
            }
        }
        let mut long = module(&[]);
        long.extend([7, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
        assert!(unstamp_split_markers(&mut long).is_err());
    }
}
