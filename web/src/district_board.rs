//! `DistrictBoard` (`<lifecircle-district>`): a district's circles against its standard's
//! targets, for the district's own page (全区进度). Presentation only: the summary is
//! [`lifecircle_core::district::summarise`]'s, and every target says where its value comes
//! from, with the official target (cited) kept apart from this project's way of counting it
//! (marked provisional).

use leptos::prelude::*;
use lifecircle_core::circle::{Circle, InputError, InputProblem};
use lifecircle_core::district::{District, TargetProgress};
use lifecircle_core::score::fmt_num;
use lifecircle_core::standard::{Lang, Standard};

use crate::model::{field_words, indexed, target_cite_line, tr};
use crate::score_card::lang_tag;

/// The summary of a district, or why its circles cannot be summarised.
#[component]
pub fn DistrictBoard(
    /// From [`lifecircle_core::district::summarise`] (its refusal as one input error, fields
    /// prefixed `circles[i]`); with no circle yet, [`lifecircle_core::district::district`] of
    /// none, which `summarise` refuses: the targets with nothing counted, and how to add circles.
    #[prop(into)]
    summary: Signal<Result<District, InputError>>,
    /// The circles summarised, to name a circle with a problem.
    #[prop(into)]
    circles: Signal<Vec<Circle>>,
    /// The standard, to cite documents by number.
    #[prop(into)]
    standard: Signal<Standard>,
    /// The language of everything it shows (Chinese by default).
    #[prop(into, default = Signal::stored(Lang::Zh))]
    lang: Signal<Lang>,
    /// 适老化 mode: large text and high contrast.
    #[prop(into, default = Signal::stored(false))]
    elder: Signal<bool>,
    /// Offer a "remove" button for each circle, marked `data-remove` with its place in the
    /// list. The custom element handles their clicks: a Leptos event handler here would link
    /// Leptos' event delegation (a hash map) into a bundle that has no other, about 7 KB gzip.
    #[prop(default = false)]
    removable: bool,
) -> impl IntoView {
    // One drawing for the whole board: the circles' table drawn apart, only when its rows
    // change, saved about 0.2 s of a typed value's 0.37 s with 3,000 circles and cost 1.9 KB
    // gzip of this bundle's wasm (docs/benchmarks.md, 2026-12-07); a district's dozen circles
    // are drawn in a moment either way.
    view! {
        <section class="lc-root lc-district" class:lc-elder=move || elder.get() lang=move || lang_tag(lang.get())>
            {move || {
                let l = lang.get();
                standard.with(|st| {
                    summary.with(|s| match s {
                        Ok(d) => view! { {board(d, st, l)} {circles_part(d, l, removable)} {tasks(d, l)} {above(d, st, l)} }.into_any(),
                        Err(e) => circles.with(|cs| refused(e, st, cs, l, removable)).into_any(),
                    })
                })
            }}
        </section>
    }
}

/// Why there is no summary: each problem with its circle (counted from 1, by name), then a
/// button to remove each circle named (a file added by mistake).
fn refused(e: &InputError, st: &Standard, cs: &[Circle], l: Lang, removable: bool) -> impl IntoView + use<> {
    let items =
        e.problems.iter().map(|p| view! { <li>{problem_words(p, st, cs, l)} " " <code>{p.field.clone()}</code></li> });
    // The circles with a problem, and every later copy of a circle given twice, in list order
    // (no sort: a sort's code would weigh more in the wasm than this loop).
    let with_problem: Vec<usize> =
        e.problems.iter().filter_map(|p| indexed(&p.field, "circles").map(|(i, _)| i)).collect();
    let named: Vec<usize> =
        (0..cs.len()).filter(|&i| with_problem.contains(&i) || cs[..i].iter().any(|c| c.id == cs[i].id)).collect();
    let buttons = removable.then(|| {
        named
            .into_iter()
            .filter_map(|i| cs.get(i).map(|c| (i, c.name.clone())))
            .map(|(i, name)| {
                let label = match l {
                    Lang::Zh => format!("移除第 {} 个生活圈“{name}”", i + 1),
                    Lang::En => format!("Remove circle {} “{name}”", i + 1),
                };
                view! { <button type="button" class="lc-quiet lc-remove" data-remove=i.to_string()>{label}</button> }
            })
            .collect_view()
    });
    view! {
        <div class="lc-problems" role="alert">
            <strong>{tr(l, "以下生活圈的数据有误，全区进度暂不统计（漏算或重复计算会使“建成”个数失真）：", "These circles' data have problems; the district's progress is not counted until they are corrected (a circle left out or counted twice would miscount the circles built):")}</strong>
            <ul>{items.collect_view()}</ul>
            <div class="lc-toolbar">{buttons}</div>
        </div>
    }
}

