//! Facilities and residential origins from CSV text.
//!
//! A header row names the columns (case-insensitive, a UTF-8 BOM is ignored; the Chinese
//! names are what a community's own spreadsheet, or an AMap (高德) export, is likely to use):
//! - position: `lon`|`lng`|`longitude`|`x`|`经度` and `lat`|`latitude`|`y`|`纬度`, or one
//!   `location`|`坐标`|`经纬度` column holding `lng,lat` as AMap writes it (`120.75921,27.94655`)
//!   (required);
//! - `name`|`名称`, and `id`|`osm_id`|`编号` (optional; the id defaults to `line N`);
//! - `chain`|`连锁`|`是否连锁` (是/否, yes/no, true/false, 1/0; empty is no) and `brand`|`品牌`
//!   (optional);
//! - the category, first match wins: a `category`|`业态`|`类别` column naming a category of the
//!   mapping by code or by name (`convenience_store`, `便利店`); an AMap type code in
//!   `typecode`|`type_code`|`amap_type`|`类型编码` (five digits are a code whose leading zero
//!   Excel dropped); an AMap type text in `type`|`类型` (`购物服务;便民商店/便利店;…`, read by
//!   its most specific part that names a category; codes there are read as codes); OSM tags in
//!   a `key` and a `value` column and/or a `tags_json` column holding a JSON object of tags.
//!   The code column is read before the text column whatever their order in the header (an
//!   AMap export has `type` first).
//!
//! Fields follow RFC 4180: comma-separated, optionally double-quoted, `""` inside quotes is a
//! quote, and a quoted field may span lines. Lines end with LF, CRLF or a lone CR (Excel for
//! Mac). Line numbers in errors are 1-based and count the header. An Excel workbook (`.xlsx`,
//! a ZIP archive) is not CSV: it is refused, saying to save it as CSV first.

use serde_json::Value;

use super::mapping::CategoryMapping;
use super::{Facility, FacilityImport, Origin, UnlocatedFacility, UnmappedItem, yes_no};
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
/// A quoted field that is not closed, with the line it starts on; an Excel workbook (`.xlsx`,
/// whose bytes start as a ZIP archive's, `PK\x03\x04`, however they were decoded).
pub fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_workbook(text) {
        return Err(workbook("csv"));
    }
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

/// Whether text is an Excel workbook (`.xlsx`, a ZIP archive) rather than text: its first bytes
/// `PK\x03\x04` stay these four characters when decoded as UTF-8 or as GBK.
pub(crate) fn is_workbook(text: &str) -> bool {
    text.starts_with("PK\u{3}\u{4}")
}

/// The error for an Excel workbook given as `named` (`csv`, `geojson`).
pub(crate) fn workbook(named: &'static str) -> ImportError {
    ImportError::WrongFormat {
        named,
        found: WORKBOOK,
        hint: "open it in excel or wps and save it as csv (utf-8 or gbk) first, then import that file",
    }
}

/// What [`ImportError::WrongFormat`] says an Excel workbook is.
pub const WORKBOOK: &str = "an excel workbook (xlsx)";

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

const LON: &[&str] = &["lon", "lng", "longitude", "x", "经度"];
const LAT: &[&str] = &["lat", "latitude", "y", "纬度"];
/// One column holding `lng,lat`, as AMap writes a POI's `location` (`120.75921,27.94655`).
const LOCATION: &[&str] = &["location", "坐标", "经纬度"];
/// An AMap type code (`060200`), read before the type text whatever the header's order.
const TYPECODE: &[&str] = &["typecode", "type_code", "amap_type", "类型编码"];
/// An AMap type text (`购物服务;便民商店/便利店;便民商店/便利店`), or codes as older files wrote.
const TYPE_TEXT: &[&str] = &["type", "类型"];

/// Where a row's position is: two columns, or one `location` column holding `lng,lat`.
#[derive(Clone, Copy)]
enum Position {
    Columns { lon: usize, lat: usize },
    Joined(usize),
}

