//! Walking reach in the browser (feature `access`): the same OSM file, the same distances and
//! the same end-to-end assessment as natively, byte for byte.
//!
//! Run by `cargo xtask test` (headless Chromium via `wasm-bindgen-test-runner`).

#![cfg(all(target_arch = "wasm32", feature = "access"))]

use js_sys::Reflect;
use lifecircle_wasm as facade;
use lifecircle_wasm::access::{self as walk, WalkNetwork};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const BJTU: &[u8] = include_bytes!("../../tests/data/osm/beijing_bjtu_overpass_2022.osm");
const REFERENCE: &str = include_str!("../../tests/data/reference/beijing_bjtu.csv");
const SNAPSHOT: &str = include_str!("../../core/tests/snapshots/bjtu-longwan-2024.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn lonlat(lon: f64, lat: f64) -> JsValue {
    let a = js_sys::Array::new();
    a.push(&lon.into());
    a.push(&lat.into());
    a.into()
}

/// A file's bytes as JS passes them (a `Uint8Array`).
fn bytes(b: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(b).into()
}

fn code_of(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    get(e, "code").as_string().expect("code")
}

#[wasm_bindgen_test]
fn distances_match_the_networkx_reference() {
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None, None).unwrap();
    let mut n = 0;
    for line in REFERENCE.lines().filter(|l| !l.starts_with('#')).skip(1).take(100) {
        let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
        let d = net.distance(lonlat(f[0], f[1]), lonlat(f[2], f[3])).unwrap().expect("connected");
        assert!((d - f[4]).abs() <= (f[4] * 0.005).max(1.0), "{line}: {d}");
        n += 1;
    }
    assert_eq!(n, 100);
}

/// The whole chain in wasm — network and POIs from the OSM bytes, distances from the centre,
/// scoring — gives exactly the native end-to-end snapshot.
#[wasm_bindgen_test]
fn end_to_end_assessment_equals_the_native_snapshot() {
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None, None).unwrap();
    let imp = walk::import_facilities(bytes(BJTU), "osm".into(), "longwan-2024".into(), None).unwrap();
    let facilities = get(&imp, "facilities");
    assert!(js_sys::Array::from(&get(&imp, "unmapped")).length() > 0, "unmapped items are listed");
    let circle = r#"{"id":"bjtu-demo","name":"北京交通大学周边（OSM 实测路网）","population":10000,"households":4000,
            "location":{"crs":"wgs84","centre":[116.337,39.9495]}}"#;
    let walked = net
        .walk_circle("longwan-2024".into(), JsValue::from_str(circle), facilities, js_sys::Array::new().into(), None)
        .unwrap();
    let json = facade::score_json("longwan-2024".into(), get(&walked, "circle"), "2025-06-30".into()).unwrap();
    assert_eq!(json, SNAPSHOT.trim_end());
}

#[wasm_bindgen_test]
fn nearest_isochrone_and_coordinates() {
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None, None).unwrap();
    let imp = walk::import_facilities(bytes(BJTU), "osm".into(), "longwan-2024".into(), None).unwrap();
    let near = net.nearest("longwan-2024".into(), get(&imp, "facilities"), lonlat(116.337, 39.9495), None).unwrap();
    let s = get(&get(&near, "by_category"), "supermarket");
    assert_eq!(get(&s, "name").as_string().as_deref(), Some("交大后勤超市"));
    let elderly = net
        .nearest("longwan-2024".into(), get(&imp, "facilities"), lonlat(116.337, 39.9495), Some("elderly".into()))
        .unwrap();
    let e = get(&get(&elderly, "by_category"), "supermarket");
    assert!(get(&e, "minutes").as_f64().unwrap() > get(&s, "minutes").as_f64().unwrap());
    let iso = net.isochrone("longwan-2024".into(), lonlat(116.337, 39.9495), 10.0, None, None).unwrap();
    assert_eq!(get(&iso, "type").as_string().as_deref(), Some("Feature"));
    let streets = net
        .reached_streets(
            "longwan-2024".into(),
            lonlat(116.337, 39.9495),
            js_sys::Float64Array::from(&[5.0, 10.0][..]).into(),
            None,
        )
        .unwrap();
    assert!(js_sys::Array::from(&get(&streets, "features")).length() > 10);
    let pts = js_sys::Array::new();
    pts.push(&lonlat(120.8125, 27.929));
    let g = walk::convert_coords(pts.into(), "wgs84".into(), "gcj02".into()).unwrap();
    let back = walk::convert_coords(g, "gcj02".into(), "wgs84".into()).unwrap();
    let p = js_sys::Array::from(&js_sys::Array::from(&back).get(0));
    assert!((p.get(0).as_f64().unwrap() - 120.8125).abs() < 1e-6);
}

