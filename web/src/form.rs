//! `AssessmentForm`: the self-assessment form, generated from the standard.
//!
//! No form is written by hand for a standard: a section per dimension, and for each
//! indicator the input its kind needs (see [`crate::model::ask`]), with its clause and help
//! text beside it. Every edit is scored at once by `lifecircle_core::score`; the score,
//! grade and the change made by the last edit are shown at the top.
//!
//! Inputs write into the circle but are not rewritten from it while one types (that would
//! eat a trailing decimal point); a circle loaded from outside ([`FormState::load_json`])
//! rebuilds them.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use lifecircle_core::Date;
use lifecircle_core::assessment::Assessment;
use lifecircle_core::circle::{
    ChecklistAnswer, Circle, Crs, EvaluatorEntry, Facility, InputError, InputProblem, Location, Origin,
    Status as FacilityStatus, Survey, Walking,
};
use lifecircle_core::score::{fmt_num, points_word, short_num};
use lifecircle_core::standard::{Lang, Standard};

use crate::model::{
    self, Ask, category_groups, circle_json, cite_line, delta, distance_categories, fmt_delta, messages_for,
    parse_lonlat, parse_number_in, provisional_suffix, role_word, score_shared, show_lonlat, show_number, stars,
    status_class, status_word, tr,
};
use crate::score_card::{lang_tag, provisional_badge, provisional_footnote};

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// The circle being edited, and a generation counter that rebuilds the inputs when a
/// circle is loaded from outside. Cheap to copy.
#[derive(Clone, Copy, Debug)]
pub struct FormState {
    pub circle: RwSignal<Circle>,
    pub generation: RwSignal<u32>,
}

impl FormState {
    pub fn new(circle: Circle) -> FormState {
        FormState { circle: RwSignal::new(circle), generation: RwSignal::new(0) }
    }

    /// Replaces the circle with one read from JSON (e.g. from localStorage).
    ///
    /// # Errors
    /// The problems of the JSON, each with its field path; the circle is left as it was.
    pub fn load_json(&self, text: &str) -> Result<(), InputError> {
        // Absurd values are kept: the form lists them as problems to correct, as when typed.
        self.replace(Circle::parse_json(text)?);
        Ok(())
    }

    /// Replaces the circle with one from outside: a new start, not an edit (no "last edit" delta).
    pub fn replace(&self, c: Circle) {
        self.circle.set(c);
        self.generation.update(|g| *g += 1);
    }

    /// The circle as JSON, to save.
    pub fn to_json(&self) -> String {
        self.circle.with_untracked(circle_json)
    }
}

/// Writes one change into the circle.
fn edit(state: FormState, f: impl FnOnce(&mut Circle)) {
    state.circle.update(f);
}

