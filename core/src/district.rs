//! A district's circles measured against its standard's targets (`[[targets]]`).
//!
//! The Longwan plan sets district targets by year: circles built (6 / 10 / 14), the share of
//! communities with a circle, the chain share of commercial outlets (25 / 30 / 35 %) and
//! residents' satisfaction (≥ 90 %). A standard carries them as data; this module says, for
//! the circles a district has assessed, where each target stands. What the targets count is
//! official; how this module counts it from circle data is partly this project's reading, and
//! every target's `how` says which part (`provisional` where designed).
//!
//! Pure, like scoring: the circles come in already scored, the date and the number of
//! communities as arguments.

use serde::Serialize;

use crate::assessment::{Assessment, Engine, Finding, GradeRef, Status, responsible_name, split_lead};
use crate::circle::{Circle, InputError, InputProblem};
use crate::date::Date;
use crate::standard::{Cite, Confidence, Kind, Measure, Standard, Text};

/// The metrics this module counts from circle data.
pub const COUNTED: [&str; 4] = ["circles_built", "community_share", "chain_share", "satisfaction"];

/// A metric's name for a reader (a table's 指标 column): the four this module counts; `None`
/// for any other (the target's own text names it).
pub fn metric_name(metric: &str) -> Option<Text> {
    let (zh, en) = match metric {
        "circles_built" => ("累计建成生活圈个数", "Circles built (cumulative)"),
        "community_share" => ("创成生活圈的社区比例", "Share of communities with a circle"),
        "chain_share" => ("连锁店占商业网点比例（连锁化率）", "Chain share of commercial outlets"),
        "satisfaction" => ("居民综合满意度", "Residents' satisfaction"),
        _ => return None,
    };
    Some(Text::new(zh, en))
}

/// One circle's line in the district summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictCircle {
    pub id: String,
    pub name: String,
    /// The digest of the input its total and grade were scored from (its assessment's
    /// `input_digest`): `lifecircle verify` of that assessment ties the line to the circle's data.
    pub input_digest: String,
    /// Made-up sample data (`"sample": true`): the report labels it 示例数据, as every view
    /// does. Not serialised, so the district JSON stays as the widgets and the committed
    /// snapshot have it.
    #[serde(skip)]
    pub sample: bool,
    pub total: f64,
    pub max: f64,
    /// The grade awarded (after caps), if any.
    pub grade: Option<GradeRef>,
    /// Counted as built: it reaches a grade of the standard.
    pub built: bool,
    /// The year it was built (the circle's `built_year`), when given: a yearly target counts
    /// it from that year on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub built_year: Option<u32>,
    /// The vetoes, gates and mandatory items it failed (indicator id and name), which the
    /// report gives as the reason a circle is not built. Not serialised, as `sample`.
    #[serde(skip)]
    pub failed_checks: Vec<(String, Text)>,
    /// Those of `failed_checks` not answered (no data, counted as not passed), by indicator id:
    /// the report says so and what to do, rather than that the check failed. Not serialised.
    #[serde(skip)]
    pub unanswered_checks: Vec<String>,
    /// Its total reaches no grade at all (before any veto, gate or cap). Not serialised.
    #[serde(skip)]
    pub below_grades: bool,
    /// Open chain outlets and open commercial outlets, as the standard's chain share counts them.
    pub chain_outlets: u32,
    pub commercial_outlets: u32,
    /// The satisfaction survey the standard scores (`None` when the circle has none).
    pub respondents: Option<u32>,
    pub satisfied: Option<u32>,
    /// Its survey has fewer respondents than the standard's minimum, so the pooled
    /// satisfaction leaves it out, as scoring does. Not serialised, as `sample`.
    #[serde(skip)]
    pub survey_left_out: bool,
    /// Indicators it falls short of, and those it has no data for ([`District::gaps`] by
    /// circle). Not serialised, as `sample`.
    #[serde(skip)]
    pub gaps_short: u32,
    #[serde(skip)]
    pub gaps_no_data: u32,
}

/// Where one target stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetProgress {
    pub metric: String,
    pub year: i32,
    pub at_least: f64,
    /// `count` or `fraction`.
    pub unit: String,
    pub name: Text,
    pub cite: Cite,
    /// The cited document as a reader knows it ([`crate::score::cite_document`]): its number
    /// (or title), not the standard's internal source id (`cite.source`); with the clause,
    /// [`Self::source`]. In the JSON too, so that a portal shows the document without the
    /// standard at hand.
    pub document: String,
    /// The district's value; `None` when circle data cannot give it (see `how`).
    pub value: Option<f64>,
    /// `value ≥ at_least`; `None` without a value.
    pub met: Option<bool>,
    /// The target's year is the year of the evaluation date.
    pub this_year: bool,
    /// A target of the district: the standard's own, or one this module counts (circles
    /// built, community share, chain share, satisfaction). Targets a parent standard sets for
    /// the nation or the province are listed, not measured.
    pub district_level: bool,
    /// How the value is counted, or why there is none.
    pub how: Text,
    /// `provisional` when counted (every way of counting here is this project's reading of
    /// the target's text, said in `how`); `reported` when the district reported the value
    /// ([`District::with_reported`]); `none` without a value.
    pub counting: &'static str,
    /// The circles counted (ids, in list order): of `circles_built`, the built circles counted
    /// for the target's year; of `community_share`, the built circles whose communities are
    /// counted. `None` for the other metrics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<Vec<String>>,
    /// How far short of the target: circles more (`circles_built`), or communities more with a
    /// built circle (`community_share`). `None` when met, not measured, or of another metric.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_by: Option<u32>,
    /// Of a count (`circles_built`, `community_share`) that holds circles without a year built:
    /// how many, and how far short it is without them. A year's target is met, or not, partly on
    /// circles that may not have been there that year: the verdict says so, with what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated: Option<UndatedCount>,
}

/// The circles without a year built (`built_year`) in a year's count, which counts them in every
/// year ([`TargetProgress::undated`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct UndatedCount {
    /// The built circles counted that give no year built.
    pub circles: u32,
    /// How far short the target is without them (circles, or communities for
    /// `community_share`); 0 when it is met without them too.
    pub short_by: u32,
}

/// Circles of one list that look like the same circle under several ids: the same name, or the
/// same communities and the same facilities. Said, not refused (two circles can share a
/// community; a name can be reused): the district counts every one, and the reader checks.
///
/// One entry per group of such circles, not per pair: a thousand circles of one name are one
/// warning naming the first [`DUPLICATE_IDS_NAMED`] and counting the rest (as pairs they were
/// 499,500 warnings, a 121 MB report). Two circles are the pair the warning always named, said
/// in the same words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SuspectedDuplicate {
    /// The circles' ids, in list order: two or more, each once. Every one, not only those a
    /// warning names: a circle is in one group of each reason at most, so the JSON holds each
    /// id twice at most.
    pub ids: Vec<String>,
    /// `same_name`, or `same_communities_and_facilities`.
    pub reason: &'static str,
    /// Their names, as `ids`. Not serialised (the ids name them in the JSON).
    #[serde(skip)]
    pub names: Vec<String>,
}

/// At most this many circles of a [`SuspectedDuplicate`] are named in its warning; the others
/// are counted (`等 1000 个`).
pub const DUPLICATE_IDS_NAMED: usize = 10;

impl SuspectedDuplicate {
    /// The warning a report gives: two circles named both; more, the first
    /// [`DUPLICATE_IDS_NAMED`] named and all counted.
    pub fn text(&self, lang: crate::standard::Lang) -> String {
        use crate::standard::Lang;
        let same = self.reason == "same_name";
        if let ([a, b], [na, nb]) = (self.ids.as_slice(), self.names.as_slice()) {
            return match lang {
                Lang::Zh => format!(
                    "⚠ 疑似同一生活圈以不同编号列入两次：{na} [{a}] 与 {nb} [{b}]（{}），两者都已计入（建成个数、网点与满意度调查会重复计算）；如确为同一圈，请删去一个",
                    if same { "名称相同" } else { "所属社区与设施清单相同" }
                ),
                Lang::En => format!(
                    "⚠ Possibly one circle listed twice under two ids: {na} [{a}] and {nb} [{b}] ({}); both are counted (circles built, outlets and surveys counted twice); if they are the same circle, remove one",
                    if same { "the same name" } else { "the same communities and facilities" }
                ),
            };
        }
        let k = self.ids.len();
        let more = k.saturating_sub(DUPLICATE_IDS_NAMED);
        let named = |sep: &str| -> String {
            let each = self.ids.iter().zip(&self.names).take(DUPLICATE_IDS_NAMED);
            if same {
                each.map(|(id, _)| format!("[{id}]")).collect::<Vec<_>>().join(sep)
            } else {
                each.map(|(id, name)| format!("{name} [{id}]")).collect::<Vec<_>>().join(sep)
            }
        };
        let name = self.names.first().map_or("", |n| n.trim());
        match lang {
            Lang::Zh => {
                let rest = if more > 0 { format!(" 等 {k} 个") } else { String::new() };
                let which = if same {
                    format!("{k} 个生活圈名称均为“{name}”：{}{rest}", named("、"))
                } else {
                    format!("{}{rest}（所属社区与设施清单相同）", named("、"))
                };
                format!(
                    "⚠ 疑似同一生活圈以不同编号列入 {k} 次：{which}，都已计入（建成个数、网点与满意度调查会重复计算）；如确为同一圈，请只保留一个"
                )
            }
            Lang::En => {
                let rest = if more > 0 { format!(" and {more} more") } else { String::new() };
                let which = if same {
                    format!("{k} circles named “{name}”: {}{rest}", named(", "))
                } else {
                    format!("{}{rest} (the same communities and facilities)", named("; "))
                };
                format!(
                    "⚠ Possibly one circle listed {k} times under different ids: {which}; all are counted (circles built, outlets and surveys counted more than once); if they are the same circle, keep one"
                )
            }
        }
    }
}

