//! Scoring: one circle against one resolved standard.
//!
//! The code here holds no number from any standard: thresholds, points, minutes, walking
//! speed and grade bands all come from the [`Standard`]. It measures a value per indicator,
//! applies the indicator's rule, then gates, vetoes and caps, and writes the explanations and
//! the gap list.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::assessment::*;
use crate::circle::{Basis, Circle, InputError, InputProblem};
use crate::date::Date;
use crate::standard::resolve::{DETOUR_FACTOR, WALKING_SPEED};
use crate::standard::*;

/// Score a circle.
///
/// `as_of` is the evaluation date (the core never reads the clock).
///
/// # Errors
/// Input that names things the standard does not define (an unknown facility category,
/// checklist item or figure) or gives evaluator points outside their range. Missing data is
/// never an error: it scores zero and appears in the findings and the gap list.
pub fn score(standard: &Standard, circle: &Circle, as_of: Date) -> Result<Assessment, InputError> {
    let mut problems = circle.check();
    let facilities = check_against(standard, circle, &mut problems);
    if !problems.is_empty() {
        return Err(InputError { problems });
    }
    let cx = Cx::new(standard, circle, facilities);
    let mut findings = Vec::new();
    let mut results = Vec::new();
    let mut details = Vec::new();
    for ind in &standard.indicators {
        let (r, d) = cx.indicator(ind, &mut findings);
        results.push(r);
        details.push(d);
    }
    let far = cx.beyond_reach();
    if let (false, Some(reach)) = (far.is_empty(), cx.reach) {
        // Which ones (the nearest five), so that a reader can check the walks given.
        let n = far.len();
        let list = |lang: Lang, sep: &str| {
            let each: Vec<String> = far
                .iter()
                .take(5)
                .map(|f| {
                    let d = fmt_num(f.walk_m.unwrap_or_default().round());
                    match lang {
                        Lang::Zh => format!("{}（约 {d} 米）", f.name),
                        Lang::En => format!("{} (about {d} m)", f.name),
                    }
                })
                .collect();
            first_five(&each, n, sep)
        };
        let reach = fmt_num(reach.round());
        findings.push(Finding {
            code: "beyond_reach".into(),
            severity: Severity::Warning,
            indicator: None,
            message: Text::new(
                format!(
                    "{n} 处设施的步行距离超出本生活圈步行范围（约 {reach} 米），不是本圈设施，未计入：{}",
                    list(Lang::Zh, "、")
                ),
                format!(
                    "{n} {} a walk beyond the circle's (about {reach} m): not the circle's, not counted: {}",
                    if n == 1 { "facility is listed with" } else { "facilities are listed with" },
                    list(Lang::En, "; ")
                ),
            ),
        });
    }
    // A facility counted without a name cannot be checked on site (a quick-added row not filled
    // in yet): said, by category, so that the name is given.
    let mut unnamed: Vec<&str> = cx
        .open
        .iter()
        .filter(|(f, _)| f.name.trim().is_empty())
        .filter_map(|(_, code)| standard.category(code).map(|k| k.name.zh.as_str()))
        .collect();
    if !unnamed.is_empty() {
        crate::order::sort_by_key(&mut unnamed, |name| *name);
        let n = unnamed.len();
        let cats = |sep: &str| first_five(&unnamed, n, sep);
        findings.push(Finding {
            code: "facility_unnamed".into(),
            severity: Severity::Warning,
            indicator: None,
            message: Text::new(
                format!("{n} 处设施未填店名（{}），已计入；请补填店名，以便核实", cats("、")),
                format!(
                    "{n} counted facilities have no name ({}): give their names so that they can be checked",
                    cats(", ")
                ),
            ),
        });
    }
    Ok(assemble(standard, circle, as_of, results, details, findings))
}

/// How far a circle reaches from its centre under a standard ([`Standard::reach_m`]), in the
/// units of the circle's distances (on a straight-line basis the walk over the detour factor):
/// a facility listed with a longer walk is not the circle's. `None` when the standard sets no
/// walk.
pub fn reach(st: &Standard, c: &Circle) -> Option<f64> {
    let speed = st.param(WALKING_SPEED).map(|p| p.value);
    let detour = match c.walking.as_ref().map(|w| w.basis).unwrap_or_default() {
        Basis::Network => 1.0,
        Basis::StraightLine => st.param(DETOUR_FACTOR).map_or(1.0, |d| d.value),
    };
    st.reach_m(speed).map(|r| r / detour).filter(|r| r.is_finite() && *r > 0.0)
}

/// The values of measures in a circle, as the standard's indicators count them (for the
/// district summary: chain and commercial outlets). Facilities of unknown categories count
/// for none.
pub(crate) fn measures<const N: usize>(st: &Standard, c: &Circle, ms: [&Measure; N]) -> [Option<f64>; N] {
    let cats = check_against(st, c, &mut Vec::new());
    let cx = Cx::new(st, c, cats);
    ms.map(|m| cx.measure_value(m))
}

/// Checks that need the standard; returns each facility's category code.
fn check_against<'a>(st: &'a Standard, c: &Circle, out: &mut Vec<InputProblem>) -> Vec<Option<&'a str>> {
    // The values of the next problem when it is out of range (`set` just before `problem`).
    let detail = std::cell::Cell::new(None);
    let mut problem = |code, field: String, message: String| {
        out.push(InputProblem { code, field, line: None, column: None, message, detail: detail.take() });
    };
    // A category the standard does not have: the values for the Chinese, with the category
    // nearest to what was written (by code, or also by name and alias).
    let unknown = |written: &str, code_only: bool| {
        let mut words: Vec<(&str, &crate::standard::Category)> = Vec::new();
        for cat in &st.categories {
            words.push((cat.code.as_str(), cat));
            if !code_only {
                words.push((cat.name.zh.as_str(), cat));
                words.extend(cat.aliases.iter().map(|a| (a.as_str(), cat)));
            }
        }
        let allowed: Vec<&str> = words.iter().map(|w| w.0).collect();
        let nearest = crate::standard::resolve::nearest(written.trim(), &allowed)
            .and_then(|n| words.iter().find(|w| w.0 == n))
            .map(|(_, cat)| (cat.code.clone(), cat.name.zh.clone()));
        Some(crate::circle::ProblemDetail::Category {
            written: written.to_string(),
            standard: st.id.clone(),
            code_only,
            nearest,
        })
    };
    let mut cats = Vec::new();
    for (i, f) in c.facilities.iter().enumerate() {
        match st.find_category(&f.category) {
            Some(cat) => cats.push(Some(cat.code.as_str())),
            None => {
                if !f.category.trim().is_empty() {
                    detail.set(unknown(&f.category, false));
                }
                problem(
                    "unknown_category",
                    format!("facilities[{i}].category"),
                    format!("`{}` is not a category of {} (use a code, Chinese name or alias)", f.category, st.id),
                );
                cats.push(None);
            }
        }
    }
    if let Some(form) = &c.form
        && !st.forms.iter().any(|f| &f.code == form || f.name.zh == *form)
    {
        let known: Vec<_> = st.forms.iter().map(|f| format!("{} ({})", f.code, f.name.zh)).collect();
        problem(
            "unknown_form",
            "form".into(),
            format!("`{form}` is not a form of {} ({})", st.id, join_all(&known, ", ")),
        );
    }
    for k in c.figures.keys() {
        if !st.figures.iter().any(|f| &f.key == k) {
            problem("unknown_figure", format!("figures.{k}"), format!("`{k}` is not a figure of {}", st.id));
        }
    }
    // A survey under a key no satisfaction indicator asks (`overal`) would not be counted.
    for p in c.unknown_surveys(st) {
        detail.set(p.detail);
        problem(p.code, p.field, p.message);
    }
    // An answer to an indicator not asked here: the Chinese says whether the standard has it
    // as another kind, or not at all (an edition that removed or renumbered it).
    let not_asked = |key: &str, section: &'static str| crate::circle::ProblemDetail::Indicator {
        key: key.to_string(),
        standard: st.id.clone(),
        other_kind: st.indicator(key).is_some(),
        section,
    };
    for k in c.checklist.keys() {
        if !st.indicator(k).is_some_and(|i| matches!(i.kind, Kind::Checklist)) {
            detail.set(Some(not_asked(k, "checklist")));
            problem(
                "unknown_indicator",
                format!("checklist.{k}"),
                format!("`{k}` is not a checklist indicator of {}", st.id),
            );
        }
    }
    for (k, e) in &c.evaluator {
        match st.indicator(k) {
            Some(i) if matches!(i.kind, Kind::Evaluator) => {
                if e.points > i.points {
                    detail.set(Some(crate::circle::ProblemDetail::Points { given: e.points, max: i.points }));
                    problem(
                        "out_of_range",
                        format!("evaluator.{k}.points"),
                        format!("{} given but {k} has at most {}", points_en(e.points), fmt_num(i.points)),
                    );
                }
            }
            _ => {
                detail.set(Some(not_asked(k, "evaluator")));
                problem(
                    "unknown_indicator",
                    format!("evaluator.{k}"),
                    format!("`{k}` is not an evaluator indicator of {}", st.id),
                )
            }
        }
    }
    if let Some(w) = &c.walking {
        let keys = w
            .nearest_m
            .keys()
            .map(|k| ("walking.nearest_m".to_string(), k))
            .chain(w.nearest_name.keys().map(|k| ("walking.nearest_name".to_string(), k)));
        let okeys = w
            .origins
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.nearest_m.keys().map(move |k| (format!("walking.origins[{i}].nearest_m"), k)));
        for (path, k) in keys.chain(okeys) {
            if st.category(k).is_none() {
                detail.set(unknown(k, true));
                problem(
                    "unknown_category",
                    format!("{path}.{k}"),
                    format!("`{k}` is not a category code of {}", st.id),
                );
            }
        }
    }
    cats
}

struct Cx<'a> {
    st: &'a Standard,
    c: &'a Circle,
    /// Open facilities with their category codes.
    open: Vec<(&'a crate::circle::Facility, &'a str)>,
    /// How far the circle reaches ([`reach`]).
    reach: Option<f64>,
    /// Metres of a straight or network walk that make one minute, detour included.
    metres_per_minute: Option<f64>,
}

/// A measured value and what went into it.
struct Measured {
    value: Option<f64>,
    unit: &'static str,
    inputs: crate::sorted_map::SortedMap<Value>,
    /// What the value says, in words (without the rule and points).
    says: Text,
    /// Specifics for the gap list.
    detail: Option<Text>,
    not_applicable: bool,
}

impl Measured {
    fn new(unit: &'static str) -> Measured {
        Measured {
            value: None,
            unit,
            inputs: crate::sorted_map::SortedMap::new(),
            says: Text::new("", ""),
            detail: None,
            not_applicable: false,
        }
    }
}

impl<'a> Cx<'a> {
    fn new(st: &'a Standard, c: &'a Circle, cats: Vec<Option<&'a str>>) -> Cx<'a> {
        let open = c
            .facilities
            .iter()
            .zip(cats)
            .filter(|(f, _)| f.status == crate::circle::Status::Open)
            .filter_map(|(f, cat)| cat.map(|cat| (f, cat)))
            .collect();
        let speed = st.param(WALKING_SPEED).map(|p| p.value);
        let basis = c.walking.as_ref().map(|w| w.basis).unwrap_or_default();
        let metres_per_minute = match basis {
            Basis::Network => speed,
            // A straight line is shorter than the walk: the walk is line × detour factor.
            Basis::StraightLine => speed.map(|s| s / st.param(DETOUR_FACTOR).map_or(1.0, |d| d.value)),
        };
        Cx { st, c, open, metres_per_minute, reach: reach(st, c) }
    }

    /// Whether a facility is the circle's: its walk, when given, within the circle's reach
    /// (a shop listed with a walk of 3 km is not the circle's, as one known only from the
    /// walking distances is not; [`Cx::presence`]). Without a walk, or a standard without a
    /// walk, it is.
    fn in_reach(&self, f: &crate::circle::Facility) -> bool {
        match (f.walk_m, self.reach) {
            (Some(w), Some(r)) => w <= r,
            _ => true,
        }
    }

    /// Open facilities listed with a walk beyond the circle's reach, nearest first (by name
    /// at equal walks): not counted ([`Cx::in_reach`]).
    fn beyond_reach(&self) -> Vec<&'a crate::circle::Facility> {
        let mut far: Vec<_> = self.open.iter().map(|(f, _)| *f).filter(|f| !self.in_reach(f)).collect();
        let walk = |f: &crate::circle::Facility| f.walk_m.unwrap_or(f64::INFINITY);
        crate::order::sort_by(&mut far, |a, b| walk(a).total_cmp(&walk(b)).then_with(|| a.name.cmp(&b.name)));
        far
    }

