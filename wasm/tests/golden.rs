//! The golden cases in the browser: every case through the wasm build of the core, and through
//! the facade's `scoreJson`, byte for byte equal to the committed native snapshots; then every
//! error code as JS sees it.
//!
//! Run by `cargo xtask test` (headless Chromium via `wasm-bindgen-test-runner`) with the
//! features of the full module (`authoring` for standards given as text); what the scoring
//! module alone does with a standard's text is checked by the browser end-to-end test.

#![cfg(all(target_arch = "wasm32", feature = "authoring"))]

use js_sys::Reflect;
use lifecircle_tests::{CASES, SNAPSHOTS, compare_snapshots, load_standard, run_all, snapshot_path};
use lifecircle_wasm as facade;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn snapshot(case_path: &str) -> &'static str {
    let p = snapshot_path(case_path);
    SNAPSHOTS.iter().find(|(s, _)| *s == p).map(|(_, t)| t.trim_end()).unwrap_or_else(|| panic!("{p}: no snapshot"))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// A JS array of the values.
#[cfg(feature = "district")]
fn js_array(values: Vec<JsValue>) -> JsValue {
    values.into_iter().collect::<js_sys::Array>().into()
}

fn code_of(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    get(e, "code").as_string().expect("an Error with a string `code`")
}

/// (a) the core, compiled to wasm, reproduces every snapshot byte for byte.
#[wasm_bindgen_test]
fn core_in_wasm_matches_native_snapshots() {
    assert!(!CASES.is_empty());
    let outputs = run_all().unwrap_or_else(|e| panic!("{e}"));
    compare_snapshots(&outputs).unwrap_or_else(|e| panic!("{e}"));
}

/// (b) the facade's `scoreJson`, with the circle as a JSON string and as a JS object, equals
/// each snapshot; for input-error cases the thrown error's `problems` do.
#[wasm_bindgen_test]
fn facade_score_json_matches_native_snapshots() {
    for (path, text) in CASES {
        let case: serde_json::Value = serde_json::from_str(text).unwrap();
        let std_id = case["standard"].as_str().unwrap();
        let as_of = case["as_of"].as_str().unwrap();
        let circle_text = serde_json::to_string(&case["circle"]).unwrap();
        let circle_obj = js_sys::JSON::parse(&circle_text).unwrap();
        let want = snapshot(path);
        let builtin = lifecircle_core::standard::builtin(std_id).is_some();
        for circle in [JsValue::from_str(&circle_text), circle_obj] {
            let as_string = circle.is_string();
            let got = if builtin {
                facade::score_json(std_id.into(), circle, as_of.into())
            } else {
                // Test standards extend test standards, which `scoreJson` cannot see.
                let std = load_standard(std_id).unwrap();
                facade::score_json_with(&std, &circle, as_of).map_err(|f| JsValue::from_str(f.code()))
            };
            match got {
                Ok(json) => assert_eq!(json, want, "{path}: scoreJson differs from the native snapshot"),
                Err(e) if case["expect"].get("input_error").is_some() && builtin => {
                    assert_eq!(code_of(&e), "invalid_input", "{path}");
                    if as_string {
                        let problems = js_sys::JSON::stringify(&get(&e, "problems")).unwrap();
                        assert_eq!(format!("{{\"problems\":{}}}", String::from(problems)), want, "{path}");
                    }
                }
                Err(e) => panic!("{path}: {e:?}"),
            }
        }
    }
}

