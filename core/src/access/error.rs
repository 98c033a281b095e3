//! Typed errors of the access module.
//!
//! [`ImportError`] is for bad input data (it names the field, line or element);
//! [`AccessError`] is for bad query arguments. Messages are lowercase without a trailing period.
//! Numbers are written short ([`short_num`]): `1e308`, never its 309 digits.

use thiserror::Error;

use crate::score::short_num;

/// What a point is when it is the circle's centre (`NoStreetNearby`, `InvalidPoint`): named by
/// its field, not called an origin (居民点 elsewhere).
pub(crate) const CENTRE: &str = "the circle's centre (location.centre)";

/// Bad input while importing streets, facilities or origins.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The bytes are not UTF-8 text (`byte` is 1-based: where it stops being UTF-8).
    #[error("{format} is not utf-8 text from byte {byte} on (save it as utf-8)")]
    NotUtf8 { format: &'static str, byte: usize },
    /// The text is not JSON.
    #[error("malformed json at line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    /// The JSON is not the GeoJSON expected; `path` is like `features[3].geometry`.
    #[error("geojson {path}: {message}")]
    GeoJson { path: String, message: String },
    /// A line with fewer than two distinct points.
    #[error("{path}: a line needs at least two distinct points, found {found}")]
    LineTooShort { path: String, found: usize },
    /// NaN or infinite coordinate.
    #[error("{path}: coordinate is not a finite number")]
    NonFiniteCoordinate { path: String },
    /// Longitude outside -180..180 or latitude outside -90..90.
    #[error("{path}: coordinate ({}, {}) is out of range", short_num(*.lon), short_num(*.lat))]
    CoordinateOutOfRange { path: String, lon: f64, lat: f64 },
    /// An origin's population that is not a number from 0 to the core's largest (1e9).
    #[error("{path}: population {} is not a number from 0 to {}", short_num(*.value), crate::circle::ABSURD)]
    Population { path: String, value: f64 },
    /// Malformed OSM XML (`line` and `column` 1-based, the column in characters; `position` the
    /// byte offset).
    #[error("osm xml line {line}, column {column}: {message}")]
    Xml { position: u64, line: usize, column: usize, message: String },
    /// A DOCTYPE in OSM XML: refused, so entity expansion ("billion laughs") cannot happen.
    #[error("osm xml line {line}, column {column}: document type declarations and entities are refused")]
    XmlDoctype { position: u64, line: usize, column: usize },
    /// OSM XML ended before its elements were closed.
    #[error("osm xml ends inside <{element}>: the input is truncated")]
    XmlTruncated { element: String },
    /// A missing or unreadable attribute of an OSM XML element.
    #[error("osm xml <{element}> at line {line}, column {column}: attribute {attribute}: {message}")]
    XmlAttribute { element: String, attribute: String, position: u64, line: usize, column: usize, message: String },
    /// The content is not in the format the file's name says (an OSM XML file named `.pbf`).
    #[error("the file is named as {named} but holds {found}: {hint}")]
    WrongFormat { named: &'static str, found: &'static str, hint: &'static str },
    /// An OSM node or way id given twice (`element` is `node` or `way`). Such a file is a
    /// history or change file, or extracts concatenated without merging; which copy is right
    /// cannot be told, so it is refused, as osm2pgsql and osmium refuse it. `position` is the
    /// byte offset of the second copy in OSM XML (`line` and `column` 1-based, the column in
    /// characters), `None` in PBF.
    #[error(
        "{}: {element}/{id} appears more than once (a history or change file, or extracts joined without merging?): which copy is right cannot be told; merge the extracts with osmium merge, or export the area again",
        osm_place(*.position, *.line, *.column)
    )]
    OsmDuplicateId { element: &'static str, id: i64, position: Option<u64>, line: usize, column: usize },
    /// Malformed or truncated OSM PBF.
    #[error("osm pbf: {message}")]
    Pbf { message: String },
    /// An OSM PBF file that decodes to more items (nodes, ways and relations, their tags, node
    /// references and members) than it may ([`PbfBudget`](crate::access::import::osm::PbfBudget)):
    /// `limit` for a file of `bytes` bytes. `packed` when that is the limit for the file's size:
    /// the file expands far beyond what OSM data of its size holds (a "decompression bomb");
    /// otherwise it covers far more than a district.
    #[error("{}", pbf_too_large(*.bytes, *.limit, *.packed))]
    PbfTooLarge { bytes: u64, limit: u64, packed: bool },
    /// No OSM data at all (an empty or non-OSM input).
    #[error("{format}: no osm data found")]
    EmptyOsm { format: &'static str },
    /// A bad CSV row.
    #[error("csv line {line}: {message}")]
    Csv { line: usize, message: String },
    /// Two rows of a facilities CSV carry the same id: the facility would be counted twice.
    #[error(
        "csv line {line}: id {id:?} is on line {first_line} too: the facility would be counted twice (delete one row)"
    )]
    CsvDuplicateId { line: usize, first_line: usize, id: String },
    /// A required CSV column is missing from the header.
    #[error("csv header has no {column} column (looked for {accepted})")]
    CsvMissingColumn { column: &'static str, accepted: String },
    /// A category mapping rule that cannot be read.
    #[error("category mapping for {category}: {message}")]
    Mapping { category: String, message: String },
}

