//! Pure helpers behind the widgets: words in both languages, grouping of gaps by
//! responsible unit, the form's questions generated from a standard, edits of a circle, and
//! validation messages by field path. No Leptos here, so all of it is tested natively.

use std::collections::BTreeSet;

use lifecircle_core::assessment::{Assessment, Gap, Status, split_lead};
use lifecircle_core::circle::{Circle, InputProblem};
use lifecircle_core::district::TargetProgress;
use lifecircle_core::score::{fmt_num, short_num};
use lifecircle_core::standard::{Cite, Confidence, Indicator, Kind, Lang, Measure, Standard};

/// Picks the Chinese or the English text.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    lang.pick(zh, en)
}

/// ★★★☆☆ for a number of stars out of five.
pub fn stars(n: u8) -> String {
    let n = n.min(5) as usize;
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

pub fn status_word(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Met => tr(lang, "达标", "met"),
        Status::Partly => tr(lang, "部分达标", "partly met"),
        Status::NotMet => tr(lang, "未达标", "not met"),
        Status::NoData => tr(lang, "缺数据", "no data"),
        Status::NotApplicable => tr(lang, "不适用", "not applicable"),
    }
}

/// CSS class suffix of a status.
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partly => "partly",
        Status::NotMet => "not-met",
        Status::NoData => "no-data",
        Status::NotApplicable => "na",
    }
}

/// A role and a gap's priority in words: the core's, so the widgets say what the reports say.
pub use lifecircle_core::report::{priority_name as priority_word, role_name as role_word};

/// A citation as a reader wants it; `provisional` values say so, and an official one read only
/// in news reports or second-hand pages (evidence V2) says that, in the words of the score
/// card's explanations ([`lifecircle_core::assessment::NEWS`]).
pub fn cite_line(lang: Lang, standard: Option<&Standard>, cite: &Cite) -> String {
    let base = match standard {
        Some(st) => lifecircle_core::score::cite_text(st, cite),
        None => match &cite.clause {
            Some(c) => format!("{} {c}", cite.source),
            None => cite.source.clone(),
        },
    };
    let news = cite.confidence == Confidence::Verified && cite.evidence.as_deref() == Some("V2");
    let (zh, en) = lifecircle_core::assessment::NEWS;
    let news = if news { bracketed(lang, tr(lang, zh, en)) } else { String::new() };
    format!("{base}{}{news}", provisional_suffix(lang, cite.confidence))
}

/// A district target's citation (the dashboard's): as [`cite_line`]; for a target above the
/// district, what the district report says beside it instead of the news mark
/// ([`TargetProgress::wording_note`]: its Chinese is this project's wording, not the
/// original, and it may be read in news reports only).
pub fn target_cite_line(lang: Lang, standard: &Standard, t: &TargetProgress) -> String {
    let note = t.wording_note(lang);
    if t.district_level || note.is_empty() {
        return cite_line(lang, Some(standard), &t.cite);
    }
    format!("{}{}{}", t.source(), provisional_suffix(lang, t.cite.confidence), bracketed(lang, &note))
}

/// Words in brackets after a citation: full-width in Chinese, after a space in English.
fn bracketed(lang: Lang, words: &str) -> String {
    match lang {
        Lang::Zh => format!("（{words}）"),
        Lang::En => format!(" ({words})"),
    }
}

/// What follows a designed value written out ("（暂定）"), or nothing after an official one.
pub fn provisional_suffix(lang: Lang, confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Verified => "",
        Confidence::Provisional => tr(lang, "（暂定）", " (provisional)"),
    }
}

/// An indicator's `(requirement, points)` confidences, as its result carries them
/// (`confidence`, `points_confidence`): the points are the requirement's when no
/// `points_cite` says otherwise ([`Indicator::provisional`]).
pub fn confidences(ind: &Indicator) -> (Confidence, Confidence) {
    let c = |designed: bool| if designed { Confidence::Provisional } else { Confidence::Verified };
    let (req, pts) = ind.provisional();
    (c(req), c(pts))
}

/// A responsible unit as written in a standard: a trailing `*` marks the lead unit (牵头).
pub fn unit_name(lang: Lang, unit: &str) -> (String, bool) {
    match unit.strip_suffix('*') {
        Some(u) => (u.to_string(), true),
        None if unit.is_empty() => (tr(lang, "未指定责任单位", "No unit named").to_string(), false),
        None => (unit.to_string(), false),
    }
}

/// One responsible unit and the gaps it leads, most urgent first.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitGaps {
    /// The unit without its lead mark.
    pub unit: String,
    /// Its English name where the standard gives one, else the same as `unit`.
    pub en: String,
    /// Indices into `Assessment::gaps`, with whether the unit is marked as leading that item
    /// (an item with no unit marked is under its first unit, unmarked).
    pub gaps: Vec<(usize, bool)>,
    /// The most urgent priority among them.
    pub priority: u8,
    pub points_lost: f64,
}