    /// The circle's open facilities of the set: those listed within its reach.
    fn present(&self, set: &FacilitySet) -> Vec<&'a crate::circle::Facility> {
        self.listed(set).into_iter().filter(|f| self.in_reach(f)).collect()
    }

    /// Every open facility of the set in the inventory, within the circle's reach or not.
    fn listed(&self, set: &FacilitySet) -> Vec<&'a crate::circle::Facility> {
        self.open.iter().filter(|(_, cat)| set.categories.iter().any(|c| c == cat)).map(|(f, _)| *f).collect()
    }

    /// Nearest walking distance from the centre to a member of the set, in metres.
    fn nearest_from_centre(&self, set: &FacilitySet) -> Option<f64> {
        self.nearest_named(set).map(|(m, _)| m)
    }

    /// Whether the circle has a member of the set, as presence decides it: listed within its
    /// reach, or known from the centre's walking distances within it.
    fn has(&self, set: &FacilitySet) -> bool {
        !self.present(set).is_empty() || self.nearest_named(set).is_some_and(|(d, _)| self.reach.is_none_or(|r| d <= r))
    }

    /// How minutes became metres, when the pace (or, on a straight-line basis, the detour
    /// factor) is this project's design: said beside every distance a limit in minutes gives,
    /// so it never reads as an official figure. `line` adds the detour factor that turns the
    /// walk into a straight line, where the distance said is one.
    fn pace_note(&self, line: bool) -> Option<(String, String)> {
        let designed = |p: &Param| p.cite.confidence == Confidence::Provisional;
        let speed = self.st.param(WALKING_SPEED)?;
        let straight = self.c.walking.as_ref().is_some_and(|w| w.basis == Basis::StraightLine);
        let detour = self.st.param(DETOUR_FACTOR).filter(|_| line && straight);
        if !designed(speed) && !detour.is_some_and(designed) {
            return None;
        }
        let mark = |p: &Param| if designed(p) { ("暂定", "provisional ") } else { ("", "") };
        let (sz, se) = mark(speed);
        let v = fmt_num(speed.value);
        Some(match detour {
            Some(d) => {
                let (dz, de) = mark(d);
                let dv = fmt_num(d.value);
                (
                    format!("按{sz}步速 {v} 米/分钟、{dz}绕行系数 {dv}，直线"),
                    format!("at the {se}pace of {v} m/min and the {de}detour factor {dv}, in a straight line"),
                )
            }
            None => (format!("按{sz}步速 {v} 米/分钟"), format!("at the {se}pace of {v} m/min")),
        })
    }

    /// Nearest walking distance from the centre to a member of the set, in metres, with the
    /// facility's name where known. Ties go to the first written, so the order of input lists
    /// cannot change the name only when distances differ; equal distances keep the smaller name.
    fn nearest_named(&self, set: &FacilitySet) -> Option<(f64, Option<String>)> {
        let from_walking = self.c.walking.iter().flat_map(|w| {
            set.categories
                .iter()
                .filter_map(|c| w.nearest_m.get(c).map(|m| (*m, w.nearest_name.get(c).cloned())))
                .collect::<Vec<_>>()
        });
        let from_inventory = self.listed(set).into_iter().filter_map(|f| f.walk_m.map(|m| (m, Some(f.name.clone()))));
        from_walking.chain(from_inventory).reduce(|a, b| match a.0.total_cmp(&b.0) {
            std::cmp::Ordering::Less => a,
            std::cmp::Ordering::Greater => b,
            std::cmp::Ordering::Equal => {
                if b.1.as_deref().unwrap_or("") < a.1.as_deref().unwrap_or("") {
                    b
                } else {
                    a
                }
            }
        })
    }

    fn minutes(&self, metres: f64) -> Option<f64> {
        self.metres_per_minute.map(|m| metres / m)
    }

    /// The result, and the specifics a gap would show.
    fn indicator(&self, ind: &Indicator, findings: &mut Vec<Finding>) -> (IndicatorResult, Option<Text>) {
        let before = findings.len();
        let mut m = self.applies(ind).unwrap_or_else(|| self.measure(ind, findings));
        // A measure that already said why its data cannot be used (a sample too small, a
        // note missing, no homes) is not also said to lack data.
        let said = findings[before..].iter().any(|f| f.indicator.as_deref() == Some(ind.id.as_str()));
        let max = ind.points;
        let (points, status) = if m.not_applicable {
            (max, Status::NotApplicable)
        } else {
            match m.value {
                None => {
                    if !said {
                        findings.push(Finding {
                            code: "missing_data".into(),
                            severity: Severity::Warning,
                            indicator: Some(ind.id.clone()),
                            message: Text::new(
                                format!("{}：缺少数据，按 0 分计", ind.name.zh),
                                format!("{}: no data, scored 0", ind.name.en),
                            ),
                        });
                    }
                    (0.0, Status::NoData)
                }
                Some(v) => {
                    let p = round2(apply(&ind.rule, v, max));
                    let s = if p >= max && max > 0.0 {
                        Status::Met
                    } else if p > 0.0 {
                        Status::Partly
                    } else if max == 0.0 && rule_met(&ind.rule, v) {
                        Status::Met
                    } else {
                        Status::NotMet
                    };
                    (p, s)
                }
            }
        };
        if m.value.is_none() && !m.not_applicable && m.says.zh.is_empty() {
            m.says = Text::new("未填写所需数据", "the data it needs was not given");
        }
        let explanation = explain(self.st, ind, &m, points, status);
        let detail = m.detail.clone().or_else(|| (!m.says.zh.is_empty()).then(|| m.says.clone()));
        let result = IndicatorResult {
            id: ind.id.clone(),
            dimension: ind.dimension.clone(),
            name: ind.name.clone(),
            kind: ind.kind.name().to_string(),
            role: ind.role,
            points,
            max,
            status,
            value: m.value.map(round6),
            unit: m.unit.to_string(),
            inputs: m.inputs,
            rule: ind.rule.clone(),
            cite: ind.cite.clone(),
            confidence: ind.cite.confidence,
            points_cite: ind.points_cite.clone(),
            points_confidence: ind.points_cite.as_ref().map_or(ind.cite.confidence, |c| c.confidence),
            origin: ind.origin.clone(),
            explanation,
        };
        (result, detail)
    }

    /// `Some` when the indicator does not apply, or when whether it applies is unknown.
    fn applies(&self, ind: &Indicator) -> Option<Measured> {
        let a = &ind.applies;
        let mut m = Measured::new("yes_no");
        if let Some(want) = a.new_residential {
            match self.c.new_residential {
                Some(is) if is != want => {
                    m.not_applicable = true;
                    m.inputs.insert("new_residential".into(), Value::from(is));
                    m.says = if want {
                        Text::new(
                            "本圈不是新建居住区，此项不适用",
                            "not a new residential area, so this does not apply",
                        )
                    } else {
                        Text::new("本圈是新建居住区，此项不适用", "a new residential area, so this does not apply")
                    };
                    return Some(m);
                }
                Some(_) => {}
                None => {
                    // Scored as missing data by the caller (one `missing_data` finding).
                    m.says = Text::new("未说明是否为新建居住区", "whether it is a new residential area was not given");
                    m.detail = Some(Text::new("请说明是否为新建居住区", "say whether this is a new residential area"));
                    return Some(m);
                }
            }
        }
        if !a.forms.is_empty() {
            let form =
                self.c.form.as_deref().and_then(|f| self.st.forms.iter().find(|x| x.code == f || x.name.zh == f));
            match form {
                Some(f) if !a.forms.contains(&f.code) => {
                    m.not_applicable = true;
                    m.inputs.insert("form".into(), Value::from(f.code.as_str()));
                    m.says = Text::new(
                        format!("本圈为{}，此项不适用", f.name.zh),
                        format!("the circle is {}, so this does not apply", in_sentence(&f.name.en)),
                    );
                    return Some(m);
                }
                Some(_) => {}
                None => {
                    m.says = Text::new("未填写生活圈类型", "the circle's form was not given");
                    m.detail = Some(Text::new("请填写生活圈类型（集聚式/街区式/分散式等）", "give the circle's form"));
                    return Some(m);
                }
            }
        }
        None
    }

    fn measure(&self, ind: &Indicator, findings: &mut Vec<Finding>) -> Measured {
        match &ind.kind {
            Kind::Presence { target, within } => self.presence(ind, target, *within, findings),
            Kind::DistinctCount { targets } => {
                let mut m = Measured::new("count");
                // A type is had as presence decides it (the inventory, or the centre's walking
                // distances within the circle's walk), so that the card never passes 一店 while
                // the type count says 缺少便利店.
                let (have, lack): (Vec<&FacilitySet>, Vec<&FacilitySet>) = targets.iter().partition(|t| self.has(t));
                m.value = Some(have.len() as f64);
                m.inputs
                    .insert("present".into(), Value::from(have.iter().map(|t| t.code.as_str()).collect::<Vec<_>>()));
                m.inputs
                    .insert("missing".into(), Value::from(lack.iter().map(|t| t.code.as_str()).collect::<Vec<_>>()));
                m.inputs.insert("of".into(), Value::from(targets.len()));
                let zh_lack = join_all(&lack.iter().map(|t| t.name.zh.as_str()).collect::<Vec<_>>(), "、");
                let en_lack = join_all(&lack.iter().map(|t| in_sentence(&t.name.en)).collect::<Vec<_>>(), ", ");
                m.says = Text::new(
                    format!("已有 {} 种（共 {} 种）", have.len(), targets.len()),
                    format!("{} of {} types present", have.len(), targets.len()),
                );
                if !lack.is_empty() {
                    m.says.zh += &format!("，缺少{zh_lack}");
                    m.says.en += &format!("; missing {en_lack}");
                    m.detail = Some(Text::new(format!("缺少：{zh_lack}"), format!("missing: {en_lack}")));
                }
                m
            }
            Kind::Count { target } => {
                let mut m = Measured::new("count");
                let n = self.present(target).len();
                m.value = Some(n as f64);
                m.inputs.insert("count".into(), Value::from(n));
                m.says = Text::new(
                    format!("{}共 {n} 处", target.name.zh),
                    format!("{n} × {}", in_sentence(&target.name.en)),
                );
                m
            }
            Kind::Ratio { numerator, denominator } | Kind::AreaShare { numerator, denominator } => {
                let mut m = Measured::new("fraction");
                let n = self.measure_value(numerator);
                let d = self.measure_value(denominator);
                m.inputs.insert(measure_key(numerator), Value::from(n));
                m.inputs.insert(measure_key(denominator), Value::from(d));
                let (nz, ne) = self.measure_name(numerator);
                let (dz, de) = self.measure_name(denominator);
                match (n, d) {
                    (Some(n), Some(d)) if d > 0.0 && (n / d).is_finite() => {
                        let v = n / d;
                        m.value = Some(v);
                        m.says = Text::new(
                            format!("{nz} {} ÷ {dz} {} = {}", fmt_num(n), fmt_num(d), pct(v, &ind.rule)),
                            format!("{ne} {} ÷ {de} {} = {}", fmt_num(n), fmt_num(d), pct(v, &ind.rule)),
                        );
                    }
                    (_, Some(0.0)) => {
                        m.says =
                            Text::new(format!("{dz}为 0，无法计算比例"), format!("{de} is 0, so there is no ratio"));
                        m.detail = Some(Text::new(format!("补充{dz}"), format!("add {de}")));
                    }
                    // Found by fuzzing: a denominator so small (5e-324) that the quotient is
                    // infinite once awarded full points.
                    (Some(n), Some(d)) if d > 0.0 => {
                        m.says = Text::new(
                            format!("{nz} {} ÷ {dz} {}：比例大到无法计算，请核对{dz}", fmt_num(n), fmt_num(d)),
                            format!(
                                "{ne} {} ÷ {de} {}: too large a ratio to compute; check {de}",
                                fmt_num(n),
                                fmt_num(d)
                            ),
                        );
                        m.detail = Some(Text::new(format!("核对{dz}"), format!("check {de}")));
                    }
                    _ => {
                        let mut lack_zh = Vec::new();
                        let mut lack_en = Vec::new();
                        if n.is_none() {
                            lack_zh.push(nz.clone());
                            lack_en.push(in_sentence(&ne));
                        }
                        if d.is_none() {
                            lack_zh.push(dz.clone());
                            lack_en.push(in_sentence(&de));
                        }
                        m.says = Text::new(
                            format!("缺少{}", join_all(&lack_zh, "、")),
                            format!("{} not given", join_all(&lack_en, ", ")),
                        );
                        m.detail = Some(Text::new(
                            format!("补充{}", join_all(&lack_zh, "、")),
                            format!("give {}", join_all(&lack_en, ", ")),
                        ));
                    }
                }
                m
            }
            Kind::AreaPerHouseholds { figure, per_households } => {
                let mut m = Measured::new("m2_per_households");
                let area = self.c.figures.get(figure).copied();
                let hh = self.c.households;
                let (fz, fe) = self.measure_name(&Measure::Figure(figure.clone()));
                m.inputs.insert(figure.clone(), Value::from(area));
                m.inputs.insert("households".into(), Value::from(hh));
                match (area, hh) {
                    (Some(a), Some(h)) if h > 0.0 => {
                        let v = a / h * per_households;
                        m.value = Some(v);
                        m.says = Text::new(
                            format!(
                                "{fz} {} m² ÷ {} 户 × {} = 每{}户 {} m²",
                                fmt_num(a),
                                fmt_num(h),
                                fmt_num(*per_households),
                                fmt_num(*per_households),
                                fmt_num(round2(v))
                            ),
                            format!(
                                "{fe} {} m² ÷ {} households × {} = {} m² per {} households",
                                fmt_num(a),
                                fmt_num(h),
                                fmt_num(*per_households),
                                fmt_num(round2(v)),
                                fmt_num(*per_households)
                            ),
                        );
                    }
                    // What is missing, and only that (a worker who gave the households was
                    // asked for them again).
                    (None, Some(h)) if h > 0.0 => {
                        m.says = Text::new(format!("缺少{fz}"), format!("{fe} not given"));
                        m.detail = Some(Text::new(format!("补充{fz}"), format!("give {}", in_sentence(&fe))));
                    }
                    (Some(_), _) => {
                        m.says = Text::new("缺少户数", "households not given");
                        m.detail = Some(Text::new("补充户数", "give the households"));
                    }
                    _ => {
                        m.says = Text::new(format!("缺少{fz}和户数"), format!("{fe} and households not given"));
                        m.detail = Some(Text::new(
                            format!("补充{fz}和户数"),
                            format!("give {} and households", in_sentence(&fe)),
                        ));
                    }
                }
                m
            }
            Kind::WalkCoverage { target, within_minutes } => self.coverage(ind, target, *within_minutes, findings),
            Kind::Satisfaction { survey, min_sample } => {
                let mut m = Measured::new("fraction");
                match self.c.surveys.get(survey) {
                    None => {
                        m.says = Text::new("未填写居民满意度调查结果", "no resident survey given");
                        m.detail = Some(Text::new(
                            format!("开展居民满意度调查（有效样本不少于 {min_sample} 份）"),
                            format!("run a resident satisfaction survey (at least {min_sample} valid responses)"),
                        ));
                    }
                    Some(s) => {
                        m.inputs.insert("respondents".into(), Value::from(s.respondents));
                        m.inputs.insert("satisfied".into(), Value::from(s.satisfied));
                        m.inputs.insert("min_sample".into(), Value::from(*min_sample));
                        if s.respondents < *min_sample {
                            findings.push(Finding {
                                code: "sample_too_small".into(),
                                severity: Severity::Warning,
                                indicator: Some(ind.id.clone()),
                                message: Text::new(
                                    format!("满意度调查仅 {} 份，少于最低样本 {min_sample} 份", s.respondents),
                                    format!(
                                        "the survey has {} responses, fewer than the minimum {min_sample}",
                                        s.respondents
                                    ),
                                ),
                            });
                            // The minimum is designed where the item's points are (Longwan,
                            // mofcom: 100, for about ±10 % at 95 %): said so, not read as official.
                            let designed = matches!(ind.provisional(), (true, _) | (_, true));
                            m.says = Text::new(
                                format!(
                                    "调查样本 {} 份，少于最低 {min_sample} 份{}，结果不予采用",
                                    s.respondents,
                                    if designed { "（最低样本为暂定设计值）" } else { "" }
                                ),
                                format!(
                                    "{} responses, fewer than the minimum {min_sample}{}: not used",
                                    s.respondents,
                                    if designed { " (a provisional, designed minimum)" } else { "" }
                                ),
                            );
                            m.detail = Some(Text::new(
                                format!("扩大满意度调查样本至不少于 {min_sample} 份"),
                                format!("survey at least {min_sample} residents"),
                            ));
                        } else {
                            let v = f64::from(s.satisfied) / f64::from(s.respondents);
                            m.value = Some(v);
                            m.says = Text::new(
                                format!("满意 {} 人 ÷ 受访 {} 人 = {}", s.satisfied, s.respondents, pct(v, &ind.rule)),
                                format!(
                                    "{} satisfied ÷ {} respondents = {}",
                                    s.satisfied,
                                    s.respondents,
                                    pct(v, &ind.rule)
                                ),
                            );
                        }
                    }
                }
                m
            }
            Kind::Checklist => {
                let mut m = Measured::new("yes_no");
                let a = self.c.checklist.get(&ind.id);
                let note = a.and_then(|a| a.note.as_deref()).map(str::trim).filter(|n| !n.is_empty());
                if let Some(e) = a.and_then(|a| a.evidence.as_deref()) {
                    m.inputs.insert("evidence".into(), Value::from(e));
                }
                if let Some(n) = note {
                    m.inputs.insert("note".into(), Value::from(n));
                }
                let done = a.and_then(|a| a.done);
                if let Some(d) = done {
                    m.value = Some(if d { 1.0 } else { 0.0 });
                    m.inputs.insert("done".into(), Value::from(d));
                } else {
                    m.detail = Some(Text::new("请填写此项是否已落实", "answer whether this is in place"));
                }
                // Evidence typed before the answer is said, so an unanswered item does not look empty.
                let mut says = match (done, a.and_then(|a| a.evidence.as_deref())) {
                    (None, None) => Text::new("未作答", "not answered"),
                    (None, Some(e)) => {
                        Text::new(format!("未作答（已附佐证：{e}）"), format!("not answered (evidence: {e})"))
                    }
                    (Some(true), Some(e)) => {
                        Text::new(format!("已落实（佐证：{e}）"), format!("in place (evidence: {e})"))
                    }
                    (Some(true), None) => Text::new("已落实（未附佐证）", "in place (no evidence given)"),
                    (Some(false), _) => Text::new("尚未落实", "not in place"),
                };
                // What the answer's note says is part of the answer: a veto's reason, a partial
                // measure.
                if let Some(n) = note {
                    says = Text::new(format!("{}；说明：{n}", says.zh), format!("{}; note: {n}", says.en));
                }
                m.says = says;
                m
            }
            Kind::Evaluator => {
                let mut m = Measured::new("points");
                match self.c.evaluator.get(&ind.id) {
                    None => {
                        m.says = Text::new("评估人尚未打分", "no evaluator points yet");
                        m.detail = Some(Text::new(
                            "由评估人现场核查后打分并写明理由",
                            "an evaluator scores it on site, with a note",
                        ));
                    }
                    Some(e) if e.note.trim().is_empty() => {
                        findings.push(Finding {
                            code: "note_missing".into(),
                            severity: Severity::Warning,
                            indicator: Some(ind.id.clone()),
                            message: Text::new(
                                "评估人打分未写明理由，不予计分",
                                "evaluator points without a note are not counted",
                            ),
                        });
                        m.inputs.insert("points_given".into(), Value::from(e.points));
                        m.says = Text::new(
                            format!("评估人给 {} 分但未写理由，不予计分", fmt_num(e.points)),
                            format!("{} given without a note: not counted", points_en(e.points)),
                        );
                        m.detail = Some(Text::new("补写评估理由", "add the evaluator's note"));
                    }
                    Some(e) => {
                        m.value = Some(e.points);
                        m.inputs.insert("points_given".into(), Value::from(e.points));
                        m.inputs.insert("note".into(), Value::from(e.note.as_str()));
                        if let Some(ev) = &e.evidence {
                            m.inputs.insert("evidence".into(), Value::from(ev.as_str()));
                        }
                        m.says = match &e.evidence {
                            Some(ev) => Text::new(
                                format!("评估人意见：{}（佐证：{ev}）", e.note),
                                format!("evaluator's note: {} (evidence: {ev})", e.note),
                            ),
                            None => {
                                Text::new(format!("评估人意见：{}", e.note), format!("evaluator's note: {}", e.note))
                            }
                        };
                    }
                }
                m
            }
        }
    }

    fn presence(
        &self,
        ind: &Indicator,
        target: &FacilitySet,
        within: Option<Reach>,
        findings: &mut Vec<Finding>,
    ) -> Measured {
        let mut m = Measured::new("yes_no");
        let here = self.present(target);
        m.inputs.insert("count".into(), Value::from(here.len()));
        let name = &target.name;
        if here.is_empty() && self.nearest_from_centre(target).is_none() {
            m.value = Some(0.0);
            m.says = Text::new(format!("没有{}", name.zh), format!("no {}", in_sentence(&name.en)));
            m.detail = Some(Text::new(format!("缺少{}", name.zh), format!("missing: {}", in_sentence(&name.en))));
            return m;
        }
        let Some(limit) = within else {
            // Known only from a walking distance: present in the circle only within its reach
            // (a shop 3 km away is not the circle's).
            if here.is_empty()
                && let (Some((d, nearest)), Some(reach)) = (self.nearest_named(target), self.reach)
                && d > reach
            {
                m.value = Some(0.0);
                m.inputs.insert("centre_nearest_m".into(), Value::from(d));
                let (d, reach) = (fmt_num(d.round()), fmt_num(reach.round()));
                m.says = match nearest.filter(|_| !self.listed(target).is_empty()) {
                    // Listed, but every one with a walk beyond the circle's.
                    Some(n) => Text::new(
                        format!(
                            "设施清单中的{}（最近的是{n}）步行约 {d} 米，在本生活圈步行范围（约 {reach} 米）之外",
                            name.zh
                        ),
                        format!(
                            "the {} listed (the nearest: {n}) is about {d} m away, beyond the circle's walk (about {reach} m)",
                            in_sentence(&name.en)
                        ),
                    ),
                    None => Text::new(
                        format!(
                            "设施清单中没有{}；步行距离数据中最近的约 {d} 米，在本生活圈步行范围（约 {reach} 米）之外",
                            name.zh
                        ),
                        format!(
                            "no {} in the inventory; the nearest in the walking distances is about {d} m, beyond the circle's walk (about {reach} m)",
                            in_sentence(&name.en)
                        ),
                    ),
                };
                m.detail = Some(Text::new(format!("缺少{}", name.zh), format!("missing: {}", in_sentence(&name.en))));
                return m;
            }
            m.value = Some(1.0);
            // The nearest (by its walk from the centre), ties and unknown distances by the
            // smallest name, so that the order of the inventory cannot change the text.
            let walk = |f: &crate::circle::Facility| f.walk_m.unwrap_or(f64::INFINITY);
            let example = here.iter().min_by(|a, b| walk(a).total_cmp(&walk(b)).then_with(|| a.name.cmp(&b.name)));
            m.says = match example.map(|f| f.name.as_str()) {
                Some(first) => Text::new(
                    format!("已有{} {} 处（如{first}）", name.zh, here.len()),
                    format!("{} × {} present (e.g. {first})", here.len(), in_sentence(&name.en)),
                ),
                // Known only from the walking distances given, not from the inventory.
                None => Text::new(
                    format!("步行距离数据表明附近有{}（未列入设施清单）", name.zh),
                    format!(
                        "the walking distances given show one nearby: {} (not in the inventory)",
                        in_sentence(&name.en)
                    ),
                ),
            };
            return m;
        };
        let Some((metres, nearest)) = self.nearest_named(target) else {
            findings.push(Finding {
                code: "distance_missing".into(),
                severity: Severity::Warning,
                indicator: Some(ind.id.clone()),
                message: Text::new(
                    format!("已有{}，但缺少步行距离，无法判断是否在范围内", name.zh),
                    format!("{} present but its walking distance is missing", name.en),
                ),
            });
            m.says = Text::new(
                format!("已有{}但缺少步行距离", name.zh),
                format!("{} present, walking distance missing", name.en),
            );
            m.detail = Some(Text::new(
                format!("测量{}的步行距离", name.zh),
                format!("measure the walk to {}", in_sentence(&name.en)),
            ));
            return m;
        };
        m.inputs.insert("nearest_m".into(), Value::from(metres));
        let basis = self.c.walking.as_ref().map(|w| w.basis).unwrap_or_default();
        // On a straight-line basis the walk is the line times the detour factor.
        let walk = match basis {
            Basis::Network => metres,
            Basis::StraightLine => metres * self.st.param(DETOUR_FACTOR).map_or(1.0, |d| d.value),
        };
        if let Some(n) = &nearest {
            m.inputs.insert("nearest".into(), Value::from(n.as_str()));
        }
        let (which_zh, which_en) = which(name, nearest.as_deref());
        let (ok, zh, en) = match limit {
            Reach::Metres(lim) => {
                m.unit = "m";
                m.inputs.insert("walk_m".into(), Value::from(walk));
                (
                    walk <= lim,
                    format!("最近的{which_zh}步行约 {} 米，要求 {} 米以内", fmt_num(walk.round()), fmt_num(lim)),
                    format!(
                        "nearest {which_en} is about {} m away on foot; limit {} m",
                        fmt_num(walk.round()),
                        fmt_num(lim)
                    ),
                )
            }
            Reach::Minutes(lim) => {
                let Some(min) = self.minutes(metres) else {
                    m.says = Text::new("标准未给出步行速度", "the standard gives no walking speed");
                    return m;
                };
                m.unit = "min";
                m.inputs.insert("minutes".into(), Value::from(round2(min)));
                let (pace_zh, pace_en) = self
                    .pace_note(false)
                    .map_or((String::new(), String::new()), |(zh, en)| (format!("（{zh}）"), format!(" ({en})")));
                (
                    min <= lim,
                    format!(
                        "最近的{which_zh}步行约 {} 米、约 {} 分钟{pace_zh}，要求 {} 分钟以内",
                        fmt_num(walk.round()),
                        fmt_num(round1(min)),
                        fmt_num(lim)
                    ),
                    format!(
                        "nearest {which_en} is about {} m, a {}-minute walk{pace_en}; limit {} minutes",
                        fmt_num(walk.round()),
                        fmt_num(round1(min)),
                        fmt_num(lim)
                    ),
                )
            }
        };
        m.value = Some(if ok { 1.0 } else { 0.0 });
        m.says = Text::new(zh.clone(), en.clone());
        if !ok {
            m.detail = Some(Text::new(format!("{zh}：需在步行范围内增设"), format!("{en}: add one within reach")));
        }
        m
    }

    fn coverage(&self, ind: &Indicator, target: &FacilitySet, limit: f64, findings: &mut Vec<Finding>) -> Measured {
        let mut m = Measured::new("fraction");
        let name = &target.name;
        let Some(per_min) = self.metres_per_minute else {
            m.says = Text::new("标准未给出步行速度", "the standard gives no walking speed");
            return m;
        };
        let reach_m = limit * per_min;
        m.inputs.insert("within_minutes".into(), Value::from(limit));
        m.inputs.insert("reach_m".into(), Value::from(round2(reach_m)));
        let origins = self.c.walking.as_ref().map(|w| w.origins.as_slice()).unwrap_or(&[]);
        // A type the circle does not have covers no one, whatever distances the homes list to
        // it: the same test as presence, so the two never disagree.
        if !self.has(target) {
            m.value = Some(0.0);
            let listed_walks = origins.iter().any(|o| target.categories.iter().any(|c| o.nearest_m.contains_key(c)));
            m.says = if listed_walks {
                findings.push(Finding {
                    code: "walks_without_facility".into(),
                    severity: Severity::Warning,
                    indicator: Some(ind.id.clone()),
                    message: Text::new(
                        format!("居民点列有到{}的步行距离，但本圈没有{}：这些距离不计", name.zh, name.zh),
                        format!(
                            "the origins list walks to {}, but the circle has none: not counted",
                            in_sentence(&name.en)
                        ),
                    ),
                });
                Text::new(
                    format!("本圈没有{}（居民点到它的步行距离不计），覆盖率 0%", name.zh),
                    format!(
                        "the circle has no {} (the origins' walks to one do not count): coverage 0%",
                        in_sentence(&name.en)
                    ),
                )
            } else {
                Text::new(format!("没有{}，覆盖率 0%", name.zh), format!("no {}: coverage 0%", in_sentence(&name.en)))
            };
            m.detail = Some(Text::new(format!("缺少{}", name.zh), format!("missing: {}", in_sentence(&name.en))));
            return m;
        }
        // "about 750 m", with the pace when it is designed.
        let r = fmt_num(reach_m.round());
        let (reach_zh, reach_en) = match self.pace_note(true) {
            Some((zh, en)) => (format!("{zh}约 {r} 米"), format!("about {r} m {en}")),
            None => (format!("约 {r} 米"), format!("about {r} m")),
        };
        if origins.is_empty() {
            // Coverage counts residents, and without homes there are none to count: missing
            // data, scored 0 like any other. The centre's walk is said, not scored: scoring it
            // (all or nothing) gave a circle that left its homes out more than one that listed them.
            m.says = match self.nearest_named(target) {
                Some((d, nearest)) => {
                    findings.push(Finding {
                        code: "coverage_from_centre".into(),
                        severity: Severity::Warning,
                        indicator: Some(ind.id.clone()),
                        message: Text::new(
                            "未提供居民点：覆盖率无法计算，按缺数据计 0 分；请补充居民点及其步行距离",
                            "no residential origins: coverage cannot be computed and scores 0 as missing data; add origins and their walks",
                        ),
                    });
                    m.inputs.insert("centre_nearest_m".into(), Value::from(d));
                    if let Some(n) = &nearest {
                        m.inputs.insert("nearest".into(), Value::from(n.as_str()));
                    }
                    let (which_zh, which_en) = which(name, nearest.as_deref());
                    let walk_min = fmt_num(round1(d / per_min));
                    Text::new(
                        format!(
                            "未提供居民点，覆盖率无法计算（仅供参考：中心点到最近的{which_zh}约 {} 米、步行约 {walk_min} 分钟；{} 分钟{reach_zh}）",
                            fmt_num(d.round()),
                            fmt_num(limit),
                        ),
                        format!(
                            "no residential origins, so no coverage (for reference: the nearest {which_en} is about {} m from the centre, a {walk_min}-minute walk; {} minutes is {reach_en})",
                            fmt_num(d.round()),
                            fmt_num(limit),
                        ),
                    )
                }
                None => Text::new("缺少居民点或步行距离数据", "no origins or walking distances given"),
            };
            m.detail = Some(Text::new(
                "补充居民点步行距离（或由路网计算）",
                "give walking distances from homes (or compute them on the street network)",
            ));
            return m;
        }
        let mut all = Vec::with_capacity(origins.len());
        let mut reached = Vec::new();
        let mut known = 0usize;
        // Origins with no walk to the type, and origins beyond the limit: named (sorted, so the
        // order of the list cannot change the text), as both count as not covered.
        let mut blank: Vec<&str> = Vec::new();
        let mut far: Vec<&str> = Vec::new();
        for o in origins {
            all.push(o.population);
            let d = target.categories.iter().filter_map(|c| o.nearest_m.get(c).copied()).reduce(f64::min);
            match d {
                Some(d) => {
                    known += 1;
                    if d <= reach_m {
                        reached.push(o.population);
                    } else {
                        far.push(&o.id);
                    }
                }
                None => blank.push(&o.id),
            }
        }
        crate::order::sort_by(&mut blank, |a, b| a.cmp(b));
        crate::order::sort_by(&mut far, |a, b| a.cmp(b));
        let (listed, covered) = (sum_in_order(all), sum_in_order(reached));
        if known == 0 {
            m.says = Text::new("居民点缺少到该类设施的步行距离", "the origins have no distances to this type");
            m.detail =
                Some(Text::new("补充居民点到该类设施的步行距离", "give walking distances from homes to this type"));
            return m;
        }
        // Residents the origins leave out are not covered (missing data scores nothing): the
        // share is of the circle's population when the origins hold fewer. One origin of 2,600
        // residents in a circle of 6,800 gave full marks.
        let unlisted = self.c.population.map(|p| p - listed).filter(|u| *u >= 0.5);
        let total = unlisted.map_or(listed, |u| listed + u);
        if total <= 0.0 {
            m.says = Text::new("居民点人口合计为 0", "the origins hold no residents");
            return m;
        }
        let v = covered / total;
        m.value = Some(v);
        m.inputs.insert("population_total".into(), Value::from(total));
        m.inputs.insert("population_covered".into(), Value::from(covered));
        let mut notes_zh = Vec::new();
        let mut notes_en = Vec::new();
        if let Some(u) = unlisted {
            m.inputs.insert("population_in_origins".into(), Value::from(listed));
            notes_zh.push(format!("居民点合计 {} 人，其余 {} 人未列入居民点，按未覆盖计", fmt_num(listed), fmt_num(u)));
            notes_en.push(format!(
                "the origins hold {}; the other {} count as not covered",
                fmt_num(listed),
                fmt_num(u)
            ));
        }
        if !blank.is_empty() {
            let (zh, en) = (first_five(&blank, blank.len(), "、"), first_five(&blank, blank.len(), ", "));
            notes_zh.push(format!("{zh}缺少到{}的距离，按未覆盖计", name.zh));
            notes_en.push(format!("{en}: no walk to {} given, counted as not covered", in_sentence(&name.en)));
        }
        let (note_zh, note_en) = if notes_zh.is_empty() {
            (String::new(), String::new())
        } else {
            (format!("（{}）", join_all(&notes_zh, "；")), format!(" ({})", join_all(&notes_en, "; ")))
        };
        let of_zh = if unlisted.is_some() { "常住人口 " } else { "" };
        let of_en = if unlisted.is_some() { "population " } else { "" };
        m.says = Text::new(
            format!(
                "{} 分钟（{reach_zh}）内可达{}的居民 {} 人 ÷ {of_zh}{} 人 = {}{note_zh}",
                fmt_num(limit),
                name.zh,
                fmt_num(covered),
                fmt_num(total),
                pct(v, &ind.rule)
            ),
            format!(
                "residents within {} minutes ({reach_en}) of {}: {} ÷ {of_en}{} = {}{note_en}",
                fmt_num(limit),
                in_sentence(&name.en),
                fmt_num(covered),
                fmt_num(total),
                pct(v, &ind.rule)
            ),
        );
        if v < 1.0 {
            // Where to build: the origins beyond the walk, then those with no walk given.
            let not_reached: Vec<&str> = far.iter().chain(&blank).copied().collect();
            let (where_zh, where_en) = if let (true, Some(u)) = (not_reached.is_empty(), unlisted) {
                // Every listed origin is reached: what is not covered is the residents no origin
                // holds, so the action is to list them, not to build somewhere unknown.
                (
                    format!("尚有 {} 人未列入任何居民点：补全居民点后再核实", fmt_num(u)),
                    format!("{} residents are in no origin: list them, then check again", fmt_num(u)),
                )
            } else if not_reached.is_empty() {
                ("在未覆盖片区增设网点".to_string(), "add outlets where residents are not covered".to_string())
            } else {
                let n = not_reached.len();
                (
                    format!("在未覆盖的居民点（{}）附近增设网点", first_five(&not_reached, n, "、")),
                    format!("add outlets near the origins not covered ({})", first_five(&not_reached, n, ", ")),
                )
            };
            m.detail = Some(Text::new(
                format!("{}步行 {} 分钟覆盖率 {}，{where_zh}", name.zh, fmt_num(limit), pct(v, &ind.rule)),
                format!(
                    "{}-minute coverage of {} is {}: {where_en}",
                    fmt_num(limit),
                    in_sentence(&name.en),
                    pct(v, &ind.rule)
                ),
            ));
        }
        m
    }

    fn measure_value(&self, m: &Measure) -> Option<f64> {
        let commercial = || self.open.iter().filter(|(f, cat)| self.in_reach(f) && self.st.is_commercial(cat));
        match m {
            Measure::ChainOutlets => Some(commercial().filter(|(f, _)| f.chain).count() as f64),
            Measure::CommercialOutlets => Some(commercial().count() as f64),
            Measure::Population => self.c.population,
            Measure::Households => self.c.households,
            Measure::Figure(k) => self.c.figures.get(k).copied(),
        }
    }

    fn measure_name(&self, m: &Measure) -> (String, String) {
        match m {
            Measure::ChainOutlets => ("连锁店".into(), "chain outlets".into()),
            Measure::CommercialOutlets => ("商业网点".into(), "commercial outlets".into()),
            Measure::Population => ("常住人口".into(), "population".into()),
            Measure::Households => ("户数".into(), "households".into()),
            Measure::Figure(k) => match self.st.figures.iter().find(|f| &f.key == k) {
                Some(f) => (f.name.zh.clone(), f.name.en.clone()),
                None => (k.clone(), k.clone()),
            },
        }
    }
}