/// Bad arguments to a query, what-if or siting call.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum AccessError {
    /// A parameter that must be finite and positive is not.
    #[error("parameter {name} must be finite and positive, got {}", short_num(*.value))]
    InvalidParameter { name: &'static str, value: f64 },
    /// A parameter outside the range it is accepted in.
    #[error(
        "parameter {name} must be from {} to {}, got {}",
        short_num(*.min),
        short_num(*.max),
        short_num(*.value)
    )]
    OutOfRange { name: &'static str, value: f64, min: f64, max: f64 },
    /// A point is not a valid coordinate.
    #[error("{what}: coordinate ({}, {}) is not a valid lon/lat", short_num(*.lon), short_num(*.lat))]
    InvalidPoint { what: &'static str, lon: f64, lat: f64 },
    /// No street within the snapping distance of a point.
    #[error("{what}: no street within {} m", short_num(*.max_snap_m))]
    NoStreetNearby { what: &'static str, max_snap_m: f64 },
    /// The network has no edges.
    #[error("the street network is empty")]
    EmptyNetwork,
    /// A category the facility set does not know.
    #[error("unknown category {category}")]
    UnknownCategory { category: String },
    /// A facility set used with a network other than the one it was placed on.
    #[error("the facility set was placed on a network of {set_nodes} nodes and {set_edges} edges, not this one")]
    NetworkMismatch { set_nodes: usize, set_edges: usize },
    /// A facility id the facility set does not know.
    #[error("unknown facility {id}")]
    UnknownFacility { id: String },
    /// An isochrone would fill more grid cells than [`crate::access::isochrone::MAX_CELLS`].
    #[error(
        "the isochrone would fill {cells} cells of {} m, more than the {limit} allowed: choose larger cells",
        short_num(*.cell_m)
    )]
    TooManyCells { cells: u64, limit: u64, cell_m: f64 },
    /// A circle without `location.centre` cannot be measured from.
    #[error("the circle has no location.centre to measure walking distances from")]
    MissingCentre,
}

/// A file's size for a person: `196 B`, `38.1 KB`, `46.6 MB` (decimal units).
fn file_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

/// What a PBF file's items are, in [`ImportError::PbfTooLarge`].
const PBF_ITEMS: &str = "osm items (nodes, ways, relations, their tags, node references and members)";
const PBF_ITEMS_ZH: &str = "个 OSM 要素（节点、道路、关系及其标签、节点引用与成员）";