#[wasm_bindgen_test]
fn bad_data_gets_stable_codes() {
    let e =
        WalkNetwork::from_bytes(bytes(b"<osm><node id="), "osm".into(), None, None).err().expect("truncated xml fails");
    assert_eq!(code_of(&e), "invalid_data");
    let e = WalkNetwork::from_bytes(bytes(b"\x00\x00\x00\x0fnot a pbf"), "pbf".into(), None, None)
        .err()
        .expect("bad pbf fails");
    assert_eq!(code_of(&e), "invalid_data");
    let e = WalkNetwork::from_bytes(bytes(b"{}"), "shapefile".into(), None, None).err().expect("unknown format");
    assert_eq!(code_of(&e), "bad_argument");
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None, None).unwrap();
    let far = net.distance(lonlat(0.0, 0.0), lonlat(116.337, 39.9495)).expect_err("no street near (0, 0)");
    assert_eq!(code_of(&far), "access_error");
    let bad = js_sys::Array::new();
    bad.push(&lonlat(f64::NAN, 1.0));
    assert_eq!(
        code_of(&walk::convert_coords(bad.into(), "wgs84".into(), "gcj02".into()).err().unwrap()),
        "bad_argument"
    );
}

/// What-if and siting through the facade: adding a pharmacy by the residents covers them, and
/// the suggested sites come in greedy order of residents newly covered.
#[wasm_bindgen_test]
fn what_if_and_siting() {
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None, None).unwrap();
    let imp = walk::import_facilities(bytes(BJTU), "osm".into(), "longwan-2024".into(), None).unwrap();
    let homes = walk::import_origins(
        bytes(b"id,lon,lat,population\nA,116.3320,39.9530,1200\nB,116.3420,39.9440,900\nC,116.3300,39.9450,700\n"),
        "csv".into(),
        None,
    )
    .unwrap();
    let add = js_sys::JSON::parse(r#"{"id":"new","point":[116.3321,39.9529],"categories":["pharmacy"]}"#).unwrap();
    let changes = net.what_if("longwan-2024".into(), get(&imp, "facilities"), homes.clone(), 15.0, add, None).unwrap();
    let pharmacy = get(&get(&js_sys::Array::from(&changes).get(0), "categories"), "pharmacy");
    let (before, after) = (get(&pharmacy, "before"), get(&pharmacy, "after"));
    let covered = |c: &JsValue| get(c, "covered_population").as_f64().unwrap();
    assert!(covered(&after) > covered(&before), "adding a pharmacy by A covers more residents");
    let sites = net
        .suggest_sites(
            "longwan-2024".into(),
            get(&imp, "facilities"),
            homes,
            15.0,
            "pharmacy".into(),
            3.0,
            JsValue::NULL,
        )
        .unwrap();
    let list = js_sys::Array::from(&get(&sites, "sites"));
    assert!(list.length() >= 1);
    let newly: Vec<f64> = list.iter().map(|s| get(&s, "newly_covered_population").as_f64().unwrap()).collect();
    assert!(newly.windows(2).all(|w| w[0] >= w[1]), "{newly:?}");
}

// ---------- the GIS review of 2026-12-06 (core/tests/access_review.rs), through the facade ----------

use lifecircle_core::access::crs::convert;
use lifecircle_core::access::load::{self, Format, NetworkOptions};
use lifecircle_core::access::{Crs, LonLat, Profile, WalkOptions};

/// Metres to degrees of latitude and (at 27.93° N) longitude, as in `core/tests/access_review.rs`.
const LAT_M: f64 = 1.0 / 110_574.0;
const LON_M: f64 = 1.0 / 98_400.0;

/// A point `east` and `north` metres from (120.80, 27.93), in Longwan.
fn at(east: f64, north: f64) -> LonLat {
    [120.80 + east * LON_M, 27.93 + north * LAT_M]
}