fn measure_key(m: &Measure) -> String {
    match m {
        Measure::ChainOutlets => "chain_outlets".into(),
        Measure::CommercialOutlets => "commercial_outlets".into(),
        Measure::Population => "population".into(),
        Measure::Households => "households".into(),
        Measure::Figure(k) => k.clone(),
    }
}

/// Points a rule gives a value, before rounding.
pub fn apply(rule: &Rule, v: f64, max: f64) -> f64 {
    match rule {
        Rule::AtLeast { threshold } => {
            if v >= *threshold {
                max
            } else {
                0.0
            }
        }
        Rule::Linear { zero, full } => {
            let t = ((v - zero) / (full - zero)).clamp(0.0, 1.0);
            max * t
        }
        Rule::Steps { steps } => steps.iter().rev().find(|s| v >= s.at_least).map_or(0.0, |s| s.points),
        Rule::Given => v.clamp(0.0, max),
    }
}

/// A measured share as a percentage ([`fmt_pct`]), but never shown on or past a mark of `rule`
/// it misses: 89 999 of 100 000 satisfied under “at least 90 %” reads 89.99 %, not 90 %
/// beside no points. Such a value is cut (not rounded) to two decimals, away from the mark: down
/// where more is better, up under a rule where less is (a linear rule from `zero` down to `full`).
fn pct(v: f64, rule: &Rule) -> String {
    // Each mark, and whether more is better there.
    let marks: Vec<(f64, bool)> = match rule {
        Rule::AtLeast { threshold } => vec![(*threshold, true)],
        Rule::Linear { zero, full } => vec![(*zero, full > zero), (*full, full > zero)],
        Rule::Steps { steps } => steps.iter().map(|s| (s.at_least, true)).collect(),
        Rule::Given => Vec::new(),
    };
    let shown = round1(v * 100.0);
    let at = |t: f64| round1(t * 100.0);
    if marks.iter().any(|&(t, up)| up && v < t && shown >= at(t)) {
        format!("{}%", fmt_num((v * 10_000.0).floor() / 100.0))
    } else if marks.iter().any(|&(t, up)| !up && v > t && shown <= at(t)) {
        format!("{}%", fmt_num((v * 10_000.0).ceil() / 100.0))
    } else {
        fmt_pct(v)
    }
}