impl DistrictCircle {
    /// Whether it counts as built, and if not, why: the vetoes, gates and mandatory items it
    /// failed, or a total below the lowest grade (`未建成（未通过：LW-V01）`).
    pub fn standing(&self, lang: crate::standard::Lang) -> String {
        use crate::standard::Lang;
        if self.built {
            return lang.pick("建成", "built").to_string();
        }
        let mut why = Vec::new();
        // Each with its name: an id alone says nothing to an official. A check failed for want
        // of an answer is said apart from one answered and failed: "LW-V01 failed" would report
        // an incident that nobody said happened.
        type Checks<'a> = Vec<&'a (String, Text)>;
        let (unanswered, failed): (Checks, Checks) =
            self.failed_checks.iter().partition(|(id, _)| self.unanswered_checks.contains(id));
        let named = |checks: &[&(String, Text)], sep: &str| {
            checks.iter().map(|(id, name)| format!("{id} {}", name.get(lang))).collect::<Vec<_>>().join(sep)
        };
        // The unanswered first: what the district can do something about.
        if !unanswered.is_empty() {
            why.push(match lang {
                Lang::Zh => format!("未作答，缺数据，按未通过计：{}；请评估机构确认后补填重交", named(&unanswered, "、")),
                Lang::En => format!(
                    "not answered, missing data counted as not passed: {}; have the evaluator confirm it, fill it in and resubmit",
                    named(&unanswered, "; ")
                ),
            });
        }
        if !failed.is_empty() {
            why.push(match lang {
                Lang::Zh => format!("未通过：{}", named(&failed, "、")),
                Lang::En => format!("failed: {}", named(&failed, "; ")),
            });
        }
        if self.below_grades || why.is_empty() {
            why.push(lang.pick("总分未达最低等级", "total below the lowest grade").to_string());
        }
        match lang {
            Lang::Zh => format!("未建成（{}）", why.join("；")),
            Lang::En => format!("not built ({})", why.join("; ")),
        }
    }
}

impl TargetProgress {
    /// A target the district reports a value for ([`District::with_reported`]): its own, and
    /// not one this module counts from circle data.
    pub fn reportable(&self) -> bool {
        self.district_level && !COUNTED.contains(&self.metric.as_str())
    }

    /// The citation as a reader reads it, as the score report gives it
    /// ([`crate::score::cite_text`]): the document and the clause.
    pub fn source(&self) -> String {
        crate::score::with_clause(self.document.clone(), &self.cite)
    }

    /// Whether the target's text names its year already (Longwan's do: “2025年…”), so that a
    /// report does not print the year twice.
    pub fn names_its_year(&self, lang: crate::standard::Lang) -> bool {
        let name = self.name.get(lang).trim_start();
        // “到2025年…” (by 2025) names it too.
        name.strip_prefix('到').unwrap_or(name).starts_with(&self.year.to_string())
    }

    /// What a reader must know of the target's words beside its source, empty when nothing:
    /// the Chinese wording is this project's unless it is the quote itself (the standards
    /// write a target's text in their own words: “中文表述为本项目所写，不是原文”), and a
    /// source read only in news reports or second-hand pages (evidence V2) is said to be.
    pub fn wording_note(&self, lang: crate::standard::Lang) -> String {
        let ours = self.cite.quote.as_deref() != Some(self.name.zh.as_str());
        let news = self.cite.evidence.as_deref() == Some("V2");
        let (news_zh, news_en) = crate::assessment::NEWS;
        let (a, b, sep) = match lang {
            crate::standard::Lang::Zh => ("表述为本项目转述，非原文", news_zh, "；"),
            crate::standard::Lang::En => ("worded by this project", news_en, "; "),
        };
        match (ours, news) {
            (true, true) => format!("{a}{sep}{b}"),
            (true, false) => a.to_string(),
            (false, true) => b.to_string(),
            (false, false) => String::new(),
        }
    }

    /// The value as a report shows it beside the target: at most 2 decimals (of a percentage
    /// for a fraction), but a value below its target is never rounded onto it or past it:
    /// 89.996 % of a 90 % target shows as 89.99 %, not as 90 % beside “not met”. The number
    /// shown ([`Self::shown`]) with `%` for a fraction; `—` without a value.
    pub fn value_text(&self) -> String {
        match self.shown() {
            Some(x) if self.unit == "fraction" => format!("{}%", crate::score::fmt_num(x)),
            Some(x) => crate::score::fmt_num(x),
            None => "—".into(),
        }
    }

    /// The number [`Self::value_text`] shows (a percentage for a fraction), unrounded where
    /// rounding would not change what is shown (the caller rounds to 2 decimals).
    pub fn shown(&self) -> Option<f64> {
        let v = self.value?;
        let scale = if self.unit == "fraction" { 100.0 } else { 1.0 };
        let (x, target) = (v * scale, self.at_least * scale);
        Some(if v < self.at_least && crate::score::round2(x) >= crate::score::round2(target) {
            // Cut, not rounded: what is shown stays below the target, as the value is.
            (x * 100.0).floor() / 100.0
        } else {
            x
        })
    }

    /// The target as a report shows it: a percentage for a fraction.
    pub fn target_text(&self) -> String {
        if self.unit == "fraction" {
            format!("{}%", crate::score::fmt_num(self.at_least * 100.0))
        } else {
            crate::score::fmt_num(self.at_least)
        }
    }

    /// How far short, in words (`差 3 个`, `还差 3 个社区`); `None` when [`Self::short_by`] is.
    pub fn short_text(&self, lang: crate::standard::Lang) -> Option<String> {
        let n = self.short_by?;
        let communities = self.metric == "community_share";
        Some(match (lang, communities) {
            (crate::standard::Lang::Zh, false) => format!("差 {n} 个"),
            (crate::standard::Lang::Zh, true) => format!("还差 {n} 个社区"),
            (crate::standard::Lang::En, false) => format!("{n} short"),
            (crate::standard::Lang::En, true) => {
                format!("{n} more {} needed", if n == 1 { "community" } else { "communities" })
            }
        })
    }

    /// What the verdict adds when the count holds circles without a year built
    /// ([`Self::undated`]): how many, and how far short without them. What to do is said once for
    /// all targets ([`District::undated_note`]). `None` when every circle counted gives its year.
    pub fn undated_text(&self, lang: crate::standard::Lang) -> Option<String> {
        let u = self.undated?;
        let communities = self.metric == "community_share";
        let (k, short) = (u.circles, u.short_by);
        Some(match lang {
            crate::standard::Lang::Zh => {
                let without = match (short, communities) {
                    (0, _) => "不计也达到".to_string(),
                    (n, false) => format!("不计则差 {n} 个"),
                    (n, true) => format!("不计则还差 {n} 个社区"),
                };
                format!("已计入未填建成年份的生活圈 {k} 个；{without}")
            }
            crate::standard::Lang::En => {
                let without = match (short, communities) {
                    (0, _) => "met without them too".to_string(),
                    (n, false) => format!("{n} short without them"),
                    (n, true) => {
                        format!("{n} more {} needed without them", if n == 1 { "community" } else { "communities" })
                    }
                };
                format!("{k} {} without a year built counted; {without}", if k == 1 { "circle" } else { "circles" })
            }
        })
    }

    /// Whether the target's year has come by `as_of`: a later year's target not met yet is
    /// not a failure (reports show it neutral).
    pub fn due(&self, as_of: Date) -> bool {
        self.year <= as_of.year()
    }

    /// What the value says of the target, on the data of `as_of` (the evaluation date): of
    /// this year's target, met or not; of a past year's, only whether it is met by now (the
    /// circles are as they are on that date, not as they were then); of a later year's,
    /// met ahead of time or not yet. A past year's count by year built (circles built,
    /// communities with one) not met was not met *by that year*: more may be built since, so
    /// it is not said to be still unmet (至今未达到 read as "today", of a count to 2024's end).
    pub fn verdict(&self, as_of: Date) -> Text {
        let by_year_built = matches!(self.metric.as_str(), "circles_built" | "community_share");
        let (zh, en) = match (self.met, self.year.cmp(&as_of.year())) {
            (Some(false), std::cmp::Ordering::Less) if by_year_built => (
                "✗ 未按期达到（按建成年份计至该年底）",
                "✗ not met by its year (counted by year built, to that year's end)",
            ),
            (None, _) => ("— 无法判断", "— not measured"),
            (Some(true), std::cmp::Ordering::Equal) => ("✓ 达到", "✓ met"),
            (Some(false), std::cmp::Ordering::Equal) => ("✗ 未达到", "✗ not met"),
            (Some(true), std::cmp::Ordering::Less) => (
                "✓ 现已达到（按评估日数据，非当年数据）",
                "✓ met by now (on the evaluation date's data, not that year's)",
            ),
            (Some(false), std::cmp::Ordering::Less) => ("✗ 至今未达到", "✗ still not met"),
            (Some(true), std::cmp::Ordering::Greater) => ("✓ 已提前达到", "✓ met ahead of its year"),
            (Some(false), std::cmp::Ordering::Greater) => {
                ("… 尚未达到（目标年份未到）", "… not yet met (its year is still to come)")
            }
        };
        Text::new(zh, en)
    }
}

/// Something the district's circles lack (缺什么补什么, for the whole district): an indicator
/// some circles fall short on or have no data for, the circles, and the units the standard
/// makes responsible for it, so that each unit can read its own list ([`District::units`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictGap {
    /// 1 veto, 2 gate, 3 mandatory, 4 scored, as in a circle's gap list.
    pub priority: u8,
    pub indicator: String,
    pub name: Text,
    /// What to do where a circle falls short, as the standard says it.
    pub action: Text,
    /// 责任单位, as the standard lists them (`*` marks a lead unit).
    pub responsible: Vec<String>,
    /// The same in English, when the standard names its units in English.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible_en: Vec<String>,
    /// How sure the requirement is (a provisional one is this project's design).
    pub confidence: Confidence,
    /// The circles that fall short of it (not met, or met in part), by id, in list order.
    pub short: Vec<String>,
    /// The circles whose data do not say (no data), by id: theirs to complete first.
    pub no_data: Vec<String>,
}

impl DistrictGap {
    /// The circles of `ids` as a reader sees them (`name_of` each), the first
    /// [`DUPLICATE_IDS_NAMED`] named and the rest counted (`…等 1000 个`): a list of a thousand
    /// circles short of one item, under each of its units, made a report of megabytes.
    pub fn some_named(ids: &[String], lang: crate::standard::Lang, name_of: impl Fn(&str) -> String) -> String {
        use crate::standard::Lang;
        let named: Vec<String> = ids.iter().take(DUPLICATE_IDS_NAMED).map(|id| name_of(id)).collect();
        let more = ids.len().saturating_sub(DUPLICATE_IDS_NAMED);
        match (lang, more) {
            (Lang::Zh, 0) => named.join("、"),
            (Lang::Zh, _) => format!("{} 等 {} 个", named.join("、"), ids.len()),
            (Lang::En, 0) => named.join("; "),
            (Lang::En, _) => format!("{} and {more} more", named.join("; ")),
        }
    }

    /// The units that lead on it: those the standard marks `*`, or all of them when it marks
    /// none (the units then share it). Without the mark.
    pub fn leads(&self) -> Vec<&str> {
        let marked: Vec<&str> =
            self.responsible.iter().map(|u| split_lead(u)).filter(|(_, lead)| *lead).map(|(u, _)| u).collect();
        if marked.is_empty() { self.responsible.iter().map(|u| split_lead(u).0).collect() } else { marked }
    }