/// 缺什么补什么 by responsible unit: each gap once, under the unit that leads it (the first
/// marked `*` in the standard, else the first named); units ordered by their most urgent gap,
/// then by points lost, then as they first appear; each unit's gaps in the assessment's order.
/// (Listed under every unit, Longwan's 21 items of a weak circle printed on 17 pages: every
/// item names 各街道办事处.) [`units_index`] gives each unit every item it has a part in.
pub fn gaps_by_unit(gaps: &[Gap]) -> Vec<UnitGaps> {
    let mut units: Vec<UnitGaps> = Vec::new();
    for (i, g) in gaps.iter().enumerate() {
        let pairs: Vec<(&str, &str)> =
            g.responsible.iter().zip(g.units(Lang::En)).map(|(u, e)| (u.as_str(), e.as_str())).collect();
        let (u, e) = pairs.iter().find(|(u, _)| split_lead(u).1).or(pairs.first()).copied().unwrap_or_default();
        let ((name, lead), (e, _)) = (split_lead(u), split_lead(e));
        match units.iter_mut().find(|x| x.unit == name) {
            Some(x) => {
                x.gaps.push((i, lead));
                x.priority = x.priority.min(g.priority);
                x.points_lost += g.points_lost;
            }
            None => units.push(UnitGaps {
                en: e.to_string(),
                unit: name.to_string(),
                gaps: vec![(i, lead)],
                priority: g.priority,
                points_lost: g.points_lost,
            }),
        }
    }
    // Stable sort keeps the first-appearance order among equals.
    lifecircle_core::order::sort_by(&mut units, |a, b| {
        a.priority.cmp(&b.priority).then(b.points_lost.total_cmp(&a.points_lost))
    });
    units
}

/// Every unit named by the gaps, as they first appear, with the items (indicator ids) it has
/// a part in, leading or not: a bureau finds its part of the plan here.
pub fn units_index(gaps: &[Gap]) -> Vec<(String, String, Vec<&str>)> {
    let mut index: Vec<(String, String, Vec<&str>)> = Vec::new();
    for g in gaps {
        for (u, e) in g.responsible.iter().zip(g.units(Lang::En)) {
            let (u, e) = (split_lead(u).0, split_lead(e).0);
            match index.iter_mut().find(|x| x.0 == u) {
                Some(x) => x.2.push(&g.indicator),
                None => index.push((u.to_string(), e.to_string(), vec![&g.indicator])),
            }
        }
    }
    index
}

/// The change of the total from one assessment to the next, in points (rounded to 0.01).
pub fn delta(before: Option<f64>, after: f64) -> Option<f64> {
    before.map(|b| lifecircle_core::score::round2(after - b))
}

/// `+1.5`, `-0.25`, `±0`.
pub fn fmt_delta(d: f64) -> String {
    if d > 0.0 {
        format!("+{}", fmt_num(d))
    } else if d < 0.0 {
        format!("−{}", fmt_num(-d))
    } else {
        "±0".into()
    }
}

// ---------------------------------------------------------------------------------------
// The form, generated from the standard
// ---------------------------------------------------------------------------------------

/// What a question of the form asks for, from the indicator's kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Answered by the facility inventory: categories to offer in "add a row".
    Facilities {
        categories: Vec<String>,
    },
    /// Walking distances to these categories (centre and residential origins).
    Distances {
        categories: Vec<String>,
    },
    /// Numbers of the circle: figures by key, and whether population / households are used.
    Numbers {
        figures: Vec<String>,
        population: bool,
        households: bool,
    },
    Survey {
        key: String,
        min_sample: u32,
    },
    Checklist,
    Evaluator {
        max: f64,
    },
}

/// The question for one indicator.
pub fn ask(ind: &Indicator) -> Ask {
    let measures = |ms: [&Measure; 2]| {
        let mut figures = Vec::new();
        let (mut population, mut households, mut outlets) = (false, false, false);
        for m in ms {
            match m {
                Measure::Figure(k) => figures.push(k.clone()),
                Measure::Population => population = true,
                Measure::Households => households = true,
                Measure::ChainOutlets | Measure::CommercialOutlets => outlets = true,
            }
        }
        if outlets && figures.is_empty() && !population && !households {
            Ask::Facilities { categories: Vec::new() }
        } else {
            Ask::Numbers { figures, population, households }
        }
    };
    match &ind.kind {
        Kind::Presence { target, within: Some(_) } => Ask::Distances { categories: target.categories.clone() },
        Kind::Presence { target, within: None } | Kind::Count { target } => {
            Ask::Facilities { categories: target.categories.clone() }
        }
        Kind::DistinctCount { targets } => {
            Ask::Facilities { categories: targets.iter().flat_map(|t| t.categories.iter().cloned()).collect() }
        }
        Kind::Ratio { numerator, denominator } | Kind::AreaShare { numerator, denominator } => {
            measures([numerator, denominator])
        }
        Kind::AreaPerHouseholds { figure, .. } => {
            Ask::Numbers { figures: vec![figure.clone()], population: false, households: true }
        }
        Kind::WalkCoverage { target, .. } => Ask::Distances { categories: target.categories.clone() },
        Kind::Satisfaction { survey, min_sample } => Ask::Survey { key: survey.clone(), min_sample: *min_sample },
        Kind::Checklist => Ask::Checklist,
        Kind::Evaluator => Ask::Evaluator { max: ind.points },
    }
}

