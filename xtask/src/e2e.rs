//! The browser end-to-end check: real Chromium, the npm package as built by `dist`, no Node
//! server in between.
//!
//! The xtask serves `dist/npm/` at `/npm/` and `e2e/page/` at `/` on 127.0.0.1 (a small
//! std::net server), asks the native CLI for the sample circle's assessment, and runs
//! `node --test e2e/e2e.test.mjs` (playwright-core driving `/usr/bin/chromium`), which opens
//! the page, reads the total and the JSON from the DOM, compares them with the CLI's, checks
//! that the console stayed clean and saves a screenshot in `target/artifacts/`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
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

    let base = serve(vec![("/npm/", root().join("dist/npm")), ("/", root().join("e2e/page"))])?;
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

/// Serve each URL prefix from its directory on 127.0.0.1 (an ephemeral port), in a thread
/// that lives as long as the xtask. Returns the base URL.
fn serve(mounts: Vec<(&'static str, PathBuf)>) -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind 127.0.0.1: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = respond(stream, &mounts);
        }
    });
    Ok(format!("http://{addr}"))
}

fn respond(mut stream: TcpStream, mounts: &[(&str, PathBuf)]) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/");
    let file = mounts.iter().find_map(|(prefix, dir)| {
        let rest = path.strip_prefix(prefix)?;
        let rest = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.into() };
        (!rest.split('/').any(|s| s == "..")).then(|| dir.join(rest))
    });
    let (status, kind, body) = match file.as_deref().map(|f| (f, std::fs::read(f))) {
        Some((f, Ok(body))) => ("200 OK", content_type(f), body),
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

fn content_type(f: &Path) -> &'static str {
    match f.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("css") => "text/css",
        Some("png") => "image/png",
        _ => "text/plain; charset=utf-8",
    }
}
