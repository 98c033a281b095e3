//! Golden outputs of the guide map, built from the built-in sample circle (示例数据).
//!
//! `UPDATE_GOLDEN=1 cargo test -p lifecircle-web --test guide_map_golden` rewrites them; look
//! at the diff (and at a PNG of it) before committing.

use std::path::PathBuf;

use lifecircle_core::access::crs::Crs;
use lifecircle_core::standard::Lang;
use lifecircle_core::{Circle, Date, load_builtin, score};
use lifecircle_web::guide_map::{
    GuideMapData, Label, Layout, MapOptions, ReachedSegment, SuggestedSite, TIER_COLOURS, page_size, render_guide_map,
    tiles_for, unproject,
};

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

/// The phone layout: the map across the width, the whole legend below it (every row and every
/// missing type listed, none cut), in both languages.
#[test]
fn suggested_sites_phone() {
    let cases = [
        (Lang::Zh, "suggested-sites-phone-zh.svg", "微型消防站", 1363.0),
        // The English legend takes more lines: the page grows rather than the text shrinking.
        // (its last type on two lines beside the larger symbols: "Micro fire" / "station")
        (Lang::En, "suggested-sites-phone-en.svg", "Micro fire", 1915.0),
    ];
    for (lang, name, last_type, height) in cases {
        let o = MapOptions { lang, layout: Layout::Phone, ..MapOptions::default() };
        let svg = render_guide_map(&with_suggested(), &o);
        // Drawn at the size the component pans and zooms in.
        assert_eq!(page_size(&with_suggested(), &o), (320.0, height), "{lang:?}");
        assert!(svg.contains(&format!("viewBox=\"0.0 0.0 320.0 {height:.1}\"")), "{lang:?}");
        assert!(
            svg.contains(&format!("font-size=\"12.0\" fill=\"#1d232b\">{last_type}</text>")),
            "{lang:?}: legend at full size: {:?}",
            texts(&svg).iter().filter(|t| t.body.contains(&last_type[..4])).collect::<Vec<_>>()
        );
        assert!(!svg.contains("未能列出") && !svg.contains("more rows not shown"), "{lang:?}: every legend row fits");
        assert!(
            !svg.contains("…</text>"),
            "{lang:?}: no text is cut: {:?}",
            svg.split("</text>")
                .filter(|t| t.ends_with("…"))
                .map(|t| t.rsplit('>').next().unwrap_or_default())
                .collect::<Vec<_>>()
        );
        check(name, &svg);
    }
}

/// The sample with a boundary, streets, and streets reached in each tier (the ODbL line on).
fn with_streets() -> GuideMapData {
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
    d
}

/// Streets reached in each tier, a boundary, the ODbL line and a selected facility.
#[test]
fn streets_boundary_osm_selected() {
    let o = MapOptions { selected: Some("F04".into()), ..MapOptions::default() };
    check("streets-boundary-osm.svg", &render_guide_map(&with_streets(), &o));
}

/// An attribute of the SVG element `tag` (its text from `<` to `>`).
fn attr(tag: &str, name: &str) -> Option<String> {
    Some(tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()?.to_string())
}

/// How a line is drawn: colour, width, dashes (none: solid).
#[derive(Debug, PartialEq)]
struct Stroke {
    colour: String,
    width: f64,
    dash: Option<String>,
}

impl Stroke {
    fn of(tag: &str) -> Stroke {
        Stroke {
            colour: attr(tag, "stroke").unwrap_or_else(|| panic!("no stroke: {tag}")),
            width: attr(tag, "stroke-width").and_then(|w| w.parse().ok()).unwrap_or_else(|| panic!("no width: {tag}")),
            dash: attr(tag, "stroke-dasharray"),
        }
    }
}

/// The streets reached in each tier (5, 10, 15 minutes) stay apart without their colours,
/// printed in grey on an office printer (the 5- and 15-minute colours are both a dark grey
/// there, Rec. 601 grey 89 and 82) or seen by a reader who does not tell the colours apart
/// (WCAG 1.4.1): every two tiers differ in width or in dashes, on the map and in the legend,
/// and each legend row draws its tier exactly as the map does. Each colour stands at 3:1 or
/// more on the map's paper (WCAG 1.4.11). Before, all three were solid lines of one width.
#[test]
fn reached_tiers_differ_without_colour() {
    // (Rec. 601 luma, as a printer's grey)
    let grey = |c: &str| {
        let v = |i: usize| f64::from(u8::from_str_radix(&c[i..i + 2], 16).unwrap());
        0.299 * v(1) + 0.587 * v(3) + 0.114 * v(5)
    };
    assert!((grey(TIER_COLOURS[0]) - grey(TIER_COLOURS[2])).abs() < 10.0, "why this test exists");
    for c in TIER_COLOURS {
        assert!(contrast(c, "#f6f3ec") >= 3.0, "{c} on the map's paper: {:.2}", contrast(c, "#f6f3ec"));
    }
    let d = with_streets();
    for (lang, large_text) in [(Lang::Zh, false), (Lang::En, false), (Lang::Zh, true)] {
        for layout in [Layout::Screen, Layout::A3Portrait, Layout::Phone] {
            let o = MapOptions { lang, layout, large_text, ..MapOptions::default() };
            let svg = render_guide_map(&d, &o);
            assert!(svg.contains("<rect x=\"") && svg.contains(" rx=\"8\" fill=\"#f6f3ec\"/>"), "the map's paper");
            // The legend's rows, 5, 10 and 15 minutes in order: the line just before each
            // label (its first line: a narrow column wraps it).
            let label = lang.pick(">步行 ", ">Streets within");
            let lines: Vec<&str> = svg.lines().collect();
            let rows: Vec<&str> = lines.windows(2).filter(|w| w[1].contains(label)).map(|w| w[0]).collect();
            assert_eq!(rows.len(), 3, "{layout:?} {lang:?}: {rows:?}");
            assert!(rows.iter().all(|r| r.starts_with("<line ")), "{rows:?}");
            let legend: Vec<Stroke> = rows.iter().map(|r| Stroke::of(r)).collect();
            for (i, s) in legend.iter().enumerate() {
                assert_eq!(s.colour, TIER_COLOURS[i]);
            }
            for (a, b) in [(0, 1), (1, 2), (0, 2)] {
                let (x, y) = (&legend[a], &legend[b]);
                assert!(
                    (x.width - y.width).abs() >= 0.25 * x.width.max(y.width) || x.dash != y.dash,
                    "{layout:?} {lang:?}: tiers {a} and {b} alike but for colour: {x:?} {y:?}"
                );
            }
            // The nearer, the bolder: 5 minutes thickest, 15 minutes dashed.
            assert!(legend[0].width > legend[1].width && legend[1].width > legend[2].width, "{legend:?}");
            assert!(legend[0].dash.is_none() && legend[1].dash.is_none() && legend[2].dash.is_some(), "{legend:?}");
            // A dashed row shows a gap and the start of a second dash.
            let [on, off]: [f64; 2] = legend[2]
                .dash
                .as_deref()
                .unwrap()
                .split(' ')
                .map(|v| v.parse().unwrap())
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            let x = |a: &str| attr(rows[2], a).unwrap().parse::<f64>().unwrap();
            assert!(x("x2") - x("x1") > on + off, "{layout:?}: {}", rows[2]);
            // The map's streets of each tier are drawn exactly as the legend's row.
            for (i, row) in legend.iter().enumerate() {
                let at = svg.find(&format!("<g class=\"lc-reached-{}\"", i + 1)).expect("a group a tier");
                let group = &svg[at..];
                assert!(group[..group.find("</g>").unwrap()].contains("<path "), "tier {i} has streets");
                assert_eq!(&Stroke::of(&group[..group.find('>').unwrap()]), row, "{layout:?} {lang:?} tier {i}");
            }
        }
    }
}