/// Category codes whose walking distances the form asks for (walking coverage and
/// presence-within targets), in the standard's order.
pub fn distance_categories(st: &Standard) -> Vec<String> {
    let mut set = BTreeSet::new();
    for ind in &st.indicators {
        if let Ask::Distances { categories } = ask(ind) {
            set.extend(categories);
        }
    }
    st.categories.iter().filter(|c| set.contains(&c.code)).map(|c| c.code.clone()).collect()
}

/// Categories grouped by class, for the category picker: `(class name, [(code, name)])`.
pub fn category_groups(st: &Standard, lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = st
        .classes
        .iter()
        .map(|k| {
            let cats = st
                .categories
                .iter()
                .filter(|c| c.class == k.code)
                .map(|c| (c.code.clone(), c.name.get(lang).to_string()))
                .collect();
            (k.name.get(lang).to_string(), cats)
        })
        .filter(|(_, cats): &(String, Vec<_>)| !cats.is_empty())
        .collect();
    let orphans: Vec<(String, String)> = st
        .categories
        .iter()
        .filter(|c| st.class(&c.class).is_none())
        .map(|c| (c.code.clone(), c.name.get(lang).to_string()))
        .collect();
    if !orphans.is_empty() {
        out.push((tr(lang, "其他", "Other").to_string(), orphans));
    }
    out
}