/// `第 2 个生活圈“乙圈”：常住人口：数值不合理…` for `circles[1].population`.
fn problem_words(p: &InputProblem, st: &Standard, cs: &[Circle], l: Lang) -> String {
    let sep = tr(l, "：", ": ");
    let Some((i, rest)) = indexed(&p.field, "circles") else {
        return format!("{}{sep}{}", tr(l, "生活圈列表", "The list of circles"), p.text(l));
    };
    let which = match (l, cs.get(i).map(|c| c.name.trim()).filter(|n| !n.is_empty())) {
        (Lang::Zh, Some(n)) => format!("第 {} 个生活圈“{n}”", i + 1),
        (Lang::Zh, None) => format!("第 {} 个生活圈", i + 1),
        (Lang::En, Some(n)) => format!("Circle {} “{n}”", i + 1),
        (Lang::En, None) => format!("Circle {}", i + 1),
    };
    match cs.get(i) {
        Some(c) if !rest.is_empty() => format!("{which}{sep}{}{sep}{}", field_words(st, c, rest, l), p.text(l)),
        _ => format!("{which}{sep}{}", p.text(l)),
    }
}

/// The board down to the district's targets (the circles' table and the targets above the
/// district follow, [`circles_part`] and [`above`]).
fn board(d: &District, st: &Standard, l: Lang) -> impl IntoView + use<> {
    // Built on the evaluation date, by the rule each year's count uses (as the CLI's report).
    let built = d.built_on_date();
    let own: Vec<&TargetProgress> = d.targets.iter().filter(|t| t.district_level).collect();
    // This year's targets, all of them: one that cannot be judged yet (no community count, a
    // value not reported) is counted and said, not left out ("达到 3 / 3" read as all met).
    let this_year = own.iter().filter(|t| t.this_year).count();
    let met_now = own.iter().filter(|t| t.this_year && t.met == Some(true)).count();
    let open = own.iter().filter(|t| t.this_year && t.met.is_none()).count();
    let samples = d.circles.iter().filter(|c| c.sample).count();
    let communities =
        d.communities.map(|n| format!("{}{n}", tr(l, " · 全区社区 ", " · communities in the district: ")));
    let targets = if own.is_empty() {
        view! { <p>{tr(l, "本标准没有区级目标。", "This standard sets no district targets.")}</p> }.into_any()
    } else {
        // A value the district reports is typed once, beside the first of its metric's targets.
        let items = own.iter().enumerate().map(|(i, t)| {
            let first = !own[..i].iter().any(|o| o.metric == t.metric);
            target(t, d, st, l, first)
        });
        view! { <ol class="lc-targets">{items.collect_view()}</ol> }.into_any()
    };
    view! {
        <header>
            <h2>{tr(l, "全区一刻钟便民生活圈目标进度", "District progress on 15-minute convenient living circles")}</h2>
            <p class="lc-stamp">
                // The digests tie a printed number to the files submitted (`lifecircle verify`,
                // the CLI's district report): the first 12 hex digits, as the CLI's text shows.
                {format!(
                    "{} {} v{} · {} {} · {} {}…",
                    tr(l, "评价标准", "Standard"),
                    d.standard,
                    d.standard_version,
                    tr(l, "评估日期", "as of"),
                    d.as_of,
                    tr(l, "标准摘要", "standard digest"),
                    short_digest(&d.standard_digest)
                )}
                {communities}
            </p>
        </header>
        <div class="lc-head" aria-live="polite">
            <span><span class="lc-total">{built}</span>{format!(" / {} {}", d.circles.len(), tr(l, "个生活圈已建成", "circles built"))}</span>
            <span>{match (l, open) {
                (Lang::Zh, 0) => format!("本年目标达到 {met_now} / {this_year} 项"),
                (Lang::Zh, _) => format!("本年目标达到 {met_now} / {this_year} 项（{open} 项无法判断）"),
                (Lang::En, 0) => format!("{met_now} of {this_year} of this year's targets met"),
                (Lang::En, _) => format!("{met_now} of {this_year} of this year's targets met ({open} cannot be judged)"),
            }}</span>
        </div>
        // Sample circles count as the others do: said at the head, not only in their rows.
        {(samples > 0).then(|| view! {
            <p class="lc-samples"><strong>{match l {
                Lang::Zh => format!("⚠ 含示例数据 {samples} 个（虚构，仅供演示，已计入上述个数）"),
                Lang::En => format!("⚠ {samples} of them sample data (made up, for demonstration; counted above)"),
            }}</strong></p>
        })}
        <p class="lc-note">{tr(l,
            "目标值出自本区行动方案（已核实，见各项“依据”）；由生活圈数据计数的方法为本项目的理解，标为“暂定口径”，见各项“口径”。",
            "The target values are from the district's action plan (verified; see each one's source); how they are counted from circle data is this project's reading, marked “provisional counting” with each target.")}</p>
        // The standard's designed points and grade cut-offs, as the report says them.
        {d.provisional_note(l).map(|n| view! { <p class="lc-note lc-prov-note">{n}</p> })}
        // The date's warnings (as scoring gives them) and circles that look listed twice.
        {(!d.findings.is_empty() || !d.duplicates.is_empty()).then(|| {
            let lines: Vec<String> = d
                .findings
                .iter()
                .map(|f| format!("⚠ {}", f.message.get(l)))
                .chain(d.duplicates.iter().map(|x| x.text(l)))
                .collect();
            view! { <ul class="lc-warnings" role="status">{lines.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }
        })}
        <h3>{tr(l, "本区目标", "The district's targets")}</h3>
        // Circles built without a year built, said once: each verdict says how many it counts.
        {d.undated_note(l).map(|n| view! { <p class="lc-note lc-undated">{n}</p> })}
        {targets}
    }
}

/// The circles' heading and table; with no circle yet (a district's page before its first
/// file), how to add them, not an empty table.
fn circles_part(d: &District, l: Lang, removable: bool) -> impl IntoView + use<> {
    view! {
        <h3>{tr(l, "各生活圈", "Circles")}</h3>
        {if d.circles.is_empty() {
            view! { <p class="lc-note lc-no-circles" role="status">{tr(l,
                "还没有生活圈，各目标暂无计入。用“添加生活圈”选择评估机构提交的生活圈 JSON 文件（可多选），各圈即按本标准评分并计入上述目标。",
                "No circles yet: nothing is counted towards the targets. Choose the circles' JSON files an evaluator submitted with “Add circles” (several at once): each is scored against this standard and counted towards the targets above.")}</p> }.into_any()
        } else {
            circles_table(d, l, removable).into_any()
        }}
    }
}

/// What the circles lack, in each lead unit's own list (各责任单位任务清单, as the CLI's report
/// gives it): a unit to a fold, each item with the circles short of it and those without data.
fn tasks(d: &District, l: Lang) -> Option<impl IntoView + use<>> {
    if d.circles.is_empty() {
        return None;
    }
    let by_id = d.names();
    let names = |ids: &[String]| {
        lifecircle_core::district::DistrictGap::some_named(ids, l, |id| by_id.get(id).unwrap_or(id).to_string())
    };
    let units = d.units().into_iter().map(|(unit, list)| {
        let name = list.first().and_then(|&i| d.gaps.get(i)).map(|g| g.unit_name(unit, l)).unwrap_or_default();
        // How many of its items some circle falls short of, and how many want data only.
        let short = list.iter().filter(|&&i| d.gaps.get(i).is_some_and(|g| !g.short.is_empty())).count();
        let count = match l {
            Lang::Zh => format!("{} 项（{short} 项未达到，{} 项仅缺数据）", list.len(), list.len() - short),
            Lang::En => format!(
                "{} {} ({short} short, {} no data only)",
                list.len(),
                if list.len() == 1 { "item" } else { "items" },
                list.len() - short
            ),
        };
        let items = list
            .iter()
            .filter_map(|&i| d.gaps.get(i))
            .map(|g| {
                let whose = [(&g.short, tr(l, "未达到", "Short")), (&g.no_data, tr(l, "缺数据", "No data"))]
                    .into_iter()
                    .filter(|(ids, _)| !ids.is_empty())
                    .map(|(ids, what)| {
                        let line = match l {
                            Lang::Zh => format!("{what}（{} 个）：{}", ids.len(), names(ids)),
                            Lang::En => format!("{what} ({}): {}", ids.len(), names(ids)),
                        };
                        view! { <p>{line}</p> }
                    })
                    .collect_view();
                view! {
                    <li>
                        <span class="lc-badge">{crate::model::priority_word(l, g.priority)}</span> " "
                        <strong>{g.name.get(l).to_string()}</strong> " " <code>{g.indicator.clone()}</code> " "
                        {crate::score_card::provisional_badge(l, g.confidence, lifecircle_core::standard::Confidence::Verified)}
                        {whose}
                        {(!g.short.is_empty()).then(|| view! { <p class="lc-muted">{tr(l, "做法：", "What to do: ")}{g.action.get(l).to_string()}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="lc-unit">
                <summary>{name} " " <span class="lc-muted">{count}</span></summary>
                <ol>{items}</ol>
            </details>
        }
    });
    Some(view! {
        <h3>{tr(l, "缺什么补什么：各责任单位任务清单", "What the circles lack, by responsible unit")}</h3>
        {if d.gaps.is_empty() {
            view! { <p>{tr(l, "无：各生活圈全部指标已达标。", "None: every circle meets every indicator.")}</p> }.into_any()
        } else {
            view! {
                <p class="lc-note">{tr(l,
                    "按标准所列牵头单位（未标牵头的由所列各单位共同负责）归集，点开单位看其任务；每个生活圈的详细整改清单见其评分结果。",
                    "Grouped by the lead units the standard names (where it marks none, by every unit it lists): open a unit for its tasks. Each circle's own gap list, with details, is in its assessment.")}</p>
                <div class="lc-units">{units.collect_view()}</div>
                // What the marks mean, unless the note at the top says it already.
                {d.provisional_note(l).is_none().then(|| crate::score_card::provisional_footnote(l, d.gaps.iter().map(|g| (g.confidence, lifecircle_core::standard::Confidence::Verified))))}
            }.into_any()
        }}
    })
}

/// The standard's targets above the district, for reference (not counted from its circles).
fn above(d: &District, st: &Standard, l: Lang) -> Option<impl IntoView + use<>> {
    let above: Vec<&TargetProgress> = d.targets.iter().filter(|t| !t.district_level).collect();
    (!above.is_empty()).then(|| {
        let items = above
            .iter()
            // The year, unless the target's text starts with it already (“2025年…”).
            .map(|t| {
                let name = if t.names_its_year(l) { t.name.get(l).to_string() } else { format!("{} {}", t.year, t.name.get(l)) };
                view! { <li>{name} " " <span class="lc-muted">{target_cite_line(l, st, t)}</span></li> }
            })
            .collect_view();
        view! {
            <details class="lc-above">
                <summary>{tr(l, "上级目标（供参考，不按本区生活圈计算）", "Targets above the district (for reference, not counted here)")}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}

/// A target: its year and text, the district's value against it as a bar, the verdict, then
/// its source and how the value was counted; for the `first` target of a metric the district
/// reports, a box to type its value in.
fn target(t: &TargetProgress, d: &District, st: &Standard, l: Lang, first: bool) -> impl IntoView + use<> {
    let as_of = d.as_of;
    let fraction = t.unit == "fraction";
    // A later year's target not met yet is not a failure.
    let class = match t.met {
        Some(true) => "lc-target lc-met",
        Some(false) if t.due(as_of) => "lc-target lc-unmet",
        _ => "lc-target lc-unknown",
    };
    // The verdict, and how far short (差 3 个, 还差 3 个社区).
    let mut verdict = match t.short_text(l) {
        Some(short) => format!("{}{}{short}", t.verdict(as_of).get(l), tr(l, "，", ", ")),
        None => t.verdict(as_of).get(l).to_string(),
    };
    // Circles without a year built carried into the count, and what it is without them.
    if let Some(u) = t.undated_text(l) {
        verdict = format!("{verdict}{}{u}{}", tr(l, "（", " ("), tr(l, "）", ")"));
    }
    let now = t.this_year.then(|| view! { <span class="lc-badge lc-now">{tr(l, "本年", "this year")}</span> });
    // The year, unless the target's text starts with it already (Longwan's do: “2025年…”).
    let name = t.name.get(l).to_string();
    let year = (!t.names_its_year(l)).then(|| view! { <strong>{t.year}</strong> " " });
    // Shown as the report shows it: never rounded onto a target it misses (89.996 % of 90 %).
    let value = t.value_text();
    // The circles counted for the year, by name.
    let counted = t.counted.as_ref().filter(|_| t.metric == "circles_built").map(|ids| {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| d.circles.iter().find(|c| c.id == *id).map_or(id.as_str(), |c| c.name.as_str()))
            .collect();
        let list = if names.is_empty() { tr(l, "无", "none").to_string() } else { names.join(tr(l, "、", "; ")) };
        view! { <p class="lc-t-counted">{match l {
            Lang::Zh => format!("计入的生活圈（{} 个）：{list}", ids.len()),
            Lang::En => format!("Circles counted ({}): {list}", ids.len()),
        }}</p> }
    });
    // The bar's scale: 100 % for a share, else the larger of the target and the value.
    let scale = if fraction { 1.0 } else { t.value.unwrap_or(0.0).max(t.at_least) };
    let frac = |v: f64| if scale > 0.0 { (v / scale).clamp(0.0, 1.0) * 100.0 } else { 0.0 };
    let bar = t.value.map(|v| {
        view! {
            <svg class="lc-bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect class="lc-bar-bg" x="0" y="0" width="100" height="10"></rect>
                <rect class="lc-bar" x="0" y="0" width=format!("{:.1}", frac(v)) height="10"></rect>
                <line class="lc-goal" x1=format!("{:.1}", frac(t.at_least)) x2=format!("{:.1}", frac(t.at_least)) y1="0" y2="10"></line>
            </svg>
        }
    });
    let counting = match t.counting {
        "provisional" => {
            Some(view! { <span class="lc-badge lc-prov">{tr(l, "暂定口径", "provisional counting")}</span> })
        }
        "reported" => {
            Some(view! { <span class="lc-badge lc-prov">{tr(l, "区里填报", "reported by the district")}</span> })
        }
        _ => None,
    };
    view! {
        <li class=class>
            <div class="lc-t-line">
                <span class="lc-t-name">{year} {now} " " {name}</span>
                <span class="lc-t-verdict">{verdict}</span>
            </div>
            <div class="lc-t-line">
                {bar}
                <span class="lc-t-val">{format!("{}{value}{}{}", tr(l, "现状 ", "now "), tr(l, " · 目标 ≥ ", " · target ≥ "), t.target_text())}</span>
            </div>
            // Folded (a phone showed each metric's source and counting two or three times over):
            // the summary keeps the mark of a provisional or reported value in sight; print opens it.
            <details class="lc-t-basis">
                <summary>{tr(l, "依据与口径", "Source and counting")} " " {counting}</summary>
                <p class="lc-t-src">{tr(l, "依据：", "Source: ")}{target_cite_line(l, st, t)}</p>
                <p class="lc-t-how">{tr(l, "口径：", "Counting: ")}{t.how.get(l).to_string()}</p>
            </details>
            {counted}
            {(first && t.reportable()).then(|| report_box(t, l))}
            {(first && t.metric == "community_share").then(|| communities_box(d.communities, l))}
        </li>
    }
}

/// Where the district types the value of a target circle data cannot give (创成省级试点, 专业运营
/// 机构家数). The custom element reads every box, marked `data-report` with its metric, when one
/// changes and gives them to the widget (`setReported`), as the CLI's `--reported`: a Leptos
/// event handler here would link Leptos' event delegation into this bundle (see `removable`).
fn report_box(t: &TargetProgress, l: Lang) -> impl IntoView + use<> {
    let hint_id = format!("lc-report-{}", t.metric);
    let value = match t.value {
        Some(v) if t.counting == "reported" => reported_text(v, t.unit == "fraction"),
        _ => String::new(),
    };
    // A target of at least one (创成省级试点) reads as yes or no; a larger one is a count (培育2—3家).
    let hint = match (t.unit == "fraction", t.at_least == 1.0, l) {
        (true, _, Lang::Zh) => "填比例，如 30%；留空即未填报。填报值由区里负责，本工具不核实。",
        (true, _, Lang::En) => {
            "A share, e.g. 30%; empty: not reported. The district answers for it: this tool does not check it."
        }
        (false, true, Lang::Zh) => {
            "填个数（整数；是否类目标：是记 1、否记 0）；留空即未填报。填报值由区里负责，本工具不核实。"
        }
        (false, true, Lang::En) => {
            "A whole number (for a yes-or-no target: 1 yes, 0 no); empty: not reported. The district answers for it: this tool does not check it."
        }
        (false, false, Lang::Zh) => "填个数（整数），如 2；留空即未填报。填报值由区里负责，本工具不核实。",
        (false, false, Lang::En) => {
            "A whole number, e.g. 2; empty: not reported. The district answers for it: this tool does not check it."
        }
    };
    view! {
        <p class="lc-t-report">
            <label>{tr(l, "区里填报：", "Reported by the district: ")}
                <input type="text" inputmode="decimal" autocomplete="off" size="8" data-report=t.metric.clone()
                    data-count=(t.unit != "fraction").then_some("") value=value aria-describedby=hint_id.clone()/>
            </label>
            " " <span class="lc-muted" id=hint_id>{hint}</span>
        </p>
    }
}

/// Where the district types its number of communities, which a share of communities with a
/// circle needs and circle data cannot give (the page's `communities` attribute, if any, shown):
/// the custom element gives it to the widget (`setCommunities`) when it changes, as the CLI's
/// `--communities`, by the box's `data-communities` (no Leptos handler, see [`report_box`]).
fn communities_box(n: Option<u32>, l: Lang) -> impl IntoView + use<> {
    view! {
        <p class="lc-t-report">
            <label>{tr(l, "全区社区总数：", "Communities in the district: ")}
                <input type="text" inputmode="numeric" autocomplete="off" size="8" data-communities=""
                    value=n.map(|n| n.to_string()).unwrap_or_default() aria-describedby="lc-communities-hint"/>
            </label>
            " " <span class="lc-muted" id="lc-communities-hint">{tr(l,
                "填全区社区（居委会、村委会）个数，整数，如 29；留空即未给出。由区里负责，本工具不核实。",
                "The number of communities (residents' and villagers' committees) in the district, a whole number, e.g. 29; empty: not given. The district answers for it: this tool does not check it.")}</span>
        </p>
    }
}

/// A reported value `v` (a share when `fraction`) as its box shows it: exactly, so that the value sent back when another box
/// changes is the value taken. Not [`TargetProgress::value_text`], which rounds a share to 2
/// decimals of a percentage (30.123 % would come back as 30.12 %). A share is written as a
/// percentage by moving the point of its shortest decimal (`0.30123` → `30.123%`): no
/// arithmetic, so no float noise (`0.30123 * 100` is 30.122999999999998).
#[must_use]
pub fn reported_text(v: f64, fraction: bool) -> String {
    let plain = format!("{v}");
    if !fraction {
        return plain;
    }
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let frac = format!("{frac:0<2}");
    let (moved, rest) = frac.split_at(2);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() { format!("{int}%") } else { format!("{int}.{rest}%") }
}

/// A SHA-256 digest's first 12 hex digits (of 64): enough to tell two inputs apart by eye.
fn short_digest(d: &str) -> &str {
    d.get(..12).unwrap_or(d)
}

fn circles_table(d: &District, l: Lang, removable: bool) -> impl IntoView + use<> {
    let undated_counted = d.counts_undated();
    let share = |n: u32, of: u32| {
        if of == 0 {
            format!("{n}/{of}")
        } else {
            let pct = fmt_num(f64::from(n) * 100.0 / f64::from(of));
            format!("{n}/{of}{}{pct}%{}", tr(l, "（", " ("), tr(l, "）", ")"))
        }
    };
    let rows = d
        .circles
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let remove = removable.then(|| {
                let label = match l {
                    Lang::Zh => format!("移除“{}”", c.name),
                    Lang::En => format!("Remove “{}”", c.name),
                };
                view! {
                    <td class="lc-act"><button type="button" class="lc-quiet lc-remove" aria-label=label
                        data-remove=i.to_string()>{tr(l, "移除", "Remove")}</button></td>
                }
            });
            // Designed cut-offs: the grade marked, as in the report.
            let grade = match &c.grade {
                Some(g) if d.grades_provisional => format!("{}{}", g.name.get(l), tr(l, "·暂定", " · provisional")),
                Some(g) => g.name.get(l).to_string(),
                None => tr(l, "未评定等级", "no grade").to_string(),
            };
            let year = match (c.built_year, l) {
                // Not built: the year the file gives, not a year it was built in.
                (Some(y), Lang::Zh) if !c.built => format!("；填报的建成年份 {y}"),
                (Some(y), Lang::En) if !c.built => format!("; year built given: {y}"),
                (Some(y), Lang::Zh) if d.after_date(c) => format!("（建成年份 {y}，晚于评估日期，不计入任何目标）"),
                (Some(y), Lang::En) if d.after_date(c) => {
                    format!(" (year built: {y}, after the evaluation date: counted toward no target)")
                }
                (Some(y), Lang::Zh) => format!("（建成年份 {y}）"),
                (Some(y), Lang::En) => format!(" (year built: {y})"),
                // Said in its own row too, not only in the targets' counts.
                (None, Lang::Zh) if c.built && undated_counted => "（未填建成年份，按评估日的现状计入各年）".to_string(),
                (None, Lang::En) if c.built && undated_counted => {
                    " (no year built: counted in every year, as it stands on the evaluation date)".to_string()
                }
                (None, _) => String::new(),
            };
            let survey = match (c.satisfied, c.respondents) {
                (Some(s), Some(r)) if c.survey_left_out => format!(
                    "{}{}",
                    share(s, r),
                    tr(l, "（样本不足，不计入全区满意度）", " (too few respondents: not pooled)")
                ),
                (Some(s), Some(r)) => share(s, r),
                _ => tr(l, "无调查", "no survey").to_string(),
            };
            view! {
                <tr class:lc-unbuilt=!c.built>
                    <th scope="row">{c.name.clone()}
                        {c.sample.then(|| view! { <span class="lc-badge lc-sample">{tr(l, "示例数据", "sample data")}</span> })}
                        <br/> <code>{c.id.clone()}</code>
                        <br/> <span class="lc-digest">{format!("{} {}…", tr(l, "输入摘要", "input digest"), short_digest(&c.input_digest))}</span></th>
                    // Each cell's column name, said before it where a phone stacks the rows.
                    <td class="lc-num" data-label=tr(l, "得分：", "Points: ")>{format!("{} / {}", fmt_num(c.total), fmt_num(c.max))}</td>
                    <td data-label=tr(l, "等级：", "Grade: ")>{grade}</td>
                    <td data-label=tr(l, "是否建成：", "Built: ")>{if c.built { format!("✓ {}", c.standing(l)) } else { c.standing(l) }}{year}</td>
                    <td class="lc-num" data-label=tr(l, "连锁店 / 商业网点：", "Chain / commercial outlets: ")>{share(c.chain_outlets, c.commercial_outlets)}</td>
                    <td class="lc-num" data-label=tr(l, "满意 / 受访：", "Satisfied / respondents: ")>{survey}</td>
                    <td class="lc-num" data-label=tr(l, "指标未达到 / 缺数据（项）：", "Indicators short / no data: ")>{format!("{} / {}", c.gaps_short, c.gaps_no_data)}</td>
                    {remove}
                </tr>
            }
        })
        .collect_view();
    // Focusable, so that a keyboard can scroll the table where it is wider than the screen.
    view! {
        <div class="lc-table-wrap" tabindex="0" role="region" aria-label=tr(l, "各生活圈（表格可左右滚动）", "Circles (the table scrolls sideways)")>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{tr(l, "生活圈", "Circle")}</th>
                        <th scope="col">{tr(l, "得分", "Points")}</th>
                        <th scope="col">{tr(l, "等级", "Grade")}</th>
                        <th scope="col">{tr(l, "是否建成", "Built")}</th>
                        <th scope="col">{tr(l, "连锁店 / 商业网点", "Chain / commercial outlets")}</th>
                        <th scope="col">{tr(l, "满意 / 受访", "Satisfied / respondents")}</th>
                        <th scope="col">{tr(l, "指标未达到 / 缺数据（项）", "Indicators short / no data")}</th>
                        {removable.then(|| view! { <th scope="col" class="lc-act">{tr(l, "操作", "Action")}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::reported_text;
    use lifecircle_core::district::parse_reported;

    /// What a box shows is read back as the very value taken, whatever the district typed: a
    /// share with more decimals than the report shows (30.123 %), tiny and whole ones, counts.
    #[test]
    fn a_reported_value_comes_back_from_its_box_unchanged() {
        let read = |text: &str| parse_reported(&format!("m={text}")).unwrap()[0].1;
        for (typed, shown) in [
            ("30.123%", "30.123%"),
            ("0.30123", "30.123%"),
            ("30%", "30%"),
            ("0.3", "30%"),
            ("100%", "100%"),
            ("1", "100%"),
            ("0%", "0%"),
            ("0.5%", "0.5%"),
            ("0.0001%", "0.0001%"),
            ("12.3456789012345%", "12.3456789012345%"),
            ("33.333333333333%", "33.333333333333%"),
            ("7.05%", "7.05%"),
        ] {
            let v = read(typed);
            assert_eq!(reported_text(v, true), shown, "{typed}");
            assert_eq!(read(shown).to_bits(), v.to_bits(), "{typed}");
        }
        for (typed, shown) in [("2", "2"), ("0", "0"), ("15", "15"), ("2.5", "2.5")] {
            assert_eq!(reported_text(read(typed), false), shown, "{typed}");
        }
        // Every share typed with up to 4 decimals of a percentage, there and back.
        for n in (0..=1_000_000).step_by(7) {
            let typed = format!("{}.{:04}%", n / 10_000, n % 10_000);
            let v = read(&typed);
            assert_eq!(read(&reported_text(v, true)).to_bits(), v.to_bits(), "{typed}");
        }
    }
}
