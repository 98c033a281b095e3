//! Runs every golden case natively, and checks each output against its committed snapshot
//! (the wasm build checks the same snapshots, so the two cannot drift).
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p lifecircle-tests --test golden` rewrites the snapshots;
//! review the diff before committing. It never rewrites a case's hand-worked expected values
//! ([`HAND_WORKED`] says what to do when those fail).

use std::path::Path;

use lifecircle_core::standard;

/// What to do when a case's expected values are not met (after the list of mismatches).
const HAND_WORKED: &str = "\
这些用例的期望值（expect）是按标准条文手算的，算式逐行记在各用例文件的 arithmetic 中（tests/cases/<标准>/*.json）。\
若有意修改了内置标准（standards/*.toml）或测试标准（tests/standards/），请按新的条文重新手算每个未通过的用例，\
改写其 expect 与 arithmetic；UPDATE_SNAPSHOTS=1 只重写输出快照（tests/snapshots/），不改这些期望值，\
有用例未通过时也不写快照。若没有改标准，则是评分变了：先查代码，不要为通过而改用例。步骤见 standards/README.md。\n\
These cases' expected values (`expect`) are worked by hand from the standard's text, line by line in each \
case file's `arithmetic` (tests/cases/<standard>/*.json). If you changed a built-in standard (standards/*.toml) \
or a test standard (tests/standards/) on purpose, re-work each failing case by hand from the new text and \
update its `expect` and `arithmetic`; UPDATE_SNAPSHOTS=1 rewrites only the output snapshots (tests/snapshots/), \
never these expected values, and writes no snapshot while a case fails. If no standard changed, the scoring \
changed: look for the fault in the code, do not edit a case to make it pass. The steps are in standards/README.md.";

#[test]
fn golden_cases_match_expectations_and_snapshots() {
    let outputs = lifecircle_tests::run_all().unwrap_or_else(|e| panic!("{e}\n\n{HAND_WORKED}"));
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