    /// A unit's name in `lang`: English where the standard gives it, with the Chinese beside.
    pub fn unit_name(&self, unit: &str, lang: crate::standard::Lang) -> String {
        let en = self
            .responsible
            .iter()
            .position(|u| split_lead(u).0 == unit)
            .and_then(|i| self.responsible_en.get(i))
            .map_or(unit, |e| split_lead(e).0);
        responsible_name(lang, unit, en)
    }
}

/// The circles of a district and its targets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct District {
    pub standard: String,
    pub standard_version: String,
    /// SHA-256 (hex) of the resolved standard the circles were scored against (each
    /// assessment's `standard.digest`): which standard, exactly, a third party can check.
    pub standard_digest: String,
    /// What scored the circles and counted the targets.
    pub engine: Engine,
    pub as_of: Date,
    /// The communities in the district, when given (for `community_share`).
    pub communities: Option<u32>,
    /// Some of the standard's points are this project's design (so are the circles' totals).
    pub points_provisional: bool,
    /// The standard's grade cut-offs are this project's design (so is which circle is built).
    pub grades_provisional: bool,
    pub circles: Vec<DistrictCircle>,
    pub targets: Vec<TargetProgress>,
    /// What scoring says of the evaluation date, once for the district: the standard not in
    /// force on it (`standard_not_in_force`), a requirement from a later document
    /// (`requirement_after_as_of`). Taken from the circles' assessments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Circles that look like one circle listed more than once, a group each
    /// ([`suspected_duplicates`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<SuspectedDuplicate>,
    /// What the circles lack, by indicator: the most urgent first (veto, gate, mandatory,
    /// scored), then the one most circles fall short on, then in the standard's order.
    pub gaps: Vec<DistrictGap>,
}