fn pbf_too_large(bytes: u64, limit: u64, packed: bool) -> String {
    let size = file_size(bytes);
    if packed {
        format!(
            "osm pbf of {size} expands to more than {limit} {PBF_ITEMS}, far more than osm data of its size holds (under 1 a byte): it is not an ordinary extract (made to expand?); export the area again, or cut it from a regular extract with osmium extract"
        )
    } else {
        format!(
            "osm pbf of {size} holds more than {limit} {PBF_ITEMS}, more than is read at once: cut it to the district first, e.g. osmium extract -b west,south,east,north in.osm.pbf -o district.osm.pbf (the district's bounding box in degrees)"
        )
    }
}

/// A path of [`ImportError`] in Chinese: `csv line 3` is `CSV 第 3 行`; other paths
/// (`features[2]`, `facilities[0] (id "A")`) are names in the data, kept as written.
fn zh_path(path: &str) -> String {
    match path.strip_prefix("csv line ") {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => format!("CSV 第 {n} 行"),
        _ => path.to_string(),
    }
}

/// Where an OSM element was read, as the messages of [`ImportError`] name it.
fn osm_place(position: Option<u64>, line: usize, column: usize) -> String {
    match position {
        Some(_) => format!("osm xml line {line}, column {column}"),
        None => "osm pbf".to_string(),
    }
}

impl AccessError {
    /// The error for a person: Chinese first, then the English message.
    pub fn bilingual(&self) -> String {
        use AccessError as E;
        let what = |w: &str| -> String {
            match w {
                "origin" | "from" => "起点".into(),
                CENTRE => "生活圈中心（location.centre）".into(),
                "to" => "终点".into(),
                "facility" => "设施".into(),
                "candidate" => "候选位置".into(),
                other => other.into(),
            }
        };
        let zh = match self {
            E::InvalidParameter { name, value } => format!("参数 {name} 须为有限的正数，实为 {}", short_num(*value)),
            E::OutOfRange { name, value, min, max } => {
                let (value, min, max) = (short_num(*value), short_num(*min), short_num(*max));
                format!("参数 {name} 须在 {min} 至 {max} 之间，实为 {value}")
            }
            E::InvalidPoint { what: w, lon, lat } => {
                format!("{}：坐标（{}，{}）不是有效的经纬度", what(w), short_num(*lon), short_num(*lat))
            }
            E::NoStreetNearby { what: w, max_snap_m } => {
                let m = short_num(*max_snap_m);
                format!("{}：{m} 米内没有道路（路网是否覆盖这里？坐标系是否一致？）", what(w))
            }
            E::EmptyNetwork => "路网为空".into(),
            E::UnknownCategory { category } => format!("未知的业态 {category}"),
            E::NetworkMismatch { .. } => "设施集合不是放在这个路网上的".into(),
            E::UnknownFacility { id } => format!("未知的设施 {id}"),
            E::TooManyCells { cells, cell_m, limit } => {
                let cell_m = short_num(*cell_m);
                format!("等时圈需要 {cells} 个边长 {cell_m} 米的网格，超过上限 {limit}：请用更大的网格")
            }
            E::MissingCentre => "生活圈没有中心位置（location.centre），无法计算步行距离".into(),
        };
        format!("{zh} / {self}")
    }
}

