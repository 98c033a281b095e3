//! The standard file as written: a serde mirror of the TOML text.
//!
//! Nothing here is checked beyond syntax and field names (`deny_unknown_fields`).
//! [`super::resolve`] turns a chain of raw files into a [`super::Standard`], checking ids,
//! references, units, dates, points and citations once, and reporting every problem.
//!
//! # The format in one screen
//!
//! ```toml
//! [standard]                      # metadata
//! id = "longwan-2024"             # lowercase, digits and '-'
//! version = "0.1.0"
//! title = { zh = "…", en = "…" }
//! issuer = { zh = "…", en = "…" }
//! document = "温龙政办发明电〔2024〕24号"   # 文号 of the document it encodes
//! issued = "2024-07-20"           # dates are YYYY-MM-DD
//! effective = "2024-07-24"
//! ends = "2026-12-31"             # optional
//! level = "district"              # national | province | city | district
//! extends = "zhejiang-2023"       # optional parent standard id
//! status = "proposal"             # of the scoring scheme: official | trial | proposal
//! total_points = 100              # sum of all indicator points after `extends`
//! cite = { source = "…", clause = "…", confidence = "verified" }
//!
//! [[sources]]                     # documents that citations name by id
//! id = "lw-plan-2024"
//! title = "…"; number = "…"; issuer = "…"; date = "2024-07-20"; url = "…"
//!
//! [[params]]                      # cited numeric parameters (walking speed, detour factor)
//! id = "walking_speed_m_per_min"; value = 75; unit = "m/min"; zh = "…"; en = "…"; cite = {…}
//!
//! [[classes]]   code, zh, en, commercial (bool: counts as a 商业网点 for chain share), cite
//! [[forms]]     code, zh, en, cite                       # 集聚式 / 街区式 / 分散式
//! [[categories]] code, zh, en, class, aliases, osm = ["shop=convenience"], amap = ["060200"], cite
//! [[groups]]    code, zh, en, any_of = [category codes], cite   # OR-groups
//! [[figures]]   key, zh, en, unit ("m2" | "count" | …), cite   # numbers a circle supplies
//! [[dimensions]] id, zh, en, points (declared subtotal, optional)
//! [[indicators]] see `RawIndicator`
//! [[grades]]    id, zh, en, stars, min_points, below_points (optional), cite
//! [[targets]]   metric, year, at_least, unit, zh, en, cite     # district targets by year
//! [[removed]]   indicator, cite                # a parent's indicator this edition drops
//! ```
//!
//! Every citation is `{ source, clause, confidence, evidence?, reason?, quote? }`, where
//! `confidence` is `verified` or `provisional`; a provisional value must give a `reason`, a
//! verified one a `quote` or a `reason` saying why there is none ([`super::Cite::lacks`]).

use super::span::Sp;
use serde::Deserialize;

/// A zh-CN / English pair. Chinese is required; English is required too, so that
/// every user-facing text has both.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub zh: String,
    pub en: String,
}

/// Where a value comes from.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCite {
    /// Id of a `[[sources]]` entry (of this file or of a standard it extends).
    pub source: Sp<String>,
    /// Clause, table or section, e.g. `三(三)1` or `§一(二)`.
    #[serde(default)]
    pub clause: Option<String>,
    /// `verified` (read in the official text or a faithful reprint) or `provisional`
    /// (designed by this project, or not re-verified).
    pub confidence: Sp<String>,
    /// The research marker behind it: `V`, `V2`, `R`, `G` or `I`
    /// (see the project's standards research notes).
    #[serde(default)]
    pub evidence: Option<String>,
    /// Required when provisional: why this value was chosen.
    #[serde(default)]
    pub reason: Option<String>,
    /// The words of the source, where short enough to quote.
    #[serde(default)]
    pub quote: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStandard {
    pub standard: RawMeta,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub params: Vec<RawParam>,
    #[serde(default)]
    pub classes: Vec<RawClass>,
    #[serde(default)]
    pub forms: Vec<RawForm>,
    #[serde(default)]
    pub categories: Vec<RawCategory>,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    #[serde(default)]
    pub figures: Vec<RawFigure>,
    #[serde(default)]
    pub dimensions: Vec<RawDimension>,
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
    #[serde(default)]
    pub grades: Vec<RawGrade>,
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    #[serde(default)]
    pub units: Vec<RawUnit>,
    /// Indicators of a parent standard this edition no longer scores (`[[removed]]`).
    #[serde(default)]
    pub removed: Vec<RawRemoved>,
}