/// Values a district reports for its own targets that circle data cannot give (Longwan's
/// `provincial_pilot`, `professional_operators`), by metric, as written: `metric=value`, several
/// separated by commas or semicolons (`provincial_pilot=1, professional_operators=2`); a
/// fraction may be written as a percentage (`30%`). Read by the CLI's `--reported`, the wasm's
/// `reported` and the dashboard's attribute alike; [`District::with_reported`] checks them
/// against the standard.
///
/// # Errors
/// A bilingual message naming the part that is not `metric=number`.
pub fn parse_reported(text: &str) -> Result<Vec<(String, f64)>, String> {
    let mut out = Vec::new();
    for part in text.split([',', ';', '，', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || {
            format!(
                "填报值“{part}”须写成 指标=数值（如 provincial_pilot=1） / reported value `{part}` must be metric=number (e.g. provincial_pilot=1)"
            )
        };
        let (metric, value) = part.split_once(['=', '＝']).ok_or_else(bad)?;
        let (metric, value) = (metric.trim(), value.trim());
        match decimal(value) {
            Some(v) if !metric.is_empty() => out.push((metric.to_string(), v)),
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// A number as a district writes it (`2`, `0.35`, `35%`): digits with at most one point, at
/// most 15 digits, a percentage divided by 100. Read without `str::parse::<f64>`, whose tables
/// would add about 15 KB gzip to the widgets; the same value as that parser gives, since it is
/// one correctly rounded division of two integers a double holds exactly.
fn decimal(s: &str) -> Option<f64> {
    let (digits, shift) = match s.strip_suffix(['%', '％']) {
        Some(p) => (p.trim_end(), 2),
        None => (s, 0),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all = || int.bytes().chain(frac.bytes());
    if int.len() + frac.len() == 0 || int.len() + frac.len() > 15 || !all().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = all().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    // Exact: 10^k for k ≤ 22 is a double, and so is every power on the way.
    Some(n as f64 / 10f64.powi(i32::try_from(frac.len() + shift).ok()?))
}

impl District {
    /// The summary with the values the district reports for its own targets that circle data
    /// cannot give (see [`parse_reported`]): [`Self::check_reported`], then
    /// [`Self::apply_reported`].
    ///
    /// # Errors
    /// Every refusal, each message Chinese first; nothing is applied then.
    pub fn with_reported(mut self, reported: &[(String, f64)]) -> Result<District, Vec<String>> {
        let problems = self.check_reported(reported);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.apply_reported(reported);
        Ok(self)
    }

    /// Why reported values cannot be taken, each message Chinese first (empty when they can): a
    /// metric of no target the district reports (one counted from circles, a parent standard's
    /// national or provincial target, or none of the standard's), a value no count or share
    /// can be, or a metric given twice.
    pub fn check_reported(&self, reported: &[(String, f64)]) -> Vec<String> {
        let mut reportable: Vec<&str> = Vec::new();
        for t in self.targets.iter().filter(|t| t.reportable()) {
            if !reportable.contains(&t.metric.as_str()) {
                reportable.push(&t.metric);
            }
        }
        let mut problems = Vec::new();
        for (i, (metric, value)) in reported.iter().enumerate() {
            let m = metric.as_str();
            if reported[..i].iter().any(|(other, _)| other == metric) {
                problems.push(format!("{m} 填报了两次 / {m} is reported twice"));
                continue;
            }
            if COUNTED.contains(&m) {
                problems.push(format!(
                    "{m} 由各圈数据计算，不能填报 / {m} is counted from the circles' data and cannot be reported"
                ));
                continue;
            }
            if !reportable.contains(&m) {
                let can = if reportable.is_empty() {
                    (
                        "本标准没有可填报的区级目标".to_string(),
                        "this standard has no district target to report".to_string(),
                    )
                } else {
                    (format!("可填报：{}", reportable.join("、")), format!("reportable: {}", reportable.join(", ")))
                };
                problems.push(format!(
                    "本标准（{}）没有可填报的区级目标 {m}（{}） / {} has no district target {m} to report ({})",
                    self.standard, can.0, self.standard, can.1
                ));
                continue;
            }
            let fraction = self.targets.iter().any(|t| t.metric == m && t.unit == "fraction");
            let ok = value.is_finite()
                && *value >= 0.0
                && if fraction { *value <= 1.0 } else { value.fract() == 0.0 && *value <= 1e6 };
            if !ok {
                let v = crate::score::fmt_num(*value);
                problems.push(if fraction {
                    format!("{m}={v}：比例须在 0 至 1 之间（或写 0% 至 100%） / {m}={v}: a share is from 0 to 1 (or 0% to 100%)")
                } else {
                    format!("{m}={v}：个数须为 0 或正整数 / {m}={v}: a count is a whole number, 0 or more")
                });
            }
        }
        problems
    }

    /// Each target the district reports takes its reported value (`counting` `reported`, its
    /// `how` saying it was not derived from circle data), and is met or not by it; values
    /// [`Self::check_reported`] refuses are the caller's to have checked.
    pub fn apply_reported(&mut self, reported: &[(String, f64)]) {
        for t in self.targets.iter_mut().filter(|t| t.reportable()) {
            let Some((_, v)) = reported.iter().find(|(m, _)| *m == t.metric) else { continue };
            t.value = Some(*v);
            t.met = Some(*v >= t.at_least);
            t.counting = "reported";
            let shown = t.value_text();
            t.how = Text::new(
                format!("区里填报：{shown}（不能由生活圈数据得出，未经本工具核实，以填报为准）。"),
                format!(
                    "Reported by the district: {shown} (not derived from circle data nor checked by this tool; as reported)."
                ),
            );
        }
    }

    /// The circles built on the evaluation date, by the rule a year's count uses: a grade of
    /// the standard, and a year built (`built_year`) no later than the evaluation year, or none.
    /// A report's headline gives this, not every circle with a grade: a circle built after the
    /// evaluation date does not exist on it.
    pub fn built_on_date(&self) -> usize {
        self.circles.iter().filter(|c| c.built && !self.after_date(c)).count()
    }

    /// Whether a circle's year built (`built_year`) is after the evaluation year: it does not
    /// exist on the evaluation date, and counts toward no target, shares included.
    pub fn after_date(&self, c: &DistrictCircle) -> bool {
        c.built_year.is_some_and(|y| i64::from(y) > i64::from(self.as_of.year()))
    }

    /// What a report says of the designed values right under the standard's line, when any
    /// are designed: the per-circle report's note ([`crate::assessment::provisional_note`]),
    /// with what it concerns here.
    pub fn provisional_note(&self, lang: crate::standard::Lang) -> Option<String> {
        let what = match (self.points_provisional, self.grades_provisional) {
            (false, false) => return None,
            (true, true) => lang.pick(
                "各圈得分与等级分数线（是否“建成”）均为暂定",
                "the circles' points and the grade cut-offs (what counts as built) are provisional",
            ),
            (true, false) => lang.pick("各圈得分为暂定", "the circles' points are provisional"),
            (false, true) => {
                lang.pick("等级分数线（是否“建成”）为暂定", "the grade cut-offs (what counts as built) are provisional")
            }
        };
        Some(match lang {
            crate::standard::Lang::Zh => format!("{what}。{}", crate::assessment::provisional_note().zh),
            crate::standard::Lang::En => format!("{what}. {}", crate::assessment::provisional_note().en),
        })
    }
}

/// Circles of one list that look like the same circle under several ids (ids themselves
/// repeated are [`repeated_ids`], refused): the same name (trimmed), or the same communities (by
/// code, else name; at least one) and the same facilities (category and name, in any order; at
/// least one). One entry per group of such circles ([`SuspectedDuplicate`]), each circle once
/// in a group (a circle whose id came earlier in it is left out); a group of the same
/// communities and facilities whose circles all have one name is said by its name already and
/// left out. In list order: by a group's second circle (where the list first repeats itself),
/// then its first.
///
/// Grouped by sorting, not by comparing every pair: n log n for any list (3,000 circles of one
/// name were 4.5 million pairs, and an abort on allocation).
pub fn suspected_duplicates(circles: &[&Circle]) -> Vec<SuspectedDuplicate> {
    // The circles with the same key, by position, each id once (the first place it has); groups
    // of two or more only. The sort is `order`'s shared one (the widgets link one copy).
    fn grouped<K: Ord>(mut keyed: Vec<(K, &str, usize)>) -> Vec<Vec<usize>> {
        crate::order::sort_by(&mut keyed, |a, b| a.cmp(b));
        let mut out = Vec::new();
        for chunk in keyed.chunk_by(|a, b| a.0 == b.0) {
            let mut members: Vec<usize> = Vec::new();
            for (k, (_, id, i)) in chunk.iter().enumerate() {
                // Sorted by id, then position: a repeated id follows its first place.
                if k == 0 || chunk[k - 1].1 != *id {
                    members.push(*i);
                }
            }
            if members.len() > 1 {
                crate::order::sort_by(&mut members, |a, b| a.cmp(b));
                out.push(members);
            }
        }
        out
    }
    fn communities(c: &Circle) -> Vec<&str> {
        let mut keys: Vec<&str> = c
            .communities
            .iter()
            .map(community)
            .map(|(code, name)| code.unwrap_or(name))
            .filter(|k| !k.is_empty())
            .collect();
        crate::order::sort_by(&mut keys, |a, b| a.cmp(b));
        keys.dedup();
        keys
    }
    fn facilities(c: &Circle) -> Vec<(&str, &str)> {
        // The same items, each as many times: sorted, not deduplicated.
        let mut items: Vec<(&str, &str)> = c.facilities.iter().map(|f| (f.category.trim(), f.name.trim())).collect();
        crate::order::sort_by(&mut items, |a, b| a.cmp(b));
        items
    }
    let by_name = grouped(
        circles
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.name.trim().is_empty())
            .map(|(i, c)| (c.name.trim(), c.id.as_str(), i))
            .collect(),
    );
    let by_content = grouped(
        circles
            .iter()
            .enumerate()
            .map(|(i, c)| ((communities(c), facilities(c)), c.id.as_str(), i))
            .filter(|((ks, fs), _, _)| !ks.is_empty() && !fs.is_empty())
            .collect(),
    );
    let mut groups: Vec<(Vec<usize>, &'static str)> = by_name.into_iter().map(|g| (g, "same_name")).collect();
    for g in by_content {
        let first = circles[g[0]].name.trim();
        if first.is_empty() || g.iter().any(|&i| circles[i].name.trim() != first) {
            groups.push((g, "same_communities_and_facilities"));
        }
    }
    // By the second circle, then the first; a name before the same circles' contents.
    crate::order::sort_by(&mut groups, |(a, ra), (b, rb)| {
        (a[1], a[0], *ra != "same_name").cmp(&(b[1], b[0], *rb != "same_name"))
    });
    groups
        .into_iter()
        .map(|(g, reason)| SuspectedDuplicate {
            ids: g.iter().map(|&i| circles[i].id.clone()).collect(),
            reason,
            names: g.iter().map(|&i| circles[i].name.clone()).collect(),
        })
        .collect()
}

/// The ids that more than one of `circles` has (each once, in order of first repeat). A
/// district summary must not count a circle twice: callers refuse such a list.
pub fn repeated_ids<'a>(circles: impl IntoIterator<Item = &'a Circle>) -> Vec<&'a str> {
    // (id, place) sorted: a repeated id's places are neighbours. Quadratic search of the list
    // for each id took minutes for a province's list.
    let mut keyed: Vec<(&str, usize)> = circles.into_iter().enumerate().map(|(j, c)| (c.id.as_str(), j)).collect();
    crate::order::sort_by(&mut keyed, |a, b| a.cmp(b));
    // Each repeated id once, by the place it is first repeated (its second place), in that order.
    let mut repeated: Vec<(usize, &str)> = (1..keyed.len())
        .filter(|&j| keyed[j].0 == keyed[j - 1].0 && (j < 2 || keyed[j - 2].0 != keyed[j].0))
        .map(|j| (keyed[j].1, keyed[j].0))
        .collect();
    crate::order::sort_by(&mut repeated, |a, b| a.cmp(b));
    repeated.into_iter().map(|(_, id)| id).collect()
}

/// What the CLI and the npm functions say when [`repeated_ids`] finds some. Given none, it is
/// what they say of a list with no circle at all ([`NO_CIRCLES`]): a [`Refused`] with no circle
/// unscored and none repeated is that list's, and a caller that says "the repeated ids" of such
/// a refusal says the right thing.
pub fn repeated_message(ids: &[impl AsRef<str>]) -> String {
    if ids.is_empty() {
        return NO_CIRCLES.to_string();
    }
    let ids: Vec<&str> = ids.iter().map(AsRef::as_ref).collect();
    format!(
        "同一编号出现多次（同一生活圈给了两次，或两个生活圈用了同一编号），会被重复计数：请删去重复的，或改用不同编号 / a circle id is given more than once (one circle twice, or two circles under one id) and would be counted twice: remove the repeat or give each circle its own id: {}",
        ids.join(", ")
    )
}

/// What [`summarise`] says of a list with no circle: a district of none is a mistake (an
/// empty file, the wrong list), not a summary with every target missed. Chinese first; the CLI
/// writes it after the file's name, the npm functions as a bad `circles` argument.
pub const NO_CIRCLES: &str =
    "列表中没有生活圈，全区汇总至少要有一个生活圈 / the list holds no circle: a district summary needs at least one";

/// Why a list of circles was not summarised. Every circle must score and none may be given
/// twice: a summary that left a circle out, or counted one twice, would miscount the circles
/// built. With no circle unscored and none repeated, the list held no circle at all
/// ([`Refused::is_empty_list`], [`NO_CIRCLES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Each circle that does not score: its place in the list (from 0) and its problems.
    pub unscored: Vec<(usize, InputError)>,
    /// The ids given more than once ([`repeated_ids`]).
    pub repeated: Vec<String>,
}

impl Refused {
    /// Whether the list was refused for holding no circle ([`NO_CIRCLES`]).
    pub fn is_empty_list(&self) -> bool {
        self.unscored.is_empty() && self.repeated.is_empty()
    }

    /// Every reason as one input error, each field prefixed with its circle
    /// (`circles[2].population`), the repeated ids as a problem of `circles` (code `repeated`);
    /// a list with no circle as a problem of `circles` with code `empty`.
    pub fn into_input_error(self) -> InputError {
        if self.is_empty_list() {
            return InputError {
                problems: vec![InputProblem {
                    code: "empty",
                    field: "circles".into(),
                    line: None,
                    column: None,
                    message: NO_CIRCLES.into(),
                    detail: None,
                }],
            };
        }
        let mut problems = Vec::new();
        for (i, e) in self.unscored {
            for mut p in e.problems {
                p.field =
                    if p.field.is_empty() { format!("circles[{i}]") } else { format!("circles[{i}].{}", p.field) };
                problems.push(p);
            }
        }
        if !self.repeated.is_empty() {
            problems.push(InputProblem {
                code: "repeated",
                field: "circles".into(),
                line: None,
                column: None,
                message: repeated_message(&self.repeated),
                detail: None,
            });
        }
        InputError { problems }
    }
}

/// Scores every circle under `st` and summarises them ([`district`]), or says why not: every
/// circle that does not score, every id given twice, or no circle at all ([`NO_CIRCLES`]:
/// the CLI, the npm functions and the dashboard all refuse an empty list here, in one place).
/// A caller that wants the standard's targets without circles calls [`district`] itself.
///
/// # Errors
/// [`Refused`], with all the reasons found.
pub fn summarise(
    st: &Standard,
    circles: &[Circle],
    as_of: Date,
    communities: Option<u32>,
) -> Result<District, Refused> {
    summarise_with(st, circles, as_of, communities, |c| scored(st, c, as_of))
}

/// What [`summarise`] reads of a circle: its assessment under `st` on `as_of` ([`Scored::of`]),
/// or every problem that keeps it from scoring, implausible values ([`implausible`]) included.
///
/// # Errors
/// The circle's problems.
pub fn scored(st: &Standard, c: &Circle, as_of: Date) -> Result<Scored, InputError> {
    match (crate::score(st, c, as_of), implausible(c)) {
        (Ok(a), more) if more.is_empty() => Ok(Scored::of(&a)),
        (Ok(_), more) => Err(InputError { problems: more }),
        (Err(mut e), more) => {
            e.problems.extend(more);
            Err(e)
        }
    }
}

/// [`summarise`], each circle read through `scored_of` (which must give what [`scored`] gives
/// under the same standard and date): a dashboard keeps what it read of circles it has scored
/// already, and one circle added to three thousand scores one.
///
/// # Errors
/// [`Refused`], with all the reasons found.
pub fn summarise_with(
    st: &Standard,
    circles: &[Circle],
    as_of: Date,
    communities: Option<u32>,
    mut scored_of: impl FnMut(&Circle) -> Result<Scored, InputError>,
) -> Result<District, Refused> {
    if circles.is_empty() {
        return Err(Refused { unscored: Vec::new(), repeated: Vec::new() });
    }
    let mut unscored = Vec::new();
    // What the summary reads of each assessment, not the assessment with its explanations: a
    // province's circles scored whole took gigabytes.
    let mut read = Vec::with_capacity(circles.len());
    for (i, c) in circles.iter().enumerate() {
        match scored_of(c) {
            Ok(s) => read.push((c, s)),
            Err(e) => unscored.push((i, e)),
        }
    }
    let repeated: Vec<String> = repeated_ids(circles).into_iter().map(str::to_string).collect();
    if !unscored.is_empty() || !repeated.is_empty() {
        return Err(Refused { unscored, repeated });
    }
    Ok(district_of(st, &read, as_of, communities))
}

/// The years a circle can have been built in (`built_year`), and a standard's target years (the
/// standard's check refuses others): input validation, not a standard's number (the first
/// 便民生活圈 pilots are of 2021; a year past 2100 is a slip).
pub const BUILT_YEARS: (u32, u32) = (2000, 2100);

/// What a district cannot count although scoring can: a `built_year` that is no year (20244,
/// 224: code `out_of_range`), and a survey with more respondents than the circle has residents
/// (when its population is given and not 0: code `inconsistent`), a slip (12000 typed for 1200)
/// that would outweigh every other survey in the district's pooled satisfaction. Checked here,
/// where they are used, rather than in [`Circle::check`] (which the npm scoring module carries,
/// and where one circle's own share is not weighted by its sample); each message Chinese first.
pub fn implausible(c: &Circle) -> Vec<InputProblem> {
    let problem = |code, field: String, message: String| InputProblem {
        code,
        field,
        line: None,
        column: None,
        message,
        detail: None,
    };
    let mut out = Vec::new();
    let (from, to) = BUILT_YEARS;
    if let Some(y) = c.built_year.filter(|y| !(from..=to).contains(y)) {
        out.push(problem(
            "out_of_range",
            "built_year".into(),
            format!("建成年份 {y} 不是合理的年份（应在 {from} 至 {to} 之间，如 2024） / {y} is not a plausible year built ({from} to {to})"),
        ));
    }
    if let Some(p) = c.population.filter(|p| *p > 0.0) {
        for (k, s) in c.surveys.iter().filter(|(_, s)| f64::from(s.respondents) > p) {
            let (r, p) = (s.respondents, crate::score::short_num(p));
            out.push(problem(
                "inconsistent",
                format!("surveys.{k}.respondents"),
                format!("受访人数（{r}）多于常住人口（population {p}） / {r} respondents in a circle of {p} residents"),
            ));
        }
    }
    out
}

/// A community as a circle lists it: its 区划代码 (when written) and its name, trimmed.
fn community(m: &crate::circle::Named) -> (Option<&str>, &str) {
    (m.code.as_deref().map(str::trim).filter(|k| !k.is_empty()), m.name.trim())
}

/// What a district summary reads of a circle's assessment ([`district_of`]): its total and
/// grade, the checks it failed and the evaluation date's warnings. A few hundred bytes, where
/// the assessment with its explanations, inputs and gaps is a hundred kilobytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// The assessment's `input_digest`.
    pub input_digest: String,
    pub total: f64,
    pub max: f64,
    /// The grade awarded (after caps), if any.
    pub grade: Option<GradeRef>,
    /// Its total reaches no grade at all (no grade by points).
    pub below_grades: bool,
    /// The vetoes, gates and mandatory items it failed (indicator id and name).
    pub failed_checks: Vec<(String, Text)>,
    /// Those of `failed_checks` failed for want of an answer (no data, counted as not passed),
    /// by indicator id: not the same as an answer that fails (an incident that happened).
    pub unanswered_checks: Vec<String>,
    /// Its findings about the evaluation date (`standard_not_in_force`,
    /// `requirement_after_as_of`), which the summary says once.
    pub date_findings: Vec<Finding>,
    /// Its gap list: each indicator's place in the standard (and in the assessment's
    /// `indicators`), no data (else short of it), and how sure the requirement is. Places, not
    /// ids: a province's circles each keep forty of them.
    pub gaps: Vec<(u32, bool, Confidence)>,
}

impl Scored {
    /// What [`district_of`] reads of `a`.
    pub fn of(a: &Assessment) -> Scored {
        Scored {
            input_digest: a.input_digest.clone(),
            total: a.total,
            max: a.max,
            grade: a.grade.grade.clone(),
            below_grades: a.grade.by_points.is_none(),
            failed_checks: a
                .checks
                .iter()
                .filter(|k| !k.passed)
                .map(|k| (k.indicator.clone(), k.name.clone()))
                .collect(),
            unanswered_checks: a
                .checks
                .iter()
                .filter(|k| !k.passed)
                .filter(|k| {
                    a.indicators.iter().any(|i| i.id == k.indicator && i.status == crate::assessment::Status::NoData)
                })
                .map(|k| k.indicator.clone())
                .collect(),
            date_findings: a
                .findings
                .iter()
                .filter(|f| matches!(f.code.as_str(), "standard_not_in_force" | "requirement_after_as_of"))
                .cloned()
                .collect(),
            gaps: a
                .gaps
                .iter()
                .filter_map(|g| {
                    let at = a.indicators.iter().position(|r| r.id == g.indicator)?;
                    Some((u32::try_from(at).ok()?, g.status == Status::NoData, g.confidence))
                })
                .collect(),
        }
    }
}

/// Summarises scored circles (each with the assessment [`crate::score`] gave it under `st`)
/// against the standard's targets: [`district_of`] of what it reads of each assessment.
pub fn district(st: &Standard, scored: &[(&Circle, &Assessment)], as_of: Date, communities: Option<u32>) -> District {
    let slim: Vec<(&Circle, Scored)> = scored.iter().map(|(c, a)| (*c, Scored::of(a))).collect();
    district_of(st, &slim, as_of, communities)
}

/// [`district`] from what it reads of each circle's assessment ([`Scored::of`]), so that a
/// caller scoring many circles need not keep their assessments.
pub fn district_of(st: &Standard, scored: &[(&Circle, Scored)], as_of: Date, communities: Option<u32>) -> District {
    let survey = st.indicators.iter().find_map(|i| match &i.kind {
        Kind::Satisfaction { survey, min_sample } => Some((survey.as_str(), *min_sample)),
        _ => None,
    });
    let circles: Vec<DistrictCircle> = scored
        .iter()
        .map(|(c, a)| {
            let [chain, commercial] =
                crate::score::measures(st, c, [&Measure::ChainOutlets, &Measure::CommercialOutlets])
                    .map(|v| v.unwrap_or(0.0) as u32);
            let s = survey.and_then(|(k, _)| c.surveys.get(k));
            DistrictCircle {
                id: c.id.clone(),
                name: c.name.clone(),
                input_digest: a.input_digest.clone(),
                sample: c.sample,
                total: a.total,
                max: a.max,
                grade: a.grade.clone(),
                built: a.grade.is_some(),
                built_year: c.built_year,
                failed_checks: a.failed_checks.clone(),
                unanswered_checks: a.unanswered_checks.clone(),
                below_grades: a.below_grades,
                chain_outlets: chain,
                commercial_outlets: commercial,
                respondents: s.map(|s| s.respondents),
                satisfied: s.map(|s| s.satisfied),
                survey_left_out: survey.zip(s).is_some_and(|((_, min), s)| s.respondents < min),
                gaps_short: a.gaps.iter().filter(|g| !g.1).count() as u32,
                gaps_no_data: a.gaps.iter().filter(|g| g.1).count() as u32,
            }
        })
        .collect();
    // Which circles a year's count holds: built (a grade now), and built in that year or before
    // (the year given as `built_year`; a circle built after the evaluation year is not there yet
    // on that date). A circle without the year is counted in every year, as before the field
    // existed, and said so.
    let last = |year: i32| u32::try_from(year.min(as_of.year())).unwrap_or(0);
    // The circles that exist in a year: built in it or before, or without the year. A year's
    // count, its shares of outlets and its pooled survey all read these, so that no year's
    // figure holds a circle that year's count leaves out.
    let exists_by = |year: i32| -> Vec<usize> {
        (0..circles.len()).filter(|&i| circles[i].built_year.is_none_or(|y| y <= last(year))).collect()
    };
    let built_by = |year: i32| -> Vec<usize> { exists_by(year).into_iter().filter(|&i| circles[i].built).collect() };
    let named = |ix: &[usize], sep: &str| {
        ix.iter().map(|&i| format!("{} [{}]", circles[i].name, circles[i].id)).collect::<Vec<_>>().join(sep)
    };
    // What the year rule left out or could not apply, for a year's `how`: of the built circles
    // (a count of circles built), or of every circle (a share of outlets or a pooled survey).
    let year_said = |year: i32, built_only: bool| -> (String, String) {
        let of = |i: usize| !built_only || circles[i].built;
        let later: Vec<usize> =
            (0..circles.len()).filter(|&i| of(i) && circles[i].built_year.is_some_and(|y| y > last(year))).collect();
        let unknown: Vec<usize> = (0..circles.len()).filter(|&i| of(i) && circles[i].built_year.is_none()).collect();
        let mut zh = String::new();
        let mut en = String::new();
        if !later.is_empty() {
            let y = last(year);
            zh += &format!(
                "建成年份晚于 {y} 年的 {} 个圈不计入（{y} 年时尚未建成）：{}。",
                later.len(),
                named(&later, "、")
            );
            en += &format!(
                " {} built after {y} not counted (not there yet in {y}): {}.",
                later.len(),
                named(&later, "; ")
            );
        }
        if !unknown.is_empty() && unknown.len() == (0..circles.len()).filter(|&i| of(i)).count() {
            if !built_only {
                // A share with no year at all is the evaluation date's, as every value here.
                return (zh, en);
            }
            // None has the year: said once, the list of circles counted names them.
            zh += "各圈均未填建成年份，按评估日的现状计入各年，未必当年已建成。";
            en += " No circle gives its year built (built_year): each is counted in every year, as it stands on the evaluation date, not necessarily built by then.";
        } else if !unknown.is_empty() {
            zh += &format!(
                "{} 个圈未填建成年份，按评估日的现状计入各年，未必当年已建成：{}。",
                unknown.len(),
                named(&unknown, "、")
            );
            en += &format!(
                " {} without a year built (built_year) counted in every year, as they stand on the evaluation date, not necessarily built by then: {}.",
                unknown.len(),
                named(&unknown, "; ")
            );
        }
        (zh, en)
    };
    let grades_said = if st.grades.iter().any(|g| g.cite.confidence == crate::standard::Confidence::Provisional) {
        (
            "等级分数线为本项目暂定设计值（非官方数值）。",
            "The grade cut-offs are this project's provisional design (not official values). ",
        )
    } else {
        ("", "")
    };
    // The communities with a built circle: the communities each built circle lists, by 区划代码
    // (a name written without one takes the code another entry gives that name), else by name;
    // a community two circles list counted once, and a circle that lists none counted as one
    // community of its own.
    let coded: Vec<(&str, &str)> = scored
        .iter()
        .zip(&circles)
        .filter(|(_, d)| d.built)
        .flat_map(|((c, _), _)| &c.communities)
        .map(community)
        .filter_map(|(code, name)| code.map(|k| (k, name)))
        .collect();
    // A community written by name only counts under the code another circle gives that name:
    // the first such code, found by name in a sorted copy (a province lists tens of thousands
    // of communities: a search of the list for each one was quadratic).
    let mut by_name: Vec<(&str, usize, &str)> =
        coded.iter().enumerate().filter(|(_, (_, n))| !n.is_empty()).map(|(j, (k, n))| (*n, j, *k)).collect();
    crate::order::sort_by(&mut by_name, |a, b| a.cmp(b));
    let code_of = |name: &str| {
        let at = by_name.partition_point(|(n, ..)| *n < name);
        by_name.get(at).filter(|(n, ..)| *n == name).map(|(.., k)| *k)
    };
    let communities_of = |ix: &[usize]| -> (u32, u32) {
        let mut covered: Vec<&str> = Vec::new();
        let mut unlisted = 0u32;
        for &i in ix {
            let keys = scored[i].0.communities.iter().map(community).map(|(code, name)| {
                code.or_else(|| if name.is_empty() { None } else { code_of(name) }).unwrap_or(name)
            });
            let before = covered.len();
            covered.extend(keys.filter(|k| !k.is_empty()));
            if covered.len() == before {
                unlisted += 1;
            }
        }
        crate::order::sort_by(&mut covered, |a, b| a.cmp(b));
        covered.dedup();
        (covered.len() as u32, unlisted)
    };
    // A year's shares count the circles that exist in that year ([`exists_by`]), built or not
    // (the district's shops and residents are there either way): said when circles not built
    // add to them.
    let among = |n: usize| match n {
        0 => (String::new(), String::new()),
        n => (format!("（含未建成的 {n} 个圈）"), format!(", the {n} not built among them")),
    };
    // Surveys pool as the satisfaction indicator counts them: a sample below the standard's
    // minimum is not used there, so it is not used here either.
    let min_sample = survey.map_or(0, |(_, m)| m);
    let usable = |c: &DistrictCircle| c.respondents.is_some_and(|r| r >= min_sample);
    struct Shares {
        chain: f64,
        commercial: f64,
        satisfied: f64,
        respondents: f64,
        shops_from: (String, String),
        surveys_from: (String, String),
        left_out: (String, String),
        any_left: bool,
    }
    let shares = |ix: &[usize]| -> Shares {
        let of = || ix.iter().map(|&i| &circles[i]);
        let sum = |f: fn(&DistrictCircle) -> u32| of().map(f).map(f64::from).sum::<f64>();
        let pooled = |f: fn(&DistrictCircle) -> Option<u32>| {
            of().filter(|c| usable(c)).filter_map(f).map(f64::from).sum::<f64>()
        };
        let left: Vec<usize> =
            ix.iter().copied().filter(|&i| circles[i].respondents.is_some_and(|r| r < min_sample)).collect();
        let none: Vec<usize> = ix.iter().copied().filter(|&i| circles[i].respondents.is_none()).collect();
        // The circles the pool leaves out, by name and id: too small a sample, or no survey at all.
        let mut left_out = (String::new(), String::new());
        if !left.is_empty() {
            let k = left.len();
            left_out.0 +=
                &format!("另有 {k} 个圈的样本少于 {min_sample} 份，与评分一样不予采用：{}。", named(&left, "、"));
            left_out.1 += &format!(
                " {k} circle(s) with fewer than {min_sample} respondents are left out, as in scoring: {}.",
                named(&left, "; ")
            );
        }
        if !none.is_empty() {
            let k = none.len();
            left_out.0 += &format!("{k} 个圈没有满意度调查，未计入：{}。", named(&none, "、"));
            left_out.1 +=
                &format!(" {k} circle(s) without a satisfaction survey are not counted: {}.", named(&none, "; "));
        }
        Shares {
            chain: sum(|c| c.chain_outlets),
            commercial: sum(|c| c.commercial_outlets),
            satisfied: pooled(|c| c.satisfied),
            respondents: pooled(|c| c.respondents),
            shops_from: among(of().filter(|c| !c.built && c.commercial_outlets > 0).count()),
            surveys_from: among(of().filter(|c| !c.built && usable(c)).count()),
            left_out,
            any_left: !left.is_empty(),
        }
    };
    let ids = |ix: &[usize]| ix.iter().map(|&i| circles[i].id.clone()).collect::<Vec<_>>();
    let targets = st
        .targets
        .iter()
        .map(|t| {
            let mut counted = None;
            let mut short_by = None;
            let mut undated = None;
            let (value, how, counting) = match t.metric.as_str() {
                "circles_built" => {
                    let ix = built_by(t.year);
                    let n = ix.len() as f64;
                    let (more_zh, more_en) = year_said(t.year, true);
                    if n < t.at_least {
                        short_by = Some((t.at_least - n).ceil() as u32);
                    }
                    counted = Some(ids(&ix));
                    let dated = ix.iter().filter(|&&i| circles[i].built_year.is_some()).count() as f64;
                    if dated < n {
                        undated = Some(UndatedCount {
                            circles: (n - dated) as u32,
                            short_by: if dated < t.at_least { (t.at_least - dated).ceil() as u32 } else { 0 },
                        });
                    }
                    (
                        Some(n),
                        Text::new(
                            format!("按本标准评定为某一等级（基础型及以上，未被否决或封顶取消）、且建成年份不晚于 {} 年的生活圈计入：{n} 个。{more_zh}{}“建成”如何认定、按建成年份计入各年为本项目设计（暂定）。", last(t.year), grades_said.0),
                            format!("Circles that reach a grade of this standard (basic or above, not withheld) and were built in {} or before: {n}.{more_en} {}What counts as built, and counting by the year built, are this project's reading (provisional).", last(t.year), grades_said.1),
                        ),
                        "provisional",
                    )
                }
                "community_share" => {
                    let ix = built_by(t.year);
                    let (covered, unlisted) = communities_of(&ix);
                    let with_circle = covered + unlisted;
                    let (more_zh, more_en) = year_said(t.year, true);
                    let unlisted_said = match unlisted {
                        0 => (String::new(), String::new()),
                        k => (
                            format!("；未填所属社区的 {k} 个圈各按一个社区计"),
                            format!("; {k} {} listing none counted as one each", if k == 1 { "circle" } else { "circles" }),
                        ),
                    };
                    match communities.filter(|n| *n > 0) {
                        Some(n) if with_circle > n => (
                            None,
                            Text::new(
                                format!("有建成生活圈的社区（{with_circle} 个）多于全区社区数（{n} 个），请核对社区总数与各圈填报的所属社区。"),
                                format!("More communities with a built circle ({with_circle}) than communities in the district ({n}): check the number of communities and the communities each circle lists."),
                            ),
                            "none",
                        ),
                        Some(n) => {
                            let share = f64::from(with_circle) / f64::from(n);
                            // The fewest communities that meet it, by the same comparison as `met`.
                            if share < t.at_least {
                                short_by = (with_circle..=n)
                                    .find(|k| f64::from(*k) / f64::from(n) >= t.at_least)
                                    .map(|k| k - with_circle);
                            }
                            counted = Some(ids(&ix));
                            let dated: Vec<usize> =
                                ix.iter().copied().filter(|&i| circles[i].built_year.is_some()).collect();
                            if dated.len() < ix.len() {
                                let (c, u) = communities_of(&dated);
                                let with = c + u;
                                undated = Some(UndatedCount {
                                    circles: (ix.len() - dated.len()) as u32,
                                    short_by: (with..=n)
                                        .find(|k| f64::from(*k) / f64::from(n) >= t.at_least)
                                        .map_or(0, |k| k - with),
                                });
                            }
                            (
                                Some(share),
                                Text::new(
                                    format!("有建成生活圈的社区 {with_circle} 个 ÷ 全区社区 {n} 个：按各建成圈（建成年份不晚于 {} 年）填报的所属社区计，多个圈所在的同一社区只计一次{}。{more_zh}（如何计数为本项目设计，暂定。）", last(t.year), unlisted_said.0),
                                    format!("Communities with a built circle ÷ communities in the district: {with_circle} ÷ {n}, counting the communities the circles built in {} or before list, each once{}.{more_en} (This project's reading, provisional.)", last(t.year), unlisted_said.1),
                                ),
                                "provisional",
                            )
                        }
                        None => (
                            None,
                            Text::new(
                                "需要全区社区总数：本次汇总未给出，给出后即可计算。",
                                "Needs the number of communities in the district: not given for this summary; given, the share is counted.",
                            ),
                            "none",
                        ),
                    }
                }
                "chain_share" | "satisfaction" => {
                    let s = shares(&exists_by(t.year));
                    let (more_zh, more_en) = year_said(t.year, false);
                    let (chain, commercial, satisfied, respondents) =
                        (s.chain, s.commercial, s.satisfied, s.respondents);
                    if t.metric == "chain_share" && commercial > 0.0 {
                        (
                            Some(chain / commercial),
                            Text::new(
                                format!("全区连锁店 {chain} 家 ÷ 商业网点 {commercial} 家：各圈{}营业中的商业类网点（本标准标为商业的业态大类）合计，与“连锁化率”指标同口径；全区合计与商业网点的范围为本项目的理解（暂定）。{more_zh}", s.shops_from.0),
                                format!("{chain} chain outlets ÷ {commercial} commercial outlets, summed over the circles{} (open outlets of the classes this standard marks commercial, as the chain-share indicator counts them); summing and the scope of commercial outlets are this project's reading (provisional).{more_en}", s.shops_from.1),
                            ),
                            "provisional",
                        )
                    } else if t.metric == "satisfaction" && respondents > 0.0 {
                        (
                            Some(satisfied / respondents),
                            Text::new(
                                format!("各圈{}满意度调查合并：满意 {satisfied} 人 ÷ 受访 {respondents} 人（合并样本为本项目设计，暂定）。{}{more_zh}", s.surveys_from.0, s.left_out.0),
                                format!("The circles' surveys pooled{}: {satisfied} satisfied ÷ {respondents} respondents (pooling is this project's reading, provisional).{}{more_en}", s.surveys_from.1, s.left_out.1),
                            ),
                            "provisional",
                        )
                    } else if t.metric == "satisfaction" && s.any_left {
                        (
                            None,
                            Text::new(format!("各圈没有可用的满意度调查。{}{more_zh}", s.left_out.0), format!("No circle has a usable satisfaction survey.{}{more_en}", s.left_out.1)),
                            "none",
                        )
                    } else {
                        (
                            None,
                            Text::new(format!("各圈没有可计算的数据（商业网点或满意度调查）。{more_zh}"), format!("No circle has the data (commercial outlets or a satisfaction survey).{more_en}")),
                            "none",
                        )
                    }
                }
                _ if t.origin != st.id => (
                    None,
                    Text::new(
                        format!("上级标准 {} 的目标，不按本区生活圈计算。", t.origin),
                        format!("A target of the parent standard {}, not counted from the district's circles.", t.origin),
                    ),
                    "none",
                ),
                _ => (
                    None,
                    // Words for every reader: the dashboard has a box under the target, the CLI
                    // says its own flag (`--reported`) on stderr.
                    Text::new(
                        "不能由生活圈数据得出，请另行核实；核实后可由区里填报其值。",
                        "Not derived from circle data; check it separately, then the district can report its value.",
                    ),
                    "none",
                ),
            };
            TargetProgress {
                metric: t.metric.clone(),
                year: t.year,
                at_least: t.at_least,
                unit: t.unit.clone(),
                name: t.name.clone(),
                cite: t.cite.clone(),
                document: crate::score::cite_document(st, &t.cite),
                value,
                met: value.map(|v| v >= t.at_least),
                this_year: t.year == as_of.year(),
                district_level: t.origin == st.id || COUNTED.contains(&t.metric.as_str()),
                how,
                counting,
                counted,
                short_by,
                undated,
            }
        })
        .collect();
    // The evaluation date's warnings, as scoring gives them (the same for every circle under
    // one standard and date): said once.
    let mut findings: Vec<Finding> = Vec::new();
    for f in scored.iter().flat_map(|(_, a)| &a.date_findings) {
        if !findings.contains(f) {
            findings.push(f.clone());
        }
    }
    let listed: Vec<&Circle> = scored.iter().map(|(c, _)| *c).collect();
    let gaps = gaps_of(st, scored);
    District {
        standard: st.id.clone(),
        standard_version: st.version.clone(),
        standard_digest: st.digest.clone(),
        // (as scoring stamps every assessment)
        engine: Engine { name: "lifecircle-core".into(), version: env!("CARGO_PKG_VERSION").into() },
        as_of,
        communities,
        points_provisional: st.indicators.iter().any(|i| i.provisional().1),
        grades_provisional: !grades_said.0.is_empty(),
        circles,
        targets,
        findings,
        duplicates: suspected_duplicates(&listed),
        gaps,
    }
}

/// What the circles lack, by indicator ([`District::gaps`]).
fn gaps_of(st: &Standard, scored: &[(&Circle, Scored)]) -> Vec<DistrictGap> {
    let mut gaps: Vec<DistrictGap> = Vec::new();
    for (at, ind) in st.indicators.iter().enumerate() {
        let mut g = DistrictGap {
            priority: crate::score::gap_priority(ind.role),
            indicator: ind.id.clone(),
            name: ind.name.clone(),
            action: crate::score::gap_action(ind, false),
            responsible: ind.responsible.clone(),
            responsible_en: crate::score::units_en(st, &ind.responsible),
            confidence: Confidence::Verified,
            short: Vec::new(),
            no_data: Vec::new(),
        };
        for (c, a) in scored {
            if let Some((_, no_data, conf)) = a.gaps.iter().find(|(i, _, _)| usize::try_from(*i) == Ok(at)) {
                if *conf == Confidence::Provisional {
                    g.confidence = Confidence::Provisional;
                }
                if *no_data { &mut g.no_data } else { &mut g.short }.push(c.id.clone());
            }
        }
        if !g.short.is_empty() || !g.no_data.is_empty() {
            gaps.push(g);
        }
    }
    // (stable: ties keep the standard's order)
    crate::order::sort_by(&mut gaps, |a, b| {
        a.priority.cmp(&b.priority).then(b.short.len().cmp(&a.short.len())).then(b.no_data.len().cmp(&a.no_data.len()))
    });
    gaps
}

/// The circles' names by id, found by a binary search ([`District::names`]).
pub struct CircleNames<'a>(Vec<(&'a str, &'a str)>);

impl<'a> CircleNames<'a> {
    /// The name of the circle `id` (the first listed under it), if any.
    pub fn get(&self, id: &str) -> Option<&'a str> {
        self.0.binary_search_by(|(k, _)| (*k).cmp(id)).ok().map(|i| self.0[i].1)
    }
}

