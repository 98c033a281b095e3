//! Data prepared for a district, as a GIS office hands it over: one facilities file for every
//! circle, facilities picked on AMap (GCJ-02) beside a WGS-84 street network, rows copied
//! twice, streets drawn as pieces cut off from the rest. Each test builds a tiny network by
//! hand, so every distance can be checked on paper.

use lifecircle_core::access::graph::Network;
use lifecircle_core::access::import::csv::facilities_from_csv;
use lifecircle_core::access::import::{Facility, StreetLine};
use lifecircle_core::access::query::walking_distance_m;
use lifecircle_core::access::{self, Crs, ImportError, LonLat, crs, haversine_m};
use lifecircle_core::{Circle, load_builtin};

/// Metres to degrees of latitude and (at 27.93° N) longitude, near enough for placing points.
const LAT_M: f64 = 1.0 / 110_574.0;
const LON_M: f64 = 1.0 / 98_400.0;

/// A point `east` and `north` metres from (120.80, 27.93), in Longwan.
fn at(east: f64, north: f64) -> LonLat {
    [120.80 + east * LON_M, 27.93 + north * LAT_M]
}

fn line(ids: &[i64], pts: &[LonLat]) -> StreetLine {
    StreetLine { node_ids: ids.to_vec(), coords: pts.to_vec(), name: None }
}

fn facility(id: &str, category: &str, p: LonLat) -> Facility {
    Facility {
        id: id.into(),
        name: Some(format!("{id} 店")),
        point: p,
        categories: vec![category.into()],
        ..Facility::default()
    }
}

fn circle(extra: &str) -> Circle {
    let c = at(0.0, 0.0);
    Circle::from_json(&format!(
        r#"{{"id":"lw-test","name":"测试生活圈","population":1000,"households":400,
            "location":{{"crs":"wgs84","centre":[{},{}]{extra}}}}}"#,
        c[0], c[1]
    ))
    .expect("circle")
}

/// One street, 4 km due east from the centre.
fn long_street() -> Network {
    Network::from_lines(&[line(&[1, 2], &[at(0.0, 0.0), at(4000.0, 0.0)])])
}

