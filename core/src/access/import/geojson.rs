//! GeoJSON input: street lines, facility points and residential origins.
//!
//! Accepts a `FeatureCollection` or a single `Feature`. Positions are `[lon, lat]` (a third
//! value is ignored) in the datum given by the caller ([`Crs`]), converted to WGS-84 on import.
//! Errors name the JSON path, e.g. `features[12].geometry.coordinates[3]`.

use std::collections::HashMap;

use geo::{Centroid, LineString, MultiPolygon, Polygon};
use serde_json::Value;

use super::filter::{DEFAULT_EXCLUDED_NAME_PARTS, walkable_geojson_line};
use super::mapping::CategoryMapping;
use super::{
    Facility, FacilityImport, Origin, StreetImport, StreetLine, StreetReport, UnmappedItem, ZERO_LENGTH, yes_no,
};
use crate::access::crs::{Crs, convert};
use crate::access::{ImportError, LonLat, check_lonlat};
use crate::circle::ABSURD;

/// Options for reading street lines from GeoJSON.
#[derive(Debug, Clone, PartialEq)]
pub struct StreetOptions {
    /// Datum of the file's coordinates.
    pub crs: Crs,
    /// Lines whose `name` contains one of these are not walkable (default:
    /// [`DEFAULT_EXCLUDED_NAME_PARTS`], `高速` and `高架路`).
    pub excluded_name_parts: Vec<String>,
}

impl Default for StreetOptions {
    fn default() -> Self {
        StreetOptions {
            crs: Crs::Wgs84,
            excluded_name_parts: DEFAULT_EXCLUDED_NAME_PARTS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Parses JSON text, with line and column (characters, from 1) on failure. A leading UTF-8
/// BOM (Windows Notepad, some GIS exports) is skipped, as for circle files and CSV.
pub(crate) fn parse_json(text: &str) -> Result<Value, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A spreadsheet picked by mistake (or a list kept in Excel) said "malformed json at line 1".
    if super::csv::is_workbook(text) {
        return Err(super::csv::workbook("geojson"));
    }
    serde_json::from_str(text).map_err(|e| {
        // Characters from 1, as an editor and the circle reader count them (serde_json counts
        // bytes, and 0 at the start of a line: a cut-off file said `第 2 行第 0 列`).
        let (line, column, message) = crate::circle::json_error_place(text, &e);
        ImportError::Json { line, column, message }
    })
}

/// The features of a FeatureCollection or a single Feature, with their paths.
fn features(root: &Value) -> Result<Vec<(String, &Value)>, ImportError> {
    match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            let Some(list) = root.get("features").and_then(Value::as_array) else {
                return Err(ImportError::GeoJson {
                    path: "features".to_string(),
                    message: "a FeatureCollection needs a features array".to_string(),
                });
            };
            Ok(list.iter().enumerate().map(|(i, f)| (format!("features[{i}]"), f)).collect())
        }
        Some("Feature") => Ok(vec![("feature".to_string(), root)]),
        Some(other) => Err(ImportError::GeoJson {
            path: "type".to_string(),
            message: format!("expected FeatureCollection or Feature, found {other}"),
        }),
        None => Err(ImportError::GeoJson { path: "type".to_string(), message: "missing type".to_string() }),
    }
}

fn position(v: &Value, path: &str, crs: Crs) -> Result<LonLat, ImportError> {
    let Some(arr) = v.as_array().filter(|a| a.len() >= 2) else {
        return Err(ImportError::GeoJson {
            path: path.to_string(),
            message: "a position must be an array [lon, lat]".to_string(),
        });
    };
    let num = |x: &Value, which: &str| -> Result<f64, ImportError> {
        x.as_f64()
            .ok_or_else(|| ImportError::GeoJson { path: path.to_string(), message: format!("{which} is not a number") })
    };
    let (lon, lat) = (num(&arr[0], "longitude")?, num(&arr[1], "latitude")?);
    let p = check_lonlat(lon, lat, || path.to_string())?;
    Ok(convert(p, crs, Crs::Wgs84))
}

