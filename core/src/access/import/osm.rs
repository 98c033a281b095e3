//! OSM data from XML (with `quick-xml`) or PBF (with `osmpbf`), then streets and facilities.
//!
//! Both readers fill the same [`OsmData`]: node positions, the tags of tagged nodes, and ways
//! with their node references and tags. Relations are not read (multipolygon POIs and route
//! relations are out of scope; the street network comes from ways).
//!
//! Safety on hostile input: XML with a DOCTYPE is refused outright, so no entity can be
//! declared or expanded ("billion laughs"); only the five predefined entities are resolved in
//! attribute values. Truncated XML (open elements at the end) and truncated or corrupt PBF
//! blobs are errors, never partial results.
//!
//! A node or way id given twice is refused ([`ImportError::OsmDuplicateId`]): the later copy
//! silently replaced the earlier (one repeated node moved a street to 0°, 0°). Such a file is a
//! history or change file, or extracts concatenated without merging, and which copy is right
//! cannot be told; osm2pgsql ("node id … appears more than once") and osmium ("Node ID twice
//! in input") refuse it too.

use std::collections::{HashMap, HashSet};

use geo::{Centroid, LineString, Point, Polygon};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::filter::{name_excluded, walkable};
use super::mapping::CategoryMapping;
use super::{Facility, FacilityImport, StreetImport, StreetLine, StreetReport, UnmappedItem, ZERO_LENGTH};
use crate::access::crs::{Crs, convert};
use crate::access::{ImportError, LonLat, check_lonlat};

/// One OSM way.
#[derive(Debug, Clone, PartialEq)]
pub struct OsmWay {
    pub id: i64,
    pub refs: Vec<i64>,
    pub tags: Vec<(String, String)>,
}

/// Parsed OSM elements (nodes and ways).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OsmData {
    /// Every node's position, WGS-84.
    pub nodes: HashMap<i64, LonLat>,
    /// Tags of nodes that have any, in input order.
    pub tagged_nodes: Vec<(i64, Vec<(String, String)>)>,
    /// Ways in input order.
    pub ways: Vec<OsmWay>,
}

fn tag_of<'a>(tags: &'a [(String, String)], key: &str) -> Option<&'a str> {
    tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

impl OsmData {
    /// The walkable ways as street lines, under the filter documented in
    /// [`filter`](super::filter). A way that references nodes absent from the input is cut
    /// there (the count is reported). A walkable way of fewer than two distinct nodes has no
    /// length: it is left out and counted as `geometry zero-length line`, the first one named
    /// in [`StreetReport::first_not_a_line`].
    pub fn streets(&self) -> Result<StreetImport, ImportError> {
        self.streets_excluding(&[])
    }

    /// [`OsmData::streets`], leaving out also the ways whose name contains one of
    /// `excluded_name_parts` (the caller's, e.g. `高架`).
    pub fn streets_excluding(&self, excluded_name_parts: &[String]) -> Result<StreetImport, ImportError> {
        let mut lines = Vec::new();
        let mut report = StreetReport::default();
        for w in &self.ways {
            let lookup = |k: &str| tag_of(&w.tags, k).map(str::to_string);
            if let Err(reason) =
                walkable(&lookup).and_then(|()| name_excluded(tag_of(&w.tags, "name"), excluded_name_parts))
            {
                if reason != "no highway tag" {
                    *report.excluded.entry(reason).or_insert(0) += 1;
                }
                continue;
            }
            let distinct = w.refs.windows(2).filter(|p| p[0] != p[1]).count() + 1;
            if w.refs.len() < 2 || distinct < 2 {
                // One such way refused the whole file; it is skipped and reported instead, as a
                // GeoJSON feature that is not a line is.
                *report.excluded.entry(ZERO_LENGTH.to_string()).or_insert(0) += 1;
                report.first_not_a_line.get_or_insert_with(|| format!("way/{}", w.id));
                continue;
            }
            report.kept += 1;
            let name = tag_of(&w.tags, "name").map(str::to_string);
            let mut piece = StreetLine { node_ids: Vec::new(), coords: Vec::new(), name: name.clone() };
            for r in &w.refs {
                match self.nodes.get(r) {
                    Some(&p) => {
                        piece.node_ids.push(*r);
                        piece.coords.push(p);
                    }
                    None => {
                        report.missing_nodes += 1;
                        if piece.node_ids.len() >= 2 {
                            lines.push(piece.clone());
                        }
                        piece.node_ids.clear();
                        piece.coords.clear();
                    }
                }
            }
            if piece.node_ids.len() >= 2 {
                lines.push(piece);
            }
        }
        Ok(StreetImport { lines, report })
    }

