//! `cargo xtask`: build, demo and test everything with one command each.
//!
//! - `cargo xtask demo`: the README's main job. Scores the built-in sample circle against
//!   `longwan-2024` and prints the full report (the widgets issue turns this into a served
//!   demo portal).
//! - `cargo xtask test`: every check CI runs, installing what is missing first and saying so.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  demo [--lang en]   score the built-in sample circle and print its report\n  test               fmt, clippy, all tests, wasm32 build of core (installs what is missing)"
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

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
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

fn output(cmd: &mut Command) -> Option<String> {
    cmd.output().ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Add the wasm32 target if rustup does not have it (RUSTUP_AUTO_INSTALL may be off).
fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        eprintln!("==> {WASM_TARGET} target: present");
        return Ok(());
    }
    eprintln!("==> installing the {WASM_TARGET} target (missing)");
    run("install wasm32 target", Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn demo(args: &[String]) -> Result<(), String> {
    let lang = if args.iter().any(|a| a == "en") || args.iter().any(|a| a == "--lang=en") { "en" } else { "zh" };
    run("build the CLI", cargo().args(["build", "--quiet", "--release", "-p", "lifecircle"]))?;
    let bin = root().join("target/release/lifecircle");
    let example = output(Command::new(&bin).args(["example", "--standard", "longwan-2024"]))
        .ok_or("`lifecircle example` failed")?;
    let dir = root().join("target/demo");
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

fn test() -> Result<(), String> {
    let t = Instant::now();
    ensure_wasm_target()?;
    run("format check", cargo().args(["fmt", "--all", "--check"]))?;
    run("clippy", cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run("native tests", cargo().args(["test", "--workspace"]))?;
    run("core builds for wasm32", cargo().args(["build", "-p", "lifecircle-core", "--target", WASM_TARGET]))?;
    eprintln!("\nxtask test: all steps passed in {:.0} s", t.elapsed().as_secs_f64());
    Ok(())
}
