//! Importers on odd but real input (the robustness review of 2026-12-06): CSV saved with
//! CR-only line endings, OSM files repeating an element id, one feature of a network the
//! importer cannot use, and numbers in errors written short.

use lifecircle_core::access::crs::Crs;
use lifecircle_core::access::graph::Network;
use lifecircle_core::access::import::csv::{convert_csv, facilities_from_csv, origins_from_csv, records};
use lifecircle_core::access::import::geojson::{
    StreetOptions, facilities_from_geojson, origins_from_geojson, streets_from_geojson,
};
use lifecircle_core::access::import::{CategoryMapping, CategoryRule, parse_osm_pbf, parse_osm_xml};
use lifecircle_core::access::load::{self, Format};
use lifecircle_core::access::query::walking_distance_m;
use lifecircle_core::access::{AccessError, ImportError};

fn mapping() -> CategoryMapping {
    CategoryMapping::new(vec![CategoryRule {
        category: "convenience".to_string(),
        osm_tags: vec!["shop=convenience".to_string()],
        amap_types: Vec::new(),
        names: vec!["便利店".to_string()],
    }])
    .expect("mapping")
}

// ---------------------------------------------------------------- CSV line endings

/// Excel for Mac's "CSV (Macintosh)" ends lines with a lone CR: the whole file read as one
/// header row, so a facilities file gave "0 mapped, 0 unmapped" and a coordinates file "no
/// latitude column" though its header has one.
#[test]
fn a_csv_with_cr_only_line_endings_reads_as_lines() {
    let cr = "名称,lon,lat,类别\r全家,120.81,27.92,便利店\r罗森,120.82,27.93,便利店\r";
    let rows = records(cr).expect("records");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1], (2, vec!["全家".into(), "120.81".into(), "27.92".into(), "便利店".into()]));
    assert_eq!(rows[2].0, 3);

    let imp = facilities_from_csv(cr, &mapping(), Crs::Wgs84).expect("facilities");
    assert_eq!(imp.facilities.len(), 2, "{imp:?}");
    assert_eq!(imp.facilities[1].name.as_deref(), Some("罗森"));
    assert_eq!(imp.facilities[1].point, [120.82, 27.93]);

    let origins = origins_from_csv("id,lon,lat\ra,120.81,27.92\rb,120.82,27.93", Crs::Wgs84).expect("origins");
    assert_eq!(origins.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);

    let out = convert_csv("name,lon,lat\rA,120.81,27.92\rB,120.82,27.93\r", Crs::Wgs84, Crs::Wgs84).expect("coords");
    assert_eq!(out, "\u{feff}name,lon,lat\nA,120.8100000,27.9200000\nB,120.8200000,27.9300000\n");

    // A bad row is named at its own line, counted as Excel shows it.
    let err = facilities_from_csv("名称,lon,lat\r全家,120.81,27.92\r罗森,东,27.93\r", &mapping(), Crs::Wgs84)
        .expect_err("bad longitude");
    assert_eq!(err, ImportError::Csv { line: 3, message: "longitude \"东\" is not a number".into() });
}

#[test]
fn crlf_and_lf_line_endings_still_read_the_same() {
    for text in [
        "名称,lon,lat,类别\n全家,120.81,27.92,便利店\n罗森,120.82,27.93,便利店\n",
        "名称,lon,lat,类别\r\n全家,120.81,27.92,便利店\r\n罗森,120.82,27.93,便利店\r\n",
        "名称,lon,lat,类别\r\n全家,120.81,27.92,便利店\r\n\r\n罗森,120.82,27.93,便利店",
    ] {
        let rows = records(text).expect("records");
        assert_eq!(rows.iter().map(|(l, _)| *l).collect::<Vec<_>>()[..2], [1, 2], "{text:?}");
        assert_eq!(rows.len(), 3, "{text:?}: {rows:?}");
        assert!(rows.iter().all(|(_, r)| r.len() == 4 && r.iter().all(|f| !f.contains('\r'))), "{rows:?}");
        let imp = facilities_from_csv(text, &mapping(), Crs::Wgs84).expect("facilities");
        assert_eq!(imp.facilities.len(), 2, "{text:?}");
    }
}