/// A street reached in pieces is drawn as one line where each piece starts at the end of the
/// one before, so that the dashed 15-minute streets keep their dashes across short pieces;
/// pieces that do not meet stay apart.
#[test]
fn reached_pieces_that_meet_are_one_line() {
    let mut d = sample();
    let [x, y] = d.centre;
    d.reached = vec![
        ReachedSegment { line: vec![[x, y], [x + 0.0002, y]], minutes: 12.0 },
        ReachedSegment { line: vec![[x + 0.0002, y], [x + 0.0004, y]], minutes: 13.0 },
        ReachedSegment { line: vec![[x + 0.0004, y], [x + 0.0006, y + 0.0001]], minutes: 14.0 },
        ReachedSegment { line: vec![[x, y + 0.002], [x, y + 0.003]], minutes: 15.0 },
    ];
    let svg = render_guide_map(&d, &MapOptions::default());
    let at = svg.find("<g class=\"lc-reached-3\"").expect("the 15-minute tier");
    let group = &svg[at..at + svg[at..].find("</g>").unwrap()];
    let paths: Vec<&str> = group.lines().filter(|l| l.starts_with("<path ")).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert_eq!(attr(paths[0], "d").unwrap().matches(" L").count(), 3, "four points, one line: {}", paths[0]);
    assert_eq!(attr(paths[1], "d").unwrap().matches(" L").count(), 1, "{}", paths[1]);
}

/// The list of missing types is the types none of which is within walking reach (as the gaps
/// count them): the BJTU sample listed 便利店 under 缺少的业态 while drawing two 便利店 beyond
/// reach. Its heading says so, in every layout and in both languages, and so does the map's
/// description read aloud.
#[test]
fn missing_types_are_headed_within_walking_reach() {
    let d = sample();
    for layout in [Layout::Screen, Layout::A3Portrait, Layout::Phone] {
        for (lang, heading, desc) in [
            (Lang::Zh, "步行范围内缺少的业态", "步行范围内缺少 "),
            (Lang::En, "Missing within walking reach", "categories missing within walking reach."),
        ] {
            let svg = render_guide_map(&d, &MapOptions { layout, lang, ..MapOptions::default() });
            let t = texts(&svg);
            let h = t.iter().find(|t| t.body == heading).unwrap_or_else(|| panic!("{layout:?} {lang:?}: {heading}"));
            assert_eq!(h.fill, "#b3261e", "the missing types' heading");
            let desc_at = svg.find("<desc id=\"lc-map-desc\">").unwrap();
            assert!(svg[desc_at..svg.find("</desc>").unwrap()].contains(desc), "{layout:?} {lang:?}");
            assert!(!svg.contains("（待补齐）") && !svg.contains("Missing types (to add)"));
        }
    }
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
    let zh: Vec<&str> = d.missing.iter().map(|m| m.name.zh.as_str()).collect();
    assert!(zh.contains(&"蔬菜直通车") && zh.iter().any(|z| z.starts_with("托育")), "{zh:?}");
    assert!(d.missing.iter().all(|m| m.nearest_m.is_none()), "the sample has none of them at all");
}

/// A missing type the circle has farther away says its nearest walk, so that a reader who sees
/// its symbol inside a straight-line ring knows why it is listed (the BJTU sample's 便利店,
/// 1156 m along the streets). One with no distance at all is named alone.
#[test]
fn a_missing_type_farther_away_says_its_walk() {
    let ex = lifecircle_core::example::example("longwan-2024").unwrap();
    let standard = load_builtin(ex.standard).unwrap();
    let mut circle = Circle::from_json(ex.json).unwrap();
    let walking = circle.walking.as_mut().expect("the sample has walking data");
    walking.nearest_m.insert("vegetable_truck".into(), 1555.6);
    let a = score(&standard, &circle, Date::new(2025, 6, 30).unwrap()).unwrap();
    let d = GuideMapData::from_core(&standard, &circle, Some(&a));
    let truck = d.missing.iter().find(|m| m.name.zh == "蔬菜直通车").expect("still missing");
    assert_eq!(truck.nearest_m, Some(1555.6));
    let childcare = d.missing.iter().find(|m| m.name.zh.starts_with("托育")).expect("missing");
    assert_eq!(childcare.nearest_m, None);
    // Its own line under the name, in full in every layout (a long name is shortened, never it).
    for o in [
        MapOptions::default(),
        MapOptions { layout: Layout::A3Portrait, ..MapOptions::default() },
        MapOptions { layout: Layout::Phone, ..MapOptions::default() },
        MapOptions { layout: Layout::Phone, large_text: true, ..MapOptions::default() },
    ] {
        let svg = render_guide_map(&d, &o);
        // (the phone's narrow columns may break after 步行, never between number and unit)
        assert!(svg.contains("最近一处步行") && svg.contains("1556\u{a0}米</text>"), "{o:?}");
        let en = render_guide_map(&d, &MapOptions { lang: Lang::En, ..o.clone() });
        assert!(en.contains("nearest: 1556\u{a0}m"), "{o:?}");
    }
}