fn line(v: &Value, path: &str, crs: Crs) -> Result<Vec<LonLat>, ImportError> {
    let Some(arr) = v.as_array() else {
        return Err(ImportError::GeoJson {
            path: path.to_string(),
            message: "a line must be an array of positions".to_string(),
        });
    };
    let pts = arr
        .iter()
        .enumerate()
        .map(|(i, p)| position(p, &format!("{path}[{i}]"), crs))
        .collect::<Result<Vec<_>, _>>()?;
    let distinct = pts.windows(2).filter(|w| w[0] != w[1]).count() + usize::from(!pts.is_empty());
    if distinct < 2 {
        return Err(ImportError::LineTooShort { path: path.to_string(), found: distinct });
    }
    Ok(pts)
}

fn ring(v: &Value, path: &str, crs: Crs) -> Result<LineString, ImportError> {
    let pts = line(v, path, crs)?;
    Ok(LineString::from(pts.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>()))
}

fn polygon(v: &Value, path: &str, crs: Crs) -> Result<Polygon, ImportError> {
    let Some(rings) = v.as_array().filter(|r| !r.is_empty()) else {
        return Err(ImportError::GeoJson {
            path: path.to_string(),
            message: "a polygon must be a non-empty array of rings".to_string(),
        });
    };
    let exterior = ring(&rings[0], &format!("{path}[0]"), crs)?;
    // A hole outside its outer ring (an invalid polygon) moved the centroid, the origin of a
    // building's residents, anywhere: 100 km away, or off the globe (found by fuzzing).
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for c in exterior.coords() {
        (lo, hi) = ([lo[0].min(c.x), lo[1].min(c.y)], [hi[0].max(c.x), hi[1].max(c.y)]);
    }
    let inside = |c: &geo::Coord| (lo[0]..=hi[0]).contains(&c.x) && (lo[1]..=hi[1]).contains(&c.y);
    let holes = rings[1..]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let hole_path = format!("{path}[{}]", i + 1);
            let hole = ring(r, &hole_path, crs)?;
            if hole.coords().all(inside) {
                Ok(hole)
            } else {
                Err(ImportError::GeoJson { path: hole_path, message: "a hole lies outside the outer ring".to_string() })
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, holes))
}

fn geometry_type<'a>(feature: &'a Value, path: &str) -> Result<Option<(&'a str, &'a Value)>, ImportError> {
    let Some(g) = feature.get("geometry") else {
        return Err(ImportError::GeoJson {
            path: path.to_string(),
            message: "feature has no geometry member".to_string(),
        });
    };
    if g.is_null() {
        return Ok(None);
    }
    let Some(t) = g.get("type").and_then(Value::as_str) else {
        return Err(ImportError::GeoJson {
            path: format!("{path}.geometry.type"),
            message: "missing geometry type".to_string(),
        });
    };
    // A GeometryCollection has `geometries`, no `coordinates`: the importers use none, and
    // name it by its type (it read as "missing coordinates").
    if t == "GeometryCollection" {
        return Ok(Some((t, g.get("geometries").unwrap_or(&Value::Null))));
    }
    let Some(c) = g.get("coordinates") else {
        return Err(ImportError::GeoJson {
            path: format!("{path}.geometry.coordinates"),
            message: "missing coordinates".to_string(),
        });
    };
    Ok(Some((t, c)))
}