impl ImportError {
    /// The error for a person: Chinese first, then the English message, which names the line,
    /// column or path exactly.
    pub fn bilingual(&self) -> String {
        use ImportError as E;
        let zh = match self {
            E::NotUtf8 { format, byte } => {
                format!("{format} 从第 {byte} 个字节起不是 UTF-8 文本（请以 UTF-8 编码另存）")
            }
            E::Csv { line, message } => {
                let what = |w: &str| {
                    match w {
                        "longitude" => "经度",
                        "latitude" => "纬度",
                        "population" => "人口",
                        other => other,
                    }
                    .to_string()
                };
                let why = match message.strip_suffix(" is not a number").and_then(|r| r.split_once(' ')) {
                    Some((w, raw)) => format!("：{}“{}”不是数字", what(w), raw.trim_matches('"')),
                    None if message.starts_with("chain ") => {
                        let v = message.split('"').nth(1).unwrap_or("");
                        format!("：连锁“{v}”应为“是”或“否”")
                    }
                    None if message.starts_with("population ") => "：人口须为 0 至 10 亿之间的数".into(),
                    None if message == "a quoted field is not closed" => "：引号没有闭合".into(),
                    None if message.starts_with("location ") && message.ends_with(" is not longitude,latitude") => {
                        let v = message.split('"').nth(1).unwrap_or("");
                        format!("：坐标“{v}”应为“经度,纬度”两个数")
                    }
                    None if message == "no header row" => "：没有表头行".into(),
                    None => String::new(),
                };
                format!("CSV 第 {line} 行有误{why}")
            }
            E::CsvDuplicateId { line, first_line, id } => {
                format!("CSV 第 {line} 行有误：编号“{id}”与第 {first_line} 行重复，同一设施会被计入两次（请删去一行）")
            }
            E::CsvMissingColumn { column, accepted } => {
                let which = match *column {
                    "longitude" => "经度",
                    "latitude" => "纬度",
                    other => other,
                };
                format!("CSV 表头缺少{which}列（可用列名：{accepted}）")
            }
            E::Json { line, column, .. } => format!("JSON 格式有误（第 {line} 行第 {column} 列）"),
            E::GeoJson { path, .. } => format!("GeoJSON 有误（{path}）"),
            E::NonFiniteCoordinate { path } => format!("{}：坐标不是有效数字", zh_path(path)),
            E::CoordinateOutOfRange { path, lon, lat } => {
                format!("{}：坐标（{}，{}）超出经纬度范围", zh_path(path), short_num(*lon), short_num(*lat))
            }
            E::Population { path, value } => {
                format!("{}：人口须为 0 至 10 亿之间的数，实为 {}", zh_path(path), short_num(*value))
            }
            E::LineTooShort { path, .. } => format!("{}：线至少需要两个不同的点", zh_path(path)),
            E::Xml { line, column, .. } | E::XmlDoctype { line, column, .. } | E::XmlAttribute { line, column, .. } => {
                format!("OSM XML 文件有误（第 {line} 行第 {column} 列）")
            }
            E::XmlTruncated { .. } => "OSM XML 文件不完整".to_string(),
            E::WrongFormat { named, found, .. } if *found == crate::access::import::csv::WORKBOOK => {
                let named = if *named == "geojson" { "GeoJSON" } else { "CSV" };
                format!(
                    "这是 Excel 工作簿（.xlsx），不是 {named} 文本：请先用 Excel 或 WPS 打开，“另存为”CSV（UTF-8 或 GBK）后再导入"
                )
            }
            E::WrongFormat { named, found, .. } => {
                let zh = |f: &str| {
                    match f {
                        "osm pbf" => "OSM PBF",
                        "osm xml" => "OSM XML",
                        "geojson" => "GeoJSON",
                        "csv" => "CSV",
                        other => other,
                    }
                    .to_string()
                };
                let rename = match *found {
                    "osm xml" => "，请把文件扩展名改为 .osm",
                    "osm pbf" => "，请把文件扩展名改为 .pbf",
                    "geojson" => "，请把文件扩展名改为 .geojson",
                    _ => "",
                };
                format!("文件名表明是 {}，内容却是 {}{rename}", zh(named), zh(found))
            }
            E::OsmDuplicateId { element, id, position, line, column } => {
                let place = match position {
                    Some(_) => format!("OSM XML 第 {line} 行第 {column} 列"),
                    None => "OSM PBF".to_string(),
                };
                let what = if *element == "way" { "道路" } else { "节点" };
                format!(
                    "{place}：{what} {element}/{id} 出现了不止一次（历史文件、变更文件，或未经合并直接拼接的几个片区？），无法判断哪一份是对的：请用 osmium merge 合并各片区，或重新导出该片区"
                )
            }
            E::Pbf { .. } => "OSM PBF 文件有误".to_string(),
            E::PbfTooLarge { bytes, limit, packed: true } => format!(
                "OSM PBF 文件（{}）解压后超过 {limit} {PBF_ITEMS_ZH}，远多于同样大小的 OSM 数据（每字节不到 1 个）：不是正常导出的 OSM 文件（可能是刻意构造的“解压炸弹”）；请重新导出该片区，或用 osmium extract 从正常的 OSM 文件中裁剪",
                file_size(*bytes)
            ),
            E::PbfTooLarge { bytes, limit, packed: false } => format!(
                "OSM PBF 文件（{}）含超过 {limit} {PBF_ITEMS_ZH}，超出一次读取的上限：请先裁剪到本区范围，例如 osmium extract -b 西,南,东,北 in.osm.pbf -o district.osm.pbf（本区外接矩形的经纬度）",
                file_size(*bytes)
            ),
            E::EmptyOsm { .. } => "文件中没有 OSM 数据".to_string(),
            _ => "数据有误".to_string(),
        };
        format!("{zh} / {self}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn import_errors_in_chinese_first() {
        use super::ImportError as E;
        let missing = E::CsvMissingColumn { column: "longitude", accepted: "lon|lng|longitude|x|经度".into() };
        assert_eq!(
            missing.bilingual(),
            "CSV 表头缺少经度列（可用列名：lon|lng|longitude|x|经度） / csv header has no longitude column (looked for lon|lng|longitude|x|经度)"
        );
        let line = E::Csv { line: 3, message: "longitude \"abc\" is not a number".into() };
        assert_eq!(
            line.bilingual(),
            "CSV 第 3 行有误：经度“abc”不是数字 / csv line 3: longitude \"abc\" is not a number"
        );
        let far = E::CoordinateOutOfRange { path: "features[2]".into(), lon: 200.0, lat: 30.0 };
        assert!(far.bilingual().starts_with("features[2]：坐标（200，30）超出经纬度范围 / "));
        let centre = super::AccessError::NoStreetNearby { what: super::CENTRE, max_snap_m: 300.0 };
        assert_eq!(
            centre.bilingual(),
            "生活圈中心（location.centre）：300 米内没有道路（路网是否覆盖这里？坐标系是否一致？） / the circle's centre (location.centre): no street within 300 m"
        );
        let far = super::AccessError::NoStreetNearby { what: "origin", max_snap_m: 300.0 };
        assert_eq!(
            far.bilingual(),
            "起点：300 米内没有道路（路网是否覆盖这里？坐标系是否一致？） / origin: no street within 300 m"
        );
        // A CSV row's coordinate: the line in Chinese in the Chinese half.
        let far = E::CoordinateOutOfRange { path: "csv line 3".into(), lon: 1e308, lat: 27.92 };
        assert_eq!(
            far.bilingual(),
            "CSV 第 3 行：坐标（1e308，27.92）超出经纬度范围 / csv line 3: coordinate (1e308, 27.92) is out of range"
        );
        let nan = E::NonFiniteCoordinate { path: "csv line 12".into() };
        assert_eq!(nan.bilingual(), "CSV 第 12 行：坐标不是有效数字 / csv line 12: coordinate is not a finite number");
        let location = E::Csv { line: 2, message: "location \"120.7\" is not longitude,latitude".into() };
        assert_eq!(
            location.bilingual(),
            "CSV 第 2 行有误：坐标“120.7”应为“经度,纬度”两个数 / csv line 2: location \"120.7\" is not longitude,latitude"
        );
        let xlsx = crate::access::import::csv::records("PK\u{3}\u{4}\u{14}").unwrap_err();
        assert!(
            xlsx.bilingual().starts_with(
                "这是 Excel 工作簿（.xlsx），不是 CSV 文本：请先用 Excel 或 WPS 打开，“另存为”CSV（UTF-8 或 GBK）后再导入 / the file is named as csv but holds an excel workbook (xlsx): "
            ),
            "{}",
            xlsx.bilingual()
        );
        let gbk = E::NotUtf8 { format: "csv", byte: 19 };
        assert_eq!(
            gbk.bilingual(),
            "csv 从第 19 个字节起不是 UTF-8 文本（请以 UTF-8 编码另存） / csv is not utf-8 text from byte 19 on (save it as utf-8)"
        );
    }
}
