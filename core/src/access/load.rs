//! One entry point per kind of data, whatever its format: streets, facilities, origins.
//!
//! The caller says the format (the CLI from a file's extension, a browser from the user's
//! choice) and passes the bytes; nothing here opens a file.

use serde::{Deserialize, Serialize};

use super::Crs;
use super::error::ImportError;
use super::graph::Network;
use super::import::csv::{facilities_from_csv, origins_from_csv};
use super::import::geojson::{StreetOptions, facilities_from_geojson, origins_from_geojson, streets_from_geojson};
use super::import::osm::convert_osm_datum;
use super::import::{CategoryMapping, FacilityImport, Origin, StreetImport, parse_osm_pbf, parse_osm_xml};

/// A data format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// OpenStreetMap XML (`.osm`).
    OsmXml,
    /// OpenStreetMap PBF (`.osm.pbf`).
    OsmPbf,
    /// GeoJSON (`.geojson`, `.json`).
    GeoJson,
    /// CSV with lon, lat columns.
    Csv,
}

impl Format {
    /// The format a file name's ending suggests.
    pub fn from_name(name: &str) -> Option<Format> {
        let n = name.to_ascii_lowercase();
        if n.ends_with(".pbf") {
            Some(Format::OsmPbf)
        } else if n.ends_with(".osm") || n.ends_with(".xml") {
            Some(Format::OsmXml)
        } else if n.ends_with(".geojson") || n.ends_with(".json") {
            Some(Format::GeoJson)
        } else if n.ends_with(".csv") {
            Some(Format::Csv)
        } else {
            None
        }
    }
}

fn text<'a>(bytes: &'a [u8], format: &'static str) -> Result<&'a str, ImportError> {
    std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 { format, byte: e.valid_up_to() + 1 })
}

fn osm(bytes: &[u8], format: Format, crs: Crs) -> Result<super::import::OsmData, ImportError> {
    let mut data = match format {
        Format::OsmPbf => parse_osm_pbf(bytes)?,
        _ => parse_osm_xml(bytes)?,
    };
    if crs != Crs::Wgs84 {
        convert_osm_datum(&mut data, crs);
    }
    Ok(data)
}

/// Walkable streets from OSM XML, OSM PBF or GeoJSON, converted to WGS-84.
///
/// # Errors
/// The importer's error, naming the line, element or feature; CSV is not a street format.
pub fn streets(bytes: &[u8], format: Format, crs: Crs) -> Result<StreetImport, ImportError> {
    match format {
        Format::OsmXml | Format::OsmPbf => osm(bytes, format, crs)?.streets(),
        Format::GeoJson => {
            streets_from_geojson(text(bytes, "geojson")?, &StreetOptions { crs, ..StreetOptions::default() })
        }
        Format::Csv => Err(ImportError::GeoJson {
            path: String::new(),
            message: "streets come from OSM or GeoJSON, not CSV".into(),
        }),
    }
}

/// A network from street data.
///
/// # Errors
/// As [`streets`].
pub fn network(bytes: &[u8], format: Format, crs: Crs) -> Result<(Network, StreetImport), ImportError> {
    let s = streets(bytes, format, crs)?;
    Ok((Network::from_lines(&s.lines), s))
}

/// Facilities from OSM (tagged nodes and ways), GeoJSON points or CSV, mapped to categories.
///
/// # Errors
/// The importer's error.
pub fn facilities(
    bytes: &[u8],
    format: Format,
    crs: Crs,
    mapping: &CategoryMapping,
) -> Result<FacilityImport, ImportError> {
    match format {
        Format::OsmXml | Format::OsmPbf => Ok(osm(bytes, format, crs)?.facilities(mapping)),
        Format::GeoJson => facilities_from_geojson(text(bytes, "geojson")?, mapping, crs),
        Format::Csv => facilities_from_csv(text(bytes, "csv")?, mapping, crs),
    }
}

/// Residential origins from GeoJSON (points or building polygons, `population` property) or
/// CSV (lon, lat, optional population).
///
/// # Errors
/// The importer's error; OSM is not an origin format.
pub fn origins(bytes: &[u8], format: Format, crs: Crs) -> Result<Vec<Origin>, ImportError> {
    match format {
        Format::GeoJson => origins_from_geojson(text(bytes, "geojson")?, Some("population"), crs),
        Format::Csv => origins_from_csv(text(bytes, "csv")?, crs),
        _ => Err(ImportError::GeoJson { path: String::new(), message: "origins come from GeoJSON or CSV".into() }),
    }
}
