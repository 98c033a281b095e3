//! The circle input: what a community worker or evaluator tells about one circle.
//!
//! Parsed from JSON with unknown fields rejected, then checked for absurd values
//! ([`Circle::from_json`]). What is merely missing is not an error: scoring turns it into
//! findings and gaps.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::score::short_num;

pub use crate::sorted_map::SortedMap;

/// The coordinate reference system of input geometry (WGS-84, GCJ-02 or BD-09).
pub use crate::access::Crs;

/// A code and a name, e.g. a 街道 or a community with its statistical division code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// 12-digit 统计用区划代码, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub name: String,
}

/// Where the circle is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The system of every coordinate of this circle (centre, boundary, facilities).
    #[serde(default)]
    pub crs: Crs,
    /// `[longitude, latitude]` in degrees.
    pub centre: [f64; 2],
    /// Outer ring of the boundary, `[longitude, latitude]` pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<Vec<[f64; 2]>>,
}

/// Whether an outlet is running.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Open,
    /// Planned or under construction: listed, not counted.
    Planned,
    /// Closed: listed, not counted.
    Closed,
}

impl Status {
    fn is_open(&self) -> bool {
        *self == Status::Open
    }
}

/// One outlet or facility of the inventory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Facility {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Category code of the standard, or its Chinese name or an alias.
    pub category: String,
    pub name: String,
    /// `[longitude, latitude]` in the circle's coordinate system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<[f64; 2]>,
    /// Part of a chain (直营连锁 or 特许经营).
    #[serde(default)]
    pub chain: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_area_m2: Option<f64>,
    /// Opening hours as written, e.g. `07:00-22:00` or `24h`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(default, skip_serializing_if = "Status::is_open")]
    pub status: Status,
    /// Distance from the circle centre in metres, if measured, on the `walking.basis`
    /// (a network walk, or a straight line that the standard's detour factor lengthens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walk_m: Option<f64>,
}

impl Location {
    /// A location with only its centre (in WGS-84 unless `crs` is set afterwards).
    pub fn at(centre: [f64; 2]) -> Location {
        Location { crs: Crs::default(), centre, boundary: None }
    }
}

impl Facility {
    /// An open outlet of `category` with nothing else known yet.
    pub fn new(category: impl Into<String>, name: impl Into<String>) -> Facility {
        Facility {
            id: None,
            category: category.into(),
            name: name.into(),
            location: None,
            chain: false,
            brand: None,
            floor_area_m2: None,
            hours: None,
            status: Status::Open,
            walk_m: None,
        }
    }
}

/// A resident survey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Survey {
    pub respondents: u32,
    pub satisfied: u32,
    /// How the survey was run (sampling, dates, questionnaire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// An answer to a checklist item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChecklistAnswer {
    /// Whether it is in place: `true` 已落实, `false` 尚未落实; absent: not answered yet (未作答),
    /// which keeps evidence or a note typed before the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// A file name, URL or document reference that shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Points an evaluator gives, with the required note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluatorEntry {
    pub points: f64,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// How every distance of a circle input was measured (`walking.nearest_m`, the origins'
/// distances and the facilities' `walk_m`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Along the street network.
    #[default]
    Network,
    /// As the crow flies; the standard's detour factor is applied.
    StraightLine,
}

/// A place residents start from (a building, a block, a survey point).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub id: String,
    /// Residents living there (weights the coverage share).
    pub population: f64,
    /// `[longitude, latitude]` in the circle's coordinate system, so that distances can be
    /// measured on a street network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<[f64; 2]>,
    /// Nearest distance in metres per category code.
    #[serde(default)]
    pub nearest_m: SortedMap<f64>,
}

impl Origin {
    /// A residential origin with no residents, place or distances yet.
    pub fn new(id: impl Into<String>) -> Origin {
        Origin { id: id.into(), population: 0.0, location: None, nearest_m: SortedMap::new() }
    }
}

/// Walking distances computed elsewhere (or by the walking-reach module).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Walking {
    #[serde(default)]
    pub basis: Basis,
    /// From the circle centre: nearest distance in metres per category code.
    #[serde(default)]
    pub nearest_m: SortedMap<f64>,
    /// From the circle centre: the name of that nearest facility per category code, where known.
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub nearest_name: SortedMap<String>,
    /// Residential origins with their nearest distances, for coverage shares.
    #[serde(default)]
    pub origins: Vec<Origin>,
    /// The data files these distances were measured from (`lifecircle score --network …`
    /// writes them), so that a third party can measure them again from the same files and
    /// `lifecircle verify` can name a file that differs. Empty when the distances were typed
    /// in or measured elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measured_from: Vec<DataFile>,
}

/// A data file walking distances were measured from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// What it held: `network`, `facilities` or `origins`.
    pub role: String,
    /// Its name as given, without folders (a path of the machine that scored says nothing to
    /// another).
    pub file: String,
    /// SHA-256 of its bytes (hex).
    pub sha256: String,
    /// The coordinate system it was read in.
    pub crs: Crs,
    /// Of a network: streets left out by name (`--exclude-name`), sorted, joined by 、; measuring
    /// again needs the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded_names: Option<String>,
}

/// One circle to assess.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Circle {
    pub id: String,
    pub name: String,
    /// Set on made-up sample data; every view labels it 示例数据.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// 街道.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdistrict: Option<Named>,
    /// Communities (社区) the circle covers.
    #[serde(default)]
    pub communities: Vec<Named>,
    /// 建成（验收）年份：全区逐年目标自该年起计入 / The year the circle was built (accepted): a
    /// district's yearly targets count it from then on.
    // Checked where it is used (`district::summarise`), not in `check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built_year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<f64>,
    /// Form code of the standard (e.g. 集聚式 `clustered`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// A new residential area (新建居住区).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_residential: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(default)]
    pub facilities: Vec<Facility>,
    /// Numbers by figure key of the standard (floor areas …).
    #[serde(default)]
    pub figures: SortedMap<f64>,
    /// Surveys by key (`overall` unless the standard names another).
    #[serde(default)]
    pub surveys: SortedMap<Survey>,
    /// Checklist answers by indicator id.
    #[serde(default)]
    pub checklist: SortedMap<ChecklistAnswer>,
    /// Evaluator points by indicator id.
    #[serde(default)]
    pub evaluator: SortedMap<EvaluatorEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walking: Option<Walking>,
}

/// One problem with a circle input. Written with `message` (English, with the exact values)
/// and `message_zh` (the same in a community worker's words, [`InputProblem::text`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    /// Stable code: `json` (a key written twice among them), `out_of_range` (a boundary that
    /// encloses no area, and a control character in a text, among them), `not_whole`,
    /// `unknown_category`, `unknown_indicator`,
    /// `unknown_figure` (a figure or a survey the standard does not have), `unknown_form`,
    /// `inconsistent` (a centre outside its own boundary among them), `repeated` (the same
    /// facility or origin listed twice; in a district's list of circles, the same circle twice,
    /// [`crate::district::Refused`]).
    pub code: &'static str,
    /// Field path, e.g. `facilities[3].floor_area_m2`.
    pub field: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    /// The values an `out_of_range`, `unknown_category` or empty-file `json` problem found, from
    /// which its Chinese is written (the English `message` may be reworded freely); `None` for
    /// the other codes. Not serialized.
    pub detail: Option<ProblemDetail>,
}

/// What a problem found, as values ([`InputProblem::detail`]): an `out_of_range` value, an
/// unknown category, an empty file.
#[derive(Clone, Debug)]
pub enum ProblemDetail {
    /// Points given to an evaluator indicator beyond its maximum.
    Points { given: f64, max: f64 },
    /// A walk longer than the core accepts (`MAX_WALK_M`, 100 km), in metres.
    Walk { metres: f64 },
    /// A number below 0, above the core's largest (`ABSURD`) or not a number at all.
    Number { value: f64 },
    /// A point that is not a longitude and latitude.
    Coordinate { lon: f64, lat: f64 },
    /// A category the standard does not have (`unknown_category`): as written, the standard's
    /// id, whether a code was required (a key of `nearest_m`) rather than a code, name or alias,
    /// and the category it is close to (code, Chinese name), if any.
    Category { written: String, standard: String, code_only: bool, nearest: Option<(String, String)> },
    /// A document with nothing in it (only spaces or a byte-order mark): a `json` problem, whose
    /// English stays serde_json's "EOF while parsing a value".
    Empty,
    /// An answer to an indicator the standard does not ask here (`unknown_indicator`): the key,
    /// the standard's id, whether the standard has the indicator as another kind, and the
    /// section answered (`checklist` or `evaluator`).
    Indicator { key: String, standard: String, other_kind: bool, section: &'static str },
    /// A survey under a key the standard does not ask (`unknown_figure`): the key, the standard's
    /// id, its survey keys (those of its satisfaction indicators) and the one nearest the key.
    Survey { key: String, standard: String, asked: Vec<String>, nearest: Option<String> },
    /// A boundary that encloses no area (`out_of_range`): fewer than three distinct points
    /// (`distinct`, how many it has), or three or more all on one line.
    Boundary { distinct: usize },
    /// A centre outside its own boundary (`inconsistent`).
    CentreOutside,
    /// A control character or a character that changes the direction of text (`out_of_range`):
    /// `ch`, at character `at` (from 1) of the value or key; `free_text` for a note, evidence
    /// or method, which may hold line breaks and tabs ([`hidden_char`]).
    Control { ch: char, at: usize, free_text: bool },
}

/// Equal when the same variant holds the same bits (so NaN equals itself and `Eq` holds).
impl PartialEq for ProblemDetail {
    fn eq(&self, other: &ProblemDetail) -> bool {
        use ProblemDetail::*;
        let same = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits());
        match (self, other) {
            (Points { given: a, max: b }, Points { given: c, max: d }) => same(&[*a, *b], &[*c, *d]),
            (Walk { metres: a }, Walk { metres: b }) | (Number { value: a }, Number { value: b }) => same(&[*a], &[*b]),
            (Coordinate { lon: a, lat: b }, Coordinate { lon: c, lat: d }) => same(&[*a, *b], &[*c, *d]),
            (
                Category { written: a, standard: b, code_only: c, nearest: d },
                Category { written: e, standard: f, code_only: g, nearest: h },
            ) => (a, b, c, d) == (e, f, g, h),
            (Empty, Empty) => true,
            (
                Indicator { key: a, standard: b, other_kind: c, section: d },
                Indicator { key: e, standard: f, other_kind: g, section: h },
            ) => (a, b, c, d) == (e, f, g, h),
            (
                Survey { key: a, standard: b, asked: c, nearest: d },
                Survey { key: e, standard: f, asked: g, nearest: h },
            ) => (a, b, c, d) == (e, f, g, h),
            (Boundary { distinct: a }, Boundary { distinct: b }) => a == b,
            (CentreOutside, CentreOutside) => true,
            (Control { ch: a, at: b, free_text: c }, Control { ch: d, at: e, free_text: f }) => (a, b, c) == (d, e, f),
            _ => false,
        }
    }
}