impl District {
    /// The circles' names by id: the task lists name circles by id thousands of times (a
    /// search through the circles each time was quadratic in a province's list).
    pub fn names(&self) -> CircleNames<'_> {
        let mut by_id: Vec<(&str, &str)> = self.circles.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
        crate::order::sort_by_key(&mut by_id, |(id, _)| *id);
        CircleNames(by_id)
    }

    /// A count of circles built by a year holds circles without a year built: each such
    /// circle's own line says it is counted in every year.
    pub fn counts_undated(&self) -> bool {
        self.targets.iter().any(|t| t.undated.is_some())
    }

    /// Said once above the targets when a count holds circles without a year built
    /// ([`Self::counts_undated`]): how many circles built give no year, how they are counted, and
    /// what to do. Each target's verdict says how it stands without them
    /// ([`TargetProgress::undated_text`]).
    pub fn undated_note(&self, lang: crate::standard::Lang) -> Option<String> {
        let k = self.circles.iter().filter(|c| c.built && c.built_year.is_none()).count();
        (self.counts_undated() && k > 0).then(|| match lang {
            crate::standard::Lang::Zh => format!(
                "⚠ 有 {k} 个已建成的生活圈未填建成年份，已按评估日的现状计入各年目标（各项目标注明计入几个、不计则如何）；\
                 请填写建成年份（表单“建成年份”一栏，或数据中的 built_year）后重交。"
            ),
            crate::standard::Lang::En => format!(
                "⚠ {k} {} built without a year built {} counted in every year's targets as on the evaluation date (each \
                 target says how many, and how it stands without them); fill in the year built (“Year built” on the \
                 form, or built_year in the data) and resubmit.",
                if k == 1 { "circle" } else { "circles" },
                if k == 1 { "is" } else { "are" }
            ),
        })
    }

    /// Each unit that leads on something the circles lack ([`DistrictGap::leads`]), with those
    /// gaps (places in [`District::gaps`]), in the order the gaps first name them: the unit with
    /// the most urgent one first. A unit's own list (各责任单位任务清单).
    pub fn units(&self) -> Vec<(&str, Vec<usize>)> {
        let mut units: Vec<(&str, Vec<usize>)> = Vec::new();
        for (i, g) in self.gaps.iter().enumerate() {
            for u in g.leads() {
                match units.iter_mut().find(|(x, _)| *x == u) {
                    Some((_, list)) => list.push(i),
                    None => units.push((u, vec![i])),
                }
            }
        }
        units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`repeated_ids`] as it was written first (a search of the list for each id): the
    /// reference for the sorted one.
    fn repeated_by_search<'a>(ids: &[&'a str]) -> Vec<&'a str> {
        let (mut seen, mut repeated): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        for &id in ids {
            if !seen.contains(&id) {
                seen.push(id);
            } else if !repeated.contains(&id) {
                repeated.push(id);
            }
        }
        repeated
    }

    /// `summarise` keeps only [`Scored`] of each assessment: the summary still says what the
    /// whole assessments say, circle by circle, for 50 circles that differ (built or not,
    /// failed checks, grades, years built, surveys), and the date's warnings once each.
    #[test]
    fn a_summary_from_slim_records_says_what_the_whole_assessments_say() {
        let st = crate::load_builtin("longwan-2024").unwrap();
        let base: serde_json::Value =
            serde_json::from_str(crate::example::example("longwan-2024").unwrap().json).unwrap();
        // Before some requirements apply: the date's warnings are there to be said once.
        let as_of: Date = "2024-03-01".parse().unwrap();
        let circles: Vec<Circle> = (0..50)
            .map(|i| {
                let mut c = base.clone();
                c["id"] = format!("330303{i:06}").into();
                c["name"] = format!("第{i}号生活圈").into();
                c["communities"] = serde_json::json!([{"code": format!("33{i:010}"), "name": format!("社区{i}")}]);
                c["built_year"] = (2022 + i % 4).into();
                if let Some(fs) = c["facilities"].as_array_mut() {
                    fs.truncate(fs.len().saturating_sub(i % 9 * 4));
                }
                if i % 6 == 0 {
                    c.as_object_mut().unwrap().remove("surveys");
                }
                Circle::from_json(&c.to_string()).unwrap()
            })
            .collect();
        let d = summarise(&st, &circles, as_of, Some(60)).unwrap();
        let whole: Vec<Assessment> = circles.iter().map(|c| crate::score(&st, c, as_of).unwrap()).collect();
        let pairs: Vec<(&Circle, &Assessment)> = circles.iter().zip(&whole).collect();
        assert_eq!(d, district(&st, &pairs, as_of, Some(60)));
        let built = d.circles.iter().filter(|c| c.built).count();
        assert!(built > 0 && built < 50, "{built} of 50 built: the circles should differ");
        for (dc, a) in d.circles.iter().zip(&whole) {
            assert_eq!((dc.total, dc.max), (a.total, a.max));
            assert_eq!(dc.grade, a.grade.grade);
            assert_eq!(dc.built, a.grade.grade.is_some());
            assert_eq!(dc.below_grades, a.grade.by_points.is_none());
            let failed: Vec<(String, Text)> =
                a.checks.iter().filter(|k| !k.passed).map(|k| (k.indicator.clone(), k.name.clone())).collect();
            assert_eq!(dc.failed_checks, failed);
        }
        let mut dated: Vec<&Finding> = Vec::new();
        for f in whole.iter().flat_map(|a| &a.findings) {
            if ["standard_not_in_force", "requirement_after_as_of"].contains(&f.code.as_str()) && !dated.contains(&f) {
                dated.push(f);
            }
        }
        assert!(!dated.is_empty(), "the date should give warnings");
        assert_eq!(d.findings.iter().collect::<Vec<_>>(), dated);
    }

    /// A summary names what produced it: the standard's digest and the engine, as every
    /// assessment does, and each circle's input digest, so that each line can be tied to the
    /// assessment (and `verify`) it came from; in the JSON a third party reads.
    #[test]
    fn a_summary_is_tied_to_its_standard_engine_and_circles() {
        let st = crate::load_builtin("longwan-2024").unwrap();
        let as_of: Date = "2025-06-30".parse().unwrap();
        let sample = Circle::from_json(crate::example::example("longwan-2024").unwrap().json).unwrap();
        let other = Circle::from_json(r#"{"id": "c", "name": "丙圈"}"#).unwrap();
        let d = summarise(&st, &[sample.clone(), other.clone()], as_of, Some(20)).unwrap();
        let whole = [crate::score(&st, &sample, as_of).unwrap(), crate::score(&st, &other, as_of).unwrap()];
        assert_eq!(d.standard_digest, st.digest);
        for (dc, a) in d.circles.iter().zip(&whole) {
            assert_eq!(d.standard_digest, a.standard.digest);
            assert_eq!(d.engine, a.engine);
            assert_eq!(dc.input_digest, a.input_digest);
        }
        assert_ne!(d.circles[0].input_digest, d.circles[1].input_digest);
        let json: serde_json::Value = serde_json::to_value(&d).unwrap();
        assert_eq!(json["standard_digest"], st.digest.as_str());
        assert_eq!(json["engine"]["name"], "lifecircle-core");
        assert_eq!(json["engine"]["version"], whole[0].engine.version.as_str());
        assert_eq!(json["circles"][0]["input_digest"], whole[0].input_digest.as_str());
        // The table of targets ends every row with the same (its last two columns).
        let csv = crate::table::district(&d, crate::standard::Lang::Zh);
        let mut rows = csv.trim_start_matches('\u{feff}').split("\r\n").filter(|r| !r.is_empty());
        assert!(rows.next().unwrap().ends_with(",评估日期,标准摘要 (SHA-256),计算引擎"));
        let tail = format!(",{},lifecircle-core {}", st.digest, whole[0].engine.version);
        assert!(rows.all(|r| r.ends_with(&tail)), "{csv}");
        // With no circle yet (a dashboard before its first circle), the standard and engine still.
        let empty = district(&st, &[], as_of, None);
        assert_eq!((empty.standard_digest.as_str(), &empty.engine), (st.digest.as_str(), &whole[0].engine));
    }

    /// Longwan's example circle as `id`, built in `year` (or without a year), with its last
    /// `drop` facilities removed and its satisfaction survey `satisfied` of `respondents`.
    fn circle_of(id: &str, year: Option<u32>, drop: usize, survey: (u32, u32)) -> Circle {
        let mut c: serde_json::Value =
            serde_json::from_str(crate::example::example("longwan-2024").unwrap().json).unwrap();
        c["id"] = id.into();
        c["name"] = format!("{id}圈").into();
        c["communities"] = serde_json::json!([{"code": format!("3303030{id}"), "name": format!("{id}社区")}]);
        match year {
            Some(y) => c["built_year"] = y.into(),
            None => {
                c.as_object_mut().unwrap().remove("built_year");
            }
        }
        let fs = c["facilities"].as_array_mut().unwrap();
        fs.truncate(fs.len() - drop);
        let key = c["surveys"].as_object().unwrap().keys().next().unwrap().clone();
        c["surveys"][&key]["satisfied"] = survey.0.into();
        c["surveys"][&key]["respondents"] = survey.1.into();
        Circle::from_json(&c.to_string()).unwrap()
    }

    /// A year's chain share and pooled satisfaction count the circles that exist in that year
    /// by the rule of that year's count (a year built no later than the target's year and the
    /// evaluation year, or none), not every circle listed; the report's headline counts the
    /// circles built on the evaluation date by the same rule, and the 口径 names those left out.
    #[test]
    fn a_years_shares_and_the_headline_count_the_circles_of_that_year() {
        let st = crate::load_builtin("longwan-2024").unwrap();
        let circles = [
            circle_of("A", Some(2024), 0, (180, 200)),
            circle_of("B", Some(2024), 6, (150, 150)),
            circle_of("C", None, 3, (100, 120)),
            // Built after the evaluation date: no chain outlet, and a survey unlike the others'.
            {
                let mut d = circle_of("D", Some(2025), 0, (10, 400));
                d.facilities.iter_mut().for_each(|f| f.chain = false);
                d
            },
        ];
        let as_of: Date = "2024-12-31".parse().unwrap();
        let d = summarise(&st, &circles, as_of, Some(40)).unwrap();
        assert!(
            d.circles.iter().all(|c| c.built),
            "{:?}",
            d.circles.iter().map(|c| c.standing(crate::standard::Lang::Zh)).collect::<Vec<_>>()
        );
        // By hand, from each circle's own outlets (as MC-S02 counts them) and surveys: A, B, C.
        let of = |ids: &[&str], f: fn(&DistrictCircle) -> u32| -> f64 {
            d.circles.iter().filter(|c| ids.contains(&c.id.as_str())).map(|c| f64::from(f(c))).sum()
        };
        let existing = ["A", "B", "C"];
        let chain = of(&existing, |c| c.chain_outlets) / of(&existing, |c| c.commercial_outlets);
        let all = of(&["A", "B", "C", "D"], |c| c.chain_outlets) / of(&["A", "B", "C", "D"], |c| c.commercial_outlets);
        assert_ne!(chain, all, "D's outlets should change the share");
        let target = |metric: &str, year: i32| d.targets.iter().find(|t| t.metric == metric && t.year == year).unwrap();
        for year in [2024, 2025, 2026] {
            let t = target("chain_share", year);
            assert_eq!(t.value, Some(chain), "{year}");
            assert!(
                t.how.zh.contains("建成年份晚于 2024 年的 1 个圈不计入") && t.how.zh.contains("D圈 [D]"),
                "{}",
                t.how.zh
            );
            assert!(t.how.en.contains("D圈 [D]"), "{}", t.how.en);
        }
        // 180 + 150 + 100 of 200 + 150 + 120; D's 10 of 400 left out.
        let t = target("satisfaction", 2026);
        assert_eq!(t.value, Some(430.0 / 470.0));
        assert!(t.how.zh.contains("D圈 [D]"), "{}", t.how.zh);
        // The headline: three built on the date, as the year's count; D said apart.
        assert_eq!(target("circles_built", 2024).value, Some(3.0));
        assert_eq!(d.built_on_date(), 3);
        let zh = crate::report::render_district(&d, crate::standard::Lang::Zh, crate::report::Format::Text);
        assert!(zh.contains("生活圈：4 个（建成 3 个；另有 1 个建成年份晚于 2024 年"), "{zh}");
        let en = crate::report::render_district(&d, crate::standard::Lang::En, crate::report::Format::Text);
        assert!(en.contains("Circles: 4 (3 built; 1 more built after 2024"), "{en}");
        // D's line says it meets the standard, not 建成 beside a year after the date.
        let line =
            |t: &str, id: &str| t.lines().find(|l| l.contains(&format!("[{id}]"))).unwrap_or_default().to_string();
        assert!(line(&zh, "D").contains("，达到建成要求；建成年份：2025（晚于评估日期"), "{zh}");
        assert!(line(&en, "D").contains(", meets the standard; built in 2025 (after the evaluation date"), "{en}");
        assert!(line(&zh, "A").contains("，建成；建成年份：2024；"), "{zh}");
        // A circle built after today's year (2027 on a 2026 date) is not built on the date either.
        let later = [circle_of("A", Some(2024), 0, (180, 200)), circle_of("E", Some(2027), 0, (180, 200))];
        let d = summarise(&st, &later, "2026-06-30".parse().unwrap(), None).unwrap();
        assert_eq!(d.built_on_date(), 1);
        assert_eq!(d.targets.iter().find(|t| t.metric == "circles_built" && t.year == 2026).unwrap().value, Some(1.0));
    }

    /// A veto, gate or mandatory item failed for want of an answer is said so, with what to
    /// do; one answered and failed (an incident happened) reads as before.
    #[test]
    fn an_unanswered_veto_is_not_said_to_have_failed() {
        use crate::standard::Lang;
        let st = crate::load_builtin("longwan-2024").unwrap();
        let with = |answer: Option<bool>| {
            let mut c: serde_json::Value =
                serde_json::from_str(crate::example::example("longwan-2024").unwrap().json).unwrap();
            c["id"] = "V".into();
            match answer {
                Some(done) => c["checklist"]["LW-V01"] = serde_json::json!({"done": done}),
                None => {
                    c["checklist"].as_object_mut().unwrap().remove("LW-V01");
                }
            }
            Circle::from_json(&c.to_string()).unwrap()
        };
        let as_of: Date = "2025-06-30".parse().unwrap();
        let standing = |answer| {
            let d = summarise(&st, &[with(answer)], as_of, None).unwrap();
            (d.circles[0].standing(Lang::Zh), d.circles[0].standing(Lang::En))
        };
        let (zh, en) = standing(None);
        assert!(zh.starts_with("未建成（未作答，缺数据，按未通过计：LW-V01 "), "{zh}");
        assert!(zh.contains("请评估机构确认后补填重交") && !zh.contains("未通过：LW-V01"), "{zh}");
        assert!(en.contains("not answered") && en.contains("resubmit") && !en.contains("failed: LW-V01"), "{en}");
        let (zh, en) = standing(Some(false));
        assert!(zh.starts_with("未建成（未通过：LW-V01 ") && !zh.contains("未作答"), "{zh}");
        assert!(en.starts_with("not built (failed: LW-V01 "), "{en}");
        assert_eq!(standing(Some(true)).0, "建成");
    }

    /// A year's count that holds circles without a year built says so in its verdict, how far
    /// short it is without them, and what to do; in Chinese without field names.
    #[test]
    fn a_count_with_circles_without_a_year_says_so_in_its_verdict() {
        use crate::standard::Lang;
        let st = crate::load_builtin("longwan-2024").unwrap();
        // Longwan: 6 by 2024. Five with 2024, one without a year: 6, met; 5 without it.
        let mut circles: Vec<Circle> = (0..5).map(|i| circle_of(&format!("Y{i}"), Some(2024), 0, (180, 200))).collect();
        circles.push(circle_of("N", None, 0, (180, 200)));
        let d = summarise(&st, &circles, "2024-12-31".parse().unwrap(), Some(30)).unwrap();
        let t = d.targets.iter().find(|t| t.metric == "circles_built" && t.year == 2024).unwrap();
        assert_eq!((t.value, t.at_least, t.met), (Some(6.0), 6.0, Some(true)));
        assert_eq!(t.undated, Some(UndatedCount { circles: 1, short_by: 1 }));
        let zh = t.undated_text(Lang::Zh).unwrap();
        assert_eq!(zh, "已计入未填建成年份的生活圈 1 个；不计则差 1 个");
        assert!(!t.how.zh.contains("built_year"), "{}", t.how.zh);
        assert_eq!(t.undated_text(Lang::En).unwrap(), "1 circle without a year built counted; 1 short without them");
        // What to do is said once, above the targets, not in each verdict.
        let note = d.undated_note(Lang::Zh).unwrap();
        assert!(note.starts_with("⚠ 有 1 个已建成的生活圈未填建成年份") && note.contains("请填写建成年份"), "{note}");
        assert!(d.undated_note(Lang::En).unwrap().starts_with("⚠ 1 circle built without a year built is counted"));
        let report = crate::report::render_district(&d, Lang::Zh, crate::report::Format::Text);
        assert!(report.contains(&format!("✓ 达到（{zh}）")), "{report}");
        assert_eq!(report.matches(note.as_str()).count(), 1, "{report}");
        assert_eq!(report.matches("请填写建成年份").count(), 1, "{report}");
        // 20 % of 30 communities in 2025 is 6: the six circles' six communities, five without N.
        let t = d.targets.iter().find(|t| t.metric == "community_share" && t.year == 2025).unwrap();
        assert_eq!((t.met, t.undated), (Some(true), Some(UndatedCount { circles: 1, short_by: 1 })));
        assert!(t.undated_text(Lang::Zh).unwrap().contains("不计则还差 1 个社区"));
        // Every circle with its year: nothing to add.
        let d = summarise(&st, &circles[..5], "2024-12-31".parse().unwrap(), Some(30)).unwrap();
        assert!(d.targets.iter().all(|t| t.undated.is_none()));
        assert_eq!(d.undated_note(Lang::Zh), None);
    }

    #[test]
    fn repeated_ids_are_those_a_search_finds_in_the_same_order() {
        let mut next = crate::order::xorshift(0x05ee_d1d5);
        for round in 0..200 {
            let n = (next() % 40) as usize;
            let kinds = 1 + next() % (if round % 2 == 0 { 6 } else { 60 });
            let names: Vec<String> = (0..n).map(|_| format!("330303{:03}", next() % kinds)).collect();
            let circles: Vec<Circle> = names
                .iter()
                .map(|id| serde_json::from_str(&format!(r#"{{"id":"{id}","name":"圈","facilities":[]}}"#)).unwrap())
                .collect();
            let ids: Vec<&str> = names.iter().map(String::as_str).collect();
            assert_eq!(repeated_ids(&circles), repeated_by_search(&ids), "{ids:?}");
        }
    }
}