/// `districtJson` (circles as JSON strings and as objects) is byte for byte the district
/// summary the native test keeps as a snapshot (`tests/tests/district.rs`); a circle that
/// cannot be scored is named by its place in the list.
#[cfg(feature = "district")]
#[wasm_bindgen_test]
fn facade_district_json_matches_the_native_snapshot() {
    use lifecircle_tests::district::{AS_OF, COMMUNITIES, STANDARD, circles, snapshot};
    let texts: Vec<String> = circles().iter().map(|c| serde_json::to_string(c).unwrap()).collect();
    let want = snapshot().expect("the district snapshot");
    let as_strings: Vec<JsValue> = texts.iter().map(|t| JsValue::from_str(t)).collect();
    let as_objects: Vec<JsValue> = texts.iter().map(|t| js_sys::JSON::parse(t).unwrap()).collect();
    for circles in [as_strings, as_objects] {
        let got =
            facade::district_json(STANDARD.into(), js_array(circles), AS_OF.into(), Some(f64::from(COMMUNITIES)), None)
                .unwrap();
        assert_eq!(got, want, "districtJson differs from the native snapshot");
    }
    // What the district reports for the targets circle data cannot give, as the CLI takes it,
    // is the same summary natively.
    let reported = "provincial_pilot=1, professional_operators=1";
    let objects: Vec<JsValue> = texts.iter().map(|t| js_sys::JSON::parse(t).unwrap()).collect();
    let got = facade::district_json(
        STANDARD.into(),
        js_array(objects.clone()),
        AS_OF.into(),
        Some(f64::from(COMMUNITIES)),
        Some(reported.into()),
    )
    .unwrap();
    let native = lifecircle_core::district::summarise(
        &lifecircle_core::load_builtin(STANDARD).unwrap(),
        &circles(),
        AS_OF.parse().unwrap(),
        Some(COMMUNITIES),
    )
    .unwrap()
    .with_reported(&lifecircle_core::district::parse_reported(reported).unwrap())
    .unwrap();
    assert_eq!(got, serde_json::to_string_pretty(&native).unwrap());
    assert!(got.contains("\"counting\": \"reported\""));
    let e =
        facade::district_json(STANDARD.into(), js_array(objects), AS_OF.into(), None, Some("circles_built=14".into()))
            .unwrap_err();
    assert_eq!(code_of(&e), "bad_argument");
    let bad = vec![JsValue::from_str(&texts[0]), JsValue::from_str(r#"{"id": "x", "name": "坏", "population": -5}"#)];
    let e = facade::district_json(STANDARD.into(), js_array(bad), AS_OF.into(), None, None).unwrap_err();
    assert_eq!(code_of(&e), "invalid_input");
    let problems = String::from(js_sys::JSON::stringify(&get(&e, "problems")).unwrap());
    assert!(problems.contains("circles[1].population"), "{problems}");
    let twice = vec![JsValue::from_str(&texts[0]), JsValue::from_str(&texts[0])];
    let e = facade::district_json(STANDARD.into(), js_array(twice), AS_OF.into(), None, None).unwrap_err();
    assert_eq!(code_of(&e), "bad_argument");
}

/// The facade (with `authoring`) accepts a built-in id and the TOML text of a standard alike.
#[wasm_bindgen_test]
fn score_with_standard_text_equals_score_with_id() {
    let text = lifecircle_core::standard::builtin_text("longwan-2024").unwrap();
    let circle = facade::example_circle("longwan-2024".into()).unwrap();
    let by_id = facade::score_json("longwan-2024".into(), circle.clone(), "2025-06-30".into()).unwrap();
    // As text the file name differs, but a standard's digest covers its content only.
    let by_text = facade::score_json(text.into(), circle.clone(), "2025-06-30".into()).unwrap();
    assert_eq!(by_id, by_text);
    let obj = facade::score("longwan-2024".into(), circle, "2025-06-30".into()).unwrap();
    let total = get(&obj, "total").as_f64().unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&by_id).unwrap();
    assert_eq!(Some(total), parsed["total"].as_f64());
    // A plain object, not a Map.
    assert!(get(&obj, "indicators").is_array());
    assert!(get(&get(&obj, "grade"), "explanation").is_object());
}

/// `packStandard` gives the bytes the widgets read: the same as packing the built-in standard
/// natively, and a broken text throws `invalid_standard`.
#[wasm_bindgen_test]
fn pack_standard_equals_the_native_packing() {
    let text = lifecircle_core::standard::builtin_text("longwan-2024").unwrap();
    let bytes = facade::pack_standard(text.into(), Some("standards/longwan-2024.toml".into())).unwrap();
    let native = lifecircle_core::load_builtin("longwan-2024").unwrap();
    assert_eq!(bytes, lifecircle_core::standard::bundle::pack_standard(&native));
    assert_eq!(lifecircle_core::standard::bundle::unpack_standard(&bytes), Some(native));
    assert_eq!(code_of(&facade::pack_standard("id = 1".into(), None).unwrap_err()), "invalid_standard");
    // The packed bytes are a handle `score` takes: the same JSON as scoring by id.
    let circle = facade::example_circle("longwan-2024".into()).unwrap();
    let packed: JsValue = js_sys::Uint8Array::from(bytes.as_slice()).into();
    let by_packed = facade::score_json(packed, circle.clone(), "2025-06-30".into()).unwrap();
    assert_eq!(by_packed, facade::score_json("longwan-2024".into(), circle.clone(), "2025-06-30".into()).unwrap());
    // Damaged bytes, or anything else that is not a standard, are a bad argument.
    let mut damaged = bytes.clone();
    let mid = damaged.len() / 2;
    damaged[mid] ^= 0x20;
    for arg in
        [js_sys::Uint8Array::from(damaged.as_slice()).into(), JsValue::from_f64(1.0), js_sys::Object::new().into()]
    {
        let e = facade::score_json(arg, circle.clone(), "2025-06-30".into()).unwrap_err();
        assert_eq!(code_of(&e), "bad_argument");
        assert_eq!(get(&e, "argument").as_string().as_deref(), Some("standard"));
    }
}

#[wasm_bindgen_test]
fn the_other_exports_work() {
    assert_eq!(facade::version(), lifecircle_core::VERSION);
    let list: js_sys::Array = facade::list_standards().unwrap().unchecked_into();
    let ids: Vec<String> = list.iter().map(|s| get(&s, "id").as_string().unwrap()).collect();
    let builtin: Vec<&str> = lifecircle_core::standard::BUILTIN.iter().map(|b| b.id).collect();
    assert_eq!(ids, builtin);
    let b = lifecircle_core::standard::builtin("longwan-2024").unwrap();
    let text = lifecircle_core::standard::builtin_text(b.id).unwrap();
    let std = facade::load_standard(text.into(), Some(b.file.into())).unwrap();
    assert_eq!(get(&std, "id").as_string().as_deref(), Some("longwan-2024"));
    let diags: js_sys::Array = facade::validate_standard(text.into(), None).unwrap().unchecked_into();
    assert_eq!(diags.length(), 0);
    let schema = facade::schema("circle".into()).unwrap();
    assert!(get(&schema, "properties").is_object());
    // Shipped without indentation (build.rs), and the same objects as the files.
    for (which, file) in
        [("circle", lifecircle_core::schema::CIRCLE_SCHEMA), ("standard", lifecircle_core::schema::STANDARD_SCHEMA)]
    {
        let shipped = js_sys::JSON::stringify(&facade::schema(which.into()).unwrap()).unwrap().as_string().unwrap();
        let shipped: serde_json::Value = serde_json::from_str(&shipped).unwrap();
        assert_eq!(shipped, serde_json::from_str::<serde_json::Value>(file).unwrap(), "{which}");
    }
    let circle = facade::example_circle("longwan-2024".into()).unwrap();
    for (lang, format, needle) in [(None, None, "示例数据"), (Some("en"), Some("markdown"), "# ")] {
        let r = facade::report(
            "longwan-2024".into(),
            circle.clone(),
            "2025-06-30".into(),
            lang.map(JsValue::from),
            format.map(JsValue::from),
        )
        .unwrap();
        assert!(r.contains(needle), "{r}");
    }
}

/// (c) every error code, as JS sees it: an `Error` with `code` and details.
#[wasm_bindgen_test]
fn errors_carry_stable_codes_and_locations() {
    let circle = facade::example_circle("longwan-2024".into()).unwrap();

    // Bad standard text: every problem with file, line, column and code.
    let bad = "id = \"mine\"\nversion = 3\n";
    let e = facade::score_json(bad.into(), circle.clone(), "2025-06-30".into()).unwrap_err();
    assert_eq!(code_of(&e), "invalid_standard");
    let d: js_sys::Array = get(&e, "diagnostics").unchecked_into();
    assert!(d.length() >= 1);
    let first = d.get(0);
    assert_eq!(get(&first, "file").as_string().as_deref(), Some("standard"));
    assert!(get(&first, "line").as_f64().is_some(), "{first:?}");
    assert!(get(&first, "code").is_string());
    // validateStandard returns the same problems instead of throwing, under the given name.
    let v: js_sys::Array = facade::validate_standard(bad.into(), Some("mine.toml".into())).unwrap().unchecked_into();
    assert_eq!(v.length(), d.length());
    assert_eq!(get(&v.get(0), "file").as_string().as_deref(), Some("mine.toml"));
    assert_eq!(code_of(&facade::load_standard(bad.into(), None).unwrap_err()), "invalid_standard");
    // Without a name the text decides its format: this is JSON, and its problem is on line 2.
    let v: js_sys::Array = facade::validate_standard("{\n  \"standard\": 1\n}".into(), None).unwrap().unchecked_into();
    assert_eq!(get(&v.get(0), "code").as_string().as_deref(), Some("syntax"), "{:?}", v.get(0));
    assert_eq!(get(&v.get(0), "line").as_f64(), Some(2.0), "{:?}", v.get(0));

    // Each broken test standard gives its own diagnostic code (and an item where it names one).
    for (path, text) in lifecircle_tests::STANDARDS.iter().filter(|(p, _)| p.contains("/broken/")) {
        let v: js_sys::Array =
            facade::validate_standard((*text).into(), Some(JsValue::from(*path))).unwrap().unchecked_into();
        assert!(v.length() >= 1, "{path}: no diagnostics");
        for d in v.iter() {
            let code = get(&d, "code").as_string().unwrap();
            assert!(!code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{path}: {code}");
            assert_eq!(get(&d, "file").as_string().as_deref(), Some(*path));
        }
    }

    // Unknown standard id.
    let e = facade::score("no-such-standard".into(), circle.clone(), "2025-06-30".into()).unwrap_err();
    assert_eq!(code_of(&e), "unknown_standard");
    let d = js_sys::Array::from(&get(&e, "diagnostics")).get(0);
    assert_eq!(get(&d, "code").as_string().as_deref(), Some("unknown_parent"));
    assert_eq!(get(&d, "item").as_string().as_deref(), Some("no-such-standard"));

    // Bad circle JSON: line, column and field path.
    let text = "{\n  \"id\": \"a\",\n  \"name\": \"b\",\n  \"facilities\": [{\"category\": \"x\", \"name\": \"y\", \"colour\": 1}]\n}";
    let e = facade::score_json("longwan-2024".into(), JsValue::from_str(text), "2025-06-30".into()).unwrap_err();
    assert_eq!(code_of(&e), "invalid_input");
    let p = js_sys::Array::from(&get(&e, "problems")).get(0);
    assert_eq!(get(&p, "code").as_string().as_deref(), Some("json"));
    assert_eq!(get(&p, "line").as_f64(), Some(4.0));
    assert!(get(&p, "field").as_string().unwrap().starts_with("facilities[0]"));
    let e = facade::score_json("longwan-2024".into(), JsValue::from_str("{not json"), "2025-06-30".into()).unwrap_err();
    assert_eq!(code_of(&e), "invalid_input");

    // Absurd numbers, in an object: field paths, no line (it would point into JSON.stringify).
    let obj = js_sys::JSON::parse(r#"{"id":"a","name":"b","population":-5,"households":1e12}"#).unwrap();
    let e = facade::score("longwan-2024".into(), obj, "2025-06-30".into()).unwrap_err();
    assert_eq!(code_of(&e), "invalid_input");
    let problems = js_sys::Array::from(&get(&e, "problems"));
    let fields: Vec<String> = problems.iter().map(|p| get(&p, "field").as_string().unwrap()).collect();
    assert_eq!(fields, ["population", "households"]);
    for p in problems.iter() {
        assert_eq!(get(&p, "code").as_string().as_deref(), Some("out_of_range"));
        assert!(get(&p, "line").is_undefined());
    }
    // NaN and Infinity (which JSON.stringify would turn into null, i.e. "missing") are an
    // error on their field.
    let obj = js_sys::Object::new();
    Reflect::set(&obj, &"id".into(), &"a".into()).unwrap();
    Reflect::set(&obj, &"name".into(), &"b".into()).unwrap();
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        Reflect::set(&obj, &"population".into(), &JsValue::from_f64(bad)).unwrap();
        let e = facade::score("longwan-2024".into(), obj.clone().into(), "2025-06-30".into()).unwrap_err();
        assert_eq!(code_of(&e), "invalid_input", "{bad}");
        let p = js_sys::Array::from(&get(&e, "problems")).get(0);
        assert_eq!(get(&p, "field").as_string().as_deref(), Some("population"), "{bad}");
    }

    // Wrong arguments.
    for (e, arg) in [
        (facade::score("longwan-2024".into(), circle.clone(), "30/06/2025".into()).unwrap_err(), "asOf"),
        (facade::score("longwan-2024".into(), JsValue::from_f64(3.0), "2025-06-30".into()).unwrap_err(), "circle"),
        (
            facade::report("longwan-2024".into(), circle.clone(), "2025-06-30".into(), Some("fr".into()), None)
                .unwrap_err(),
            "lang",
        ),
        (
            facade::report("longwan-2024".into(), circle.clone(), "2025-06-30".into(), None, Some("pdf".into()))
                .unwrap_err(),
            "format",
        ),
        (facade::schema("nope".into()).unwrap_err(), "which"),
    ] {
        assert_eq!(code_of(&e), "bad_argument");
        assert_eq!(get(&e, "argument").as_string().as_deref(), Some(arg));
    }
    let e = facade::example_circle("mofcom-2021".into()).unwrap_err();
    assert_eq!(code_of(&e), "no_example");
    // The message is the Rust error's text.
    assert!(get(&e, "message").as_string().unwrap().contains("mofcom-2021"));
}

/// (d) Standard diagnostics reach JS in Chinese too: `message_zh` beside the English `message`,
/// from `validateStandard` and on what `loadStandard`, `packStandard` and `score` throw (whose
/// `message` reads Chinese first), and on an unknown id's error in scoring.
#[wasm_bindgen_test]
fn standard_diagnostics_reach_js_in_chinese() {
    let text = lifecircle_core::standard::builtin_text("mofcom-2021")
        .unwrap()
        .replacen("level = \"national\"", "level = \"distrct\"", 1)
        .replacen("unit = \"m/min\"", "unit = \"m/mn\"", 1);
    let text = text.as_str();
    let v: js_sys::Array = facade::validate_standard(text.into(), Some("mine.toml".into())).unwrap().unchecked_into();
    let by_code = |code: &str| {
        v.iter()
            .find(|d| get(d, "code").as_string().as_deref() == Some(code))
            .unwrap_or_else(|| panic!("no `{code}` in {:?}", js_sys::JSON::stringify(&v)))
    };
    let message_zh = |d: &JsValue| {
        get(d, "message_zh").as_string().unwrap_or_else(|| panic!("no message_zh: {:?}", js_sys::JSON::stringify(d)))
    };
    // A Chinese message written for the problem: the field, the value and the nearest word.
    let level = by_code("bad_value");
    let zh = message_zh(&level);
    assert!(zh.contains("层级") && zh.contains("distrct") && zh.contains("district"), "{zh}");
    assert!(!get(&level, "message").as_string().unwrap().contains("层级"), "the English stays English");
    // Every problem has its own Chinese with the value written and the nearest word.
    let zh = message_zh(&by_code("unknown_unit"));
    assert!(zh.starts_with("不认识的单位“m/mn” — 是不是 `m/min`？"), "{zh}");
    assert!(
        !get(&by_code("unknown_unit"), "message").as_string().unwrap().contains("单位"),
        "the English stays English"
    );

    let circle = facade::example_circle("longwan-2024".into()).unwrap();
    let thrown = [
        ("loadStandard", facade::load_standard(text.into(), Some("mine.toml".into())).unwrap_err()),
        ("packStandard", facade::pack_standard(text.into(), Some("mine.toml".into())).unwrap_err()),
        ("score", facade::score(text.into(), circle.clone(), "2025-06-30".into()).unwrap_err()),
    ];
    for (export, e) in thrown {
        assert_eq!(code_of(&e), "invalid_standard", "{export}");
        let message = get(&e, "message").as_string().unwrap();
        assert!(message.starts_with("标准文件有误（"), "{export}: {message}");
        assert!(message.contains("层级") && message.contains("不认识的单位"), "{export}: {message}");
        let d = js_sys::Array::from(&get(&e, "diagnostics"));
        assert_eq!(d.length(), v.length(), "{export}");
        for (thrown, returned) in d.iter().zip(v.iter()) {
            assert_eq!(message_zh(&thrown), message_zh(&returned), "{export}");
        }
    }

    // The scoring path's only diagnostic: an id that is not built in.
    let e = facade::score("no-such-standard".into(), circle, "2025-06-30".into()).unwrap_err();
    assert_eq!(code_of(&e), "unknown_standard");
    let zh = message_zh(&js_sys::Array::from(&get(&e, "diagnostics")).get(0));
    assert!(zh.starts_with("没有内置标准 no-such-standard"), "{zh}");
}
