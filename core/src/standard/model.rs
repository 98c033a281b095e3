//! The resolved standard: what scoring sees.
//!
//! Every id is checked, every reference points somewhere, every value carries its citation
//! and the id of the standard file it came from (`origin`), so a district standard that
//! extends a provincial one still says where each rule was set.

use serde::Serialize;

use crate::date::Date;

/// A zh-CN / English pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    /// The text in a language (`Lang::Zh` first).
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The language of a rendered text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The one of a Chinese and an English text in this language: `lang.pick("总分", "Total")`.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// How sure the project is of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Read in the official text, or a faithful reprint of it.
    Verified,
    /// Designed by this project, or not re-verified; the citation says why.
    Provisional,
}

/// Where a value comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cite {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    pub confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// What a citation lacks for the line between official and designed values
/// (standards/README.md, "官方值与设计值").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lacks {
    /// A verified value with neither a `quote` (words found in its source) nor a `reason`
    /// saying why there is none: nothing a reader could check, yet shown as official.
    QuoteOrReason,
    /// A provisional value without the `reason` it was chosen for.
    Reason,
}

impl Cite {
    /// What this citation lacks, if anything: the one rule, for every standard. Resolving a
    /// standard refuses a citation that lacks something (so the built-in standards, resolved
    /// by the test suite, keep it too); blank text counts as none.
    pub fn lacks(&self) -> Option<Lacks> {
        let has = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
        match self.confidence {
            Confidence::Verified if !has(&self.quote) && !has(&self.reason) => Some(Lacks::QuoteOrReason),
            Confidence::Provisional if !has(&self.reason) => Some(Lacks::Reason),
            _ => None,
        }
    }
}

/// Jurisdiction level of a standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    City,
    District,
}

/// A resolved standard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standard {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub issuer: Text,
    pub document: String,
    pub issued: Date,
    pub effective: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends: Option<Date>,
    pub level: Level,
    /// The status of the standard's scoring scheme (points, grade cut-offs), not of the
    /// documents it rests on: `official`, `trial` or `proposal` (standards/README.md).
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    pub total_points: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub cite: Cite,
    /// The chain of standards this one was resolved from, root first, this one last.
    pub lineage: Vec<StandardRef>,
    pub sources: Vec<Source>,
    pub params: Vec<Param>,
    pub classes: Vec<Class>,
    pub forms: Vec<Form>,
    pub categories: Vec<Category>,
    pub groups: Vec<Group>,
    pub figures: Vec<Figure>,
    pub dimensions: Vec<Dimension>,
    pub indicators: Vec<Indicator>,
    pub grades: Vec<Grade>,
    pub targets: Vec<DistrictTarget>,
    /// English names of the responsible units (none: the Chinese names are shown in English too).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    /// SHA-256 (hex) of this resolved standard's canonical JSON (everything above), computed
    /// once when it is resolved.
    #[serde(skip)]
    pub digest: String,
}

/// A responsible unit (责任单位): its Chinese name as indicators' `responsible` writes it
/// (without the lead mark `*`) and its English name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unit {
    pub zh: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardRef {
    pub id: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub issuer: String,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Param {
    pub id: String,
    pub value: f64,
    pub unit: String,
    pub name: Text,
    pub cite: Cite,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Class {
    pub code: String,
    pub name: Text,
    pub commercial: bool,
    pub cite: Cite,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Form {
    pub code: String,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub cite: Cite,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Category {
    pub code: String,
    pub name: Text,
    pub class: String,
    pub aliases: Vec<String>,
    pub osm: Vec<String>,
    pub amap: Vec<String>,
    pub cite: Cite,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub code: String,
    pub name: Text,
    pub any_of: Vec<String>,
    pub cite: Cite,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub key: String,
    pub name: Text,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    pub cite: Cite,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dimension {
    pub id: String,
    pub name: Text,
    /// Sum of the points of its indicators.
    pub points: f64,
    pub origin: String,
}

/// What an indicator's role is when it fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 一票否决: failing withholds the grade.
    Veto,
    /// Checked before points: failing withholds the grade or caps it.
    Gate,
    /// Required: failing caps the grade.
    Mandatory,
    /// Points only.
    Scored,
}

/// What a failed gate, veto or mandatory item does to the grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "grade")]
pub enum Cap {
    /// No grade at all.
    NoGrade,
    /// At most this grade id.
    AtMost(String),
}

/// A set of facility categories: one category, or an OR-group of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FacilitySet {
    /// The category or group code as written.
    pub code: String,
    pub name: Text,
    /// Member category codes (one for a category).
    pub categories: Vec<String>,
}

/// A distance limit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    Minutes(f64),
    Metres(f64),
}

/// A number a ratio is built from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "key")]
pub enum Measure {
    /// Open outlets of a commercial class that belong to a chain.
    ChainOutlets,
    /// Open outlets of a commercial class (商业网点).
    CommercialOutlets,
    Population,
    Households,
    /// A figure the circle supplies, by key.
    Figure(String),
}

/// What an indicator measures; see `raw::RawIndicator` for the table of kinds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Kind {
    Presence {
        target: FacilitySet,
        #[serde(skip_serializing_if = "Option::is_none")]
        within: Option<Reach>,
    },
    DistinctCount {
        targets: Vec<FacilitySet>,
    },
    Count {
        target: FacilitySet,
    },
    Ratio {
        numerator: Measure,
        denominator: Measure,
    },
    AreaShare {
        numerator: Measure,
        denominator: Measure,
    },
    AreaPerHouseholds {
        figure: String,
        per_households: f64,
    },
    WalkCoverage {
        target: FacilitySet,
        within_minutes: f64,
    },
    Satisfaction {
        survey: String,
        min_sample: u32,
    },
    Checklist,
    Evaluator,
}

impl Kind {
    /// The kind's name as written in standard files. Always inlined: the scoring module calls
    /// it once (`score`), where it was inlined until `validate`'s warnings called it too and the
    /// out-of-line copy cost the module 53 gzip bytes of its 200 KB budget.
    #[inline(always)]
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Presence { .. } => "presence",
            Kind::DistinctCount { .. } => "distinct_count",
            Kind::Count { .. } => "count",
            Kind::Ratio { .. } => "ratio",
            Kind::AreaShare { .. } => "area_share",
            Kind::AreaPerHouseholds { .. } => "area_per_households",
            Kind::WalkCoverage { .. } => "walk_coverage",
            Kind::Satisfaction { .. } => "satisfaction",
            Kind::Checklist => "checklist",
            Kind::Evaluator => "evaluator",
        }
    }
}

