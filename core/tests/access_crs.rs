//! Datum conversions against published reference pairs, round trips over China, serde names,
//! and the mixed-datum guard on real data.

use lifecircle_core::access::crs::{Crs, check_datum_shift, convert, gcj02_to_bd09, wgs84_to_gcj02};
use lifecircle_core::access::graph::Network;
use lifecircle_core::access::haversine_m;
use lifecircle_core::access::import::csv::facilities_from_csv;
use lifecircle_core::access::import::{CategoryMapping, CategoryRule, parse_osm_xml};

fn close(a: [f64; 2], b: [f64; 2], tol_deg: f64) -> bool {
    (a[0] - b[0]).abs() <= tol_deg && (a[1] - b[1]).abs() <= tol_deg
}

/// Reference pairs published with the widely used `coordtransform` library
/// (GitHub wandergis/coordtransform, `test/app.js`, input 116.404, 39.915 = Tiananmen):
/// - wgs84togcj02 → [116.41024449916938, 39.91640428150164]
/// - gcj02tobd09  → [116.41036949371029, 39.92133699351021]
/// - bd09togcj02  → [116.39762729119315, 39.90865673957631]
/// - gcj02towgs84 → [116.39775550083061, 39.91359571849836]
///
/// The forward formulas must agree to floating-point noise. That library's inverses are a
/// single approximate step (up to ~1 m off); ours iterate, so they agree within 2 m, and our
/// round trip is what is held to 0.5 m.
#[test]
fn forward_formulas_match_published_coordtransform_pairs() {
    let p = [116.404, 39.915];
    assert!(close(wgs84_to_gcj02(p), [116.41024449916938, 39.91640428150164], 1e-11));
    assert!(close(gcj02_to_bd09(p), [116.41036949371029, 39.92133699351021], 1e-11));
    assert!(close(convert(p, Crs::Wgs84, Crs::Gcj02), [116.41024449916938, 39.91640428150164], 1e-11));
}

#[test]
fn inverses_agree_with_published_one_step_inverses_within_two_metres() {
    let p = [116.404, 39.915];
    let bd_to_gcj = convert(p, Crs::Bd09, Crs::Gcj02);
    assert!(haversine_m(bd_to_gcj, [116.39762729119315, 39.90865673957631]) < 2.0);
    let gcj_to_wgs = convert(p, Crs::Gcj02, Crs::Wgs84);
    assert!(haversine_m(gcj_to_wgs, [116.39775550083061, 39.91359571849836]) < 2.0);
}

/// Beijing railway station, as documented in the R package `cst` (function `bd2gcj`):
/// GCJ-02 (39.90245, 116.42703) ↔ BD-09 (39.90851, 116.43351), both rounded to 5 decimals.
#[test]
fn beijing_railway_station_gcj_bd_pair() {
    let gcj = [116.42703, 39.90245];
    let bd = [116.43351, 39.90851];
    assert!(close(convert(gcj, Crs::Gcj02, Crs::Bd09), bd, 1e-5));
    assert!(close(convert(bd, Crs::Bd09, Crs::Gcj02), gcj, 1e-5));
}

#[test]
fn round_trips_over_a_grid_covering_china_stay_below_half_a_metre() {
    let mut worst = 0.0f64;
    let mut n = 0;
    let mut lon = 73.5;
    while lon <= 135.0 {
        let mut lat = 18.0;
        while lat <= 53.5 {
            let p = [lon, lat];
            for (a, b) in [(Crs::Wgs84, Crs::Gcj02), (Crs::Wgs84, Crs::Bd09), (Crs::Gcj02, Crs::Bd09)] {
                let there = convert(p, a, b);
                let back = convert(there, b, a);
                worst = worst.max(haversine_m(p, back));
                // And the other way round.
                let there = convert(p, b, a);
                let back = convert(there, a, b);
                worst = worst.max(haversine_m(p, back));
                n += 2;
            }
            lat += 0.5;
        }
        lon += 0.5;
    }
    assert!(n > 50_000);
    assert!(worst <= 0.5, "worst round trip {worst} m");
    // Much better than required, in fact.
    assert!(worst < 0.01, "worst round trip {worst} m");
}

#[test]
fn the_gcj_offset_in_longwan_is_about_half_a_kilometre() {
    // SOURCES.md: around Longwan GCJ-02 is ~0.0041° east and ~0.0032° south of WGS-84.
    let w = [120.76, 27.97];
    let g = convert(w, Crs::Wgs84, Crs::Gcj02);
    assert!((g[0] - w[0] - 0.0041).abs() < 0.0005, "{:?}", g);
    assert!((g[1] - w[1] + 0.0032).abs() < 0.0005, "{:?}", g);
    let d = haversine_m(w, g);
    assert!((400.0..650.0).contains(&d), "{d}");
}