impl Eq for ProblemDetail {}

/// A field written when known and left out otherwise, as `#[serde(skip_serializing_if =
/// "Option::is_none")]` does, for the problems' hand-written `Serialize`s (this one's and
/// [`crate::standard::Diagnostic`]'s).
pub(crate) fn field_if_known<S: serde::ser::SerializeStruct, T: Serialize>(
    st: &mut S,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => st.serialize_field(key, v),
        None => st.skip_field(key),
    }
}

impl Serialize for InputProblem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("InputProblem", 6)?;
        st.serialize_field("code", self.code)?;
        st.serialize_field("field", &self.field)?;
        field_if_known(&mut st, "line", &self.line)?;
        field_if_known(&mut st, "column", &self.column)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("message_zh", &self.text(crate::standard::Lang::Zh))?;
        st.end()
    }
}

impl InputProblem {
    /// What is wrong, for a person reading `lang`: English is [`InputProblem::message`]; Chinese
    /// says it in words a community worker uses (an `out_of_range` problem's values, written as
    /// the English writes them, from [`InputProblem::detail`]).
    pub fn text(&self, lang: crate::standard::Lang) -> String {
        if lang == crate::standard::Lang::En {
            return self.message.clone();
        }
        let f = &self.field;
        match self.code {
            "out_of_range" => match self.detail {
                Some(ProblemDetail::Boundary { distinct }) if distinct < 3 => format!(
                    "边界至少要有 3 个不同的点才能围成区域，这里只有 {distinct} 个：边界外的设施不计入本圈，\
                     这样的边界会把全部设施排除在外。请补全边界各点（[经度, 纬度]），或删去 boundary（按步行范围判断）"
                ),
                Some(ProblemDetail::Boundary { .. }) => "边界各点在一条直线上，围不成区域：边界外的设施不计入本圈，\
                     这样的边界会把全部设施排除在外。请核对边界各点（[经度, 纬度]），或删去 boundary（按步行范围判断）"
                    .into(),
                Some(
                    ProblemDetail::Category { .. }
                    | ProblemDetail::Empty
                    | ProblemDetail::Indicator { .. }
                    | ProblemDetail::Survey { .. }
                    | ProblemDetail::CentreOutside,
                ) => "数值不合理：超出合理范围".into(),
                Some(ProblemDetail::Control { ch, at, free_text }) => {
                    let what = match char_name(ch) {
                        _ if is_bidi(ch) => format!("改变文字方向的字符 U+{:04X}", ch as u32),
                        Some((zh, _)) => format!("控制字符 U+{:04X}（{zh}）", ch as u32),
                        None => format!("控制字符 U+{:04X}", ch as u32),
                    };
                    let rule = if free_text {
                        "说明文字只可含换行与制表符，不能含其他控制字符或改变文字方向的字符"
                    } else {
                        "编号、名称与键名不能含控制字符（ESC、换行、制表符等）或改变文字方向的字符"
                    };
                    format!("含{what}（第 {at} 个字符）：{rule}，它们看不见，可用来隐藏或伪造文字，请删去")
                }
                Some(ProblemDetail::Coordinate { .. }) => {
                    "不是有效的“经度, 纬度”（经度 −180 至 180，纬度 −90 至 90）".into()
                }
                Some(ProblemDetail::Points { given, max }) => {
                    let (v, max) = (crate::score::fmt_num(given), crate::score::fmt_num(max));
                    format!("数值不合理：打分 {v} 分，超过该指标满分 {max} 分")
                }
                Some(ProblemDetail::Walk { metres }) => format!(
                    "数值不合理：{} 米不像步行距离（最多 {MAX_WALK_M} 米），可能多打了一位或单位不对",
                    short_num(metres)
                ),
                Some(ProblemDetail::Number { value }) => {
                    format!("数值不合理：{} 不能为负数、过大（超过 {ABSURD}）或非数字", short_num(value))
                }
                None => "数值不合理：超出合理范围".into(),
            },
            "not_whole" => "须为整数（人数、户数按个计）".into(),
            "inconsistent" if f.ends_with(".satisfied") => "满意人数不能多于受访人数".into(),
            "inconsistent" if matches!(self.detail, Some(ProblemDetail::CentreOutside)) => {
                "生活圈中心不在自己的边界内：边界外的设施不计入本圈，几乎全部设施都会被排除。\
                 请核对中心与边界各点的经纬度（先经度后纬度，坐标系相同）"
                    .into()
            }
            "inconsistent" => format!("前后矛盾：{}", self.message),
            "unknown_category" if self.message.starts_with("`` ") => "请选择业态".into(),
            "unknown_category" => match &self.detail {
                Some(ProblemDetail::Category { written, standard, code_only, nearest }) => {
                    let what = if *code_only { "业态编号" } else { "业态" };
                    let how = if *code_only {
                        "此处须写业态编号".to_string()
                    } else {
                        "业态请写本标准的编号、中文名或别名".to_string()
                    };
                    match nearest {
                        Some((code, zh)) => {
                            format!("本标准（{standard}）没有{what}“{written}”— 是不是 {code}（{zh}）？{how}")
                        }
                        None => format!(
                            "本标准（{standard}）没有{what}“{written}”：{how}（lifecircle show {standard} 列出全部业态）"
                        ),
                    }
                }
                _ => "本标准没有这个业态，请从列表中选择".into(),
            },
            "unknown_indicator" => match &self.detail {
                Some(ProblemDetail::Indicator { key, standard, other_kind: true, section }) => {
                    let what = if *section == "evaluator" { "评估人打分项" } else { "自查项" };
                    format!("指标 {key} 在本标准（{standard}）中不是{what}，不能在这里作答：请删去这条")
                }
                Some(ProblemDetail::Indicator { key, standard, .. }) => format!(
                    "本标准（{standard}）没有指标 {key}（可能按另一标准或旧版填写）：请删去这条作答；\
                     lifecircle show {standard} 列出全部指标"
                ),
                _ => "本标准没有这个指标".into(),
            },
            "unknown_figure" => match &self.detail {
                Some(ProblemDetail::Survey { key, standard, asked, nearest }) => match (nearest, asked.is_empty()) {
                    (Some(near), _) => format!(
                        "本标准（{standard}）没有满意度调查“{key}”— 是不是 {near}？这项调查不会计入，请改为 {near}"
                    ),
                    (None, true) => format!("本标准（{standard}）没有满意度调查指标，调查“{key}”不会计入：请删去这条"),
                    (None, false) => format!(
                        "本标准（{standard}）没有满意度调查“{key}”，这项调查不会计入：本标准的调查名为 {}",
                        crate::score::join_all(asked, "、")
                    ),
                },
                _ => "本标准没有这个数据项".into(),
            },
            "unknown_form" => "本标准没有这个发展形态".into(),
            // (in a list of circles the path starts with `circles[i].`)
            "repeated" if f.contains("facilities[") => {
                "同一设施列了两次（编号与业态相同），会被重复计入，请删去一条".into()
            }
            "repeated" if f.contains("walking.origins[") => {
                "同一居民点列了两次（编号相同），其人口会被重复计入，请删去一条".into()
            }
            "json" if matches!(self.detail, Some(ProblemDetail::Empty)) => "文件为空".into(),
            "json" => json_text(&self.message),
            // `repeated` among them: its message is bilingual already (`district::repeated_message`).
            _ => self.message.clone(),
        }
    }
}