fn rule_met(rule: &Rule, v: f64) -> bool {
    match rule {
        Rule::AtLeast { threshold } => v >= *threshold,
        Rule::Linear { zero, full } => (full > zero && v >= *full) || (full < zero && v <= *full),
        Rule::Steps { steps } => steps.last().is_some_and(|s| v >= s.at_least),
        Rule::Given => true,
    }
}

fn fmt_value(v: f64, unit: &str) -> String {
    match unit {
        "fraction" => fmt_pct(v),
        _ => fmt_num(v),
    }
}

/// The rule in words: how an indicator's value measured in `unit` (as its result gives it)
/// earns its `max` points. The explanation says it, and the score card beside the value.
pub fn rule_text(rule: &Rule, unit: &str, max: f64) -> Text {
    match rule {
        Rule::AtLeast { threshold } if unit == "yes_no" || unit == "m" || unit == "min" => {
            let _ = threshold;
            Text::new(format!("达到要求得 {} 分", fmt_num(max)), format!("{} when met", points_en(max)))
        }
        Rule::AtLeast { threshold } => Text::new(
            format!("要求 ≥ {}，达到得 {} 分", fmt_value(*threshold, unit), fmt_num(max)),
            format!("{} at ≥ {}", points_en(max), fmt_value(*threshold, unit)),
        ),
        Rule::Linear { zero, full } => Text::new(
            format!(
                "{} 时 0 分、{} 时满分 {} 分，其间按比例计",
                fmt_value(*zero, unit),
                fmt_value(*full, unit),
                fmt_num(max)
            ),
            format!(
                "0 points at {}, full {} at {}, linear between",
                fmt_value(*zero, unit),
                fmt_num(max),
                fmt_value(*full, unit)
            ),
        ),
        Rule::Steps { steps } => Text::new(
            format!(
                "分档计分：{}",
                join_all(
                    &steps
                        .iter()
                        .map(|s| format!("≥ {} 得 {} 分", fmt_value(s.at_least, unit), fmt_num(s.points)))
                        .collect::<Vec<_>>(),
                    "；"
                )
            ),
            format!(
                "steps: {}",
                join_all(
                    &steps
                        .iter()
                        .map(|s| format!("≥ {} → {}", fmt_value(s.at_least, unit), fmt_num(s.points)))
                        .collect::<Vec<_>>(),
                    "; "
                )
            ),
        ),
        Rule::Given => Text::new(
            format!("由评估人在 0–{} 分内打分", fmt_num(max)),
            format!("evaluator points from 0 to {}", fmt_num(max)),
        ),
    }
}

/// A gap's priority by its indicator's role: 1 veto, 2 gate, 3 mandatory, 4 scored.
pub(crate) fn gap_priority(role: Role) -> u8 {
    match role {
        Role::Veto => 1,
        Role::Gate => 2,
        Role::Mandatory => 3,
        Role::Scored => 4,
    }
}