/// A circle without a centre is drawn around its facilities, with no 您在这里 (it would
/// stand at their mean, where no one is) and no rings around that point.
#[test]
fn no_you_are_here_without_a_centre() {
    let ex = lifecircle_core::example::example("longwan-2024").unwrap();
    let standard = load_builtin(ex.standard).unwrap();
    let mut circle = Circle::from_json(ex.json).unwrap();
    let with = render_guide_map(&GuideMapData::from_core(&standard, &circle, None), &MapOptions::default());
    assert!(with.contains("class=\"lc-here\"") && with.contains("您在这里") && with.contains("距中心步行约"));
    circle.location = None;
    let d = GuideMapData::from_core(&standard, &circle, None);
    assert!(d.centre_unknown && d.rings.is_empty());
    let without = render_guide_map(&d, &MapOptions::default());
    assert!(!without.contains("lc-here") && !without.contains("您在这里") && !without.contains("距中心步行约"));
    assert!(without.contains("data-id=\"F04\""), "the facilities are still drawn");
}

#[test]
fn empty_circle_renders() {
    let d = GuideMapData { name: "空生活圈".into(), centre: [120.0, 28.0], ..Default::default() };
    let svg = render_guide_map(&d, &MapOptions::default());
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
}

/// Suggested sites (建议选址) for two categories, one missing from the map, with the basis
/// note in the legend.
fn with_suggested() -> GuideMapData {
    let mut d = sample();
    let standard = load_builtin("longwan-2024").unwrap();
    let name = |code: &str| standard.category(code).map(|c| Label::from(&c.name));
    let [x, y] = d.centre;
    let site = |category: &str, rank, dx: f64, dy: f64, total, delta, covered| SuggestedSite {
        category: category.into(),
        name: name(category),
        rank,
        point: [x + dx, y + dy],
        total,
        delta,
        covered: Some(covered),
        minutes: Some(15.0),
    };
    d.suggested = vec![
        site("pharmacy", 1, 0.004, -0.003, 62.5, 4.0, 1200.0),
        site("pharmacy", 2, -0.005, 0.002, 61.0, 2.5, 640.0),
        site("childcare", 1, 0.001, 0.004, 59.0, 0.5, 310.0),
    ];
    d.suggested_basis = Some(Label::new("居民点为示意假设", "residents' locations are assumed"));
    d
}

#[test]
fn suggested_sites_zh() {
    check("suggested-sites-zh.svg", &render_guide_map(&with_suggested(), &MapOptions::default()));
}

#[test]
fn suggested_sites_en() {
    let o = MapOptions { lang: Lang::En, ..MapOptions::default() };
    let svg = render_guide_map(&with_suggested(), &o);
    assert!(svg.contains("Suggested site ①: Pharmacy") || svg.contains("Suggested site ①:"), "English description");
    // The longer English legend is set smaller rather than left off: a poster lists every row.
    assert!(!svg.contains("more rows not shown"), "every legend row fits");
    // A long category name takes a second line instead of cutting off the total it would give.
    assert!(
        svg.contains("+0.5\u{a0}pts\u{a0}→\u{a0}59</text>") && svg.contains(">① Childcare centre"),
        "the whole legend line of the third site"
    );
    assert!(!svg.contains("…</text>"), "no legend text is cut");
    check("suggested-sites-en.svg", &svg);
}

#[test]
fn suggested_sites_are_numbered_dashed_markers() {
    let svg = render_guide_map(&with_suggested(), &MapOptions::default());
    assert_eq!(svg.matches("class=\"lc-suggested\"").count(), 3);
    assert_eq!(svg.matches("class=\"lc-suggested-delta\"").count(), 3);
    assert!(svg.contains(">+4分<") && svg.contains(">+2.5分<"), "the score change is written");
    assert!(svg.contains("建议选址①"), "numbered with circled digits");
    assert!(svg.contains("按新覆盖居民排序；居民点为示意"), "the basis is in the legend");
    // Without suggested sites nothing of them is drawn.
    let plain = render_guide_map(&sample(), &MapOptions::default());
    assert!(!plain.contains("lc-suggested") && !plain.contains("建议选址"));
}

#[test]
fn no_tiles_no_images() {
    let svg = render_guide_map(&sample(), &MapOptions::default());
    assert!(!svg.contains("<image"), "no basemap unless asked for");
    let blank = MapOptions { tiles: Some("  ".into()), ..MapOptions::default() };
    assert!(!render_guide_map(&sample(), &blank).contains("<image"));
}