fn prop(feature: &Value, key: &str) -> Option<String> {
    match feature.get("properties")?.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Street lines from GeoJSON `LineString` and `MultiLineString` features.
///
/// Lines are joined where they share a vertex (identical coordinates), so crossing roads that
/// share an interior vertex connect there. Walkability: see [`filter`](super::filter).
/// Features of other geometry types (a GeometryCollection too), and lines of fewer than two
/// distinct points (`geometry zero-length line`), are skipped and counted in the report with
/// the first one's path, not a refusal of the file; a line of a MultiLineString with no length
/// is left out of it. Positions that cannot be read are still an error naming them.
pub fn streets_from_geojson(text: &str, options: &StreetOptions) -> Result<StreetImport, ImportError> {
    let root = parse_json(text)?;
    let mut ids: HashMap<(u64, u64), i64> = HashMap::new();
    let mut lines = Vec::new();
    let mut report = StreetReport::default();
    for (path, f) in features(&root)? {
        let Some((t, coords)) = geometry_type(f, &path)? else {
            *report.excluded.entry("no geometry".to_string()).or_insert(0) += 1;
            report.first_not_a_line.get_or_insert_with(|| path.clone());
            continue;
        };
        let cpath = format!("{path}.geometry.coordinates");
        // A line of fewer than two distinct points has no length: left out, not an error.
        let with_length = |l: &Value, at: &str| match line(l, at, options.crs) {
            Ok(pts) => Ok(Some(pts)),
            Err(ImportError::LineTooShort { .. }) => Ok(None),
            Err(e) => Err(e),
        };
        let parts: Vec<Vec<LonLat>> = match t {
            "LineString" => with_length(coords, &cpath)?.into_iter().collect(),
            "MultiLineString" => {
                let Some(arr) = coords.as_array() else {
                    return Err(ImportError::GeoJson {
                        path: cpath,
                        message: "a MultiLineString needs an array of lines".to_string(),
                    });
                };
                let mut parts = Vec::with_capacity(arr.len());
                for (i, l) in arr.iter().enumerate() {
                    parts.extend(with_length(l, &format!("{cpath}[{i}]"))?);
                }
                parts
            }
            other => {
                *report.excluded.entry(format!("geometry {other}")).or_insert(0) += 1;
                report.first_not_a_line.get_or_insert_with(|| path.clone());
                continue;
            }
        };
        if parts.is_empty() {
            *report.excluded.entry(ZERO_LENGTH.to_string()).or_insert(0) += 1;
            report.first_not_a_line.get_or_insert_with(|| path.clone());
            continue;
        }
        let lookup = |k: &str| prop(f, k);
        if let Err(reason) = walkable_geojson_line(&lookup, &options.excluded_name_parts) {
            *report.excluded.entry(reason).or_insert(0) += 1;
            continue;
        }
        report.kept += 1;
        let name = prop(f, "name");
        for pts in parts {
            let node_ids = pts
                .iter()
                .map(|p| {
                    let next = ids.len() as i64;
                    *ids.entry((p[0].to_bits(), p[1].to_bits())).or_insert(next)
                })
                .collect();
            lines.push(StreetLine { node_ids, coords: pts, name: name.clone() });
        }
    }
    Ok(StreetImport { lines, report })
}

/// A representative point of a feature: the point itself, or the centroid of a polygon.
fn representative_point(t: &str, coords: &Value, path: &str, crs: Crs) -> Result<Option<LonLat>, ImportError> {
    let cpath = format!("{path}.geometry.coordinates");
    let c = match t {
        "Point" => return position(coords, &cpath, crs).map(Some),
        "Polygon" => polygon(coords, &cpath, crs)?.centroid(),
        "MultiPolygon" => {
            let Some(arr) = coords.as_array() else {
                return Err(ImportError::GeoJson {
                    path: cpath,
                    message: "a MultiPolygon needs an array of polygons".to_string(),
                });
            };
            let polys = arr
                .iter()
                .enumerate()
                .map(|(i, p)| polygon(p, &format!("{cpath}[{i}]"), crs))
                .collect::<Result<Vec<_>, _>>()?;
            MultiPolygon::new(polys).centroid()
        }
        _ => return Ok(None),
    };
    Ok(c.map(|p| [p.x(), p.y()]))
}

/// Facilities from GeoJSON points (polygons count by their centroid).
///
/// Category, in this order: a `category` property naming a category of the mapping; an AMap
/// type code in `typecode`, `type_code` or `amap_type`; otherwise the string properties are
/// read as OSM tags (`amenity`, `shop`, …). `id` comes from an `id` property or the path.
pub fn facilities_from_geojson(text: &str, mapping: &CategoryMapping, crs: Crs) -> Result<FacilityImport, ImportError> {
    let root = parse_json(text)?;
    let mut out = FacilityImport::default();
    for (path, f) in features(&root)? {
        let id = prop(f, "id").unwrap_or_else(|| path.clone());
        let name = prop(f, "name");
        let geometry = geometry_type(f, &path)?;
        let point = match geometry {
            Some((t, c)) => representative_point(t, c, &path, crs)?,
            None => None,
        };
        let mut keys = Vec::new();
        let mut categories = Vec::new();
        if let Some(c) = prop(f, "category") {
            if let Some(code) = mapping.category_named(&c) {
                categories.push(code.to_string());
            }
            keys.push(format!("category={c}"));
        }
        if categories.is_empty() {
            for k in ["typecode", "type_code", "amap_type"] {
                if let Some(code) = prop(f, k) {
                    categories = mapping.match_amap(&code);
                    keys.push(format!("{k}={code}"));
                    break;
                }
            }
        }
        if categories.is_empty()
            && let Some(props) = f.get("properties").and_then(Value::as_object)
        {
            let tags: Vec<(String, String)> =
                props.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))).collect();
            categories = mapping.match_osm(&tags);
            keys.extend(tags.iter().filter(|(k, _)| mapping.is_interesting_key(k)).map(|(k, v)| format!("{k}={v}")));
        }
        match point {
            Some(point) if !categories.is_empty() => {
                let chain = match prop(f, "chain") {
                    Some(v) => yes_no(&v).ok_or_else(|| ImportError::GeoJson {
                        path: format!("{path}.properties.chain"),
                        message: format!("{v:?} is not yes or no (是/否, true/false)"),
                    })?,
                    None => false,
                };
                let brand = prop(f, "brand").filter(|b| !b.trim().is_empty());
                out.facilities.push(Facility { id, name, point, categories, chain, brand })
            }
            Some(_) => out.unmapped.push(UnmappedItem { id, name, keys }),
            None => {
                keys.push(match geometry {
                    Some((t, _)) => format!("no point or polygon geometry ({t})"),
                    None => "no point or polygon geometry".to_string(),
                });
                out.unmapped.push(UnmappedItem { id, name, keys });
            }
        }
    }
    Ok(out)
}

