//! Importers: street networks, facilities and residential origins from OSM XML, OSM PBF,
//! GeoJSON and CSV, all from bytes or strings.
//!
//! Every importer returns what it kept together with a report of what it left out and why, so
//! nothing is dropped silently. Bad input is a typed [`ImportError`](super::ImportError) naming
//! the field, line or element, never a panic.

pub mod csv;
pub mod filter;
pub mod geojson;
pub mod mapping;
pub mod osm;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::LonLat;

pub use mapping::{CategoryMapping, CategoryRule};
pub use osm::{OsmData, parse_osm_pbf, parse_osm_xml};

/// One walkable line. `node_ids` identify vertices: lines that share an id are joined there.
/// For OSM they are node ids; for GeoJSON, identical coordinates get the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreetLine {
    pub node_ids: Vec<i64>,
    pub coords: Vec<LonLat>,
    pub name: Option<String>,
}

/// Streets kept by an importer, and what was excluded.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StreetImport {
    pub lines: Vec<StreetLine>,
    pub report: StreetReport,
}

/// Counts of a street import.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StreetReport {
    /// Lines (ways or features) kept as walkable.
    pub kept: usize,
    /// Lines left out, by reason (e.g. `highway=motorway`, `foot=no`, `name contains 高速`).
    pub excluded: BTreeMap<String, usize>,
    /// OSM way references to nodes absent from the input (the way is cut there).
    pub missing_nodes: usize,
    /// The first feature of a network that is not a line the importer can use, e.g.
    /// `features[4]` or `way/300`: a Point, a Polygon, a GeometryCollection, no geometry, or a
    /// line (an OSM way) of fewer than two distinct points. How many there were of each kind is
    /// in `excluded` (`geometry Point`, `geometry GeometryCollection`, `no geometry`,
    /// `geometry zero-length line`). Such features are skipped, not a refusal of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_not_a_line: Option<String>,
}

/// The key of [`StreetReport::excluded`] for a line or OSM way of fewer than two distinct
/// points: it has no length to walk.
pub(crate) const ZERO_LENGTH: &str = "geometry zero-length line";

impl StreetReport {
    /// Features of a network left out for not being lines it can use (`geometry …`, `no
    /// geometry`).
    pub fn not_lines(&self) -> usize {
        self.excluded.iter().filter(|(k, _)| Self::not_a_line(k)).map(|(_, n)| n).sum()
    }

    /// Whether a key of [`Self::excluded`] is a feature that is not a line, rather than a
    /// street left out for its tags or name.
    pub fn not_a_line(key: &str) -> bool {
        key.starts_with("geometry ") || key == "no geometry"
    }
}

/// A facility placed in one or more categories.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Facility {
    /// Stable id: `node/123`, `way/45`, `features[7]`, `line 12`, or the source's own id.
    pub id: String,
    pub name: Option<String>,
    /// WGS-84 position (converted on import when the source is GCJ-02 or BD-09).
    pub point: LonLat,
    /// Category codes from the caller's mapping, in mapping order.
    pub categories: Vec<String>,
    /// Part of a chain (a CSV's `连锁`/`chain` column, a GeoJSON `chain` property).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chain: bool,
    /// Brand (a CSV's `品牌`/`brand` column, a GeoJSON `brand` property).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
}

/// A yes or no as a spreadsheet writes it: 是/否, 连锁/非连锁, yes/no, y/n, true/false, 1/0
/// (case-insensitive; empty is no); `None` for anything else.
pub(crate) fn yes_no(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "是" | "连锁" | "yes" | "y" | "true" | "1" => Some(true),
        "否" | "非连锁" | "no" | "n" | "false" | "0" | "" => Some(false),
        _ => None,
    }
}

/// A facility of a CSV row whose position is empty, kept when the caller asked
/// ([`csv::FacilityCsvOptions::keep_unlocated`]): an inventory may list it until its place is
/// known; walking distances cannot use it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UnlocatedFacility {
    /// As [`Facility::id`] (`line 12`, or the row's own id).
    pub id: String,
    pub name: Option<String>,
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chain: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
}

/// An item that no mapping rule matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmappedItem {
    pub id: String,
    pub name: Option<String>,
    /// What was looked at: the OSM tags of interest, or the type code / category text.
    pub keys: Vec<String>,
}

/// Facilities from an import, plus the items that matched no category.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FacilityImport {
    pub facilities: Vec<Facility>,
    pub unmapped: Vec<UnmappedItem>,
    /// Facilities of rows without a position, when the caller asked to keep them (only
    /// [`csv::facilities_from_csv_with`] does); always empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlocated: Vec<UnlocatedFacility>,
}

impl FacilityImport {
    /// How many items matched no category.
    pub fn unmapped_count(&self) -> usize {
        self.unmapped.len()
    }
}

/// A residential origin: a point (or a building's centroid) with an optional population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub id: String,
    pub point: LonLat,
    /// Residents represented; `None` counts as one in coverage sums.
    pub population: Option<f64>,
}

impl Origin {
    /// A single centre point, for a circle described only by its centre.
    pub fn centre(id: &str, point: LonLat) -> Origin {
        Origin { id: id.to_string(), point, population: None }
    }

    /// Weight in coverage sums: the population, or 1 when unknown.
    pub fn weight(&self) -> f64 {
        self.population.unwrap_or(1.0)
    }
}

/// Facilities given as data rather than read from a file (the npm module's `DataFacility[]`),
/// checked as the importers check a file's: each point finite and in range, the first bad one
/// named by its place and id (`facilities[2] (id "B3")`).
pub fn check_facilities(facilities: &[Facility], argument: &str) -> Result<(), super::ImportError> {
    for (i, f) in facilities.iter().enumerate() {
        super::check_lonlat(f.point[0], f.point[1], || item(argument, i, &f.id))?;
    }
    Ok(())
}

/// Origins given as data (the npm module's `DataOrigin[]`), checked as the importers check a
/// file's: each point finite and in range, a population, when given, a number from 0 to 1e9
/// (NaN summed to a total of null, and -5 residents were subtracted); the first bad one named.
pub fn check_origins(origins: &[Origin], argument: &str) -> Result<(), super::ImportError> {
    for (i, o) in origins.iter().enumerate() {
        let path = || item(argument, i, &o.id);
        super::check_lonlat(o.point[0], o.point[1], path)?;
        if let Some(value) = o.population.filter(|n| !(0.0..=crate::circle::ABSURD).contains(n)) {
            return Err(super::ImportError::Population { path: path(), value });
        }
    }
    Ok(())
}

/// How an error names an item of a list given as data: its place and its id.
fn item(argument: &str, i: usize, id: &str) -> String {
    format!("{argument}[{i}] (id {id:?})")
}
