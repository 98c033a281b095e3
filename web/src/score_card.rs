//! `ScoreCard`: total, grade with stars, failed gates and vetoes first, the scoring's warnings,
//! dimension bars, and every indicator with its explanation.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use lifecircle_core::Standard;
use lifecircle_core::assessment::{Assessment, Severity, provisional_mark, provisional_note};
use lifecircle_core::score::{fmt_num, points_word};
use lifecircle_core::standard::{Confidence, Lang};

use crate::model::{cite_line, fmt_delta, role_word, stars, status_class, status_word, tr};

/// The result of one assessment, read from top to bottom: score and grade, what withholds or
/// caps the grade, points by dimension, then each indicator with how its points came about.
#[component]
pub fn ScoreCard(
    /// The assessment to show (from `lifecircle_core::score`).
    #[prop(into)]
    assessment: Signal<Assessment>,
    /// Interface language: `Lang::Zh` (default) or `Lang::En`.
    #[prop(into, default = Signal::stored(Lang::Zh))]
    lang: Signal<Lang>,
    /// 适老化 mode: large text and high contrast (the class `lc-elder` on the root).
    #[prop(into, default = Signal::stored(false))]
    elder: Signal<bool>,
    /// The standard, to cite documents by number rather than by source id.
    #[prop(into, optional)]
    standard: Option<Signal<Standard>>,
    /// The change of the total caused by the last edit, shown beside it.
    #[prop(into, optional)]
    delta: Option<Signal<Option<f64>>>,
) -> impl IntoView {
    let section: NodeRef<leptos::html::Section> = NodeRef::new();
    view! {
        <section class="lc-root lc-scorecard" node_ref=section class:lc-elder=move || elder.get() lang=move || lang_tag(lang.get())>
            {move || {
                let a = assessment.get();
                let l = lang.get();
                let d = delta.and_then(|d| d.get());
                let st = standard.map(|s| s.get());
                // Drawn again (a new assessment, another language): what is open stays open.
                let open = section.get_untracked().map(|el| open_explanations(&el)).unwrap_or_default();
                card(&a, l, d, st.as_ref(), &open)
            }}
        </section>
    }
}

/// The indicators whose explanation is open under `root` (their `data-indicator`). Read from
/// the page rather than kept by a `toggle` handler: an event handler would link Leptos' event
/// code into a bundle that has none (about 6 KB gzip in the score card's).
fn open_explanations(root: &web_sys::Element) -> Vec<String> {
    let Ok(list) = root.query_selector_all("details[open][data-indicator]") else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-indicator"))
        .collect()
}

/// The `lang` attribute for a language.
/// The badge of a designed value (要求暂定, 分值暂定, 要求与分值暂定), or none for an official one.
pub fn provisional_badge(l: Lang, requirement: Confidence, points: Confidence) -> Option<impl IntoView + use<>> {
    provisional_mark(requirement, points)
        .map(|m| view! { <span class="lc-badge lc-prov">{m.get(l).to_string()}</span> })
}

/// The note on what the badges mean, under a list when any of its items (`(requirement,
/// points)` confidences) carries one.
pub fn provisional_footnote(l: Lang, mut items: impl Iterator<Item = (Confidence, Confidence)>) -> Option<AnyView> {
    items
        .any(|(r, p)| provisional_mark(r, p).is_some())
        .then(|| view! { <p class="lc-muted lc-prov-note">{provisional_note().get(l).to_string()}</p> }.into_any())
}