#[test]
fn tile_urls_for_a_known_extent() {
    // A map of about ±500 m around BJTU (116.337° E, 39.9495° N).
    let c = [116.337, 39.9495];
    let d = GuideMapData {
        name: "t".into(),
        centre: c,
        streets: vec![vec![[c[0] - 0.0058, c[1] - 0.0045], [c[0] + 0.0058, c[1] + 0.0045]]],
        ..GuideMapData::default()
    };
    let tiles = tiles_for(&d, Layout::Screen, "https://tile.example.org/{z}/{x}/{y}.png", Crs::Wgs84);
    assert!(!tiles.is_empty() && tiles.len() <= 64);
    let z = tiles[0].z;
    // ±540 m over 400 units: 0.74 units a metre; 2πR·cos φ·s/256 ≈ 2^16.
    assert_eq!(z, 16);
    // The centre's tile at z16: x = ⌊(116.337 + 180)/360 · 2^16⌋ = 53946,
    // y = ⌊(1 − ln(tan φ + sec φ)/π)/2 · 2^16⌋ = 24822.
    let centre = tiles.iter().find(|t| t.x == 53946 && t.y == 24822).expect("the centre's tile");
    assert_eq!(centre.url, "https://tile.example.org/16/53946/24822.png");
    let [x, y, w, h] = centre.rect;
    assert!((x..x + w).contains(&432.0) && (y..y + h).contains(&502.0), "{:?}", centre.rect);
    assert!(w > 150.0 && w < 400.0 && h > 150.0 && h < 400.0, "{:?}", centre.rect);
    // The tiles are a full grid that covers the map rectangle (32, 112, 800 × 780).
    let (xs, ys): (Vec<u32>, Vec<u32>) = tiles.iter().map(|t| (t.x, t.y)).unzip();
    let (x0, x1) = (*xs.iter().min().unwrap(), *xs.iter().max().unwrap());
    let (y0, y1) = (*ys.iter().min().unwrap(), *ys.iter().max().unwrap());
    assert_eq!(tiles.len() as u32, (x1 - x0 + 1) * (y1 - y0 + 1));
    let left = tiles.iter().map(|t| t.rect[0]).fold(f64::MAX, f64::min);
    let right = tiles.iter().map(|t| t.rect[0] + t.rect[2]).fold(f64::MIN, f64::max);
    let top = tiles.iter().map(|t| t.rect[1]).fold(f64::MAX, f64::min);
    let bottom = tiles.iter().map(|t| t.rect[1] + t.rect[3]).fold(f64::MIN, f64::max);
    assert!(left <= 32.0 && right >= 832.0 && top <= 112.0 && bottom >= 892.0, "{left} {right} {top} {bottom}");
    // Drawn under the vector layers when asked for, with the attribution in the footer.
    let o = MapOptions {
        tiles: Some("https://tile.example.org/{z}/{x}/{y}.png?a=1&b=2".into()),
        tiles_credit: Some("© Example".into()),
        ..MapOptions::default()
    };
    let svg = render_guide_map(&d, &o);
    assert_eq!(svg.matches("<image ").count(), tiles.len());
    assert!(svg.contains("href=\"https://tile.example.org/16/53946/24822.png?a=1&amp;b=2\""));
    assert!(svg.find("<image").unwrap() < svg.find("class=\"lc-streets\"").unwrap(), "tiles first");
    assert!(svg.contains("底图 © Example"));
}

/// Where a WGS-84 point lies on tiles in WGS-84 of a map whose data is GCJ-02, in metres from
/// where the data puts it (`tiles_crs` says the tiles' datum).
fn tile_offset_m(tiles_crs: Crs) -> f64 {
    // A published pair (coordtransform's test, Tiananmen; see core/tests/access_crs.rs): the
    // WGS-84 point 116.404, 39.915 is 116.41024449916938, 39.91640428150164 in GCJ-02.
    let (wgs, gcj) = ([116.404, 39.915], [116.41024449916938, 39.91640428150164]);
    let d = GuideMapData {
        name: "t".into(),
        centre: gcj,
        crs: Crs::Gcj02,
        streets: vec![vec![[gcj[0] - 0.0058, gcj[1] - 0.0045], [gcj[0] + 0.0058, gcj[1] + 0.0045]]],
        ..GuideMapData::default()
    };
    let tiles = tiles_for(&d, Layout::Screen, "{z}/{x}/{y}", tiles_crs);
    // The point's place on WGS-84 tiles, by the slippy-map formulas (fractional tile numbers).
    let z = tiles[0].z;
    let n = f64::from(1u32 << z);
    let fx = (wgs[0] + 180.0) / 360.0 * n;
    let r = f64::to_radians(wgs[1]);
    let fy = (1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    let t = tiles.iter().find(|t| t.x == fx.floor() as u32 && t.y == fy.floor() as u32).expect("the point's tile");
    let [x, y, w, h] = t.rect;
    let shown = unproject(&d, Layout::Screen, x + fx.fract() * w, y + fy.fract() * h).expect("on the map");
    let dx = (shown[0] - gcj[0]) * 111_320.0 * gcj[1].to_radians().cos();
    let dy = (shown[1] - gcj[1]) * 110_574.0;
    dx.hypot(dy)
}

/// Chinese portals often hold coordinates in GCJ-02 (picked on AMap) while their basemap is
/// WGS-84 (天地图, OpenStreetMap), or the other way round: 100–700 m apart. Tiles said to be in
/// another datum are shifted onto the data's, so a place on the tiles is where the data has it.
#[test]
fn tiles_in_another_datum_are_shifted_onto_the_data() {
    let shifted = tile_offset_m(Crs::Wgs84);
    assert!(shifted < 2.0, "WGS-84 tiles under GCJ-02 data: {shifted:.1} m off");
    // Tiles taken to be in the data's datum are not shifted: the point lands hundreds of metres
    // away (this is what the map drew before tiles had a datum).
    let unshifted = tile_offset_m(Crs::Gcj02);
    assert!(unshifted > 300.0, "{unshifted:.1} m");
}

/// A map with nothing located (waiting for its circle) fetches no tiles: they would be the
/// tiles round 0°, 0° at the highest zoom.
#[test]
fn a_map_with_nothing_located_fetches_no_tiles() {
    let d = GuideMapData { name: "空".into(), centre_unknown: true, ..GuideMapData::default() };
    assert!(tiles_for(&d, Layout::Screen, "{z}/{x}/{y}", Crs::Wgs84).is_empty());
    let o = MapOptions { tiles: Some("{z}/{x}/{y}".into()), ..MapOptions::default() };
    assert!(!render_guide_map(&d, &o).contains("<image"));
    // One facility is enough to place the map.
    let mut placed = sample();
    placed.centre_unknown = true;
    assert!(!tiles_for(&placed, Layout::Screen, "{z}/{x}/{y}", Crs::Wgs84).is_empty());
}

/// A template that cannot name tiles fetches nothing and the map's footer says why, rather
/// than fetching `{s}` literally or one tile everywhere; a good one is drawn with its credit.
#[test]
fn a_tile_template_that_cannot_name_tiles_is_said_in_the_footer() {
    let d = sample();
    for (template, zh, en) in [
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "不支持 {s}", "cannot use {s}"),
        ("https://tile.example.org/{z}/{y}.png", "缺少 {x}", "lacks {x}"),
        ("https://tile.example.org/tile.png", "缺少 {z}、{x}、{y}", "lacks {z}, {x}, {y}"),
    ] {
        for (lang, said) in [(Lang::Zh, zh), (Lang::En, en)] {
            let o = MapOptions {
                lang,
                tiles: Some(template.into()),
                tiles_credit: Some("© Example".into()),
                ..MapOptions::default()
            };
            let svg = render_guide_map(&d, &o);
            assert!(!svg.contains("<image"), "{template}: no tiles fetched");
            let text = all_text(&svg);
            assert!(text.contains(said), "{template} {lang:?}: {text}");
            assert!(!text.contains("© Example"), "no credit for tiles not drawn");
        }
    }
    let o = MapOptions {
        tiles: Some("https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY".into()),
        tiles_credit: Some("天地图".into()),
        ..MapOptions::default()
    };
    let svg = render_guide_map(&d, &o);
    assert!(
        svg.contains("TILEMATRIX=16&amp;TILEROW=") && all_text(&svg).contains("底图 天地图"),
        "Tianditu's WMTS as a template"
    );
}