/// The self-assessment form of a standard.
#[component]
pub fn AssessmentForm(
    /// The standard whose questions are asked and whose rules score the answers.
    #[prop(into)]
    standard: Signal<Standard>,
    /// The circle being edited (load and save it through [`FormState`]).
    state: FormState,
    /// The evaluation date (the core never reads the clock; the host passes today).
    #[prop(into)]
    as_of: Signal<Date>,
    /// Interface language: `Lang::Zh` (default) or `Lang::En`.
    #[prop(into, default = Signal::stored(Lang::Zh))]
    lang: Signal<Lang>,
    /// 适老化 mode: large text and high contrast.
    #[prop(into, default = Signal::stored(false))]
    elder: Signal<bool>,
    /// Called with the new assessment after every edit that scores.
    #[prop(default = None)]
    on_change: Option<Callback<Assessment>>,
    /// Called with the circle's JSON after every edit (for autosave).
    #[prop(default = None)]
    on_input: Option<Callback<String>>,
    /// Texts typed that were not stored, as autosaved ([`read_typed`]; shown again, still to fix).
    #[prop(default = Vec::new())]
    typed: Vec<Unstored>,
    /// Called with the texts not stored, as JSON, whenever they change (for autosave).
    #[prop(default = None)]
    on_typed: Option<Callback<String>>,
    /// Called with the circle's JSON when the form is submitted; without it there is no
    /// submit button.
    #[prop(default = None)]
    on_submit: Option<Callback<String>>,
) -> impl IntoView {
    let uid = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let circle = state.circle;
    let scored = Memo::new(move |_| standard.with(|st| circle.with(|c| score_shared(st, c, as_of.get()))));
    let unstored = RwSignal::new(typed);
    let problems: Memo<Vec<InputProblem>> = Memo::new(move |_| {
        let mut out = circle.with(|c| c.check());
        if let Err(e) = scored.get() {
            for p in e.problems {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        unstored.with(|us| {
            if !us.is_empty() {
                // The core's words on a box's stored value are not about the text it now shows.
                out.retain(|p| !us.iter().any(|u| u.field == p.field));
                let l = lang.get();
                out.extend(us.iter().map(|u| u.problem(l)));
            }
        });
        out
    });
    // The last assessment that scored, and the change of its total. A circle loaded from
    // outside (a new generation) is a new start, not an edit.
    let last: RwSignal<Option<Assessment>> = RwSignal::new(None);
    let change: RwSignal<Option<f64>> = RwSignal::new(None);
    let previous = StoredValue::new(None::<(u32, f64)>);
    // What a screen reader hears of the score: one sentence, said once typing has paused
    // (`SAY_AFTER_MS`), not the score line's numbers on every key (see `announce`). `heard`:
    // the generation, the total last said (or loaded), and whether problems were said last.
    let said = RwSignal::new(String::new());
    let pending = StoredValue::new(0u32);
    let heard = StoredValue::new(None::<(u32, Option<f64>, bool)>);
    let say = move |generation: u32| {
        let ticket = pending.get_value().wrapping_add(1);
        pending.set_value(ticket);
        set_timeout(
            move || {
                // (a later edit, or the form gone)
                if pending.try_get_value() != Some(ticket) {
                    return;
                }
                let (Some(l), Some(n)) = (lang.try_get_untracked(), problems.try_with_untracked(Vec::len)) else {
                    return;
                };
                let now = last
                    .try_with_untracked(|a| {
                        a.as_ref().map(|a| (a.total, a.max, a.grade.grade.as_ref().map(|g| g.name.get(l).to_string())))
                    })
                    .flatten();
                // (a circle loaded meanwhile is a new start: this edit's sentence is not news of it)
                let Some((_, before, told)) = heard.get_value().filter(|h| h.0 == generation) else { return };
                let Some(text) = announce(l, n, now.as_ref(), before, told) else { return };
                heard.set_value(Some((generation, if n == 0 { now.map(|(t, ..)| t) } else { before }, n > 0)));
                if said.get_untracked() != text {
                    said.set(text);
                }
            },
            std::time::Duration::from_millis(SAY_AFTER_MS),
        );
    };
    Effect::new(move |_| {
        let generation = state.generation.get();
        let scored = scored.get();
        // A circle loaded from outside is a new start: its score is the one later changes are
        // told against, not news itself.
        if heard.get_value().is_none_or(|(g, ..)| g != generation) {
            heard.set_value(Some((generation, scored.as_ref().ok().map(|a| a.total), false)));
            pending.set_value(pending.get_value().wrapping_add(1)); // a sentence still to come is dropped
        } else {
            say(generation);
        }
        if let Ok(a) = scored {
            match previous.get_value() {
                // The latest edit's change, ±0 when it changed nothing (not the one before it).
                Some((g, total)) if g == generation => change.set(delta(Some(total), a.total)),
                _ => change.set(None),
            }
            previous.set_value(Some((generation, a.total)));
            if let Some(cb) = on_change {
                cb.run(a.clone());
            }
            last.set(Some(a));
        }
    });
    Effect::new(move |first: Option<()>| {
        let json = circle.with(circle_json);
        if first.is_some()
            && let Some(cb) = on_input
        {
            cb.run(json);
        }
    });

    Effect::new(move |first: Option<()>| {
        let json = unstored.with(|v| typed_json(v));
        if first.is_some()
            && let Some(cb) = on_typed
        {
            cb.run(json);
        }
    });

    // The facility list's page and filter live here, not in the inventory section, so that
    // switching the language (which redraws the sections) keeps them; another circle loaded
    // starts again from the first page.
    let pager =
        Pager { page: RwSignal::new(0), filter: RwSignal::new(String::new()), only_problems: RwSignal::new(false) };
    Effect::new(move |first: Option<()>| {
        state.generation.track();
        if first.is_some() {
            pager.page.set(0);
            pager.filter.set(String::new());
            pager.only_problems.set(false);
            // (texts typed into the circle before: another circle has no use for them)
            unstored.set(Vec::new());
        }
    });
    let ctx = Ctx { uid, state, standard, lang, as_of, problems, unstored, last, pager, rows: NodeRef::new() };

    let live = move || {
        let l = lang.get();
        let n = problems.with(Vec::len);
        last.with(|a| {
            let a = a.as_ref()?;
            // (the stars repeat the grade's name for the eye; a screen reader hears the name)
            let (grade, stars) = match &a.grade.grade {
                Some(g) => (g.name.get(l).to_string(), g.stars.map(stars).unwrap_or_default()),
                None => (tr(l, "未评定等级", "no grade").to_string(), String::new()),
            };
            // With a problem to fix the circle does not score: what is shown is the last
            // score it had, and says so.
            let stale = (n > 0).then(|| view! { <span class="lc-stale">{tr(l, "上次有效评分", "Last valid score")}</span> });
            let d = change
                .get()
                .filter(|_| n == 0)
                .map(|d| format!("{}{}", tr(l, "上次修改 ", "last edit "), fmt_delta(d)));
            // A grade capped by a failed item says by which, here where she types (the score
            // card that explains it may be a long way down the page): 80.97 read 基础型 beside
            // an 85.97 that had read 品质型, with no reason in sight.
            let capped = (!a.grade.capped_by.is_empty()).then(|| {
                let names = standard.with(|st| {
                    a.grade
                        .capped_by
                        .iter()
                        .map(|id| st.indicator(id).map_or_else(|| id.clone(), |i| i.name.get(l).to_string()))
                        .collect::<Vec<_>>()
                });
                let text = match l {
                    Lang::Zh => format!("等级封顶：未达到{}", names.join("、")),
                    Lang::En => format!("Grade capped: {} not met", names.join(", ")),
                };
                view! { <span class="lc-capped">{text}</span> }
            });
            Some(view! {
                {stale}
                <span><span class="lc-total">{fmt_num(a.total)}</span>{format!(" / {} {}", fmt_num(a.max), tr(l, "分", "points"))}
                    {crate::model::provisional_points(a).map(|_| view! { " " <span class="lc-badge lc-prov">{tr(l, "分值暂定", "provisional points")}</span> })}</span>
                <span class="lc-grade">{grade} " " <span aria-hidden="true">{stars}</span></span>
                {capped}
                <span class="lc-delta">{d}</span>
                {(n > 0).then(|| view! { <span class="lc-error">{format!("{}{n}", tr(l, "待修正：", "to fix: "))}</span> })}
            })
        })
    };
    // The list of problems: where the submit button, pressed while there are any, takes the
    // focus (the list, named by its heading: a screen reader says it and how many items;
    // focusable by script only).
    let list: NodeRef<leptos::html::Ul> = NodeRef::new();
    let list_head = format!("lc{uid}-problems-head");
    let problem_list = move || {
        let l = lang.get();
        problems.with(|ps| {
            (!ps.is_empty()).then(|| {
                let items =
                    standard.with(|st| circle.with(|c| ps.iter().map(|p| problem_item(st, c, p, l)).collect_view()));
                // Not an alert: drawn again on each key while a value is wrong, it would be
                // shouted each time. The field says its own problem; the status counts them.
                view! {
                    <div class="lc-problems">
                        <strong id=list_head.clone()>{tr(l, "请修正以下输入：", "Please correct:")}</strong>
                        <ul node_ref=list tabindex="-1" aria-labelledby=list_head.clone()>{items}</ul>
                    </div>
                }
            })
        })
    };
    let submittable = on_submit.is_some();
    let body = move || {
        state.generation.track();
        let l = lang.get();
        standard.with(|st| {
            let dims = st
                .dimensions
                .iter()
                .map(|d| {
                    let qs = st
                        .indicators
                        .iter()
                        .filter(|i| i.dimension == d.id)
                        .map(|i| question(ctx, st, i.id.clone()))
                        .collect_view();
                    view! {
                        <fieldset class="lc-sec" tabindex="-1">
                            <legend><h3>{format!("{} ({} {})", d.name.get(l), fmt_num(d.points), points_word(l, d.points))}</h3></legend>
                            {qs}
                        </fieldset>
                    }
                })
                .collect_view();
            // What the marks on the questions mean, once before them (the score card's note).
            let note = provisional_footnote(l, st.indicators.iter().map(model::confidences));
            let walk = distances(ctx, st);
            // The sections in order, as the table of contents lists them.
            let mut names = vec![tr(l, "基本信息", "The circle").to_string(), tr(l, "设施清单", "Facility inventory").to_string()];
            if !distance_categories(st).is_empty() {
                names.push(tr(l, "步行距离", "Walking distances").to_string());
            }
            names.extend(st.dimensions.iter().map(|d| d.name.get(l).to_string()));
            view! {
                {contents(names, submittable, l)}
                {basics(ctx, st)}
                {inventory(ctx, st)}
                {walk}
                {note}
                {dims}
            }
        })
    };
    // Submitting is the submit button's alone: a plain button (`type="button"`) with its own
    // click handler. A form's submit button is its default button, and Enter in any of its text
    // boxes (or the facility filter) presses it (implicit submission); the submit event cannot
    // tell that press from the button's own. A button is still reached with Tab and pressed
    // with Enter or Space (both fire `click`).
    //
    // While a value is wrong the button is not `disabled` (which would drop it from the Tab
    // order, unexplained) but `aria-disabled`, described by why beside it; pressed, it submits
    // nothing and takes the focus to the list of what to correct.
    let why = format!("lc{uid}-submit-why");
    // A circle without a name is not handed in (a blank form submitted as “0 分” with no name):
    // asked for at the submit button, and the name box takes the focus.
    let ask_name = RwSignal::new(false);
    let root: NodeRef<leptos::html::Form> = NodeRef::new();
    let name_box = format!("#lc{uid}-name");
    let submit = on_submit.map(|cb| {
        let blocked = move || problems.with(|p| !p.is_empty());
        let (why1, why2) = (why.clone(), why);
        let unnamed = move || circle.with(unnamed_circle);
        view! {
            <div class="lc-actions">
                <button type="button" class="lc-submit" aria-disabled=move || blocked().then_some("true")
                    aria-describedby=move || blocked().then(|| why1.clone())
                    on:click=move |_| {
                        if !problems.with_untracked(Vec::is_empty) {
                            focus(list.get_untracked().map(Into::into));
                        } else if circle.with_untracked(unnamed_circle) {
                            ask_name.set(true);
                            focus(root.get_untracked().and_then(|f| f.query_selector(&name_box).ok().flatten()).map(Into::into));
                        } else {
                            cb.run(circle.with_untracked(circle_json));
                        }
                    }>
                    {move || tr(lang.get(), "提交自评", "Submit")}
                </button>
                {move || {
                    let n = problems.with(Vec::len);
                    (n > 0).then(|| {
                        let text = match lang.get() {
                            Lang::Zh => format!("暂不能提交：有 {n} 处待修正，见上方列表"),
                            Lang::En => format!("Cannot submit yet: {n} to fix, listed above"),
                        };
                        view! { <p class="lc-why" id=why2.clone()>{text}</p> }
                    })
                }}
                {move || (ask_name.get() && unnamed()).then(|| view! {
                    <p class="lc-why" role="alert">{tr(lang.get(), "请先在“基本信息”中填写生活圈名称，再提交", "Give the circle's name under “The circle” before submitting")}</p>
                })}
            </div>
        }
    });
    view! {
        // Without a submit button Enter submits no form of several text boxes; should a
        // browser submit it anyway (`requestSubmit`), the page is not left and nothing is sent.
        <form node_ref=root class="lc-root lc-form" class:lc-elder=move || elder.get() lang=move || lang_tag(lang.get())
            novalidate=true on:focusin=clear_of_live
            on:submit=move |ev| ev.prevent_default()>
            <div class="lc-live">{live}</div>
            <p class="lc-sr" role="status">{move || said.get()}</p>
            {problem_list}
            {body}
            {submit}
        </form>
    }
}

/// A circle without a name, which is not submitted.
fn unnamed_circle(c: &Circle) -> bool {
    c.name.trim().is_empty()
}

/// A problem in a list: where it is in the form's words and what is wrong. The field's path
/// (`facilities[2].walk_m`) is no word of hers: it is kept in `data-field`, for a host page.
pub(crate) fn problem_item(st: &Standard, c: &Circle, p: &InputProblem, l: Lang) -> impl IntoView + use<> {
    let words = model::field_words(st, c, &p.field, l);
    view! { <li data-field=p.field.clone()>{format!("{words}{}{}", tr(l, "：", ": "), p.text(l))}</li> }
}

/// How long typing pauses before the score is said to a screen reader.
const SAY_AFTER_MS: u64 = 1000;

/// The sentence a screen reader hears after an edit: the problems to fix while there are any;
/// else the total, out of what, the grade and the change since the last sentence (or the
/// load). `None` when there is nothing new to say: an edit that changed no score, unless
/// problems were said last (fixed, the score is said again) or none was said yet.
fn announce(
    l: Lang,
    n: usize,
    now: Option<&(f64, f64, Option<String>)>,
    before: Option<f64>,
    told_problems: bool,
) -> Option<String> {
    if n > 0 {
        let why = match now {
            Some(_) => {
                tr(l, " 项，评分暂停（显示的是上次有效评分）", "; scoring paused (the last valid score is shown)")
            }
            None => tr(l, " 项，暂不能评分", "; no score yet"),
        };
        return Some(format!("{}{n}{why}", tr(l, "待修正 ", "To fix: ")));
    }
    let (total, max, grade) = now?;
    let d = delta(before, *total).filter(|d| *d != 0.0);
    // (a first score, or one after problems were fixed, is said even unchanged)
    if d.is_none() && !told_problems && before.is_some() {
        return None;
    }
    let grade = grade.as_deref().unwrap_or(tr(l, "未评定等级", "no grade"));
    let change =
        d.map(|d| format!("{}{}{}", tr(l, "；较前 ", "; change "), fmt_delta(d), tr(l, " 分", ""))).unwrap_or_default();
    Some(format!(
        "{}{} / {}{}{grade}{change}",
        tr(l, "总分 ", "Total "),
        fmt_num(*total),
        fmt_num(*max),
        tr(l, " 分，", " points, ")
    ))
}

/// What every part of the form needs. Copy.
#[derive(Clone, Copy)]
struct Ctx {
    uid: usize,
    state: FormState,
    standard: Signal<Standard>,
    lang: Signal<Lang>,
    as_of: Signal<Date>,
    problems: Memo<Vec<InputProblem>>,
    /// Boxes whose text was not stored, by field path (see [`Unstored`]).
    unstored: RwSignal<Vec<Unstored>>,
    last: RwSignal<Option<Assessment>>,
    pager: Pager,
    /// The facility table's body (a row added anywhere takes the focus there).
    rows: NodeRef<leptos::html::Tbody>,
}

/// Which facility rows a long inventory shows. Copy.
#[derive(Clone, Copy)]
struct Pager {
    page: RwSignal<usize>,
    filter: RwSignal<String>,
    only_problems: RwSignal<bool>,
}

impl Ctx {
    fn id(&self, name: &str) -> String {
        format!("lc{}-{name}", self.uid)
    }

    /// Validation messages for a field path, reactive.
    fn errors(&self, field: String) -> Signal<Vec<String>> {
        let (problems, lang) = (self.problems, self.lang);
        Signal::derive(move || problems.with(|p| messages_for(lang.get(), p, &field)))
    }

    fn read<T>(&self, f: impl FnOnce(&Circle) -> T) -> T {
        self.state.circle.with_untracked(f)
    }

    /// A number box's field path, with its messages and where its text goes when not stored.
    fn field(&self, path: String) -> Field {
        Field { errors: self.errors(path.clone()), unstored: self.unstored, path }
    }
}

/// What a number box needs of the form: see [`Ctx::field`].
struct Field {
    errors: Signal<Vec<String>>,
    unstored: RwSignal<Vec<Unstored>>,
    path: String,
}

/// A box's text that was not stored (not a number, or refused by its box's check), by its
/// field path. Until corrected it is a problem to fix like the core's (counted, listed, and it
/// holds back 提交自评): the form scored and submitted the old value silently in its place, and
/// said 请输入数字 at the box only. Shown again in its box when the form is drawn again (another
/// language, another page of rows); another circle loaded clears them.
#[derive(Clone, PartialEq)]
pub struct Unstored {
    field: String,
    text: String,
    /// Why, in Chinese and English ([`Refusal`], or as autosaved).
    why: (Cow<'static, str>, Cow<'static, str>),
}

impl Unstored {
    fn problem(&self, l: Lang) -> InputProblem {
        let (zh, en) = &self.why;
        let t = self.text.trim();
        let message = match (l, t.is_empty()) {
            (Lang::Zh, false) => format!("{zh}（所填“{t}”未采用）"),
            (Lang::Zh, true) => format!("{zh}（清空未采用）"),
            (Lang::En, false) => format!("{en} (“{t}” not taken)"),
            (Lang::En, true) => format!("{en} (emptied: not taken)"),
        };
        InputProblem { code: "unstored", field: self.field.clone(), line: None, column: None, message, detail: None }
    }
}

/// Sets (`Some`) or clears the unstored text of a field; nothing changes (nor is redrawn)
/// when a box with none is typed into correctly.
fn set_unstored(list: RwSignal<Vec<Unstored>>, field: &str, text: Option<(String, Refusal)>) {
    if text.is_none() && list.with_untracked(|v| v.iter().all(|u| u.field != field)) {
        return;
    }
    list.update(|v| {
        v.retain(|u| u.field != field);
        v.extend(text.map(|(text, (zh, en))| Unstored { field: field.to_string(), text, why: (zh.into(), en.into()) }));
    });
}

/// A text not stored, as autosaved beside the circle (`lifecircle-typed`): reloaded, the box
/// shows it again and it is still a problem to fix (it was lost on a reload before).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedText {
    field: String,
    text: String,
    /// Why it was not taken: Chinese, English.
    why: [String; 2],
}

/// The texts not stored, as JSON (`[]` for none).
fn typed_json(v: &[Unstored]) -> String {
    let saved: Vec<SavedText> = v
        .iter()
        .map(|u| SavedText {
            field: u.field.clone(),
            text: u.text.clone(),
            why: [u.why.0.to_string(), u.why.1.to_string()],
        })
        .collect();
    serde_json::to_string(&saved).unwrap_or_else(|_| "[]".into())
}

/// Reads texts not stored, as [`typed_json`] wrote them, for `circle`: a text of a row the
/// circle does not have (its entry edited elsewhere) is left out.
///
/// # Errors
/// The JSON is not such a list: what serde says of it.
pub fn read_typed(text: &str, circle: &Circle) -> Result<Vec<Unstored>, String> {
    let saved: Vec<SavedText> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let rows = |list: &str| match list {
        "facilities" => circle.facilities.len(),
        _ => circle.walking.as_ref().map_or(0, |w| w.origins.len()),
    };
    Ok(saved
        .into_iter()
        .filter(|t| {
            ["facilities", "walking.origins"]
                .iter()
                .all(|list| model::indexed(&t.field, list).is_none_or(|(i, _)| i < rows(list)))
        })
        .map(|SavedText { field, text, why: [zh, en] }| Unstored { field, text, why: (zh.into(), en.into()) })
        .collect())
}

/// The text not stored of a field, if any (untracked: for a box being drawn).
fn unstored_text(list: RwSignal<Vec<Unstored>>, field: &str) -> Option<String> {
    list.with_untracked(|v| v.iter().find(|u| u.field == field).map(|u| u.text.clone()))
}

/// Row `i` of `list` (`facilities`) removed (`removed`), or put back there by 撤销删除: the
/// unstored texts of a removed row go, those of the rows after it move with their rows.
fn unstored_rows_moved(v: &mut Vec<Unstored>, list: &str, i: usize, removed: bool) {
    if removed {
        v.retain(|u| model::indexed(&u.field, list).is_none_or(|(j, _)| j != i));
    }
    for u in v.iter_mut() {
        let moved = model::indexed(&u.field, list)
            .filter(|(j, _)| if removed { *j > i } else { *j >= i })
            .map(|(j, rest)| format!("{list}[{}].{rest}", if removed { j - 1 } else { j + 1 }));
        if let Some(m) = moved {
            u.field = m;
        }
    }
}

/// Why a value typed was not stored, in Chinese and English: said at its box, which keeps
/// the text typed (outlined as a text that is not a number is).
type Refusal = (&'static str, &'static str);

/// A text that is not a number.
const NOT_A_NUMBER: Refusal = ("请输入数字", "Enter a number");

/// A facility's position that is not a longitude and latitude.
const LONLAT: Refusal =
    ("位置须为“经度, 纬度”，如 120.81, 27.93", "location must be \"longitude, latitude\", e.g. 120.81, 27.93");

/// A labelled number box with a unit; a text that is not a number is reported, not stored.
#[component]
fn NumberField(
    /// Element id, for the label.
    id: String,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The unit shown after the box (`m²`, `人`, `米` …).
    #[prop(into)]
    unit: Signal<String>,
    /// The value when the field is built.
    initial: Option<f64>,
    /// Stores a new value (`None` when emptied).
    on_set: Callback<Option<f64>>,
    /// Its field path, the messages for it (the core's, and its own text not stored).
    field: Field,
    /// The `step` of the box.
    #[prop(default = "any")]
    step: &'static str,
    /// Refuses a number (or the box emptied) that may not be stored, saying why: it is not
    /// stored, and the box keeps its text, outlined.
    #[prop(optional)]
    check: Option<Callback<Option<f64>, Option<Refusal>>>,
    /// The `id` of the question's name, said before the label (see [`labelled_by`]).
    #[prop(optional)]
    of: Option<String>,
) -> impl IntoView {
    let Field { errors, unstored, path } = field;
    let err_id = format!("{id}-err");
    let label_id = format!("{id}-label");
    let invalid = move || errors.with(|e| !e.is_empty());
    // (drawn again, it shows the text it kept, not the value stored before it)
    let shown = unstored_text(unstored, &path).unwrap_or_else(|| show_number(initial));
    view! {
        <div class="lc-field">
            <label for=id.clone() id=label_id.clone()>{label}</label>
            // The box and its unit on one line, however the field wraps (年（验收）went
            // under its box, alone, on a phone).
            <span class="lc-boxed">
                <input id=id type="text" inputmode="decimal" prop:value=shown step=step
                    aria-labelledby=labelled_by(of, &label_id)
                    aria-invalid=move || invalid().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        match parse_number_in(&text, &unit.get_untracked()) {
                            Ok(v) => match check.and_then(|c| c.run(v)) {
                                Some(why) => set_unstored(unstored, &path, Some((text, why))),
                                None => {
                                    set_unstored(unstored, &path, None);
                                    on_set.run(v);
                                }
                            },
                            Err(_) => set_unstored(unstored, &path, Some((text, NOT_A_NUMBER))),
                        }
                    }/>
                <span class="lc-unit">{unit}</span>
            </span>
            <div id=err_id class="lc-error" aria-live="polite">{move || errors.get().join("；")}</div>
        </div>
    }
}

