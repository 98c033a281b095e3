//! What the npm module refuses that it once took: walking-reach data with impossible points
//! or populations (refused as the CLI's importers refuse a file's, with their words, naming the
//! item), and a district of no circle (refused by the core's `summarise`, as the CLI refuses it).
//!
//! Run by `cargo xtask test` (headless Chromium via `wasm-bindgen-test-runner`) with the
//! features of the full module.

#![cfg(all(target_arch = "wasm32", any(feature = "access", feature = "district")))]

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn code_of(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    get(e, "code").as_string().expect("code")
}

fn message_of(e: &JsValue) -> String {
    get(e, "message").as_string().expect("message")
}

#[cfg(feature = "access")]
mod access {
    use super::*;
    use lifecircle_core::access::ImportError;
    use lifecircle_wasm::access::WalkNetwork;

    const STANDARD: &str = "longwan-2024";

    /// A 3 × 3 street grid, 200 m apart, around Longwan's sample centre.
    fn grid() -> WalkNetwork {
        let mut lines = Vec::new();
        for k in 0..3 {
            let lat = 27.927 + 0.002 * f64::from(k);
            let lon = 120.8105 + 0.002 * f64::from(k);
            lines.push(format!("[[120.8105, {lat}], [120.8145, {lat}]]"));
            lines.push(format!("[[{lon}, 27.927], [{lon}, 27.931]]"));
        }
        let features: Vec<String> = lines
            .iter()
            .map(|c| {
                format!(
                    r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"LineString","coordinates":{c}}}}}"#
                )
            })
            .collect();
        let text = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
        let bytes: JsValue = js_sys::Uint8Array::from(text.as_bytes()).into();
        WalkNetwork::from_bytes(bytes, "geojson".into(), None, None).expect("the grid reads")
    }

    fn point(lon: f64, lat: f64) -> JsValue {
        let a = js_sys::Array::new();
        a.push(&lon.into());
        a.push(&lat.into());
        a.into()
    }

    fn object(fields: &[(&str, JsValue)]) -> JsValue {
        let o = js_sys::Object::new();
        for (k, v) in fields {
            Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
        }
        o.into()
    }

    fn facility(id: &str, lon: f64, lat: f64) -> JsValue {
        let cats = js_sys::Array::of1(&"convenience_store".into());
        object(&[("id", id.into()), ("point", point(lon, lat)), ("categories", cats.into())])
    }

    fn origin(id: &str, lon: f64, lat: f64, population: Option<f64>) -> JsValue {
        let mut fields = vec![("id", JsValue::from(id)), ("point", point(lon, lat))];
        if let Some(p) = population {
            fields.push(("population", p.into()));
        }
        object(&fields)
    }

    fn list(items: Vec<JsValue>) -> JsValue {
        items.into_iter().collect::<js_sys::Array>().into()
    }

    fn sites(net: &WalkNetwork, facilities: Vec<JsValue>, origins: Vec<JsValue>) -> Result<JsValue, JsValue> {
        net.suggest_sites(
            STANDARD.into(),
            list(facilities),
            list(origins),
            15.0,
            "convenience_store".into(),
            2.0,
            JsValue::NULL,
        )
    }

    /// suggestSites took a population of NaN (a `total_population` of null), of Infinity, and
    /// of -5 (subtracted from the total); now each is refused naming the origin.
    #[wasm_bindgen_test]
    fn an_origin_s_population_is_a_number_from_0_to_1e9() {
        let net = grid();
        for (bad, shown) in
            [(f64::NAN, "NaN"), (f64::INFINITY, "∞"), (-5.0, "-5"), (2e9, "2000000000"), (f64::NEG_INFINITY, "-∞")]
        {
            let origins = vec![origin("o1", 120.8125, 27.929, Some(100.0)), origin("o2", 120.811, 27.927, Some(bad))];
            let e = sites(&net, vec![], origins).expect_err(shown);
            assert_eq!(code_of(&e), "invalid_data", "{shown}");
            assert_eq!(
                message_of(&e),
                format!(
                    "origins[1] (id \"o2\")：人口须为 0 至 10 亿之间的数，实为 {shown} / origins[1] (id \"o2\"): population {shown} is not a number from 0 to 1000000000"
                )
            );
        }
        // The bounds themselves, and no population (counted as one), are taken.
        let origins = vec![
            origin("o1", 120.8125, 27.929, Some(0.0)),
            origin("o2", 120.811, 27.927, Some(1e9)),
            origin("o3", 120.8145, 27.931, None),
        ];
        let r = sites(&net, vec![], origins).expect("valid origins");
        let total = get(&get(&r, "before"), "total_population").as_f64();
        assert_eq!(total, Some(1e9 + 1.0));
    }

    /// A facility at [NaN, 1] was silently left out of `nearest`; now it is refused in the
    /// importers' words (`ImportError`), naming its place and id; out of range likewise.
    #[wasm_bindgen_test]
    fn a_facility_s_point_is_a_finite_lon_lat() {
        let net = grid();
        let at = point(120.8125, 27.929);
        let ok = net
            .nearest(STANDARD.into(), list(vec![facility("a", 120.8125, 27.929)]), at.clone(), None)
            .expect("a valid facility");
        assert!(!get(&get(&ok, "by_category"), "convenience_store").is_undefined());
        let path = "facilities[1] (id \"b\")".to_string();
        for (lon, lat, want) in [
            (f64::NAN, 1.0, ImportError::NonFiniteCoordinate { path: path.clone() }),
            (120.8, f64::INFINITY, ImportError::NonFiniteCoordinate { path: path.clone() }),
            (200.0, 30.0, ImportError::CoordinateOutOfRange { path: path.clone(), lon: 200.0, lat: 30.0 }),
            (120.8, -91.0, ImportError::CoordinateOutOfRange { path: path.clone(), lon: 120.8, lat: -91.0 }),
        ] {
            let fac = list(vec![facility("a", 120.8125, 27.929), facility("b", lon, lat)]);
            let e = net.nearest(STANDARD.into(), fac, at.clone(), None).expect_err("refused");
            assert_eq!(code_of(&e), "invalid_data");
            let m = message_of(&e);
            assert_eq!(m, want.bilingual(), "the importers' own words");
            assert!(m.starts_with(&format!("{path}：坐标")), "Chinese first, naming the item: {m}");
        }
    }

    /// The same checks in every call that takes facilities or origins as data.
    #[wasm_bindgen_test]
    fn what_if_and_walk_circle_check_their_data_too() {
        let net = grid();
        let fac = || list(vec![facility("a", 120.8125, 27.929)]);
        let bad_origin = || list(vec![origin("o1", 120.8125, 27.929, None), origin("o2", f64::NAN, 27.93, None)]);
        let e = net.what_if(STANDARD.into(), fac(), bad_origin(), 15.0, JsValue::NULL, None).expect_err("origin");
        assert_eq!(
            (code_of(&e).as_str(), message_of(&e).starts_with("origins[1] (id \"o2\")：坐标")),
            ("invalid_data", true)
        );
        let add = facility("new", f64::NAN, 27.93);
        let origins = list(vec![origin("o1", 120.8125, 27.929, Some(10.0))]);
        let e = net.what_if(STANDARD.into(), fac(), origins, 15.0, add, None).expect_err("add");
        assert_eq!(
            (code_of(&e).as_str(), message_of(&e).starts_with("add (id \"new\")：坐标")),
            ("invalid_data", true)
        );
        let circle = r#"{"id":"c","name":"测试圈","location":{"crs":"wgs84","centre":[120.8125,27.929]}}"#;
        let e = net
            .walk_circle(STANDARD.into(), JsValue::from_str(circle), fac(), bad_origin(), None)
            .expect_err("walkCircle origin");
        assert_eq!(code_of(&e), "invalid_data");
        let bad_fac = list(vec![facility("a", 120.8125, 27.929), facility("z", 500.0, 27.93)]);
        let e = net
            .walk_circle(STANDARD.into(), JsValue::from_str(circle), bad_fac, list(vec![]), None)
            .expect_err("walkCircle facility");
        assert!(
            message_of(&e).starts_with("facilities[1] (id \"z\")：坐标（500，27.93）超出经纬度范围"),
            "{}",
            message_of(&e)
        );
        assert!(net.walk_circle(STANDARD.into(), JsValue::from_str(circle), fac(), list(vec![]), None).is_ok());
    }
}