    /// Facilities from tagged nodes and ways (a way becomes its centroid: the area centroid of a
    /// closed way, the length-weighted centroid of an open one). Items of interest that match
    /// no rule are listed as unmapped.
    pub fn facilities(&self, mapping: &CategoryMapping) -> FacilityImport {
        let mut out = FacilityImport::default();
        let interesting = |tags: &[(String, String)]| -> Vec<String> {
            tags.iter().filter(|(k, _)| mapping.is_interesting_key(k)).map(|(k, v)| format!("{k}={v}")).collect()
        };
        for (id, tags) in &self.tagged_nodes {
            let keys = interesting(tags);
            if keys.is_empty() {
                continue;
            }
            let Some(&p) = self.nodes.get(id) else {
                continue;
            };
            push_item(&mut out, mapping, format!("node/{id}"), tags, keys, Some(p));
        }
        for w in &self.ways {
            let keys = interesting(&w.tags);
            if keys.is_empty() {
                continue;
            }
            let pts: Vec<LonLat> = w.refs.iter().filter_map(|r| self.nodes.get(r).copied()).collect();
            push_item(&mut out, mapping, format!("way/{}", w.id), &w.tags, keys, way_centroid(&w.refs, &pts));
        }
        out
    }
}

fn way_centroid(refs: &[i64], pts: &[LonLat]) -> Option<LonLat> {
    if pts.is_empty() {
        return None;
    }
    let ls = LineString::from(pts.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>());
    let closed = refs.len() >= 4 && refs.first() == refs.last() && pts.len() == refs.len();
    let c: Option<Point> =
        if closed { Polygon::new(ls.clone(), vec![]).centroid().or_else(|| ls.centroid()) } else { ls.centroid() };
    c.map(|p| [p.x(), p.y()])
}

fn push_item(
    out: &mut FacilityImport,
    mapping: &CategoryMapping,
    id: String,
    tags: &[(String, String)],
    keys: Vec<String>,
    point: Option<LonLat>,
) {
    let name = tag_of(tags, "name").map(str::to_string);
    let categories = mapping.match_osm(tags);
    match point {
        Some(point) if !categories.is_empty() => {
            out.facilities.push(Facility { id, name, point, categories, ..Facility::default() })
        }
        Some(_) => out.unmapped.push(UnmappedItem { id, name, keys }),
        None => {
            let mut keys = keys;
            keys.push("no node positions in the input".to_string());
            out.unmapped.push(UnmappedItem { id, name, keys });
        }
    }
}

/// Converts every node position from datum `from` to WGS-84, in place: for OSM-format files
/// written from GCJ-02 or BD-09 sources (real OpenStreetMap data is WGS-84 already).
pub fn convert_osm_datum(data: &mut OsmData, from: Crs) {
    if from == Crs::Wgs84 {
        return;
    }
    for p in data.nodes.values_mut() {
        *p = convert(*p, from, Crs::Wgs84);
    }
}

// ---------------------------------------------------------------- XML