/// A quoted field holding a line break stays one field, whichever break it is, and the lines
/// after it are counted with that break.
#[test]
fn a_quoted_line_break_stays_in_its_field_with_every_line_ending() {
    for (eol, inside) in [("\r", "\r"), ("\r\n", "\r\n"), ("\n", "\n"), ("\r", "\r\n"), ("\n", "\r")] {
        let text = format!("name,lon,lat{eol}\"一号{inside}二号\",120.81,27.92{eol}c,120.82,27.93{eol}");
        let rows = records(&text).expect("records");
        assert_eq!(rows.len(), 3, "{text:?}: {rows:?}");
        assert_eq!(rows[1], (2, vec![format!("一号{inside}二号"), "120.81".into(), "27.92".into()]), "{text:?}");
        assert_eq!(rows[2].0, 4, "{text:?}: the quoted break is a line");
    }
    let err = records("name\r\"open\rstill open\r").expect_err("unclosed");
    assert_eq!(err, ImportError::Csv { line: 2, message: "a quoted field is not closed".into() });
}

// ---------------------------------------------------------------- OSM repeated ids

const GRID_NODES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="27.925" lon="120.8085"/>
 <node id="2" lat="27.925" lon="120.8105"/>
 <node id="3" lat="27.925" lon="120.8125"/>
"#;

const GRID_WAYS: &str = r#" <way id="100">
  <nd ref="1"/><nd ref="2"/><nd ref="3"/>
  <tag k="highway" v="residential"/>
 </way>
"#;

/// A node given twice (node 1 again at 0, 0) silently replaced the first: the street ran to
/// the Gulf of Guinea, "26006.9 km", and distances changed without a word. osm2pgsql ("node id
/// … appears more than once") and osmium ("Node ID twice in input") refuse such a file: two
/// copies of an element come from a history or change file, or extracts concatenated
/// without merging, and which copy is right cannot be told.
#[test]
fn a_repeated_osm_node_id_refuses_the_file_naming_node_and_line() {
    let ok = format!("{GRID_NODES}{GRID_WAYS}</osm>\n");
    assert!(parse_osm_xml(ok.as_bytes()).is_ok());
    let twice = format!("{GRID_NODES} <node id=\"1\" lat=\"0.0\" lon=\"0.0\"/>\n{GRID_WAYS}</osm>\n");
    let err = parse_osm_xml(twice.as_bytes()).expect_err("node 1 twice");
    let en = err.to_string();
    assert!(en.starts_with("osm xml line 6, column 2: node/1 appears more than once"), "{en}");
    assert!(en.contains("osmium merge"), "{en}");
    let zh = err.bilingual();
    assert!(zh.starts_with("OSM XML 第 6 行第 2 列：节点 node/1 出现了不止一次"), "{zh}");
    assert!(zh.contains(&format!(" / {en}")), "{zh}");

    // The same position given twice is refused too: the tools refuse it, and the copies'
    // tags may differ.
    let same = format!("{GRID_NODES} <node id=\"2\" lat=\"27.925\" lon=\"120.8105\"/>\n{GRID_WAYS}</osm>\n");
    let err = load::network(same.as_bytes(), Format::OsmXml, Crs::Wgs84).expect_err("node 2 twice");
    assert!(err.to_string().starts_with("osm xml line 6, column 2: node/2 appears more than once"), "{err}");
    // Facilities come from the same reader.
    assert!(load::facilities(same.as_bytes(), Format::OsmXml, Crs::Wgs84, &mapping()).is_err());
}

#[test]
fn a_repeated_osm_way_id_refuses_the_file() {
    let twice = format!("{GRID_NODES}{GRID_WAYS}{GRID_WAYS}</osm>\n");
    let err = parse_osm_xml(twice.as_bytes()).expect_err("way 100 twice");
    assert!(err.bilingual().starts_with("OSM XML 第 10 行第 2 列：道路 way/100 出现了不止一次"), "{}", err.bilingual());
    // A node and a way may share a number: ids are per element type.
    let shared = format!("{GRID_NODES}{}</osm>\n", GRID_WAYS.replace("100", "1"));
    assert!(parse_osm_xml(shared.as_bytes()).is_ok());
}

// A minimal OSM PBF writer (uncompressed blobs), enough for a few nodes and ways.