/// A labelled text box.
#[component]
fn TextField(
    /// Element id, for the label.
    id: String,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The value when the field is built.
    initial: String,
    /// Stores a new value.
    on_set: Callback<String>,
    /// Messages from the core's validation for this field.
    #[prop(optional)]
    errors: Option<Signal<Vec<String>>>,
    /// Text that marks the field as required when empty (shown as a message).
    #[prop(into, optional)]
    required: Option<Signal<Option<String>>>,
    /// While set, the box is read-only and this text says why (nothing typed into it could
    /// be kept yet).
    #[prop(into, optional)]
    locked: Option<Signal<Option<String>>>,
    /// The `id` of the question's name, said before the label (see [`labelled_by`]).
    #[prop(optional)]
    of: Option<String>,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let label_id = format!("{id}-label");
    let msgs = move || {
        let mut m = errors.map(|e| e.get()).unwrap_or_default();
        m.extend(required.and_then(|r| r.get()));
        m
    };
    let why_locked = move || locked.and_then(|l| l.get());
    view! {
        <div class="lc-field">
            <label for=id.clone() id=label_id.clone()>{label}</label>
            <input id=id type="text" prop:value=initial aria-describedby=err_id.clone()
                aria-labelledby=labelled_by(of, &label_id)
                readonly=move || why_locked().is_some()
                aria-invalid=move || (!msgs().is_empty()).to_string()
                on:input=move |ev| {
                    if why_locked().is_none() {
                        on_set.run(event_target_value(&ev));
                    }
                }/>
            <div id=err_id class="lc-error" aria-live="polite">
                {move || msgs().join("；")}
                {move || why_locked().map(|t| view! { <span class="lc-help">{t}</span> })}
            </div>
        </div>
    }
}

/// The accessible name of a box asked under a question: the question's name (`of`, an element's
/// `id`), then the box's own label (`label`), as `aria-labelledby` gives them. A question's
/// boxes share their labels ("备注" under each of a dozen checklist items): a screen reader
/// moving from box to box hears which question each belongs to. `None` (the label alone, by
/// `for`) for a box asked once.
fn labelled_by(of: Option<String>, label: &str) -> Option<String> {
    of.map(|q| format!("{q} {label}"))
}

fn basics(ctx: Ctx, st: &Standard) -> impl IntoView + use<> {
    let Ctx { state, lang, .. } = ctx;
    let l = lang.get_untracked();
    let c = ctx.read(Clone::clone);
    let forms = st
        .forms
        .iter()
        .map(|f| {
            let selected = c.form.as_deref() == Some(f.code.as_str());
            view! { <option value=f.code.clone() selected=selected>{f.name.get(l).to_string()}</option> }
        })
        .collect_view();
    let nr = match c.new_residential {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    };
    let num = move |name: &'static str,
                    zh: &'static str,
                    en: &'static str,
                    unit: (&'static str, &'static str),
                    initial: Option<f64>,
                    set: fn(&mut Circle, Option<f64>)| {
        view! {
            <NumberField id=ctx.id(name) label=Signal::derive(move || tr(lang.get(), zh, en).to_string())
                unit=Signal::derive(move || tr(lang.get(), unit.0, unit.1).to_string())
                initial=initial on_set=Callback::new(move |v| edit(state, |c| set(c, v)))
                field=ctx.field(name.to_string())/>
        }
    };
    let form_id = ctx.id("form");
    let nr_id = ctx.id("new-res");
    // The circle's datum, which the location holds: none until a centre is given.
    let datum = RwSignal::new(c.location.as_ref().map(|l| l.crs));
    let sample = c.sample.then(|| view! { <p class="lc-badge lc-sample">{tr(l, "示例数据", "sample data")}</p> });
    view! {
        <fieldset class="lc-sec" tabindex="-1">
            <legend><h3>{tr(l, "基本信息", "The circle")}</h3></legend>
            {sample}
            <TextField id=ctx.id("name") label=tr(l, "生活圈名称", "Name").to_string() initial=c.name.clone()
                on_set=Callback::new(move |v: String| edit(state, |c| c.name = v))/>
            <TextField id=ctx.id("cid") label=tr(l, "编号", "ID").to_string() initial=c.id.clone()
                on_set=Callback::new(move |v: String| edit(state, |c| c.id = v))/>
            {num("population", "常住人口", "Population", ("人", "persons"), c.population, |c, v| c.population = v)}
            {num("households", "户数", "Households", ("户", "households"), c.households, |c, v| c.households = v)}
            // (a warning, not a problem: both may be right for a moment while one is retyped)
            {move || state.circle.with(Circle::more_households_than_people).then(|| view! {
                <p class="lc-help lc-warn">{tr(lang.get(), "户数多于常住人口（每户至少 1 人）：请核对两项（每百户面积等按户数计）",
                    "More households than residents (each holds at least one): check both (area per 100 households and the like read the households)")}</p>
            })}
            <NumberField id=ctx.id("built_year") label=Signal::derive(move || tr(lang.get(), "建成年份", "Year built").to_string())
                unit=Signal::derive(move || tr(lang.get(), "年（验收）", "(year accepted)").to_string())
                initial=c.built_year.map(f64::from) step="1" check=Callback::new(not_a_year)
                on_set=Callback::new(move |v: Option<f64>| edit(state, |c| c.built_year = v.map(|y| y as u32)))
                field=ctx.field("built_year".to_string())/>
            // (a year after the evaluation's: said, as the district board counts it nowhere yet)
            {move || {
                let y = ctx.as_of.get().year();
                let later = state.circle.with(|c| c.built_year.filter(|b| i64::from(*b) > i64::from(y)));
                later.map(|b| view! {
                    <p class="lc-help lc-warn">{match lang.get() {
                        Lang::Zh => format!("建成年份 {b} 晚于评估日期所在的 {y} 年：全区目标在 {b} 年以前都不计入本圈，请核对"),
                        Lang::En => format!("Year built {b} is after the evaluation's year {y}: the district's targets count this circle from {b} on; check it"),
                    }}</p>
                })
            }}
            <p class="lc-help">{tr(l, "全区逐年目标（建成个数、社区覆盖）自此年起计入本圈；尚未建成可不填。",
                "The district's yearly targets (circles built, communities) count this circle from this year on; leave it empty until built.")}</p>
            <div class="lc-field">
                <label for=form_id.clone()>{tr(l, "发展形态", "Form")}</label>
                <select id=form_id prop:value=c.form.clone().unwrap_or_default() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edit(state, |c| c.form = (!v.is_empty()).then_some(v));
                }>
                    <option value="" selected=c.form.is_none()>{tr(l, "（未填）", "(not given)")}</option>
                    {forms}
                </select>
            </div>
            <div class="lc-field">
                <label for=nr_id.clone()>{tr(l, "是否新建居住区", "New residential area")}</label>
                <select id=nr_id prop:value=nr on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edit(state, |c| c.new_residential = match v.as_str() { "yes" => Some(true), "no" => Some(false), _ => None });
                }>
                    <option value="" selected=nr.is_empty()>{tr(l, "（未填）", "(not given)")}</option>
                    <option value="yes" selected=nr == "yes">{tr(l, "是", "yes")}</option>
                    <option value="no" selected=nr == "no">{tr(l, "否", "no")}</option>
                </select>
            </div>
            {lonlat_field(ctx, ctx.id("centre"), tr(l, "中心位置（经度, 纬度）", "Centre (longitude, latitude)"),
                c.location.as_ref().map(|x| x.centre), "location.centre".into(),
                Callback::new(move |p: Option<[f64; 2]>| {
                    // The location is the circle's datum (the system of every coordinate of the
                    // circle) and its boundary as well as its centre, and the core has no
                    // location without a centre. Only the centre is edited here: retyped, the
                    // datum and boundary stay; emptied, the location goes only when it holds
                    // nothing else. Otherwise the emptying is refused and said, the centre before
                    // it kept (as a text that is not a number is): nothing is dropped unseen.
                    let holds_more = |l: &Location| l.crs != Crs::default() || l.boundary.is_some();
                    if p.is_none() && ctx.read(|c| c.location.as_ref().is_some_and(holds_more)) {
                        return Some(KEEP_CENTRE);
                    }
                    edit(state, |c| match (p, c.location.as_mut()) {
                        (Some(p), Some(loc)) => loc.centre = p,
                        (Some(p), None) => c.location = Some(Location::at(p)),
                        (None, _) => c.location = None,
                    });
                    datum.set(ctx.read(|c| c.location.as_ref().map(|l| l.crs)));
                    None
                }))}
            {datum_field(ctx, datum)}
        </fieldset>
    }
}

/// The circle's datum (`location.crs`): the system of every coordinate typed into the form, so a
/// centre read off 高德 is not taken as GPS's, about 500 m away in Wenzhou. A change relabels the
/// coordinates already typed, without converting them (they were typed in the datum chosen now);
/// an imported list is converted into it. Held by the location, so chosen once a centre is given.
fn datum_field(ctx: Ctx, crs: RwSignal<Option<Crs>>) -> impl IntoView + use<> {
    let Ctx { state, lang, .. } = ctx;
    let id = ctx.id("datum");
    let hint_id = format!("{id}-hint");
    let option = |value: Crs, zh: &'static str, en: &'static str| {
        view! { <option value=value.name() selected=move || crs.get().unwrap_or_default() == value>{move || tr(lang.get(), zh, en)}</option> }
    };
    view! {
        <div class="lc-field">
            <label for=id.clone()>{move || tr(lang.get(), "以上经纬度取自（坐标系）", "Coordinates taken from (datum)")}</label>
            <select id=id disabled=move || crs.get().is_none() aria-describedby=hint_id.clone() on:change=move |ev| {
                let to = match event_target_value(&ev).as_str() { "gcj02" => Crs::Gcj02, "bd09" => Crs::Bd09, _ => Crs::Wgs84 };
                edit(state, |c| if let Some(l) = c.location.as_mut() { l.crs = to });
                crs.set(Some(to));
            }>
                {option(Crs::Wgs84, "手机 GPS、天地图、OpenStreetMap（WGS-84）", "Phone GPS, Tianditu, OpenStreetMap (WGS-84)")}
                {option(Crs::Gcj02, "高德、腾讯地图（GCJ-02）", "AMap, Tencent Maps (GCJ-02)")}
                {option(Crs::Bd09, "百度地图（BD-09）", "Baidu Maps (BD-09)")}
            </select>
            <p id=hint_id class="lc-muted">{move || tr(lang.get(),
                "本表中手填的所有坐标（中心、设施、居民点）都按这里的坐标系读；先填中心位置再选。改选只改读法，不换算已填的数；导入的清单换算到这里的坐标系。",
                "Every coordinate typed into this form (centre, facilities, residential points) is read in this datum; give the centre first. A change only relabels the numbers typed, without converting them; an imported list is converted into it.")}</p>
        </div>
    }
}

/// The centre emptied while the location holds a datum other than WGS-84 or a boundary.
const KEEP_CENTRE: Refusal = (
    "中心位置不能清空：生活圈的坐标系和边界随中心保存，仍按原中心计；请输入新的“经度, 纬度”",
    "The centre cannot be emptied: the circle's datum and boundary are kept with it, and the previous centre counts until a new “longitude, latitude” is entered",
);