/// The SVG's text elements' contents, one after the other with a space between (lines wrapped
/// at a space read as they were written).
fn all_text(svg: &str) -> String {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Attributions are owed in full: a footer too long for one line wraps onto two, set smaller,
/// rather than cutting the OpenStreetMap, data or basemap credits.
#[test]
fn footer_wraps_rather_than_cuts_attributions() {
    let mut d = sample();
    d.osm = true;
    d.credits = Some("街道与设施 Streets and POIs: © OpenStreetMap contributors (Overpass extract, 2022)".into());
    let standard = d.standard.clone().expect("the sample names its standard");
    for (layout, lang, large_text) in [Layout::Screen, Layout::A3Portrait, Layout::Phone]
        .into_iter()
        .flat_map(|l| [Lang::Zh, Lang::En].map(|lang| (l, lang)))
        .flat_map(|(l, lang)| [false, true].map(|large| (l, lang, large)))
    {
        let o = MapOptions {
            layout,
            lang,
            large_text,
            tiles: Some("https://tiles.example/{z}/{x}/{y}.png".into()),
            tiles_credit: Some("底图 © 示例测绘 Example Mapping, GS(2026)0000号".into()),
            ..MapOptions::default()
        };
        let svg = render_guide_map(&d, &o);
        // What the footer owes (the data's and the basemap's credits) and what makes the map
        // checkable (the standard it was drawn for) are all there, none of it cut short.
        assert_eq!(all_text(&svg).matches("底图").count(), 1, "the credit says 底图 once: {}", all_text(&svg));
        for owed in ["(Overpass extract, 2022)", "GS(2026)0000号", standard.as_str()] {
            assert!(all_text(&svg).contains(owed), "{layout:?} {lang:?} large {large_text}: footer lacks {owed}");
        }
        let cut: Vec<&str> = svg.split("</text>").filter(|t| t.ends_with('…')).collect();
        assert!(cut.is_empty(), "{layout:?} {lang:?} large {large_text}: cut {cut:?}");
        balanced(&svg).unwrap();
    }
}

/// On a phone each facility takes a tap on a disc wider than its symbol (36 units against the
/// symbol's 28), drawn under all the symbols so that a tap on a symbol stays that symbol's; the
/// screen and the poster draw no such discs.
#[test]
fn phone_markers_take_a_finger() {
    let d = sample();
    let svg = |layout| render_guide_map(&d, &MapOptions { layout, ..MapOptions::default() });
    let phone = svg(Layout::Phone);
    let discs: Vec<&str> = phone.split("<circle data-id=\"").skip(1).collect();
    assert_eq!(discs.len(), d.facilities.len());
    for (disc, f) in discs.iter().zip(&d.facilities) {
        assert!(disc.starts_with(&format!("{}\"", f.id)), "{disc}");
        let r: f64 = disc.split("r=\"").nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse().ok()).unwrap();
        assert!(r >= 18.0 && disc.contains("fill=\"transparent\""), "{disc}");
    }
    let under = phone.find("<circle data-id=").unwrap();
    assert!(phone.find("<g class=\"lc-fac").is_some_and(|first| under < first), "the discs lie under the symbols");
    for layout in [Layout::Screen, Layout::A3Portrait] {
        assert!(!svg(layout).contains("fill=\"transparent\""), "{layout:?}");
    }
}

/// One `<text>` of the SVG: where it starts (or is centred), its size and its words.
#[derive(Debug)]
struct Text {
    x: f64,
    y: f64,
    size: f64,
    middle: bool,
    fill: String,
    /// The halo's colour, if it has one.
    stroke: Option<String>,
    body: String,
}

/// Every `<text>` of an SVG, in order.
fn texts(svg: &str) -> Vec<Text> {
    let attr = |tag: &str, name: &str| -> Option<f64> { word(tag, name)?.parse().ok() };
    fn word(tag: &str, name: &str) -> Option<String> {
        Some(tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()?.to_string())
    }
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (tag, rest) = t.split_once('>')?;
            let tag = &format!(" {tag}");
            Some(Text {
                x: attr(tag, "x")?,
                y: attr(tag, "y")?,
                size: attr(tag, "font-size")?,
                middle: tag.contains("text-anchor=\"middle\""),
                fill: word(tag, "fill")?,
                stroke: word(tag, "stroke"),
                body: rest.split_once("</text>")?.0.to_string(),
            })
        })
        .collect()
}