/// A GeoJSON LineString feature, its points written in `crs`.
fn street(name: &str, pts: &[LonLat], crs: Crs) -> String {
    let coords: Vec<String> = pts
        .iter()
        .map(|&p| {
            let q = convert(p, Crs::Wgs84, crs);
            format!("[{},{}]", q[0], q[1])
        })
        .collect();
    format!(
        r#"{{"type":"Feature","properties":{{"name":"{name}"}},"geometry":{{"type":"LineString","coordinates":[{}]}}}}"#,
        coords.join(",")
    )
}

fn collection(features: &[String]) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

/// The review's street grid (every 150 m, 1.95 km by 1.65 km, joined at every crossing), and
/// 80 m south of it a piece of street 300 m long that touches none, written in GCJ-02 as an
/// AMap export is.
fn grid_and_piece_gcj02() -> String {
    let xs: Vec<f64> = (0..14).map(|k| 150.0 * f64::from(k)).collect();
    let ys: Vec<f64> = (0..12).map(|k| 150.0 * f64::from(k)).collect();
    let mut features: Vec<String> =
        ys.iter().map(|&y| street("东西路", &xs.iter().map(|&x| at(x, y)).collect::<Vec<_>>(), Crs::Gcj02)).collect();
    features
        .extend(xs.iter().map(|&x| street("南北路", &ys.iter().map(|&y| at(x, y)).collect::<Vec<_>>(), Crs::Gcj02)));
    features.push(street("断头路", &[at(100.0, -80.0), at(400.0, -80.0)], Crs::Gcj02));
    collection(&features)
}

/// A CSV of points in WGS-84, one row each: `id,lon,lat,<extra>`.
fn points_csv(header_extra: &str, rows: &[(&str, LonLat, &str)]) -> String {
    let mut s = format!("id,lon,lat,{header_extra}\n");
    for (id, p, extra) in rows {
        s.push_str(&format!("{id},{},{},{extra}\n", p[0], p[1]));
    }
    s
}

/// A JS value as JSON text, as `JSON.stringify` writes it (`undefined` for a missing value).
fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap_or_else(|| "undefined".into())
}

/// Native JSON text (serde_json, as the CLI writes it) as `JSON.stringify` writes the same value:
/// equal to [`stringify`] of a facade result exactly when the facade gave the same value.
fn as_js_json(native: &str) -> String {
    stringify(&js_sys::JSON::parse(native).unwrap())
}

