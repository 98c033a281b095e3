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

/// What the bytes hold, by their first characters: OSM XML (`<`), JSON (`{` or `[`), or OSM
/// PBF (a blob header naming `OSMHeader` near the start). `None` when it cannot tell.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let first = head.iter().find(|b| !b.is_ascii_whitespace())?;
    match first {
        b'<' => Some("osm xml"),
        b'{' | b'[' => Some("geojson"),
        _ if bytes.len() > 8 && bytes[..bytes.len().min(64)].windows(9).any(|w| w == b"OSMHeader") => Some("osm pbf"),
        _ => None,
    }
}

/// Refuses bytes whose content is plainly another format than `format` (an OSM XML file named
/// `.pbf` gave "blob header is too big: 1010792557 bytes").
fn check_format(bytes: &[u8], format: Format) -> Result<(), ImportError> {
    let named = match format {
        Format::OsmXml => "osm xml",
        Format::OsmPbf => "osm pbf",
        Format::GeoJson => "geojson",
        Format::Csv => "csv",
    };
    let Some(found) = sniff(bytes) else { return Ok(()) };
    let wrong = match format {
        Format::OsmPbf => found != "osm pbf",
        Format::OsmXml => found != "osm xml",
        Format::GeoJson => found != "geojson",
        // A CSV starts with any text; only the binary PBF is plainly not one.
        Format::Csv => found == "osm pbf",
    };
    if !wrong {
        return Ok(());
    }
    let hint = match found {
        "osm xml" => "rename it to .osm",
        "osm pbf" => "rename it to .pbf",
        _ => "rename it to .geojson",
    };
    Err(ImportError::WrongFormat { named, found, hint })
}

fn text<'a>(bytes: &'a [u8], format: &'static str) -> Result<&'a str, ImportError> {
    std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 { format, byte: e.valid_up_to() + 1 })
}

fn osm(bytes: &[u8], format: Format, crs: Crs) -> Result<super::import::OsmData, ImportError> {
    check_format(bytes, format)?;
    let mut data = match format {
        Format::OsmPbf => parse_osm_pbf(bytes)?,
        _ => parse_osm_xml(bytes)?,
    };
    if crs != Crs::Wgs84 {
        convert_osm_datum(&mut data, crs);
    }
    Ok(data)
}

/// How to read a street network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkOptions {
    /// Datum of the file's coordinates.
    pub crs: Crs,
    /// Name parts that make a line not walkable, besides the defaults of GeoJSON
    /// ([`DEFAULT_EXCLUDED_NAME_PARTS`](super::import::filter::DEFAULT_EXCLUDED_NAME_PARTS)):
    /// they apply to OSM ways too, after the tag rules (the CLI's `--exclude-name 高架`).
    #[serde(default)]
    pub exclude_names: Vec<String>,
}

impl NetworkOptions {
    /// The name parts that apply: trimmed, empty ones dropped, in the order given.
    fn name_parts(&self) -> Vec<String> {
        self.exclude_names.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
    }

    /// The name parts as a circle's `walking.measured_from` records them with the network file
    /// ([`crate::circle::DataFile::excluded_names`]): sorted, once each, joined by 、; `None`
    /// when none applies. Two option sets that leave out the same streets record the same text.
    #[must_use]
    pub fn excluded_names_record(&self) -> Option<String> {
        let mut parts = self.name_parts();
        parts.sort();
        parts.dedup();
        (!parts.is_empty()).then(|| parts.join("、"))
    }
}

/// Walkable streets from OSM XML, OSM PBF or GeoJSON, converted to WGS-84.
///
/// # Errors
/// The importer's error, naming the line, element or feature; CSV is not a street format.
pub fn streets(bytes: &[u8], format: Format, crs: Crs) -> Result<StreetImport, ImportError> {
    streets_with(bytes, format, &NetworkOptions { crs, exclude_names: Vec::new() })
}

/// [`streets`] with more names excluded.
///
/// # Errors
/// As [`streets`]; bytes that plainly hold another format than `format` say which.
pub fn streets_with(bytes: &[u8], format: Format, options: &NetworkOptions) -> Result<StreetImport, ImportError> {
    let crs = options.crs;
    let extra = options.name_parts();
    match format {
        Format::OsmXml | Format::OsmPbf => osm(bytes, format, crs)?.streets_excluding(&extra),
        Format::GeoJson => {
            check_format(bytes, format)?;
            let mut o = StreetOptions { crs, ..StreetOptions::default() };
            for part in extra {
                if !o.excluded_name_parts.contains(&part) {
                    o.excluded_name_parts.push(part);
                }
            }
            streets_from_geojson(text(bytes, "geojson")?, &o)
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
    network_with(bytes, format, &NetworkOptions { crs, exclude_names: Vec::new() })
}

/// [`network`] with more names excluded.
///
/// # Errors
/// As [`streets_with`].
pub fn network_with(
    bytes: &[u8],
    format: Format,
    options: &NetworkOptions,
) -> Result<(Network, StreetImport), ImportError> {
    let s = streets_with(bytes, format, options)?;
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
        Format::GeoJson => {
            check_format(bytes, format)?;
            facilities_from_geojson(text(bytes, "geojson")?, mapping, crs)
        }
        Format::Csv => {
            check_format(bytes, format)?;
            facilities_from_csv(text(bytes, "csv")?, mapping, crs)
        }
    }
}

/// Residential origins from GeoJSON (points or building polygons, `population` property) or
/// CSV (lon, lat, optional population).
///
/// # Errors
/// The importer's error; OSM is not an origin format.
pub fn origins(bytes: &[u8], format: Format, crs: Crs) -> Result<Vec<Origin>, ImportError> {
    match format {
        Format::GeoJson => {
            check_format(bytes, format)?;
            origins_from_geojson(text(bytes, "geojson")?, Some("population"), crs)
        }
        Format::Csv => {
            check_format(bytes, format)?;
            origins_from_csv(text(bytes, "csv")?, crs)
        }
        _ => Err(ImportError::GeoJson { path: String::new(), message: "origins come from GeoJSON or CSV".into() }),
    }
}
