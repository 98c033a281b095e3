//! `GapReport`: 缺什么补什么, grouped by responsible unit (责任单位), most urgent first; it
//! prints as the circle's 一圈一策 plan.

use leptos::prelude::*;
use lifecircle_core::assessment::{Assessment, responsible_name, split_lead};
use lifecircle_core::score::{fmt_num, points_word};
use lifecircle_core::standard::Lang;

use crate::model::{gaps_by_unit, priority_word, tr};
use crate::score_card::{lang_tag, provisional_badge, provisional_footnote};

/// The gap list of an assessment, one block per responsible unit; the lead unit of an item
/// (marked `*` in the standard) is shown as 牵头. A print button prints it as the plan.
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
    let summary = format!(
        "{} {} · {} {} v{} · {} {} / {} · {} {}",
        tr(l, "评估日期", "As of"),
        a.as_of,
        tr(l, "评价标准", "standard"),
        a.standard.id,
        a.standard.version,
        tr(l, "总分", "total"),
        fmt_num(a.total),
        fmt_num(a.max),
        tr(l, "整改项", "items"),
        a.gaps.len()
    );
    let units = gaps_by_unit(&a.gaps);
    let body = if units.is_empty() {
        view! { <p class="lc-none">{tr(l, "没有需要补齐的项目。", "Nothing to add or fix.")}</p> }.into_any()
    } else {
        units
            .into_iter()
            .map(|u| {
                let unit = if u.unit.is_empty() {
                    tr(l, "未指定责任单位", "No unit named").to_string()
                } else {
                    responsible_name(l, &u.unit, &u.en)
                };
                let items = u
                    .gaps
                    .iter()
                    .map(|&(i, lead)| {
                        let g = &a.gaps[i];
                        let lead = lead.then(|| view! { <span class="lc-lead">{tr(l, "（牵头）", " (lead)")}</span> });
                        // The printed plan goes to the bureaus: a designed requirement must not
                        // read as an official task.
                        let prov = provisional_badge(l, g.confidence, g.points_confidence).map(|b| view! { " " {b} });
                        let detail =
                            g.detail.as_ref().map(|d| view! { <div class="lc-detail">{d.get(l).to_string()}</div> });
                        // An item several units share is listed under each of them: each copy
                        // names the others (the lead marked), so that a bureau reading its own
                        // part of the plan knows whom it works with.
                        let others: Vec<String> = g
                            .responsible
                            .iter()
                            .zip(g.units(Lang::En))
                            .map(|(zh, en)| (split_lead(zh), split_lead(en).0))
                            .filter(|((zh, _), _)| *zh != u.unit)
                            .map(|((zh, lead), en)| {
                                format!("{}{}", responsible_name(l, zh, en), if lead { tr(l, "（牵头）", " (lead)") } else { "" })
                            })
                            .collect();
                        let with = (!others.is_empty()).then(|| {
                            view! {
                                <div class="lc-detail">{tr(l, "协同单位：", "Together with: ")} {others.join(tr(l, "、", "; "))}</div>
                            }
                        });
                        let lost = match l {
                            Lang::Zh => format!("失分 {}", fmt_num(g.points_lost)),
                            Lang::En => format!("{} {} lost", fmt_num(g.points_lost), points_word(l, g.points_lost)),
                        };
                        view! {
                            <li>
                                <span class=format!("lc-prio-{}", g.priority.min(4))>
                                    {tr(l, "【", "[")} {priority_word(l, g.priority)} {tr(l, "】", "]")}
                                </span>
                                " [" {g.indicator.clone()} "] " <strong>{g.name.get(l).to_string()}</strong> {lead} {prov}
                                <div>{g.action.get(l).to_string()} {tr(l, "（", " (")} {lost} {tr(l, "）", ")")}</div>
                                {detail}
                                {with}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="lc-unit">
                        <h3>
                            <span>{unit}</span>
                            <span class=format!("lc-badge lc-prio-{}", u.priority.min(4))>
                                {format!("{}{}", tr(l, "最高优先级：", "most urgent: "), priority_word(l, u.priority))}
                            </span>
                        </h3>
                        <ol>{items}</ol>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    let note = provisional_footnote(l, a.gaps.iter().map(|g| (g.confidence, g.points_confidence)));
    view! {
        <h2>{title} " " {sample}</h2>
        <p class="lc-muted">{summary}</p>
        {print}
        {body}
        {note}
    }
}