mod pbf_writer;
use pbf_writer::{field_bytes, field_varint, varint, zigzag};

/// One blob of `kind`, its content raw.
fn blob(out: &mut Vec<u8>, kind: &str, raw: &[u8]) {
    pbf_writer::blob(out, kind, raw, false);
}

/// A PBF of `nodes` (id, lon, lat) and `ways` (id, refs), every way tagged highway=footway.
fn pbf(nodes: &[(i64, f64, f64)], ways: &[(i64, &[i64])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut header = Vec::new();
    field_bytes(&mut header, 4, b"OsmSchema-V0.6");
    blob(&mut out, "OSMHeader", &header);

    let mut strings = Vec::new();
    for s in ["", "highway", "footway"] {
        field_bytes(&mut strings, 1, s.as_bytes());
    }
    let mut group = Vec::new();
    for &(id, lon, lat) in nodes {
        let mut n = Vec::new();
        field_varint(&mut n, 1, zigzag(id));
        field_varint(&mut n, 8, zigzag((lat * 1e7).round() as i64));
        field_varint(&mut n, 9, zigzag((lon * 1e7).round() as i64));
        field_bytes(&mut group, 1, &n);
    }
    for &(id, refs) in ways {
        let mut w = Vec::new();
        field_varint(&mut w, 1, id as u64);
        field_bytes(&mut w, 2, &[1]);
        field_bytes(&mut w, 3, &[2]);
        let mut packed = Vec::new();
        let mut last = 0;
        for &r in refs {
            varint(&mut packed, zigzag(r - last));
            last = r;
        }
        field_bytes(&mut w, 8, &packed);
        field_bytes(&mut group, 3, &w);
    }
    let mut block = Vec::new();
    field_bytes(&mut block, 1, &strings);
    field_bytes(&mut block, 2, &group);
    blob(&mut out, "OSMData", &block);
    out
}

#[test]
fn a_repeated_id_in_osm_pbf_refuses_the_file() {
    let nodes = [(1, 120.8085, 27.925), (2, 120.8105, 27.925), (3, 120.8125, 27.925)];
    let fine = pbf(&nodes, &[(100, &[1, 2, 3])]);
    let data = parse_osm_pbf(&fine).expect("a writer good enough for the reader");
    assert_eq!(data.nodes.len(), 3);
    assert_eq!(data.streets().expect("streets").lines.len(), 1);

    let twice = pbf(&[nodes[0], nodes[1], nodes[2], (1, 0.0, 0.0)], &[(100, &[1, 2, 3])]);
    let err = parse_osm_pbf(&twice).expect_err("node 1 twice");
    assert!(err.to_string().starts_with("osm pbf: node/1 appears more than once"), "{err}");
    assert!(err.bilingual().starts_with("OSM PBF：节点 node/1 出现了不止一次"), "{}", err.bilingual());

    let twice = pbf(&nodes, &[(100, &[1, 2, 3]), (100, &[3, 2])]);
    let err = parse_osm_pbf(&twice).expect_err("way 100 twice");
    assert!(err.to_string().starts_with("osm pbf: way/100 appears more than once"), "{err}");
}

// ---------------------------------------------------------------- features not usable as streets

fn fc(features: &[&str]) -> String {
    let list: Vec<String> = features
        .iter()
        .map(|g| format!(r#"{{"type":"Feature","properties":{{"highway":"footway"}},"geometry":{g}}}"#))
        .collect();
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, list.join(",\n"))
}

const LINE_A: &str = r#"{"type":"LineString","coordinates":[[120.8085,27.925],[120.8125,27.925]]}"#;
const LINE_B: &str = r#"{"type":"LineString","coordinates":[[120.8125,27.925],[120.8125,27.929]]}"#;
const GC: &str = r#"{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[120.8125,27.929],[120.8135,27.93]]}]}"#;
const ZERO: &str = r#"{"type":"LineString","coordinates":[[120.81,27.93],[120.81,27.93]]}"#;

/// One GeometryCollection refused the whole network as "missing coordinates".
#[test]
fn a_geometry_collection_in_a_network_is_skipped_and_named_by_its_type() {
    let s = streets_from_geojson(&fc(&[LINE_A, GC, LINE_B]), &StreetOptions::default()).expect("read");
    assert_eq!(s.report.kept, 2);
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.report.excluded.get("geometry GeometryCollection"), Some(&1), "{:?}", s.report);
    assert_eq!(s.report.first_not_a_line.as_deref(), Some("features[1]"));
    assert_eq!(s.report.not_lines(), 1);
}

/// One line of a single point refused the whole network ("a line needs at least two
/// distinct points").
#[test]
fn a_zero_length_line_in_a_network_is_skipped_and_reported() {
    let one = r#"{"type":"LineString","coordinates":[[120.81,27.93]]}"#;
    let empty = r#"{"type":"LineString","coordinates":[]}"#;
    let s = streets_from_geojson(&fc(&[LINE_A, ZERO, LINE_B, one, empty]), &StreetOptions::default()).expect("read");
    assert_eq!((s.report.kept, s.lines.len()), (2, 2));
    assert_eq!(s.report.excluded.get("geometry zero-length line"), Some(&3), "{:?}", s.report);
    assert_eq!(s.report.first_not_a_line.as_deref(), Some("features[1]"));
    assert_eq!(s.report.not_lines(), 3);

    // A MultiLineString keeps its lines with length; one of no part with length is skipped.
    let multi = r#"{"type":"MultiLineString","coordinates":[[[120.81,27.93],[120.81,27.93]],[[120.8125,27.925],[120.8125,27.929]]]}"#;
    let multi_zero = r#"{"type":"MultiLineString","coordinates":[[[120.81,27.93],[120.81,27.93]]]}"#;
    let s = streets_from_geojson(&fc(&[LINE_A, multi, multi_zero]), &StreetOptions::default()).expect("read");
    assert_eq!((s.report.kept, s.lines.len()), (2, 2), "{s:?}");
    assert_eq!(s.lines[1].coords, [[120.8125, 27.925], [120.8125, 27.929]]);
    assert_eq!(s.report.excluded.get("geometry zero-length line"), Some(&1));
    assert_eq!(s.report.first_not_a_line.as_deref(), Some("features[2]"));

    // What is wrong rather than short is still an error naming its place.
    let bad = r#"{"type":"LineString","coordinates":[[120.81,27.93],[120.81,"north"]]}"#;
    let err = streets_from_geojson(&fc(&[LINE_A, bad]), &StreetOptions::default()).expect_err("bad position");
    assert!(err.to_string().contains("features[1].geometry.coordinates[1]"), "{err}");
}

/// One walkable way of one node refused the whole OSM file.
#[test]
fn an_osm_way_of_one_node_is_skipped_and_reported() {
    let xml = format!(
        "{GRID_NODES}{GRID_WAYS} <way id=\"300\"><nd ref=\"2\"/><tag k=\"highway\" v=\"footway\"/></way>\n \
         <way id=\"301\"><nd ref=\"3\"/><nd ref=\"3\"/><tag k=\"highway\" v=\"footway\"/></way>\n \
         <way id=\"302\"><tag k=\"highway\" v=\"footway\"/></way>\n</osm>\n"
    );
    let s = load::streets(xml.as_bytes(), Format::OsmXml, Crs::Wgs84).expect("read");
    assert_eq!((s.report.kept, s.lines.len()), (1, 1));
    assert_eq!(s.report.excluded.get("geometry zero-length line"), Some(&3), "{:?}", s.report);
    assert_eq!(s.report.first_not_a_line.as_deref(), Some("way/300"));
    assert_eq!(s.report.not_lines(), 3);
}

/// A file with no usable street at all is still refused: it builds no network, and every
/// query says so.
#[test]
fn a_network_of_nothing_usable_is_still_refused() {
    let text = fc(&[GC, ZERO]);
    let (net, s) = load::network_with(text.as_bytes(), Format::GeoJson, &load::NetworkOptions::default())
        .expect("read, with what was skipped");
    assert_eq!(s.report.kept, 0);
    assert_eq!(s.report.not_lines(), 2);
    assert_eq!(net.stats().edges, 0);
    let err = walking_distance_m(&net, [120.81, 27.93], [120.812, 27.93], 300.0).expect_err("no network");
    assert_eq!(err, AccessError::EmptyNetwork);
    assert_eq!(Network::from_lines(&s.lines).stats().edges, 0);
}

/// A facilities file with a GeometryCollection was refused as "missing coordinates"; it is one
/// unmapped item naming its geometry. An origin cannot be skipped (coverage would be biased),
/// so it stays an error, now naming the type.
#[test]
fn a_geometry_collection_among_facilities_or_origins_is_named() {
    let point = r#"{"type":"Point","coordinates":[120.81,27.93]}"#;
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[
        {{"type":"Feature","properties":{{"shop":"convenience"}},"geometry":{point}}},
        {{"type":"Feature","properties":{{"shop":"convenience","name":"集合"}},"geometry":{GC}}}]}}"#
    );
    let imp = facilities_from_geojson(&text, &mapping(), Crs::Wgs84).expect("read");
    assert_eq!(imp.facilities.len(), 1);
    assert_eq!(imp.unmapped.len(), 1);
    assert_eq!(imp.unmapped[0].id, "features[1]");
    assert!(imp.unmapped[0].keys.iter().any(|k| k.contains("GeometryCollection")), "{:?}", imp.unmapped);

    let err = origins_from_geojson(&text, None, Crs::Wgs84).expect_err("an origin must be placed");
    assert!(err.to_string().contains("found GeometryCollection"), "{err}");
    assert!(err.to_string().contains("features[1].geometry.type"), "{err}");
}