/// What a gap list says to do about `ind`: provide its data (`no_data`), or the standard's
/// action, or improve it.
pub(crate) fn gap_action(ind: &Indicator, no_data: bool) -> Text {
    match &ind.action {
        _ if no_data => {
            Text::new(format!("补充数据：{}", ind.name.zh), format!("provide the data for: {}", ind.name.en))
        }
        Some(a) => a.clone(),
        None => Text::new(format!("改进：{}", ind.name.zh), format!("improve: {}", ind.name.en)),
    }
}

/// The responsible units in English, in order and with their lead marks, when the standard
/// names its units in English (`[[units]]`); else none.
pub(crate) fn units_en(st: &Standard, units: &[String]) -> Vec<String> {
    if st.units.is_empty() {
        return Vec::new();
    }
    units
        .iter()
        .map(|u| {
            let (name, lead) = crate::assessment::split_lead(u);
            let en = st.units.iter().find(|x| x.zh == name).map_or(name, |x| x.en.as_str());
            format!("{en}{}", if lead { "*" } else { "" })
        })
        .collect()
}

/// Who designed a provisional value, by the standard that set it (`origin`): this project for
/// the built-in standards, which it wrote; the standard itself for a user's own (a city's
/// designed values are the city's, not this project's).
fn designer(origin: &str) -> (String, String) {
    if by_this_project(origin) {
        ("本项目".into(), "this project".into())
    } else {
        (format!(" {origin} 标准的"), format!("the standard {origin}"))
    }
}

/// A value set by a built-in standard, which this project wrote.
fn by_this_project(origin: &str) -> bool {
    crate::standard::BUILTIN.iter().any(|b| b.id == origin)
}

fn explain(st: &Standard, ind: &Indicator, m: &Measured, points: f64, status: Status) -> Text {
    let rule = if ind.points == 0.0 {
        Text::new("此项不计分，只作资格条件", "no points (a condition only)")
    } else {
        rule_text(&ind.rule, m.unit, ind.points)
    };
    let clause = cite_text(st, &ind.cite);
    let (by_zh, by_en) = designer(&ind.origin);
    let (zh_rule, en_rule) = if status == Status::NotApplicable || status == Status::NoData {
        (String::new(), String::new())
    } else {
        (format!("；{}", rule.zh), format!("; {}", rule.en))
    };
    let got = fmt_num(points);
    let mut t = Text::new(
        format!("{}{zh_rule}：得 {got}/{} 分。依据：{clause}", m.says.zh, fmt_num(ind.points)),
        format!("{}{en_rule}: {got}/{}. Source: {clause}", m.says.en, points_en(ind.points)),
    );
    // What the requirement is (official; with this project's reading; read in news reports
    // only, evidence V2; an official value recalled or seen second-hand; designed), then the
    // points when designed: in brackets after the source.
    let c = &ind.cite;
    let (req, pts) = ind.provisional();
    let why = c.reason.as_deref().map(reason_halves);
    let recalled = req && recalled(c);
    // A verified requirement's reason is said when it records this project's reading.
    let reading = why.filter(|w| !req && records_reading(w.0, w.1));
    let news = !req && c.evidence.as_deref() == Some("V2");
    let k = &mut t;
    let marked = req || pts || news || reading.is_some();
    if marked {
        add(k, "（", " (");
    }
    if !req && marked {
        add(k, "要求为官方数值", "the requirement is official");
        if reading.is_some() {
            add(k, "，含", ", in ");
            add(k, &by_zh, &by_en);
            add(k, if by_zh.ends_with('的') { "解释" } else { "的解释" }, "'s reading");
        }
        if news {
            add(k, "，", ", ");
            add(k, crate::assessment::NEWS.0, crate::assessment::NEWS.1);
        }
    } else if recalled {
        add(
            k,
            "要求出自凭记忆或二手引用、未经核实的官方条文",
            "the requirement rests on official values recalled or seen second-hand, not verified",
        );
    } else if req && pts {
        add(k, "本项要求与分值均为", "requirement and points are provisional, designed by ");
        add(k, &by_zh, &by_en);
        add(k, "暂定设计值，非官方数值", ", not official");
    } else if req {
        add(k, "本项要求为暂定设计值", "the requirement is provisional");
    }
    let pc = ind.points_cite.as_ref().filter(|_| pts);
    if pts && (!req || recalled) {
        add(k, "；分值为", "; the points are provisional, designed by ");
        add(k, &by_zh, &by_en);
        add(k, "暂定设计值", "");
        // A document of the standard's own that sets the points is named; this project's design
        // note is no document a reader can open: its reason is said instead.
        if let Some(p) = pc.filter(|p| p.source != DESIGN_SOURCE) {
            let doc = cite_text(st, p);
            // 见 and a title that starts in Latin letters ("lifecircle …") take a space.
            add(k, if doc.starts_with(|c: char| c.is_ascii_alphanumeric()) { "，见 " } else { "，见" }, ": ");
            add(k, &doc, &doc);
        }
    }
    if marked {
        add(k, "）", ")");
    }
    // Why, for each designed or read part: its reason, the Chinese half in Chinese and the
    // English half in English.
    let pwhy = pc.and_then(|p| p.reason.as_deref()).map(reason_halves);
    if let Some(w) = why.filter(|_| req) {
        say(&mut t, "理由：", " Why: ", w);
    }
    if let Some(w) = reading {
        say(&mut t, "解释：", " Reading: ", w);
    }
    if let Some(w) = pwhy {
        // One reason of the points alone is the reason.
        let alone = why.filter(|_| req).or(reading).is_none();
        say(
            &mut t,
            if alone { "理由：" } else { "分值的理由：" },
            if alone { " Why: " } else { " Why these points: " },
            w,
        );
    }
    t
}

/// Append to both languages. Not inlined: an explanation is built of many pieces, and each
/// inlined copy would grow the scoring module (its gzip budget, xtask/src/dist.rs).
#[inline(never)]
fn add(t: &mut Text, zh: &str, en: &str) {
    t.zh.push_str(zh);
    t.en.push_str(en);
}

/// Append a reason (`why`, its Chinese and English halves) as a sentence of its own after
/// `label`, each language ending in a full stop.
#[inline(never)]
fn say(t: &mut Text, zh_label: &str, en_label: &str, why: (&str, &str)) {
    stop(t);
    add(t, zh_label, en_label);
    add(t, why.0, why.1);
    stop(t);
}

/// End both languages' sentence, unless ended.
#[inline(never)]
fn stop(t: &mut Text) {
    if !(t.zh.ends_with('。') || t.zh.ends_with('.')) {
        t.zh.push('。');
    }
    if !(t.en.ends_with('.') || t.en.ends_with('。')) {
        t.en.push('.');
    }
}

/// The source id of this project's design note (declared in `mofcom-2021`, which the other
/// built-in standards extend): the `points_cite` of every designed value of theirs. It is no
/// document a reader can open, so an explanation gives the citation's reason instead.
const DESIGN_SOURCE: &str = "lifecircle-design";

/// A reason as the standards write it, Chinese first, then English: "中文…。 English…"
/// (standards/README.md). Split at the first "。 " that an ASCII character follows (the
/// English half, which may quote Chinese words); a reason without one serves both languages.
pub fn reason_halves(reason: &str) -> (&str, &str) {
    let r = reason.trim();
    for (i, stop) in r.match_indices("。 ") {
        let en = r[i + stop.len()..].trim();
        if en.starts_with(|c: char| c.is_ascii()) {
            return (&r[..i + "。".len()], en);
        }
    }
    (r, r)
}

/// Whether a verified requirement's reason records this project's reading of the official
/// text: the words the standards use for it, 解释 (reading) or 推断 (inference), or in a
/// reason written in English only, "our reading" or "interpret".
fn records_reading(zh: &str, en: &str) -> bool {
    zh.contains("解释") || zh.contains("推断") || en.contains("our reading") || en.contains("interpret")
}

/// Whether a provisional requirement is an official value recalled (evidence R) or seen only
/// second-hand, in third-party code (G), not verified, rather than designed.
fn recalled(c: &Cite) -> bool {
    matches!(c.evidence.as_deref(), Some("R" | "G"))
}

/// A citation as a reader wants it: the document number (or title) and the clause.
pub fn cite_text(st: &Standard, c: &Cite) -> String {
    with_clause(cite_document(st, c), c)
}

/// A cited document (as [`cite_document`] gives it) and the citation's clause.
pub fn with_clause(doc: String, c: &Cite) -> String {
    match &c.clause {
        Some(cl) => format!("{doc} {cl}"),
        None => doc,
    }
}

/// The document a citation names, as a reader knows it: its number, else its title (else the
/// standard's own source id, for a source it does not list).
pub fn cite_document(st: &Standard, c: &Cite) -> String {
    st.sources
        .iter()
        .find(|s| s.id == c.source)
        .map(|s| s.number.clone().unwrap_or_else(|| s.title.clone()))
        .unwrap_or_else(|| c.source.clone())
}

