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
use lifecircle_core::access::crs::Crs;
use lifecircle_core::assessment::Assessment;
use lifecircle_core::circle::InputError;
use lifecircle_core::standard::bundle::{UNREADABLE_PACKED, unpack_standard};
use lifecircle_core::standard::{Lang, Standard};
use lifecircle_core::{Circle, Date};

use crate::district_board::DistrictBoard;
use crate::form::{AssessmentForm, FormState, problem_item, read_typed};
use crate::gap_report::GapReport;
use crate::guide_map::{GuideMapData, Layout, MapLayers};
use crate::map_view::GuideMap;
use crate::model::{distance_categories, empty_circle, score_shared, tr};
use crate::score_card::ScoreCard;

/// A hook the host passes in.
pub type Hook<T> = Arc<dyn Fn(T) + Send + Sync>;

/// How to mount a widget.
#[derive(Clone)]
pub struct MountOptions {
    /// The resolved standard. A Rust host takes a built-in one from
    /// `lifecircle_core::load_builtin`; the widgets bundle reads a packed one
    /// ([`standard_from_packed`]), so that it carries neither a standard-file parser nor the
    /// built-in standards (the page fetches the one it uses, `dist/widgets/standards/<id>.bin`).
    pub standard: Standard,
    /// The evaluation date. The core never reads the clock: the host passes today.
    pub as_of: Date,
    pub lang: Lang,
    /// 适老化 mode: large text and high contrast.
    pub elder: bool,
    /// The circle to start from, as JSON (saved state, or a file); `None` starts empty.
    pub circle_json: Option<String>,
    /// Guide map layout.
    pub layout: Layout,
    /// Guide map: layers measured elsewhere (streets, reached streets, OSM credits).
    pub layers: Option<MapLayers>,
    /// Guide map: an optional basemap, a Web-Mercator tile URL template with `{z}`, `{x}`,
    /// `{y}`, and its attribution. `None` (default): no tiles.
    pub tiles: Option<String>,
    pub tiles_credit: Option<String>,
    /// Guide map: the tiles' datum (WGS-84 by default; GCJ-02 for AMap or Tencent tiles). Tiles
    /// in another datum than the circle's data are shifted onto it.
    pub tiles_crs: Crs,
    /// District dashboard: the number of communities in the district (for the share of
    /// communities with a circle). The circles come as a JSON array in `circle_json`.
    pub communities: Option<u32>,
    /// District dashboard: the values the district reports for its targets that circle data
    /// cannot give ([`lifecircle_core::district::parse_reported`]).
    pub reported: Vec<(String, f64)>,
    /// Guide map: offer the what-if mode (a click places a hypothetical facility and the
    /// circle is scored again).
    pub what_if: bool,
    /// After every edit that scores (form), with the new assessment.
    pub on_change: Option<Hook<Assessment>>,
    /// After every edit, with the circle's JSON (autosave).
    pub on_input: Option<Hook<String>>,
    /// Form: texts typed that were not stored, as its `on_typed` hook gave them (autosaved
    /// beside the circle); shown again in their boxes, still to fix.
    pub typed_json: Option<String>,
    /// Form: whenever the texts not stored change, with them as JSON (`[]`: none).
    pub on_typed: Option<Hook<String>>,
    /// On submit, with the circle's JSON; without it the form has no submit button.
    pub on_submit: Option<Hook<String>>,
    /// A facility was chosen on the guide map, with its id.
    pub on_select: Option<Hook<String>>,
    /// The gap report's print button was pressed; without it there is no button.
    pub on_print: Option<Hook<()>>,
}

impl MountOptions {
    /// Options for a standard, in Chinese, starting empty.
    pub fn new(standard: Standard, as_of: Date) -> MountOptions {
        MountOptions {
            standard,
            as_of,
            lang: Lang::Zh,
            elder: false,
            circle_json: None,
            layout: Layout::Screen,
            layers: None,
            tiles: None,
            tiles_credit: None,
            tiles_crs: Crs::Wgs84,
            what_if: false,
            communities: None,
            reported: Vec::new(),
            on_change: None,
            on_input: None,
            typed_json: None,
            on_typed: None,
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

/// Reads a list from JSON into a widget.
type LoadList = Box<dyn Fn(&str) -> Result<(), InputError>>;

/// What the district dashboard read of a circle: what its summary needs of the circle's
/// assessment, or why the circle does not score.
type Read = Result<lifecircle_core::district::Scored, InputError>;

/// What the district dashboard read of each circle it has scored, on the date it scored them:
/// by the circle's JSON (a `Circle` compared field by field, in a map by id, cost 4.5 KB gzip of
/// wasm; this 2.0), kept in order of it and found by a binary search.
#[derive(Default)]
pub(crate) struct Seen {
    on: Option<Date>,
    read: Vec<(String, Read)>,
}

impl Seen {
    /// What is read of each of `circles` (in their order), calling `score` only for a circle
    /// not of the last list read on `date` (another date forgets them all); what it read of
    /// these circles is kept for the next.
    pub(crate) fn read(&mut self, circles: &[Circle], date: Date, mut score: impl FnMut(&Circle) -> Read) -> Vec<Read> {
        self.forget_unless(date);
        let old = &self.read;
        let mut fresh: Vec<(String, Read)> = Vec::with_capacity(circles.len());
        let read = circles
            .iter()
            .map(|c| {
                let key = serde_json::to_string(c).unwrap_or_default();
                let r = match old.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
                    Ok(j) => old[j].1.clone(),
                    Err(_) => score(c),
                };
                fresh.push((key, r.clone()));
                r
            })
            .collect();
        fresh.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.read = fresh;
        read
    }

    /// Forgets what was read on another date than `date`.
    fn forget_unless(&mut self, date: Date) {
        if self.on != Some(date) {
            self.read.clear();
            self.on = Some(date);
        }
    }

    /// Keeps what was read of `c` on `date` (a circle checked before it is added), so that the
    /// next [`Self::read`] of a list holding it does not score it again.
    pub(crate) fn remember(&mut self, c: &Circle, date: Date, r: Read) {
        self.forget_unless(date);
        let key = serde_json::to_string(c).unwrap_or_default();
        if let Err(at) = self.read.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            self.read.insert(at, (key, r));
        }
    }
}

/// Takes text the user typed, or says why not (Chinese first).
type TakeText = Box<dyn Fn(&str) -> Result<(), String>>;

/// How a widget that holds a list reads and writes its JSON.
struct ListIo {
    load: LoadList,
    save: Box<dyn Fn() -> String>,
    /// The summary (the district's) as JSON or as a CSV table, or why there is none.
    summary: Box<dyn Fn(SummaryFormat) -> Result<String, InputError>>,
    /// Reads one circle's JSON and scores it, as the summary would, without adding it: its
    /// problems, if any (a file added must not refuse the whole board).
    check: LoadList,
    /// Removes the item at a place in the list; the name of what was removed, `None` past the end.
    remove: Box<dyn Fn(usize) -> Option<String>>,
    /// Puts the item removed last back at its place; its name, `None` when there is none to
    /// put back (none removed, or the list loaded since).
    restore: Box<dyn Fn() -> Option<String>>,
    /// Takes the values the district reports (`metric=value, …`, as the CLI's `--reported`),
    /// replacing those it had; refuses them, keeping those it had, with why (Chinese first).
    report: TakeText,
    /// Takes the number of communities in the district (`None`: not given), as the CLI's
    /// `--communities`; the circles are not scored again.
    communities: Box<dyn Fn(Option<u32>)>,
}

/// How the district dashboard writes its summary: as `lifecircle district --format json`, or
/// `--format csv` in the widget's language (a row per target, for Excel or WPS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    Json,
    /// A row per target (`--table targets`).
    Csv,
    /// A row per circle (`--table circles`).
    CirclesCsv,
    /// A row per responsible unit, indicator and circle (`--table tasks`).
    TasksCsv,
}

