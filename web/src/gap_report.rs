//! `GapReport`: 缺什么补什么, grouped by responsible unit (责任单位), most urgent first; it
//! prints as the circle's 一圈一策 plan. Data not given comes first, apart: it is for whoever
//! fills in the form, not a task for a unit. Each item is listed once, under its lead unit,
//! naming the units it shares; an index at the end gives each unit its items.

use leptos::prelude::*;
use lifecircle_core::assessment::{Assessment, Gap, Status, responsible_name, split_lead};
use lifecircle_core::score::{fmt_num, points_word};
use lifecircle_core::standard::{Cap, Lang};

use crate::model::{UnitGaps, gaps_by_unit, priority_word, status_word, tr, units_index};
use crate::score_card::{lang_tag, provisional_badge, provisional_footnote};

/// The gap list of an assessment: first the data still to fill in (缺数据, one short entry
/// each: the item, what to fill in, what it costs), then one block per responsible unit with
/// what it leads (each item once, the other units named; 牵头 marks a unit marked `*` in the
/// standard), then which items each unit has a part in. A print button prints it as the plan.
#[component]
pub fn GapReport(
    /// The assessment whose gaps to list.
    #[prop(into)]
    assessment: Signal<Assessment>,
    /// Interface language: `Lang::Zh` (default) or `Lang::En`.
    #[prop(into, default = Signal::stored(Lang::Zh))]
    lang: Signal<Lang>,
    /// 适老化 mode: large text and high contrast.
    #[prop(into, default = Signal::stored(false))]
    elder: Signal<bool>,
    /// Called when the print button is pressed (the host calls `window.print()`, or its
    /// own export); without it the button is not shown.
    #[prop(default = None)]
    on_print: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <section class="lc-root lc-gaps" class:lc-elder=move || elder.get() lang=move || lang_tag(lang.get())>
            {move || report(&assessment.get(), lang.get(), on_print)}
        </section>
    }
}

/// What a gap costs, in parentheses: the points lost, or, for a veto, gate or mandatory item
/// that loses none, what failing it does to the grade (never "失分 0"); empty when neither
/// applies.
fn cost(a: &Assessment, g: &Gap, l: Lang) -> String {
    let what = if g.points_lost > 0.0 {
        match l {
            Lang::Zh => format!("失分 {}", fmt_num(g.points_lost)),
            Lang::En => format!("{} {} lost", fmt_num(g.points_lost), points_word(l, g.points_lost)),
        }
    } else {
        // A failed check without a cap withholds the grade, as one capped at none (the
        // core's grading).
        match a.checks.iter().find(|c| c.indicator == g.indicator) {
            Some(c) if matches!(c.cap, Some(Cap::AtMost(_))) => {
                tr(l, "未通过则等级封顶", "caps the grade until it passes")
            }
            Some(_) => tr(l, "未通过则不评级", "no grade until it passes"),
            None => return String::new(),
        }
        .into()
    };
    format!("{}{what}{}", tr(l, "（", " ("), tr(l, "）", ")"))
}