fn assemble(
    st: &Standard,
    c: &Circle,
    as_of: Date,
    results: Vec<IndicatorResult>,
    details: Vec<Option<Text>>,
    mut findings: Vec<Finding>,
) -> Assessment {
    let total = round2(results.iter().map(|r| r.points).sum());
    let dimensions = st
        .dimensions
        .iter()
        .map(|d| DimensionResult {
            id: d.id.clone(),
            name: d.name.clone(),
            points: round2(results.iter().filter(|r| r.dimension == d.id).map(|r| r.points).sum()),
            max: d.points,
        })
        .collect();

    // Gates and vetoes first, then mandatory items.
    let mut checks: Vec<CheckResult> = st
        .indicators
        .iter()
        .zip(&results)
        .filter(|(i, _)| i.role != Role::Scored)
        .map(|(i, r)| CheckResult {
            indicator: i.id.clone(),
            name: i.name.clone(),
            role: i.role,
            passed: matches!(r.status, Status::Met | Status::NotApplicable),
            cap: i.cap.clone(),
        })
        .collect();
    crate::order::sort_by_key(&mut checks, |k| k.role);

    let band = |id: &str| st.grades.iter().position(|g| g.id == id);
    let by_points = st.grades.iter().position(|g| total >= g.min_points && g.below_points.is_none_or(|b| total < b));
    let mut grade = by_points;
    let mut withheld_by = Vec::new();
    let mut limited_by = Vec::new();
    for k in checks.iter().filter(|k| !k.passed) {
        match &k.cap {
            Some(Cap::AtMost(g)) => {
                limited_by.push(k.indicator.clone());
                if let (Some(cap), Some(cur)) = (band(g), grade) {
                    grade = Some(cur.min(cap));
                }
            }
            _ => withheld_by.push(k.indicator.clone()),
        }
    }
    if !withheld_by.is_empty() {
        grade = None;
    }
    let gref = |i: usize| {
        let g = &st.grades[i];
        GradeRef { id: g.id.clone(), name: g.name.clone(), stars: g.stars }
    };
    let names = |ids: &[String], lang: Lang| {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        join_all(&ids.iter().filter_map(|id| st.indicator(id)).map(|i| i.name.get(lang)).collect::<Vec<_>>(), sep)
    };
    let grade_name = |g: Option<usize>| match g {
        Some(i) => (st.grades[i].name.zh.clone(), st.grades[i].name.en.clone()),
        None => ("未达等级".to_string(), "no grade".to_string()),
    };
    let (pz, pe) = grade_name(by_points);
    let t = fmt_num(total);
    let mut explanation = if !withheld_by.is_empty() {
        Text::new(
            format!("总分 {t} 分（按分数为{pz}），但未通过：{}，不予评定等级", names(&withheld_by, Lang::Zh)),
            format!("{t} points ({pe} by points), but failed: {}; no grade is given", names(&withheld_by, Lang::En)),
        )
    } else if grade != by_points {
        let (gz, ge) = grade_name(grade);
        Text::new(
            format!("总分 {t} 分（按分数为{pz}），因未达到：{}，等级封顶为{gz}", names(&limited_by, Lang::Zh)),
            format!("{t} points ({pe} by points), capped at {ge} because of: {}", names(&limited_by, Lang::En)),
        )
    } else {
        Text::new(format!("总分 {t} 分，评定为{pz}"), format!("{t} points: {pe}"))
    };
    if !withheld_by.is_empty() && !limited_by.is_empty() {
        explanation.zh += &format!("；另有必备项未达到：{}（会限制等级）", names(&limited_by, Lang::Zh));
        explanation.en +=
            &format!("; mandatory items also unmet (they would cap the grade): {}", names(&limited_by, Lang::En));
    }
    // The line between official and designed values reaches the grade too: the cut-offs of
    // the commerce standards are this project's design (MOFCOM's tables were not obtained).
    // So is what a failed gate, veto or mandatory item does to the grade (MOFCOM's grading
    // rules were not obtained either): said when one decided it.
    if let Some(g) = st.grades.iter().find(|g| g.cite.confidence == Confidence::Provisional) {
        let (by_zh, by_en) = designer(&g.origin);
        let design_en = if by_this_project(&g.origin) {
            "this project's provisional design".to_string()
        } else {
            format!("the provisional design of {by_en}")
        };
        if withheld_by.is_empty() && limited_by.is_empty() {
            explanation.zh += &format!("（等级分数线为{by_zh}暂定设计值，非官方数值）");
            explanation.en += &format!(" (the grade cut-offs are {design_en}, not official)");
        } else {
            explanation.zh += &format!("（等级分数线及上述各项对等级的作用为{by_zh}暂定设计，非官方规定）");
            explanation.en += &format!(
                " (the grade cut-offs, and what the items above do to the grade, are {design_en}, not official)"
            );
        }
    }
    let capped_by: Vec<String> = withheld_by.into_iter().chain(limited_by).collect();
    let grade_result = GradeResult { grade: grade.map(gref), by_points: by_points.map(gref), capped_by, explanation };

    // Gap list.
    let mut gaps: Vec<(usize, Gap)> = Vec::new();
    for (pos, (ind, r)) in st.indicators.iter().zip(&results).enumerate() {
        if !matches!(r.status, Status::NotMet | Status::Partly | Status::NoData) {
            continue;
        }
        let priority = gap_priority(ind.role);
        let detail = details[pos].clone();
        let action = gap_action(ind, r.status == Status::NoData);
        gaps.push((
            pos,
            Gap {
                priority,
                indicator: ind.id.clone(),
                name: ind.name.clone(),
                status: r.status,
                action,
                detail,
                points_lost: round2(r.max - r.points),
                responsible: ind.responsible.clone(),
                responsible_en: units_en(st, &ind.responsible),
                confidence: r.confidence,
                points_confidence: r.points_confidence,
            },
        ));
    }
    crate::order::sort_by(&mut gaps, |(pa, a), (pb, b)| {
        a.priority.cmp(&b.priority).then(b.points_lost.total_cmp(&a.points_lost)).then(pa.cmp(pb))
    });

    // Findings about the whole.
    let provisional: Vec<&str> = results
        .iter()
        .filter(|r| r.confidence == Confidence::Provisional || r.points_confidence == Confidence::Provisional)
        .map(|r| r.id.as_str())
        .collect();
    if !provisional.is_empty() {
        // Designed by this project when every one comes from a built-in standard; a user's own
        // standard designs its own (each explanation names which).
        let ours = provisional.iter().all(|id| st.indicator(id).is_some_and(|i| by_this_project(&i.origin)));
        let (by_zh, by_en) = if ours { ("本项目设计的", " designed by this project") } else { ("", "") };
        // A requirement recalled or seen second-hand (evidence R or G) is an official value
        // not verified, not a designed one: said so, of all of them or of those it concerns.
        let n = provisional.len();
        let all_recalled =
            results.iter().filter(|r| r.confidence == Confidence::Provisional && recalled(&r.cite)).count() == n;
        let (what_zh, what_en) = if all_recalled {
            (
                "要求出自凭记忆或二手引用、未经核实的官方条文，分值为",
                "rest on official values recalled or seen second-hand, not verified, with provisional points",
            )
        } else {
            ("分值或阈值为", "use provisional points or thresholds")
        };
        findings.push(Finding {
            code: "provisional_values".into(),
            severity: Severity::Info,
            indicator: None,
            message: Text::new(
                format!("{n} 项指标的{what_zh}{by_zh}暂定值（非官方数值）：{}", join_all(&provisional, "、")),
                format!("{n} indicators {what_en}{by_en} (not official values): {}", join_all(&provisional, ", ")),
            ),
        });
    }
    // A requirement read in a document issued after the evaluation date: scored as the
    // standard says, but at that date the requirement did not exist yet (the 2025 notice's
    // 养老 mandatory item in a 2024 assessment). One finding per document.
    for src in st.sources.iter().filter(|src| src.date > as_of) {
        let ids: Vec<&str> = st.indicators.iter().filter(|i| i.cite.source == src.id).map(|i| i.id.as_str()).collect();
        if ids.is_empty() {
            continue;
        }
        findings.push(Finding {
            code: "requirement_after_as_of".into(),
            severity: Severity::Info,
            indicator: None,
            message: Text::new(
                format!(
                    "{} 项指标的要求出自 {} 发布的《{}》，晚于评估日期 {as_of}：按本标准评分，但评估日时该要求尚未发布：{}",
                    ids.len(),
                    src.date,
                    src.title,
                    join_all(&ids, "、")
                ),
                format!(
                    "{} {} from a document issued on {}, after the evaluation date {as_of} ({}): scored as this standard says, though the requirement did not exist yet at that date: {}",
                    ids.len(),
                    if ids.len() == 1 { "indicator takes its requirement" } else { "indicators take their requirement" },
                    src.date,
                    src.title,
                    join_all(&ids, ", ")
                ),
            ),
        });
    }
    let in_force = st.in_force(as_of);
    if !in_force {
        let (zh, en) = if as_of < st.effective {
            (
                format!("评估日期 {as_of} 早于标准生效日期 {}", st.effective),
                format!("as_of {as_of} is before the standard takes effect ({})", st.effective),
            )
        } else {
            let end = st.ends.map(|e| e.to_string()).unwrap_or_default();
            (
                format!("评估日期 {as_of} 晚于标准截止日期 {end}"),
                format!("as_of {as_of} is after the standard's end date ({end})"),
            )
        };
        findings.push(Finding {
            code: "standard_not_in_force".into(),
            severity: Severity::Warning,
            indicator: None,
            message: Text::new(zh, en),
        });
    }
    let mut not_open: Vec<&str> =
        c.facilities.iter().filter(|f| f.status != crate::circle::Status::Open).map(|f| f.name.as_str()).collect();
    if !not_open.is_empty() {
        // Which ones (the first five by name: the order of the inventory cannot change the
        // text), so that a reader can check them.
        crate::order::sort_by_key(&mut not_open, |name| *name);
        let n = not_open.len();
        let names = |sep: &str| first_five(&not_open, n, sep);
        findings.push(Finding {
            code: "planned_or_closed".into(),
            severity: Severity::Info,
            indicator: None,
            message: Text::new(
                format!("{n} 处设施为规划中或已关闭，未计入：{}", names("、")),
                if n == 1 {
                    format!("1 planned or closed facility is listed but not counted: {}", names(", "))
                } else {
                    format!("{n} planned or closed facilities are listed but not counted: {}", names(", "))
                },
            ),
        });
    }
    // Coverage shares are computed from the origins: when they do not add up to the circle's
    // population, say so (some residents left out, or some counted twice over).
    let origins = c.walking.as_ref().map_or(&[][..], |w| w.origins.as_slice());
    if let (Some(population), false) = (c.population, origins.is_empty()) {
        // Summed in one order whatever the inventory's, and compared in whole persons (origins
        // may hold apportioned, fractional residents).
        let sum = round2(sum_in_order(origins.iter().map(|o| o.population).collect()));
        if (sum - population).abs() >= 0.5 {
            findings.push(Finding {
                code: "origins_population".into(),
                severity: Severity::Warning,
                indicator: None,
                message: if sum < population {
                    Text::new(
                        format!(
                            "居民点人口合计 {} 人，少于常住人口 {} 人：覆盖率按常住人口计，未列入居民点的 {} 人按未覆盖计，请补充居民点",
                            fmt_num(sum),
                            fmt_num(population),
                            fmt_num(population - sum)
                        ),
                        format!(
                            "the origins hold {} residents, fewer than the population {}: coverage is of the population, and the {} in no origin count as not covered; add origins",
                            fmt_num(sum),
                            fmt_num(population),
                            fmt_num(population - sum)
                        ),
                    )
                } else {
                    Text::new(
                        format!(
                            "居民点人口合计 {} 人，多于常住人口 {} 人：覆盖率按居民点人口计算，请核对",
                            fmt_num(sum),
                            fmt_num(population)
                        ),
                        format!(
                            "the origins hold {} residents, more than the population {}: coverage counts the origins' residents; check them",
                            fmt_num(sum),
                            fmt_num(population)
                        ),
                    )
                },
            });
        }
    }
    if c.sample {
        findings.push(Finding {
            code: "sample_data".into(),
            severity: Severity::Info,
            indicator: None,
            message: Text::new(
                "示例数据：本生活圈的设施与数据为虚构，仅供演示",
                "sample data: the facilities and figures of this circle are made up, for demonstration only",
            ),
        });
    }

    Assessment {
        engine: Engine { name: "lifecircle-core".into(), version: env!("CARGO_PKG_VERSION").into() },
        standard: StandardStamp {
            id: st.id.clone(),
            version: st.version.clone(),
            title: st.title.clone(),
            digest: st.digest.clone(),
            lineage: st.lineage.clone(),
            in_force,
        },
        as_of,
        input_digest: input_digest(st, c, as_of),
        circle: CircleStamp {
            id: c.id.clone(),
            name: c.name.clone(),
            sample: c.sample,
            measured_from: c.walking.as_ref().map(|w| w.measured_from.clone()).unwrap_or_default(),
        },
        total,
        max: st.total_points,
        grade: grade_result,
        dimensions,
        checks,
        indicators: results,
        findings,
        gaps: gaps.into_iter().map(|(_, g)| g).collect(),
    }
}

/// SHA-256 of the resolved standard's canonical JSON (its `digest` field is not part of it).
pub fn standard_digest(st: &Standard) -> String {
    sha256_hex(&serde_json::to_vec(st).unwrap_or_default())
}

/// SHA-256 of the canonical input: unordered lists sorted, so the order of an inventory
/// never changes the digest. The data files the distances were measured from
/// (`walking.measured_from`) are where the input came from, not input: the same distances
/// give the same digest whether their files are named, renamed or not named.
pub fn input_digest(st: &Standard, c: &Circle, as_of: Date) -> String {
    let mut h = Sha256::new();
    h.update(b"lifecircle-input-v1\n");
    h.update(st.id.as_bytes());
    h.update(b"\n");
    h.update(st.version.as_bytes());
    h.update(b"\n");
    h.update(as_of.to_string().as_bytes());
    h.update(b"\n");
    h.update(serde_json::to_vec(&Canonical::of(c)).unwrap_or_default());
    hex(&h.finalize())
}

/// A circle as its digest reads it, borrowed: the same JSON as the circle itself with its
/// facilities, communities and origins sorted and `walking.measured_from` left out. Borrowing
/// instead of sorting a clone keeps the circle's `Clone` out of the wasm (1.5 KB gzip of the
/// npm scoring module, measured 2026-12-06).
/// The fields, their order and their `skip_serializing_if` are [`Circle`]'s and
/// [`crate::circle::Walking`]'s; [`Canonical::of`] names every field, so a new one does not
/// compile until it is added here.
#[derive(serde::Serialize)]
struct Canonical<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sample: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    subdistrict: Option<&'a crate::circle::Named>,
    communities: Vec<&'a crate::circle::Named>,
    #[serde(skip_serializing_if = "Option::is_none")]
    built_year: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    population: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    households: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_residential: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a crate::circle::Location>,
    facilities: Vec<&'a crate::circle::Facility>,
    figures: &'a crate::circle::SortedMap<f64>,
    surveys: &'a crate::circle::SortedMap<crate::circle::Survey>,
    checklist: &'a crate::circle::SortedMap<crate::circle::ChecklistAnswer>,
    evaluator: &'a crate::circle::SortedMap<crate::circle::EvaluatorEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    walking: Option<CanonicalWalking<'a>>,
}

/// [`crate::circle::Walking`] as the digest reads it (`measured_from` is provenance, not input).
#[derive(serde::Serialize)]
struct CanonicalWalking<'a> {
    basis: Basis,
    nearest_m: &'a crate::circle::SortedMap<f64>,
    #[serde(skip_serializing_if = "no_names")]
    nearest_name: &'a crate::circle::SortedMap<String>,
    origins: Vec<&'a crate::circle::Origin>,
}

fn no_names(names: &&crate::circle::SortedMap<String>) -> bool {
    names.is_empty()
}

impl<'a> Canonical<'a> {
    fn of(c: &'a Circle) -> Canonical<'a> {
        let Circle {
            id,
            name,
            sample,
            subdistrict,
            communities,
            built_year,
            population,
            households,
            form,
            new_residential,
            location,
            facilities,
            figures,
            surveys,
            checklist,
            evaluator,
            walking,
        } = c;
        let mut communities: Vec<&crate::circle::Named> = communities.iter().collect();
        crate::order::sort_by(&mut communities, |a, b| (&a.code, &a.name).cmp(&(&b.code, &b.name)));
        let walking = walking.as_ref().map(|w| {
            let crate::circle::Walking { basis, nearest_m, nearest_name, origins, measured_from: _ } = w;
            CanonicalWalking { basis: *basis, nearest_m, nearest_name, origins: sorted_by_canon(origins) }
        });
        Canonical {
            id,
            name,
            sample: *sample,
            subdistrict: subdistrict.as_ref(),
            communities,
            built_year: *built_year,
            population: *population,
            households: *households,
            form: form.as_deref(),
            new_residential: *new_residential,
            location: location.as_ref(),
            facilities: sorted_by_canon(facilities),
            figures,
            surveys,
            checklist,
            evaluator,
            walking,
        }
    }
}

/// References to `items` in the order of their canonical JSON.
fn sorted_by_canon<T: serde::Serialize>(items: &[T]) -> Vec<&T> {
    let mut keyed: Vec<(String, &T)> = items.iter().map(|x| (canon(x), x)).collect();
    crate::order::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, x)| x).collect()
}

/// Canonical JSON of a value, for sorting.
fn canon<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// SHA-256 of `bytes`, hex: how a data file is named in `walking.measured_from`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first five of `n` items a finding names, and `…` when there are more.
fn first_five<S: AsRef<str>>(items: &[S], n: usize, sep: &str) -> String {
    let mut s = join_all(&items[..items.len().min(5)], sep);
    if n > 5 {
        s.push('…');
    }
    s
}

/// `items` with `sep` between them, as `[S]::join` writes them: one small loop instead of std's
/// join, which the wasm links once per item type (about 1 KB each).
pub fn join_all<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(s.as_ref());
    }
    out
}