/// Messages for one field path, in the reader's language: exact matches, and problems
/// inside it (`facilities[2]` gets those of `facilities[2].walk_m`).
pub fn messages_for(lang: Lang, problems: &[InputProblem], field: &str) -> Vec<String> {
    problems
        .iter()
        .filter(|p| {
            p.field == field
                || p.field.strip_prefix(field).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
        .map(|p| p.text(lang))
        .collect()
}

/// A field path into a list, split: `indexed("facilities[12].walk_m", "facilities")` is
/// `Some((12, "walk_m"))`; `None` when the path is not into that list.
pub fn indexed<'a>(field: &'a str, list: &str) -> Option<(usize, &'a str)> {
    let rest = field.strip_prefix(list)?.strip_prefix('[')?;
    let end = rest.find(']')?;
    Some((rest[..end].parse().ok()?, rest[end + 1..].trim_start_matches('.')))
}

/// Where a problem is, in the words of the form: `facilities[99].walk_m` is
/// `第 100 行设施“店99”：步行距离`. The core's field paths count from 0 and name JSON keys;
/// the form counts rows from 1 and shows names. A path it does not know is returned as it is.
pub fn field_words(st: &Standard, c: &Circle, field: &str, l: Lang) -> String {
    let row = |prefix: &str| indexed(field, prefix);
    let category = |code: &str| st.find_category(code).map_or(code.to_string(), |c| c.name.get(l).to_string());
    let indicator = |id: &str| st.indicator(id).map_or(id.to_string(), |i| format!("{id} {}", i.name.get(l)));
    let sep = tr(l, "：", ": ");
    if let Some((i, rest)) = row("facilities") {
        let name = c.facilities.get(i).map(|f| f.name.trim()).filter(|n| !n.is_empty());
        let what = match rest {
            "walk_m" => tr(l, "步行距离", "walking distance"),
            "floor_area_m2" => tr(l, "面积", "floor area"),
            "location" => tr(l, "位置", "location"),
            "category" => tr(l, "业态", "category"),
            "name" => tr(l, "名称", "name"),
            "id" => tr(l, "编号", "id"),
            "brand" => tr(l, "品牌", "brand"),
            "hours" => tr(l, "营业时间", "opening hours"),
            _ => rest,
        };
        let n = i + 1;
        let named = name.map(|name| format!("{}“{name}”", tr(l, "", " "))).unwrap_or_default();
        let what = if what.is_empty() { String::new() } else { format!("{sep}{what}") };
        return match l {
            Lang::Zh => format!("第 {n} 行设施{named}{what}"),
            Lang::En => format!("Facility row {n}{named}{what}"),
        };
    }
    if let Some((i, rest)) = row("walking.origins") {
        let what = match rest.strip_prefix("nearest_m.") {
            Some(code) => category(code),
            None if rest == "population" => tr(l, "人口", "population").to_string(),
            None => rest.to_string(),
        };
        return format!("{} {}{sep}{what}", tr(l, "居民点", "Residential point"), i + 1);
    }
    if let Some((i, _)) = row("location.boundary") {
        return match l {
            Lang::Zh => format!("边界第 {} 点", i + 1),
            Lang::En => format!("Boundary point {}", i + 1),
        };
    }
    if let Some(code) = field.strip_prefix("walking.nearest_m.").or_else(|| field.strip_prefix("walking.nearest_name."))
    {
        return format!("{}{}", tr(l, "中心到最近的", "Centre to nearest "), category(code));
    }
    if let Some(k) = field.strip_prefix("figures.") {
        return st.figures.iter().find(|f| f.key == k).map_or(k.to_string(), |f| f.name.get(l).to_string());
    }
    if let Some(rest) = field.strip_prefix("evaluator.").or_else(|| field.strip_prefix("checklist.")) {
        // An indicator's id has no dot: what follows one is the entry's field.
        let (id, part) = rest.split_once('.').unwrap_or((rest, ""));
        let part = match part {
            "note" if field.starts_with("evaluator.") => tr(l, "评估意见", "note"),
            "note" => tr(l, "备注", "note"),
            "evidence" => tr(l, "佐证材料", "evidence"),
            _ => "",
        };
        return if part.is_empty() { indicator(id) } else { format!("{}{sep}{part}", indicator(id)) };
    }
    if let Some(rest) = field.strip_prefix("surveys.") {
        let (k, part) = rest.split_once('.').unwrap_or((rest, ""));
        // The survey by the indicator that asks it (its key, `overall`, is no word of hers).
        let asked = st.indicators.iter().find(|i| matches!(&i.kind, Kind::Satisfaction { survey, .. } if survey == k));
        let part = match part {
            "respondents" => tr(l, "受访人数", "respondents"),
            "satisfied" => tr(l, "满意人数", "satisfied"),
            "method" => tr(l, "调查方式", "method"),
            _ => "",
        };
        let part = if part.is_empty() { String::new() } else { format!("{sep}{part}") };
        return match (l, asked) {
            (_, Some(i)) => format!("{}{part}", i.name.get(l)),
            (Lang::Zh, None) => format!("满意度调查（{k}）{part}"),
            (Lang::En, None) => format!("Survey ({k}){part}"),
        };
    }
    match field {
        "population" => tr(l, "常住人口", "Population").to_string(),
        "households" => tr(l, "户数", "Households").to_string(),
        "form" => tr(l, "发展形态", "Form").to_string(),
        "location.centre" => tr(l, "中心位置", "Centre").to_string(),
        "id" => tr(l, "生活圈编号", "Circle id").to_string(),
        "name" => tr(l, "生活圈名称", "Circle name").to_string(),
        "subdistrict.name" => tr(l, "所属街道", "Subdistrict").to_string(),
        _ if field.starts_with("communities[") && field.ends_with("].name") => tr(l, "社区", "Community").to_string(),
        _ => field.to_string(),
    }
}

/// Every problem of a circle: absurd values ([`Circle::check`]) and what scoring rejects
/// (unknown categories, indicators, figures).
pub fn problems(st: &Standard, c: &Circle, as_of: lifecircle_core::Date) -> Vec<InputProblem> {
    let mut out = c.check();
    if let Err(e) = lifecircle_core::score(st, c, as_of) {
        for p in e.problems {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// [`lifecircle_core::score`], shared by the widgets of a page: the last circle scored is kept
/// with its result, and scoring the same circle again (same standard content, date and circle)
/// returns a copy instead of scoring it again. A score card, a gap report and a guide map that
/// follow a form receive the form's circle after each edit, so one edit is scored once instead
/// of once per widget (with 2,000 facilities the input digest alone is several milliseconds).
/// The core is deterministic, so a copy is what scoring again would give; a standard is told
/// by its content digest (`Standard::digest`), and one without a digest is never taken from
/// the cache.
pub fn score_shared(
    st: &Standard,
    c: &Circle,
    as_of: lifecircle_core::Date,
) -> Result<Assessment, lifecircle_core::circle::InputError> {
    LAST_SCORED.with(|last| {
        let hit = last.borrow().as_ref().and_then(|l| {
            // The digest covers the whole standard, its id and version included.
            let same = !st.digest.is_empty() && l.digest == st.digest && l.as_of == as_of && l.circle == *c;
            same.then(|| l.result.clone())
        });
        if let Some(r) = hit {
            SCORE_CACHE_HITS.with(|n| n.set(n.get() + 1));
            return r;
        }
        let result = lifecircle_core::score(st, c, as_of);
        if !st.digest.is_empty() {
            *last.borrow_mut() =
                Some(Scored { digest: st.digest.clone(), as_of, circle: c.clone(), result: result.clone() });
        }
        result
    })
}

/// How many times [`score_shared`] answered from its cache (for tests and benchmarks).
pub fn score_cache_hits() -> u64 {
    SCORE_CACHE_HITS.with(std::cell::Cell::get)
}

struct Scored {
    digest: String,
    as_of: lifecircle_core::Date,
    circle: Circle,
    result: Result<Assessment, lifecircle_core::circle::InputError>,
}

thread_local! {
    static LAST_SCORED: std::cell::RefCell<Option<Scored>> = const { std::cell::RefCell::new(None) };
    static SCORE_CACHE_HITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A text that is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotANumber;

/// Parses a number typed by a person: empty is `None`; full-width digits and commas grouping
/// thousands (`9,600`, `１２，０００.5`) are accepted. Any other comma is refused rather than
/// guessed: in Chinese (and English) `9,600` is nine thousand six hundred, so reading a comma
/// as a decimal mark would silently turn a population of 9,600 into 9.6.
pub fn parse_number(text: &str) -> Result<Option<f64>, NotANumber> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' => '-',
            _ => c,
        })
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let t = if t.contains(',') {
        if !thousands_grouped(&t) {
            return Err(NotANumber);
        }
        t.replace(',', "")
    } else {
        t
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some).ok_or(NotANumber)
}

/// The ways a unit is written after a number, by unit: a box whose unit is one of a group takes
/// a number followed by any of that group (`80㎡`, `300米`, `6800人`), as people copy it from a
/// table. Not a unit of another group: `300米` in an area box stays refused.
const UNIT_WORDS: [&[&str]; 5] = [
    &["平方米", "平米", "㎡", "m²", "m2", "sq m"],
    &["公尺", "米", "metres", "meters", "m"],
    &["persons", "people", "人", "名"],
    &["households", "户"],
    &["points", "分"],
];

/// [`parse_number`] for a box whose unit is `unit` (either language's word): a trailing word of
/// that unit (see `UNIT_WORDS`) is dropped first.
pub fn parse_number_in(text: &str, unit: &str) -> Result<Option<f64>, NotANumber> {
    let t = text.trim();
    let words = UNIT_WORDS.iter().find(|g| g.contains(&unit)).copied().unwrap_or_default();
    let bare = words.iter().find_map(|w| t.strip_suffix(w)).map_or(t, str::trim_end);
    // A unit alone is no number.
    if bare.is_empty() && !t.is_empty() {
        return Err(NotANumber);
    }
    parse_number(bare)
}

/// `1,234`, `-12,345,678.9`: one to three digits, then groups of exactly three after commas,
/// then an optional fraction.
fn thousands_grouped(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g)) && digits(frac)
}

