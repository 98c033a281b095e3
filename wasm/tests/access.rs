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
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None).unwrap();
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
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None).unwrap();
    let imp = walk::import_facilities(bytes(BJTU), "osm".into(), "longwan-2024".into(), None).unwrap();
    let facilities = get(&imp, "facilities");
    assert!(js_sys::Array::from(&get(&imp, "unmapped")).length() > 0, "unmapped items are listed");
    let circle = r#"{"id":"bjtu-demo","name":"北京交通大学周边（OSM 实测路网）","population":10000,"households":4000,
            "location":{"crs":"wgs84","centre":[116.337,39.9495]}}"#;
    let walked = net
        .walk_circle("longwan-2024".into(), JsValue::from_str(circle), facilities, js_sys::Array::new().into())
        .unwrap();
    let json = facade::score_json("longwan-2024".into(), get(&walked, "circle"), "2025-06-30".into()).unwrap();
    assert_eq!(json, SNAPSHOT.trim_end());
}

#[wasm_bindgen_test]
fn nearest_isochrone_and_coordinates() {
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None).unwrap();
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
    let e = WalkNetwork::from_bytes(bytes(b"<osm><node id="), "osm".into(), None).err().expect("truncated xml fails");
    assert_eq!(code_of(&e), "invalid_data");
    let e =
        WalkNetwork::from_bytes(bytes(b"\x00\x00\x00\x0fnot a pbf"), "pbf".into(), None).err().expect("bad pbf fails");
    assert_eq!(code_of(&e), "invalid_data");
    let e = WalkNetwork::from_bytes(bytes(b"{}"), "shapefile".into(), None).err().expect("unknown format");
    assert_eq!(code_of(&e), "bad_argument");
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None).unwrap();
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
    let net = WalkNetwork::from_bytes(bytes(BJTU), "osm".into(), None).unwrap();
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