/// The case of the review, through `walkCircle`, gives byte for byte what the core gives the CLI
/// (`walk_circle_with`, the declared datums): the circle's centre on a piece of street cut off
/// from the grid (its walk to the grid said, with the 80 m leg), a home 5 km from every street
/// (counted as not covered, named), and homes written in WGS-84 but read as GCJ-02 beside a
/// network declared GCJ-02 (the datum check says the homes seem to be WGS-84, from what was
/// declared). The old facade called `walk_circle`, every datum taken for WGS-84, and blamed the
/// network instead.
#[wasm_bindgen_test]
fn walk_circle_equals_the_native_walk_with_its_declared_datums() {
    let st = lifecircle_core::load_builtin("longwan-2024").unwrap();
    let network = grid_and_piece_gcj02();
    let shops = points_csv("category", &[("S1", at(400.0, 10.0), "supermarket"), ("P1", at(350.0, -82.0), "pharmacy")]);
    let mut homes: Vec<(String, LonLat)> =
        (0..5).map(|k| (format!("h{k}"), at(75.0 + 300.0 * f64::from(k), 458.0))).collect();
    homes.push(("far".into(), at(600.0, -5000.0)));
    let rows: Vec<(&str, LonLat, &str)> = homes.iter().map(|(id, p)| (id.as_str(), *p, "500")).collect();
    let homes = points_csv("population", &rows);
    let centre = at(250.0, -78.0);
    let circle = format!(
        r#"{{"id":"lw-review","name":"测试生活圈","households":400,"location":{{"crs":"wgs84","centre":[{},{}]}}}}"#,
        centre[0], centre[1]
    );

    // The facade, as a page calls it.
    let net = WalkNetwork::from_bytes(bytes(network.as_bytes()), "geojson".into(), Some("gcj02".into()), None).unwrap();
    let fac = walk::import_facilities(bytes(shops.as_bytes()), "csv".into(), "longwan-2024".into(), None).unwrap();
    let org = walk::import_origins(bytes(homes.as_bytes()), "csv".into(), Some("gcj02".into())).unwrap();
    let options = js_sys::JSON::parse(r#"{"originsCrs":"gcj02"}"#).unwrap();
    let walked = net
        .walk_circle("longwan-2024".into(), JsValue::from_str(&circle), get(&fac, "facilities"), org, Some(options))
        .unwrap();

    // The core, as the CLI calls it (`score --network … --crs gcj02 --facilities-crs wgs84`).
    let (n, _) = load::network_with(
        network.as_bytes(),
        Format::GeoJson,
        &NetworkOptions { crs: Crs::Gcj02, exclude_names: Vec::new() },
    )
    .unwrap();
    let mapping = lifecircle_core::access::category_mapping(&st).unwrap();
    let f = load::facilities(shops.as_bytes(), Format::Csv, Crs::Wgs84, &mapping).unwrap().facilities;
    let o = load::origins(homes.as_bytes(), Format::Csv, Crs::Gcj02).unwrap();
    let c = lifecircle_core::Circle::from_json(&circle).unwrap();
    let declared = WalkOptions { network_crs: Crs::Gcj02, origins_crs: Crs::Gcj02, ..WalkOptions::default() };
    let native = |options: &WalkOptions| {
        let (walked, report) = lifecircle_core::access::walk_circle_with(&st, &c, &n, &f, &o, options).unwrap();
        serde_json::to_string(&serde_json::json!({ "circle": walked, "report": report })).unwrap()
    };
    let (native_declared, native_all_wgs84) = (native(&declared), native(&WalkOptions::default()));
    assert_ne!(native_declared, native_all_wgs84, "the declared datums change the result: the test can fail");
    // Everything taken for WGS-84 (the old facade), the check suspected the network.
    let old: serde_json::Value = serde_json::from_str(&native_all_wgs84).unwrap();
    let old = &old["report"]["datum_warning"];
    assert_eq!((old["points_declared"].as_str(), old["network_in"].as_str()), (Some("wgs84"), Some("gcj02")), "{old}");
    assert_eq!(stringify(&walked), as_js_json(&native_declared));

    // What the result says, read as a page reads it.
    let report = get(&walked, "report");
    let w = get(&report, "datum_warning");
    let text = |v: &JsValue, k: &str| get(v, k).as_string().unwrap_or_default();
    assert_eq!(
        [text(&w, "of"), text(&w, "points_declared"), text(&w, "network_declared"), text(&w, "points_seem_in")],
        ["origins", "gcj02", "gcj02", "wgs84"],
        "{}",
        stringify(&w)
    );
    let codes: Vec<String> = js_sys::Array::from(&get(&report, "findings")).iter().map(|f| text(&f, "code")).collect();
    assert!(codes.iter().any(|c| c == "origins_unreachable"), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("datum_")), "{codes:?}");
    let unsnapped: Vec<String> =
        js_sys::Array::from(&get(&report, "origins_unsnapped")).iter().filter_map(|x| x.as_string()).collect();
    // The far home, and h0, which reading it as GCJ-02 threw 470 m west of the grid.
    assert_eq!(unsnapped, ["h0", "far"]);
    let cut_off = js_sys::Array::from(&get(&report, "snap_findings"));
    let origin = cut_off.iter().find(|f| text(f, "what") == "origin").expect("the centre's piece is said");
    let leg = get(&origin, "main_off_network_m").as_f64().expect("joined to the grid too");
    assert!((leg - 78.0).abs() < 1.0, "{leg}");
    // The pharmacy on the centre's piece is walked along it (2 + 100 + 2 m), not by the grid 78 m away.
    let walking = get(&get(&walked, "circle"), "walking");
    let pharmacy = get(&get(&walking, "nearest_m"), "pharmacy").as_f64().unwrap();
    assert!((pharmacy - 104.0).abs() < 1.0, "{pharmacy}");
}