/// A JSON problem in a community worker's words: text that is not JSON at all (a wrong file,
/// a cut-off one: the syntax problem named), a field the format does not have or lacks, or a
/// value of the wrong kind (what was expected and what was found).
fn json_text(m: &str) -> String {
    let quoted = |after: &str| m.split(after).nth(1).and_then(|r| r.split('`').nth(1)).unwrap_or("").to_string();
    if m.starts_with("a circle is a JSON object") {
        "一个生活圈须写成对象（{…}，字段有名称），不能是按位置排列的列表".into()
    } else if m.starts_with("unknown field") {
        format!("没有这个字段“{}”", quoted("unknown field"))
    } else if m.starts_with("duplicate field") || m.starts_with("duplicate key") {
        let key = quoted("duplicate");
        format!("“{key}”写了两次：同一项只能写一次，请核对两处哪个对，删去多余的一条")
    } else if m.starts_with("missing field") {
        format!("缺少必填字段“{}”", quoted("missing field"))
    } else if let Some(t) = type_mismatch_zh(m) {
        t
    } else if let Some(what) = json_syntax_zh(m) {
        format!("不是有效的 JSON 文本：{what}")
    } else {
        format!("格式错误：{m}")
    }
}

/// serde_json's syntax errors in Chinese (its message without the position).
fn json_syntax_zh(m: &str) -> Option<&'static str> {
    const ZH: &[(&str, &str)] = &[
        ("trailing comma", "多余的逗号（最后一项之后不能有逗号）"),
        ("expected `,` or `}`", "缺少逗号或右花括号 }（两项之间要用逗号隔开）"),
        ("expected `,` or `]`", "缺少逗号或右方括号 ]（两项之间要用逗号隔开）"),
        ("expected `:`", "缺少冒号（字段名与值之间要用冒号）"),
        ("EOF while parsing a string", "引号未闭合，文件在此处意外结束"),
        ("EOF while parsing", "文件在此处意外结束（可能文件不完整，缺少 } 或 ]）"),
        ("key must be a string", "字段名须加双引号（\"name\"，不能用单引号或不加引号）"),
        ("expected value", "意外的字符：这里应是一个值（文本要加双引号；可能选错了文件）"),
        ("expected ident", "意外的字符（可能选错了文件；true、false、null 须小写，文本要加双引号）"),
        (
            "trailing characters",
            "此处有多余的内容（[经度, 纬度] 只有两个数；一个文件只写一个生活圈，多个请写成列表 […]）",
        ),
        ("invalid escape", "文本中的转义符 \\ 无效（路径中的 \\ 请写成 \\\\ 或 /）"),
        ("invalid unicode code point", "文本中的 \\u 转义无效"),
        ("lone leading surrogate", "文本中的 \\u 转义无效"),
        ("unexpected end of hex escape", "文本中的 \\u 转义无效"),
        ("invalid number", "数字写法无效"),
        ("number out of range", "数字超出范围"),
        ("control character", "文本中有换行等控制字符（可能引号未闭合；换行请写成 \\n）"),
        ("recursion limit exceeded", "嵌套过深"),
        ("key must be", "字段名写法无效"),
    ];
    ZH.iter().find(|(en, _)| m.starts_with(en)).map(|(_, zh)| *zh)
}

/// serde's "invalid type: X, expected Y", "invalid value: …", "invalid length …" and
/// "unknown variant …" in Chinese: what was expected, what was found (serde's type names, and
/// the words a standard's messages use for them: "a number", "a list", "a table").
pub(crate) fn type_mismatch_zh(m: &str) -> Option<String> {
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        let (value, allowed) = rest.split_once('`')?;
        let allowed: Vec<&str> = allowed.split('`').skip(1).step_by(2).collect();
        let near =
            crate::standard::resolve::nearest(value, &allowed).map(|a| format!("— 是不是 {a}？")).unwrap_or_default();
        return Some(format!("取值“{value}”不是允许的值（{}）{near}", crate::score::join_all(&allowed, "、")));
    }
    if let Some(rest) = m.strip_prefix("invalid length ") {
        let (found, want) = rest.split_once(", expected ")?;
        let n = want.trim_start_matches("an array of length ").trim_start_matches("a list of ");
        let n = n.split(' ').next().unwrap_or("");
        let what = if n == "2" { "2 个数（[经度, 纬度]）".to_string() } else { format!("{n} 项") };
        let found = found.trim();
        return Some(if found.chars().all(|c| c.is_ascii_digit()) {
            format!("个数不对：应为 {what}，这里有 {found} 个")
        } else {
            format!("个数不对：应为 {what}")
        });
    }
    let (head, want) = m.rsplit_once(", expected ")?;
    let (what, found) = if let Some(f) = head.strip_prefix("invalid type: ") {
        ("数据类型不对", f)
    } else if let Some(f) = head.strip_prefix("invalid value: ") {
        ("取值不合理", f)
    } else {
        return None;
    };
    // `u32` (counts of people) is a whole number not below 0; serde says `invalid value` for
    // -5 and `invalid type` for 12.5.
    let kind = match want {
        w if w.starts_with("a string") => "文本",
        w if w.starts_with("a boolean") => "是或否（true/false）",
        w if w.starts_with("a sequence") || w.starts_with("a list") || w.starts_with("an array") => "列表（[…]）",
        w if w.starts_with("u8")
            || w.starts_with("u16")
            || w.starts_with("u32")
            || w.starts_with("u64")
            || w.starts_with("usize")
            || w.starts_with("a whole number, 0 or more") =>
        {
            "不小于 0 的整数"
        }
        w if w.starts_with("i32") || w.starts_with("i64") || w.starts_with("a whole number") => "整数",
        w if w.starts_with("f64") || w.starts_with("f32") || w.contains("integer") || w.contains("number") => "数字",
        w if w.starts_with("struct ")
            || w.starts_with("a map")
            || w.starts_with("an object")
            || w.starts_with("a table") =>
        {
            "对象（{…}）"
        }
        _ => "",
    };
    // What was found, as serde names it: string "9600", integer `3`, floating point `12.5`,
    // boolean `true`, null, sequence, map.
    let tick = |f: &str| f.split('`').nth(1).unwrap_or("").to_string();
    let seen = if let Some(s) = found.strip_prefix("string ") {
        // (a number written as text: digits, a sign, a point, an exponent; not parsed, which
        // would link the float parser into every widget for a hint)
        let t = s.trim_matches('"').trim();
        let numeric = t.bytes().any(|b| b.is_ascii_digit()) && t.bytes().all(|b| b"0123456789+-.eE".contains(&b));
        let hint = if kind == "数字" && numeric { "（去掉引号）" } else { "" };
        format!("文本 {s}{hint}")
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        let v = tick(found);
        if what == "取值不合理" {
            v
        } else if kind == "文本" {
            format!("数字 {v}（文本请加引号）")
        } else {
            format!("数字 {v}")
        }
    } else if found.starts_with("boolean") {
        format!("{}（是或否）", tick(found))
    } else if found == "null" || found == "unit value" {
        "空值 null".into()
    } else if found == "sequence" {
        "列表 […]".into()
    } else if found == "map" {
        "对象 {…}".into()
    } else {
        String::new()
    };
    Some(match (kind.is_empty(), seen.is_empty()) {
        (true, true) => what.to_string(),
        (true, false) => format!("{what}：这里是{seen}"),
        (false, true) => format!("{what}：应为{kind}"),
        (false, false) => format!(
            "{what}：应为{kind}，这里是{}{seen}",
            if seen.starts_with(|c: char| c.is_ascii()) { " " } else { "" }
        ),
    })
}

/// Chinese first, then the English message when the Chinese does not already hold it:
/// `第 3 行第 5 列 (line 3, column 5): population: 数值不合理：-5 不能为负数、过大（超过 1000000000）或非数字 / -5 is not a plausible value …`.
impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "第 {l} 行第 {c} 列 (line {l}, column {c}): ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        let zh = self.text(crate::standard::Lang::Zh);
        if zh.contains(&self.message) { write!(f, "{zh}") } else { write!(f, "{zh} / {}", self.message) }
    }
}

/// A circle input that cannot be scored: every problem found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct InputError {
    pub problems: Vec<InputProblem>,
}

