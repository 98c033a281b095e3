//! The parent named in `extends` when a file beside the child has a built-in standard's id: the
//! file beside the child is the one its author is editing, so it is used, and the CLI says so
//! whenever it is not the built-in standard (naming both), never silently.

mod common;
use common::{lifecircle, root, stderr, text, tmp};
use std::path::PathBuf;

/// A folder of its own in the scratch folder, with `files` (name, content) written in it.
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = tmp(".keep", "").parent().expect("scratch folder").join(name);
    std::fs::create_dir_all(&dir).expect("folder");
    for (f, content) in files {
        std::fs::write(dir.join(f), content).expect("write");
    }
    dir
}

/// A built-in standard's file as shipped.
fn shipped(id: &str) -> String {
    std::fs::read_to_string(root().join(format!("standards/{id}.toml"))).expect("a built-in standard's file")
}

/// A district's own standard that only extends `parent` (no indicators of its own).
fn kid(parent: &str) -> String {
    format!(
        "[standard]\nid = \"kid-2025\"\nversion = \"0.1.0\"\ntitle = {{ zh = \"子标准\", en = \"Child\" }}\n\
         issuer = {{ zh = \"测试\", en = \"Test\" }}\ndocument = \"无\"\nissued = \"2025-01-01\"\n\
         effective = \"2025-01-01\"\nlevel = \"district\"\nextends = \"{parent}\"\nstatus = \"proposal\"\n\
         total_points = 100\ncite = {{ source = \"lifecircle-design\", confidence = \"provisional\", reason = \"测试\" }}\n"
    )
}

/// The lineage `show` prints: `id version` of each layer.
fn lineage(file: &std::path::Path) -> Vec<String> {
    let out = lifecircle(&["show", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).expect("show prints JSON");
    s["lineage"]
        .as_array()
        .expect("a lineage")
        .iter()
        .map(|l| format!("{} {}", l["id"].as_str().expect("id"), l["version"].as_str().expect("version")))
        .collect()
}

/// An edited copy of a built-in parent, with a new version, beside the child: it is the parent
/// used, and `validate`, `show` and `pack` each say it is not the built-in one, naming both
/// versions and the file, Chinese first.
#[test]
fn a_parent_file_beside_the_child_is_used_and_named_when_it_is_not_the_built_in() {
    let zj = shipped("zhejiang-2023");
    assert!(zj.contains("\nversion = \"0.1.0\"\n"), "the built-in's version line");
    let dir = folder(
        "new-version",
        &[
            ("zhejiang-2023.toml", &zj.replacen("\nversion = \"0.1.0\"\n", "\nversion = \"0.2.0\"\n", 1)),
            ("kid-2025.toml", &kid("zhejiang-2023")),
        ],
    );
    let child = dir.join("kid-2025.toml");
    let beside = dir.join("zhejiang-2023.toml");
    assert_eq!(lineage(&child), ["mofcom-2021 0.1.0", "zhejiang-2023 0.2.0", "kid-2025 0.1.0"]);

    let out = lifecircle(&["validate", child.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    let warned = stderr(&out);
    let line = warned.lines().find(|l| l.starts_with('⚠')).unwrap_or_else(|| panic!("no warning: {}", text(&out)));
    let (zh, en) = line.split_once(" / ").unwrap_or_else(|| panic!("Chinese / English: {line}"));
    let file = beside.display().to_string();
    for want in ["kid-2025.toml", "上级标准 zhejiang-2023", file.as_str(), "v0.2.0", "内置", "v0.1.0"] {
        assert!(zh.contains(want), "the Chinese lacks {want}: {line}");
    }
    for want in ["the parent zhejiang-2023", file.as_str(), "v0.2.0", "built-in", "v0.1.0"] {
        assert!(en.contains(want), "the English lacks {want}: {line}");
    }
    assert!(zh.find('⚠') < zh.find("内置"), "{line}");

    // The same for every command that reads the file, once each.
    for args in [vec!["show"], vec!["pack"]] {
        let mut args = args;
        args.push(child.to_str().expect("path"));
        let out = lifecircle(&args);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(stderr(&out).matches("上级标准 zhejiang-2023").count(), 1, "{args:?}: {}", stderr(&out));
    }
}

/// A copy with the built-in's id and version but other content, here the grandparent: used,
/// and warned as `score` warns a standard file with a built-in's id and version.
#[test]
fn an_edited_grandparent_beside_the_child_is_used_and_warned_as_score_warns() {
    let mc = shipped("mofcom-2021");
    assert!(mc.contains("en = \"Convenience store\""), "a name to edit");
    let dir = folder(
        "same-version",
        &[
            ("mofcom-2021.toml", &mc.replacen("en = \"Convenience store\"", "en = \"Corner shop\"", 1)),
            ("kid-2025.toml", &kid("zhejiang-2023")),
        ],
    );
    let child = dir.join("kid-2025.toml");
    let out = lifecircle(&["show", child.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"Corner shop\""), "the edited file is used");
    let warned = stderr(&out);
    assert!(warned.contains("上级标准 mofcom-2021"), "{warned}");
    assert!(warned.contains("标识与版本（mofcom-2021 v0.1.0）与内置标准相同，但内容不同"), "{warned}");
    assert!(warned.contains("has the id and version of the built-in standard but other content"), "{warned}");
    assert!(!warned.contains("zhejiang-2023"), "the built-in zhejiang-2023 is used as it is: {warned}");
}

/// Copies identical to the built-in standards (the shipped folder itself) say nothing.
#[test]
fn identical_copies_beside_the_child_say_nothing() {
    let out = lifecircle(&["validate", root().join("standards/longwan-2024.toml").to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!stderr(&out).contains('⚠'), "{}", text(&out));
    let dir = folder(
        "identical",
        &[("zhejiang-2023.toml", &shipped("zhejiang-2023")), ("kid-2025.toml", &kid("zhejiang-2023"))],
    );
    let out = lifecircle(&["validate", dir.join("kid-2025.toml").to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!stderr(&out).contains('⚠'), "{}", text(&out));
}

/// `validate --help` gives the order: the file beside the child first, then the built-in.
#[test]
fn the_help_gives_the_lookup_order() {
    let help = text(&lifecircle(&["validate", "--help"]));
    let (zh, en) = (help.find("先找同目录的").expect("Chinese"), help.find("beside the file first").expect("English"));
    assert!(zh < en, "{help}");
}