impl Position {
    fn of(header: &[String]) -> Result<Position, ImportError> {
        match (find(header, LON), find(header, LAT), find(header, LOCATION)) {
            (Some(lon), Some(lat), _) => Ok(Position::Columns { lon, lat }),
            (_, _, Some(i)) => Ok(Position::Joined(i)),
            (lon, _, None) => {
                let (column, names) = if lon.is_none() { ("longitude", LON) } else { ("latitude", LAT) };
                let accepted = format!("{}; {} (lng,lat)", names.join("|"), LOCATION.join("|"));
                Err(ImportError::CsvMissingColumn { column, accepted })
            }
        }
    }

    /// The row's longitude and latitude as written, `None` when the position is empty (both
    /// columns, or the location column).
    fn read(self, row: &[String], line: usize) -> Result<Option<(f64, f64)>, ImportError> {
        let cell = |i: usize| row.get(i).map_or("", |s| s.trim());
        match self {
            Position::Columns { lon, lat } => {
                if cell(lon).is_empty() && cell(lat).is_empty() {
                    return Ok(None);
                }
                Ok(Some((number(row, lon, "longitude", line)?, number(row, lat, "latitude", line)?)))
            }
            Position::Joined(i) => {
                let raw = cell(i);
                if raw.is_empty() {
                    return Ok(None);
                }
                let parts: Vec<String> = raw.split([',', '，']).map(|p| p.trim().to_string()).collect();
                if parts.len() != 2 {
                    return Err(ImportError::Csv {
                        line,
                        message: format!("location {raw:?} is not longitude,latitude"),
                    });
                }
                Ok(Some((number(&parts, 0, "longitude", line)?, number(&parts, 1, "latitude", line)?)))
            }
        }
    }

    /// The row's longitude and latitude, required.
    fn require(self, row: &[String], line: usize) -> Result<(f64, f64), ImportError> {
        self.read(row, line)?.ok_or_else(|| self.empty(line))
    }

    /// The refusal of a row whose position is empty (`longitude "" is not a number`, as it
    /// always said).
    fn empty(self, line: usize) -> ImportError {
        let message = match self {
            Position::Columns { .. } => "longitude \"\" is not a number",
            Position::Joined(_) => "location \"\" is not longitude,latitude",
        };
        ImportError::Csv { line, message: message.to_string() }
    }
}

fn number(row: &[String], i: usize, what: &str, line: usize) -> Result<f64, ImportError> {
    let raw = row.get(i).map(|s| s.trim()).unwrap_or("");
    raw.parse::<f64>().map_err(|_| ImportError::Csv { line, message: format!("{what} {raw:?} is not a number") })
}