/// Datums in `walkCircle`'s options are checked like every other argument.
#[wasm_bindgen_test]
fn walk_circle_options_are_checked() {
    let net = WalkNetwork::from_bytes(bytes(grid_and_piece_gcj02().as_bytes()), "geojson".into(), None, None).unwrap();
    let c = at(300.0, 300.0);
    let circle = format!(r#"{{"id":"x","name":"y","location":{{"crs":"wgs84","centre":[{},{}]}}}}"#, c[0], c[1]);
    for bad in [r#"{"originCrs":"gcj02"}"#, r#"{"originsCrs":"GCJ02"}"#, r#"{"facilitiesCrs":2}"#, "[]"] {
        let e = net
            .walk_circle(
                "longwan-2024".into(),
                JsValue::from_str(&circle),
                js_sys::Array::new().into(),
                js_sys::Array::new().into(),
                Some(js_sys::JSON::parse(bad).unwrap()),
            )
            .err()
            .unwrap_or_else(|| panic!("{bad} is refused"));
        assert_eq!(code_of(&e), "bad_argument", "{bad}");
    }
    let ok = net.walk_circle(
        "longwan-2024".into(),
        JsValue::from_str(&circle),
        js_sys::Array::new().into(),
        js_sys::Array::new().into(),
        Some(JsValue::NULL),
    );
    assert!(ok.is_ok());
}

/// Minutes say their pace, as the CLI's isochrones do: every feature of `isochrone` and
/// `reachedStreets` carries the profile, the standard's parameter and whether it is provisional;
/// `walkPace` gives the same pace as the core.
#[wasm_bindgen_test]
fn isochrones_and_reached_streets_say_their_pace() {
    let st = lifecircle_core::load_builtin("longwan-2024").unwrap();
    let pace = lifecircle_core::access::walk_pace(&st, Profile::Elderly).unwrap();
    let facade_pace = walk::walk_pace("longwan-2024".into(), Some("elderly".into())).unwrap();
    assert_eq!(stringify(&facade_pace), as_js_json(&serde_json::to_string(&pace).unwrap()));
    let props = serde_json::Value::Object(pace.properties());
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None, None).unwrap();
    let from = || lonlat(116.337, 39.9495);
    let iso = net.isochrone("longwan-2024".into(), from(), 10.0, None, Some("elderly".into())).unwrap();
    let streets = net
        .reached_streets(
            "longwan-2024".into(),
            from(),
            js_sys::Float64Array::from(&[5.0, 10.0][..]).into(),
            Some("elderly".into()),
        )
        .unwrap();
    let mut features = vec![iso];
    features.extend(js_sys::Array::from(&get(&streets, "features")).iter());
    assert!(features.len() > 10);
    for f in &features {
        let p = get(f, "properties");
        for (k, v) in props.as_object().unwrap() {
            assert_eq!(stringify(&get(&p, k)), as_js_json(&v.to_string()), "{k} of {}", stringify(&p));
        }
    }
    assert_eq!(props["profile"], "elderly");
    assert_eq!(props["pace_param"], "elderly_walking_speed_m_per_min");
}