fn attr(e: &BytesStart<'_>, element: &str, name: &str, pos: u64) -> Result<Option<String>, ImportError> {
    for a in e.attributes() {
        let a = a.map_err(|err| ImportError::XmlAttribute {
            element: element.to_string(),
            attribute: name.to_string(),
            position: pos,
            line: 0,
            column: 0,
            message: err.to_string(),
        })?;
        if a.key.as_ref() == name {
            let v = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| ImportError::XmlAttribute {
                element: element.to_string(),
                attribute: name.to_string(),
                position: pos,
                line: 0,
                column: 0,
                message: err.to_string(),
            })?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn required<T: std::str::FromStr>(e: &BytesStart<'_>, element: &str, name: &str, pos: u64) -> Result<T, ImportError> {
    let Some(v) = attr(e, element, name, pos)? else {
        return Err(ImportError::XmlAttribute {
            element: element.to_string(),
            attribute: name.to_string(),
            position: pos,
            line: 0,
            column: 0,
            message: "missing".to_string(),
        });
    };
    v.trim().parse::<T>().map_err(|_| ImportError::XmlAttribute {
        element: element.to_string(),
        attribute: name.to_string(),
        position: pos,
        line: 0,
        column: 0,
        message: format!("cannot read {v:?}"),
    })
}

/// An element id seen before; `position` its byte offset in OSM XML (`None` in PBF).
fn duplicate(element: &'static str, id: i64, position: Option<u64>) -> ImportError {
    ImportError::OsmDuplicateId { element, id, position, line: 0, column: 0 }
}

enum Current {
    None,
    Node(i64),
    Way(OsmWay),
    Other,
}

/// The 1-based line and column (in characters) of byte `position`, or of the first character
/// after it that is not white space (an element's position is where the reader stood before
/// the spaces in front of it).
pub(crate) fn line_column(bytes: &[u8], position: u64) -> (usize, usize) {
    let mut at = (position as usize).min(bytes.len());
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    let before = &bytes[..at];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// Parses OSM XML (as written by the OSM API, Overpass, JOSM or OSMnx). Errors name the line
/// and column.
pub fn parse_osm_xml(bytes: &[u8]) -> Result<OsmData, ImportError> {
    parse_osm_xml_at(bytes).map_err(|mut e| {
        match &mut e {
            ImportError::Xml { position, line, column, .. }
            | ImportError::XmlDoctype { position, line, column }
            | ImportError::XmlAttribute { position, line, column, .. }
            | ImportError::OsmDuplicateId { position: Some(position), line, column, .. } => {
                (*line, *column) = line_column(bytes, *position);
            }
            _ => {}
        }
        e
    })
}

fn parse_osm_xml_at(bytes: &[u8]) -> Result<OsmData, ImportError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut data = OsmData::default();
    let mut stack: Vec<String> = Vec::new();
    let mut current = Current::None;
    let mut node_tags: Vec<(String, String)> = Vec::new();
    let mut way_ids: HashSet<i64> = HashSet::new();
    let mut saw_root = false;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|err| ImportError::Xml {
            position: reader.error_position(),
            line: 0,
            column: 0,
            message: err.to_string(),
        })?;
        let (e, is_empty) = match event {
            Event::Eof => break,
            Event::DocType(_) => return Err(ImportError::XmlDoctype { position: pos, line: 0, column: 0 }),
            Event::End(_) => {
                stack.pop();
                if stack.len() == 1 {
                    finish(&mut data, &mut current, &mut node_tags);
                }
                continue;
            }
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            _ => continue,
        };
        let name = e.name().as_ref().to_string();
        let depth = stack.len();
        match (depth, name.as_str()) {
            (0, "osm") => saw_root = true,
            (0, other) => {
                return Err(ImportError::Xml {
                    position: pos,
                    line: 0,
                    column: 0,
                    message: format!("root element is <{other}>, expected <osm>"),
                });
            }
            (1, "node") => {
                let id: i64 = required(&e, "node", "id", pos)?;
                let lat: f64 = required(&e, "node", "lat", pos)?;
                let lon: f64 = required(&e, "node", "lon", pos)?;
                let p = check_lonlat(lon, lat, || format!("node/{id}"))?;
                if data.nodes.insert(id, p).is_some() {
                    return Err(duplicate("node", id, Some(pos)));
                }
                current = Current::Node(id);
            }
            (1, "way") => {
                let id: i64 = required(&e, "way", "id", pos)?;
                if !way_ids.insert(id) {
                    return Err(duplicate("way", id, Some(pos)));
                }
                current = Current::Way(OsmWay { id, refs: Vec::new(), tags: Vec::new() });
            }
            (1, _) => current = Current::Other,
            (2, "tag") => {
                let k: String = required(&e, "tag", "k", pos)?;
                let v: String = required(&e, "tag", "v", pos)?;
                match &mut current {
                    Current::Node(_) => node_tags.push((k, v)),
                    Current::Way(w) => w.tags.push((k, v)),
                    _ => {}
                }
            }
            (2, "nd") => {
                if let Current::Way(w) = &mut current {
                    let r: i64 = required(&e, "nd", "ref", pos)?;
                    w.refs.push(r);
                }
            }
            _ => {}
        }
        if is_empty {
            if depth == 1 {
                finish(&mut data, &mut current, &mut node_tags);
            }
        } else {
            stack.push(name);
        }
    }
    if let Some(open) = stack.last() {
        return Err(ImportError::XmlTruncated { element: open.clone() });
    }
    if !saw_root {
        return Err(ImportError::EmptyOsm { format: "osm xml" });
    }
    Ok(data)
}

