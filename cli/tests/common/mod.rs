//! What the CLI's test files share: running the program, its output as text, scratch files and
//! the repository's own files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `lifecircle` with `args`.
pub fn lifecircle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lifecircle")).args(args).output().expect("runs")
}

/// What a run wrote, stdout then stderr.
pub fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// What a run wrote to stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file written with `content` in Cargo's scratch folder for integration tests (inside the
/// target folder: nothing is left in the system's temporary folder), one folder per test file
/// and process.
pub fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "lifecircle-{}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p
}

/// The repository's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("root").to_path_buf()
}

/// The Longwan sample circle's file.
pub fn sample_path() -> PathBuf {
    root().join("standards/examples/longwan-2024.sample.json")
}

/// The Longwan sample scored against longwan-2024 on 2026-12-06, as `score --format json`
/// writes it (an assessment to hand in).
pub fn scored_sample() -> String {
    let sample = sample_path();
    let out = score_longwan("json", &[sample.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout).expect("utf8")
}

/// `lifecircle score -s longwan-2024 --as-of 2026-12-06 --format <format>` then `rest` (more
/// options and the circle files).
pub fn score_longwan(format: &str, rest: &[&str]) -> Output {
    let mut args = vec!["score", "-s", "longwan-2024", "--as-of", "2026-12-06", "--format", format];
    args.extend_from_slice(rest);
    lifecircle(&args)
}