/// Round to 2 decimals (points are reported to the hundredth).
/// The sum of numbers added smallest first, so that it does not depend on the order they were
/// listed in (floating-point addition is not associative: fractional residents of origins
/// summed in two orders can differ in the last bits).
fn sum_in_order(mut v: Vec<f64>) -> f64 {
    crate::order::sort_by(&mut v, f64::total_cmp);
    v.iter().sum()
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A number without trailing zeros, at most 2 decimals; beyond 10^15 (absurd input) in
/// exponent form ([`short_num`]), never a saturated integer.
pub fn fmt_num(x: f64) -> String {
    let r = round2(x);
    // Nor a value that is not zero written as 0 (5e-324 m² of floor area).
    if !r.is_finite() || r.abs() >= 1e15 || (r == 0.0 && x != 0.0) {
        short_num(x)
    } else if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// A category in a sentence, with the name of its nearest facility when known: 药店“仁和药房”,
/// pharmacy (仁和药房).
fn which(name: &Text, nearest: Option<&str>) -> (String, String) {
    match nearest {
        Some(n) => (format!("{}“{n}”", name.zh), format!("{} ({n})", in_sentence(&name.en))),
        None => (name.zh.clone(), in_sentence(&name.en)),
    }
}

/// 分, or "point"/"points" after the number `n` in English (reports and widgets too).
pub fn points_word(lang: Lang, n: f64) -> &'static str {
    lang.pick("分", if fmt_num(n) == "1" { "point" } else { "points" })
}

/// Points in English: "1 point", "2.5 points".
fn points_en(x: f64) -> String {
    format!("{} {}", fmt_num(x), points_word(Lang::En, x))
}

/// An English name inside a sentence: "no convenience store", not "no Convenience store".
/// Only a capital followed by a lower-case letter is lowered, so "TCM clinic" and "OSM" stay.
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_ascii_lowercase() => {
            format!("{}{}", first.to_ascii_lowercase(), &name[1..])
        }
        _ => name.to_string(),
    }
}

/// A number as short as it can be written and read back exactly: `1100`, `2.5`, `1e-320`,
/// `2.5e20` (plain decimals of tiny and huge values would run to hundreds of digits); `∞`,
/// `-∞` and `NaN` for the values that are not numbers.
pub fn short_num(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "∞".into() } else { "-∞".into() }
    } else if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.abs() < 1e-6 || v.abs() >= 1e15 {
        exponent_form(&format!("{v}"))
    } else {
        format!("{v}")
    }
}

/// What `format!("{v:e}")` writes, from what `format!("{v}")` writes: both lay out the same
/// shortest digits, so the digits and the exponent are read back from the plain decimal. It
/// keeps `f64`'s `LowerExp` (and its exact-precision path) out of the wasm.
fn exponent_form(plain: &str) -> String {
    let (sign, plain) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let point = plain.find('.').unwrap_or(plain.len());
    let digits: String = plain.chars().filter(|c| *c != '.').collect();
    let significant = digits.trim_start_matches('0');
    // The position of the first significant digit against the decimal point.
    let exponent = point as i64 - 1 - (digits.len() - significant.len()) as i64;
    let significant = significant.trim_end_matches('0');
    let (first, rest) = significant.split_at(significant.len().min(1));
    let point = if rest.is_empty() { "" } else { "." };
    format!("{sign}{first}{point}{rest}e{exponent}")
}

