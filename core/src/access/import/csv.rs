//! Facilities and residential origins from CSV text.
//!
//! A header row names the columns (case-insensitive, a UTF-8 BOM is ignored; the Chinese
//! names are what a community's own spreadsheet is likely to use):
//! - position: `lon`|`lng`|`longitude`|`x`|`经度` and `lat`|`latitude`|`y`|`纬度` (required);
//! - `name`|`名称`, and `id`|`osm_id`|`编号` (optional; the id defaults to `line N`);
//! - `chain`|`连锁`|`是否连锁` (是/否, yes/no, true/false, 1/0; empty is no) and `brand`|`品牌`
//!   (optional);
//! - the category, first match wins: a `category`|`业态`|`类别` column naming a category of the
//!   mapping by code or by name (`convenience_store`, `便利店`); an AMap type code in
//!   `typecode`|`type_code`|`amap_type`|`type`; OSM tags in a `key` and a `value` column and/or
//!   a `tags_json` column holding a JSON object of tags.
//!
//! Fields follow RFC 4180: comma-separated, optionally double-quoted, `""` inside quotes is a
//! quote, and a quoted field may span lines. Lines end with LF, CRLF or a lone CR (Excel for
//! Mac). Line numbers in errors are 1-based and count the header.

use serde_json::Value;

use super::mapping::CategoryMapping;
use super::{Facility, FacilityImport, Origin, UnmappedItem, yes_no};
use crate::access::crs::{Crs, convert};
use crate::access::{ImportError, check_lonlat};
use crate::circle::ABSURD;
use crate::score::short_num;