/// One facilities file for the whole district: a pharmacy 500 m along the street is in the
/// circle; a TCM clinic 3 km along it is not (longwan-2024's longest walk is 15 minutes at
/// 75 m/min, 1125 m), nor is a convenience store in another district, 5 km from any street.
/// Before, all three were added to the circle's inventory and counted (kinds present, outlets).
#[test]
fn a_district_wide_file_adds_only_the_circles_own_facilities() {
    let st = load_builtin("longwan-2024").expect("standard");
    let net = long_street();
    let data = [
        facility("near", "pharmacy", at(500.0, 20.0)),
        facility("far", "tcm_clinic", at(3000.0, 20.0)),
        facility("elsewhere", "convenience_store", at(1000.0, 5000.0)),
    ];
    let (walked, report) =
        access::walk_circle(&st, &circle(""), &net, &data, &[], access::DEFAULT_MAX_SNAP_M).expect("walk");
    let ids: Vec<&str> = walked.facilities.iter().filter_map(|f| f.id.as_deref()).collect();
    assert_eq!(ids, ["near"], "only the pharmacy belongs to the circle");
    assert_eq!(report.facilities_added, 1);
    assert_eq!(report.facilities_outside, ["far"]);
    assert_eq!(report.facilities_unsnapped, ["elsewhere"]);
    assert_eq!(report.facilities_used, 1, "placed on the network: the pharmacy alone");
    let reach = report.reach_m.expect("the standard's longest walk");
    assert!((reach - 15.0 * 75.0).abs() < 1e-9, "{reach}");
    let w = walked.walking.as_ref().expect("walking");
    assert!(w.nearest_m.contains_key("pharmacy"));
    assert!(!w.nearest_m.contains_key("tcm_clinic"), "a clinic 3 km away is not this circle's: {:?}", w.nearest_m);

    // A facility 3 km from the centre but 1 km from a resident's home (2 km out, within twice
    // the reach, so the circle's resident) is the circle's.
    let home = access::import::Origin { id: "home".into(), point: at(2000.0, 10.0), population: Some(100.0) };
    let (walked, report) =
        access::walk_circle(&st, &circle(""), &net, &data, &[home], access::DEFAULT_MAX_SNAP_M).expect("walk");
    assert!(walked.facilities.iter().any(|f| f.id.as_deref() == Some("far")), "{:?}", report.facilities_outside);
    assert!(report.facilities_outside.is_empty());

    // With a boundary, the boundary says what is in the circle.
    let b = [at(-100.0, -100.0), at(3500.0, -100.0), at(3500.0, 100.0), at(-100.0, 100.0)];
    let ring: Vec<String> = b.iter().map(|p| format!("[{},{}]", p[0], p[1])).collect();
    let (walked, report) = access::walk_circle(
        &st,
        &circle(&format!(r#","boundary":[{}]"#, ring.join(","))),
        &net,
        &data,
        &[],
        access::DEFAULT_MAX_SNAP_M,
    )
    .expect("walk");
    assert!(walked.facilities.iter().any(|f| f.id.as_deref() == Some("far")));
    assert_eq!(report.reach_m, None, "the boundary, not the reach, decides");
}

/// Residents far beyond the circle (a whole district's buildings given for one circle) are
/// named in the report; an origin with no street near it is named as left out.
#[test]
fn origins_beyond_the_circle_and_off_the_network_are_named() {
    let st = load_builtin("longwan-2024").expect("standard");
    let net = long_street();
    let o = |id: &str, p: LonLat| access::import::Origin { id: id.into(), point: p, population: Some(10.0) };
    let origins = [o("home", at(300.0, 10.0)), o("far", at(3900.0, 10.0)), o("sea", at(0.0, -5000.0))];
    let (_, report) =
        access::walk_circle(&st, &circle(""), &net, &[], &origins, access::DEFAULT_MAX_SNAP_M).expect("walk");
    assert_eq!(report.origins_outside, ["far"], "3.9 km is more than twice 1125 m");
    assert_eq!(report.origins_unsnapped, ["sea"]);
    // A district-wide origins file does not make the district's facilities the circle's: a
    // shop beside the far resident (3.8 km from the centre) stays outside.
    let shops = [facility("by-far", "pharmacy", at(3800.0, 20.0)), facility("by-home", "tcm_clinic", at(1300.0, 20.0))];
    let (walked, report) =
        access::walk_circle(&st, &circle(""), &net, &shops, &origins, access::DEFAULT_MAX_SNAP_M).expect("walk");
    assert_eq!(report.facilities_outside, ["by-far"]);
    // The clinic is 1.3 km from the centre but 1 km from the resident at 300 m: the circle's.
    let ids: Vec<&str> = walked.facilities.iter().filter_map(|f| f.id.as_deref()).collect();
    assert_eq!(ids, ["by-home"]);
}

/// The unverified Longwan road file draws 市民广场 as a closed line touching no street: a shop
/// 9 m from it and 100 m from 龙康路 was unreachable. It now goes onto the main network when a
/// street of it is within the snapping distance; the distance includes the 100 m leg.
#[test]
fn a_point_by_a_cut_off_piece_goes_onto_the_main_network() {
    let main = line(&[1, 2, 3], &[at(0.0, 0.0), at(500.0, 0.0), at(1000.0, 0.0)]);
    // A square outline north of the street, 100 m to 140 m away: a closed line, its own piece.
    let square = line(
        &[10, 11, 12, 13, 10],
        &[at(400.0, 100.0), at(440.0, 100.0), at(440.0, 140.0), at(400.0, 140.0), at(400.0, 100.0)],
    );
    let net = Network::from_lines(&[main, square]);
    assert_eq!(net.stats().components, 2);
    let shop = at(420.0, 95.0); // 5 m south of the square's edge, 95 m north of the street
    let s = net.snap(shop, access::DEFAULT_MAX_SNAP_M).expect("snapped");
    assert_eq!(s.component, net.largest_component(), "onto the street, not the square");
    assert!((s.off_network_m - 95.0).abs() < 1.0, "{}", s.off_network_m);
    let near = net.snap_nearest(shop, access::DEFAULT_MAX_SNAP_M).expect("nearest");
    assert!(near.off_network_m < 6.0, "the square is the nearest line: {}", near.off_network_m);
    // From the west end: 420 m along the street, then 95 m up to the shop.
    let d = walking_distance_m(&net, at(0.0, 0.0), shop, access::DEFAULT_MAX_SNAP_M).expect("ok").expect("reached");
    assert!((d - (haversine_m(at(0.0, 0.0), at(420.0, 0.0)) + 95.0)).abs() < 1.5, "{d}");
    // A point with no main street within reach stays on its piece.
    let far_net = Network::from_lines(&[
        line(&[1, 2], &[at(0.0, 0.0), at(1000.0, 0.0)]),
        line(
            &[10, 11, 12, 13, 10],
            &[at(0.0, 600.0), at(40.0, 600.0), at(40.0, 640.0), at(0.0, 640.0), at(0.0, 600.0)],
        ),
    ]);
    let s = far_net.snap(at(20.0, 595.0), access::DEFAULT_MAX_SNAP_M).expect("snapped");
    assert_ne!(s.component, far_net.largest_component());
}

/// The datum warning is read by district staff: Chinese first, naming the datums as they know
/// them, then English.
#[test]
fn the_datum_warning_reads_chinese_first() {
    let mut lines = Vec::new();
    let mut id = 0;
    for k in 0..12 {
        let y = k as f64 * 150.0;
        lines.push(line(&[id, id + 1], &[at(0.0, y), at(2000.0, y)]));
        id += 2;
    }
    for k in 0..14 {
        let x = k as f64 * 150.0;
        lines.push(line(&[id, id + 1], &[at(x, 0.0), at(x, 1650.0)]));
        id += 2;
    }
    let net = Network::from_lines(&lines);
    // Shops by the streets, picked on AMap: their GCJ-02 coordinates, taken as WGS-84.
    let shops: Vec<LonLat> = (0..20)
        .map(|i| {
            crs::convert(at(75.0 + 150.0 * (i % 10) as f64, 8.0 + 150.0 * (i / 10) as f64), Crs::Wgs84, Crs::Gcj02)
        })
        .collect();
    let w = crs::check_datum_shift(&shops, &net).expect("a datum warning");
    assert_eq!((w.points_seem_in, w.network_in), (Crs::Gcj02, Crs::Wgs84));
    let (zh, en) = w.message.split_once(" / ").expect("Chinese / English");
    assert!(zh.contains("GCJ-02（高德、腾讯）") && zh.contains("WGS-84") && zh.contains("米"), "{zh}");
    assert!(!zh.is_ascii() && en.contains("gcj02 → wgs84"), "{}", w.message);
}

/// A row copied twice in a facilities spreadsheet is named with both its lines (it used to
/// surface as `facilities[53].id` of a circle the user never wrote).
#[test]
fn a_facility_row_written_twice_is_named_by_its_lines() {
    let st = load_builtin("longwan-2024").expect("standard");
    let mapping = access::category_mapping(&st).expect("mapping");
    let csv = "编号,名称,业态,经度,纬度\nLW001,便利店,便利店,120.81,27.93\nLW002,药店,药店,120.811,27.93\nLW001,便利店,便利店,120.81,27.93\n";
    let e = facilities_from_csv(csv, &mapping, Crs::Gcj02).expect_err("a duplicate");
    assert!(matches!(&e, ImportError::CsvDuplicateId { line: 4, first_line: 2, id } if id == "LW001"), "{e:?}");
    let text = e.bilingual();
    assert!(text.starts_with("CSV 第 4 行有误：编号“LW001”与第 2 行重复"), "{text}");
    // Rows without an id column are told apart by their lines, never duplicates.
    let csv = "名称,业态,经度,纬度\n便利店,便利店,120.81,27.93\n便利店,便利店,120.81,27.93\n";
    assert_eq!(facilities_from_csv(csv, &mapping, Crs::Wgs84).expect("read").facilities.len(), 2);
}