fn report(a: &Assessment, l: Lang, on_print: Option<Callback<()>>) -> impl IntoView + use<> {
    let title = match l {
        Lang::Zh => format!("{}“一圈一策”整改清单", a.circle.name),
        Lang::En => format!("{}: improvement plan (one circle, one plan)", a.circle.name),
    };
    let sample =
        a.circle.sample.then(|| view! { <span class="lc-badge lc-sample">{tr(l, "示例数据", "sample data")}</span> });
    let print = on_print.map(|cb| {
        view! {
            <div class="lc-toolbar lc-noprint">
                <button type="button" on:click=move |_| cb.run(())>{tr(l, "打印整改清单", "Print the plan")}</button>
            </div>
        }
    });
    // Data not given (缺数据) is not something a unit must build: it is for whoever fills in
    // the form. `gaps`: what to build or fix, then the data to fill in, each part in the
    // core's order; the units' lists are made of the first part alone.
    let no_data = |g: &&Gap| g.status == Status::NoData;
    let mut gaps: Vec<Gap> = a.gaps.iter().filter(|g| !no_data(g)).cloned().collect();
    let fix = gaps.len();
    gaps.extend(a.gaps.iter().filter(no_data).cloned());
    let missing = gaps.len() - fix;
    let mut units = gaps_by_unit(&gaps[..fix]);
    // The data to fill in is listed first, through the same code as a unit's list (one view
    // type, for bytes); core priorities are 1 to 4, so 0 marks it.
    if missing > 0 {
        let gaps = (fix..gaps.len()).map(|i| (i, false)).collect();
        units.insert(0, UnitGaps { unit: String::new(), en: String::new(), gaps, priority: 0, points_lost: 0.0 });
    }
    let no_data = status_word(l, Status::NoData);
    let summary = format!(
        "{} {} · {} {} v{} · {} {} / {}{} · {} {}{}",
        tr(l, "评估日期", "As of"),
        a.as_of,
        tr(l, "评价标准", "standard"),
        a.standard.id,
        a.standard.version,
        tr(l, "总分", "total"),
        fmt_num(a.total),
        fmt_num(a.max),
        if crate::model::provisional_points(a).is_some() {
            tr(l, "（分值暂定）", " (provisional points)")
        } else {
            ""
        },
        tr(l, "整改项", "items"),
        a.gaps.len(),
        if missing == 0 {
            String::new()
        } else {
            format!("{}{no_data} {missing}{}", tr(l, "（", " ("), tr(l, "）", ")"))
        }
    );
    let body = if units.is_empty() {
        view! { <p class="lc-none">{tr(l, "没有需要补齐的项目。", "Nothing to add or fix.")}</p> }.into_any()
    } else {
        units
            .into_iter()
            .map(|u| {
                let to_fill = u.priority == 0;
                let unit = if to_fill {
                    tr(l, "先补填以下数据", "Fill in first").to_string()
                } else if u.unit.is_empty() {
                    tr(l, "未指定责任单位", "No unit named").to_string()
                } else {
                    responsible_name(l, &u.unit, &u.en)
                };
                let items = u
                    .gaps
                    .iter()
                    .map(|&(i, lead)| {
                        let g = &gaps[i];
                        let lead = lead.then(|| view! { <span class="lc-lead">{tr(l, "（牵头）", " (lead)")}</span> });
                        // The printed plan goes to the bureaus: a designed requirement must not
                        // read as an official task.
                        let prov = provisional_badge(l, g.confidence, g.points_confidence).map(|b| view! { " " {b} });
                        // Data to fill in: the item, then what to fill in (its detail), and no
                        // more; a unit's task: what to do, then the specifics.
                        let (what, detail) = match &g.detail {
                            Some(d) if to_fill => (d, None),
                            d => (&g.action, d.as_ref()),
                        };
                        let detail =
                            detail.map(|d| view! { <div class="lc-detail">{d.get(l).to_string()}</div> });
                        // An item several units share is listed once, under its lead unit,
                        // naming the others (leads marked): whom the lead works with.
                        let others: Vec<String> = g
                            .responsible
                            .iter()
                            .zip(g.units(Lang::En))
                            .map(|(zh, en)| (split_lead(zh), split_lead(en).0))
                            .filter(|((zh, _), _)| !to_fill && *zh != u.unit)
                            .map(|((zh, lead), en)| {
                                format!("{}{}", responsible_name(l, zh, en), if lead { tr(l, "（牵头）", " (lead)") } else { "" })
                            })
                            .collect();
                        let with = (!others.is_empty()).then(|| {
                            view! {
                                <div class="lc-detail">{tr(l, "协同单位：", "Together with: ")} {others.join(tr(l, "、", "; "))}</div>
                            }
                        });
                        // (No priority word on data to fill in: its cost says what it weighs.)
                        let prio = if to_fill { "" } else { priority_word(l, g.priority) };
                        let (open, close) = if to_fill { ("", "") } else { (tr(l, "【", "["), tr(l, "】", "]")) };
                        view! {
                            <li>
                                <span class=format!("lc-prio-{}", g.priority.min(4))>{open} {prio} {close}</span>
                                " [" {g.indicator.clone()} "] " <strong>{g.name.get(l).to_string()}</strong> {lead} {prov}
                                <div>{what.get(l).to_string()} {cost(a, g, l)}</div>
                                {detail}
                                {with}
                            </li>
                        }
                    })
                    .collect_view();
                // Data to fill in is marked as such (缺数据), on screen and on paper.
                let (class, prio, badge) = if to_fill {
                    ("lc-unit lc-fill", 3, no_data.to_string())
                } else {
                    let most = format!("{}{}", tr(l, "最高优先级：", "most urgent: "), priority_word(l, u.priority));
                    ("lc-unit", u.priority.min(4), most)
                };
                view! {
                    <section class=class>
                        <h3>
                            <span>{unit}</span>
                            <span class=format!("lc-badge lc-prio-{prio}")>{badge}</span>
                        </h3>
                        <ol>{items}</ol>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    // Each unit's part of the plan, leading or not, by item: the plan lists an item once.
    let index = units_index(&gaps[..fix]);
    let index = (index.len() > 1).then(|| {
        let rows = index
            .into_iter()
            .map(|(zh, en, ids)| {
                view! { <li><strong>{responsible_name(l, &zh, &en)}</strong> {tr(l, "：", ": ")} {ids.join(tr(l, "、", ", "))}</li> }
            })
            .collect_view();
        view! {
            <section class="lc-unit lc-index">
                <h3><span>{tr(l, "各单位涉及的整改项", "Items by unit")}</span></h3>
                <ul>{rows}</ul>
            </section>
        }
    });
    let note = provisional_footnote(l, a.gaps.iter().map(|g| (g.confidence, g.points_confidence)));
    view! {
        <h2>{title} " " {sample}</h2>
        <p class="lc-muted">{summary}</p>
        {print}
        {body}
        {index}
        {note}
    }
}