/// Splits CSV text into records, each with the line it starts on (1-based, the header is
/// line 1): RFC 4180 quoting, a leading BOM skipped, blank lines left out. Lines end with LF,
/// CRLF or a lone CR (old Mac, and Excel for Mac's "CSV (Macintosh)"); a quoted field keeps
/// its line breaks as written. The reader behind every CSV import, and the CLI's `access
/// distance --pairs`.
///
/// # Errors
/// A quoted field that is not closed, with the line it starts on.
pub fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut line = 1usize;
    let mut start_line = 1usize;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                // A line break inside quotes stays in the field, whichever it is.
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        line += 1;
                    }
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => record.push(std::mem::take(&mut field)),
            // CRLF ends a line at its LF; a lone CR ends one too (Excel for Mac's "CSV
            // (Macintosh)" ends every line so, which read as one long header row).
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                record.push(std::mem::take(&mut field));
                if !(record.len() == 1 && record[0].is_empty()) {
                    out.push((start_line, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(ImportError::Csv { line: start_line, message: "a quoted field is not closed".to_string() });
    }
    if any && (!field.is_empty() || !record.is_empty()) {
        record.push(field);
        out.push((start_line, record));
    }
    Ok(out)
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

const LON: &[&str] = &["lon", "lng", "longitude", "x", "经度"];
const LAT: &[&str] = &["lat", "latitude", "y", "纬度"];

fn lonlat_columns(header: &[String]) -> Result<(usize, usize), ImportError> {
    let lon_i =
        find(header, LON).ok_or(ImportError::CsvMissingColumn { column: "longitude", accepted: LON.join("|") })?;
    let lat_i =
        find(header, LAT).ok_or(ImportError::CsvMissingColumn { column: "latitude", accepted: LAT.join("|") })?;
    Ok((lon_i, lat_i))
}

fn number(row: &[String], i: usize, what: &str, line: usize) -> Result<f64, ImportError> {
    let raw = row.get(i).map(|s| s.trim()).unwrap_or("");
    raw.parse::<f64>().map_err(|_| ImportError::Csv { line, message: format!("{what} {raw:?} is not a number") })
}

/// Converts the positions in CSV text from datum `from` to datum `to`, keeping every other
/// column, the header and the order of rows (what `lifecircle coords --csv` prints). The
/// longitude and latitude columns are found as for facilities; converted values are written
/// with 7 decimals (about 1 cm), every other field as it was read. Fields that need quotes
/// (a comma, a quote or a line break) get them, lines end with `\n`. The text starts with a
/// UTF-8 BOM, as the project's other CSV outputs do: without it Excel on Chinese Windows reads
/// UTF-8 as GBK and garbles every Chinese field (a BOM on the input is skipped, so the output
/// converts again unchanged).
pub fn convert_csv(text: &str, from: Crs, to: Crs) -> Result<String, ImportError> {
    let rows = records(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(ImportError::Csv { line: 1, message: "no header row".to_string() });
    };
    let (lon_i, lat_i) = lonlat_columns(header)?;
    let mut out = String::from('\u{feff}');
    write_record(&mut out, header);
    for (line, row) in body {
        let line = *line;
        let (lon, lat) = (number(row, lon_i, "longitude", line)?, number(row, lat_i, "latitude", line)?);
        let q = convert(check_lonlat(lon, lat, || format!("csv line {line}"))?, from, to);
        let mut row = row.clone();
        row[lon_i] = format!("{:.7}", q[0]);
        row[lat_i] = format!("{:.7}", q[1]);
        write_record(&mut out, &row);
    }
    Ok(out)
}

/// One CSV record (RFC 4180 quoting where a field needs it) and a line break.
fn write_record(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push('\n');
}

/// Residential origins from CSV text: `lon`/`lat` columns as for facilities, an optional `id`
/// (default `line N`; also `编号`) and an optional `population`|`pop`|`人口` column (0 to 1e9, the
/// bound of a circle file's origins; empty means unknown).
pub fn origins_from_csv(text: &str, crs: Crs) -> Result<Vec<Origin>, ImportError> {
    let rows = records(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(ImportError::Csv { line: 1, message: "no header row".to_string() });
    };
    let (lon_i, lat_i) = lonlat_columns(header)?;
    let id_i = find(header, &["id", "编号"]);
    let pop_i = find(header, &["population", "pop", "人口"]);
    let mut out = Vec::with_capacity(body.len());
    for (line, row) in body {
        let line = *line;
        let (lon, lat) = (number(row, lon_i, "longitude", line)?, number(row, lat_i, "latitude", line)?);
        let p = check_lonlat(lon, lat, || format!("csv line {line}"))?;
        let population = match pop_i.and_then(|i| row.get(i)).map(|s| s.trim()) {
            None | Some("") => None,
            Some(_) => {
                let n = number(row, pop_i.unwrap_or(0), "population", line)?;
                // The bound a circle file's own origins are held to, named here at the CSV's
                // line rather than later as the circle's `walking.origins[i]`.
                if !(0.0..=ABSURD).contains(&n) {
                    return Err(ImportError::Csv {
                        line,
                        message: format!("population {} is not a number from 0 to {ABSURD}", short_num(n)),
                    });
                }
                Some(n)
            }
        };
        let id = id_i
            .and_then(|i| row.get(i))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("line {line}"));
        out.push(Origin { id, point: convert(p, crs, Crs::Wgs84), population });
    }
    Ok(out)
}

/// Facilities from CSV text whose coordinates are in datum `crs`.
pub fn facilities_from_csv(text: &str, mapping: &CategoryMapping, crs: Crs) -> Result<FacilityImport, ImportError> {
    let rows = records(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(ImportError::Csv { line: 1, message: "no header row".to_string() });
    };
    let (lon_i, lat_i) = lonlat_columns(header)?;
    let name_i = find(header, &["name", "名称"]);
    let id_i = find(header, &["id", "osm_id", "编号"]);
    let type_i = find(header, &["osm_type"]);
    let cat_i = find(header, &["category", "业态", "类别"]);
    let code_i = find(header, &["typecode", "type_code", "amap_type", "type"]);
    let key_i = find(header, &["key"]);
    let value_i = find(header, &["value"]);
    let tags_i = find(header, &["tags_json"]);
    let chain_i = find(header, &["chain", "连锁", "是否连锁"]);
    let brand_i = find(header, &["brand", "品牌"]);

    let mut out = FacilityImport::default();
    // Ids written in the file, with the line each was first seen on: a row copied twice (a
    // spreadsheet's usual slip) is named here, at both lines, not later as an entry of a circle.
    // (A BTreeMap: a HashMap of strings would link SipHash and its random keys into the widgets.)
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (line, row) in body {
        let line = *line;
        let get = |i: Option<usize>| -> Option<&str> {
            i.and_then(|i| row.get(i)).map(|s| s.trim()).filter(|s| !s.is_empty())
        };
        let (lon, lat) = (number(row, lon_i, "longitude", line)?, number(row, lat_i, "latitude", line)?);
        let p = check_lonlat(lon, lat, || format!("csv line {line}"))?;
        let point = convert(p, crs, Crs::Wgs84);
        let id = match (get(type_i), get(id_i)) {
            (Some(t), Some(i)) => format!("{t}/{i}"),
            (None, Some(i)) => i.to_string(),
            _ => format!("line {line}"),
        };
        if get(id_i).is_some()
            && let Some(&first_line) = seen.get(&id)
        {
            return Err(ImportError::CsvDuplicateId { line, first_line, id });
        }
        seen.insert(id.clone(), line);
        let name = get(name_i).map(str::to_string);
        let mut keys = Vec::new();
        let mut categories = Vec::new();
        if let Some(c) = get(cat_i) {
            keys.push(format!("category={c}"));
            if let Some(code) = mapping.category_named(c) {
                categories.push(code.to_string());
            }
        }
        if categories.is_empty()
            && let Some(code) = get(code_i)
        {
            keys.push(format!("typecode={code}"));
            categories = mapping.match_amap(code);
        }
        if categories.is_empty() {
            let mut tags: Vec<(String, String)> = Vec::new();
            if let (Some(k), Some(v)) = (get(key_i), get(value_i)) {
                tags.push((k.to_string(), v.to_string()));
            }
            if let Some(j) = get(tags_i) {
                let v: Value = serde_json::from_str(j)
                    .map_err(|e| ImportError::Csv { line, message: format!("tags_json is not json: {e}") })?;
                if let Some(obj) = v.as_object() {
                    for (k, v) in obj {
                        if let Some(v) = v.as_str() {
                            tags.push((k.clone(), v.to_string()));
                        }
                    }
                }
            }
            categories = mapping.match_osm(&tags);
            for (k, v) in &tags {
                let s = format!("{k}={v}");
                if mapping.is_interesting_key(k) && !keys.contains(&s) {
                    keys.push(s);
                }
            }
        }
        if categories.is_empty() {
            out.unmapped.push(UnmappedItem { id, name, keys });
        } else {
            let chain = match get(chain_i) {
                Some(v) => yes_no(v).ok_or_else(|| ImportError::Csv {
                    line,
                    message: format!("chain {v:?} is not yes or no (是/否)"),
                })?,
                None => false,
            };
            let brand = get(brand_i).map(str::to_string);
            out.facilities.push(Facility { id, name, point, categories, chain, brand });
        }
    }
    Ok(out)
}