impl InputError {
    /// Gives the problems found after parsing (which name a field but no line) the line and
    /// column of their value in `text`, the JSON they were read from: a circle, or a list of
    /// circles (`circles[2].…` is the list's third element). The text as read, BOM or not.
    ///
    /// One reading of the text for all the problems (thousands of them, a facility id repeated
    /// all through a long inventory, are placed as fast as one).
    pub fn locate(&mut self, text: &str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let unplaced: Vec<usize> = (0..self.problems.len()).filter(|&k| self.problems[k].line.is_none()).collect();
        let fields: Vec<&str> = unplaced
            .iter()
            .map(|&k| {
                let field = &self.problems[k].field;
                field.strip_prefix("circles").filter(|f| f.starts_with('[')).unwrap_or(field)
            })
            .collect();
        let offsets = crate::json_path::value_offsets(text, &fields);
        let (found, at): (Vec<usize>, Vec<usize>) =
            unplaced.iter().zip(offsets).filter_map(|(&k, at)| at.map(|at| (k, at))).unzip();
        for (k, (line, column)) in found.into_iter().zip(crate::json_path::line_columns(text, &at)) {
            (self.problems[k].line, self.problems[k].column) = (Some(line), Some(column));
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "生活圈数据有误（{n} 个问题）/ invalid circle input ({n} problem{})", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// A JSON error as an input problem, its field path after `prefix` (the name of the whole
/// document, or empty).
fn json_error(text: &str, e: &serde_json::Error, prefix: &str) -> InputError {
    InputError {
        problems: vec![InputProblem {
            code: "json",
            field: format!("{prefix}{}", crate::json_path::error_path(text, e)),
            line: Some(e.line() as u32),
            // serde_json counts bytes read on the line; a reader counts characters.
            column: Some(crate::json_path::chars_before(text, e.line() as u32, e.column() as u32)),
            // (Rust's type names in a reader's words: "expected a number", "expected an object")
            message: {
                let mut m = strip_position(&e.to_string());
                crate::standard::resolve::plain_words(&mut m, "an object");
                m
            },
            detail: text.trim().is_empty().then_some(ProblemDetail::Empty),
        }],
    }
}

/// A circle given as a JSON array: serde's derived reader takes one, field by position
/// (`["a","某社区",false,null,[],9600,3200]` reads as a circle), which is a slip or the wrong
/// file, never what a user means. `at`: the array's line and column (characters).
fn array_circle(field: String, at: Option<(u32, u32)>) -> InputError {
    InputError {
        problems: vec![InputProblem {
            code: "json",
            field,
            line: at.map(|a| a.0),
            column: at.map(|a| a.1),
            message: "a circle is a JSON object {…}, not an array of values by position".into(),
            detail: None,
        }],
    }
}

/// Largest number of anything (people, square metres, metres) the core accepts as real
/// (origins imported from CSV or GeoJSON are held to it too, at their line).
pub(crate) const ABSURD: f64 = 1e9;

/// Longest walking distance the core accepts, in metres (100 km: input validation, not a
/// standard's number).
pub(crate) const MAX_WALK_M: f64 = 100_000.0;

impl Circle {
    /// Parse a circle from JSON, rejecting unknown fields, text after the circle and absurd
    /// values.
    ///
    /// # Errors
    /// The JSON error with its line, column (in characters) and field path, or every absurd
    /// value found. A circle is a JSON object: an array is refused.
    pub fn from_json(text: &str) -> Result<Circle, InputError> {
        let circle = Circle::parse_json(text)?;
        let problems = circle.check();
        if problems.is_empty() { Ok(circle) } else { Err(InputError { problems }) }
    }

    /// Parse a circle from JSON, rejecting unknown fields and text after the circle, but
    /// keeping absurd values: for an editor that shows them as [`Circle::check`]'s problems to
    /// correct instead of refusing what a user typed (scoring still refuses them).
    ///
    /// # Errors
    /// The JSON error with its line, column (in characters) and field path.
    pub fn parse_json(text: &str) -> Result<Circle, InputError> {
        // A byte-order mark, as Windows Notepad and some exports write it, is not content.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Only the first character tells (no lexer linked into the small wasm for it), and it
        // tells before serde does: `["a","b"]` would get serde's "invalid length" instead.
        let lead = &text[..text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len()];
        if text[lead.len()..].starts_with('[') {
            let line = lead.matches('\n').count() + 1;
            let column = lead.len() - lead.rfind('\n').map_or(0, |n| n + 1) + 1;
            return Err(array_circle(String::new(), Some((line as u32, column as u32))));
        }
        serde_json::from_str::<Circle>(text).map_err(|e| json_error(text, &e, ""))
    }

    /// A district's circles from a JSON array, each read as [`Circle::parse_json`] reads one
    /// (absurd values kept, for the caller to refuse or show). An error's field starts with
    /// the circle's place in the list: `circles[1].population`.
    ///
    /// # Errors
    /// The JSON error with its line, column (in characters) and field path.
    pub fn parse_json_list(text: &str) -> Result<Vec<Circle>, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let list = serde_json::from_str::<Vec<Circle>>(text).map_err(|e| json_error(text, &e, "circles"))?;
        // The circles written as arrays, found in one reading of the list.
        let fields: Vec<String> = (0..list.len()).map(|k| format!("[{k}]")).collect();
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let (arrays, at): (Vec<usize>, Vec<usize>) = crate::json_path::value_offsets(text, &fields)
            .into_iter()
            .enumerate()
            .filter_map(|(k, at)| at.filter(|&at| text.as_bytes().get(at) == Some(&b'[')).map(|at| (k, at)))
            .unzip();
        if arrays.is_empty() {
            return Ok(list);
        }
        let at = crate::json_path::line_columns(text, &at);
        let problems =
            arrays.iter().zip(at).map(|(k, at)| array_circle(format!("circles[{k}]"), Some(at)).problems.remove(0));
        Err(InputError { problems: problems.collect() })
    }

    /// More households than residents (each household holds at least one): one of the two is
    /// mistyped, and the per-household figures (area per 100 households) read the households.
    /// A warning the CLI and the form say; scoring does not call it.
    pub fn more_households_than_people(&self) -> bool {
        matches!((self.population, self.households), (Some(p), Some(h)) if h > p)
    }

    /// Absurd values: negative or huge counts and areas, impossible coordinates,
    /// more satisfied residents than respondents.
    pub fn check(&self) -> Vec<InputProblem> {
        let mut out = Vec::new();
        self.text_problems(&mut out);
        // People and households are counted: a fraction (5e-324 households) would divide a
        // floor area into an infinite area per household. (Values out of range are said below.)
        for (field, v) in [("population", self.population), ("households", self.households)] {
            if let Some(v) = v.filter(|v| (0.0..=ABSURD).contains(v) && v.fract() != 0.0) {
                out.push(InputProblem {
                    code: "not_whole",
                    field: field.into(),
                    line: None,
                    column: None,
                    message: format!("{} is not a whole number (a count of {field})", short_num(v)),
                    detail: None,
                });
            }
        }
        let mut num = |field: String, v: f64| {
            if !v.is_finite() || !(0.0..=ABSURD).contains(&v) {
                out.push(InputProblem {
                    code: "out_of_range",
                    field,
                    line: None,
                    column: None,
                    message: format!("{} is not a plausible value (0 to {ABSURD})", short_num(v)),
                    detail: Some(ProblemDetail::Number { value: v }),
                });
            }
        };
        if let Some(p) = self.population {
            num("population".into(), p);
        }
        if let Some(h) = self.households {
            num("households".into(), h);
        }
        for (i, f) in self.facilities.iter().enumerate() {
            if let Some(a) = f.floor_area_m2 {
                num(format!("facilities[{i}].floor_area_m2"), a);
            }
            if let Some(w) = f.walk_m {
                num(format!("facilities[{i}].walk_m"), w);
            }
        }
        for (k, v) in &self.figures {
            num(format!("figures.{k}"), *v);
        }
        if let Some(w) = &self.walking {
            for (k, v) in &w.nearest_m {
                num(format!("walking.nearest_m.{k}"), *v);
            }
            for (i, o) in w.origins.iter().enumerate() {
                num(format!("walking.origins[{i}].population"), o.population);
                for (k, v) in &o.nearest_m {
                    num(format!("walking.origins[{i}].nearest_m.{k}"), *v);
                }
            }
        }
        for (k, e) in &self.evaluator {
            num(format!("evaluator.{k}.points"), e.points);
        }
        // A walk of more than 100 km is a slip (an extra digit, metres typed as centimetres),
        // not a distance anyone walks to a shop.
        let mut walk = |field: String, v: f64| {
            if v > MAX_WALK_M && v <= ABSURD {
                out.push(InputProblem {
                    code: "out_of_range",
                    field,
                    line: None,
                    column: None,
                    message: format!("{} m is not a walking distance (at most {MAX_WALK_M} m)", short_num(v)),
                    detail: Some(ProblemDetail::Walk { metres: v }),
                });
            }
        };
        for (i, f) in self.facilities.iter().enumerate() {
            if let Some(w) = f.walk_m {
                walk(format!("facilities[{i}].walk_m"), w);
            }
        }
        if let Some(w) = &self.walking {
            for (k, v) in &w.nearest_m {
                walk(format!("walking.nearest_m.{k}"), *v);
            }
            for (i, o) in w.origins.iter().enumerate() {
                for (k, v) in &o.nearest_m {
                    walk(format!("walking.origins[{i}].nearest_m.{k}"), *v);
                }
            }
        }
        let mut coord = |field: String, p: [f64; 2]| {
            let [lon, lat] = p;
            if !(lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
            {
                out.push(InputProblem {
                    code: "out_of_range",
                    field,
                    line: None,
                    column: None,
                    message: format!("[{lon}, {lat}] is not a [longitude, latitude] pair"),
                    detail: Some(ProblemDetail::Coordinate { lon, lat }),
                });
            }
        };
        if let Some(loc) = &self.location {
            coord("location.centre".into(), loc.centre);
            for (i, p) in loc.boundary.iter().flatten().enumerate() {
                coord(format!("location.boundary[{i}]"), *p);
            }
        }
        for (i, f) in self.facilities.iter().enumerate() {
            if let Some(p) = f.location {
                coord(format!("facilities[{i}].location"), p);
            }
        }
        // Facilities from data count only inside the boundary: one that encloses nothing, or
        // not the circle's own centre, would drop every one of them with no more than a count.
        if let Some(problem) = self.location.as_ref().and_then(boundary_problem) {
            out.push(problem);
        }
        // The same facility or origin listed twice would be counted twice (a breakfast shop
        // more, residents more than live there).
        fn id_and_category(f: &Facility) -> Option<(&str, &str)> {
            f.id.as_deref().filter(|id| !id.is_empty()).map(|id| (id, f.category.as_str()))
        }
        for (j, i) in repeats(&self.facilities, id_and_category, |f| f.location) {
            let id = self.facilities[j].id.as_deref().unwrap_or_default();
            out.push(InputProblem {
                code: "repeated",
                field: format!("facilities[{j}].id"),
                line: None,
                column: None,
                message: format!("facility {id:?} is listed twice (as facilities[{i}] too): it would be counted twice"),
                detail: None,
            });
        }
        if let Some(w) = &self.walking {
            fn id(o: &Origin) -> Option<(&str, &str)> {
                (!o.id.is_empty()).then_some((o.id.as_str(), ""))
            }
            for (j, i) in repeats(&w.origins, id, |o| o.location) {
                out.push(InputProblem {
                    code: "repeated",
                    field: format!("walking.origins[{j}].id"),
                    line: None,
                    column: None,
                    message: format!(
                        "origin {:?} is listed twice (as walking.origins[{i}] too): its residents would be counted twice",
                        w.origins[j].id
                    ),
                    detail: None,
                });
            }
        }
        for (k, s) in &self.surveys {
            if s.satisfied > s.respondents {
                out.push(InputProblem {
                    code: "inconsistent",
                    field: format!("surveys.{k}.satisfied"),
                    line: None,
                    column: None,
                    message: format!("{} satisfied out of {} respondents", s.satisfied, s.respondents),
                    detail: None,
                });
            }
        }
        out
    }
}

impl Circle {
    /// Control characters and characters that change the direction of text, in the circle's
    /// texts, in the order they are written: a circle's text reaches a terminal (`lifecircle
    /// score`, `verify`), a report and a page, where ESC sequences set a window's title or hide
    /// the rest of a line (`核验通过 verified\u{1b}[8m` faked a verdict) and a line break or an
    /// override fakes or reorders what a reader sees. Ids, names, codes, categories, hours and
    /// every key refuse them all; notes, evidence and a survey's method ([`hidden_char`]'s
    /// `free_text`) may hold line breaks (`\n`, or `\r\n` as a web form posts them) and tabs.
    fn text_problems(&self, out: &mut Vec<InputProblem>) {
        let mut put = |field: &dyn Fn() -> String, s: &str, free_text: bool| {
            if let Some((at, ch)) = hidden_char(s, free_text) {
                out.push(control_problem(field(), ch, at, free_text));
            }
        };
        put(&|| "id".into(), &self.id, false);
        put(&|| "name".into(), &self.name, false);
        let subdistrict = self.subdistrict.iter().map(|n| ("subdistrict".to_string(), n));
        let communities = self.communities.iter().enumerate().map(|(i, n)| (format!("communities[{i}]"), n));
        for (field, n) in subdistrict.chain(communities) {
            if let Some(code) = &n.code {
                put(&|| format!("{field}.code"), code, false);
            }
            put(&|| format!("{field}.name"), &n.name, false);
        }
        if let Some(form) = &self.form {
            put(&|| "form".into(), form, false);
        }
        for (i, f) in self.facilities.iter().enumerate() {
            let texts = [("id", f.id.as_deref()), ("category", Some(&f.category)), ("name", Some(&f.name))];
            let more = [("brand", f.brand.as_deref()), ("hours", f.hours.as_deref())];
            for (key, v) in texts.into_iter().chain(more) {
                if let Some(v) = v {
                    put(&|| format!("facilities[{i}].{key}"), v, false);
                }
            }
        }
        for k in self.figures.keys() {
            put(&|| format!("figures.{k}"), k, false);
        }
        for (k, s) in &self.surveys {
            put(&|| format!("surveys.{k}"), k, false);
            if let Some(m) = &s.method {
                put(&|| format!("surveys.{k}.method"), m, true);
            }
        }
        for (k, a) in &self.checklist {
            put(&|| format!("checklist.{k}"), k, false);
            for (key, v) in [("evidence", &a.evidence), ("note", &a.note)] {
                if let Some(v) = v {
                    put(&|| format!("checklist.{k}.{key}"), v, true);
                }
            }
        }
        for (k, e) in &self.evaluator {
            put(&|| format!("evaluator.{k}"), k, false);
            put(&|| format!("evaluator.{k}.note"), &e.note, true);
            if let Some(v) = &e.evidence {
                put(&|| format!("evaluator.{k}.evidence"), v, true);
            }
        }
        let Some(w) = &self.walking else { return };
        for k in w.nearest_m.keys() {
            put(&|| format!("walking.nearest_m.{k}"), k, false);
        }
        for (k, name) in &w.nearest_name {
            put(&|| format!("walking.nearest_name.{k}"), k, false);
            put(&|| format!("walking.nearest_name.{k}"), name, false);
        }
        for (i, o) in w.origins.iter().enumerate() {
            put(&|| format!("walking.origins[{i}].id"), &o.id, false);
            for k in o.nearest_m.keys() {
                put(&|| format!("walking.origins[{i}].nearest_m.{k}"), k, false);
            }
        }
        for (i, f) in w.measured_from.iter().enumerate() {
            for (key, v) in [("role", &f.role), ("file", &f.file), ("sha256", &f.sha256)] {
                put(&|| format!("walking.measured_from[{i}].{key}"), v, false);
            }
            if let Some(v) = &f.excluded_names {
                put(&|| format!("walking.measured_from[{i}].excluded_names"), v, false);
            }
        }
    }

    /// Surveys under a key the standard does not ask (the `survey` of none of its satisfaction
    /// indicators), as a figure it does not have is refused: a survey under `overal` was
    /// dropped and the satisfaction indicator scored as missing data, without a word. Code
    /// `unknown_figure`, the field `surveys.<key>`, the Chinese naming the key nearest.
    pub(crate) fn unknown_surveys(&self, st: &crate::standard::Standard) -> Vec<InputProblem> {
        let mut asked: Vec<&str> = st
            .indicators
            .iter()
            .filter_map(|i| match &i.kind {
                crate::standard::Kind::Satisfaction { survey, .. } => Some(survey.as_str()),
                _ => None,
            })
            .collect();
        crate::order::sort_by(&mut asked, |a, b| a.cmp(b));
        asked.dedup();
        let asked_en = asked.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>();
        self.surveys
            .keys()
            .filter(|k| !asked.contains(&k.as_str()))
            .map(|k| {
                let nearest = crate::standard::resolve::nearest(k.trim(), &asked);
                let hint = match (nearest, asked.is_empty()) {
                    (Some(n), _) => format!(" (did you mean `{n}`?)"),
                    (None, true) => " (it has no satisfaction indicator)".to_string(),
                    (None, false) => format!(" (its surveys: {})", crate::score::join_all(&asked_en, ", ")),
                };
                InputProblem {
                    code: "unknown_figure",
                    field: format!("surveys.{k}"),
                    line: None,
                    column: None,
                    message: format!("`{k}` is not a survey of {}{hint}: it would not be counted", st.id),
                    detail: Some(ProblemDetail::Survey {
                        key: k.clone(),
                        standard: st.id.clone(),
                        asked: asked.iter().map(|a| a.to_string()).collect(),
                        nearest: nearest.map(str::to_string),
                    }),
                }
            })
            .collect()
    }
}

/// Whether `[lon, lat]` is a longitude and latitude.
fn lon_lat([lon, lat]: [f64; 2]) -> bool {
    lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
}

/// What is wrong with a location's boundary, if anything: it encloses no area (fewer than three
/// distinct points, or all on one line), or the centre lies outside it (on its edge is inside).
/// Nothing is said of a boundary or centre with a point that is not a coordinate (that is said
/// already). The ring is closed whether or not its last point repeats its first, as GeoJSON
/// writes it; a ring that crosses itself or goes round more than once is read by the non-zero
/// winding rule, as the walking reach's boundary test (`geo`'s `Contains`) reads it.
fn boundary_problem(loc: &Location) -> Option<InputProblem> {
    let ring = loc.boundary.as_deref()?;
    if !ring.iter().all(|p| lon_lat(*p)) || !lon_lat(loc.centre) {
        return None;
    }
    // Twice the signed area of the triangle a, b, p: 0 when the three lie on one line.
    let cross = |a: [f64; 2], b: [f64; 2], p: [f64; 2]| (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    let first = ring.first();
    let second = ring.iter().find(|p| Some(*p) != first);
    let third = second.and_then(|b| ring.iter().find(|p| Some(*p) != first && *p != b));
    let distinct = [first, second, third].iter().filter(|p| p.is_some()).count();
    let flat = match (first, second) {
        (Some(a), Some(b)) => ring.iter().all(|p| cross(*a, *b, *p) == 0.0),
        _ => true,
    };
    let problem = |code, message: String, detail| InputProblem {
        code,
        field: "location.boundary".into(),
        line: None,
        column: None,
        message,
        detail: Some(detail),
    };
    if distinct < 3 || flat {
        let message = if distinct < 3 {
            format!("a boundary needs at least 3 distinct points, found {distinct}")
        } else {
            format!("the boundary's {} points lie on one line", ring.len())
        };
        return Some(problem(
            "out_of_range",
            format!("{message}: it encloses no area, and every facility from data would lie outside it"),
            ProblemDetail::Boundary { distinct },
        ));
    }
    // The winding number of the ring around the centre: edges crossing the line east of it
    // upwards count +1, downwards -1.
    let [x, y] = loc.centre;
    let mut winding = 0i64;
    for (k, &a) in ring.iter().enumerate() {
        let b = ring[(k + 1) % ring.len()];
        let side = cross(a, b, loc.centre);
        let on_edge =
            side == 0.0 && a[0].min(b[0]) <= x && x <= a[0].max(b[0]) && a[1].min(b[1]) <= y && y <= a[1].max(b[1]);
        if on_edge {
            return None;
        }
        if a[1] <= y && b[1] > y && side > 0.0 {
            winding += 1;
        } else if a[1] > y && b[1] <= y && side < 0.0 {
            winding -= 1;
        }
    }
    (winding == 0).then(|| {
        problem(
            "inconsistent",
            format!(
                "the centre [{x}, {y}] lies outside the circle's own boundary: facilities from data outside it do not count, so nearly every one would be left out (check the coordinates of both, longitude first)"
            ),
            ProblemDetail::CentreOutside,
        )
    })
}

/// The items listed twice, as `(j, i)`: item `j` has the key of an earlier item `i` (the
/// first such) and is not at another place than it (two imports may both number their rows
/// `line 2`); items without a key are not compared. In order of `j`. The positions are
/// sorted by key, so a long inventory, checked on every edit in the form, costs n log n
/// rather than n².
fn repeats<'a, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> Option<(&'a str, &'a str)>,
    place: impl Fn(&T) -> Option<[f64; 2]>,
) -> Vec<(usize, usize)> {
    let apart = |a: usize, b: usize| matches!((place(&items[a]), place(&items[b])), (Some(p), Some(q)) if p != q);
    let mut keyed: Vec<(usize, (&str, &str))> =
        items.iter().enumerate().filter_map(|(j, t)| key(t).map(|k| (j, k))).collect();
    crate::order::sort_by_key(&mut keyed, |&(j, k)| (k, j));
    let mut out = Vec::new();
    for group in keyed.chunk_by(|a, b| a.1 == b.1) {
        for (x, &(j, _)) in group.iter().enumerate() {
            if let Some(&(i, _)) = group[..x].iter().find(|&&(i, _)| !apart(i, j)) {
                out.push((j, i));
            }
        }
    }
    crate::order::sort_by_key(&mut out, |&(j, _)| j);
    out
}

/// Whether `ch` changes the direction of the text after it: the embeddings and overrides
/// U+202A–U+202E and the isolates U+2066–U+2069 (a "Trojan Source" reorders what a reader sees).
fn is_bidi(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `ch` is unseen yet acts on what a reader sees: a control character (C0, DEL, C1) or
/// one that changes the direction of text ([`is_bidi`]). What a circle's names refuse
/// ([`hidden_char`]) and what the CLI never writes to a terminal as it is.
pub fn is_hidden(ch: char) -> bool {
    ch.is_control() || is_bidi(ch)
}

/// The first character of `s` a circle's text may not hold, with its place (characters, from
/// 1): a control character (C0, DEL or C1) or one that changes the direction of text
/// ([`is_bidi`]). In `free_text` (notes, evidence), a line break (`\n`, or `\r` right before
/// one: a web form posts `\r\n`) and a tab are text.
pub(crate) fn hidden_char(s: &str, free_text: bool) -> Option<(usize, char)> {
    let mut chars = s.chars().peekable();
    let mut at = 0;
    while let Some(ch) = chars.next() {
        at += 1;
        let text = free_text && (ch == '\n' || ch == '\t' || (ch == '\r' && chars.peek() == Some(&'\n')));
        if (ch.is_control() && !text) || is_bidi(ch) {
            return Some((at, ch));
        }
    }
    None
}

/// A name or id read from a data file as a circle may hold it: each run of characters
/// [`hidden_char`] refuses (a line break typed in a spreadsheet cell with Alt+Enter, a tab, a
/// direction mark) becomes one space, and the ends are trimmed. The importers' names go into the
/// circle's inventory, where a line break would refuse the whole circle for a file the user did
/// not write by hand.
pub fn plain_line(s: &str) -> String {
    if hidden_char(s, false).is_none() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for ch in s.chars() {
        if is_hidden(ch) {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(ch);
        }
    }
    out.trim().to_string()
}

/// The Chinese and English names of the control characters a reader may know by name.
fn char_name(ch: char) -> Option<(&'static str, &'static str)> {
    Some(match ch {
        '\n' => ("换行", "line feed"),
        '\r' => ("回车", "carriage return"),
        '\t' => ("制表符", "tab"),
        '\u{1b}' => ("ESC", "ESC"),
        _ => return None,
    })
}

/// The problem of a text holding `ch` at character `at` ([`hidden_char`]): code `out_of_range`
/// (a value the core does not accept), its Chinese from [`ProblemDetail::Control`].
fn control_problem(field: String, ch: char, at: usize, free_text: bool) -> InputProblem {
    let what = match char_name(ch) {
        _ if is_bidi(ch) => format!("U+{:04X}, a character that changes the direction of text,", ch as u32),
        Some((_, en)) => format!("the control character U+{:04X} ({en})", ch as u32),
        None => format!("the control character U+{:04X}", ch as u32),
    };
    let rule = if free_text {
        "notes and evidence may hold line breaks and tabs, no other control character nor one that changes the direction of text"
    } else {
        "ids, names and keys may not hold control characters (ESC, line breaks, tabs …) nor characters that change the direction of text"
    };
    InputProblem {
        code: "out_of_range",
        field,
        line: None,
        column: None,
        message: format!("contains {what} at character {at}: {rule}"),
        detail: Some(ProblemDetail::Control { ch, at, free_text }),
    }
}

/// Where serde_json says `e` is in `text` (the text it read, past any byte-order mark), as the
/// circle reader says it: the line, the column in characters from 1 (serde_json counts the bytes
/// read on the line, 0 when none were), and serde_json's message without its
/// " at line L column C". For the other JSON readers: GeoJSON, and `lifecircle verify`'s
/// assessments.
pub fn json_error_place(text: &str, e: &serde_json::Error) -> (usize, usize, String) {
    let line = u32::try_from(e.line()).unwrap_or(u32::MAX);
    let column = crate::json_path::chars_before(text, line, u32::try_from(e.column()).unwrap_or(u32::MAX));
    (e.line(), column as usize, strip_position(&e.to_string()))
}

/// serde_json appends " at line L column C"; the problem carries those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_circles_names_the_circle_of_an_error() {
        let list = Circle::parse_json_list(
            "\u{feff}[{\"id\":\"a\",\"name\":\"A\",\"population\":-5},{\"id\":\"b\",\"name\":\"B\"}]",
        )
        .unwrap();
        // Absurd values are kept, as parse_json keeps them.
        assert_eq!((list.len(), list[0].population, list[1].id.as_str()), (2, Some(-5.0), "b"));
        let err =
            Circle::parse_json_list("[{\"id\":\"a\",\"name\":\"A\"},\n {\"id\":\"b\",\"name\":\"B\",\"colour\":1}]")
                .unwrap_err();
        let p = &err.problems[0];
        assert_eq!((p.code, p.field.as_str(), p.line), ("json", "circles[1].colour", Some(2)));
        let err = Circle::parse_json_list(r#"{"id":"a","name":"A"}"#).unwrap_err();
        assert_eq!(err.problems[0].field, "circles");
    }

    /// JSON problems in Chinese say what is wrong in words, not serde's English (kept in the
    /// English message).
    #[test]
    fn json_problems_read_as_chinese() {
        let zh = |text: &str| Circle::from_json(text).unwrap_err().problems[0].text(crate::standard::Lang::Zh);
        assert_eq!(
            zh("not json"),
            "不是有效的 JSON 文本：意外的字符（可能选错了文件；true、false、null 须小写，文本要加双引号）"
        );
        assert_eq!(
            zh(r#"{"id":"a","name":"b""#),
            "不是有效的 JSON 文本：文件在此处意外结束（可能文件不完整，缺少 } 或 ]）"
        );
        assert_eq!(zh(r#"{"id":3,"name":"b"}"#), "数据类型不对：应为文本，这里是数字 3（文本请加引号）");
        assert_eq!(zh(r#"{"id":"a","name":"b","population":"many"}"#), "数据类型不对：应为数字，这里是文本 \"many\"");
        assert_eq!(zh(r#"{"id":"a","name":"b","colour":1}"#), "没有这个字段“colour”");
        assert_eq!(zh(r#"{"id":"a"}"#), "缺少必填字段“name”");
        let survey =
            |r: &str| zh(&format!(r#"{{"id":"a","name":"b","surveys":{{"s":{{"respondents":{r},"satisfied":1}}}}}}"#));
        assert_eq!(survey("-5"), "取值不合理：应为不小于 0 的整数，这里是 -5");
        assert_eq!(survey("12.5"), "数据类型不对：应为不小于 0 的整数，这里是数字 12.5");
        // The same problem inside a district's list of circles keeps its Chinese.
        let mut p = Circle::from_json(r#"{"id":"a","name":"b","facilities":[{"id":"F","category":"x","name":"y"},{"id":"F","category":"x","name":"y"}]}"#)
            .unwrap_err()
            .problems[0]
            .clone();
        p.field = format!("circles[3].{}", p.field);
        assert_eq!(p.text(crate::standard::Lang::Zh), "同一设施列了两次（编号与业态相同），会被重复计入，请删去一条");
        let e = Circle::from_json("not json").unwrap_err().problems[0].clone();
        assert!(e.message.starts_with("expected"), "the English keeps serde's words: {}", e.message);
    }

    /// A value of the wrong type: the Chinese says what was expected and what was found.
    #[test]
    fn type_errors_say_what_was_found() {
        let one = |text: &str| Circle::from_json(text).unwrap_err().problems.remove(0);
        let zh = |text: &str| one(text).text(crate::standard::Lang::Zh);
        let p = one(r#"{"id":"a","name":"b","population":"9600"}"#);
        assert_eq!(p.text(crate::standard::Lang::Zh), "数据类型不对：应为数字，这里是文本 \"9600\"（去掉引号）");
        assert_eq!(p.message, "invalid type: string \"9600\", expected a number", "a reader's words in the English");
        let p = one(r#"{"id":"a","name":"b","facilities":[3]}"#);
        assert_eq!(p.message, "invalid type: integer `3`, expected an object");
        assert_eq!(p.text(crate::standard::Lang::Zh), "数据类型不对：应为对象（{…}），这里是数字 3");
        let p = one(r#"{"id":"a","name":"b","surveys":{"overall":{"respondents":-5,"satisfied":1}}}"#);
        assert_eq!(p.message, "invalid value: integer `-5`, expected a whole number, 0 or more");
        assert!(p.text(crate::standard::Lang::Zh).contains("不小于 0 的整数"), "{}", p.text(crate::standard::Lang::Zh));
        assert_eq!(zh(r#"{"id":3,"name":"b"}"#), "数据类型不对：应为文本，这里是数字 3（文本请加引号）");
        assert_eq!(zh(r#"{"id":null,"name":"b"}"#), "数据类型不对：应为文本，这里是空值 null");
        assert_eq!(zh(r#"{"id":"a","name":"b","population":true}"#), "数据类型不对：应为数字，这里是 true（是或否）");
        assert_eq!(zh(r#"{"id":"a","name":"b","facilities":{}}"#), "数据类型不对：应为列表（[…]），这里是对象 {…}");
        assert_eq!(zh(r#"{"id":"a","name":"b","subdistrict":5}"#), "数据类型不对：应为对象（{…}），这里是数字 5");
        assert_eq!(
            zh(r#"{"id":"a","name":"b","sample":"yes"}"#),
            "数据类型不对：应为是或否（true/false），这里是文本 \"yes\""
        );
        let survey =
            |r: &str| zh(&format!(r#"{{"id":"a","name":"b","surveys":{{"s":{{"respondents":{r},"satisfied":1}}}}}}"#));
        assert_eq!(survey("-5"), "取值不合理：应为不小于 0 的整数，这里是 -5");
        assert_eq!(survey("12.5"), "数据类型不对：应为不小于 0 的整数，这里是数字 12.5");
        assert_eq!(
            zh(r#"{"id":"a","name":"b","location":{"centre":[120]}}"#),
            "个数不对：应为 2 个数（[经度, 纬度]），这里有 1 个"
        );
        assert!(zh(r#"{"id":"a","name":"b","location":{"centre":[1,2,3]}}"#).contains("多余的内容"));
        assert_eq!(
            zh(r#"{"id":"a","name":"b","facilities":[{"category":"x","name":"y","status":"opn"}]}"#),
            "取值“opn”不是允许的值（open、planned、closed）— 是不是 open？"
        );
    }

    /// A JSON syntax error is named in Chinese; an empty file says it is empty.
    #[test]
    fn syntax_errors_are_named_and_an_empty_file_is_empty() {
        let one = |text: &str| Circle::from_json(text).unwrap_err().problems.remove(0);
        let zh = |text: &str| one(text).text(crate::standard::Lang::Zh);
        assert!(zh("{\"id\":\"a\",\"name\":\"b\",}").contains("多余的逗号"), "{}", zh("{\"id\":\"a\",}"));
        assert!(zh("{\"id\":\"a\" \"name\":\"b\"}").contains("缺少逗号"));
        assert!(zh("{\"id\" \"a\"}").contains("缺少冒号"));
        assert!(zh("{\"id\":\"a").contains("引号未闭合"));
        assert!(zh("{\"id\":\"a\",").contains("文件在此处意外结束"));
        assert!(zh("{'id':'a'}").contains("字段名须加双引号"));
        assert!(zh("{\"id\":\"a\",\"name\":\"b\"} x").contains("多余的内容"));
        assert!(zh("not json").contains("意外的字符"));
        for empty in ["", "  \n\t", "\u{feff}", "\u{feff}\n "] {
            let p = one(empty);
            assert_eq!((p.code, p.field.as_str()), ("json", ""), "{empty:?}");
            assert_eq!(p.text(crate::standard::Lang::Zh), "文件为空", "{empty:?}");
            let list = Circle::parse_json_list(empty).unwrap_err().problems.remove(0);
            assert_eq!(list.text(crate::standard::Lang::Zh), "文件为空", "{empty:?}");
        }
        // Cut short after a key is not empty.
        assert!(zh("{\"id\":").contains("文件在此处意外结束"));
    }

    /// A category the standard does not have: the Chinese names the value, the standard and the
    /// category it is close to.
    #[test]
    fn an_unknown_category_names_the_value_and_the_nearest() {
        use crate::standard::Lang;
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let mut c = Circle::from_json(ex.json).unwrap();
        c.facilities[0].category = "conveniance_store".into();
        c.facilities[1].category = "便力店".into();
        c.facilities[2].category = "spaceship".into();
        c.walking.get_or_insert_with(Walking::default).nearest_m.insert("pharmcy".into(), 300.0);
        let err = crate::score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap_err();
        let zh = |field: &str| {
            let p = err.problems.iter().find(|p| p.field == field).unwrap_or_else(|| panic!("{field}: {err}"));
            let mut p = p.clone();
            p.message = String::new();
            p.text(Lang::Zh)
        };
        let name = st.category("convenience_store").unwrap().name.zh.clone();
        assert_eq!(
            zh("facilities[0].category"),
            format!(
                "本标准（longwan-2024）没有业态“conveniance_store”— 是不是 convenience_store（{name}）？业态请写本标准的编号、中文名或别名"
            )
        );
        assert!(zh("facilities[1].category").contains("是不是 convenience_store"), "{}", zh("facilities[1].category"));
        assert_eq!(
            zh("facilities[2].category"),
            "本标准（longwan-2024）没有业态“spaceship”：业态请写本标准的编号、中文名或别名（lifecircle show longwan-2024 列出全部业态）"
        );
        let pharmacy = st.category("pharmacy").unwrap().name.zh.clone();
        assert_eq!(
            zh("walking.nearest_m.pharmcy"),
            format!("本标准（longwan-2024）没有业态编号“pharmcy”— 是不是 pharmacy（{pharmacy}）？此处须写业态编号")
        );
    }

    /// A circle is an object: an array, read field by position, is refused, alone or in a list.
    #[test]
    fn a_circle_that_is_not_an_object_is_refused() {
        let one = Circle::from_json(" [\"a\",\"某社区\",false,null,[],9600,3200]").unwrap_err();
        let p = &one.problems[0];
        assert_eq!((p.code, p.field.as_str(), p.line, p.column), ("json", "", Some(1), Some(2)));
        // A short array too (serde would say "invalid length"), and a list of circles.
        for text in ["[\"a\", \"b\"]", "[{\"id\":\"a\",\"name\":\"A\"}]"] {
            let e = Circle::from_json(text).unwrap_err();
            assert!(e.problems[0].message.starts_with("a circle is a JSON object"), "{text}: {e}");
        }
        assert_eq!(
            p.text(crate::standard::Lang::Zh),
            "一个生活圈须写成对象（{…}，字段有名称），不能是按位置排列的列表"
        );
        let list = Circle::parse_json_list(
            "[{\"id\":\"a\",\"name\":\"A\"},\n [\"b\",\"某社区\",false,null,[],9600,3200], [\"c\",\"C\"]]",
        )
        .unwrap_err();
        let got: Vec<_> = list.problems.iter().map(|p| (p.field.as_str(), p.line, p.column)).collect();
        // Columns in characters: 某社区 is three columns (nine bytes) before circles[2].
        assert_eq!(got, [("circles[1]", Some(2), Some(2)), ("circles[2]", Some(2), Some(39))], "{list}");
        // Objects still read as before.
        assert_eq!(Circle::parse_json_list("[{\"id\":\"a\",\"name\":\"[\"}]").unwrap()[0].name, "[");
        assert_eq!(Circle::from_json(" {\"id\":\"a\",\"name\":\"b\"}").unwrap().id, "a");
    }

    /// 99,999,999 m typed for a walk is a slip: said, not scored as a far shop.
    #[test]
    fn a_walk_of_more_than_100_km_is_refused() {
        let err = Circle::from_json(
            r#"{"id":"a","name":"b","facilities":[{"category":"x","name":"y","walk_m":99999999}],
               "walking":{"nearest_m":{"x":100000}}}"#,
        )
        .unwrap_err();
        let got: Vec<_> = err.problems.iter().map(|p| (p.field.as_str(), p.message.as_str())).collect();
        assert_eq!(got, [("facilities[0].walk_m", "99999999 m is not a walking distance (at most 100000 m)")]);
        // The Chinese says as much as the English, values included.
        assert_eq!(
            err.problems[0].text(crate::standard::Lang::Zh),
            "数值不合理：99999999 米不像步行距离（最多 100000 米），可能多打了一位或单位不对"
        );
        let err = Circle::from_json(r#"{"id":"a","name":"b","population":-5}"#).unwrap_err();
        assert_eq!(
            err.problems[0].to_string(),
            "population: 数值不合理：-5 不能为负数、过大（超过 1000000000）或非数字 / -5 is not a plausible value (0 to 1000000000)"
        );
    }

    /// The Chinese of an out-of-range problem is written from its values, not read from the
    /// English: with the English reworded or gone it still says the value and the maximum.
    #[test]
    fn out_of_range_chinese_comes_from_values_not_the_english() {
        use crate::standard::Lang;
        let reworded = |mut p: InputProblem| {
            p.message = "Value rejected: has at most nothing; is not a walking distance".into();
            p.text(Lang::Zh)
        };
        let one = |text: &str| Circle::from_json(text).unwrap_err().problems.remove(0);
        assert_eq!(
            reworded(one(r#"{"id":"a","name":"b","population":-5}"#)),
            "数值不合理：-5 不能为负数、过大（超过 1000000000）或非数字"
        );
        assert_eq!(
            reworded(one(r#"{"id":"a","name":"b","walking":{"nearest_m":{"x":123456.5}}}"#)),
            "数值不合理：123456.5 米不像步行距离（最多 100000 米），可能多打了一位或单位不对"
        );
        assert_eq!(
            reworded(one(r#"{"id":"a","name":"b","location":{"centre":[200,30]}}"#)),
            "不是有效的“经度, 纬度”（经度 −180 至 180，纬度 −90 至 90）"
        );
        // Points above an evaluator indicator's maximum (found against the standard).
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let mut c = Circle::from_json(ex.json).unwrap();
        let (id, max) = st
            .indicators
            .iter()
            .find(|i| matches!(i.kind, crate::standard::Kind::Evaluator))
            .map(|i| (i.id.clone(), i.points))
            .unwrap();
        c.evaluator.insert(id.clone(), EvaluatorEntry { points: max + 2.5, note: "n".into(), evidence: None });
        let err = crate::score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap_err();
        let p = err.problems.into_iter().find(|p| p.field == format!("evaluator.{id}.points")).unwrap();
        assert_eq!(p.detail, Some(ProblemDetail::Points { given: max + 2.5, max }));
        let (given, max) = (crate::score::fmt_num(max + 2.5), crate::score::fmt_num(max));
        assert_eq!(reworded(p), format!("数值不合理：打分 {given} 分，超过该指标满分 {max} 分"));
        // An empty English message too; a problem without values still reads as Chinese.
        let p = InputProblem {
            code: "out_of_range",
            field: "figures.x".into(),
            line: None,
            column: None,
            message: String::new(),
            detail: Some(ProblemDetail::Number { value: f64::NAN }),
        };
        assert_eq!(p.text(Lang::Zh), "数值不合理：NaN 不能为负数、过大（超过 1000000000）或非数字");
        assert_eq!(p, p.clone(), "NaN values compare equal to themselves");
        assert_eq!(InputProblem { detail: None, ..p }.text(Lang::Zh), "数值不合理：超出合理范围");
    }

    /// A problem found after parsing is placed in the text: line and column of its value.
    #[test]
    fn problems_found_after_parsing_get_their_line() {
        let text = "{\n  \"id\": \"a\",\n  \"name\": \"b\",\n  \"facilities\": [\n    {\"category\": \"x\", \"name\": \"y\", \"walk_m\": -3}\n  ],\n  \"population\": 9600.5\n}";
        let mut err = Circle::from_json(text).unwrap_err();
        err.locate(text);
        let got: Vec<_> = err.problems.iter().map(|p| (p.field.as_str(), p.line, p.column)).collect();
        assert_eq!(got, [("population", Some(7), Some(17)), ("facilities[0].walk_m", Some(5), Some(46))]);
        // In a list of circles, with a byte-order mark: `circles[1].…` is the second element.
        let list = "\u{feff}[{\"id\":\"a\",\"name\":\"A\"},\n {\"id\":\"b\",\"name\":\"B\",\"households\":-1}]";
        let mut err = InputError {
            problems: vec![InputProblem {
                code: "out_of_range",
                field: "circles[1].households".into(),
                line: None,
                column: None,
                message: String::new(),
                detail: None,
            }],
        };
        err.locate(list);
        assert_eq!((err.problems[0].line, err.problems[0].column), (Some(2), Some(36)));
        // A field that is not in the text (a boundary point counted across rings) stays unplaced.
        err.problems[0].field = "circles[1].location.boundary[3]".into();
        err.problems[0].line = None;
        err.locate(list);
        assert_eq!(err.problems[0].line, None);
    }

    /// The centre test reads a ring as the walking reach's boundary test does (`geo`'s
    /// `Contains`, non-zero winding), on random rings, most of them crossing themselves.
    #[test]
    fn the_centre_test_reads_a_ring_as_the_walking_reach_does() {
        use geo::Contains;
        let mut next = crate::order::xorshift(0x5eed_b0d1_c0de_0001);
        let centre = [120.8125, 27.929];
        let (mut inside, mut outside) = (0, 0);
        for _ in 0..3000 {
            let n = 3 + (next() % 9) as usize;
            let ring: Vec<[f64; 2]> = (0..n)
                .map(|_| [120.80 + (next() % 25_000) as f64 * 1e-6, 27.92 + (next() % 20_000) as f64 * 1e-6])
                .collect();
            let polygon = geo::Polygon::new(ring.iter().map(|p| geo::Coord { x: p[0], y: p[1] }).collect(), vec![]);
            let contains = polygon.contains(&geo::Point::new(centre[0], centre[1]));
            let problem = boundary_problem(&Location { crs: Crs::default(), centre, boundary: Some(ring.clone()) });
            match problem.as_ref().map(|p| p.code) {
                None => inside += 1,
                Some("inconsistent") => outside += 1,
                // (three random points on one line: not drawn)
                _ => continue,
            }
            assert_eq!(problem.is_none(), contains, "{ring:?}");
        }
        assert!(inside > 500 && outside > 500, "{inside} inside, {outside} outside");
    }

    #[test]
    fn unknown_field_is_named_with_line() {
        let err = Circle::from_json("{\n  \"id\": \"a\",\n  \"name\": \"b\",\n  \"facilities\": [{\"category\": \"x\", \"name\": \"y\", \"colour\": 1}]\n}")
            .unwrap_err();
        let p = &err.problems[0];
        assert_eq!(p.code, "json");
        assert_eq!(p.line, Some(4));
        assert!(p.field.starts_with("facilities[0]"), "{}", p.field);
        assert!(p.message.contains("colour"), "{}", p.message);
    }

    #[test]
    fn absurd_values_are_all_reported() {
        let err = Circle::from_json(
            r#"{"id":"a","name":"b","population":-5,"location":{"centre":[200,30]},
               "surveys":{"overall":{"respondents":10,"satisfied":11}}}"#,
        )
        .unwrap_err();
        let fields: Vec<_> = err.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["population", "location.centre", "surveys.overall.satisfied"]);
    }

    /// Found by fuzzing: 5e-324 households divided 1100 m² into an infinite area per 100
    /// households, printed as 9223372036854775807 m², and the indicator was awarded in full.
    #[test]
    fn people_and_households_are_whole_numbers() {
        let err = Circle::from_json(r#"{"id":"a","name":"b","population":9600.5,"households":5e-324}"#).unwrap_err();
        let got: Vec<_> = err.problems.iter().map(|p| (p.code, p.field.as_str(), p.message.as_str())).collect();
        assert_eq!(
            got,
            [
                ("not_whole", "population", "9600.5 is not a whole number (a count of population)"),
                ("not_whole", "households", "5e-324 is not a whole number (a count of households)"),
            ]
        );
        assert_eq!(err.problems[1].text(crate::standard::Lang::Zh), "须为整数（人数、户数按个计）");
        // Whole numbers, zero among them (no data yet), are accepted; out of range is said once.
        assert!(Circle::from_json(r#"{"id":"a","name":"b","population":0,"households":3200}"#).is_ok());
        let err = Circle::from_json(r#"{"id":"a","name":"b","households":-0.5}"#).unwrap_err();
        assert_eq!(err.problems.iter().map(|p| p.code).collect::<Vec<_>>(), ["out_of_range"]);
    }

    #[test]
    fn parse_json_keeps_absurd_values_for_an_editor_but_not_broken_json() {
        let text = r#"{"id":"a","name":"b","population":-5,"walking":{"nearest_m":{"pharmacy":-1}}}"#;
        let c = Circle::parse_json(text).unwrap();
        assert_eq!(c.population, Some(-5.0));
        let fields: Vec<_> = c.check().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["population", "walking.nearest_m.pharmacy"]);
        assert_eq!(Circle::from_json(text).unwrap_err().problems.len(), 2, "from_json still refuses them");
        assert_eq!(Circle::from_json("\u{feff}{\"id\":\"bom\",\"name\":\"b\"}").unwrap().id, "bom", "a BOM is skipped");
        let err = Circle::parse_json(r#"{"id":"a","name":"b","colour":1}"#).unwrap_err();
        assert_eq!((err.problems[0].code, err.problems[0].line), ("json", Some(1)));
    }
}