/// An inherited indicator this standard drops, with the citation that drops it. The indicator
/// is left out of the resolved standard (its points must be given to others, so that the
/// total still adds up); dropping one this file or no parent defines is an error.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRemoved {
    /// Id of the parent's indicator.
    pub indicator: Sp<String>,
    pub cite: RawCite,
}

/// A responsible unit's English name (`[[units]]`). Indicators' `responsible` name units in
/// Chinese, as the source writes them; this gives the English a reader of the English
/// reports sees.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    /// The Chinese name exactly as indicators' `responsible` writes it, without the lead mark `*`.
    pub zh: Sp<String>,
    pub en: Sp<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: Sp<String>,
    pub version: Sp<String>,
    pub title: RawText,
    pub issuer: RawText,
    /// 文号 of the document this standard encodes (or of its main source).
    pub document: Sp<String>,
    pub issued: Sp<String>,
    pub effective: Sp<String>,
    #[serde(default)]
    pub ends: Option<Sp<String>>,
    pub level: Sp<String>,
    #[serde(default)]
    pub extends: Option<Sp<String>>,
    /// The status of this file's scoring scheme (points, grade cut-offs), not of the documents it
    /// rests on: `official` (the scoring itself issued), `trial` (试行) or `proposal` (建议稿; also a
    /// scheme designed on official documents, as the built-in standards are).
    pub status: Sp<String>,
    /// Declared total of all indicator points after resolving `extends`.
    #[serde(default)]
    pub total_points: Option<Sp<f64>>,
    /// A family groups standards that score the same kind of thing
    /// (`commerce` for MOFCOM circles, `planning` for GB 50180 life-circle levels).
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub note: Option<RawText>,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Sp<String>,
    pub title: String,
    #[serde(default)]
    pub number: Option<String>,
    pub issuer: String,
    pub date: Sp<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawParam {
    pub id: Sp<String>,
    pub value: Sp<f64>,
    pub unit: Sp<String>,
    pub zh: String,
    pub en: String,
    #[serde(default, rename = "override")]
    pub override_: bool,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawClass {
    pub code: Sp<String>,
    pub zh: String,
    pub en: String,
    /// Whether outlets of this class count as 商业网点 (the denominator of chain share).
    pub commercial: bool,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawForm {
    pub code: Sp<String>,
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub note: Option<RawText>,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub code: Sp<String>,
    pub zh: String,
    pub en: String,
    pub class: Sp<String>,
    /// Other names a facility's `category` may give; a name or alias may mean one category only.
    #[serde(default)]
    pub aliases: Vec<Sp<String>>,
    /// OSM tags as `key=value` (or `key=*` for any value).
    #[serde(default)]
    pub osm: Vec<Sp<String>>,
    /// AMap (高德) POI type codes, 6 digits; a code ending in `00` matches its sub-codes.
    #[serde(default)]
    pub amap: Vec<Sp<String>>,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub code: Sp<String>,
    pub zh: String,
    pub en: String,
    pub any_of: Vec<Sp<String>>,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub key: Sp<String>,
    pub zh: String,
    pub en: String,
    pub unit: Sp<String>,
    #[serde(default)]
    pub help: Option<RawText>,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    pub id: Sp<String>,
    pub zh: String,
    pub en: String,
    /// Declared subtotal; when given, the indicators of this dimension must add up to it.
    #[serde(default)]
    pub points: Option<Sp<f64>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
}

/// One step of a stepped rule: `points` when the value is at least `at_least`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub at_least: f64,
    pub points: f64,
}

/// When an indicator applies. An indicator that does not apply scores as met (full points)
/// and says so.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawApplies {
    /// Circle forms (codes of `[[forms]]`) it applies to; empty means all.
    #[serde(default)]
    pub forms: Vec<Sp<String>>,
    /// Only for new residential areas (新建居住区) when true.
    #[serde(default)]
    pub new_residential: Option<bool>,
}

