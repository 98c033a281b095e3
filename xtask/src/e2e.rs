//! The browser end-to-end check: real Chromium, the npm package as built by `dist`, no Node
//! server in between.
//!
//! The xtask serves `dist/npm/` at `/npm/` and `e2e/page/` at `/` on 127.0.0.1 (the small
//! std::net server of `serve.rs`), asks the native CLI for the sample circle's assessment, and runs
//! `node --test e2e/e2e.test.mjs` (playwright-core driving `/usr/bin/chromium`), which opens
//! the page, reads the total and the JSON from the DOM, compares them with the CLI's, checks
//! that the console stayed clean and saves a screenshot in `target/artifacts/`.

use std::process::Command;

use crate::{cargo, output, root, run, target_dir};

pub fn check() -> Result<(), String> {
    let artifacts = target_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;

    run(
        "npm pack (dry run) of dist/npm",
        Command::new("npm").args(["pack", "--dry-run"]).current_dir(root().join("dist/npm")),
    )?;

    // The native side: the CLI's sample circle and its assessment as JSON.
    let example = output(cargo().args(["run", "-q", "-p", "lifecircle", "--", "example"]))
        .ok_or("`lifecircle example` failed")?;
    let circle = artifacts.join("e2e-circle.json");
    std::fs::write(&circle, example).map_err(|e| format!("{}: {e}", circle.display()))?;
    let native = output(
        cargo()
            .args(["run", "-q", "-p", "lifecircle", "--", "score", "--standard", "longwan-2024"])
            .args(["--as-of", "2025-06-30", "--format", "json"])
            .arg(&circle),
    )
    .ok_or("`lifecircle score` failed")?;
    let native_file = artifacts.join("e2e-native.json");
    std::fs::write(&native_file, &native).map_err(|e| format!("{}: {e}", native_file.display()))?;
    let total = serde_json::from_str::<serde_json::Value>(&native).ok().and_then(|v| v["total"].as_f64());
    eprintln!("\n==> native CLI total for the sample circle: {total:?}");

    let base = crate::serve::serve_plain_in_background(vec![
        ("/npm/", root().join("dist/npm")),
        ("/", root().join("e2e/page")),
    ])?;
    eprintln!("==> serving dist/npm/ and e2e/page/ at {base}");
    run(
        "playwright-core in Chromium",
        Command::new("node")
            .args(["--test", "e2e.test.mjs"])
            .current_dir(root().join("e2e"))
            .env("LIFECIRCLE_E2E_BASE", &base)
            .env("LIFECIRCLE_E2E_NATIVE_JSON", &native_file)
            .env("LIFECIRCLE_E2E_SCREENSHOT", artifacts.join("e2e-score.png")),
    )
}