/// Converts the positions in CSV text from datum `from` to datum `to`, keeping every other
/// column, the header and the order of rows (what `lifecircle coords --csv` prints). The
/// longitude and latitude columns (or the one `location` column) are found as for facilities;
/// converted values are written with 7 decimals (about 1 cm), a location column's as
/// `lng,lat` again, every other field as it was read. Fields that need quotes
/// (a comma, a quote or a line break) get them, lines end with `\n`. The text starts with a
/// UTF-8 BOM, as the project's other CSV outputs do: without it Excel on Chinese Windows reads
/// UTF-8 as GBK and garbles every Chinese field (a BOM on the input is skipped, so the output
/// converts again unchanged).
pub fn convert_csv(text: &str, from: Crs, to: Crs) -> Result<String, ImportError> {
    let rows = records(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(ImportError::Csv { line: 1, message: "no header row".to_string() });
    };
    let position = Position::of(header)?;
    let mut out = String::from('\u{feff}');
    write_record(&mut out, header);
    for (line, row) in body {
        let line = *line;
        let (lon, lat) = position.require(row, line)?;
        let q = convert(check_lonlat(lon, lat, || format!("csv line {line}"))?, from, to);
        let mut row = row.clone();
        match position {
            Position::Columns { lon, lat } => {
                row[lon] = format!("{:.7}", q[0]);
                row[lat] = format!("{:.7}", q[1]);
            }
            Position::Joined(i) => row[i] = format!("{:.7},{:.7}", q[0], q[1]),
        }
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

/// Residential origins from CSV text: `lon`/`lat` columns (or a `location` column) as for
/// facilities, every row with a position, an optional `id`
/// (default `line N`; also `编号`) and an optional `population`|`pop`|`人口` column (0 to 1e9, the
/// bound of a circle file's origins; empty means unknown).
pub fn origins_from_csv(text: &str, crs: Crs) -> Result<Vec<Origin>, ImportError> {
    let rows = records(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(ImportError::Csv { line: 1, message: "no header row".to_string() });
    };
    let position = Position::of(header)?;
    let id_i = find(header, &["id", "编号"]);
    let pop_i = find(header, &["population", "pop", "人口"]);
    let mut out = Vec::with_capacity(body.len());
    for (line, row) in body {
        let line = *line;
        let (lon, lat) = position.require(row, line)?;
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

/// How [`facilities_from_csv_with`] reads a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FacilityCsvOptions {
    /// Keep a row whose position is empty (its longitude and latitude cells, or its location
    /// cell) in [`FacilityImport::unlocated`] rather than refusing the file: for an inventory,
    /// such as the self-assessment form's, which lists a facility before its place is known.
    /// Off, such a row is refused, naming its line: walking distances need every position.
    pub keep_unlocated: bool,
}

/// Facilities from CSV text whose coordinates are in datum `crs`; every row needs a position.
///
/// # Errors
/// As [`facilities_from_csv_with`].
pub fn facilities_from_csv(text: &str, mapping: &CategoryMapping, crs: Crs) -> Result<FacilityImport, ImportError> {
    facilities_from_csv_with(text, mapping, crs, FacilityCsvOptions::default())
}

/// Facilities from CSV text whose coordinates are in datum `crs`, rows without a position kept
/// or refused as `options` say.
///
/// # Errors
/// The first bad row, by its line: a coordinate that is not a number or out of range, an id
/// given twice, a chain cell that is not yes or no, `tags_json` that is not JSON; a header
/// without a position; an Excel workbook.
pub fn facilities_from_csv_with(
    text: &str,
    mapping: &CategoryMapping,
    crs: Crs,
    options: FacilityCsvOptions,
) -> Result<FacilityImport, ImportError> {
    let rows = records(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(ImportError::Csv { line: 1, message: "no header row".to_string() });
    };
    let position = Position::of(header)?;
    let name_i = find(header, &["name", "名称"]);
    let id_i = find(header, &["id", "osm_id", "编号"]);
    let type_i = find(header, &["osm_type"]);
    let cat_i = find(header, &["category", "业态", "类别"]);
    let code_i = find(header, TYPECODE);
    let text_i = find(header, TYPE_TEXT);
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
        let point = match position.read(row, line)? {
            Some((lon, lat)) => Some(convert(check_lonlat(lon, lat, || format!("csv line {line}"))?, crs, Crs::Wgs84)),
            None if options.keep_unlocated => None,
            None => return Err(position.empty(line)),
        };
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
        // The code first, then the text: an AMap export has `type` (text) before `typecode`.
        if categories.is_empty()
            && let Some(code) = get(code_i)
        {
            keys.push(format!("typecode={code}"));
            categories = mapping.match_amap(code);
        }
        if categories.is_empty()
            && let Some(text) = get(text_i)
        {
            keys.push(format!("type={text}"));
            categories = mapping.match_amap(text);
            if categories.is_empty() {
                categories = mapping.match_amap_text(text);
            }
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
            match point {
                Some(point) => out.facilities.push(Facility { id, name, point, categories, chain, brand }),
                None => out.unlocated.push(UnlocatedFacility { id, name, categories, chain, brand }),
            }
        }
    }
    Ok(out)
}
