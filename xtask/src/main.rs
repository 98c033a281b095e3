//! `cargo xtask`: build, demo and test everything with one command each.
//!
//! - `cargo xtask demo [--port N]`: the README's main job. Builds the widgets and the two
//!   built-in samples and serves the demo portal at http://127.0.0.1:8080 until Ctrl-C.
//! - `cargo xtask report`: the sample circle's full report against `longwan-2024`, printed.
//! - `cargo xtask dist [--widgets a,b]`: the npm package in `dist/npm/` and the widgets in
//!   `dist/widgets/` (release wasm, bindgen through the `wasm-bindgen-cli-support` library,
//!   `wasm-opt -Oz` from npm `binaryen`), with sizes.
//! - `cargo xtask test`: every check CI runs, installing what is missing first and saying so.

mod demo;
mod dist;
mod e2e;
mod install;
mod notices;
mod serve;
mod widgets;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo::portal(&args[1..]),
        Some("report") => demo(&args[1..]),
        Some("dist") => widgets::selection(&args[1..])
            .and_then(|w| install::wasm_target().and_then(|_| dist::dist()).and_then(|_| widgets::dist(&w)))
            .map(|_| ()),
        Some("widgets") => widgets::selection(&args[1..])
            .and_then(|w| install::wasm_target().and_then(|_| widgets::dist(&w)))
            .map(|_| ()),
        Some("test") => test(),
        Some("e2e") => e2e::check(),
        Some("portal-e2e") => demo::browser_tests(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  demo [--port N]    build the widgets and serve the demo portal at http://127.0.0.1:8080\n  report [--lang en] score the built-in sample circle and print its report\n  dist [--widgets a,b] build the npm package into dist/npm/ and the widgets into dist/widgets/, with sizes\n                     (--widgets: only these of assessment,scorecard,gap-report,guide-map,district)\n  widgets [--widgets a,b] the widgets bundle alone (dist/widgets/)\n  portal-e2e         the demo portal and embedding tests in Chromium alone\n  e2e                the browser end-to-end check alone, against the existing dist/npm/\n  test               fmt, clippy, all tests, wasm tests in Chromium, dist, tsc, browser e2e (installs what is missing)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Cargo's target directory (`CARGO_TARGET_DIR` when set).
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => root().join(d),
        None => root().join("target"),
    }
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// `cargo build --target wasm32-unknown-unknown --release`, for the modules that ship (the npm
/// package and the widgets). Panic messages in them carry source paths; for the crates from
/// the registry those would be this machine's (`$CARGO_HOME/registry/src/<index>/<crate>/…`).
/// They are remapped to `<crate>/…`: the shipped files name no machine path, are a little
/// smaller, and come out the same wherever the project is built. The flags are appended to
/// the target's `rustflags` in `.cargo/config.toml` (Cargo joins `--config` arrays).
fn wasm_release_build() -> Command {
    let mut c = cargo();
    c.args(["build", "--target", WASM_TARGET, "--release"]);
    let flags: Vec<String> = registry_sources()
        .iter()
        .map(|dir| {
            let flag = format!("--remap-path-prefix={}=", dir.display());
            format!("\"{}\"", flag.replace('\\', "\\\\").replace('"', "\\\""))
        })
        .collect();
    if !flags.is_empty() {
        c.args(["--config", &format!("target.{WASM_TARGET}.rustflags=[{}]", flags.join(","))]);
    }
    c
}

/// The directories holding the registry's unpacked crates: `$CARGO_HOME/registry/src/*`.
fn registry_sources() -> Vec<PathBuf> {
    let Some(src) = cargo_home().map(|h| h.join("registry/src")) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&src)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// Where Cargo keeps its registry: `$CARGO_HOME`, else `$HOME/.cargo`.
fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
}

/// Run a command, echoing it, failing on a non-zero exit.
fn run(step: &str, cmd: &mut Command) -> Result<(), String> {
    let shown = format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ")
    );
    eprintln!("\n==> {step}: {shown}");
    let t = Instant::now();
    let status = cmd.status().map_err(|e| format!("{step}: cannot start `{shown}`: {e}"))?;
    eprintln!("    ({step}: {:.1} s)", t.elapsed().as_secs_f64());
    if status.success() { Ok(()) } else { Err(format!("{step} failed ({status})")) }
}