/// A box for `longitude, latitude`; `on_set` stores a point (`None` when emptied) or refuses
/// it, saying why.
fn lonlat_field(
    ctx: Ctx,
    id: String,
    label: &'static str,
    initial: Option<[f64; 2]>,
    field: String,
    on_set: Callback<Option<[f64; 2]>, Option<Refusal>>,
) -> impl IntoView + use<> {
    let lang = ctx.lang;
    let Field { errors, unstored, path } = ctx.field(field);
    let err_id = format!("{id}-err");
    let shown = unstored_text(unstored, &path).unwrap_or_else(|| show_lonlat(initial));
    view! {
        <div class="lc-field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" prop:value=shown placeholder=tr(lang.get_untracked(), "例 120.8125, 27.929", "e.g. 120.8125, 27.929")
                aria-describedby=err_id.clone()
                aria-invalid=move || errors.with(|e| !e.is_empty()).to_string()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let why = match parse_lonlat(&text) {
                        Ok(p) => on_set.run(p),
                        Err(_) => Some(("请输入“经度, 纬度”两个数", "Enter “longitude, latitude”")),
                    };
                    set_unstored(unstored, &path, why.map(|w| (text, w)));
                }/>
            <div id=err_id class="lc-error" aria-live="polite">{move || errors.get().join("；")}</div>
        </div>
    }
}

/// The facility inventory: a table with add, edit and remove.
fn inventory(ctx: Ctx, st: &Standard) -> impl IntoView + use<> {
    let Ctx { state, lang, .. } = ctx;
    let l = lang.get_untracked();
    let groups = category_groups(st, l);
    let count = Memo::new(move |_| state.circle.with(|c| c.facilities.len()));
    // A long list (an AMap export of a dense area has thousands of rows) is shown a page at a
    // time, with a filter: drawing every row made each keystroke and each added row redraw
    // hundreds of thousands of elements. Up to PAGE_ROWS rows there is neither.
    let paged = Memo::new(move |_| count.get() > PAGE_ROWS);
    let Pager { page, filter, only_problems } = ctx.pager;
    let names: Vec<(String, String)> = groups.iter().flat_map(|(_, cats)| cats.iter().cloned()).collect();
    // The rows that match, read from the circle without tracking it: a row being typed into
    // does not vanish because it stopped matching; the filter applies when it changes.
    let matching = Memo::new(move |_| {
        let n = count.get();
        if !paged.get() {
            return (0..n).collect::<Vec<_>>();
        }
        let q = filter.get().trim().to_ascii_lowercase();
        let to_fix: Option<Vec<usize>> = only_problems.get().then(|| {
            ctx.problems.with_untracked(|ps| {
                ps.iter().filter_map(|p| model::indexed(&p.field, "facilities").map(|(i, _)| i)).collect()
            })
        });
        ctx.read(|c| {
            c.facilities
                .iter()
                .enumerate()
                .filter(|(i, _)| to_fix.as_ref().is_none_or(|rows| rows.contains(i)))
                .filter(|(i, f)| {
                    let name = names.iter().find(|(code, _)| *code == f.category).map(|(_, name)| name.as_str());
                    q.is_empty()
                        || q.parse::<usize>() == Ok(i + 1)
                        || [Some(f.name.as_str()), f.brand.as_deref(), Some(f.category.as_str()), name]
                            .into_iter()
                            .flatten()
                            .any(|t| t.to_ascii_lowercase().contains(&q))
                })
                .map(|(i, _)| i)
                .collect()
        })
    });
    let pages = move || matching.with(Vec::len).div_ceil(PAGE_ROWS).max(1);
    let current = move || page.get().min(pages() - 1);
    // The row removed last, where it was, and in which circle: 删除 takes a row at once (the
    // buttons are a finger apart on a phone), and 撤销删除 puts it back.
    let removed = RwSignal::new(None::<(u32, usize, Facility)>);
    let undoing = StoredValue::new(false);
    // A row added (by the button below or a quick-add) is shown: the filter is cleared and the
    // last page opened (a row put back by 撤销删除 stays on its own page).
    Effect::new(move |before: Option<usize>| {
        let n = count.get();
        if undoing.get_value() {
            undoing.set_value(false);
        } else if before.is_some_and(|b| n > b) && n > PAGE_ROWS {
            filter.set(String::new());
            only_problems.set(false);
            page.set((n - 1) / PAGE_ROWS);
        }
        n
    });
    let standard = ctx.standard;
    let tbody = ctx.rows;
    // Rows that look like one shop entered twice, as said under the table: worked out at each
    // edit, the note redrawn only when what it says changes. Only the pairs listed are kept and
    // the rest counted (a name entered a thousand times is half a million pairs, every one
    // written out at each keystroke when all were kept), as the CLI's warning does.
    let dups = Memo::new(move |_| {
        let found = standard.with(|st| {
            state.circle.with(|c| lifecircle_core::duplicates::first_suspected_duplicates_in(st, c, DUPLICATES_LISTED))
        });
        Said { listed: found.first.iter().map(|p| p.text_by_row(l)).collect(), more: found.more(), exact: found.exact }
    });
    // The rows shown (redrawn when they change: another page, filter or number of rows).
    // Inputs are given their value as a property (`prop:value`), not an attribute: redrawn in
    // place for other data (another page, rows shifted by a removal, another circle loaded),
    // an input already typed into would keep showing its own old value under a new attribute.
    let shown = move || {
        let p = current();
        matching.with(|m| m.iter().skip(p * PAGE_ROWS).take(PAGE_ROWS).copied().collect::<Vec<usize>>())
    };
    // Text typed into a cell and refused is the form's `unstored`, by field path: a row drawn
    // again (a row added or removed, another page) shows it, not the circle's old value, so
    // that what she typed stays, said and counted, until she corrects it. A removal moves the
    // rows below up, their texts too.
    let unstored = ctx.unstored;
    let table = move |shown: Vec<usize>| {
        let groups = groups.clone();
        shown
            .into_iter()
            .map(|i| {
                let f = ctx.read(|c| c.facilities[i].clone());
                let known = standard.with_untracked(|st| st.find_category(&f.category).map(|c| c.code.clone()));
                let options = groups
                    .iter()
                    .map(|(class, cats)| {
                        let opts = cats
                            .iter()
                            .map(|(code, name)| {
                                let sel = known.as_deref() == Some(code.as_str());
                                view! { <option value=code.clone() selected=sel>{name.clone()}</option> }
                            })
                            .collect_view();
                        view! { <optgroup label=class.clone()>{opts}</optgroup> }
                    })
                    .collect_view();
                let unknown = known.is_none().then(|| {
                    // (a new row has none yet: asked for, not shown as an unknown "？")
                    let shown = if f.category.trim().is_empty() {
                        tr(l, "（请选择业态）", "(choose a type)").to_string()
                    } else {
                        format!("？{}", f.category)
                    };
                    view! { <option value=f.category.clone() selected=true>{shown}</option> }
                });
                let set = move |g: fn(&mut Facility, String)| {
                    Callback::new(move |v: String| edit(state, |c| if let Some(f) = c.facilities.get_mut(i) { g(f, v) }))
                };
                // The cells whose text is not a number (or not a "longitude, latitude"): said in
                // the row, outlined and counted, as the form's other number boxes do, not
                // silently dropped.
                let path = move |key: &str| format!("facilities[{i}].{key}");
                let kept = move |key: &str| unstored_text(unstored, &path(key));
                // `Some(text)`: refused, and why.
                let typed = move |key: &'static str, text: Option<(String, Refusal)>| set_unstored(unstored, &path(key), text);
                let num = move |key: &'static str, g: fn(&mut Facility, Option<f64>)| {
                    // (the area in m², the walk in metres: each takes its own unit after it)
                    let (unit, why) = if key == "walk_m" {
                        ("m", ("步行距离请输入数字", "the walking distance takes a number"))
                    } else {
                        ("m²", ("面积请输入数字", "the floor area takes a number"))
                    };
                    move |ev: leptos::ev::Event| {
                        let text = event_target_value(&ev);
                        let v = parse_number_in(&text, unit);
                        match v {
                            Ok(v) => {
                                typed(key, None);
                                edit(state, |c| if let Some(f) = c.facilities.get_mut(i) { g(f, v) });
                            }
                            Err(_) => typed(key, Some((text, why))),
                        }
                    }
                };
                let id = |k: &str| ctx.id(&format!("fac{i}-{k}"));
                // A cell's column name, shown beside it where the rows are cards (a phone).
                let column = |k: usize| tr(l, FACILITY_COLUMNS[k].0, FACILITY_COLUMNS[k].1);
                let label = |zh: &'static str, en: &'static str| format!("{} {} {}", tr(l, "第", "Row"), i + 1, tr(l, zh, en));
                let errors = ctx.errors(format!("facilities[{i}]"));
                // Each cell is outlined for its own problems (the core's, by field, or its text),
                // and then described by the row's message (a screen reader hears why).
                let err_id = id("err");
                let cell_invalid = move |field: &'static str| {
                    let mine = ctx.errors(format!("facilities[{i}].{field}"));
                    move || mine.with(|e| !e.is_empty())
                };
                let (bad_cat, bad_area, bad_walk, bad_loc) =
                    (cell_invalid("category"), cell_invalid("floor_area_m2"), cell_invalid("walk_m"), cell_invalid("location"));
                let messages = move || errors.get();
                let status = match f.status {
                    FacilityStatus::Open => "open",
                    FacilityStatus::Planned => "planned",
                    FacilityStatus::Closed => "closed",
                };
                // On a phone a row is a card, folded to its name and type with the rest in one
                // line of words (更多 opens it): 32 open cards were a third of the page's length.
                // A new, unnamed row starts open; a cell with a problem, or the focus, shows anyway.
                let open = RwSignal::new(f.name.trim().is_empty());
                let brief = move || {
                    let words = state.circle.with(|c| c.facilities.get(i).map(|f| facility_brief(f, l)).unwrap_or_default());
                    fold_words(words)
                };
                let more_word = move || if open.get() { tr(l, "收起", "Less") } else { tr(l, "更多", "More") };
                let name_set = set(|f, v| f.name = v);
                let brand_set = set(|f, v| f.brand = (!v.trim().is_empty()).then_some(v));
                let hours_set = set(|f, v| f.hours = (!v.trim().is_empty()).then_some(v));
                view! {
                    <tr class:lc-open=open>
                        <td data-label=column(0) class="lc-c-name"><input id=id("name") type="text" prop:value=f.name.clone()
                            aria-label=label("行 名称", ": name")
                            on:input=move |ev| name_set.run(event_target_value(&ev))/></td>
                        <td data-label=column(1) class="lc-c-cat"><select aria-label=label("行 业态", ": category") prop:value=known.clone().unwrap_or_else(|| f.category.clone())
                            aria-invalid=flag(bad_cat) aria-describedby=described(bad_cat, err_id.clone())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                edit(state, |c| if let Some(f) = c.facilities.get_mut(i) { f.category = v });
                            }>
                            {unknown}
                            {options}
                        </select></td>
                        <td data-label=column(2) class="lc-c-chk"><input type="checkbox" prop:checked=f.chain aria-label=label("行 连锁", ": chain")
                            on:change=move |ev| {
                                let v = event_target_checked(&ev);
                                edit(state, |c| if let Some(f) = c.facilities.get_mut(i) { f.chain = v });
                            }/></td>
                        <td data-label=column(3) class="lc-c-brand"><input type="text" prop:value=f.brand.clone().unwrap_or_default() aria-label=label("行 品牌", ": brand")
                            on:input=move |ev| brand_set.run(event_target_value(&ev))/></td>
                        <td data-label=column(4) class="lc-c-num"><input type="text" inputmode="decimal" prop:value=kept("floor_area_m2").unwrap_or_else(|| show_number(f.floor_area_m2))
                            aria-label=label("行 面积（平方米）", ": floor area (m²)")
                            aria-invalid=flag(bad_area) aria-describedby=described(bad_area, err_id.clone())
                            on:input=num("floor_area_m2", |f, v| f.floor_area_m2 = v)/></td>
                        <td data-label=column(5) class="lc-c-hours"><input type="text" prop:value=f.hours.clone().unwrap_or_default()
                            aria-label=label("行 营业时间", ": opening hours") placeholder=tr(l, "例 07:00-22:00", "e.g. 07:00-22:00")
                            on:input=move |ev| hours_set.run(event_target_value(&ev))/></td>
                        <td data-label=column(6) class="lc-c-num"><input type="text" inputmode="decimal" prop:value=kept("walk_m").unwrap_or_else(|| show_number(f.walk_m))
                            aria-label=label("行 距中心步行距离（米）", ": walking distance from the centre (m)")
                            aria-invalid=flag(bad_walk) aria-describedby=described(bad_walk, err_id.clone())
                            on:input=num("walk_m", |f, v| f.walk_m = v)/></td>
                        <td data-label=column(7) class="lc-c-loc"><input type="text" prop:value=kept("location").unwrap_or_else(|| show_lonlat(f.location)) placeholder=tr(l, "例 120.81, 27.93", "e.g. 120.81, 27.93")
                            aria-label=label("行 位置（经度, 纬度）", ": location (longitude, latitude)")
                            aria-invalid=flag(bad_loc) aria-describedby=described(bad_loc, err_id.clone())
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                match parse_lonlat(&text) {
                                    Ok(p) => {
                                        typed("location", None);
                                        edit(state, |c| if let Some(f) = c.facilities.get_mut(i) { f.location = p });
                                    }
                                    Err(_) => typed("location", Some((text, LONLAT))),
                                }
                            }/></td>
                        <td data-label=column(8) class="lc-c-status"><select aria-label=label("行 状态", ": status") prop:value=status on:change=move |ev| {
                            let v = event_target_value(&ev);
                            edit(state, |c| if let Some(f) = c.facilities.get_mut(i) {
                                f.status = match v.as_str() { "planned" => FacilityStatus::Planned, "closed" => FacilityStatus::Closed, _ => FacilityStatus::Open };
                            });
                        }>
                            <option value="open" selected=status == "open">{status_name(FacilityStatus::Open, l)}</option>
                            <option value="planned" selected=status == "planned">{status_name(FacilityStatus::Planned, l)}</option>
                            <option value="closed" selected=status == "closed">{status_name(FacilityStatus::Closed, l)}</option>
                        </select></td>
                        <td class="lc-c-act">
                            <span class="lc-c-brief">{brief}</span>
                            <button type="button" class="lc-quiet lc-c-more" aria-expanded=move || open.get().to_string()
                                aria-label=move || match l { Lang::Zh => format!("第 {} 行 {}", i + 1, more_word()), Lang::En => format!("Row {}: {}", i + 1, more_word()) }
                                on:click=move |_| open.update(|o| *o = !*o)>{more_word}</button>
                            <button type="button" class="lc-quiet" aria-label=label("行 删除", ": remove")
                                on:click=move |ev| {
                                    let at = row_position(tbody, &ev);
                                    unstored.update(|v| unstored_rows_moved(v, "facilities", i, true));
                                    let mut taken = None;
                                    edit(state, |c| { if i < c.facilities.len() { taken = Some(c.facilities.remove(i)); } });
                                    removed.set(taken.map(|f| (state.generation.get_untracked(), i, f)));
                                    // Keep the keyboard in the table: on the row that took its place,
                                    // else the one before, else the add button.
                                    request_animation_frame(move || focus_after_removal(tbody, at));
                                }>
                                {tr(l, "删除", "Remove")}
                            </button>
                        </td>
                    </tr>
                    // The row's problems under it, across the table: in view whichever cell is wrong.
                    {move || {
                        let m = messages();
                        let err_id = err_id.clone();
                        (!m.is_empty()).then(|| view! {
                            <tr class="lc-row-error"><td colspan="10"><div class="lc-error" id=err_id>{m.join("；")}</div></td></tr>
                        })
                    }}
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="lc-sec" tabindex="-1">
            <legend><h3>{tr(l, "设施清单", "Facility inventory")}</h3></legend>
            // A long table is many Tab presses: a keyboard user may pass it (shown when focused).
            <button type="button" class="lc-quiet lc-skip" on:click=move |_| skip_past(tbody)>
                {tr(l, "跳过设施清单", "Skip the facility inventory")}
            </button>
            <p class="lc-help">{tr(l, "每行一个网点或设施；规划中、已关闭的列出但不计入。", "One outlet or facility a row; planned and closed ones are listed, not counted.")}</p>
            {move || paged.get().then(|| {
                let status = move || {
                    let (m, total, p) = (matching.with(Vec::len), count.get(), current());
                    if m == 0 {
                        return tr(l, "没有符合条件的设施", "No facility matches").to_string();
                    }
                    let (from, to) = (p * PAGE_ROWS + 1, ((p + 1) * PAGE_ROWS).min(m));
                    match (l, m == total) {
                        (Lang::Zh, true) => format!("第 {from}–{to} 条，共 {m} 条"),
                        (Lang::Zh, false) => format!("第 {from}–{to} 条，共 {m} 条（全部 {total} 条）"),
                        (Lang::En, true) => format!("Rows {from}–{to} of {m}"),
                        (Lang::En, false) => format!("Rows {from}–{to} of {m} ({total} in all)"),
                    }
                };
                view! {
                    <div class="lc-toolbar lc-pager">
                        <label>{tr(l, "筛选", "Filter")}" "
                            <input type="search" placeholder=tr(l, "名称、品牌、业态或行号", "name, brand, category or row")
                                prop:value=filter.get_untracked()
                                on:input=move |ev| { filter.set(event_target_value(&ev)); page.set(0); }/>
                        </label>
                        <label><input type="checkbox" prop:checked=only_problems.get_untracked()
                            on:change=move |ev| { only_problems.set(event_target_checked(&ev)); page.set(0); }/>
                            {tr(l, "只看待修正的行", "Only rows to fix")}</label>
                        <span class="lc-pages">
                            <button type="button" class="lc-quiet" disabled=move || current() == 0
                                on:click=move |_| page.set(current().saturating_sub(1))>{tr(l, "上一页", "Previous")}</button>
                            <span aria-live="polite">{status}</span>
                            <button type="button" class="lc-quiet" disabled=move || { current() + 1 >= pages() }
                                on:click=move |_| page.set(current() + 1)>{tr(l, "下一页", "Next")}</button>
                        </span>
                    </div>
                }
            })}
            <div class="lc-table-wrap" on:focusin=clear_of_pinned>
                <table class="lc-inventory lc-folds">
                    <thead><tr>
                        {FACILITY_COLUMNS.map(|(zh, en)| view! { <th scope="col">{tr(l, zh, en)}</th> })}
                        <th scope="col"><span class="lc-sr">{tr(l, "操作", "Actions")}</span></th>
                    </tr></thead>
                    <tbody node_ref=tbody>{move || table(shown())}</tbody>
                </table>
            </div>
            <div class="lc-toolbar">
                <button type="button" on:click=move |_| add_facility(state, tbody, String::new())>
                    {tr(l, "添加设施", "Add a facility")}
                </button>
                {move || {
                    let (g, i, f) = removed.get()?;
                    (g == state.generation.get()).then(|| {
                        let name = if f.name.trim().is_empty() { tr(l, "未命名设施", "an unnamed facility").to_string() } else { f.name.clone() };
                        view! {
                            <button type="button" class="lc-quiet" on:click=move |_| {
                                undoing.set_value(true);
                                let f = f.clone();
                                unstored.update(|v| unstored_rows_moved(v, "facilities", i, false));
                                edit(state, |c| { let at = i.min(c.facilities.len()); c.facilities.insert(at, f); });
                                removed.set(None);
                                filter.set(String::new());
                                only_problems.set(false);
                                page.set(i / PAGE_ROWS);
                            }>{match l {
                                Lang::Zh => format!("撤销删除（第 {} 行“{name}”）", i + 1),
                                Lang::En => format!("Undo removal (row {}, “{name}”)", i + 1),
                            }}</button>
                        }
                    })
                }}
            </div>
            {move || duplicates(l, dups.get())}
        </fieldset>
    }
}

