//! The result of scoring one circle against one standard.
//!
//! An [`Assessment`] repeats what produced it (standard id, version and digest, `as_of`,
//! engine version, digest of the canonical input), so anyone can verify a score later.

use serde::Serialize;

use crate::date::Date;
use crate::standard::{Cite, Confidence, Rule, StandardRef, Text};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub engine: Engine,
    pub standard: StandardStamp,
    pub as_of: Date,
    /// SHA-256 (hex) of the canonical input: standard id and version, `as_of`, and the circle
    /// with its unordered lists sorted.
    pub input_digest: String,
    pub circle: CircleStamp,
    pub total: f64,
    pub max: f64,
    pub grade: GradeResult,
    pub dimensions: Vec<DimensionResult>,
    /// Gates, vetoes and mandatory items, gates and vetoes first, failed ones marked.
    pub checks: Vec<CheckResult>,
    pub indicators: Vec<IndicatorResult>,
    pub findings: Vec<Finding>,
    /// 缺什么补什么: what to add or fix, most urgent first.
    pub gaps: Vec<Gap>,
}

impl Assessment {
    /// A check's verdict in words: 通过, 未通过, or, for one failed because its data was not
    /// given, 缺数据，按未通过计 (a veto is not cleared on silence, but neither is it a
    /// recorded incident).
    pub fn verdict(&self, c: &CheckResult, lang: crate::standard::Lang) -> &'static str {
        let no_data = || self.indicators.iter().any(|r| r.id == c.indicator && r.status == Status::NoData);
        if c.passed {
            lang.pick("通过", "passed")
        } else if no_data() {
            lang.pick("缺数据，按未通过计", "no data, counted as failed")
        } else {
            lang.pick("未通过", "failed")
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Engine {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardStamp {
    pub id: String,
    pub version: String,
    pub title: Text,
    /// SHA-256 (hex) of the resolved standard's canonical JSON.
    pub digest: String,
    pub lineage: Vec<StandardRef>,
    /// Whether the standard is in force at `as_of`.
    pub in_force: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CircleStamp {
    pub id: String,
    pub name: String,
    /// Made-up sample data (示例数据).
    pub sample: bool,
    /// The data files its walking distances were measured from, when it says so
    /// (`walking.measured_from`): what measuring them again needs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measured_from: Vec<crate::circle::DataFile>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeRef {
    pub id: String,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stars: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeResult {
    /// The grade awarded, after caps; `None` when below every band or withheld.
    pub grade: Option<GradeRef>,
    /// The grade the points alone would give.
    pub by_points: Option<GradeRef>,
    /// Indicator ids whose failure capped or withheld the grade.
    pub capped_by: Vec<String>,
    pub explanation: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionResult {
    pub id: String,
    pub name: Text,
    pub points: f64,
    pub max: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckResult {
    pub indicator: String,
    pub name: Text,
    pub role: crate::standard::Role,
    pub passed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<crate::standard::Cap>,
}

/// How far an indicator is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Partly,
    NotMet,
    /// The data needed was not given: scores zero and is listed as a gap.
    NoData,
    /// The indicator does not apply to this circle: scores full points.
    NotApplicable,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub dimension: String,
    pub name: Text,
    pub kind: String,
    pub role: crate::standard::Role,
    pub points: f64,
    pub max: f64,
    pub status: Status,
    /// The measured value the rule was applied to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Unit of `value`: `fraction`, `count`, `min`, `m`, `m2_per_households`, `points`, `yes_no`.
    pub unit: String,
    /// The inputs it used, by name.
    pub inputs: crate::sorted_map::SortedMap<serde_json::Value>,
    pub rule: Rule,
    /// Where the requirement comes from, and how sure it is.
    pub cite: Cite,
    pub confidence: Confidence,
    /// Where the points come from, when the standard cites them separately.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_cite: Option<Cite>,
    /// How sure the points are (the requirement's confidence when not cited separately).
    pub points_confidence: Confidence,
    /// The standard file the indicator was written in.
    pub origin: String,
    /// One sentence: why this score.
    pub explanation: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code: `missing_data`, `distance_missing`, `sample_too_small`, `note_missing`,
    /// `coverage_from_centre`, `walks_without_facility`, `beyond_reach`, `provisional_values`,
    /// `requirement_after_as_of`, `standard_not_in_force`, `sample_data`, `planned_or_closed`,
    /// `origins_population`.
    pub code: String,
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    pub message: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    /// 1 veto, 2 gate, 3 mandatory, 4 scored.
    pub priority: u8,
    pub indicator: String,
    pub name: Text,
    pub status: Status,
    /// What to do.
    pub action: Text,
    /// Specifics: which types are missing, how far the nearest one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
    pub points_lost: f64,
    /// 责任单位, as the standard lists them (`*` marks the lead unit).
    pub responsible: Vec<String>,
    /// The same units in English, in the same order and with the same marks, when the
    /// standard names them in English (its `[[units]]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible_en: Vec<String>,
    /// How sure the requirement is: a provisional one is this project's design, not an
    /// official task, and the printed plan must say so.
    pub confidence: Confidence,
    /// How sure the points lost are.
    pub points_confidence: Confidence,
}

impl Gap {
    /// The responsible units in a language: English where the standard gives it, else as
    /// the standard lists them.
    pub fn units(&self, lang: crate::standard::Lang) -> &[String] {
        match lang {
            crate::standard::Lang::En if self.responsible_en.len() == self.responsible.len() => &self.responsible_en,
            _ => &self.responsible,
        }
    }
}

/// A responsible unit as a standard lists it, split into its name and whether it leads the
/// item (a trailing `*`, shown as 牵头).
pub fn split_lead(unit: &str) -> (&str, bool) {
    unit.strip_suffix('*').map_or((unit, false), |name| (name, true))
}

/// The short mark a reader sees beside an indicator or a gap whose requirement or points are
/// this project's design rather than official values ("要求暂定", "分值暂定", both), or
/// `None` when both are official. The CLI report, the score card and the gap report all use it.
pub fn provisional_mark(requirement: Confidence, points: Confidence) -> Option<Text> {
    match (requirement, points) {
        (Confidence::Verified, Confidence::Verified) => None,
        (Confidence::Verified, Confidence::Provisional) => Some(Text::new("分值暂定", "provisional points")),
        (Confidence::Provisional, Confidence::Verified) => Some(Text::new("要求暂定", "provisional requirement")),
        (Confidence::Provisional, Confidence::Provisional) => {
            Some(Text::new("要求与分值暂定", "provisional requirement and points"))
        }
    }
}

/// What the provisional marks mean, said once under every list that carries them. A mark
/// covers two kinds: this project's design (not official), and an official value known only
/// from memory or second-hand (evidence R or G, e.g. GB 50180's radii), not verified.
pub fn provisional_note() -> Text {
    Text::new(
        "注：标为“暂定”的要求、分值与阈值是本项目依据已核实事实设计的提议值（并非官方数值），或出自凭记忆或二手引用、未经核实的官方条文；官方数值均注明出处。",
        "Note: requirements, points and thresholds marked provisional are this project's proposal built on verified facts (not official values), or official values recalled or seen second-hand, not verified; official values cite their source.",
    )
}

/// What an official value read only in news reports or second-hand pages (evidence V2) is
/// said to be beside its source, wherever a reader sees the source: the explanations, the
/// district report, the form's and the dashboard's citation lines. (Chinese, English.)
pub const NEWS: (&str, &str) = ("据新闻报道或转述", "per news or second-hand reports");

/// A responsible unit's name for a reader: in English this project's translation `en` with
/// the office's own name `zh` after it, since the translations are not official; else `zh`.
pub fn responsible_name(lang: crate::standard::Lang, zh: &str, en: &str) -> String {
    match lang {
        crate::standard::Lang::En if en != zh => format!("{en} ({zh})"),
        _ => zh.to_string(),
    }
}