/// A number for an input box: as short as it can be written ([`short_num`]).
pub fn show_number(v: Option<f64>) -> String {
    v.map(short_num).unwrap_or_default()
}

/// The circle as pretty JSON (what the widgets save and load).
///
/// Written compact and then indented by [`indent_json`]: the core writes compact JSON anyway
/// (the input digest), and a second, pretty instance of every `Serialize` would cost the
/// widgets' wasm several KB.
pub fn circle_json(c: &Circle) -> String {
    indent_json(&serde_json::to_string(c).unwrap_or_default())
}

pub use lifecircle_core::indent_json;

/// An empty circle to start a self-assessment with.
pub fn empty_circle() -> Circle {
    // Parsed rather than built field by field, so that new optional fields need no change here.
    // (`expect` would link the Debug formatting of every input problem into the widgets.)
    Circle::from_json(r#"{"id":"","name":""}"#).unwrap_or_else(|_| unreachable!("the empty circle is valid"))
}

/// Parses `经度, 纬度` (`lon, lat`; a comma, full-width comma or spaces between).
pub fn parse_lonlat(text: &str) -> Result<Option<[f64; 2]>, NotANumber> {
    let parts: Vec<&str> = text.split([',', '，', ' ', '\t']).filter(|p| !p.trim().is_empty()).collect();
    match parts.as_slice() {
        [] => Ok(None),
        [lon, lat] => match (parse_number(lon)?, parse_number(lat)?) {
            (Some(lon), Some(lat)) => Ok(Some([lon, lat])),
            _ => Err(NotANumber),
        },
        _ => Err(NotANumber),
    }
}

/// `lon, lat` for an input box.
pub fn show_lonlat(p: Option<[f64; 2]>) -> String {
    p.map(|[a, b]| format!("{a}, {b}")).unwrap_or_default()
}

/// The indicator result of an assessment by id.
pub fn result<'a>(a: &'a Assessment, id: &str) -> Option<&'a lifecircle_core::assessment::IndicatorResult> {
    a.indicators.iter().find(|r| r.id == id)
}

/// How many of the total's points are provisional (their points designed by this project or not
/// verified): a total read alone is otherwise taken for an official score. `None` when every
/// point is official.
pub fn provisional_points(a: &Assessment) -> Option<f64> {
    let designed: f64 =
        a.indicators.iter().filter(|r| r.points_confidence == Confidence::Provisional).map(|r| r.max).sum();
    (designed > 0.0).then_some(designed)
}