/// A mounted widget. Dropping it unmounts the widget.
pub struct Mounted {
    /// The resolved standard (its id and version key the host's saved state).
    pub standard: Signal<Standard>,
    pub lang: RwSignal<Lang>,
    pub elder: RwSignal<bool>,
    pub as_of: RwSignal<Date>,
    pub layout: RwSignal<Layout>,
    /// The circle; load and save it as JSON.
    pub state: FormState,
    /// The district dashboard's JSON reader and writer (a list of circles instead of `state`'s
    /// one). Closures made by [`mount_district`], so a bundle without it carries no list code.
    list: Option<ListIo>,
    /// The unmount handle of `mount_to`; dropped first.
    _handle: Box<dyn Any>,
    /// The widget's reactive owner (see [`owned`]): its signals and effects go with it.
    _owner: Option<Owner>,
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

    /// Loads a circle from JSON (e.g. from localStorage). Absurd values are kept and shown as
    /// problems to correct (the form) or as the reason there is no score (the others).
    ///
    /// # Errors
    /// JSON that is not a circle, with its field path; the widget keeps its circle.
    /// The district dashboard reads a JSON array of circles instead, and refuses text that is
    /// not one (fields named `circles[i]…`).
    pub fn load_json(&self, text: &str) -> Result<(), InputError> {
        match &self.list {
            Some(io) => (io.load)(text),
            None => self.state.load_json(text),
        }
    }

    /// The district dashboard's summary, byte for byte what `lifecircle district --format json`
    /// (or `--format csv --lang` the widget's language) writes for the same circles, date and
    /// communities (to keep, or to check with the CLI); `None` for the other widgets.
    ///
    /// # Errors
    /// Why the circles are not summarised (fields `circles[i]…`).
    pub fn summary(&self, format: SummaryFormat) -> Option<Result<String, InputError>> {
        self.list.as_ref().map(|io| (io.summary)(format))
    }

    /// The district dashboard: whether the circle in `text` (one circle's JSON) would be
    /// summarised: read and scored under the board's standard and date, as the summary does
    /// ([`lifecircle_core::district::scored`]), not added. `None` for the other widgets.
    ///
    /// # Errors
    /// JSON that is not a circle, or why the circle does not score (implausible values
    /// included), with fields as in the circle (`population`).
    pub fn check_circle(&self, text: &str) -> Option<Result<(), InputError>> {
        self.list.as_ref().map(|io| (io.check)(text))
    }

    /// The district dashboard: removes the circle at place `i` of its list (a file added by
    /// mistake), without the list going through JSON; the removed circle's name, or `None` when
    /// there is no such place or for the other widgets.
    pub fn remove_at(&self, i: usize) -> Option<String> {
        self.list.as_ref().and_then(|io| (io.remove)(i))
    }

    /// The district dashboard: puts the circle removed last ([`Self::remove_at`]) back at its
    /// place (a click on the wrong row); its name, or `None` when there is none to put back
    /// (none removed, or the list loaded since) or for the other widgets.
    pub fn undo_remove(&self) -> Option<String> {
        self.list.as_ref().and_then(|io| (io.restore)())
    }

    /// The district dashboard: the values the district reports for its targets that circle data
    /// cannot give, as typed into the board (`metric=value, …`, as the CLI's `--reported`;
    /// [`lifecircle_core::district::parse_reported`]); they replace the ones it had. `None` for
    /// the other widgets.
    ///
    /// # Errors
    /// Text that does not parse, or a metric the standard reports no target for, with why
    /// (Chinese first); the board keeps the values it had.
    pub fn set_reported(&self, text: &str) -> Option<Result<(), String>> {
        self.list.as_ref().map(|io| (io.report)(text))
    }

    /// The district dashboard: the number of communities in the district (`None`: not given),
    /// as typed into the board; the targets counted from it are judged again. `None` for the
    /// other widgets.
    pub fn set_communities(&self, n: Option<u32>) -> Option<()> {
        self.list.as_ref().map(|io| (io.communities)(n))
    }

