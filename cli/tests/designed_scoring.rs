//! What the CLI says about a standard's designed scoring: `standards` gives each built-in
//! standard's status Chinese first (all four are proposals: their points and grade cut-offs are
//! this project's design), and every command that reads a standard file warns, at its file, line
//! and item, of points that would be shown as official with nothing saying where they come from.

mod common;
use common::{lifecircle, root, stderr, text, tmp};

/// The auditor's example (audit of 2026-12-06): a city's own standard on top of mofcom-2021 that
/// rewrites MC-L04 with a verified requirement and no citation of its points; `points = 4` is on
/// line 23.
const MINE: &str = include_str!("../../core/tests/designed_scoring/mine-2026.toml");

#[test]
fn standards_lists_every_built_in_standard_as_a_proposal_chinese_first() {
    let out = lifecircle(&["standards"]);
    assert!(out.status.success(), "{}", text(&out));
    let t = String::from_utf8_lossy(&out.stdout).into_owned();
    let header = t.lines().next().expect("a header");
    assert!(header.contains("状态 status") && header.contains("层级 level"), "{t}");
    for id in ["mofcom-2021", "zhejiang-2023", "longwan-2024", "gb50180-2018"] {
        let line = t.lines().find(|l| l.starts_with(&format!("{id} "))).unwrap_or_else(|| panic!("no {id}: {t}"));
        assert!(line.contains("建议稿 proposal"), "{line}");
        assert!(!line.contains("official"), "{line}");
    }
    // What 建议稿 means, once, Chinese first.
    let note = t.lines().find(|l| l.starts_with("建议稿：")).unwrap_or_else(|| panic!("no note: {t}"));
    let (zh, en) = note.split_once(" / ").expect("Chinese / English");
    assert!(zh.contains("不是正式印发的") && en.contains("was not issued"), "{note}");
}

#[test]
fn validate_and_score_warn_of_points_shown_as_official_at_file_line_and_item() {
    let file = tmp("mine-2026.toml", MINE);
    let path = file.to_str().expect("path");
    let out = lifecircle(&["validate", path]);
    assert!(out.status.success(), "a warning is no error: {}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("✔ "), "{}", text(&out));
    let warned = stderr(&out);
    let line = warned.lines().find(|l| l.starts_with('⚠')).unwrap_or_else(|| panic!("no warning: {}", text(&out)));
    assert!(line.starts_with(&format!("⚠ {path}:23:")), "file and line: {line}");
    let (zh, en) = line.split_once(" / ").unwrap_or_else(|| panic!("Chinese / English: {line}"));
    for want in ["MC-L04", "将显示为官方数值", "points_cite", "provisional", "reason"] {
        assert!(zh.contains(want), "the Chinese lacks {want}: {line}");
    }
    for want in ["MC-L04", "shown as official", "points_cite"] {
        assert!(en.contains(want), "the English lacks {want}: {line}");
    }

    // Scoring says it too, on stderr: the results on stdout are what they were.
    let circle = root().join("tests/cases/mofcom-2021/plausible-circle-hand-worked.json");
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(circle).expect("the case")).expect("JSON");
    let circle = tmp("plausible.json", &case["circle"].to_string());
    let args = ["score", "-s", path, "--as-of", "2026-12-06", "--format", "json", circle.to_str().expect("path")];
    let out = lifecircle(&args);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(stderr(&out).matches("MC-L04 的 4 分将显示为官方数值").count(), 1, "{}", stderr(&out));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the results are JSON");
    let l04 =
        results["indicators"].as_array().expect("indicators").iter().find(|r| r["id"] == "MC-L04").expect("MC-L04");
    assert_eq!(l04["max"], 4.0, "{l04}");

    // A packed copy names the item (its text, and so its lines, are not there).
    let packed = tmp("mine-2026.lcs", "");
    let out = lifecircle(&["pack", path, "-o", packed.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    let out = lifecircle(&["validate", packed.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stderr(&out).contains("MC-L04 的 4 分将显示为官方数值"), "{}", text(&out));
}

#[test]
fn the_built_in_standards_files_give_no_warning() {
    for id in ["mofcom-2021", "zhejiang-2023", "longwan-2024", "gb50180-2018"] {
        let f = root().join(format!("standards/{id}.toml"));
        let out = lifecircle(&["validate", f.to_str().expect("path")]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(!stderr(&out).contains('⚠'), "{id}: {}", text(&out));
    }
}
