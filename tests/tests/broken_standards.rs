//! One broken standard file per validation error kind (TOML, and a few in YAML). Each file says
//! on its first line what it expects (`# expect: <code> [<item id>] [@<file>]`) and marks the
//! offending line with `# <- error`; the diagnostic must name that file, that line and that item.

use std::path::{Path, PathBuf};

use lifecircle_core::standard::{self, Diagnostic};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("standards/broken")
}

fn resolve(path: &Path) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path).expect("readable");
    let broken = dir();
    let base = broken.parent().expect("tests/standards").to_path_buf();
    let lookup = move |id: &str| {
        standard::builtin_parent(id).or_else(|| {
            // `<id>.toml`, `.json`, `.yaml` or `.yml`, as the CLI looks parents up …
            for d in [&broken, &base] {
                for (ext, _) in standard::EXTENSIONS {
                    let f = format!("{id}.{ext}");
                    if let Ok(t) = std::fs::read_to_string(d.join(&f)) {
                        return Some((f, t));
                    }
                }
            }
            // … else any TOML file that declares the id.
            for d in [&broken, &base] {
                for e in std::fs::read_dir(d).ok()?.flatten() {
                    let t = std::fs::read_to_string(e.path()).unwrap_or_default();
                    if t.contains(&format!("\nid = \"{id}\"")) {
                        return Some((e.file_name().to_string_lossy().into_owned(), t));
                    }
                }
            }
            None
        })
    };
    let name = path.file_name().expect("file").to_string_lossy().into_owned();
    match standard::resolve::resolve(&name, &text, &lookup) {
        Ok(s) => panic!("{name} resolved as {} but should fail", s.id),
        Err(e) => e.diagnostics,
    }
}

fn marker_line(file: &str) -> u32 {
    let text = std::fs::read_to_string(dir().join(file)).expect("readable");
    let i = text
        .lines()
        .position(|l| l.contains("# <- error"))
        .unwrap_or_else(|| panic!("{file} has no `# <- error` marker"));
    i as u32 + 1
}

#[test]
fn every_broken_file_reports_its_error_at_the_marked_line() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir()).expect("dir").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut codes = std::collections::BTreeSet::new();
    for path in &files {
        let name = path.file_name().expect("file").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("readable");
        let header = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{name}: no expect header"));
        let mut code = "";
        let mut item = None;
        let mut file = name.clone();
        for (i, w) in header.split_whitespace().enumerate() {
            match (i, w.strip_prefix('@')) {
                (_, Some(f)) => file = f.to_string(),
                (0, None) => code = w,
                (_, None) => item = Some(w.to_string()),
            }
        }
        let line = marker_line(&file);
        let diags = resolve(path);
        let hit = diags.iter().find(|d| d.code.as_str() == code);
        let Some(d) = hit else { panic!("{name}: no `{code}` diagnostic in {diags:#?}") };
        assert_eq!(d.file, file, "{name}: diagnostic names the wrong file: {d}");
        assert_eq!(d.line, Some(line), "{name}: wrong line: {d}");
        if let Some(item) = &item {
            assert_eq!(d.item.as_ref(), Some(item), "{name}: wrong item: {d}");
        }
        // The rendered message carries file, line and item, and no panic-like noise.
        let shown = d.to_string();
        assert!(shown.starts_with(&format!("{file}:{line}:")), "{shown}");
        codes.insert(code.to_string());
    }
    for required in [
        "unknown_category",
        "duplicate_id",
        "points_mismatch",
        "overlapping_grades",
        "unknown_unit",
        "missing_citation",
        "extends_cycle",
        "unknown_parent",
        "syntax",
        "unknown_field",
        "bad_parameter",
        "bad_rule",
        "override_unknown",
        "unknown_reference",
        "bad_value",
    ] {
        assert!(codes.contains(required), "no broken file exercises `{required}`");
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = std::fs::read_to_string(dir().join("unknown-category.toml")).expect("readable")
        + "\n[[indicators]]\nid = \"X02\"\ndimension = \"nowhere\"\nzh = \"二\"\nen = \"two\"\nkind = \"count\"\ntarget = \"nothing\"\nat_least = 1\npoints = 4\ncite = { source = \"nobody\", confidence = \"maybe\" }\n";
    let lookup = |id: &str| {
        let p = dir().parent().expect("dir").join(format!("{id}.toml"));
        std::fs::read_to_string(&p).ok().map(|t| (format!("{id}.toml"), t))
    };
    let err = standard::resolve::resolve("many.toml", &text, &lookup).expect_err("invalid");
    let codes: Vec<&str> = err.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for c in ["unknown_category", "unknown_reference", "bad_value", "points_mismatch"] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
    assert!(err.diagnostics.len() >= 6, "{err}");
}

/// A child of a standard that names its units in English (longwan-2024) may add a unit of its
/// own without `[[units]]`: it resolves, and English shows that unit in Chinese, the inherited
/// ones in English.
#[test]
fn a_child_may_add_units_without_english_names() {
    let child = r#"
[standard]
id = "longwan-sub-test"
version = "1.0.0"
title = { zh = "街道子标准", en = "A subdistrict's standard" }
issuer = { zh = "测试", en = "tests" }
document = "无"
issued = "2024-01-01"
effective = "2024-01-01"
level = "district"
extends = "longwan-2024"
status = "proposal"
total_points = 103
cite = { source = "lw-plan-2024", confidence = "provisional", reason = "test" }

[[dimensions]]
id = "local"
zh = "本街道"
en = "Local"

[[indicators]]
id = "SUB-01"
dimension = "local"
zh = "有便利店"
en = "A convenience store"
kind = "presence"
target = "convenience_store"
points = 3
responsible = [" 永中街道办事处 * ", "区商务局"]
cite = { source = "lw-plan-2024", confidence = "provisional", reason = "test" }
"#;
    let st = standard::resolve::resolve("sub.toml", child, &standard::builtin_parent)
        .unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    let c = lifecircle_core::Circle::from_json(r#"{"id": "x", "name": "空"}"#).expect("circle");
    let a = lifecircle_core::score(&st, &c, "2025-06-30".parse().expect("date")).expect("scores");
    let gap = a.gaps.iter().find(|g| g.indicator == "SUB-01").expect("SUB-01 is a gap");
    assert_eq!(gap.responsible, ["永中街道办事处*", "区商务局"], "trimmed, the lead mark kept");
    assert_eq!(gap.units(standard::Lang::En), ["永中街道办事处*", "District Bureau of Commerce"]);
}