/// Residential origins from GeoJSON points or building polygons (centroids).
///
/// `population_property` names a numeric property (number or numeric string) holding the
/// residents; it must be finite and not negative. Features of other geometry types are an
/// error, since an origin silently lost would bias coverage.
pub fn origins_from_geojson(
    text: &str,
    population_property: Option<&str>,
    crs: Crs,
) -> Result<Vec<Origin>, ImportError> {
    let root = parse_json(text)?;
    let mut out = Vec::new();
    for (path, f) in features(&root)? {
        let Some((t, c)) = geometry_type(f, &path)? else {
            return Err(ImportError::GeoJson {
                path: format!("{path}.geometry"),
                message: "an origin needs a geometry".to_string(),
            });
        };
        let Some(point) = representative_point(t, c, &path, crs)? else {
            return Err(ImportError::GeoJson {
                path: format!("{path}.geometry.type"),
                message: format!("an origin must be a Point, Polygon or MultiPolygon, found {t}"),
            });
        };
        let population = match population_property {
            None => None,
            Some(key) => match prop(f, key) {
                None => None,
                Some(v) => {
                    let n = v.trim().parse::<f64>().ok().filter(|n| (0.0..=ABSURD).contains(n));
                    if n.is_none() {
                        return Err(ImportError::GeoJson {
                            path: format!("{path}.properties.{key}"),
                            message: format!("population {v:?} is not a number from 0 to {ABSURD}"),
                        });
                    }
                    n
                }
            },
        };
        let id = prop(f, "id")
            .or_else(|| {
                f.get("id").and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|n| n.to_string())))
            })
            .unwrap_or_else(|| path.clone());
        out.push(Origin { id, point, population });
    }
    Ok(out)
}