/// An indicator.
///
/// `kind` decides which of the optional parameter fields are required:
///
/// | kind | required | value it measures |
/// |---|---|---|
/// | `presence` | `target`; optional `within_minutes` or `within_m` | 1 when present (and near enough), else 0 |
/// | `distinct_count` | `targets` or `class` | number of distinct targets present |
/// | `count` | `target` | number of open outlets of the target |
/// | `ratio` | `numerator`, `denominator` (measures) | numerator / denominator, a fraction |
/// | `area_share` | `numerator`, `denominator` (area figures) | a fraction |
/// | `area_per_households` | `figure`, `per_households` | m² per that many households |
/// | `walk_coverage` | `target`, `within_minutes` | share of residents within reach, a fraction |
/// | `satisfaction` | `min_sample`; optional `survey` | satisfied / respondents, a fraction |
/// | `checklist` | (none) | 1 when done, else 0 |
/// | `evaluator` | (none) | the points an evaluator gives, 0 to `points`, with a note |
///
/// Measures for `ratio`: `chain_outlets`, `commercial_outlets`, `population`, `households`,
/// or `figure:<key>`.
///
/// Scoring rule (at most one): `at_least` (full points when value ≥ it), `linear = [zero, full]`
/// (points grow linearly from the first value to the second), `steps` (highest step reached).
/// `presence` and `checklist` default to `at_least = 1`; `evaluator` takes the given points.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: Sp<String>,
    pub dimension: Sp<String>,
    pub zh: String,
    pub en: String,
    pub kind: Sp<String>,
    /// Short help text shown beside the question in the self-assessment form.
    #[serde(default)]
    pub help: Option<RawText>,
    /// What to add or fix when this indicator is not met (the gap list's action).
    #[serde(default)]
    pub action: Option<RawText>,
    pub points: Sp<f64>,
    /// `scored` (default), `mandatory` (failing caps the grade at `cap`),
    /// `gate` (checked before points; failing withholds the grade or caps it at `cap`),
    /// `veto` (一票否决: failing withholds the grade).
    #[serde(default)]
    pub role: Option<Sp<String>>,
    /// Grade id a failed mandatory item or gate caps the result at; `none` withholds any grade.
    #[serde(default)]
    pub cap: Option<Sp<String>>,
    /// Replace the parent standard's indicator of the same id.
    #[serde(default, rename = "override")]
    pub override_: bool,
    /// 责任单位, exactly as the source lists them (a trailing `*` marks the lead unit).
    #[serde(default)]
    pub responsible: Vec<String>,
    #[serde(default)]
    pub applies: Option<RawApplies>,
    /// Where the requirement (what is measured and its threshold) comes from.
    pub cite: RawCite,
    /// Where the points and the partial-credit rule come from, when that differs from the
    /// requirement: typically an official threshold (`cite`, verified) weighted by this
    /// project's design (`points_cite`, provisional with its reason).
    #[serde(default)]
    pub points_cite: Option<RawCite>,

    // kind parameters
    #[serde(default)]
    pub target: Option<Sp<String>>,
    #[serde(default)]
    pub targets: Option<Vec<Sp<String>>>,
    #[serde(default)]
    pub class: Option<Sp<String>>,
    #[serde(default)]
    pub within_minutes: Option<Sp<f64>>,
    #[serde(default)]
    pub within_m: Option<Sp<f64>>,
    #[serde(default)]
    pub numerator: Option<Sp<String>>,
    #[serde(default)]
    pub denominator: Option<Sp<String>>,
    #[serde(default)]
    pub figure: Option<Sp<String>>,
    #[serde(default)]
    pub per_households: Option<Sp<f64>>,
    #[serde(default)]
    pub min_sample: Option<Sp<u32>>,
    #[serde(default)]
    pub survey: Option<String>,

    // scoring rule
    #[serde(default)]
    pub at_least: Option<Sp<f64>>,
    #[serde(default)]
    pub linear: Option<Sp<Linear>>,
    #[serde(default)]
    pub steps: Option<Sp<Vec<RawStep>>>,
}

/// `linear = [zero, full]`, read as a list of any length so that a list of three numbers is
/// reported rather than cut to its first two (as reading a pair would); described as a pair.
#[derive(Clone, Debug, Deserialize)]
#[serde(transparent)]
pub struct Linear(pub Vec<f64>);

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Linear {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <[f64; 2]>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <[f64; 2]>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <[f64; 2]>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        <[f64; 2]>::inline_schema()
    }
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawGrade {
    pub id: Sp<String>,
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub stars: Option<u8>,
    pub min_points: Sp<f64>,
    /// Exclusive upper bound; omitted for the top band.
    #[serde(default)]
    pub below_points: Option<Sp<f64>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    pub cite: RawCite,
}

#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// `circles_built`, `community_share`, `chain_share`, `satisfaction`,
    /// `professional_operators`, `circles_national`, …
    pub metric: Sp<String>,
    pub year: Sp<i32>,
    pub at_least: Sp<f64>,
    pub unit: Sp<String>,
    pub zh: String,
    pub en: String,
    pub cite: RawCite,
}