/// One step of a stepped rule.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Step {
    pub at_least: f64,
    pub points: f64,
}

/// How a measured value becomes points.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Rule {
    /// Full points when the value is at least `threshold`, else none.
    AtLeast { threshold: f64 },
    /// No points at `zero`, full points at `full`, linear between.
    Linear { zero: f64, full: f64 },
    /// The points of the highest step reached.
    Steps { steps: Vec<Step> },
    /// The points an evaluator gives, from 0 to the maximum.
    Given,
}

/// When an indicator applies.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Applies {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_residential: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicator {
    pub id: String,
    pub dimension: String,
    pub name: Text,
    #[serde(flatten)]
    pub kind: Kind,
    pub rule: Rule,
    pub points: f64,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<Text>,
    pub responsible: Vec<String>,
    pub applies: Applies,
    /// Where the requirement comes from.
    pub cite: Cite,
    /// Where the points come from, when that differs from the requirement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_cite: Option<Cite>,
    pub origin: String,
}

impl Indicator {
    /// Whether the requirement or the points are this project's design rather than official.
    pub fn provisional(&self) -> (bool, bool) {
        let req = self.cite.confidence == Confidence::Provisional;
        let pts = self.points_cite.as_ref().map_or(req, |c| c.confidence == Confidence::Provisional);
        (req, pts)
    }

    /// Whether the points read as official only because nothing says otherwise: points above 0,
    /// a verified requirement and no `points_cite`, so [`Indicator::provisional`] takes the
    /// requirement's confidence for the points. Resolving warns of it (it is no error: an issued
    /// document may set the points), and the built-in standards have none.
    pub fn points_uncited(&self) -> bool {
        self.points > 0.0 && self.cite.confidence == Confidence::Verified && self.points_cite.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grade {
    pub id: String,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stars: Option<u8>,
    pub min_points: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below_points: Option<f64>,
    pub cite: Cite,
    pub origin: String,
}

/// A district (or higher) progress target for a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictTarget {
    pub metric: String,
    pub year: i32,
    pub at_least: f64,
    pub unit: String,
    pub name: Text,
    pub cite: Cite,
    pub origin: String,
}

impl Standard {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code)
    }

    pub fn class(&self, code: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.code == code)
    }

    pub fn param(&self, id: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.id == id)
    }

    /// How far a circle reaches by this standard: the longest of its walks. A walking coverage
    /// or a presence within minutes counts at `metres_per_minute` (left out without one), a
    /// presence within metres as it stands. `None` when it sets no walk.
    ///
    /// # Units
    /// Metres.
    pub fn reach_m(&self, metres_per_minute: Option<f64>) -> Option<f64> {
        self.indicators
            .iter()
            .filter_map(|i| match &i.kind {
                Kind::WalkCoverage { within_minutes, .. } => metres_per_minute.map(|v| within_minutes * v),
                Kind::Presence { within: Some(Reach::Minutes(m)), .. } => metres_per_minute.map(|v| m * v),
                Kind::Presence { within: Some(Reach::Metres(m)), .. } => Some(*m),
                _ => None,
            })
            .filter(|m| m.is_finite() && *m > 0.0)
            .reduce(f64::max)
    }

    pub fn grade(&self, id: &str) -> Option<&Grade> {
        self.grades.iter().find(|g| g.id == id)
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The category a facility's written category names: its code, its Chinese or English
    /// name, or one of its aliases.
    pub fn find_category(&self, written: &str) -> Option<&Category> {
        let w = written.trim();
        self.category(w).or_else(|| {
            self.categories
                .iter()
                .find(|c| c.name.zh == w || c.name.en.eq_ignore_ascii_case(w) || c.aliases.iter().any(|a| a == w))
        })
    }

    /// Whether outlets of this category count as 商业网点.
    pub fn is_commercial(&self, category: &str) -> bool {
        self.category(category).and_then(|c| self.class(&c.class)).is_some_and(|c| c.commercial)
    }

    /// Whether a circle's evaluation date lies outside the standard's validity.
    pub fn in_force(&self, as_of: Date) -> bool {
        as_of >= self.effective && self.ends.is_none_or(|e| as_of <= e)
    }
}