/// `cmd` (a `cargo test --target wasm32-unknown-unknown`) run in headless Chromium through
/// wasm-bindgen's test runner. The runner gives a whole test file 20 s by default, which the
/// widgets' 42 tests in a debug build exceeded on a loaded two-core machine (a test "might have
/// timed out", 2026-12-06): 300 s unless `WASM_BINDGEN_TEST_TIMEOUT` is set.
fn headless(cmd: &mut Command) -> &mut Command {
    let runner = install::cargo_bin_dir().join("wasm-bindgen-test-runner");
    cmd.env("CHROMEDRIVER", std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()))
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("WASM_BINDGEN_TEST_TIMEOUT", std::env::var("WASM_BINDGEN_TEST_TIMEOUT").unwrap_or_else(|_| "300".into()))
}

fn output(cmd: &mut Command) -> Option<String> {
    cmd.output().ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn demo(args: &[String]) -> Result<(), String> {
    let lang = if args.iter().any(|a| a == "en") || args.iter().any(|a| a == "--lang=en") { "en" } else { "zh" };
    run("build the CLI", cargo().args(["build", "--quiet", "--release", "-p", "lifecircle"]))?;
    let bin = target_dir().join("release").join(format!("lifecircle{}", std::env::consts::EXE_SUFFIX));
    let example = output(Command::new(&bin).args(["example", "--standard", "longwan-2024"]))
        .ok_or("`lifecircle example` failed")?;
    let dir = target_dir().join("demo");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join("longwan-2024.sample.json");
    std::fs::write(&file, example).map_err(|e| format!("{}: {e}", file.display()))?;
    eprintln!("\n示例数据 sample circle written to {}", file.display());
    run(
        "score the sample circle",
        Command::new(&bin)
            .args(["score", "--standard", "longwan-2024", "--as-of", "2025-06-30", "--lang", lang])
            .arg(&file),
    )
}

/// Times of the steps run so far, for the closing summary.
struct Steps(Vec<(&'static str, f64)>, Instant);

impl Steps {
    fn step(&mut self, name: &'static str, f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
        let t = Instant::now();
        let r = f();
        self.0.push((name, t.elapsed().as_secs_f64()));
        r.map_err(|e| format!("{e}\n{}", self.summary(Some(name))))
    }

    fn summary(&self, failed: Option<&str>) -> String {
        let mut s = String::from("\nxtask test steps:");
        for (name, secs) in &self.0 {
            let mark = if Some(*name) == failed { "FAILED" } else { "ok" };
            s.push_str(&format!("\n  {mark:>6}  {secs:>6.1} s  {name}"));
        }
        s
    }
}

fn test() -> Result<(), String> {
    let mut s = Steps(Vec::new(), Instant::now());
    s.step("wasm32 target", install::wasm_target)?;
    s.step("format check", || run("format check", cargo().args(["fmt", "--all", "--check"])))?;
    s.step("clippy", || {
        run("clippy", cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))
    })?;
    s.step("native tests", || run("native tests", cargo().args(["test", "--workspace"])))?;
    s.step("core builds for wasm32", || {
        run("core builds for wasm32", cargo().args(["build", "-p", "lifecircle-core", "--target", WASM_TARGET]))
    })?;
    s.step("install: wasm-bindgen-test-runner", install::wasm_bindgen_cli)?;
    s.step("install: chromium, chromedriver, CJK fonts", install::browser)?;
    s.step("install: npm ci in e2e/", install::npm)?;
    s.step("wasm tests in headless Chromium", || {
        run(
            "wasm tests in headless Chromium",
            headless(cargo().args([
                "test",
                "-p",
                "lifecircle-wasm",
                "--features",
                "test-panic,access,authoring,district",
                "--target",
                WASM_TARGET,
            ])),
        )
    })?;
    // Both halves: tsc checks the npm package and the widgets module against their types.
    s.step("dist", || dist::dist().and_then(|_| widgets::dist(&widgets::DEFAULT)).map(|_| ()))?;
    s.step("tsc --noEmit --strict", || {
        run(
            "tsc --noEmit --strict",
            Command::new(root().join("e2e/node_modules/.bin/tsc"))
                .args(["--noEmit", "--strict", "-p", "."])
                .current_dir(root().join("e2e")),
        )
    })?;
    s.step("browser end-to-end", e2e::check)?;
    s.step("widgets: wasm tests in headless Chromium", || {
        run(
            "widgets: wasm tests in headless Chromium",
            headless(cargo().args([
                "test",
                "-p",
                "lifecircle-web",
                "--features",
                "test-panic",
                "--target",
                WASM_TARGET,
            ])),
        )
    })?;
    s.step("demo portal and embedding in Chromium", demo::browser_tests)?;
    eprintln!("{}\n\nxtask test: all steps passed in {:.0} s", s.summary(None), s.1.elapsed().as_secs_f64());
    Ok(())
}