    /// The circle as JSON, to save (the district dashboard's: its circles, a JSON array).
    pub fn to_json(&self) -> String {
        match &self.list {
            Some(io) => (io.save)(),
            None => self.state.to_json(),
        }
    }
}

/// A standard resolved and packed ahead of time (`lifecircle pack`, `packStandard` of the full
/// WebAssembly module, or the built-ins `cargo xtask dist` writes beside the widgets); its
/// digest is checked on reading.
///
/// # Errors
/// `standard`: the bytes are not a packed standard, or its content does not match its digest.
pub fn standard_from_packed(bytes: &[u8]) -> Result<Standard, MountError> {
    unpack_standard(bytes).ok_or_else(|| MountError { code: "standard", message: UNREADABLE_PACKED.to_string() })
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
    setup_with(o, o.circle_json.as_deref())
}

fn setup_with(o: &MountOptions, circle_json: Option<&str>) -> Result<Setup, MountError> {
    let standard = o.standard.clone();
    let circle = match circle_json {
        // Absurd values are kept (the form lists them to correct, the others say why they
        // cannot score); only JSON that is not a circle is refused.
        Some(text) => Circle::parse_json(text).map_err(|e| MountError { code: "circle", message: e.to_string() })?,
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

/// Runs a mount inside the widget's own reactive owner, so that everything it makes (its
/// signals, the memo that scores) belongs to the widget and is disposed of with its
/// [`Mounted`] handle instead of living as long as the page.
fn owned(f: impl FnOnce() -> Result<Mounted, MountError>) -> Result<Mounted, MountError> {
    Owner::new().with(f)
}

/// The handle of a mount made inside [`owned`] (it keeps the current owner).
fn mounted(s: &Setup, handle: Box<dyn Any>) -> Mounted {
    Mounted {
        standard: s.standard,
        lang: s.lang,
        elder: s.elder,
        as_of: s.as_of,
        layout: s.layout,
        state: s.state,
        list: None,
        _handle: handle,
        _owner: Owner::current(),
    }
}

fn hook<T: 'static>(h: &Option<Hook<T>>) -> Option<Callback<T>> {
    h.clone().map(|h| Callback::new(move |v: T| h(v)))
}

/// Scores the circle of a setup; an error lists the input's problems.
fn scored(s: &Setup) -> Memo<Result<Assessment, InputError>> {
    let (standard, state, as_of) = (s.standard, s.state, s.as_of);
    Memo::new(move |_| standard.with(|st| state.circle.with(|c| score_shared(st, c, as_of.get()))))
}

/// The input's problems while it has any, the last assessment that scored (kept while it has
/// problems), and whether there is one: a widget lists the problems above its last valid view.
#[allow(clippy::type_complexity)]
fn last_valid(
    result: Memo<Result<Assessment, InputError>>,
) -> (Memo<Option<InputError>>, Memo<Option<Assessment>>, Memo<bool>) {
    let problems = Memo::new(move |_| result.with(|r| r.as_ref().err().cloned()));
    let last = Memo::new(move |prev: Option<&Option<Assessment>>| match result.get() {
        Ok(a) => Some(a),
        Err(_) => prev.cloned().flatten(),
    });
    (problems, last, Memo::new(move |_| last.with(Option::is_some)))
}

/// The input's problems; `kept`: the last valid score is shown below them; `elder`: large
/// text and high contrast, as the widget it stands in for.
fn problems_view(
    (lang, elder): (Lang, bool),
    s: (Signal<Standard>, FormState),
    e: &InputError,
    kept: bool,
) -> impl IntoView + use<> {
    let items = s.0.with_untracked(|st| {
        s.1.circle.with_untracked(|c| e.problems.iter().map(|p| problem_item(st, c, p, lang)).collect_view())
    });
    view! {
        // No alert: it is drawn again on every key typed into the form beside it, whose own
        // status says once, after typing stops, how many problems there are.
        <div class="lc-root lc-problems" class:lc-elder=elder>
            <strong>{tr(lang, "输入有误，无法评分：", "The input cannot be scored:")}</strong>
            <ul>{items}</ul>
            {kept.then(|| view! { <p>{tr(lang, "下面是上次有效的评分，修正后即更新。", "Below is the last valid score; it updates once this is corrected.")}</p> })}
        </div>
    }
}

/// Mounts the self-assessment form (`<lifecircle-assessment>`).
///
/// # Errors
/// When the standard does not resolve, the starting JSON is not a circle, or the texts not
/// stored (`typed_json`) are not as the form writes them (code `typed`).
pub fn mount_assessment(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    owned(move || {
        let s = setup(&options)?;
        let (standard, state, as_of, lang, elder) = (s.standard, s.state, s.as_of, s.lang, s.elder);
        let typed = match options.typed_json.as_deref() {
            Some(text) => state.circle.with_untracked(|c| read_typed(text, c)).map_err(|e| MountError {
                code: "typed",
                message: format!("未采用的填写内容无法读取 / the texts not taken cannot be read: {e}"),
            })?,
            None => Vec::new(),
        };
        let o = options; // moved into the view for its hooks (no copy of the standard)
        let handle = leptos::mount::mount_to(el, move || {
            view! {
                <AssessmentForm standard=standard state=state as_of=as_of lang=lang elder=elder typed=typed.clone()
                    on_change=hook(&o.on_change) on_input=hook(&o.on_input) on_typed=hook(&o.on_typed) on_submit=hook(&o.on_submit)/>
            }
        });
        Ok(mounted(&s, Box::new(handle)))
    })
}

/// Mounts the score card (`<lifecircle-scorecard>`) of the circle in the options.
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_scorecard(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    owned(move || {
        let s = setup(&options)?;
        let (standard, lang, elder) = (s.standard, s.lang, s.elder);
        let result = scored(&s);
        let on_change = options.on_change.clone();
        // One card once the circle has scored, fed each new assessment: it redraws its own
        // content and keeps the explanations being read open. While the input has problems
        // (a new facility row without its category, say) they are listed above the last valid
        // card, which says so, as the form's own score line does (`problems` changes only when
        // they do, and the card is made once).
        let (problems, last, has_last) = last_valid(result);
        let handle = leptos::mount::mount_to(el, move || {
            report_changes(result, &on_change);
            let card = move || {
                if !has_last.get() {
                    return None;
                }
                let first = last.get_untracked()?;
                // `last` keeps its value once it has one; `first` only satisfies the type.
                let a = Signal::derive(move || last.get().unwrap_or_else(|| first.clone()));
                Some(view! { <ScoreCard assessment=a lang=lang elder=elder standard=standard/> })
            };
            view! {
                {move || problems.get().map(|e| problems_view((lang.get(), elder.get()), (s.standard, s.state), &e, has_last.get()))}
                {card}
            }
        });
        Ok(mounted(&s, Box::new(handle)))
    })
}

/// Mounts the gap report (一圈一策 plan) of the circle in the options.
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_gap_report(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    owned(move || {
        let s = setup(&options)?;
        let (lang, elder) = (s.lang, s.elder);
        let result = scored(&s);
        let on_change = options.on_change.clone();
        let on_print = options.on_print.clone();
        // As the score card: while the input has problems (a facility row just added, its
        // category not chosen yet) they are listed above the last valid plan.
        let (problems, last, has_last) = last_valid(result);
        let handle = leptos::mount::mount_to(el, move || {
            report_changes(result, &on_change);
            view! {
                {move || problems.get().map(|e| problems_view((lang.get(), elder.get()), (s.standard, s.state), &e, has_last.get()))}
                {move || last.get().map(|a| view! { <GapReport assessment=a lang=lang elder=elder on_print=hook(&on_print)/> })}
            }
        });
        Ok(mounted(&s, Box::new(handle)))
    })
}

/// Mounts the guide map (`<lifecircle-guide-map>`) of the circle in the options.
///
/// # Errors
/// When the standard does not resolve or the starting JSON is not a circle.
pub fn mount_guide_map(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    owned(move || {
        let s = setup(&options)?;
        let (standard, state, lang, elder, layout) = (s.standard, s.state, s.lang, s.elder, s.layout);
        let result = scored(&s);
        let on_change = options.on_change.clone();
        let layers = options.layers.clone();
        let tiles = options.tiles.clone().filter(|t| !t.trim().is_empty());
        let tiles_credit = options.tiles_credit.clone();
        let tiles_crs = options.tiles_crs;
        // A memo: an edit that changes nothing the map shows (a household count, a checklist
        // answer) does not redraw it.
        let as_of = s.as_of;
        let kept: Kept = StoredValue::new((0, Vec::new()));
        let data = Memo::new(move |_| {
            let poster = layout.get() == Layout::A3Portrait;
            let d = standard.with(|st| {
                state.circle.with(|c| {
                    if poster && c.facilities.iter().any(is_hypothetical) {
                        // The poster that goes up in the community shows what is there: not the
                        // what-if facilities, and the types missing without them.
                        let real = as_it_is(c, kept, state.generation.get());
                        GuideMapData::from_core(st, &real, score_shared(st, &real, as_of.get()).ok().as_ref())
                    } else {
                        GuideMapData::from_core(st, c, result.get().ok().as_ref())
                    }
                })
            });
            match &layers {
                Some(l) => d.with_layers(l),
                None => d,
            }
        });
        let on_select = options.on_select.clone();
        let what_if = options.what_if.then(|| WhatIf::new(&s, kept));
        let handle = leptos::mount::mount_to(el, move || {
            report_changes(result, &on_change);
            let on_place = what_if.map(|w| Callback::new(move |p: [f64; 2]| w.place(p)));
            if let Some(w) = what_if {
                // Not on the first run: the names are already in the language of the mount.
                Effect::new(move |first: Option<()>| {
                    let l = lang.get();
                    if first.is_some() {
                        w.rename(l);
                    }
                });
            }
            view! {
                <GuideMap data=data lang=lang elder=elder layout=layout tiles=tiles.clone() tiles_crs=tiles_crs tiles_credit=tiles_credit.clone() on_select=hook(&on_select) on_place=on_place/>
                {what_if.map(|w| w.view(lang, elder))}
            }
        });
        Ok(mounted(&s, Box::new(handle)))
    })
}

/// Mounts the district dashboard (`<lifecircle-district>`): the circles in the options (a
/// JSON array) scored and summarised against the standard's targets
/// ([`lifecircle_core::district::summarise`]); with no circle yet, the targets with nothing
/// counted.
///
/// # Errors
/// When the standard does not resolve, the JSON is not a list of circles, or a reported value
/// is one the standard takes for no district target (code `bad_argument`).
pub fn mount_district(el: web_sys::HtmlElement, options: MountOptions) -> Result<Mounted, MountError> {
    owned(move || {
        let list = match options.circle_json.as_deref() {
            Some(text) => {
                Circle::parse_json_list(text).map_err(|e| MountError { code: "circle", message: e.to_string() })?
            }
            None => Vec::new(),
        };
        let s = setup_with(&options, None)?;
        let (standard, lang, elder, as_of) = (s.standard, s.lang, s.elder, s.as_of);
        let circles = RwSignal::new(list);
        // Given by the page, or typed into the board later ([`Mounted::set_communities`]).
        let communities = RwSignal::new(options.communities);
        // Reported values the standard has no such target for are refused at once, as a bad
        // option, rather than on every summary. Checked against the standard's targets with no
        // circle (`district` itself: which targets a district reports does not depend on its
        // circles), not through `summarise`, which refuses a list of none: a bad value was
        // accepted in silence then.
        let check = move |r: &[(String, f64)]| {
            standard.with_untracked(|st| {
                lifecircle_core::district::district(st, &[], as_of.get_untracked(), communities.get_untracked())
                    .check_reported(r)
            })
        };
        let problems = check(&options.reported);
        if !problems.is_empty() {
            return Err(MountError { code: "bad_argument", message: problems.join("\n") });
        }
        // The board's own inputs change them later ([`Mounted::set_reported`]).
        let reported = RwSignal::new(options.reported.clone());
        // With no circle yet (a district's page before its first file), the board shows the
        // standard's targets with nothing counted and how to add circles, not `summarise`'s
        // refusal of an empty list; the summary is not exported then (below), as the CLI and the
        // npm functions refuse to summarise no circle.
        //
        // What was read of each circle scored so far ([`Seen`]): a file added to three thousand
        // circles, or one removed, scores no circle it has seen (it re-scored them all: 6–8 s a
        // removal, performance review of 2026-12-06).
        let seen = StoredValue::new(Seen::default());
        // What is read of each circle, apart from the summary: a value the district reports or
        // its number of communities summarises the circles read already (it read each one's
        // JSON again: 3,000 circles in about 0.2 s). Always "changed": a comparison would cost
        // more than it saves.
        let reads = Memo::new_with_compare(
            move |_| {
                standard.with(|st| {
                    circles.with(|cs| {
                        let date = as_of.get();
                        let score = |c: &Circle| lifecircle_core::district::scored(st, c, date);
                        seen.try_update_value(|seen| seen.read(cs, date, score))
                            // (the widget gone meanwhile: as if nothing was seen)
                            .unwrap_or_else(|| cs.iter().map(score).collect())
                    })
                })
            },
            |_, _| true,
        );
        let summary = Memo::new(move |_| {
            standard.with(|st| {
                circles.with(|cs| {
                    let date = as_of.get();
                    let communities = communities.get();
                    let d = if cs.is_empty() {
                        Ok(lifecircle_core::district::district(st, &[], date, communities))
                    } else {
                        reads
                            .with(|read| {
                                let mut read = read.iter();
                                // (one read per circle, in order: `summarise_with` asks for each in turn)
                                lifecircle_core::district::summarise_with(st, cs, date, communities, |c| {
                                    read.next()
                                        .cloned()
                                        .unwrap_or_else(|| lifecircle_core::district::scored(st, c, date))
                                })
                            })
                            .map_err(lifecircle_core::district::Refused::into_input_error)
                    };
                    d.map(|mut d| {
                        reported.with(|r| d.apply_reported(r));
                        d
                    })
                })
            })
        });
        let list_json = move || {
            circles.with_untracked(|cs| {
                let list: Vec<String> = cs.iter().map(|c| serde_json::to_string(c).unwrap_or_default()).collect();
                crate::model::indent_json(&format!("[{}]", list.join(",")))
            })
        };
        let handle = leptos::mount::mount_to(el, move || {
            view! { <DistrictBoard summary=summary circles=circles standard=standard lang=lang elder=elder removable=true/> }
        });
        let mut m = mounted(&s, Box::new(handle));
        // The circle removed last and its place, for 撤销移除 (one step back).
        let removed = StoredValue::new(None::<(usize, Circle)>);
        m.list = Some(ListIo {
            load: Box::new(move |text| {
                circles.set(Circle::parse_json_list(text)?);
                removed.set_value(None);
                Ok(())
            }),
            check: Box::new(move |text| {
                let c = Circle::from_json(text)?;
                let date = as_of.get_untracked();
                let r = standard.with_untracked(|st| lifecircle_core::district::scored(st, &c, date));
                let out = r.as_ref().map(|_| ()).map_err(Clone::clone);
                seen.update_value(|seen| seen.remember(&c, date, r));
                out
            }),
            save: Box::new(list_json),
            // As the CLI prints it: pretty JSON (written compact, then indented the same way)
            // and a newline, or the CSV table in the widget's language.
            summary: Box::new(move |format| {
                summary.with_untracked(|r| match (r, format) {
                    // The board of no circle is no summary: refused in the core's words (code
                    // `empty`), as `lifecircle district` and the npm functions refuse it.
                    (Ok(d), _) if d.circles.is_empty() => {
                        Err(lifecircle_core::district::Refused { unscored: Vec::new(), repeated: Vec::new() }
                            .into_input_error())
                    }
                    (Ok(d), SummaryFormat::Json) => {
                        Ok(format!("{}\n", crate::model::indent_json(&serde_json::to_string(d).unwrap_or_default())))
                    }
                    (Ok(d), SummaryFormat::Csv) => Ok(lifecircle_core::table::district(d, lang.get_untracked())),
                    (Ok(d), SummaryFormat::CirclesCsv) => {
                        Ok(lifecircle_core::table::district_circles(d, lang.get_untracked()))
                    }
                    (Ok(d), SummaryFormat::TasksCsv) => {
                        Ok(lifecircle_core::table::district_tasks(d, lang.get_untracked()))
                    }
                    (Err(e), _) => Err(e.clone()),
                })
            }),
            remove: Box::new(move |i| {
                let mut name = None;
                circles.update(|cs| {
                    if i < cs.len() {
                        let c = cs.remove(i);
                        name = Some(c.name.clone());
                        removed.set_value(Some((i, c)));
                    }
                });
                name
            }),
            restore: Box::new(move || {
                let (i, c) = removed.try_update_value(Option::take).flatten()?;
                let name = c.name.clone();
                circles.update(|cs| cs.insert(i.min(cs.len()), c));
                Some(name)
            }),
            report: Box::new(move |text| {
                let r = lifecircle_core::district::parse_reported(text)?;
                let problems = check(&r);
                if !problems.is_empty() {
                    return Err(problems.join("\n"));
                }
                reported.set(r);
                Ok(())
            }),
            communities: Box::new(move |n| communities.set(n)),
        });
        Ok(m)
    })
}

/// Reports every new assessment to the host. Called inside `mount_to`, which starts the
/// executor an effect needs: made before it, on a page whose first widget is a score card, a
/// gap report or a guide map, the effect had no executor and the mount panicked.
fn report_changes(result: Memo<Result<Assessment, InputError>>, on_change: &Option<Hook<Assessment>>) {
    if let Some(cb) = on_change.clone() {
        Effect::new(move |_| {
            if let Ok(a) = result.get() {
                cb(a);
            }
        });
    }
}

/// Id prefix of the hypothetical facilities the what-if mode adds.
pub const WHAT_IF_PREFIX: &str = "whatif-";

/// A facility the what-if mode placed (not one that exists).
/// The name of hypothetical facility number `n` of category `name`, in `lang`.
fn hypothetical_name(lang: Lang, name: &str, n: u32) -> String {
    match lang {
        Lang::Zh => format!("假设 {name} #{n}"),
        Lang::En => format!("Hypothetical {name} #{n}"),
    }
}

/// The number of a hypothetical facility (`whatif-3` is 3).
fn what_if_number(f: &lifecircle_core::circle::Facility) -> Option<u32> {
    f.id.as_deref()?.strip_prefix(WHAT_IF_PREFIX)?.parse().ok()
}

pub fn is_hypothetical(f: &lifecircle_core::circle::Facility) -> bool {
    f.id.as_deref().is_some_and(|id| id.starts_with(WHAT_IF_PREFIX))
}

/// Each residential point's distances (by id) from before the first what-if facility, which
/// shortens them, with the circle's generation ([`FormState`]) they belong to.
type Kept = StoredValue<(u32, Vec<(String, lifecircle_core::sorted_map::SortedMap<f64>)>)>;

/// The circle as it is: without the what-if facilities, and with the residential points'
/// distances they shortened put back (`kept`, see [`Kept`]), when they are this circle's: a
/// circle replaced from outside since (a followed form's edit, an import) is a new generation,
/// and its points' distances are its own.
fn as_it_is(c: &Circle, kept: Kept, generation: u32) -> Circle {
    let mut real = c.clone();
    if !real.facilities.iter().any(is_hypothetical) {
        return real;
    }
    real.facilities.retain(|f| !is_hypothetical(f));
    kept.with_value(|(g, kept)| {
        if let (true, Some(w)) = (*g == generation, real.walking.as_mut()) {
            for o in &mut w.origins {
                if let Some((_, m)) = kept.iter().find(|(id, _)| *id == o.id) {
                    o.nearest_m = m.clone();
                }
            }
        }
    });
    real
}

/// The walk from `from` to `to` for a hypothetical facility: the straight line times the
/// detour factor (on a straight-line basis the core applies the factor itself), to 0.1 m.
fn walk_between(c: &Circle, from: [f64; 2], to: [f64; 2], detour: f64) -> f64 {
    let straight = c.walking.as_ref().is_some_and(|w| w.basis == lifecircle_core::circle::Basis::StraightLine);
    let line = lifecircle_core::access::haversine_m(from, to);
    ((if straight { line } else { line * detour }) * 10.0).round() / 10.0
}

/// A hypothetical facility of category `code` at `p` shortens the walks of the residential
/// points with a location that it is nearer to than their nearest of that category.
fn reach_origins(c: &mut Circle, code: &str, p: [f64; 2], detour: f64) {
    let walks: Vec<Option<f64>> = c
        .walking
        .as_ref()
        .map(|w| w.origins.iter().map(|o| o.location.map(|at| walk_between(c, at, p, detour))).collect())
        .unwrap_or_default();
    if let Some(w) = c.walking.as_mut() {
        for (o, m) in w.origins.iter_mut().zip(walks) {
            if let Some(m) = m
                && o.nearest_m.get(code).is_none_or(|&d| m < d)
            {
                o.nearest_m.insert(code.to_string(), m);
            }
        }
    }
}

/// The guide map's what-if mode: while on, a click on the map adds a hypothetical facility of
/// the chosen category to the circle, and the circle is scored again through the core. Its
/// walk from the centre, and from each residential point with a location (which it shortens
/// when nearer than that point's nearest of the category, so coverage can change), is the
/// straight line times the standard's detour factor (no network walk in the browser); the
/// panel says so.
#[derive(Clone, Copy)]
struct WhatIf {
    kept: Kept,
    standard: Signal<Standard>,
    state: FormState,
    as_of: RwSignal<Date>,
    on: RwSignal<bool>,
    category: RwSignal<String>,
    lang: RwSignal<Lang>,
}

impl WhatIf {
    fn new(s: &Setup, kept: Kept) -> WhatIf {
        let first = s.standard.with_untracked(|st| {
            distance_categories(st).into_iter().next().or_else(|| st.categories.first().map(|c| c.code.clone()))
        });
        WhatIf {
            kept,
            standard: s.standard,
            state: s.state,
            as_of: s.as_of,
            on: RwSignal::new(false),
            category: RwSignal::new(first.unwrap_or_default()),
            lang: s.lang,
        }
    }

    /// Names the hypothetical facilities again in `lang` (they are the panel's own, not a
    /// user's words): after a language switch the list and the map speak one language.
    fn rename(&self, lang: Lang) {
        if !self.state.circle.with_untracked(|c| c.facilities.iter().any(is_hypothetical)) {
            return;
        }
        self.standard.with_untracked(|st| {
            self.state.circle.update(|c| {
                for f in c.facilities.iter_mut().filter(|f| is_hypothetical(f)) {
                    if let (Some(n), Some(cat)) = (what_if_number(f), st.category(&f.category)) {
                        f.name = hypothetical_name(lang, cat.name.get(lang), n);
                    }
                }
            });
        });
    }

    fn detour(&self) -> f64 {
        self.standard.with_untracked(|st| st.param("detour_factor").map_or(1.0, |p| p.value))
    }

    fn place(&self, p: [f64; 2]) {
        if !self.on.get_untracked() {
            return;
        }
        let code = self.category.get_untracked();
        let lang = self.lang.get_untracked();
        let Some(name) = self.standard.with_untracked(|st| st.category(&code).map(|c| c.name.get(lang).to_string()))
        else {
            return;
        };
        let detour = self.detour();
        let (kept, generation) = (self.kept, self.state.generation.get_untracked());
        self.state.circle.update(|c| {
            // The next number not taken (a circle loaded with what-if facilities has some).
            let n = c.facilities.iter().filter_map(what_if_number).max().unwrap_or(0) + 1;
            let Some(centre) = c.location.as_ref().map(|l| l.centre) else { return };
            let walk = walk_between(c, centre, p, detour);
            if !c.facilities.iter().any(is_hypothetical)
                && let Some(w) = &c.walking
            {
                kept.set_value((generation, w.origins.iter().map(|o| (o.id.clone(), o.nearest_m.clone())).collect()));
            }
            reach_origins(c, &code, p, detour);
            c.facilities.push(lifecircle_core::circle::Facility {
                id: Some(format!("{WHAT_IF_PREFIX}{n}")),
                category: code,
                // Named in the language of the moment, and again when it changes (`rename`).
                name: hypothetical_name(lang, &name, n),
                location: Some(p),
                chain: false,
                brand: None,
                floor_area_m2: None,
                hours: None,
                status: lifecircle_core::circle::Status::Open,
                walk_m: Some(walk),
            });
        });
    }

    /// Takes one hypothetical facility away: the points' own distances back, then those of
    /// the hypothetical facilities that stay.
    fn remove(&self, id: &str) {
        let (kept, detour, generation) = (self.kept, self.detour(), self.state.generation.get_untracked());
        self.state.circle.update(|c| {
            let stay: Vec<_> =
                c.facilities.iter().filter(|f| is_hypothetical(f) && f.id.as_deref() != Some(id)).cloned().collect();
            *c = as_it_is(c, kept, generation);
            for f in stay {
                if let Some(p) = f.location {
                    reach_origins(c, &f.category, p, detour);
                }
                c.facilities.push(f);
            }
        });
    }

    fn clear(&self) {
        let (kept, generation) = (self.kept, self.state.generation.get_untracked());
        self.state.circle.update(|c| {
            if c.facilities.iter().any(is_hypothetical) {
                *c = as_it_is(c, kept, generation);
            }
        });
    }

    fn view(self, lang: RwSignal<Lang>, elder: RwSignal<bool>) -> impl IntoView {
        let w = self;
        let base = Memo::new(move |_| {
            w.standard.with(|st| {
                w.state.circle.with(|c| {
                    let c = as_it_is(c, w.kept, w.state.generation.get());
                    score_shared(st, &c, w.as_of.get()).ok().map(|a| a.total)
                })
            })
        });
        let now = Memo::new(move |_| {
            w.standard.with(|st| w.state.circle.with(|c| score_shared(st, c, w.as_of.get()).ok().map(|a| a.total)))
        });
        // Each placed facility with its walk, and whether that is beyond the circle's reach
        // (then it is not the circle's and earns nothing, as the score says).
        let placed = move || {
            w.standard.with(|st| {
                w.state.circle.with(|c| {
                    let reach = lifecircle_core::score::reach(st, c);
                    c.facilities
                        .iter()
                        .filter(|f| is_hypothetical(f))
                        .map(|f| {
                            let m = f.walk_m.unwrap_or(0.0);
                            (f.id.clone().unwrap_or_default(), f.name.clone(), m, reach.filter(|r| m > *r))
                        })
                        .collect::<Vec<_>>()
                })
            })
        };
        let options = move || {
            let l = lang.get();
            w.standard.with(|st| {
                let mut codes = distance_categories(st);
                for c in &st.categories {
                    if !codes.contains(&c.code) {
                        codes.push(c.code.clone());
                    }
                }
                codes
                    .into_iter()
                    .filter_map(|code| st.category(&code).map(|c| (code, c.name.get(l).to_string())))
                    .map(|(code, name)| {
                        let selected = w.category.get_untracked() == code;
                        view! { <option value=code selected=selected>{name}</option> }
                    })
                    .collect_view()
            })
        };
        let uid = format!("lc-whatif-{}", WHATIF_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let (toggle_id, cat_id) = (format!("{uid}-on"), format!("{uid}-cat"));
        let basis = move || {
            let d = lifecircle_core::score::fmt_num(w.detour());
            match lang.get() {
                Lang::Zh => {
                    format!(
                        "到假设设施的步行距离按直线距离 × 绕行系数 {d} 估算（未沿路网测量），仅供比较：从中心如此，从标有位置的居民点也如此，覆盖率可能随之变化；未标位置的居民点，其步行距离不变。"
                    )
                }
                Lang::En => format!(
                    "Walks to a hypothetical facility are the straight line × detour factor {d} (not measured on the streets), for comparison only: from the centre, and from each residential point with a location, so coverage can change; points without a location keep their walks."
                ),
            }
        };
        // Said once when a hypothetical facility is placed or removed, not on every edit of the
        // form the map follows (the score line itself is no live region).
        let said = RwSignal::new(String::new());
        let count =
            Memo::new(move |_| w.state.circle.with(|c| c.facilities.iter().filter(|f| is_hypothetical(f)).count()));
        Effect::new(move |prev: Option<usize>| {
            let n = count.get();
            if prev.is_some_and(|p| p != n) {
                let fmt = |v: Option<f64>| v.map_or_else(|| "—".to_string(), lifecircle_core::score::fmt_num);
                let (b, t) = (base.get_untracked(), now.get_untracked());
                said.set(match (lang.get_untracked(), n) {
                    (Lang::Zh, 0) => format!("已清除假设设施：得分 {}", fmt(b)),
                    (Lang::En, 0) => format!("Hypothetical facilities cleared: score {}", fmt(b)),
                    (Lang::Zh, _) => format!("假设新增 {n} 处设施：得分 {}（现状 {}）", fmt(t), fmt(b)),
                    (Lang::En, _) => format!("Hypothetical facilities placed: {n}; score {} (now {})", fmt(t), fmt(b)),
                });
            }
            n
        });
        let scores = move || {
            let l = lang.get();
            let fmt = |v: Option<f64>| v.map_or_else(|| "—".to_string(), lifecircle_core::score::fmt_num);
            let (b, n) = (base.get(), now.get());
            let d = match (b, n) {
                (Some(b), Some(n)) => crate::model::delta(Some(b), n).map(crate::model::fmt_delta).unwrap_or_default(),
                _ => String::new(),
            };
            view! {
                <p class="lc-whatif-score">
                    {tr(l, "现状得分 ", "Score now ")}<strong class="lc-whatif-base">{fmt(b)}</strong>
                    {tr(l, " → 假设后 ", " → with the hypothetical facilities ")}
                    // (the change on the total's line: ±0 wrapped alone onto the next, on a phone)
                    <span class="lc-nowrap"><strong class="lc-whatif-total">{fmt(n)}</strong>" "<span class="lc-delta">{d}</span></span>
                </p>
            }
        };
        view! {
            // While placing, the score line keeps to the bottom of the window (`lc-placing`): on a
            // phone the poster is a screen and more tall, and she tapped the map, then scrolled
            // down to see what it did, and back up to tap again.
            <section class="lc-root lc-whatif" class:lc-elder=move || elder.get() class:lc-placing=move || w.on.get()
                aria-label=move || tr(lang.get(), "如果……会怎样", "What if")>
                <h3>{move || tr(lang.get(), "如果……会怎样（假设新增设施）", "What if: a hypothetical facility")}</h3>
                <div class="lc-field">
                    <input type="checkbox" id=toggle_id.clone() prop:checked=move || w.on.get()
                        on:change=move |ev| w.on.set(event_target_checked(&ev))/>
                    <label for=toggle_id>{move || tr(lang.get(), "开启：点击地图（或在地图上按回车）放置假设设施", "On: click the map (or press Enter on it) to place a facility")}</label>
                </div>
                <div class="lc-field">
                    <label for=cat_id.clone()>{move || tr(lang.get(), "假设设施的业态", "Category of the facility")}</label>
                    <select id=cat_id on:change=move |ev| w.category.set(event_target_value(&ev))>{options}</select>
                </div>
                <p class="lc-note">{basis}</p>
                // Without a centre there is nothing to measure a walk from: a click would do
                // nothing, so say why before anyone clicks.
                {move || w.state.circle.with(|c| c.location.is_none()).then(|| view! {
                    <p class="lc-note lc-whatif-nocentre" role="status">
                        {tr(lang.get(), "此生活圈尚未填写中心坐标，无法估算到假设设施的步行距离：请先在自评表中填写中心经纬度。",
                            "This circle has no centre yet, so walks to a hypothetical facility cannot be estimated: enter the centre's longitude and latitude in the form first.")}
                    </p>
                })}
                // Coverage comes from the residential points' walks: none located, a hypothetical
                // facility cannot move it (a reviewer placed a supermarket and saw ±0).
                {move || w.state.circle.with(|c| {
                    c.walking.as_ref().is_some_and(|wk| !wk.origins.is_empty() && wk.origins.iter().all(|o| o.location.is_none()))
                }).then(|| view! {
                    <p class="lc-note lc-whatif-nopoints">
                        {tr(lang.get(), "本圈的居民点都未标位置：覆盖率按自评表中填写的步行距离计算，假设设施不会改变覆盖率。",
                            "No residential point of this circle has a location: coverage comes from the walks given in the form, and a hypothetical facility cannot change it.")}
                    </p>
                })}
                {scores}
                <p class="lc-sr" role="status">{move || said.get()}</p>
                <ul class="lc-whatif-list">
                    {move || placed().into_iter().map(|(id, name, m, beyond)| {
                        let l = lang.get();
                        let label = match l {
                            Lang::Zh => format!("移除“{name}”"),
                            Lang::En => format!("Remove “{name}”"),
                        };
                        let fmt = lifecircle_core::score::fmt_num;
                        let beyond = beyond.map(|r| match l {
                            Lang::Zh => format!("超出本圈步行范围（约 {} 米），不计分 ", fmt(r.round())),
                            Lang::En => format!("beyond the circle's walk (about {} m): earns nothing ", fmt(r.round())),
                        });
                        view! {
                            <li>
                                {format!("{name} · {} {} ", fmt(m), tr(l, "米", "m"))}
                                {beyond.map(|b| view! { <strong class="lc-whatif-beyond">{b}</strong> })}
                                <button type="button" class="lc-quiet" aria-label=label on:click=move |_| w.remove(&id)>
                                    {tr(l, "移除", "Remove")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="button" class="lc-quiet lc-whatif-clear" on:click=move |_| w.clear()>
                    {move || tr(lang.get(), "清除全部假设设施", "Remove all hypothetical facilities")}
                </button>
            </section>
        }
    }
}

static WHATIF_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

#[cfg(test)]
mod tests {
    use super::*;
    use lifecircle_core::district::{scored, summarise, summarise_with};
    use lifecircle_tests::district::{AS_OF, COMMUNITIES, STANDARD, circles};

    /// The dashboard's memory scores a circle once per date: the same list again scores none,
    /// a circle changed scores that one, another date scores them all; and every summary is
    /// `summarise`'s of the list as it is.
    #[test]
    fn a_circle_is_scored_once_a_date() {
        let st = lifecircle_core::load_builtin(STANDARD).unwrap();
        let cs = circles();
        let mut changed = cs.clone();
        changed[1].population = changed[1].population.map(|p| p + 1000.0);
        let later: Date = "2026-06-30".parse().unwrap();
        let on: Date = AS_OF.parse().unwrap();
        let mut seen = Seen::default();
        for (list, date, scores) in
            // (the memory is of the last list: the edit undone scores its circle again)
            [
                (&cs, on, 3),
                (&cs, on, 0),
                (&changed, on, 1),
                (&cs, on, 1),
                (&cs, later, 3),
                (&cs[..2].to_vec(), later, 0),
            ]
        {
            let mut n = 0;
            let read = seen.read(list, date, |c| {
                n += 1;
                scored(&st, c, date)
            });
            assert_eq!(n, scores, "{} circles on {date}", list.len());
            let mut read = read.into_iter();
            let got = summarise_with(&st, list, date, Some(COMMUNITIES), |_| read.next().expect("one a circle"));
            assert_eq!(got, summarise(&st, list, date, Some(COMMUNITIES)));
        }
    }
}
