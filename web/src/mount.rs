//! Mount entries: put a widget into a host element (for the custom elements of the wasm
//! bundle). Each returns a [`Mounted`] handle through which the host changes the language,
//! the 适老化 mode, the date, and loads or saves the circle as JSON; dropping the handle
//! unmounts the widget.
//!
//! Hooks are plain Rust closures (`Send + Sync`, as Leptos callbacks are); a host that
//! wants to call JavaScript wraps a `js_sys::Function` in `send_wrapper::SendWrapper`, or
//! dispatches a DOM `CustomEvent` from the closure.

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;
use lifecircle_core::assessment::Assessment;
use lifecircle_core::circle::InputError;
use lifecircle_core::standard::{Lang, Standard};
use lifecircle_core::{Circle, Date, load_builtin, load_text, score};

use crate::form::{AssessmentForm, FormState};
use crate::gap_report::GapReport;
use crate::guide_map::{GuideMapData, Layout};
use crate::map_view::GuideMap;
use crate::model::{empty_circle, problem_text, tr};
use crate::score_card::ScoreCard;

/// A hook the host passes in.
pub type Hook<T> = Arc<dyn Fn(T) + Send + Sync>;

/// Where the standard comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StandardSource {
    /// A built-in standard by id (`longwan-2024`, `zhejiang-2023`, `mofcom-2021`, `gb50180-2018`).
    Builtin(String),
    /// A standard file's TOML text; `name` is used in messages.
    Text { name: String, text: String },
}

/// How to mount a widget.
#[derive(Clone)]
pub struct MountOptions {
    pub standard: StandardSource,
    /// The evaluation date. The core never reads the clock: the host passes today.
    pub as_of: Date,
    pub lang: Lang,
    /// 适老化 mode: large text and high contrast.
    pub elder: bool,
    /// The circle to start from, as JSON (saved state, or a file); `None` starts empty.
    pub circle_json: Option<String>,
    /// Guide map layout.
    pub layout: Layout,
    /// After every edit that scores (form), with the new assessment.
    pub on_change: Option<Hook<Assessment>>,
    /// After every edit, with the circle's JSON (autosave).
    pub on_input: Option<Hook<String>>,
    /// On submit, with the circle's JSON; without it the form has no submit button.
    pub on_submit: Option<Hook<String>>,
    /// A facility was chosen on the guide map, with its id.
    pub on_select: Option<Hook<String>>,
    /// The gap report's print button was pressed; without it there is no button.
    pub on_print: Option<Hook<()>>,
}

impl MountOptions {
    /// Options for the built-in `longwan-2024` standard, in Chinese, starting empty.
    pub fn new(as_of: Date) -> MountOptions {
        MountOptions {
            standard: StandardSource::Builtin("longwan-2024".into()),
            as_of,
            lang: Lang::Zh,
            elder: false,
            circle_json: None,
            layout: Layout::Screen,
            on_change: None,
            on_input: None,
            on_submit: None,
            on_select: None,
            on_print: None,
        }
    }
}

/// Why a widget could not be mounted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountError {
    /// `standard` (the standard does not resolve) or `circle` (the JSON is not a circle).
    pub code: &'static str,
    pub message: String,
}

impl std::fmt::Display for MountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for MountError {}

/// A mounted widget. Dropping it unmounts the widget.
pub struct Mounted {
    pub lang: RwSignal<Lang>,
    pub elder: RwSignal<bool>,
    pub as_of: RwSignal<Date>,
    pub layout: RwSignal<Layout>,
    /// The circle; load and save it as JSON.
    pub state: FormState,
    _handle: Box<dyn Any>,
}

impl Mounted {
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    pub fn set_elder(&self, on: bool) {
        self.elder.set(on);
    }

    pub fn set_as_of(&self, d: Date) {
        self.as_of.set(d);
    }

    pub fn set_layout(&self, l: Layout) {
        self.layout.set(l);
    }

    /// Loads a circle from JSON (e.g. from localStorage).
    ///
    /// # Errors
    /// The JSON's problems, each with its field path; the widget keeps its circle.
    pub fn load_json(&self, text: &str) -> Result<(), InputError> {
        self.state.load_json(text)
    }

    /// The circle as JSON, to save.
    pub fn to_json(&self) -> String {
        self.state.to_json()
    }
}

fn resolve(src: &StandardSource) -> Result<Standard, MountError> {
    match src {
        StandardSource::Builtin(id) => load_builtin(id),
        StandardSource::Text { name, text } => load_text(name, text),
    }
    .map_err(|e| MountError { code: "standard", message: e.to_string() })
}