/// The facility table's columns (zh, en), in order: its header row, and each cell's
/// `data-label`, its name beside it where the rows are cards (a phone; styles.rs).
const FACILITY_COLUMNS: [(&str, &str); 9] = [
    ("名称", "Name"),
    ("业态", "Category"),
    ("连锁", "Chain"),
    ("品牌", "Brand"),
    ("面积 m²", "Area m²"),
    ("营业时间", "Hours"),
    ("步行距离 米", "Walk m"),
    ("经度, 纬度", "Lon, lat"),
    ("状态", "Status"),
];

/// A facility's status in words: the status box's options, and the last of a folded card's words.
fn status_name(s: FacilityStatus, l: Lang) -> &'static str {
    match s {
        FacilityStatus::Open => tr(l, "营业", "open"),
        FacilityStatus::Planned => tr(l, "规划中", "planned"),
        FacilityStatus::Closed => tr(l, "已关闭", "closed"),
    }
}

/// A facility's fields after its name and type, in words (a folded card on a phone says
/// 连锁·十足 · 85 m² · 06:30-23:30 · 步行 180 米 · 已标位置 · 营业; a location as whether it
/// is given, its two numbers being no help at a glance).
fn facility_brief(f: &Facility, l: Lang) -> Vec<String> {
    let chain = match (f.chain, f.brand.as_deref().map(str::trim).filter(|b| !b.is_empty())) {
        (true, Some(b)) => Some(format!("{}·{b}", tr(l, "连锁", "chain"))),
        (true, None) => Some(tr(l, "连锁", "chain").to_string()),
        (false, b) => b.map(str::to_string),
    };
    [
        chain,
        f.floor_area_m2.map(|a| format!("{}\u{a0}m²", short_num(a))),
        f.hours.as_deref().map(str::trim).filter(|h| !h.is_empty()).map(str::to_string),
        f.walk_m.map(|m| match l {
            Lang::Zh => format!("步行 {}\u{a0}米", short_num(m)),
            Lang::En => format!("walk {}\u{a0}m", short_num(m)),
        }),
        f.location.map(|_| tr(l, "已标位置", "located").to_string()),
        Some(status_name(f.status, l).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A folded card's words, each an inline block (a line breaks between two, not inside one
/// unless it is longer than the line; its number and unit never part) with the dot after it
/// (a line ends with it; it is never alone on a line).
fn fold_words(words: Vec<String>) -> impl IntoView {
    let last = words.len().saturating_sub(1);
    words
        .into_iter()
        .enumerate()
        .map(|(k, t)| view! { {(k > 0).then_some(" ")}<span>{t}{(k < last).then_some("\u{a0}·")}</span> })
        .collect_view()
}

/// A residential point's fields after its name, in words (a folded card on a phone says
/// 3100 人 · 便利店 180 米 · 超市 未填): its population, then its walk to each type of `cats`
/// (code, name), the table's columns.
fn origin_brief(o: &Origin, cats: &[(String, String)], l: Lang) -> Vec<String> {
    let people = match (l, o.population) {
        (_, 0.0) => tr(l, "人口未填", "population not given").to_string(),
        (Lang::Zh, p) => format!("{}\u{a0}人", short_num(p)),
        (Lang::En, p) => format!("{} residents", short_num(p)),
    };
    let walks = cats.iter().map(|(code, name)| match (l, o.nearest_m.get(code)) {
        (Lang::Zh, Some(m)) => format!("{name} {}\u{a0}米", short_num(*m)),
        (Lang::En, Some(m)) => format!("{name} {}\u{a0}m", short_num(*m)),
        (Lang::Zh, None) => format!("{name} 未填"),
        (Lang::En, None) => format!("{name}: not given"),
    });
    std::iter::once(people).chain(walks).collect()
}

/// At most this many suspected duplicates are listed under the table; the rest are counted.
const DUPLICATES_LISTED: usize = 10;

/// The suspected duplicates the form says: the first pairs in words, and how many more.
#[derive(Clone, PartialEq)]
struct Said {
    listed: Vec<String>,
    /// The pairs not listed: exactly, or at least (`exact` false) when there are too many
    /// places to measure ([`lifecircle_core::duplicates::WORK_LIMIT`]).
    more: u64,
    exact: bool,
}

/// Rows that look like one shop entered twice (an import merged with a hand list, an export
/// taken twice), said under the table as the CLI says them, so she can delete the extra row:
/// the first pairs, then how many more (`另有至少 …` when not counted to the end). Both rows
/// are counted until she does; nothing is refused.
fn duplicates(l: Lang, said: Said) -> Option<impl IntoView + use<>> {
    let Said { listed, more, exact } = said;
    (!listed.is_empty() || more > 0).then(|| {
        view! {
            <div class="lc-dups" role="status">
                <p>{tr(l, "以下设施疑似同一家店录入了两次，计分时都会计入：请核对，删去多余的一行。",
                    "These rows may be one shop entered twice, and both are counted: please check, and delete the extra row.")}</p>
                <ul>{listed.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                {(more > 0).then(|| match (l, exact) {
                    (Lang::Zh, true) => format!("另有 {more} 对。"),
                    (Lang::Zh, false) => format!("另有至少 {more} 对。"),
                    (Lang::En, true) => format!("{more} more pairs."),
                    (Lang::En, false) => format!("At least {more} more pairs."),
                })}
            </div>
        }
    })
}

/// A cell's `aria-invalid`, from whether it is outlined as wrong.
fn flag(invalid: impl Fn() -> bool + 'static) -> impl Fn() -> String + 'static {
    move || invalid().to_string()
}

/// A cell's `aria-describedby`: its row's message `id` while the cell is outlined as wrong
/// (empty otherwise: no description).
fn described(invalid: impl Fn() -> bool + 'static, id: String) -> impl Fn() -> String + 'static {
    move || if invalid() { id.clone() } else { String::new() }
}

/// The form's table of contents (目录), folded: a button per section (`names`, in the order of
/// the form's `.lc-sec` sections) and one to the submit button (named apart from it: one button
/// submits), each taking the view and the keyboard there. On a phone the form is some forty screens long.
fn contents(names: Vec<String>, submittable: bool, l: Lang) -> impl IntoView + use<> {
    let items = names
        .into_iter()
        .enumerate()
        .map(|(k, name)| view! { <li><button type="button" class="lc-quiet" on:click=move |ev| jump(&ev, Some(k))>{name}</button></li> })
        .collect_view();
    let submit = submittable.then(|| {
        view! { <li><button type="button" class="lc-quiet" on:click=move |ev| jump(&ev, None)>{tr(l, "跳到提交（页末）", "Go to Submit (end)")}</button></li> }
    });
    view! {
        <details class="lc-toc">
            <summary>{tr(l, "目录：跳到某一部分", "Contents: go to a section")}</summary>
            <nav aria-label=tr(l, "表单目录", "Sections of the form")><ul>{items}{submit}</ul></nav>
        </details>
    }
}

/// Scrolls the form's section `k` (`None`: its submit button) to the top of the view, below the
/// sticky score line, and gives it the keyboard: a section is then read out by its name, and Tab
/// goes on to its first field.
fn jump(ev: &leptos::ev::MouseEvent, k: Option<usize>) {
    let form = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|b| b.closest("form").ok().flatten());
    let target = form.as_ref().and_then(|f| match k {
        Some(k) => f.query_selector_all(".lc-sec").ok().and_then(|all| all.item(u32::try_from(k).ok()?)),
        None => f.query_selector(".lc-submit").ok().flatten().map(Into::into),
    });
    if let Some(t) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        // The keyboard first: focusing a section taller than the view scrolls it again.
        let _ = t.focus();
        t.scroll_into_view();
        // Clear of the sticky score line, however tall it is (its `scroll-margin-top` is a
        // guess; on a phone in large text the line wraps).
        let live = form.and_then(|f| f.query_selector(".lc-live").ok().flatten());
        if let (Some(live), Some(w)) = (live, web_sys::window()) {
            let covered = live.get_bounding_client_rect().bottom() - t.get_bounding_client_rect().top();
            if covered > 0.0 {
                w.scroll_by_with_x_and_y(0.0, -covered.ceil());
            }
        }
    }
}

/// A field given the focus under the sticky score line (Shift+Tab up the form, a phone's card
/// after card) is scrolled clear of it, once the browser has scrolled it into view: the
/// browser brings it to the window's top edge, which the line covers.
fn clear_of_live(ev: leptos::ev::FocusEvent) {
    let (Some(form), Some(target)) = (element(ev.current_target()), element(ev.target())) else { return };
    request_animation_frame(move || {
        let Some(live) = form.query_selector(".lc-live").ok().flatten() else { return };
        if live.contains(Some(&target)) {
            return;
        }
        let (line, field) = (live.get_bounding_client_rect(), target.get_bounding_client_rect());
        // (a line not stuck, in a short window, is above every field: nothing covered)
        let covered = line.bottom() - field.top();
        if let Some(w) = web_sys::window().filter(|_| covered > 0.0 && field.bottom() > line.top()) {
            w.scroll_by_with_x_and_y(0.0, -(covered + 8.0).ceil());
        }
    });
}

/// An event's target (or current target) as an element.
fn element(t: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    t.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Moves the focus past the facility table: to the first control after its fieldset.
fn skip_past(tbody: NodeRef<leptos::html::Tbody>) {
    let next = tbody
        .get_untracked()
        .and_then(|b| b.closest("fieldset").ok().flatten())
        .and_then(|f| f.next_element_sibling())
        .and_then(|n| n.query_selector("input, select, textarea, button").ok().flatten());
    focus(next.map(Into::into));
}

/// A cell of a table scrolled sideways, given the focus (Shift+Tab back along a row, a click),
/// is scrolled clear of the row's pinned first cell (its name, sticky at the box's left). The
/// box's `scroll-padding` (styles.rs) has the browser do so for a cell wholly under it; a cell
/// partly under it the browser counts as in view and leaves there, its start hidden.
fn clear_of_pinned(ev: leptos::ev::FocusEvent) {
    let (Some(wrap), Some(target)) = (element(ev.current_target()), element(ev.target())) else { return };
    // (a phone's cards do not scroll sideways: nothing is pinned)
    if wrap.scroll_width() <= wrap.client_width() {
        return;
    }
    let Some(cell) = target.closest("td").ok().flatten() else { return };
    let Some(pinned) = cell.parent_element().and_then(|row| row.first_element_child()) else { return };
    if pinned.is_same_node(Some(&cell)) {
        return;
    }
    let hidden = pinned.get_bounding_client_rect().right() - target.get_bounding_client_rect().left();
    if hidden > 0.0 {
        wrap.set_scroll_left(wrap.scroll_left() - hidden.ceil() as i32);
    }
}

/// Gives the keyboard focus to an element of the form, if there is one.
fn focus(e: Option<web_sys::Node>) {
    if let Some(e) = e.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = e.focus();
    }
}

/// The place, among the rows drawn, of the row whose remove button was pressed.
fn row_position(tbody: NodeRef<leptos::html::Tbody>, ev: &leptos::ev::MouseEvent) -> u32 {
    let (Some(body), Some(pressed)) = (tbody.get_untracked(), ev.current_target()) else { return 0 };
    // (the remove button is a row's last button: a facility's 更多 comes before it)
    let Ok(list) = body.query_selector_all(".lc-c-act button:last-of-type") else { return 0 };
    let pressed = JsValue::from(pressed);
    (0..list.length()).find(|k| list.item(*k).is_some_and(|n| JsValue::from(n) == pressed)).unwrap_or(0)
}

/// After the row at `at` (among the rows drawn) was removed: the focus goes to the remove
/// button of the row drawn in its place, else of the last row, else to the add button (the
/// toolbar after the table's scroll box). For the facility and the residential-point tables.
fn focus_after_removal(tbody: NodeRef<leptos::html::Tbody>, at: u32) {
    let Some(body) = tbody.get_untracked() else { return };
    // (on an empty list `item` is none: no row is left)
    let buttons = body.query_selector_all(".lc-c-act button:last-of-type").ok();
    let at = buttons.and_then(|b| b.item(at.min(b.length().saturating_sub(1))));
    let target = at.or_else(|| {
        body.closest(".lc-table-wrap")
            .ok()
            .flatten()
            .and_then(|w| w.next_element_sibling())
            .and_then(|t| t.query_selector("button").ok().flatten())
            .map(Into::into)
    });
    focus(target);
}

/// Facility rows drawn at a time in a long inventory (presentation, not a standard's number).
const PAGE_ROWS: usize = 50;

/// Adds a row to the facility table, and gives its name box the focus.
fn add_facility(state: FormState, tbody: NodeRef<leptos::html::Tbody>, category: String) {
    edit(state, |c| c.facilities.push(Facility::new(category, "")));
    // The new row is drawn by then (last page, last row): its name box takes the focus, so a
    // keyboard user types on instead of tabbing back.
    request_animation_frame(move || {
        // (the last row's name box: a problem row may follow it)
        let names = tbody.get_untracked().and_then(|b| b.query_selector_all(".lc-c-name input").ok());
        focus(names.and_then(|n| n.item(n.length().checked_sub(1)?)));
    });
}

/// The circle's walking distances, to be edited by hand: they no longer are what the data
/// files they were measured from say, so those files (`measured_from`) are no longer named.
fn by_hand(c: &mut Circle) -> &mut Walking {
    let w = c.walking.get_or_insert_with(Walking::default);
    w.measured_from.clear();
    w
}

/// Walking distances: from the centre, and from residential origins (for coverage).
fn distances(ctx: Ctx, st: &Standard) -> impl IntoView + use<> {
    let Ctx { state, lang, .. } = ctx;
    let l = lang.get_untracked();
    let cats: Vec<(String, String)> = distance_categories(st)
        .into_iter()
        // (in a sentence: "Centre to nearest convenience store")
        .filter_map(|code| st.category(&code).map(|c| (code, lifecircle_core::score::in_sentence(c.name.get(l)))))
        .collect();
    if cats.is_empty() {
        return None;
    }
    // The centre's walks, then the residential points' table; the warnings about them below it.
    let centre = cats
        .iter()
        .map(|(code, name)| {
            let code = code.clone();
            let initial = ctx.read(|c| c.walking.as_ref().and_then(|w| w.nearest_m.get(&code).copied()));
            let key = code.clone();
            view! {
                <NumberField id=ctx.id(&format!("near-{code}")) label=format!("{}{name}", tr(l, "中心到最近的", "Centre to nearest "))
                    unit=tr(l, "米", "m").to_string() initial=initial
                    field=ctx.field(format!("walking.nearest_m.{code}"))
                    on_set=Callback::new(move |v: Option<f64>| edit(state, |c| {
                        let w = by_hand(c);
                        match v { Some(v) => { w.nearest_m.insert(key.clone(), v); } None => { w.nearest_m.remove(&key); } }
                    }))/>
            }
        })
        .collect_view();
    let rows = Memo::new(move |_| state.circle.with(|c| c.walking.as_ref().map_or(0, |w| w.origins.len())));
    // A column's heading, also its cells' label: the walk to the nearest of the type.
    let cats2: Vec<(String, String)> = cats
        .iter()
        .map(|(code, name)| (code.clone(), format!("{}{name}{}", tr(l, "到", "To "), tr(l, "（米）", " (m)"))))
        .collect();
    let heads = cats2.iter().map(|(_, head)| view! { <th scope="col">{head.clone()}</th> }).collect_view();
    let points: NodeRef<leptos::html::Tbody> = NodeRef::new();
    let table = move |n: usize| {
        (0..n)
            .map(|i| {
                let o = ctx.read(|c| c.walking.as_ref().map(|w| w.origins[i].clone()));
                let o = o?;
                let label = move |what: &str| format!("{} {} {what}", tr(l, "居民点", "Residential point"), i + 1);
                // On a phone folded to its name, the rest in words, as a facility's card; a new
                // point (no one living there yet) starts open.
                let open = RwSignal::new(o.population == 0.0);
                let cats = cats.clone();
                let brief = move || {
                    let words = state.circle.with(|c| {
                        c.walking.as_ref().and_then(|w| w.origins.get(i)).map(|o| origin_brief(o, &cats, l)).unwrap_or_default()
                    });
                    fold_words(words)
                };
                let more_word = move || if open.get() { tr(l, "收起", "less") } else { tr(l, "更多", "more") };
                // The cells whose text is not a number (the population also when emptied: a point
                // has residents), by field: said in the row, outlined and counted, the text kept
                // in the box and the value before it kept, as the facility rows do.
                let unstored = ctx.unstored;
                let path = move |field: &str| format!("walking.origins[{i}].{field}");
                let typed = move |field: &str, text: Option<(String, Refusal)>| set_unstored(unstored, &path(field), text);
                let kept = move |field: &str| unstored_text(unstored, &path(field));
                // (an outlined cell is described by the row's message, as in the facility table)
                let err_id = ctx.id(&format!("origin{i}-err"));
                let cell_invalid = move |field: String| {
                    let mine = ctx.errors(path(&field));
                    move || mine.with(|e| !e.is_empty())
                };
                let cells = cats2
                    .iter()
                    .map(|(code, name)| {
                        let key = code.clone();
                        let field = format!("nearest_m.{code}");
                        let invalid = cell_invalid(field.clone());
                        let described = described(invalid, err_id.clone());
                        view! {
                            <td data-label=name.clone()><input type="text" inputmode="decimal" prop:value=kept(&field).unwrap_or_else(|| show_number(o.nearest_m.get(code).copied()))
                                aria-label=label(name) aria-invalid=flag(invalid) aria-describedby=described
                                on:input=move |ev| {
                                    let text = event_target_value(&ev);
                                    let v = parse_number_in(&text, "m");
                                    typed(&field, v.is_err().then_some((text, ("步行距离请输入数字", "the walking distance takes a number"))));
                                    if let Ok(v) = v {
                                        edit(state, |c| if let Some(o) = by_hand(c).origins.get_mut(i) {
                                            match v { Some(v) => { o.nearest_m.insert(key.clone(), v); } None => { o.nearest_m.remove(&key); } }
                                        });
                                    }
                                }/></td>
                        }
                    })
                    .collect_view();
                let errors = ctx.errors(format!("walking.origins[{i}]"));
                let messages = move || errors.get().join("；");
                let bad_pop = cell_invalid("population".into());
                Some(view! {
                    <tr class:lc-open=open>
                        <td data-label=tr(l, "居民点", "Residential point")><input type="text" prop:value=o.id.clone() aria-label=label(tr(l, "名称", "name"))
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                edit(state, |c| if let Some(o) = by_hand(c).origins.get_mut(i) { o.id = v });
                            }/></td>
                        // A new point holds no one yet: its box is shown empty, to be filled in.
                        <td data-label=tr(l, "人口", "Population")><input type="text" inputmode="decimal" prop:value=kept("population").unwrap_or_else(|| show_number(Some(o.population).filter(|p| *p != 0.0)))
                            placeholder=tr(l, "必填", "required")
                            aria-label=label(tr(l, "人口", "population")) aria-invalid=flag(bad_pop)
                            aria-describedby=described(bad_pop, err_id.clone())
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                let v = parse_number_in(&text, "人");
                                let why = ("居民点人口请输入数字", "a residential point's population takes a number");
                                typed("population", (!matches!(v, Ok(Some(_)))).then_some((text, why)));
                                if let Ok(Some(v)) = v {
                                    edit(state, |c| if let Some(o) = by_hand(c).origins.get_mut(i) { o.population = v });
                                }
                            }/></td>
                        {cells}
                        <td class="lc-c-act">
                            <span class="lc-c-brief">{brief}</span>
                            <button type="button" class="lc-quiet lc-c-more" aria-expanded=move || open.get().to_string()
                                aria-label=move || label(more_word()) on:click=move |_| open.update(|o| *o = !*o)>
                                {move || if open.get() { tr(l, "收起", "Less") } else { tr(l, "更多", "More") }}
                            </button>
                            <button type="button" class="lc-quiet" aria-label=label(tr(l, "删除", "remove"))
                                on:click=move |ev| {
                                    let at = row_position(points, &ev);
                                    unstored.update(|v| unstored_rows_moved(v, "walking.origins", i, true));
                                    edit(state, |c| { let w = by_hand(c); if i < w.origins.len() { w.origins.remove(i); } });
                                    // Keep the keyboard in the table, as in the facility table.
                                    request_animation_frame(move || focus_after_removal(points, at));
                                }>
                                {tr(l, "删除", "Remove")}
                            </button>
                            <div class="lc-error" id=err_id>{messages}</div>
                        </td>
                    </tr>
                })
            })
            .collect_view()
    };
    Some(view! {
        <fieldset class="lc-sec" tabindex="-1">
            <legend><h3>{tr(l, "步行距离", "Walking distances")}</h3></legend>
            <p class="lc-help">{tr(l,
                "步行距离按实际步行路线计（米），可用地图 App 的步行导航查到。“中心到最近的……”：从生活圈中心走到最近一处该类设施；设施清单中该类设施填有步行距离的，取两者中较近的。",
                "Walking distances follow the route walked, in metres: a map app's walking directions give them. “Centre to nearest …”: the walk from the circle's centre to the nearest facility of the type; where the facility inventory gives a walk for the type, the nearer of the two is used.")}</p>
            {centre}
            <p class="lc-help">{tr(l,
                "居民点：一个小区或一片住宅楼，连同住在里面的居民。请逐个列出，各居民点人口合计应等于本圈常住人口（没有列入居民点的居民按走不到计）。每格填从小区大门走到最近一处该类设施的距离；留空的格按走不到计。",
                "A residential point is a residential compound (小区) or block, with the people who live there. List each one: together they should hold the circle's whole population (residents in no point count as not reached). In each cell give the walk from the compound's gate to the nearest facility of the type; a blank cell counts as not reached.")}</p>
            <div class="lc-table-wrap" on:focusin=clear_of_pinned>
                <table class="lc-folds">
                    <thead><tr>
                        <th scope="col">{tr(l, "居民点", "Residential point")}</th>
                        <th scope="col">{tr(l, "人口", "Population")}</th>
                        {heads}
                        <th scope="col"><span class="lc-sr">{tr(l, "操作", "Actions")}</span></th>
                    </tr></thead>
                    <tbody node_ref=points>{move || table(rows.get())}</tbody>
                </table>
            </div>
            <div class="lc-toolbar">
                <button type="button" on:click=move |_| edit(state, |c| {
                    let w = by_hand(c);
                    // The first number not taken (after a removal, the count would repeat one).
                    let name = |n: usize| format!("{}{n}", tr(l, "居民点", "residential point "));
                    let n = (w.origins.len() + 1..).find(|n| !w.origins.iter().any(|o| o.id == name(*n))).unwrap_or(1);
                    w.origins.push(Origin::new(name(n)));
                })>{tr(l, "添加居民点", "Add a residential point")}</button>
            </div>
            {move || walking_notes(ctx)}
        </fieldset>
    })
}

/// The scoring's warnings about the walking distances, said where they are typed: residential
/// points that do not hold the population, none at all, walks to a type the circle lacks, a
/// type without a walk. Each message once (no points is said of every coverage item).
fn walking_notes(ctx: Ctx) -> Option<impl IntoView + use<>> {
    let l = ctx.lang.get();
    ctx.last.with(|a| {
        let mut said: Vec<String> = Vec::new();
        for f in &a.as_ref()?.findings {
            let m = f.message.get(l).to_string();
            if WALKING_FINDINGS.contains(&f.code.as_str()) && !said.contains(&m) {
                said.push(m);
            }
        }
        (!said.is_empty()).then(|| crate::score_card::note_list(l, said))
    })
}

/// The findings about the walking distances (stable codes of `lifecircle_core::assessment::Finding`).
const WALKING_FINDINGS: [&str; 4] =
    ["origins_population", "coverage_from_centre", "walks_without_facility", "distance_missing"];

/// One indicator: its name, role, points, clause and help, the input its kind needs, and
/// the current result.
fn question(ctx: Ctx, st: &Standard, id: String) -> impl IntoView + use<> {
    let Ctx { state, lang, last, .. } = ctx;
    let l = lang.get_untracked();
    let ind = st.indicator(&id).cloned()?;
    let help = ind.help.as_ref().map(|h| view! { <p class="lc-help">{h.get(l).to_string()}</p> });
    // The question's name: its group's name, a heading to move by, and the first words of the
    // name of each of its boxes whose own label it shares with other questions' ("备注").
    let qname = ctx.id(&format!("{id}-qname"));
    // A designed requirement or designed points carry the score card's mark beside the heading,
    // and it describes the question's group (said on entering it): the form must not ask for a
    // designed value as if it were official. (A description, not part of the name: the name is
    // the heading's, the first words of each of its boxes' names.)
    let (req, pts) = model::confidences(&ind);
    let mark_id = ctx.id(&format!("{id}-mark"));
    let mark = provisional_badge(l, req, pts).map(|b| view! { <span id=mark_id.clone()>{b}</span> });
    let described_by = mark.is_some().then_some(mark_id);
    // The question's result: its status and points in sight, why folded under them (on a phone
    // the explanations, which the score card gives too, doubled the form's length). The fold is
    // built once and fed by the assessment, so one opened stays open while its answer is typed.
    let rid = id.clone();
    let summary = move || {
        let l = lang.get();
        last.with(|a| {
            let r = model::result(a.as_ref()?, &rid)?;
            Some(view! {
                <span class=format!("lc-badge lc-st-{}", status_class(r.status))>{status_word(l, r.status)}</span>
                {format!(" {} / {} {}", fmt_num(r.points), fmt_num(r.max), points_word(l, r.max))}
            })
        })
    };
    let rid = id.clone();
    let why = move || {
        let l = lang.get();
        last.with(|a| a.as_ref().and_then(|a| model::result(a, &rid)).map(|r| r.explanation.get(l).to_string()))
    };
    let rid = id.clone();
    let none = move || last.with(|a| a.as_ref().and_then(|a| model::result(a, &rid)).is_none());
    let result = view! {
        <details class="lc-result" hidden=none>
            <summary>{summary} " " <span class="lc-result-why">{move || tr(lang.get(), "为什么？", "Why?")}</span></summary>
            <p>{why}</p>
        </details>
    };
    let input = match model::ask(&ind) {
        Ask::Facilities { categories } => {
            // Quick "add a row" buttons for the categories still missing.
            let names: Vec<(String, String, String)> = categories
                .into_iter()
                .filter_map(|code| st.category(&code).map(|k| (code, k.name.zh.clone(), k.name.en.clone())))
                .collect();
            let standard = ctx.standard;
            let codes: Vec<String> = names.iter().map(|(code, ..)| code.clone()).collect();
            // The first 8 categories still missing (no open facility).
            let offered = Memo::new(move |_| {
                standard.with(|st| {
                    state.circle.with(|c| {
                        let present: Vec<&str> = c
                            .facilities
                            .iter()
                            .filter(|f| f.status == FacilityStatus::Open)
                            .filter_map(|f| st.find_category(&f.category).map(|k| k.code.as_str()))
                            .collect();
                        codes.iter().filter(|code| !present.contains(&code.as_str())).take(8).cloned().collect::<Vec<_>>()
                    })
                })
            });
            let rows = ctx.rows;
            // A button per category, drawn or taken away by itself (keyed by its category): a
            // redrawn list would turn the button just pressed into the next category's, for a
            // second click or Enter to add. A press adds only a category still missing, and not
            // as the second click of a double click (whatever button has moved under the
            // pointer by then); the new row's name box takes the focus, as for 添加设施.
            let buttons = names
                .into_iter()
                .map(|(code, zh, en)| {
                    let name = if l == Lang::Zh { zh } else { en };
                    let label = format!("{}{name}", tr(l, "＋ 添加", "+ Add "));
                    let shown = code.clone();
                    let shown = Memo::new(move |_| offered.with(|o| o.contains(&shown)));
                    move || {
                        shown.get().then(|| {
                            let code = code.clone();
                            view! {
                                <button type="button" class="lc-quiet" on:click=move |ev| {
                                    if ev.detail() < 2 && offered.with_untracked(|o| o.contains(&code)) {
                                        add_facility(state, rows, code.clone());
                                    }
                                }>
                                    {label.clone()}
                                </button>
                            }
                        })
                    }
                })
                .collect_view();
            view! {
                <p class="lc-help">{tr(l, "按上方设施清单计算。", "Counted from the facility inventory above.")}</p>
                <div class="lc-toolbar">{buttons}</div>
            }
            .into_any()
        }
        // Coverage comes from each residential point's walk: a facility added to the inventory
        // does not move it until those walks are updated (a reviewer added a supermarket and
        // saw nothing change), so the question says so.
        Ask::Distances { categories } if matches!(ind.kind, lifecircle_core::standard::Kind::WalkCoverage { .. }) => {
            let names: Vec<String> = categories
                .iter()
                .filter_map(|code| st.category(code))
                .map(|k| if l == Lang::En { lifecircle_core::score::in_sentence(&k.name.en) } else { k.name.zh.clone() })
                .collect();
            let text = match l {
                Lang::Zh => format!(
                    "覆盖率按上方“步行距离”表中各居民点到最近{}的步行距离计算：新增或关闭这类设施后，请同时更新表中的距离。",
                    names.join("或")
                ),
                Lang::En => format!(
                    "Coverage is computed from each residential point's walk to the nearest {} in the walking distances above: after adding or closing one, update those walks too.",
                    names.join(" or ")
                ),
            };
            view! { <p class="lc-help">{text}</p> }.into_any()
        }
        Ask::Distances { .. } => {
            view! { <p class="lc-help">{tr(l, "按上方步行距离和设施清单计算。", "Computed from the walking distances and the inventory above.")}</p> }.into_any()
        }
        Ask::Numbers { figures, population, households } => {
            let figs = figures
                .into_iter()
                .map(|key| {
                    let fig = st.figures.iter().find(|f| f.key == key).cloned();
                    let name = fig.as_ref().map_or(key.clone(), |f| f.name.get(l).to_string());
                    let unit = fig.as_ref().map_or(String::new(), |f| unit_word(l, &f.unit));
                    let fhelp = fig.as_ref().and_then(|f| f.help.as_ref()).map(|h| view! { <p class="lc-help">{h.get(l).to_string()}</p> });
                    let initial = ctx.read(|c| c.figures.get(&key).copied());
                    let k = key.clone();
                    view! {
                        <NumberField id=ctx.id(&format!("{id}-{key}")) label=name unit=unit initial=initial
                            field=ctx.field(format!("figures.{key}"))
                            on_set=Callback::new(move |v: Option<f64>| edit(state, |c| match v {
                                Some(v) => { c.figures.insert(k.clone(), v); }
                                None => { c.figures.remove(&k); }
                            }))/>
                        {fhelp}
                    }
                })
                .collect_view();
            let note = (population || households).then(|| {
                view! { <p class="lc-help">{tr(l, "人口、户数在“基本信息”中填写。", "Population and households are asked under “The circle”.")}</p> }
            });
            view! { {figs} {note} }.into_any()
        }
        Ask::Survey { key, min_sample } => {
            let s = ctx.read(|c| c.surveys.get(&key).cloned());
            let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
            let upd = move |k: String, f: Box<dyn FnOnce(&mut Survey)>| {
                edit(state, move |c| f(c.surveys.entry(k).or_insert(Survey { respondents: 0, satisfied: 0, method: None })))
            };
            view! {
                <NumberField id=ctx.id(&format!("{id}-resp")) label=tr(l, "受访人数", "Respondents").to_string() of=qname.clone()
                    unit=tr(l, "人", "persons").to_string() initial=s.as_ref().map(|s| f64::from(s.respondents)) step="1"
                    field=ctx.field(format!("surveys.{key}.respondents")) check=Callback::new(not_a_count)
                    on_set=Callback::new(move |v: Option<f64>| upd(k1.clone(), Box::new(move |s| s.respondents = count(v).unwrap_or(0))))/>
                <NumberField id=ctx.id(&format!("{id}-sat")) label=tr(l, "满意人数", "Satisfied").to_string() of=qname.clone()
                    unit=tr(l, "人", "persons").to_string() initial=s.as_ref().map(|s| f64::from(s.satisfied)) step="1"
                    field=ctx.field(format!("surveys.{key}.satisfied")) check=Callback::new(not_a_count)
                    on_set=Callback::new(move |v: Option<f64>| upd(k2.clone(), Box::new(move |s| s.satisfied = count(v).unwrap_or(0))))/>
                <TextField id=ctx.id(&format!("{id}-method")) label=tr(l, "调查方式（抽样、日期、问卷）", "Method (sampling, dates, questionnaire)").to_string() of=qname.clone()
                    initial=s.and_then(|s| s.method).unwrap_or_default()
                    on_set=Callback::new(move |v: String| upd(k3.clone(), Box::new(move |s| s.method = (!v.trim().is_empty()).then_some(v))))/>
                // (the minimum sample is a rule of the scoring: as official as the points)
                <p class="lc-help">{format!("{} {min_sample}{}", tr(l, "有效样本不少于", "Minimum sample:"), provisional_suffix(l, pts))}</p>
            }
            .into_any()
        }
        Ask::Checklist => {
            // Three answers, not a tick box: an unticked box read both as 未作答 (missing data) and
            // as 尚未落实, and typing evidence first answered 尚未落实 by itself. 未作答 keeps
            // evidence or a note typed before the answer; an entry with nothing left is removed.
            let a = ctx.read(|c| c.checklist.get(&id).cloned());
            let (k1, k2, k3) = (id.clone(), id.clone(), id.clone());
            let upd = move |k: String, f: Box<dyn FnOnce(&mut ChecklistAnswer)>| {
                edit(state, move |c| {
                    let a = c.checklist.entry(k.clone()).or_insert(ChecklistAnswer { done: None, evidence: None, note: None });
                    f(a);
                    if a.done.is_none() && a.evidence.is_none() && a.note.is_none() {
                        c.checklist.remove(&k);
                    }
                })
            };
            let name = ctx.id(&format!("{id}-done"));
            let now = a.as_ref().and_then(|a| a.done);
            let choices = [(None, "none", "未作答", "Not answered"), (Some(true), "yes", "已落实", "In place"), (Some(false), "no", "尚未落实", "Not in place")]
                .into_iter()
                .map(|(v, tag, zh, en)| {
                    let (rid, k1) = (format!("{name}-{tag}"), k1.clone());
                    view! {
                        <input id=rid.clone() type="radio" name=name.clone() prop:checked=now == v
                            on:change=move |_| upd(k1.clone(), Box::new(move |a| a.done = v))/>
                        <label for=rid>{tr(l, zh, en)}</label>
                    }
                })
                .collect_view();
            // (the group's own words, after the question's name: hidden, they are read only as its name)
            let asked = format!("{name}-label");
            let group_name = format!("{qname} {asked}");
            view! {
                <div class="lc-field lc-answer" role="radiogroup" aria-labelledby=group_name>
                    <span id=asked hidden>{tr(l, "是否已落实", "In place?")}</span>
                    {choices}
                </div>
                <TextField id=ctx.id(&format!("{id}-evidence")) label=tr(l, "佐证材料（文件名、网址或文号）", "Evidence (file, URL or document)").to_string() of=qname.clone()
                    initial=a.as_ref().and_then(|a| a.evidence.clone()).unwrap_or_default()
                    on_set=Callback::new(move |v: String| upd(k2.clone(), Box::new(move |a| a.evidence = (!v.trim().is_empty()).then_some(v))))/>
                <TextField id=ctx.id(&format!("{id}-note")) label=tr(l, "备注", "Note").to_string() of=qname.clone()
                    initial=a.and_then(|a| a.note).unwrap_or_default()
                    on_set=Callback::new(move |v: String| upd(k3.clone(), Box::new(move |a| a.note = (!v.trim().is_empty()).then_some(v))))/>
            }
            .into_any()
        }
        Ask::Evaluator { max } => {
            // The core keeps an evaluator's note and evidence in the entry of their points
            // (`EvaluatorEntry`: points are a number, never missing), and the circle is all that
            // is autosaved. A note or evidence without points has no faithful place there (made-up
            // points would be scored; a draft beside the circle would be lost on reload), so
            // nothing is typed where it cannot be kept: the note and evidence boxes are read-only
            // until there are points, and say so; and once they hold text, the points box may
            // not be emptied (that would drop the entry with them): it is refused and said, the
            // points before it kept, as a text that is not a number is.
            let e = ctx.read(|c| c.evaluator.get(&id).cloned());
            let (k1, k2, k3, k4, k5, k6) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
            let required = Signal::derive(move || {
                state
                    .circle
                    .with(|c| c.evaluator.get(&k4).is_some_and(|e| e.note.trim().is_empty()))
                    .then(|| tr(lang.get(), "打分须附评估意见", "Points need the evaluator's note").to_string())
            });
            let locked = Signal::derive(move || {
                (!state.circle.with(|c| c.evaluator.contains_key(&k5))).then(|| {
                    tr(lang.get(), "请先填写打分，再写评估意见和佐证", "Enter the points first, then the note and evidence")
                        .to_string()
                })
            });
            let keep_points = Callback::new(move |v: Option<f64>| {
                let written = |e: &EvaluatorEntry| !e.note.trim().is_empty() || e.evidence.is_some();
                (v.is_none() && ctx.read(|c| c.evaluator.get(&k6).is_some_and(written))).then_some((
                    "打分不能清空：已写评估意见或佐证，原打分仍计入；如要撤销打分，请先清空意见和佐证",
                    "The points cannot be emptied while a note or evidence is written: the previous points still count; empty the note and evidence first to withdraw them",
                ))
            });
            view! {
                <NumberField id=ctx.id(&format!("{id}-pts")) label=format!("{} (0–{})", tr(l, "评估人打分", "Evaluator's points"), fmt_num(max)) of=qname.clone()
                    unit=tr(l, "分", "points").to_string() initial=e.as_ref().map(|e| e.points) step="0.5"
                    field=ctx.field(format!("evaluator.{id}")) check=keep_points
                    on_set=Callback::new(move |v: Option<f64>| edit(state, |c| match v {
                        Some(p) => {
                            c.evaluator.entry(k1.clone()).or_insert(EvaluatorEntry { points: p, note: String::new(), evidence: None }).points = p;
                        }
                        None => { c.evaluator.remove(&k1); }
                    }))/>
                <TextField id=ctx.id(&format!("{id}-enote")) label=tr(l, "评估意见（必填）", "Evaluator's note (required)").to_string() of=qname.clone()
                    initial=e.as_ref().map(|e| e.note.clone()).unwrap_or_default() required=required locked=locked
                    on_set=Callback::new(move |v: String| edit(state, |c| if let Some(e) = c.evaluator.get_mut(&k2) { e.note = v }))/>
                <TextField id=ctx.id(&format!("{id}-eev")) label=tr(l, "佐证材料", "Evidence").to_string() of=qname.clone()
                    initial=e.and_then(|e| e.evidence).unwrap_or_default() locked=locked
                    on_set=Callback::new(move |v: String| edit(state, |c| if let Some(e) = c.evaluator.get_mut(&k3) {
                        e.evidence = (!v.trim().is_empty()).then_some(v);
                    }))/>
            }
            .into_any()
        }
    };
    let named_by = qname.clone();
    Some(view! {
        <div class="lc-q" role="group" aria-labelledby=named_by aria-describedby=described_by>
            <div class="lc-q-head">
                <h4 class="lc-q-name" id=qname>"[" {ind.id.clone()} "] " {ind.name.get(l).to_string()}</h4>
                <span class="lc-badge">{role_word(l, ind.role)}</span>
                <span class="lc-muted">{format!("{} {}", fmt_num(ind.points), points_word(l, ind.points))}</span>
                {mark}
            </div>
            <div class="lc-cite">{format!("{}{}", tr(l, "依据：", "Clause: "), cite_line(l, Some(st), &ind.cite))}</div>
            {help}
            {input}
            {result}
        </div>
    })
}

/// A count of people typed as a number: a whole number from 0 (an emptied box counts no one
/// yet); `None` for a negative, fractional or too large one, which is refused, never rounded or
/// clamped into another number than the one in the box.
fn count(v: Option<f64>) -> Option<u32> {
    match v {
        None => Some(0),
        Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) => Some(v as u32),
        Some(_) => None,
    }
}

/// The refusal of a number that is not a count (see [`count`]).
/// A year built the district would refuse ([`lifecircle_core::district::BUILT_YEARS`]).
fn not_a_year(v: Option<f64>) -> Option<Refusal> {
    let (from, to) = lifecircle_core::district::BUILT_YEARS;
    v.filter(|y| y.fract() != 0.0 || *y < f64::from(from) || *y > f64::from(to))
        .map(|_| ("请输入四位数的建成年份，如 2025", "Enter the year as four digits, e.g. 2025"))
}

fn not_a_count(v: Option<f64>) -> Option<Refusal> {
    count(v).is_none().then_some(("请输入不小于 0 的整数", "Enter a whole number, 0 or more"))
}

/// A unit as readers write it.
fn unit_word(l: Lang, unit: &str) -> String {
    match (l, unit) {
        (_, "m2") => "m²".into(),
        (Lang::Zh, "m") => "米".into(),
        (Lang::Zh, "persons") => "人".into(),
        (Lang::Zh, "households") => "户".into(),
        _ => unit.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a folded card says, its fields apart (a number's unit joined by a no-break space, `~`).
    fn brief(f: &Facility, l: Lang) -> String {
        facility_brief(f, l).join(" | ").replace('\u{a0}', "~")
    }

    #[test]
    fn a_folded_card_says_every_field_it_hides() {
        // The Longwan sample's first row, as its fields hold it.
        let mut f = Facility::new("convenience_store", "镇中便利店");
        f.chain = true;
        f.brand = Some("十足".into());
        f.floor_area_m2 = Some(85.0);
        f.hours = Some("06:30-23:30".into());
        f.walk_m = Some(180.0);
        f.location = Some([120.813908, 27.929871]);
        assert_eq!(brief(&f, Lang::Zh), "连锁·十足 | 85~m² | 06:30-23:30 | 步行 180~米 | 已标位置 | 营业");
        assert_eq!(brief(&f, Lang::En), "chain·十足 | 85~m² | 06:30-23:30 | walk 180~m | located | open");
        // Not a chain, a brand all the same; a planned one, not yet placed.
        f.chain = false;
        f.status = FacilityStatus::Planned;
        f.floor_area_m2 = Some(62.5);
        f.location = None;
        assert_eq!(brief(&f, Lang::Zh), "十足 | 62.5~m² | 06:30-23:30 | 步行 180~米 | 规划中");
        // A new row: only its status; a blank brand or hours is not a field.
        let mut new = Facility::new("", "");
        new.brand = Some("  ".into());
        new.hours = Some(String::new());
        new.status = FacilityStatus::Closed;
        assert_eq!(brief(&new, Lang::Zh), "已关闭");
        new.chain = true;
        assert_eq!(brief(&new, Lang::En), "chain | closed");
    }

    #[test]
    fn a_folded_residential_point_says_its_population_and_every_walk() {
        // The Longwan sample's first point; the table's columns are the standard's.
        let cats =
            [("convenience_store", "便利店"), ("supermarket", "综合超市")].map(|(c, n)| (c.to_string(), n.to_string()));
        let mut o = Origin::new("镇中小区");
        o.population = 3100.0;
        o.nearest_m.insert("convenience_store".into(), 180.0);
        assert_eq!(
            origin_brief(&o, &cats, Lang::Zh).join(" | ").replace('\u{a0}', "~"),
            "3100~人 | 便利店 180~米 | 综合超市 未填"
        );
        let cats = cats.map(|(c, _)| (c.clone(), c.replace('_', " ")));
        o.nearest_m.insert("supermarket".into(), 1282.5);
        assert_eq!(
            origin_brief(&o, &cats, Lang::En).join(" | ").replace('\u{a0}', "~"),
            "3100 residents | convenience store 180~m | supermarket 1282.5~m"
        );
        // A new point: no one living there yet, no walks.
        let new = Origin::new("居民点2");
        assert_eq!(origin_brief(&new, &cats[..1], Lang::Zh).join(" | "), "人口未填 | convenience store 未填");
    }
}