/// The sentence said under a total whose points are provisional, in whole or in part.
pub fn provisional_points_note(a: &Assessment, l: Lang) -> Option<String> {
    let designed = provisional_points(a)?;
    Some(if designed >= a.max {
        tr(
            l,
            "总分的各项分值均为暂定（本项目设计或未经核实），不是官方评分。",
            "Every point of this total is provisional (this project's design, or not verified): it is not an official score.",
        )
        .to_string()
    } else {
        match l {
            Lang::Zh => format!(
                "总分 {} 分中，有 {} 分的分值为暂定（本项目设计或未经核实）。",
                fmt_num(a.max),
                fmt_num(designed)
            ),
            Lang::En => format!(
                "{} of the {} points are provisional (this project's design, or not verified).",
                fmt_num(designed),
                fmt_num(a.max)
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifecircle_core::{Date, load_builtin};

    fn sample() -> (Standard, Circle, Assessment) {
        let ex = lifecircle_core::example::example("longwan-2024").unwrap();
        let st = load_builtin(ex.standard).unwrap();
        let c = Circle::from_json(ex.json).unwrap();
        let a = lifecircle_core::score(&st, &c, Date::new(2025, 6, 30).unwrap()).unwrap();
        (st, c, a)
    }

    /// A total says how many of its points are provisional: all of Longwan's, then fewer once one
    /// indicator's points are official, none once all are.
    #[test]
    fn a_total_says_how_many_of_its_points_are_provisional() {
        let (_, _, mut a) = sample();
        assert_eq!(provisional_points(&a), Some(a.max));
        assert_eq!(
            provisional_points_note(&a, Lang::Zh).unwrap(),
            "总分的各项分值均为暂定（本项目设计或未经核实），不是官方评分。"
        );
        let first = a.indicators[0].max;
        a.indicators[0].points_confidence = Confidence::Verified;
        assert_eq!(
            provisional_points_note(&a, Lang::Zh).unwrap(),
            format!(
                "总分 {} 分中，有 {} 分的分值为暂定（本项目设计或未经核实）。",
                fmt_num(a.max),
                fmt_num(a.max - first)
            )
        );
        for r in &mut a.indicators {
            r.points_confidence = Confidence::Verified;
        }
        assert_eq!(provisional_points_note(&a, Lang::En), None);
    }

    /// The form marks a question by the confidences the score card marks its result by.
    #[test]
    fn a_question_s_confidences_are_its_result_s() {
        let day = Date::new(2025, 6, 30).unwrap();
        for b in lifecircle_core::standard::BUILTIN {
            let st = load_builtin(b.id).unwrap();
            let a = lifecircle_core::score(&st, &Circle::from_json(r#"{"id":"x","name":"空"}"#).unwrap(), day).unwrap();
            assert_eq!(a.indicators.len(), st.indicators.len(), "{}", b.id);
            for (ind, r) in st.indicators.iter().zip(&a.indicators) {
                assert_eq!(ind.id, r.id);
                assert_eq!(confidences(ind), (r.confidence, r.points_confidence), "{}", ind.id);
            }
        }
        // An item with no `points_cite`: its points are as official as its requirement.
        let mut ind = load_builtin("longwan-2024").unwrap().indicator("MC-R01").unwrap().clone();
        ind.points_cite = None;
        assert_eq!(confidences(&ind), (Confidence::Verified, Confidence::Verified));
        assert_eq!(provisional_suffix(Lang::Zh, Confidence::Provisional), "（暂定）");
        assert_eq!(provisional_suffix(Lang::En, Confidence::Verified), "");
    }

    #[test]
    fn a_circle_scored_again_by_another_widget_is_answered_from_the_cache_and_only_then() {
        let (st, c, a) = sample();
        let day = Date::new(2025, 6, 30).unwrap();
        // What a follower receives: the form's circle through its JSON.
        let through_json = Circle::from_json(&circle_json(&c)).unwrap();
        assert_eq!(through_json, c, "the JSON hand-over keeps the circle equal");

        let before = score_cache_hits();
        assert_eq!(score_shared(&st, &c, day).unwrap(), a);
        let after_first = score_cache_hits();
        assert_eq!(score_shared(&st, &through_json, day).unwrap(), a);
        assert_eq!(score_cache_hits(), after_first + 1, "the same circle is not scored twice");
        assert_eq!(after_first, before, "the first circle of this thread is scored");

        // Anything that changes the result is scored again, and the result is the core's.
        let mut edited = c.clone();
        edited.households = Some(edited.households.unwrap_or(0.0) + 1.0);
        let hits = score_cache_hits();
        assert_eq!(score_shared(&st, &edited, day), lifecircle_core::score(&st, &edited, day));
        let later = Date::new(2026, 6, 30).unwrap();
        assert_eq!(score_shared(&st, &edited, later), lifecircle_core::score(&st, &edited, later));
        let other = load_builtin("mofcom-2021").unwrap();
        assert_eq!(score_shared(&other, &edited, later), lifecircle_core::score(&other, &edited, later));
        // A standard without a digest (built by hand) is never answered from the cache.
        let mut no_digest = other.clone();
        no_digest.digest.clear();
        assert_eq!(score_shared(&no_digest, &edited, later), lifecircle_core::score(&no_digest, &edited, later));
        assert_eq!(score_shared(&no_digest, &edited, later), lifecircle_core::score(&no_digest, &edited, later));
        assert_eq!(score_cache_hits(), hits, "no hit for a changed circle, date, standard or an undigested standard");
    }

    #[test]
    fn problems_are_placed_in_the_form_s_words() {
        let (st, mut c, _) = sample();
        c.facilities[3].name = "店甲".into();
        assert_eq!(field_words(&st, &c, "facilities[3].walk_m", Lang::Zh), "第 4 行设施“店甲”：步行距离");
        assert_eq!(field_words(&st, &c, "facilities[3].walk_m", Lang::En), "Facility row 4 “店甲”: walking distance");
        c.facilities[3].name = String::new();
        let w = |f: &str| field_words(&st, &c, f, Lang::Zh);
        assert_eq!(w("facilities[3].category"), "第 4 行设施：业态");
        assert_eq!(w("facilities[999].location"), "第 1000 行设施：位置", "a row the circle no longer has");
        assert_eq!(w("walking.origins[0].nearest_m.pharmacy"), "居民点 1：药店");
        assert_eq!(w("walking.origins[1].population"), "居民点 2：人口");
        assert_eq!(w("walking.nearest_m.wet_market"), "中心到最近的菜市场");
        assert_eq!(w("location.boundary[2]"), "边界第 3 点");
        assert_eq!(field_words(&st, &c, "location.boundary[2]", Lang::En), "Boundary point 3");
        assert_eq!(w("population"), "常住人口");
        assert_eq!(w("surveys.overall.satisfied"), "居民综合满意度：满意人数");
        assert_eq!(
            field_words(&st, &c, "surveys.overall.satisfied", Lang::En),
            "Residents' overall satisfaction: satisfied"
        );
        assert_eq!(w("facilities[3]"), "第 4 行设施", "a whole row (a JSON error's path)");
        let ev = st.indicators.iter().find(|i| matches!(i.kind, Kind::Evaluator)).unwrap();
        assert_eq!(w(&format!("evaluator.{}.points", ev.id)), format!("{} {}", ev.id, ev.name.zh));
        let fig = &st.figures[0];
        assert_eq!(w(&format!("figures.{}", fig.key)), fig.name.zh);
        // Every text the core refuses a control character in is named in the form's words.
        assert_eq!(w("facilities[0].name"), format!("第 1 行设施“{}”：名称", c.facilities[0].name.trim()));
        assert_eq!(w("facilities[3].hours"), "第 4 行设施：营业时间");
        assert_eq!(w("facilities[3].brand"), "第 4 行设施：品牌");
        assert_eq!(field_words(&st, &c, "facilities[3].id", Lang::En), "Facility row 4: id");
        assert_eq!(w(&format!("evaluator.{}.note", ev.id)), format!("{} {}：评估意见", ev.id, ev.name.zh));
        let ck = st.indicators.iter().find(|i| matches!(i.kind, Kind::Checklist)).unwrap();
        assert_eq!(w(&format!("checklist.{}.note", ck.id)), format!("{} {}：备注", ck.id, ck.name.zh));
        assert_eq!(w(&format!("checklist.{}.evidence", ck.id)), format!("{} {}：佐证材料", ck.id, ck.name.zh));
        assert_eq!(w(&format!("checklist.{}", ck.id)), format!("{} {}", ck.id, ck.name.zh));
        assert_eq!(w("surveys.overall.method"), "居民综合满意度：调查方式");
        assert_eq!(
            (w("id"), w("name"), w("subdistrict.name"), w("communities[1].name")),
            ("生活圈编号".into(), "生活圈名称".into(), "所属街道".into(), "社区".into())
        );
        assert_eq!(field_words(&st, &c, "name", Lang::En), "Circle name");
        // Unknown paths (a JSON error's) are shown as they are.
        assert_eq!(w("facilities"), "facilities");
        assert_eq!(w("walking.origins[x]"), "walking.origins[x]");
    }

    #[test]
    fn indented_json_is_what_serde_json_writes_pretty() {
        let (_, c, a) = sample();
        assert_eq!(circle_json(&c), serde_json::to_string_pretty(&c).unwrap());
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(indent_json(&v.to_string()), serde_json::to_string_pretty(&v).unwrap());
        // Escapes, quotes, brackets and colons inside strings; empty and nested containers.
        let tricky = serde_json::json!({
            "a\"b": ["{x}: [y], z\\", {}, [], [[]], {"k": {"": null}}],
            "n": -1.5e-7, "t": true, "中文": "引号\"与\\反斜杠"
        });
        assert_eq!(indent_json(&tricky.to_string()), serde_json::to_string_pretty(&tricky).unwrap());
    }

    #[test]
    fn every_indicator_gets_a_question() {
        let (st, _, _) = sample();
        for ind in &st.indicators {
            let a = ask(ind);
            if let Ask::Evaluator { max } = a {
                assert!(max > 0.0, "{}", ind.id);
            }
        }
        assert!(!distance_categories(&st).is_empty());
    }

    #[test]
    fn gaps_group_by_unit_lead_marked_most_urgent_first() {
        let (_, _, a) = sample();
        let units = gaps_by_unit(&a.gaps);
        assert!(!units.is_empty());
        for w in units.windows(2) {
            assert!(w[0].priority <= w[1].priority);
        }
        let commerce = units.iter().find(|u| u.unit == "区商务局").unwrap();
        assert!(commerce.gaps.iter().all(|(_, lead)| *lead), "区商务局 leads its items in the sample");
        // Every gap appears exactly once, under the first unit the standard marks as leading
        // it (not under 各街道办事处, which every Longwan item names, unmarked).
        for (i, g) in a.gaps.iter().enumerate() {
            let under: Vec<&str> =
                units.iter().filter(|u| u.gaps.iter().any(|(j, _)| *j == i)).map(|u| u.unit.as_str()).collect();
            let lead = g.responsible.iter().find_map(|u| u.strip_suffix('*'));
            assert_eq!(under, [lead.unwrap_or(g.responsible[0].as_str())], "{}", g.indicator);
        }
        assert!(units.iter().all(|u| u.unit != "各街道办事处"));
        // The index gives every unit named its items, 各街道办事处 all of them.
        let index = units_index(&a.gaps);
        let streets = index.iter().find(|(u, ..)| u == "各街道办事处").unwrap();
        assert_eq!(
            streets.2.len(),
            a.gaps.iter().filter(|g| g.responsible.iter().any(|u| u == "各街道办事处")).count()
        );
        assert!(streets.2.len() > 1);
    }

    #[test]
    fn field_messages_match_paths_and_children() {
        let mut c = empty_circle();
        c.population = Some(-1.0);
        let ps = c.check();
        assert_eq!(messages_for(Lang::Zh, &ps, "population").len(), 1);
        assert!(messages_for(Lang::Zh, &ps, "pop").is_empty());
        let mut c = sample().1;
        c.facilities[2].walk_m = Some(-5.0);
        let ps = c.check();
        assert_eq!(messages_for(Lang::Zh, &ps, "facilities[2]").len(), 1);
        assert!(messages_for(Lang::Zh, &ps, "facilities[1]").is_empty());
    }

    #[test]
    fn numbers_typed_by_people() {
        assert_eq!(parse_number(" １２０ "), Ok(Some(120.0)));
        assert_eq!(parse_number("9,600"), Ok(Some(9600.0)), "a comma groups thousands");
        assert_eq!(parse_number("１２，０００．５"), Ok(Some(12000.5)));
        assert_eq!(parse_number("-1,234,567.25"), Ok(Some(-1234567.25)));
        for ambiguous in ["2,5", "1,00", "1234,567", ",500", "1,,000", "1,000,", "1.000,5"] {
            assert_eq!(parse_number(ambiguous), Err(NotANumber), "{ambiguous}");
        }
        assert_eq!(parse_number("2.5"), Ok(Some(2.5)));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("abc"), Err(NotANumber));
        // A box with a unit takes its own unit after the number, in either language's words.
        assert_eq!(parse_number_in("80㎡", "m²"), Ok(Some(80.0)));
        assert_eq!(parse_number_in(" 80 平方米", "平方米"), Ok(Some(80.0)));
        assert_eq!(parse_number_in("300米", "m"), Ok(Some(300.0)));
        assert_eq!(parse_number_in("300 m", "米"), Ok(Some(300.0)));
        assert_eq!(parse_number_in("6,800人", "人"), Ok(Some(6800.0)));
        assert_eq!(parse_number_in("２４００户", "households"), Ok(Some(2400.0)));
        // Not another unit's word, not the unit alone, and a box without a unit takes none.
        assert_eq!(parse_number_in("300米", "m²"), Err(NotANumber));
        assert_eq!(parse_number_in("80㎡", "米"), Err(NotANumber));
        assert_eq!(parse_number_in("米", "米"), Err(NotANumber));
        assert_eq!(parse_number_in("", "米"), Ok(None));
        assert_eq!(parse_number_in("5人", ""), Err(NotANumber));
        assert_eq!(show_number(Some(1100.0)), "1100");
        assert_eq!(show_number(Some(2.5)), "2.5");
        // Tiny and huge values stay short, and read back as typed.
        for v in [1e-320, 1.5e-7, 1e300, -2.5e20] {
            let shown = show_number(Some(v));
            assert!(shown.len() < 12, "{shown}");
            assert_eq!(parse_number(&shown), Ok(Some(v)), "{shown}");
        }
        assert_eq!(show_number(Some(0.000_5)), "0.0005");
        assert_eq!(parse_lonlat("120.81, 27.93"), Ok(Some([120.81, 27.93])));
        assert_eq!(parse_lonlat("120.81"), Err(NotANumber));
        assert_eq!(parse_lonlat(" "), Ok(None));
    }

    #[test]
    fn delta_and_words() {
        assert_eq!(delta(Some(80.0), 81.234), Some(1.23));
        assert_eq!(fmt_delta(1.5), "+1.5");
        assert_eq!(fmt_delta(-0.25), "−0.25");
        assert_eq!(stars(3), "★★★☆☆");
    }

    #[test]
    fn problems_read_in_chinese() {
        let mut c = empty_circle();
        c.households = Some(-1.0);
        c.surveys
            .insert("overall".into(), lifecircle_core::circle::Survey { respondents: 1, satisfied: 2, method: None });
        let ps = c.check();
        let zh: Vec<String> = ps.iter().map(|p| p.text(Lang::Zh)).collect();
        assert_eq!(zh, ["数值不合理：-1 不能为负数、过大（超过 1000000000）或非数字", "满意人数不能多于受访人数"]);
        assert_eq!(ps[0].text(Lang::En), ps[0].message);
    }

    #[test]
    fn a_survey_problem_is_named_by_its_indicator_not_its_key() {
        let (st, c, _) = sample();
        assert_eq!(field_words(&st, &c, "surveys.overall.satisfied", Lang::Zh), "居民综合满意度：满意人数");
        assert_eq!(field_words(&st, &c, "surveys.overall", Lang::En), "Residents' overall satisfaction");
        assert_eq!(field_words(&st, &c, "surveys.other.respondents", Lang::Zh), "满意度调查（other）：受访人数");
    }

    #[test]
    fn unknown_category_is_a_problem_of_its_row() {
        let (st, mut c, _) = sample();
        c.facilities[0].category = "no_such_type".into();
        let ps = problems(&st, &c, Date::new(2025, 6, 30).unwrap());
        assert!(ps.iter().any(|p| p.code == "unknown_category"), "{ps:?}");
    }

    #[test]
    fn picker_groups_cover_every_category() {
        let (st, _, _) = sample();
        let n: usize = category_groups(&st, Lang::Zh).iter().map(|(_, c)| c.len()).sum();
        assert_eq!(n, st.categories.len());
    }
}