struct Setup {
    standard: Signal<Standard>,
    lang: RwSignal<Lang>,
    elder: RwSignal<bool>,
    as_of: RwSignal<Date>,
    layout: RwSignal<Layout>,
    state: FormState,
}

fn setup(o: &MountOptions) -> Result<Setup, MountError> {
    let standard = resolve(&o.standard)?;
    let circle = match &o.circle_json {
        Some(text) => Circle::from_json(text).map_err(|e| MountError { code: "circle", message: e.to_string() })?,
        None => empty_circle(),
    };
    Ok(Setup {
        standard: Signal::stored(standard),
        lang: RwSignal::new(o.lang),
        elder: RwSignal::new(o.elder),
        as_of: RwSignal::new(o.as_of),
        layout: RwSignal::new(o.layout),
        state: FormState::new(circle),
    })
}

fn mounted(s: &Setup, handle: Box<dyn Any>) -> Mounted {
    Mounted { lang: s.lang, elder: s.elder, as_of: s.as_of, layout: s.layout, state: s.state, _handle: handle }
}

fn hook<T: 'static>(h: &Option<Hook<T>>) -> Option<Callback<T>> {
    h.clone().map(|h| Callback::new(move |v: T| h(v)))
}

/// Scores the circle of a setup; an error lists the input's problems.
fn scored(s: &Setup) -> Memo<Result<Assessment, InputError>> {
    let (standard, state, as_of) = (s.standard, s.state, s.as_of);
    Memo::new(move |_| standard.with(|st| state.circle.with(|c| score(st, c, as_of.get()))))
}

fn problems_view(lang: Lang, e: &InputError) -> impl IntoView + use<> {
    let items = e
        .problems
        .iter()
        .map(|p| view! { <li><code>{p.field.clone()}</code> " " {problem_text(lang, p)}</li> })
        .collect_view();
    view! {
        <div class="lc-root lc-problems" role="alert">
            <strong>{tr(lang, "输入有误，无法评分：", "The input cannot be scored:")}</strong>
            <ul>{items}</ul>
        </div>
    }
}

/// Mounts the self-assessment form (`<lifecircle-assessment>`).
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_assessment(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    let s = setup(&options)?;
    let (standard, state, as_of, lang, elder) = (s.standard, s.state, s.as_of, s.lang, s.elder);
    let o = options.clone();
    let handle = leptos::mount::mount_to(el, move || {
        view! {
            <AssessmentForm standard=standard state=state as_of=as_of lang=lang elder=elder
                on_change=hook(&o.on_change) on_input=hook(&o.on_input) on_submit=hook(&o.on_submit)/>
        }
    });
    Ok(mounted(&s, Box::new(handle)))
}

/// Mounts the score card (`<lifecircle-scorecard>`) of the circle in the options.
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_scorecard(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    let s = setup(&options)?;
    let (standard, lang, elder) = (s.standard, s.lang, s.elder);
    let result = scored(&s);
    let handle = leptos::mount::mount_to(el, move || {
        move || match result.get() {
            Ok(a) => view! { <ScoreCard assessment=a lang=lang elder=elder standard=standard/> }.into_any(),
            Err(e) => problems_view(lang.get(), &e).into_any(),
        }
    });
    Ok(mounted(&s, Box::new(handle)))
}

/// Mounts the gap report (一圈一策 plan) of the circle in the options.
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_gap_report(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    let s = setup(&options)?;
    let (lang, elder) = (s.lang, s.elder);
    let result = scored(&s);
    let on_print = options.on_print.clone();
    let handle = leptos::mount::mount_to(el, move || {
        move || match result.get() {
            Ok(a) => view! { <GapReport assessment=a lang=lang elder=elder on_print=hook(&on_print)/> }.into_any(),
            Err(e) => problems_view(lang.get(), &e).into_any(),
        }
    });
    Ok(mounted(&s, Box::new(handle)))
}

/// Mounts the guide map (`<lifecircle-guide-map>`) of the circle in the options.
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_guide_map(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    let s = setup(&options)?;
    let (standard, state, lang, elder, layout) = (s.standard, s.state, s.lang, s.elder, s.layout);
    let result = scored(&s);
    let data = Signal::derive(move || {
        standard.with(|st| state.circle.with(|c| GuideMapData::from_core(st, c, result.get().ok().as_ref())))
    });
    let on_select = options.on_select.clone();
    let handle = leptos::mount::mount_to(el, move || {
        view! { <GuideMap data=data lang=lang elder=elder layout=layout on_select=hook(&on_select)/> }
    });
    Ok(mounted(&s, Box::new(handle)))
}