#[cfg(feature = "district")]
mod district {
    use super::*;
    use lifecircle_wasm as facade;

    /// `district([])` gave a summary of no circle with every target missed, while the CLI
    /// refused the list; now the core refuses it and both say its words, Chinese first.
    #[wasm_bindgen_test]
    fn an_empty_list_is_refused_as_the_cli_refuses_it() {
        let none = || JsValue::from(js_sys::Array::new());
        let errors = [
            facade::district("longwan-2024".into(), none(), "2025-06-30".into(), Some(10.0), None)
                .expect_err("district"),
            facade::district_json("longwan-2024".into(), none(), "2025-06-30".into(), None, None).expect_err("json"),
            facade::district_report(
                "longwan-2024".into(),
                none(),
                "2025-06-30".into(),
                Some(10.0),
                Some("en".into()),
                Some("text".into()),
                None,
            )
            .expect_err("report"),
        ];
        for e in errors {
            assert_eq!(code_of(&e), "bad_argument");
            assert_eq!(get(&e, "argument").as_string().as_deref(), Some("circles"));
            let m = message_of(&e);
            assert_eq!(m, format!("circles: {}", lifecircle_core::district::NO_CIRCLES));
            assert!(m.starts_with("circles: 列表中没有生活圈"), "{m}");
        }
    }
}