// ---------------------------------------------------------------- numbers in messages

/// A longitude of 1e308 was written out as 309 digits, twice (a 753-byte error).
#[test]
fn numbers_in_import_errors_are_written_short() {
    let csv = "名称,lon,lat,类别\n全家,1e308,27.92,便利店\n";
    let err = facilities_from_csv(csv, &mapping(), Crs::Wgs84).expect_err("out of range");
    assert_eq!(err.to_string(), "csv line 2: coordinate (1e308, 27.92) is out of range");
    assert_eq!(
        err.bilingual(),
        "CSV 第 2 行：坐标（1e308，27.92）超出经纬度范围 / csv line 2: coordinate (1e308, 27.92) is out of range"
    );
    let err = facilities_from_csv("名称,lon,lat\n全家,120.8,-1e-300\n", &mapping(), Crs::Wgs84);
    assert!(err.is_ok(), "a tiny latitude is in range: {err:?}");

    let err = origins_from_csv("lon,lat,人口\n120.8,27.9,1e300\n", Crs::Wgs84).expect_err("population");
    assert_eq!(err.to_string(), "csv line 2: population 1e300 is not a number from 0 to 1000000000");
    assert!(err.bilingual().starts_with("CSV 第 2 行有误：人口须为 0 至 10 亿之间的数 / "), "{}", err.bilingual());

    let xml = "<osm><node id=\"1\" lat=\"27.9\" lon=\"-1e300\"/></osm>";
    let err = parse_osm_xml(xml.as_bytes()).expect_err("out of range");
    assert_eq!(err.to_string(), "node/1: coordinate (-1e300, 27.9) is out of range");

    for e in [
        AccessError::InvalidPoint { what: "from", lon: 1e308, lat: -2.5e-310 },
        AccessError::InvalidParameter { name: "max_snap_m", value: 1e300 },
        AccessError::OutOfRange { name: "minutes", value: -1e300, min: 0.0, max: 1e200 },
        AccessError::NoStreetNearby { what: "origin", max_snap_m: 1e250 },
        AccessError::TooManyCells { cells: 1, limit: 2, cell_m: 1e-300 },
    ] {
        let text = e.bilingual();
        assert!(text.len() < 400, "{} bytes: {text}", text.len());
        assert!(!text.contains("00000000000"), "{text}");
    }
    assert_eq!(
        AccessError::InvalidPoint { what: "from", lon: 1e308, lat: 27.5 }.bilingual(),
        "起点：坐标（1e308，27.5）不是有效的经纬度 / from: coordinate (1e308, 27.5) is not a valid lon/lat"
    );
    // Ordinary values read as before.
    assert_eq!(
        AccessError::NoStreetNearby { what: "origin", max_snap_m: 300.0 }.to_string(),
        "origin: no street within 300 m"
    );
}
