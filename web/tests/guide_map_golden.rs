//! Golden outputs of the guide map, built from the built-in sample circle (示例数据).
//!
//! `UPDATE_GOLDEN=1 cargo test -p lifecircle-web --test guide_map_golden` rewrites them; look
//! at the diff (and at a PNG of it) before committing.

use std::path::PathBuf;

use lifecircle_core::standard::Lang;
use lifecircle_core::{Circle, Date, load_builtin, score};
use lifecircle_web::guide_map::{GuideMapData, Layout, MapOptions, ReachedSegment, render_guide_map};

fn sample() -> GuideMapData {
    let ex = lifecircle_core::example::example("longwan-2024").unwrap();
    let standard = load_builtin(ex.standard).unwrap();
    let circle = Circle::from_json(ex.json).unwrap();
    let a = score(&standard, &circle, Date::new(2025, 6, 30).unwrap()).unwrap();
    GuideMapData::from_core(&standard, &circle, Some(&a))
}

/// Whether every tag is closed in order (a small well-formedness check, no XML crate).
fn balanced(svg: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').ok_or("unclosed <")?;
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or(""));
        }
        rest = &rest[end + 1..];
    }
    if stack.is_empty() { Ok(()) } else { Err(format!("unclosed: {stack:?}")) }
}

/// Compares with `tests/golden/<name>`, or rewrites it under `UPDATE_GOLDEN=1`.
fn check(name: &str, svg: &str) {
    balanced(svg).unwrap_or_else(|e| panic!("{name}: {e}"));
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if want != svg {
        let line = want.lines().zip(svg.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!("{name} differs from the golden file (first at line {}); UPDATE_GOLDEN=1 rewrites it", line + 1);
    }
}

#[test]
fn sample_screen_zh() {
    check("sample-screen-zh.svg", &render_guide_map(&sample(), &MapOptions::default()));
}

#[test]
fn sample_screen_en() {
    let o = MapOptions { lang: Lang::En, ..MapOptions::default() };
    check("sample-screen-en.svg", &render_guide_map(&sample(), &o));
}

#[test]
fn sample_a3_zh() {
    let o = MapOptions { layout: Layout::A3Portrait, ..MapOptions::default() };
    check("sample-a3-zh.svg", &render_guide_map(&sample(), &o));
}

/// Streets reached in each tier, a boundary, the ODbL line and a selected facility.
#[test]
fn streets_boundary_osm_selected() {
    let mut d = sample();
    let [x, y] = d.centre;
    d.boundary =
        Some(vec![[x - 0.006, y - 0.005], [x + 0.006, y - 0.005], [x + 0.006, y + 0.005], [x - 0.006, y + 0.005]]);
    d.streets = vec![vec![[x - 0.008, y], [x + 0.008, y]], vec![[x, y - 0.007], [x, y + 0.007]]];
    d.reached = vec![
        ReachedSegment { line: vec![[x, y], [x + 0.002, y]], minutes: 3.0 },
        ReachedSegment { line: vec![[x + 0.002, y], [x + 0.005, y]], minutes: 8.0 },
        ReachedSegment { line: vec![[x + 0.005, y], [x + 0.008, y]], minutes: 13.0 },
        ReachedSegment { line: vec![[x, y], [x, y + 0.007]], minutes: 9.0 },
    ];
    d.osm = true;
    let o = MapOptions { selected: Some("F04".into()), ..MapOptions::default() };
    check("streets-boundary-osm.svg", &render_guide_map(&d, &o));
}

#[test]
fn same_bytes_twice_and_valid_numbers() {
    let d = sample();
    let a = render_guide_map(&d, &MapOptions::default());
    assert_eq!(a, render_guide_map(&d, &MapOptions::default()));
    assert!(!a.contains("NaN") && !a.contains("inf") && !a.contains("-0.0"));
    assert!(!a.contains("style="), "a strict CSP forbids style attributes");
}

#[test]
fn missing_types_come_from_the_gaps() {
    let d = sample();
    let zh: Vec<&str> = d.missing.iter().map(|m| m.zh.as_str()).collect();
    assert!(zh.contains(&"蔬菜直通车") && zh.iter().any(|z| z.starts_with("托育")), "{zh:?}");
}

#[test]
fn empty_circle_renders() {
    let d = GuideMapData { name: "空生活圈".into(), centre: [120.0, 28.0], ..Default::default() };
    let svg = render_guide_map(&d, &MapOptions::default());
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
}