/// A fraction as a percentage, at most 1 decimal.
pub fn fmt_pct(x: f64) -> String {
    let p = round1(x * 100.0);
    if p == p.trunc() { format!("{}%", p as i64) } else { format!("{p:.1}%") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_are_lowered_inside_sentences_but_not_acronyms() {
        assert_eq!(in_sentence("Convenience store"), "convenience store");
        assert_eq!(in_sentence("Community elderly-care facility"), "community elderly-care facility");
        assert_eq!(in_sentence("TCM clinic"), "TCM clinic");
        assert_eq!(in_sentence("OSM"), "OSM");
        assert_eq!(in_sentence("x"), "x");
        assert_eq!(in_sentence(""), "");
        assert_eq!(points_en(1.0), "1 point");
        assert_eq!(points_en(2.0), "2 points");
        assert_eq!(points_en(0.5), "0.5 points");
    }

    /// A reason is split where its English half starts, "。 " and an ASCII character; one
    /// without an English half, or with a space only between Chinese sentences, serves both.
    #[test]
    fn a_reason_splits_into_its_chinese_and_english_halves() {
        assert_eq!(reason_halves("设计。 Designed."), ("设计。", "Designed."));
        // The English half may quote Chinese words, the Chinese half English ones.
        assert_eq!(
            reason_halves("recalled, not re-verified（R med）。分值为设计。 Points designed."),
            ("recalled, not re-verified（R med）。分值为设计。", "Points designed.")
        );
        assert_eq!(
            reason_halves("理由。 'At least one' is ours; 必备 too."),
            ("理由。", "'At least one' is ours; 必备 too.")
        );
        assert_eq!(
            reason_halves("recalled, not re-verified（R high）。"),
            ("recalled, not re-verified（R high）。", "recalled, not re-verified（R high）。")
        );
        assert_eq!(reason_halves("第一句。 第二句。"), ("第一句。 第二句。", "第一句。 第二句。"));
        assert_eq!(reason_halves("第一句。 第二句。 English."), ("第一句。 第二句。", "English."));
        assert_eq!(reason_halves(" 只有中文。 "), ("只有中文。", "只有中文。"));
        assert_eq!(reason_halves("fixture"), ("fixture", "fixture"));
        // Said as a sentence: one that lacks its full stop gets it.
        let mut t = Text::new("依据", "Source");
        say(&mut t, "理由：", " Why: ", reason_halves("fixture"));
        say(&mut t, "解释：", " Reading: ", reason_halves("回忆（R）。"));
        assert_eq!(
            (t.zh.as_str(), t.en.as_str()),
            ("依据。理由：fixture。解释：回忆（R）。", "Source. Why: fixture. Reading: 回忆（R）。")
        );
    }

    /// An answer to an indicator the standard does not ask there names the standard and says
    /// why in Chinese too: an indicator of another kind (a scored one answered as a checklist
    /// item), or one the standard does not have (an edition removed or renumbered it).
    #[test]
    fn an_answer_to_an_indicator_not_asked_says_why() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let mut c = crate::Circle::from_json(ex.json).unwrap();
        let answer = c.checklist.iter().next().unwrap().1.clone();
        c.checklist.insert("MC-S02".into(), answer.clone());
        c.checklist.insert("LW-X99".into(), answer);
        let e = score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap_err();
        let said: Vec<(String, String)> = e
            .problems
            .iter()
            .filter(|p| p.code == "unknown_indicator")
            .map(|p| (p.field.clone(), p.text(crate::standard::Lang::Zh)))
            .collect();
        assert_eq!(
            said,
            [
                (
                    "checklist.LW-X99".to_string(),
                    "本标准（longwan-2024）没有指标 LW-X99（可能按另一标准或旧版填写）：请删去这条作答；\
                     lifecircle show longwan-2024 列出全部指标"
                        .to_string()
                ),
                (
                    "checklist.MC-S02".to_string(),
                    "指标 MC-S02 在本标准（longwan-2024）中不是自查项，不能在这里作答：请删去这条".to_string()
                ),
            ]
        );
    }

    /// A share just below a mark of its rule is never shown on the mark: 89 999 of 100 000
    /// satisfied under Longwan's MC-R01 (full points at 90 %) read 89.99 %, not 90 % (its points
    /// round to full, 9.9995); 90 000 of them read 90 %; a share far from a mark keeps one
    /// decimal. Under “at least 35 %”, 34.99 % would read 35 % beside no points.
    #[test]
    fn a_share_below_a_mark_is_not_shown_on_it() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let says = |satisfied: u32| {
            let mut c = crate::Circle::from_json(ex.json).unwrap();
            c.surveys.insert("overall".into(), crate::circle::Survey { respondents: 100_000, satisfied, method: None });
            let a = score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap();
            let r = a.indicators.iter().find(|i| i.id == "MC-R01").unwrap();
            (r.explanation.zh.clone(), r.points)
        };
        let (zh, _) = says(89_999);
        assert!(zh.contains("= 89.99%"), "{zh}");
        let (zh, points) = says(90_000);
        assert!(zh.contains("= 90%") && points == 10.0, "{zh} ({points})");
        let (zh, _) = says(80_049);
        assert!(zh.contains("= 80%"), "{zh}");
        let (zh, _) = says(66_666);
        assert!(zh.contains("= 66.7%"), "{zh}");
        let at_least = Rule::AtLeast { threshold: 0.35 };
        assert_eq!(pct(0.3499, &at_least), "34.99%");
        assert_eq!(pct(0.34999, &at_least), "34.99%");
        assert_eq!(pct(0.35, &at_least), "35%");
        assert_eq!(pct(0.3449, &at_least), "34.5%");
        let steps =
            Rule::Steps { steps: vec![Step { at_least: 0.5, points: 1.0 }, Step { at_least: 0.8, points: 2.0 }] };
        assert_eq!(pct(0.79996, &steps), "79.99%");
        assert_eq!(pct(0.49999, &steps), "49.99%");
        assert_eq!(pct(0.6, &steps), "60%");
        // Less is better from 95 % down to 90 %: 90.004 % misses full points, so it is not 90 %.
        let down = Rule::Linear { zero: 0.95, full: 0.9 };
        assert_eq!(pct(0.90004, &down), "90.01%");
        assert_eq!(pct(0.9, &down), "90%");
        assert_eq!(pct(0.93, &down), "93%");
    }

    /// Points above an evaluator indicator's maximum are refused in Chinese with both numbers,
    /// not only in the English half.
    #[test]
    fn evaluator_points_above_the_maximum_are_said_in_chinese() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let mut c = crate::Circle::from_json(ex.json).unwrap();
        let (id, max) =
            st.indicators.iter().find(|i| matches!(i.kind, Kind::Evaluator)).map(|i| (i.id.clone(), i.points)).unwrap();
        c.evaluator
            .insert(id.clone(), crate::circle::EvaluatorEntry { points: max + 2.0, note: "n".into(), evidence: None });
        let err = score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap_err();
        let p = err.problems.iter().find(|p| p.field == format!("evaluator.{id}.points")).unwrap();
        assert_eq!(
            p.text(Lang::Zh),
            format!("数值不合理：打分 {} 分，超过该指标满分 {} 分", fmt_num(max + 2.0), fmt_num(max))
        );
    }

    /// A type known only from a walking distance is the circle's only within the circle's
    /// walk: Longwan's longest is 15 minutes at 75 m/min, 1125 m. A convenience store 3 km away
    /// does not pass the 一店 gate (LW-B02); one 500 m away does.
    #[test]
    fn a_type_known_only_from_a_distance_counts_within_the_circles_walk() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let b02 = |metres: f64| {
            let mut c = crate::Circle::from_json(ex.json).unwrap();
            c.facilities.retain(|f| st.find_category(&f.category).is_none_or(|k| k.code != "convenience_store"));
            c.walking.get_or_insert_with(Default::default).nearest_m.insert("convenience_store".into(), metres);
            let a = score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap();
            let r = a.indicators.iter().find(|i| i.id == "LW-B02").unwrap().clone();
            (r.points, r.explanation.zh)
        };
        let (points, zh) = b02(3000.0);
        assert_eq!(points, 0.0, "{zh}");
        assert!(zh.contains("最近的约 3000 米，在本生活圈步行范围（约 1125 米）之外"), "{zh}");
        let (points, zh) = b02(500.0);
        assert_eq!(points, 1.0, "{zh}");
        assert!(zh.contains("步行距离数据表明附近有便利店"), "{zh}");
        let (points, _) = b02(1125.0);
        assert_eq!(points, 1.0, "at the edge of the walk");
        // The type counts (MC-T01's 13 basic types, LW-B01's gate of 9) take the same evidence
        // as presence: the score card must not pass 一店 while the gap list says 缺少便利店.
        let types = |metres: f64| {
            let mut c = crate::Circle::from_json(ex.json).unwrap();
            c.facilities.retain(|f| st.find_category(&f.category).is_none_or(|k| k.code != "convenience_store"));
            c.walking.get_or_insert_with(Default::default).nearest_m.insert("convenience_store".into(), metres);
            let a = score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap();
            let missing = |id: &str| {
                let r = a.indicators.iter().find(|i| i.id == id).unwrap();
                r.inputs["missing"].as_array().unwrap().iter().any(|m| m == "convenience_store")
            };
            (missing("MC-T01"), missing("LW-B01"))
        };
        assert_eq!(types(500.0), (false, false));
        assert_eq!(types(3000.0), (true, true));
        // GB 50180 sets no walking speed: its reach is its longest distance in metres (1000 m).
        let gb = crate::load_builtin("gb50180-2018").unwrap();
        let jf02 = |metres: f64| {
            let c = crate::Circle::from_json(&format!(
                r#"{{"id":"g","name":"g","walking":{{"nearest_m":{{"convenience_store":{metres}}}}}}}"#
            ))
            .unwrap();
            let a = score(&gb, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap();
            a.indicators.iter().find(|i| i.id == "GB-JF-02").unwrap().points
        };
        assert_eq!((jf02(5000.0), jf02(300.0)), (0.0, 5.0));
    }

    /// The same for a facility in the inventory: listed with a walk beyond the circle's reach
    /// (Longwan: 1125 m) it is not the circle's. It does not pass a presence (LW-B02's 一店
    /// gate), is not counted (LW-B06: breakfast shops), nor in the chain share (MC-S02), and a
    /// finding names it; without a walk, or within it, it counts as before.
    #[test]
    fn a_facility_listed_beyond_the_circles_walk_is_not_counted() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let of =
            |code: &str, f: &crate::circle::Facility| st.find_category(&f.category).is_some_and(|k| k.code == code);
        let scored = |metres: Option<f64>| {
            let mut c = crate::Circle::from_json(ex.json).unwrap();
            for f in c.facilities.iter_mut().filter(|f| of("convenience_store", f) || of("breakfast", f)) {
                f.walk_m = metres.or(f.walk_m);
            }
            c.walking.get_or_insert_with(Default::default).nearest_m.remove("convenience_store");
            score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap()
        };
        let value = |a: &Assessment, id: &str| {
            let r = a.indicators.iter().find(|i| i.id == id).unwrap();
            (r.value, r.explanation.zh.clone())
        };
        let near = scored(None);
        let far = scored(Some(3000.0));
        let (b02, zh) = value(&far, "LW-B02");
        assert_eq!(b02, Some(0.0), "{zh}");
        assert!(zh.contains("步行约 3000 米，在本生活圈步行范围（约 1125 米）之外"), "{zh}");
        assert_eq!(value(&near, "LW-B02").0, Some(1.0));
        assert_eq!(value(&far, "LW-B06").0, Some(0.0), "no breakfast shop counted");
        assert!(value(&near, "LW-B06").0 > Some(0.0));
        // The chain share counts neither the convenience stores nor the breakfast shops.
        let outlets = |a: &Assessment| {
            let r = a.indicators.iter().find(|i| i.id == "MC-S02").unwrap();
            (r.inputs["chain_outlets"].as_f64().unwrap(), r.inputs["commercial_outlets"].as_f64().unwrap())
        };
        let moved = |chain: bool| {
            let c = crate::Circle::from_json(ex.json).unwrap();
            c.facilities
                .iter()
                .filter(|f| {
                    f.status == crate::circle::Status::Open && (of("convenience_store", f) || of("breakfast", f))
                })
                .filter(|f| f.chain || !chain)
                .count() as f64
        };
        let ((chain, all), (far_chain, far_all)) = (outlets(&near), outlets(&far));
        assert!(moved(true) > 0.0 && moved(false) > moved(true));
        assert_eq!((far_chain, far_all), (chain - moved(true), all - moved(false)));
        let finding = far.findings.iter().find(|f| f.code == "beyond_reach").expect("a finding");
        assert!(finding.message.zh.contains("超出本生活圈步行范围（约 1125 米）"), "{}", finding.message.zh);
        assert!(near.findings.iter().all(|f| f.code != "beyond_reach"));
        // At the edge of the walk it is the circle's.
        assert_eq!(value(&scored(Some(1125.0)), "LW-B02").0, Some(1.0));
    }

    /// Walking coverage counts a type only when the circle has it, by presence's own test: the
    /// homes' walks to convenience stores do not cover anyone once the inventory and the
    /// centre's walks hold none (a reviewer's circle kept 4/4 on MC-L01 while LW-B02 said
    /// 没有便利店). And leaving the homes out never earns more than listing them: without origins
    /// coverage is missing data (0), the centre's walk said for reference only.
    #[test]
    fn walking_coverage_needs_the_type_and_the_homes() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let as_of = crate::Date::new(2025, 6, 30).unwrap();
        let l01 = |a: &Assessment| {
            let r = a.indicators.iter().find(|i| i.id == "MC-L01").unwrap();
            (r.points, r.status, r.explanation.zh.clone())
        };
        let full = crate::Circle::from_json(ex.json).unwrap();
        let (points, _, zh) = l01(&score(&st, &full, as_of).unwrap());
        assert_eq!(points, 4.0, "{zh}");

        let mut no_store = full.clone();
        no_store.facilities.retain(|f| st.find_category(&f.category).is_none_or(|k| k.code != "convenience_store"));
        no_store.walking.as_mut().unwrap().nearest_m.remove("convenience_store");
        let a = score(&st, &no_store, as_of).unwrap();
        let (points, status, zh) = l01(&a);
        assert_eq!((points, status), (0.0, Status::NotMet), "{zh}");
        assert!(zh.contains("本圈没有便利店（居民点到它的步行距离不计），覆盖率 0%"), "{zh}");
        let b02 = a.indicators.iter().find(|i| i.id == "LW-B02").unwrap();
        assert_eq!(b02.points, 0.0, "presence agrees: {}", b02.explanation.zh);
        let w = a.findings.iter().find(|f| f.code == "walks_without_facility").expect("a finding");
        assert_eq!(w.indicator.as_deref(), Some("MC-L01"));

        let mut no_homes = full.clone();
        no_homes.walking.as_mut().unwrap().origins.clear();
        let a = score(&st, &no_homes, as_of).unwrap();
        let (points, status, zh) = l01(&a);
        assert_eq!((points, status), (0.0, Status::NoData), "{zh}");
        assert!(zh.contains("未提供居民点，覆盖率无法计算（仅供参考：中心点到最近的便利店"), "{zh}");
        assert!(a.total <= score(&st, &full, as_of).unwrap().total);
        // One finding says why, not a second saying data is missing.
        let about = |code: &str| {
            a.findings.iter().filter(|f| f.code == code && f.indicator.as_deref() == Some("MC-L01")).count()
        };
        assert_eq!((about("coverage_from_centre"), about("missing_data")), (1, 0));
    }

    /// A facility counted without a name (a quick-added row not filled in) is said, by its
    /// category, and still counted; a planned one without a name is not said (not counted).
    #[test]
    fn a_counted_facility_without_a_name_is_said() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let as_of = crate::Date::new(2025, 6, 30).unwrap();
        let full = crate::Circle::from_json(ex.json).unwrap();
        let mut c = full.clone();
        let store = c.facilities.iter().position(|f| f.category == "convenience_store").expect("a convenience store");
        c.facilities[store].name = " ".into();
        let market = c.facilities.iter().position(|f| f.category == "wet_market").expect("a wet market");
        c.facilities[market].name = String::new();
        let mut planned = c.facilities[store].clone();
        (planned.status, planned.id) = (crate::circle::Status::Planned, None);
        c.facilities.push(planned);
        let (before, after) = (score(&st, &full, as_of).unwrap(), score(&st, &c, as_of).unwrap());
        assert!(before.findings.iter().all(|f| f.code != "facility_unnamed"));
        let said: Vec<&Finding> = after.findings.iter().filter(|f| f.code == "facility_unnamed").collect();
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].message.zh, "2 处设施未填店名（便利店、菜市场），已计入；请补填店名，以便核实");
        assert_eq!(said[0].severity, Severity::Warning);
        assert_eq!(before.total, after.total, "still counted");
    }

    /// Residents the origins leave out are not covered: the share is of the circle's population
    /// when the origins hold fewer (the sample's origins hold its 9,600; without 龙水新村 the
    /// convenience stores' 10 minutes still reach every listed origin, and the share falls by
    /// that compound's residents). An origin with no walk to the type is named, as not covered.
    #[test]
    fn residents_left_out_of_the_origins_are_not_covered() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let as_of = crate::Date::new(2025, 6, 30).unwrap();
        let full = crate::Circle::from_json(ex.json).unwrap();
        let l01 = |c: &Circle| {
            let a = score(&st, c, as_of).unwrap();
            let r = a.indicators.iter().find(|i| i.id == "MC-L01").unwrap().clone();
            (r.value.unwrap(), r.explanation.zh, a)
        };
        assert_eq!(l01(&full).0, 1.0);
        let mut fewer = full.clone();
        let origins = &mut fewer.walking.as_mut().unwrap().origins;
        let at = origins.iter().position(|o| o.id.starts_with("龙水新村")).expect("the sample's 龙水新村");
        let gone = origins.remove(at).population;
        let population = full.population.unwrap();
        let (v, zh, a) = l01(&fewer);
        assert!((v - (population - gone) / population).abs() < 1e-6, "{v}: {zh}");
        let (covered, left) = (fmt_num(population - gone), fmt_num(gone));
        assert!(zh.contains(&format!("居民 {covered} 人 ÷ 常住人口 {} 人", fmt_num(population))), "{zh}");
        assert!(zh.contains(&format!("其余 {left} 人未列入居民点，按未覆盖计")), "{zh}");
        let f = a.findings.iter().find(|f| f.code == "origins_population").expect("the finding");
        assert!(f.message.zh.contains("覆盖率按常住人口计"), "{}", f.message.zh);
        // Every listed origin is reached, so the gap asks to list the others, not to build.
        let gap = a.gaps.iter().find(|g| g.indicator == "MC-L01").expect("the gap");
        let detail = &gap.detail.as_ref().expect("a detail").zh;
        assert!(detail.contains(&format!("尚有 {left} 人未列入任何居民点：补全居民点后再核实")), "{detail}");
        assert!(!detail.contains("未覆盖片区"), "{detail}");
        // A walk left blank: named, and not covered.
        let mut blank = full.clone();
        let o = &mut blank.walking.as_mut().unwrap().origins[0];
        o.nearest_m.remove("convenience_store");
        let (name, residents) = (o.id.clone(), o.population);
        let (v, zh, _) = l01(&blank);
        assert!((v - (population - residents) / population).abs() < 1e-6, "{v}: {zh}");
        assert!(zh.contains(&format!("{name}缺少到便利店的距离，按未覆盖计")), "{zh}");
    }

    /// A survey below the minimum sample is said once, as too small, not also as missing data.
    #[test]
    fn a_small_survey_is_said_to_be_small_not_missing() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let st = crate::load_builtin(ex.standard).unwrap();
        let mut c = crate::Circle::from_json(ex.json).unwrap();
        let keys: Vec<String> = c.surveys.keys().cloned().collect();
        for k in keys {
            let s = c.surveys.get_mut(&k).unwrap();
            (s.respondents, s.satisfied) = (80, 76);
        }
        let a = score(&st, &c, crate::Date::new(2025, 6, 30).unwrap()).unwrap();
        let codes: Vec<&str> =
            a.findings.iter().filter(|f| f.indicator.as_deref() == Some("MC-R01")).map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["sample_too_small"]);
        // Longwan's minimum of 100 is designed (MC-R01's points_cite): said so.
        let r = a.indicators.iter().find(|i| i.id == "MC-R01").unwrap();
        assert!(r.explanation.zh.contains("少于最低 100 份（最低样本为暂定设计值）"), "{}", r.explanation.zh);
    }

    #[test]
    fn numbers_in_explanations_are_never_saturated_integers() {
        assert_eq!(fmt_num(86.969), "86.97");
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(34.375), "34.38");
        // An absurd quotient (it once read 9223372036854775807, i64::MAX).
        assert_eq!(fmt_num(f64::MAX), "1.7976931348623157e308");
        assert_eq!(fmt_num(2.5e20), "2.5e20");
        assert_eq!(fmt_num(f64::INFINITY), "∞");
        assert_eq!(fmt_num(f64::NAN), "NaN");
        assert_eq!(fmt_num(0.004), "0.004", "not 0");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(short_num(5e-324), "5e-324");
        assert_eq!(short_num(-2.5e20), "-2.5e20");
        assert_eq!(short_num(0.0005), "0.0005");
        assert_eq!(short_num(1100.0), "1100");
    }

    #[test]
    fn the_exponent_form_is_what_lower_exp_writes() {
        // The largest number below 1e-6 is the largest one `short_num` writes this way.
        let below_1e_6 = f64::from_bits(1e-6_f64.to_bits() - 1);
        let mut values = vec![5e-324, 1e-7, 1.5e-7, below_1e_6, 1e15, 1.5e15, 2.5e20, 1e21, 123456789e300];
        values.extend([f64::MAX, f64::MIN_POSITIVE, 1e-320, 0.1, 1.0, 12.5, 100.0]);
        // Bit patterns across the whole range (a fixed xorshift, so the run is repeatable).
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
        }
        for v in values.into_iter().filter(|v| v.is_finite() && *v != 0.0) {
            for v in [v, -v] {
                assert_eq!(exponent_form(&format!("{v}")), format!("{v:e}"), "{v:?}");
            }
        }
    }

    /// The canonical JSON the digest hashes, as it was written before [`Canonical`]: a clone of
    /// the circle with its lists sorted.
    fn canonical_by_clone(c: &Circle) -> Vec<u8> {
        let mut c = c.clone();
        if let Some(w) = &mut c.walking {
            w.measured_from.clear();
        }
        let mut fac: Vec<(String, crate::circle::Facility)> = c.facilities.drain(..).map(|f| (canon(&f), f)).collect();
        crate::order::sort_by(&mut fac, |a, b| a.0.cmp(&b.0));
        c.facilities = fac.into_iter().map(|(_, f)| f).collect();
        crate::order::sort_by(&mut c.communities, |a, b| (&a.code, &a.name).cmp(&(&b.code, &b.name)));
        if let Some(w) = &mut c.walking {
            let mut o: Vec<(String, crate::circle::Origin)> = w.origins.drain(..).map(|x| (canon(&x), x)).collect();
            crate::order::sort_by(&mut o, |a, b| a.0.cmp(&b.0));
            w.origins = o.into_iter().map(|(_, x)| x).collect();
        }
        serde_json::to_vec(&c).unwrap()
    }

    #[test]
    fn the_borrowed_canonical_circle_is_the_sorted_clone() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let sample = Circle::from_json(ex.json).unwrap();
        let mut all = sample.clone();
        all.facilities.reverse();
        all.communities.reverse();
        all.subdistrict = Some(crate::circle::Named { code: Some("330303001".into()), name: "永中街道".into() });
        all.households = Some(3200.0);
        all.form = Some("clustered".into());
        all.new_residential = Some(false);
        all.built_year = Some(2025);
        let w = all.walking.get_or_insert_with(Default::default);
        w.origins.reverse();
        w.nearest_name.insert("pharmacy".into(), "仁和药房".into());
        w.measured_from.push(crate::circle::DataFile {
            role: "network".into(),
            file: "net.osm.pbf".into(),
            sha256: "00".into(),
            crs: Default::default(),
            excluded_names: Some("高架".into()),
        });
        let empty = Circle::from_json(r#"{"id":"","name":""}"#).unwrap();
        let mut bare_walking = empty.clone();
        bare_walking.walking = Some(Default::default());
        for c in [&sample, &all, &empty, &bare_walking] {
            assert_eq!(
                String::from_utf8(serde_json::to_vec(&Canonical::of(c)).unwrap()).unwrap(),
                String::from_utf8(canonical_by_clone(c)).unwrap()
            );
        }
        assert!(!all.walking.as_ref().unwrap().nearest_name.is_empty() && all.subdistrict.is_some());
    }
}