/// The box a start-anchored text takes: `[left, top, right, bottom]`, its width estimated as
/// the renderer does (a Chinese character 1 em, anything else 0.56 em; entities as one).
fn text_box(t: &Text) -> [f64; 4] {
    let body = t.body.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'");
    let em: f64 = body.chars().map(|c| if (c as u32) >= 0x2E80 || "“”‘’·…—".contains(c) { 1.0 } else { 0.56 }).sum();
    [t.x, t.y - 0.88 * t.size, t.x + em * t.size, t.y + 0.12 * t.size]
}

/// The contrast ratio of two `#rrggbb` colours (WCAG 2).
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |c: &str| {
        let v = |i: usize| {
            let x = f64::from(u8::from_str_radix(&c[i..i + 2], 16).unwrap()) / 255.0;
            if x <= 0.03928 { x / 12.92 } else { ((x + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * v(1) + 0.7152 * v(3) + 0.0722 * v(5)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The first number in `svg` after `key` (e.g. the `y` of a rect found by its colour).
fn number_after(svg: &str, at: &str, key: &str) -> f64 {
    let from = svg.find(at).unwrap_or_else(|| panic!("no {at}"));
    let before = &svg[..from];
    let tag = &before[before.rfind('<').unwrap()..];
    tag.split(&format!(" {key}=\"")).nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse().ok()).unwrap()
}

/// 适老化 large text on a phone (the widgets' `large-text`): the legend and the list of missing
/// types at 17 units, at least 16 CSS px on a 360 px phone (the page is 320 units across and
/// drawn 300 to 358 px wide there: 0.94 to 1.12 px a unit); the title, subtitle and footer
/// larger too; no two lines of the legend on each other, none cut or off the page; tap discs
/// 48 units (45 px or more) across. Before large text the legend stayed at 12 units (11 px).
#[test]
fn large_text_phone() {
    let cases = [
        (Lang::Zh, "large-text-phone-zh.svg", "微型消防站"),
        (Lang::En, "large-text-phone-en.svg", "Micro fire station"),
    ];
    for (lang, name, last_type) in cases {
        let d = with_suggested();
        let o = MapOptions { lang, layout: Layout::Phone, large_text: true, ..MapOptions::default() };
        let svg = render_guide_map(&d, &o);
        let (w, h) = page_size(&d, &o);
        assert!(svg.contains(&format!("viewBox=\"0.0 0.0 {w:.1} {h:.1}\"")), "{lang:?}");
        // The map's rectangle stays where it is without large text (clicks and tiles rely on it).
        assert!(
            svg.contains("<clipPath id=\"lc-map-clip\">\n<rect x=\"12.0\" y=\"68.0\" width=\"296.0\" height=\"296.0\"")
        );
        let map_bottom = 68.0 + 296.0;
        // The panel ends with the missing types' box; the footer is below it.
        let box_top = number_after(&svg, "fill=\"#fdf0ee\"", "y");
        let panel_bottom = box_top + number_after(&svg, "fill=\"#fdf0ee\"", "height");
        let all = texts(&svg);
        // Legend and list: the words, not the glyphs centred in their symbols.
        let legend: Vec<&Text> = all.iter().filter(|t| t.y > map_bottom && t.y <= panel_bottom && !t.middle).collect();
        let footer: Vec<&Text> = all.iter().filter(|t| t.y > panel_bottom).collect();
        assert!(legend.len() > 40 && !footer.is_empty(), "{lang:?}: {} {}", legend.len(), footer.len());
        assert!(legend.iter().any(|t| t.body == last_type), "{lang:?}: every category listed");
        for t in &legend {
            assert!(t.size >= 17.0, "{lang:?}: legend text at {} units: {:?}", t.size, t.body);
        }
        for t in &footer {
            assert!(t.size >= 13.0, "{lang:?}: footer at {} units: {:?}", t.size, t.body);
        }
        let (title, sub) = (&all[0], &all[1]);
        assert!(title.size >= 22.0 && sub.size >= 15.0, "{lang:?}: title {} subtitle {}", title.size, sub.size);
        // No two texts of the header, legend or footer on each other, none off the page, none
        // running into the footer.
        let words: Vec<(&Text, [f64; 4])> =
            all.iter().filter(|t| !t.middle && (t.y < 68.0 || t.y > map_bottom)).map(|t| (t, text_box(t))).collect();
        for (i, (a, ab)) in words.iter().enumerate() {
            assert!(ab[0] >= 0.0 && ab[2] <= w && ab[1] >= 0.0 && ab[3] <= h, "{lang:?}: off the page: {a:?} {ab:?}");
            for (b, bb) in &words[i + 1..] {
                let apart = ab[2] <= bb[0] || bb[2] <= ab[0] || ab[3] <= bb[1] || bb[3] <= ab[1];
                assert!(apart, "{lang:?}: {:?} overlaps {:?}", a.body, b.body);
            }
        }
        // WCAG AA (4.5:1) for every word: the legend's on white or the missing types' pink
        // box, the map's labels on their halo (the 10-minute ring's orange was 3.1:1).
        for t in all.iter().filter(|t| !t.middle || t.stroke.is_some()) {
            let on = t.stroke.as_deref().unwrap_or("#fdf0ee");
            assert!(contrast(&t.fill, on) >= 4.5, "{lang:?}: {:?} in {} on {on}", t.body, t.fill);
        }
        let footer_top = footer.iter().map(|t| text_box(t)[1]).fold(f64::MAX, f64::min);
        assert!(footer_top >= panel_bottom, "{lang:?}: footer {footer_top} over the legend {panel_bottom}");
        assert!(!svg.contains("未能列出") && !svg.contains("more rows not shown"), "{lang:?}: every row fits");
        assert!(!svg.contains("…</text>"), "{lang:?}: no text is cut");
        // A finger's tap: discs of 24 units' radius (45 px across at 0.94 px a unit).
        let discs: Vec<f64> = svg
            .split("<circle data-id=\"")
            .skip(1)
            .filter_map(|c| c.split("r=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(discs.len(), d.facilities.len());
        assert!(discs.iter().all(|&r| r * 2.0 * 0.94 >= 44.0), "{lang:?}: {discs:?}");
        check(name, &svg);
    }
}

fn a3_or_phone(layout: Layout) -> MapOptions {
    MapOptions { layout, ..MapOptions::default() }
}

/// Large text on the screen layout sets the legend larger and never smaller than without it,
/// the map's strokes unchanged; the poster is left as it is. Off, the option is not written
/// (existing JSON and goldens stay as they are) and is read as off.
#[test]
fn large_text_screen_and_poster() {
    let d = sample();
    let legend_size = |svg: &str| {
        let t = texts(svg);
        t.iter().find(|t| t.body == "便利店" || t.body == "Convenience store").map(|t| t.size).expect("a legend row")
    };
    let usual = render_guide_map(&d, &MapOptions::default());
    let large = render_guide_map(&d, &MapOptions { large_text: true, ..MapOptions::default() });
    assert!(legend_size(&large) > legend_size(&usual), "{} {}", legend_size(&large), legend_size(&usual));
    // The ring labels, on their halo of the map's paper, at 4.5:1 or more (WCAG AA), with or
    // without large text, in every layout (the rings' 10-minute orange is 3.1:1: for the ring).
    for opts in [
        MapOptions { large_text: true, ..MapOptions::default() },
        MapOptions::default(),
        a3_or_phone(Layout::Phone),
        a3_or_phone(Layout::A3Portrait),
    ] {
        let svg = render_guide_map(&d, &opts);
        let halo: Vec<Text> = texts(&svg).into_iter().filter(|t| t.stroke.is_some()).collect();
        // (on a phone the symbols, 28 units across since 2026-12, leave the 10-minute ring no
        // room for its label there: its colour is checked on the screen and the poster)
        let ring = if opts.layout == Layout::Phone { "约15分钟" } else { "约10分钟" };
        assert!(halo.iter().any(|t| t.body == ring), "{:?}: {halo:?}", opts.layout);
        for t in &halo {
            let on = t.stroke.as_deref().unwrap();
            assert!(contrast(&t.fill, on) >= 4.5, "{:?}: {:?} in {} on {on}", opts.layout, t.body, t.fill);
        }
    }
    let ring = |svg: &str| number_after(svg, "stroke-dasharray=\"6 6\"", "stroke-width");
    assert_eq!(ring(&large), ring(&usual), "the rings are drawn as without large text");
    let a3 = MapOptions { layout: Layout::A3Portrait, ..MapOptions::default() };
    assert_eq!(
        render_guide_map(&d, &MapOptions { large_text: true, ..a3.clone() }),
        render_guide_map(&d, &a3),
        "the poster's type is set for print"
    );
    assert!(!serde_json::to_string(&MapOptions::default()).unwrap().contains("large_text"));
    let read: MapOptions = serde_json::from_str("{\"layout\":\"phone\"}").unwrap();
    assert!(!read.large_text);
    let read: MapOptions = serde_json::from_str("{\"layout\":\"phone\",\"large_text\":true}").unwrap();
    assert!(read.large_text);
}

/// `page_size` is the drawn page's size (the viewBox without a view) for every layout, with and
/// without large text, with and without a basemap credit: the map view maps clicks, zooms and
/// pans with it, so a page size from other options than the drawing's puts a what-if site
/// elsewhere than clicked. (The view must pass it the tiles and their credit: the phone page
/// makes room for every footer line, the credit's too.)
#[test]
fn page_size_is_the_drawn_page() {
    let d = sample();
    let credit = "© 天地图 Tianditu · GS(2024)0568号 · a long attribution that wraps onto more lines of the footer";
    for layout in [Layout::Screen, Layout::Phone, Layout::A3Portrait] {
        for large_text in [false, true] {
            for lang in [Lang::Zh, Lang::En] {
                for (tiles, tiles_credit) in [(None, None), (Some("https://t.example/{z}/{x}/{y}.png"), Some(credit))] {
                    let o = MapOptions {
                        lang,
                        layout,
                        large_text,
                        tiles: tiles.map(str::to_string),
                        tiles_credit: tiles_credit.map(str::to_string),
                        ..MapOptions::default()
                    };
                    let svg = render_guide_map(&d, &o);
                    let vb: Vec<f64> = svg
                        .split("viewBox=\"")
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .map(|v| v.split(' ').filter_map(|x| x.parse().ok()).collect())
                        .unwrap_or_default();
                    let (w, h) = page_size(&d, &o);
                    assert_eq!(
                        (vb[2], vb[3]),
                        (w, h),
                        "{layout:?} large {large_text} {lang:?} tiles {}",
                        tiles.is_some()
                    );
                }
            }
        }
    }
}

/// The smaller side of each facility symbol on the map (circle, rounded square or polygon), in
/// viewBox units: the shape after each `lc-fac` group's title.
fn symbol_sides(svg: &str) -> Vec<f64> {
    let num = |tag: &str, name: &str| -> f64 {
        tag.split(&format!(" {name}=\"")).nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse().ok()).unwrap()
    };
    svg.split("<g class=\"lc-fac")
        .skip(1)
        .map(|g| {
            let shape = g.split_once("</title>").unwrap().1.trim_start();
            let tag = &shape[..shape.find('>').unwrap()];
            if tag.starts_with("<circle") {
                2.0 * num(tag, "r")
            } else if tag.starts_with("<rect") {
                num(tag, "width").min(num(tag, "height"))
            } else {
                let pts: Vec<[f64; 2]> = tag
                    .split("points=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .split(' ')
                    .map(|p| {
                        let (x, y) = p.split_once(',').unwrap();
                        [x.parse().unwrap(), y.parse().unwrap()]
                    })
                    .collect();
                let span = |i: usize| {
                    let v = pts.iter().map(|p| p[i]);
                    v.clone().fold(f64::MIN, f64::max) - v.fold(f64::MAX, f64::min)
                };
                span(0).min(span(1))
            }
        })
        .collect()
}

/// 适老化 on a phone (accessibility review, 2026-12-06): the phone page is drawn about 1 CSS px a
/// unit on a 360 px phone (the demo portal gives it nearly the whole width). The facilities'
/// symbols are 25 units or more each way (24 px: they were 16, about 14 px), and every word on
/// the page but the footer's attributions, the glyphs in the symbols and the suggested sites'
/// numbers too, is 12 units or more (glyphs were 7.5 to 8.8, the sites' numbers 5.8, notes 10.8),
/// with or without large text; the poster keeps its sizes.
#[test]
fn phone_symbols_and_type_for_older_eyes() {
    let d = with_suggested();
    for large_text in [false, true] {
        for lang in [Lang::Zh, Lang::En] {
            let o = MapOptions { lang, layout: Layout::Phone, large_text, ..MapOptions::default() };
            let svg = render_guide_map(&d, &o);
            let what = format!("{lang:?} large {large_text}");
            let sides = symbol_sides(&svg);
            assert_eq!(sides.len(), d.facilities.len(), "{what}");
            assert!(sides.iter().all(|&s| s >= 25.0), "{what}: symbols {sides:?}");
            // Everything above the footer (the footer starts below the missing types' box).
            let box_bottom =
                number_after(&svg, "fill=\"#fdf0ee\"", "y") + number_after(&svg, "fill=\"#fdf0ee\"", "height");
            let all = texts(&svg);
            let small: Vec<(f64, &str)> =
                all.iter().filter(|t| t.y <= box_bottom && t.size < 12.0).map(|t| (t.size, t.body.as_str())).collect();
            assert!(small.is_empty(), "{what}: under 12 units: {small:?}");
            // The suggested sites' numbers, white on their red badges.
            let ranks: Vec<f64> = svg
                .split("<g class=\"lc-suggested\"")
                .skip(1)
                .map(|g| {
                    let last = g.split("</g>").next().unwrap().rsplit("<text ").next().unwrap();
                    last.split("font-size=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
                })
                .collect();
            assert_eq!(ranks.len(), d.suggested.len(), "{what}");
            assert!(ranks.iter().all(|&s| s >= 12.0), "{what}: numbers {ranks:?}");
        }
    }
    // The poster's symbols and type as they were (38 units across, type from 17 units).
    let a3 = render_guide_map(&d, &MapOptions { layout: Layout::A3Portrait, ..MapOptions::default() });
    assert!(symbol_sides(&a3).iter().all(|&s| s >= 34.0), "{:?}", symbol_sides(&a3));
}

/// A facility nobody named (an OpenStreetMap shop without a name, a row not filled in yet) is
/// named after its category on the map, in the map's language: 未命名便利店, "unnamed
/// convenience store"; never its id (the demo's map read `convenience_store node/3807888749`).
#[test]
fn an_unnamed_facility_is_named_after_its_category() {
    let mut d = sample();
    let i = d.facilities.iter().position(|f| f.category == "convenience_store").expect("a convenience store");
    d.facilities[i].name = "  ".into();
    d.facilities[i].id = "node/3807888749".into();
    for (lang, label, title) in [
        (Lang::Zh, "便利店：未命名便利店", "<title>未命名便利店 · 便利店</title>"),
        (
            Lang::En,
            "Convenience store: unnamed convenience store",
            "<title>unnamed convenience store · Convenience store</title>",
        ),
    ] {
        let svg = render_guide_map(&d, &MapOptions { lang, ..MapOptions::default() });
        let at = svg.find("data-id=\"node/3807888749\"").expect("drawn");
        let g = &svg[at..at + svg[at..].find("</g>").unwrap()];
        assert!(g.contains(&format!("aria-label=\"{label}\"")), "{lang:?}: {g}");
        assert!(g.contains(title), "{lang:?}: {g}");
    }
}

/// How an unnamed facility is named: a category the standard lacks by its code, an acronym with
/// its capitals; a name is kept as written.
#[test]
fn unnamed_facility_labels() {
    let d = sample();
    let f = lifecircle_web::guide_map::MapFacility { name: String::new(), ..d.facilities[0].clone() };
    assert_eq!(f.category, "convenience_store");
    let atm = Label::new("ATM 机", "ATM");
    assert_eq!(f.label(Some(&atm), Lang::En), "unnamed ATM");
    assert_eq!(f.label(Some(&atm), Lang::Zh), "未命名ATM 机");
    assert_eq!(f.label(None, Lang::En), "unnamed convenience_store");
    assert_eq!(f.label(None, Lang::Zh), "未命名convenience_store");
    let named = lifecircle_web::guide_map::MapFacility { name: " 镇中便利店 ".into(), ..f.clone() };
    assert_eq!(named.label(None, Lang::En), "镇中便利店");
}

/// A what-if facility has its own legend entry (it is dashed, as planned ones are, and a worker
/// took hers for a planned one); a map without one has none.
#[test]
fn a_hypothetical_facility_is_in_the_legend() {
    let mut d = sample();
    let plain = render_guide_map(&d, &MapOptions::default());
    assert!(!plain.contains(">假设设施（尚不存在）<"));
    let open = d.facilities.iter_mut().find(|f| !f.not_open).expect("an open facility");
    open.hypothetical = true;
    for (lang, word) in [(Lang::Zh, ">假设设施（尚不存在）<"), (Lang::En, ">Hypothetical (not there)<")] {
        let svg = render_guide_map(&d, &MapOptions { lang, ..MapOptions::default() });
        assert!(svg.contains(word), "{lang:?}: one line in the legend");
    }
}
