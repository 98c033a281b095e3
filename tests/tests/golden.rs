//! Runs every golden case natively, and checks each output against its committed snapshot
//! (the wasm build checks the same snapshots, so the two cannot drift).
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p lifecircle-tests --test golden` rewrites the snapshots;
//! review the diff before committing.

use std::path::Path;

use lifecircle_core::standard;

#[test]
fn golden_cases_match_expectations_and_snapshots() {
    let outputs = lifecircle_tests::run_all().unwrap_or_else(|e| panic!("{e}"));
    assert!(!outputs.is_empty(), "no golden cases found");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        for (path, json) in &outputs {
            let p = root.join(lifecircle_tests::snapshot_path(path));
            std::fs::create_dir_all(p.parent().expect("dir")).expect("mkdir");
            std::fs::write(&p, format!("{json}\n")).expect("write snapshot");
        }
        eprintln!("rewrote {} snapshots", outputs.len());
        return;
    }
    lifecircle_tests::compare_snapshots(&outputs)
        .unwrap_or_else(|e| panic!("snapshots differ (rerun with UPDATE_SNAPSHOTS=1 and review the diff):\n{e}"));
    println!("{} golden cases passed and match their snapshots", outputs.len());
}

#[test]
fn every_builtin_standard_has_a_hand_worked_case() {
    for b in standard::BUILTIN {
        let prefix = format!("cases/{}/", b.id);
        let n = lifecircle_tests::CASES.iter().filter(|(p, _)| p.starts_with(&prefix)).count();
        assert!(n > 0, "no golden case for built-in standard {} in tests/{prefix}", b.id);
    }
}