#[test]
fn outside_china_gcj_is_wgs() {
    let helsinki = [24.94, 60.17];
    assert_eq!(convert(helsinki, Crs::Wgs84, Crs::Gcj02), helsinki);
    assert_eq!(convert(helsinki, Crs::Gcj02, Crs::Wgs84), helsinki);
}

/// Found by fuzzing: BD-09's offset carried (-180, -90) off the globe, and `coords --csv`
/// wrote rows its own readers refused.
#[test]
fn converted_positions_stay_on_the_globe_and_read_back() {
    let all = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];
    for p in [[-180.0, -90.0], [180.0, 90.0], [-180.0, 28.0], [179.999, -89.999], [0.0, 90.0]] {
        for from in all {
            for to in all {
                let q = convert(p, from, to);
                assert!(
                    (-180.0..=180.0).contains(&q[0]) && (-90.0..=90.0).contains(&q[1]),
                    "{p:?} {from:?}→{to:?}: {q:?}"
                );
            }
        }
    }
    // Wrapped round the antimeridian, not cut: -180.0068° E is 179.9932° E.
    let q = convert([-180.0, 0.0], Crs::Bd09, Crs::Gcj02);
    assert!((q[0] - (180.0 - 0.0065)).abs() < 1e-3, "{q:?}");
    let text = "编号,人口,经度,纬度\nR3,0,-180,-90\n";
    let wgs = lifecircle_core::access::import::csv::convert_csv(text, Crs::Bd09, Crs::Wgs84).unwrap();
    let back = lifecircle_core::access::import::csv::origins_from_csv(&wgs, Crs::Wgs84).unwrap();
    assert_eq!(back.len(), 1);
}

#[test]
fn crs_serde_names_are_lowercase() {
    assert_eq!(serde_json::to_string(&Crs::Wgs84).unwrap(), "\"wgs84\"");
    assert_eq!(serde_json::to_string(&Crs::Gcj02).unwrap(), "\"gcj02\"");
    assert_eq!(serde_json::to_string(&Crs::Bd09).unwrap(), "\"bd09\"");
    let back: Crs = serde_json::from_str("\"bd09\"").unwrap();
    assert_eq!(back, Crs::Bd09);
    assert!(serde_json::from_str::<Crs>("\"WGS84\"").is_err());
}

fn bjtu() -> (Network, Vec<[f64; 2]>) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let bytes = std::fs::read(root.join("tests/data/osm/beijing_bjtu_overpass_2022.osm")).unwrap();
    let data = parse_osm_xml(&bytes).unwrap();
    let net = Network::from_lines(&data.streets().unwrap().lines);
    // Every POI of the area, whatever its category.
    let mapping = CategoryMapping::new(vec![CategoryRule {
        category: "any".into(),
        osm_tags: ["amenity=*", "shop=*", "leisure=*", "tourism=*", "office=*", "craft=*", "healthcare=*"]
            .map(String::from)
            .to_vec(),
        amap_types: vec![],
        names: vec![],
    }])
    .unwrap();
    let pois = data.facilities(&mapping);
    (net, pois.facilities.iter().map(|f| f.point).collect())
}

#[test]
fn guard_is_quiet_when_points_and_streets_agree() {
    let (net, pois) = bjtu();
    assert!(pois.len() > 100);
    assert_eq!(check_datum_shift(&pois, &net), None);
}

#[test]
fn guard_names_the_conversion_for_amap_style_points() {
    let (net, pois) = bjtu();
    // What an AMap export of the same POIs would hold.
    let shifted: Vec<[f64; 2]> = pois.iter().map(|&p| convert(p, Crs::Wgs84, Crs::Gcj02)).collect();
    let w = check_datum_shift(&shifted, &net).expect("a warning");
    assert_eq!((w.points_seem_in, w.network_in), (Crs::Gcj02, Crs::Wgs84));
    assert!(w.median_offset_converted_m * 1.3 <= w.median_offset_m);
    assert!(w.message.contains("gcj02 → wgs84"), "{}", w.message);
}

#[test]
fn guard_names_the_conversion_for_baidu_points_from_csv() {
    let (net, pois) = bjtu();
    let mut csv = String::from("lon,lat,name,category\n");
    for p in &pois {
        let b = convert(*p, Crs::Wgs84, Crs::Bd09);
        csv.push_str(&format!("{},{},x,any\n", b[0], b[1]));
    }
    let mapping = CategoryMapping::new(vec![CategoryRule {
        category: "any".into(),
        osm_tags: vec![],
        amap_types: vec![],
        names: vec![],
    }])
    .unwrap();
    // Read as if the file were WGS-84 (the mistake the guard catches).
    let imported = facilities_from_csv(&csv, &mapping, Crs::Wgs84).unwrap();
    let pts: Vec<[f64; 2]> = imported.facilities.iter().map(|f| f.point).collect();
    let w = check_datum_shift(&pts, &net).expect("a warning");
    assert_eq!((w.points_seem_in, w.network_in), (Crs::Bd09, Crs::Wgs84));
}