/// `excludeNameParts` is the CLI's `--exclude-name`; `stats()` says, as the core does, the
/// default exclusion of 高架路, the streets drawn twice and merged, and the first feature that
/// is not a line.
#[wasm_bindgen_test]
fn network_stats_and_excluded_names_equal_the_native_import() {
    let (a, b, c) = (at(0.0, 0.0), at(100.0, 0.0), at(200.0, 0.0));
    let fc = collection(&[
        street("瓯海大道", &[a, b, c], Crs::Wgs84),
        street("瓯海大道", &[c, b, a], Crs::Wgs84),
        street("瓯海大道高架路", &[at(0.0, 10.0), at(200.0, 10.0)], Crs::Wgs84),
        street("机场高架", &[at(0.0, 300.0), at(200.0, 300.0)], Crs::Wgs84),
        street("府东路", &[b, at(100.0, 200.0)], Crs::Wgs84),
        r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[120.8,27.93]}}"#.to_string(),
    ]);
    let parts = js_sys::Array::of1(&"高架".into());
    let net = WalkNetwork::from_bytes(bytes(fc.as_bytes()), "geojson".into(), None, Some(parts.into())).unwrap();
    let options = NetworkOptions { crs: Crs::Wgs84, exclude_names: vec!["高架".into()] };
    let (n, imp) = load::network_with(fc.as_bytes(), Format::GeoJson, &options).unwrap();
    let native = serde_json::to_string(&serde_json::json!({ "network": n.stats(), "import": imp.report })).unwrap();
    let stats = net.stats().unwrap();
    assert_eq!(stringify(&stats), as_js_json(&native));
    let excluded = get(&get(&stats, "import"), "excluded");
    assert_eq!(get(&excluded, "name contains 高架路").as_f64(), Some(1.0), "{}", stringify(&excluded));
    assert_eq!(get(&excluded, "name contains 高架").as_f64(), Some(1.0), "{}", stringify(&excluded));
    assert!(get(&get(&stats, "network"), "duplicate_edges_merged").as_f64() >= Some(1.0));
    assert_eq!(get(&get(&stats, "import"), "first_not_a_line").as_string().as_deref(), Some("features[5]"));
    // Without the extra part, 机场高架 is kept.
    let all = WalkNetwork::from_bytes(bytes(fc.as_bytes()), "geojson".into(), None, Some(JsValue::UNDEFINED)).unwrap();
    assert_eq!(get(&get(&all.stats().unwrap(), "import"), "kept").as_f64(), Some(4.0));
    // Not an array of texts: a bad argument, never a fault.
    for bad in [JsValue::from_str("高架"), js_sys::Array::of1(&1.into()).into()] {
        let e =
            WalkNetwork::from_bytes(bytes(fc.as_bytes()), "geojson".into(), None, Some(bad)).err().expect("refused");
        assert_eq!(code_of(&e), "bad_argument");
        assert_eq!(get(&e, "argument").as_string().as_deref(), Some("excludeNameParts"));
    }
}

/// `net.walk` gives the walk with what the core says of it, as the core gives it: a long piece
/// whose one end is near a main street and the other is not (as `core/tests/access_review.rs`),
/// its two points joined along the piece; the first said with its 150 m leg to the main street,
/// the second with none. `distance` gives the same metres alone.
#[wasm_bindgen_test]
fn walk_gives_the_distance_with_its_findings_as_the_core_does() {
    let fc = collection(&[
        street("主路", &[at(-1000.0, 0.0), at(1000.0, 0.0)], Crs::Wgs84),
        street("支路", &[at(0.0, 100.0), at(0.0, 400.0), at(0.0, 800.0)], Crs::Wgs84),
    ]);
    let net = WalkNetwork::from_bytes(bytes(fc.as_bytes()), "geojson".into(), None, None).unwrap();
    let (a, b) = (at(0.0, 150.0), at(0.0, 650.0));
    let w = net.walk(lonlat(a[0], a[1]), lonlat(b[0], b[1])).unwrap();
    let metres = get(&w, "metres").as_f64().expect("joined along the piece");
    assert!((metres - lifecircle_core::access::haversine_m(a, b)).abs() < 0.5, "{metres}");
    assert_eq!(net.distance(lonlat(a[0], a[1]), lonlat(b[0], b[1])).unwrap(), Some(metres));
    let findings: js_sys::Array = get(&w, "findings").dyn_into().unwrap();
    let legs: Vec<(String, Option<f64>)> = findings
        .iter()
        .map(|f| (get(&f, "what").as_string().unwrap(), get(&f, "main_off_network_m").as_f64()))
        .collect();
    assert_eq!(legs.len(), 2, "{legs:?}");
    assert_eq!((legs[0].0.as_str(), legs[1].0.as_str(), legs[1].1), ("from", "to", None), "{legs:?}");
    assert!((legs[0].1.expect("a leg to the main street") - 150.0).abs() < 2.0, "{legs:?}");
    assert_eq!(get(&w, "via_main").as_bool(), Some(false));
    // As the core gives it, value for value.
    let (native_net, _) = load::network_with(fc.as_bytes(), Format::GeoJson, &NetworkOptions::default()).unwrap();
    let native = lifecircle_core::access::query::walking_distance(
        &native_net,
        a,
        b,
        lifecircle_core::access::DEFAULT_MAX_SNAP_M,
    )
    .unwrap();
    assert_eq!(stringify(&w), as_js_json(&serde_json::to_string(&native).unwrap()));
    // Not a point: refused as `distance` refuses it.
    assert_eq!(code_of(&net.walk("x".into(), lonlat(b[0], b[1])).expect_err("refused")), "bad_argument");
}