pub fn lang_tag(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

fn card(a: &Assessment, l: Lang, delta: Option<f64>, st: Option<&Standard>, open: &[String]) -> impl IntoView + use<> {
    let grade = match &a.grade.grade {
        Some(g) => {
            let s = g.stars.map(stars).unwrap_or_default();
            let label = g.stars.map(|n| format!("{n}/5")).unwrap_or_default();
            view! {
                <span class="lc-grade">{g.name.get(l).to_string()}</span>
                " "
                // (an aria-label on a plain span is not read: the stars are a picture with a name)
                <span class="lc-stars" role="img" aria-label=format!("{} {label}", tr(l, "星级", "stars"))>{s}</span>
            }
            .into_any()
        }
        None => view! { <span class="lc-nograde">{tr(l, "未评定等级", "No grade")}</span> }.into_any(),
    };
    let delta_view = delta.filter(|d| *d != 0.0).map(|d| {
        let class = if d > 0.0 { "lc-delta lc-delta-up" } else { "lc-delta lc-delta-down" };
        view! {
            <span class=class>
                {format!("{}{}", tr(l, "上次修改 ", "last edit "), fmt_delta(d))}
            </span>
        }
    });
    let sample =
        a.circle.sample.then(|| view! { <span class="lc-badge lc-sample">{tr(l, "示例数据", "sample data")}</span> });

    // Gates, vetoes and mandatory items, failed ones first.
    let mut checks = a.checks.clone();
    lifecircle_core::order::sort_by_key(&mut checks, |c| c.passed);
    let checks_view = (!checks.is_empty()).then(|| {
        let items = checks
            .into_iter()
            .map(|c| {
                let mark = if c.passed { "✔" } else { "✘" };
                let state = a.verdict(&c, l);
                // A designed gate, veto or mandatory item carries the indicator's badge, as the
                // indicator list and the CLI's report mark it.
                let prov = a
                    .indicators
                    .iter()
                    .find(|r| r.id == c.indicator)
                    .and_then(|r| provisional_badge(l, r.confidence, r.points_confidence));
                view! {
                    <li class:lc-failed=!c.passed>
                        <span aria-hidden="true">{mark}</span>
                        " [" {c.indicator.clone()} "] " {c.name.get(l).to_string()}
                        " — " {state} {tr(l, "（", " (")} {role_word(l, c.role)} {tr(l, "）", ")")} " " {prov}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{tr(l, "门槛、否决项与必备项", "Gates, vetoes and mandatory items")}</h3>
            <ul class="lc-checks">{items}</ul>
        }
    });

    let note = provisional_footnote(l, a.indicators.iter().map(|r| (r.confidence, r.points_confidence)));

    view! {
        <header class="lc-head">
            <h2>{a.circle.name.clone()} " " {sample}</h2>
        </header>
        // No live region: drawn afresh for each assessment, it would say the bare numbers on
        // every key typed into the form, after the form's own sentence (its status says them).
        <div class="lc-head">
            <span>
                <span class="lc-total">{fmt_num(a.total)}</span>
                <span class="lc-max">{format!(" / {} {}", fmt_num(a.max), tr(l, "分", "points"))}</span>
            </span>
            {grade}
            {delta_view}
        </div>
        {crate::model::provisional_points_note(a, l).map(|n| view! { <p class="lc-prov-note lc-points-note">{n}</p> })}
        <p>{a.grade.explanation.get(l).to_string()}</p>
        {checks_view}
        {notes(a, l, open)}
        <h3>{tr(l, "分项得分", "Points by dimension")}</h3>
        {bars(a, l)}
        <h3>{tr(l, "指标明细", "Indicators")}</h3>
        {indicators(a, l, st, open)}
        {note}
        <p class="lc-stamp">
            {format!(
                "{} {} v{} · {} {} · {} {} {} · {} {}",
                tr(l, "评价标准", "Standard"),
                a.standard.id,
                a.standard.version,
                tr(l, "评估日期", "as of"),
                a.as_of,
                tr(l, "引擎", "engine"),
                a.engine.name,
                a.engine.version,
                tr(l, "输入摘要", "input digest"),
                a.input_digest,
            )}
        </p>
    }
}

/// The warnings a reader must see, one line each (`warning_lines`): the first few, the rest
/// behind a `<details>` (kept open across redraws as an explanation is, under `NOTES_KEY`).
fn notes(a: &Assessment, l: Lang, open: &[String]) -> Option<impl IntoView + use<>> {
    let mut lines = warning_lines(a, l);
    if lines.is_empty() {
        return None;
    }
    let more = if lines.len() > NOTES_SHOWN + 1 { lines.split_off(NOTES_SHOWN) } else { Vec::new() };
    let more = (!more.is_empty()).then(|| {
        view! {
            <details open=open.iter().any(|o| o == NOTES_KEY) data-indicator=NOTES_KEY>
                <summary>{format!("{}{}{}", tr(l, "另有 ", ""), more.len(), tr(l, " 条", " more"))}</summary>
                <div class="lc-explain">{note_list(l, more)}</div>
            </details>
        }
    });
    Some(view! {
        <h3>{tr(l, "注意", "Notes")}</h3>
        {note_list(l, lines)}
        {more}
    })
}

/// A list of the scoring's warnings, as the card and the form show them.
pub fn note_list(l: Lang, lines: Vec<String>) -> impl IntoView + use<> {
    view! {
        <ul class="lc-checks lc-notes" aria-label=tr(l, "注意", "Notes")>
            {lines.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
        </ul>
    }
}

/// Warnings listed before the rest are put behind a `<details>` (presentation, not a standard's
/// number); one more is listed rather than hidden alone.
const NOTES_SHOWN: usize = 3;

/// The `data-indicator` of the notes' `<details>`, under which `open_explanations` finds it
/// open (no indicator's id: those are letters, digits, `_`, `-` and `.`).
const NOTES_KEY: &str = "lc:notes";

/// The assessment's warnings (`Severity::Warning`; info findings such as provisional values and
/// sample data are marked on the card already), in `l`, one line per message: a message said of
/// several indicators (no residential points, for each coverage item) once, naming them all,
/// `[id] name`. Missing data comes last: each indicator's own status says it too.
fn warning_lines(a: &Assessment, l: Lang) -> Vec<String> {
    // (a message, the indicators it is said of)
    let mut lines: Vec<(&str, String)> = Vec::new();
    for missing in [false, true] {
        for f in a.findings.iter().filter(|f| f.severity == Severity::Warning && (f.code == "missing_data") == missing)
        {
            let message = f.message.get(l);
            let name = f.indicator.as_ref().map_or(String::new(), |id| {
                let name = a.indicators.iter().find(|r| r.id == *id).map_or("", |r| r.name.get(l));
                // (a message that starts with the indicator's name is not given it twice)
                if message.starts_with(name) { format!("[{id}]") } else { format!("[{id}] {name}") }
            });
            match lines.iter_mut().find(|(m, _)| *m == message) {
                Some((_, names)) if !name.is_empty() => {
                    if !names.is_empty() {
                        names.push_str(l.pick("、", "; "));
                    }
                    names.push_str(&name);
                }
                Some(_) => {}
                None => lines.push((message, name)),
            }
        }
    }
    lines
        .into_iter()
        .map(|(message, names)| {
            let sep = match names.chars().last() {
                None => "",
                Some(']') => " ",
                Some(_) => l.pick("：", ": "),
            };
            format!("{names}{sep}{message}")
        })
        .collect()
}

/// Points out of a maximum, with their unit: `3.37 / 4 分`, `3.37 / 4 points`.
fn out_of(l: Lang, points: f64, max: f64) -> String {
    format!("{} / {} {}", fmt_num(points), fmt_num(max), points_word(l, max))
}

/// Dimension bars: the names and points are text (they follow the widget's font size and the
/// large-text mode), each bar an SVG drawn with presentation attributes only (no inline styles).
fn bars(a: &Assessment, l: Lang) -> impl IntoView + use<> {
    let rows = a
        .dimensions
        .iter()
        .map(|d| {
            let frac = if d.max > 0.0 { (d.points / d.max).clamp(0.0, 1.0) } else { 0.0 };
            let name = d.name.get(l).to_string();
            let value = out_of(l, d.points, d.max);
            view! {
                <li>
                    <span class="lc-dim-name">{name}</span>
                    <svg class="lc-bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="lc-bar-bg" x="0" y="0" width="100" height="10"></rect>
                        <rect class="lc-bar" x="0" y="0" width=format!("{:.1}", 100.0 * frac) height="10"></rect>
                    </svg>
                    <span class="lc-dim-val">{value}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="lc-bars" aria-label=tr(l, "各维度得分", "Points by dimension")>{rows}</ul> }
}

fn indicators(a: &Assessment, l: Lang, st: Option<&Standard>, open: &[String]) -> impl IntoView + use<> {
    a.dimensions
        .iter()
        .map(|d| {
            let items = a
                .indicators
                .iter()
                .filter(|r| r.dimension == d.id)
                .map(|r| {
                    let inputs = r
                        .inputs
                        .iter()
                        .map(|(k, v)| {
                            let (k, v) = input_words(l, st, k, v);
                            view! { <dt>{k}</dt><dd>{v}</dd> }
                        })
                        .collect_view();
                    // Every designed value is marked where it is read, not only inside the
                    // details: the requirement, the points, or both.
                    let provisional = provisional_badge(l, r.confidence, r.points_confidence);
                    let is_open = open.contains(&r.id);
                    view! {
                        <details open=is_open data-indicator=r.id.clone()>
                            <summary>
                                <span>"[" {r.id.clone()} "] " {r.name.get(l).to_string()}</span>
                                <span class=format!("lc-badge lc-st-{}", status_class(r.status))>{status_word(l, r.status)}</span>
                                {provisional}
                                <span class="lc-pts">{out_of(l, r.points, r.max)}</span>
                            </summary>
                            <div class="lc-explain">
                                <p>{r.explanation.get(l).to_string()}</p>
                                <dl>
                                    <dt>{tr(l, "类型", "Role")}</dt><dd>{role_word(l, r.role)}</dd>
                                    <dt>{tr(l, "规则", "Rule")}</dt><dd>{lifecircle_core::score::rule_text(&r.rule, &r.unit, r.max).get(l).to_string()}</dd>
                                    <dt>{tr(l, "依据", "Clause")}</dt><dd>{cite_line(l, st, &r.cite)}</dd>
                                    <dt>{tr(l, "来源标准", "Set by")}</dt><dd>{r.origin.clone()}</dd>
                                    {inputs}
                                </dl>
                            </div>
                        </details>
                    }
                })
                .collect_view();
            view! {
                <h4>{format!("{} · {}", d.name.get(l), out_of(l, d.points, d.max))}</h4>
                {items}
            }
        })
        .collect_view()
}

/// An input of an explanation in words: its label (a figure's name from the standard, else the
/// words for the core's key) and its value (numbers as short as exact, category and form codes
/// as their names, yes or no).
fn input_words(l: Lang, st: Option<&Standard>, key: &str, v: &serde_json::Value) -> (String, String) {
    use serde_json::Value;
    let label = match st.and_then(|st| st.figures.iter().find(|f| f.key == key)) {
        Some(f) => f.name.get(l).to_string(),
        None => {
            let (zh, en) = match key {
                "count" => ("数量", "count"),
                "of" => ("共需业态", "types needed"),
                "present" => ("已有", "present"),
                "missing" => ("缺少", "missing"),
                "nearest" => ("最近的设施", "nearest"),
                "nearest_m" | "centre_nearest_m" => ("距中心最近（米）", "nearest from the centre (m)"),
                "walk_m" => ("步行距离（米）", "walk (m)"),
                "minutes" => ("步行分钟", "minutes"),
                "within_minutes" => ("步行时限（分钟）", "within (minutes)"),
                "reach_m" => ("可达距离（米）", "reach (m)"),
                "population_total" => ("居民合计", "residents"),
                "population_covered" => ("覆盖的居民", "residents covered"),
                "population" => ("常住人口", "population"),
                "households" => ("户数", "households"),
                "chain_outlets" => ("连锁店", "chain outlets"),
                "commercial_outlets" => ("商业网点", "commercial outlets"),
                "respondents" => ("受访人数", "respondents"),
                "satisfied" => ("满意人数", "satisfied"),
                "min_sample" => ("最低样本", "minimum sample"),
                "done" => ("已落实", "done"),
                "evidence" => ("佐证材料", "evidence"),
                "points_given" => ("评估人给分", "points given"),
                "note" => ("评估说明", "note"),
                "form" => ("发展形态", "form"),
                "new_residential" => ("新建居住区", "new residential area"),
                _ => (key, key),
            };
            l.pick(zh, en).to_string()
        }
    };
    let name = |code: &str| {
        st.and_then(|st| {
            st.category(code).map(|c| &c.name).or_else(|| st.forms.iter().find(|f| f.code == code).map(|f| &f.name))
        })
        .map_or_else(|| code.to_string(), |n| n.get(l).to_string())
    };
    // Only these hold codes of the standard; other texts (a facility's name, a note) are shown
    // as written.
    let codes = matches!(key, "present" | "missing" | "form");
    let value = match v {
        Value::String(s) if codes => name(s),
        Value::String(s) => s.clone(),
        // Rounded as every other number on the card: 6 min × a detour factor of 1.3 is
        // 7.800000000000001 in floating point, and reads 7.8.
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), fmt_num),
        Value::Null => tr(l, "未填", "not given").to_string(),
        Value::Bool(b) => l.pick(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" }).to_string(),
        Value::Array(xs) => xs
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), |s| if codes { name(s) } else { s.to_string() }))
            .collect::<Vec<_>>()
            .join(l.pick("、", ", ")),
        other => other.to_string(),
    };
    (label, value)
}
