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

use crate::assessment::{Assessment, GradeRef};
use crate::circle::{Circle, InputError, InputProblem};
use crate::date::Date;
use crate::standard::{Cite, Kind, Measure, Standard, Text};

/// The metrics this module counts from circle data.
pub const COUNTED: [&str; 4] = ["circles_built", "community_share", "chain_share", "satisfaction"];

/// One circle's line in the district summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictCircle {
    pub id: String,
    pub name: String,
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
    /// The vetoes, gates and mandatory items it failed (indicator ids), which the report
    /// gives as the reason a circle is not built. Not serialised, as `sample`.
    #[serde(skip)]
    pub failed_checks: Vec<String>,
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
    /// (or title), not the standard's internal source id; with the clause, [`Self::source`].
    /// Not serialised, as [`DistrictCircle::sample`].
    #[serde(skip)]
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
    /// the target's text, said in `how`); `none` without a value.
    pub counting: &'static str,
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
        if !self.failed_checks.is_empty() {
            why.push(match lang {
                Lang::Zh => format!("未通过：{}", self.failed_checks.join("、")),
                Lang::En => format!("failed: {}", self.failed_checks.join(", ")),
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
    /// The citation as a reader reads it, as the score report gives it
    /// ([`crate::score::cite_text`]): the document and the clause.
    pub fn source(&self) -> String {
        crate::score::with_clause(self.document.clone(), &self.cite)
    }

    /// Whether the target's year has come by `as_of`: a later year's target not met yet is
    /// not a failure (reports show it neutral).
    pub fn due(&self, as_of: Date) -> bool {
        self.year <= as_of.year()
    }

    /// What the value says of the target, on the data of `as_of` (the evaluation date): of
    /// this year's target, met or not; of a past year's, only whether it is met by now (the
    /// circles are as they are on that date, not as they were then); of a later year's,
    /// met ahead of time or not yet.
    pub fn verdict(&self, as_of: Date) -> Text {
        let (zh, en) = match (self.met, self.year.cmp(&as_of.year())) {
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

/// The circles of a district and its targets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct District {
    pub standard: String,
    pub standard_version: String,
    pub as_of: Date,
    /// The communities in the district, when given (for `community_share`).
    pub communities: Option<u32>,
    pub circles: Vec<DistrictCircle>,
    pub targets: Vec<TargetProgress>,
}

/// The ids that more than one of `circles` has (each once, in order of first repeat). A
/// district summary must not count a circle twice: callers refuse such a list.
pub fn repeated_ids<'a>(circles: impl IntoIterator<Item = &'a Circle>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    let mut repeated: Vec<&str> = Vec::new();
    for c in circles {
        if seen.contains(&c.id.as_str()) {
            if !repeated.contains(&c.id.as_str()) {
                repeated.push(&c.id);
            }
        } else {
            seen.push(&c.id);
        }
    }
    repeated
}

/// What the CLI and the npm functions say when [`repeated_ids`] finds some.
pub fn repeated_message(ids: &[impl AsRef<str>]) -> String {
    let ids: Vec<&str> = ids.iter().map(AsRef::as_ref).collect();
    format!(
        "同一生活圈出现多次，会被重复计数 / the same circle is given more than once and would be counted twice: {}",
        ids.join(", ")
    )
}

/// Why a list of circles was not summarised. Every circle must score and none may be given
/// twice: a summary that left a circle out, or counted one twice, would miscount the circles
/// built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Each circle that does not score: its place in the list (from 0) and its problems.
    pub unscored: Vec<(usize, InputError)>,
    /// The ids given more than once ([`repeated_ids`]).
    pub repeated: Vec<String>,
}

impl Refused {
    /// Every reason as one input error, each field prefixed with its circle
    /// (`circles[2].population`), the repeated ids as a problem of `circles` (code `repeated`).
    pub fn into_input_error(self) -> InputError {
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
/// circle that does not score, and every id given twice.
///
/// # Errors
/// [`Refused`], with all the reasons found.
pub fn summarise(
    st: &Standard,
    circles: &[Circle],
    as_of: Date,
    communities: Option<u32>,
) -> Result<District, Refused> {
    let mut unscored = Vec::new();
    let mut scored = Vec::with_capacity(circles.len());
    for (i, c) in circles.iter().enumerate() {
        match crate::score(st, c, as_of) {
            Ok(a) => scored.push((c, a)),
            Err(e) => unscored.push((i, e)),
        }
    }
    let repeated: Vec<String> = repeated_ids(circles).into_iter().map(str::to_string).collect();
    if !unscored.is_empty() || !repeated.is_empty() {
        return Err(Refused { unscored, repeated });
    }
    let pairs: Vec<(&Circle, &Assessment)> = scored.iter().map(|(c, a)| (*c, a)).collect();
    Ok(district(st, &pairs, as_of, communities))
}

/// A community as a circle lists it: its 区划代码 (when written) and its name, trimmed.
fn community(m: &crate::circle::Named) -> (Option<&str>, &str) {
    (m.code.as_deref().map(str::trim).filter(|k| !k.is_empty()), m.name.trim())
}

/// Summarises scored circles (each with the assessment [`crate::score`] gave it under `st`)
/// against the standard's targets.
pub fn district(st: &Standard, scored: &[(&Circle, &Assessment)], as_of: Date, communities: Option<u32>) -> District {
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
                sample: c.sample,
                total: a.total,
                max: a.max,
                grade: a.grade.grade.clone(),
                built: a.grade.grade.is_some(),
                failed_checks: a.checks.iter().filter(|k| !k.passed).map(|k| k.indicator.clone()).collect(),
                below_grades: a.grade.by_points.is_none(),
                chain_outlets: chain,
                commercial_outlets: commercial,
                respondents: s.map(|s| s.respondents),
                satisfied: s.map(|s| s.satisfied),
                survey_left_out: survey.zip(s).is_some_and(|((_, min), s)| s.respondents < min),
            }
        })
        .collect();
    let built = circles.iter().filter(|c| c.built).count() as f64;
    // The communities with a built circle: the communities each built circle lists, by 区划代码
    // (a name written without one takes the code another entry gives that name), else by name;
    // a community two circles list counted once, and a circle that lists none counted as one
    // community of its own.
    let built_lists = || scored.iter().zip(&circles).filter(|(_, d)| d.built).map(|((c, _), _)| &c.communities);
    let coded: Vec<(&str, &str)> =
        built_lists().flatten().map(community).filter_map(|(code, name)| code.map(|k| (k, name))).collect();
    let mut covered: Vec<&str> = Vec::new();
    let mut unlisted = 0u32;
    for list in built_lists() {
        let keys = list.iter().map(community).map(|(code, name)| {
            code.or_else(|| coded.iter().find(|(_, n)| *n == name && !name.is_empty()).map(|(k, _)| *k)).unwrap_or(name)
        });
        let mut listed = false;
        // (a district has tens of communities: a search, not a sort, which the widgets would
        // link for `&str` only here)
        for key in keys.filter(|k| !k.is_empty()) {
            listed = true;
            if !covered.contains(&key) {
                covered.push(key);
            }
        }
        if !listed {
            unlisted += 1;
        }
    }
    let with_circle = covered.len() as f64 + f64::from(unlisted);
    let unlisted_said = match unlisted {
        0 => (String::new(), String::new()),
        k => (
            format!("；未填所属社区的 {k} 个圈各按一个社区计"),
            format!("; {k} {} listing none counted as one each", if k == 1 { "circle" } else { "circles" }),
        ),
    };
    let sum = |f: fn(&DistrictCircle) -> Option<u32>| circles.iter().filter_map(f).map(f64::from).sum::<f64>();
    let (chain, commercial) = (sum(|c| Some(c.chain_outlets)), sum(|c| Some(c.commercial_outlets)));
    // Surveys pool as the satisfaction indicator counts them: a sample below the standard's
    // minimum is not used there, so it is not used here either.
    let min_sample = survey.map_or(0, |(_, m)| m);
    let usable = |c: &&DistrictCircle| c.respondents.is_some_and(|r| r >= min_sample);
    let left: Vec<&DistrictCircle> = circles.iter().filter(|c| c.respondents.is_some() && !usable(c)).collect();
    let small = left.len();
    // Which circles they are, by name and id, as the report lists the circles.
    let named = |sep: &str| left.iter().map(|c| format!("{} [{}]", c.name, c.id)).collect::<Vec<_>>().join(sep);
    let pooled =
        |f: fn(&DistrictCircle) -> Option<u32>| circles.iter().filter(usable).filter_map(f).map(f64::from).sum::<f64>();
    let (satisfied, respondents) = (pooled(|c| c.satisfied), pooled(|c| c.respondents));
    // The shares count every circle listed, built or not (the district's shops and residents
    // are there either way): said when circles not built add to them.
    let among = |n: usize| match n {
        0 => (String::new(), String::new()),
        n => (format!("（含未建成的 {n} 个圈）"), format!(", the {n} not built among them")),
    };
    let shops_from = among(circles.iter().filter(|c| !c.built && c.commercial_outlets > 0).count());
    let surveys_from = among(circles.iter().filter(|c| !c.built && usable(c)).count());
    let left_out = if small == 0 {
        (String::new(), String::new())
    } else {
        (
            format!("另有 {small} 个圈的样本少于 {min_sample} 份，与评分一样不予采用：{}。", named("、")),
            format!(
                " {small} circle(s) with fewer than {min_sample} respondents are left out, as in scoring: {}.",
                named("; ")
            ),
        )
    };
    let targets = st
        .targets
        .iter()
        .map(|t| {
            let (value, how, counting) = match t.metric.as_str() {
                "circles_built" => (
                    Some(built),
                    Text::new(
                        format!("按本标准评定为某一等级（基础型及以上，未被否决或封顶取消）的生活圈计为“建成”：{built} 个。“建成”如何认定为本项目设计（暂定）。"),
                        format!("A circle that reaches a grade of this standard (basic or above, not withheld) counts as built: {built}. What counts as built is this project's reading (provisional)."),
                    ),
                    "provisional",
                ),
                "community_share" => match communities.filter(|n| *n > 0) {
                    Some(n) if with_circle > f64::from(n) => (
                        None,
                        Text::new(
                            format!("有建成生活圈的社区（{with_circle} 个）多于全区社区数（{n} 个），请核对社区总数与各圈填报的所属社区。"),
                            format!("More communities with a built circle ({with_circle}) than communities in the district ({n}): check the number of communities and the communities each circle lists."),
                        ),
                        "none",
                    ),
                    Some(n) => (
                        Some(with_circle / f64::from(n)),
                        Text::new(
                            format!("有建成生活圈的社区 {with_circle} 个 ÷ 全区社区 {n} 个：按各建成圈填报的所属社区计，多个圈所在的同一社区只计一次{}（如何计数为本项目设计，暂定）。", unlisted_said.0),
                            format!("Communities with a built circle ÷ communities in the district: {with_circle} ÷ {n}, counting the communities the built circles list, each once{} (this project's reading, provisional).", unlisted_said.1),
                        ),
                        "provisional",
                    ),
                    None => (
                        None,
                        Text::new(
                            "需要全区社区总数（命令行 --communities，组件的 communities 属性）。",
                            "Needs the number of communities in the district (CLI --communities, the widget's communities attribute).",
                        ),
                        "none",
                    ),
                },
                "chain_share" if commercial > 0.0 => (
                    Some(chain / commercial),
                    Text::new(
                        format!("全区连锁店 {chain} 家 ÷ 商业网点 {commercial} 家：各圈{}营业中的商业类网点（本标准标为商业的业态大类）合计，与“连锁化率”指标同口径；全区合计与商业网点的范围为本项目的理解（暂定）。", shops_from.0),
                        format!("{chain} chain outlets ÷ {commercial} commercial outlets, summed over the circles{} (open outlets of the classes this standard marks commercial, as the chain-share indicator counts them); summing and the scope of commercial outlets are this project's reading (provisional).", shops_from.1),
                    ),
                    "provisional",
                ),
                "satisfaction" if respondents > 0.0 => (
                    Some(satisfied / respondents),
                    Text::new(
                        format!("各圈{}满意度调查合并：满意 {satisfied} 人 ÷ 受访 {respondents} 人（合并样本为本项目设计，暂定）。{}", surveys_from.0, left_out.0),
                        format!("The circles' surveys pooled{}: {satisfied} satisfied ÷ {respondents} respondents (pooling is this project's reading, provisional).{}", surveys_from.1, left_out.1),
                    ),
                    "provisional",
                ),
                "chain_share" | "satisfaction" => (
                    None,
                    if t.metric == "satisfaction" && small > 0 {
                        Text::new(format!("各圈没有可用的满意度调查。{}", left_out.0), format!("No circle has a usable satisfaction survey.{}", left_out.1))
                    } else {
                        Text::new("各圈没有可计算的数据（商业网点或满意度调查）。", "No circle has the data (commercial outlets or a satisfaction survey).")
                    },
                    "none",
                ),
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
                    Text::new(
                        "不能由生活圈数据得出，请另行核实。",
                        "Not derived from circle data; check it separately.",
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
            }
        })
        .collect();
    District { standard: st.id.clone(), standard_version: st.version.clone(), as_of, communities, circles, targets }
}