fn finish(data: &mut OsmData, current: &mut Current, node_tags: &mut Vec<(String, String)>) {
    match std::mem::replace(current, Current::None) {
        Current::Node(id) if !node_tags.is_empty() => {
            data.tagged_nodes.push((id, std::mem::take(node_tags)));
        }
        Current::Way(w) => data.ways.push(w),
        _ => {}
    }
    node_tags.clear();
}

// ---------------------------------------------------------------- PBF

/// One node of a PBF file, or the file's first error.
fn pbf_node(
    (id, lon, lat): (i64, f64, f64),
    tags: Vec<(String, String)>,
    data: &mut OsmData,
    first_error: &mut Option<ImportError>,
) {
    match check_lonlat(lon, lat, || format!("node/{id}")) {
        Ok(p) if data.nodes.insert(id, p).is_some() => {
            first_error.get_or_insert(duplicate("node", id, None));
        }
        Ok(_) => {
            if !tags.is_empty() {
                data.tagged_nodes.push((id, tags));
            }
        }
        Err(e) => {
            first_error.get_or_insert(e);
        }
    }
}

/// Parses an OSM PBF file held in memory.
pub fn parse_osm_pbf(bytes: &[u8]) -> Result<OsmData, ImportError> {
    use osmpbf::{Element, ElementReader};
    let mut data = OsmData::default();
    let mut first_error: Option<ImportError> = None;
    let mut elements = 0usize;
    let mut way_ids: HashSet<i64> = HashSet::new();
    let reader = ElementReader::new(bytes);
    let owned = |it: &mut dyn Iterator<Item = (&str, &str)>| -> Vec<(String, String)> {
        it.map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    reader
        .for_each(|el| {
            elements += 1;
            match el {
                Element::Node(n) => {
                    let tags = owned(&mut n.tags());
                    pbf_node((n.id(), n.lon(), n.lat()), tags, &mut data, &mut first_error);
                }
                Element::DenseNode(n) => {
                    let tags = owned(&mut n.tags());
                    pbf_node((n.id(), n.lon(), n.lat()), tags, &mut data, &mut first_error);
                }
                Element::Way(w) if !way_ids.insert(w.id()) => {
                    first_error.get_or_insert(duplicate("way", w.id(), None));
                }
                Element::Way(w) => {
                    data.ways.push(OsmWay { id: w.id(), refs: w.refs().collect(), tags: owned(&mut w.tags()) })
                }
                Element::Relation(_) => {}
            }
        })
        .map_err(|e| ImportError::Pbf { message: e.to_string() })?;
    if let Some(e) = first_error {
        return Err(e);
    }
    if elements == 0 {
        return Err(ImportError::EmptyOsm { format: "osm pbf" });
    }
    Ok(data)
}
